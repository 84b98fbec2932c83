/**
 * Case and document numbers (案号 / 文号): 沪徐市监处罚〔2024〕0312号, 鄂0105环罚决字〔2023〕17号,
 * (浙杭)文综罚字〔2022〕第B-000214号, （杭临）市监处罚〔2024〕131号, and defective forms with the
 * year in ASCII brackets, no year, no prefix, no serial or no 号. Pure.
 *
 * A number is either an (optional) prefix + a bracketed four-digit year (or an empty bracket
 * between a prefix and 号) + serial + 号, or a “…字第123号” shape without a year. Page markers
 * (第2页) and phone numbers have neither shape and are never taken.
 *
 * Also exports the small evidence helpers the other extractors in this folder use.
 */
import { quoteRaw } from '../text/normalize.js';
import { coreAnchoredPattern, matchesNearCores } from './matches-near-cores.js';
import { rawOffsetsOf } from './page-text.js';
import type { CaseNumberFact, CaseNumberProblem, DocumentInput, PageInput } from './types.js';

// ---------------------------------------------------------------------------------------
// Evidence helpers (shared by the extractors in this folder)

/** The raw text behind normalised [start, end) of a page (the normalised text if they disagree), trimmed. */
export function quoteSpan(page: PageInput, start: number, end: number): string {
  const offsets = rawOffsetsOf(page);
  const text = offsets ? quoteRaw(page.raw, offsets, start, end) : page.normalized.slice(start, end);
  return text.trim();
}

/** The normalised line around [start, end), cut to at most `max` characters each side of the match. */
export function lineAround(text: string, start: number, end: number, max = 60): [number, number] {
  let from = text.lastIndexOf('\n', start - 1) + 1;
  let to = text.indexOf('\n', end);
  if (to < 0) to = text.length;
  from = Math.max(from, start - max);
  to = Math.min(to, end + max);
  return [from, to];
}

/** The sentence (or line) around [start, end), bounded by 。；！？ or a line break. */
export function sentenceAround(text: string, start: number, end: number, max = 120): [number, number] {
  let from = start;
  while (from > 0 && from > start - max && !'。；！？\n'.includes(text[from - 1]!)) from--;
  let to = end;
  while (to < text.length && to < end + max && !'\n'.includes(text[to]!)) {
    to++;
    if ('。；！？'.includes(text[to - 1]!)) break;
  }
  return [from, to];
}

const CN_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const CN_UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

/** 三十六 → 36, 一百零五 → 105, 十五 → 15, 36 → 36; null if not a number. */
export function parseNumeral(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  if (text.length === 0) return null;
  let total = 0;
  let digit = -1;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d !== undefined) {
      digit = d;
      continue;
    }
    const unit = CN_UNITS[ch];
    if (unit === undefined) return null;
    total += (digit < 0 ? 1 : digit) * unit;
    digit = -1;
  }
  if (digit > 0) total += digit;
  return total;
}

// ---------------------------------------------------------------------------------------
// Case numbers

const OPEN = '〔（(\\[［【';
const CLOSE = '〕）)\\]］】';
const YEAR_NUMBER = new RegExp(
  // 1 region bracket, 2 prefix, 3 open, 4 year, 5 close, 6 第, 7 serial, 8 号
  `((?:[（(][\\u4e00-\\u9fff]{1,6}[）)])?)([\\u4e00-\\u9fffA-Za-z0-9]{0,16})([${OPEN}])\\s*((?:19|20)\\d{2})?\\s*([${CLOSE}])\\s*(第?)\\s*([A-Za-z]{0,4}[-－]?\\d+(?:[-－]\\d+)*)?\\s*(号?)`,
  'gu',
);
const ZI_NUMBER = /((?:[（(][\u4e00-\u9fff]{1,6}[）)])?)([\u4e00-\u9fffA-Za-z0-9]{1,14}字)(第?)([A-Za-z]{0,4}[-－]?\d+(?:[-－]\d+)*)号/gu;

// The same patterns, tried only near the part every match contains (matches-near-cores.ts):
// the bracketed year, at most 8 (region) + 16 (prefix) characters in; 字…号, at most 8 + 14 in.
const YEAR_NUMBERS = coreAnchoredPattern(YEAR_NUMBER, new RegExp(`[${OPEN}]\\s*(?:(?:19|20)\\d{2})?\\s*[${CLOSE}]`, 'gu'), 8 + 16);
const ZI_NUMBERS = coreAnchoredPattern(ZI_NUMBER, /字第?[A-Za-z]{0,4}[-－]?\d+(?:[-－]\d+)*号/gu, 8 + 14);

