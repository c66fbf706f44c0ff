import type { CaseEventType } from '../cases/case-events.js';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import { assignmentGivesView, Params, visibilityCondition } from '../cases/case-access.js';
import { ANSWERED_STATUSES, canTransition } from '../cases/case-state-machine.js';
import { CaseTransitions, staleCase } from '../cases/case-transitions.service.js';
import { CASE_STATUS_LABELS, PRIORITY_LABELS } from '../cases/case.types.js';
import { deriveCaseStatus } from './case-status.js';
import { type AssignmentStatus, type DocumentRef, OPEN_ASSIGNMENT_SQL, type Outcome } from '../cases/entities/assignment.entity.js';
import { TriageService } from './triage.service.js';
import { ClockKeeper } from '../deadlines/clock-keeper.service.js';
import { AttachmentsService } from '../attachments/attachments.service.js';
import { attached } from '../cases/case-actions.service.js';

interface LockedAssignment {
  id: string;
  caseId: string;
  orgUnitId: string;
  orgUnitCode: string;
  role: 'LEAD' | 'SUPPORT';
  status: AssignmentStatus;
  parentAssignmentId: string | null;
}

const WORKING: readonly AssignmentStatus[] = ['ASSIGNED', 'ACKNOWLEDGED', 'IN_PROGRESS'];
/** Outcomes that say the matter was answered: the signed answer document must be attached. */
const NEEDS_SIGNED_DOCUMENT: readonly Outcome[] = ['RESOLVED', 'PARTIALLY_RESOLVED'];

/**
 * The agency inbox. Every action checks that the caller's unit holds the assignment (otherwise
 * 404: another agency's work is invisible), changes the assignment, lets results flow up a
 * delegation chain, and moves the case to what its assignments now say, through the case writer.
 */
