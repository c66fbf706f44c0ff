import { type ClockEvent, type ClockPolicy, deriveClocks, workingDaysBefore } from './clock.js';
import { WorkingCalendar } from './working-calendar.js';

// 2026-03-09 is a Monday; 10:00 local = 03:00Z.
const cal = new WorkingCalendar([]);
const policy: ClockPolicy = { acknowledgeDays: 1, resolveDays: 5, triageDays: 1, verifyDays: 3, directiveReplyDays: 2, delegateLeadDays: 1 };
const H = 3600_000;
const t0 = Date.parse('2026-03-09T03:00:00Z');
let seq = 0;
const ev = (type: string, at: number, payload: Record<string, unknown> = {}): ClockEvent => ({ id: String(++seq), type, occurredAt: new Date(at), payload });

describe('deriveClocks', () => {
  beforeEach(() => (seq = 0));

  it('runs an assignment from its receipt: 5 working days over a weekend, acknowledgement met', () => {
    const events = [ev('CREATED', t0 - H), ev('TRIAGED', t0), ev('ASSIGNED', t0, { assignmentIds: ['a'] }), ev('ACKNOWLEDGED', t0 + H, { assignmentId: 'a' })];
    const c = deriveClocks(events, policy, cal, t0 + 2 * H);
    expect(c.triage).toMatchObject({ state: 'MET', metAt: new Date(t0).toISOString(), usedWorkingSeconds: 3600 });
    expect(c.assignments.a.acknowledge).toMatchObject({ state: 'MET' });
    expect(c.assignments.a.resolve).toMatchObject({
      state: 'RUNNING',
      dueAt: '2026-03-16T03:00:00.000Z', // Monday next week
      allowedWorkingSeconds: 5 * 86_400,
      usedWorkingSeconds: 7200,
      pausedWorkingSeconds: 0,
    });
  });

  it('a pause moves the due instant by exactly the paused working time, weekend excluded', () => {
    // Paused from Friday 10:00 to Monday 16:00: working time paused = Fri 14 h + Mon 16 h = 30 h.
    const fri = Date.parse('2026-03-13T03:00:00Z');
    const mon = Date.parse('2026-03-16T09:00:00Z');
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a'] }),
      ev('CLOCK_PAUSED', fri, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_RESUMED', mon, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
    ];
    const c = deriveClocks(events, policy, cal, mon + H).assignments.a.resolve;
    expect(c.pausedWorkingSeconds).toBe(30 * 3600);
    expect(cal.workingSecondsBetween(new Date('2026-03-16T03:00:00Z'), new Date(c.dueAt))).toBe(30 * 3600);
    expect(c.state).toBe('RUNNING');
  });

  it('is PAUSED while paused, and overlapping reasons count once', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a'] }),
      ev('CLOCK_PAUSED', t0 + H, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_PAUSED', t0 + 2 * H, { assignmentId: 'a', reason: 'EXTENSION_PENDING' }),
      ev('CLOCK_RESUMED', t0 + 3 * H, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
    ];
    const paused = deriveClocks(events, policy, cal, t0 + 4 * H).assignments.a.resolve;
    expect(paused).toMatchObject({
      state: 'PAUSED',
      pausedSince: new Date(t0 + H).toISOString(),
      pauseReasons: ['EXTENSION_PENDING'],
      pausedWorkingSeconds: 3 * 3600,
    });
    const resumed = deriveClocks([...events, ev('CLOCK_RESUMED', t0 + 5 * H, { assignmentId: 'a', reason: 'EXTENSION_PENDING' })], policy, cal, t0 + 6 * H)
      .assignments.a.resolve;
    expect(resumed).toMatchObject({ state: 'RUNNING', pausedWorkingSeconds: 4 * 3600, usedWorkingSeconds: 2 * 3600 });
  });

  it('an extension adds its days to the allowance, keeping the paused time', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a'] }),
      ev('CLOCK_PAUSED', t0 + H, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_RESUMED', t0 + 3 * H, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
      ev('EXTENSION_GRANTED', t0 + 4 * H, { assignmentId: 'a', days: 2 }),
    ];
    const c = deriveClocks(events, policy, cal, t0 + 5 * H).assignments.a.resolve;
    expect(c.allowedWorkingSeconds).toBe(7 * 86_400);
    expect(c.pausedWorkingSeconds).toBe(2 * 3600);
    expect(c.dueAt).toBe(new Date(Date.parse('2026-03-18T03:00:00Z') + 2 * H).toISOString());
  });

  it('an answer after the due instant is BREACHED with its met time; a returned assignment is STOPPED', () => {
    const late = Date.parse('2026-03-17T03:00:00Z');
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a', 'b'] }),
      ev('RETURNED', t0 + H, { assignmentId: 'b' }),
      ev('ACKNOWLEDGED', t0 + H, { assignmentId: 'a' }),
      ev('ASSIGNMENT_RESOLVED', late, { assignmentId: 'a' }),
    ];
    const c = deriveClocks(events, policy, cal, late + H);
    expect(c.assignments.a.resolve).toMatchObject({ state: 'BREACHED', metAt: new Date(late).toISOString(), breachedAt: '2026-03-16T03:00:00.000Z' });
    expect(c.assignments.b.resolve).toMatchObject({ state: 'STOPPED', breachedAt: null, metAt: null });
  });

  it('a delegate is due one working day before its parent, and its answer, recorded before the review existed, flows up', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['p'] }),
      ev('DELEGATED', t0 + H, { assignmentId: 'p', delegateAssignmentId: 'c' }),
      ev('ACKNOWLEDGED', t0 + 2 * H, { assignmentId: 'c' }),
    ];
    const c = deriveClocks(events, policy, cal, t0 + 3 * H);
    expect(c.assignments.p.acknowledge.state).toBe('MET');
    expect(c.assignments.c.resolve.dueAt).toBe('2026-03-13T03:00:00.000Z'); // Friday, the working day before Monday
    const done = deriveClocks([...events, ev('ASSIGNMENT_RESOLVED', t0 + 4 * H, { assignmentId: 'c' })], policy, cal, t0 + 5 * H);
    expect(done.assignments.p.resolve.state).toBe('MET');
  });

  it('a delegate’s answer for review leaves its parent’s clock running until the parent answers; sent back, the delegate runs to the same due instant', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['p'] }),
      ev('DELEGATED', t0 + H, { assignmentId: 'p', delegateAssignmentId: 'c' }),
      ev('ASSIGNMENT_RESOLVED', t0 + 2 * H, { assignmentId: 'c', forReviewBy: 'p' }),
    ];
    const review = deriveClocks(events, policy, cal, t0 + 3 * H);
    expect(review.assignments.c.resolve.state).toBe('MET');
    expect(review.assignments.p.resolve).toMatchObject({ state: 'RUNNING', metAt: null, stoppedAt: null });
    const back = deriveClocks(
      [...events, ev('DELEGATE_ANSWER_RETURNED', t0 + 4 * H, { assignmentId: 'p', delegateAssignmentId: 'c' })],
      policy,
      cal,
      t0 + 5 * H,
    );
    expect(back.assignments.c.resolve).toMatchObject({ state: 'RUNNING', stoppedAt: null, dueAt: review.assignments.c.resolve.dueAt });
    const accepted = deriveClocks(
      [
        ...events,
        ev('DELEGATE_ANSWER_RETURNED', t0 + 4 * H, { assignmentId: 'p', delegateAssignmentId: 'c' }),
        ev('ASSIGNMENT_RESOLVED', t0 + 5 * H, { assignmentId: 'c', forReviewBy: 'p' }),
        ev('DELEGATE_ANSWER_ACCEPTED', t0 + 6 * H, { assignmentId: 'p', delegateAssignmentId: 'c' }),
      ],
      policy,
      cal,
      t0 + 7 * H,
    );
    expect(accepted.assignments.p.resolve).toMatchObject({ state: 'MET', metAt: new Date(t0 + 6 * H).toISOString() });
  });

  it('triage, verification and a directive have their own clocks; a triage pause for the officer counts', () => {
    const events = [
      ev('CREATED', t0),
      ev('CLOCK_PAUSED', t0 + H, { assignmentId: null, step: 'TRIAGE', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_RESUMED', t0 + 25 * H, { assignmentId: null, step: 'TRIAGE', reason: 'INFO_REQUESTED' }),
      ev('TRIAGED', t0 + 26 * H),
      ev('ASSIGNED', t0 + 26 * H, { assignmentIds: ['a'] }),
      ev('DIRECTIVE_ISSUED', t0 + 27 * H),
      ev('ASSIGNMENT_RESOLVED', t0 + 28 * H, { assignmentId: 'a' }),
      ev('RESOLVED', t0 + 28 * H),
    ];
    const c = deriveClocks(events, policy, cal, t0 + 100 * H);
    expect(c.triage).toMatchObject({ state: 'MET', pausedWorkingSeconds: 24 * 3600, usedWorkingSeconds: 2 * 3600 });
    expect(c.directives[0]).toMatchObject({ state: 'BREACHED', directiveEventId: '6' });
    expect(c.verify).toMatchObject({ state: 'RUNNING', startedAt: new Date(t0 + 28 * H).toISOString() });
    const replied = deriveClocks([...events, ev('DIRECTIVE_REPLIED', t0 + 29 * H, { directiveEventId: '6' })], policy, cal, t0 + 100 * H);
    expect(replied.directives[0].state).toBe('MET');
  });
});

