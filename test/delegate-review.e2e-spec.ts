import { type Browser } from 'playwright-core';
import { minimalPdf, upload } from './helpers/attachments.js';
import { launchBrowser, Person } from './helpers/browser.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { startSmtp } from './helpers/smtp.js';
import { TEST_REDIS_URL } from './setup/test-env.js';
import { Desk } from './helpers/workflow.js';

/** The commune's land office under X02-UBND: a third level for the chain province → commune → office. */
const OFFICE = { code: 'X02-DC', email: 'x02-dc@demo.local', password: 'Dia-chinh-phuong-2026!' };

const COMMUNE_ANSWER = 'UBND phường đã chi trả đủ tiền bồi thường cho 35 hộ.';

describe('the lead reviews its delegate’s answer; information requests reach their addressee', () => {
  let h: Harness;
  let d: Desk;
  let smtp: Awaited<ReturnType<typeof startSmtp>>;
  let worker: Started;

  beforeAll(async () => {
    smtp = await startSmtp();
    h = await startHarness({ SMTP_URL: smtp.url });
    await h.reset();
    worker = startProcess('worker.js', { SMTP_URL: smtp.url, APP_BASE_URL: h.api.baseUrl, METRICS_REFRESH_MS: '200', LOG_LEVEL: 'info' });
    await waitFor(async () => worker.output().includes('worker started'), 'worker start', worker);
    // Reference data (kept between tests): the office and its agency account, made by the admin.
    const admin = await h.api.login('admin@demo.local');
    if (!(await h.sql(`SELECT 1 FROM org_unit WHERE code = $1`, [OFFICE.code])).length) {
      const unit = await h.api.post(
        '/api/v1/admin/org-units',
        {
          code: OFFICE.code,
          parentCode: 'X02-UBND',
          kind: 'OTHER',
          level: 'COMMUNE',
          areaCode: 'X02',
          nameVi: 'Công chức địa chính phường Cam Đường',
          nameEn: 'Cam Duong Ward land office',
          emails: ['diachinh.x02@demo.local'],
        },
        { token: admin },
      );
      expect(unit.status).toBe(201);
      const user = await h.api.post(
        '/api/v1/admin/users',
        { email: OFFICE.email, password: OFFICE.password, fullName: 'Công chức địa chính', role: 'agency', orgUnitCode: OFFICE.code },
        { token: admin },
      );
      expect(user.status).toBe(201);
    }
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
  });

  const officeToken = () => h.api.login(OFFICE.email, OFFICE.password);
  const assignments = async (caseId: string) => (await d.caseAs('triage@demo.local', caseId)).body.assignments as any[];
  const byUnit = async (caseId: string, code: string) => (await assignments(caseId)).find((a) => a.orgUnitCode === code);
  const statuses = async (caseId: string) => Object.fromEntries((await assignments(caseId)).map((a) => [a.orgUnitCode, a.status]));
  const written = async (caseId: string) => ({
    events: (await h.sql(`SELECT count(*)::int AS n FROM case_event WHERE case_id = $1`, [caseId]))[0].n,
    assignments: await h.sql(`SELECT id, status, outcome, resolution_summary, accepted_answer_id, updated_at FROM assignment WHERE case_id = $1 ORDER BY id`, [
      caseId,
    ]),
    attachments: await h.sql(`SELECT id, event_id FROM attachment WHERE case_id = $1 ORDER BY id`, [caseId]),
  });

  /** UBND leads and delegates to the commune, which answers with its signed document. */
  async function delegatedAndAnswered() {
    const caseId = await d.newCase();
    expect((await d.triage(caseId, { leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    const ubnd = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', ubnd, 'acknowledge');
    const delegated = await d.agency('ubnd@demo.local', ubnd, 'delegate', { toOrgUnitCode: 'X02-UBND', note: 'Giao UBND phường xử lý' });
    expect(delegated.status).toBe(200);
    const x02 = delegated.body.delegateAssignmentId as string;
    await d.agency('x02-ubnd@demo.local', x02, 'acknowledge');
    const body = await d.resolution('x02-ubnd@demo.local', caseId, x02, 'RESOLVED', COMMUNE_ANSWER);
    const answered = await d.agency('x02-ubnd@demo.local', x02, 'resolve', body);
    expect(answered.status).toBe(200);
    return { caseId, ubnd, x02, document: body.documentRef.attachmentId as string, answered };
  }

  it('a delegate’s answer waits for the lead’s review, the lead’s clock running; accepting makes it the lead’s answer and the document stays the delegate’s', async () => {
    const { caseId, ubnd, x02, document, answered } = await delegatedAndAnswered();
    // Not copied up: the lead reviews, the case is not resolved.
    expect(answered.body.caseStatus).toBe('IN_PROGRESS');
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATE_ANSWERED', 'X02-UBND': 'RESOLVED' });
    const lead = await byUnit(caseId, 'UBND');
    expect(lead).toMatchObject({ outcome: null, resolutionSummary: null, acceptedAnswerId: null, resolvedAt: null });
    expect(lead.clock).toMatchObject({ state: 'RUNNING', metAt: null, stoppedAt: null });
    expect((await byUnit(caseId, 'X02-UBND')).clock).toMatchObject({ state: 'MET' });
    expect(await d.status(caseId)).toBe('IN_PROGRESS');
    const inbox = await h.api.get('/api/v1/assignments', { token: await d.as('ubnd@demo.local') });
    expect(inbox.body.items.find((i: any) => i.id === ubnd)).toMatchObject({ status: 'DELEGATE_ANSWERED', caseStatus: 'IN_PROGRESS' });
    const answerEvent = (await d.events(caseId)).find((e) => e.type === 'ASSIGNMENT_RESOLVED')!;
    expect(answerEvent.payload).toMatchObject({ assignmentId: x02, forReviewBy: ubnd, summary: COMMUNE_ANSWER });

    const accepted = await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', { note: 'Thống nhất với kết quả của UBND phường.' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ assignmentId: ubnd, caseStatus: 'RESOLVED', delegateAssignmentId: x02 });

    const page = (await d.caseAs('triage@demo.local', caseId)).body;
    expect(page.status).toBe('RESOLVED');
    const after = page.assignments.find((a: any) => a.orgUnitCode === 'UBND');
    const delegate = page.assignments.find((a: any) => a.orgUnitCode === 'X02-UBND');
    // The lead's resolution is the delegate's answer, and says so.
    expect(after).toMatchObject({ status: 'RESOLVED', acceptedAnswerId: x02, outcome: 'RESOLVED', resolutionSummary: COMMUNE_ANSWER });
    expect(after.documentRef).toEqual(delegate.documentRef);
    expect(after.documentRef.attachmentId).toBe(document);
    expect(after.clock).toMatchObject({ state: 'MET', metAt: expect.any(String) });
    // The signed document is still the delegate's: uploaded by its unit, linked to its answer.
    const events = page.events as any[];
    const accept = events.find((e) => e.type === 'DELEGATE_ANSWER_ACCEPTED');
    expect(accept.payload).toMatchObject({
      assignmentId: ubnd,
      orgUnitCode: 'UBND',
      delegateAssignmentId: x02,
      delegateOrgUnitCode: 'X02-UBND',
      answerEventId: String(events.find((e) => e.type === 'ASSIGNMENT_RESOLVED').id),
      outcome: 'RESOLVED',
      summary: COMMUNE_ANSWER,
      delegateDocumentRef: expect.objectContaining({ attachmentId: document }),
      note: 'Thống nhất với kết quả của UBND phường.',
    });
    expect(page.attachments.find((f: any) => f.id === document)).toMatchObject({
      uploaderUnitCode: 'X02-UBND',
      eventId: String(events.find((e) => e.type === 'ASSIGNMENT_RESOLVED').id),
    });
    // The case is resolved (for the metrics too: the RESOLVED event) when the lead answers, not before.
    expect(events.map((e) => e.type).slice(-2)).toEqual(['DELEGATE_ANSWER_ACCEPTED', 'RESOLVED']);
    expect(events.filter((e) => e.toStatus === 'RESOLVED').map((e) => e.type)).toEqual(['RESOLVED']);
    expect(Date.parse(events.at(-1).occurredAt)).toBeGreaterThanOrEqual(Date.parse((answerEvent as any).occurredAt));

    // The leader metrics count the case resolved by the lead, at the lead's answer, on time by its clock.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const metrics = async (query = '') =>
      (await h.api.get(`/api/v1/metrics/resolution-times?from=${today}&to=${today}${query}`, { token: await d.as('leader@demo.local') })).body;
    await waitFor(async () => (await metrics()).totals?.resolved === 1, 'facts refreshed', worker);
    expect((await metrics('&groupBy=agency')).rows.find((r: any) => r.key.agency === 'UBND')).toMatchObject({ answered: 1, onTime: 1 });
    const [fact] = await h.sql(`SELECT resolved_at AS "resolvedAt" FROM case_fact WHERE case_id = $1`, [caseId]);
    expect(new Date(fact.resolvedAt).toISOString()).toBe(new Date(events.at(-1).occurredAt).toISOString());

    // Notices: the lead was asked to review; the standing body heard of the lead's answer only.
    await settle(h, TEST_REDIS_URL, { started: worker });
    const notices = await h.sql(
      `SELECT template, recipient FROM notification WHERE case_id = $1 AND template <> 'assignment-received' ORDER BY template, recipient`,
      [caseId],
    );
    expect(notices.filter((n) => n.template === 'delegate-answered').map((n) => n.recipient)).toEqual([
      'tiepcongdan.ubnd@demo.local',
      'vanthu.ubnd@demo.local',
    ]);
    expect(notices.filter((n) => n.template === 'assignment-resolved').map((n) => n.recipient)).toEqual([
      'thuongtruc.btgdv@demo.local',
      'vanthu.btgdv@demo.local',
    ]);
    const review = smtp.received.find((m) => m.to.includes('vanthu.ubnd@demo.local') && /đề nghị xem xét/.test(m.subject));
    expect(review?.text).toContain(COMMUNE_ANSWER);
    const toDesk = smtp.received.find((m) => m.to.includes('vanthu.btgdv@demo.local') && /báo cáo kết quả giải quyết/.test(m.subject));
    expect(toDesk?.subject).toContain('UBND tỉnh');
    expect(toDesk?.text).toContain(COMMUNE_ANSWER);
  });

  it('sending back re-opens the delegate’s work with the reason on the timeline, its clock running to the same due instant; its next answer is reviewed again', async () => {
    const { caseId, ubnd, x02 } = await delegatedAndAnswered();
    const dueBefore = (await byUnit(caseId, 'X02-UBND')).clock.dueAt;
    const reason = 'Chưa kèm biên bản làm việc với các hộ dân; đề nghị bổ sung.';
    const back = await d.agency('ubnd@demo.local', ubnd, 'return-to-delegate', { reason });
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ caseStatus: 'IN_PROGRESS', delegateAssignmentId: x02 });
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATED', 'X02-UBND': 'IN_PROGRESS' });
    const delegate = await byUnit(caseId, 'X02-UBND');
    expect(delegate).toMatchObject({ outcome: null, resolutionSummary: null, documentRef: null, resolvedAt: null });
    expect(delegate.clock).toMatchObject({ state: 'RUNNING', stoppedAt: null, metAt: null, dueAt: dueBefore });
    const returned = (await d.events(caseId)).find((e) => e.type === 'DELEGATE_ANSWER_RETURNED')!;
    expect(returned.payload).toMatchObject({ assignmentId: ubnd, delegateAssignmentId: x02, delegateOrgUnitCode: 'X02-UBND', reason });
    // The delegate sees it as work again and answers again (a new signed document): back to review.
    const inbox = await h.api.get('/api/v1/assignments', { token: await d.as('x02-ubnd@demo.local') });
    expect(inbox.body.items.find((i: any) => i.id === x02)).toMatchObject({ status: 'IN_PROGRESS' });
    const again = await d.agency(
      'x02-ubnd@demo.local',
      x02,
      'resolve',
      await d.resolution('x02-ubnd@demo.local', caseId, x02, 'RESOLVED', 'Đã bổ sung biên bản.'),
    );
    expect(again.body.caseStatus).toBe('IN_PROGRESS');
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATE_ANSWERED', 'X02-UBND': 'RESOLVED' });

    await settle(h, TEST_REDIS_URL, { started: worker });
    const sentBack = await h.sql(`SELECT recipient, vars FROM notification WHERE case_id = $1 AND template = 'delegate-answer-returned' ORDER BY recipient`, [
      caseId,
    ]);
    expect(sentBack.map((n) => n.recipient)).toEqual(['diachinh.camduong@demo.local', 'ubnd.camduong@demo.local']);
    expect(sentBack[0].vars).toMatchObject({ reason });
    expect(smtp.received.find((m) => m.to.includes('ubnd.camduong@demo.local') && /trả lại kết quả/.test(m.subject))?.text).toContain(reason);
    // The lead is asked to review each answer.
    expect(
      (await h.sql(`SELECT count(DISTINCT dedupe_key)::int AS n FROM notification WHERE case_id = $1 AND template = 'delegate-answered'`, [caseId]))[0].n,
    ).toBe(4);
  });

  it('the lead may answer itself instead (“edit”), with its own summary, reusing the delegate’s signed document, which stays the delegate’s', async () => {
    const { caseId, ubnd, document } = await delegatedAndAnswered();
    const own = 'UBND tỉnh kết luận: đã chi trả đủ; giao Sở Tài chính theo dõi việc quyết toán.';
    const resolved = await d.agency('ubnd@demo.local', ubnd, 'resolve', {
      outcome: 'RESOLVED',
      summary: own,
      documentRef: { number: '88/UBND-TH', date: '2026-11-25', issuer: 'UBND tỉnh', attachmentId: document },
    });
    expect(resolved.status).toBe(200);
    expect(resolved.body.caseStatus).toBe('RESOLVED');
    const page = (await d.caseAs('triage@demo.local', caseId)).body;
    expect(page.assignments.find((a: any) => a.orgUnitCode === 'UBND')).toMatchObject({
      status: 'RESOLVED',
      resolutionSummary: own,
      acceptedAnswerId: null,
      documentRef: { number: '88/UBND-TH', date: '2026-11-25', issuer: 'UBND tỉnh', attachmentId: document },
    });
    const events = page.events as any[];
    const answers = events.filter((e) => e.type === 'ASSIGNMENT_RESOLVED');
    expect(answers[1].payload).toMatchObject({ assignmentId: ubnd, summary: own, delegateDocumentOf: expect.any(String) });
    expect(answers[1].payload.documentRef.attachmentId).toBeUndefined();
    expect(page.attachments.find((f: any) => f.id === document)).toMatchObject({ uploaderUnitCode: 'X02-UBND', eventId: String(answers[0].id) });

    // Outside a review the delegate's file is not the lead's to use (422, nothing written).
    const other = await delegatedAndAnswered();
    const back = await d.agency('ubnd@demo.local', other.ubnd, 'return-to-delegate', { reason: 'Đề nghị bổ sung biên bản.' });
    expect(back.status).toBe(200);
    const before = await written(other.caseId);
    const refused = await d.agency('x02-ubnd@demo.local', other.x02, 'resolve', {
      outcome: 'RESOLVED',
      summary: 'Dùng lại văn bản của vụ việc khác.',
      documentRef: { number: '1/UBND', date: '2026-11-25', issuer: 'UBND phường', attachmentId: document },
    });
    expect(refused.status).toBe(422);
    expect(await written(other.caseId)).toEqual(before);
  });

  it('a three-level chain: each level reviews its own delegates, and the case is resolved only when the lead accepts', async () => {
    const office = await officeToken();
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'UBND', supportingAgencies: [] });
    const ubnd = await d.assignment('ubnd@demo.local', caseId);
    await d.agency('ubnd@demo.local', ubnd, 'acknowledge');
    const x02 = (await d.agency('ubnd@demo.local', ubnd, 'delegate', { toOrgUnitCode: 'X02-UBND' })).body.delegateAssignmentId;
    await d.agency('x02-ubnd@demo.local', x02, 'acknowledge');
    const toOffice = await d.agency('x02-ubnd@demo.local', x02, 'delegate', { toOrgUnitCode: OFFICE.code });
    expect(toOffice.status).toBe(200);
    const dc = toOffice.body.delegateAssignmentId;
    const officeAct = (action: string, body: unknown = {}) => h.api.post(`/api/v1/assignments/${dc}/${action}`, body, { token: office });
    expect((await officeAct('acknowledge')).status).toBe(200);
    const officeAnswer = async (summary: string) => {
      const file = await upload(
        h.api,
        `/api/v1/cases/${caseId}/attachments`,
        office,
        { bytes: minimalPdf('Bien ban'), name: 'bien-ban.pdf' },
        { purpose: 'ANSWER_DOCUMENT' },
      );
      expect(file.status).toBe(201);
      const res = await officeAct('resolve', {
        outcome: 'RESOLVED',
        summary,
        documentRef: { number: '12/BB-DC', date: '2026-11-24', issuer: 'Địa chính phường', attachmentId: file.body.id },
      });
      expect(res.status).toBe(200);
      return file.body.id as string;
    };
    await officeAnswer('Đã đo đạc lại, xác nhận diện tích.');
    // The commune reviews the office's answer; the province still waits for the commune.
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATED', 'X02-UBND': 'DELEGATE_ANSWERED', [OFFICE.code]: 'RESOLVED' });
    expect(await d.status(caseId)).toBe('IN_PROGRESS');
    expect((await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {})).status).toBe(409);

    const communeAccepts = await d.agency('x02-ubnd@demo.local', x02, 'accept-delegate-answer', {});
    expect(communeAccepts.status).toBe(200);
    expect(communeAccepts.body.caseStatus).toBe('IN_PROGRESS');
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATE_ANSWERED', 'X02-UBND': 'RESOLVED', [OFFICE.code]: 'RESOLVED' });
    expect((await d.events(caseId)).find((e) => e.type === 'DELEGATE_ANSWER_ACCEPTED')!.payload).toMatchObject({ assignmentId: x02, forReviewBy: ubnd });

    // The province sends the commune's answer back: the commune reviews again and sends it down in turn.
    expect((await d.agency('ubnd@demo.local', ubnd, 'return-to-delegate', { reason: 'Chưa có ý kiến của các hộ dân.' })).status).toBe(200);
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATED', 'X02-UBND': 'DELEGATE_ANSWERED', [OFFICE.code]: 'RESOLVED' });
    expect((await byUnit(caseId, 'X02-UBND')).acceptedAnswerId).toBeNull();
    expect((await d.agency('x02-ubnd@demo.local', x02, 'return-to-delegate', { reason: 'Đề nghị lấy ý kiến các hộ dân.' })).status).toBe(200);
    expect(await statuses(caseId)).toEqual({ UBND: 'DELEGATED', 'X02-UBND': 'DELEGATED', [OFFICE.code]: 'IN_PROGRESS' });

    const finalDocument = await officeAnswer('Đã lấy ý kiến 35 hộ, thống nhất phương án.');
    expect((await d.agency('x02-ubnd@demo.local', x02, 'accept-delegate-answer', {})).body.caseStatus).toBe('IN_PROGRESS');
    const top = await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {});
    expect(top.status).toBe(200);
    expect(top.body.caseStatus).toBe('RESOLVED');
    const page = (await d.caseAs('triage@demo.local', caseId)).body;
    const lead = page.assignments.find((a: any) => a.orgUnitCode === 'UBND');
    expect(lead).toMatchObject({ status: 'RESOLVED', acceptedAnswerId: x02, resolutionSummary: 'Đã lấy ý kiến 35 hộ, thống nhất phương án.' });
    expect(lead.documentRef.attachmentId).toBe(finalDocument);
    expect(page.attachments.find((f: any) => f.id === finalDocument)).toMatchObject({ uploaderUnitCode: OFFICE.code });
    expect(page.assignments.find((a: any) => a.orgUnitCode === 'X02-UBND')).toMatchObject({ acceptedAnswerId: dc });
  });

  it('after the standing body reopens the case, the lead reviews only the new round’s answer', async () => {
    const { caseId, ubnd } = await delegatedAndAnswered();
    expect((await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {})).body.caseStatus).toBe('RESOLVED');
    expect((await d.desk(caseId, 'reopen', { reason: 'Người dân chưa nhận đủ tiền' })).status).toBe(200);
    await d.agency('ubnd@demo.local', ubnd, 'acknowledge');
    const again = (await d.agency('ubnd@demo.local', ubnd, 'delegate', { toOrgUnitCode: 'X02-UBND' })).body.delegateAssignmentId;
    await d.agency('x02-ubnd@demo.local', again, 'acknowledge');
    await d.agency('x02-ubnd@demo.local', again, 'resolve', await d.resolution('x02-ubnd@demo.local', caseId, again, 'RESOLVED', 'Đã chi trả phần còn lại.'));
    const accepted = await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {});
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ caseStatus: 'RESOLVED', delegateAssignmentId: again });
    expect(await byUnit(caseId, 'UBND')).toMatchObject({ acceptedAnswerId: again, resolutionSummary: 'Đã chi trả phần còn lại.' });
  });

  it('another unit’s review is unknown to it (404); a review before the answer or after it is 409; bad input is 400 and writes nothing', async () => {
    const { caseId, ubnd, x02 } = await delegatedAndAnswered();
    const before = await written(caseId);
    for (const [email, action, body] of [
      ['x03-ubnd@demo.local', 'accept-delegate-answer', {}],
      ['nnmt@demo.local', 'return-to-delegate', { reason: 'Không đạt yêu cầu' }],
      ['x02-ubnd@demo.local', 'accept-delegate-answer', {}], // the delegate cannot review its own answer: it holds no review (409 below), not another's
    ] as const) {
      const res = await d.agency(email, email.startsWith('x02') ? x02 : ubnd, action, body);
      expect([email, res.status]).toEqual([email, email.startsWith('x02') ? 409 : 404]);
    }
    for (const [body, field] of [
      [{}, 'reason'],
      [{ reason: '   ' }, 'reason'],
      [{ reason: 'ab' }, 'reason'],
      [{ reason: 'Không đạt', delegateAssignmentId: 'abc' }, 'delegateAssignmentId'],
      [{ reason: 'Không đạt', delegateAssignmentId: '7a1f1b9e-8c2d-4a51-9b7e-3f0e2d1c4b5a' }, 'delegateAssignmentId'],
      [{ reason: 'Không đạt', delegateAssignmentId: ubnd }, 'delegateAssignmentId'],
    ] as const) {
      const res = await d.agency('ubnd@demo.local', ubnd, 'return-to-delegate', body);
      expect([JSON.stringify(body), res.status, res.body.code]).toEqual([JSON.stringify(body), 400, 'VALIDATION_FAILED']);
      expect(res.body.errors.map((e: any) => e.field)).toContain(field);
    }
    for (const body of [{ note: '' }, { note: 42 }, { delegateAssignmentId: x02, note: null }, { extra: true }]) {
      const res = await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', body);
      expect([JSON.stringify(body), res.status]).toEqual([JSON.stringify(body), 400]);
    }
    expect((await h.api.post(`/api/v1/assignments/not-a-uuid/accept-delegate-answer`, {}, { token: await d.as('ubnd@demo.local') })).status).toBe(400);
    expect(await written(caseId)).toEqual(before);

    // Before any answer and after the lead's own: 409 with the assignment's status, nothing written.
    const fresh = await d.newCase();
    await d.triage(fresh, { leadAgency: 'UBND', supportingAgencies: [] });
    const lead = await d.assignment('ubnd@demo.local', fresh);
    await d.agency('ubnd@demo.local', lead, 'acknowledge');
    await d.agency('ubnd@demo.local', lead, 'delegate', { toOrgUnitCode: 'X02-UBND' });
    const early = await d.agency('ubnd@demo.local', lead, 'accept-delegate-answer', {});
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({ code: 'ILLEGAL_TRANSITION', assignmentStatus: 'DELEGATED' });
    expect((await d.agency('ubnd@demo.local', ubnd, 'accept-delegate-answer', {})).status).toBe(200);
    const twice = await written(caseId);
    expect((await d.agency('ubnd@demo.local', ubnd, 'return-to-delegate', { reason: 'Đổi ý' })).status).toBe(409);
    expect(await written(caseId)).toEqual(twice);
  });

  it('an agency’s question goes to the standing body, not the officer; the officer is asked (and told) only the standing body’s questions', async () => {
    const officer = await d.as('officer@demo.local');
    const caseId = await d.newCase();
    await d.triage(caseId, { leadAgency: 'NNMT', supportingAgencies: [] });
    const nnmt = await d.assignment('nnmt@demo.local', caseId);
    await d.agency('nnmt@demo.local', nnmt, 'acknowledge');
    const question = 'Đề nghị cung cấp bản đồ địa chính khu vực';
    expect((await d.agency('nnmt@demo.local', nnmt, 'request-info', { question })).body.caseStatus).toBe('NEEDS_INFO');
    // The officer's list and case say the standing body is asked, not them; the officer may not answer it.
    const mine = (await h.api.get('/api/v1/cases', { token: officer })).body.items.find((c: any) => c.id === caseId);
    expect(mine).toMatchObject({ status: 'NEEDS_INFO', awaitingInfoFrom: 'standing body' });
    expect((await h.api.get(`/api/v1/cases/${caseId}`, { token: officer })).body.awaitingInfoFrom).toBe('standing body');
    expect((await h.api.post(`/api/v1/cases/${caseId}/provide-info`, { answer: 'Không rõ' }, { token: officer })).status).toBe(403);

    // The standing body's own question of the officer, on another case.
    const other = await d.newCase();
    const officerQuestion = 'Đề nghị cho biết số hộ bị ảnh hưởng';
    expect((await d.desk(other, 'request-info', { question: officerQuestion })).status).toBe(200);
    const list = (await h.api.get('/api/v1/cases', { token: officer })).body.items;
    expect(list.find((c: any) => c.id === other).awaitingInfoFrom).toBe('officer');
    expect(list.find((c: any) => c.id === caseId).awaitingInfoFrom).toBe('standing body');

    await settle(h, TEST_REDIS_URL, { started: worker });
    const notices = await h.sql(
      `SELECT case_id AS "caseId", template, recipient FROM notification WHERE template IN ('info-requested', 'officer-info-requested') ORDER BY recipient`,
    );
    expect(notices.filter((n) => n.caseId === caseId)).toEqual([
      { caseId, template: 'info-requested', recipient: 'thuongtruc.btgdv@demo.local' },
      { caseId, template: 'info-requested', recipient: 'vanthu.btgdv@demo.local' },
    ]);
    expect(notices.filter((n) => n.caseId === other)).toEqual([{ caseId: other, template: 'officer-info-requested', recipient: 'officer@demo.local' }]);
    const toOfficer = smtp.received.filter((m) => m.to.includes('officer@demo.local'));
    expect(toOfficer.map((m) => m.text.includes(officerQuestion))).toEqual([true]);
    expect(smtp.received.find((m) => m.to.includes('vanthu.btgdv@demo.local'))?.text).toContain(question);

    // Each addressee answers their own: the standing body the agency's question, the officer the desk's.
    expect((await d.desk(caseId, 'provide-info', { answer: 'Bản đồ gửi kèm.' })).status).toBe(200);
    expect((await h.api.post(`/api/v1/cases/${other}/provide-info`, { answer: '35 hộ' }, { token: officer })).status).toBe(200);
  });

  describe('in the browser', () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchBrowser();
    });
    afterAll(async () => browser?.close());

    it('the lead sees the delegate’s answer with its document and accepts it; sending back needs a reason', async () => {
      const { caseId, x02 } = await delegatedAndAnswered();
      const lead = await Person.open(browser, h.api.baseUrl);
      await lead.login('ubnd@demo.local');
      await lead.goto(`#/cases/${caseId}`);
      const review = lead.page.getByTestId('delegate-review');
      await review.waitFor();
      await expect(review.textContent()).resolves.toContain(COMMUNE_ANSWER);
      await expect(review.textContent()).resolves.toContain('UBND phường Cam Đường');
      // The signed document, downloadable.
      await expect(review.locator('[data-attachment]').textContent()).resolves.toBe('cong-van-tra-loi.pdf');
      // Send back without a reason: the form says so, nothing is sent.
      await review.getByRole('button', { name: 'Trả lại cấp dưới' }).click();
      await review.getByTestId('return-to-delegate-form').getByRole('button', { name: 'Trả lại cấp dưới' }).click();
      await review.getByText('Vui lòng nhập thông tin này.', { exact: true }).waitFor();
      expect(await statuses(caseId)).toMatchObject({ UBND: 'DELEGATE_ANSWERED', 'X02-UBND': 'RESOLVED' });
      await lead.screenshot('delegate-review-panel');
      await review.getByRole('button', { name: 'Đồng ý với kết quả' }).click();
      await lead.page.getByText('Đã đồng ý với kết quả của cấp dưới.').waitFor();
      expect(await statuses(caseId)).toMatchObject({ UBND: 'RESOLVED' });
      expect((await byUnit(caseId, 'UBND')).acceptedAnswerId).toBe(x02);
      expect(lead.problems).toEqual([]);
      await lead.close();
    });
  });
});
