/**
 * Text extraction from PDF bytes with pdf.js (pdfjs.ts). Runs in worker threads and the CLI,
 * never on the API's event loop: pdf.js parses synchronously and would block it for seconds.
 *
 * pdf.js is called directly rather than through pdf-parse's getText: pdf-parse reads the
 * document's metadata, outline and permissions before any text and computes a viewport per
 * text item; the page text is laid out the same way (text-layout.ts).
 */
import { openPdf } from './pdfjs.js';
import { layoutPageText } from './text-layout.js';

export { PDFJS_RESOURCES } from './pdfjs.js';

export type PdfProblemCode = 'pdf_encrypted' | 'pdf_corrupt';

export interface PdfProblem {
  ok: false;
  code: PdfProblemCode;
  message: string;
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
  const pdf = openPdf(data);
  try {
    const { numPages } = await pdf.document;
    if (!Number.isInteger(numPages) || numPages < 1) return { ok: false, code: 'pdf_corrupt', message: 'PDF 不含任何页面' };
    return { ok: true, pageCount: numPages };
  } catch (error) {
    return describePdfError(error);
  } finally {
    await pdf.close();
  }
}

export interface RawPage {
  pageNumber: number;
  text: string;
}

/** Progress is reported every this many pages while a long volume is read. */
const PAGES_PER_PROGRESS = 20;

export async function extractPdfPages(
  data: Uint8Array,
  onProgress?: (pagesDone: number, pagesTotal: number) => void,
): Promise<{ ok: true; pages: RawPage[] } | PdfProblem> {
  const pdf = openPdf(data);
  try {
    const document = await pdf.document;
    const total = document.numPages;
    const pages: RawPage[] = [];
    for (let pageNumber = 1; pageNumber <= total; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      pages.push({ pageNumber, text: layoutPageText(content.items, page.getViewport({ scale: 1 }).transform) });
      page.cleanup();
      if (pageNumber % PAGES_PER_PROGRESS === 0 || pageNumber === total) onProgress?.(pageNumber, total);
    }
    return { ok: true, pages };
  } catch (error) {
    return describePdfError(error);
  } finally {
    await pdf.close();
  }
}
