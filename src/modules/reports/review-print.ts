import type { Figures, FiguresRow } from './metrics.service.js';
import type { ReviewReport } from './review-report.service.js';
import { formatDay } from '../../infrastructure/time/vn-time.js';
import { type Cell, days, percent, rankingTable, T, type Table, type Texts } from './review-texts.js';

/**
 * A table for paper (the PDF and the DOCX annex): at most ten columns, each with a relative
 * width, so that every table fits the width of an A4 landscape page at 8 pt. The spreadsheet keeps
 * every figure of a row on one line; on paper a figures table is split in two that repeat the name
 * column: counts and shares, then times.
 */
export interface PrintTable extends Table {
  /** Which table this is ('summary', 'agency-counts', 'overdue'…): the report's body refers to it by its number. */
  key: string;
  /** Relative column widths (the page's width shared out in these proportions). */
  weights: number[];
  /** Columns that hold numbers: right-aligned. */
  numeric: boolean[];
}

/** The case list on paper stops here (the spreadsheet and the system have them all). */
export const PRINTED_CASES_MAX = 200;

const NAME = 3;
const NUM = 1;

function countCells(f: Figures): Cell[] {
  return [f.received, f.resolved, f.closed, f.overdue, f.answered, f.onTime, percent(f.onTimeShare), percent(f.triage.onTimeShare)];
}
function countHeader(t: Texts): string[] {
  return [t.received, t.resolved, t.closed, t.overdueCount, t.answered, t.onTimeCount, t.onTime, t.triageOnTime];
}
function timeCells(f: Figures): Cell[] {
  return [
    f.acknowledge.workingHours.median,
    f.acknowledge.workingHours.p90,
    days(f.resolve.workingHours.median),
    days(f.resolve.workingHours.p90),
    days(f.resolve.workingHours.mean),
    days(f.resolve.calendarHours.median),
    days(f.resolve.calendarHours.p90),
    f.paused.workingHours.mean,
  ];
}
function timeHeader(t: Texts): string[] {
  return [t.ackMedian, t.ackP90, t.resMedianW, t.resP90W, t.resMeanW, t.resMedianC, t.resP90C, t.pausedMean];
}

function table(key: string, title: string, header: string[], rows: Cell[][], weights: number[], note?: string): PrintTable {
  const numeric = header.map((_, i) => rows.length > 0 && rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  return { key, title, header, rows, weights, numeric, note };
}

/** The report's tables for paper, each named "Biểu n. …" in order. */
export function printTables(r: ReviewReport): PrintTable[] {
  const t = T[r.lang];
  const s = r.summary;
  const day = (iso: string | Date | null) => (iso ? formatDay(new Date(iso), r.lang) : null);
  const out: PrintTable[] = [];
  const add = (key: string, title: string, header: string[], rows: Cell[][], weights: number[], note?: string) =>
    out.push(table(key, `${t.sheet(out.length + 1)}. ${title}`, header, rows, weights, note));

  // The summary, one measure a line: sixteen figures side by side read badly on any page.
  const summary: Array<[string, Cell]> = [
    [t.received, s.received],
    [t.concerns, r.intake.concerns],
    [t.resolved, s.resolved],
    [t.closed, s.closed],
    [t.overdueCount, s.overdue],
    [t.answered, s.answered],
    [t.onTimeCount, s.onTime],
    [t.onTime, percent(s.onTimeShare)],
    ...timeHeader(t).map((h, i): [string, Cell] => [h, timeCells(s)[i]]),
    [t.triageMedian, s.triage.workingHours.median],
    [t.triageOnTime, percent(s.triage.onTimeShare)],
    [t.verifyMedian, s.verify.workingHours.median],
  ];
  add('summary', `${t.summary}: ${r.scope.name}`, [t.indicator, t.value], summary, [4, 1], t.footnote);
  const ranking = rankingTable(r, t);
  add('ranking', t.ranking, ranking.header, ranking.rows, [NUM, 4, NUM, NUM, NUM, NUM, NUM], t.rankingNote(r.ranking.minAnswered));
  const figures = (key: string, title: string, rows: FiguresRow[]) => {
    const total = (cells: (f: Figures) => Cell[]) => [...rows.map((row) => [row.label, ...cells(row)]), [t.total, ...cells(s)]];
    add(`${key}-counts`, `${title} (${t.counts})`, [t.name, ...countHeader(t)], total(countCells), [NAME, ...countHeader(t).map(() => NUM)]);
    add(`${key}-times`, `${title} (${t.times})`, [t.name, ...timeHeader(t)], total(timeCells), [NAME, ...timeHeader(t).map(() => NUM)]);
  };
  figures('agency', t.byAgency, r.byAgency);
  figures('category', t.byCategory, r.byCategory);
  figures('area', t.byArea, r.byArea);
  figures('channel', t.byChannel, r.byChannel);
  figures('priority', t.byPriority, r.byPriority);
  figures('month', t.byMonth, r.byMonth);
  add(
    'open',
    t.open,
    [t.agency, t.total, t.overdueCount, ...r.open.buckets],
    [
      ...r.open.rows.map((o) => [o.label, o.total, o.overdue, ...r.open.buckets.map((b) => o.byAge[b])]),
      [t.total, r.open.totals.total, r.open.totals.overdue, ...r.open.buckets.map((b) => r.open.totals.byAge[b])],
    ],
    [NAME, ...Array<number>(2 + r.open.buckets.length).fill(NUM)],
  );
  const cases = r.overdueCases.slice(0, PRINTED_CASES_MAX);
  add(
    'overdue',
    t.overdue,
    [t.code, t.caseTitle, t.agency, t.area, t.category, t.status, t.receivedAt, t.dueAt, t.resolvedAt, t.daysOverdue],
    cases.map((c) => [
      c.code,
      c.title ?? t.restricted,
      c.agency,
      c.area,
      c.category,
      c.status,
      day(c.receivedAt),
      day(c.dueAt),
      day(c.resolvedAt),
      c.daysOverdue,
    ]),
    [1.6, 4, 2.2, 1.6, 1.6, 1.4, 1.2, 1.2, 1.2, 0.9],
    cases.length < r.overdueTotal ? t.casesCut(cases.length, r.overdueTotal) : t.overdueNote(cases.length, r.overdueTotal),
  );
  add(
    'recurring',
    t.recurring,
    [t.area, t.category, t.concerns, t.cases, t.people],
    r.recurring.map((x) => [x.area, x.category, x.concerns, x.cases, x.peopleAffected]),
    [2, 2, NUM, NUM, NUM],
  );
  add(
    'hotspots',
    t.hotspots,
    [t.area, t.category, t.detectedAt, t.recentCount, t.baseline, t.score, t.people, t.hotspotStatus],
    r.hotspots.map((h) => [
      h.area.label,
      h.category.label,
      day(h.detectedAt),
      h.recentCount,
      h.baselineWeeklyMean,
      h.score,
      h.peopleAffected,
      h.status === 'ACTIVE' ? t.active : t.ended,
    ]),
    [2, 2, 1.2, NUM, NUM, NUM, NUM, 1.3],
  );
  return out;
}

/** A number as the reader's language writes it: 66,7 and 1.234 in Vietnamese. */
export function printNumber(n: number, lang: 'vi' | 'en'): string {
  return n.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-GB', { maximumFractionDigits: 2 });
}

/** A cell on paper; a figure nothing was counted for is a dash, as printed tables write it. */
export function printCell(c: Cell, lang: 'vi' | 'en'): string {
  return c === null ? '-' : typeof c === 'number' ? printNumber(c, lang) : c;
}
