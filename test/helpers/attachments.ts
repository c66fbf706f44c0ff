import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Api, Response } from './harness.js';
import { pdfmakeReady } from '../../src/infrastructure/documents/pdfmake.js';

/** Uploads one file (multipart/form-data, as a browser's FormData sends it) with the given fields. */
export async function upload(
  api: Api,
  path: string,
  token: string,
  file: { bytes: Buffer; name: string; type?: string },
  fields: Record<string, string> = {},
): Promise<Response> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file.bytes)], { type: file.type ?? 'application/octet-stream' }), file.name);
  const res = await fetch(`${api.baseUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: keep the text
  }
  return { status: res.status, headers: res.headers, body };
}

/** Every file under a directory (recursively), as paths relative to it. */
export function filesUnder(dir: string): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name).slice(dir.length + 1));
}

/**
 * A one-page PDF with a text layer (Helvetica, so ASCII text only), written by hand: small and
 * instant, for tests that need a valid signed document rather than its words.
 */
export function minimalPdf(text: string): Buffer {
  const stream = `BT /F1 12 Tf 72 760 Td (${text.replace(/[()\\]/g, (c) => `\\${c}`)}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** A 1×1 PNG and a tiny baseline JPEG (valid headers; all a content sniffer reads). */
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const JPEG = Buffer.from(
  '/9j/4AAQSkZJRgABAQEASABIAAD/2wBDAP//////////////////////////////////////////////////////////////////////////////////////wgALCAABAAEBAREA/8QAFBABAAAAAAAAAAAAAAAAAAAAAP/aAAgBAQABPxA=',
  'base64',
);

const require = createRequire(import.meta.url);

/** A PDF with Vietnamese text in its text layer (pdfmake, Roboto), as an agency's letter would be. */
export async function vietnamesePdf(lines: string[]): Promise<Buffer> {
  const pdfmake = pdfmakeReady();
  return pdfmake.createPdf({ content: lines, defaultStyle: { font: 'Roboto' } }).getBuffer();
}

/** A DOCX (the `docx` package) whose body says `text`. */
export async function docx(text: string): Promise<Buffer> {
  const { Document, Packer, Paragraph, TextRun } = await import('docx');
  return Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph({ children: [new TextRun(text)] })] }] }));
}

/** An XLSX (exceljs) with one sheet. */
export async function xlsx(): Promise<Buffer> {
  const ExcelJS = require('exceljs');
  const book = new ExcelJS.Workbook();
  book.addWorksheet('Danh sách').addRows([
    ['Hộ', 'Số tiền'],
    ['Nguyễn Văn A', 12_000_000],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** An ODT: its stored `mimetype` first, then content.xml (what makes a zip an OpenDocument text). */
export async function odt(): Promise<Buffer> {
  const JSZip = require('jszip');
  const zip = new JSZip();
  zip.file('mimetype', 'application/vnd.oasis.opendocument.text', { compression: 'STORE' });
  zip.file('content.xml', '<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>');
  zip.file('META-INF/manifest.xml', '<manifest/>');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A DOCX-shaped zip bomb: word/document.xml is `mib` MiB of zeros, deflated (about a thousand times smaller). */
export async function zipBombDocx(mib: number): Promise<Buffer> {
  const JSZip = require('jszip');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', Buffer.alloc(mib * 1024 * 1024));
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

/** A small real DOCX whose central directory claims word/document.xml inflates to 4 GiB. */
export async function lyingDocx(): Promise<Buffer> {
  const bytes = Buffer.from(await docx('nhỏ'));
  const name = Buffer.from('word/document.xml');
  for (let i = bytes.length - 46; i >= 0; i--) {
    // A central directory header (PK\1\2) naming word/document.xml: its uncompressed size is at +24.
    if (bytes.readUInt32LE(i) === 0x02014b50 && bytes.subarray(i + 46, i + 46 + name.length).equals(name)) {
      bytes.writeUInt32LE(0xfffffffe, i + 24);
      return bytes;
    }
  }
  throw new Error('no central directory entry for word/document.xml');
}

/** A DOCX-looking zip with an entry that climbs out of its folder. */
export async function traversalDocx(): Promise<Buffer> {
  const JSZip = require('jszip');
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<Types/>');
  zip.file('word/document.xml', '<w:document/>');
  zip.file('../../evil.sh', 'echo pwned');
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

/** A Windows executable's header under a PDF's name. */
export function renamedExe(): Buffer {
  const b = Buffer.alloc(4096, 0x90);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('PE\0\0', 0x80, 'latin1');
  return b;
}
