import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import type { AccessAction } from './entities/access-log.entity.js';

/** One read of a case's personal data. */
export interface AccessEntry {
  userId: string;
  role: string;
  caseId: string;
  action: AccessAction;
  requestId?: string | null;
}

export interface AccessLogQuery {
  caseId?: string;
  userId?: string;
  /** A day (YYYY-MM-DD, Vietnam time) or an ISO 8601 instant. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/**
 * The access log's only writer and reader. Other modules call `record` (the case page, exports);
 * a batch of entries is one INSERT, in the caller's transaction when it passes `manager`.
 */
@Injectable()
export class AccessLogService {
  constructor(private readonly db: DataSource) {}

  async record(entries: AccessEntry[], manager?: EntityManager): Promise<void> {
    if (!entries.length) return;
    await (manager ?? this.db).query(
      `INSERT INTO access_log (user_id, role, case_id, action, request_id)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::uuid[], $4::text[], $5::text[])`,
      [
        entries.map((e) => e.userId),
        entries.map((e) => e.role),
        entries.map((e) => e.caseId),
        entries.map((e) => e.action),
        entries.map((e) => e.requestId ?? null),
      ],
    );
  }

  /** Newest first; the cursor is the id of the last row of the previous page. */
  async list(q: AccessLogQuery) {
    const where: string[] = [];
    const values: unknown[] = [];
    const add = (v: unknown) => {
      values.push(v);
      return `$${values.length}`;
    };
    if (q.caseId) where.push(`l.case_id = ${add(q.caseId)}`);
    if (q.userId) where.push(`l.user_id = ${add(q.userId)}`);
    if (q.from) where.push(`l.occurred_at >= ${add(instant(q.from))}::timestamptz`);
    if (q.to) where.push(`l.occurred_at < ${add(instant(q.to))}::timestamptz`);
    if (q.cursor) where.push(`l.id < ${add(decodeCursor(q.cursor))}::bigint`);
    const limit = q.limit ?? 50;
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT l.id, l.user_id AS "userId", u.email AS "userEmail", u.full_name AS "userName", l.role, l.case_id AS "caseId",
              c.code AS "caseCode", l.action, l.request_id AS "requestId", l.occurred_at AS "occurredAt"
         FROM access_log l LEFT JOIN app_user u ON u.id = l.user_id LEFT JOIN cases c ON c.id = l.case_id
        ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY l.id DESC LIMIT ${add(limit + 1)}`,
      values,
    );
    const page = rows.slice(0, limit);
    return {
      items: page,
      nextCursor: rows.length > limit ? Buffer.from(String(page[page.length - 1].id)).toString('base64url') : null,
    };
  }
}

/** A bare day is Vietnam midnight. */
function instant(value: string): string {
  return value.length === 10 ? `${value}T00:00:00+07:00` : value;
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^[1-9][0-9]{0,17}$/.test(id)) throw DomainError.validation([{ field: 'cursor', message: 'is not a cursor returned by this API' }]);
  return id;
}
