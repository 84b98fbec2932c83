/**
 * Money amounts written in a document: Arabic amounts with 元/万元/亿元 or a ¥ sign (412650元,
 * 5.6万元, ¥870元, 人民币50,000元) and capital amounts (捌佰柒拾元整). A capital amount with
 * the Arabic one in brackets right after it (捌佰柒拾元整（¥870元）), or the reverse
 * (870元（大写：捌佰柒拾元整）), is one fact: form 'capital', value from the capitals,
 * pairedValue the Arabic value, so a rule can compare the two.
 *
 * Not money, so never read: numbers without 元 or ¥ (dates, case numbers, phone numbers,
 * quantities), and 元 that does not follow a digit or a capital numeral (单元, 元月). Amounts
 * written in ordinary Chinese numerals (五千元) are not read.
 *
 * The role comes from the words right before the amount in its clause (at most 14 characters
 * back): 加处罚款/滞纳金 → late_fee, 违法所得 → illegal_gains, 没收 (other than 违法所得) →
 * confiscation, 货值 → goods_value, 投资 → investment, 罚款 → fine; the nearest word wins.
 * An amount that bounds a range (5万元以上20万元以下, 不超过10万元) gets no role: it is
 * the statutory range, not the amount imposed.
 */
import { normalizedPage } from './page-text.js';
import { quoteAround } from './dates.js';
import { parseCapitalAmount } from './numerals.js';
import type { AmountFact, AmountRole, DocumentInput } from './types.js';

const CAPITAL_DIGITS = '零壹贰貳叁參叄肆伍陆陸柒捌玖';
const CAPITAL_CHARS = `${CAPITAL_DIGITS}拾佰仟万萬亿億元圆角分整正`;
const CAPITAL_RUN = new RegExp(`[${CAPITAL_CHARS}]+`, 'gu');
const HAS_CAPITAL_DIGIT = new RegExp(`[${CAPITAL_DIGITS.replace('零', '')}]`, 'u');

/** An Arabic amount: optional ¥, digits (with , or ， thousands separators), decimals, 万/亿, 元. */
const ARABIC =
  /(?<![\d.,A-Za-z])(?<!\d，)([¥]\s?)?(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d{1,4}))?\s?(?:(万|亿)\s?元|元(?![\d])|(?<=[¥]\s?[\d,.]+)(?![\d,.万亿元]))/gu;

/** Arabic amount in brackets after a capital one: （¥870元）, (人民币870.00元), （小写：870元）. */
const PAIRED_ARABIC =
  /^\s?[（(]\s?(?:小写[：:]?\s?)?(?:人民币\s?)?[¥]?\s?(\d{1,3}(?:[,，]\d{3})+|\d+)(?:\.(\d{1,4}))?\s?(万|亿)?\s?元?\s?[）)]/u;

/** Capital amount in brackets after an Arabic one: （大写：捌佰柒拾元整）, (人民币捌佰柒拾元). */
const PAIRED_CAPITAL = new RegExp(
  `^\\s?[（(]\\s?(?:大写[：:]?\\s?)?(?:人民币\\s?)?([${CAPITAL_CHARS}]+)\\s?[）)]`,
  'u',
);

const ROLE_WORDS: ReadonlyArray<readonly [RegExp, AmountRole]> = [
  [/加处罚款|滞纳金/gu, 'late_fee'],
  [/违法所得/gu, 'illegal_gains'],
  [/没收(?!违法所得)/gu, 'confiscation'],
  [/货值/gu, 'goods_value'],
  [/投资/gu, 'investment'],
  [/罚款/gu, 'fine'],
];
const ROLE_WINDOW = 14;
const CLAUSE_BREAK = /[，,。；;！？!?\n]/u;
const RANGE_AFTER = /^\s?(?:以上|以下|以内|之内|至|到|~|～|-|—|－)/u;
const RANGE_BEFORE = /(?:至|到|~|～|-|—|－|不超过|不低于|不少于|最高|最低|以上|以下)\s?(?:人民币)?\s?$/u;

