import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../../../config/index.js';
import { InjectConfig } from '../../infrastructure/config/config.module.js';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { VN_TIME_ZONE } from '../../infrastructure/time/vn-time.js';
import type { AuthUser } from '../auth/auth.decorators.js';
import { Params } from '../cases/case-access.js';
import { PRIORITY_LABELS, type Priority } from '../cases/case.types.js';
import { CHANNEL_LABELS, type Channel } from '../intake/intake.types.js';
import {
  type AgencyRankingQueryDto,
  type Dimension,
  type GroupKey,
  type Interval,
  MIN_ANSWERED_DEFAULT,
  type MetricsFilterDto,
  type OpenCasesQueryDto,
  type PeriodFilterDto,
  type ResolutionTimesQueryDto,
} from './dto/metrics-query.dto.js';
import { type Histogram, mergeInto, percentiles } from './duration-histogram.js';
import { addDays, isCalendarDay, localDay } from '../deadlines/working-calendar.js';
import { addPoint, type Cell, COUNTERS, DIM_COLUMN, dimBit, emptyCell, type FactRow, HISTOGRAMS, intervalKey, pointsOf } from './metric-cells.js';
import { COUNTER_COLUMNS, FACT_COLUMNS, FACTS_TOUCHING, HISTOGRAM_COLUMNS, MetricRollup, monthOf, nextMonth, vnMidnight } from './metric-rollup.service.js';

export type Lang = 'vi' | 'en';
const TZ = VN_TIME_ZONE;

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
  /** Resolved with a lead deadline (what the on-time share counts), and of them answered by the lead's clock's due instant. */
  answered: number;
  onTime: number;
  onTimeShare: number | null;
  acknowledge: { calendarHours: Durations; workingHours: Durations };
  resolve: { calendarHours: Durations; workingHours: Durations };
  /** The standing body's triage: receipt → TRIAGED (or a rejection), by the triage's instant; within its allowance = its clock MET. */
  triage: { count: number; onTime: number; onTimeShare: number | null; workingHours: Durations; workingSeconds: Durations };
  /** Verification of an answer: the last RESOLVED → CLOSED or REOPENED, by the verification's instant. */
  verify: { count: number; workingHours: Durations; workingSeconds: Durations };
  /** The lead's paused working time, per resolved case with a lead, by the resolution. */
  paused: { count: number; workingHours: Durations; workingSeconds: Durations };
}
export interface FiguresRow extends Figures {
  key: Partial<Record<GroupKey, string | null>>;
  label: string;
}
export interface ResolutionTimes {
  from: string;
  to: string;
  groupBy: GroupKey[];
  /** Exact (sorted from every case) or estimated from the day rollup's histograms, within 1 %. */
  percentiles: 'exact' | 'estimated';
  rows: FiguresRow[];
  totals: Figures;
}

