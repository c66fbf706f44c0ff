import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../organisation/organisation.service.js';
import { CreateRoutingRuleDto, UpdateRoutingRuleDto } from './dto/routing.dto.js';

const RULE_SELECT = `SELECT r.id, c.code AS "categoryCode", r.level, u.code AS "orgUnitCode", r.role, r.rank, p.code AS "programmeCode"
  FROM routing_rule r JOIN category c ON c.id = r.category_id JOIN org_unit u ON u.id = r.org_unit_id
  LEFT JOIN coordination_programme p ON p.id = r.programme_id`;

/** Admin upkeep of routing rules (category × level → agency), each change audited. */
@Injectable()
export class RoutingRulesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.db.query(`${RULE_SELECT} ORDER BY c.code, r.level, r.rank`);
  }

  async create(dto: CreateRoutingRuleDto, actorId: string) {
    const [ids] = await this.db.query(
      `SELECT (SELECT id FROM category WHERE code = $1) AS category, (SELECT id FROM org_unit WHERE code = $2) AS unit,
              (SELECT id FROM coordination_programme WHERE code = $3) AS programme`,
      [dto.categoryCode, dto.orgUnitCode, dto.programmeCode ?? null],
    );
    const errors: FieldError[] = [];
    if (!ids.category) errors.push({ field: 'categoryCode', message: `unknown category code ${dto.categoryCode}` });
    if (!ids.unit) errors.push({ field: 'orgUnitCode', message: `unknown org unit ${dto.orgUnitCode}` });
    if (dto.programmeCode && !ids.programme) errors.push({ field: 'programmeCode', message: `unknown programme ${dto.programmeCode}` });
    if (errors.length) throw DomainError.validation(errors);
    try {
      return await this.db.transaction(async (m) => {
        const [row] = await m.query(
          `INSERT INTO routing_rule (category_id, level, org_unit_id, role, rank, programme_id) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
          [ids.category, dto.level, ids.unit, dto.role ?? 'LEAD', dto.rank ?? 0, ids.programme],
        );
        await this.audit.record(m, { actorId, action: 'ROUTING_RULE_CREATED', entityType: 'routing_rule', entityId: row.id, after: dto });
        return { id: row.id, ...dto, role: dto.role ?? 'LEAD', rank: dto.rank ?? 0 };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('RULE_EXISTS', 'A rule for this category, level and unit already exists');
      throw e;
    }
  }

  /** Changes a rule in place (its id, and so its history, stays); the same checks as a new rule. */
  async update(id: string, dto: UpdateRoutingRuleDto, actorId: string) {
    try {
      return await this.db.transaction(async (m) => {
        const [before] = await m.query(`${RULE_SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [id]);
        if (!before) throw DomainError.notFound('Routing rule', id);
        const [ids] = await m.query(
          `SELECT (SELECT id FROM category WHERE code = $1) AS category, (SELECT id FROM org_unit WHERE code = $2) AS unit,
                  (SELECT id FROM coordination_programme WHERE code = $3) AS programme`,
          [
            dto.categoryCode ?? before.categoryCode,
            dto.orgUnitCode ?? before.orgUnitCode,
            dto.programmeCode === undefined ? before.programmeCode : dto.programmeCode,
          ],
        );
        const errors: FieldError[] = [];
        if (dto.categoryCode !== undefined && !ids.category) errors.push({ field: 'categoryCode', message: `unknown category code ${dto.categoryCode}` });
        if (dto.orgUnitCode !== undefined && !ids.unit) errors.push({ field: 'orgUnitCode', message: `unknown org unit ${dto.orgUnitCode}` });
        if (dto.programmeCode && !ids.programme) errors.push({ field: 'programmeCode', message: `unknown programme ${dto.programmeCode}` });
        if (errors.length) throw DomainError.validation(errors);
        await m.query(`UPDATE routing_rule SET category_id = $2, level = $3, org_unit_id = $4, role = $5, rank = $6, programme_id = $7 WHERE id = $1`, [
          id,
          ids.category,
          dto.level ?? before.level,
          ids.unit,
          dto.role ?? before.role,
          dto.rank ?? before.rank,
          ids.programme,
        ]);
        const [after] = await m.query(`${RULE_SELECT} WHERE r.id = $1`, [id]);
        await this.audit.record(m, { actorId, action: 'ROUTING_RULE_UPDATED', entityType: 'routing_rule', entityId: id, before, after });
        return after;
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('RULE_EXISTS', 'A rule for this category, level and unit already exists');
      throw e;
    }
  }

  async remove(id: string, actorId: string) {
    await this.db.transaction(async (m) => {
      // TypeORM answers a DELETE with [rows, affected].
      const [[row]] = await m.query(`DELETE FROM routing_rule WHERE id = $1 RETURNING id, category_id, level, org_unit_id, role, rank`, [id]);
      if (!row) throw DomainError.notFound('Routing rule', id);
      await this.audit.record(m, { actorId, action: 'ROUTING_RULE_DELETED', entityType: 'routing_rule', entityId: id, before: row });
    });
  }
}
