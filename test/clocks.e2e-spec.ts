import { Queue } from 'bullmq';
import { type ClockPolicy, deriveClocks, workingDaysBefore } from '../src/modules/deadlines/clock.js';
import { deadlineJobId } from '../src/modules/deadlines/deadline-jobs.js';
import { WorkingCalendar } from '../src/modules/deadlines/working-calendar.js';
import { type Harness, startHarness } from './helpers/harness.js';
import { startProcess, type Started, waitFor } from './helpers/processes.js';
import { settle } from './helpers/settle.js';
import { TEST_REDIS_URL } from './setup/test-env.js';
import { Desk } from './helpers/workflow.js';

/** YYYY-MM-DD in Vietnam, `plusDays` from today. */
const vnDay = (plusDays = 0) => new Date(Date.now() + 7 * 3600_000 + plusDays * 86_400_000).toISOString().slice(0, 10);
const DAY_S = 86_400;
const ms = (iso: string) => new Date(iso).getTime();

/**
 * Clocks that pause, and a deadline on every step, through HTTP against the API and a worker.
 * Expected instants are computed with the same WorkingCalendar the server uses (the calendar rows
 * are read back from the database), never copied from the answer.
 */
describe('deadline clocks: pauses, every step, programme terms, recompute', () => {
  let h: Harness;
  let d: Desk;
  let worker: Started;
  let admin: string;

  beforeAll(async () => {
    h = await startHarness();
    await h.reset();
    worker = startProcess('worker.js', { APP_BASE_URL: h.api.baseUrl, DEADLINE_SWEEP_MS: '500', LOG_LEVEL: 'info' });
    await waitFor(async () => worker.output().includes('worker started'), 'worker start', worker);
  });
  afterAll(async () => {
    await worker?.stop();
    await h?.close();
  });
  beforeEach(async () => {
    await h.reset();
    d = new Desk(h);
    admin = await d.as('admin@demo.local');
    // Tests must not depend on the weekday they run on: the coming days are working days.
    for (let i = 0; i < 8; i++) {
      await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(i)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin });
    }
  });

  const calendar = async () => new WorkingCalendar(await h.sql(`SELECT day::text AS day, kind FROM calendar_day`));
  const policy = async (body: Record<string, unknown>) => {
    const res = await h.api.post('/api/v1/admin/deadline-policies', { reminderFractions: [0.5], remindDayBefore: false, ...body }, { token: admin });
    expect(res.status).toBe(201);
    return res.body;
  };
  const caseBody = async (caseId: string) => (await d.caseAs('triage@demo.local', caseId)).body;
  const assignmentOf = async (caseId: string, id: string) => (await caseBody(caseId)).assignments.find((a: { id: string }) => a.id === id);
  const eventsOf = async (caseId: string, type: string) => (await d.events(caseId)).filter((e) => e.type === type) as any[];

  /** The API's clocks equal the pure function recomputed here from the case's own events, and the stored columns are its cache. */
  async function expectClocksFromTimeline(caseId: string, p: ClockPolicy) {
    const body = await caseBody(caseId);
    const derived = deriveClocks(body.events, p, await calendar(), Date.now());
    const stable = (c: any) => c && { step: c.step, dueAt: c.dueAt, allowed: c.allowedWorkingSeconds, paused: c.pausedWorkingSeconds, metAt: c.metAt };
    expect(stable(body.steps.triage)).toEqual(stable(derived.triage));
    expect(stable(body.steps.verify)).toEqual(stable(derived.verify));
    for (const a of body.assignments) {
      expect(stable(a.clock)).toEqual(stable(derived.assignments[a.id].resolve));
      const [row] = await h.sql(`SELECT resolve_due_at, paused_working_seconds, clock_state FROM assignment WHERE id = $1`, [a.id]);
      expect(new Date(row.resolve_due_at).toISOString()).toBe(derived.assignments[a.id].resolve.dueAt);
      expect(row.paused_working_seconds).toBe(derived.assignments[a.id].resolve.pausedWorkingSeconds);
    }
    return { body, derived };
  }

  it('pauses while the agency waits for information and for an extension decision; the due date moves by exactly the paused working time, across extension, delegation and reassignment', async () => {
    await policy({ priority: 'HIGH', acknowledgeDays: 1, resolveDays: 2, escalationStepDays: 1, pauseOnExtension: true });
    const P: ClockPolicy = { acknowledgeDays: 1, resolveDays: 2, triageDays: 1, verifyDays: 3, directiveReplyDays: 2, delegateLeadDays: 1 };
    const cal = await calendar();
    const caseId = await d.newCase();
    expect((await d.triage(caseId, { priority: 'HIGH', leadAgency: 'UBND', supportingAgencies: [] })).status).toBe(200);
    const u = await d.assignment('ubnd@demo.local', caseId);
    const first = await assignmentOf(caseId, u);
    expect(first.clock).toMatchObject({ step: 'RESOLVE', state: 'RUNNING', allowedWorkingSeconds: 2 * DAY_S, pausedWorkingSeconds: 0 });
    const start = ms(first.clock.startedAt);
    const dueBefore = ms(first.resolveDueAt);
    expect(dueBefore).toBe(cal.addWorkingDays(new Date(start), 2).getTime());

    // 1. The agency asks the standing body: paused, in the same transaction (the event names its cause).
    expect((await d.agency('ubnd@demo.local', u, 'request-info', { question: 'Đề nghị cung cấp danh sách hộ dân' })).status).toBe(200);
    const [asked] = await eventsOf(caseId, 'INFO_REQUESTED');
    const [paused1] = await eventsOf(caseId, 'CLOCK_PAUSED');
    expect(paused1.payload).toEqual({ assignmentId: u, reason: 'INFO_REQUESTED', causeEventId: String(asked.id) });
    expect(paused1.occurredAt).toBe(asked.occurredAt);
    const inbox = await h.api.get('/api/v1/assignments', { token: await d.as('ubnd@demo.local') });
    expect(inbox.body.items.find((i: { id: string }) => i.id === u).clock).toMatchObject({ state: 'PAUSED', pauseReasons: ['INFO_REQUESTED'] });
    // Time must pass for the pause to be measurable (whole seconds): wait for the clock to say so.
    await waitFor(async () => (await assignmentOf(caseId, u)).clock.pausedWorkingSeconds >= 2, 'two seconds paused');
    expect((await d.desk(caseId, 'provide-info', { answer: 'Danh sách 35 hộ kèm theo' })).status).toBe(200);
    const [resumed1] = await eventsOf(caseId, 'CLOCK_RESUMED');
    expect(resumed1.payload).toMatchObject({ assignmentId: u, reason: 'INFO_REQUESTED' });
    const p1 = cal.workingSecondsBetween(new Date(paused1.occurredAt), new Date(resumed1.occurredAt));
    expect(p1).toBeGreaterThanOrEqual(2);
    const due1 = ms((await assignmentOf(caseId, u)).resolveDueAt);
    expect(cal.workingSecondsBetween(new Date(dueBefore), new Date(due1))).toBe(p1);
    expect(due1).toBe(cal.addWorkingDays(new Date(start), (2 * DAY_S + p1) / DAY_S).getTime());

    // 2. An extension request pauses (this policy says so); the grant adds its days and keeps the paused time.
    expect((await d.agency('ubnd@demo.local', u, 'acknowledge')).status).toBe(200);
    const asked2 = await h.api.post(`/api/v1/assignments/${u}/extensions`, { days: 1, reason: 'Cần đo đạc lại' }, { token: await d.as('ubnd@demo.local') });
    expect(asked2.status).toBe(201);
    expect((await assignmentOf(caseId, u)).clock).toMatchObject({ state: 'PAUSED', pauseReasons: ['EXTENSION_PENDING'] });
    await waitFor(async () => (await assignmentOf(caseId, u)).clock.pausedWorkingSeconds >= p1 + 2, 'two more seconds paused');
    const granted = await h.api.post(`/api/v1/extensions/${asked2.body.id}/grant`, { note: 'Đồng ý' }, { token: await d.as('triage@demo.local') });
    expect(granted.status).toBe(200);
    const paused2 = (await eventsOf(caseId, 'CLOCK_PAUSED'))[1];
    const resumed2 = (await eventsOf(caseId, 'CLOCK_RESUMED'))[1];
    expect([paused2.payload.reason, resumed2.payload.reason]).toEqual(['EXTENSION_PENDING', 'EXTENSION_PENDING']);
    const p2 = cal.workingSecondsBetween(new Date(paused2.occurredAt), new Date(resumed2.occurredAt));
    const due2 = cal.addWorkingDays(new Date(start), (3 * DAY_S + p1 + p2) / DAY_S).getTime();
    const after = await assignmentOf(caseId, u);
    expect(after.clock).toMatchObject({ state: 'RUNNING', allowedWorkingSeconds: 3 * DAY_S, pausedWorkingSeconds: p1 + p2 });
    expect(ms(after.resolveDueAt)).toBe(due2);
    expect(ms(granted.body.resolveDueAt)).toBe(due2);
    expect(cal.workingSecondsBetween(new Date(cal.addWorkingDays(new Date(start), 3).getTime()), new Date(due2))).toBe(p1 + p2);

    // 3. Delegation: the delegate answers one working day before the parent's moved due date.
    const delegated = await d.agency('ubnd@demo.local', u, 'delegate', { toOrgUnitCode: 'X02-UBND', note: 'Giao UBND phường' });
    expect(delegated.status).toBe(200);
    const child = await assignmentOf(caseId, delegated.body.delegateAssignmentId);
    expect(ms(child.resolveDueAt)).toBe(workingDaysBefore(cal, due2, 1));
    expect(child.clock).toMatchObject({ state: 'RUNNING', assignmentId: delegated.body.delegateAssignmentId });

    // 4. Reassignment: the work goes back and to another agency; the paused time stays on the record of the first.
    expect((await d.agency('x02-ubnd@demo.local', delegated.body.delegateAssignmentId, 'return', { reason: 'Không thuộc thẩm quyền phường' })).status).toBe(
      200,
    );
    expect((await d.agency('ubnd@demo.local', u, 'return', { reason: 'Đề nghị chuyển Sở Xây dựng' })).status).toBe(200);
    expect((await d.triage(caseId, { priority: 'HIGH', leadAgency: 'XD', supportingAgencies: [] })).status).toBe(200);
    const old = await assignmentOf(caseId, u);
    expect(old.clock).toMatchObject({ state: 'STOPPED', pausedWorkingSeconds: p1 + p2 });
    const [stored] = await h.sql(`SELECT paused_working_seconds, clock_state FROM assignment WHERE id = $1`, [u]);
    expect(stored).toEqual({ paused_working_seconds: p1 + p2, clock_state: 'STOPPED' });
    const xd = await d.assignment('xd@demo.local', caseId);
    expect((await assignmentOf(caseId, xd)).clock).toMatchObject({ state: 'RUNNING', allowedWorkingSeconds: 2 * DAY_S, pausedWorkingSeconds: 0 });

    await expectClocksFromTimeline(caseId, P);
  });

  it('no reminder and no escalation while paused; after the resume they follow the moved due date', async () => {
    await policy({ priority: 'URGENT', acknowledgeDays: 0.0001, resolveDays: 0.0002, reminderFractions: [0.3], escalationStepDays: 0.00003 });
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'URGENT', leadAgency: 'GDDT', supportingAgencies: [] });
    const a = await d.assignment('gddt@demo.local', caseId);
    const before = await assignmentOf(caseId, a);
    expect((await d.agency('gddt@demo.local', a, 'request-info', { question: 'Trường nào?' })).status).toBe(200);
    // Without the pause a reminder (at 30 %), and escalations past both deadlines, would be due by now.
    await waitFor(async () => Date.now() > ms(before.resolveDueAt) + 3_000, 'the original deadline passed', worker, 40_000);
    await settle(h, TEST_REDIS_URL, { started: worker });
    expect(await eventsOf(caseId, 'DEADLINE_REMINDER')).toEqual([]);
    expect(await eventsOf(caseId, 'ESCALATED')).toEqual([]);
    expect(await h.sql(`SELECT id FROM deadline_reminder WHERE assignment_id = $1 AND sent_at IS NULL`, [a])).toEqual([]);
    const queue = new Queue('deadlines', { connection: { url: TEST_REDIS_URL }, prefix: 'cd' });
    try {
      expect(await queue.getJob(deadlineJobId(a, 'resolve'))).toBeUndefined();
      expect(await queue.getJob(deadlineJobId(a, 'acknowledge'))).toBeUndefined();
    } finally {
      await queue.close();
    }
    expect((await assignmentOf(caseId, a)).clock.state).toBe('PAUSED');

    expect((await d.desk(caseId, 'provide-info', { answer: 'Trường THCS phường 2' })).status).toBe(200);
    const [resumed] = await eventsOf(caseId, 'CLOCK_RESUMED');
    const moved = await assignmentOf(caseId, a);
    expect(ms(moved.acknowledgeDueAt)).toBeGreaterThan(ms(resumed.occurredAt));
    await waitFor(async () => (await eventsOf(caseId, 'ESCALATED')).length > 0, 'escalation after the resume', worker, 30_000);
    const [first] = await eventsOf(caseId, 'ESCALATED');
    expect(ms(first.occurredAt)).toBeGreaterThan(ms(resumed.occurredAt));
    expect(ms(first.payload.overdueSince)).toBe(ms(moved.acknowledgeDueAt));
  }, 120_000); // its waits add up to 70–90 s on a busy machine: more than the suites' 30 s default

  it('the standing body’s triage and verification clocks breach and escalate; a late step is BREACHED with its met time', async () => {
    // Intake opens NORMAL cases: their triage step is due in ~8.6 s here, with one reminder point at
    // a quarter of it, so a sweeper slowed by a busy machine still finds the step running in the window.
    await policy({ priority: 'NORMAL', acknowledgeDays: 3, resolveDays: 30, triageDays: 0.0001, escalationStepDays: 0.00003, reminderFractions: [0.25] });
    await policy({ priority: 'HIGH', acknowledgeDays: 3, resolveDays: 10, verifyDays: 0.00005, escalationStepDays: 0.00003 });
    const caseId = await d.newCase();
    expect((await caseBody(caseId)).clock).toMatchObject({ step: 'TRIAGE', state: 'RUNNING' });
    const listed = await h.api.get('/api/v1/cases?status=NEW&limit=100', { token: await d.as('triage@demo.local') });
    expect(listed.body.items.find((c: { id: string }) => c.id === caseId).clock).toMatchObject({ step: 'TRIAGE' });
    const triageEscalations = async () =>
      (await eventsOf(caseId, 'ESCALATED')).filter((e) => e.payload.step === 'TRIAGE').map((e) => [e.payload.level, e.payload.orgUnitCode]);
    await waitFor(async () => (await triageEscalations()).length === 3, 'triage escalated to level 3', worker, 60_000);
    await settle(h, TEST_REDIS_URL, { started: worker });
    expect(await triageEscalations()).toEqual([
      [1, 'BTG'],
      [2, 'BTG'],
      [3, 'BTG'],
    ]);
    expect((await caseBody(caseId)).steps.triage).toMatchObject({ state: 'BREACHED', metAt: null });
    // Its reminder point (half of the time) came first, once.
    const reminders = (await eventsOf(caseId, 'DEADLINE_REMINDER')).filter((e) => e.payload.step === 'TRIAGE');
    expect(reminders.map((e) => e.payload.n)).toEqual([0]);
    const [firstEscalation] = (await eventsOf(caseId, 'ESCALATED')).filter((e) => e.payload.step === 'TRIAGE');
    expect(ms(reminders[0].occurredAt)).toBeLessThan(ms(firstEscalation.occurredAt));

    await d.triage(caseId, { priority: 'HIGH', leadAgency: 'UBND', supportingAgencies: [] });
    const triaged = (await caseBody(caseId)).steps.triage;
    expect(triaged).toMatchObject({ state: 'BREACHED', metAt: expect.any(String), breachedAt: expect.any(String) });
    expect(ms(triaged.metAt)).toBeGreaterThan(ms(triaged.breachedAt));

    expect((await d.answer('ubnd@demo.local', caseId)).status).toBe(200);
    expect(await d.status(caseId)).toBe('RESOLVED');
    expect((await caseBody(caseId)).clock).toMatchObject({ step: 'VERIFY' });
    await waitFor(async () => (await eventsOf(caseId, 'ESCALATED')).some((e) => e.payload.step === 'VERIFY'), 'verification escalated', worker, 30_000);
    expect((await d.desk(caseId, 'close', { note: 'Đã xác minh' })).status).toBe(200);
    expect((await caseBody(caseId)).steps.verify).toMatchObject({ state: 'BREACHED', metAt: expect.any(String) });
    await expectClocksFromTimeline(caseId, {
      acknowledgeDays: 3,
      resolveDays: 10,
      triageDays: 0.0001,
      verifyDays: 0.00005,
      directiveReplyDays: 2,
      delegateLeadDays: 1,
    });
  }, 120_000); // its waits add up to 70–90 s on a busy machine: more than the suites' 30 s default

  it('a directive has a reply deadline; the assigned agency replies and the leader sees it; others cannot', async () => {
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'HIGH', leadAgency: 'NNMT', supportingAgencies: [] });
    const leader = await d.as('leader@demo.local');
    expect((await h.api.post(`/api/v1/cases/${caseId}/directives`, { text: 'Đề nghị báo cáo trước thứ Sáu' }, { token: leader })).status).toBe(201);
    const [directive] = await eventsOf(caseId, 'DIRECTIVE_ISSUED');
    const cal = await calendar();
    const running = (await caseBody(caseId)).steps.directives[0];
    expect(running).toMatchObject({ step: 'DIRECTIVE_REPLY', state: 'RUNNING', directiveEventId: String(directive.id) });
    expect(ms(running.dueAt)).toBe(cal.addWorkingDays(new Date(directive.occurredAt), 2).getTime());
    const url = `/api/v1/cases/${caseId}/directives/${directive.id}/reply`;
    expect((await h.api.post(url, { text: 'Xin báo cáo' }, { token: await d.as('xd@demo.local') })).status).toBe(404);
    expect(
      (await h.api.post(`/api/v1/cases/${caseId}/directives/999999999/reply`, { text: 'Xin báo cáo' }, { token: await d.as('nnmt@demo.local') })).status,
    ).toBe(404);
    expect((await h.api.post(url, { text: '' }, { token: await d.as('nnmt@demo.local') })).status).toBe(400);
    expect(await eventsOf(caseId, 'DIRECTIVE_REPLIED')).toEqual([]);
    const replied = await h.api.post(url, { text: 'Sở đã tổ chức đối thoại, báo cáo ngày 5/12' }, { token: await d.as('nnmt@demo.local') });
    expect(replied.status).toBe(201);
    const seen = await d.caseAs('leader@demo.local', caseId);
    expect(seen.body.events.find((e: { type: string }) => e.type === 'DIRECTIVE_REPLIED').payload).toMatchObject({
      directiveEventId: String(directive.id),
      orgUnitCode: 'NNMT',
    });
    expect(seen.body.steps.directives[0]).toMatchObject({ state: 'MET', metAt: expect.any(String) });
  });

  it('a coordination programme’s agreed days win over category and priority policies; a programme policy row wins over them', async () => {
    const cal = await calendar();
    const created = await h.api.post(
      '/api/v1/admin/programmes',
      {
        code: '02-CTrPH/TEST',
        titleVi: 'Chương trình phối hợp thử nghiệm',
        titleEn: 'Test programme',
        periodStart: vnDay(-30),
        periodEnd: vnDay(300),
        partyCodes: ['UBND'],
        categoryCodes: ['ENVIRONMENT'],
        acknowledgeDays: 2,
        resolveDays: 15,
      },
      { token: admin },
    );
    expect(created.status).toBe(201);
    await policy({ priority: 'NORMAL', categoryCode: 'ENVIRONMENT', acknowledgeDays: 3, resolveDays: 20 });
    const dueOf = async () => {
      const caseId = await d.newCase({ categoryCode: 'ENVIRONMENT' });
      await d.triage(caseId, { categoryCode: 'ENVIRONMENT', priority: 'NORMAL', leadAgency: 'UBND', supportingAgencies: [] });
      const [a] = (await caseBody(caseId)).assignments;
      return { a, days: (ms(a.resolveDueAt) - 0) as number, start: new Date(a.clock.startedAt) };
    };
    const byProgramme = await dueOf();
    expect(byProgramme.a.clock.allowedWorkingDays).toBe(15);
    expect(ms(byProgramme.a.resolveDueAt)).toBe(cal.addWorkingDays(byProgramme.start, 15).getTime());
    expect(ms(byProgramme.a.acknowledgeDueAt)).toBe(cal.addWorkingDays(byProgramme.start, 2).getTime());

    await policy({ priority: 'NORMAL', programmeCode: '02-CTrPH/TEST', acknowledgeDays: 1, resolveDays: 7 });
    const byRow = await dueOf();
    expect(byRow.a.clock.allowedWorkingDays).toBe(7);
    expect(ms(byRow.a.resolveDueAt)).toBe(cal.addWorkingDays(byRow.start, 7).getTime());
  });

  it('refuses bad step figures and bad directive references with a clear 4xx, writing nothing', async () => {
    const before = await h.sql(`SELECT count(*)::int AS n FROM deadline_policy`);
    const tried: Array<[Record<string, unknown>, string]> = [
      [{ triageDays: 0 }, 'triageDays'],
      [{ verifyDays: -1 }, 'verifyDays'],
      [{ directiveReplyDays: 'two' }, 'directiveReplyDays'],
      [{ pauseOnExtension: 'yes' }, 'pauseOnExtension'],
      [{ triageDays: 1e9 }, 'triageDays'],
    ];
    for (const [bad, field] of tried) {
      const res = await h.api.post('/api/v1/admin/deadline-policies', { priority: 'LOW', acknowledgeDays: 1, resolveDays: 2, ...bad }, { token: admin });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect([...new Set(res.body.errors.map((e: { field: string }) => e.field))]).toEqual([field]);
    }
    expect(await h.sql(`SELECT count(*)::int AS n FROM deadline_policy`)).toEqual(before);

    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'HIGH', leadAgency: 'NNMT', supportingAgencies: [] });
    const other = await d.newCase();
    await d.triage(other, { priority: 'HIGH', leadAgency: 'NNMT', supportingAgencies: [] });
    await h.api.post(`/api/v1/cases/${other}/directives`, { text: 'Chỉ đạo ở vụ việc khác' }, { token: await d.as('leader@demo.local') });
    const [foreign] = await eventsOf(other, 'DIRECTIVE_ISSUED');
    const nnmt = await d.as('nnmt@demo.local');
    const events = async () => (await h.sql(`SELECT count(*)::int AS n FROM case_event WHERE type = 'DIRECTIVE_REPLIED'`))[0].n;
    const statuses: number[] = [];
    for (const ref of ['abc', '-1', '1e3', '99999999999999999999', String(foreign.id)]) {
      statuses.push((await h.api.post(`/api/v1/cases/${caseId}/directives/${encodeURIComponent(ref)}/reply`, { text: 'Trả lời' }, { token: nnmt })).status);
    }
    // The leader cannot reply for an agency.
    statuses.push(
      (await h.api.post(`/api/v1/cases/${other}/directives/${foreign.id}/reply`, { text: 'Trả lời' }, { token: await d.as('leader@demo.local') })).status,
    );
    expect(statuses).toEqual([404, 404, 404, 404, 404, 403]);
    expect(await events()).toBe(0);
  });

  it('a calendar change moves open due dates by the day taken off at once, as the pure function says; the recompute route finds nothing left to move', async () => {
    await policy({ priority: 'HIGH', acknowledgeDays: 1, resolveDays: 3, escalationStepDays: 1 });
    const caseId = await d.newCase();
    await d.triage(caseId, { priority: 'HIGH', leadAgency: 'NNMT', supportingAgencies: [] });
    // The worker plans the assignment's reminders from ASSIGNED with the calendar it holds: let it
    // finish before the calendar changes, or its plan could land after the recompute's.
    await settle(h, TEST_REDIS_URL, { started: worker });
    const before = (await caseBody(caseId)).assignments[0];
    expect((await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(1)}`, { kind: 'DAY_OFF', note: 'Nghỉ bù' }, { token: admin })).status).toBe(200);
    expect((await h.api.post('/api/v1/admin/deadlines/recompute', {}, { token: await d.as('triage@demo.local') })).status).toBe(403);
    const res = await h.api.post('/api/v1/admin/deadlines/recompute', {}, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.cases).toBeGreaterThan(0);
    expect(res.body.assignmentsChanged).toEqual([]);
    const cal = await calendar();
    const after = (await caseBody(caseId)).assignments[0];
    expect(ms(after.resolveDueAt)).toBe(cal.addWorkingDays(new Date(before.clock.startedAt), 3).getTime());
    expect(ms(after.resolveDueAt) - ms(before.resolveDueAt)).toBe(86_400_000);
    // The reminders follow: the planned one sits between receipt and the new due date.
    const [reminder] = await h.sql(`SELECT due_at FROM deadline_reminder WHERE assignment_id = $1 AND sent_at IS NULL`, [before.id]);
    expect(ms(reminder.due_at)).toBe(Math.round(ms(before.clock.startedAt) + 0.5 * (ms(after.resolveDueAt) - ms(before.clock.startedAt))));
    await expectClocksFromTimeline(caseId, { acknowledgeDays: 1, resolveDays: 3, triageDays: 1, verifyDays: 3, directiveReplyDays: 2, delegateLeadDays: 1 });
    // Giving the day back (a working day, as the suite set it) moves the deadline back.
    expect((await h.api.request('PUT', `/api/v1/admin/calendar/${vnDay(1)}`, { kind: 'WORKING_DAY', note: 'test run' }, { token: admin })).status).toBe(200);
    const restored = (await caseBody(caseId)).assignments[0];
    expect(ms(restored.resolveDueAt)).toBe(ms(before.resolveDueAt));
  });
});
