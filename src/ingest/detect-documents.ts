/**
 * Which documents (卷内文书) a case volume contains and on which pages, from the text of its
 * pages (shared/domain/review-standards.md §4.4).
 *
 * A document starts on a page whose top carries its title. Titles are looked for only among
 * the first TITLE_SEARCH_LINES non-empty lines of the normalised page text, and only on lines
 * that consist of the title (with decoration), because documents name other documents in their
 * bodies: a 送达回证 lists “送达文书：行政处罚决定书”, a 决定书 says “本机关于…作出行政处罚事先
 * 告知书”, a 卷内目录 lists every title of the volume under its own title.
 *
 * A title line is `[issuer][title][number][decoration]`:
 * - title: one of the `titles` of a document type (document-types.ts), compared after removing
 *   spaces and 、 and folding ASCII brackets to full-width ones, so “现场检查(勘察)笔录”,
 *   “询 问 笔 录” and “陈述申辩笔录” for “陈述、申辩笔录” all match;
 * - issuer (optional): an agency name on the same line (“XX市生态环境局行政处罚决定书”,
 *   “湖北省非税收入一般缴款书”): only ideographs, ending in an agency or region character
 *   (局 院 厅 … 省 市 县 区) or a qualifier (案件, 行政处罚 …);
 * - number (optional): a document number on the same line (“…决定书 鄂环罚〔2023〕17号”);
 * - decoration (optional): 正本 副本 存根 正卷 副卷 续页 （第一联） and page markers
 *   （第2页 共3页）, bracketed or not, and any short bracketed note （二） （电子） （存根联）.
 *   A catalogue title that itself ends in brackets (“行政处罚决定书（当场）”) is longer, so it
 *   wins over the shorter title plus a note.
 * The longest matching title wins (“不予行政处罚决定书” over “行政处罚决定书”), and the topmost
 * title line of the page wins over lower ones (the 卷内目录 title sits above its list).
 *
 * Pure; no I/O.
 */
import { DOCUMENT_TYPES, type DocumentTypeCode } from './document-types.js';
import { normalizeForMatching } from '../text/normalize.js';

/** How many non-empty lines at the top of a page may hold the title. */
export const TITLE_SEARCH_LINES = 6;
/** How many non-empty lines at the bottom of a page are searched for a page marker (第2页). */
export const FOOTER_LINES = 3;
/** A title line (without spaces) is at most this long; longer lines are body text. */
export const MAX_TITLE_LINE_CHARS = 40;
/** A same-line issuer prefix is at most this long. */
export const MAX_ISSUER_CHARS = 24;

/** Confidence of a title match, by how much decoration surrounds the title. */
export const TITLE_CONFIDENCE = {
  /** The line is exactly the title. */
  exact: 1,
  /** Title followed by 正本/副本/存根/page marker. */
  decorated: 0.95,
  /** Title followed by a document number on the same line. */
  numbered: 0.9,
  /** Issuer name before the title. */
  prefixed: 0.85,
  /** Issuer name before the title and something after it. */
  prefixedDecorated: 0.8,
} as const;

/** Confidence of the leading 'other' document made of pages before the first title. */
export const UNTITLED_CONFIDENCE = 0;

export interface DetectedTitle {
  readonly type: DocumentTypeCode;
  /** The catalogue title that matched (document-types.ts), not the decorated line. */
  readonly title: string;
  readonly confidence: number;
}

export interface TitleLineMatch extends DetectedTitle {
  /** Index of the title line among the non-empty lines of the page. */
  readonly lineIndex: number;
  /** N of a page marker 第N页 on the title line itself, if any. */
  readonly pageIndex: number | null;
}

export interface DetectedDocument {
  type: DocumentTypeCode;
  title: string | null;
  startPage: number;
  endPage: number;
  confidence: number;
}

export interface PageText {
  readonly pageNumber: number;
  readonly text: string;
  /** normalizeForMatching(text), when the caller already has it (saves doing it twice). */
  readonly normalizedText?: string;
}

// ---------------------------------------------------------------------------------------
// Title catalogue

interface CatalogueEntry {
  readonly type: DocumentTypeCode;
  readonly title: string;
  readonly key: string;
}

/**
 * The comparison form of a title or a line: no whitespace, no 、 or ·, ASCII and full-width
 * brackets unified to （）.
 */
export function titleKey(text: string): string {
  return text.replace(/[\s、·・]/g, '').replace(/\(/g, '（').replace(/\)/g, '）');
}

/** All titles, longest key first; a key used by two types keeps the first type listed. */
const CATALOGUE: readonly CatalogueEntry[] = buildCatalogue();

