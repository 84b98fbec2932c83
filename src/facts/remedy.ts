/**
 * The remedy clause (救济途径和期限) of a decision: 六十日内向XX人民政府申请行政复议 / 六个月内向XX人民法院
 * 提起行政诉讼, the older 三个月 wording, and 十五日内 (suit after reconsideration, 复议前置). Pure.
 */
import { parseNumeral, quoteSpan, sentenceAround } from './case-numbers.js';
import type { DocumentInput, PageInput, RemedyFact } from './types.js';

const NUM = '[零〇一二三四五六七八九十百两\\d]+';
/** 1 days, 2 body. */
const RECONSIDERATION = new RegExp(`(${NUM})(?:个工作|个)?日内[^。；，,]{0,30}?(?:向([^。；，,、]{2,40}?))?(?:依法)?(?:申请|提出|提起)(?:行政)?复议`, 'u');
/** 1 months, 2 court. */
const LITIGATION_MONTHS = new RegExp(`(${NUM})个月内[^。；，,]{0,30}?(?:向([^。；，,、]{2,40}?))?(?:依法)?(?:提起(?:行政)?诉讼|起诉)`, 'u');
/** 1 days, 2 court. */
const LITIGATION_DAYS = new RegExp(`(${NUM})日内[^。；，,]{0,30}?(?:向([^。；，,、]{2,40}?))?(?:依法)?(?:提起(?:行政)?诉讼|起诉)`, 'u');

interface Hit {
  page: PageInput;
  index: number;
  length: number;
  value: number | null;
  body: string | null;
}

function find(pages: readonly PageInput[], pattern: RegExp): Hit | null {
  for (const page of pages) {
    const m = pattern.exec(page.normalized);
    if (m && m[1] !== undefined) {
      const body = m[2]?.replace(/^(?:本机关|本局)?(?:或者|或)?/u, '').trim();
      return { page, index: m.index, length: m[0].length, value: parseNumeral(m[1]), body: body ? body : null };
    }
  }
  return null;
}

export function extractRemedy(doc: DocumentInput): RemedyFact | null {
  const reconsideration = find(doc.pages, RECONSIDERATION);
  const months = find(doc.pages, LITIGATION_MONTHS);
  const days = find(doc.pages, LITIGATION_DAYS);
  const first = [reconsideration, months, days]
    .filter((hit): hit is Hit => hit !== null)
    .sort((a, b) => a.page.pageNumber - b.page.pageNumber || a.index - b.index)[0];
  if (!first) return null;
  const [qs, qe] = sentenceAround(first.page.normalized, first.index, first.index + first.length, 160);
  return {
    documentId: doc.id,
    page: first.page.pageNumber,
    quote: quoteSpan(first.page, qs, qe),
    reconsiderationDays: reconsideration?.value ?? null,
    reconsiderationBody: reconsideration?.body ?? null,
    litigationMonths: months?.value ?? null,
    litigationDays: days?.value ?? null,
    court: months?.body ?? days?.body ?? null,
  };
}
