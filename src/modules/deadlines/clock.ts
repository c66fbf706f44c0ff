import { DAY_MS, localDay } from '../../infrastructure/time/vn-time.js';

/**
 * The clocks of a case, as a pure function of its timeline, its policy and the calendar: the
 * stored due columns on `assignment` are only this function's cached result, so any clock can be
 * recomputed (POST /admin/deadlines/recompute) and explained from the events.
 *
 * Time is working time: the part of an interval that falls on working days, a working day counting
 * its 24 hours (WorkingCalendar.workingSecondsBetween); `addWorkingDays(start, s / 86 400)` is its
 * inverse, so "due = start + allowed + paused" in working seconds moves the due instant by exactly
 * the paused working time.
 *
 * States: RUNNING; PAUSED (a CLOCK_PAUSED event without its CLOCK_RESUMED); MET (stopped by the
 * answer in time); BREACHED (the due instant passed — still open, or answered late: then `metAt` says
 * when it was answered, `breachedAt` when it became late); STOPPED (the work ended without an answer:
 * returned, re-routed, rejected, merged; `breachedAt` is set if it was already late).
 */

export type ClockStep = 'TRIAGE' | 'ACKNOWLEDGE' | 'RESOLVE' | 'VERIFY' | 'DIRECTIVE_REPLY';
export type ClockState = 'RUNNING' | 'PAUSED' | 'MET' | 'BREACHED' | 'STOPPED';
export type PauseReason = 'INFO_REQUESTED' | 'EXTENSION_PENDING';

export interface Clock {
  step: ClockStep;
  state: ClockState;
  assignmentId: string | null;
  /** DIRECTIVE_REPLY: the DIRECTIVE_ISSUED event's id. */
  directiveEventId?: string;
  startedAt: string;
  dueAt: string;
  allowedWorkingSeconds: number;
  allowedWorkingDays: number;
  usedWorkingSeconds: number;
  pausedWorkingSeconds: number;
  /** Working seconds left before the due instant (negative when late); 0 once stopped. */
  remainingWorkingSeconds: number;
  /** How late it is (open) or was (stopped), in working seconds; 0 when on time. */
  lateWorkingSeconds: number;
  pausedSince: string | null;
  pauseReasons: PauseReason[];
  metAt: string | null;
  breachedAt: string | null;
  stoppedAt: string | null;
}

/** The policy figures the clocks need, in working days (fractions allowed). */
export interface ClockPolicy {
  acknowledgeDays: number;
  resolveDays: number;
  triageDays: number;
  verifyDays: number;
  directiveReplyDays: number;
  /** A delegate answers its parent this many working days before the parent's own due instant. */
  delegateLeadDays: number;
}

export interface ClockCalendar {
  addWorkingDays(start: Date, days: number): Date;
  workingSecondsBetween(from: Date, to: Date): number;
  isWorkingDay(day: string): boolean;
}

export interface ClockEvent {
  id: string;
  type: string;
  occurredAt: Date | string;
  payload: Record<string, unknown>;
}

/** The payload fields the clocks read (see case-events.ts). */
interface ClockPayload {
  assignmentId?: string | null;
  assignmentIds?: string[];
  delegateAssignmentId?: string;
  days?: number;
  directiveEventId?: string | number;
  step?: string;
  reason?: string;
  forReviewBy?: string;
}

export interface CaseClocks {
  triage: Clock | null;
  /** The latest verification round (from the last RESOLVED). */
  verify: Clock | null;
  assignments: Record<string, { acknowledge: Clock; resolve: Clock }>;
  directives: Clock[];
}

const DAY_S = DAY_MS / 1000;

interface Acc {
  step: ClockStep;
  assignmentId: string | null;
  directiveEventId?: string;
  start: number;
  allowed: number; // working seconds (for a delegate: only its extensions; the rest comes from the parent)
  pauses: Array<[number, number | null]>;
  reasons: Set<PauseReason>;
  stop: { at: number; met: boolean } | null;
}

interface Work {
  id: string;
  parentId: string | null;
  status: 'OPEN' | 'RESOLVED' | 'RETURNED' | 'CANCELLED';
  acknowledge: Acc;
  resolve: Acc;
}