function buildCatalogue(): CatalogueEntry[] {
  const byKey = new Map<string, CatalogueEntry>();
  for (const definition of DOCUMENT_TYPES) {
    for (const title of definition.titles as readonly string[]) {
      const key = titleKey(title);
      if (key.length > 0 && !byKey.has(key)) byKey.set(key, { type: definition.code, title, key });
    }
  }
  return [...byKey.values()].sort((a, b) => b.key.length - a.key.length);
}

// ---------------------------------------------------------------------------------------
// Pieces of a title line

/** Last characters of an issuer prefix: agencies (…局 …支队 …海关) and regions (湖北省…). */
const ISSUER_FINAL_CHARS = '局院厅委会所队站府处部办室心署关省市县区州旗盟';
const ISSUER_QUALIFIERS = ['案件', '行政处罚', '行政许可', '行政强制', '行政执法', '行政检查', '一般程序', '简易程序'];
const ISSUER_CHARS = /^[\u3400-\u9fff（）]+$/;

/** Whether the text before a title on its line looks like an issuing agency or a qualifier. */
export function isIssuerPrefix(prefix: string): boolean {
  if (prefix.length === 0 || prefix.length > MAX_ISSUER_CHARS || !ISSUER_CHARS.test(prefix)) return false;
  return ISSUER_FINAL_CHARS.includes(prefix.at(-1)!) || ISSUER_QUALIFIERS.some((q) => prefix.endsWith(q));
}

const NUM = '(\\d{1,3}|[一二三四五六七八九十]{1,3})';
/** A page marker: 第2页, 第2页共3页, 共3页第2页, 第2页/共3页; group 1 or 4 is the page index. */
const PAGE_MARKER = `(?:第${NUM}页(?:[,，/]?共${NUM}页)?|共${NUM}页[,，/]?第${NUM}页)`;
const DOCUMENT_NUMBER = /^[\u3400-\u9fff（）]{0,16}[〔［【（[]\d{4}[〕］】）\]]第?\d{1,6}号/;
const DECORATION = new RegExp(
  `^（?(?:正本|副本|存根|正卷|副卷|续页?|第[一二三四五六七八九十\\d]{1,2}联|${PAGE_MARKER})）?|^（[\\u3400-\\u9fff\\d]{1,8}）`,
);
const PAGE_MARKER_LINE = new RegExp(`^[-—–]*（?${PAGE_MARKER}）?[-—–]*$`);
const BARE_PAGE_NUMBER_LINE = /^[-—–]+(\d{1,3})[-—–]+$/;

const CHINESE_DIGITS = '一二三四五六七八九';

/** A number in Arabic digits, or 一 … 九十九 in Chinese numerals; NaN otherwise. */
export function parseSmallNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  const digit = (ch: string | undefined): number => (ch === undefined ? 0 : CHINESE_DIGITS.indexOf(ch) + 1);
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 && digit(text) > 0 ? digit(text) : Number.NaN;
  const tens = ten === 0 ? 1 : digit(text[0]);
  const units = text.length > ten + 1 ? digit(text[ten + 1]) : 0;
  if (tens === 0 || ten > 1 || text.length > ten + 2) return Number.NaN;
  return tens * 10 + units;
}

function pageIndexFromMarker(match: RegExpExecArray): number | null {
  // Groups: 1 = 第N页, 2 = 共M页 (after), 3 = 共M页 (before), 4 = 第N页 (after 共M页).
  const index = match[1] ?? match[4];
  if (index === undefined) return null;
  const n = parseSmallNumber(index);
  return Number.isNaN(n) ? null : n;
}

interface TailParse {
  readonly numbered: boolean;
  readonly decorated: boolean;
  readonly pageIndex: number | null;
}

/**
 * Parses what follows a title on its line: an optional document number, then decorations.
 * Null when something else follows (then the line is not a title line).
 */
export function parseTitleTail(tail: string): TailParse | null {
  let rest = tail;
  let numbered = false;
  const number = DOCUMENT_NUMBER.exec(rest);
  if (number) {
    numbered = true;
    rest = rest.slice(number[0].length);
  }
  let decorated = false;
  let pageIndex: number | null = null;
  while (rest.length > 0) {
    const decoration = DECORATION.exec(rest);
    if (!decoration || decoration[0].length === 0) return null;
    decorated = true;
    pageIndex ??= pageIndexFromMarker(decoration);
    rest = rest.slice(decoration[0].length);
  }
  return { numbered, decorated, pageIndex };
}

