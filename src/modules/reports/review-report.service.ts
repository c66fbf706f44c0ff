import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { formatCalendarDay, isCalendarDay, localDay, localYearMonth } from '../../infrastructure/time/vn-time.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, visibilityCondition } from '../cases/case-access.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case.types.js';
import type { GroupKey } from './dto/metrics-query.dto.js';
import { HotspotsService, type HotspotView } from './hotspots.service.js';
import { type ReviewIssuer, reviewIssuer } from './review-issuer.js';
import {
  type AgencyRanking,
  type Figures,
  type FiguresRow,
  filterSql,
  type Lang,
  MetricsService,
  type OpenCases,
  period as periodBounds,
  type Scope,
} from './metrics.service.js';

export interface ReviewPeriod {
  /** 2026-Q3, 2026-H1, 2026, a programme's term 2021-2025, or days 2026-01-01..2026-09-30. */
  code: string;
  kind: 'quarter' | 'half' | 'year' | 'term' | 'range';
  from: string;
  to: string;
  /** Standing alone (a subject line, a heading): "Quý IV năm 2026", "Năm 2026". */
  label: string;
  /** Inside a sentence, as a report's title names it: "Quý IV năm 2026", "năm 2026", "giai đoạn 2021 - 2025". */
  phrase: string;
  /** Sơ kết (an interim review: a quarter, a half-year, part of a year) or tổng kết (a year, a programme's term). */
  review: 'interim' | 'final';
}

export interface ListedCase {
  id: string;
  code: string;
  /** Null in the e-mailed report for a case that is not PUBLIC: mails carry no sensitive words. */
  title: string | null;
  agency: string | null;
  area: string;
  category: string | null;
  status: string;
  receivedAt: string;
  dueAt: string | null;
  resolvedAt: string | null;
  daysOverdue: number | null;
}

/** What the coordination took in the period (section I.3 of the report): counts of timeline events, no case named. */
export interface CoordinationFigures {
  directivesIssued: number;
  /** Directives of the period answered by an agency (their first reply). */
  directivesReplied: number;
  /** Escalations by level: 1 the agency's head, 2 HĐND / UBND, 3 the leaders. */
  escalations: { total: number; cases: number; byLevel: Record<'1' | '2' | '3', number> };
  extensions: { requested: number; granted: number; denied: number };
  /** Agencies that said a case was not theirs; delegations to a unit below; answers not accepted. */
  returned: number;
  delegated: number;
  reopened: number;
  /** Questions asked of the standing body or the officer. */
  infoRequested: number;
  merged: number;
}

export interface RecurringIssue {
  area: string;
  category: string;
  concerns: number;
  cases: number;
  peopleAffected: number;
}

/** Everything a sơ kết / tổng kết meeting looks at, for one period and one scope. */
export interface ReviewReport {
  lang: Lang;
  period: ReviewPeriod;
  scope: { name: string; programme: { code: string; title: string } | null };
  generatedAt: string;
  /** Who issues it: the Decree 30 header and signing block of the DOCX. */
  issuer: ReviewIssuer;
  summary: Figures;
  /** Concerns gathered into the cases received in the period, and the people they concern. */
  intake: { concerns: number; peopleAffected: number };
  coordination: CoordinationFigures;
  /** Xếp hạng đơn vị theo tỷ lệ đúng hạn: the published ranking (GET /metrics/agency-ranking), counts only. */
  ranking: AgencyRanking;
  byAgency: FiguresRow[];
  byCategory: FiguresRow[];
  byArea: FiguresRow[];
  byChannel: FiguresRow[];
  byPriority: FiguresRow[];
  byMonth: FiguresRow[];
  open: OpenCases;
  overdueCases: ListedCase[];
  /** How many overdue or unresolved cases there are in all (the list is capped). */
  overdueTotal: number;
  recurring: RecurringIssue[];
  hotspots: HotspotView[];
}

const COORDINATION_EVENTS = [
  'DIRECTIVE_ISSUED',
  'DIRECTIVE_REPLIED',
  'ESCALATED',
  'EXTENSION_REQUESTED',
  'EXTENSION_GRANTED',
  'EXTENSION_DENIED',
  'RETURNED',
  'DELEGATED',
  'REOPENED',
  'INFO_REQUESTED',
  'MERGED',
];

