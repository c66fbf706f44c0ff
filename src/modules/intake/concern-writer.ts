import { randomUUID } from 'node:crypto';
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

/**
 * The same as INSERT_CONCERN_SQL for many concerns at once: one statement, one commit, each row
 * its own case. Ids are made here so that answers map back to requests without relying on order.
 */
export const INSERT_CONCERNS_SQL = `
WITH i AS (
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::uuid[], $7::uuid[], $8::int[], $9::text[],
                       $10::text[], $11::uuid[], $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::text[], $17::text[],
                       $18::timestamptz[])
    AS t(case_id, concern_id, title, category_id, sensitivity, area_id, owner_unit_id, people_affected, search_text,
         tokens, actor_id, channel, description, occurred_at, reporter_name, reporter_phone, reporter_email, received_at)
), t AS (SELECT i.*, COALESCE(i.received_at, now()) AS at FROM i),
c AS (
  INSERT INTO cases (id, code, status, title, category_id, sensitivity, area_id, owner_unit_id, concern_count,
                     people_affected, search_text, similarity_tokens, created_by_id, created_at, updated_at)
  SELECT case_id, 'VV-' || to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || lpad(nextval('case_code_seq')::text, 6, '0'),
         'NEW', title, category_id, sensitivity, area_id, owner_unit_id, 1, people_affected, search_text,
         string_to_array(tokens, ' '), actor_id, at, at FROM t
  RETURNING id, code
), k AS (
  INSERT INTO concern (id, case_id, channel, area_id, category_id, title, description, occurred_at, people_affected,
                       reporter_name, reporter_phone, reporter_email, created_by_id, received_at, created_at)
  SELECT concern_id, case_id, channel, area_id, category_id, title, description, occurred_at, people_affected,
         reporter_name, reporter_phone, reporter_email, actor_id, at, at FROM t
  RETURNING id, received_at
), e AS (
  INSERT INTO case_event (case_id, type, from_status, to_status, actor_id, payload, occurred_at)
  SELECT case_id, 'CREATED', NULL, 'NEW', actor_id, jsonb_build_object('concernId', concern_id, 'channel', channel), at FROM t
)
SELECT c.id AS "caseId", c.code AS "caseCode", k.id, k.received_at AS "receivedAt"
  FROM t JOIN c ON c.id = t.case_id JOIN k ON k.id = t.concern_id`;

export async function insertConcerns(m: EntityManager, inputs: ConcernInput[]): Promise<LoggedConcern[]> {
  if (!inputs.length) return [];
  const rows = inputs.map((d) => ({ caseId: randomUUID(), concernId: randomUUID(), d }));
  const col = <T>(f: (d: ConcernInput) => T) => inputs.map(f);
  const result = await queryPrepared<{ id: string; caseId: string; caseCode: string; receivedAt: Date }>(m, 'intake_insert_concerns', INSERT_CONCERNS_SQL, [
    rows.map((r) => r.caseId),
    rows.map((r) => r.concernId),
    col((d) => d.title.trim()),
    col((d) => d.categoryId),
    col((d) => (d.sensitive ? 'RESTRICTED' : 'PUBLIC')),
    col((d) => d.areaId),
    col((d) => d.actorUnitId),
    col((d) => d.peopleAffected ?? null),
    col((d) => foldVietnamese(`${d.title} ${d.description}`)),
    col((d) => similarityTokens(`${d.title} ${d.description}`).join(' ')),
    col((d) => d.actorId),
    col((d) => d.channel),
    col((d) => d.description.trim()),
    col((d) => d.occurredAt ?? null),
    col((d) => d.reporter?.name?.trim() || null),
    col((d) => d.reporter?.phone?.trim() || null),
    col((d) => d.reporter?.email?.trim().toLowerCase() || null),
    col((d) => d.receivedAt ?? null),
  ]);
  const byCase = new Map(result.map((r) => [r.caseId, r]));
  return rows.map(({ caseId }) => {
    const r = byCase.get(caseId)!;
    return { id: r.id, caseId: r.caseId, caseCode: r.caseCode, status: 'NEW', receivedAt: new Date(r.receivedAt).toISOString() };
  });
}
