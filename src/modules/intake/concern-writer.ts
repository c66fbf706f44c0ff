import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../../infrastructure/database/prepared.js';
import { foldVietnamese, similarityTokens } from '../cases/search-text.js';
import type { Channel } from './intake.types.js';

export interface LoggedConcern {
  id: string;
  caseId: string;
  caseCode: string;
  status: 'NEW';
  receivedAt: string;
}

export interface ConcernInput {
  channel: Channel;
  areaId: string;
  categoryId: string | null;
  /** The suggested category is sensitive: the case opens RESTRICTED. */
  sensitive: boolean;
  title: string;
  description: string;
  occurredAt?: string | null;
  peopleAffected?: number | null;
  reporter?: { name?: string; phone?: string; email?: string } | null;
  actorId: string;
  actorUnitId: string | null;
  /** When it was received; only demo data and imports set it, otherwise the commit time. */
  receivedAt?: Date;
}

/**
 * One statement opens the case, logs the concern and appends the CREATED event: a single
 * round-trip that commits atomically (or joins the caller's transaction).
 */
export const INSERT_CONCERN_SQL = `
WITH t AS (SELECT COALESCE($15::timestamptz, now()) AS at),
c AS (
  INSERT INTO cases (code, status, title, category_id, sensitivity, area_id, owner_unit_id, concern_count,
                     people_affected, search_text, similarity_tokens, created_by_id, created_at, updated_at)
  SELECT 'VV-' || to_char(t.at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('case_code_seq')::text, 6, '0'),
         'NEW', $1, $2, $3, $4, $5, 1, $6, $7, $16, $8, t.at, t.at FROM t
  RETURNING id, code
), k AS (
  INSERT INTO concern (case_id, channel, area_id, category_id, title, description, occurred_at, people_affected,
                       reporter_name, reporter_phone, reporter_email, created_by_id, received_at, created_at)
  SELECT c.id, $9, $4, $2, $1, $10, $11, $6, $12, $13, $14, $8, t.at, t.at FROM c, t
  RETURNING id, case_id, received_at
), e AS (
  INSERT INTO case_event (case_id, type, from_status, to_status, actor_id, payload, occurred_at)
  SELECT k.case_id, 'CREATED', NULL, 'NEW', $8, jsonb_build_object('concernId', k.id, 'channel', $9::text), t.at FROM k, t
)
SELECT k.id, c.id AS "caseId", c.code AS "caseCode", k.received_at AS "receivedAt" FROM c JOIN k ON k.case_id = c.id`;

/** Bind parameters of INSERT_CONCERN_SQL, in order. */
export function insertConcernParams(d: ConcernInput): unknown[] {
  return [
    d.title.trim(),
    d.categoryId,
    d.sensitive ? 'RESTRICTED' : 'PUBLIC',
    d.areaId,
    d.actorUnitId,
    d.peopleAffected ?? null,
    foldVietnamese(`${d.title} ${d.description}`),
    d.actorId,
    d.channel,
    d.description.trim(),
    d.occurredAt ?? null,
    d.reporter?.name?.trim() || null,
    d.reporter?.phone?.trim() || null,
    d.reporter?.email?.trim().toLowerCase() || null,
    d.receivedAt ?? null,
    similarityTokens(`${d.title} ${d.description}`),
  ];
}

export async function insertConcern(m: EntityManager, d: ConcernInput): Promise<LoggedConcern> {
  const [row] = await queryPrepared<{ id: string; caseId: string; caseCode: string; receivedAt: Date }>(
    m,
    'intake_insert_concern',
    INSERT_CONCERN_SQL,
    insertConcernParams(d),
  );
  return { id: row.id, caseId: row.caseId, caseCode: row.caseCode, status: 'NEW', receivedAt: new Date(row.receivedAt).toISOString() };
}