@Injectable()
export class AssignmentsService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly triage: TriageService,
    private readonly assignments: AssignmentRepository,
    private readonly clocks: ClockKeeper,
    private readonly attachments: AttachmentsService,
  ) {}

  /**
   * The unit's assignments. An assignment the unit returned, or that was cancelled (re-routed,
   * merged, rejected), stays in the list as the unit's own record, but the case it no longer sees
   * (visibilityCondition) shows only its code: no title, summary, status, classification or directives.
   */
  async inbox(user: AuthUser, activeOnly: boolean) {
    const p = new Params();
    const unit = p.add(user.orgUnitId);
    const rows = await this.db.query(
      `SELECT s.id, s.role, s.status, s.parent_assignment_id AS "parentAssignmentId", s.created_at AS "assignedAt",
              s.acknowledged_at AS "acknowledgedAt", s.resolved_at AS "resolvedAt", s.outcome,
              s.acknowledge_due_at AS "acknowledgeDueAt", s.resolve_due_at AS "resolveDueAt", s.escalation_level AS "escalationLevel",
              (s.status IN ${OPEN_ASSIGNMENT_SQL} AND s.resolve_due_at < now()) AS overdue,
              c.id AS "caseId", c.code AS "caseCode", v.title, v.summary, v.status AS "caseStatus", v.priority, v.sensitivity,
              v."areaCode", v."areaVi", v."categoryCode", v."categoryVi", v.directives, (v.title IS NOT NULL) AS "caseVisible"
         FROM assignment s JOIN cases c ON c.id = s.case_id
         LEFT JOIN LATERAL (
           SELECT c.title, c.summary, c.status, c.priority, c.sensitivity, a.code AS "areaCode", a.name_vi AS "areaVi",
                  cat.code AS "categoryCode", cat.label_vi AS "categoryVi",
                  (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id AND e.type = 'DIRECTIVE_ISSUED') AS directives
             FROM area a LEFT JOIN category cat ON cat.id = c.category_id
            WHERE a.id = c.area_id AND ${visibilityCondition(user, p.add)}
         ) v ON TRUE
        WHERE s.org_unit_id = ${unit} ${activeOnly ? `AND s.status IN ${OPEN_ASSIGNMENT_SQL}` : ''}
        ORDER BY CASE v.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END, s.created_at
        LIMIT 500`,
      p.values,
    );
    // Each assignment's clocks (deadlines/clock.ts): the answer's, and the acknowledgement's.
    const clocks = await this.clocks.clocksOf([...new Set(rows.map((r: { caseId: string }) => r.caseId))] as string[]);
    return {
      items: rows.map(
        (r: { id: string; caseId: string; caseStatus: keyof typeof CASE_STATUS_LABELS | null; priority: keyof typeof PRIORITY_LABELS | null }) => ({
          ...r,
          clock: clocks.get(r.caseId)?.assignments[r.id]?.resolve ?? null,
          acknowledgeClock: clocks.get(r.caseId)?.assignments[r.id]?.acknowledge ?? null,
          caseStatusLabel: r.caseStatus ? CASE_STATUS_LABELS[r.caseStatus] : null,
          priorityLabel: r.priority ? PRIORITY_LABELS[r.priority] : null,
        }),
      ),
    };
  }

  acknowledge(id: string, user: AuthUser, expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'ACKNOWLEDGED', ['ASSIGNED'], {}, async (m, a) => {
      await this.assignments.acknowledge(m, a.id);
    });
  }

  progress(id: string, note: string, user: AuthUser, attachmentIds?: string[], expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'PROGRESS_REPORTED', ['ACKNOWLEDGED', 'IN_PROGRESS'], { note, ...attached(attachmentIds) }, async (m, a) => {
      await this.assignments.startProgress(m, a.id);
    });
  }

  requestInfo(id: string, question: string, user: AuthUser, expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'INFO_REQUESTED', WORKING, { question, askedOf: 'standing body' }, async (m, a) => {
      await this.assignments.awaitInfo(m, a.id);
    });
  }

  /** Not ours: back to triage (the lead), or back to the unit that delegated it. */
  returnToSender(id: string, reason: string, user: AuthUser, expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'RETURNED', WORKING, { reason }, async (m, a) => {
      await this.assignments.returnToSender(m, a.id);
      if (a.parentAssignmentId) await this.assignments.takeBack(m, a.parentAssignmentId);
    });
  }

  /** Hands the work to a unit below (UBND → a department or a commune); the result flows back up. */
  async delegate(id: string, toOrgUnitCode: string, note: string | undefined, user: AuthUser, expectedVersion?: number) {
    const [target] = await this.db.query(`SELECT id, code, parent_id FROM org_unit WHERE code = $1 AND active`, [toOrgUnitCode]);
    if (!target) throw DomainError.validation([{ field: 'toOrgUnitCode', message: `unknown or inactive org unit ${toOrgUnitCode}` }]);
    return this.act(id, user, expectedVersion, 'DELEGATED', WORKING, { toOrgUnitCode, note: note ?? null }, async (m, a) => {
      const [below] = await m.query(
        `WITH RECURSIVE up(id, parent_id) AS (SELECT id, parent_id FROM org_unit WHERE id = $1
           UNION SELECT o.id, o.parent_id FROM org_unit o JOIN up ON o.id = up.parent_id)
         SELECT 1 AS ok FROM up WHERE id = $2 AND id <> $1`,
        [target.id, a.orgUnitId],
      );
      if (!below) throw DomainError.validation([{ field: 'toOrgUnitCode', message: `${toOrgUnitCode} is not a unit under ${a.orgUnitCode}` }]);
      return { delegateAssignmentId: await this.assignments.delegate(m, a, target.id) };
    });
  }

  /**
   * The agency's answer. Resolving (wholly or partly) needs the signed answer document attached
   * (documentRef.attachmentId) beside its reference; the other outcomes need the reference only.
   */
  resolve(
    id: string,
    body: { outcome: Outcome; summary: string; documentRef: DocumentRef; attachmentIds?: string[] },
    user: AuthUser,
    expectedVersion?: number,
  ) {
    const { attachmentIds, ...answer } = body;
    return this.act(
      id,
      user,
      expectedVersion,
      'ASSIGNMENT_RESOLVED',
      ['ACKNOWLEDGED', 'IN_PROGRESS'],
      { outcome: answer.outcome, summary: answer.summary, documentRef: answer.documentRef, ...attached(attachmentIds) },
      async (m, a) => {
        if (NEEDS_SIGNED_DOCUMENT.includes(answer.outcome)) {
          const attachmentId = answer.documentRef.attachmentId;
          if (!attachmentId) {
            throw DomainError.validation(
              [{ field: 'documentRef.attachmentId', message: `is required with outcome ${answer.outcome}: upload the signed answer document first` }],
              'A resolution needs its signed answer document',
            );
          }
          await this.attachments.assertAnswerDocument(m, a.caseId, attachmentId, user);
        }
        await this.assignments.resolve(m, a.id, answer);
        // The result flows up the delegation chain: a delegating unit is answered when all its delegates are.
        let parentId = a.parentAssignmentId;
        while (parentId) {
          const [parent] = await m.query(
            `SELECT id, parent_assignment_id AS "parentId" FROM assignment p WHERE p.id = $1 AND p.status = 'DELEGATED'
              AND NOT EXISTS (SELECT 1 FROM assignment c WHERE c.parent_assignment_id = p.id AND c.status IN ${OPEN_ASSIGNMENT_SQL})`,
            [parentId],
          );
          if (!parent) break;
          await this.assignments.resolve(m, parent.id, answer);
          parentId = parent.parentId;
        }
      },
    );
  }

  /**
   * One agency action: lock the case (so every change to it is serialised), check the caller's unit
   * holds the assignment and its status allows the action, do it, then record the event and move
   * the case to the status its assignments now imply. Resolving the last answer adds a RESOLVED event.
   */
  private async act<T>(
    assignmentId: string,
    user: AuthUser,
    /** From If-Match: the case version the agency saw; a case that moved on since is 412 STALE_CASE, nothing written. */
    expectedVersion: number | undefined,
    type: CaseEventType,
    allowed: readonly AssignmentStatus[],
    payload: Record<string, unknown>,
    work: (m: EntityManager, a: LockedAssignment) => Promise<T>,
  ): Promise<{ assignmentId: string; caseId: string; caseStatus: string } & (T extends object ? T : object)> {
    const [ref] = await this.db.query(`SELECT case_id AS "caseId", org_unit_id AS "orgUnitId", status FROM assignment WHERE id = $1`, [assignmentId]);
    // Another unit's work, or work this unit returned or lost to a re-route: as if it did not exist.
    if (!ref || ref.orgUnitId !== user.orgUnitId || !assignmentGivesView(ref.status)) throw DomainError.notFound('Assignment', assignmentId);

    return this.transitions.inTransaction(async (m) => {
      // The case must still be visible to the caller under the lock (its assignment may have moved on since).
      const kase = await this.transitions.lock(m, ref.caseId, user).catch((e) => {
        throw e instanceof DomainError && e.code === 'NOT_FOUND' ? DomainError.notFound('Assignment', assignmentId) : e;
      });
      if (expectedVersion !== undefined && expectedVersion !== kase.version) throw staleCase(expectedVersion, kase);
      const [a]: LockedAssignment[] = await m.query(
        `SELECT s.id, s.case_id AS "caseId", s.org_unit_id AS "orgUnitId", o.code AS "orgUnitCode", s.role, s.status,
                s.parent_assignment_id AS "parentAssignmentId"
           FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.id = $1 FOR UPDATE`,
        [assignmentId],
      );
      if (!assignmentGivesView(a.status)) throw DomainError.notFound('Assignment', assignmentId);
      if (ANSWERED_STATUSES.includes(kase.status) || !allowed.includes(a.status)) {
        throw DomainError.conflict('ILLEGAL_TRANSITION', `${type} is not allowed while the assignment is ${a.status} and the case ${kase.status}`, {
          currentStatus: kase.status,
          assignmentStatus: a.status,
          action: type,
        });
      }
      const result = await work(m, a);
      const derived = deriveCaseStatus(kase.status, await this.triage.assignmentStates(m, kase.id));
      const to = derived !== kase.status && derived !== 'RESOLVED' && canTransition(kase.status, derived) ? derived : undefined;
      const event = { assignmentId: a.id, orgUnitCode: a.orgUnitCode, role: a.role, ...payload, ...(result && typeof result === 'object' ? result : {}) };
      const { case: after } = await this.transitions.apply({ caseId: kase.id, actor: user, type, to, payload: event }, undefined, m);
      let caseStatus = after.status;
      if (derived === 'RESOLVED' && canTransition(after.status, 'RESOLVED')) {
        await this.transitions.apply({ caseId: kase.id, actor: user, type: 'RESOLVED', to: 'RESOLVED', payload: { lastAnswer: a.orgUnitCode } }, undefined, m);
        caseStatus = 'RESOLVED';
      }
      return { assignmentId: a.id, caseId: kase.id, caseStatus, ...(result && typeof result === 'object' ? result : {}) } as never;
    });
  }
}