/** The list of overdue and unresolved cases is capped: the meeting reads the oldest first. */
export const LISTED_CASES_MAX = 1_000;

const ROMAN = ['I', 'II', 'III', 'IV'];
/** The years a review may cover; a programme's term is at most this long. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;
const TERM_MAX_YEARS = 10;
export const PERIOD_FORMS = 'a quarter (2026-Q3), a half-year (2026-H1), a year (2026), a term (2021-2025) or days (2026-01-01..2026-09-30)';
export const PERIOD_PATTERN = /^(\d{4})(?:-(Q[1-4]|H[12])|-(\d{4})|-(\d{2})-(\d{2})\.\.(\d{4})-(\d{2})-(\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');
const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const isoDay = (year: number, month: number, d: number) => `${year}-${pad(month)}-${pad(d)}`;
const bad = (message: string) => DomainError.validation([{ field: 'period', message }]);

/**
 * Parses a period code into local days and its Vietnamese (or English) names. `today` (a local
 * day) refuses a period that has not begun: there is nothing to review in it yet.
 */
export function parsePeriod(code: string, lang: Lang, today = localDay(new Date())): ReviewPeriod {
  const m = PERIOD_PATTERN.exec(code ?? '');
  if (!m) throw bad(`period must be ${PERIOD_FORMS}`);
  const year = Number(m[1]);
  const inRange = (y: number) => y >= FIRST_YEAR && y <= LAST_YEAR;
  if (!inRange(year)) throw bad(`period year ${year} is out of range (${FIRST_YEAR}–${LAST_YEAR})`);
  const en = lang === 'en';
  let p: ReviewPeriod;
  if (m[2]?.[0] === 'H') {
    const n = Number(m[2].slice(1));
    const [first, last] = n === 1 ? [1, 6] : [7, 12];
    const label = en ? `H${n} ${year}` : `6 tháng ${n === 1 ? 'đầu' : 'cuối'} năm ${year}`;
    p = { code: m[0], kind: 'half', from: isoDay(year, first, 1), to: isoDay(year, last, lastDayOf(year, last)), label, phrase: label, review: 'interim' };
  } else if (m[2]) {
    const n = Number(m[2].slice(1));
    const first = (n - 1) * 3 + 1;
    const label = en ? `Q${n} ${year}` : `Quý ${ROMAN[n - 1]} năm ${year}`;
    p = {
      code: m[0],
      kind: 'quarter',
      from: isoDay(year, first, 1),
      to: isoDay(year, first + 2, lastDayOf(year, first + 2)),
      label,
      phrase: label,
      review: 'interim',
    };
  } else if (m[3]) {
    const end = Number(m[3]);
    if (!inRange(end) || end <= year || end - year >= TERM_MAX_YEARS)
      throw bad(`a term runs from one year to a later one, at most ${TERM_MAX_YEARS} years: ${m[0]}`);
    const label = en ? `${year}–${end}` : `Giai đoạn ${year} - ${end}`;
    p = {
      code: m[0],
      kind: 'term',
      from: isoDay(year, 1, 1),
      to: isoDay(end, 12, 31),
      label,
      phrase: en ? label : `giai đoạn ${year} - ${end}`,
      review: 'final',
    };
  } else if (m[4]) {
    p = rangePeriod(`${m[1]}-${m[4]}-${m[5]}`, `${m[6]}-${m[7]}-${m[8]}`, lang);
  } else {
    p = {
      code: m[0],
      kind: 'year',
      from: isoDay(year, 1, 1),
      to: isoDay(year, 12, 31),
      label: en ? `Year ${year}` : `Năm ${year}`,
      phrase: en ? `${year}` : `năm ${year}`,
      review: 'final',
    };
  }
  if (p.from > today) throw bad(`period ${p.code} has not begun yet (it starts on ${p.from})`);
  return p;
}

