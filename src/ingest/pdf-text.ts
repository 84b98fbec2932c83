/**
 * Text extraction from PDF bytes with pdf-parse (pdf.js). Runs in worker threads and the CLI,
 * never on the API's event loop: pdf.js parses synchronously and would block it for seconds.
 *
 * CMaps and standard-font data are always passed: without them a Chinese font that is not
 * embedded (STSong-Light with UniGB-UCS2-H, common in government PDFs) yields empty text
 * with no error at all (stack-notes §3.4).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';

const require = createRequire(import.meta.url);
// pdfjs-dist is pdf-parse's own dependency: resolve it from there, so the versions match.
const pdfjsDir = path.dirname(createRequire(require.resolve('pdf-parse')).resolve('pdfjs-dist/package.json'));

export const PDFJS_RESOURCES = Object.freeze({
  cMapUrl: path.join(pdfjsDir, 'cmaps') + path.sep,
  standardFontDataUrl: path.join(pdfjsDir, 'standard_fonts') + path.sep,
});

export type PdfProblemCode = 'pdf_encrypted' | 'pdf_corrupt';

export interface PdfProblem {
  ok: false;
  code: PdfProblemCode;
  message: string;
}

function openParser(data: Uint8Array): PDFParse {
  return new PDFParse({
    data,
    cMapUrl: PDFJS_RESOURCES.cMapUrl,
    cMapPacked: true,
    standardFontDataUrl: PDFJS_RESOURCES.standardFontDataUrl,
    verbosity: 0,
  });
}

/** Maps pdf.js exceptions to the reasons we give users. */
export function describePdfError(error: unknown): PdfProblem {
  const name = error instanceof Error ? error.name : '';
  const detail = error instanceof Error ? error.message : String(error);
  if (name === 'PasswordException') {
    return { ok: false, code: 'pdf_encrypted', message: `PDF 已加密，无法读取（${detail}）` };
  }
  return { ok: false, code: 'pdf_corrupt', message: `PDF 文件已损坏或结构无效（${detail}）` };
}

/** Opens the document and counts its pages, without extracting text: a cheap validity check. */
export async function probePdf(data: Uint8Array): Promise<{ ok: true; pageCount: number } | PdfProblem> {
  const parser = openParser(data);
  try {
    const info = await parser.getInfo();
    if (!Number.isInteger(info.total) || info.total < 1) return { ok: false, code: 'pdf_corrupt', message: 'PDF 不含任何页面' };
    return { ok: true, pageCount: info.total };
  } catch (error) {
    return describePdfError(error);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

export interface RawPage {
  pageNumber: number;
  text: string;
}

/** Pages are extracted in chunks so progress can be reported while a long volume is read. */
const PAGES_PER_CHUNK = 20;

export async function extractPdfPages(
  data: Uint8Array,
  onProgress?: (pagesDone: number, pagesTotal: number) => void,
): Promise<{ ok: true; pages: RawPage[] } | PdfProblem> {
  const parser = openParser(data);
  try {
    const { total } = await parser.getInfo();
    const pages: RawPage[] = [];
    for (let first = 1; first <= total; first += PAGES_PER_CHUNK) {
      const last = Math.min(total, first + PAGES_PER_CHUNK - 1);
      const partial = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const result = await parser.getText({ partial, pageJoiner: '' });
      for (const page of result.pages) pages.push({ pageNumber: page.num, text: page.text });
      onProgress?.(last, total);
    }
    pages.sort((a, b) => a.pageNumber - b.pageNumber);
    return { ok: true, pages };
  } catch (error) {
    return describePdfError(error);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}