/** An agency's line in the published ranking by on-time share; figures are null on lines an agency user may not read. */
export interface RankingRow {
  /** 1, 2, 3… for agencies with at least `minAnswered` answered cases; null for those listed unranked. */
  rank: number | null;
  agency: string;
  label: string;
  answered: number | null;
  onTime: number | null;
  onTimeShare: number | null;
  /** Receipt → resolution, working hours, median. */
  resolveMedianWorkingHours: number | null;
  /** The lead's paused working time per resolved case. */
  paused: { workingHours: Durations; workingSeconds: Durations } | null;
}
export interface AgencyRanking {
  from: string;
  to: string;
  minAnswered: number;
  percentiles: 'exact' | 'estimated';
  /** `all`: every line's figures; `own`: an agency user reads ranks and names, and the figures of its own line only. */
  visibility: 'all' | 'own';
  ranked: RankingRow[];
  unranked: RankingRow[];
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
/**
 * Each measure: the instant it counts by, and the figures it gives as `aggregate → column`:
 * `n` how many, `flagged` how many with the flag true (on time, late), `with_flag` how many carry
 * the flag at all, `cal_mean` / `work_mean` the mean calendar / working durations.
 */
interface Measure {
  m: string;
  at: string;
  flag?: string;
  cal?: string;
  work?: string;
  extra?: string;
  figures: Partial<Record<'n' | 'flagged' | 'with_flag' | 'cal_mean' | 'work_mean' | 'paused_n' | 'paused_mean', string>>;
}
const MEASURES: Measure[] = [
  { m: 'R', at: 'received_at', figures: { n: 'received' } },
  { m: 'A', at: 'acknowledged_at', cal: 'ack_calendar_s', work: 'ack_working_s', figures: { cal_mean: 'ack_cal_mean', work_mean: 'ack_work_mean' } },
  {
    m: 'S',
    at: 'resolved_at',
    cal: 'resolve_calendar_s',
    work: 'resolve_working_s',
    flag: 'on_time',
    figures: {
      n: 'resolved',
      flagged: 'on_time',
      with_flag: 'with_due',
      cal_mean: 'res_cal_mean',
      work_mean: 'res_work_mean',
      paused_n: 'paused_n',
      paused_mean: 'paused_mean',
    },
  },
  { m: 'C', at: 'closed_at', figures: { n: 'closed' } },
  {
    m: 'D',
    at: 'due_at',
    flag: '(answered_at IS NULL OR answered_at > due_at)',
    extra: `AND due_at < now() AND status <> 'REJECTED'`,
    figures: { flagged: 'overdue' },
  },
  {
    m: 'T',
    at: 'triaged_at',
    work: 'triage_working_s',
    flag: 'triage_on_time',
    figures: { n: 'triaged', flagged: 'triage_on_time', work_mean: 'triage_work_mean' },
  },
  { m: 'V', at: 'verified_at', work: 'verify_working_s', figures: { n: 'verified', work_mean: 'verify_work_mean' } },
];
/** Every figure column the measures give, in one order (the union's branches must agree). */
const FIGURE_COLUMNS = MEASURES.flatMap((ms) => Object.values(ms.figures));

/**
 * Leader metrics over case_fact (see CaseFacts): counts, durations and on-time shares by any
 * dimension or interval, and open cases by age. Standing body and leaders see everything; an agency
 * user sees the cases their unit leads and nothing else.
 */
@Injectable()
export class MetricsService {
  constructor(
    private readonly db: DataSource,
    private readonly rollup: MetricRollup,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async resolutionTimes(q: ResolutionTimesQueryDto, user: AuthUser | null, preset?: Scope): Promise<ResolutionTimes> {
    const { from, to, start, end } = period(q);
    const scope = preset ?? (await this.scope(q, user));
    const groupBy = q.groupBy ?? [];
    if (new Set(groupBy).size !== groupBy.length) throw DomainError.validation([{ field: 'groupBy', message: 'groupBy names a key twice' }]);
    const rolled = await this.fromRollup(groupBy, start, end, scope);
    const rows = rolled?.rows ?? (await this.inPasses(groupBy, start, end, scope));
    const labels = await this.labels(q.lang ?? 'vi');
    const totalRow = rows.find((r) => Number(r.total) !== 0) ?? (groupBy.length ? undefined : rows[0]);
    const out: FiguresRow[] = rows
      // A group none of whose measures fell in the period (e.g. only a deadline met in it) is no row.
      .filter((r) => r !== totalRow && !isEmpty(r))
      .map((r) => {
        const key: FiguresRow['key'] = {};
        groupBy.forEach((k, i) => (key[k] = labels.code(k, r[`k${i}`] ?? null)));
        return { key, label: groupBy.map((k, i) => labels.of(k, r[`k${i}`] ?? null)).join(' · '), ...figures(r) };
      })
      .sort((a, b2) => compareKeys(a, b2, groupBy));
    return { from, to, groupBy, percentiles: rolled?.percentiles ?? 'exact', rows: out, totals: totalRow ? figures(totalRow) : figures({}) };
  }

  /**
   * Agencies ranked by on-time share (answered by the lead's clock's due instant / answered with a
   * deadline), from the same figures as resolutionTimes by agency. Ties: more answered cases
   * first, then the shorter median time to resolve, then the agency code — so every rank is
   * distinct and the order never depends on the database. Counts only: no case is named. An agency
   * user reads every line's rank and name but the figures of its own line only.
   */
  async agencyRanking(q: AgencyRankingQueryDto, user: AuthUser | null, preset?: Scope): Promise<AgencyRanking> {
    const minAnswered = q.minAnswered ?? MIN_ANSWERED_DEFAULT;
    const own = user?.role === 'agency' ? user.orgUnitId : undefined;
    if (user?.role === 'agency' && !own) throw new DomainError('FORBIDDEN', 403, 'Your account belongs to no unit: no figures to show');
    // Every agency's figures (the filters apply, the agency user's own-unit hold does not: it is applied to the lines below).
    const scope = preset ?? (await this.scope({ ...q, agency: undefined }, null));
    const times = await this.resolutionTimes({ from: q.from, to: q.to, lang: q.lang, groupBy: ['agency'] }, null, scope);
    const labels = await this.labels(q.lang ?? 'vi');
    const idOf = new Map([...labels.maps.agency].map(([id, u]) => [u.code, id]));
    const lines = times.rows
      .filter((r) => r.key.agency)
      .map((r) => ({
        id: idOf.get(r.key.agency!) ?? null,
        agency: r.key.agency!,
        label: r.label,
        answered: r.answered,
        onTime: r.onTime,
        onTimeShare: r.onTimeShare,
        resolveMedianWorkingHours: r.resolve.workingHours.median,
        paused: { workingHours: r.paused.workingHours, workingSeconds: r.paused.workingSeconds },
      }))
      .sort(
        (a, b) =>
          (b.onTimeShare ?? -1) - (a.onTimeShare ?? -1) ||
          b.answered - a.answered ||
          (a.resolveMedianWorkingHours ?? Infinity) - (b.resolveMedianWorkingHours ?? Infinity) ||
          (a.agency < b.agency ? -1 : a.agency > b.agency ? 1 : 0),
      );
    const show = (l: (typeof lines)[number], rank: number | null): RankingRow => {
      const { id, ...line } = l;
      if (!own || id === own) return { rank, ...line };
      return {
        rank,
        agency: line.agency,
        label: line.label,
        answered: null,
        onTime: null,
        onTimeShare: null,
        resolveMedianWorkingHours: null,
        paused: null,
      };
    };
    const ranked = lines.filter((l) => l.answered >= minAnswered).map((l, i) => show(l, i + 1));
    // Unranked lines carry no rank to publish: an agency user sees only its own.
    const unranked = lines.filter((l) => l.answered < minAnswered && (!own || l.id === own)).map((l) => show(l, null));
    return { from: times.from, to: times.to, minAnswered, percentiles: times.percentiles, visibility: own ? 'own' : 'all', ranked, unranked };
  }

  async openCases(q: OpenCasesQueryDto, user: AuthUser | null, preset?: Scope): Promise<OpenCases> {
    const scope = preset ?? (await this.scope(q, user));
    const b = new Params();
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
    const { select, group } = grouping(groupBy);
    const b = new Params();
    const [s, e] = [b.add(start), b.add(end)];
    const where = filterSql(scope, b);
    const within = (col: string) => `${col} >= ${s} AND ${col} < ${e}`;
    // A measure's figures, counted where `cond` holds (all rows when null), named by their column.
    const aggregates = (ms: Measure, cond: string | null) => {
      const only = cond ? ` FILTER (WHERE ${cond})` : '';
      const sql = {
        n: `count(*)${only}`,
        flagged: `count(*) FILTER (WHERE ${cond ? `${cond} AND ` : ''}${ms.flag})`,
        with_flag: `count(${ms.flag})${only}`,
        cal_mean: `avg(${ms.cal})${only}`,
        work_mean: `avg(${ms.work})${only}`,
        paused_n: `count(paused_working_s)${only}`,
        paused_mean: `avg(paused_working_s)${only}`,
      };
      return new Map(Object.entries(ms.figures).map(([agg, column]) => [column, sql[agg as keyof typeof sql]]));
    };
    const countsSql = groupBy.some(isInterval)
      ? // A branch per measure, bucketed by its own instant; the columns it lacks are NULL.
        MEASURES.map((ms) => {
          const mine = aggregates(ms, null);
          return `SELECT '${ms.m}' AS m, ${select(ms.at)}, ${FIGURE_COLUMNS.map((c) => `${mine.get(c) ?? 'NULL::numeric'} AS ${c}`).join(', ')}
                    FROM case_fact WHERE ${within(ms.at)} ${ms.extra ?? ''} ${where} ${group(ms.at)}`;
        }).join('\n UNION ALL ')
      : // One scan: each measure's figures filtered to its own instant.
        `SELECT ${select('')},
                ${MEASURES.flatMap((ms) => [...aggregates(ms, `${within(ms.at)} ${ms.extra ?? ''}`)].map(([c, sql]) => `${sql} AS ${c}`)).join(',\n                ')}
           FROM case_fact
          WHERE received_at < ${e} AND greatest(${MEASURES.map((ms) => ms.at).join(', ')}) >= ${s} ${where}
          ${group('')}`;
    const [counts, ...timings] = await Promise.all([this.inMemory(countsSql, b.values), ...this.exactPercentiles(groupBy, start, end, scope)]);
    // One row per key (and the totals row), whatever statement and measure it came from.
    const id = (r: any) => JSON.stringify([Number(r.total), ...groupBy.map((_, i) => r[`k${i}`] ?? null)]);
    const merged = new Map<string, any>();
    const add = (r: any, values: Record<string, unknown>) =>
      merged.set(id(r), { ...merged.get(id(r)), total: r.total, ...Object.fromEntries(groupBy.map((_, i) => [`k${i}`, r[`k${i}`]])), ...values });
    for (const r of counts) {
      // A union branch carries only its own measure's columns; the others are its NULLs.
      const own = 'm' in r ? Object.values(MEASURES.find((ms) => ms.m === r.m)!.figures) : FIGURE_COLUMNS;
      add(r, Object.fromEntries(own.map((c) => [c, r[c]])));
    }
    for (const r of timings.flat()) add(r, r);
    // With a time key and no data the union gives no totals row: figures({}) stands in for it.
    return [...merged.values()];
  }

  /**
   * The medians and 90th percentiles of acknowledgement, resolution (and the lead's paused time),
   * triage and verification, sorted from every case of the period, each by its own instant.
   */
  private exactPercentiles(groupBy: GroupKey[], start: Date, end: Date, scope: Scope): Array<Promise<any[]>> {
    const { select, group } = grouping(groupBy);
    const b = new Params();
    const [s, e] = [b.add(start), b.add(end)];
    const where = filterSql(scope, b);
    const percentiles = (at: string, columns: Array<[string, string]>) =>
      this.inMemory(
        `SELECT ${select(at)},
                ${columns.map(([col, name]) => `percentile_cont(ARRAY[0.5, 0.9]) WITHIN GROUP (ORDER BY ${col}) AS ${name}`).join(',\n                ')}
           FROM case_fact WHERE ${at} >= ${s} AND ${at} < ${e} ${where} ${group(at)}`,
        b.values,
      );
    return [
      percentiles('acknowledged_at', [
        ['ack_calendar_s', 'ack_cal'],
        ['ack_working_s', 'ack_work'],
      ]),
      percentiles('resolved_at', [
        ['resolve_calendar_s', 'res_cal'],
        ['resolve_working_s', 'res_work'],
        ['paused_working_s', 'paused_work'],
      ]),
      percentiles('triaged_at', [['triage_working_s', 'triage_work']]),
      percentiles('verified_at', [['verify_working_s', 'verify_work']]),
    ];
  }

  /**
   * The figures from the day rollup (MetricRollup) for the days it holds, plus the rest of the
   * period (today, as a rule) from case_fact, added up per group here. Counts, on-time shares and
   * means are exact either way. Percentiles are exact while the period holds at most
   * METRICS_EXACT_MAX timings (sorted from case_fact, cheap at that size) and estimated from the
   * merged histograms above it. Null when the rollup cannot answer: not built yet, a coordination
   * programme's scope, more than two dimensions between the filters and the grouping, or switched
   * off (METRICS_ROLLUP=off).
   */
  private async fromRollup(groupBy: GroupKey[], start: Date, end: Date, scope: Scope): Promise<{ rows: any[]; percentiles: 'exact' | 'estimated' } | null> {
    if (scope.programme || !this.config.reports.rollup) return null;
    const filtered: Record<Dimension, unknown> = {
      agency: scope.agencyId,
      category: scope.categoryId,
      area: scope.areaIds,
      channel: scope.channel,
      priority: scope.priority,
    };
    const dims = new Set<Dimension>([
      ...(Object.keys(filtered) as Dimension[]).filter((d) => filtered[d] !== undefined),
      ...(groupBy.filter((k) => !isInterval(k)) as Dimension[]),
    ]);
    if (dims.size > 2) return null;
    const until = await this.rollup.rolledUntil();
    if (!until) return null;
    const mask = [...dims].reduce((m, d) => m | dimBit(d), 0);
    const untilAt = vnMidnight(until);
    const [fromDay, endDay] = [localDay(start), localDay(new Date(Math.min(end.getTime(), untilAt.getTime())))];
    const liveStart = new Date(Math.max(start.getTime(), untilAt.getTime()));

    const [{ timings }] = await this.db.query(
      `SELECT coalesce(sum(acknowledged + resolved), 0)::int8 AS timings FROM metric_day WHERE dims = 0 AND grain = 'day' AND day >= $1 AND day < $2`,
      [fromDay, endDay],
    );
    const estimated = Number(timings) > this.config.reports.exactPercentilesMax;
    // Whole months from the month rows (not for weeks, which straddle months), the days around them from the day rows.
    const r = new Params();
    const ranges = (grain: string, a: string, b: string) => (a < b ? [`(grain = '${grain}' AND day >= ${r.add(a)} AND day < ${r.add(b)})`] : []);
    let [firstMonth, afterMonths] = [fromDay === monthOf(fromDay) ? fromDay : nextMonth(fromDay), monthOf(endDay)];
    if (groupBy.includes('week') || firstMonth >= afterMonths) [firstMonth, afterMonths] = [endDay, endDay];
    const segments = [
      ...ranges('day', fromDay, firstMonth < endDay ? firstMonth : endDay),
      ...ranges('month', firstMonth, afterMonths),
      ...ranges('day', afterMonths, endDay),
    ];
    const rolledSql = `SELECT day::text AS day, agency_id, category_id, area_id, channel, priority, ${COUNTER_COLUMNS.join(', ')}
                              ${estimated ? `, ${HISTOGRAM_COLUMNS.join(', ')}` : ''}
                         FROM metric_day WHERE dims = ${r.add(mask)} AND (${segments.join(' OR ') || 'false'}) ${filterSql(scope, r)}`;
    const l = new Params();
    l.add(liveStart);
    l.add(end);
    const liveSql = `SELECT ${FACT_COLUMNS} FROM case_fact WHERE (${FACTS_TOUCHING}) ${filterSql(scope, l)}`;
    const [rolled, live, exact] = await Promise.all([
      fromDay < endDay ? this.db.query(rolledSql, r.values) : Promise.resolve([]),
      liveStart < end ? (this.db.query(liveSql, l.values) as Promise<FactRow[]>) : Promise.resolve([]),
      estimated ? Promise.resolve(null) : Promise.all(this.exactPercentiles(groupBy, start, end, scope)),
    ]);

    // Per group (and the totals): the rollup's rows and the live points added up.
    const groups = new Map<string, { keys: Array<string | null>; cell: Cell }>();
    const totals = emptyCell();
    const cellOf = (keys: Array<string | null>) => {
      const id = JSON.stringify(keys);
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { keys, cell: emptyCell() }));
      return g.cell;
    };
    const keysOf = (day: string, value: (d: Dimension) => string | null) => groupBy.map((k) => (isInterval(k) ? intervalKey(k, day) : value(k)));
    for (const row of rolled) {
      const targets = groupBy.length ? [totals, cellOf(keysOf(row.day, (d) => row[DIM_COLUMN[d]]))] : [totals];
      for (const c of targets) {
        COUNTERS.forEach((k, i) => (c[k] += Number(row[COUNTER_COLUMNS[i]])));
        if (estimated) HISTOGRAMS.forEach((k, i) => mergeInto(c[k], row[HISTOGRAM_COLUMNS[i]]));
      }
    }
    const now = new Date();
    for (const f of live) {
      for (const p of pointsOf(f, now)) {
        if (p.at < liveStart || p.at >= end) continue;
        addPoint(totals, p);
        if (groupBy.length) addPoint(cellOf(keysOf(localDay(p.at), (d) => (f[DIM_COLUMN[d]] as string | null) ?? null)), p);
      }
    }

