/**
 * Text normalisation for rule and title matching.
 *
 * Input is the raw text pdf-parse (pdf.js) extracts from one page (see
 * shared/engineering/stack-notes.md §3.4): full-width punctuation is kept, every visual line
 * ends in `\n` (also in the middle of a sentence), an ideographic space may come out as U+0020,
 * and letter-spaced headings come out as “询 问 笔 录”. The normalised text is what matching rules
 * and the document-title detector look at; `normalizeWithOffsets` also maps every output
 * character back to the raw text so a finding can quote the original.
 *
 * What changes, in one linear pass (no regular expressions over the whole text):
 *
 * 1. Character folding (`foldCodePoint`), an explicit table instead of blind NFKC, because
 *    NFKC would turn （ into ( and ： into : and the pre-check rules must still see which
 *    bracket a case number uses:
 *    - full-width ASCII letters, digits and symbols (Ａ１％＋－．／＝～…) → half-width;
 *      KEPT full-width: ！（），：；？［］｛｝ (Chinese punctuation with meaning in this domain);
 *    - half-width CJK punctuation and katakana (｡｢｣､ｶ…) and full-width currency signs
 *      (￥￠￡￢￤￦) → their NFKC form (。「」、カ ¥ …);
 *    - Kangxi radicals (⼀ U+2F00 …), the two CJK radical supplements with a decomposition
 *      and CJK compatibility ideographs (U+F900–FAFF, U+2F800–2FA1F) → the unified ideograph;
 *    - Latin ligatures ﬁ ﬂ ﬀ ﬃ ﬄ ﬅ ﬆ → their letters;
 *    - every space character (U+0020, tab, NBSP U+00A0, U+2000–200A, U+202F, U+205F,
 *      ideographic space U+3000) → a space;
 *    - line breaks \n, \r\n, \r, \v, \f, U+0085, U+2028, U+2029 → one line break;
 *    - removed: zero-width and format characters (U+200B–200F, U+2060–2064, U+2066–206F,
 *      U+202A–202E, U+FEFF, soft hyphen U+00AD) and control characters (C0 other than the
 *      above, DEL, C1);
 *    - everything else is kept as is: Chinese punctuation 〔〕【】《》、。“”‘’, ASCII ( ) [ ],
 *      〇 (so 二〇二三年五月六日 passes unchanged), U+FFFD (the page-quality gate counts it),
 *      private-use characters, circled/parenthesised numbers ①⑴㈠ (NFKC would turn ⑴ into
 *      ASCII “(1)”), unit symbols ㎡ ㎏ and superscripts.
 *
 * 2. Spaces inside a line: a run of spaces becomes one space, and disappears altogether when it
 *    sits between two “wide” characters (CJK ideographs, kana, hangul, CJK and full-width
 *    punctuation, “”‘’—…·) or between a wide character and an ASCII letter or digit:
 *    “询 问 笔 录” → “询问笔录”, “2023 年 5 月 6 日” → “2023年5月6日”,
 *    “鄂 0105 环罚决字〔2023〕17 号” → “鄂0105环罚决字〔2023〕17号”. Spaces between
 *    non-wide characters (“ISO 9001”, “元整 (¥870元)”) stay as one space. Lines are trimmed.
 *
 * 3. Line breaks: the normalised text keeps `\n` as a line separator (titles, field labels and
 *    signature blocks are line based), with no empty lines and no leading or trailing break.
 *    A break is removed — the two lines are joined with nothing between them — when it sits
 *    inside a sentence. Whether it does depends on the line so far (P) and the next line (C):
 *    - never after sentence-final punctuation 。！？：；
 *    - never before a field label (“记录人：李梦”, 问：/答： or 2–12 ideographs and a colon),
 *      unless the label was split by the wrap: “…，法\n定代表人：…” → “…，法定代表人：…”
 *      (FIELD_LABELS lists the labels this recognises);
 *    - never before a list marker (“1、” “1.” “（一）” “(2)” “三、”), unless P ends with 第
 *      (“第\n（十）项”);
 *    - if P is long (wider than SHORT_LINE_MAX_WIDTH, counting a wide character as 2 and
 *      anything else as 1: a line that ran to the right margin and wrapped), the break is
 *      otherwise removed when a space would be (rule 2: wide–wide, wide–alnum, alnum–wide):
 *      “…在位于江州市滨江区长河路88\n号的经营场所” → “…长河路88号的经营场所”;
 *    - if P is short, the line probably ended on purpose (titles, headers, form fields,
 *      signature blocks, table rows, archive page numbers), so the break is removed only
 *      between two wide characters (“经\n查” → “经查”), and not when
 *      a. P is a block line: it ends (ignoring a bracketed note such as （副本）/（第2页共3页）,
 *         or 正本/副本/存根) with a character that typically ends a document title, a document
 *         number, a page marker, a date or an agency name (BLOCK_LINE_FINAL_CHARS:
 *         书表录证告单据料面卷见函执页号日局院厅委会所队站府), or it starts with a field label
 *         (“法定代表人：张三”) or a list marker (“一、违法事实和证据”).
 *    So “XX市生态环境局\n行政处罚决定书\n鄂环罚〔2023〕17号\n当事人：XX公司” keeps its lines,
 *    and so do “21\n罚没款票据” and “武汉市生态环境局\n2023年7月20日”.
 *    A 公文 body line holds 28 characters (width 56) and body text at 四号/小四 more, so the
 *    lines of a wrapped paragraph are long and join; a paragraph joined so far is long too,
 *    so its end joins the next line unless it ends with sentence-final punctuation.
 *    All other breaks stay, as one `\n`.
 *
 * The function is idempotent: every decision to keep a break depends only on the finished
 * line before it and on a prefix of the line after it that joining cannot change, and all
 * folded characters are fixed points of the folding. No CJK ideograph is ever removed: only
 * spaces, line breaks and invisible format/control characters are.
 */

