import mammoth from 'mammoth';
import { DOCX, type MediaType } from './attachment.types.js';

/** What is kept of a document's text: enough to search its words, bounded so a row stays small. */
export const TEXT_LIMITS = { pages: 200, characters: 200_000 } as const;

// NUL cannot be stored in PostgreSQL text; lone surrogates break it too.
// eslint-disable-next-line no-control-regex -- exactly what is removed
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

function clean(text: string): string {
  return text
    .replace(UNSTORABLE, ' ')
    .replace(/[ \t\f\v]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
    .slice(0, TEXT_LIMITS.characters);
}

/** The PDF's text layer (pdfjs, legacy build for Node), page by page up to TEXT_LIMITS; a scan without one gives ''. */
async function pdfText(data: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({
    // A copy: pdfjs takes over (detaches) a buffer that owns its memory, which would leave the caller's empty.
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: false,
    verbosity: 0,
  }).promise;
  try {
    const parts: string[] = [];
    let length = 0;
    for (let i = 1; i <= Math.min(doc.numPages, TEXT_LIMITS.pages) && length < TEXT_LIMITS.characters; i++) {
      const page = await doc.getPage(i);
      const content = await page.getTextContent();
      const text = content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('');
      parts.push(text);
      length += text.length;
      page.cleanup();
    }
    return parts.join('\n');
  } finally {
    await doc.destroy();
  }
}

/** The text of an attachment whose type has one (TEXT_TYPES), or null. Zip limits were checked at upload. */
export async function extractText(mediaType: MediaType, data: Buffer): Promise<string | null> {
  let text: string;
  if (mediaType === 'application/pdf') text = await pdfText(data);
  else if (mediaType === DOCX) text = (await mammoth.extractRawText({ buffer: data })).value;
  else return null;
  const cleaned = clean(text);
  return cleaned || null;
}
