/**
 * Quality gate for the text layer of one PDF page (shared/engineering/stack-notes.md §3.4):
 * pdf.js returns empty text, with no error, for scanned pages and for CID fonts it cannot map
 * (missing CMap, no ToUnicode), and U+FFFD or private-use characters for glyphs it cannot
 * decode. Such a page must go to OCR or manual review instead of being scored as if empty.
 *
 * Pure; looks at the raw page text as pdf-parse returns it.
 */
import { isCjkIdeograph } from './normalize.js';

/** Fewer visible characters than this and the page has (almost) no text layer. */
export const MIN_VISIBLE_CHARS = 10;

/**
 * More than this share of the visible characters undecodable (U+FFFD, private-use code
 * points, stray control characters) and the text layer is garbled.
 */
export const MAX_GARBLED_RATIO = 0.2;

export const PAGE_QUALITY_REASONS = {
  noText: '页面无文字层，需要OCR识别',
  tooLittleText: '页面文字过少，可能为扫描件，需要OCR识别',
  garbled: '乱码字符比例过高，需要OCR识别',
} as const;

export interface PageQuality {
  /** Visible characters: code points other than whitespace and invisible control/format ones. */
  readonly charCount: number;
  /** CJK ideographs (unified, compatibility, Kangxi radicals, 〇). */
  readonly cjkCount: number;
  /** U+FFFD REPLACEMENT CHARACTER. */
  readonly replacementCount: number;
  readonly needsOcr: boolean;
  /** Why OCR is needed, in Chinese; null when it is not. */
  readonly reason: string | null;
}

function isWhitespace(cp: number): boolean {
  return (
    cp === 0x20 ||
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Zero-width and other invisible format characters (not counted at all). */
function isInvisibleFormat(cp: number): boolean {
  return (
    cp === 0xad ||
    cp === 0xfeff ||
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x206f)
  );
}

/** Control characters other than whitespace: pdf.js emits them for undecodable glyphs. */
function isStrayControl(cp: number): boolean {
  return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f);
}

function isPrivateUse(cp: number): boolean {
  return (cp >= 0xe000 && cp <= 0xf8ff) || cp >= 0xf0000;
}

function isKangxiRadical(cp: number): boolean {
  return cp >= 0x2f00 && cp <= 0x2fd5;
}

export function assessPageQuality(raw: string): PageQuality {
  let charCount = 0;
  let cjkCount = 0;
  let replacementCount = 0;
  let garbledCount = 0;
  for (const ch of raw) {
    const cp = ch.codePointAt(0)!;
    if (isWhitespace(cp) || isInvisibleFormat(cp)) continue;
    charCount++;
    if (isCjkIdeograph(cp) || isKangxiRadical(cp)) cjkCount++;
    else if (cp === 0xfffd) {
      replacementCount++;
      garbledCount++;
    } else if (isPrivateUse(cp) || isStrayControl(cp)) garbledCount++;
  }
  const reason = ocrReason(charCount, garbledCount);
  return { charCount, cjkCount, replacementCount, needsOcr: reason !== null, reason };
}

function ocrReason(charCount: number, garbledCount: number): string | null {
  if (charCount === 0) return PAGE_QUALITY_REASONS.noText;
  if (charCount < MIN_VISIBLE_CHARS) return PAGE_QUALITY_REASONS.tooLittleText;
  if (garbledCount / charCount > MAX_GARBLED_RATIO) return PAGE_QUALITY_REASONS.garbled;
  return null;
}
