/**
 * A page's text from pdf.js's text items, laid out as pdf-parse 2.4.5's getText did it (its
 * defaults: lines enforced at a 4.6 pt baseline jump, a tab between items more than 7 pt apart
 * on one line). The text shape is what document detection, the fact extractors and the
 * evaluation's ground truth were built on, so it is kept exactly; only the per-item work is
 * lighter (the viewport transform is applied inline, no per-item viewport call). Pure.
 */

export interface LayoutItem {
  str: string;
  /** The text matrix [a, b, c, d, e, f]; (e, f) is the item's origin in PDF space. */
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

const LINE_THRESHOLD = 4.6;
const CELL_THRESHOLD = 7;
const CELL_SEPARATOR = '\t';

/**
 * `items` may hold marked-content entries (without `str`), which are skipped. `viewport` is the
 * page's viewport transform at scale 1 (pdf.js PageViewport.transform), mapping PDF space to
 * top-down page coordinates.
 */
export function layoutPageText(items: readonly (LayoutItem | object)[], viewport: readonly number[]): string {
  const [va = 1, vb = 0, vc = 0, vd = 1, ve = 0, vf = 0] = viewport;
  let text = '';
  // The last piece appended (a line break, an item's text, or its end-of-line break), as
  // pdf-parse decides line breaks on it rather than on the text so far.
  let lastPiece: string | undefined;
  let lastX: number | undefined;
  let lastY: number | undefined;
  let lineHeight = 0;
  for (const entry of items) {
    if (!('str' in entry)) continue;
    const item = entry as LayoutItem;
    let str = item.str;
    const tx = item.transform[4]!;
    const ty = item.transform[5]!;
    const x = tx * va + ty * vc + ve;
    const y = tx * vb + ty * vd + vf;
    if (lastY !== undefined) {
      const dy = Math.abs(lastY - y);
      if (dy > LINE_THRESHOLD) {
        // A new line, unless the last piece ends one or this item starts one.
        const startsLine = str.startsWith('\n') || (item.hasEOL && str.trim() === '');
        if (lastPiece !== undefined && !lastPiece.endsWith('\n') && !startsLine && dy - 1 > lineHeight) {
          text += '\n';
          lastPiece = '\n';
          lineHeight = 0;
        }
      } else if (dy < LINE_THRESHOLD && lastX !== undefined && Math.abs(lastX - x) > CELL_THRESHOLD) {
        str = CELL_SEPARATOR + str;
      }
    }
    text += str;
    lastPiece = str;
    lastX = x + item.width;
    lastY = y;
    lineHeight = Math.max(lineHeight, item.height);
    if (item.hasEOL) {
      text += '\n';
      lastPiece = '\n';
    }
    if (item.hasEOL || str.endsWith('\n')) lineHeight = 0;
  }
  return text;
}
