/**
 * `text.matchAll(pattern)` for patterns that begin with a long optional lead, without trying
 * the pattern at every position of the text. Pure.
 *
 * Why: the case-number patterns (case-numbers.ts) start with an optional region and a prefix
 * of up to 16 Han characters or letters before the part that makes a number a number (the
 * bracketed year, or 字…号). A plain scan tries every position of a page, and on Chinese text
 * every try walks up to 16 prefix characters and backs off again: ~18% of the machine
 * pre-check's time. Every match, though, contains a match of a small `core` pattern that
 * starts at most `maxLead` characters after the match's own start. So only the positions at
 * most `maxLead` before each core are tried, in increasing order, with a sticky copy of the
 * pattern. That enumerates, in order, every position where a match can start, so the first
 * hit after the previous match is the one the plain scan finds: the matches are the same
 * (tests/facts-case-numbers.test.ts checks this on random text).
 */

export interface CoreAnchoredPattern {
  /** The pattern, sticky (`y`), so that it is tried at one position only. */
  readonly sticky: RegExp;
  /** A pattern every match of `sticky` contains, global (`g`). */
  readonly core: RegExp;
  /** The most characters a match can have before its core. */
  readonly maxLead: number;
}

export function coreAnchoredPattern(pattern: RegExp, core: RegExp, maxLead: number): CoreAnchoredPattern {
  const flags = (f: string, add: string) => [...new Set(f.replace(/[gy]/g, '') + add)].join('');
  return { sticky: new RegExp(pattern.source, flags(pattern.flags, 'y')), core: new RegExp(core.source, flags(core.flags, 'g')), maxLead };
}

/** The matches `text.matchAll(pattern)` would give, in order. Each match is non-empty. */
export function* matchesNearCores(text: string, { sticky, core, maxLead }: CoreAnchoredPattern): Generator<RegExpExecArray> {
  // Every position below `low` has been tried or lies inside the previous match.
  let low = 0;
  for (;;) {
    core.lastIndex = low;
    const found = core.exec(text);
    if (!found) return;
    let match: RegExpExecArray | null = null;
    for (let start = Math.max(low, found.index - maxLead); start <= found.index && !match; start++) {
      sticky.lastIndex = start;
      match = sticky.exec(text);
    }
    if (match) {
      yield match;
      low = match.index + match[0].length;
    } else {
      low = found.index + 1;
    }
  }
}
