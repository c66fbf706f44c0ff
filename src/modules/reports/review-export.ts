import { createRequire } from 'node:module';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import pdfmake from 'pdfmake';
import { localDay } from '../../infrastructure/time/vn-time.js';
import type { Figures, FiguresRow } from './metrics.service.js';
import type { ReviewReport } from './review-report.service.js';

export const EXPORT_FORMATS = ['xlsx', 'csv', 'pdf', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface ExportedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** Headings, Vietnamese first. Table and column names are the ones the review meeting uses. */
const T = {
  vi: {
    title: 'BÁO CÁO KẾT QUẢ TIẾP NHẬN, GIẢI QUYẾT CÁC VẤN ĐỀ NHÂN DÂN QUAN TÂM',
    period: 'Kỳ báo cáo',
    scope: 'Phạm vi',
    generated: 'Lập lúc',
    summary: 'Tổng hợp',
    ranking: 'Xếp hạng đơn vị theo tỷ lệ đúng hạn',
    rankingNote: (n: number) =>
      `Xếp hạng các đơn vị có từ ${n} vụ việc đã trả lời có hạn trở lên; đúng hạn tính theo đồng hồ của đơn vị chủ trì, hạn được lùi đúng bằng thời gian tạm dừng (chờ thông tin, chờ quyết định gia hạn).`,
    unranked: 'Chưa xếp hạng',
    answered: 'Đã trả lời (có hạn)',
    onTimeCount: 'Đúng hạn',
    pausedMean: 'Tạm dừng - bình quân (giờ làm việc)',
    triageMedian: 'Phân loại - trung vị (giờ làm việc)',
    triageOnTime: 'Phân loại đúng hạn (%)',
    verifyMedian: 'Xác minh kết quả - trung vị (giờ làm việc)',
    byAgency: 'Theo cơ quan chủ trì',
    byCategory: 'Theo lĩnh vực',
    byArea: 'Theo địa bàn',
    byChannel: 'Theo kênh tiếp nhận',
    byPriority: 'Theo mức độ ưu tiên',
    byMonth: 'Theo tháng',
    open: 'Vụ việc đang giải quyết theo thời gian tồn đọng (ngày)',
    overdue: 'Vụ việc quá hạn, chưa giải quyết',
    overdueNote: (shown: number, total: number) => `Hiển thị ${shown}/${total} vụ việc`,
    recurring: 'Vấn đề phát sinh nhiều lần',
    hotspots: 'Điểm nóng trong kỳ',
    none: 'Không có',
    rank: 'Hạng',
    name: 'Tên',
    received: 'Tiếp nhận',
    resolved: 'Đã giải quyết',
    closed: 'Kết thúc',
    overdueCount: 'Quá hạn',
    onTime: 'Tỷ lệ đúng hạn (%)',
    ackMedian: 'Tiếp nhận xử lý - trung vị (giờ làm việc)',
    ackP90: 'Tiếp nhận xử lý - 90% (giờ làm việc)',
    resMedianW: 'Giải quyết - trung vị (ngày làm việc)',
    resP90W: 'Giải quyết - 90% (ngày làm việc)',
    resMeanW: 'Giải quyết - bình quân (ngày làm việc)',
    resMedianC: 'Giải quyết - trung vị (ngày lịch)',
    resP90C: 'Giải quyết - 90% (ngày lịch)',
    agency: 'Cơ quan chủ trì',
    total: 'Tổng số',
    code: 'Mã vụ việc',
    caseTitle: 'Nội dung',
    restricted: '(hạn chế - xem trên hệ thống)',
    area: 'Địa bàn',
    category: 'Lĩnh vực',
    status: 'Trạng thái',
    receivedAt: 'Ngày tiếp nhận',
    dueAt: 'Hạn giải quyết',
    resolvedAt: 'Ngày giải quyết',
    daysOverdue: 'Số ngày quá hạn',
    concerns: 'Số ý kiến',
    cases: 'Số vụ việc',
    people: 'Số người liên quan',
    detectedAt: 'Phát hiện',
    recentCount: 'Ý kiến trong 7 ngày',
    baseline: 'Bình quân/tuần trước đó',
    score: 'Mức tăng (lần)',
    hotspotStatus: 'Tình trạng',
    active: 'Đang diễn biến',
    ended: 'Đã lắng xuống',
    footnote:
      'Thời gian giải quyết tính từ khi Ban Tuyên giáo tiếp nhận đến khi có kết quả; thời gian tiếp nhận xử lý tính từ khi chuyển cơ quan đến khi cơ quan xác nhận. ' +
      '"Ngày làm việc" không tính thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết.',
  },
  en: {
    title: 'REVIEW OF CITIZEN CONCERNS RECEIVED AND RESOLVED',
    period: 'Period',
    scope: 'Scope',
    generated: 'Generated',
    summary: 'Summary',
    ranking: 'Agencies ranked by on-time share',
    rankingNote: (n: number) =>
      `Agencies with at least ${n} answered cases with a deadline are ranked; on time by the lead agency's clock, whose due date moves by exactly the paused time (waiting for information, for an extension decision).`,
    unranked: 'Not ranked',
    answered: 'Answered (with deadline)',
    onTimeCount: 'On time',
    pausedMean: 'Paused - mean (working hours)',
    triageMedian: 'Triage - median (working hours)',
    triageOnTime: 'Triaged on time (%)',
    verifyMedian: 'Verification - median (working hours)',
    byAgency: 'By lead agency',
    byCategory: 'By category',
    byArea: 'By area',
    byChannel: 'By channel',
    byPriority: 'By priority',
    byMonth: 'By month',
    open: 'Open cases by age (days)',
    overdue: 'Overdue and unresolved cases',
    overdueNote: (shown: number, total: number) => `Showing ${shown} of ${total} cases`,
    recurring: 'Recurring issues',
    hotspots: 'Hotspots of the period',
    none: 'None',
    rank: 'Rank',
    name: 'Name',
    received: 'Received',
    resolved: 'Resolved',
    closed: 'Closed',
    overdueCount: 'Overdue',
    onTime: 'On time (%)',
    ackMedian: 'Acknowledge - median (working hours)',
    ackP90: 'Acknowledge - 90th pct (working hours)',
    resMedianW: 'Resolve - median (working days)',
    resP90W: 'Resolve - 90th pct (working days)',
    resMeanW: 'Resolve - mean (working days)',
    resMedianC: 'Resolve - median (calendar days)',
    resP90C: 'Resolve - 90th pct (calendar days)',
    agency: 'Lead agency',
    total: 'Total',
    code: 'Case',
    caseTitle: 'Subject',
    restricted: '(restricted - see Concern Desk)',
    area: 'Area',
    category: 'Category',
    status: 'Status',
    receivedAt: 'Received',
    dueAt: 'Due',
    resolvedAt: 'Resolved',
    daysOverdue: 'Days overdue',
    concerns: 'Concerns',
    cases: 'Cases',
    people: 'People affected',
    detectedAt: 'Detected',
    recentCount: 'Concerns in 7 days',
    baseline: 'Weekly mean before',
    score: 'Rise (times)',
    hotspotStatus: 'Status',
    active: 'Active',
    ended: 'Subsided',
    footnote:
      'Time to resolve runs from receipt by the Propaganda Department to the resolution; time to acknowledge from the assignment to the agency to its acknowledgement. ' +
      '"Working" time leaves out Saturdays, Sundays and public holidays.',
  },
} as const;
type Texts = (typeof T)['vi'] | (typeof T)['en'];

type Cell = string | number | null;
interface Table {
  title: string;
  header: string[];
  rows: Cell[][];
  note?: string;
}

const days = (hours: number | null) => (hours === null ? null : Math.round((hours / 24) * 10) / 10);
const percent = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);
const localDate = (iso: string | null) => (iso ? localDay(new Date(iso)) : null);

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
    {
      title: t.ranking,
      header: [t.rank, t.agency, t.answered, t.onTimeCount, t.onTime, t.resMedianW, t.pausedMean],
      rows: [...r.ranking.ranked, ...r.ranking.unranked].map((a) => [
        a.rank ?? t.unranked,
        a.label,
        a.answered,
        a.onTime,
        percent(a.onTimeShare),
        days(a.resolveMedianWorkingHours),
        a.paused?.workingHours.mean ?? null,
      ]),
      note: t.rankingNote(r.ranking.minAnswered),
    },
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
  return `${r.lang === 'en' ? 'review' : 'bao-cao-so-ket'}-${r.period.code}${scope}.${ext}`;
}

