/**
 * The layout of an administrative document under Decree 30/2020/NĐ-CP (Appendix I), for DOCX (the `docx`
 * package) and PDF (pdfmake document nodes): the two-column header (issuing body and number on the left, the
 * national motto and the place-and-date line on the right), the signing block beside the "Nơi nhận:" list, the
 * page set-up and the type sizes. Pure: knows no domain module, so the forwarding letter and the review report
 * share one letterhead. Sizes in the comments are the Decree's.
 */
import { createRequire } from 'node:module';
import {
  AlignmentType,
  BorderStyle,
  Document,
  type FileChild,
  Header,
  type IParagraphOptions,
  type IRunOptions,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  UnderlineType,
  VerticalAlignTable,
  WidthType,
} from 'docx';
import { type Day, isCalendarDay, localDay } from '../time/vn-time.js';

export const NATIONAL_NAME = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const MOTTO = 'Độc lập - Tự do - Hạnh phúc';
export const RECIPIENTS_HEADING = 'Nơi nhận:';

const two = (n: number) => String(n).padStart(2, '0');

/**
 * "Đà Nẵng, ngày 01 tháng 12 năm 2026": the day below 10 and the months 1 and 2 take a leading 0 (Decree 30,
 * Appendix I, section II.5). `at` is a Vietnam calendar day or an instant, read in Vietnam time.
 */
export function dateLine(place: string, at: Day | Date | number): string {
  const day = typeof at === 'string' ? at : localDay(at);
  if (!isCalendarDay(day)) throw new RangeError(`not a calendar day: ${day}`);
  const [y, m, d] = day.split('-').map(Number);
  return `${place}, ngày ${two(d)} tháng ${m <= 2 ? two(m) : String(m)} năm ${y}`;
}

/** "Số: 125/BTGDV-PAKN". */
export const numberLine = (numberText: string) => `Số: ${numberText}`;

/** What the header shows. `subject` is a letter's "V/v …" summary (under the number); a report has none. */
export interface Letterhead {
  /** The superior body, e.g. 'TỈNH ỦY ĐÀ NẴNG'; empty when the issuing body has none. */
  superiorBody: string;
  /** The issuing body, e.g. 'BAN TUYÊN GIÁO VÀ DÂN VẬN'. */
  issuingBody: string;
  /** Number and symbol, e.g. '125/BTGDV-PAKN'. */
  numberText: string;
  /** 'V/v chuyển …' (the "V/v" is added when missing). */
  subject?: string;
  /** The place name of the date line, e.g. 'Đà Nẵng'. */
  place: string;
  /** The day of issue (Vietnam calendar day) or the instant of issue. */
  date: Day | Date | number;
}

export interface SigningBlock {
  /** 'TM. BAN THƯỜNG VỤ', 'KT. TRƯỞNG BAN'; empty when the signer signs in their own right. */
  authority?: string;
  /** The signer's title, e.g. 'Phó Trưởng ban' (printed in capitals). */
  title: string;
  /** The full name, e.g. 'Nguyễn Văn An'. */
  name: string;
}

export interface RecipientsBlock {
  /** The recipients, one a line: '- Như trên;' is added by the caller when wanted. */
  items: string[];
  /** The archive line's units after 'Lưu: ', e.g. 'VT, PAKN'. */
  archive: string;
}

export const subjectLine = (subject: string) => (/^V\/v\b/.test(subject) ? subject : `V/v ${subject}`);
const upper = (s: string) => s.toLocaleUpperCase('vi');

/** The "Nơi nhận:" items as printed: each '- …;', the last '- Lưu: VT, ….' */
export function recipientLines(r: RecipientsBlock): string[] {
  const strip = (s: string) => s.replace(/^[-\s]+/, '').replace(/[;.,\s]+$/, '');
  return [...r.items.map((i) => `- ${strip(i)};`), `- Lưu: ${strip(r.archive)}.`];
}

// ---- page set-up (Decree 30, Appendix I, section I.5) ----

/** A4 portrait; margins within the Decree's ranges: top 20–25, bottom 20–25, left 30–35, right 15–20 mm. */
export const PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;
/**
 * Body text 13–14 pt; the bodies' names and the national name 12–13 (12: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
 * stays on one line in its column); the motto and the number 13–14; "V/v" 12–13; "Nơi nhận:" 12, its items 11.
 */
