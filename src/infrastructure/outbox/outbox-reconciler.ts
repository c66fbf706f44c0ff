import type { DataSource } from 'typeorm';
import type { Reconciler } from '../reconcile/reconciliation.service.js';
import type { Queue } from 'bullmq';
import { LIVE_JOB_STATES, withTimeout } from '../queue/job-state.js';
import type { OutboxRow } from './outbox.js';

/** What the reconciler needs of the relay: its queues, and adding rows' jobs the way the relay does. */
export interface OutboxSender {
  queue(name: string): Queue | undefined;
  addAll(queue: string, rows: OutboxRow[]): Promise<void>;
}

const BATCH = 500;

/**
 * Tracked outbox rows that were dispatched but whose consumer never marked them done: Redis lost
 * the job (restarted empty, flushed), or the job failed its every attempt. Unless BullMQ still
 * holds the job in a state where it will run, the row is sent again under a new id (`jobId.rN`;
 * BullMQ ignores an id it still holds as completed or failed). The consumer's consumeOnce makes a
 * late original and its resend one effect. A row that keeps failing is sent again less and less
 * often (the staleness doubles with each resend, up to 1,024 times), never dropped.
 */
export class OutboxReconciler implements Reconciler {
  readonly name = 'outbox';

  constructor(
    private readonly db: DataSource,
    private readonly relay: OutboxSender,
    private readonly staleMs: number,
  ) {}

  async reconcile(): Promise<number> {
    const rows: Array<OutboxRow & { redispatches: number }> = await this.db.query(
      `SELECT id, queue, job_name, job_id, payload, 0 AS delay_ms, redispatches FROM outbox_message
        WHERE dispatched_at IS NOT NULL AND done_at IS NULL
          AND dispatched_at < now() - make_interval(secs => $1::float8 / 1000 * power(2, least(redispatches, 10)))
        ORDER BY dispatched_at LIMIT ${BATCH}`,
      [this.staleMs],
    );
    let resent = 0;
    for (const row of rows) {
      const queue = this.relay.queue(row.queue);
      if (!queue) continue;
      const live = row.redispatches ? `${row.job_id}.r${row.redispatches}` : row.job_id;
      if (LIVE_JOB_STATES.has(await withTimeout(queue.getJobState(live), 'Redis did not answer in time'))) continue;
      const next = row.redispatches + 1;
      await this.relay.addAll(row.queue, [{ ...row, job_id: `${row.job_id}.r${next}` }]);
      await this.db.query(`UPDATE outbox_message SET redispatches = $2, dispatched_at = now() WHERE id = $1 AND done_at IS NULL`, [row.id, next]);
      resent++;
    }
    return resent;
  }
}