export async function exportReport(r: ReviewReport, format: ExportFormat): Promise<ExportedFile> {
  switch (format) {
    case 'xlsx':
      return { filename: fileName(r, 'xlsx'), contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', content: await toXlsx(r) };
    case 'csv':
      return { filename: fileName(r, 'csv'), contentType: 'text/csv; charset=utf-8', content: toCsv(r) };
    case 'pdf':
      return { filename: fileName(r, 'pdf'), contentType: 'application/pdf', content: await toPdf(r) };
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

// Roboto, shipped with pdfmake, covers Vietnamese; pdfmake's standard fonts do not.
const require = createRequire(import.meta.url);
let fontsSet = false;
function ensureFonts() {
  if (fontsSet) return;
  const dir = (name: string) => require.resolve(`pdfmake/fonts/Roboto/${name}`);
  pdfmake.setFonts({
    Roboto: {
      normal: dir('Roboto-Regular.ttf'),
      bold: dir('Roboto-Medium.ttf'),
      italics: dir('Roboto-Italic.ttf'),
      bolditalics: dir('Roboto-MediumItalic.ttf'),
    },
  });
  // The report embeds no images or remote resources: refuse any URL.
  pdfmake.setUrlAccessPolicy(() => false);
  fontsSet = true;
}

/** Printable A4 landscape: a title block, then each table; the case list is cut to 200 rows. */
async function toPdf(r: ReviewReport): Promise<Buffer> {
  ensureFonts();
  const t = T[r.lang];
  const PDF_CASES = 200;
  const content: unknown[] = [
    { text: t.title, style: 'title' },
    { text: `${t.period}: ${r.period.label} (${r.period.from} — ${r.period.to})    ${t.scope}: ${r.scope.name}`, margin: [0, 0, 0, 2] },
    { text: `${t.generated}: ${localDate(r.generatedAt)}`, style: 'small', margin: [0, 0, 0, 8] },
  ];
  for (const table of reportTables(r)) {
    const rows = table.rows.slice(0, PDF_CASES);
    content.push({ text: table.title, style: 'heading' });
    if (!rows.length) {
      content.push({ text: t.none, style: 'small', margin: [0, 0, 0, 6] });
      continue;
    }
    content.push({
      table: {
        headerRows: 1,
        widths: table.header.map((_, i) => (i === 0 || (table.header.length > 10 && i === 1) ? '*' : 'auto')),
        body: [table.header.map((h) => ({ text: h, bold: true })), ...rows.map((row) => row.map((c) => (c === null ? '' : String(c))))],
      },
      layout: 'lightHorizontalLines',
      fontSize: 7,
      margin: [0, 0, 0, 4],
    });
    if (table.note) content.push({ text: table.note, style: 'small', margin: [0, 0, 0, 8] });
  }
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [28, 28, 28, 28],
    info: { title: `${t.title} — ${r.period.label}`, creator: 'Concern Desk' },
    content,
    defaultStyle: { font: 'Roboto', fontSize: 9 },
    styles: {
      title: { fontSize: 13, bold: true, alignment: 'center', margin: [0, 0, 0, 6] },
      heading: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
      small: { fontSize: 7, italics: true },
    },
    footer: (page: number, pages: number) => ({ text: `${page}/${pages}`, alignment: 'right', fontSize: 7, margin: [0, 0, 28, 0] }),
  });
  return doc.getBuffer();
}
