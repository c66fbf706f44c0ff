import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Header,
  HeadingLevel,
  HighlightColor,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { DOCX_FONT, docxBodyParagraph, docxHeader, docxRun, docxSignatureAndRecipients, PAGE_MM, SIZE_PT } from '../../infrastructure/documents/decree30.js';
import { formatCalendarDay } from '../../infrastructure/time/vn-time.js';
import { type Block, type Piece, reviewNarrative, reviewSubject, reviewWord } from './review-narrative.js';
import { printCell, type PrintTable, printTables } from './review-print.js';
import type { ReviewReport } from './review-report.service.js';
import { T } from './review-texts.js';

const half = (pt: number) => pt * 2;
const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
/** The annex: A4 landscape, narrower margins than the body (its tables need the width). */
const ANNEX_MM = { top: 20, bottom: 15, left: 20, right: 15 } as const;
const ANNEX_WIDTH_MM = PAGE_MM.height - ANNEX_MM.left - ANNEX_MM.right;
/** Table text in the annex; titles a little larger. */
const TABLE_PT = 10;
const CELL_MARGIN = 60;

/** The number the register gives when the report is signed: left blank, as on paper. */
export const numberText = (symbol: string) => `        /BC-${symbol}`;

/** The standing body fills these in Word: highlighted so none is printed by mistake. */
const placeholderRun = (text: string) => docxRun(text, { italics: true, highlight: HighlightColor.YELLOW });
const runs = (pieces: Piece[], o: { bold?: boolean } = {}) =>
  pieces.map((p) => (typeof p === 'string' ? docxRun(p, { bold: o.bold }) : placeholderRun(p.placeholder)));

function bodyBlock(b: Block): Paragraph {
  switch (b.kind) {
    case 'section':
      return new Paragraph({ heading: HeadingLevel.HEADING_1, keepNext: true, spacing: { before: 120, after: 120 }, children: runs(b.pieces, { bold: true }) });
    case 'subsection':
      return new Paragraph({
        heading: HeadingLevel.HEADING_2,
        keepNext: true,
        indent: { firstLine: twip(12.7) },
        spacing: { before: 60, after: 120 },
        children: runs(b.pieces, { bold: true }),
      });
    case 'paragraph':
    case 'item':
      return docxBodyParagraph(runs(b.pieces));
  }
}

const centred = (text: string, o: { bold?: boolean; italics?: boolean; size?: number; after?: number } = {}) =>
  new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { before: 0, after: o.after ?? 0 },
    children: [docxRun(text, { bold: o.bold, italics: o.italics, size: o.size ? half(o.size) : undefined })],
  });

/** "BÁO CÁO", its subject, and the short rule under them. */
function titleBlock(r: ReviewReport): Paragraph[] {
  const side = twip((PAGE_MM.width - PAGE_MM.left - PAGE_MM.right - 40) / 2);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 360, after: 0 },
      children: [docxRun(r.lang === 'en' ? 'REPORT' : 'BÁO CÁO', { bold: true })],
    }),
    centred(reviewSubject(r), { bold: true }),
    new Paragraph({
      spacing: { before: 0, after: 240, line: 120 },
      indent: { left: side, right: side },
      border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
      children: [docxRun('', { size: 4 })],
    }),
  ];
}

