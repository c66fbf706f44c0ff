import { Queue } from 'bullmq';
import { concern, type Harness, startHarness } from './helpers/harness.js';
import { PrivateRedis } from './helpers/private-redis.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp, type Mail } from './helpers/smtp.js';
import { Desk } from './helpers/workflow.js';

/** YYYY-MM-DD in Vietnam, `plusDays` from today. */
const vnDay = (plusDays = 0) => new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
const LEADS = ['NNMT', 'XD', 'YT', 'GDDT', 'NV', 'TAND', 'CA', 'VKSND'];
const messageId = (m: Mail) => /^message-id:\s*(\S+)/im.exec(m.raw)?.[1];

/**
 * The whole chain — triage commit → outbox → case-notices consumer → notification rows →
 * send-email → SMTP — under faults, on a Redis of the test's own that it stops and starts empty.
 * PostgreSQL is the truth: whatever Redis forgets, the reconciler finds again.
 */
describe('event flow under faults: every expected e-mail arrives, none twice', () => {
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let redis: PrivateRedis;
  let redisUrl: string;
  let h: Harness;
  let worker: Started;
  let d: Desk;
  const figures: string[] = [];

  const workerEnv = () => ({
    SMTP_URL: smtp.url,
    REDIS_URL: redisUrl,
    RECONCILE_MS: '300',
    RECONCILE_STALE_MS: '1000',
    NOTIFY_SENDING_STALE_MS: '3000',
    DEADLINE_SWEEP_MS: '500',
  });
  const startWorker = async () => {
    const w = startProcess('worker.js', { ...workerEnv(), LOG_LEVEL: 'info' });
    await waitFor(async () => w.output().includes('worker started'), 'worker start', w);
    return w;
  };

  beforeAll(async () => {
    smtp = await startSmtp();
    redis = await PrivateRedis.start();
    redisUrl = redis.url;
    h = await startHarness({ SMTP_URL: smtp.url, REDIS_URL: redisUrl });
    worker = await startWorker();
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close().catch(() => undefined);
    await redis?.shutdownNosave();
    await smtp?.close();
    console.log(`fault figures (expected / delivered / lost / doubled):\n${figures.join('\n')}`);
  });
  beforeEach(async () => {
    if (!redis.running) await redis.start(); // a test that failed with Redis stopped must not take the next ones with it
    await h.reset();
    smtp.received.length = 0;
    d = new Desk(h);
    const admin = await d.as('admin@demo.local');
    for (let i = 0; i < 3; i++) await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(i)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin });
  });

  /** Logs `n` concerns in one batch; returns their case ids and codes. */
  async function newCases(n: number) {
    const res = await h.api.post(
      '/api/v1/concerns/batch',
      { concerns: Array.from({ length: n }, (_, i) => concern({ title: `Phản ánh thử nghiệm số ${i}`, reporter: undefined })) },
      { token: await d.as('officer@demo.local') },
    );
    expect(res.status).toBe(201);
    return res.body.items.map((x: { caseId: string; caseCode: string }) => ({ id: x.caseId, code: x.caseCode })) as Array<{ id: string; code: string }>;
  }

  /** Routes every case to one lead agency (in turn), all at once; returns the addresses each case's notice must reach. */
  async function routeAll(cases: Array<{ id: string; code: string }>) {
    const emails = new Map<string, string[]>();
    for (const code of LEADS) emails.set(code, (await h.sql(`SELECT emails FROM org_unit WHERE code = $1`, [code]))[0].emails);
    const token = await d.as('triage@demo.local');
    const expected: Array<{ code: string; to: string }> = [];
    await Promise.all(
      cases.map(async (c, i) => {
        const lead = LEADS[i % LEADS.length];
        const res = await h.api.post(
          `/api/v1/cases/${c.id}/triage`,
          { categoryCode: 'LAND', priority: 'NORMAL', sensitivity: 'PUBLIC', leadAgency: lead, supportingAgencies: [] },
          { token },
        );
        expect(res.status).toBe(200);
        for (const to of emails.get(lead)!) expected.push({ code: c.code, to });
      }),
    );
    return expected;
  }

  /** Counts, per expected notice (case × address), the e-mails that arrived. */
  function tally(expected: Array<{ code: string; to: string }>) {
    const counts = expected.map((x) => smtp.received.filter((m) => m.to.includes(x.to) && m.subject.includes(x.code)).length);
    return {
      expected: expected.length,
      delivered: counts.filter((n) => n >= 1).length,
      lost: counts.filter((n) => n === 0).length,
      doubled: counts.filter((n) => n > 1).length,
    };
  }

  it('Redis shut down (NOSAVE) in the middle of delivering the notices of 100 routings, then started empty: every one arrives, once', async () => {
    const cases = await newCases(100);
    const routing = routeAll(cases);
    await waitFor(async () => smtp.received.length >= 5, 'first notices delivered', worker, 30_000);
    await redis.shutdownNosave();
    const before = smtp.received.length;
    const expected = await routing;
    expect(expected.length).toBeGreaterThanOrEqual(100); // some agencies have two addresses
    // The fault came in the middle: most of the work was still on its way.
    expect(before).toBeLessThan(expected.length / 2);
    await redis.start();
    await waitFor(async () => tally(expected).lost === 0, 'every notice delivered after Redis came back empty', worker, 90_000);
    await settle(h, redisUrl, { started: worker, timeoutMs: 60_000 });
    const t = tally(expected);
    figures.push(`Redis SHUTDOWN NOSAVE mid-delivery (${before} delivered before): ${t.expected} / ${t.delivered} / ${t.lost} / ${t.doubled}`);
    expect(t).toEqual({ expected: expected.length, delivered: expected.length, lost: 0, doubled: 0 });
    // (100 concerns on one area and topic make a hotspot too: its warning to the leaders names no case.)
    const stray = smtp.received.filter((m) => /VV-\d{4}-\d+/.test(m.subject) && !expected.some((x) => m.to.includes(x.to) && m.subject.includes(x.code)));
    expect(stray.map((m) => `${m.to} ${m.subject}`)).toEqual([]);
  }, 180_000);

  it('worker killed (SIGKILL) in a burst of 200 routings: none lost; resends are at most the messages in flight, with the same Message-ID', async () => {
    const cases = await newCases(200);
    const routing = routeAll(cases);
    await waitFor(async () => smtp.received.length >= 20, 'first notices delivered', worker, 30_000);
    worker.child.kill('SIGKILL');
    await new Promise<void>((resolve) =>
      worker.child.exitCode !== null || worker.child.signalCode !== null ? resolve() : worker.child.once('exit', () => resolve()),
    );
    // Nothing changes these rows after the kill: they are exactly the messages in doubt.
    const [{ n: inDoubt }] = await h.sql(`SELECT count(*)::int AS n FROM notification WHERE status = 'SENDING'`);
    const before = smtp.received.length;
    const expected = await routing;
    expect(expected.length).toBeGreaterThanOrEqual(200);
    expect(before).toBeLessThan(expected.length / 2);
    worker = await startWorker();
    await waitFor(async () => tally(expected).lost === 0, 'every notice delivered after the restart', worker, 90_000);
    await settle(h, redisUrl, { started: worker, timeoutMs: 60_000 });
    const t = tally(expected);
    figures.push(`worker SIGKILL mid-burst (${before} delivered before, ${inDoubt} in flight): ${t.expected} / ${t.delivered} / ${t.lost} / ${t.doubled}`);
    expect(t.lost).toBe(0);
    expect(smtp.received.length - expected.length).toBeLessThanOrEqual(inDoubt);
    // A resend is the same message: same notification, same Message-ID.
    const byNotice = new Map<string, Set<string | undefined>>();
    for (const m of smtp.received) byNotice.set(m.notificationId, (byNotice.get(m.notificationId) ?? new Set()).add(messageId(m)));
    expect([...byNotice.values()].every((ids) => ids.size === 1)).toBe(true);
  }, 180_000);

  it('deadline jobs deleted from Redis: the reminder and every escalation rung still arrive, once each', async () => {
    const admin = await d.as('admin@demo.local');
    // Seconds, not days: remind at 60 % of ~17 s, escalate once the acknowledgement (~4 s) is missed, a rung every ~4 s.
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'URGENT', acknowledgeDays: 0.00015, resolveDays: 0.0006, reminderFractions: [0.6], remindDayBefore: false, escalationStepDays: 0.00015 },
      { token: admin },
    );
    const caseId = await d.newCase();
    const routed = await d.triage(caseId, { priority: 'URGENT', leadAgency: 'GDDT', supportingAgencies: [] });
    expect(routed.status).toBe(200);
    const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [caseId]);
    const queue = new Queue('deadlines', { connection: { url: redisUrl }, prefix: 'cd' });
    queue.on('error', () => undefined); // a reconnect after the suite's Redis faults is no failure
    try {
      const planned = async () =>
        (await h.sql(`SELECT count(*)::int AS n FROM deadline_reminder r JOIN assignment s ON s.id = r.assignment_id WHERE s.case_id = $1`, [caseId]))[0].n;
      // The plan commits after its jobs reach Redis: wait for both (one reminder; acknowledge, resolve and remind checks).
      const [{ id: assignmentId }] = await h.sql(`SELECT id FROM assignment WHERE case_id = $1`, [caseId]);
      const checks = async () => (await queue.getDelayed()).filter((j) => j.name === 'deadline-check' && j.data.a === assignmentId);
      await waitFor(async () => (await planned()) === 1 && (await checks()).length === 3, 'deadlines planned', worker, 60_000);
      // Every delayed deadline job goes: the acknowledgement and resolution checks and the reminder.
      for (const job of await checks()) await job.remove();
      expect(await checks()).toHaveLength(0);
    } finally {
      await queue.close();
    }

    const gddt = (await h.sql(`SELECT emails FROM org_unit WHERE code = 'GDDT'`))[0].emails[0];
    const reminders = () => smtp.to(gddt).filter((m) => m.subject.includes(code) && m.notificationId && /Nhắc hạn/.test(m.subject));
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'ESCALATED' AND payload->>'level' = '3'`, [caseId])).length > 0,
      'escalation to level 3 by the sweeper',
      worker,
      60_000,
    );
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'DEADLINE_REMINDER'`, [caseId])).length > 0,
      'reminder by the sweeper',
      worker,
      60_000,
    );
    await settle(h, redisUrl, { started: worker });
    const notices = await h.sql(
      `SELECT template, count(*)::int AS n FROM notification WHERE case_id = $1 AND template IN ('deadline-reminder', 'escalation') GROUP BY 1 ORDER BY 1`,
      [caseId],
    );
    const leaders = (await h.sql(`SELECT count(*)::int AS n FROM app_user WHERE role = 'leader' AND active`))[0].n;
    const heads = (await h.sql(`SELECT COALESCE(NULLIF(head_emails, '{}'), emails) AS e FROM org_unit WHERE code = 'GDDT'`))[0].e.length;
    const level2 = (
      await h.sql(
        `SELECT count(*)::int AS n FROM (SELECT DISTINCT lower(unnest(COALESCE(NULLIF(head_emails, '{}'), emails))) FROM org_unit WHERE active AND level = 'PROVINCE' AND kind IN ('PEOPLES_COUNCIL', 'PEOPLES_COMMITTEE')) x`,
      )
    )[0].n;
    expect(notices).toEqual([
      { template: 'deadline-reminder', n: 1 },
      { template: 'escalation', n: heads + level2 + leaders },
    ]);
    const events = await h.sql(
      `SELECT type, count(*)::int AS n FROM case_event WHERE case_id = $1 AND type IN ('DEADLINE_REMINDER', 'ESCALATED') GROUP BY 1 ORDER BY 1`,
      [caseId],
    );
    expect(events).toEqual([
      { type: 'DEADLINE_REMINDER', n: 1 },
      { type: 'ESCALATED', n: 3 },
    ]);
    expect(await h.sql(`SELECT status FROM notification WHERE case_id = $1 AND status <> 'SENT'`, [caseId])).toEqual([]);
    expect(reminders()).toHaveLength(1);
    figures.push(
      `deadline jobs deleted: reminders 1 / ${reminders().length} / ${1 - Math.min(1, reminders().length)} / ${Math.max(0, reminders().length - 1)}; escalation events 3 / 3`,
    );
  }, 120_000);
});
