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
 * One statement opens a case for each concern, logs the concern and appends the CREATED event:
 * one round-trip that commits atomically (or joins the caller's transaction), for one concern or
 * many. Ids are made here so that answers map back to requests without relying on order.
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
  -- At least six digits: lpad alone would cut 1000000 to 100000 (a duplicate code); padding to 12 and
  -- dropping up to 6 leading zeros keeps every digit and calls nextval once.
  SELECT case_id, 'VV-' || to_char(at AT TIME ZONE 'Asia/Ho_Chi_Minh', 'YYYY') || '-' || regexp_replace(lpad(nextval('case_code_seq')::text, 12, '0'), '^0{1,6}', ''),
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

/** The statement's bind parameters (one array per column) and the ids made for each concern. */
export function insertConcernsParams(inputs: ConcernInput[]): { params: unknown[]; ids: Array<{ caseId: string; concernId: string }> } {
  const ids = inputs.map(() => ({ caseId: randomUUID(), concernId: randomUUID() }));
  const col = <T>(f: (d: ConcernInput) => T) => inputs.map(f);
  const params = [
    ids.map((r) => r.caseId),
    ids.map((r) => r.concernId),
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
  ];
  return { params, ids };
}

export async function insertConcerns(m: EntityManager, inputs: ConcernInput[]): Promise<LoggedConcern[]> {
  if (!inputs.length) return [];
  const { params, ids } = insertConcernsParams(inputs);
  const result = await queryPrepared<{ id: string; caseId: string; caseCode: string; receivedAt: Date }>(m, 'intake_insert_concerns', INSERT_CONCERNS_SQL, params);
  const byCase = new Map(result.map((r) => [r.caseId, r]));
  return ids.map(({ caseId }) => {
    const r = byCase.get(caseId)!;
    return { id: r.id, caseId: r.caseId, caseCode: r.caseCode, status: 'NEW', receivedAt: new Date(r.receivedAt).toISOString() };
  });
}
