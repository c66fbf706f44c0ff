import type { DataSource, EntityManager } from 'typeorm';
import { JOBS, type JobName, type JobPayloads } from '../queue/queue.registry.js';

/** An outbox row as the relay and the reconciler send it. */
export interface OutboxRow {
  id: string;
  queue: string;
  job_name: JobName;
  job_id: string;
  payload: Record<string, unknown>;
  delay_ms: number;
}

/**
 * Writes an outbox row inside the caller's transaction: the job exists if and only if the change
 * commits. `jobId` must be deterministic (the same work, the same id), so that a row relayed twice
 * is still one job.
 */
export async function enqueueAfterCommit<N extends JobName>(m: EntityManager, name: N, payload: JobPayloads[N], jobId: string, delayMs = 0): Promise<void> {
  const job = Object.values(JOBS).find((j) => j.name === name)!;
  // One round trip: the row, and the NOTIFY that wakes the relay at once instead of at its next
  // poll (PostgreSQL sends one notice per transaction for any number of these).
  await m.query(
    `WITH ins AS (INSERT INTO outbox_message (queue, job_name, job_id, payload, delay_ms) VALUES ($1, $2, $3, $4, $5) RETURNING id)
     SELECT pg_notify('outbox', '') FROM ins`,
    [job.queue, name, jobId, JSON.stringify(payload), Math.max(0, Math.round(delayMs))],
  );
}

/**
 * Runs a tracked job's effects at most once: in one transaction it locks the job's outbox row,
 * does nothing when the row is already done (a duplicate from the reconciler, a stalled job run
 * again), else runs `work` and marks the row done with it. Without an outbox id (a job added by
 * hand) `work` runs unguarded and must be idempotent on its own, as every consumer is.
 */
export async function consumeOnce<T>(db: DataSource, outboxId: string | undefined, work: (m: EntityManager) => Promise<T>): Promise<T | { skipped: 'done' }> {
  return db.transaction(async (m) => {
    if (outboxId) {
      const [row] = await m.query(`SELECT done_at AS "doneAt" FROM outbox_message WHERE id = $1 FOR UPDATE`, [outboxId]);
      if (row?.doneAt) return { skipped: 'done' as const };
    }
    const result = await work(m);
    if (outboxId) await m.query(`UPDATE outbox_message SET done_at = now() WHERE id = $1`, [outboxId]);
    return result;
  });
}