/** Days `from`..`to` (inclusive): "9 tháng đầu năm 2026" when they are the first months of a year, else "từ ngày … đến ngày …". */
function rangePeriod(from: string, to: string, lang: Lang): ReviewPeriod {
  for (const day of [from, to]) {
    if (!isCalendarDay(day) || Number(day.slice(0, 4)) < FIRST_YEAR || Number(day.slice(0, 4)) > LAST_YEAR) throw bad(`${day} is not a calendar day`);
  }
  if (from > to) throw bad(`the period starts (${from}) after it ends (${to})`);
  if (Number(to.slice(0, 4)) - Number(from.slice(0, 4)) >= TERM_MAX_YEARS) throw bad(`a period covers at most ${TERM_MAX_YEARS} years`);
  const [y, mo, d] = to.split('-').map(Number);
  const en = lang === 'en';
  const code = `${from}..${to}`;
  if (from === isoDay(y, 1, 1) && d === lastDayOf(y, mo)) {
    const label = en ? `First ${mo} months of ${y}` : `${mo} tháng đầu năm ${y}`;
    return { code, kind: 'range', from, to, label, phrase: en ? `the first ${mo} months of ${y}` : label, review: mo === 12 ? 'final' : 'interim' };
  }
  const [f, t] = [formatCalendarDay(from, lang), formatCalendarDay(to, lang)];
  const label = en ? `${f} – ${t}` : `Từ ngày ${f} đến ngày ${t}`;
  return { code, kind: 'range', from, to, label, phrase: en ? `from ${f} to ${t}` : `từ ngày ${f} đến ngày ${t}`, review: 'interim' };
}

/** The periods that end with the quarter before `now`'s (Vietnam time): what the schedule sends. */
export function periodsJustEnded(now: Date): string[] {
  const local = localYearMonth(now);
  let year = local.year;
  let quarter = Math.floor((local.month - 1) / 3); // the previous quarter, 1-based
  if (quarter === 0) {
    quarter = 4;
    year -= 1;
  }
  const out = [`${year}-Q${quarter}`];
  if (quarter === 2) out.push(`${year}-H1`);
  if (quarter === 4) out.push(`${year}-H2`, `${year}`);
  return out;
}

/**
 * Assembles the periodic review report (báo cáo sơ kết, tổng kết) from the metrics: the same
 * figures the dashboard shows, the agencies ranked by on-time share, what is overdue or still
 * unresolved, the issues that keep coming back, and the period's hotspots.
 */
@Injectable()
export class ReviewReportService {
  constructor(
    private readonly db: DataSource,
    private readonly metrics: MetricsService,
    private readonly hotspots: HotspotsService,
  ) {}

  /**
   * `user`: who asks; the cases the report names (overdue list, hotspot evidence) are those the
   * visibility rule lets them see. Null is the e-mail audience (the leaders' notice): every case
   * by its code, the title of public cases only. Aggregate figures count every case in scope.
   */
  async build(periodCode: string, opts: { programme?: string; lang?: Lang; user: AuthUser | null; minAnswered?: number }): Promise<ReviewReport> {
    const lang = opts.lang ?? 'vi';
    // Checked before anything is read: a bad period asks nothing of the database.
    const period = parsePeriod(periodCode, lang);
    const scope: Scope = {};
    let programme: ReviewReport['scope']['programme'] = null;
    if (opts.programme) {
      const [p] = await this.db.query(
        `SELECT code, ${lang === 'en' ? 'title_en' : 'title_vi'} AS title, party_unit_ids AS "unitIds", category_ids AS "categoryIds"
           FROM coordination_programme WHERE code = $1`,
        [opts.programme],
      );
      if (!p) throw DomainError.validation([{ field: 'programme', message: `Unknown coordination programme ${opts.programme}` }]);
      programme = { code: p.code, title: p.title };
      scope.programme = { unitIds: p.unitIds ?? [], categoryIds: p.categoryIds ?? [] };
    }
    const q = { from: period.from, to: period.to, lang };
    const by = (groupBy: GroupKey) => this.metrics.resolutionTimes({ ...q, groupBy: [groupBy] }, opts.user, scope);
    // One statement at a time on purpose: each is a full pass over the period, and two cores serve
    // the dashboards too. Sequential keeps a year's report from starving them.
    const all = await this.metrics.resolutionTimes(q, null, scope);
    const agency = await by('agency');
    const ranking = await this.metrics.agencyRanking({ ...q, minAnswered: opts.minAnswered }, opts.user, scope);
    const category = await by('category');
    const area = await by('area');
    const channel = await by('channel');
    const priority = await by('priority');
    const month = await by('month');
    const open = await this.metrics.openCases({ lang, groupBy: 'agency' }, null, scope);
    const { list, total } = await this.overdueCases(period, scope, lang, opts.user);
    const recurring = await this.recurring(period, scope, lang);
    const { start, end } = periodBounds(period);
    const hotspots = await this.hotspots.list({ status: 'ALL', from: start, to: end, lang, user: opts.user });
    const intake = await this.intake(period, scope);
    const coordination = await this.coordination(period, scope);
    const issuer = await reviewIssuer(this.db, opts.user, scope.programme?.unitIds ?? null, lang);
    const name = lang === 'en' ? 'The whole department' : 'Toàn Ban';
    return {
      lang,
      period,
      scope: { name: programme ? `${programme.code} — ${programme.title}` : name, programme },
      generatedAt: new Date().toISOString(),
      issuer,
      summary: all.totals,
      intake,
      coordination,
      ranking,
      byAgency: agency.rows,
      byCategory: category.rows,
      byArea: area.rows,
      byChannel: channel.rows,
      byPriority: priority.rows,
      byMonth: month.rows,
      open,
      overdueCases: list,
      overdueTotal: total,
      recurring,
      hotspots,
    };
  }