export const SIZE_PT = { body: 14, header: 12, motto: 13, number: 13, subject: 12, recipientsHeading: 12, recipients: 11, pageNumber: 13 } as const;
/** Word has Times New Roman, the font the Decree's samples are set in. */
export const DOCX_FONT = 'Times New Roman';

const MM_PT = 72 / 25.4;
const mmPt = (mm: number) => Math.round(mm * MM_PT * 100) / 100;
const TEXT_WIDTH_MM = PAGE_MM.width - PAGE_MM.left - PAGE_MM.right;
/** The header's left column (issuing body, number); the right one takes the rest. */
const LEFT_MM = 72;

// ---- DOCX ----

const half = (pt: number) => pt * 2;
// Rounded, not floored as docx's converter does: A4 is 11906 × 16838 twips in Word.
const twip = (mm: number) => Math.round((mm * 1440) / 25.4);
const run = (text: string, o: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, font: DOCX_FONT, size: half(SIZE_PT.body), ...o });
const centred = (children: TextRun[], o: Omit<IParagraphOptions, 'children'> = {}) =>
  new Paragraph({ alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 }, children, ...o });

/** A short rule under a name: an empty paragraph with a bottom border, its length set by indents. */
function docxRule(cellMm: number, ruleMm: number): Paragraph {
  const side = twip(Math.max(0, (cellMm - ruleMm) / 2));
  return new Paragraph({
    spacing: { before: 0, after: 0, line: 120 },
    indent: { left: side, right: side },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [run('', { size: 4 })],
  });
}

const noBorders = TableBorders.NONE;
function docxTwoColumns(leftMm: number, left: (Paragraph | Table)[], right: (Paragraph | Table)[]): Table {
  const rightMm = TEXT_WIDTH_MM - leftMm;
  const cell = (mm: number, children: (Paragraph | Table)[]) =>
    new TableCell({
      width: { size: twip(mm), type: WidthType.DXA },
      verticalAlign: VerticalAlignTable.TOP,
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      borders: noBorders,
      children,
    });
  return new Table({
    width: { size: twip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: [twip(leftMm), twip(rightMm)],
    layout: TableLayoutType.FIXED,
    borders: noBorders,
    rows: [new TableRow({ children: [cell(leftMm, left), cell(rightMm, right)] })],
  });
}

/** The header as a borderless two-column table. */
export function docxHeader(h: Letterhead): Table {
  const left: Paragraph[] = [];
  if (h.superiorBody) left.push(centred([run(upper(h.superiorBody), { size: half(SIZE_PT.header) })]));
  left.push(centred([run(upper(h.issuingBody), { size: half(SIZE_PT.header), bold: true })]));
  left.push(docxRule(LEFT_MM, 25));
  left.push(centred([run(numberLine(h.numberText), { size: half(SIZE_PT.number) })], { spacing: { before: 120, after: 0 } }));
  if (h.subject) left.push(centred([run(subjectLine(h.subject), { size: half(SIZE_PT.subject) })], { spacing: { before: 60, after: 0 } }));
  const right: Paragraph[] = [
    centred([run(NATIONAL_NAME, { size: half(SIZE_PT.header), bold: true })]),
    // The motto's rule is as long as the motto: an underline of the words.
    centred([run(MOTTO, { size: half(SIZE_PT.motto), bold: true, underline: { type: UnderlineType.SINGLE } })]),
    centred([run(dateLine(h.place, h.date), { italics: true })], { spacing: { before: 240, after: 0 } }),
  ];
  return docxTwoColumns(LEFT_MM, left, right);
}

/** The "Nơi nhận:" list (left) beside the signing block (right), as the Decree's samples lay them out. */
export function docxSignatureAndRecipients(s: SigningBlock, r: RecipientsBlock): Table {
  const recipientsMm = 80;
  const left: Paragraph[] = [
    new Paragraph({
      spacing: { before: 240, after: 0 },
      children: [run(RECIPIENTS_HEADING, { size: half(SIZE_PT.recipientsHeading), bold: true, italics: true })],
    }),
    ...recipientLines(r).map((line) => new Paragraph({ spacing: { before: 0, after: 0 }, children: [run(line, { size: half(SIZE_PT.recipients) })] })),
  ];
  const right: Paragraph[] = [];
  if (s.authority) right.push(centred([run(upper(s.authority), { bold: true })], { spacing: { before: 240, after: 0 } }));
  right.push(centred([run(upper(s.title), { bold: true })], s.authority ? {} : { spacing: { before: 240, after: 0 } }));
  // Room for the signature and the seal.
  for (let i = 0; i < 4; i++) right.push(centred([run('')]));
  right.push(centred([run(s.name, { bold: true })]));
  return docxTwoColumns(recipientsMm, left, right);
}

/** A body paragraph: justified, first line indented 1.27 cm, 6 pt after, single-and-a-bit line spacing. */
export function docxBodyParagraph(text: string | TextRun[], o: { indent?: boolean; bold?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    spacing: { before: 0, after: 120, line: 288 },
    indent: o.indent === false ? undefined : { firstLine: twip(12.7) },
    children: typeof text === 'string' ? [run(text, { bold: o.bold })] : text,
  });
}

