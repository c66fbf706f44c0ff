import pdfmake from 'pdfmake';
import { pdfFonts } from './decree30.js';

let ready = false;

/**
 * pdfmake, set up once per process for every PDF the system writes (letters, the review report's
 * annex, the demo's answer letters): Roboto (pdfFonts), no URL fetched, no local file read but the
 * fonts' — a document embeds no images or remote resources, whatever its text says.
 */
export function pdfmakeReady(): typeof pdfmake {
  if (ready) return pdfmake;
  const fonts = pdfFonts();
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(() => false);
  const fontFiles = new Set(Object.values(fonts).flatMap((f) => Object.values(f)));
  pdfmake.setLocalAccessPolicy((path) => fontFiles.has(path));
  ready = true;
  return pdfmake;
}
