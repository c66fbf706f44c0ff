import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import type { Queue } from 'bullmq';
import { QUEUES } from '../../infrastructure/queue/queue.registry.js';
import { DataSource, type EntityManager } from 'typeorm';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import { CaseClocksPort, type CaseClocksReader } from '../cases/case-clocks.port.js';
import type { CaseEventType } from '../cases/case-events.js';
import { type AppendedEvent, CaseTransitions } from '../cases/case-transitions.service.js';
import { type CaseClocks, type ClockEvent, type ClockPolicy, deriveClocks, openPauses, type PauseReason } from './clock.js';
import { CalendarService } from './calendar.service.js';
import { planDeadlines } from './deadline-jobs.js';
import { DELEGATE_LEAD_DAYS, DeadlinesService, type EffectivePolicy, INTAKE_PRIORITY } from './deadlines.service.js';

/** The events deriveClocks reads: the rest of a timeline does not move a clock. */
export const CLOCK_EVENT_TYPES: readonly CaseEventType[] = [
  'CREATED',
  'TRIAGED',
  'ASSIGNED',
  'ACKNOWLEDGED',
  'DELEGATED',
  'RETURNED',
  'ASSIGNMENT_RESOLVED',
  'DELEGATE_ANSWER_ACCEPTED',
  'DELEGATE_ANSWER_RETURNED',
  'RESOLVED',
  'CLOSED',
  'REOPENED',
  'REJECTED',
  'MERGED',
  'EXTENSION_GRANTED',
  'DIRECTIVE_ISSUED',
  'DIRECTIVE_REPLIED',
  'CLOCK_PAUSED',
  'CLOCK_RESUMED',
];
/** Events after which the cached due dates are recomputed (in the same transaction). */
// (Not the pause and resume events themselves: the event that caused them recomputes once they are written.)
const RECOMPUTE_ON = new Set<CaseEventType>([
  ...CLOCK_EVENT_TYPES.filter((t) => t !== 'CLOCK_PAUSED' && t !== 'CLOCK_RESUMED'),
  'INFO_REQUESTED',
  'INFO_PROVIDED',
  'EXTENSION_REQUESTED',
  'EXTENSION_DENIED',
  'ESCALATED', // the cached state of late work becomes BREACHED
]);

export const toClockPolicy = (p: EffectivePolicy): ClockPolicy => ({
  acknowledgeDays: p.acknowledgeDays,
  resolveDays: p.resolveDays,
  triageDays: p.triageDays,
  verifyDays: p.verifyDays,
  directiveReplyDays: p.directiveReplyDays,
  delegateLeadDays: DELEGATE_LEAD_DAYS,
});

/**
 * Keeps the clocks: observes every event in its transaction (CaseTransitions.observe), writes the
 * pauses and resumes it causes as CLOCK_PAUSED / CLOCK_RESUMED events, and recomputes the cached due
 * dates and clock summary on the case's assignments. Also the reader of clocks for the case pages.
 */