export { run as docxRun };

/**
 * A whole document: A4 with the Decree's margins, Times New Roman 14 pt. `at` (the instant of issue) is written
 * as the core properties' dates and the zip entries' times, so the same content renders to the same bytes.
 */
export async function docxDocument(o: { title: string; creator: string; at: Date; children: FileChild[] }): Promise<Buffer> {
  const doc = new Document({
    title: o.title,
    creator: o.creator,
    lastModifiedBy: o.creator,
    styles: { default: { document: { run: { font: DOCX_FONT, size: half(SIZE_PT.body) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: twip(PAGE_MM.width), height: twip(PAGE_MM.height) },
            margin: {
              top: twip(PAGE_MM.top),
              bottom: twip(PAGE_MM.bottom),
              left: twip(PAGE_MM.left),
              right: twip(PAGE_MM.right),
            },
          },
          // Page numbers from the second page on, centred in the top margin (Decree 30, Appendix I, II.11).
          titlePage: true,
        },
        headers: {
          first: new Header({ children: [] }),
          default: new Header({ children: [centred([new TextRun({ children: [PageNumber.CURRENT], font: DOCX_FONT, size: half(SIZE_PT.pageNumber) })])] }),
        },
        children: o.children,
      },
    ],
  });
  const buffer = await Packer.toBuffer(doc, undefined, [{ path: 'docProps/core.xml', data: coreXml(o.title, o.creator, o.at) }]);
  return fixZipTimes(buffer, o.at);
}

const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

// docx writes new Date() into docProps/core.xml; this one carries the instant of issue instead.
function coreXml(title: string, creator: string, at: Date): string {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${xmlEscape(title)}</dc:title><dc:creator>${xmlEscape(creator)}</dc:creator>` +
    `<cp:lastModifiedBy>${xmlEscape(creator)}</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * The zip library stamps every entry with the clock and the process's local zone; rewrite the DOS time and date
 * of every local header and central-directory entry to `at` in Vietnam time. The CRCs cover only the data.
 */
function fixZipTimes(zip: Buffer, at: Date): Buffer {
  const vn = new Date(at.getTime() + 7 * 3600_000);
  const time = (vn.getUTCHours() << 11) | (vn.getUTCMinutes() << 5) | Math.floor(vn.getUTCSeconds() / 2);
  const date = ((vn.getUTCFullYear() - 1980) << 9) | ((vn.getUTCMonth() + 1) << 5) | vn.getUTCDate();
  const out = Buffer.from(zip);
  const eocd = out.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== 0x02014b50) throw new Error('bad zip central directory');
    out.writeUInt16LE(time, p + 12);
    out.writeUInt16LE(date, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== 0x04034b50) throw new Error('bad zip local header');
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}

// ---- PDF (pdfmake document-definition nodes) ----

/** A pdfmake content node. */
export type PdfNode = Record<string, unknown>;

/**
 * Roboto, shipped inside pdfmake: it covers Vietnamese, and the server has no system fonts at run time (Times New
 * Roman cannot be assumed, and no font binary is committed to the repository). Pass to `pdfmake.setFonts`.
 */
export function pdfFonts(): Record<string, { normal: string; bold: string; italics: string; bolditalics: string }> {
  const require = createRequire(import.meta.url);
  const file = (name: string) => require.resolve(`pdfmake/fonts/Roboto/${name}`);
  return {
    Roboto: {
      normal: file('Roboto-Regular.ttf'),
      bold: file('Roboto-Medium.ttf'),
      italics: file('Roboto-Italic.ttf'),
      bolditalics: file('Roboto-MediumItalic.ttf'),
    },
  };
}

