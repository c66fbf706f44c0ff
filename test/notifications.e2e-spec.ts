import { randomUUID } from 'node:crypto';
import { Queue } from 'bullmq';
import { Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';

const BASE_URL = 'http://desk.test';
const RECIPIENT = 'vanthu.snnmt@demo.local';

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
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, APP_BASE_URL: BASE_URL });
    await waitFor(async () => (await queue.getWorkersCount()) > 0, 'worker consuming the notifications queue', worker);
    admin = await h.api.login('admin@demo.local');
  });
  afterAll(async () => {
    await worker?.stop();
    await queue?.close();
    await h?.close();
    await smtp?.close();
  });
  beforeEach(() => {
    smtp.state.refuse = 0;
    smtp.state.refused = 0;
  });

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
  // Job ids as NotificationsService writes them (BullMQ 6 refuses `email:<id>`).
  const send = (id: string, attempts: number, jobId = `email-${id}`) =>
    queue.add('send-email', { notificationId: id }, { jobId, attempts, backoff: { type: 'exponential', delay: 200 } });

  it('sends a Vietnamese notice naming the case, with its link, and records it as SENT', async () => {
    const caseId = randomUUID();
    const id = await notice(caseId);
    await send(id, 6);

    await waitFor(async () => smtp.of(id).length === 1, 'mail delivered', worker);
    const mail = smtp.of(id)[0];
    expect(mail.to).toEqual([RECIPIENT]);
    expect(mail.subject).toBe('[VV-2026-000123] Đề nghị tiếp nhận, giải quyết: Chậm bồi thường giải phóng mặt bằng dự án đường trục phía Nam');
    expect(mail.text).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    expect(mail.text).toContain('Hạn giải quyết: 17:00 ngày 04/12/2026');
    expect(mail.text).toContain(`${BASE_URL}/cases/${caseId}`);
    expect(mail.raw).toContain(`${BASE_URL}/cases/${caseId}`);

    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT', worker);
    const r = await row(id);
    expect(r.smtp_message_id).toMatch(/^<.+@.+>$/);
    expect(r.sent_at).not.toBeNull();
    expect(r.attempts).toBe(1);

    // The same job again (a duplicate from the relay, a stalled retry) sends nothing.
    await send(id, 6, `email-${id}-again`);
    await new Promise((r) => setTimeout(r, 700));
    expect(smtp.of(id)).toHaveLength(1);
  });

  it('retries after temporary refusals and delivers exactly once', async () => {
    smtp.state.refuse = 2;
    const id = await notice(randomUUID());
    await send(id, 6);

    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT after retries', worker);
    await new Promise((r) => setTimeout(r, 700));
    expect(smtp.state.refused).toBe(2);
    expect(smtp.of(id)).toHaveLength(1);
    const r = await row(id);
    expect(r.attempts).toBe(3);
    expect(r.last_error).toMatch(/451/);
  });

  it('marks the notice FAILED after the last attempt; an admin lists it and sends it again', async () => {
    smtp.state.refuse = Infinity;
    const id = await notice(randomUUID());
    await send(id, 3);

    await waitFor(async () => (await row(id)).status === 'FAILED', 'row FAILED', worker);
    const failed = await row(id);
    expect(failed.attempts).toBe(3);
    expect(failed.last_error).toMatch(/451.*try later|try later/s);
    expect(smtp.of(id)).toHaveLength(0);

    for (const status of ['failed', 'FAILED']) {
      const list = await h.api.get(`/api/v1/admin/notifications?status=${status}`, { token: admin });
      expect(list.status).toBe(200);
      expect(list.body.items.find((n: { id: string }) => n.id === id)).toMatchObject({ status: 'FAILED', attempts: 3, recipient: RECIPIENT });
    }
    const sent = await h.api.get('/api/v1/admin/notifications?status=sent', { token: admin });
    expect(sent.body.items.some((n: { id: string }) => n.id === id)).toBe(false);
    expect((await h.api.get('/api/v1/admin/notifications?status=lost', { token: admin })).status).toBe(400);
    const officer = await h.api.login('officer@demo.local');
    expect((await h.api.get('/api/v1/admin/notifications', { token: officer })).status).toBe(403);
    expect((await h.api.post(`/api/v1/admin/notifications/${randomUUID()}/retry`, {}, { token: admin })).status).toBe(404);

    smtp.state.refuse = 0;
    const retry = await h.api.post(`/api/v1/admin/notifications/${id}/retry`, {}, { token: admin });
    expect(retry.status).toBe(202);
    expect(retry.body).toMatchObject({ id, status: 'QUEUED', attempts: 0 });
    const again = await h.api.post(`/api/v1/admin/notifications/${id}/retry`, {}, { token: admin });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('NOTIFICATION_NOT_FAILED');
    const [outbox] = await h.sql(`SELECT job_id FROM outbox_message WHERE job_id LIKE $1`, [`email-${id}-retry-%`]);
    expect(outbox).toBeDefined();

    // The outbox relay moves the new job to BullMQ; the worker sends it.
    await waitFor(async () => (await row(id)).status === 'SENT', 'row SENT after the admin retry', worker);
    expect(smtp.of(id)).toHaveLength(1);
    expect((await row(id)).attempts).toBe(1);
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
    await new Promise((r) => setTimeout(r, 1000));

    for (const e of emails) expect(digestsTo(e)).toHaveLength(1);
    const agency = digestsTo(emails[0])[0];
    expect(agency.subject).toMatch(/^\[Tổng hợp ngày \d{2}\/\d{2}\/\d{4}\] Sở .+: 1 vụ việc đang giải quyết, 1 quá hạn$/);
    expect(agency.text).toContain('[VV-2026-000900] Sạt lở bờ sông uy hiếp nhà dân tổ 5 – QUÁ HẠN');
    expect(agency.text).toContain(`${BASE_URL}/cases/${c.id}`);

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
