import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { OPEN_ASSIGNMENT_SQL } from '../cases/entities/assignment.entity.js';
import { ANSWERED_STATUSES_SQL } from '../cases/case-state-machine.js';
import { systemActor } from './system-actor.js';

/**
 * Sends the reminders that are due: each assignment with a planned reminder whose time has come
 * (and work still open, its deadline still ahead of the reminder) gets a DEADLINE_REMINDER event,
 * which the notifications module announces like every other event. Several points due at once
 * (the worker was away) make one reminder. Marking and the event commit together, so a reminder
 * is sent once whether the delayed job or the sweeper gets there first.
 */
@Injectable()
export class DeadlineReminders {
  private readonly logger = new Logger(DeadlineReminders.name);

  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
  ) {}

  /** Due reminders of one assignment (its delayed job fired), or of all (the sweeper). Returns how many were sent. */
  async sendDue(assignmentId: string | null = null, limit = 500): Promise<number> {
    const actor = await systemActor(this.db);
    return this.db.transaction(async (m) => {
      const due: Array<{ assignmentId: string; caseId: string; orgUnitCode: string; role: string; resolveDueAt: Date; reminderId: string }> = await m.query(
        `WITH due AS (
           SELECT r.id, r.assignment_id FROM deadline_reminder r
             JOIN assignment s ON s.id = r.assignment_id JOIN cases c ON c.id = s.case_id
            WHERE r.sent_at IS NULL AND r.due_at <= now() AND ($1::uuid IS NULL OR r.assignment_id = $1)
              AND s.status IN ${OPEN_ASSIGNMENT_SQL} AND c.status NOT IN ${ANSWERED_STATUSES_SQL} AND s.resolve_due_at > r.due_at AND s.clock_paused_since IS NULL
            ORDER BY r.due_at LIMIT $2 FOR UPDATE OF r SKIP LOCKED),
         sent AS (UPDATE deadline_reminder r SET sent_at = now() FROM due WHERE r.id = due.id RETURNING r.id, r.assignment_id, r.due_at)
         SELECT DISTINCT ON (s.id) s.id AS "assignmentId", s.case_id AS "caseId", o.code AS "orgUnitCode", s.role,
                s.resolve_due_at AS "resolveDueAt", sent.id AS "reminderId"
           FROM sent JOIN assignment s ON s.id = sent.assignment_id JOIN org_unit o ON o.id = s.org_unit_id
          ORDER BY s.id, sent.due_at DESC`,
        [assignmentId, limit],
      );
      for (const r of due) {
        await this.transitions.appendEvent(m, {
          caseId: r.caseId,
          type: 'DEADLINE_REMINDER',
          from: null,
          to: null,
          actorId: actor.id,
          payload: {
            assignmentId: r.assignmentId,
            orgUnitCode: r.orgUnitCode,
            role: r.role,
            resolveDueAt: new Date(r.resolveDueAt).toISOString(),
            reminderId: r.reminderId,
          },
        });
      }
      if (due.length) this.logger.log({ n: due.length }, 'deadline reminders sent');
      return due.length;
    });
  }
}
