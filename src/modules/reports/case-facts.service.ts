import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ANSWERED_STATUSES } from '../cases/case-state-machine.js';
import { CalendarService } from '../deadlines/calendar.service.js';
import { ClockKeeper } from '../deadlines/clock-keeper.service.js';
import type { CaseClocks } from '../deadlines/clock.js';
import { localDay, type WorkingCalendar } from '../deadlines/working-calendar.js';
import { type FactRow, pointsOf, signature } from './metric-cells.js';
import { FACT_COLUMNS, MetricRollup } from './metric-rollup.service.js';

/** What the timeline says about one case, read in one statement for a batch of cases. */
interface TimelineRow {
  case_id: string;
  status: string;
  priority: string;
  area_id: string;
  category_id: string | null;
  people_affected: number | null;
  concern_count: number;
  received_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  last_event_id: string | null;
  channel: string | null;
  agency_id: string | null;
  assigned_at: Date | null;
  acknowledged_at: Date | null;
  due_at: Date | null;
  /** The lead's clock, as ClockKeeper cached it on the assignment (clock.ts). */
  met_at: Date | null;
  answered_at: Date | null;
  paused_working_seconds: number | null;
  paused_since: Date | null;
}

/**
 * Per case: the CREATED event (receipt), the last move to RESOLVED and to CLOSED, the newest event,
 * the first concern's channel, and the lead assignment — the latest top-level LEAD assignment that
 * was not returned or cancelled (a delegated one stays the lead; the child does the work for it).
 */
const TIMELINE_SQL = `
  SELECT c.id AS case_id, c.status, c.priority, c.area_id, c.category_id, c.people_affected, c.concern_count,
         ev.received_at, ev.resolved_at, ev.closed_at, ev.last_event_id,
         (SELECT k.channel FROM concern k WHERE k.case_id = c.id ORDER BY k.received_at, k.id LIMIT 1) AS channel,
         la.org_unit_id AS agency_id, la.created_at AS assigned_at, la.acknowledged_at, la.resolve_due_at AS due_at,
         la.clock_met_at AS met_at, la.resolved_at AS answered_at, la.paused_working_seconds, la.clock_paused_since AS paused_since
    FROM cases c
    CROSS JOIN LATERAL (
      SELECT min(e.occurred_at) FILTER (WHERE e.type = 'CREATED') AS received_at,
             max(e.occurred_at) FILTER (WHERE e.to_status = 'RESOLVED') AS resolved_at,
             max(e.occurred_at) FILTER (WHERE e.to_status = 'CLOSED') AS closed_at,
             max(e.id) AS last_event_id
        FROM case_event e WHERE e.case_id = c.id) ev
    LEFT JOIN LATERAL (
      SELECT a.org_unit_id, a.created_at, a.acknowledged_at, a.resolve_due_at, a.clock_met_at, a.resolved_at, a.paused_working_seconds, a.clock_paused_since
        FROM assignment a
       WHERE a.case_id = c.id AND a.role = 'LEAD' AND a.parent_assignment_id IS NULL AND a.status NOT IN ('RETURNED', 'CANCELLED')
       ORDER BY a.created_at DESC, a.id DESC LIMIT 1) la ON TRUE
   WHERE c.id = ANY($1::uuid[])`;

const COLUMNS = [
  'case_id',
  'received_at',
  'channel',
  'area_id',
  'category_id',
  'priority',
  'status',
  'open',
  'agency_id',
  'assigned_at',
  'acknowledged_at',
  'resolved_at',
  'closed_at',
  'due_at',
  'ack_calendar_s',
  'ack_working_s',
  'resolve_calendar_s',
  'resolve_working_s',
  'answered_at',
  'on_time',
  'triaged_at',
  'triage_working_s',
  'triage_on_time',
  'verified_at',
  'verify_working_s',
  'paused_working_s',
  'people_affected',
  'concern_count',
  'last_event_id',
] as const;
const TYPES = [
  'uuid',
  'timestamptz',
  'text',
  'uuid',
  'uuid',
  'text',
  'text',
  'bool',
  'uuid',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'timestamptz',
  'int4',
  'int4',
  'int4',
  'int4',
  'timestamptz',
  'bool',
  'timestamptz',
  'int4',
  'bool',
  'timestamptz',
  'int4',
  'int4',
  'int4',
  'int4',
  'int8',
];
const UPSERT_SQL = `
  INSERT INTO case_fact (${COLUMNS.join(', ')}, computed_at)
  SELECT *, now() FROM unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})
  ON CONFLICT (case_id) DO UPDATE SET ${COLUMNS.slice(1)
    .map((c) => `${c} = EXCLUDED.${c}`)
    .join(', ')}, computed_at = now()`;

const CLOSED_STATUSES: ReadonlySet<string> = new Set(ANSWERED_STATUSES);
const BATCH = 5_000;
const REBUILD_ABOVE = 500_000n;
/** A transaction that took an event id commits well within this; after it, ids below are final. */
const SETTLE_MS = 60_000;

