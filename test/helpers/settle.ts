import { Queue } from 'bullmq';
import { waitFor, type Started } from './processes.js';

/** The queues whose jobs carry work that follows a change (deadline checks far ahead do not count). */
const WORK_QUEUES = ['notices', 'notifications', 'deadlines', 'attachments'];

export interface SettleTarget {
  sql<T = any>(text: string, params?: unknown[]): Promise<T[]>;
}

/** What is still on its way: outbox rows not relayed or not done, notices not delivered, jobs waiting or running. */
export async function inFlight(db: SettleTarget, redisUrl: string, horizonMs = 2_000): Promise<Record<string, number>> {
  const [row] = await db.sql(
    `SELECT (SELECT count(*)::int FROM outbox_message WHERE dispatched_at IS NULL OR done_at IS NULL) AS outbox,
            (SELECT count(*)::int FROM notification WHERE status IN ('QUEUED', 'SENDING')) AS notices`,
  );
  const out: Record<string, number> = { outbox: row.outbox, notices: row.notices };
  for (const name of WORK_QUEUES) {
    const q = new Queue(name, { connection: { url: redisUrl, maxRetriesPerRequest: 1 }, prefix: 'cd' });
    q.on('error', () => undefined); // a Redis the test stops must not fail the suite from here
    try {
      // Scheduler runs (the sweeper, digests: ids `repeat:…`) recur for ever and are not work in flight.
      const work = (jobs: Array<{ id?: string }>) => jobs.filter((j) => !j.id?.startsWith('repeat:'));
      const now = work(await q.getJobs(['waiting', 'active', 'prioritized'], 0, 1_000)).length;
      // A delayed job that is due soon is work in flight (a retry); one due in days is a deadline check.
      const soon = work(await q.getDelayed(0, 1_000)).filter(
        (j) => (j as { timestamp: number }).timestamp + ((j as { opts: { delay?: number } }).opts.delay ?? 0) < Date.now() + horizonMs,
      ).length;
      out[name] = now + soon;
    } finally {
      await q.close();
    }
  }
  return out;
}

/**
 * Waits until the system is idle: the outbox drained (every row relayed and done), no notice QUEUED
 * or SENDING, and no job waiting, running or about to run — seen twice in a row, so that work a
 * finishing job was about to add is counted. Use it before asserting that nothing more arrived.
 */
export async function settle(db: SettleTarget, redisUrl: string, opts: { timeoutMs?: number; started?: Started } = {}): Promise<void> {
  let idleOnce = false;
  let last: Record<string, number> = {};
  try {
    await waitFor(
      async () => {
        last = await inFlight(db, redisUrl);
        const idle = Object.values(last).every((n) => n === 0);
        const confirmed = idle && idleOnce;
        idleOnce = idle;
        return confirmed;
      },
      'queues idle and outbox drained',
      opts.started,
      opts.timeoutMs ?? 30_000,
    );
  } catch (e) {
    throw new Error(`${(e as Error).message}\nstill in flight: ${JSON.stringify(last)}`, { cause: e });
  }
}
