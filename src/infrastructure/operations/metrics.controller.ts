import { getQueueToken } from '@nestjs/bullmq';
import { Controller, Get, Header, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { Public } from '../http/public.js';
import { QUEUES } from '../queue/queue.registry.js';
import { escalationsTotal, notificationResends, notificationsByStatus, outboxPending, queueDepth, queueUp, registry } from './metrics.js';

/** How long a scrape waits for Redis: BullMQ's connection queues commands while Redis is down rather than failing them. */
const QUEUE_READ_TIMEOUT_MS = 1000;

@Injectable()
export class MetricsService {
  private readonly seenStatuses = new Set(['QUEUED', 'SENDING', 'SENT', 'FAILED']);

  constructor(
    private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** Refreshes the gauges that are read from Redis and PostgreSQL, then renders every metric. */
  async render(): Promise<string> {
    await Promise.all([this.queues(), this.database()]).catch(() => undefined);
    return registry.metrics();
  }

  /** Each queue's depth, or queue_up 0 when Redis does not answer within a second: a scrape never hangs on Redis. */
  private async queues() {
    await Promise.all(
      Object.values(QUEUES).map(async (name) => {
        const queue = this.moduleRef.get<Queue>(getQueueToken(name), { strict: false });
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), QUEUE_READ_TIMEOUT_MS)));
        try {
          const counts = await Promise.race([queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed'), timeout]);
          for (const [state, n] of Object.entries(counts)) queueDepth.set({ queue: name, state }, n);
          queueUp.set({ queue: name }, 1);
        } catch {
          queueUp.set({ queue: name }, 0);
        } finally {
          clearTimeout(timer);
        }
      }),
    );
  }

  private async database() {
    const [notices, escalations, [outbox]] = await Promise.all([
      // One scan for both: the count by status and the resends total.
      this.db.query(`SELECT status, count(*)::int AS n, coalesce(sum(resends), 0)::int AS resends FROM notification GROUP BY status`),
      this.db.query(`SELECT payload->>'level' AS level, count(*)::int AS n FROM case_event WHERE type = 'ESCALATED' GROUP BY 1`),
      // Not relayed yet, or relayed to a consumer that has not done its work.
      this.db.query(`SELECT count(*)::int AS n FROM outbox_message WHERE dispatched_at IS NULL OR done_at IS NULL`),
    ]);
    // The statuses come from the rows (infrastructure knows no module's enum); one seen before and gone now reads 0.
    for (const r of notices) this.seenStatuses.add(r.status);
    for (const s of this.seenStatuses) notificationsByStatus.set({ status: s }, notices.find((r: { status: string }) => r.status === s)?.n ?? 0);
    notificationResends.set(notices.reduce((sum: number, r: { resends: number }) => sum + r.resends, 0));
    for (const r of escalations) escalationsTotal.set({ level: r.level }, r.n);
    outboxPending.set(outbox.n);
  }
}

@ApiExcludeController()
@Controller({ path: 'metrics' })
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  /** Prometheus text format. @Public for the bearer guard: guardAdminSurfaces asks for METRICS_TOKEN or an admin's Basic credentials. */
  @Get()
  @Public()
  @Header('content-type', registry.contentType)
  render() {
    return this.metrics.render();
  }
}