/** Folding results that are not a code point. */
const DROP = -1;
const SPACE = -2;
const BREAK = -3;
const MULTI = -4;

const CR = 0x0d;
const LF = 0x0a;
/** 第, after which a bracketed number is an ordinal (第（十）项), not a list marker. */
const ORDINAL_PREFIX = 0x7b2c;

/**
 * Lines at most this wide are short (rule 3): 24 full-width characters. Width counts a wide
 * character (ideograph, CJK or full-width punctuation) as 2 and anything else as 1.
 */
export const SHORT_LINE_MAX_WIDTH = 48;

/**
 * Last characters of block lines (rule 3a): titles (…书 …表 …笔录 …回证 …报告 …清单 …票据
 * …材料 …封面 …案卷 …意见 …函 …回执), page markers (…页), document numbers (…号), dates (…日)
 * and issuing agencies (…局 …院 …厅 …委 …会 …所 …队 …站 …府).
 */
export const BLOCK_LINE_FINAL_CHARS = '书表录证告单据料面卷见函执页号日局院厅委会所队站府';

/** Punctuation after which a line break is never removed (rule 3). */
export const SENTENCE_FINAL_CHARS = '。！？：；';

/** Full-width forms U+FF01–FF5E that stay full-width (everything else there is folded). */
export const KEPT_FULLWIDTH_CHARS = '！（），：；？［］｛｝';

// ---------------------------------------------------------------------------------------
// Folding table

const FOLD = buildFoldTable();
const MULTI_FOLDS = new Map<number, string>();
const ASTRAL_FOLDS = new Map<number, number>();

function nfkcOf(cp: number): string {
  return String.fromCodePoint(cp).normalize('NFKC');
}

