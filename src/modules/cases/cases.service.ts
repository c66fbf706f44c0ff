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
import { type AgeBucket, CaseQueryDto, type CaseSort } from './dto/case-query.dto.js';
import { ANSWERED_STATUSES_SQL } from './case-state-machine.js';
import { OPEN_ASSIGNMENT_SQL } from './entities/assignment.entity.js';
import { STANDING_BODY_ROLES } from '../auth/roles.js';
import { addDays, dayStart } from '../../infrastructure/time/vn-time.js';
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

/** A top-level LEAD assignment not returned or cancelled: one the lead agency is taken from. */
const leadCandidate = (a: string) => `${a}.role = 'LEAD' AND ${a}.parent_assignment_id IS NULL AND ${a}.status NOT IN ('RETURNED', 'CANCELLED')`;

/**
 * The case's lead agency, as the leader figures take it (reports/case-facts.service.ts: the latest
 * candidate, by creation then id), meets `cond` (on `a`, its assignment): a candidate that meets it
 * and no later candidate. Set-based, not a lateral per case, so the planner answers it in one pass
 * over assignment (a hash anti-join) for all the cases a count reads: at 200k cases `leadAgency`
 * went from p95 0.68 s to 0.38 s and `figure=overdue` from 0.66 s to 0.25 s (bench:queues, README).
 */
const leadIs = (cond: string) =>
  `c.id IN (SELECT a.case_id FROM assignment a WHERE ${leadCandidate('a')} AND ${cond}
     AND NOT EXISTS (SELECT 1 FROM assignment b WHERE b.case_id = a.case_id AND ${leadCandidate('b')} AND (b.created_at, b.id) > (a.created_at, a.id)))`;

/**
 * Each order ends on the id, so that pages never repeat or skip a case. `deadline`: the lead agency's
 * answer deadline while its work is open (the due instant the clock keeper keeps on the assignment),
 * then the cases waiting on the standing body by receipt — its own steps take the same working days
 * from their start, so the one received first is due first.
 */
const SORT_SQL: Record<CaseSort, string> = {
  newest: 'c.created_at DESC, c.id DESC',
  oldest: 'c.created_at ASC, c.id ASC',
  deadline: `(SELECT a.resolve_due_at FROM assignment a WHERE a.case_id = c.id AND a.role = 'LEAD' AND a.parent_assignment_id IS NULL
               AND a.status IN ${OPEN_ASSIGNMENT_SQL} ORDER BY a.created_at DESC LIMIT 1) ASC NULLS LAST, c.created_at ASC, c.id ASC`,
  priority: `CASE c.priority WHEN 'URGENT' THEN 0 WHEN 'HIGH' THEN 1 WHEN 'NORMAL' THEN 2 ELSE 3 END, c.created_at ASC, c.id ASC`,
  affected: 'c.people_affected DESC NULLS LAST, c.created_at ASC, c.id ASC',
};

/** Most cases whose clocks a `late=true` list works out in one request. */
const MAX_LATE_SCAN = 5000;

/** Days since receipt: (above, up to], as reports' open-cases buckets count them. */
const AGE_RANGES: Record<AgeBucket, [number | null, number | null]> = {
  '0-7': [null, 7],
  '8-15': [7, 15],
  '16-30': [15, 30],
  '31-60': [30, 60],
  '60+': [60, null],
};

/** A case code as intake makes it: VV-<year>-<at least six digits>. */
const CASE_CODE = /^VV-\d{4}-\d{6,}$/i;

/** A phone number's digits, +84 / 84 read as the leading 0; the index on concern uses the same expression. */
export const PHONE_DIGITS_SQL = (col: string) => `regexp_replace(regexp_replace(${col}, '[^0-9]', '', 'g'), '^84', '0')`;

