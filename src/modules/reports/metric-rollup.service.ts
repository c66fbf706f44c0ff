import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { addDays, dayStart, localDay } from '../deadlines/working-calendar.js';
import { encode, mergeInto } from './duration-histogram.js';
import { addPoint, type Cell, COUNTERS, DIM_COLUMN, DIMS, dimBit, emptyCell, type FactRow, HISTOGRAMS, pointsOf, ROLLED_MASKS } from './metric-cells.js';

/** Days rolled per statement pair: a month of facts is a few tens of thousands of rows at 1M cases. */
const CHUNK_DAYS = 31;
/** Serialises every writer of metric_day (the worker's roll, a rebuild from the CLI). */
const ROLLUP_LOCK = 238_005;

/** The case_fact columns a point needs (see FactRow). */
export const FACT_COLUMNS = `received_at, acknowledged_at, resolved_at, closed_at, due_at, ack_calendar_s, ack_working_s,
  resolve_calendar_s, resolve_working_s, on_time, answered_at, triaged_at, triage_working_s, triage_on_time, verified_at, verify_working_s,
  paused_working_s, status, agency_id, category_id, area_id, channel, priority`;
/** Facts with any instant in [$1, $2): one index range per instant, OR-ed into one bitmap. */
export const FACTS_TOUCHING = `(received_at >= $1 AND received_at < $2) OR (acknowledged_at >= $1 AND acknowledged_at < $2)
  OR (resolved_at >= $1 AND resolved_at < $2) OR (closed_at >= $1 AND closed_at < $2) OR (due_at >= $1 AND due_at < $2)
  OR (triaged_at >= $1 AND triaged_at < $2) OR (verified_at >= $1 AND verified_at < $2)`;

const ROW_COLUMNS = [
  'day',
  'grain',
  'dims',
  'agency_id',
  'category_id',
  'area_id',
  'channel',
  'priority',
  'received',
  'acknowledged',
  'ack_cal_sum',
  'ack_work_sum',
  'resolved',
  'on_time',
  'with_due',
  'res_cal_sum',
  'res_work_sum',
  'closed',
  'overdue',
  'paused_n',
  'paused_sum',
  'triaged',
  'triage_on_time',
  'triage_work_sum',
  'verified',
  'verify_work_sum',
  'ack_cal',
  'ack_work',
  'res_cal',
  'res_work',
  'paused_work',
  'triage_work',
  'verify_work',
];
const ROW_TYPES = [
  'date',
  'text',
  'int2',
  'uuid',
  'uuid',
  'uuid',
  'text',
  'text',
  'int4',
  'int4',
  'int8',
  'int8',
  'int4',
  'int4',
  'int4',
  'int8',
  'int8',
  'int4',
  'int4',
  'int4',
  'int8',
  'int4',
  'int4',
  'int8',
  'int4',
  'int8',
  'bytea',
  'bytea',
  'bytea',
  'bytea',
  'bytea',
  'bytea',
  'bytea',
];
const INSERT_SQL = `INSERT INTO metric_day (${ROW_COLUMNS.join(', ')}) SELECT * FROM unnest(${ROW_TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;

/** 00:00 of a Vietnam day, as a Date (a query parameter). */
export const vnMidnight = (day: string) => new Date(dayStart(day));
/** The first day of the month of `day`, and of the month after it. */
export const monthOf = (day: string) => `${day.slice(0, 7)}-01`;
export const nextMonth = (day: string) => {
  const [y, m] = [Number(day.slice(0, 4)), Number(day.slice(5, 7))];
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
};
/** The rollup's columns by the Cell field they hold (ackCalSum → ack_cal_sum). */
export const COUNTER_COLUMNS = COUNTERS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));
export const HISTOGRAM_COLUMNS = HISTOGRAMS.map((k) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`));

/**
 * The day rollup behind the leader metrics: per Vietnam day and per value of every set of at most
 * two dimensions (agency, category, area, channel, priority), the counters of each measure, the
 * sums of the durations and their histograms (see duration-histogram.ts); and the same per month,
 * added up from its days. A query over a year then reads a few thousand rows instead of a year of
 * cases.
 *
 * It holds the days before `rolled_until` (today, once the worker has run today): today's figures
 * keep changing and are read live from case_fact. CaseFacts marks the days a recompute changed in
 * metric_dirty_day, in the same transaction as the facts, and `roll()` rewrites those days whole.
 */
