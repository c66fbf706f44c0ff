import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import type { Priority } from '../cases/case.types.js';
import { CalendarService } from './calendar.service.js';

export interface EffectivePolicy {
  id: string | null;
  acknowledgeDays: number;
  resolveDays: number;
  reminderFractions: number[];
  remindDayBefore: boolean;
  escalationStepDays: number;
}

/** When no policy row matches: working days per priority. */
export const DEFAULT_POLICIES: Record<Priority, EffectivePolicy> = {
  URGENT: { id: null, acknowledgeDays: 1, resolveDays: 5, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 1 },
  HIGH: { id: null, acknowledgeDays: 2, resolveDays: 10, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 2 },
  NORMAL: { id: null, acknowledgeDays: 3, resolveDays: 30, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 3 },
  LOW: { id: null, acknowledgeDays: 5, resolveDays: 45, reminderFractions: [0.5, 0.8], remindDayBefore: true, escalationStepDays: 5 },
};

/**
 * Deadlines of assignments: the most specific policy (coordination programme, then category,
 * then priority alone) gives working days to acknowledge and to resolve, counted on the Vietnam
 * calendar from when the agency received the case.
 */
@Injectable()
export class DeadlinesService {
  constructor(
    private readonly calendar: CalendarService,
    private readonly assignments: AssignmentRepository,
  ) {}

  async policyFor(m: EntityManager, caseId: string): Promise<EffectivePolicy> {
    const [row] = await m.query(
      `SELECT p.id, p.acknowledge_days AS "acknowledgeDays", p.resolve_days AS "resolveDays", p.reminder_fractions AS "reminderFractions",
              p.remind_day_before AS "remindDayBefore", p.escalation_step_days AS "escalationStepDays"
         FROM cases c JOIN deadline_policy p ON p.priority = c.priority
        WHERE c.id = $1
          AND (p.category_id IS NULL OR p.category_id = c.category_id)
          AND (p.programme_id IS NULL OR p.programme_id IN (
                SELECT g.id FROM coordination_programme g
                 WHERE g.active AND c.category_id = ANY(g.category_ids) AND current_date BETWEEN g.period_start AND g.period_end))
        ORDER BY (p.programme_id IS NOT NULL) DESC, (p.category_id IS NOT NULL) DESC, p.created_at DESC
        LIMIT 1`,
      [caseId],
    );
    if (row) return row;
    const [{ priority }] = await m.query(`SELECT priority FROM cases WHERE id = $1`, [caseId]);
    return DEFAULT_POLICIES[priority as Priority];
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

  /** Moves the time to resolve by `days` working days (a granted extension). */
  async extend(m: EntityManager, assignmentId: string, days: number): Promise<Date> {
    const [a] = await m.query(`SELECT resolve_due_at AS "due" FROM assignment WHERE id = $1`, [assignmentId]);
    const cal = await this.calendar.calendar(m);
    const base = a.due && new Date(a.due) > new Date() ? new Date(a.due) : new Date();
    const due = cal.addWorkingDays(base, days);
    await this.assignments.extendResolve(m, assignmentId, due);
    return due;
  }
}
