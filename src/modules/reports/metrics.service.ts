import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { PRIORITY_LABELS, type Priority } from '../cases/case.types.js';
import { CHANNEL_LABELS, type Channel } from '../intake/intake.types.js';
import type { Dimension, GroupKey, Interval, MetricsFilterDto, OpenCasesQueryDto, PeriodFilterDto, ResolutionTimesQueryDto } from './dto/metrics-query.dto.js';

export type Lang = 'vi' | 'en';
const TZ = 'Asia/Ho_Chi_Minh';
const DAY_MS = 86_400_000;

/** Median, 90th percentile and mean, in hours (2 decimals); null when nothing was measured. */
export interface Durations {
  median: number | null;
  p90: number | null;
  mean: number | null;
}
export interface Figures {
  received: number;
  resolved: number;
  closed: number;
  overdue: number;
  onTimeShare: number | null;
  acknowledge: { calendarHours: Durations; workingHours: Durations };
  resolve: { calendarHours: Durations; workingHours: Durations };
}
export interface FiguresRow extends Figures {
  key: Partial<Record<GroupKey, string | null>>;
  label: string;
}
export interface ResolutionTimes {
  from: string;
  to: string;
  groupBy: GroupKey[];
  rows: FiguresRow[];
  totals: Figures;
}

export const AGE_BUCKETS = ['0-7', '8-15', '16-30', '31-60', '60+'] as const;
export interface OpenRow {
  key: Partial<Record<Dimension, string | null>>;
  label: string;
  total: number;
  overdue: number;
  byAge: Record<(typeof AGE_BUCKETS)[number], number>;
}
export interface OpenCases {
  asOf: string;
  buckets: typeof AGE_BUCKETS;
  rows: OpenRow[];
  totals: Omit<OpenRow, 'key' | 'label'>;
}

/** The resolved scope of a query: ids for the codes given, and the agency an agency user is held to. */
export interface Scope {
  agencyId?: string;
  categoryId?: string;
  areaIds?: string[];
  channel?: string;
  priority?: string;
  /** Restricts to these cases' ids (a coordination programme's report). */
  programme?: { unitIds: string[]; categoryIds: string[] };
}

/** A column of case_fact per dimension; its values are ids or codes, labelled after the query. */
const DIMENSION_COLUMN: Record<Dimension, string> = {
  agency: 'agency_id',
  category: 'category_id',
  area: 'area_id',
  channel: 'channel',
  priority: 'priority',
};
/** Local-time buckets of an instant: ISO week 2026-W07, month 2026-02, quarter 2026-Q1, year 2026. */
const INTERVAL_FORMAT: Record<Interval, [string, string]> = {
  week: ['week', 'IYYY-"W"IW'],
  month: ['month', 'YYYY-MM'],
  quarter: ['quarter', 'YYYY-"Q"Q'],
  year: ['year', 'YYYY'],
};
const isInterval = (k: GroupKey): k is Interval => k in INTERVAL_FORMAT;

/**
 * Each measure counts in the period of its own instant: received by receipt, acknowledged by the
 * acknowledgement, resolved (with its durations and on-time share) by the resolution, closed by
 * the closing, overdue by the deadline (a deadline that passed in the period, and before now,
 * without a resolution by then). A time grouping buckets each measure by that same instant.
 */
const MEASURES: Array<{ m: string; at: string; cal: string; work: string; flag: string; extra?: string }> = [
  { m: 'R', at: 'received_at', cal: 'NULL', work: 'NULL', flag: 'NULL' },
  { m: 'A', at: 'acknowledged_at', cal: 'ack_calendar_s', work: 'ack_working_s', flag: 'NULL' },
  { m: 'S', at: 'resolved_at', cal: 'resolve_calendar_s', work: 'resolve_working_s', flag: 'on_time' },
  { m: 'C', at: 'closed_at', cal: 'NULL', work: 'NULL', flag: 'NULL' },
  { m: 'D', at: 'due_at', cal: 'NULL', work: 'NULL', flag: '(resolved_at IS NULL OR resolved_at > due_at)', extra: `AND due_at < now() AND status <> 'REJECTED'` },
];

