import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { CREATE_CASES_SQL, type CaseRepository, createCasesParams, type NewCase } from '../cases/case.repository.js';
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

/** Kept under its intake name for the intake benchmark; the statement belongs to CaseRepository. */
export const INSERT_CONCERNS_SQL = CREATE_CASES_SQL;

/** The new cases for these concerns, with their ids made here (answers map back without relying on order). */
function newCases(inputs: ConcernInput[]): NewCase[] {
  return inputs.map((d) => ({
    caseId: randomUUID(),
    concernId: randomUUID(),
    title: d.title.trim(),
    categoryId: d.categoryId,
    sensitivity: d.sensitive ? 'RESTRICTED' : 'PUBLIC',
    areaId: d.areaId,
    ownerUnitId: d.actorUnitId,
    peopleAffected: d.peopleAffected ?? null,
    searchText: foldVietnamese(`${d.title} ${d.description}`),
    similarityTokens: similarityTokens(`${d.title} ${d.description}`),
    actorId: d.actorId,
    channel: d.channel,
    description: d.description.trim(),
    occurredAt: d.occurredAt ?? null,
    reporterName: d.reporter?.name?.trim() || null,
    reporterPhone: d.reporter?.phone?.trim() || null,
    reporterEmail: d.reporter?.email?.trim().toLowerCase() || null,
    receivedAt: d.receivedAt ?? null,
  }));
}

/** The statement's bind parameters (one array per column) and the ids made for each concern. */
export function insertConcernsParams(inputs: ConcernInput[]): { params: unknown[]; ids: Array<{ caseId: string; concernId: string }> } {
  const rows = newCases(inputs);
  return { params: createCasesParams(rows), ids: rows.map(({ caseId, concernId }) => ({ caseId, concernId })) };
}

/** One statement (CaseRepository.create) for one concern or many; joins the caller's transaction. */
export async function insertConcerns(cases: CaseRepository, m: EntityManager, inputs: ConcernInput[]): Promise<LoggedConcern[]> {
  if (!inputs.length) return [];
  const rows = newCases(inputs);
  const result = await cases.create(m, rows);
  const byCase = new Map(result.map((r) => [r.caseId, r]));
  return rows.map(({ caseId }) => {
    const r = byCase.get(caseId)!;
    return { id: r.id, caseId: r.caseId, caseCode: r.caseCode, status: 'NEW', receivedAt: new Date(r.receivedAt).toISOString() };
  });
}