export function deriveClocks(events: readonly ClockEvent[], policy: ClockPolicy, cal: ClockCalendar, nowAt: Date | number = Date.now()): CaseClocks {
  const now = typeof nowAt === 'number' ? nowAt : nowAt.getTime();
  const ws = (a: number, b: number) => (b > a ? cal.workingSecondsBetween(new Date(a), new Date(b)) : 0);
  const pausedUntil = (c: Acc, t: number) => c.pauses.reduce((s, [a, b]) => s + ws(a, Math.min(b ?? t, t)), 0);
  const newAcc = (step: ClockStep, start: number, days: number, assignmentId: string | null = null): Acc => ({
    step,
    assignmentId,
    start,
    allowed: Math.round(days * DAY_S),
    pauses: [],
    reasons: new Set(),
    stop: null,
  });
  const work = new Map<string, Work>();
  let triage: Acc | null = null;
  let verify: Acc | null = null;
  const directives: Acc[] = [];

  const stopAcc = (c: Acc | null, at: number, met: boolean) => {
    if (!c || c.stop) return;
    c.stop = { at, met };
    closePause(c, at, true);
  };
  const openPause = (c: Acc, at: number, reason: PauseReason) => {
    if (c.stop) return;
    if (!c.reasons.size) c.pauses.push([at, null]);
    c.reasons.add(reason);
  };
  function closePause(c: Acc, at: number, all = false, reason?: PauseReason) {
    if (!c.reasons.size) return;
    if (all) c.reasons.clear();
    else if (reason) c.reasons.delete(reason);
    if (!c.reasons.size) c.pauses[c.pauses.length - 1][1] = at;
  }
  const dueOf = (c: Acc, t: number, parent?: Work): number => {
    if (parent) {
      // A delegate works to its parent's deadline, a lead time before it (never before it was handed on).
      const parentDue = dueOf(parent.resolve, t, parentOf(parent));
      const before = workingDaysBefore(cal, parentDue, policy.delegateLeadDays);
      const base = before > c.start ? before : parentDue;
      return c.allowed > 0 ? cal.addWorkingDays(new Date(base), c.allowed / DAY_S).getTime() : base;
    }
    return cal.addWorkingDays(new Date(c.start), (c.allowed + pausedUntil(c, t)) / DAY_S).getTime();
  };
  const byId = (id: string | null | undefined) => (id ? work.get(id) : undefined);
  const parentOf = (w: Work) => (w.parentId ? work.get(w.parentId) : undefined);
  const openChildren = (id: string) => [...work.values()].some((w) => w.parentId === id && w.status === 'OPEN');
  const ancestors = (id: string) => {
    const out: Work[] = [];
    for (let w = work.get(id), p = w && parentOf(w); p; p = parentOf(p)) out.push(p);
    return out;
  };
  const endWork = (w: Work, at: number, status: Work['status']) => {
    if (w.status !== 'OPEN') return;
    w.status = status;
    const met = status === 'RESOLVED';
    stopAcc(w.acknowledge, at, met);
    stopAcc(w.resolve, at, met);
  };
  const cancelOpen = (at: number) => work.forEach((w) => endWork(w, at, 'CANCELLED'));
  const target = (p: ClockPayload): Acc[] => {
    if (p.assignmentId) {
      const w = byId(p.assignmentId);
      return w ? [w.acknowledge, w.resolve] : [];
    }
    if (p.step === 'TRIAGE') return triage ? [triage] : [];
    if (p.step === 'VERIFY') return verify ? [verify] : [];
    return [];
  };

  for (const e of [...events].sort((a, b) => Number(BigInt(a.id) - BigInt(b.id)))) {
    const at = new Date(e.occurredAt).getTime();
    const p = (e.payload ?? {}) as ClockPayload;
    switch (e.type) {
      case 'CREATED':
        triage ??= newAcc('TRIAGE', at, policy.triageDays);
        break;
      case 'TRIAGED':
        stopAcc(triage, at, true);
        cancelOpen(at); // a re-route replaces whatever agencies still held the case
        break;
      case 'REJECTED':
      case 'MERGED':
        stopAcc(triage, at, true);
        cancelOpen(at);
        directives.forEach((d) => stopAcc(d, at, false));
        break;
      case 'ASSIGNED':
        for (const id of p.assignmentIds ?? []) {
          work.set(id, {
            id,
            parentId: null,
            status: 'OPEN',
            acknowledge: newAcc('ACKNOWLEDGE', at, policy.acknowledgeDays, id),
            resolve: newAcc('RESOLVE', at, policy.resolveDays, id),
          });
        }
        break;
      case 'ACKNOWLEDGED':
        if (byId(p.assignmentId)) stopAcc(byId(p.assignmentId)!.acknowledge, at, true);
        break;
      case 'DELEGATED': {
        const parent = byId(p.assignmentId);
        if (parent) stopAcc(parent.acknowledge, at, true);
        if (p.delegateAssignmentId) {
          work.set(p.delegateAssignmentId, {
            id: p.delegateAssignmentId,
            parentId: p.assignmentId ?? null,
            status: 'OPEN',
            acknowledge: newAcc('ACKNOWLEDGE', at, policy.acknowledgeDays, p.delegateAssignmentId),
            resolve: newAcc('RESOLVE', at, 0, p.delegateAssignmentId),
          });
        }
        break;
      }
      case 'RETURNED': {
        const w = byId(p.assignmentId);
        if (w) endWork(w, at, 'RETURNED');
        break;
      }
      case 'ASSIGNMENT_RESOLVED': {
        const w = byId(p.assignmentId);
        if (!w) break;
        endWork(w, at, 'RESOLVED');
        // A delegate's answer goes to its delegating unit for review: that unit's clock runs on until
        // it answers. Answers recorded before the review existed (no `forReviewBy`) flowed up at once.
        if (p.forReviewBy) break;
        for (const a of ancestors(w.id)) {
          if (openChildren(a.id)) break;
          endWork(a, at, 'RESOLVED');
        }
        break;
      }
      case 'DELEGATE_ANSWER_ACCEPTED': {
        // The lead takes its delegate's answer as its own: its clock stops now, at its own answer.
        const w = byId(p.assignmentId);
        if (w) endWork(w, at, 'RESOLVED');
        break;
      }
      case 'DELEGATE_ANSWER_RETURNED': {
        // Sent back: the delegate's clock runs again, to the same due instant (its parent's, a lead time before).
        const w = byId(p.delegateAssignmentId);
        if (w && w.status === 'RESOLVED') {
          w.status = 'OPEN';
          w.resolve.stop = null;
        }
        break;
      }
      case 'RESOLVED':
        verify = newAcc('VERIFY', at, policy.verifyDays);
        break;
      case 'CLOSED':
        stopAcc(verify, at, true);
        directives.forEach((d) => stopAcc(d, at, false));
        break;
      case 'REOPENED': {
        stopAcc(verify, at, true);
        // A new round for the top-level agencies that answered: new clocks from now.
        for (const w of work.values()) {
          if (w.parentId === null && w.status === 'RESOLVED') {
            w.status = 'OPEN';
            w.acknowledge = newAcc('ACKNOWLEDGE', at, policy.acknowledgeDays, w.id);
            w.resolve = newAcc('RESOLVE', at, policy.resolveDays, w.id);
          }
        }
        break;
      }
      case 'EXTENSION_GRANTED': {
        const w = byId(p.assignmentId);
        if (!w || w.resolve.stop) break;
        // As the standing body grants it: the days count from the due instant, or from now when already late.
        const c = w.resolve;
        const parent = parentOf(w);
        const due = dueOf(c, at, parent);
        if (parent) {
          c.allowed += Math.round(Number(p.days) * DAY_S) + (due < at ? ws(due, at) : 0);
        } else {
          const used = ws(c.start, at) - pausedUntil(c, at);
          c.allowed = Math.max(c.allowed, used) + Math.round(Number(p.days) * DAY_S);
        }
        break;
      }
      case 'DIRECTIVE_ISSUED':
        directives.push({ ...newAcc('DIRECTIVE_REPLY', at, policy.directiveReplyDays), directiveEventId: e.id });
        break;
      case 'DIRECTIVE_REPLIED': {
        const d = directives.find((x) => x.directiveEventId === String(p.directiveEventId));
        stopAcc(d ?? null, at, true);
        break;
      }
      case 'CLOCK_PAUSED':
        for (const c of target(p)) openPause(c, at, p.reason as PauseReason);
        break;
      case 'CLOCK_RESUMED':
        for (const c of target(p)) closePause(c, at, false, p.reason as PauseReason);
        break;
      default:
        break;
    }
  }

  const view = (c: Acc, parent?: Work): Clock => {
    const end = c.stop ? c.stop.at : now;
    const due = dueOf(c, end, parent);
    const paused = pausedUntil(c, end);
    const used = Math.max(0, ws(c.start, end) - paused);
    const allowed = Math.max(0, ws(c.start, due) - paused);
    const paused_ = c.reasons.size > 0 && !c.stop;
    let state: ClockState;
    if (c.stop) state = c.stop.met ? (c.stop.at <= due ? 'MET' : 'BREACHED') : 'STOPPED';
    else if (paused_) state = 'PAUSED';
    else state = now > due ? 'BREACHED' : 'RUNNING';
    const late = end > due;
    return {
      step: c.step,
      state,
      assignmentId: c.assignmentId,
      ...(c.directiveEventId ? { directiveEventId: c.directiveEventId } : {}),
      startedAt: new Date(c.start).toISOString(),
      dueAt: new Date(due).toISOString(),
      allowedWorkingSeconds: allowed,
      allowedWorkingDays: Math.round((allowed / DAY_S) * 10_000) / 10_000,
      usedWorkingSeconds: used,
      pausedWorkingSeconds: paused,
      remainingWorkingSeconds: c.stop ? 0 : late ? -ws(due, now) : ws(now, due),
      lateWorkingSeconds: late ? ws(due, end) : 0,
      pausedSince: paused_ ? new Date(c.pauses[c.pauses.length - 1][0]).toISOString() : null,
      pauseReasons: c.stop ? [] : [...c.reasons].sort(),
      metAt: c.stop?.met ? new Date(c.stop.at).toISOString() : null,
      breachedAt: late ? new Date(due).toISOString() : null,
      stoppedAt: c.stop ? new Date(c.stop.at).toISOString() : null,
    };
  };

  const assignments: CaseClocks['assignments'] = {};
  for (const w of work.values()) {
    const resolve = view(w.resolve, parentOf(w));
    const acknowledge = view(w.acknowledge);
    // Acknowledging can never be due after the answer is.
    if (Date.parse(acknowledge.dueAt) > Date.parse(resolve.dueAt) && acknowledge.state !== 'MET') acknowledge.dueAt = resolve.dueAt;
    assignments[w.id] = { acknowledge, resolve };
  }
  return {
    triage: triage ? view(triage) : null,
    verify: verify ? view(verify) : null,
    assignments,
    directives: directives.map((d) => view(d)),
  };
}

