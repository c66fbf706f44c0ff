import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { Queue, RepeatOptions } from 'bullmq';

const KEEP_MS = 5_000;

/**
 * Repeatable jobs (sweeper, digests, housekeeping) are BullMQ job schedulers, which live in Redis.
 * A Redis that lost its data (restarted without persistence, flushed) would silently stop them, so
 * the worker upserts every scheduler again every few seconds: idempotent, by scheduler id.
 */
@Injectable()
export class JobSchedules implements OnApplicationShutdown {
  private readonly logger = new Logger(JobSchedules.name);
  private readonly kept = new Map<string, () => Promise<unknown>>();
  private timer: NodeJS.Timeout | null = null;

  /** Creates (or updates) the scheduler now and keeps it alive. */
  async keep(queue: Queue, id: string, repeat: Omit<RepeatOptions, 'key'>, template: { name: string; data: object }) {
    const upsert = () => queue.upsertJobScheduler(id, repeat, template);
    this.kept.set(`${queue.name}/${id}`, upsert);
    this.timer ??= setInterval(() => void this.refresh(), KEEP_MS);
    await upsert();
  }

  onApplicationShutdown() {
    if (this.timer) clearInterval(this.timer);
  }

  private async refresh() {
    for (const [key, upsert] of this.kept) {
      await upsert().catch((e) => this.logger.warn({ err: e, scheduler: key }, 'could not refresh job scheduler'));
    }
  }
}
