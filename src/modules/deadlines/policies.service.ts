import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { CreateDeadlinePolicyDto, UpdateDeadlinePolicyDto } from './dto/deadlines.dto.js';

const POLICY_SELECT = `SELECT p.id, p.priority, c.code AS "categoryCode", g.code AS "programmeCode", p.acknowledge_days AS "acknowledgeDays",
       p.resolve_days AS "resolveDays", p.reminder_fractions AS "reminderFractions", p.remind_day_before AS "remindDayBefore",
       p.escalation_step_days AS "escalationStepDays", p.triage_days AS "triageDays", p.verify_days AS "verifyDays",
       p.directive_reply_days AS "directiveReplyDays", p.pause_on_extension AS "pauseOnExtension"
  FROM deadline_policy p LEFT JOIN category c ON c.id = p.category_id LEFT JOIN coordination_programme g ON g.id = p.programme_id`;

/** Admin upkeep of deadline policies; each change audited. */
@Injectable()
export class PoliciesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.db.query(`${POLICY_SELECT} ORDER BY p.priority, c.code NULLS FIRST, g.code NULLS FIRST`);
  }

  async create(dto: CreateDeadlinePolicyDto, actorId: string) {
    if (dto.resolveDays < dto.acknowledgeDays) throw DomainError.validation([{ field: 'resolveDays', message: 'must not be shorter than acknowledgeDays' }]);
    const [ids] = await this.db.query(
      `SELECT (SELECT id FROM category WHERE code = $1) AS category, (SELECT id FROM coordination_programme WHERE code = $2) AS programme`,
      [dto.categoryCode ?? null, dto.programmeCode ?? null],
    );
    const errors: FieldError[] = [];
    if (dto.categoryCode && !ids.category) errors.push({ field: 'categoryCode', message: `unknown category code ${dto.categoryCode}` });
    if (dto.programmeCode && !ids.programme) errors.push({ field: 'programmeCode', message: `unknown programme ${dto.programmeCode}` });
    if (errors.length) throw DomainError.validation(errors);
    return this.db.transaction(async (m) => {
      const [clash] = await m.query(
        `SELECT id FROM deadline_policy WHERE priority = $1 AND category_id IS NOT DISTINCT FROM $2 AND programme_id IS NOT DISTINCT FROM $3`,
        [dto.priority, ids.category, ids.programme],
      );
      if (clash) throw DomainError.conflict('POLICY_EXISTS', 'A policy for this priority, category and programme already exists; delete it first');
      const [row] = await m.query(
        `INSERT INTO deadline_policy (priority, category_id, programme_id, acknowledge_days, resolve_days, reminder_fractions, remind_day_before, escalation_step_days,
                                      triage_days, verify_days, directive_reply_days, pause_on_extension)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          dto.priority,
          ids.category,
          ids.programme,
          dto.acknowledgeDays,
          dto.resolveDays,
          dto.reminderFractions ?? [0.5, 0.8],
          dto.remindDayBefore ?? true,
          dto.escalationStepDays ?? 2,
          dto.triageDays ?? 1,
          dto.verifyDays ?? 3,
          dto.directiveReplyDays ?? 2,
          dto.pauseOnExtension ?? false,
        ],
      );
      await this.audit.record(m, { actorId, action: 'DEADLINE_POLICY_CREATED', entityType: 'deadline_policy', entityId: row.id, after: dto });
      return { id: row.id, ...dto };
    });
  }

  /**
   * Changes a policy in place (its id and history stay). Open cases keep their clocks until
   * POST /admin/deadlines/recompute, as after a new policy.
   */
  async update(id: string, dto: UpdateDeadlinePolicyDto, actorId: string) {
    return this.db.transaction(async (m) => {
      const [before] = await m.query(`${POLICY_SELECT} WHERE p.id = $1 FOR UPDATE OF p`, [id]);
      if (!before) throw DomainError.notFound('Deadline policy', id);
      const next = { ...before, ...Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) };
      if (next.resolveDays < next.acknowledgeDays)
        throw DomainError.validation([{ field: 'resolveDays', message: 'must not be shorter than acknowledgeDays' }]);
      const [ids] = await m.query(
        `SELECT (SELECT id FROM category WHERE code = $1) AS category, (SELECT id FROM coordination_programme WHERE code = $2) AS programme`,
        [next.categoryCode ?? null, next.programmeCode ?? null],
      );
      const errors: FieldError[] = [];
      if (next.categoryCode && !ids.category) errors.push({ field: 'categoryCode', message: `unknown category code ${next.categoryCode}` });
      if (next.programmeCode && !ids.programme) errors.push({ field: 'programmeCode', message: `unknown programme ${next.programmeCode}` });
      if (errors.length) throw DomainError.validation(errors);
      const [clash] = await m.query(
        `SELECT id FROM deadline_policy WHERE id <> $4 AND priority = $1 AND category_id IS NOT DISTINCT FROM $2 AND programme_id IS NOT DISTINCT FROM $3`,
        [next.priority, ids.category, ids.programme, id],
      );
      if (clash) throw DomainError.conflict('POLICY_EXISTS', 'A policy for this priority, category and programme already exists');
      await m.query(
        `UPDATE deadline_policy SET priority = $2, category_id = $3, programme_id = $4, acknowledge_days = $5, resolve_days = $6, reminder_fractions = $7,
                remind_day_before = $8, escalation_step_days = $9, triage_days = $10, verify_days = $11, directive_reply_days = $12, pause_on_extension = $13
          WHERE id = $1`,
        [
          id,
          next.priority,
          ids.category,
          ids.programme,
          next.acknowledgeDays,
          next.resolveDays,
          next.reminderFractions,
          next.remindDayBefore,
          next.escalationStepDays,
          next.triageDays,
          next.verifyDays,
          next.directiveReplyDays,
          next.pauseOnExtension,
        ],
      );
      const [after] = await m.query(`${POLICY_SELECT} WHERE p.id = $1`, [id]);
      await this.audit.record(m, { actorId, action: 'DEADLINE_POLICY_UPDATED', entityType: 'deadline_policy', entityId: id, before, after });
      return after;
    });
  }

  async remove(id: string, actorId: string) {
    await this.db.transaction(async (m) => {
      const [[row]] = await m.query(`DELETE FROM deadline_policy WHERE id = $1 RETURNING *`, [id]);
      if (!row) throw DomainError.notFound('Deadline policy', id);
      await this.audit.record(m, { actorId, action: 'DEADLINE_POLICY_DELETED', entityType: 'deadline_policy', entityId: id, before: row });
    });
  }
}
