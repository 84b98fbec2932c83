/**
 * Page geometry and line placement shared by the two PDF writers (cid-pdf.ts and
 * embedded-pdf.ts), so a page laid out once looks the same in either font.
 *
 * Widths are estimated, not measured: a CJK glyph is 1 em, an ASCII character 0.5 em.
 * Pure functions, no dependencies.
 */

export const A4 = { width: 595.28, height: 841.89 } as const;
export const MARGIN = { top: 72, bottom: 80, left: 78, right: 78 } as const;
export const BODY_WIDTH = A4.width - MARGIN.left - MARGIN.right;
export const DEFAULT_SIZE = 12;

export interface TextLine {
  text: string;
  /** A wrapped continuation of the row before (set by pagination; the ground truth joins such rows). */
  continues?: boolean;
  /** Font size in points (default 12). */
  size?: number;
  align?: 'left' | 'center' | 'right';
  /** Indent of the first wrapped line, in em (continuation lines start at the margin). */
  indent?: number;
  bold?: boolean;
  /** Extra space above the line, in points. */
  spaceBefore?: number;
  /**
   * 'top' lines sit in the top margin (e.g. a page number), 'bottom' lines are stacked upwards
   * from the foot of the page (footers); neither takes space from the flow.
   */
  anchor?: 'flow' | 'top' | 'bottom';
  /** Tab stops in em from the left margin: each '\t'-separated cell starts at the next stop. Not wrapped. */
  tabs?: readonly number[];
}

/** What a writer draws: one run of text at a baseline position (PDF user space, origin bottom-left). */
export interface PlacedRun {
  text: string;
  x: number;
  y: number;
  size: number;
  bold: boolean;
}

export function normalizeLine(line: TextLine | string): TextLine {
  return typeof line === 'string' ? { text: line } : line;
}

function charWidth(ch: string): number {
  return ch.charCodeAt(0) < 0x80 ? 0.5 : 1;
}

/** Estimated width of a string in em. */
export function emWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** Characters that should not start a line (避头): they hang at the end of the previous one instead. */
const NO_LINE_START = new Set([...'，。、；：？！）》」』】〕”’,.;:?!)%']);
/** Characters that should not end a line (避尾): they move down with the text they open. */
const NO_LINE_END = new Set([...'（《「『【〔“‘(']);

/** Each CJK character is its own token; a run of Latin letters and digits (a code, a number) is one. */
const TOKEN = /[A-Za-z0-9][A-Za-z0-9.,:/\-—·]*|[^]/gu;

/** Splits text into lines no wider than maxEm; the first line is indented by firstIndentEm. */
export function wrap(text: string, maxEm: number, firstIndentEm = 0): string[] {
  const lines: string[] = [];
  let current = '';
  let width = firstIndentEm;
  for (const token of text.match(TOKEN) ?? []) {
    const w = emWidth(token);
    const fits = width + w <= maxEm + 1e-9;
    if (!fits && current !== '' && !NO_LINE_START.has(token)) {
      if (w > maxEm) {
        // A run longer than a whole line is broken character by character.
        for (const ch of token) [current, width] = appendChar(lines, current, width, ch, maxEm);
        continue;
      }
      // An opening bracket left at the end of the line moves down with what it opens.
      const opener = [...current].at(-1)!;
      const carried = NO_LINE_END.has(opener) && current.length > 1 ? opener : '';
      lines.push(carried ? current.slice(0, -carried.length) : current);
      current = carried;
      width = emWidth(carried);
    }
    current += token;
    width += w;
  }
  lines.push(current);
  return lines;
}

function appendChar(lines: string[], current: string, width: number, ch: string, maxEm: number): [string, number] {
  if (width + charWidth(ch) > maxEm + 1e-9 && current !== '') {
    lines.push(current);
    return [ch, charWidth(ch)];
  }
  return [current + ch, width + charWidth(ch)];
}

export function lineHeight(size: number): number {
  return size * 1.6;
}

/** Vertical space a flow line takes once wrapped, in points. */
export function flowHeight(line: TextLine | string): number {
  const l = normalizeLine(line);
  const size = l.size ?? DEFAULT_SIZE;
  const rows = l.tabs ? 1 : wrap(l.text, BODY_WIDTH / size, l.indent ?? 0).length;
  return (l.spaceBefore ?? 0) + rows * lineHeight(size);
}

export class PageOverflowError extends Error {}

/** Places the lines of one page top-down; throws PageOverflowError if the flow runs past the bottom margin. */
export function placePage(lines: readonly (TextLine | string)[]): PlacedRun[] {
  const runs: PlacedRun[] = [];
  const all = lines.map(normalizeLine);
  const flow = all.filter((l) => (l.anchor ?? 'flow') === 'flow');

  let header = A4.height - MARGIN.top / 2;
  for (const line of all.filter((l) => l.anchor === 'top')) {
    const size = line.size ?? DEFAULT_SIZE;
    runs.push(...placeRow(line, line.text, line.indent ?? 0, header, size));
    header -= lineHeight(size);
  }

  let cursor = A4.height - MARGIN.top; // top of the next line box
  for (const line of flow) {
    const size = line.size ?? DEFAULT_SIZE;
    cursor -= line.spaceBefore ?? 0;
    const rows = line.tabs ? [line.text] : wrap(line.text, BODY_WIDTH / size, line.indent ?? 0);
    rows.forEach((row, i) => {
      cursor -= lineHeight(size);
      if (cursor < MARGIN.bottom - 0.01) throw new PageOverflowError(`text runs past the bottom of the page at “${row.slice(0, 20)}”`);
      const baseline = cursor + (lineHeight(size) - size) / 2 + size * 0.12;
      runs.push(...placeRow(line, row, i === 0 ? (line.indent ?? 0) : 0, baseline, size));
    });
  }

  let floor = MARGIN.bottom / 2; // footers sit in the lower margin, the last one lowest
  for (const line of all.filter((l) => l.anchor === 'bottom').reverse()) {
    const size = line.size ?? DEFAULT_SIZE;
    runs.push(...placeRow(line, line.text, line.indent ?? 0, floor, size));
    floor += lineHeight(size) + (line.spaceBefore ?? 0);
  }
  return runs;
}

function placeRow(line: TextLine, row: string, indentEm: number, y: number, size: number): PlacedRun[] {
  const bold = line.bold ?? false;
  if (line.tabs) {
    const stops = line.tabs;
    return row.split('\t').flatMap((cell, i) => {
      const stop = stops[i];
      if (stop === undefined) throw new Error(`more cells than tab stops in “${row}”`);
      const limit = stops[i + 1] ?? BODY_WIDTH / size;
      if (stop + emWidth(cell) > limit) throw new Error(`cell “${cell}” runs into the next column`);
      return cell === '' ? [] : [{ text: cell, x: MARGIN.left + stop * size, y, size, bold }];
    });
  }
  if (row === '') return [];
  const width = emWidth(row) * size;
  let x = MARGIN.left + indentEm * size;
  if (line.align === 'center') x = MARGIN.left + (BODY_WIDTH - width) / 2;
  else if (line.align === 'right') x = A4.width - MARGIN.right - width;
  return [{ text: row, x, y, size, bold }];
}