@Injectable()
export class MetricRollup {
  private readonly logger = new Logger(MetricRollup.name);

  constructor(private readonly db: DataSource) {}

  /** Marks days to roll again; runs in the transaction that changed the facts. */
  static async markDirty(m: EntityManager, days: Iterable<string>): Promise<void> {
    // In day order, as roll() deletes them: two writers never wait on each other's rows crosswise.
    const list = [...new Set(days)].sort();
    if (!list.length) return;
    await m.query(
      `INSERT INTO metric_dirty_day (day, version) SELECT unnest($1::date[]), pg_current_xact_id()::text::int8
       ON CONFLICT (day) DO UPDATE SET version = EXCLUDED.version`,
      [list],
    );
  }

  /** The first day not rolled yet (YYYY-MM-DD), or null while the rollup has never been built. */
  async rolledUntil(): Promise<string | null> {
    const [w] = await this.db.query(`SELECT rolled_until::text AS d FROM metrics_watermark WHERE id = 1`);
    return w?.d ?? null;
  }

  /**
   * Brings the rollup up to date: builds it when it never was, rolls the days that ended since the
   * last run, then rewrites the days marked dirty. Returns how many days were written.
   */
  async roll(now = new Date()): Promise<number> {
    const today = localDay(now);
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`);
      const [w] = await m.query(`SELECT rolled_until::text AS d FROM metrics_watermark WHERE id = 1`);
      if (!w?.d) return this.build(m, today);
      let written = 0;
      const months = new Set<string>();
      // Another worker whose clock runs ahead may have rolled further: what it rolled is kept up to date too.
      const until = w.d > today ? w.d : today;
      if (w.d < today) {
        written += await this.rollRange(m, w.d, today);
        for (let d = monthOf(w.d); d < today; d = nextMonth(d)) months.add(d);
        await m.query(`UPDATE metrics_watermark SET rolled_until = $1 WHERE id = 1`, [today]);
      }
      const dirty: Array<{ day: string; version: string }> = await m.query(`SELECT day::text AS day, version FROM metric_dirty_day ORDER BY day`);
      // Days from today on are not rolled (the live part reads them); their marks just go.
      const stale = dirty.map((d) => d.day).filter((d) => d < until);
      for (const [from, until] of runs(stale)) written += await this.rollRange(m, from, until);
      for (const d of stale) months.add(monthOf(d));
      await this.rollMonths(m, [...months]);
      if (dirty.length) {
        await m.query(`DELETE FROM metric_dirty_day d USING unnest($1::date[], $2::int8[]) AS s(day, version) WHERE d.day = s.day AND d.version = s.version`, [
          dirty.map((d) => d.day),
          dirty.map((d) => d.version),
        ]);
      }
      return written;
    });
  }

  /** Rewrites the whole rollup from case_fact (after `metrics:rebuild`); queries see the old one until it commits. */
  async rebuild(now = new Date()): Promise<number> {
    return this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${ROLLUP_LOCK})`);
      return this.build(m, localDay(now));
    });
  }

  private async build(m: EntityManager, today: string): Promise<number> {
    const started = Date.now();
    const [{ first }] = await m.query(`SELECT min(received_at) AS first FROM case_fact`);
    await m.query(`DELETE FROM metric_day`);
    await m.query(`DELETE FROM metric_dirty_day`);
    const days = first ? await this.rollRange(m, localDay(first), today) : 0;
    const months: string[] = [];
    for (let d = first ? monthOf(localDay(first)) : today; d < today; d = nextMonth(d)) months.push(d);
    await this.rollMonths(m, months);
    await m.query(`UPDATE metrics_watermark SET rolled_until = $1 WHERE id = 1`, [today]);
    this.logger.log({ days, ms: Date.now() - started }, 'metric rollup built');
    return days;
  }

  /** Rewrites the days [from, until) from case_fact, a month at a time. */
  private async rollRange(m: EntityManager, from: string, until: string): Promise<number> {
    let written = 0;
    for (let day = from; day < until; day = addDays(day, CHUNK_DAYS)) {
      const end = addDays(day, CHUNK_DAYS) < until ? addDays(day, CHUNK_DAYS) : until;
      const facts: FactRow[] = await m.query(`SELECT ${FACT_COLUMNS} FROM case_fact WHERE ${FACTS_TOUCHING}`, [vnMidnight(day), vnMidnight(end)]);
      const cells = rollCells(facts, day, end, vnMidnight(until));
      await m.query(`DELETE FROM metric_day WHERE grain = 'day' AND day >= $1 AND day < $2`, [day, end]);
      for (let i = 0; i < cells.length; i += 5_000) await m.query(INSERT_SQL, columnsOf(cells.slice(i, i + 5_000)));
      written += Math.round((dayStart(end) - dayStart(day)) / 86_400_000);
    }
    return written;
  }

  /** Rewrites the month rows of these months (first days) from their day rows. */
  private async rollMonths(m: EntityManager, months: string[]): Promise<void> {
    for (const month of months) {
      const days: any[] = await m.query(
        `SELECT dims, ${DIMS.map((d) => DIM_COLUMN[d]).join(', ')}, ${COUNTER_COLUMNS.join(', ')}, ${HISTOGRAM_COLUMNS.join(', ')}
           FROM metric_day WHERE grain = 'day' AND day >= $1 AND day < $2`,
        [month, nextMonth(month)],
      );
      const cells = new Map<string, RolledCell>();
      for (const r of days) {
        const values = DIMS.map((d) => r[DIM_COLUMN[d]] as string | null);
        const key = `${r.dims}|${values.join('|')}`;
        let c = cells.get(key);
        if (!c) cells.set(key, (c = Object.assign(emptyCell(), { day: month, grain: 'month' as const, dims: r.dims, values })));
        COUNTERS.forEach((k, i) => (c[k] += Number(r[COUNTER_COLUMNS[i]])));
        HISTOGRAMS.forEach((k, i) => mergeInto(c[k], r[HISTOGRAM_COLUMNS[i]]));
      }
      await m.query(`DELETE FROM metric_day WHERE grain = 'month' AND day = $1`, [month]);
      const list = [...cells.values()];
      for (let i = 0; i < list.length; i += 5_000) await m.query(INSERT_SQL, columnsOf(list.slice(i, i + 5_000)));
    }
  }
}

