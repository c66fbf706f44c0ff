import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import type { Figures, FiguresRow } from './metrics.service.js';
import { toDocx } from './review-docx.js';
import { toPdf } from './review-pdf.js';
import type { ReviewReport } from './review-report.service.js';
import { type Cell, days, localDate, percent, rankingTable, T, type Table, type Texts } from './review-texts.js';

export const EXPORT_FORMATS = ['docx', 'xlsx', 'csv', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

function figureCells(f: Figures): Cell[] {
  return [
    f.received,
    f.resolved,
    f.closed,
    f.overdue,
    percent(f.onTimeShare),
    f.acknowledge.workingHours.median,
    f.acknowledge.workingHours.p90,
    days(f.resolve.workingHours.median),
    days(f.resolve.workingHours.p90),
    days(f.resolve.workingHours.mean),
    days(f.resolve.calendarHours.median),
    days(f.resolve.calendarHours.p90),
    f.triage.workingHours.median,
    percent(f.triage.onTimeShare),
    f.verify.workingHours.median,
    f.paused.workingHours.mean,
  ];
}
function figureHeader(t: Texts): string[] {
  return [
    t.received,
    t.resolved,
    t.closed,
    t.overdueCount,
    t.onTime,
    t.ackMedian,
    t.ackP90,
    t.resMedianW,
    t.resP90W,
    t.resMeanW,
    t.resMedianC,
    t.resP90C,
    t.triageMedian,
    t.triageOnTime,
    t.verifyMedian,
    t.pausedMean,
  ];
}

/** The report as tables: one shape for every format, so XLSX, CSV and PDF say the same thing. */
export function reportTables(r: ReviewReport): Table[] {
  const t = T[r.lang];
  const figures = (title: string, rows: FiguresRow[]): Table => ({
    title,
    header: [t.name, ...figureHeader(t)],
    rows: [...rows.map((row) => [row.label, ...figureCells(row)]), [t.total, ...figureCells(r.summary)]],
  });
  return [
    { title: t.summary, header: [t.name, ...figureHeader(t)], rows: [[r.scope.name, ...figureCells(r.summary)]], note: t.footnote },
    { title: t.ranking, ...rankingTable(r, t), note: t.rankingNote(r.ranking.minAnswered) },
    figures(t.byAgency, r.byAgency),
    figures(t.byCategory, r.byCategory),
    figures(t.byArea, r.byArea),
    figures(t.byChannel, r.byChannel),
    figures(t.byPriority, r.byPriority),
    figures(t.byMonth, r.byMonth),
    {
      title: t.open,
      header: [t.agency, t.total, t.overdueCount, ...r.open.buckets],
      rows: [
        ...r.open.rows.map((o) => [o.label, o.total, o.overdue, ...r.open.buckets.map((b) => o.byAge[b])]),
        [t.total, r.open.totals.total, r.open.totals.overdue, ...r.open.buckets.map((b) => r.open.totals.byAge[b])],
      ],
    },
    {
      title: t.overdue,
      header: [t.code, t.caseTitle, t.agency, t.area, t.category, t.status, t.receivedAt, t.dueAt, t.resolvedAt, t.daysOverdue],
      rows: r.overdueCases.map((c) => [
        c.code,
        c.title ?? t.restricted,
        c.agency,
        c.area,
        c.category,
        c.status,
        localDate(c.receivedAt),
        localDate(c.dueAt),
        localDate(c.resolvedAt),
        c.daysOverdue,
      ]),
      note: t.overdueNote(r.overdueCases.length, r.overdueTotal),
    },
    {
      title: t.recurring,
      header: [t.area, t.category, t.concerns, t.cases, t.people],
      rows: r.recurring.map((x) => [x.area, x.category, x.concerns, x.cases, x.peopleAffected]),
    },
    {
      title: t.hotspots,
      header: [t.area, t.category, t.detectedAt, t.recentCount, t.baseline, t.score, t.people, t.hotspotStatus],
      rows: r.hotspots.map((h) => [
        h.area.label,
        h.category.label,
        localDate(new Date(h.detectedAt).toISOString()),
        h.recentCount,
        h.baselineWeeklyMean,
        h.score,
        h.peopleAffected,
        h.status === 'ACTIVE' ? t.active : t.ended,
      ]),
    },
  ];
}

export function fileName(r: ReviewReport, ext: string): string {
  const scope = r.scope.programme ? `-${r.scope.programme.code.replace(/[^A-Za-z0-9-]+/g, '_')}` : '';
  const name = r.lang === 'en' ? 'review' : r.period.review === 'final' ? 'bao-cao-tong-ket' : 'bao-cao-so-ket';
  return `${name}-${r.period.code.replace('..', '_')}${scope}.${ext}`;
}

export async function exportReport(r: ReviewReport, format: ExportFormat): Promise<ExportedFile> {
  switch (format) {
    case 'xlsx':
      return { filename: fileName(r, 'xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await toXlsx(r) };
    case 'csv':
      return { filename: fileName(r, 'csv'), contentType: 'text/csv; charset=utf-8', content: toCsv(r) };
    case 'pdf':
      return { filename: fileName(r, 'pdf'), contentType: 'application/pdf', content: await toPdf(r) };
    case 'docx':
      return {
        filename: fileName(r, 'docx'),
        contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        content: await toDocx(r),
      };
    default:
      return { filename: fileName(r, 'json'), contentType: 'application/json; charset=utf-8', content: Buffer.from(JSON.stringify(r)) };
  }
}

/** One worksheet per table, named after it (Excel allows 31 characters, no `/ \ ? * [ ] :`). */
async function toXlsx(r: ReviewReport): Promise<Buffer> {
  const t = T[r.lang];
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Concern Desk';
  wb.created = new Date(r.generatedAt);
  reportTables(r).forEach((table, i) => {
    const ws = wb.addWorksheet(`${i + 1}. ${table.title}`.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31));
    ws.addRow([t.title]).font = { bold: true, size: 13 };
    ws.addRow([`${t.period}: ${r.period.label}`, `${t.scope}: ${r.scope.name}`]);
    ws.addRow([table.title]).font = { bold: true };
    const header = ws.addRow(table.header);
    header.font = { bold: true };
    header.alignment = { wrapText: true, vertical: 'top' };
    for (const row of table.rows) textCells(ws.addRow(row));
    if (!table.rows.length) ws.addRow([t.none]);
    if (table.note) ws.addRow([table.note]).font = { italic: true };
    ws.columns.forEach((c, j) => (c.width = j === 0 || (table.header[j] ?? '').length > 20 ? 28 : 14));
    ws.views = [{ state: 'frozen', ySplit: 4 }];
  });
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What Excel (and LibreOffice) would read as the start of a formula, were the text typed in. */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Citizens' words go in as shared strings, which Excel never evaluates (exceljs writes a formula
 * only for a `{ formula }` value). Those that look like one also get the Text format, so that
 * editing the cell in Excel keeps it text instead of turning it into a live formula.
 */
function textCells(row: ExcelJS.Row) {
  row.eachCell((cell) => {
    if (typeof cell.value === 'string' && FORMULA_START.test(cell.value)) cell.numFmt = '@';
  });
}

/**
 * A text cell starting with = + - @ (a title, a summary: citizens' words) would reach Excel as a
 * formula; csv-stringify quotes it with a leading apostrophe. Numbers stay numbers.
 */
const CSV_OPTIONS = { escape_formulas: true } as const;

/** The tables one after another, each under its title, a blank line between; a BOM so Excel reads UTF-8. */
function toCsv(r: ReviewReport): Buffer {
  const t = T[r.lang];
  const parts = [stringify([[t.title], [t.period, r.period.label], [t.scope, r.scope.name], [t.generated, r.generatedAt]], CSV_OPTIONS)];
  for (const table of reportTables(r)) {
    const rows: Cell[][] = [[table.title], table.header, ...table.rows];
    if (table.note) rows.push([table.note]);
    parts.push(stringify(rows, CSV_OPTIONS));
  }
  return Buffer.from(`\uFEFF${parts.join('\n')}`, 'utf8');
}