/** Collects bind parameters: `p(value)` → `$n`. */
class Binds {
  readonly values: unknown[] = [];
  p = (v: unknown) => {
    this.values.push(v);
    return `$${this.values.length}`;
  };
}

/**
 * Leader metrics over case_fact (see CaseFacts): counts, durations and on-time shares by any
 * dimension or interval, and open cases by age. Standing body and leaders see everything; an agency
 * user sees the cases their unit leads and nothing else.
 */
@Injectable()
export class MetricsService {
  constructor(private readonly db: DataSource) {}

  async resolutionTimes(q: ResolutionTimesQueryDto, user: AuthUser | null, preset?: Scope): Promise<ResolutionTimes> {
    const { from, to, start, end } = period(q);
    const scope = preset ?? (await this.scope(q, user));
    const groupBy = q.groupBy ?? [];
    if (new Set(groupBy).size !== groupBy.length) throw DomainError.validation([{ field: 'groupBy', message: 'groupBy names a key twice' }]);
    const rows = await this.inPasses(groupBy, start, end, scope);
    const labels = await this.labels(q.lang ?? 'vi');
    const totalRow = rows.find((r) => Number(r.total) !== 0) ?? (groupBy.length ? undefined : rows[0]);
    const out: FiguresRow[] = rows
      .filter((r) => r !== totalRow)
      .map((r) => {
        const key: FiguresRow['key'] = {};
        groupBy.forEach((k, i) => (key[k] = labels.code(k, r[`k${i}`] ?? null)));
        return { key, label: groupBy.map((k, i) => labels.of(k, r[`k${i}`] ?? null)).join(' · '), ...figures(r) };
      })
      .sort((a, b2) => compareKeys(a, b2, groupBy));
    return { from, to, groupBy, rows: out, totals: totalRow ? figures(totalRow) : figures({}) };
  }

  async openCases(q: OpenCasesQueryDto, user: AuthUser | null, preset?: Scope): Promise<OpenCases> {
    const scope = preset ?? (await this.scope(q, user));
    const b = new Binds();
    const where = filterSql(scope, b);
    const col = q.groupBy ? DIMENSION_COLUMN[q.groupBy] : null;
    const ages = [7, 15, 30, 60];
    const sql = `
      SELECT ${col ? `${col} AS k, GROUPING(${col}) AS total_row` : '1 AS total_row'}, count(*) AS total,
             count(*) FILTER (WHERE due_at < now()) AS overdue,
             ${AGE_BUCKETS.map((bucket, i) => {
               const lo = i === 0 ? null : ages[i - 1];
               const hi = ages[i];
               const cond = [lo === null ? null : `age > ${lo}`, hi === undefined ? null : `age <= ${hi}`].filter(Boolean).join(' AND ');
               return `count(*) FILTER (WHERE ${cond}) AS "${bucket}"`;
             }).join(',\n             ')}
        FROM (SELECT *, floor(extract(epoch FROM now() - received_at) / 86400) AS age FROM case_fact WHERE open ${where}) f
       ${col ? `GROUP BY GROUPING SETS ((${col}), ())` : ''}`;
    const rows: any[] = await this.db.query(sql, b.values);
    const labels = await this.labels(q.lang ?? 'vi');
    const counts = (r: any) => ({
      total: Number(r?.total ?? 0),
      overdue: Number(r?.overdue ?? 0),
      byAge: Object.fromEntries(AGE_BUCKETS.map((k) => [k, Number(r?.[k] ?? 0)])) as OpenRow['byAge'],
    });
    const totalRow = rows.find((r) => Number(r.total_row) !== 0);
    const out = q.groupBy
      ? rows
          .filter((r) => r !== totalRow)
          .map((r) => ({ key: { [q.groupBy!]: labels.code(q.groupBy!, r.k ?? null) }, label: labels.of(q.groupBy!, r.k ?? null), ...counts(r) }))
          .sort((a, b2) => b2.total - a.total || a.label.localeCompare(b2.label, 'vi'))
      : [];
    return { asOf: new Date().toISOString(), buckets: AGE_BUCKETS, rows: out, totals: counts(totalRow) };
  }

