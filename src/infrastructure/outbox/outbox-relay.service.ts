import { getQueueToken } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { Queue } from 'bullmq';
import pg from 'pg';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../config/config.module.js';
import { Reconciliation } from '../reconcile/reconciliation.service.js';
import type { OutboxRow } from './outbox.js';
import { OutboxReconciler } from './outbox-reconciler.js';
import { withTimeout } from '../queue/job-state.js';
import { JOB_OPTIONS_BY_NAME, QUEUES, TRACKED_JOBS } from '../queue/queue.registry.js';

const BATCH = 200;
const POLL_MS = 1_000;

/**
 * Moves committed outbox rows to BullMQ, oldest first, in the worker process. Woken by
 * NOTIFY outbox (written with every row) and by a 1 s poll. Rows are claimed with
 * FOR UPDATE SKIP LOCKED, so several worker copies share the work. When Redis does not take a
 * job the row stays pending and is tried again: nothing is lost; the deterministic job id keeps a
 * row relayed twice to one job.
 */
@Injectable()
export class OutboxRelay implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly queues = new Map<string, Queue>();
  private listener: pg.Client | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private again = false;
  private stopped = false;

  constructor(
    private readonly db: DataSource,
    private readonly moduleRef: ModuleRef,
    @InjectConfig() private readonly config: AppConfig,
    private readonly reconciliation: Reconciliation,
  ) {}

  queue(name: string): Queue | undefined {
    return this.queues.get(name);
  }

  async onApplicationBootstrap() {
    for (const name of Object.values(QUEUES)) this.queues.set(name, this.moduleRef.get<Queue>(getQueueToken(name), { strict: false }));
    this.reconciliation.register(new OutboxReconciler(this.db, this, this.config.reconcile.staleMs));
    await this.listen();
    this.timer = setInterval(() => this.kick(), POLL_MS);
    this.kick();
  }

  async onApplicationShutdown() {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.listener?.end().catch(() => undefined);
    while (this.running) await new Promise((r) => setTimeout(r, 50));
  }

  /** Runs a relay pass now, or right after the one in progress. */
  kick() {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    void this.drain()
      .catch((e) => this.logger.warn({ err: e }, 'outbox relay pass failed'))
      .finally(() => {
        this.running = false;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Relays batches until nothing is pending or a job could not be added. */
  private async drain() {
    for (;;) {
      const { relayed, blocked } = await this.pass();
      if (blocked || relayed < BATCH) return;
    }
  }

  private async pass(): Promise<{ relayed: number; blocked: boolean }> {
    return this.db.transaction(async (m) => {
      const rows: OutboxRow[] = await m.query(
        `SELECT id, queue, job_name, job_id, payload, delay_ms FROM outbox_message
          WHERE dispatched_at IS NULL ORDER BY id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`,
      );
      const done: string[] = [];
      let blocked = false;
      // One round-trip per queue (addBulk), in order of first appearance.
      const byQueue = new Map<string, OutboxRow[]>();
      for (const row of rows) byQueue.set(row.queue, [...(byQueue.get(row.queue) ?? []), row]);
      for (const [queue, batch] of byQueue) {
        try {
          await this.addAll(queue, batch);
          done.push(...batch.map((r) => r.id));
        } catch (e) {
          blocked = true;
          const pending = rows.filter((r) => !done.includes(r.id)).map((r) => r.id);
          await m.query(`UPDATE outbox_message SET attempts = attempts + 1, last_error = $2 WHERE id = ANY($1::bigint[])`, [
            pending,
            String((e as Error).message).slice(0, 1000),
          ]);
          break;
        }
      }
      // An untracked job is done once Redis has it; a tracked one when its consumer says so.
      if (done.length) {
        await m.query(
          `UPDATE outbox_message SET dispatched_at = now(), done_at = CASE WHEN job_name = ANY($2::text[]) THEN NULL ELSE now() END
            WHERE id = ANY($1::bigint[])`,
          [done, [...TRACKED_JOBS]],
        );
      }
      return { relayed: done.length, blocked };
    });
  }

  /** Adds the rows' jobs in one round trip; each job carries its outbox row's id (for consumeOnce). */
  async addAll(name: string, rows: OutboxRow[]) {
    const queue = this.queues.get(name);
    if (!queue) throw new Error(`unknown queue ${name}`);
    const adding = queue.addBulk(
      rows.map((r) => ({
        name: r.job_name,
        data: { ...r.payload, outboxId: r.id },
        opts: { ...JOB_OPTIONS_BY_NAME[r.job_name], jobId: r.job_id, delay: r.delay_ms || undefined },
      })),
    );
    await withTimeout(adding, 'Redis did not take the jobs in time');
  }

  /** LISTEN on a connection of its own; if it drops, the poll still relays and we reconnect. */
  private async listen() {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.config.database.url, application_name: 'concern-desk-outbox' });
    client.on('notification', () => this.kick());
    client.on('error', () => {
      this.listener = null;
      setTimeout(() => void this.listen().catch(() => undefined), 2_000);
    });
    try {
      await client.connect();
      await client.query('LISTEN outbox');
      this.listener = client;
    } catch (e) {
      this.logger.warn({ err: e }, 'outbox LISTEN unavailable; polling only');
      setTimeout(() => void this.listen().catch(() => undefined), 5_000);
    }
  }
}
