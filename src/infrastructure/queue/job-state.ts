import type { JobState } from 'bullmq';

/** BullMQ states in which a job will still run by itself; any other (or none) means Redis lost it or it ended. */
export const LIVE_JOB_STATES: ReadonlySet<JobState | 'unknown'> = new Set(['waiting', 'delayed', 'active', 'prioritized', 'waiting-children']);

/** How long Redis may take to answer before the caller leaves the work to PostgreSQL (and the reconciler). */
export const REDIS_TIMEOUT_MS = 5_000;

/** `p`, or a rejection after `ms`: a dead Redis (maxRetriesPerRequest: null) would otherwise hold the caller for good. */
export async function withTimeout<T>(p: Promise<T>, message: string, ms = REDIS_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([p, new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(message)), ms)))]);
  } finally {
    clearTimeout(timer);
  }
}