  /**
   * Cases received by the end of the period that were not resolved by then, or whose lead answered
   * after its (pause-moved) deadline: overdue ones first, oldest deadline first.
   */
  private async overdueCases(p: ReviewPeriod, scope: Scope, lang: Lang, user: AuthUser | null): Promise<{ list: ListedCase[]; total: number }> {
    const { start, end } = periodBounds(p);
    const en = lang === 'en';
    const params = new Params();
    const [s, e] = [params.add(start), params.add(end)];
    // The list names cases and shows their words: only those the caller may see (the count follows the list).
    const where = `f.received_at < ${e} AND f.status NOT IN ('REJECTED')
          AND ((f.resolved_at IS NULL AND f.open) OR f.resolved_at >= ${e}
               OR (f.resolved_at >= ${s} AND f.due_at IS NOT NULL AND f.answered_at > f.due_at)) ${filterSql(scope, params, 'f.')}
          AND ${user ? visibilityCondition(user, params.add) : 'TRUE'}`;
    const title = user ? 'c.title' : `CASE WHEN c.sensitivity = 'PUBLIC' THEN c.title END`;
    const rows = await this.db.query(
      `SELECT c.id, c.code, ${title} AS title, ${en ? 'u.name_en' : 'u.name_vi'} AS agency, ${en ? 'a.name_en' : 'a.name_vi'} AS area,
              ${en ? 'cat.label_en' : 'cat.label_vi'} AS category, f.status, f.received_at, f.due_at, f.resolved_at,
              CASE WHEN f.due_at < least(coalesce(f.resolved_at, now()), now()) THEN floor(extract(epoch FROM least(coalesce(f.resolved_at, now()), now()) - f.due_at) / 86400) END AS days_overdue
         FROM case_fact f JOIN cases c ON c.id = f.case_id JOIN area a ON a.id = f.area_id
         LEFT JOIN org_unit u ON u.id = f.agency_id LEFT JOIN category cat ON cat.id = f.category_id
        WHERE ${where}
        ORDER BY (f.due_at < now()) DESC NULLS LAST, f.due_at NULLS LAST, f.received_at
        LIMIT ${LISTED_CASES_MAX}`,
      params.values,
    );
    const [{ n }] = await this.db.query(`SELECT count(*) AS n FROM case_fact f JOIN cases c ON c.id = f.case_id WHERE ${where}`, params.values);
    const list = rows.map((r: any) => ({
      id: r.id,
      code: r.code,
      title: r.title,
      agency: r.agency,
      area: r.area,
      category: r.category,
      status: CASE_STATUS_LABELS[r.status as CaseStatus]?.[lang] ?? r.status,
      receivedAt: r.received_at.toISOString(),
      dueAt: r.due_at?.toISOString() ?? null,
      resolvedAt: r.resolved_at?.toISOString() ?? null,
      daysOverdue: r.days_overdue === null ? null : Number(r.days_overdue),
    }));
    return { list, total: Number(n) };
  }

  private async intake(p: ReviewPeriod, scope: Scope): Promise<ReviewReport['intake']> {
    const { start, end } = periodBounds(p);
    const params = new Params();
    const [s, e] = [params.add(start), params.add(end)];
    const [r] = await this.db.query(
      `SELECT coalesce(sum(f.concern_count), 0) AS concerns, coalesce(sum(f.people_affected), 0) AS people
         FROM case_fact f WHERE f.received_at >= ${s} AND f.received_at < ${e} ${filterSql(scope, params, 'f.')}`,
      params.values,
    );
    return { concerns: Number(r.concerns), peopleAffected: Number(r.people) };
  }

