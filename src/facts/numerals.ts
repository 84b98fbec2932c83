/**
 * Chinese numerals: ordinary numerals (二〇二三, 十三, 一百零五, 两万) and the capital forms
 * used for money (大写金额: 肆拾壹万贰仟陆佰伍拾元整). Pure functions; every parser returns
 * null for text it cannot read unambiguously rather than guessing.
 *
 * Accepted structure (both sets): digits each followed by a decreasing unit 十/百/千 (拾/佰/仟)
 * inside a section, sections closed by 万 and 亿 (万 may also precede 亿: 一万亿), 零 marking
 * a gap. A leading 十 needs no digit (十三, 拾万). Rejected as malformed or ambiguous: two digits
 * in a row (outside the digit-by-digit form), units out of order (一百一千), a repeated 万 or
 * 亿 in one group, 零 before a unit or at the end, and the colloquial abbreviation with a bare
 * trailing digit (一百五, 一万五), which could mean 105/10005 or 150/15000.
 */

const SMALL_DIGITS: Readonly<Record<string, number>> = {
  〇: 0, '○': 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9,
};
const SMALL_UNITS: Readonly<Record<string, number>> = {
  十: 10, 百: 100, 千: 1000, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8,
};

/** Capital digits, with the traditional forms that still appear in forms (貳 參 陸). */
const CAPITAL_DIGITS: Readonly<Record<string, number>> = {
  零: 0, 壹: 1, 贰: 2, 貳: 2, 叁: 3, 參: 3, 叄: 3, 肆: 4, 伍: 5, 陆: 6, 陸: 6, 柒: 7, 捌: 8, 玖: 9,
};
const CAPITAL_UNITS: Readonly<Record<string, number>> = {
  拾: 10, 佰: 100, 仟: 1000, 万: 1e4, 萬: 1e4, 亿: 1e8, 億: 1e8,
};

/** The characters of the capital digits and units, for building patterns elsewhere. */
export const CAPITAL_NUMERAL_CHARS = Object.keys(CAPITAL_DIGITS).join('') + Object.keys(CAPITAL_UNITS).join('');
/** The characters of the ordinary numerals (digits and units). */
export const CHINESE_NUMERAL_CHARS = Object.keys(SMALL_DIGITS).join('') + Object.keys(SMALL_UNITS).join('');

interface NumeralSet {
  digits: Readonly<Record<string, number>>;
  units: Readonly<Record<string, number>>;
}

const SMALL: NumeralSet = { digits: SMALL_DIGITS, units: SMALL_UNITS };
const CAPITAL: NumeralSet = { digits: CAPITAL_DIGITS, units: CAPITAL_UNITS };

function parseWithUnits(chars: readonly string[], set: NumeralSet): number | null {
  let total = 0; // the part closed by 亿
  let wan = 0; // the part closed by 万 in the current 亿 group
  let section = 0; // the current section below 万
  let digit: number | null = null; // a digit waiting for its unit
  let zero = false; // a 零 since the last unit
  let lastSmall = Infinity; // the last 十/百/千 in this section
  let sawWan = false;
  let sawYi = false;
  let afterBig = false; // the last unit was 万 or 亿
  let any = false;
  for (const ch of chars) {
    const d = set.digits[ch];
    if (d !== undefined) {
      if (digit !== null) return null;
      if (d === 0) {
        if (zero || !any) return null;
        zero = true;
      } else {
        digit = d;
      }
      any = true;
      continue;
    }
    const u = set.units[ch];
    if (u === undefined) return null;
    if (u < 1e4) {
      if (digit === null) {
        if (u === 10 && !any) digit = 1;
        else return null;
      }
      if (u >= lastSmall) return null;
      if (zero && u * 10 >= lastSmall) return null; // 零 must mark a gap: 一千零五十, not 一百零五十
      section += digit * u;
      lastSmall = u;
      digit = null;
      zero = false;
      afterBig = false;
    } else {
      if (digit === null && zero) return null; // 零万
      if (digit !== null) {
        // A bare digit before 万/亿 is the ones place of the section: 二十五万, 一百零五万;
        // 一百五万 is ambiguous.
        if (lastSmall !== Infinity && lastSmall !== 10 && !zero) return null;
        if (zero && lastSmall === 10) return null;
        section += digit;
        digit = null;
      }
      zero = false;
      if (u === 1e4) {
        if (sawWan || section === 0) return null;
        wan = section * 1e4;
        sawWan = true;
      } else {
        if (sawYi) return null;
        const group = wan + section;
        if (group === 0) return null;
        total = group * 1e8;
        sawYi = true;
        sawWan = false;
        wan = 0;
      }
      section = 0;
      lastSmall = Infinity;
      afterBig = true;
    }
    any = true;
  }
  if (digit !== null) {
    if ((afterBig || (lastSmall !== Infinity && lastSmall !== 10)) && !zero) return null;
    if (zero && lastSmall === 10) return null; // 一十零五
    section += digit;
  } else if (zero) {
    return null;
  }
  return total + wan + section;
}

/**
 * An ordinary Chinese numeral as an integer: 十三 → 13, 二十一 → 21, 一百零五 → 105,
 * 两万 → 20000; digit-by-digit numbers without units (years: 二〇二三, 二零二三) → 2023.
 * Null for empty, malformed or ambiguous text (see the file comment).
 */
export function parseChineseInteger(text: string): number | null {
  const chars = [...text.trim()];
  if (chars.length === 0) return null;
  if (chars.every((c) => SMALL_DIGITS[c] !== undefined)) {
    if (chars.length > 1 && chars.some((c) => c === '两')) return null;
    let value = 0;
    for (const c of chars) value = value * 10 + SMALL_DIGITS[c]!;
    return value;
  }
  return parseWithUnits(chars, SMALL);
}