/** The same time of day `days` working days before `t` (a fraction as real time). */
export function workingDaysBefore(cal: Pick<ClockCalendar, 'isWorkingDay'>, t: number, days: number): number {
  let d = t;
  const whole = Math.floor(days);
  for (let n = 0; n < whole; n++) {
    d -= DAY_MS;
    for (let i = 0; i < 366 && !cal.isWorkingDay(localDay(new Date(d))); i++) d -= DAY_MS;
  }
  return d - Math.round((days - whole) * DAY_MS);
}

/** The clock of an assignment step, or of a standing body's step, that a pause or a resume applies to. */
export function openPauses(clocks: CaseClocks, reason: PauseReason): Array<{ assignmentId: string | null; step?: 'TRIAGE' | 'VERIFY' }> {
  const out: Array<{ assignmentId: string | null; step?: 'TRIAGE' | 'VERIFY' }> = [];
  if (clocks.triage?.pauseReasons.includes(reason)) out.push({ assignmentId: null, step: 'TRIAGE' });
  if (clocks.verify?.pauseReasons.includes(reason)) out.push({ assignmentId: null, step: 'VERIFY' });
  for (const [id, c] of Object.entries(clocks.assignments)) if (c.resolve.pauseReasons.includes(reason)) out.push({ assignmentId: id });
  return out;
}