/** Page set-up for `pdfmake.createPdf`: A4, the Decree's margins (points: left, top, right, bottom), Roboto. */
export const PDF_PAGE = {
  pageSize: 'A4',
  pageOrientation: 'portrait',
  pageMargins: [mmPt(PAGE_MM.left), mmPt(PAGE_MM.top), mmPt(PAGE_MM.right), mmPt(PAGE_MM.bottom)],
  defaultStyle: { font: 'Roboto', fontSize: SIZE_PT.body, lineHeight: 1.15 },
} as const;

/** Page numbers from the second page on, centred in the top margin (Decree 30, Appendix I, II.11): pdfmake's `header`. */
export const pdfPageNumber = (page: number): PdfNode | null =>
  page > 1 ? { text: String(page), alignment: 'center', fontSize: SIZE_PT.pageNumber, margin: [0, mmPt(PAGE_MM.top) / 2, 0, 0] } : null;

/** pdfmake's info block: the document's dates are the instant of issue, so the bytes do not depend on the clock. */
export const pdfInfo = (title: string, creator: string, at: Date) => ({ title, author: creator, creator, producer: creator, creationDate: at, modDate: at });

const LEFT_PT = mmPt(LEFT_MM);

/** A centred short rule in a column `widthPt` wide. */
function pdfRule(widthPt: number, rulePt: number, margin: number[] = [0, 2, 0, 2]): PdfNode {
  const x1 = (widthPt - rulePt) / 2;
  return { canvas: [{ type: 'line', x1, y1: 0, x2: x1 + rulePt, y2: 0, lineWidth: 0.6 }], margin };
}

/** The header as two columns (left fixed, right the rest). */
export function pdfHeader(h: Letterhead): PdfNode {
  const left: PdfNode[] = [];
  if (h.superiorBody) left.push({ text: upper(h.superiorBody), fontSize: SIZE_PT.header, alignment: 'center' });
  left.push({ text: upper(h.issuingBody), fontSize: SIZE_PT.header, bold: true, alignment: 'center' });
  left.push(pdfRule(LEFT_PT, mmPt(25)));
  left.push({ text: numberLine(h.numberText), fontSize: SIZE_PT.number, alignment: 'center', margin: [0, 4, 0, 0] });
  if (h.subject) left.push({ text: subjectLine(h.subject), fontSize: SIZE_PT.subject, alignment: 'center', margin: [0, 3, 0, 0] });
  const right: PdfNode[] = [
    { text: NATIONAL_NAME, fontSize: SIZE_PT.header, bold: true, alignment: 'center' },
    { text: MOTTO, fontSize: SIZE_PT.motto, bold: true, alignment: 'center', decoration: 'underline' },
    { text: dateLine(h.place, h.date), italics: true, alignment: 'center', margin: [0, 12, 0, 0] },
  ];
  return {
    columns: [
      { width: LEFT_PT, stack: left },
      { width: '*', stack: right },
    ],
    columnGap: 0,
    margin: [0, 0, 0, 14],
  };
}

/** The "Nơi nhận:" list (left) beside the signing block (right). */
export function pdfSignatureAndRecipients(s: SigningBlock, r: RecipientsBlock): PdfNode {
  const left: PdfNode[] = [
    { text: RECIPIENTS_HEADING, fontSize: SIZE_PT.recipientsHeading, bold: true, italics: true },
    ...recipientLines(r).map((line) => ({ text: line, fontSize: SIZE_PT.recipients, lineHeight: 1 })),
  ];
  const right: PdfNode[] = [];
  if (s.authority) right.push({ text: upper(s.authority), bold: true, alignment: 'center' });
  right.push({ text: upper(s.title), bold: true, alignment: 'center' });
  // Room for the signature and the seal.
  right.push({ text: s.name, bold: true, alignment: 'center', margin: [0, 64, 0, 0] });
  return {
    columns: [
      { width: mmPt(80), stack: left },
      { width: '*', stack: right },
    ],
    columnGap: 0,
    margin: [0, 12, 0, 0],
    unbreakable: true,
  };
}

/** A body paragraph: justified, first line indented about 1.27 cm, 6 pt after. */
export const pdfBodyParagraph = (text: string | PdfNode[], o: { indent?: boolean; bold?: boolean } = {}): PdfNode => ({
  text,
  alignment: 'justify',
  leadingIndent: o.indent === false ? 0 : mmPt(12.7),
  bold: o.bold ?? false,
  margin: [0, 0, 0, 6],
});
