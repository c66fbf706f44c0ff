import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError, type FieldError } from '../../infrastructure/http/domain-error.js';
import { UUID } from '../../infrastructure/http/validators.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import type { SavedViewDto, SavedViewPage } from './dto/saved-view.dto.js';

/** Most views a user keeps; a list of views is a shortcut, not an archive. */
export const MAX_SAVED_VIEWS = 50;
const MAX_KEYS = 20;
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/;

const COLUMNS = `id, page, name, query, created_at AS "createdAt", updated_at AS "updatedAt"`;

/** A user's saved views of the list pages (saved_view): only the owner reads, writes or deletes them. */
@Injectable()
export class SavedViewsService {
  constructor(private readonly db: DataSource) {}

  list(user: AuthUser, page?: SavedViewPage) {
    return this.db.query(
      `SELECT ${COLUMNS} FROM saved_view WHERE user_id = $1 ${page ? 'AND page = $2' : ''} ORDER BY page, lower(name), id`,
      page ? [user.id, page] : [user.id],
    );
  }

  /** Saves a view; one of the same page and name is replaced (`created`: false). */
  async save(user: AuthUser, dto: SavedViewDto): Promise<{ view: unknown; created: boolean }> {
    const query = checkedQuery(dto.query);
    return this.db.transaction(async (m) => {
      // One save at a time per user, so the count below holds.
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('saved_view:' || $1))`, [user.id]);
      const [{ n }] = await m.query(`SELECT count(*)::int AS n FROM saved_view WHERE user_id = $1 AND NOT (page = $2 AND name = $3)`, [
        user.id,
        dto.page,
        dto.name,
      ]);
      if (n >= MAX_SAVED_VIEWS) throw DomainError.conflict('TOO_MANY_SAVED_VIEWS', `A user keeps at most ${MAX_SAVED_VIEWS} saved views; delete one first`);
      const [row] = await m.query(
        `INSERT INTO saved_view (user_id, page, name, query) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, page, name) DO UPDATE SET query = EXCLUDED.query, updated_at = now()
         RETURNING ${COLUMNS}, (xmax = 0) AS created`,
        [user.id, dto.page, dto.name, JSON.stringify(query)],
      );
      const { created, ...view } = row;
      return { view, created };
    });
  }

  async remove(user: AuthUser, id: string): Promise<void> {
    const rows = UUID.test(id)
      ? await this.db.query(`WITH d AS (DELETE FROM saved_view WHERE id = $1 AND user_id = $2 RETURNING id) SELECT id FROM d`, [id, user.id])
      : [];
    // Another user's view is as unknown as none.
    if (!rows.length) throw DomainError.notFound('Saved view', id);
  }
}

/** The query of a view: text values only, a few keys with plain names. */
function checkedQuery(query: Record<string, unknown>): Record<string, string> {
  const errors: FieldError[] = [];
  const entries = Object.entries(query);
  if (entries.length > MAX_KEYS) errors.push({ field: 'query', message: `has at most ${MAX_KEYS} keys` });
  for (const [k, v] of entries) {
    if (!KEY.test(k)) errors.push({ field: `query.${k.slice(0, 40)}`, message: 'is not a query parameter name' });
    else if (typeof v !== 'string' || v.length > 200) errors.push({ field: `query.${k}`, message: 'must be text of up to 200 characters' });
  }
  if (errors.length) throw DomainError.validation(errors);
  return query as Record<string, string>;
}
