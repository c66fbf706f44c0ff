import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { assignmentGivesView, Params, visibilityCondition } from '../cases/case-access.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { OPEN_ASSIGNMENT_SQL } from '../cases/entities/assignment.entity.js';
import { ClockKeeper } from './clock-keeper.service.js';

/** An agency asks for more time; the standing body grants (the deadline moves) or denies. All events. */
@Injectable()
export class ExtensionsService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly clocks: ClockKeeper,
  ) {}

  async request(assignmentId: string, days: number, reason: string, user: AuthUser) {
    const [a] = await this.db.query(
      `SELECT s.id, s.case_id AS "caseId", s.org_unit_id AS "orgUnitId", s.status, o.code FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.id = $1`,
      [assignmentId],
    );
    // Another unit's work, or work this unit returned or lost to a re-route, does not exist for it.
    if (!a || a.orgUnitId !== user.orgUnitId || !assignmentGivesView(a.status)) throw DomainError.notFound('Assignment', assignmentId);
    return this.transitions.inTransaction(async (m) => {
      const kase = await this.transitions.lock(m, a.caseId, user).catch((e) => {
        throw e instanceof DomainError && e.code === 'NOT_FOUND' ? DomainError.notFound('Assignment', assignmentId) : e;
      });
      const [open] = await m.query(`SELECT count(*)::int AS n FROM extension_request WHERE assignment_id = $1 AND status = 'PENDING'`, [a.id]);
      if (open.n > 0) throw DomainError.conflict('EXTENSION_PENDING', 'An extension request for this assignment is already waiting for a decision');
      const [still] = await m.query(`SELECT 1 FROM assignment WHERE id = $1 AND status IN ${OPEN_ASSIGNMENT_SQL}`, [a.id]);
      if (!still)
        throw DomainError.conflict('ILLEGAL_TRANSITION', `No deadline to extend: the assignment is ${a.status}`, {
          action: 'EXTENSION_REQUESTED',
          currentStatus: kase.status,
          assignmentStatus: a.status,
        });
      const [row] = await m.query(`INSERT INTO extension_request (assignment_id, days, reason, requested_by_id) VALUES ($1, $2, $3, $4) RETURNING id, status`, [
        a.id,
        days,
        reason,
        user.id,
      ]);
      await this.transitions.apply(
        { caseId: a.caseId, actor: user, type: 'EXTENSION_REQUESTED', payload: { extensionId: row.id, assignmentId: a.id, orgUnitCode: a.code, days, reason } },
        undefined,
        m,
      );
      return { id: row.id, status: row.status, assignmentId: a.id, days, reason };
    });
  }

  async decide(extensionId: string, grant: boolean, note: string | undefined, user: AuthUser) {
    const [x] = await this.db.query(
      `SELECT x.id, x.assignment_id AS "assignmentId", x.days, x.status, s.case_id AS "caseId", o.code
         FROM extension_request x JOIN assignment s ON s.id = x.assignment_id JOIN org_unit o ON o.id = s.org_unit_id WHERE x.id = $1`,
      [extensionId],
    );
    if (!x) throw DomainError.notFound('Extension request', extensionId);
    return this.transitions.inTransaction(async (m) => {
      // A request on a case the caller may not see does not exist for them.
      await this.transitions.lock(m, x.caseId, user).catch((e) => {
        throw e instanceof DomainError && e.code === 'NOT_FOUND' ? DomainError.notFound('Extension request', extensionId) : e;
      });
      const [[decided]] = await m.query(
        `UPDATE extension_request SET status = $2, decided_by_id = $3, decision_note = $4, decided_at = now() WHERE id = $1 AND status = 'PENDING' RETURNING id`,
        [x.id, grant ? 'GRANTED' : 'DENIED', user.id, note ?? null],
      );
      if (!decided) throw DomainError.conflict('EXTENSION_DECIDED', 'This extension request was already decided', { extensionStatus: x.status });
      // The new due instant, as the clock will compute it once the grant is on the timeline (ClockKeeper recomputes the cache then).
      let resolveDueAt: string | null = null;
      if (grant) {
        const [{ now }] = await m.query(`SELECT now() AS now`);
        const grantEvent = { id: '9223372036854775807', type: 'EXTENSION_GRANTED', occurredAt: now, payload: { assignmentId: x.assignmentId, days: x.days } };
        resolveDueAt = (await this.clocks.clocks(m, x.caseId, [grantEvent])).assignments[x.assignmentId]?.resolve.dueAt ?? null;
      }
      await this.transitions.apply(
        {
          caseId: x.caseId,
          actor: user,
          type: grant ? 'EXTENSION_GRANTED' : 'EXTENSION_DENIED',
          payload: { extensionId: x.id, assignmentId: x.assignmentId, orgUnitCode: x.code, days: x.days, note: note ?? null, resolveDueAt },
        },
        undefined,
        m,
      );
      return { id: x.id, status: grant ? 'GRANTED' : 'DENIED', resolveDueAt };
    });
  }

  /** Requests on the cases the caller sees (visibilityCondition). */
  list(user: AuthUser, status?: string) {
    const p = new Params();
    const wanted = p.add(status ?? null);
    return this.db.query(
      `SELECT x.id, x.status, x.days, x.reason, x.decision_note AS "decisionNote", x.created_at AS "createdAt", x.decided_at AS "decidedAt",
              x.assignment_id AS "assignmentId", o.code AS "orgUnitCode", c.id AS "caseId", c.code AS "caseCode", c.title, s.resolve_due_at AS "resolveDueAt"
         FROM extension_request x JOIN assignment s ON s.id = x.assignment_id JOIN org_unit o ON o.id = s.org_unit_id JOIN cases c ON c.id = s.case_id
        WHERE (${wanted}::text IS NULL OR x.status = ${wanted}) AND ${visibilityCondition(user, p.add)}
        ORDER BY x.created_at DESC LIMIT 500`,
      p.values,
    );
  }
}
