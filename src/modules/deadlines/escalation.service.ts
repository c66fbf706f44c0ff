import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { CalendarService } from './calendar.service.js';
import { OPEN_ASSIGNMENT_SQL } from '../cases/entities/assignment.entity.js';
import { ANSWERED_STATUSES_SQL } from '../cases/case-state-machine.js';
import { DEFAULT_POLICIES } from './deadlines.service.js';
import { systemActor } from './system-actor.js';
import { ClockKeeper } from './clock-keeper.service.js';
import type { Clock } from './clock.js';

export const MAX_ESCALATION_LEVEL = 3;

/**
 * The escalation ladder. An assignment past its deadline (to acknowledge, or to resolve) goes to
 * level 1 (the agency's head), then one level up every `escalationStepDays` working days: level 2
 * (HĐND standing committee and UBND leadership), level 3 (leaders). Each step is an ESCALATED event
 * on the case — whose owner does not change — and its notice. Idempotent: the level only rises.
 */
@Injectable()
export class EscalationService {
  private readonly logger = new Logger(EscalationService.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendar: CalendarService,
    private readonly transitions: CaseTransitions,
    private readonly assignments: AssignmentRepository,
    private readonly clocks: ClockKeeper,
  ) {}

  /** Raises the assignment to the level its lateness calls for; returns the new level, or null. */
  async escalateIfDue(assignmentId: string, now = new Date()): Promise<number | null> {
    const [a] = await this.db.query(
      `SELECT s.id, s.case_id AS "caseId", s.status, s.escalation_level AS level, s.acknowledge_due_at AS "ackDue",
              s.resolve_due_at AS "resolveDue", o.code AS "orgUnitCode", c.priority, p.escalation_step_days AS step
         FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id JOIN cases c ON c.id = s.case_id
         LEFT JOIN deadline_policy p ON p.id = s.policy_id
        WHERE s.id = $1 AND s.status IN ${OPEN_ASSIGNMENT_SQL} AND c.status NOT IN ${ANSWERED_STATUSES_SQL} AND s.clock_paused_since IS NULL`,
      [assignmentId],
    );
    if (!a) return null;
    const overdueSince = this.overdueSince(a, now);
    if (!overdueSince) return null;
    const cal = await this.calendar.calendar();
    const step = a.step ?? DEFAULT_POLICIES[a.priority as keyof typeof DEFAULT_POLICIES].escalationStepDays;
    let target = 0;
    for (let k = 1; k <= MAX_ESCALATION_LEVEL; k++) {
      if (cal.addWorkingDays(overdueSince, (k - 1) * step) <= now) target = k;
    }
    if (target <= a.level) return null;

    const actor = await systemActor(this.db);
    return this.transitions.inTransaction(async (m) => {
      await this.transitions.lock(m, a.caseId);
      const before = await this.assignments.raiseEscalation(m, a.id, target);
      if (before === null) return null;
      // Each rung is its own event and notice, even when lateness skipped one (the worker was down).
      for (let level = before + 1; level <= target; level++) {
        await this.transitions.apply(
          {
            caseId: a.caseId,
            actor,
            type: 'ESCALATED',
            payload: { assignmentId: a.id, orgUnitCode: a.orgUnitCode, level, overdueSince: overdueSince.toISOString() },
          },
          undefined,
          m,
        );
      }
      this.logger.log({ assignmentId: a.id, level: target }, 'escalated');
      return target;
    });
  }

