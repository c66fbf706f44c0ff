import { HttpStatus, Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { AssignmentRepository } from '../cases/assignment.repository.js';
import { Params, UUID, visibilityCondition } from '../cases/case-access.js';
import { attached } from '../cases/case-actions.service.js';
import { CaseTransitions } from '../cases/case-transitions.service.js';
import { CaseRepository } from '../cases/case.repository.js';
import { foldVietnamese } from '../cases/search-text.js';
import { DeadlinesService } from '../deadlines/deadlines.service.js';
import { ForwardingLetters } from '../letters/forwarding-letters.service.js';
import { ReferenceCache } from '../organisation/reference-cache.service.js';
import { deriveCaseStatus } from './case-status.js';
import type { BulkTriageDto, TriageDto } from './dto/routing.dto.js';

/**
 * The triage desk's routing: classify a case and hand it to a lead agency and supporting ones,
 * answer requests for information, and verify the agencies' answers (close or reopen).
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly db: DataSource,
    private readonly transitions: CaseTransitions,
    private readonly refs: ReferenceCache,
    private readonly deadlines: DeadlinesService,
    private readonly cases: CaseRepository,
    private readonly assignments: AssignmentRepository,
    private readonly letters: ForwardingLetters,
  ) {}

  async triage(caseId: string, dto: TriageDto, actor: AuthUser, expectedVersion?: number) {
    const errors: FieldError[] = [];
    const category = await this.refs.category(dto.categoryCode);
    if (!category) errors.push({ field: 'categoryCode', message: `unknown category code ${dto.categoryCode}` });
    const lead = await this.agency(dto.leadAgency, 'leadAgency', errors);
    const supporting: Array<{ id: string; code: string }> = [];
    for (const [i, ref] of (dto.supportingAgencies ?? []).entries()) {
      const unit = await this.agency(ref, `supportingAgencies[${i}]`, errors);
      if (unit && (unit.id === lead?.id || supporting.some((s) => s.id === unit.id))) {
        errors.push({ field: `supportingAgencies[${i}]`, message: 'is already assigned to this case' });
      } else if (unit) supporting.push(unit);
    }
    if (errors.length) throw DomainError.validation(errors);

    return this.transitions.inTransaction(async (m) => {
      await this.transitions.lock(m, caseId, actor);
      await this.transitions.apply(
        {
          caseId,
          actor,
          type: 'TRIAGED',
          to: 'TRIAGED',
          from: ['NEW', 'TRIAGED', 'RETURNED'],
          expectedVersion,
          payload: { categoryCode: dto.categoryCode, priority: dto.priority, sensitivity: dto.sensitivity, summary: dto.summary ?? null },
        },
        async (mm) => {
          await this.cases.classify(mm, caseId, {
            categoryId: category!.id,
            priority: dto.priority,
            sensitivity: dto.sensitivity,
            summary: dto.summary ?? null,
            foldedSummary: dto.summary ? foldVietnamese(dto.summary) : '',
          });
          // A re-route replaces whatever agencies still held the case.
          await this.assignments.cancelOpen(mm, caseId);
        },
        m,
      );
      const ids: string[] = [];
      for (const [unit, role] of [[lead!, 'LEAD'], ...supporting.map((s) => [s, 'SUPPORT'] as const)] as const) {
        ids.push(await this.assignments.create(m, caseId, unit.id, role));
      }
      await this.deadlines.assignDeadlines(m, caseId, ids);
      // The forwarding letter goes with the routing: its number is taken in this transaction, and the
      // ASSIGNED event names it (the timeline says which letter went; the notice carries it).
      const letter = await this.letters.issueForwardingLetter(m, { caseId, assignmentIds: ids, actor, signerId: dto.signerId }, async (l) => {
        await this.transitions.apply(
          {
            caseId,
            actor,
            type: 'ASSIGNED',
            to: 'ASSIGNED',
            payload: { lead: lead!.code, supporting: supporting.map((s) => s.code), assignmentIds: ids, letterId: l.id, letterNumber: l.numberText },
          },
          undefined,
          m,
        );
      });
      return { assignmentIds: ids, letter };
    });
  }

  /**
   * One case of a bulk routing: the classification the request leaves out is the case's own. Each
   * case is routed in its own transaction, with its own forwarding letter.
   */
  async triageWithDefaults(caseId: string, dto: BulkTriageDto, actor: AuthUser) {
    const p = new Params();
    const [own] = UUID.test(caseId)
      ? await this.db.query(
          `SELECT cat.code AS "categoryCode", c.priority, c.sensitivity FROM cases c LEFT JOIN category cat ON cat.id = c.category_id
            WHERE c.id = ${p.add(caseId)} AND ${visibilityCondition(actor, p.add)}`,
          p.values,
        )
      : [];
    // An unknown case and one the caller may not see get the same 404, before anything about it is told.
    if (!own) throw DomainError.notFound('Case', caseId);
    const categoryCode = dto.categoryCode ?? own.categoryCode;
    if (!categoryCode) throw DomainError.validation([{ field: 'categoryCode', message: 'is required: this case has no category yet' }]);
    const { caseIds: _ids, ...rest } = dto;
    await this.triage(caseId, { ...rest, categoryCode, priority: dto.priority ?? own.priority, sensitivity: dto.sensitivity ?? own.sensitivity }, actor);
  }

  /** Agencies suggested for a case: routing rules for its category at the standing body's level, then the area's People's Committee. */
  async suggestedAgencies(caseId: string) {
    const [c] = await this.db.query(
      `SELECT c.category_id, c.area_id, COALESCE(o.level, a.level) AS level
         FROM cases c JOIN area a ON a.id = c.area_id LEFT JOIN org_unit o ON o.id = c.owner_unit_id WHERE c.id = $1`,
      [caseId],
    );
    if (!c) throw DomainError.notFound('Case', caseId);
    return this.db.query(
      `SELECT * FROM (
         SELECT u.code AS "orgUnitCode", u.name_vi AS "nameVi", u.name_en AS "nameEn", u.kind, r.role, r.rank,
                p.code AS "programmeCode", 'RULE' AS source
           FROM routing_rule r JOIN org_unit u ON u.id = r.org_unit_id AND u.active
           LEFT JOIN coordination_programme p ON p.id = r.programme_id
          WHERE r.category_id = $1 AND r.level = $3
         UNION ALL
         SELECT u.code, u.name_vi, u.name_en, u.kind, 'SUPPORT', 1000, NULL, 'AREA'
           FROM org_unit u WHERE u.area_id = $2 AND u.kind = 'PEOPLES_COMMITTEE' AND u.level = 'COMMUNE' AND u.active
       ) s ORDER BY rank, "orgUnitCode"`,
      [c.category_id, c.area_id, c.level],
    );
  }

  /**
   * Answers a request for information. Only the addressee answers: what an agency asked of the
   * standing body, a triager; what the standing body asked of the officer, the officer who logged a
   * concern of the case (visibility already requires that). Anyone else who sees the case gets
   * 403 NOT_ADDRESSEE; someone who does not, 404. The case and the waiting assignments resume where they were.
   */
  async provideInfo(caseId: string, answer: string, actor: AuthUser, expectedVersion?: number) {
    return this.transitions.inTransaction(async (m) => {
      const current = await this.transitions.lock(m, caseId, actor);
      if (current.status === 'NEEDS_INFO') await this.assertAddressee(m, caseId, actor);
      await this.assignments.resumeAfterInfo(m, caseId);
      const assignments = await this.assignmentStates(m, caseId);
      const resumed = current.resumeStatus ?? 'NEW';
      const to = assignments.length ? deriveCaseStatus(resumed, assignments) : resumed;
      await this.transitions.apply({ caseId, actor, type: 'INFO_PROVIDED', to, from: ['NEEDS_INFO'], payload: { answer }, expectedVersion }, undefined, m);
    });
  }

  close(caseId: string, note: string | undefined, actor: AuthUser, expectedVersion?: number, attachmentIds?: string[]) {
    const payload = { note: note ?? null, ...attached(attachmentIds) };
    return this.transitions.apply({ caseId, actor, type: 'CLOSED', to: 'CLOSED', from: ['RESOLVED'], payload, expectedVersion });
  }

  /** The answer is not accepted, or the issue came back: the agencies that answered get it again. */
  reopen(caseId: string, reason: string, actor: AuthUser, expectedVersion?: number, attachmentIds?: string[]) {
    return this.transitions.apply(
      { caseId, actor, type: 'REOPENED', to: 'REOPENED', from: ['RESOLVED', 'CLOSED'], payload: { reason, ...attached(attachmentIds) }, expectedVersion },
      async (m) => {
        const ids = await this.assignments.reopen(m, caseId);
        // A new round: new deadlines from now.
        await this.deadlines.assignDeadlines(m, caseId, ids);
      },
    );
  }

  async assignmentStates(m: EntityManager, caseId: string) {
    return m.query(`SELECT id, role, status, parent_assignment_id AS "parentAssignmentId" FROM assignment WHERE case_id = $1`, [caseId]);
  }

  /** The open request is the case's latest INFO_REQUESTED event; its `askedOf` names who answers. */
  private async assertAddressee(m: EntityManager, caseId: string, actor: AuthUser) {
    const [asked] = await m.query(
      `SELECT payload->>'askedOf' AS "askedOf" FROM case_event WHERE case_id = $1 AND type = 'INFO_REQUESTED' ORDER BY id DESC LIMIT 1`,
      [caseId],
    );
    const addressee = asked?.askedOf === 'officer' ? 'officer' : 'triager';
    if (actor.role !== addressee) {
      throw new DomainError(
        'NOT_ADDRESSEE',
        HttpStatus.FORBIDDEN,
        asked?.askedOf === 'officer'
          ? 'The standing body asked the reporting officer; only the officer answers this request'
          : 'An agency asked the standing body; only the standing body answers this request',
      );
    }
  }

  /** Resolves an org unit by code or id; only receiving bodies can be assigned. */
  private async agency(ref: string, field: string, errors: FieldError[]) {
    const [unit] = await this.db.query(`SELECT id, code, kind FROM org_unit WHERE ${UUID.test(ref) ? 'id = $1::uuid' : 'code = $1'} AND active`, [ref]);
    if (!unit) {
      errors.push({ field, message: `unknown or inactive org unit ${ref}` });
      return undefined;
    }
    if (unit.kind === 'PROPAGANDA_DEPT') {
      errors.push({ field, message: `${unit.code} is a standing body, not a receiving agency` });
      return undefined;
    }
    return unit as { id: string; code: string };
  }
}
