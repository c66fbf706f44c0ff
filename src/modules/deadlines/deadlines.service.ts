import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import type { Priority } from '../cases/case.types.js';
import { CalendarService } from './calendar.service.js';

export interface EffectivePolicy {
  id: string | null;
  /** Where the figures come from: a policy row, a programme's agreed terms, or the built-in default. */
  source: 'POLICY' | 'PROGRAMME' | 'DEFAULT';
  programmeCode?: string | null;
  acknowledgeDays: number;
  resolveDays: number;
  reminderFractions: number[];
  remindDayBefore: boolean;
  escalationStepDays: number;
  triageDays: number;
  verifyDays: number;
  directiveReplyDays: number;
  pauseOnExtension: boolean;
}

const STEP_DEFAULTS = { triageDays: 1, verifyDays: 3, directiveReplyDays: 2, pauseOnExtension: false, source: 'DEFAULT' as const };

/** When no policy row matches: working days per priority. */
export const DEFAULT_POLICIES: Record<Priority, EffectivePolicy> = {
  URGENT: { id: null, acknowledgeDays: 1, resolveDays: 5, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 1, ...STEP_DEFAULTS },
  HIGH: { id: null, acknowledgeDays: 2, resolveDays: 10, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 2, ...STEP_DEFAULTS },
  NORMAL: { id: null, acknowledgeDays: 3, resolveDays: 30, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 3, ...STEP_DEFAULTS },
  LOW: { id: null, acknowledgeDays: 5, resolveDays: 45, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 5, ...STEP_DEFAULTS },
};

/** Intake sets no priority: every case arrives NORMAL, and its triage step counts under that policy. */
export const INTAKE_PRIORITY: Priority = 'NORMAL';

/** A delegate answers its parent this many working days before the parent's own deadline. */
export const DELEGATE_LEAD_DAYS = 1;

const POLICY_COLUMNS = `p.id, 'POLICY' AS source, p.acknowledge_days AS "acknowledgeDays", p.resolve_days AS "resolveDays", p.reminder_fractions AS "reminderFractions",
  p.remind_day_before AS "remindDayBefore", p.escalation_step_days AS "escalationStepDays", p.triage_days AS "triageDays",
  p.verify_days AS "verifyDays", p.directive_reply_days AS "directiveReplyDays", p.pause_on_extension AS "pauseOnExtension"`;

/**
 * Deadlines of assignments: the most specific policy gives working days to acknowledge and to
 * resolve (and the standing body's and directives' step days), counted on the Vietnam calendar.
 * Most specific wins: a policy row for the case's coordination programme > the programme's agreed
 * days (its terms are its policy) > a policy row for the category > one for the priority alone >
 * the built-in default. The programme is the one in force for the case's category on the day the
 * case was received, so recomputing later gives the same answer.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentRepository,
  ) {}

  /** `asPriority`: the policy the case would have at another priority (the triage step counts at the intake priority). */
  async policyFor(m: Pick<EntityManager, 'query'>, caseId: string, asPriority?: Priority): Promise<EffectivePolicy> {
    const policy = (await this.policiesFor(m, [caseId], asPriority)).get(caseId);
    if (!policy) throw new Error(`no case ${caseId}`);
    return policy;
  }

  /** policyFor of many cases in one query (the case lists and the inbox show every case's clocks). */
  async policiesFor(m: Pick<EntityManager, 'query'>, caseIds: string[], asPriority?: Priority): Promise<Map<string, EffectivePolicy>> {
    const rows: Array<{
      caseId: string;
      priority: Priority;
      programmeId: string | null;
      programmeCode: string | null;
      programmeAck: number | null;
      programmeResolve: number | null;
      best: (EffectivePolicy & { programmeId: string | null }) | null;
    }> = await m.query(
      `SELECT c.id AS "caseId", COALESCE($2::varchar, c.priority) AS priority, g.id AS "programmeId", g.code AS "programmeCode",
              g.acknowledge_days AS "programmeAck", g.resolve_days AS "programmeResolve", CASE WHEN pp.id IS NULL THEN NULL ELSE row_to_json(pp) END AS best
         FROM cases c
         LEFT JOIN LATERAL (
           SELECT g.* FROM coordination_programme g
            WHERE g.active AND c.category_id = ANY(g.category_ids) AND (c.created_at AT TIME ZONE 'Asia/Ho_Chi_Minh')::date BETWEEN g.period_start AND g.period_end
            ORDER BY g.period_start DESC, g.code LIMIT 1) g ON TRUE
         LEFT JOIN LATERAL (
           SELECT ${POLICY_COLUMNS}, p.programme_id AS "programmeId" FROM deadline_policy p
            WHERE p.priority = COALESCE($2::varchar, c.priority) AND (p.category_id IS NULL OR p.category_id = c.category_id)
              AND (p.programme_id IS NULL OR p.programme_id = g.id)
            ORDER BY (p.programme_id IS NOT NULL) DESC, (p.category_id IS NOT NULL) DESC, p.created_at DESC LIMIT 1) pp ON TRUE
        WHERE c.id = ANY($1::uuid[])`,
      [caseIds, asPriority ?? null],
    );
    const out = new Map<string, EffectivePolicy>();
    for (const r of rows) {
      const { programmeId: fromProgramme, ...best } = r.best ?? { programmeId: null };
      if (r.best && fromProgramme) {
        out.set(r.caseId, { ...(best as EffectivePolicy), programmeCode: r.programmeCode });
        continue;
      }
      const base: EffectivePolicy = r.best ? (best as EffectivePolicy) : DEFAULT_POLICIES[r.priority];
      if (r.programmeId && (r.programmeAck || r.programmeResolve)) {
        // The programme's agreed terms replace the days it sets; the rest (reminders, ladder) stays.
        const acknowledgeDays = r.programmeAck ?? Math.min(base.acknowledgeDays, r.programmeResolve!);
        out.set(r.caseId, {
          ...base,
          source: 'PROGRAMME',
          programmeCode: r.programmeCode,
          acknowledgeDays,
          resolveDays: r.programmeResolve ?? Math.max(base.resolveDays, acknowledgeDays),
        });
      } else out.set(r.caseId, base);
    }
    return out;
  }

  /** Sets the due dates of new (or renewed) assignments, counted from `from` (default: now). */
  async assignDeadlines(m: EntityManager, caseId: string, assignmentIds: string[], from = new Date()): Promise<void> {
    if (!assignmentIds.length) return;
    const policy = await this.policyFor(m, caseId);
    const cal = await this.calendar.calendar(m);
    await this.assignments.setDeadlines(
      m,
      assignmentIds,
      cal.addWorkingDays(from, policy.acknowledgeDays),
      cal.addWorkingDays(from, policy.resolveDays),
      policy.id,
    );
  }
}