function buildFoldTable(): Int32Array {
  const table = new Int32Array(0x10000);
  for (let cp = 0; cp < 0x10000; cp++) table[cp] = cp;
  const setRange = (from: number, to: number, value: number): void => {
    for (let cp = from; cp <= to; cp++) table[cp] = value;
  };
  const setNfkc = (from: number, to: number): void => {
    for (let cp = from; cp <= to; cp++) {
      const folded = [...nfkcOf(cp)];
      if (folded.length === 1) table[cp] = folded[0]!.codePointAt(0)!;
    }
  };
  // Controls.
  setRange(0x00, 0x1f, DROP);
  setRange(0x7f, 0x9f, DROP);
  table[0x09] = SPACE;
  for (const cp of [0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029]) table[cp] = BREAK;
  // Spaces.
  for (const cp of [0x20, 0xa0, 0x1680, 0x202f, 0x205f, 0x3000]) table[cp] = SPACE;
  setRange(0x2000, 0x200a, SPACE);
  // Invisible format characters.
  table[0xad] = DROP;
  table[0xfeff] = DROP;
  setRange(0x200b, 0x200f, DROP);
  setRange(0x202a, 0x202e, DROP);
  setRange(0x2060, 0x2064, DROP);
  setRange(0x2066, 0x206f, DROP);
  // Full-width ASCII → half-width, except the kept Chinese punctuation.
  for (let cp = 0xff01; cp <= 0xff5e; cp++) {
    if (!KEPT_FULLWIDTH_CHARS.includes(String.fromCharCode(cp))) table[cp] = cp - 0xfee0;
  }
  // Half-width CJK punctuation, katakana, hangul; full-width currency signs (not ￣, whose
  // NFKC form starts with a space).
  setNfkc(0xff61, 0xffdc);
  setNfkc(0xffe0, 0xffe2);
  setNfkc(0xffe4, 0xffe6);
  // Radicals and compatibility ideographs → unified ideographs.
  setNfkc(0x2e80, 0x2eff);
  setNfkc(0x2f00, 0x2fdf);
  setNfkc(0xf900, 0xfaff);
  // Latin ligatures.
  for (let cp = 0xfb00; cp <= 0xfb06; cp++) table[cp] = MULTI;
  return table;
}

function foldAstral(cp: number): number {
  if (cp < 0x2f800 || cp > 0x2fa1f) return cp;
  let folded = ASTRAL_FOLDS.get(cp);
  if (folded === undefined) {
    const chars = [...nfkcOf(cp)];
    folded = chars.length === 1 ? chars[0]!.codePointAt(0)! : cp;
    ASTRAL_FOLDS.set(cp, folded);
  }
  return folded;
}

function multiFold(cp: number): string {
  let folded = MULTI_FOLDS.get(cp);
  if (folded === undefined) {
    folded = nfkcOf(cp);
    MULTI_FOLDS.set(cp, folded);
  }
  return folded;
}

/**
 * How one code point is folded: '' when it is removed, ' ' for any space, '\n' for any line
 * break, otherwise the folded character(s). Exposed for tests and for callers that need to
 * fold a single character the same way.
 */
export function foldCodePoint(cp: number): string {
  const folded = cp < 0x10000 ? FOLD[cp]! : foldAstral(cp);
  switch (folded) {
    case DROP:
      return '';
    case SPACE:
      return ' ';
    case BREAK:
      return '\n';
    case MULTI:
      return multiFold(cp);
    default:
      return String.fromCodePoint(folded);
  }
}

// ---------------------------------------------------------------------------------------
// Character classes (of folded characters)

const WIDE = 1;
const ALNUM = 2;
const FINAL = 4;

const CLASS = buildClassTable();

function buildClassTable(): Uint8Array {
  const table = new Uint8Array(0x10000);
  const wide = (from: number, to: number): void => {
    for (let cp = from; cp <= to; cp++) table[cp] = WIDE;
  };
  wide(0x2e80, 0x2fff); // radicals, ideographic description characters
  wide(0x3001, 0x33ff); // CJK punctuation, kana, bopomofo, strokes, enclosed CJK, CJK compatibility
  wide(0x3400, 0x4dbf); // Extension A
  wide(0x4e00, 0x9fff); // unified ideographs
  wide(0xac00, 0xd7af); // hangul syllables
  wide(0xf900, 0xfaff); // compatibility ideographs left after folding
  wide(0xfe10, 0xfe1f); // vertical forms
  wide(0xfe30, 0xfe4f); // CJK compatibility forms
  wide(0xff01, 0xff60); // the kept full-width punctuation
  for (const cp of [0x00b7, 0x2014, 0x2015, 0x2018, 0x2019, 0x201c, 0x201d, 0x2025, 0x2026, 0x203b]) {
    table[cp] = WIDE;
  }
  for (let cp = 0x30; cp <= 0x39; cp++) table[cp] = ALNUM;
  for (let cp = 0x41; cp <= 0x5a; cp++) table[cp] = ALNUM;
  for (let cp = 0x61; cp <= 0x7a; cp++) table[cp] = ALNUM;
  for (const ch of SENTENCE_FINAL_CHARS) {
    const cp = ch.codePointAt(0)!;
    table[cp] = (table[cp] ?? 0) | FINAL;
  }
  return table;
}