describe('deriveClocks: rounds, ends and late extensions', () => {
  beforeEach(() => (seq = 0));

  it('a pause open when the work ends is closed there: the paused time is kept, nothing pauses on', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a'] }),
      ev('CLOCK_PAUSED', t0 + H, { assignmentId: 'a', reason: 'INFO_REQUESTED' }),
      ev('TRIAGED', t0 + 3 * H), // re-routed while waiting
    ];
    const c = deriveClocks(events, policy, cal, t0 + 10 * H).assignments.a.resolve;
    expect(c).toMatchObject({ state: 'STOPPED', pausedWorkingSeconds: 2 * 3600, pausedSince: null, pauseReasons: [], usedWorkingSeconds: 3600 });
  });

  it('a reopened case starts a new round for the agencies that answered, from the reopening', () => {
    const reopen = t0 + 30 * H;
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['a'] }),
      ev('ASSIGNMENT_RESOLVED', t0 + H, { assignmentId: 'a' }),
      ev('RESOLVED', t0 + H),
      ev('REOPENED', reopen),
    ];
    const c = deriveClocks(events, policy, cal, reopen + H);
    expect(c.verify).toMatchObject({ state: 'MET' });
    expect(c.assignments.a.resolve).toMatchObject({ state: 'RUNNING', startedAt: new Date(reopen).toISOString(), usedWorkingSeconds: 3600 });
    expect(c.assignments.a.acknowledge.state).toBe('RUNNING');
  });

  it('an extension granted when already late counts its days from the grant', () => {
    const grant = Date.parse('2026-03-17T03:00:00Z'); // a day after the 5-day due instant
    const events = [ev('ASSIGNED', t0, { assignmentIds: ['a'] }), ev('EXTENSION_GRANTED', grant, { assignmentId: 'a', days: 2 })];
    const c = deriveClocks(events, policy, cal, grant + H).assignments.a.resolve;
    expect(c).toMatchObject({ state: 'RUNNING', dueAt: '2026-03-19T03:00:00.000Z', breachedAt: null });
  });

  it('a delegate whose parent pauses with it moves with its parent; a child returned lets the parent work again', () => {
    const events = [
      ev('ASSIGNED', t0, { assignmentIds: ['p'] }),
      ev('DELEGATED', t0 + H, { assignmentId: 'p', delegateAssignmentId: 'c' }),
      ev('CLOCK_PAUSED', t0 + 2 * H, { assignmentId: 'c', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_PAUSED', t0 + 2 * H, { assignmentId: 'p', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_RESUMED', t0 + 5 * H, { assignmentId: 'c', reason: 'INFO_REQUESTED' }),
      ev('CLOCK_RESUMED', t0 + 5 * H, { assignmentId: 'p', reason: 'INFO_REQUESTED' }),
    ];
    const c = deriveClocks(events, policy, cal, t0 + 6 * H);
    expect(c.assignments.p.resolve.dueAt).toBe(new Date(Date.parse('2026-03-16T03:00:00Z') + 3 * H).toISOString());
    expect(c.assignments.c.resolve.dueAt).toBe(new Date(Date.parse('2026-03-13T03:00:00Z') + 3 * H).toISOString());
    expect(c.assignments.c.resolve.pausedWorkingSeconds).toBe(3 * 3600);
    const back = deriveClocks([...events, ev('RETURNED', t0 + 7 * H, { assignmentId: 'c' })], policy, cal, t0 + 8 * H);
    expect(back.assignments.c.resolve.state).toBe('STOPPED');
    expect(back.assignments.p.resolve.state).toBe('RUNNING');
  });

  it('is the same function of the same events: order of arrival does not matter, ids do', () => {
    const events = [ev('ASSIGNED', t0, { assignmentIds: ['a'] }), ev('ACKNOWLEDGED', t0 + H, { assignmentId: 'a' })];
    expect(deriveClocks([...events].reverse(), policy, cal, t0 + 2 * H)).toEqual(deriveClocks(events, policy, cal, t0 + 2 * H));
  });
});

describe('workingDaysBefore', () => {
  it('steps back over a weekend', () => {
    expect(new Date(workingDaysBefore(cal, Date.parse('2026-03-16T03:00:00Z'), 1)).toISOString()).toBe('2026-03-13T03:00:00.000Z');
  });
});
