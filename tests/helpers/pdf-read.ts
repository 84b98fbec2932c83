/** Reads PDF text the way the service does (pdf-parse with the pdf.js CMaps), for asserting on fixtures. */
import { PDFParse } from 'pdf-parse';
import { PDFJS_RESOURCES } from '../../src/ingest/pdf-text.js';

export interface ReadOptions {
  /** Pass the CMap files (default true). Without them non-embedded CJK fonts read as nothing. */
  cmaps?: boolean;
  password?: string;
  /** 1-based page numbers to read; all pages when absent. */
  pages?: number[];
}

/** The text of each page, in page order. */
export async function readPdfPages(data: Uint8Array, options: ReadOptions = {}): Promise<string[]> {
  const parser = new PDFParse({
    data: new Uint8Array(data),
    verbosity: 0,
    standardFontDataUrl: PDFJS_RESOURCES.standardFontDataUrl,
    ...(options.cmaps === false ? {} : { cMapUrl: PDFJS_RESOURCES.cMapUrl, cMapPacked: true }),
    ...(options.password === undefined ? {} : { password: options.password }),
  });
  try {
    const result = await parser.getText({ pageJoiner: '', ...(options.pages ? { partial: options.pages } : {}) });
    return [...result.pages].sort((a, b) => a.num - b.num).map((p) => p.text);
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

export const withoutWhitespace = (text: string) => text.replace(/\s+/gu, '');

export const cjkCount = (text: string) => text.match(/\p{Script=Han}/gu)?.length ?? 0;