function classOf(cp: number): number {
  if (cp < 0x10000) return CLASS[cp]!;
  return cp >= 0x20000 && cp <= 0x3ffff ? WIDE : 0;
}

/** Whether a space (or line break) between these two characters is dropped (rule 2, 3a). */
export function isTightPair(before: number, after: number): boolean {
  const a = classOf(before);
  const b = classOf(after);
  return ((a | b) & WIDE) !== 0 && (a & (WIDE | ALNUM)) !== 0 && (b & (WIDE | ALNUM)) !== 0;
}

/** A CJK ideograph: unified (all extensions), compatibility ideographs, 〇. */
export function isCjkIdeograph(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    cp === 0x3007
  );
}

// ---------------------------------------------------------------------------------------
// Line-joining guards (rule 3). They only ever look at short strings.

/** A field label at the start of a line: 问：/答： or 2–12 ideographs (and brackets) and a colon. */
const FIELD_LABEL = /^(?:[问答]|[\u3400-\u9fff（）()、/]{2,12})[：:]/;
const LIST_MARKER = /^(?:\d{1,2}(?:[、)）]|\.(?!\d))|[（(](?:\d{1,2}|[一二三四五六七八九十]{1,3})[）)]|[一二三四五六七八九十]{1,3}、)/;
/** How many UTF-16 units of a line's start or end the guards look at. */
const GUARD_WINDOW = 24;
const TRAILING_DECORATION = /(?:[（(][^（()）]{0,10}[）)]|正本|副本|存根)$/;

/**
 * Common field labels of case-file forms. Only used to recognise a label split by a line wrap
 * (“…，法\n定代表人：陈建华”): there the next line starts with what looks like a label
 * (“定代表人：”) but is the tail of one that began on the line before.
 */
export const FIELD_LABELS: readonly string[] = [
  '法定代表人', '负责人', '经营者', '统一社会信用代码', '社会信用代码', '注册号', '身份证号码',
  '公民身份号码', '证件号码', '住所', '住址', '地址', '经营地址', '联系电话', '联系方式', '邮政编码',
  '当事人', '被检查人', '被检查单位', '被询问人', '现场负责人', '委托代理人', '代理人', '检查人',
  '询问人', '记录人', '执法证号', '执法证件号', '检查时间', '检查地点', '询问时间', '询问地点',
  '案由', '案号', '案件名称', '案件来源', '受送达人', '送达人', '送达文书', '送达地点', '送达方式',
  '送达时间', '见证人', '承办人', '承办人意见', '审核人', '审核意见', '审批人', '审批意见',
  '负责人意见', '主持人', '听证主持人', '听证员', '书记员', '记录员', '性别', '年龄', '民族', '职务',
  '工作单位', '处理结果', '决定书文号', '文号', '立案日期', '结案日期', '保管期限', '票据号码',
  '缴款人', '执收单位', '收款人', '收入项目', '金额',
];

export function startsWithFieldLabel(lineStart: string): boolean {
  return FIELD_LABEL.test(lineStart);
}

export function startsWithListMarker(lineStart: string): boolean {
  return LIST_MARKER.test(lineStart);
}

/**
 * Whether the label the next line starts with is the tail of a known field label whose head
 * ends the previous line (“…，法” + “定代表人：”), i.e. the label was split by a wrap.
 */
export function continuesSplitLabel(previousEnd: string, lineStart: string): boolean {
  const colon = lineStart.search(/[：:]/);
  if (colon <= 0) return false;
  const tail = lineStart.slice(0, colon);
  return FIELD_LABELS.some(
    (label) => label.length > tail.length && label.endsWith(tail) && previousEnd.endsWith(label.slice(0, label.length - tail.length)),
  );
}

/** The display width of a string: 2 for each wide character, 1 for anything else. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += (classOf(ch.codePointAt(0)!) & WIDE) !== 0 ? 2 : 1;
  return width;
}

/**
 * Whether a (whole, normalised) line is a short block line (rule 3a): at most
 * SHORT_LINE_MAX_WIDTH wide, and either ending with a block-final character or starting with
 * a field label or a list marker (a short form field “法定代表人：张三” or a heading
 * “一、违法事实和证据” is complete on its line).
 */
