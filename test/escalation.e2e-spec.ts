import { Queue } from 'bullmq';
import { deadlineJobId } from '../src/modules/deadlines/deadline-jobs.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';
import { Desk, RESOLUTION } from './helpers/workflow.js';

/** YYYY-MM-DD in Vietnam, `plusDays` from today. */
const vnDay = (plusDays = 0) => new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);

describe('routing on BullMQ: outbox, e-mail notices, deadlines, escalation', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;
  let admin: string;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset(); // nothing left in the outbox from other suites
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, APP_BASE_URL: h.api.baseUrl, DEADLINE_SWEEP_MS: '500', LOG_LEVEL: 'info' });
    await waitFor(async () => worker.output().includes('worker started'), 'worker start', worker);
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
    await smtp?.close();
  });
  beforeEach(async () => {
    await h.reset();
    smtp.received.length = 0;
    d = new Desk(h);
    admin = await d.as('admin@demo.local');
    // Tests must not depend on the weekday they run on: today and the next days are working days.
    for (let i = 0; i < 3; i++) {
      await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(i)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin });
    }
  });

  const unitEmails = async (code: string) => (await h.sql(`SELECT emails FROM org_unit WHERE code = $1`, [code]))[0].emails as string[];

  it('triage → the lead agency’s contact receives a Vietnamese e-mail naming the case, with a link', async () => {
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'NNMT', supportingAgencies: ['X02-UBND'] });
    const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [caseId]);
    const nnmt = (await unitEmails('NNMT'))[0];
    await waitFor(async () => smtp.to(nnmt).length > 0, 'e-mail to NNMT');
    const mail = smtp.to(nnmt)[0];
    expect(mail.subject).toContain(code);
    expect(mail.subject).toMatch(/[ạảãàáâậầấẩẫăắằặẳẵđêếềệểễôốồộổỗơớờợởỡưứừựửữ]/i);
    // The link opens the case page of the web interface (the fragment stays in the browser).
    const link = mail.text.split(/\s+/).find((w) => w.includes(`/cases/${caseId}`))!;
    expect(link).toBe(`${h.api.baseUrl}/#/cases/${caseId}`);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    await waitFor(async () => smtp.to((await unitEmails('X02-UBND'))[0]).length > 0, 'e-mail to the supporting commune');
    const rows = await h.sql(`SELECT status, smtp_message_id FROM notification WHERE case_id = $1`, [caseId]);
    expect(rows.every((r) => r.status === 'SENT' && r.smtp_message_id)).toBe(true);
    // The assignment shows its deadlines.
    const inbox = await h.api.get('/api/v1/assignments', { token: await d.as('nnmt@demo.local') });
    expect(inbox.body.items[0]).toMatchObject({ acknowledgeDueAt: expect.any(String), resolveDueAt: expect.any(String), overdue: false });
  });

  it('notifies the standing body when an agency returns a case', async () => {
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'YT', supportingAgencies: [] });
    const yt = await d.assignment('yt@demo.local', caseId);
    await d.agency('yt@demo.local', yt, 'return', { reason: 'Không thuộc lĩnh vực y tế' });
    const btg = (await unitEmails('BTG'))[0];
    await waitFor(
      async () => smtp.to(btg).some((m) => m.text.includes('Không thuộc lĩnh vực y tế') || /tr[ảa] l[ạa]i|returned/i.test(m.subject)),
      'notice to the standing body',
    );
  });

  it('when SMTP refuses at first, the notice is retried and delivered once', async () => {
    smtp.refuse(2);
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'XD', supportingAgencies: [] });
    const xd = (await unitEmails('XD'))[0];
    await waitFor(async () => smtp.to(xd).length > 0, 'delivery after refusals', undefined, 30_000);
    await settle(h, TEST_REDIS_URL);
    expect(smtp.to(xd)).toHaveLength(1);
    const [row] = await h.sql(`SELECT status, attempts FROM notification WHERE case_id = $1 AND recipient = $2`, [caseId, xd]);
    expect(row).toEqual({ status: 'SENT', attempts: 3 });
  });

  it('an unacknowledged assignment escalates up the ladder — head, HĐND/UBND leadership, leaders — and the owner never changes', async () => {
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'URGENT', acknowledgeDays: 0.00003, resolveDays: 0.0003, reminderFractions: [0.5], remindDayBefore: false, escalationStepDays: 0.00003 },
      { token: admin },
    );
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'URGENT', leadAgency: 'GDDT', supportingAgencies: [] });
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'ESCALATED' AND payload->>'level' = '3'`, [caseId])).length > 0,
      'level 3',
      undefined,
      30_000,
    );
    const events = await h.sql(
      `SELECT payload->>'level' AS level, payload->>'orgUnitCode' AS unit FROM case_event WHERE case_id = $1 AND type = 'ESCALATED' ORDER BY id`,
      [caseId],
    );
    expect(events).toEqual([
      { level: '1', unit: 'GDDT' },
      { level: '2', unit: 'GDDT' },
      { level: '3', unit: 'GDDT' },
    ]);
    const page = await d.caseAs('triage@demo.local', caseId);
    expect(page.body.status).toBe('ASSIGNED');
    expect(page.body.assignments.map((a: any) => [a.orgUnitCode, a.role, a.escalationLevel])).toEqual([['GDDT', 'LEAD', 3]]);
    await waitFor(async () => smtp.to('leader@demo.local').some((m) => m.subject.includes(page.body.code)), 'leaders told');
    const hdnd = (await unitEmails('HDND'))[0];
    await waitFor(async () => smtp.to(hdnd).length > 0, 'HĐND told at level 2');
  });

  it('the standing body’s own triage step is chased by e-mail: reminded to the standing body, then its head, then the leaders', async () => {
    // Intake opens NORMAL cases; their triage step is due in ~8.6 s, with a reminder at a quarter of it.
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      {
        priority: 'NORMAL',
        acknowledgeDays: 3,
        resolveDays: 30,
        triageDays: 0.0001,
        reminderFractions: [0.25],
        remindDayBefore: false,
        escalationStepDays: 0.00003,
      },
      { token: admin },
    );
    const caseId = await d.newCase();
    const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [caseId]);
    const levels = async () =>
      (await h.sql(`SELECT payload->>'level' AS level FROM case_event WHERE case_id = $1 AND type = 'ESCALATED' AND payload->>'step' = 'TRIAGE'`, [caseId]))
        .length;
    await waitFor(async () => (await levels()) === 3, 'triage step at level 3', worker, 60_000);
    await settle(h, TEST_REDIS_URL, { started: worker });
    const rows = await h.sql(
      `SELECT recipient, vars->>'level' AS level, status FROM notification WHERE case_id = $1 AND template = 'step-deadline' ORDER BY created_at, recipient`,
      [caseId],
    );
    expect(rows.every((r) => r.status === 'SENT')).toBe(true);
    const [btg] = await h.sql(`SELECT emails, COALESCE(NULLIF(head_emails, '{}'), emails) AS heads FROM org_unit WHERE code = 'BTG'`);
    const to = (level: string | null) =>
      [...new Set(rows.filter((r) => r.level === level).map((r) => r.recipient as string))].sort((a, b) => a.localeCompare(b));
    expect(to(null)).toEqual([...(btg.emails as string[])].sort((a, b) => a.localeCompare(b)));
    expect(to('1')).toEqual([...(btg.heads as string[])].sort((a, b) => a.localeCompare(b)));
    const leaders = (await h.sql(`SELECT email FROM app_user WHERE role = 'leader' AND active ORDER BY email`)).map((r) => r.email as string);
    expect(to('2')).toEqual(leaders);
    expect(to('3')).toEqual(leaders);
    // Nobody outside the department chases the standing body's own work.
    const hdnd = (await unitEmails('HDND'))[0];
    expect(smtp.to(hdnd).filter((m) => m.subject.includes(code))).toEqual([]);
    const reminder = smtp.to(btg.emails[0]).find((m) => m.subject.includes(code) && m.subject.includes('Nhắc hạn'))!;
    expect(reminder.subject).toContain('phân loại, chuyển xử lý');
    expect(reminder.text).toContain('Kính gửi: Cơ quan thường trực');
    const warning = smtp.to(leaders[0]).find((m) => m.subject.includes(code) && m.subject.includes('mức 3'))!;
    expect(warning.text).toContain('đã quá hạn từ');
    expect(warning.text).toContain(`/#/cases/${caseId}`);
  });

  it('reminds an agency before the deadline', async () => {
    await h.api
      .post(
        '/api/v1/admin/deadline-policies',
        { priority: 'HIGH', acknowledgeDays: 0.001, resolveDays: 0.0002, reminderFractions: [0.3], remindDayBefore: false, escalationStepDays: 1 },
        { token: admin },
      )
      .then((r) => expect(r.status).toBe(400)); // resolve shorter than acknowledge is refused
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'HIGH', acknowledgeDays: 0.0001, resolveDays: 0.0002, reminderFractions: [0.3], remindDayBefore: false, escalationStepDays: 1 },
      { token: admin },
    );
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'HIGH', leadAgency: 'NV', supportingAgencies: [] });
    const nv = await d.assignment('nv@demo.local', caseId);
    await d.agency('nv@demo.local', nv, 'acknowledge');
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM notification WHERE case_id = $1 AND template = 'deadline-reminder'`, [caseId])).length > 0,
      'reminder',
      undefined,
      20_000,
    );
  });

  it('the sweeper escalates even when the delayed deadline jobs were lost from Redis', async () => {
    await h.api.post(
      '/api/v1/admin/deadline-policies',
      { priority: 'LOW', acknowledgeDays: 0.00005, resolveDays: 0.0005, reminderFractions: [0.5], remindDayBefore: false, escalationStepDays: 1 },
      { token: admin },
    );
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'LOW', leadAgency: 'CA', supportingAgencies: [] });
    const [a] = await h.sql(`SELECT id FROM assignment WHERE case_id = $1`, [caseId]);
    const queue = new Queue('deadlines', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    const ids = [deadlineJobId(a.id, 'acknowledge'), deadlineJobId(a.id, 'resolve'), deadlineJobId(a.id, 'remind', 0)];
    await waitFor(async () => (await queue.getJob(ids[0])) !== undefined, 'deadline job scheduled');
    for (const id of ids) await queue.remove(id);
    expect(await queue.getJob(ids[0])).toBeUndefined();
    await queue.close();
    await waitFor(
      async () => (await h.sql(`SELECT 1 FROM case_event WHERE case_id = $1 AND type = 'ESCALATED'`, [caseId])).length > 0,
      'escalation by the sweeper',
      worker,
      20_000,
    );
  });

  it('extensions: requested by the agency, granted or denied by the standing body; the deadline moves only when granted', async () => {
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'NNMT', supportingAgencies: [] });
    const a = await d.assignment('nnmt@demo.local', caseId);
    const [before] = await h.sql(`SELECT resolve_due_at FROM assignment WHERE id = $1`, [a]);
    const nnmt = await d.as('nnmt@demo.local');
    const asked = await h.api.post(`/api/v1/assignments/${a}/extensions`, { days: 5, reason: 'Cần đo đạc lại diện tích' }, { token: nnmt });
    expect(asked.status).toBe(201);
    expect((await h.api.post(`/api/v1/assignments/${a}/extensions`, { days: 5, reason: 'Lần nữa' }, { token: nnmt })).status).toBe(409);
    expect(
      (await h.api.post(`/api/v1/assignments/${a}/extensions`, { days: 5, reason: 'Không phải của tôi' }, { token: await d.as('xd@demo.local') })).status,
    ).toBe(404);
    const denied = await h.api.post(`/api/v1/extensions/${asked.body.id}/deny`, { note: 'Chưa đủ lý do' }, { token: await d.as('triage@demo.local') });
    expect(denied.body.status).toBe('DENIED');
    expect(await h.sql(`SELECT resolve_due_at FROM assignment WHERE id = $1`, [a])).toEqual([before]);
    expect((await h.api.post(`/api/v1/extensions/${asked.body.id}/grant`, {}, { token: await d.as('triage@demo.local') })).status).toBe(409);

    const again = await h.api.post(`/api/v1/assignments/${a}/extensions`, { days: 5, reason: 'Bổ sung hồ sơ đo đạc' }, { token: nnmt });
    const granted = await h.api.post(`/api/v1/extensions/${again.body.id}/grant`, { note: 'Đồng ý' }, { token: await d.as('triage@demo.local') });
    expect(granted.body.status).toBe('GRANTED');
    const [after] = await h.sql(`SELECT resolve_due_at FROM assignment WHERE id = $1`, [a]);
    expect(new Date(after.resolve_due_at).getTime()).toBeGreaterThan(new Date(before.resolve_due_at).getTime());
    const types = (await d.events(caseId)).map((e) => e.type).filter((t) => t.startsWith('EXTENSION'));
    expect(types).toEqual(['EXTENSION_REQUESTED', 'EXTENSION_DENIED', 'EXTENSION_REQUESTED', 'EXTENSION_GRANTED']);
  });

  it('every notice the case events call for is built by its rule, rendered and delivered (none FAILED), in the words of its template', async () => {
    const caseId = await d.newCase();
    const [{ code }] = await h.sql(`SELECT code FROM cases WHERE id = $1`, [caseId]);
    expect((await d.triage(caseId, { leadAgency: 'UBND', supportingAgencies: ['NNMT'] })).status).toBe(200);
    const ubnd = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', ubnd, 'acknowledge');
    expect((await d.agency('ubnd@demo.local', ubnd, 'delegate', { toOrgUnitCode: 'X02-UBND', note: 'Giao UBND phường' })).status).toBe(200);
    const nnmt = await d.assignment('nnmt@demo.local', caseId);
    await d.agency('nnmt@demo.local', nnmt, 'acknowledge');
    expect((await d.agency('nnmt@demo.local', nnmt, 'request-info', { question: 'Đề nghị cung cấp danh sách hộ' })).status).toBe(200);
    expect((await d.desk(caseId, 'provide-info', { answer: 'Danh sách 35 hộ gửi kèm.' })).status).toBe(200);
    expect(
      (await h.api.post(`/api/v1/cases/${caseId}/directives`, { text: 'Giải quyết dứt điểm trước 30/12' }, { token: await d.as('leader@demo.local') })).status,
    ).toBe(201);
    const x02 = await d.assignment('x02-ubnd@demo.local', caseId);
    const asked = await d.agency('x02-ubnd@demo.local', x02, 'extensions', { days: 5, reason: 'Cần đo đạc lại' });
    expect(asked.status).toBe(201);
    const granted = await h.api.post(`/api/v1/extensions/${asked.body.id}/grant`, { note: 'Đồng ý' }, { token: await d.as('triage@demo.local') });
    expect(granted.status).toBe(200);
    await d.agency('x02-ubnd@demo.local', x02, 'acknowledge');
    expect((await d.agency('x02-ubnd@demo.local', x02, 'resolve', await d.resolution('x02-ubnd@demo.local', caseId, x02))).status).toBe(200);
    expect((await d.agency('nnmt@demo.local', nnmt, 'resolve', await d.resolution('nnmt@demo.local', caseId, nnmt))).status).toBe(200);
    // UBND reviews the commune's answer and takes it as its own.
    expect((await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {})).status).toBe(200);
    expect(await d.status(caseId)).toBe('RESOLVED');
    expect((await d.desk(caseId, 'reopen', { reason: 'Người dân chưa nhận đủ tiền' })).status).toBe(200);
    const other = await d.newCase();
    await d.triage(other, { leadAgency: 'YT', supportingAgencies: [] });
    await d.agency('yt@demo.local', await d.assignment('yt@demo.local', other), 'return', { reason: 'Không thuộc lĩnh vực y tế' });

    await settle(h, TEST_REDIS_URL, { started: worker });
    const rows = await h.sql(`SELECT template, status, last_error FROM notification WHERE case_id = ANY($1::uuid[]) ORDER BY template`, [[caseId, other]]);
    expect(rows.filter((r) => r.status !== 'SENT')).toEqual([]);
    expect([...new Set(rows.map((r) => r.template as string))].sort()).toEqual(
      [
        'assignment-received',
        'assignment-resolved',
        'case-reopened',
        'case-resolved',
        'case-returned',
        'delegate-answered',
        'directive-issued',
        'extension-decided',
        'extension-requested',
        'info-requested',
      ].sort(),
    );
    const mails = smtp.received.filter((m) => m.subject.includes(code));
    const text = (subject: RegExp) => mails.find((m) => subject.test(m.subject))?.text ?? '';
    const [{ due }] = await h.sql(`SELECT resolve_due_at AS due FROM assignment WHERE id = $1`, [x02]);
    const vnDue = new Intl.DateTimeFormat('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', day: '2-digit', month: '2-digit', year: 'numeric' }).format(due);
    // The new deadline reaches the agency (its template once printed a variable nobody sent).
    expect(text(/Đồng ý gia hạn/)).toContain(vnDue);
    expect(mails.some((m) => m.subject.includes('UBND tỉnh giao'))).toBe(true);
    expect(text(/Ý kiến chỉ đạo/)).toContain('Giải quyết dứt điểm trước 30/12');
    expect(text(/đề nghị gia hạn/)).toContain('Cần đo đạc lại');
    expect(text(/báo cáo kết quả/)).toContain(RESOLUTION.summary);
    expect(mails.every((m) => !/undefined|NaN|Invalid Date|\[object Object\]/.test(m.text + m.subject))).toBe(true);
  });
});
