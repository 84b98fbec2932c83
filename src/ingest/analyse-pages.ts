/**
 * From raw page text to what we store: normalised text and a quality verdict per page, and
 * the documents the pages form. Pure; runs in the extraction worker.
 */
import { normalizeForMatching } from '../text/normalize.js';
import { assessPageQuality } from '../text/page-quality.js';
import { detectDocuments, type DetectedDocument } from './detect-documents.js';
import type { RawPage } from './pdf-text.js';

export interface AnalysedPage {
  pageNumber: number;
  rawText: string;
  normalizedText: string;
  charCount: number;
  cjkCount: number;
  needsOcr: boolean;
  qualityNote: string | null;
}

export interface PageAnalysis {
  pages: AnalysedPage[];
  documents: DetectedDocument[];
}

export function analysePages(rawPages: readonly RawPage[]): PageAnalysis {
  const pages = rawPages.map((page): AnalysedPage => {
    const quality = assessPageQuality(page.text);
    return {
      pageNumber: page.pageNumber,
      rawText: page.text,
      normalizedText: normalizeForMatching(page.text),
      charCount: quality.charCount,
      cjkCount: quality.cjkCount,
      needsOcr: quality.needsOcr,
      qualityNote: quality.reason,
    };
  });
  return { pages, documents: detectDocuments(pages.map((p) => ({ pageNumber: p.pageNumber, text: p.rawText, normalizedText: p.normalizedText }))) };
}