interface RolledCell extends Cell {
  day: string;
  grain: 'day' | 'month';
  dims: number;
  values: Array<string | null>;
}

/** The rollup rows of the days [from, until): every point in them, under each set of dimensions. */
function rollCells(facts: FactRow[], from: string, until: string, cutoff: Date): RolledCell[] {
  const byDay = new Map<string, Map<string, RolledCell>>();
  // Dimension values as small numbers, so that the keys hashed below are short.
  const numbers = new Map<string | null, number>();
  const numberOf = (v: string | null) => numbers.get(v) ?? (numbers.set(v, numbers.size), numbers.size - 1);
  for (const f of facts) {
    const values = DIMS.map((d) => (f[DIM_COLUMN[d]] as string | null) ?? null);
    // The fact's value under each set of dimensions, and its key; the same for all its points.
    const sets = ROLLED_MASKS.map((mask) => {
      const mine = values.map((v, i) => (mask & dimBit(DIMS[i]) ? v : null));
      return { mask, mine, key: `${mask}|${mine.map(numberOf).join('|')}` };
    });
    // Deadlines count as passed only up to the end of the rolled days (the rest is read live).
    for (const p of pointsOf(f, cutoff)) {
      const day = localDay(p.at);
      if (day < from || day >= until) continue;
      // A map per day keyed by the fact's own key strings: their hashes are computed once.
      let today = byDay.get(day);
      if (!today) byDay.set(day, (today = new Map()));
      for (const { mask, mine, key } of sets) {
        let c = today.get(key);
        if (!c) today.set(key, (c = Object.assign(emptyCell(), { day, grain: 'day' as const, dims: mask, values: mine })));
        addPoint(c, p);
      }
    }
  }
  return [...byDay.values()].flatMap((m) => [...m.values()]);
}

function columnsOf(cells: RolledCell[]): unknown[][] {
  return [
    cells.map((c) => c.day),
    cells.map((c) => c.grain),
    cells.map((c) => c.dims),
    ...DIMS.map((_, i) => cells.map((c) => c.values[i])),
    ...COUNTERS.map((k) => cells.map((c) => c[k])),
    ...HISTOGRAMS.map((k) => cells.map((c) => encode(c[k]))),
  ];
}

/** Sorted days as runs of consecutive days, each [first, day after last). */
function runs(days: string[]): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const d of [...new Set(days)].sort()) {
    const last = out[out.length - 1];
    if (last && last[1] === d) last[1] = addDays(d, 1);
    else out.push([d, addDays(d, 1)]);
  }
  return out;
}
