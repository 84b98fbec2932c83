/**
 * Legal citations: 《中华人民共和国行政处罚法》第三十六条第二款、第四十一条第一款第（三）项 → one
 * fact per article reference. A reference without a title of its own (第四十一条 after the
 * first, 本法, 该法) refers to the last law cited in the same sentence. Pure.
 */
import { parseNumeral, quoteSpan, sentenceAround } from './case-numbers.js';
import { findLaw, type LawIndexEntry } from './law-index.js';
import type { CitationFact, DocumentInput, LawKind } from './types.js';

const NUM = '[零〇一二三四五六七八九十百千两\\d]+';
/**
 * Tokens of a sentence: 1 a title in 《》; 2 本法/该法…; 3–5 article, clause, item;
 * 6–7 clause and item without an article (、第三款); 8 item alone (、第（二）项).
 */
const TOKEN = new RegExp(
  [
    '《([^《》\\n]{1,80})》',
    '(本法|该法|本条例|该条例|本办法|该办法|本规定|该规定|本细则)',
    `第(${NUM})条(?:之[一二三四五六七八九十]+)?(?:第(${NUM})款)?(?:第?[（(](${NUM})[）)]项|第(${NUM})项)?`,
    `第(${NUM})款(?:第?[（(](${NUM})[）)]项|第(${NUM})项)?`,
    `第[（(](${NUM})[）)]项|第(${NUM})项`,
  ].join('|'),
  'gu',
);

const DISCRETION = /裁量(?:权)?(?:基准|标准)|裁量权适用/u;
const PROVINCES =
  '北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|内蒙古|广西|西藏|宁夏|新疆|香港|澳门';
const PLACE_START = new RegExp(`^(?:${PROVINCES}|[\\u4e00-\\u9fff]{2,7}?(?:省|市|自治区|自治州|自治县|盟|县|区))`, 'u');
/** Titles that name a legal norm (as opposed to 《责令改正通知书》, 《营业执照》 or a technical standard). */
const NORM_TITLE = /(?:法|条例|规定|办法|细则|规则|决定|基准|标准|规范|意见|通知|解释|目录)(?:[（(][^）)]*[）)])?$/u;
const NORM_TITLE_FOR_FACT = /(?:法|条例|规定|办法|细则|规则|基准|解释)(?:[（(][^）)]*[）)])?$/u;
const DOCUMENT_TITLE = /(?:书|表|单|笔录|回证|回执|执照|证)$/u;

const INDEX_KIND: Record<string, LawKind> = { 行政法规: 'administrative_regulation', 部门规章: 'departmental_rule' };

/** The kind of a cited title, and its index entry when it is a known national law. */
export function classifyLawTitle(title: string): { kind: LawKind; entry: LawIndexEntry | null } {
  const entry = findLaw(title);
  if (DISCRETION.test(title)) return { kind: 'discretion_benchmark', entry };
  if (entry) return { kind: INDEX_KIND[entry.kind] ?? 'law', entry };
  if (PLACE_START.test(title) && !title.startsWith('中华人民共和国')) return { kind: 'local_regulation', entry };
  if (title.startsWith('中华人民共和国') || /法$/u.test(title)) return { kind: 'law', entry };
  return { kind: 'other', entry };
}

interface CurrentLaw {
  law: string;
  canonicalLaw: string | null;
  kind: LawKind;
}

export function extractCitations(doc: DocumentInput): CitationFact[] {
  const facts: CitationFact[] = [];
  for (const page of doc.pages) {
    const text = page.normalized;
    // A citation needs a 《title》 earlier in its sentence (article numbers alone are not
    // attributed): pages and sentences without one are skipped before any matching.
    if (!text.includes('《')) continue;
    const masked = maskQuotations(text);
    for (const [sentenceStart, sentenceEnd] of sentences(masked)) {
      const sentence = masked.slice(sentenceStart, sentenceEnd);
      if (!sentence.includes('《')) continue;
      let current: CurrentLaw | null = null;
      let pendingTitle: { law: CurrentLaw; start: number; end: number } | null = null;
      let lastArticle: number | null = null;
      let lastClause: number | null = null;
      const push = (law: CurrentLaw, start: number, end: number, article: number | null, clause: number | null, item: number | null): void => {
        const [qs, qe] = sentenceAround(text, sentenceStart + start, sentenceStart + end);
        facts.push({ documentId: doc.id, page: page.pageNumber, quote: quoteSpan(page, qs, qe), ...law, article, clause, item });
      };
      const flushTitle = (): void => {
        if (pendingTitle && NORM_TITLE_FOR_FACT.test(pendingTitle.law.law)) push(pendingTitle.law, pendingTitle.start, pendingTitle.end, null, null, null);
        pendingTitle = null;
      };
      for (const m of sentence.matchAll(TOKEN)) {
        const start = m.index;
        const end = start + m[0].length;
        if (m[1] !== undefined) {
          flushTitle();
          const title = m[1].replace(/\s+/g, '');
          if (DOCUMENT_TITLE.test(title) || !(NORM_TITLE.test(title) || findLaw(title))) {
            current = null; // 《责令改正通知书》: later 第X条 are not about the previous law
            continue;
          }
          const { kind, entry } = classifyLawTitle(title);
          current = { law: title, canonicalLaw: entry ? entry.fullTitle : null, kind };
          pendingTitle = { law: current, start, end };
          lastArticle = null;
          lastClause = null;
          continue;
        }
        if (m[2] !== undefined) continue; // 本法/该法: the law cited last in the sentence

        if (!current) continue;
        pendingTitle = null;
        let article: number | null;
        let clause: number | null;
        let item: number | null;
        if (m[3] !== undefined) {
          article = parseNumeral(m[3]);
          clause = m[4] !== undefined ? parseNumeral(m[4]) : null;
          item = num(m[5] ?? m[6]);
        } else if (m[7] !== undefined) {
          if (lastArticle === null) continue;
          article = lastArticle;
          clause = parseNumeral(m[7]);
          item = num(m[8] ?? m[9]);
        } else {
          if (lastArticle === null) continue;
          article = lastArticle;
          clause = lastClause;
          item = num(m[10] ?? m[11]);
        }
        lastArticle = article;
        lastClause = clause;
        push(current, start, end, article, clause, item);
      }
      flushTitle();
    }
  }
  return facts;
}

function num(text: string | undefined): number | null {
  return text === undefined ? null : parseNumeral(text);
}

/**
 * The text with quoted provisions (“禁止生产经营下列食品……”) blanked out, same length: the
 * article text a decision quotes is not a citation, and its 。 does not end the sentence.
 */
function maskQuotations(text: string): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const open = text.indexOf('“', i);
    if (open < 0) break;
    const close = text.indexOf('”', open + 1);
    if (close < 0 || close - open > 600) {
      out += text.slice(i, open + 1);
      i = open + 1;
      continue;
    }
    out += text.slice(i, open + 1) + text.slice(open + 1, close).replace(/[^\n]/gu, '\u3000') + '”';
    i = close + 1;
  }
  return out + text.slice(i);
}

/** Sentence ranges of a page: split at 。；！？ and line breaks. */
function sentences(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if ('。；！？\n'.includes(text[i]!)) {
      if (i + 1 > start) ranges.push([start, i + 1]);
      start = i + 1;
    }
  }
  if (start < text.length) ranges.push([start, text.length]);
  return ranges;
}
