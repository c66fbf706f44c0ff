import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError, Repository } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import {
  AreaQueryDto,
  CreateAreaDto,
  CreateCategoryDto,
  CreateOrgUnitDto,
  OrgUnitQueryDto,
  UpdateCategoryDto,
  UpdateOrgUnitDto,
} from './dto/organisation.dto.js';
import { Area } from './entities/area.entity.js';
import { Category } from './entities/category.entity.js';
import { OrgUnit } from './entities/org-unit.entity.js';
import { ReferenceCache } from './reference-cache.service.js';

export function isUniqueViolation(e: unknown): boolean {
  return e instanceof QueryFailedError && (e as QueryFailedError & { driverError?: { code?: string } }).driverError?.code === '23505';
}

/** Reference data: areas, org units (a tree of bodies) and categories. Every admin change is audited. */
@Injectable()
export class OrganisationService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(Area) private readonly areas: Repository<Area>,
    @InjectRepository(OrgUnit) private readonly units: Repository<OrgUnit>,
    @InjectRepository(Category) private readonly categories: Repository<Category>,
    private readonly audit: AuditService,
    private readonly cache: ReferenceCache,
  ) {}

  async listAreas(q: AreaQueryDto) {
    const rows = await this.db.query(
      `SELECT a.id, a.code, p.code AS "parentCode", a.level, a.name_vi AS "nameVi", a.name_en AS "nameEn", a.active
         FROM area a LEFT JOIN area p ON p.id = a.parent_id
        WHERE ($1::text IS NULL OR a.level = $1) ORDER BY a.code`,
      [q.level ?? null],
    );
    return rows;
  }

  async listCategories() {
    return this.categories.find({ order: { code: 'ASC' }, select: { id: true, code: true, labelVi: true, labelEn: true, sensitive: true, active: true } });
  }

  async listOrgUnits(q: OrgUnitQueryDto) {
    return this.db.query(
      `SELECT u.id, u.code, p.code AS "parentCode", u.kind, u.level, a.code AS "areaCode",
              u.name_vi AS "nameVi", u.name_en AS "nameEn", u.emails, u.head_emails AS "headEmails", u.active,
              u.document_symbol AS "documentSymbol", u.superior_body AS "superiorBody", u.letterhead_name AS "letterheadName",
              u.document_place AS "documentPlace", u.default_signer_id AS "defaultSignerId"
         FROM org_unit u LEFT JOIN org_unit p ON p.id = u.parent_id LEFT JOIN area a ON a.id = u.area_id
        WHERE ($1::text IS NULL OR u.kind = $1) AND ($2::text IS NULL OR u.level = $2)
        ORDER BY u.parent_id NULLS FIRST, u.code`,
      [q.kind ?? null, q.level ?? null],
    );
  }

  async createArea(dto: CreateAreaDto, actorId: string) {
    return this.write(async (m) => {
      const parentId = dto.parentCode ? await this.requireId(m, Area, dto.parentCode, 'parentCode') : null;
      const area = await m.save(Area, m.create(Area, { code: dto.code, parentId, level: dto.level, nameVi: dto.nameVi, nameEn: dto.nameEn }));
      await this.audit.record(m, { actorId, action: 'AREA_CREATED', entityType: 'area', entityId: area.id, after: area });
      return area;
    });
  }

  async createOrgUnit(dto: CreateOrgUnitDto, actorId: string) {
    return this.write(async (m) => {
      const parentId = dto.parentCode ? await this.requireId(m, OrgUnit, dto.parentCode, 'parentCode') : null;
      const areaId = dto.areaCode ? await this.requireId(m, Area, dto.areaCode, 'areaCode') : null;
      const unit = await m.save(
        OrgUnit,
        m.create(OrgUnit, {
          code: dto.code,
          parentId,
          areaId,
          kind: dto.kind,
          level: dto.level,
          nameVi: dto.nameVi,
          nameEn: dto.nameEn,
          emails: normaliseEmails(dto.emails),
          headEmails: normaliseEmails(dto.headEmails),
          ...profile(dto),
        }),
      );
      if (unit.defaultSignerId) await this.assertSigner(m, unit.defaultSignerId, unit.id);
      await this.audit.record(m, { actorId, action: 'ORG_UNIT_CREATED', entityType: 'org_unit', entityId: unit.id, after: unit });
      return unit;
    });
  }

  async updateOrgUnit(code: string, dto: UpdateOrgUnitDto, actorId: string) {
    return this.write(async (m) => {
      const unit = await m.findOne(OrgUnit, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!unit) throw DomainError.notFound('Org unit', code);
      const before = { ...unit };
      if (dto.parentCode !== undefined) {
        unit.parentId = dto.parentCode ? await this.requireId(m, OrgUnit, dto.parentCode, 'parentCode') : null;
        if (unit.parentId && (await this.isDescendantOrSelf(m, unit.parentId, unit.id))) {
          throw DomainError.validation([{ field: 'parentCode', message: 'would make the org unit its own ancestor' }]);
        }
      }
      if (dto.areaCode !== undefined) unit.areaId = dto.areaCode ? await this.requireId(m, Area, dto.areaCode, 'areaCode') : null;
      if (dto.emails !== undefined) unit.emails = normaliseEmails(dto.emails);
      if (dto.headEmails !== undefined) unit.headEmails = normaliseEmails(dto.headEmails);
      for (const key of ['code', 'kind', 'level', 'nameVi', 'nameEn', 'active'] as const) {
        if (dto[key] !== undefined) (unit as unknown as Record<string, unknown>)[key] = dto[key];
      }
      Object.assign(unit, profile(dto));
      if (dto.defaultSignerId) await this.assertSigner(m, dto.defaultSignerId, unit.id);
      const saved = await m.save(OrgUnit, unit);
      await this.audit.record(m, { actorId, action: 'ORG_UNIT_UPDATED', entityType: 'org_unit', entityId: unit.id, before, after: saved });
      return saved;
    });
  }

  async createCategory(dto: CreateCategoryDto, actorId: string) {
    return this.write(async (m) => {
      const category = await m.save(Category, m.create(Category, { ...dto, sensitive: dto.sensitive ?? false }));
      await this.audit.record(m, { actorId, action: 'CATEGORY_CREATED', entityType: 'category', entityId: category.id, after: category });
      return category;
    });
  }

  async updateCategory(code: string, dto: UpdateCategoryDto, actorId: string) {
    return this.write(async (m) => {
      const category = await m.findOne(Category, { where: { code }, lock: { mode: 'pessimistic_write' } });
      if (!category) throw DomainError.notFound('Category', code);
      const before = { ...category };
      Object.assign(category, Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)));
      const saved = await m.save(Category, category);
      await this.audit.record(m, { actorId, action: 'CATEGORY_UPDATED', entityType: 'category', entityId: category.id, before, after: saved });
      return saved;
    });
  }

  /** One transaction per admin write; a duplicate code becomes 409 and the reference cache is refreshed. */
  private async write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    try {
      const result = await this.db.transaction(work);
      this.cache.invalidate();
      return result;
    } catch (e) {
      if (isUniqueViolation(e)) throw DomainError.conflict('CODE_TAKEN', 'Another record already uses this code');
      throw e;
    }
  }

  /** A default signer is an active user of the unit itself: who signs for a body belongs to it. */
  private async assertSigner(m: EntityManager, userId: string, unitId: string) {
    const [user] = await m.query(`SELECT 1 FROM app_user WHERE id = $1 AND org_unit_id = $2 AND active`, [userId, unitId]);
    if (!user) throw DomainError.validation([{ field: 'defaultSignerId', message: 'is not an active user of this org unit' }]);
  }

  private async requireId(m: EntityManager, entity: typeof Area | typeof OrgUnit, code: string, field: string): Promise<string> {
    const row = await m.findOne(entity as typeof Area, { where: { code }, select: { id: true } });
    if (!row) throw DomainError.validation([{ field, message: `unknown code ${code}` }]);
    return row.id;
  }

  private async isDescendantOrSelf(m: EntityManager, candidateId: string, rootId: string): Promise<boolean> {
    const rows = await m.query(
      `WITH RECURSIVE up(id, parent_id) AS (
         SELECT id, parent_id FROM org_unit WHERE id = $1
         UNION SELECT o.id, o.parent_id FROM org_unit o JOIN up ON o.id = up.parent_id)
       SELECT 1 FROM up WHERE id = $2 LIMIT 1`,
      [candidateId, rootId],
    );
    return rows.length > 0;
  }
}

const PROFILE_FIELDS = ['documentSymbol', 'superiorBody', 'letterheadName', 'documentPlace', 'defaultSignerId'] as const;

/** The issuing-unit profile fields the DTO gives (null clears one, left out keeps it). */
function profile(dto: CreateOrgUnitDto | UpdateOrgUnitDto): Partial<Pick<OrgUnit, (typeof PROFILE_FIELDS)[number]>> {
  return Object.fromEntries(PROFILE_FIELDS.filter((k) => dto[k] !== undefined).map((k) => [k, dto[k] ?? null]));
}

function normaliseEmails(emails: string[] | undefined): string[] {
  return [...new Set((emails ?? []).map((e) => e.trim().toLowerCase()))];
}