  /**
   * The figures in three statements run side by side on separate connections: the counts and
   * means, then the percentiles of each duration, which sort only what was acknowledged (or
   * resolved) in the period. Without a time key the counts are one scan of case_fact (hash
   * aggregation, run in parallel); with one, each measure is bucketed by its own instant, so the
   * counts read one index range per measure.
   */
  private async inPasses(groupBy: GroupKey[], start: Date, end: Date, scope: Scope): Promise<any[]> {
    const keys = (at: string) =>
      groupBy.map((k) => (isInterval(k) ? `to_char(date_trunc('${INTERVAL_FORMAT[k][0]}', ${at} AT TIME ZONE '${TZ}'), '${INTERVAL_FORMAT[k][1]}')` : DIMENSION_COLUMN[k]));
    const select = (at: string) =>
      groupBy.length ? `${keys(at).map((c, i) => `${c} AS k${i}`).join(', ')}, GROUPING(${keys(at).join(', ')}) AS total` : '0 AS total';
    const group = (at: string) => (groupBy.length ? `GROUP BY GROUPING SETS ((${keys(at).join(', ')}), ())` : '');
    const b = new Binds();
    const [s, e] = [b.p(start), b.p(end)];
    const where = filterSql(scope, b);
    const within = (col: string) => `${col} >= ${s} AND ${col} < ${e}`;
    const countsSql = groupBy.some(isInterval)
      ? MEASURES.map(
          (ms) => `SELECT '${ms.m}' AS m, ${select(ms.at)}, count(*) AS n, count(*) FILTER (WHERE (${ms.flag})::boolean) AS flagged,
                          count((${ms.flag})::boolean) AS with_flag, avg((${ms.cal})::int) AS cal_mean, avg((${ms.work})::int) AS work_mean
                     FROM case_fact WHERE ${within(ms.at)} ${ms.extra ?? ''} ${where} ${group(ms.at)}`,
        ).join('\n UNION ALL ')
      : `SELECT ${select('')},
                count(*) FILTER (WHERE ${within('received_at')}) AS received,
                count(*) FILTER (WHERE ${within('resolved_at')}) AS resolved,
                count(*) FILTER (WHERE ${within('closed_at')}) AS closed,
                count(*) FILTER (WHERE ${within('due_at')} AND due_at < now() AND status <> 'REJECTED' AND (resolved_at IS NULL OR resolved_at > due_at)) AS overdue,
                count(*) FILTER (WHERE ${within('resolved_at')} AND on_time) AS on_time,
                count(*) FILTER (WHERE ${within('resolved_at')} AND on_time IS NOT NULL) AS with_due,
                avg(ack_calendar_s) FILTER (WHERE ${within('acknowledged_at')}) AS ack_cal_mean,
                avg(ack_working_s) FILTER (WHERE ${within('acknowledged_at')}) AS ack_work_mean,
                avg(resolve_calendar_s) FILTER (WHERE ${within('resolved_at')}) AS res_cal_mean,
                avg(resolve_working_s) FILTER (WHERE ${within('resolved_at')}) AS res_work_mean
           FROM case_fact
          WHERE received_at < ${e} AND greatest(received_at, acknowledged_at, resolved_at, closed_at, due_at) >= ${s} ${where}
          ${group('')}`;
    const percentiles = (at: string, cal: string, work: string, prefix: string) =>
      this.inMemory(
        `SELECT ${select(at)},
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${cal}) AS ${prefix}_cal,
                percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${work}) AS ${prefix}_work
           FROM case_fact WHERE ${within(at)} ${where} ${group(at)}`,
        b.values,
      );
    const [counts, ack, res] = await Promise.all([
      this.inMemory(countsSql, b.values),
      percentiles('acknowledged_at', 'ack_calendar_s', 'ack_working_s', 'ack'),
      percentiles('resolved_at', 'resolve_calendar_s', 'resolve_working_s', 'res'),
    ]);
    // One row per key (and the totals row), whatever statement and measure it came from.
    const id = (r: any) => JSON.stringify([Number(r.total), ...groupBy.map((_, i) => r[`k${i}`] ?? null)]);
    const merged = new Map<string, any>();
    const add = (r: any, values: Record<string, unknown>) => merged.set(id(r), { ...merged.get(id(r)), ...r, ...values });
    for (const r of counts) {
      if (!('m' in r)) add(r, {});
      else if (r.m === 'R') add(r, { received: r.n });
      else if (r.m === 'A') add(r, { ack_cal_mean: r.cal_mean, ack_work_mean: r.work_mean });
      else if (r.m === 'S') add(r, { resolved: r.n, on_time: r.flagged, with_due: r.with_flag, res_cal_mean: r.cal_mean, res_work_mean: r.work_mean });
      else if (r.m === 'C') add(r, { closed: r.n });
      else add(r, { overdue: r.flagged });
    }
    for (const r of [...ack, ...res]) add(r, {});
    // With a time key and no data the union gives no totals row: figures({}) stands in for it.
    return [...merged.values()];
  }