/** A capital integer (壹拾叁, 肆拾壹万贰仟陆佰伍拾); null when malformed. */
export function parseCapitalInteger(text: string): number | null {
  const chars = [...text.trim()];
  if (chars.length === 1 && chars[0] === '零') return 0;
  if (chars.length > 1 && chars.every((c) => CAPITAL_DIGITS[c] !== undefined)) return null;
  return parseWithUnits(chars, CAPITAL);
}

const FRACTION = /^零?(?:([壹贰貳叁參叄肆伍陆陸柒捌玖])角)?零?(?:([壹贰貳叁參叄肆伍陆陸柒捌玖])分)?$/u;

/**
 * A capital money amount in yuan: 肆拾壹万贰仟陆佰伍拾元整 → 412650, 叁佰元伍角 → 300.5,
 * 壹仟元零伍分 → 1000.05, 伍角 → 0.5. Accepts a leading 人民币 (and （大写）), 圆 for 元, a final
 * 整 or 正, and the optional 零 after 元 (壹仟陆佰捌拾元零叁角贰分). Without 元/角/分 the text is read
 * as a capital integer. Null for anything malformed.
 */
export function parseCapitalAmount(text: string): number | null {
  let s = text.replace(/\s+/gu, '');
  s = s.replace(/^人民币(?:[（(]大写[）)])?[：:]?/u, '');
  s = s.replace(/[整正]$/u, '');
  if (s.length === 0) return null;
  const yuanAt = s.search(/[元圆]/u);
  let integerPart: string;
  let rest: string;
  if (yuanAt >= 0) {
    integerPart = s.slice(0, yuanAt);
    rest = s.slice(yuanAt + 1);
    if (integerPart.length === 0) return null;
  } else if (/[角分]/u.test(s)) {
    integerPart = '';
    rest = s;
  } else {
    integerPart = s;
    rest = '';
  }
  let yuan = 0;
  if (integerPart.length > 0) {
    const parsed = parseCapitalInteger(integerPart);
    if (parsed === null) return null;
    yuan = parsed;
  }
  let jiao = 0;
  let fen = 0;
  if (rest.length > 0) {
    const m = FRACTION.exec(rest);
    if (!m || (m[1] === undefined && m[2] === undefined)) return null;
    // 零 directly after 元 is only right when there is something after it; 伍角零 is not.
    if (rest.endsWith('零')) return null;
    if (m[1] !== undefined) jiao = CAPITAL_DIGITS[m[1]]!;
    if (m[2] !== undefined) fen = CAPITAL_DIGITS[m[2]]!;
    if (integerPart.length === 0 && rest.startsWith('零')) return null;
  }
  if (!Number.isSafeInteger(yuan * 100)) return null;
  return (yuan * 100 + jiao * 10 + fen) / 100;
}

const CAPITAL_DIGIT_CHARS = '零壹贰叁肆伍陆柒捌玖';
const SECTION_UNITS = ['仟', '佰', '拾', ''] as const;

/** 0 < n < 10000, with 零 for inner gaps and 壹拾 (not 拾) for the tens. */
function formatSection(n: number): string {
  let out = '';
  let pendingZero = false;
  const places = [Math.floor(n / 1000), Math.floor(n / 100) % 10, Math.floor(n / 10) % 10, n % 10];
  places.forEach((d, i) => {
    if (d === 0) {
      if (out.length > 0) pendingZero = true;
      return;
    }
    if (pendingZero) out += '零';
    out += CAPITAL_DIGIT_CHARS[d]! + SECTION_UNITS[i]!;
    pendingZero = false;
  });
  return out;
}

function formatCapitalInteger(n: number): string {
  if (n === 0) return '零';
  if (n < 1e4) return formatSection(n);
  const [unit, unitValue] = n < 1e8 ? (['万', 1e4] as const) : (['亿', 1e8] as const);
  const high = Math.floor(n / unitValue);
  const low = n % unitValue;
  let out = formatCapitalInteger(high) + unit;
  if (low > 0) out += (low < unitValue / 10 ? '零' : '') + formatCapitalInteger(low);
  return out;
}

/**
 * The capital rendering of a non-negative amount in yuan (at most two decimals, below 10^13):
 * 412650 → 肆拾壹万贰仟陆佰伍拾元整, 300.5 → 叁佰元伍角, 1000.05 → 壹仟元零伍分, 0 → 零元整.
 * Throws a RangeError outside that range. A reference formatter (tests, generated samples).
 */
export function formatCapitalAmount(amount: number): string {
  if (!Number.isFinite(amount) || amount < 0 || amount >= 1e13) throw new RangeError(`不能写成大写金额：${amount}`);
  const cents = Math.round(amount * 100);
  if (Math.abs(cents - amount * 100) > 1e-6 * Math.max(1, amount * 100)) {
    throw new RangeError(`金额最多两位小数：${amount}`);
  }
  const yuan = Math.floor(cents / 100);
  const jiao = Math.floor(cents / 10) % 10;
  const fen = cents % 10;
  if (jiao === 0 && fen === 0) return `${formatCapitalInteger(yuan)}元整`;
  let out = yuan > 0 ? `${formatCapitalInteger(yuan)}元` : '';
  if (jiao > 0) out += `${CAPITAL_DIGIT_CHARS[jiao]!}角`;
  else if (yuan > 0) out += '零';
  if (fen > 0) out += `${CAPITAL_DIGIT_CHARS[fen]!}分`;
  return out;
}
