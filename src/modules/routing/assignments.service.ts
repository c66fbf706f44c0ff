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
import { type AssignmentStatus, currentAnswerSql, type DocumentRef, OPEN_ASSIGNMENT_SQL, type Outcome } from '../cases/entities/assignment.entity.js';
import { TriageService } from './triage.service.js';
import type { AssignmentQueryDto, AssignmentSort } from './dto/routing.dto.js';
import { searchTerms } from '../cases/search-text.js';
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

/** Open work past its answer deadline (the `overdue` of each row and of the counters). */
const OVERDUE_SQL = `(s.status IN ${OPEN_ASSIGNMENT_SQL} AND s.resolve_due_at < now())`;
/** The deadline that matters now: acknowledging while not yet acknowledged, then answering (open work only). */
const CURRENT_DUE_SQL = `(CASE WHEN s.status = 'ASSIGNED' THEN s.acknowledge_due_at WHEN s.status IN ${OPEN_ASSIGNMENT_SQL} THEN s.resolve_due_at END)`;
const PRIORITY_RANK_SQL = `CASE v.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END`;
/** Each order ends on the id, so that pages never repeat or skip an assignment. */
const INBOX_SORT_SQL: Record<AssignmentSort, string> = {
  urgent: `${PRIORITY_RANK_SQL}, s.created_at, s.id`,
  oldest: 's.created_at, s.id',
  newest: 's.created_at DESC, s.id DESC',
  deadline: `${CURRENT_DUE_SQL} ASC NULLS LAST, s.created_at, s.id`,
  priority: `${PRIORITY_RANK_SQL}, ${CURRENT_DUE_SQL} ASC NULLS LAST, s.created_at, s.id`,
  affected: 'v.people_affected DESC NULLS LAST, s.created_at, s.id',
};

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
   * The unit's assignments, a page at a time, with their exact number (`total`) and, over the same
   * filters, how many are open and past their deadline (`counts`). An assignment the unit returned,
   * or that was cancelled (re-routed, merged, rejected), stays in the list as the unit's own record,
   * but the case it no longer sees (visibilityCondition) shows only its code: no title, summary,
   * status, classification or directives, and the filters on those never match it.
   */
  async inbox(user: AuthUser, q: AssignmentQueryDto) {
    const p = new Params();
    const where = [`s.org_unit_id = ${p.add(user.orgUnitId)}`];
    const visible = visibilityCondition(user, p.add);
    // Open work only by default; one case's assignments (caseId) or chosen statuses are listed whatever their state unless active=true.
    if (q.active === 'true' || (q.active === undefined && !q.status?.length && !q.caseId)) where.push(`s.status IN ${OPEN_ASSIGNMENT_SQL}`);
    if (q.status?.length) where.push(`s.status = ANY(${p.add(q.status)}::text[])`);
    if (q.caseId) where.push(`s.case_id = ${p.add(q.caseId)}`);
    if (q.priority?.length) where.push(`v.priority = ANY(${p.add(q.priority)}::text[])`);
    if (q.category) where.push(`v."categoryCode" = ${p.add(q.category)}`);
    if (q.area) {
      where.push(`v.area_id IN (WITH RECURSIVE t(id) AS (SELECT id FROM area WHERE code = ${p.add(q.area)}
                  UNION SELECT a.id FROM area a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`);
    }
    if (q.overdue) where.push(OVERDUE_SQL);
    if (q.q) {
      const code = q.q.trim().toUpperCase();
      const terms = searchTerms(q.q).map((term) => `v.search_text LIKE ${p.add(`%${term}%`)}`);
      where.push(`(c.code = ${p.add(code)}${terms.length ? ` OR (${terms.join(' AND ')})` : ''})`);
    }
    const pageSize = q.pageSize ?? 50;
    const page = q.page ?? 1;
    const sort = q.sort ?? 'urgent';
    const from = `FROM assignment s JOIN cases c ON c.id = s.case_id
         LEFT JOIN LATERAL (
           SELECT c.title, c.summary, c.status, c.priority, c.sensitivity, c.people_affected, c.search_text, c.area_id,
                  a.code AS "areaCode", a.name_vi AS "areaVi", cat.code AS "categoryCode", cat.label_vi AS "categoryVi"
             FROM area a LEFT JOIN category cat ON cat.id = c.category_id
            WHERE a.id = c.area_id AND ${visible}
         ) v ON TRUE
        WHERE ${where.join(' AND ')}`;
    const countParams = [...p.values];
    const [rows, [counts]] = await Promise.all([
      this.db.query(
        `SELECT s.id, s.role, s.status, s.parent_assignment_id AS "parentAssignmentId", s.created_at AS "assignedAt",
                s.acknowledged_at AS "acknowledgedAt", s.resolved_at AS "resolvedAt", s.outcome,
                s.acknowledge_due_at AS "acknowledgeDueAt", s.resolve_due_at AS "resolveDueAt", s.escalation_level AS "escalationLevel",
                ${OVERDUE_SQL} AS overdue,
                c.id AS "caseId", c.code AS "caseCode", v.title, v.summary, v.status AS "caseStatus", v.priority, v.sensitivity,
                v.people_affected AS "peopleAffected", v."areaCode", v."areaVi", v."categoryCode", v."categoryVi",
                CASE WHEN v.title IS NULL THEN NULL
                     ELSE (SELECT count(*)::int FROM case_event e WHERE e.case_id = c.id AND e.type = 'DIRECTIVE_ISSUED') END AS directives,
                (v.title IS NOT NULL) AS "caseVisible"
           ${from}
          ORDER BY ${INBOX_SORT_SQL[sort]}
          LIMIT ${p.add(pageSize)} OFFSET ${p.add((page - 1) * pageSize)}`,
        p.values,
      ),
      this.db.query(
        `SELECT count(*)::int AS total, (count(*) FILTER (WHERE ${OVERDUE_SQL}))::int AS overdue,
                (count(*) FILTER (WHERE s.status IN ${OPEN_ASSIGNMENT_SQL}))::int AS open,
                (count(*) FILTER (WHERE NOT ${OVERDUE_SQL} AND ${CURRENT_DUE_SQL} < now() + interval '2 days'))::int AS "dueSoon"
           ${from}`,
        countParams,
      ),
    ]);
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
      total: counts.total as number,
      counts: { open: counts.open as number, overdue: counts.overdue as number, dueSoon: counts.dueSoon as number },
      page,
      pageSize,
      sort,
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
   * A delegate's answer goes to the unit that delegated to it for review (DELEGATE_ANSWERED once
   * none of its delegates still works), not up the chain. A unit reviewing its delegates' answers
   * may answer itself instead of accepting one ("edit"), reusing a delegate's signed document.
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
      ['ACKNOWLEDGED', 'IN_PROGRESS', 'DELEGATE_ANSWERED'],
      { outcome: answer.outcome, summary: answer.summary, documentRef: answer.documentRef, ...attached(attachmentIds) },
      async (m, a) => {
        const eventPayload: Record<string, unknown> = {};
        const attachmentId = answer.documentRef.attachmentId;
        // The signed document of a delegate's answer stays the delegate's: the lead's answer names it, the event links no file.
        const reused = a.status === 'DELEGATE_ANSWERED' && attachmentId ? await this.delegateAnswerWithDocument(m, a.id, attachmentId) : undefined;
        if (reused) {
          const { attachmentId: _file, ...reference } = answer.documentRef;
          Object.assign(eventPayload, { documentRef: reference, delegateDocumentOf: reused, delegateDocumentRef: answer.documentRef });
        } else if (NEEDS_SIGNED_DOCUMENT.includes(answer.outcome)) {
          if (!attachmentId) {
            throw DomainError.validation(
              [{ field: 'documentRef.attachmentId', message: `is required with outcome ${answer.outcome}: upload the signed answer document first` }],
              'A resolution needs its signed answer document',
            );
          }
          await this.attachments.assertAnswerDocument(m, a.caseId, attachmentId, user);
        }
        await this.assignments.resolve(m, a.id, answer);
        return { eventPayload: { ...eventPayload, ...(await this.answerUp(m, a)) } };
      },
    );
  }

  /**
   * The delegating unit accepts a delegate's answer as its own: its resolution is the delegate's
   * outcome, summary and document reference, and names the answer it accepted (`acceptedAnswerId`);
   * the signed document stays the delegate's attachment. The answer then goes one level up (for
   * review there, or to the standing body from the top).
   */
  acceptDelegateAnswer(id: string, body: { delegateAssignmentId?: string; note?: string }, user: AuthUser, expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'DELEGATE_ANSWER_ACCEPTED', ['DELEGATE_ANSWERED'], { note: body.note ?? null }, async (m, a) => {
      const d = await this.answerUnderReview(m, a, body.delegateAssignmentId);
      await this.assignments.acceptAnswer(m, a.id, d.id);
      return {
        delegateAssignmentId: d.id,
        eventPayload: {
          delegateAssignmentId: d.id,
          delegateOrgUnitCode: d.orgUnitCode,
          answerEventId: d.answerEventId,
          outcome: d.outcome,
          summary: d.summary,
          delegateDocumentRef: d.documentRef,
          ...(await this.answerUp(m, a)),
        },
      };
    });
  }

  /**
   * The delegating unit sends a delegate's answer back with a reason: the delegate works on it again
   * (IN_PROGRESS; back to reviewing when its answer was itself one it accepted from below), to the
   * deadline its clock keeps, and the delegating unit waits for it again (DELEGATED).
   */
  returnToDelegate(id: string, body: { reason: string; delegateAssignmentId?: string }, user: AuthUser, expectedVersion?: number) {
    return this.act(id, user, expectedVersion, 'DELEGATE_ANSWER_RETURNED', ['DELEGATE_ANSWERED'], { reason: body.reason }, async (m, a) => {
      const d = await this.answerUnderReview(m, a, body.delegateAssignmentId);
      await this.assignments.sendBack(m, a.id, d.id, d.acceptedAnswerId ? 'DELEGATE_ANSWERED' : 'IN_PROGRESS');
      return {
        delegateAssignmentId: d.id,
        eventPayload: { delegateAssignmentId: d.id, delegateOrgUnitCode: d.orgUnitCode, answerEventId: d.answerEventId },
      };
    });
  }

  /** After a unit answered: a delegate's answer waits for its delegating unit's review (the event says whose). */
  private async answerUp(m: EntityManager, a: LockedAssignment): Promise<{ forReviewBy?: string }> {
    if (!a.parentAssignmentId) return {};
    await this.assignments.awaitReview(m, a.parentAssignmentId);
    return { forReviewBy: a.parentAssignmentId };
  }

  /**
   * The delegate's answer a review acts on: the one named, or the only one there is. Another unit's,
   * one not answered, or none named among several: 400, nothing written.
   */
  private async answerUnderReview(m: EntityManager, a: LockedAssignment, named: string | undefined) {
    const answers: Array<{
      id: string;
      orgUnitCode: string;
      outcome: Outcome;
      summary: string;
      documentRef: DocumentRef | null;
      acceptedAnswerId: string | null;
      answerEventId: string | null;
    }> = await m.query(
      `SELECT d.id, o.code AS "orgUnitCode", d.outcome, d.resolution_summary AS summary, d.document_ref AS "documentRef",
              d.accepted_answer_id AS "acceptedAnswerId",
              (SELECT e.id::text FROM case_event e WHERE e.case_id = d.case_id AND e.type IN ('ASSIGNMENT_RESOLVED', 'DELEGATE_ANSWER_ACCEPTED')
                  AND e.payload->>'assignmentId' = d.id::text ORDER BY e.id DESC LIMIT 1) AS "answerEventId"
         FROM assignment d JOIN org_unit o ON o.id = d.org_unit_id
        WHERE d.parent_assignment_id = $1 AND ${currentAnswerSql('d')} ORDER BY d.resolved_at, d.id`,
      [a.id],
    );
    const field = 'delegateAssignmentId';
    if (named) {
      const d = answers.find((x) => x.id === named);
      if (!d) throw DomainError.validation([{ field, message: `is not an answered delegate of assignment ${a.id}` }]);
      return d;
    }
    if (answers.length !== 1) throw DomainError.validation([{ field, message: `is required: ${answers.length} delegates answered, name the one to act on` }]);
    return answers[0];
  }

  /** Which delegate's answer (to the reviewing unit `id`) carries `attachmentId` as its signed document, if any. */
  private async delegateAnswerWithDocument(m: EntityManager, id: string, attachmentId: string): Promise<string | undefined> {
    const [d] = await m.query(
      `SELECT d.id FROM assignment d WHERE d.parent_assignment_id = $1 AND ${currentAnswerSql('d')} AND d.document_ref->>'attachmentId' = $2`,
      [id, attachmentId],
    );
    return d?.id;
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
  ): Promise<{ assignmentId: string; caseId: string; caseStatus: string } & Omit<T extends object ? T : object, 'eventPayload'>> {
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
      const { eventPayload, ...result } = ((await work(m, a)) ?? {}) as { eventPayload?: Record<string, unknown> };
      const derived = deriveCaseStatus(kase.status, await this.triage.assignmentStates(m, kase.id));
      const to = derived !== kase.status && derived !== 'RESOLVED' && canTransition(kase.status, derived) ? derived : undefined;
      // The event carries the action's payload, what the work returned, and what the work says only the event needs.
      const event = { assignmentId: a.id, orgUnitCode: a.orgUnitCode, role: a.role, ...payload, ...result, ...eventPayload };
      const { case: after } = await this.transitions.apply({ caseId: kase.id, actor: user, type, to, payload: event }, undefined, m);
      let caseStatus = after.status;
      if (derived === 'RESOLVED' && canTransition(after.status, 'RESOLVED')) {
        await this.transitions.apply({ caseId: kase.id, actor: user, type: 'RESOLVED', to: 'RESOLVED', payload: { lastAnswer: a.orgUnitCode } }, undefined, m);
        caseStatus = 'RESOLVED';
      }
      return { assignmentId: a.id, caseId: kase.id, caseStatus, ...result } as never;
    });
  }
}
