import { AlignmentType, Paragraph } from 'docx';
import {
  docxBodyParagraph,
  docxDocument,
  docxHeader,
  docxRun,
  docxSignatureAndRecipients,
  type Letterhead,
  PDF_PAGE,
  pdfBodyParagraph,
  pdfHeader,
  pdfInfo,
  pdfPageNumber,
  type PdfNode,
  pdfSignatureAndRecipients,
  type RecipientsBlock,
  type SigningBlock,
} from '../../infrastructure/documents/decree30.js';
import { pdfmakeReady } from '../../infrastructure/documents/pdfmake.js';
import type { LetterSnapshot } from './letter-snapshot.js';

export const LETTER_FORMATS = ['docx', 'pdf'] as const;
export type LetterFormat = (typeof LETTER_FORMATS)[number];

export interface RenderedFile {
  filename: string;
  contentType: string;
  content: Buffer;
}

export const CONTENT_TYPES: Record<LetterFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};
const CREATOR = 'Concern Desk';

/** "Cong-van-125-BTGDVTU-PAKN.pdf": the number in the name, ASCII only (a header value). */
export function letterFileName(numberText: string, format: LetterFormat): string {
  return `Cong-van-${numberText.replace(/[^A-Za-z0-9-]+/g, '-').replace(/^-+|-+$/g, '')}.${format}`;
}

const letterhead = (s: LetterSnapshot): Letterhead => ({
  superiorBody: s.letterhead.superiorBody,
  issuingBody: s.letterhead.issuingBody,
  numberText: s.numberText,
  subject: s.subject,
  place: s.letterhead.place,
  date: new Date(s.issuedAt),
});
const signing = (s: LetterSnapshot): SigningBlock => ({ authority: s.signer.authority ?? undefined, title: s.signer.title, name: s.signer.name });
const copies = (s: LetterSnapshot): RecipientsBlock => ({ items: ['Như trên', ...s.copies], archive: s.archive });

/** "Kính gửi: X." on one line for one addressee; for several, one "- X;" line each under it. */
function addressees(s: LetterSnapshot): string[][] {
  const names = s.recipients.map((r) => r.name);
  if (names.length === 1) return [['Kính gửi:', `${names[0]}.`]];
  return names.map((n, i) => [i === 0 ? 'Kính gửi:' : '', `- ${n}${i === names.length - 1 ? '.' : ';'}`]);
}

/** The letter as DOCX (Times New Roman 14, A4, Decree 30 layout), the same bytes for the same row. */
export async function letterDocx(s: LetterSnapshot): Promise<RenderedFile> {
  const kinhGui = addressees(s).map(
    ([label, name]) =>
      new Paragraph({
        alignment: AlignmentType.LEFT,
        spacing: { before: 0, after: 0 },
        // The names line up after "Kính gửi:", the block roughly centred as the Decree's samples show it.
        indent: { left: 1700 },
        tabStops: [{ type: 'left', position: 3000 }],
        children: [docxRun(label), docxRun(`\t${name}`)],
      }),
  );
  const children = [
    docxHeader(letterhead(s)),
    new Paragraph({ spacing: { before: 240, after: 0 }, children: [] }),
    ...kinhGui,
    new Paragraph({ spacing: { before: 120, after: 0 }, children: [] }),
    ...s.body.map((text) => docxBodyParagraph(text)),
    docxSignatureAndRecipients(signing(s), copies(s)),
  ];
  const content = await docxDocument({ title: `Công văn ${s.numberText}`, creator: CREATOR, at: new Date(s.issuedAt), children });
  return { filename: letterFileName(s.numberText, 'docx'), contentType: CONTENT_TYPES.docx, content };
}

/** The letter as PDF (Roboto, A4, the same layout), the same bytes for the same row. */
export async function letterPdf(s: LetterSnapshot): Promise<RenderedFile> {
  const pdfmake = pdfmakeReady();
  const kinhGui: PdfNode = {
    table: { widths: [70, '*'], body: addressees(s).map(([label, name]) => [{ text: label }, { text: name }]) },
    layout: 'noBorders',
    margin: [mmToPt(30), 4, 0, 8],
  };
  const at = new Date(s.issuedAt);
  const doc = pdfmake.createPdf({
    ...PDF_PAGE,
    info: pdfInfo(`Công văn ${s.numberText}`, CREATOR, at),
    header: pdfPageNumber,
    content: [pdfHeader(letterhead(s)), kinhGui, ...s.body.map((text) => pdfBodyParagraph(text)), pdfSignatureAndRecipients(signing(s), copies(s))],
  });
  return { filename: letterFileName(s.numberText, 'pdf'), contentType: CONTENT_TYPES.pdf, content: await doc.getBuffer() };
}

function mmToPt(mm: number) {
  return Math.round((mm * 72) / 25.4);
}

export function renderLetter(s: LetterSnapshot, format: LetterFormat): Promise<RenderedFile> {
  return format === 'docx' ? letterDocx(s) : letterPdf(s);
}