export function isBlockLine(line: string): boolean {
  if (line.length > SHORT_LINE_MAX_WIDTH || displayWidth(line) > SHORT_LINE_MAX_WIDTH) return false;
  if (startsWithFieldLabel(line) || startsWithListMarker(line)) return true;
  let core = line;
  for (let i = 0; i < 3; i++) {
    const stripped = core.replace(TRAILING_DECORATION, '');
    if (stripped === core) break;
    core = stripped;
  }
  return core.length === 0 || BLOCK_LINE_FINAL_CHARS.includes(core.at(-1)!);
}

// ---------------------------------------------------------------------------------------
// The pass

export interface NormalizedText {
  /** The normalised text, as `normalizeForMatching` returns it. */
  readonly text: string;
  /**
   * For each UTF-16 unit of `text`, the index in the raw text of the character it came from
   * (all units produced from one raw character point at its first unit; a kept line break
   * or a collapsed run of spaces points at the first raw character of the run). Non-decreasing.
   */
  readonly rawOffsets: Int32Array;
}

class Buffer16 {
  units: Uint16Array;
  offsets: Int32Array;
  length = 0;

  constructor(capacity: number) {
    this.units = new Uint16Array(Math.max(16, capacity));
    this.offsets = new Int32Array(Math.max(16, capacity));
  }

  private grow(min: number): void {
    const capacity = Math.max(min, this.units.length * 2);
    const units = new Uint16Array(capacity);
    units.set(this.units.subarray(0, this.length));
    const offsets = new Int32Array(capacity);
    offsets.set(this.offsets.subarray(0, this.length));
    this.units = units;
    this.offsets = offsets;
  }

  pushCodePoint(cp: number, offset: number): void {
    if (this.length + 2 > this.units.length) this.grow(this.length + 2);
    if (cp < 0x10000) {
      this.units[this.length] = cp;
      this.offsets[this.length++] = offset;
    } else {
      const v = cp - 0x10000;
      this.units[this.length] = 0xd800 + (v >> 10);
      this.offsets[this.length++] = offset;
      this.units[this.length] = 0xdc00 + (v & 0x3ff);
      this.offsets[this.length++] = offset;
    }
  }

  append(other: Buffer16): void {
    if (this.length + other.length > this.units.length) this.grow(this.length + other.length);
    this.units.set(other.units.subarray(0, other.length), this.length);
    this.offsets.set(other.offsets.subarray(0, other.length), this.length);
    this.length += other.length;
  }

  toString(start = 0, end = this.length): string {
    let out = '';
    const CHUNK = 8192;
    for (let i = start; i < end; i += CHUNK) {
      const part = this.units.subarray(i, Math.min(end, i + CHUNK));
      out += String.fromCharCode.apply(null, part as unknown as number[]);
    }
    return out;
  }
}

/** The output built so far, and what the current output line (P in rule 3) looks like. */
class Output {
  readonly buf: Buffer16;
  private lineStart = 0;
  private lineWidth = 0;
  private lastCp = -1;

  constructor(capacity: number) {
    this.buf = new Buffer16(capacity);
  }

  /** Appends one finished, non-empty input line, joined to the previous one or after a `\n`. */
  commit(line: LineBuilder, breakOffset: number): void {
    if (this.buf.length > 0) {
      if (this.shouldJoin(line)) {
        this.buf.append(line.buf);
        this.lineWidth += line.width;
        this.lastCp = line.lastCp;
        return;
      }
      this.buf.pushCodePoint(LF, breakOffset);
    }
    this.lineStart = this.buf.length;
    this.buf.append(line.buf);
    this.lineWidth = line.width;
    this.lastCp = line.lastCp;
  }