/**
 * Keeps case_fact in step with the timeline. Each refresh reads the events above the watermark and
 * recomputes the cases whose row is behind; a rebuild recomputes every case. Both are idempotent,
 * so a refresh that overlaps another, or repeats after a crash, does no harm.
 */
@Injectable()
export class CaseFacts {
  private readonly logger = new Logger(CaseFacts.name);

  constructor(
    private readonly db: DataSource,
    private readonly calendars: CalendarService,
    private readonly rollup: MetricRollup,
    private readonly clocks: ClockKeeper,
  ) {}

  /** Brings case_fact up to date; returns how many cases were recomputed. */
  async refresh(): Promise<number> {
    const [w] = await this.db.query(`SELECT safe_event_id, pending_event_id, pending_since FROM metrics_watermark WHERE id = 1`);
    if (!w) throw new Error('metrics_watermark has no row: run the migrations');
    const [{ hi }] = await this.db.query(`SELECT coalesce(max(id), 0) AS hi FROM case_event`);
    // Far behind (a restored dump, a bulk load): walking the cases is cheaper than the events.
    if (BigInt(hi) - BigInt(w.safe_event_id) > REBUILD_ABOVE) return this.rebuild();
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      // Cases with an event above the watermark that their row does not reflect yet, in id order
      // (a keyset over case ids keeps each batch bounded).
      const rows: Array<{ case_id: string }> = await this.db.query(
        `SELECT DISTINCT e.case_id FROM case_event e LEFT JOIN case_fact f ON f.case_id = e.case_id
          WHERE e.id > $1 AND e.id <= $2 AND e.case_id > $3 AND (f.case_id IS NULL OR f.last_event_id < e.id)
          ORDER BY e.case_id LIMIT ${BATCH}`,
        [w.safe_event_id, hi, after],
      );
      if (!rows.length) break;
      done += await this.recompute(rows.map((r) => r.case_id));
      after = rows[rows.length - 1].case_id;
      if (rows.length < BATCH) break;
    }
    // Advance: what was pending long enough is safe; what we just saw becomes pending.
    if (Date.now() - new Date(w.pending_since).getTime() >= SETTLE_MS) {
      await this.db.query(`UPDATE metrics_watermark SET safe_event_id = pending_event_id, pending_event_id = $1, pending_since = now() WHERE id = 1`, [hi]);
    }
    // The day rollup follows the facts: the days they changed, and the days that ended since.
    const days = await this.rollup.roll();
    if (done || days) this.logger.debug({ cases: done, days }, 'case facts refreshed');
    return done;
  }

  /** Recomputes every case from its timeline (after a calendar correction, or to check the rollup). */
  async rebuild(onProgress?: (done: number) => void): Promise<number> {
    const [{ hi }] = await this.db.query(`SELECT coalesce(max(id), 0) AS hi FROM case_event`);
    let done = 0;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM cases WHERE id > $1 ORDER BY id LIMIT ${BATCH}`, [after]);
      if (!rows.length) break;
      done += await this.recompute(rows.map((r) => r.id));
      after = rows[rows.length - 1].id;
      onProgress?.(done);
    }
    // Facts of cases that no longer exist go with them (ON DELETE CASCADE); the watermark restarts at
    // the newest id, still held back by the settle period for transactions in flight.
    await this.db.query(`UPDATE metrics_watermark SET safe_event_id = LEAST(safe_event_id, $1), pending_event_id = $1, pending_since = now() WHERE id = 1`, [
      hi,
    ]);
    // Fresh statistics: the metrics' plans depend on how many rows each period holds.
    await this.db.query(`ANALYZE case_fact`);
    await this.rollup.rebuild();
    await this.db.query(`ANALYZE metric_day`);
    return done;
  }

  /** Derives and writes the rows of these cases; merged cases and cases without a timeline have none. */
  async recompute(caseIds: string[]): Promise<number> {
    if (!caseIds.length) return 0;
    const calendar = await this.calendars.calendar();
    const timeline: TimelineRow[] = await this.db.query(TIMELINE_SQL, [caseIds]);
    const keep = timeline.filter((t) => t.status !== 'MERGED' && t.received_at && t.last_event_id);
    // The standing body's steps have no stored row: their clocks come from the timeline (clock.ts).
    const clocks = await this.clocks.clocksOf(keep.map((t) => t.case_id));
    const columns: unknown[][] = COLUMNS.map(() => []);
    for (const t of keep) {
      const fact = derive(t, calendar, clocks.get(t.case_id));
      COLUMNS.forEach((c, i) => columns[i].push(fact[c]));
    }
    const gone = timeline.filter((t) => !keep.includes(t)).map((t) => t.case_id);
    await this.db.transaction(async (m) => {
      const before: Array<FactRow & { case_id: string }> = await m.query(
        `SELECT case_id, ${FACT_COLUMNS} FROM case_fact WHERE case_id = ANY($1::uuid[]) FOR UPDATE`,
        [caseIds],
      );
      if (keep.length) await m.query(UPSERT_SQL, columns);
      if (gone.length) await m.query(`DELETE FROM case_fact WHERE case_id = ANY($1::uuid[])`, [gone]);
      const after = new Map(keep.map((t, i) => [t.case_id, Object.fromEntries(COLUMNS.map((c, j) => [c, columns[j][i]])) as unknown as FactRow]));
      await MetricRollup.markDirty(m, changedDays(new Map(before.map((f) => [f.case_id, f])), after));
    });
    return keep.length;
  }
}

/**
 * The days whose figures a recompute changed: where a case's point (a measure at an instant, with
 * its values and dimensions) appeared, went or moved. A resolution changes only the resolution's
 * day, not the day the case was received.
 */
function changedDays(before: Map<string, FactRow>, after: Map<string, FactRow>): Set<string> {
  const now = new Date();
  const days = new Set<string>();
  for (const id of new Set([...before.keys(), ...after.keys()])) {
    const was = new Map((before.has(id) ? pointsOf(before.get(id)!, now) : []).map((p) => [signature(before.get(id)!, p), p]));
    const is = new Map((after.has(id) ? pointsOf(after.get(id)!, now) : []).map((p) => [signature(after.get(id)!, p), p]));
    for (const [sig, p] of was) if (!is.has(sig)) days.add(localDay(p.at));
    for (const [sig, p] of is) if (!was.has(sig)) days.add(localDay(p.at));
  }
  return days;
}

function seconds(from: Date | null, to: Date | null): number | null {
  if (!from || !to) return null;
  return Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000));
}

/**
 * On time is the lead's clock: its answer (the clock's metAt, or the assignment's resolution for a
 * row the clock never saw) by its due instant, which the clock has already moved by the paused
 * working time — so an agency is not blamed for the time it waited for others. A paused clock has
 * no due instant yet (it keeps moving): the fact carries none until it resumes, so it never counts
 * as overdue while paused. Triage and verification durations are the working time from the step's
 * start (receipt; the last RESOLVED) to its end (TRIAGED or a rejection; CLOSED or REOPENED), and
 * triage is within its allowance when its clock is MET.
 */
function derive(t: TimelineRow, calendar: WorkingCalendar, clocks: CaseClocks | undefined): Record<(typeof COLUMNS)[number], unknown> {
  const stillResolved = t.status === 'RESOLVED' || t.status === 'CLOSED';
  const resolvedAt = stillResolved ? t.resolved_at : null;
  const closedAt = t.status === 'CLOSED' ? t.closed_at : null;
  const ackAt = t.assigned_at && t.acknowledged_at ? t.acknowledged_at : null;
  // The lead's answer: what its clock says; rows the clock never saw fall back to the assignment's and the case's resolution.
  const answeredAt = t.met_at ?? (stillResolved ? (t.answered_at ?? resolvedAt) : null);
  const dueAt = t.paused_since ? null : t.due_at;
  const triage = clocks?.triage?.metAt ? clocks.triage : null;
  const triagedAt = triage ? new Date(triage.metAt!) : null;
  const verify = clocks?.verify?.stoppedAt ? clocks.verify : null;
  const verifiedAt = verify ? new Date(verify.stoppedAt!) : null;
  return {
    case_id: t.case_id,
    received_at: t.received_at,
    channel: t.channel,
    area_id: t.area_id,
    category_id: t.category_id,
    priority: t.priority,
    status: t.status,
    open: !CLOSED_STATUSES.has(t.status),
    agency_id: t.agency_id,
    assigned_at: t.assigned_at,
    acknowledged_at: ackAt,
    resolved_at: resolvedAt,
    closed_at: closedAt,
    due_at: dueAt,
    ack_calendar_s: seconds(t.assigned_at, ackAt),
    ack_working_s: ackAt ? calendar.workingSecondsBetween(t.assigned_at!, ackAt) : null,
    resolve_calendar_s: seconds(t.received_at, resolvedAt),
    resolve_working_s: resolvedAt ? calendar.workingSecondsBetween(t.received_at!, resolvedAt) : null,
    answered_at: answeredAt,
    on_time: resolvedAt && t.due_at && answeredAt ? answeredAt.getTime() <= t.due_at.getTime() : null,
    triaged_at: triagedAt,
    triage_working_s: triagedAt ? calendar.workingSecondsBetween(t.received_at!, triagedAt) : null,
    triage_on_time: triage ? triage.state === 'MET' : null,
    verified_at: verifiedAt,
    verify_working_s: verifiedAt ? calendar.workingSecondsBetween(new Date(verify!.startedAt), verifiedAt) : null,
    // The lead's paused time, once the case is answered (it still grows while the work goes on).
    paused_working_s: resolvedAt && t.agency_id ? (t.paused_working_seconds ?? 0) : null,
    people_affected: t.people_affected,
    concern_count: t.concern_count,
    last_event_id: t.last_event_id,
  };
}
