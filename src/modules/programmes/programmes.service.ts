import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../organisation/organisation.service.js';
import { CreateAnnualPlanDto, CreateProgrammeDto } from './dto/programme.dto.js';

/** Coordination programmes (parties, period, categories, agreed deadlines) and their annual plans. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.db.query(
      `SELECT p.id, p.code, p.title_vi AS "titleVi", p.title_en AS "titleEn", p.period_start::text AS "periodStart",
              p.period_end::text AS "periodEnd", p.acknowledge_days AS "acknowledgeDays", p.resolve_days AS "resolveDays", p.active,
              ARRAY(SELECT u.code FROM org_unit u WHERE u.id = ANY(p.party_unit_ids) ORDER BY u.code) AS "partyCodes",
              ARRAY(SELECT c.code FROM category c WHERE c.id = ANY(p.category_ids) ORDER BY c.code) AS "categoryCodes",
              COALESCE((SELECT json_agg(json_build_object('code', a.code, 'year', a.year, 'signedOn', a.signed_on, 'notes', a.notes) ORDER BY a.year)
                          FROM annual_plan a WHERE a.programme_id = p.id), '[]') AS "annualPlans"
         FROM coordination_programme p ORDER BY p.period_start DESC, p.code`,
    );
  }

  async create(dto: CreateProgrammeDto, actorId: string) {
    if (dto.periodEnd < dto.periodStart) throw DomainError.validation([{ field: 'periodEnd', message: 'must not be before periodStart' }]);
    const errors: FieldError[] = [];
    const partyIds = await this.ids('org_unit', dto.partyCodes, 'partyCodes', errors);
    const categoryIds = await this.ids('category', dto.categoryCodes ?? [], 'categoryCodes', errors);
    if (errors.length) throw DomainError.validation(errors);
    try {
      return await this.db.transaction(async (m) => {
        const [row] = await m.query(
          `INSERT INTO coordination_programme (code, title_vi, title_en, period_start, period_end, party_unit_ids, category_ids, acknowledge_days, resolve_days)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
          [dto.code, dto.titleVi, dto.titleEn, dto.periodStart, dto.periodEnd, partyIds, categoryIds, dto.acknowledgeDays ?? null, dto.resolveDays ?? null],
        );
        await this.audit.record(m, { actorId, action: 'PROGRAMME_CREATED', entityType: 'coordination_programme', entityId: row.id, after: dto });
        return { id: row.id, ...dto };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('CODE_TAKEN', `A programme with code ${dto.code} already exists`);
      throw e;
    }
  }

  async addPlan(programmeCode: string, dto: CreateAnnualPlanDto, actorId: string) {
    const [p] = await this.db.query(`SELECT id FROM coordination_programme WHERE code = $1`, [programmeCode]);
    if (!p) throw DomainError.notFound('Programme', programmeCode);
    try {
      return await this.db.transaction(async (m) => {
        const [row] = await m.query(`INSERT INTO annual_plan (programme_id, code, year, signed_on, notes) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
          p.id,
          dto.code,
          dto.year,
          dto.signedOn ?? null,
          dto.notes ?? null,
        ]);
        await this.audit.record(m, { actorId, action: 'ANNUAL_PLAN_CREATED', entityType: 'annual_plan', entityId: row.id, after: { programmeCode, ...dto } });
        return { id: row.id, programmeCode, ...dto };
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('PLAN_EXISTS', `Programme ${programmeCode} already has a plan for ${dto.year}`);
      throw e;
    }
  }

  private async ids(table: 'org_unit' | 'category', codes: string[], field: string, errors: FieldError[]): Promise<string[]> {
    if (!codes.length) return [];
    const rows: Array<{ id: string; code: string }> = await this.db.query(`SELECT id, code FROM ${table} WHERE code = ANY($1)`, [codes]);
    const missing = codes.filter((c) => !rows.some((r) => r.code === c));
    if (missing.length) errors.push({ field, message: `unknown codes: ${missing.join(', ')}` });
    return rows.map((r) => r.id);
  }
}
