import { basename } from 'node:path';
import { HttpStatus } from '@nestjs/common';
import { fileTypeFromBuffer } from 'file-type';
import sanitize from 'sanitize-filename';
import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { DomainError } from '../../infrastructure/http/domain-error.js';
import { DOCX, MEDIA_TYPES, type MediaType, ODT, XLSX } from './attachment.types.js';

/** How many bytes of the head are kept for sniffing (file-type's sample is 4,100). */
export const HEAD_BYTES = 16 * 1024;

/**
 * Bounds of a zip container (DOCX, XLSX, ODT), read from its central directory alone: a document
 * never needs more, and a zip bomb (a small file that inflates to gigabytes) is refused before
 * anything inflates it — the worker's text extraction included.
 */
export const ZIP_LIMITS = {
  entries: 2_000,
  /** Total declared uncompressed size. */
  uncompressedBytes: 128 * 1024 * 1024,
  /** Largest inflation of one entry above `ratioFloorBytes` (XML compresses 10–30 times). */
  ratio: 100,
  ratioFloorBytes: 1024 * 1024,
} as const;

const ZIP_MEDIA = new Set(['application/zip', DOCX, XLSX, ODT, 'application/vnd.oasis.opendocument.spreadsheet', 'application/java-archive']);

function unsupported(detail: string) {
  return new DomainError('UNSUPPORTED_FILE_TYPE', HttpStatus.UNSUPPORTED_MEDIA_TYPE, detail, [
    { field: 'file', message: `must be JPG, PNG, PDF, DOCX, XLSX or ODT (${detail})` },
  ]);
}

function unsafe(detail: string) {
  return new DomainError('UNSAFE_DOCUMENT', HttpStatus.BAD_REQUEST, `The document cannot be accepted: ${detail}`, [{ field: 'file', message: detail }]);
}

/**
 * The file's type from its content: the first bytes (file-type), and for zip containers their
 * central directory, which must hold the parts of a real DOCX, XLSX or ODT within ZIP_LIMITS.
 * Anything else (an executable renamed .pdf, an archive, a script) is 415 UNSUPPORTED_FILE_TYPE.
 */
export async function sniffMediaType(head: Buffer, path: string): Promise<MediaType> {
  const found = await fileTypeFromBuffer(head);
  if (!found) throw unsupported('unrecognised content');
  if (ZIP_MEDIA.has(found.mime)) return zipDocumentType(path);
  if (found.mime in MEDIA_TYPES) return found.mime as MediaType;
  throw unsupported(`content is ${found.mime}`);
}

function openZip(path: string): Promise<ZipFile> {
  return new Promise((resolve, reject) =>
    yauzl.open(path, { lazyEntries: true, autoClose: false, strictFileNames: true, validateEntrySizes: true }, (err, zip) =>
      err ? reject(err) : resolve(zip),
    ),
  );
}

function readSmallEntry(zip: ZipFile, entry: Entry, max: number): Promise<string> {
  return new Promise((resolve, reject) =>
    zip.openReadStream(entry, (err, stream) => {
      if (err) return reject(err);
      const chunks: Buffer[] = [];
      let n = 0;
      stream.on('data', (c: Buffer) => {
        n += c.length;
        if (n > max) stream.destroy(new Error('entry too large'));
        else chunks.push(c);
      });
      stream.on('error', reject);
      stream.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    }),
  );
}

/** Walks the central directory (never inflating anything but ODT's few-byte `mimetype`). */
async function zipDocumentType(path: string): Promise<MediaType> {
  let zip: ZipFile;
  try {
    zip = await openZip(path);
  } catch (e) {
    throw unsafe(`not a readable zip container (${(e as Error).message})`);
  }
  try {
    if (zip.entryCount > ZIP_LIMITS.entries) throw unsafe(`more than ${ZIP_LIMITS.entries} entries`);
    const names = new Set<string>();
    let total = 0;
    let mimetype: string | null = null;
    await new Promise<void>((resolve, reject) => {
      zip.on('error', (e: Error) => reject(e instanceof DomainError ? e : unsafe((e as Error).message)));
      zip.on('end', () => resolve());
      zip.on('entry', (entry: Entry) => {
        void (async () => {
          const name = entry.fileName;
          // yauzl already refuses absolute paths, `..` and backslashes (strictFileNames); these are ours on top.
          if (name.includes('\u0000') || name.split('/').includes('..') || name.startsWith('/')) throw unsafe(`unsafe entry name ${JSON.stringify(name)}`);
          if (entry.isEncrypted()) throw unsafe('encrypted entries');
          total += entry.uncompressedSize;
          if (total > ZIP_LIMITS.uncompressedBytes) throw unsafe(`inflates to more than ${ZIP_LIMITS.uncompressedBytes} bytes`);
          if (entry.uncompressedSize > ZIP_LIMITS.ratioFloorBytes && entry.uncompressedSize > ZIP_LIMITS.ratio * Math.max(1, entry.compressedSize)) {
            throw unsafe(`entry ${JSON.stringify(name)} inflates more than ${ZIP_LIMITS.ratio} times`);
          }
          names.add(name);
          if (name === 'mimetype' && entry.uncompressedSize <= 100) mimetype = (await readSmallEntry(zip, entry, 100)).trim();
          zip.readEntry();
        })().catch(reject);
      });
      zip.readEntry();
    });
    if (names.has('[Content_Types].xml') && names.has('word/document.xml')) return DOCX;
    if (names.has('[Content_Types].xml') && names.has('xl/workbook.xml')) return XLSX;
    if (mimetype === ODT && names.has('content.xml')) return ODT;
    throw unsupported('a zip container that is not a DOCX, XLSX or ODT document');
  } finally {
    zip.close();
  }
}

/** Longest stored file name, in characters. */
export const MAX_FILENAME = 200;

/**
 * The client's file name only names the file: any path is dropped (`../../etc/passwd.pdf` →
 * `passwd.pdf`, `C:\x\y.pdf` → `y.pdf`), then characters no file system takes, control characters
 * and reserved names; Vietnamese letters are kept (NFC). The extension is the sniffed type's.
 */
export function safeFilename(clientName: string | undefined, mediaType: MediaType): string {
  const ext = MEDIA_TYPES[mediaType];
  // Control and format characters (a right-to-left override that disguises `gpj.exe`) go before anything else.
  const leaf = basename(
    (clientName ?? '')
      .normalize('NFC')
      .replace(/[\p{Cc}\p{Cf}]/gu, '')
      .replace(/\\/g, '/'),
  );
  let stem = sanitize(leaf, { replacement: '_' }).replace(/\s+/g, ' ').trim().replace(/^\.+/, '');
  const dot = stem.lastIndexOf('.');
  if (dot > 0) stem = stem.slice(0, dot);
  stem = stem.trim();
  if (/^[_.\s]*$/.test(stem)) stem = 'tep-dinh-kem';
  const room = MAX_FILENAME - ext.length - 1;
  // Cut by code points, so a surrogate pair is never split.
  if ([...stem].length > room) stem = [...stem].slice(0, room).join('').trim();
  return `${stem}.${ext}`;
}
