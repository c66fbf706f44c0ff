import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { LIVE_JOB_STATES, withTimeout } from '../../infrastructure/queue/job-state.js';
import { QUEUES } from '../../infrastructure/queue/queue.registry.js';
import { type Reconciler, Reconciliation } from '../../infrastructure/reconcile/reconciliation.service.js';
import { addSendJobs, deliveryJobIds } from './delivery.js';

/** Rows looked at per pass and per kind: a pass stays short however large the backlog. */
const BATCH = 500;

/**
 * PostgreSQL re-derives the e-mail work Redis lost (called by the worker's Reconciliation loop,
 * one worker copy at a time):
 * (a) SENDING rows older than NOTIFY_SENDING_STALE_MS: the attempt died (a crash mid-SMTP). Back to
 *     QUEUED, due now, resends + 1: the message may have been delivered before the crash, so this
 *     is the one place a second copy can come from (same Message-ID).
 * (b) QUEUED rows due more than RECONCILE_STALE_MS ago whose job BullMQ no longer holds (a Redis
 *     that restarted empty, a job add that timed out): a new job under a new id.
 */
@Injectable()
export class DeliveryReconciler implements Reconciler, OnModuleInit {
  readonly name = 'notifications';
  private readonly logger = new Logger(DeliveryReconciler.name);
  /** Where the last (b) scan stopped, so that rows whose jobs are merely waiting do not hide lost ones behind them. */
  private cursor: { at: string; id: string } | null = null;

  constructor(
    private readonly db: DataSource,
    @InjectConfig() private readonly config: AppConfig,
    @InjectQueue(QUEUES.notifications) private readonly queue: Queue,
    private readonly reconciliation: Reconciliation,
  ) {}

  onModuleInit() {
    this.reconciliation.register(this);
  }

  async reconcile(): Promise<number> {
    // Nothing can be handed to a Redis that is not there; commands would only pile up in the client.
    const client = await withTimeout(this.queue.getBackend().client, 'Redis not reachable');
    if (client.status !== 'ready') return 0;
    return (await this.resendUnfinished()) + (await this.requeueLost());
  }

  private async resendUnfinished(): Promise<number> {
    // TypeORM answers an UPDATE with [rows, count].
    const [rows]: [Array<{ id: string; jobId: string }>, number] = await this.db.query(
      `UPDATE notification n
          SET status = 'QUEUED', next_attempt_at = now(), sending_since = NULL, resends = resends + 1,
              job_id = 'email-' || id || '-a' || (attempts + 1) || '-resend'
        WHERE n.id IN (SELECT id FROM notification
                        WHERE status = 'SENDING' AND sending_since < now() - $1::float8 * interval '1 millisecond'
                        ORDER BY sending_since LIMIT ${BATCH} FOR UPDATE SKIP LOCKED)
          AND n.status = 'SENDING'
        RETURNING n.id, n.job_id AS "jobId"`,
      [this.config.notifications.sendingStaleMs],
    );
    if (!rows.length) return 0;
    this.logger.warn({ n: rows.length }, 'e-mail attempts found unfinished (a crash?): sending them again');
    await addSendJobs(
      this.queue,
      rows.map((r) => ({ notificationId: r.id, jobId: r.jobId })),
    );
    return rows.length;
  }

  private async requeueLost(): Promise<number> {
    const rows: Array<{ id: string; attempts: number; jobId: string; at: string }> = await this.db.query(
      `SELECT id, attempts, coalesce(job_id, 'email-' || id) AS "jobId", next_attempt_at::text AS at
         FROM notification
        WHERE status = 'QUEUED' AND next_attempt_at < now() - $1::float8 * interval '1 millisecond'
          AND ($2::timestamptz IS NULL OR (next_attempt_at, id) > ($2::timestamptz, $3::uuid))
        ORDER BY next_attempt_at, id
        LIMIT ${BATCH}`,
      [this.config.reconcile.staleMs, this.cursor?.at ?? null, this.cursor?.id ?? null],
    );
    this.cursor = rows.length === BATCH ? { at: rows[rows.length - 1].at, id: rows[rows.length - 1].id } : null;
    if (!rows.length) return 0;

    const states = await withTimeout(Promise.all(rows.map((r) => this.queue.getJobState(r.jobId))), 'Redis did not answer in time');
    const lost = rows.filter((_, i) => !LIVE_JOB_STATES.has(states[i]));
    if (!lost.length) return 0;

    // The row names its new job first (only if no attempt moved it meanwhile); the job follows.
    const [renamed]: [Array<{ id: string; jobId: string }>, number] = await this.db.query(
      `UPDATE notification n SET job_id = t.job_id
         FROM unnest($1::uuid[], $2::int[], $3::text[]) AS t(id, attempts, job_id)
        WHERE n.id = t.id AND n.status = 'QUEUED' AND n.attempts = t.attempts
        RETURNING n.id, n.job_id AS "jobId"`,
      [lost.map((r) => r.id), lost.map((r) => r.attempts), lost.map((r) => deliveryJobIds.recovered(r.id))],
    );
    await addSendJobs(
      this.queue,
      renamed.map((r) => ({ notificationId: r.id, jobId: r.jobId })),
    );
    return renamed.length;
  }
}