/** The digits of `q` when it looks like a phone number (8 to 15 digits, separators allowed), else null. */
export function phoneDigits(q: string): string | null {
  if (!/^\+?[\d\s.()-]+$/.test(q)) return null;
  const digits = q.replace(/\D/g, '').replace(/^84/, '0');
  return digits.length >= 8 && digits.length <= 15 ? digits : null;
}

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

  /**
   * A page of the cases the caller may see, with the exact number of them (`total`, counted with the
   * same conditions). Pages by number (`page`, `pageSize` up to MAX_PAGE_SIZE) in any order, or,
   * newest first, by the keyset `cursor` of the page before. Nothing is cut off silently.
   */
  async list(query: CaseQueryDto, user: AuthUser) {
    const sort = query.sort ?? 'newest';
    if (query.cursor && sort !== 'newest')
      throw DomainError.validation([{ field: 'cursor', message: 'goes with sort=newest only; use page for other orders' }]);
    if (query.from && query.to && query.from > query.to)
      throw DomainError.validation([{ field: 'from', message: `from (${query.from}) is after to (${query.to})` }]);
    const p = new Params();
    const where = await this.conditions(query, user, p);
    const pageSize = query.pageSize ?? query.limit ?? 20;
    const page = query.page ?? 1;
    const from = CASE_JOINS;
    const countParams = [...p.values];
    if (query.late) {
      if (query.cursor) throw DomainError.validation([{ field: 'cursor', message: 'does not go with late; use page' }]);
      return this.lateList(`${from} WHERE ${where.join(' AND ')}`, countParams, sort, page, pageSize);
    }
    const keyset = [...where];
    if (query.cursor) {
      const { createdAt, id } = decodeCursor(query.cursor);
      keyset.push(`(c.created_at, c.id) < (${p.add(createdAt)}::timestamptz, ${p.add(id)}::uuid)`);
    }
    const window = query.cursor ? `LIMIT ${p.add(pageSize + 1)}` : `LIMIT ${p.add(pageSize + 1)} OFFSET ${p.add((page - 1) * pageSize)}`;
    const [rows, [{ total }]]: [CaseRow[], Array<{ total: number }>] = await Promise.all([
      this.db.query(
        `SELECT ${CASE_COLUMNS}, c.created_at::text AS "cursorAt" ${from} WHERE ${keyset.join(' AND ')} ORDER BY ${SORT_SQL[sort]} ${window}`,
        p.values,
      ),
      this.db.query(`SELECT count(*)::int AS total ${from} WHERE ${where.join(' AND ')}`, countParams),
    ]);
    const items = rows.slice(0, pageSize);
    const last = items[items.length - 1];
    const more = rows.length > pageSize;
    const clocks = await this.clockPort.clocksOf(items.map((r) => r.id));
    return {
      items: items.map((r) => ({ ...presentCase(r), ...listedClocks(r.status, clocks.get(r.id)) })),
      total,
      page: query.cursor ? null : page,
      pageSize,
      sort,
      nextCursor: more && last && sort === 'newest' ? encodeCursor(last.cursorAt!, last.id) : null,
    };
  }

  /**
   * `late=true`: the cases whose clock that matters now (the one the list shows: the standing body's
   * own step while it is theirs, else the lead agency's) is past its due instant. Clocks are derived
   * from each timeline (deadlines/clock.ts), not kept in a column, so the cases that match the other
   * filters are read in order and their clocks worked out; more than MAX_LATE_SCAN of them is a 400
   * asking for narrower filters, never a silently shortened list.
   */
  private async lateList(fromWhere: string, params: unknown[], sort: CaseSort, page: number, pageSize: number) {
    const candidates: Array<{ id: string; status: CaseStatus }> = await this.db.query(
      `SELECT c.id, c.status ${fromWhere} ORDER BY ${SORT_SQL[sort]} LIMIT ${MAX_LATE_SCAN + 1}`,
      params,
    );
    if (candidates.length > MAX_LATE_SCAN) {
      throw DomainError.validation([{ field: 'late', message: `more than ${MAX_LATE_SCAN} cases to check: narrow the other filters first` }]);
    }
    const late: string[] = [];
    for (let i = 0; i < candidates.length; i += 1000) {
      const chunk = candidates.slice(i, i + 1000);
      const clocks = await this.clockPort.clocksOf(chunk.map((r) => r.id));
      for (const r of chunk) {
        const { clock } = listedClocks(r.status, clocks.get(r.id));
        if (clock && clock.state === 'BREACHED' && !clock.stoppedAt) late.push(r.id);
      }
    }
    const ids = late.slice((page - 1) * pageSize, page * pageSize);
    const rows: CaseRow[] = ids.length ? await this.db.query(`SELECT ${CASE_COLUMNS} ${CASE_JOINS} WHERE c.id = ANY($1::uuid[])`, [ids]) : [];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const clocks = await this.clockPort.clocksOf(ids);
    return {
      items: ids.map((id) => byId.get(id)!).map((r) => ({ ...presentCase(r), ...listedClocks(r.status, clocks.get(r.id)) })),
      total: late.length,
      page,
      pageSize,
      sort,
      nextCursor: null,
    };
  }

  /**
   * The WHERE of a list, visibility first.
   * Reporter data is matched for the standing body only (need-to-know): anyone else's phone search
   * finds nothing by it.
   */
  private async conditions(query: CaseQueryDto, user: AuthUser, p: Params): Promise<string[]> {
    const where = [visibilityCondition(user, p.add)];
    if (query.status?.length) where.push(`c.status = ANY(${p.add(query.status)}::text[])`);
    if (query.priority?.length) where.push(`c.priority = ANY(${p.add(query.priority)}::text[])`);
    if (query.sensitivity?.length) where.push(`c.sensitivity = ANY(${p.add(query.sensitivity)}::text[])`);
    if (query.category) where.push(`cat.code = ${p.add(query.category)}`);
    if (query.area) {
      where.push(`c.area_id IN (WITH RECURSIVE t(id) AS (SELECT id FROM area WHERE code = ${p.add(query.area)}
                  UNION SELECT a.id FROM area a JOIN t ON a.parent_id = t.id) SELECT id FROM t)`);
    }
    if (query.agency) {
      where.push(`EXISTS (SELECT 1 FROM assignment x JOIN org_unit xu ON xu.id = x.org_unit_id WHERE x.case_id = c.id AND xu.code = ${p.add(query.agency)})`);
    }
    if (query.leadAgency) where.push(leadIs(`a.org_unit_id = (SELECT id FROM org_unit WHERE code = ${p.add(query.leadAgency)})`));
    // No lead: no candidate at all.
    if (query.unassigned) where.push(`NOT EXISTS (SELECT 1 FROM assignment a WHERE a.case_id = c.id AND ${leadCandidate('a')})`);
    // The channel of the first concern, as the figures count it.
    if (query.channel) where.push(`(SELECT k.channel FROM concern k WHERE k.case_id = c.id ORDER BY k.received_at, k.id LIMIT 1) = ${p.add(query.channel)}`);

    const bounds = (col: string) => [
      ...(query.from ? [`${col} >= ${p.add(new Date(dayStart(query.from)))}`] : []),
      ...(query.to ? [`${col} < ${p.add(new Date(dayStart(addDays(query.to, 1))))}`] : []),
    ];
    const range = (col: string) => where.push(...bounds(col));
    const lastMove = (status: string) => `(SELECT max(e.occurred_at) FROM case_event e WHERE e.case_id = c.id AND e.to_status = '${status}')`;
    const open = `c.status NOT IN ${ANSWERED_STATUSES_SQL}`;
    if (query.figure) where.push(`c.status <> 'MERGED'`);
    switch (query.figure) {
      case 'resolved':
        range(lastMove('RESOLVED'));
        break;
      case 'closed':
        range(lastMove('CLOSED'));
        break;
      case 'overdue':
        // reports' overdue: the lead's deadline fell in the period, has passed, and had no answer by then.
        where.push(`c.status <> 'REJECTED'`);
        where.push(
          leadIs(['a.resolve_due_at < now()', '(a.resolved_at IS NULL OR a.resolved_at > a.resolve_due_at)', ...bounds('a.resolve_due_at')].join(' AND ')),
        );
        break;
      case 'open':
        where.push(open);
        range('c.created_at');
        break;
      case 'received':
      case undefined:
        range('c.created_at');
        break;
    }
    // Per case, after the cheap `open`: few cases are open, while most leads' deadlines have passed (leadIs would read them all).
    if (query.overdue && query.figure !== 'overdue') {
      where.push(`${open} AND (SELECT a.resolve_due_at FROM assignment a WHERE a.case_id = c.id AND ${leadCandidate('a')}
                                ORDER BY a.created_at DESC, a.id DESC LIMIT 1) < now()`);
    }
    if (query.age) {
      const [lo, hi] = AGE_RANGES[query.age];
      where.push(open);
      const age = `floor(extract(epoch FROM now() - c.created_at) / 86400)`;
      if (lo !== null) where.push(`${age} > ${lo}`);
      if (hi !== null) where.push(`${age} <= ${hi}`);
    }
    if (query.q) where.push(await this.searchCondition(query.q, user, p));
    return where;
  }

  /**
   * `q`: a case code matches that case exactly; a phone number (digits with spaces, dots, dashes,
   * brackets, a leading +) matches the concerns' reporter phone for the standing body; and always
   * the words, each in the case's own text or in an attachment the caller may read.
   */
  private async searchCondition(q: string, user: AuthUser, p: Params): Promise<string> {
    const any: string[] = [];
    const trimmed = q.trim();
    if (CASE_CODE.test(trimmed)) any.push(`c.code = ${p.add(trimmed.toUpperCase())}`);
    const digits = phoneDigits(trimmed);
    if (digits && STANDING_BODY_ROLES.includes(user.role)) {
      any.push(
        `EXISTS (SELECT 1 FROM concern k WHERE k.case_id = c.id AND k.reporter_phone IS NOT NULL AND ${PHONE_DIGITS_SQL('k.reporter_phone')} = ${p.add(digits)})`,
      );
    }
    const words: string[] = [];
    for (const term of searchTerms(q)) {
      const like = p.add(`%${term}%`);
      const inAttachments = await this.attachmentsPort.textMatch(user, `%${term}%`, like, p.add);
      words.push(inAttachments ? `(c.search_text LIKE ${like} OR ${inAttachments})` : `c.search_text LIKE ${like}`);
    }
    if (words.length) any.push(`(${words.join(' AND ')})`);
    return any.length ? `(${any.join(' OR ')})` : 'TRUE';
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
