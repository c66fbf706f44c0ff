import { Queue } from 'bullmq';
import { ADMIN_BASIC } from './helpers/admin.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { PrivateRedis } from './helpers/private-redis.js';
import { freePort, startProcess, type Started, waitFor } from './helpers/processes.js';
import { type Mail, startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

/*
 * E-mail delivery under faults, against a real SMTP server, real PostgreSQL and Redis and worker
 * processes: an SMTP relay that refuses for longer than the old BullMQ retries lasted, a worker
 * killed mid-SMTP, a Redis that restarts empty. Each test prints expected / delivered / lost /
 * doubled.
 */

const FAST = {
  NOTIFY_BACKOFF_BASE_MS: '100',
  NOTIFY_BACKOFF_MAX_MS: '400',
  RECONCILE_MS: '300',
  RECONCILE_STALE_MS: '500',
  NOTIFY_SENDING_STALE_MS: '1500',
};
const VARS = {
  caseCode: 'VV-2026-000777',
  caseTitle: 'Ô nhiễm nguồn nước sông Nậm Thi',
  agencyName: 'Sở Nông nghiệp và Môi trường',
  role: 'LEAD',
  priority: 'HIGH',
  areaName: 'Phường Cam Đường',
  resolveDueAt: '2026-12-04T10:00:00Z',
};

describe('e-mail delivery under faults: nothing lost, a second copy only of what was in flight', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  const workers: Started[] = [];

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
  });
  beforeEach(async () => {
    await h.reset();
    smtp.reset();
    smtp.received.length = 0;
  });
  afterEach(async () => {
    await Promise.all(workers.splice(0).map((w) => w.stop()));
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  const worker = (env: Record<string, string> = {}) => {
    const w = startProcess('worker.js', { ...FAST, SMTP_URL: smtp.url, ...env });
    workers.push(w);
    return w;
  };
  const started = (q: Queue, w: Started) => waitFor(async () => (await q.getWorkersCount()) > 0, 'worker consuming the notifications queue', w);

  /** `n` QUEUED notices as NotificationsService.request writes them; with `outbox`, their first job goes through the relay. */
  async function notices(n: number, outbox = false): Promise<string[]> {
    const rows: Array<{ id: string }> = await h.sql(
      `WITH s AS (SELECT gen_random_uuid() AS u, i FROM generate_series(1, $1::int) AS i)
       INSERT INTO notification (id, dedupe_key, recipient, template, locale, vars, job_id)
       SELECT u, 'fault:' || u, 'hopthu' || i || '@demo.local', 'assignment-received', 'vi', $2, 'email-' || u FROM s
       RETURNING id`,
      [n, JSON.stringify(VARS)],
    );
    const ids = rows.map((r) => r.id);
    if (outbox) {
      await h.sql(
        `INSERT INTO outbox_message (queue, job_name, job_id, payload)
         SELECT 'notifications', 'send-email', 'email-' || id, jsonb_build_object('notificationId', id) FROM unnest($1::uuid[]) AS id`,
        [ids],
      );
      await h.sql(`SELECT pg_notify('outbox', '')`);
    }
    return ids;
  }
  const addJobs = (q: Queue, ids: string[]) =>
    q.addBulk(ids.map((id) => ({ name: 'send-email', data: { notificationId: id }, opts: { jobId: `email-${id}`, attempts: 1 } })));
  const byStatus = async () =>
    Object.fromEntries((await h.sql(`SELECT status, count(*)::int AS n FROM notification GROUP BY 1`)).map((r) => [r.status, r.n])) as Record<string, number>;
  /** Nothing more can be sent: no notice QUEUED or SENDING, no send-email job waiting, delayed or running. */
  const settled = async (q: Queue) => {
    const s = await byStatus();
    if (s.QUEUED || s.SENDING) return false;
    return !(await q.getJobs(['waiting', 'active', 'delayed', 'prioritized'])).some((j) => j?.name === 'send-email');
  };
  /** Deliveries per notice, and the figures of the report. */
  function tally(ids: string[], label: string) {
    const mine = new Set(ids);
    const copies = new Map<string, Mail[]>();
    for (const m of smtp.received) if (mine.has(m.notificationId)) copies.set(m.notificationId, [...(copies.get(m.notificationId) ?? []), m]);
    const delivered = [...copies.values()].reduce((n, c) => n + c.length, 0);
    const figures = {
      expected: ids.length,
      delivered,
      lost: ids.filter((id) => !copies.has(id)).length,
      doubled: [...copies.values()].filter((c) => c.length > 1).length,
    };
    console.log(`${label}: ${JSON.stringify(figures)}`);
    return { copies, ...figures };
  }

  it('SMTP refusing (451) across more attempts than the old six, and for longer than they lasted: each notice delivered once when it returns, none FAILED', async () => {
    const q = new Queue('notifications', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    try {
      const w = worker();
      await started(q, w);
      const since = Date.now();
      smtp.refuse(Infinity);
      const ids = await notices(40, true);
      // The old schedule at this base (6 BullMQ attempts, 100 ms doubling) gave up after 3.1 s.
      await waitFor(
        async () => {
          const [{ least }] = await h.sql(`SELECT min(attempts)::int AS least FROM notification`);
          return least >= 8 && Date.now() - since > 5_000;
        },
        'every notice refused at least 8 times, for over 5 s',
        w,
      );
      const during = await byStatus();
      expect(during.FAILED ?? 0).toBe(0);
      expect(during.SENT ?? 0).toBe(0);
      const refused = smtp.state.refused;

      smtp.reset();
      await waitFor(async () => (await byStatus()).SENT === ids.length, 'every notice SENT once SMTP accepts', w, 30_000);
      await waitFor(() => settled(q), 'nothing left to send', w);
      const t = tally(ids, `SMTP refusing ${Math.round((Date.now() - since) / 1000)} s (${refused} refusals)`);
      expect({ lost: t.lost, delivered: t.delivered, doubled: t.doubled }).toEqual({ lost: 0, delivered: ids.length, doubled: 0 });
      expect(await byStatus()).toEqual({ SENT: ids.length });
    } finally {
      await q.close();
    }
  });

  it('worker killed (-9) while delivering 200 notices: a fresh worker delivers all; second copies only of those in flight, with the same Message-ID; /metrics counts the resends', async () => {
    const q = new Queue('notifications', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    try {
      smtp.state.delayMs = 25; // a relay that takes its time to answer: a kill finds messages mid-SMTP
      const first = worker();
      await started(q, first);
      const ids = await notices(200);
      await addJobs(q, ids);
      await waitFor(async () => smtp.received.length >= 60, '60 e-mails received', first);

      await new Promise<void>((resolve) => {
        first.child.once('exit', () => resolve());
        first.child.kill('SIGKILL');
      });
      const atKill = smtp.received.length;
      const [{ n: inFlight }] = await h.sql(`SELECT count(*)::int AS n FROM notification WHERE status = 'SENDING'`);
      expect(atKill).toBeLessThan(200);
      expect(inFlight).toBeGreaterThan(0);

      const second = worker();
      await waitFor(async () => (await byStatus()).SENT === 200, 'all 200 SENT after the restart', second, 120_000).catch(async (e) => {
        throw new Error(`${(e as Error).message.split('\n')[0]}: ${JSON.stringify(await byStatus())}`, { cause: e });
      });
      // The killed worker's jobs stay active in Redis until BullMQ finds them stalled (~30 s); they must then send nothing.
      await waitFor(() => settled(q), 'nothing left to send', second, 90_000);

      const t = tally(ids, `worker kill -9 (in flight at the kill: ${inFlight}, received by then: ${atKill})`);
      expect(t.lost).toBe(0);
      expect(t.delivered - 200).toBeLessThanOrEqual(inFlight);
      for (const [id, copies] of t.copies) {
        expect(copies.map((c) => c.messageId)).toEqual(copies.map(() => `<${id}@concern-desk.local>`));
      }
      const [{ resends }] = await h.sql(`SELECT sum(resends)::int AS resends FROM notification`);
      // Every attempt in flight at the kill was sent again exactly once; each second copy comes from one of them.
      expect(resends).toBeGreaterThanOrEqual(inFlight);
      expect(t.doubled).toBeLessThanOrEqual(resends);
      const metrics = await (await fetch(`${h.api.baseUrl}/metrics`, { headers: ADMIN_BASIC })).text();
      expect(metrics).toMatch(new RegExp(`^concern_desk_notification_resends ${resends}$`, 'm'));
      expect(metrics).toMatch(/^concern_desk_notifications\{status="SENDING"\} 0$/m);
      expect(metrics).toMatch(/^concern_desk_notifications\{status="SENT"\} 200$/m);
    } finally {
      await q.close();
    }
  }, 180_000);

  describe('on a Redis of its own', () => {
    let redis: PrivateRedis;

    beforeAll(async () => {
      redis = await PrivateRedis.start();
    });
    afterAll(() => redis?.kill());

    it('Redis stopped (SHUTDOWN NOSAVE) while delivering 100 notices and started empty: the reconciler hands the rest to Redis again, each arrives once', async () => {
      const url = redis.url;
      const metricsPort = await freePort();
      const q = new Queue('notifications', { connection: { url }, prefix: 'cd' });
      q.on('error', () => undefined); // the outage is the point
      try {
        smtp.state.delayMs = 30;
        const w = worker({ REDIS_URL: url, WORKER_METRICS_PORT: String(metricsPort) });
        await started(q, w);
        const ids = await notices(100, true);
        await waitFor(async () => smtp.received.length >= 20, '20 e-mails received', w);

        await redis.shutdownNosave();
        const atStop = await byStatus();
        expect(atStop.SENT ?? 0).toBeLessThan(100);
        await redis.start();

        await waitFor(async () => (await byStatus()).SENT === 100, 'all 100 SENT after Redis returned empty', w, 60_000);
        await waitFor(() => settled(q), 'nothing left to send', w, 30_000);
        const t = tally(ids, `Redis SHUTDOWN NOSAVE (not sent at the stop: ${100 - (atStop.SENT ?? 0)})`);
        expect({ lost: t.lost, delivered: t.delivered, doubled: t.doubled }).toEqual({ lost: 0, delivered: 100, doubled: 0 });
        // The jobs went with Redis: the reconciler, reading PostgreSQL, created them again.
        const metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
        const recovered = Number(/^concern_desk_reconciled_total\{reconciler="notifications"\} (\d+)$/m.exec(metrics)?.[1] ?? 0);
        expect(recovered).toBeGreaterThan(0);
        console.log(`Redis SHUTDOWN NOSAVE: jobs re-created by the reconciler: ${recovered}`);
      } finally {
        await q.close().catch(() => undefined);
      }
    }, 120_000);
  });
});
