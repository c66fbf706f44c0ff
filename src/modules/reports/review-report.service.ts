import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { localYearMonth } from '../../infrastructure/time/vn-time.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params, visibilityCondition } from '../cases/case-access.js';
import { CASE_STATUS_LABELS, type CaseStatus } from '../cases/case.types.js';
import type { GroupKey } from './dto/metrics-query.dto.js';
import { HotspotsService, type HotspotView } from './hotspots.service.js';
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
  /** 2026-Q3, 2026-H1 or 2026. */
  code: string;
  kind: 'quarter' | 'half' | 'year';
  from: string;
  to: string;
  label: string;
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
  summary: Figures;
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

/** The list of overdue and unresolved cases is capped: the meeting reads the oldest first. */
export const LISTED_CASES_MAX = 1_000;
const ROMAN = ['I', 'II', 'III', 'IV'];

/** Parses `2026-Q3`, `2026-H1` or `2026` into local days and a label. */
export function parsePeriod(code: string, lang: Lang): ReviewPeriod {
  const m = /^(\d{4})(?:-(Q[1-4]|H[12]))?$/.exec(code ?? '');
  if (!m) throw DomainError.validation([{ field: 'period', message: 'period must be a year (2026), a half-year (2026-H1) or a quarter (2026-Q3)' }]);
  const year = Number(m[1]);
  if (year < 2000 || year > 2100) throw DomainError.validation([{ field: 'period', message: `period year ${year} is out of range` }]);
  const part = m[2];
  const day = (month: number, d: number) => `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  const lastDay = (month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (!part) return { code: m[0], kind: 'year', from: day(1, 1), to: day(12, 31), label: lang === 'en' ? `Year ${year}` : `Năm ${year}` };
  const n = Number(part.slice(1));
  if (part[0] === 'H') {
    const [first, last] = n === 1 ? [1, 6] : [7, 12];
    const label = lang === 'en' ? `H${n} ${year}` : `6 tháng ${n === 1 ? 'đầu' : 'cuối'} năm ${year}`;
    return { code: m[0], kind: 'half', from: day(first, 1), to: day(last, lastDay(last)), label };
  }
  const first = (n - 1) * 3 + 1;
  const label = lang === 'en' ? `Q${n} ${year}` : `Quý ${ROMAN[n - 1]} năm ${year}`;
  return { code: m[0], kind: 'quarter', from: day(first, 1), to: day(first + 2, lastDay(first + 2)), label };
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
    const name = lang === 'en' ? 'The whole department' : 'Toàn Ban';
    return {
      lang,
      period,
      scope: { name: programme ? `${programme.code} — ${programme.title}` : name, programme },
      generatedAt: new Date().toISOString(),
      summary: all.totals,
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