function confidenceOf(prefixed: boolean, tail: TailParse): number {
  if (prefixed) return tail.numbered || tail.decorated ? TITLE_CONFIDENCE.prefixedDecorated : TITLE_CONFIDENCE.prefixed;
  if (tail.numbered) return TITLE_CONFIDENCE.numbered;
  return tail.decorated ? TITLE_CONFIDENCE.decorated : TITLE_CONFIDENCE.exact;
}

/** The title a single line consists of, or null when the line is not a title line. */
export function matchTitleLine(line: string): (DetectedTitle & { pageIndex: number | null }) | null {
  const key = titleKey(line);
  if (key.length === 0 || key.length > MAX_TITLE_LINE_CHARS) return null;
  for (const entry of CATALOGUE) {
    const at = key.indexOf(entry.key);
    if (at < 0) continue;
    const prefix = key.slice(0, at);
    if (prefix.length > 0 && !isIssuerPrefix(prefix)) continue;
    const tail = parseTitleTail(key.slice(at + entry.key.length));
    if (!tail) continue;
    return {
      type: entry.type,
      title: entry.title,
      confidence: confidenceOf(prefix.length > 0, tail),
      pageIndex: tail.pageIndex,
    };
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Pages

/** The non-empty lines of normalised text. */
export function nonEmptyLines(normalized: string): string[] {
  return normalized.split('\n').filter((l) => l.trim().length > 0);
}

/** The topmost title line among the first TITLE_SEARCH_LINES lines. */
export function findTitleLine(lines: readonly string[]): TitleLineMatch | null {
  const limit = Math.min(lines.length, TITLE_SEARCH_LINES);
  for (let i = 0; i < limit; i++) {
    const match = matchTitleLine(lines[i]!);
    if (match) return { ...match, lineIndex: i };
  }
  return null;
}

/** The title of a page (raw or normalised text), looking only at the top of the page. */
export function detectTitle(pageText: string): DetectedTitle | null {
  const match = findTitleLine(nonEmptyLines(normalizeForMatching(pageText)));
  return match && { type: match.type, title: match.title, confidence: match.confidence };
}

/** N of a line that is only a page marker (“第2页 共3页”, “（第2页）”, “- 2 -”). */
export function pageMarkerOfLine(line: string): number | null {
  const key = titleKey(line);
  const marker = PAGE_MARKER_LINE.exec(key);
  if (marker) return pageIndexFromMarker(marker);
  const bare = BARE_PAGE_NUMBER_LINE.exec(key);
  return bare ? Number(bare[1]) : null;
}

/**
 * Which page of its document a page says it is: the marker on the title line, else a marker
 * line among the header lines or the footer lines. Null when the page does not say.
 */
export function pageIndexWithinDocument(lines: readonly string[], title: TitleLineMatch | null): number | null {
  if (title?.pageIndex != null) return title.pageIndex;
  const header = lines.slice(0, TITLE_SEARCH_LINES);
  const footer = lines.slice(Math.max(TITLE_SEARCH_LINES, lines.length - FOOTER_LINES));
  for (const line of [...header, ...footer]) {
    const index = pageMarkerOfLine(line);
    if (index !== null) return index;
  }
  return null;
}

/**
 * A page whose title repeats the current document's type while saying it is page 2 or later
 * (“询问笔录（第2页 共3页）”) continues that document.
 */
export function isRepeatedHeader(current: DetectedDocument, title: TitleLineMatch, lines: readonly string[]): boolean {
  if (title.type !== current.type) return false;
  const index = pageIndexWithinDocument(lines, title);
  return index !== null && index > 1;
}

/**
 * The documents of a volume, from its pages in order (raw page text, as extracted). Every
 * page belongs to exactly one document and the documents are contiguous and in page order:
 * a page with a title starts a document; a page without one (a continuation page, an empty
 * or scanned page) continues the previous document; pages before the first title form an
 * 'other' document with a null title.
 */
export function detectDocuments(pages: readonly PageText[]): DetectedDocument[] {
  const documents: DetectedDocument[] = [];
  for (const page of pages) {
    const lines = nonEmptyLines(page.normalizedText ?? normalizeForMatching(page.text));
    const title = findTitleLine(lines);
    const current = documents.at(-1);
    if (title && !(current && isRepeatedHeader(current, title, lines))) {
      documents.push(startDocument(title.type, title.title, page.pageNumber, title.confidence));
    } else if (current) {
      current.endPage = page.pageNumber;
    } else {
      documents.push(startDocument('other', null, page.pageNumber, UNTITLED_CONFIDENCE));
    }
  }
  return documents;
}

function startDocument(
  type: DocumentTypeCode,
  title: string | null,
  pageNumber: number,
  confidence: number,
): DetectedDocument {
  return { type, title, startPage: pageNumber, endPage: pageNumber, confidence };
}
