import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { queryPrepared } from '../../infrastructure/database/prepared.js';
import type { CaseStatus, Priority, Sensitivity } from './case.types.js';

/** A new case with its first concern, as intake hands it over (text already trimmed and folded). */
export interface NewCase {
  caseId: string;
  concernId: string;
  title: string;
  categoryId: string | null;
  sensitivity: Sensitivity;
  areaId: string;
  ownerUnitId: string | null;
  peopleAffected: number | null;
  searchText: string;
  similarityTokens: string[];
  actorId: string;
  channel: string;
  description: string;
  occurredAt: string | null;
  reporterName: string | null;
  reporterPhone: string | null;
  reporterEmail: string | null;
  /** Only demo data and imports set it; otherwise the commit time. */
  receivedAt: Date | null;
}

/**
 * One statement opens a case for each concern, logs the concern and appends the CREATED event:
 * one round-trip that commits atomically (or joins the caller's transaction), for one concern or
 * many. Ids are made by the caller so that answers map back to requests without relying on order.
 */
export const CREATE_CASES_SQL = `
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

/** The bind parameters of CREATE_CASES_SQL: one array per column, in the statement's order. */
export function createCasesParams(rows: NewCase[]): unknown[] {
  const col = <T>(f: (r: NewCase) => T) => rows.map(f);
  return [
    col((r) => r.caseId),
    col((r) => r.concernId),
    col((r) => r.title),
    col((r) => r.categoryId),
    col((r) => r.sensitivity),
    col((r) => r.areaId),
    col((r) => r.ownerUnitId),
    col((r) => r.peopleAffected),
    col((r) => r.searchText),
    col((r) => r.similarityTokens.join(' ')),
    col((r) => r.actorId),
    col((r) => r.channel),
    col((r) => r.description),
    col((r) => r.occurredAt),
    col((r) => r.reporterName),
    col((r) => r.reporterPhone),
    col((r) => r.reporterEmail),
    col((r) => r.receivedAt),
  ];
}

/**
 * The only writer of the `cases` table (table-owners.spec.ts keeps it so). Every method runs in the
 * caller's transaction, next to the case lock CaseTransitions.lock took, so a change to the case
 * row and the event that records it commit together.
 */
@Injectable()
export class CaseRepository {
  /** Opens cases with their first concern and CREATED event (intake's hot path: a named prepared statement). */
  create(m: EntityManager, rows: NewCase[]) {
    return queryPrepared<{ id: string; caseId: string; caseCode: string; receivedAt: Date }>(
      m,
      'intake_insert_concerns',
      CREATE_CASES_SQL,
      createCasesParams(rows),
    );
  }

  /** The status change every transition ends with; the version bump is what If-Match compares. */
  async setStatus(m: EntityManager, caseId: string, status: CaseStatus, resumeStatus: CaseStatus | null): Promise<void> {
    await m.query(`UPDATE cases SET status = $2, resume_status = $3, version = version + 1, updated_at = now() WHERE id = $1`, [caseId, status, resumeStatus]);
  }

  /**
   * Triage's classification. The summary (when given) also extends the search text, folded by the
   * caller; no version bump here, the TRIAGED transition that follows bumps it.
   */
  async classify(
    m: EntityManager,
    caseId: string,
    c: { categoryId: string; priority: Priority; sensitivity: Sensitivity; summary: string | null; foldedSummary: string },
  ): Promise<void> {
    await m.query(
      `UPDATE cases SET category_id = $2, priority = $3, sensitivity = $4, summary = COALESCE($5, summary),
              search_text = CASE WHEN $6::text = '' THEN search_text ELSE search_text || ' ' || $6 END
        WHERE id = $1`,
      [caseId, c.categoryId, c.priority, c.sensitivity, c.summary, c.foldedSummary],
    );
  }

  /** The priority alone (before routing); the PRIORITY_CHANGED event that follows bumps the version. */
  async setPriority(m: EntityManager, caseId: string, priority: Priority): Promise<void> {
    await m.query(`UPDATE cases SET priority = $2 WHERE id = $1`, [caseId, priority]);
  }

  /**
   * A merge, once the concerns have moved: the survivor takes the source's counts, people affected,
   * search text and tokens (so it is found and matched as both were); the source points to it and
   * counts no concern any more. The survivor's sensitivity becomes `sensitivity` (the stricter of
   * the two, chosen by the caller). Both rows are locked by the caller.
   */
  async mergeInto(m: EntityManager, sourceId: string, targetId: string, sensitivity: Sensitivity): Promise<void> {
    await m.query(
      `UPDATE cases t SET concern_count = t.concern_count + s.concern_count, sensitivity = $3,
              people_affected = CASE WHEN t.people_affected IS NULL AND s.people_affected IS NULL THEN NULL
                                     ELSE COALESCE(t.people_affected, 0) + COALESCE(s.people_affected, 0) END,
              search_text = t.search_text || ' ' || s.search_text,
              similarity_tokens = ARRAY(SELECT DISTINCT unnest(t.similarity_tokens || s.similarity_tokens) ORDER BY 1),
              version = t.version + 1, updated_at = now()
         FROM cases s WHERE t.id = $2 AND s.id = $1`,
      [sourceId, targetId, sensitivity],
    );
    await m.query(`UPDATE cases SET merged_into_id = $2, concern_count = 0 WHERE id = $1`, [sourceId, targetId]);
  }
}