  /**
   * Turns the codes of a query into ids and applies who may see what: an agency user is held to
   * their own unit (naming another is refused), other roles see everything.
   */
  async scope(q: MetricsFilterDto, user: AuthUser | null): Promise<Scope> {
    const scope: Scope = { channel: q.channel, priority: q.priority };
    if (q.agency) {
      const [u] = await this.db.query(`SELECT id FROM org_unit WHERE code = $1`, [q.agency]);
      if (!u) throw DomainError.validation([{ field: 'agency', message: `Unknown agency code ${q.agency}` }]);
      scope.agencyId = u.id;
    }
    if (user?.role === 'agency') {
      if (!user.orgUnitId) throw new DomainError('FORBIDDEN', 403, 'Your account belongs to no unit: no figures to show');
      if (scope.agencyId && scope.agencyId !== user.orgUnitId) {
        throw new DomainError('FORBIDDEN', 403, "An agency sees its own figures only, not another agency's");
      }
      scope.agencyId = user.orgUnitId;
    }
    if (q.category) {
      const [c] = await this.db.query(`SELECT id FROM category WHERE code = $1`, [q.category]);
      if (!c) throw DomainError.validation([{ field: 'category', message: `Unknown category code ${q.category}` }]);
      scope.categoryId = c.id;
    }
    if (q.area) {
      const areas: Array<{ id: string }> = await this.db.query(
        `WITH RECURSIVE t AS (SELECT id FROM area WHERE code = $1 UNION ALL SELECT a.id FROM area a JOIN t ON a.parent_id = t.id) SELECT id FROM t`,
        [q.area],
      );
      if (!areas.length) throw DomainError.validation([{ field: 'area', message: `Unknown area code ${q.area}` }]);
      scope.areaIds = areas.map((a) => a.id);
    }
    return scope;
  }

  /** Labels of every dimension value, in one language. */
  async labels(lang: Lang) {
    const name = lang === 'en' ? 'name_en' : 'name_vi';
    const [units, cats, areas] = await Promise.all([
      this.db.query(`SELECT id, code, ${name} AS label FROM org_unit`),
      this.db.query(`SELECT id, code, ${lang === 'en' ? 'label_en' : 'label_vi'} AS label FROM category`),
      this.db.query(`SELECT id, code, ${name} AS label FROM area`),
    ]);
    const maps = {
      agency: new Map<string, { code: string; label: string }>(units.map((r: any) => [r.id, r])),
      category: new Map<string, { code: string; label: string }>(cats.map((r: any) => [r.id, r])),
      area: new Map<string, { code: string; label: string }>(areas.map((r: any) => [r.id, r])),
    };
    const none = lang === 'en' ? '(none)' : '(chưa có)';
    return {
      maps,
      code(k: GroupKey, v: string | null): string | null {
        if (v === null) return null;
        return k === 'agency' || k === 'category' || k === 'area' ? (maps[k].get(v)?.code ?? v) : v;
      },
      of(k: GroupKey, v: string | null): string {
        if (v === null) return none;
        if (k === 'agency' || k === 'category' || k === 'area') return maps[k].get(v)?.label ?? v;
        if (k === 'channel') return CHANNEL_LABELS[v as Channel]?.[lang] ?? v;
        if (k === 'priority') return PRIORITY_LABELS[v as Priority]?.[lang] ?? v;
        return v;
      },
    };
  }