/** The plain and the anchored patterns, for the test that they match alike. */
export const CASE_NUMBER_PATTERNS = { yearNumber: [YEAR_NUMBER, YEAR_NUMBERS], ziNumber: [ZI_NUMBER, ZI_NUMBERS] } as const;

/** Words of running text that cannot be part of an agency/type abbreviation: cut the prefix after them. */
const PROSE = /^.*(?:的|了|向|于|在|对|将|按|据|即|为|与|和|及|见|经|照|送达|下达|作出|决定书|告知书|通知书|文号|案号|编号|号码|书|表|录|单)/u;

function cleanPrefix(prefix: string): string {
  return prefix.replace(PROSE, '');
}

export function extractCaseNumbers(doc: DocumentInput): CaseNumberFact[] {
  const facts: CaseNumberFact[] = [];
  for (const page of doc.pages) {
    const text = page.normalized;
    const taken: Array<[number, number]> = [];
    for (const m of matchesNearCores(text, YEAR_NUMBERS)) {
      const [, region = '', rawPrefix = '', open = '', yearText, close = '', , serial, hao = ''] = m;
      const prefix = cleanPrefix(rawPrefix);
      const cut = rawPrefix.length - prefix.length;
      const begin = cut === 0 ? m.index : m.index + region.length + cut;
      const fullPrefix = (cut === 0 ? region : '') + prefix;
      const hasYear = yearText !== undefined;
      // Without a year, only “prefix〔〕号” (a blank template number) counts.
      if (!hasYear && !(fullPrefix.length > 0 && (hao === '号' || serial !== undefined) && /[罚字决告通改立]/u.test(fullPrefix))) continue;
      // A bracketed year needs a prefix and a serial or 号 after it, or at least a serial and 号 (“〔2024〕15号”).
      if (hasYear && fullPrefix.length === 0 && !(serial !== undefined && hao === '号')) continue;
      if (hasYear && serial === undefined && hao === '') continue;
      if (hasYear && open !== '〔' && serial === undefined) continue;
      const end = m.index + m[0].length;
      const problems: CaseNumberProblem[] = [];
      if ('([)]'.includes(open) || '([)]'.includes(close)) problems.push('ascii_brackets');
      if (!hasYear) problems.push('missing_year');
      if (fullPrefix.length === 0) problems.push('missing_prefix');
      if (serial === undefined) problems.push('missing_serial');
      if (hao !== '号') problems.push('missing_hao');
      const value = text.slice(begin, end).replace(/\s+/g, '');
      const [qs, qe] = lineAround(text, begin, end);
      facts.push({
        documentId: doc.id,
        page: page.pageNumber,
        quote: quoteSpan(page, qs, qe),
        value,
        year: hasYear ? Number(yearText) : null,
        prefix: fullPrefix.length > 0 ? fullPrefix.replace(/\s+/g, '') : null,
        serial: serial !== undefined ? serial.replace(/\s+/g, '') : null,
        wellFormed: problems.length === 0,
        problems,
      });
      taken.push([begin, end]);
    }
    for (const m of matchesNearCores(text, ZI_NUMBERS)) {
      const [, region = '', rawPrefix = '', , serial = ''] = m;
      const prefix = cleanPrefix(rawPrefix);
      if (!/[\u4e00-\u9fff]{2,}/u.test(prefix)) continue;
      const cut = rawPrefix.length - prefix.length;
      const begin = cut === 0 ? m.index : m.index + region.length + cut;
      const end = m.index + m[0].length;
      if (taken.some(([s, e]) => begin < e && end > s)) continue;
      // A licence or plate number (道路运输证号：陵交运管货字390123008715号) is not a case number.
      if (/(?:证号|证编号|证件号|许可证|执照|号牌|车牌|编码)[：:]?[（(]?$/u.test(text.slice(Math.max(0, begin - 12), begin))) continue;
      const fullPrefix = (cut === 0 ? region : '') + prefix;
      const [qs, qe] = lineAround(text, begin, end);
      facts.push({
        documentId: doc.id,
        page: page.pageNumber,
        quote: quoteSpan(page, qs, qe),
        value: text.slice(begin, end).replace(/\s+/g, ''),
        year: null,
        prefix: fullPrefix,
        serial,
        wellFormed: false,
        problems: ['missing_year'],
      });
    }
  }
  facts.sort((a, b) => a.page - b.page);
  return facts;
}
