import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { AssignmentRepository } from './assignment.repository.js';
import { Params, stricterSensitivity, visibilityCondition } from './case-access.js';
import { FINAL_STATUSES } from './case-state-machine.js';
import { CaseTransitions } from './case-transitions.service.js';
import { CaseRepository } from './case.repository.js';
import type { CaseStatus, Priority } from './case.types.js';

/** Before an agency works on it, a case may still be merged, rejected or questioned. */
const BEFORE_AGENCY_WORK: readonly CaseStatus[] = ['NEW', 'TRIAGED', 'RETURNED', 'NEEDS_INFO'];
/** A priority set by hand waits for routing, which sets the agencies' deadlines by it. */
const BEFORE_ROUTING: readonly CaseStatus[] = ['NEW', 'RETURNED', 'NEEDS_INFO'];

/** The standing body's actions on a case that do not involve agencies; and leaders' directives. */
@Injectable()
export class CaseActions {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly cases: CaseRepository,
    private readonly assignments: AssignmentRepository,
  ) {}

  reject(caseId: string, reason: string, actor: AuthUser, expectedVersion?: number, attachmentIds?: string[]) {
    return this.transitions.apply(
      { caseId, actor, type: 'REJECTED', to: 'REJECTED', from: BEFORE_AGENCY_WORK, payload: { reason, ...attached(attachmentIds) }, expectedVersion },
      (m) => this.assignments.cancelOpen(m, caseId),
    );
  }

  /** The standing body asks the officer who logged it for more information. */
  requestInfoFromOfficer(caseId: string, question: string, actor: AuthUser, expectedVersion?: number) {
    return this.transitions.apply({
      caseId,
      actor,
      type: 'INFO_REQUESTED',
      to: 'NEEDS_INFO',
      from: ['NEW', 'TRIAGED', 'RETURNED'],
      payload: { question, askedOf: 'officer' },
      expectedVersion,
    });
  }

  /**
   * The standing body sets the priority of a case it has not routed yet (from the triage queue);
   * routing sets it again with the classification. Unchanged priority: nothing is written.
   */
  setPriority(caseId: string, priority: Priority, actor: AuthUser) {
    return this.transitions.inTransaction(async (m) => {
      const current = await this.transitions.lock(m, caseId, actor);
      if (current.priority === priority && BEFORE_ROUTING.includes(current.status)) return { case: current };
      return this.transitions.apply(
        { caseId, actor, type: 'PRIORITY_CHANGED', from: BEFORE_ROUTING, payload: { from: current.priority, to: priority } },
        (mm) => this.cases.setPriority(mm, caseId, priority),
        m,
      );
    });
  }

  /** A leader's directive (chỉ đạo): an event the assigned agencies see on the case. */
  directive(caseId: string, text: string, actor: AuthUser, attachmentIds?: string[]) {
    return this.transitions.apply({ caseId, actor, type: 'DIRECTIVE_ISSUED', payload: { text, ...attached(attachmentIds) } });
  }

  /**
   * An agency answers a leader's directive: a DIRECTIVE_REPLIED event the leader sees on the
   * timeline; the first reply stops the directive's clock. Only a unit holding work on the case
   * replies (others get 404, as for a case they do not see); an unknown directive is 404 too.
   */
  async replyToDirective(caseId: string, directiveEventId: string, text: string, actor: AuthUser) {
    if (!/^\d{1,18}$/.test(directiveEventId)) throw DomainError.notFound('Directive', directiveEventId);
    return this.transitions.inTransaction(async (m) => {
      const kase = await this.transitions.lock(m, caseId, actor);
      const [directive] = await m.query(`SELECT id FROM case_event WHERE id = $1 AND case_id = $2 AND type = 'DIRECTIVE_ISSUED'`, [directiveEventId, kase.id]);
      if (!directive) throw DomainError.notFound('Directive', directiveEventId);
      const [a] = await m.query(
        `SELECT s.id, o.code FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id
          WHERE s.case_id = $1 AND s.org_unit_id = $2 AND s.status NOT IN ('RETURNED', 'CANCELLED') ORDER BY s.created_at DESC LIMIT 1`,
        [kase.id, actor.orgUnitId],
      );
      if (!a) throw DomainError.notFound('Directive', directiveEventId);
      await this.transitions.apply(
        { caseId, actor, type: 'DIRECTIVE_REPLIED', payload: { directiveEventId: String(directive.id), text, assignmentId: a.id, orgUnitCode: a.code } },
        undefined,
        m,
      );
    });
  }

  /**
   * Merges a duplicate into the surviving case: its concerns move, counts and people affected add
   * up, the merged case points to the survivor, and both timelines say so. The survivor takes the
   * stricter sensitivity of the two, so moved concerns reach nobody who could not read them before.
   * Both cases must be visible to the actor; an invisible survivor is "no such case".
   */
  async merge(caseId: string, intoCaseId: string, actor: AuthUser, expectedVersion?: number) {
    if (caseId === intoCaseId) throw DomainError.validation([{ field: 'intoCaseId', message: 'a case cannot be merged into itself' }]);
    return this.transitions.inTransaction(async (m) => {
      // Lock the survivor first; the source is locked by the transition below. Two crossing merges
      // deadlock; PostgreSQL breaks it within a second and the loser answers 409 CASE_BUSY.
      const target = await this.transitions.lock(m, intoCaseId, actor).catch((e) => {
        if (e instanceof DomainError && e.code === 'NOT_FOUND') throw DomainError.validation([{ field: 'intoCaseId', message: 'no such case' }]);
        throw e;
      });
      if (FINAL_STATUSES.includes(target.status)) {
        throw DomainError.conflict('MERGE_TARGET_CLOSED', `The case ${target.code} is ${target.status} and cannot receive concerns`, {
          targetStatus: target.status,
        });
      }
      const visibleSource = await this.transitions.lock(m, caseId, actor);
      const sensitivity = stricterSensitivity(target.sensitivity, visibleSource.sensitivity);
      const sensitivityRaised = sensitivity === target.sensitivity ? null : { from: target.sensitivity, to: sensitivity };
      const { case: source, result: moved } = await this.transitions.apply(
        {
          caseId,
          actor,
          type: 'MERGED',
          to: 'MERGED',
          from: BEFORE_AGENCY_WORK,
          payload: { intoCaseId, intoCaseCode: target.code, sensitivityRaised },
          expectedVersion,
        },
        async (mm, src) => {
          // TypeORM answers an UPDATE with [rows, affected].
          const [rows]: [Array<{ id: string }>, number] = await mm.query(`UPDATE concern SET case_id = $2 WHERE case_id = $1 RETURNING id`, [
            src.id,
            target.id,
          ]);
          await this.cases.mergeInto(mm, src.id, target.id, sensitivity);
          await this.assignments.cancelOpen(mm, src.id);
          return { concernIds: rows.map((r) => r.id), concernCount: src.concernCount };
        },
        m,
      );
      await this.transitions.appendEvent(m, {
        caseId: target.id,
        type: 'MERGE_RECEIVED',
        from: target.status,
        to: target.status,
        actorId: actor.id,
        payload: { fromCaseId: source.id, fromCaseCode: source.code, concernIds: moved.concernIds, sensitivityRaised },
      });
      return { mergedCaseId: source.id, intoCaseId: target.id, movedConcerns: moved.concernIds.length, sensitivity };
    });
  }

  /**
   * Open cases on the same issue: overlap of the duplicate-detection tokens (syllables and
   * syllable pairs, so diacritics and word order do not matter; Jaccard index), weighted up for
   * the same area and category, recent first among equals. The GIN index finds the candidates.
   */
  async similar(caseId: string, user: AuthUser, limit = 10) {
    const p = new Params();
    const id = p.add(caseId);
    const rows = await this.db.query(
      `WITH me AS (SELECT id, similarity_tokens AS tokens, area_id, category_id FROM cases WHERE id = ${id}),
       candidates AS (
         SELECT c.*, (SELECT count(*) FROM unnest(c.similarity_tokens) t WHERE t = ANY(me.tokens)) AS shared,
                cardinality(c.similarity_tokens) + cardinality(me.tokens) AS total, me.area_id AS my_area, me.category_id AS my_category
           FROM me JOIN cases c ON c.id <> me.id AND c.similarity_tokens && me.tokens
          WHERE c.status NOT IN ('CLOSED', 'REJECTED', 'MERGED') AND c.created_at > now() - interval '365 days')
       SELECT c.id, c.code, c.title, c.status, c.created_at AS "createdAt", c.concern_count AS "concernCount",
              ar.code AS "areaCode", cat.code AS "categoryCode", s.text_similarity AS "textSimilarity", s.score
         FROM candidates c
         JOIN area ar ON ar.id = c.area_id LEFT JOIN category cat ON cat.id = c.category_id
         CROSS JOIN LATERAL (SELECT round((c.shared::numeric / NULLIF(c.total - c.shared, 0)), 3)::float AS text_similarity) j
         CROSS JOIN LATERAL (SELECT j.text_similarity,
                round((j.text_similarity + CASE WHEN c.area_id = c.my_area THEN 0.15 ELSE 0 END
                       + CASE WHEN c.category_id = c.my_category THEN 0.10 ELSE 0 END)::numeric, 3)::float AS score) s
        WHERE s.score >= 0.2 AND s.text_similarity >= 0.05 AND ${visibilityCondition(user, p.add)}
        ORDER BY s.score DESC, c.created_at DESC
        LIMIT ${p.add(limit)}`,
      p.values,
    );
    return { items: rows };
  }
}

/** The payload part naming the attachments an action used (none: the payload stays as it was). */
export function attached(attachmentIds: string[] | undefined): { attachmentIds?: string[] } {
  return attachmentIds?.length ? { attachmentIds } : {};
}