  /** The coordination's own moves in the period, counted from the timeline (by each event's instant) for the cases in scope. */
  private async coordination(p: ReviewPeriod, scope: Scope): Promise<CoordinationFigures> {
    const { start, end } = periodBounds(p);
    const params = new Params();
    const [s, e] = [params.add(start), params.add(end)];
    const types = params.add(COORDINATION_EVENTS);
    const rows: Array<{ type: string; level: string | null; n: string; directives: string }> = await this.db.query(
      `SELECT e.type, CASE WHEN e.type = 'ESCALATED' THEN e.payload->>'level' END AS level, count(*) AS n,
              count(DISTINCT e.payload->>'directiveEventId') AS directives
         FROM case_event e JOIN case_fact f ON f.case_id = e.case_id
        WHERE e.type = ANY(${types}::text[]) AND e.occurred_at >= ${s} AND e.occurred_at < ${e} ${filterSql(scope, params, 'f.')}
        GROUP BY 1, 2`,
      params.values,
    );
    const count = (type: string, level?: string) =>
      rows.filter((r) => r.type === type && (level === undefined || r.level === level)).reduce((n, r) => n + Number(r.n), 0);
    const replied = rows.filter((r) => r.type === 'DIRECTIVE_REPLIED').reduce((n, r) => n + Number(r.directives), 0);
    return {
      directivesIssued: count('DIRECTIVE_ISSUED'),
      directivesReplied: replied,
      escalations: {
        total: count('ESCALATED'),
        cases: count('ESCALATED') ? await this.escalatedCases(p, scope) : 0,
        byLevel: { '1': count('ESCALATED', '1'), '2': count('ESCALATED', '2'), '3': count('ESCALATED', '3') },
      },
      extensions: { requested: count('EXTENSION_REQUESTED'), granted: count('EXTENSION_GRANTED'), denied: count('EXTENSION_DENIED') },
      returned: count('RETURNED'),
      delegated: count('DELEGATED'),
      reopened: count('REOPENED'),
      infoRequested: count('INFO_REQUESTED'),
      merged: count('MERGED'),
    };
  }

  /** Cases escalated at least once in the period (one case climbs several levels). */
  private async escalatedCases(p: ReviewPeriod, scope: Scope): Promise<number> {
    const { start, end } = periodBounds(p);
    const params = new Params();
    const [s, e] = [params.add(start), params.add(end)];
    const [r] = await this.db.query(
      `SELECT count(DISTINCT e.case_id) AS n FROM case_event e JOIN case_fact f ON f.case_id = e.case_id
        WHERE e.type = 'ESCALATED' AND e.occurred_at >= ${s} AND e.occurred_at < ${e} ${filterSql(scope, params, 'f.')}`,
      params.values,
    );
    return Number(r.n);
  }

  /** Area × category pairs with the most concerns received in the period: the issues that recur. */
  private async recurring(p: ReviewPeriod, scope: Scope, lang: Lang): Promise<RecurringIssue[]> {
    const en = lang === 'en';
    const { start, end } = periodBounds(p);
    const params = new Params();
    const [s, e] = [params.add(start), params.add(end)];
    const rows = await this.db.query(
      `SELECT ${en ? 'a.name_en' : 'a.name_vi'} AS area, ${en ? 'cat.label_en' : 'cat.label_vi'} AS category,
              sum(f.concern_count) AS concerns, count(*) AS cases, coalesce(sum(f.people_affected), 0) AS people
         FROM case_fact f JOIN area a ON a.id = f.area_id JOIN category cat ON cat.id = f.category_id
        WHERE f.received_at >= ${s} AND f.received_at < ${e} ${filterSql(scope, params, 'f.')}
        GROUP BY 1, 2
        ORDER BY concerns DESC, cases DESC, 1, 2
        LIMIT 20`,
      params.values,
    );
    return rows.map((r: any) => ({
      area: r.area,
      category: r.category,
      concerns: Number(r.concerns),
      cases: Number(r.cases),
      peopleAffected: Number(r.people),
    }));
  }
}
