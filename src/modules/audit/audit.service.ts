import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';

export interface AuditEntry {
  actorId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: object | null;
  after?: object | null;
}

const SECRET_FIELDS = new Set(['passwordHash', 'password']);

function scrub(value: object | null | undefined): Record<string, unknown> | null {
  if (!value) return null;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !SECRET_FIELDS.has(k)));
}

/** Writes audit rows inside the caller's transaction, so a change and its audit commit together. */
@Injectable()
export class AuditService {
  constructor(private readonly db: DataSource) {}

  async record(manager: EntityManager, entry: AuditEntry): Promise<void> {
    await manager.query(`INSERT INTO audit_log (actor_id, action, entity_type, entity_id, changes) VALUES ($1, $2, $3, $4, $5)`, [
      entry.actorId,
      entry.action,
      entry.entityType,
      entry.entityId,
      JSON.stringify({ before: scrub(entry.before), after: scrub(entry.after) }),
    ]);
  }

  /** One record's history, newest first; the cursor is the id of the last row of the previous page. */
  async history(q: { entityType: string; entityId: string; cursor?: string; limit?: number }) {
    const limit = q.limit ?? 50;
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT l.id, l.action, l.actor_id AS "actorId", u.email AS "actorEmail", u.full_name AS "actorName",
              l.changes->'before' AS before, l.changes->'after' AS after, l.occurred_at AS "occurredAt"
         FROM audit_log l LEFT JOIN app_user u ON u.id = l.actor_id
        WHERE l.entity_type = $1 AND l.entity_id = $2 AND ($3::bigint IS NULL OR l.id < $3::bigint)
        ORDER BY l.id DESC LIMIT $4`,
      [q.entityType, q.entityId, q.cursor ? decodeCursor(q.cursor) : null, limit + 1],
    );
    const page = rows.slice(0, limit);
    return {
      items: page,
      nextCursor: rows.length > limit ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null,
    };
  }
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor returned by this API' }]);
  return id;
}
