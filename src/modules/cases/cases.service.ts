import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../infrastructure/http/cursor.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { AccessLogService } from '../audit/access-log.service.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { mayReadReporter, Params, UUID, visibilityCondition } from './case-access.js';
import { CaseAttachmentsPort } from './case-attachments.port.js';
import { CaseClocksPort, type CaseClocksView, type ClockView } from './case-clocks.port.js';
import { CASE_STATUS_LABELS, CaseStatus, PRIORITY_LABELS, Priority, SENSITIVITY_LABELS, Sensitivity } from './case.types.js';
import { CaseQueryDto } from './dto/case-query.dto.js';
import { searchTerms } from './search-text.js';

interface CaseRow {
  id: string;
  code: string;
  status: CaseStatus;
  title: string;
  summary: string | null;
  priority: Priority;
  sensitivity: Sensitivity;
  categoryCode: string | null;
  categoryVi: string | null;
  categoryEn: string | null;
  areaCode: string;
  areaVi: string;
  areaEn: string;
  concernCount: number;
  peopleAffected: number | null;
  mergedIntoId: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  /** While NEEDS_INFO: who was asked, the open request's addressee ('officer' or 'standing body'). */
  awaitingInfoFrom: 'officer' | 'standing body' | null;
  /** created_at as PostgreSQL prints it: microseconds, which a JS Date would lose, for the cursor. */
  cursorAt?: string;
}

const CASE_COLUMNS = `c.id, c.code, c.status, c.title, c.summary, c.priority, c.sensitivity,
  cat.code AS "categoryCode", cat.label_vi AS "categoryVi", cat.label_en AS "categoryEn",
  ar.code AS "areaCode", ar.name_vi AS "areaVi", ar.name_en AS "areaEn",
  c.concern_count AS "concernCount", c.people_affected AS "peopleAffected", c.merged_into_id AS "mergedIntoId",
  c.version, c.created_at AS "createdAt", c.updated_at AS "updatedAt",
  CASE WHEN c.status = 'NEEDS_INFO' THEN (SELECT e.payload->>'askedOf' FROM case_event e WHERE e.case_id = c.id AND e.type = 'INFO_REQUESTED'
                                           ORDER BY e.id DESC LIMIT 1) END AS "awaitingInfoFrom"`;

const CASE_JOINS = `FROM cases c JOIN area ar ON ar.id = c.area_id LEFT JOIN category cat ON cat.id = c.category_id`;

/** Reads of cases (lists, the case page), with access rules applied inside the SQL. */
@Injectable()
export class CasesService {
  constructor(
    private readonly db: DataSource,
    private readonly accessLog: AccessLogService,
    private readonly clockPort: CaseClocksPort,
    private readonly attachmentsPort: CaseAttachmentsPort,
  ) {}

  /**
   * 404 unless the caller may see the case (visibilityCondition), like an unknown one. For routes
   * that act on or derive from a case without showing it; nothing is logged.
   */
  async assertVisible(id: string, user: AuthUser): Promise<void> {
    if (!UUID.test(id)) throw DomainError.notFound('Case', id);
    const p = new Params();
    const rows = await this.db.query(`SELECT 1 FROM cases c WHERE c.id = ${p.add(id)} AND ${visibilityCondition(user, p.add)}`, p.values);
    if (!rows.length) throw DomainError.notFound('Case', id);
  }