  /** Assignments that are late and not yet at the level their lateness calls for (the sweeper's list). */
  async candidates(limit = 500): Promise<string[]> {
    const rows = await this.db.query(
      `SELECT s.id FROM assignment s JOIN cases c ON c.id = s.case_id
        WHERE s.status IN ${OPEN_ASSIGNMENT_SQL} AND s.escalation_level < ${MAX_ESCALATION_LEVEL}
          AND c.status NOT IN ${ANSWERED_STATUSES_SQL} AND s.clock_paused_since IS NULL
          AND (s.resolve_due_at < now() OR (s.status = 'ASSIGNED' AND s.acknowledge_due_at < now()))
        ORDER BY s.resolve_due_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * Cases whose own steps may be late and not yet at the top of the ladder: a NEW case (triage), a
   * RESOLVED one (verification), an open case with a directive not replied to.
   */
  async stepCandidates(limit = 200): Promise<string[]> {
    const top = `'${MAX_ESCALATION_LEVEL}'`;
    const rows = await this.db.query(
      `SELECT id FROM (
         SELECT c.id, c.updated_at FROM cases c WHERE c.status = 'NEW' AND NOT EXISTS (
           SELECT 1 FROM case_event x WHERE x.case_id = c.id AND x.type = 'ESCALATED' AND x.payload->>'step' = 'TRIAGE' AND x.payload->>'level' = ${top})
         UNION
         SELECT c.id, c.updated_at FROM cases c WHERE c.status = 'RESOLVED' AND NOT EXISTS (
           SELECT 1 FROM case_event x WHERE x.case_id = c.id AND x.type = 'ESCALATED' AND x.payload->>'step' = 'VERIFY' AND x.payload->>'level' = ${top}
              AND x.id > (SELECT max(r.id) FROM case_event r WHERE r.case_id = c.id AND r.type = 'RESOLVED'))
         UNION
         SELECT c.id, c.updated_at FROM case_event d JOIN cases c ON c.id = d.case_id
          WHERE d.type = 'DIRECTIVE_ISSUED' AND c.status NOT IN ('CLOSED', 'REJECTED', 'MERGED')
            AND NOT EXISTS (SELECT 1 FROM case_event r WHERE r.case_id = d.case_id AND r.type IN ('DIRECTIVE_REPLIED', 'ESCALATED')
                              AND r.payload->>'directiveEventId' = d.id::text AND (r.type = 'DIRECTIVE_REPLIED' OR r.payload->>'level' = ${top}))
       ) s ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  /**
   * The deadlines of a case's own steps (triage, verification, each directive's reply), which have no
   * stored due date: computed from the timeline. A running step gets a DEADLINE_REMINDER at each of
   * the policy's reminder fractions; a late one climbs the same ladder as assignments (ESCALATED
   * events with `step`, and `directiveEventId`), each point and level once (the timeline says which
   * were written). A paused step does neither. Returns the number of events written.
   */
  async escalateSteps(caseId: string, now = new Date()): Promise<number> {
    const clocks = await this.clocks.clocks(this.db, caseId, [], now.getTime());
    const steps = [clocks.triage, clocks.verify, ...clocks.directives].filter(
      (c): c is Clock => !!c && !c.stoppedAt && (c.state === 'BREACHED' || c.state === 'RUNNING'),
    );
    const points = (c: Clock) => clocks.policy.reminderFractions.map((f) => Date.parse(c.startedAt) + f * (Date.parse(c.dueAt) - Date.parse(c.startedAt)));
    const due = steps.filter((c) => c.state === 'BREACHED' || points(c).some((t) => t <= now.getTime()));
    if (!due.length) return 0;
    const cal = await this.calendar.calendar();
    const actor = await systemActor(this.db);
    return this.transitions.inTransaction(async (m) => {
      const kase = await this.transitions.lock(m, caseId);
      let written = 0;
      const append = (type: 'ESCALATED' | 'DEADLINE_REMINDER', payload: Record<string, unknown>) =>
        this.transitions.appendEvent(m, { caseId, type, from: null, to: null, actorId: actor.id, payload }).then(() => written++);
      for (const c of due) {
        const [unit] = await m.query(
          c.step === 'DIRECTIVE_REPLY'
            ? `SELECT o.code FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.case_id = $1 AND s.role = 'LEAD' AND s.parent_assignment_id IS NULL
                ORDER BY s.created_at DESC LIMIT 1`
            : `SELECT o.code FROM cases c JOIN org_unit o ON o.id = c.owner_unit_id WHERE c.id = $1`,
          [kase.id],
        );
        const of = { step: c.step, ...(c.directiveEventId ? { directiveEventId: c.directiveEventId } : {}), orgUnitCode: unit?.code ?? null };
        // What this step already got since it started: reminder points and ladder levels.
        const [sent] = await m.query(
          `SELECT COALESCE(max((payload->>'level')::int) FILTER (WHERE type = 'ESCALATED'), 0) AS level,
                  COALESCE(array_agg((payload->>'n')::int) FILTER (WHERE type = 'DEADLINE_REMINDER'), '{}') AS reminded
             FROM case_event
            WHERE case_id = $1 AND type IN ('ESCALATED', 'DEADLINE_REMINDER') AND payload->>'step' = $2 AND occurred_at >= $3
              AND ($4::text IS NULL OR payload->>'directiveEventId' = $4)`,
          [caseId, c.step, c.startedAt, c.directiveEventId ?? null],
        );
        if (c.state === 'RUNNING') {
          // Several points due at once (the worker was away) make one reminder, as for assignments.
          const passed = points(c).flatMap((t, n) => (t <= now.getTime() ? [n] : []));
          const last = passed[passed.length - 1];
          if (last !== undefined && !sent.reminded.includes(last)) await append('DEADLINE_REMINDER', { ...of, resolveDueAt: c.dueAt, n: last });
          continue;
        }
        const overdueSince = new Date(c.dueAt);
        let target = 0;
        for (let k = 1; k <= MAX_ESCALATION_LEVEL; k++) {
          if (cal.addWorkingDays(overdueSince, (k - 1) * clocks.policy.escalationStepDays) <= now) target = k;
        }
        for (let l = sent.level + 1; l <= target; l++) await append('ESCALATED', { ...of, level: l, overdueSince: overdueSince.toISOString() });
      }
      if (written) this.logger.log({ caseId, written }, 'step deadlines');
      return written;
    });
  }

  private overdueSince(a: { status: string; ackDue: Date | null; resolveDue: Date | null }, now: Date): Date | null {
    const due = [a.resolveDue, a.status === 'ASSIGNED' ? a.ackDue : null].filter((d): d is Date => !!d && new Date(d) <= now).map((d) => new Date(d));
    return due.length ? new Date(Math.min(...due.map((d) => d.getTime()))) : null;
  }
}
