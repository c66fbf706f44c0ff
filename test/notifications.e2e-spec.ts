import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

const BASE_URL = 'http://desk.test';
const RECIPIENT = 'vanthu.snnmt@demo.local';

/** Small backoff so that a test sees many attempts; the retry schedule is the notification row's. */
const WORKER_ENV = { NOTIFY_BACKOFF_BASE_MS: '100', NOTIFY_BACKOFF_MAX_MS: '400', RECONCILE_MS: '300', RECONCILE_STALE_MS: '500' };

describe('notifications: e-mail jobs, retries, failures and the admin view', () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let queue: Queue;
  let admin: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset(); // nothing left in the outbox or the queues from other suites
    queue = new Queue('notifications', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    worker = startProcess('worker.js', { ...WORKER_ENV, SMTP_URL: smtp.url, APP_BASE_URL: BASE_URL });
    await waitFor(async () => (await queue.getWorkersCount()) > 0, 'worker consuming the notifications queue', worker);
    admin = await h.api.login('admin@demo.local');
  });
  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await h?.close();
    await smtp?.close();
  });
  beforeEach(() => smtp.reset());

  /** A QUEUED notice, as NotificationsService.request writes it. */
  async function notice(caseId: string): Promise<string> {
    const vars = {
      caseCode: 'VV-2026-000123',
      caseTitle: 'Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam',
      agencyName: 'Sở Nông nghiệp và Môi trường',
      role: 'LEAD',
      priority: 'HIGH',
      areaName: 'Phường Cam Đường',
      resolveDueAt: '2026-12-04T10:00:00Z',
    };
    const [row] = await h.sql(
      `INSERT INTO notification (dedupe_key, case_id, recipient, template, locale, vars, status)
       VALUES ($1, $2, $3, 'assignment-received', 'vi', $4, 'QUEUED') RETURNING id`,
      [`test:${randomUUID()}:${RECIPIENT}`, caseId, RECIPIENT, JSON.stringify(vars)],
    );
    return row.id;
  }

  const row = async (id: string) => (await h.sql(`SELECT * FROM notification WHERE id = $1`, [id]))[0];
  // A send-email job as the outbox relay adds it (one attempt: the retries are the row's).
  const send = (id: string, jobId = `email-${id}`) => queue.add('send-email', { notificationId: id }, { jobId, attempts: 1 });
  /** Nothing more can be sent: no notice QUEUED or SENDING, no send-email job waiting, delayed or running. */
  const settled = async () => {
    const [{ n }] = await h.sql(`SELECT count(*)::int AS n FROM notification WHERE status IN ('QUEUED', 'SENDING')`);
    const jobs = await queue.getJobs(['waiting', 'active', 'delayed', 'prioritized']);
    return n === 0 && !jobs.some((j) => j?.name === 'send-email');
  };
  const listed = async (status: string, token = admin) => h.api.get(`/api/v1/admin/notifications?status=${status}`, { token });

  it('sends a Vietnamese notice naming the case, with its link, and records it as SENT', async () => {
    const caseId = randomUUID();
    // A PUBLIC case: the notice may show its title (the words of any other, or of a case not found, are withheld).
    await h.sql(
      `INSERT INTO cases (id, code, status, title, area_id, sensitivity) VALUES ($1, 'VV-2026-000123', 'ASSIGNED', $2, (SELECT id FROM area WHERE code = 'X02'), 'PUBLIC')`,
      [caseId, 'Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam'],
    );
    const id = await notice(caseId);
    await send(id);

    await waitFor(async () => smtp.of(id).length === 1, 'mail delivered', worker);
    const mail = smtp.of(id)[0];
    expect(mail.to).toEqual([RECIPIENT]);
    expect(mail.subject).toBe('[VV-2026-000123] Đề nghị giải quyết: Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam');
    expect(mail.text).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(mail.text).toContain('Hạn giải quyết: 17:00 ngày 04/12/2026');
    expect(mail.text).toContain(`${BASE_URL}/#/cases/${caseId}`);
    expect(mail.raw).toContain(`${BASE_URL}/#/cases/${caseId}`);
    expect(mail.messageId).toBe(`<${id}@concern-desk.local>`);

    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT', worker);
    const r = await row(id);
    expect(r.smtp_message_id).toBe(`<${id}@concern-desk.local>`);
    expect(r.sent_at).not.toBeNull();
    expect(r.sending_since).toBeNull();
    expect(r.attempts).toBe(1);
    expect(r.resends).toBe(0);

    // The same notice's job again (a duplicate from the relay, a stalled job) claims nothing and sends nothing.
    const again = await send(id, `email-${id}-again`);
    await waitFor(async () => (await again.getState()) === 'completed', 'second job finished', worker);
    expect((await queue.getJob(again.id!))?.returnvalue).toMatchObject({ skipped: true });
    expect(smtp.of(id)).toHaveLength(1);
    expect((await row(id)).attempts).toBe(1);
  });

  it('retries after temporary refusals, on a schedule kept in the row, and delivers exactly once', async () => {
    smtp.refuse(2);
    const id = await notice(randomUUID());
    await send(id);

    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT after retries', worker);
    await waitFor(settled, 'nothing left to send', worker);
    expect(smtp.state.refused).toBe(2);
    expect(smtp.of(id)).toHaveLength(1);
    const r = await row(id);
    expect(r.attempts).toBe(3);
    expect(r.last_error).toMatch(/451/);
    // One BullMQ job per attempt, each with a single attempt of its own.
    for (const jobId of [`email-${id}`, `email-${id}-a2`, `email-${id}-a3`]) {
      const job = await queue.getJob(jobId);
      expect({ jobId, state: await job?.getState(), attempts: job?.opts.attempts }).toEqual({ jobId, state: 'completed', attempts: 1 });
    }
  });

  it('a permanent refusal (5xx) is FAILED at once; an admin lists it and sends it again with a fresh window', async () => {
    smtp.refuse(1, 550);
    const id = await notice(randomUUID());
    await send(id);

    await waitFor(async () => (await row(id)).status === 'FAILED', 'row FAILED', worker);
    const failed = await row(id);
    expect(failed.attempts).toBe(1);
    expect(failed.last_error).toMatch(/550/);
    expect(smtp.state.refused).toBe(1);
    expect(smtp.of(id)).toHaveLength(0);

    for (const status of ['failed', 'FAILED']) {
      const list = await listed(status);
      expect(list.status).toBe(200);
      expect(list.body.items.find((n: { id: string }) => n.id === id)).toMatchObject({ status: 'FAILED', attempts: 1, resends: 0, recipient: RECIPIENT });
    }
    expect((await listed('sent')).body.items.some((n: { id: string }) => n.id === id)).toBe(false);
    expect((await listed('sending')).status).toBe(200);
    const lost = await listed('lost');
    expect(lost.status).toBe(400);
    expect(JSON.stringify(lost.body)).toContain('queued, sending, sent, failed');
    const officer = await h.api.login('officer@demo.local');
    expect((await h.api.get('/api/v1/admin/notifications', { token: officer })).status).toBe(403);
    expect((await h.api.post(`/api/v1/admin/notifications/${randomUUID()}/retry`, {}, { token: admin })).status).toBe(404);
    expect((await h.api.post(`/api/v1/admin/notifications/not-a-uuid/retry`, {}, { token: admin })).status).toBe(400);

    const before = new Date(failed.queued_at).getTime();
    const retry = await h.api.post(`/api/v1/admin/notifications/${id}/retry`, {}, { token: admin });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id, status: 'QUEUED', attempts: 1 });
    expect(new Date(retry.body.queuedAt).getTime()).toBeGreaterThan(before);
    const again = await h.api.post(`/api/v1/admin/notifications/${id}/retry`, {}, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOTIFICATION_NOT_FAILED');
    const [outbox] = await h.sql(`SELECT job_id FROM outbox_message WHERE job_id LIKE $1`, [`email-${id}-retry-%`]);
    expect(outbox).toBeDefined();

    // The outbox relay moves the new job to BullMQ; the worker sends it.
    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT after the admin retry', worker);
    await waitFor(settled, 'nothing left to send', worker);
    expect(smtp.of(id)).toHaveLength(1);
    expect((await row(id)).attempts).toBe(2);
  });

  it('temporary refusals past the retry window make the notice FAILED with the last error; an admin retry delivers it', async () => {
    smtp.refuse(Infinity);
    const id = await notice(randomUUID());
    await send(id);
    await waitFor(async () => (await row(id)).attempts >= 3, 'a few refused attempts', worker);
    expect((await row(id)).status).not.toBe('FAILED');

    // The window (NOTIFY_RETRY_HOURS, 24 h) began a day ago: the next refusal is the last.
    await h.sql(`UPDATE notification SET queued_at = now() - interval '25 hours' WHERE id = $1`, [id]);
    await waitFor(async () => (await row(id)).status === 'FAILED', 'row FAILED after the window', worker);
    const failed = await row(id);
    expect(failed.last_error).toMatch(/451.*try later/s);
    expect(smtp.of(id)).toHaveLength(0);
    await waitFor(settled, 'no attempt left', worker);
    const attempts = (await row(id)).attempts;

    smtp.reset();
    expect((await h.api.post(`/api/v1/admin/notifications/${id}/retry`, {}, { token: admin })).status).toBe(202);
    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT after the admin retry', worker);
    await waitFor(settled, 'nothing left to send', worker);
    expect(smtp.of(id)).toHaveLength(1);
    const sent = await row(id);
    expect(sent.attempts).toBe(attempts + 1);
    expect(Date.now() - new Date(sent.queued_at).getTime()).toBeLessThan(60_000);
  });

  it('a template that cannot render is FAILED at once, without retries', async () => {
    const id = await notice(randomUUID());
    await h.sql(`UPDATE notification SET template = 'no-such-template' WHERE id = $1`, [id]);
    await send(id);
    await waitFor(async () => (await row(id)).status === 'FAILED', 'row FAILED', worker);
    expect(await row(id)).toMatchObject({ attempts: 1, last_error: expect.stringContaining('unknown template') });
    expect(smtp.of(id)).toHaveLength(0);
  });

  it('digests: the agency hears of its open and overdue work, leaders of the week; a second run sends nothing', async () => {
    await h.reset();
    const [c] = await h.sql(
      `INSERT INTO cases (code, title, area_id, status, priority, created_at)
       VALUES ('VV-2026-000900', 'Sạt lở bờ sông uy hiếp nhà dân tổ 5', (SELECT id FROM area WHERE code = 'X01'), 'IN_PROGRESS', 'HIGH', now() - interval '2 days')
       RETURNING id`,
    );
    await h.sql(
      `INSERT INTO assignment (case_id, org_unit_id, role, status, resolve_due_at)
       VALUES ($1, (SELECT id FROM org_unit WHERE code = 'NNMT'), 'LEAD', 'IN_PROGRESS', now() - interval '1 day')`,
      [c.id],
    );
    const [{ emails }] = await h.sql(`SELECT emails FROM org_unit WHERE code = 'NNMT'`);
    const digestsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address) && /^\[(Tổng hợp|Báo cáo tuần)/.test(m.subject));

    for (const run of [1, 2]) {
      await queue.add('agency-digest', {}, { jobId: `agency-digest-test-${run}` });
      await queue.add('leader-digest', {}, { jobId: `leader-digest-test-${run}` });
    }
    await waitFor(async () => emails.every((e: string) => digestsTo(e).length > 0) && digestsTo('leader@demo.local').length > 0, 'digests delivered', worker);
    // Both runs of both digests finished, and every notice they recorded is sent.
    await waitFor(
      async () =>
        (
          await Promise.all(
            [1, 2].flatMap((run) => [`agency-digest-test-${run}`, `leader-digest-test-${run}`]).map(async (j) => (await queue.getJob(j))?.getState()),
          )
        ).every((s) => s === 'completed'),
      'digest jobs finished',
      worker,
    );
    await waitFor(settled, 'nothing left to send', worker);

    for (const e of emails) expect(digestsTo(e)).toHaveLength(1);
    const agency = digestsTo(emails[0])[0];
    expect(agency.subject).toMatch(/^\[Tổng hợp ngày \d{2}\/\d{2}\/\d{4}\] Sở .+: 1 vụ việc đang giải quyết, 1 quá hạn$/);
    expect(agency.text).toContain('[VV-2026-000900] Sạt lở bờ sông uy hiếp nhà dân tổ 5 – QUÁ HẠN');
    expect(agency.text).toContain(`${BASE_URL}/#/cases/${c.id}`);

    expect(digestsTo('leader@demo.local')).toHaveLength(1);
    const leader = digestsTo('leader@demo.local')[0];
    expect(leader.subject).toMatch(/Tiếp nhận 1, giải quyết 0, quá hạn 1 vụ việc$/);
    expect(leader.text).toContain('[VV-2026-000900]');
    const keys = (await h.sql(`SELECT dedupe_key FROM notification WHERE template IN ('agency-digest', 'leader-digest') ORDER BY 1`)).map((r) => r.dedupe_key);
    expect(keys).toHaveLength(emails.length + 1);
    expect(keys).toContainEqual(expect.stringMatching(/^digest:agency:NNMT:\d{4}-\d{2}-\d{2}:/));
    expect(keys).toContainEqual(expect.stringMatching(/^digest:leader:\d{4}-W\d{2}:leader@demo\.local$/));
  });
});
