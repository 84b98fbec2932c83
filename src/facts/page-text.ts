/**
 * A page's raw text normalised with offsets back to the raw text, computed once per page
 * object: the extractors and rules each need it (to match, and to quote the raw text), and
 * normalising is a pass over every character. Pure; the cache holds page objects weakly.
 */
import { normalizeWithOffsets, type NormalizedText } from '../text/normalize.js';
import type { PageInput } from './types.js';

const normalizedPages = new WeakMap<PageInput, NormalizedText>();

/** normalizeWithOffsets(page.raw), once per page object. */
export function normalizedPage(page: PageInput): NormalizedText {
  let normalized = normalizedPages.get(page);
  if (!normalized) {
    normalized = normalizeWithOffsets(page.raw);
    normalizedPages.set(page, normalized);
  }
  return normalized;
}

/** Offsets from page.normalized back to page.raw, or null if page.normalized is not normalizeForMatching(page.raw). */
export function rawOffsetsOf(page: PageInput): Int32Array | null {
  const normalized = normalizedPage(page);
  return normalized.text === page.normalized ? normalized.rawOffsets : null;
}
