import { pdfmakeReady } from '../../infrastructure/documents/pdfmake.js';
import { formatCalendarDay, formatDay } from '../../infrastructure/time/vn-time.js';
import type { ReviewReport } from './review-report.service.js';
import { printCell, type PrintTable, printTables } from './review-print.js';
import { T } from './review-texts.js';

/** A4 landscape in points, and its margins: what a table may use. */
export const ANNEX_PAGE = { width: 841.89, height: 595.28, margin: 36 };
const CELL_PADDING = 3;
const LINE = 0.5;
/** The smallest text on paper: table cells and notes. */
export const PDF_TABLE_FONT_SIZE = 8;

/**
 * Column widths in points that add up to the page's usable width, padding and rules included:
 * a table never runs past the right margin, whatever its content (long words are broken below).
 */
function columnWidths(weights: number[]): number[] {
  const usable = ANNEX_PAGE.width - 2 * ANNEX_PAGE.margin;
  const overhead = weights.length * 2 * CELL_PADDING + (weights.length + 1) * LINE + 1;
  const sum = weights.reduce((a, b) => a + b, 0);
  return weights.map((w) => Math.floor(((usable - overhead) * w) / sum));
}

// A word longer than a narrow column (a pasted link, a run of characters) would overflow it:
// a zero-width space lets the line breaker split it.
const LONG_WORD = /\S{18,}/g;
export const breakLongWords = (s: string) => s.replace(LONG_WORD, (w) => w.replace(/(.{12})/gu, '$1\u200b'));

const GRID = {
  hLineWidth: () => LINE,
  vLineWidth: () => LINE,
  hLineColor: () => '#9e9e9e',
  vLineColor: () => '#9e9e9e',
  paddingLeft: () => CELL_PADDING,
  paddingRight: () => CELL_PADDING,
  paddingTop: () => 2,
  paddingBottom: () => 2,
  fillColor: (row: number) => (row === 0 ? '#eeeeee' : null),
};

function pdfTable(table: PrintTable, lang: 'vi' | 'en'): Record<string, unknown> {
  const cell = (c: string, i: number, header = false) => ({
    text: breakLongWords(c),
    alignment: !header && table.numeric[i] ? 'right' : 'left',
    bold: header,
  });
  return {
    table: {
      // The header row repeats on every page the table runs onto; a row is never cut in two.
      headerRows: 1,
      dontBreakRows: true,
      widths: columnWidths(table.weights),
      body: [table.header.map((h, i) => cell(h, i, true)), ...table.rows.map((row) => row.map((c, i) => cell(printCell(c, lang), i)))],
    },
    layout: GRID,
    fontSize: PDF_TABLE_FONT_SIZE,
    margin: [0, 0, 0, 4],
  };
}

/** The report's figures on A4 landscape: the annex of the DOCX report, printable alone. */
export async function toPdf(r: ReviewReport): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  const t = T[r.lang];
  const period = `${t.period}: ${r.period.label} (${formatCalendarDay(r.period.from, r.lang)} — ${formatCalendarDay(r.period.to, r.lang)})`;
  const content: unknown[] = [
    { text: t.annex, style: 'title' },
    { text: t.annexTitle, style: 'title' },
    { text: `${period}    ${t.scope}: ${r.scope.name}`, alignment: 'center', margin: [0, 2, 0, 2] },
    { text: `${t.generated}: ${formatDay(new Date(r.generatedAt), r.lang)}`, style: 'small', alignment: 'center', margin: [0, 0, 0, 8] },
  ];
  for (const table of printTables(r)) {
    // A heading never ends a page alone: it keeps with the table's first rows.
    content.push({ text: table.title, style: 'heading', headlineLevel: 1 });
    content.push(table.rows.length ? pdfTable(table, r.lang) : { text: t.none, style: 'small', margin: [0, 0, 0, 6] });
    if (table.note) content.push({ text: breakLongWords(table.note), style: 'small', margin: [0, 0, 0, 8] });
  }
  const doc = pdfmake.createPdf({
    pageSize: 'A4',
    pageOrientation: 'landscape',
    pageMargins: [ANNEX_PAGE.margin, ANNEX_PAGE.margin, ANNEX_PAGE.margin, ANNEX_PAGE.margin],
    info: { title: `${t.annexTitle} — ${r.period.label}`, creator: 'Concern Desk' },
    content,
    defaultStyle: { font: 'Roboto', fontSize: 10 },
    styles: {
      title: { fontSize: 13, bold: true, alignment: 'center' },
      heading: { fontSize: 10, bold: true, margin: [0, 8, 0, 4] },
      small: { fontSize: PDF_TABLE_FONT_SIZE, italics: true },
    },
    pageBreakBefore: (node: { headlineLevel?: number; startPosition: { top: number } }) =>
      node.headlineLevel === 1 && node.startPosition.top > ANNEX_PAGE.height - ANNEX_PAGE.margin - 60,
    footer: (page: number, pages: number) => ({
      text: `${page}/${pages}`,
      alignment: 'right',
      fontSize: PDF_TABLE_FONT_SIZE,
      margin: [0, 8, ANNEX_PAGE.margin, 0],
    }),
  });
  return doc.getBuffer();
}
