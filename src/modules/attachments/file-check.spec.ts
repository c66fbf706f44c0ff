import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { DOCX, ODT } from './attachment.types.js';
import { safeFilename, sniffMediaType, ZIP_LIMITS } from './file-check.js';
import { extractText } from './text-extraction.js';

describe('attachment names', () => {
  it('keep the last part of any path, Vietnamese letters in NFC, and get the sniffed type’s extension', () => {
    expect(safeFilename('../../etc/passwd.pdf', 'application/pdf')).toBe('passwd.pdf');
    expect(safeFilename('C:\\Users\\x\\Công văn.PDF', 'application/pdf')).toBe('Công văn.pdf');
    expect(safeFilename('Biên bản'.normalize('NFD') + '.docx', DOCX)).toBe('Biên bản.docx');
    expect(safeFilename('anh.exe', 'image/png')).toBe('anh.png');
    expect(safeFilename('', 'image/jpeg')).toBe('tep-dinh-kem.jpg');
    expect(safeFilename('...', ODT)).toBe('tep-dinh-kem.odt');
    expect(safeFilename('a\u0000b\u202ec<d>.pdf', 'application/pdf')).toBe('abc_d_.pdf');
    const long = safeFilename(`${'Đường '.repeat(80)}.pdf`, 'application/pdf');
    expect(long.length).toBeLessThanOrEqual(200);
    expect(long.endsWith('.pdf')).toBe(true);
    // A cut never splits a surrogate pair.
    expect(safeFilename(`${'😀'.repeat(150)}.png`, 'image/png')).toMatch(/^(😀)+\.png$/u);
  });
});

describe('content sniffing of zip containers', () => {
  const dir = mkdtempSync(join(tmpdir(), 'file-check-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  async function sniff(files: Record<string, string | Buffer>, opts: { stored?: string[] } = {}) {
    const zip = new JSZip();
    for (const [name, content] of Object.entries(files)) zip.file(name, content, { compression: opts.stored?.includes(name) ? 'STORE' : 'DEFLATE' });
    const bytes = await zip.generateAsync({ type: 'nodebuffer' });
    const path = join(dir, `z-${Math.random()}`);
    writeFileSync(path, bytes);
    return sniffMediaType(bytes.subarray(0, 16 * 1024), path);
  }

  it('tells DOCX, XLSX and ODT by their parts, and refuses any other zip', async () => {
    await expect(sniff({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<w/>' })).resolves.toBe(DOCX);
    await expect(sniff({ '[Content_Types].xml': '<T/>', 'xl/workbook.xml': '<w/>' })).resolves.toMatch(/spreadsheetml/);
    await expect(sniff({ mimetype: ODT, 'content.xml': '<x/>' }, { stored: ['mimetype'] })).resolves.toBe(ODT);
    await expect(sniff({ mimetype: 'application/vnd.oasis.opendocument.spreadsheet', 'content.xml': '<x/>' }, { stored: ['mimetype'] })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE_TYPE',
    });
    await expect(sniff({ 'word/document.xml': '<w/>' })).rejects.toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE' });
  });

  it('refuses bombs and unsafe paths from the central directory alone', async () => {
    const bomb = Buffer.alloc(ZIP_LIMITS.ratioFloorBytes * 4);
    await expect(sniff({ '[Content_Types].xml': '<T/>', 'word/document.xml': bomb })).rejects.toMatchObject({ code: 'UNSAFE_DOCUMENT' });
    await expect(sniff({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<w/>', '../x.xml': 'x' })).rejects.toMatchObject({ code: 'UNSAFE_DOCUMENT' });
    const many = Object.fromEntries(Array.from({ length: ZIP_LIMITS.entries + 1 }, (_, i) => [`word/media/${i}.xml`, 'x']));
    await expect(sniff({ '[Content_Types].xml': '<T/>', 'word/document.xml': '<w/>', ...many })).rejects.toMatchObject({ code: 'UNSAFE_DOCUMENT' });
  });
});

describe('text extraction', () => {
  it('reads a DOCX, and a PDF’s text layer leaving the caller’s buffer intact', async () => {
    const zip = new JSZip();
    zip.file('[Content_Types].xml', '<Types/>');
    zip.file(
      'word/document.xml',
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Hòa giải</w:t></w:r></w:p></w:body></w:document>',
    );
    zip.file(
      '_rels/.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    );
    expect(await extractText(DOCX, await zip.generateAsync({ type: 'nodebuffer' }))).toBe('Hòa giải');
    const stream = 'BT /F1 12 Tf 72 760 Td (Cong van) Tj ET';
    const objects = [
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
      `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ];
    let text = '%PDF-1.4\n';
    const offsets = objects.map((o, i) => {
      const at = text.length;
      text += `${i + 1} 0 obj\n${o}\nendobj\n`;
      return at;
    });
    const xref = text.length;
    text += `xref\n0 6\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
    // A buffer that owns its memory: pdfjs would take that memory over (detach it) if handed it.
    const pdf = Buffer.alloc(text.length);
    pdf.write(text, 'latin1');
    expect(await extractText('application/pdf', pdf)).toBe('Cong van');
    expect(pdf.toString('latin1')).toBe(text);
  });
});
