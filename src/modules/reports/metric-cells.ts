import type { Dimension, Interval } from './dto/metrics-query.dto.js';
import { addTo, bucketOf, type Histogram } from './duration-histogram.js';

/**
 * What one case contributes to the figures of one day: the rules of MetricsService's measures
 * (received by receipt, acknowledged by the acknowledgement, resolved with its durations and
 * on-time flag by the resolution, closed by the closing, overdue by the deadline) written once
 * for the day rollup and for the live part of a query, from a row of case_fact.
 */
export interface FactRow {
  received_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  due_at: Date | null;
  ack_calendar_s: number | null;
  ack_working_s: number | null;
  resolve_calendar_s: number | null;
  resolve_working_s: number | null;
  on_time: boolean | null;
  answered_at: Date | null;
  triaged_at: Date | null;
  triage_working_s: number | null;
  triage_on_time: boolean | null;
  verified_at: Date | null;
  verify_working_s: number | null;
  paused_working_s: number | null;
  status: string;
  agency_id: string | null;
  category_id: string | null;
  area_id: string | null;
  channel: string | null;
  priority: string | null;
}

/** Received, acknowledged, resolved (solved), closed, deadline; triaged, verified. */
export type MeasureCode = 'R' | 'A' | 'S' | 'C' | 'D' | 'T' | 'V';
export interface Point {
  m: MeasureCode;
  at: Date;
  cal?: number | null;
  work?: number | null;
  flag?: boolean | null;
  /** S: the lead's paused working seconds. */
  paused?: number | null;
  /** The histogram buckets of cal, work and paused, worked out once (a point is added under 16 sets). */
  calBucket?: number;
  workBucket?: number;
  pausedBucket?: number;
}

function timed(p: Point): Point {
  if (p.cal != null) p.calBucket = bucketOf(p.cal);
  if (p.work != null) p.workBucket = bucketOf(p.work);
  if (p.paused != null) p.pausedBucket = bucketOf(p.paused);
  return p;
}

/** The dimensions in the order of their bits in metric_day.dims (agency = 16 … priority = 1). */
export const DIMS: Dimension[] = ['agency', 'category', 'area', 'channel', 'priority'];
export const DIM_COLUMN: Record<Dimension, keyof FactRow> = {
  agency: 'agency_id',
  category: 'category_id',
  area: 'area_id',
  channel: 'channel',
  priority: 'priority',
};
export const dimBit = (d: Dimension) => 1 << (DIMS.length - 1 - DIMS.indexOf(d));
/** Every set of at most two dimensions, as a bit mask: what the rollup keeps a row per value for. */
export const ROLLED_MASKS: number[] = (() => {
  const bits = DIMS.map(dimBit);
  const out = [0, ...bits];
  bits.forEach((a, i) => bits.slice(i + 1).forEach((b) => out.push(a | b)));
  return out;
})();

/**
 * The points of a case. An overdue point exists once its deadline has passed (`now`) for a case
 * not rejected, flagged when the case was not resolved by then.
 */
export function pointsOf(f: FactRow, now: Date): Point[] {
  const out: Point[] = [{ m: 'R', at: f.received_at }];
  if (f.acknowledged_at) out.push(timed({ m: 'A', at: f.acknowledged_at, cal: f.ack_calendar_s, work: f.ack_working_s }));
  if (f.resolved_at) {
    out.push(timed({ m: 'S', at: f.resolved_at, cal: f.resolve_calendar_s, work: f.resolve_working_s, flag: f.on_time, paused: f.paused_working_s }));
  }
  if (f.closed_at) out.push({ m: 'C', at: f.closed_at });
  // Late when the lead had not answered by its (pause-moved) due instant.
  if (f.due_at && f.due_at < now && f.status !== 'REJECTED') {
    out.push({ m: 'D', at: f.due_at, flag: !f.answered_at || f.answered_at > f.due_at });
  }
  if (f.triaged_at) out.push(timed({ m: 'T', at: f.triaged_at, work: f.triage_working_s, flag: f.triage_on_time }));
  if (f.verified_at) out.push(timed({ m: 'V', at: f.verified_at, work: f.verify_working_s }));
  return out;
}

/** A point's identity for telling whether a case's contribution to a day changed. */
export function signature(f: FactRow, p: Point): string {
  return [p.m, p.at.getTime(), p.cal ?? '', p.work ?? '', p.flag ?? '', p.paused ?? '', ...DIMS.map((d) => f[DIM_COLUMN[d]] ?? '')].join('|');
}

