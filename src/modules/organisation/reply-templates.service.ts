import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AuditService } from '../audit/audit.service.js';
import type { AdminReplyTemplateQueryDto, CreateReplyTemplateDto, ReplyTemplateQueryDto, UpdateReplyTemplateDto } from './dto/reply-template.dto.js';
import type { ReplyTemplatePurpose } from './entities/reply-template.entity.js';

export interface ReplyTemplateView {
  id: string;
  categoryId: string | null;
  categoryCode: string | null;
  category: { code: string; labelVi: string; labelEn: string } | null;
  purpose: ReplyTemplatePurpose;
  title: string;
  body: string;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const SELECT = `SELECT t.id, t.category_id AS "categoryId", c.code AS "categoryCode", c.label_vi AS "labelVi", c.label_en AS "labelEn",
                       t.purpose, t.title, t.body, t.active, t.created_at AS "createdAt", t.updated_at AS "updatedAt"
                  FROM reply_template t LEFT JOIN category c ON c.id = t.category_id`;

type Row = Omit<ReplyTemplateView, 'category'> & { labelVi: string | null; labelEn: string | null };
const view = ({ labelVi, labelEn, ...r }: Row): ReplyTemplateView => ({
  ...r,
  category: r.categoryCode ? { code: r.categoryCode, labelVi: labelVi ?? '', labelEn: labelEn ?? '' } : null,
});

/**
 * Reply templates per category (the only writer of `reply_template`; the organisation module owns
 * the categories they hang on). Admins keep them, every change with an audit row; the roles that
 * answer or ask (agencies, the desk, leaders) read the active ones. Templates are never deleted.
 */
@Injectable()
export class ReplyTemplatesService {
  constructor(
    private readonly db: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Active templates for a case: its category's first, then those for any category. */
  async forUse(q: ReplyTemplateQueryDto): Promise<{ items: ReplyTemplateView[] }> {
    const categoryId = await this.categoryFilter(q);
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE t.active AND ($1::text IS NULL OR t.purpose = $1)
          AND (t.category_id IS NULL OR ($2::boolean AND t.category_id = $3::uuid))
        ORDER BY t.category_id IS NULL, t.title, t.id`,
      [q.purpose ?? null, categoryId !== null, categoryId],
    );
    return { items: rows.map(view) };
  }

  async list(q: AdminReplyTemplateQueryDto): Promise<{ items: ReplyTemplateView[] }> {
    const categoryId = await this.categoryFilter(q);
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE ($1::text IS NULL OR t.purpose = $1) AND ($2::uuid IS NULL OR t.category_id = $2) AND ($3::boolean IS NULL OR t.active = $3)
        ORDER BY t.purpose, c.code NULLS FIRST, t.title, t.id`,
      [q.purpose ?? null, categoryId, q.active ?? null],
    );
    return { items: rows.map(view) };
  }

  async create(dto: CreateReplyTemplateDto, actorId: string): Promise<ReplyTemplateView> {
    return this.db.transaction(async (m) => {
      const categoryId = dto.categoryCode ? await this.categoryId(m, dto.categoryCode) : null;
      const [row] = await m.query(`INSERT INTO reply_template (category_id, purpose, title, body, active) VALUES ($1, $2, $3, $4, $5) RETURNING id`, [
        categoryId,
        dto.purpose,
        dto.title,
        dto.body,
        dto.active ?? true,
      ]);
      const created = await this.one(m, row.id);
      await this.audit.record(m, { actorId, action: 'REPLY_TEMPLATE_CREATED', entityType: 'reply_template', entityId: row.id, after: created });
      return created;
    });
  }

  async update(id: string, dto: UpdateReplyTemplateDto, actorId: string): Promise<ReplyTemplateView> {
    return this.db.transaction(async (m) => {
      const [locked] = await m.query(`SELECT id FROM reply_template WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw DomainError.notFound('Reply template', id);
      const before = await this.one(m, id);
      const sets: string[] = [];
      const values: unknown[] = [id];
      const set = (column: string, value: unknown) => {
        values.push(value);
        sets.push(`${column} = $${values.length}`);
      };
      if (dto.categoryCode !== undefined) set('category_id', dto.categoryCode === null ? null : await this.categoryId(m, dto.categoryCode));
      if (dto.purpose !== undefined) set('purpose', dto.purpose);
      if (dto.title !== undefined) set('title', dto.title);
      if (dto.body !== undefined) set('body', dto.body);
      if (dto.active !== undefined) set('active', dto.active);
      if (!sets.length) return before;
      await m.query(`UPDATE reply_template SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, values);
      const after = await this.one(m, id);
      await this.audit.record(m, { actorId, action: 'REPLY_TEMPLATE_UPDATED', entityType: 'reply_template', entityId: id, before, after });
      return after;
    });
  }

  private async one(m: EntityManager, id: string): Promise<ReplyTemplateView> {
    const [row]: Row[] = await m.query(`${SELECT} WHERE t.id = $1`, [id]);
    return view(row);
  }

  private async categoryId(m: EntityManager, code: string): Promise<string> {
    const [c] = await m.query(`SELECT id FROM category WHERE code = $1`, [code]);
    if (!c) throw DomainError.validation([{ field: 'categoryCode', message: `unknown category ${code}` }]);
    return c.id;
  }

  /** The category a query names (by id or code); an unknown code names no category, so only the "any" templates match. */
  private async categoryFilter(q: ReplyTemplateQueryDto): Promise<string | null> {
    if (q.categoryId) return q.categoryId;
    if (!q.category) return null;
    const [c] = await this.db.query(`SELECT id FROM category WHERE code = $1`, [q.category]);
    return c?.id ?? '00000000-0000-0000-0000-000000000000';
  }
}