  private shouldJoin(next: LineBuilder): boolean {
    if (!isTightPair(this.lastCp, next.firstCp)) return false;
    if ((classOf(this.lastCp) & FINAL) !== 0) return false;
    const nextStart = next.buf.toString(0, Math.min(next.buf.length, GUARD_WINDOW));
    if (this.lineWidth <= SHORT_LINE_MAX_WIDTH) {
      if ((classOf(this.lastCp) & classOf(next.firstCp) & WIDE) === 0) return false;
      if (isBlockLine(this.buf.toString(this.lineStart))) return false;
    }
    // “第\n（十）项” is a wrapped ordinal, not a list item.
    if (this.lastCp !== ORDINAL_PREFIX && startsWithListMarker(nextStart)) return false;
    if (!startsWithFieldLabel(nextStart)) return true;
    const previousEnd = this.buf.toString(Math.max(this.lineStart, this.buf.length - GUARD_WINDOW));
    return continuesSplitLabel(previousEnd, nextStart);
  }
}

/** One input line after folding and the in-line space rules. */
class LineBuilder {
  readonly buf = new Buffer16(256);
  chars = 0;
  width = 0;
  firstCp = -1;
  lastCp = -1;
  private pendingSpace = -1;

  reset(): void {
    this.buf.length = 0;
    this.chars = 0;
    this.width = 0;
    this.firstCp = -1;
    this.lastCp = -1;
    this.pendingSpace = -1;
  }

  space(offset: number): void {
    if (this.chars > 0 && this.pendingSpace < 0) this.pendingSpace = offset;
  }

  char(cp: number, offset: number): void {
    if (this.pendingSpace >= 0) {
      if (!isTightPair(this.lastCp, cp)) {
        this.buf.pushCodePoint(0x20, this.pendingSpace);
        this.chars++;
        this.width++;
      }
      this.pendingSpace = -1;
    }
    if (this.chars === 0) this.firstCp = cp;
    this.buf.pushCodePoint(cp, offset);
    this.chars++;
    this.width += (classOf(cp) & WIDE) !== 0 ? 2 : 1;
    this.lastCp = cp;
  }
}

const line = new LineBuilder();

/** Normalises like `normalizeForMatching` and maps every output unit back to the raw text. */
export function normalizeWithOffsets(raw: string): NormalizedText {
  const out = new Output(raw.length + 16);
  line.reset();
  // Offset of the first raw line break after the last committed line.
  let breakOffset = -1;
  const n = raw.length;
  for (let i = 0; i < n; i++) {
    const offset = i;
    let cp = raw.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < n) {
      const low = raw.charCodeAt(i + 1);
      if (low >= 0xdc00 && low <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
        i++;
      }
    }
    const folded = cp < 0x10000 ? FOLD[cp]! : foldAstral(cp);
    if (folded >= 0) {
      line.char(folded, offset);
    } else if (folded === SPACE) {
      line.space(offset);
    } else if (folded === BREAK) {
      if (cp === CR && i + 1 < n && raw.charCodeAt(i + 1) === LF) i++;
      if (line.chars > 0) {
        out.commit(line, breakOffset);
        line.reset();
        breakOffset = offset;
      } else if (breakOffset < 0) {
        breakOffset = offset;
      }
    } else if (folded === MULTI) {
      for (const ch of multiFold(cp)) line.char(ch.codePointAt(0)!, offset);
    }
    // DROP: nothing.
  }
  if (line.chars > 0) out.commit(line, breakOffset);
  line.reset();
  const { buf } = out;
  return { text: buf.toString(), rawOffsets: buf.offsets.slice(0, buf.length) };
}

/** The text used for matching rules and titles (see the rules at the top of this file). */
export function normalizeForMatching(raw: string): string {
  return normalizeWithOffsets(raw).text;
}

/**
 * The raw substring covering normalised text [start, end): from the raw character of the
 * first output unit through the raw character of the last one. Empty when the range is empty.
 */
export function quoteRaw(raw: string, offsets: ArrayLike<number>, start: number, end: number): string {
  const from = Math.max(0, Math.floor(start));
  const to = Math.min(offsets.length, Math.floor(end));
  if (from >= to) return '';
  const first = offsets[from]!;
  const last = offsets[to - 1]!;
  const lastCp = raw.codePointAt(last);
  let rawEnd = last + (lastCp !== undefined && lastCp > 0xffff ? 2 : 1);
  if (raw.charCodeAt(last) === CR && raw.charCodeAt(last + 1) === LF) rawEnd++;
  return raw.slice(first, rawEnd);
}