function arabicValue(integer: string, fraction: string | undefined, multiplier: string | undefined): number {
  const base = Number(`${integer.replace(/[,，]/gu, '')}${fraction === undefined ? '' : `.${fraction}`}`);
  const factor = multiplier === '万' ? 1e4 : multiplier === '亿' ? 1e8 : 1;
  return Math.round(base * factor * 100) / 100;
}

function roleBefore(text: string, start: number, end: number): AmountRole | null {
  if (RANGE_AFTER.test(text.slice(end, end + 3))) return null;
  let from = Math.max(0, start - ROLE_WINDOW);
  for (let i = start - 1; i >= from; i--) {
    if (CLAUSE_BREAK.test(text[i]!)) {
      from = i + 1;
      break;
    }
  }
  const window = text.slice(from, start);
  let best: { role: AmountRole; end: number; length: number } | null = null;
  for (const [re, role] of ROLE_WORDS) {
    for (const m of window.matchAll(re)) {
      const mEnd = m.index + m[0].length;
      if (best === null || mEnd > best.end || (mEnd === best.end && m[0].length > best.length)) {
        best = { role, end: mEnd, length: m[0].length };
      }
    }
  }
  if (best === null) return null;
  if (RANGE_BEFORE.test(window.slice(best.end))) return null;
  return best.role;
}

interface Found {
  start: number;
  end: number;
  value: number;
  form: 'arabic' | 'capital';
  pairedValue: number | null;
}

function findCapitals(text: string): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(CAPITAL_RUN)) {
    let start = m.index;
    let run = m[0];
    // Leading characters that cannot start an amount (…元整 of a word before).
    const lead = /^[元圆角分整正]+/u.exec(run);
    if (lead) {
      start += lead[0].length;
      run = run.slice(lead[0].length);
    }
    // A final 整/正 running into a word (整改, 正常) is not part of the amount.
    const next = text[start + run.length] ?? '';
    if (/[整正]$/u.test(run) && /[\u4e00-\u9fff]/u.test(next)) run = run.slice(0, -1);
    if (!HAS_CAPITAL_DIGIT.test(run) || !/[元圆角分]/u.test(run)) continue;
    const value = parseCapitalAmount(run);
    if (value === null) continue;
    let end = start + run.length;
    let pairedValue: number | null = null;
    const paired = PAIRED_ARABIC.exec(text.slice(end, end + 40));
    if (paired) {
      pairedValue = arabicValue(paired[1]!, paired[2], paired[3]);
      end += paired[0].length;
    }
    found.push({ start, end, value, form: 'capital', pairedValue });
  }
  return found;
}

function findArabic(text: string, taken: readonly Found[]): Found[] {
  const found: Found[] = [];
  for (const m of text.matchAll(ARABIC)) {
    const start = m.index;
    let end = start + m[0].length;
    if (taken.some((t) => start < t.end && end > t.start)) continue;
    const arabic = arabicValue(m[2]!, m[3], m[4]);
    const paired = PAIRED_CAPITAL.exec(text.slice(end, end + 40));
    const capital = paired ? parseCapitalAmount(paired[1]!) : null;
    if (paired && capital !== null) {
      end += paired[0].length;
      found.push({ start, end, value: capital, form: 'capital', pairedValue: arabic });
    } else {
      found.push({ start, end, value: arabic, form: 'arabic', pairedValue: null });
    }
  }
  return found;
}

/** Every money amount in a document, in page and text order. */
export function extractAmounts(doc: DocumentInput): AmountFact[] {
  const facts: AmountFact[] = [];
  for (const page of doc.pages) {
    const { text, rawOffsets } = normalizedPage(page);
    const capitals = findCapitals(text);
    const arabic = findArabic(text, capitals);
    // An Arabic amount that absorbed a bracketed capital one replaces that capital match.
    const all = [
      ...capitals.filter((c) => !arabic.some((a) => a.form === 'capital' && c.start < a.end && c.end > a.start)),
      ...arabic,
    ].sort((a, b) => a.start - b.start);
    for (const amount of all) {
      facts.push({
        documentId: doc.id,
        page: page.pageNumber,
        quote: quoteAround(page.raw, text, rawOffsets, amount.start, amount.end),
        value: amount.value,
        role: roleBefore(text, amount.start, amount.end),
        form: amount.form,
        pairedValue: amount.pairedValue,
      });
    }
  }
  return facts;
}