  async list(query: CaseQueryDto, user: AuthUser) {
    const p = new Params();
    const where = [visibilityCondition(user, p.add)];
    if (query.status?.length) where.push(`c.status = ANY(${p.add(query.status)}::text[])`);
    if (query.priority) where.push(`c.priority = ${p.add(query.priority)}`);
    if (query.category) where.push(`cat.code = ${p.add(query.category)}`);
    if (query.area) {
      where.push(`c.area_id IN (WITH RECURSIVE t(id) AS (SELECT id FROM area WHERE code = ${p.add(query.area)}
                  UNION SELECT a.id FROM area a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`);
    }
    if (query.agency) {
      where.push(`EXISTS (SELECT 1 FROM assignment x JOIN org_unit xu ON xu.id = x.org_unit_id WHERE x.case_id = c.id AND xu.code = ${p.add(query.agency)})`);
    }
    // Each word is in the case's own text or in the extracted text of an attachment the caller may read.
    for (const term of query.q ? searchTerms(query.q) : []) {
      const like = p.add(`%${term}%`);
      const inAttachments = await this.attachmentsPort.textMatch(user, `%${term}%`, like, p.add);
      where.push(inAttachments ? `(c.search_text LIKE ${like} OR ${inAttachments})` : `c.search_text LIKE ${like}`);
    }
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      where.push(`(c.created_at, c.id) < (${p.add(createdAt)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const limit = query.limit ?? 20;
    const rows: CaseRow[] = await this.db.query(
      `SELECT ${CASE_COLUMNS}, c.created_at::text AS "cursorAt" ${CASE_JOINS} WHERE ${where.join(' AND ')}
        ORDER BY c.created_at DESC, c.id DESC LIMIT ${p.add(limit + 1)}`,
      p.values,
    );
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const clocks = await this.clockPort.clocksOf(page.map((r) => r.id));
    return {
      items: page.map((r) => ({ ...presentCase(r), ...listedClocks(r.status, clocks.get(r.id)) })),
      nextCursor: rows.length > limit && last ? encodeCursor(last.cursorAt!, last.id) : null,
    };
  }

  /**
   * The case page (its concerns' words, the timeline). Each read is written to the access log:
   * CASE_READ, and REPORTER_READ when reporters' personal data was in the answer.
   */
  async get(id: string, user: AuthUser, requestId?: string) {
    if (!UUID.test(id)) throw DomainError.notFound('Case', id);
    const p = new Params();
    const [row]: CaseRow[] = await this.db.query(
      `SELECT ${CASE_COLUMNS} ${CASE_JOINS} WHERE c.id = ${p.add(id)} AND ${visibilityCondition(user, p.add)}`,
      p.values,
    );
    if (!row) throw DomainError.notFound('Case', id);

    const [concerns, events, assignments, attachments] = await Promise.all([
      this.db.query(
        `SELECT k.id, k.channel, k.title, k.description, k.occurred_at AS "occurredAt", k.received_at AS "receivedAt",
                k.people_affected AS "peopleAffected", a.code AS "areaCode", a.name_vi AS "areaVi", cat.code AS "categoryCode",
                k.reporter_name AS "reporterName", k.reporter_phone AS "reporterPhone", k.reporter_email AS "reporterEmail",
                k.created_by_id AS "createdById"
           FROM concern k JOIN area a ON a.id = k.area_id LEFT JOIN category cat ON cat.id = k.category_id
          WHERE k.case_id = $1 ORDER BY k.received_at, k.id`,
        [id],
      ),
      this.db.query(
        `SELECT e.id, e.type, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.payload, e.occurred_at AS "occurredAt",
                u.full_name AS "actorName", u.role AS "actorRole"
           FROM case_event e LEFT JOIN app_user u ON u.id = e.actor_id WHERE e.case_id = $1 ORDER BY e.id`,
        [id],
      ),
      this.db.query(
        `SELECT s.id, s.role, s.status, s.parent_assignment_id AS "parentAssignmentId", o.code AS "orgUnitCode",
                o.name_vi AS "orgUnitVi", o.name_en AS "orgUnitEn", s.outcome, s.resolution_summary AS "resolutionSummary",
                s.document_ref AS "documentRef", s.accepted_answer_id AS "acceptedAnswerId", s.acknowledged_at AS "acknowledgedAt", s.resolved_at AS "resolvedAt", s.created_at AS "createdAt",
                s.acknowledge_due_at AS "acknowledgeDueAt", s.resolve_due_at AS "resolveDueAt", s.escalation_level AS "escalationLevel"
           FROM assignment s JOIN org_unit o ON o.id = s.org_unit_id WHERE s.case_id = $1
          ORDER BY s.created_at, CASE s.role WHEN 'LEAD' THEN 0 ELSE 1 END, s.id`,
        [id],
      ),
      this.attachmentsPort.summariesOf(id, user),
    ]);

    let reporterShown = false;
    const shownConcerns = concerns.map((k: Record<string, unknown> & { createdById: string | null }) => {
      const { reporterName, reporterPhone, reporterEmail, createdById, ...rest } = k;
      if (!mayReadReporter(user, createdById)) return rest;
      const reporter = reporterName || reporterPhone || reporterEmail ? { name: reporterName, phone: reporterPhone, email: reporterEmail } : null;
      reporterShown ||= reporter !== null;
      return { ...rest, reporter };
    });
    const clocks = (await this.clockPort.clocksOf([row.id])).get(row.id);
    const entry = { userId: user.id, role: user.role, caseId: row.id, requestId };
    await this.accessLog.record([{ ...entry, action: 'CASE_READ' }, ...(reporterShown ? [{ ...entry, action: 'REPORTER_READ' as const }] : [])]);

    return {
      ...presentCase(row),
      summary: row.summary,
      concerns: shownConcerns,
      ...listedClocks(row.status, clocks),
      steps: clocks ? { triage: clocks.triage, verify: clocks.verify, directives: clocks.directives } : null,
      assignments: assignments.map((a: { id: string }) => ({
        ...a,
        clock: clocks?.assignments[a.id]?.resolve ?? null,
        acknowledgeClock: clocks?.assignments[a.id]?.acknowledge ?? null,
      })),
      events: events.map((e: { fromStatus: CaseStatus | null; toStatus: CaseStatus | null }) => ({
        ...e,
        toStatusLabel: e.toStatus ? CASE_STATUS_LABELS[e.toStatus] : null,
      })),
      attachments,
    };
  }
}

/**
 * The clocks a case shows in lists: `clock`, the one that matters now (triage while NEW, the
 * verification while RESOLVED, else the lead agency's answer), and `clocks`, every clock still
 * counting (or last stopped), each naming its step and assignment.
 */
function listedClocks(status: CaseStatus, c: CaseClocksView | undefined): { clock: ClockView | null; clocks: ClockView[] } {
  if (!c) return { clock: null, clocks: [] };
  const work = Object.values(c.assignments).map((a) => a.resolve);
  const open = (k: ClockView | null) => !!k && !k.stoppedAt;
  const clocks = [c.triage, c.verify, ...work, ...c.directives].filter(open) as ClockView[];
  const openWork = work.filter(open);
  let clock: ClockView | null;
  if (status === 'NEW' || (status === 'NEEDS_INFO' && open(c.triage))) clock = c.triage;
  else if (status === 'RESOLVED' || status === 'CLOSED') clock = c.verify;
  else clock = openWork[0] ?? work[work.length - 1] ?? c.triage;
  return { clock: clock ?? null, clocks };
}

function presentCase(r: CaseRow) {
  return {
    id: r.id,
    code: r.code,
    status: r.status,
    statusLabel: CASE_STATUS_LABELS[r.status],
    title: r.title,
    priority: r.priority,
    priorityLabel: PRIORITY_LABELS[r.priority],
    sensitivity: r.sensitivity,
    sensitivityLabel: SENSITIVITY_LABELS[r.sensitivity],
    category: r.categoryCode ? { code: r.categoryCode, labelVi: r.categoryVi, labelEn: r.categoryEn } : null,
    area: { code: r.areaCode, nameVi: r.areaVi, nameEn: r.areaEn },
    concernCount: r.concernCount,
    peopleAffected: r.peopleAffected,
    mergedIntoId: r.mergedIntoId,
    // Who must answer the open request for information: only an 'officer' request is the reporting officer's.
    awaitingInfoFrom: r.awaitingInfoFrom ?? null,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}
