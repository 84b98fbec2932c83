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
  /** Position on the page; -1 for a clause that runs over a page break. */
  index: number;
  quote: string;
  value: number | null;
  body: string | null;
}

/** Page footers such as 第1页 共2页 or — 2 — stand between the halves of a clause split by a page break. */
const FOOTER = '(?:第\\s*\\d+\\s*页(?:\\s*共\\s*\\d+\\s*页)?|[—-]\\s*\\d+\\s*[—-])';
const TRAILING_FOOTER = new RegExp(`\\s*${FOOTER}\\s*$`, 'u');
const LEADING_FOOTER = new RegExp(`^\\s*${FOOTER}\\s*`, 'u');
const BRIDGE_CHARS = 400;

/** The end of one page joined to the start of the next, footers removed, as one text. */
function bridge(a: PageInput, b: PageInput): string {
  // Normalisation may have joined the footer onto the last line, so it is cut off the end, not matched as a line.
  const tail = a.normalized.slice(-BRIDGE_CHARS).replace(TRAILING_FOOTER, '');
  const head = b.normalized.slice(0, BRIDGE_CHARS).replace(LEADING_FOOTER, '');
  return `${tail}\n${head}`.replace(/([\u4e00-\u9fff，、（）])\n+([\u4e00-\u9fff（）])/gu, '$1$2');
}

function hitOf(page: PageInput, m: RegExpExecArray, quote: string): Hit {
  const body = m[2]?.replace(/^(?:本机关|本局)?(?:或者|或)?/u, '').trim();
  return { page, index: m.index, quote, value: parseNumeral(m[1]!), body: body ? body : null };
}

function find(pages: readonly PageInput[], pattern: RegExp): Hit | null {
  for (const page of pages) {
    const m = pattern.exec(page.normalized);
    if (m && m[1] !== undefined) {
      const [qs, qe] = sentenceAround(page.normalized, m.index, m.index + m[0].length, 160);
      return hitOf(page, m, quoteSpan(page, qs, qe));
    }
  }
  for (let i = 0; i + 1 < pages.length; i++) {
    const text = bridge(pages[i]!, pages[i + 1]!);
    const m = pattern.exec(text);
    if (m && m[1] !== undefined) {
      const [qs, qe] = sentenceAround(text, m.index, m.index + m[0].length, 160);
      return { ...hitOf(pages[i]!, m, text.slice(qs, qe)), index: -1 };
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
  return {
    documentId: doc.id,
    page: first.page.pageNumber,
    quote: first.quote,
    reconsiderationDays: reconsideration?.value ?? null,
    reconsiderationBody: reconsideration?.body ?? null,
    litigationMonths: months?.value ?? null,
    litigationDays: days?.value ?? null,
    court: months?.body ?? days?.body ?? null,
  };
}
