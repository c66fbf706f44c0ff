import type { EntityManager } from 'typeorm';
import { JOBS, type JobName, type JobPayloads } from '../queue/queue.registry.js';

/**
 * Writes an outbox row inside the caller's transaction: the job exists if and only if the change
 * commits. `jobId` must be deterministic (the same work, the same id), so that a row relayed twice
 * is still one job.
 */
export async function enqueueAfterCommit<N extends JobName>(
  m: EntityManager,
  name: N,
  payload: JobPayloads[N],
  jobId: string,
  delayMs = 0,
): Promise<void> {
  const job = Object.values(JOBS).find((j) => j.name === name)!;
  await m.query(`INSERT INTO outbox_message (queue, job_name, job_id, payload, delay_ms) VALUES ($1, $2, $3, $4, $5)`, [
    job.queue,
    name,
    jobId,
    JSON.stringify(payload),
    Math.max(0, Math.round(delayMs)),
  ]);
  // Wakes the relay at once instead of at its next poll.
  await m.query(`SELECT pg_notify('outbox', '')`);
}
