import JSZip from 'jszip';
import {
  dateLine,
  docxBodyParagraph,
  docxDocument,
  docxHeader,
  docxSignatureAndRecipients,
  type Letterhead,
  PDF_PAGE,
  pdfBodyParagraph,
  pdfHeader,
  pdfInfo,
  pdfSignatureAndRecipients,
  recipientLines,
  subjectLine,
} from './decree30.js';
import { pdfmakeReady } from './pdfmake.js';

const head: Letterhead = {
  superiorBody: 'Tỉnh ủy Đà Nẵng',
  issuingBody: 'Ban Tuyên giáo và Dân vận',
  numberText: '125/BTGDV-PAKN',
  subject: 'chuyển ý kiến, kiến nghị của Nhân dân',
  place: 'Đà Nẵng',
  date: '2026-12-01',
};
const signer = { authority: 'KT. Trưởng ban', title: 'Phó Trưởng ban', name: 'Nguyễn Văn An' };
const recipients = { items: ['Như trên', 'Thường trực Tỉnh ủy (b/c);'], archive: 'VT, PAKN' };

describe('decree30', () => {
  it('writes the place and date in full, with the leading zeros the Decree asks for', () => {
    expect(dateLine('Đà Nẵng', '2026-12-01')).toBe('Đà Nẵng, ngày 01 tháng 12 năm 2026');
    expect(dateLine('Đà Nẵng', '2026-02-09')).toBe('Đà Nẵng, ngày 09 tháng 02 năm 2026');
    expect(dateLine('Đà Nẵng', '2026-01-10')).toBe('Đà Nẵng, ngày 10 tháng 01 năm 2026');
    expect(dateLine('Huế', '2026-03-05')).toBe('Huế, ngày 05 tháng 3 năm 2026');
    expect(dateLine('Huế', '2026-10-31')).toBe('Huế, ngày 31 tháng 10 năm 2026');
    // An instant is read in Vietnam time: 17:00Z on 31 December is already the new year.
    expect(dateLine('Đà Nẵng', new Date('2026-12-31T17:00:00Z'))).toBe('Đà Nẵng, ngày 01 tháng 01 năm 2027');
    expect(dateLine('Đà Nẵng', Date.parse('2026-12-31T16:59:59Z'))).toBe('Đà Nẵng, ngày 31 tháng 12 năm 2026');
    expect(() => dateLine('Đà Nẵng', '2026-02-30')).toThrow(RangeError);
  });

  it('prints the subject and the recipients as the Decree does', () => {
    expect(subjectLine('chuyển kiến nghị')).toBe('V/v chuyển kiến nghị');
    expect(subjectLine('V/v chuyển kiến nghị')).toBe('V/v chuyển kiến nghị');
    expect(recipientLines(recipients)).toEqual(['- Như trên;', '- Thường trực Tỉnh ủy (b/c);', '- Lưu: VT, PAKN.']);
  });

  it('renders the same DOCX bytes for the same content and instant, with every part of the letterhead', async () => {
    const at = new Date('2026-12-01T03:04:05Z');
    const render = () =>
      docxDocument({
        title: 'Công văn 125/BTGDV-PAKN',
        creator: 'Concern Desk',
        at,
        children: [docxHeader(head), docxBodyParagraph('Nội dung.'), docxSignatureAndRecipients(signer, recipients)],
      });
    const a = await render();
    await new Promise((r) => setTimeout(r, 2100)); // past the zip's 2-second clock resolution
    const b = await render();
    expect(b.equals(a)).toBe(true);
    const zip = await JSZip.loadAsync(a);
    const xml = await zip.file('word/document.xml')!.async('string');
    const text = xml.replace(/<[^>]+>/g, '');
    for (const part of [
      'TỈNH ỦY ĐÀ NẴNG',
      'BAN TUYÊN GIÁO VÀ DÂN VẬN',
      'Số: 125/BTGDV-PAKN',
      'V/v chuyển ý kiến, kiến nghị của Nhân dân',
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Độc lập - Tự do - Hạnh phúc',
      'Đà Nẵng, ngày 01 tháng 12 năm 2026',
      'KT. TRƯỞNG BAN',
      'PHÓ TRƯỞNG BAN',
      'Nguyễn Văn An',
      'Nơi nhận:',
      '- Lưu: VT, PAKN.',
    ])
      expect(text).toContain(part);
    expect(xml).toContain('w:pgSz w:w="11906" w:h="16838"');
    const core = await zip.file('docProps/core.xml')!.async('string');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2026-12-01T03:04:05Z</dcterms:created>');
  });

  it('renders the same PDF bytes for the same content and instant', async () => {
    const pdfmake = pdfmakeReady();
    const at = new Date('2026-12-01T03:04:05Z');
    const render = () =>
      pdfmake
        .createPdf({
          ...PDF_PAGE,
          info: pdfInfo('Công văn 125/BTGDV-PAKN', 'Concern Desk', at),
          content: [pdfHeader(head), pdfBodyParagraph('Nội dung.'), pdfSignatureAndRecipients(signer, recipients)],
        })
        .getBuffer();
    const a = await render();
    await new Promise((r) => setTimeout(r, 1100));
    const b = await render();
    expect(a.subarray(0, 5).toString()).toBe('%PDF-');
    expect(b.equals(a)).toBe(true);
  });
});
