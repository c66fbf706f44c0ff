import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, FieldError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import { isUniqueViolation } from '../organisation/organisation.service.js';
import { CreateAnnualPlanDto, CreateProgrammeDto, UpdateAnnualPlanDto, UpdateProgrammeDto } from './dto/programme.dto.js';

const PROGRAMME_SELECT = `SELECT p.id, p.code, p.title_vi AS "titleVi", p.title_en AS "titleEn", p.period_start::text AS "periodStart",
       p.period_end::text AS "periodEnd", p.acknowledge_days AS "acknowledgeDays", p.resolve_days AS "resolveDays", p.active,
       ARRAY(SELECT u.code FROM org_unit u WHERE u.id = ANY(p.party_unit_ids) ORDER BY u.code) AS "partyCodes",
       ARRAY(SELECT c.code FROM category c WHERE c.id = ANY(p.category_ids) ORDER BY c.code) AS "categoryCodes",
       COALESCE((SELECT json_agg(json_build_object('id', a.id, 'code', a.code, 'year', a.year, 'signedOn', a.signed_on, 'notes', a.notes) ORDER BY a.year)
                   FROM annual_plan a WHERE a.programme_id = p.id), '[]') AS "annualPlans"
  FROM coordination_programme p`;

/** Coordination programmes (parties, period, categories, agreed deadlines) and their annual plans. */
@Injectable()
export class ProgrammesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  list() {
    return this.db.query(`${PROGRAMME_SELECT} ORDER BY p.period_start DESC, p.code`);
  }

  /** Changes a programme in place (its code stays: rules and policies name it). */
  async update(code: string, dto: UpdateProgrammeDto, actorId: string) {
    return this.db.transaction(async (m) => {
      const [before] = await m.query(`${PROGRAMME_SELECT} WHERE p.code = $1 FOR UPDATE OF p`, [code]);
      if (!before) throw DomainError.notFound('Programme', code);
      const periodStart = dto.periodStart ?? before.periodStart;
      const periodEnd = dto.periodEnd ?? before.periodEnd;
      if (periodEnd < periodStart) throw DomainError.validation([{ field: 'periodEnd', message: 'must not be before periodStart' }]);
      const errors: FieldError[] = [];
      const partyIds = dto.partyCodes ? await this.ids('org_unit', dto.partyCodes, 'partyCodes', errors) : null;
      const categoryIds = dto.categoryCodes ? await this.ids('category', dto.categoryCodes, 'categoryCodes', errors) : null;
      if (errors.length) throw DomainError.validation(errors);
      await m.query(
        `UPDATE coordination_programme SET title_vi = COALESCE($2, title_vi), title_en = COALESCE($3, title_en), period_start = $4, period_end = $5,
                party_unit_ids = COALESCE($6, party_unit_ids), category_ids = COALESCE($7, category_ids),
                acknowledge_days = CASE WHEN $8 THEN $9 ELSE acknowledge_days END, resolve_days = CASE WHEN $10 THEN $11 ELSE resolve_days END,
                active = COALESCE($12, active), updated_at = now()
          WHERE id = $1`,
        [
          before.id,
          dto.titleVi ?? null,
          dto.titleEn ?? null,
          periodStart,
          periodEnd,
          partyIds,
          categoryIds,
          dto.acknowledgeDays !== undefined,
          dto.acknowledgeDays ?? null,
          dto.resolveDays !== undefined,
          dto.resolveDays ?? null,
          dto.active ?? null,
        ],
      );
      const [after] = await m.query(`${PROGRAMME_SELECT} WHERE p.id = $1`, [before.id]);
      await this.audit.record(m, { actorId, action: 'PROGRAMME_UPDATED', entityType: 'coordination_programme', entityId: before.id, before, after });
      return after;
    });
  }

  /** Changes the annual plan of a year (its code, when signed, notes). */
  async updatePlan(programmeCode: string, year: number, dto: UpdateAnnualPlanDto, actorId: string) {
    return this.db.transaction(async (m) => {
      const [before] = await m.query(
        `SELECT a.id, a.code, a.year, a.signed_on::text AS "signedOn", a.notes FROM annual_plan a JOIN coordination_programme p ON p.id = a.programme_id
          WHERE p.code = $1 AND a.year = $2 FOR UPDATE OF a`,
        [programmeCode, year],
      );
      if (!before) throw DomainError.notFound('Annual plan', `${programmeCode} ${year}`);
      const after = {
        ...before,
        ...(dto.code !== undefined ? { code: dto.code } : {}),
        ...(dto.signedOn !== undefined ? { signedOn: dto.signedOn } : {}),
        ...(dto.notes !== undefined ? { notes: dto.notes } : {}),
      };
      await m.query(`UPDATE annual_plan SET code = $2, signed_on = $3, notes = $4 WHERE id = $1`, [before.id, after.code, after.signedOn, after.notes]);
      await this.audit.record(m, { actorId, action: 'ANNUAL_PLAN_UPDATED', entityType: 'annual_plan', entityId: before.id, before, after });
      return { programmeCode, ...after };
    });
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