/** A table of the annex: fixed column widths that add up to the landscape text width; the header row repeats on each page. */
function annexTable(t: PrintTable, lang: 'vi' | 'en'): Table {
  const width = twip(ANNEX_WIDTH_MM);
  const sum = t.weights.reduce((a, b) => a + b, 0);
  const widths = t.weights.map((w) => Math.floor((width * w) / sum));
  const cell = (text: string, i: number, header: boolean) =>
    new TableCell({
      width: { size: widths[i], type: WidthType.DXA },
      verticalAlign: header ? VerticalAlignTable.CENTER : VerticalAlignTable.TOP,
      margins: { left: CELL_MARGIN, right: CELL_MARGIN, top: 20, bottom: 20 },
      shading: header ? { fill: 'EEEEEE' } : undefined,
      children: [
        new Paragraph({
          alignment: header ? AlignmentType.CENTER : t.numeric[i] ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { before: 0, after: 0 },
          children: [docxRun(text, { size: half(TABLE_PT), bold: header })],
        }),
      ],
    });
  return new Table({
    width: { size: width, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    rows: [
      new TableRow({ tableHeader: true, cantSplit: true, children: t.header.map((h, i) => cell(h, i, true)) }),
      ...t.rows.map((row) => new TableRow({ cantSplit: true, children: row.map((c, i) => cell(printCell(c, lang), i, false)) })),
    ],
  });
}

function annex(r: ReviewReport, tables: PrintTable[]): FileChild[] {
  const t = T[r.lang];
  const out: FileChild[] = [
    centred(t.annex, { bold: true }),
    centred(t.annexTitle, { bold: true }),
    centred(`${r.period.label} (${formatCalendarDay(r.period.from, r.lang)} - ${formatCalendarDay(r.period.to, r.lang)}) - ${r.scope.name}`, { size: 13 }),
    centred(
      t.annexOf(
        r.lang === 'en'
          ? `report no. ${numberText(r.issuer.symbol).trim()} of ${r.issuer.fullName}`
          : `Báo cáo số ${numberText(r.issuer.symbol)} của ${r.issuer.fullName}`,
      ),
      { italics: true, size: 13, after: 240 },
    ),
  ];
  for (const table of tables) {
    out.push(new Paragraph({ keepNext: true, spacing: { before: 200, after: 80 }, children: [docxRun(table.title, { bold: true, size: half(12) })] }));
    out.push(table.rows.length ? annexTable(table, r.lang) : new Paragraph({ children: [docxRun(t.none, { italics: true, size: half(TABLE_PT) })] }));
    if (table.note) out.push(new Paragraph({ spacing: { before: 60, after: 0 }, children: [docxRun(table.note, { italics: true, size: half(TABLE_PT) })] }));
  }
  return out;
}

// Decree 30: page numbers at the top centre, from the second page on.
const pageNumberHeader = () =>
  new Header({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ font: DOCX_FONT, size: half(SIZE_PT.body), children: [PageNumber.CURRENT] })],
      }),
    ],
  });

/**
 * The review report as a DOCX to edit and sign: the Decree 30 header, the title, the numbered
 * sections with the figures filled in and highlighted placeholders for what people must write,
 * the signing block beside "Nơi nhận:", then the annex's tables on landscape pages.
 */
export async function toDocx(r: ReviewReport): Promise<Buffer> {
  const tables = printTables(r);
  const i = r.issuer;
  const body: FileChild[] = [
    docxHeader({ superiorBody: i.superior ?? '', issuingBody: i.name, numberText: numberText(i.symbol), place: i.place, date: new Date(r.generatedAt) }),
    ...titleBlock(r),
    ...reviewNarrative(r, tables).map(bodyBlock),
    new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
    docxSignatureAndRecipients(
      {
        authority: i.signerAuthority ?? undefined,
        title: i.signerTitle,
        name: i.signerName ?? (r.lang === 'en' ? '[Name of the signer]' : '[Họ và tên người ký]'),
      },
      { items: i.recipients, archive: 'VT' },
    ),
  ];
  const heading = (size: number) => ({
    run: { font: DOCX_FONT, size: half(size), bold: true, color: '000000' },
    paragraph: { spacing: { before: 120, after: 120 } },
  });
  const doc = new Document({
    title: `${reviewWord(r)} - ${r.period.label}`,
    creator: 'Concern Desk',
    styles: {
      default: { document: { run: { font: DOCX_FONT, size: half(SIZE_PT.body) } } },
      // Word's navigation pane lists the sections; they look like the rest of the text.
      paragraphStyles: [
        { id: 'Heading1', name: 'Heading 1', basedOn: 'Normal', next: 'Normal', quickFormat: true, ...heading(SIZE_PT.body) },
        { id: 'Heading2', name: 'Heading 2', basedOn: 'Normal', next: 'Normal', quickFormat: true, ...heading(SIZE_PT.body) },
      ],
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: twip(PAGE_MM.width), height: twip(PAGE_MM.height) },
            margin: { top: twip(PAGE_MM.top), bottom: twip(PAGE_MM.bottom), left: twip(PAGE_MM.left), right: twip(PAGE_MM.right) },
          },
        },
        headers: { default: pageNumberHeader(), first: new Header({ children: [] }) },
        children: body,
      },
      {
        properties: {
          page: {
            size: { width: twip(PAGE_MM.width), height: twip(PAGE_MM.height), orientation: PageOrientation.LANDSCAPE },
            margin: { top: twip(ANNEX_MM.top), bottom: twip(ANNEX_MM.bottom), left: twip(ANNEX_MM.left), right: twip(ANNEX_MM.right) },
          },
        },
        headers: { default: pageNumberHeader() },
        children: annex(r, tables),
      },
    ],
  });
  return Packer.toBuffer(doc);
}