  /**
   * Percentiles sort every duration of the period in one go; with the session default work_mem
   * (4 MB) a year at 1M cases spills to disk. A bigger work_mem for this statement only.
   */
  private inMemory(sql: string, params: unknown[]): Promise<any[]> {
    return this.db.transaction(async (m) => {
      await m.query(`SET LOCAL work_mem = '64MB'`);
      return m.query(sql, params);
    });
  }
}

/** The period's local days and the instants that bound it: [start, end). */
export function period(q: PeriodFilterDto): { from: string; to: string; start: Date; end: Date } {
  const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
  const to = q.to ?? today;
  const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 364 * DAY_MS).toISOString().slice(0, 10);
  for (const [field, day] of [['from', from], ['to', to]] as const) {
    if (new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day || Number.isNaN(Date.parse(day))) {
      throw DomainError.validation([{ field, message: `${field} is not a calendar day: ${day}` }]);
    }
  }
  if (from > to) throw DomainError.validation([{ field: 'from', message: `from (${from}) is after to (${to})` }]);
  const start = new Date(`${from}T00:00:00+07:00`);
  const end = new Date(Date.parse(`${to}T00:00:00+07:00`) + DAY_MS);
  return { from, to, start, end };
}

function filterSql(s: Scope, b: Binds): string {
  const parts: string[] = [];
  if (s.agencyId) parts.push(`agency_id = ${b.p(s.agencyId)}`);
  if (s.categoryId) parts.push(`category_id = ${b.p(s.categoryId)}`);
  if (s.areaIds) parts.push(`area_id = ANY(${b.p(s.areaIds)}::uuid[])`);
  if (s.channel) parts.push(`channel = ${b.p(s.channel)}`);
  if (s.priority) parts.push(`priority = ${b.p(s.priority)}`);
  if (s.programme) {
    parts.push(`(agency_id = ANY(${b.p(s.programme.unitIds)}::uuid[]) OR category_id = ANY(${b.p(s.programme.categoryIds)}::uuid[]))`);
  }
  return parts.map((p) => `AND ${p}`).join(' ');
}

const hours = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 100) / 100);
function durations(pcts: unknown, mean: unknown): Durations {
  const [median, p90] = Array.isArray(pcts) ? pcts : [null, null];
  return { median: hours(median), p90: hours(p90), mean: hours(mean) };
}

function figures(r: any): Figures {
  const withDue = Number(r.with_due ?? 0);
  return {
    received: Number(r.received ?? 0),
    resolved: Number(r.resolved ?? 0),
    closed: Number(r.closed ?? 0),
    overdue: Number(r.overdue ?? 0),
    onTimeShare: withDue ? Math.round((Number(r.on_time) / withDue) * 10_000) / 10_000 : null,
    acknowledge: { calendarHours: durations(r.ack_cal, r.ack_cal_mean), workingHours: durations(r.ack_work, r.ack_work_mean) },
    resolve: { calendarHours: durations(r.res_cal, r.res_cal_mean), workingHours: durations(r.res_work, r.res_work_mean) },
  };
}

/** Time keys in time order; dimension rows by volume, then label. */
function compareKeys(a: FiguresRow, b: FiguresRow, groupBy: GroupKey[]): number {
  for (const k of groupBy) {
    if (!isInterval(k)) continue;
    const c = String(a.key[k] ?? '').localeCompare(String(b.key[k] ?? ''));
    if (c) return c;
  }
  return b.received + b.resolved - (a.received + a.resolved) || a.label.localeCompare(b.label, 'vi');
}
