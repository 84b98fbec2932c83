/** From extracted pages and detected documents to the DocumentInput the fact extractors read. */
import type { AnalysedPage } from '../ingest/analyse-pages.js';
import type { DocumentInput } from '../facts/types.js';

export interface DetectedRange {
  id: string;
  type: string;
  title: string | null;
  startPage: number;
  endPage: number;
}

export function documentInputs(file: string, pages: readonly Pick<AnalysedPage, 'pageNumber' | 'rawText' | 'normalizedText'>[], documents: readonly DetectedRange[]): DocumentInput[] {
  return documents.map((d) => ({
    id: d.id,
    file,
    type: d.type,
    title: d.title,
    pages: pages
      .filter((p) => p.pageNumber >= d.startPage && p.pageNumber <= d.endPage)
      .map((p) => ({ pageNumber: p.pageNumber, raw: p.rawText, normalized: p.normalizedText })),
  }));
}