@Injectable()
export class ClockKeeper implements OnModuleInit, CaseClocksReader {
  private readonly logger = new Logger(ClockKeeper.name);

  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly deadlines: DeadlinesService,
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentRepository,
    private readonly port: CaseClocksPort,
    @InjectQueue(QUEUES.deadlines) private readonly queue: Queue,
  ) {}

  onModuleInit() {
    this.transitions.observe((m, e) => this.onEvent(m, e));
    this.port.reader = this;
  }

  /** The clock events of a case, in timeline order. */
  async events(m: Pick<EntityManager, 'query'>, caseId: string): Promise<ClockEvent[]> {
    return m.query(`SELECT id::text AS id, type, occurred_at AS "occurredAt", payload FROM case_event WHERE case_id = $1 AND type = ANY($2) ORDER BY id`, [
      caseId,
      CLOCK_EVENT_TYPES,
    ]);
  }

  /**
   * The figures a case's clocks count under: its policy now, except the triage step, which counts
   * under the intake priority's policy (triage may raise the priority; the step it ends does not change).
   */
  async policyOf(m: Pick<EntityManager, 'query'>, caseId: string): Promise<{ policy: EffectivePolicy; clock: ClockPolicy }> {
    const policy = await this.deadlines.policyFor(m, caseId);
    const atIntake = await this.deadlines.policyFor(m, caseId, INTAKE_PRIORITY);
    return { policy, clock: { ...toClockPolicy(policy), triageDays: atIntake.triageDays } };
  }

  /** The clocks of a case now (plus `extra` events not yet written, e.g. a grant being decided). */
  async clocks(m: Pick<EntityManager, 'query'>, caseId: string, extra: ClockEvent[] = [], now = Date.now()): Promise<CaseClocks & { policy: EffectivePolicy }> {
    const [events, { policy, clock }, cal] = [await this.events(m, caseId), await this.policyOf(m, caseId), await this.calendar.calendar(m)];
    return { ...deriveClocks([...events, ...extra], clock, cal, now), policy };
  }

  /** For the case reads: the clocks of many cases at once (one query for events, one for policies). */
  async clocksOf(caseIds: string[], m: Pick<EntityManager, 'query'> = this.db): Promise<Map<string, CaseClocks>> {
    const out = new Map<string, CaseClocks>();
    if (!caseIds.length) return out;
    const [events, cal]: [Array<ClockEvent & { caseId: string }>, Awaited<ReturnType<CalendarService['calendar']>>] = [
      await m.query(
        `SELECT case_id AS "caseId", id::text AS id, type, occurred_at AS "occurredAt", payload FROM case_event
          WHERE case_id = ANY($1::uuid[]) AND type = ANY($2) ORDER BY id`,
        [caseIds, CLOCK_EVENT_TYPES],
      ),
      await this.calendar.calendar(m === this.db ? undefined : m),
    ];
    const byCase = new Map<string, ClockEvent[]>();
    for (const e of events) (byCase.get(e.caseId) ?? byCase.set(e.caseId, []).get(e.caseId)!).push(e);
    const [policies, atIntake] = [await this.deadlines.policiesFor(m, caseIds), await this.deadlines.policiesFor(m, caseIds, INTAKE_PRIORITY)];
    const now = Date.now();
    for (const id of caseIds) {
      const policy = policies.get(id);
      if (!policy) continue;
      const clock = { ...toClockPolicy(policy), triageDays: (atIntake.get(id) ?? policy).triageDays };
      out.set(id, deriveClocks(byCase.get(id) ?? [], clock, cal, now));
    }
    return out;
  }

  private async onEvent(m: EntityManager, e: AppendedEvent): Promise<void> {
    if (!RECOMPUTE_ON.has(e.type)) return;
    const p = e.payload as { assignmentId: string };
    const pause = (target: { assignmentId: string | null; step?: string }, reason: PauseReason) =>
      this.transitions.appendEvent(m, {
        caseId: e.caseId,
        type: 'CLOCK_PAUSED',
        from: null,
        to: null,
        actorId: e.actorId,
        payload: { ...target, reason, causeEventId: e.id },
      });
    const resume = (target: { assignmentId: string | null; step?: string }, reason: PauseReason) =>
      this.transitions.appendEvent(m, {
        caseId: e.caseId,
        type: 'CLOCK_RESUMED',
        from: null,
        to: null,
        actorId: e.actorId,
        payload: { ...target, reason, causeEventId: e.id },
      });

    switch (e.type) {
      case 'INFO_REQUESTED':
        if (p.assignmentId) {
          // The agency waits for the standing body: its clock stops, and those of the units that delegated to it (they wait on it).
          const chain: Array<{ id: string }> = await m.query(
            `WITH RECURSIVE up(id, parent) AS (SELECT id, parent_assignment_id FROM assignment WHERE id = $1
               UNION SELECT a.id, a.parent_assignment_id FROM assignment a JOIN up ON a.id = up.parent WHERE a.status = 'DELEGATED')
             SELECT id FROM up`,
            [p.assignmentId],
          );
          for (const a of chain) await pause({ assignmentId: a.id }, 'INFO_REQUESTED');
        } else {
          // The standing body waits for the officer: its triage clock stops.
          const c = await this.clocks(m, e.caseId);
          if (c.triage && !c.triage.stoppedAt) await pause({ assignmentId: null, step: 'TRIAGE' }, 'INFO_REQUESTED');
        }
        break;
      case 'INFO_PROVIDED':
        for (const target of openPauses(await this.clocks(m, e.caseId), 'INFO_REQUESTED')) await resume(target, 'INFO_REQUESTED');
        break;
      case 'EXTENSION_REQUESTED': {
        const policy = await this.deadlines.policyFor(m, e.caseId);
        if (policy.pauseOnExtension) await pause({ assignmentId: p.assignmentId }, 'EXTENSION_PENDING');
        break;
      }
      case 'EXTENSION_GRANTED':
      case 'EXTENSION_DENIED': {
        const c = await this.clocks(m, e.caseId);
        if (c.assignments[p.assignmentId]?.resolve.pauseReasons.includes('EXTENSION_PENDING'))
          await resume({ assignmentId: p.assignmentId }, 'EXTENSION_PENDING');
        break;
      }
      default:
        break;
    }
    await this.refresh(m, e.caseId);
  }

  /** Recomputes the cached clock columns of a case's assignments; returns the ids whose values changed. */
  async refresh(m: EntityManager, caseId: string): Promise<string[]> {
    const clocks = await this.clocks(m, caseId);
    const changed: string[] = [];
    const date = (s: string | null) => (s ? new Date(s) : null);
    for (const [id, { acknowledge, resolve }] of Object.entries(clocks.assignments)) {
      const moved = await this.assignments.setClock(m, id, {
        acknowledgeDueAt: new Date(acknowledge.dueAt),
        resolveDueAt: new Date(resolve.dueAt),
        pausedWorkingSeconds: resolve.pausedWorkingSeconds,
        pausedSince: date(resolve.pausedSince),
        state: resolve.state,
        metAt: date(resolve.metAt),
        breachedAt: date(resolve.breachedAt),
      });
      if (moved) changed.push(id);
    }
    return changed;
  }

  /** Recomputes every case that has open work or an open step (after a calendar or policy change). */
  async recomputeAll(): Promise<{ cases: number; assignmentsChanged: string[] }> {
    const cases: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT c.id FROM cases c JOIN assignment s ON s.case_id = c.id WHERE c.status NOT IN ('CLOSED', 'REJECTED', 'MERGED')`,
    );
    const changed: string[] = [];
    for (const { id } of cases) {
      await this.transitions.inTransaction(async (m) => {
        await this.transitions.lock(m, id);
        const moved = await this.refresh(m, id);
        // Reminders and deadline jobs follow the moved due dates.
        const cal = await this.calendar.calendar(m);
        for (const a of moved) await planDeadlines(m, this.queue, cal, a);
        changed.push(...moved);
      });
    }
    this.logger.log({ cases: cases.length, changed: changed.length }, 'clocks recomputed');
    return { cases: cases.length, assignmentsChanged: changed };
  }
}