/** The counters of one group of cases; the same shape for a rollup row and for a query's row. */
export interface Cell {
  received: number;
  acknowledged: number;
  ackCalSum: number;
  ackWorkSum: number;
  resolved: number;
  onTime: number;
  withDue: number;
  resCalSum: number;
  resWorkSum: number;
  closed: number;
  overdue: number;
  /** Resolved cases with a lead, and the sum of their leads' paused working seconds. */
  pausedN: number;
  pausedSum: number;
  triaged: number;
  triageOnTime: number;
  triageWorkSum: number;
  verified: number;
  verifyWorkSum: number;
  ackCal: Histogram;
  ackWork: Histogram;
  resCal: Histogram;
  resWork: Histogram;
  pausedWork: Histogram;
  triageWork: Histogram;
  verifyWork: Histogram;
}
export const HISTOGRAMS = ['ackCal', 'ackWork', 'resCal', 'resWork', 'pausedWork', 'triageWork', 'verifyWork'] as const;
export const COUNTERS = [
  'received',
  'acknowledged',
  'ackCalSum',
  'ackWorkSum',
  'resolved',
  'onTime',
  'withDue',
  'resCalSum',
  'resWorkSum',
  'closed',
  'overdue',
  'pausedN',
  'pausedSum',
  'triaged',
  'triageOnTime',
  'triageWorkSum',
  'verified',
  'verifyWorkSum',
] as const;

export function emptyCell(): Cell {
  return {
    received: 0,
    acknowledged: 0,
    ackCalSum: 0,
    ackWorkSum: 0,
    resolved: 0,
    onTime: 0,
    withDue: 0,
    resCalSum: 0,
    resWorkSum: 0,
    closed: 0,
    overdue: 0,
    pausedN: 0,
    pausedSum: 0,
    triaged: 0,
    triageOnTime: 0,
    triageWorkSum: 0,
    verified: 0,
    verifyWorkSum: 0,
    ackCal: new Map(),
    ackWork: new Map(),
    resCal: new Map(),
    resWork: new Map(),
    pausedWork: new Map(),
    triageWork: new Map(),
    verifyWork: new Map(),
  };
}

export function addPoint(c: Cell, p: Point): void {
  switch (p.m) {
    case 'R':
      c.received++;
      break;
    case 'A':
      c.acknowledged++;
      c.ackCalSum += p.cal ?? 0;
      c.ackWorkSum += p.work ?? 0;
      if (p.calBucket !== undefined) addTo(c.ackCal, p.calBucket);
      if (p.workBucket !== undefined) addTo(c.ackWork, p.workBucket);
      break;
    case 'S':
      c.resolved++;
      c.resCalSum += p.cal ?? 0;
      c.resWorkSum += p.work ?? 0;
      if (p.calBucket !== undefined) addTo(c.resCal, p.calBucket);
      if (p.workBucket !== undefined) addTo(c.resWork, p.workBucket);
      if (p.flag != null) c.withDue++;
      if (p.flag) c.onTime++;
      if (p.paused != null) {
        c.pausedN++;
        c.pausedSum += p.paused;
        addTo(c.pausedWork, p.pausedBucket!);
      }
      break;
    case 'T':
      c.triaged++;
      c.triageWorkSum += p.work ?? 0;
      if (p.workBucket !== undefined) addTo(c.triageWork, p.workBucket);
      if (p.flag) c.triageOnTime++;
      break;
    case 'V':
      c.verified++;
      c.verifyWorkSum += p.work ?? 0;
      if (p.workBucket !== undefined) addTo(c.verifyWork, p.workBucket);
      break;
    case 'C':
      c.closed++;
      break;
    case 'D':
      if (p.flag) c.overdue++;
      break;
  }
}

/** The local-time bucket of a day, as the exact path's to_char formats it: 2026-W07, 2026-02, 2026-Q1, 2026. */
export function intervalKey(interval: Interval, day: string): string {
  const y = day.slice(0, 4);
  const m = Number(day.slice(5, 7));
  if (interval === 'year') return y;
  if (interval === 'month') return day.slice(0, 7);
  if (interval === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  // ISO week: the week belongs to the year of its Thursday.
  const d = new Date(`${day}T00:00:00Z`);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = new Date(d.getTime() + (3 - weekday) * 86_400_000);
  const isoYear = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / (7 * 86_400_000));
  return `${isoYear}-W${String(week).padStart(2, '0')}`;
}