    // The exact percentiles, found by the same keys (the totals row has total ≠ 0, or no keys at all).
    const exactBy = new Map<string, any>();
    for (const row of exact?.flat() ?? []) {
      const id = !groupBy.length || Number(row.total) !== 0 ? 'totals' : JSON.stringify(groupBy.map((_, i) => row[`k${i}`] ?? null));
      exactBy.set(id, { ...exactBy.get(id), ...row });
    }
    const raw = (cell: Cell, id: string, total: number, keys: Array<string | null>) => {
      const pct = (h: Histogram, col: string) => (estimated ? percentiles(h, [0.5, 0.9]) : (exactBy.get(id)?.[col] ?? null));
      const mean = (sum: number, n: number) => (n ? sum / n : null);
      return {
        total,
        ...Object.fromEntries(keys.map((k, i) => [`k${i}`, k])),
        received: cell.received,
        resolved: cell.resolved,
        closed: cell.closed,
        overdue: cell.overdue,
        on_time: cell.onTime,
        with_due: cell.withDue,
        ack_cal_mean: mean(cell.ackCalSum, cell.acknowledged),
        ack_work_mean: mean(cell.ackWorkSum, cell.acknowledged),
        res_cal_mean: mean(cell.resCalSum, cell.resolved),
        res_work_mean: mean(cell.resWorkSum, cell.resolved),
        ack_cal: pct(cell.ackCal, 'ack_cal'),
        ack_work: pct(cell.ackWork, 'ack_work'),
        res_cal: pct(cell.resCal, 'res_cal'),
        res_work: pct(cell.resWork, 'res_work'),
        paused_n: cell.pausedN,
        paused_mean: mean(cell.pausedSum, cell.pausedN),
        paused_work: pct(cell.pausedWork, 'paused_work'),
        triaged: cell.triaged,
        triage_on_time: cell.triageOnTime,
        triage_work_mean: mean(cell.triageWorkSum, cell.triaged),
        triage_work: pct(cell.triageWork, 'triage_work'),
        verified: cell.verified,
        verify_work_mean: mean(cell.verifyWorkSum, cell.verified),
        verify_work: pct(cell.verifyWork, 'verify_work'),
      };
    };
    const rows = [...groups].map(([id, g]) => raw(g.cell, id, 0, g.keys));
    rows.push(raw(totals, 'totals', 1, []));
    return { rows, percentiles: estimated ? 'estimated' : 'exact' };
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
    const unassigned = lang === 'en' ? 'Not yet assigned' : 'Chưa giao cơ quan nào';
    return {
      maps,
      code(k: GroupKey, v: string | null): string | null {
        if (v === null) return null;
        return k === 'agency' || k === 'category' || k === 'area' ? (maps[k].get(v)?.code ?? v) : v;
      },
      of(k: GroupKey, v: string | null): string {
        // A case no agency leads yet is a figure of its own: say so, not "none".
        if (v === null) return k === 'agency' ? unassigned : none;
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
  // Checked before the default period is worked out from them (a month 13 is no date at all).
  for (const [field, day] of [
    ['from', q.from],
    ['to', q.to],
  ] as const) {
    if (day !== undefined && !isCalendarDay(day)) throw DomainError.validation([{ field, message: `${field} is not a calendar day: ${day}` }]);
  }
  const to = q.to ?? localDay(new Date());
  const from = q.from ?? addDays(to, -364);
  if (from > to) throw DomainError.validation([{ field: 'from', message: `from (${from}) is after to (${to})` }]);
  return { from, to, start: vnMidnight(from), end: vnMidnight(addDays(to, 1)) };
}

/**
 * The grouping of a statement over case_fact whose time keys bucket the instant `at`: the key
 * columns k0, k1 with `total` (non-zero on the totals row), and the GROUP BY with the totals set.
 */
function grouping(groupBy: GroupKey[]) {
  const keys = (at: string) =>
    groupBy.map((k) =>
      isInterval(k) ? `to_char(date_trunc('${INTERVAL_FORMAT[k][0]}', ${at} AT TIME ZONE '${TZ}'), '${INTERVAL_FORMAT[k][1]}')` : DIMENSION_COLUMN[k],
    );
  return {
    select: (at: string) =>
      groupBy.length
        ? `${keys(at)
            .map((c, i) => `${c} AS k${i}`)
            .join(', ')}, GROUPING(${keys(at).join(', ')}) AS total`
        : '0 AS total',
    group: (at: string) => (groupBy.length ? `GROUP BY GROUPING SETS ((${keys(at).join(', ')}), ())` : ''),
  };
}

/** The scope as `AND …` conditions on case_fact; `f` is its alias in the query ('' when it has none). */
export function filterSql(s: Scope, p: Params, f = ''): string {
  const parts: string[] = [];
  if (s.agencyId) parts.push(`${f}agency_id = ${p.add(s.agencyId)}`);
  if (s.categoryId) parts.push(`${f}category_id = ${p.add(s.categoryId)}`);
  if (s.areaIds) parts.push(`${f}area_id = ANY(${p.add(s.areaIds)}::uuid[])`);
  if (s.channel) parts.push(`${f}channel = ${p.add(s.channel)}`);
  if (s.priority) parts.push(`${f}priority = ${p.add(s.priority)}`);
  if (s.programme) {
    parts.push(`(${f}agency_id = ANY(${p.add(s.programme.unitIds)}::uuid[]) OR ${f}category_id = ANY(${p.add(s.programme.categoryIds)}::uuid[]))`);
  }
  return parts.map((c) => `AND ${c}`).join(' ');
}

/** Nothing counted and nothing timed. */
function isEmpty(r: any): boolean {
  const count = (c: string) => Number(r[c] ?? 0);
  return ['received', 'resolved', 'closed', 'overdue', 'triaged', 'verified'].every((c) => count(c) === 0) && r.ack_cal_mean == null && r.res_cal_mean == null;
}

const hours = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round((Number(seconds) / 3600) * 100) / 100);
const secs = (seconds: unknown): number | null => (seconds === null || seconds === undefined ? null : Math.round(Number(seconds) * 100) / 100);
function durations(pcts: unknown, mean: unknown, unit = hours): Durations {
  const [median, p90] = Array.isArray(pcts) ? pcts : [null, null];
  return { median: unit(median), p90: unit(p90), mean: unit(mean) };
}

const share = (n: number, of: number) => (of ? Math.round((n / of) * 10_000) / 10_000 : null);

function figures(r: any): Figures {
  const withDue = Number(r.with_due ?? 0);
  const triaged = Number(r.triaged ?? 0);
  return {
    received: Number(r.received ?? 0),
    resolved: Number(r.resolved ?? 0),
    closed: Number(r.closed ?? 0),
    overdue: Number(r.overdue ?? 0),
    answered: withDue,
    onTime: Number(r.on_time ?? 0),
    onTimeShare: share(Number(r.on_time ?? 0), withDue),
    acknowledge: { calendarHours: durations(r.ack_cal, r.ack_cal_mean), workingHours: durations(r.ack_work, r.ack_work_mean) },
    resolve: { calendarHours: durations(r.res_cal, r.res_cal_mean), workingHours: durations(r.res_work, r.res_work_mean) },
    triage: {
      count: triaged,
      onTime: Number(r.triage_on_time ?? 0),
      onTimeShare: share(Number(r.triage_on_time ?? 0), triaged),
      workingHours: durations(r.triage_work, r.triage_work_mean),
      // The standing body's steps are often shorter than an hour: their seconds too.
      workingSeconds: durations(r.triage_work, r.triage_work_mean, secs),
    },
    verify: {
      count: Number(r.verified ?? 0),
      workingHours: durations(r.verify_work, r.verify_work_mean),
      workingSeconds: durations(r.verify_work, r.verify_work_mean, secs),
    },
    paused: {
      count: Number(r.paused_n ?? 0),
      workingHours: durations(r.paused_work, r.paused_mean),
      workingSeconds: durations(r.paused_work, r.paused_mean, secs),
    },
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
