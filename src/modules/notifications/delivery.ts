import type { Queue } from 'bullmq';
import { withTimeout } from '../../infrastructure/queue/job-state.js';
import { JOB_OPTIONS } from '../../infrastructure/queue/queue.registry.js';

/**
 * The retry schedule of e-mail notices, shared by the send-email job and the reconciler. The
 * schedule itself is in PostgreSQL (notification.next_attempt_at); BullMQ only carries a delayed
 * job per attempt, and the reconciler re-creates any job Redis lost.
 */

/**
 * Exponential backoff before attempt `attempt + 1`: base · 2^(attempt−1), at most `max`, less up
 * to a quarter at random so that notices refused together do not all come back together.
 */
export function backoffMs(attempt: number, base: number, max: number): number {
  const full = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.max(1, Math.round(full * (0.75 + Math.random() * 0.25)));
}

/**
 * Job ids, one per attempt and never reused (BullMQ silently ignores an id it still holds, even a
 * finished job's). No `:` in them: BullMQ 6 refuses it in custom ids.
 */
export const deliveryJobIds = {
  /** The job that carries attempt `attempt` after a temporary failure of the one before. */
  attempt: (id: string, attempt: number) => `email-${id}-a${attempt}`,
  /** Attempt `attempt` again after the one before was found unfinished (a crash). */
  resend: (id: string, attempt: number) => `email-${id}-a${attempt}-resend`,
  /** A job re-created because Redis no longer holds the one the row names. */
  recovered: (id: string) => `email-${id}-r${Date.now()}`,
};

/** Adds send-email jobs, or fails within a few seconds (a dead Redis would otherwise hold the caller). */
export async function addSendJobs(queue: Queue, jobs: Array<{ notificationId: string; jobId: string; delayMs?: number }>): Promise<void> {
  if (!jobs.length) return;
  await withTimeout(
    queue.addBulk(
      jobs.map((j) => ({
        name: 'send-email',
        data: { notificationId: j.notificationId },
        opts: { ...JOB_OPTIONS.email, jobId: j.jobId, delay: j.delayMs && j.delayMs > 0 ? j.delayMs : undefined },
      })),
    ),
    'Redis did not take the send-email jobs in time',
  );
}
