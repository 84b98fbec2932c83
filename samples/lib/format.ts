/** Chinese formatting used in the sample documents: dates, amounts in capitals, identifiers. */
import { creditCodeCheckCharacter, idCardCheckCharacter } from '../../src/domain/identifiers.js';

/** '2024-03-12' → '2024年3月12日' */
export function cnDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** '2024-03-12', '09', '30' → '2024年3月12日9时30分' */
export function cnDateTime(iso: string, hour: number, minute: number): string {
  return `${cnDate(iso)}${hour}时${String(minute).padStart(2, '0')}分`;
}

const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const UNITS = ['', '拾', '佰', '仟'];
const SECTIONS = ['', '万', '亿'];

/** Whole yuan in financial capitals: 124800 → '壹拾贰万肆仟捌佰元整'. */
export function yuanInCapitals(amount: number): string {
  if (!Number.isInteger(amount) || amount < 0 || amount >= 1e12) throw new Error(`yuanInCapitals: unsupported amount ${amount}`);
  if (amount === 0) return '零元整';
  const sections: number[] = [];
  for (let rest = amount; rest > 0; rest = Math.floor(rest / 10000)) sections.push(rest % 10000);
  let out = '';
  let pendingZero = false;
  for (let s = sections.length - 1; s >= 0; s--) {
    const section = sections[s]!;
    if (section === 0) {
      pendingZero = out !== '';
      continue;
    }
    // A leading zero inside a section (e.g. 10,0500) is read out once: 壹拾万零伍佰.
    if (out !== '' && (pendingZero || section < 1000)) out += '零';
    pendingZero = false;
    let text = '';
    let zero = false;
    for (let i = 3; i >= 0; i--) {
      const digit = Math.floor(section / 10 ** i) % 10;
      if (digit === 0) {
        zero = text !== '';
        continue;
      }
      if (zero) text += '零';
      zero = false;
      text += DIGITS[digit]! + UNITS[i]!;
    }
    out += text + SECTIONS[s]!;
  }
  return `${out}元整`;
}

/** 124800 → '124,800' */
export function thousands(amount: number): string {
  return amount.toLocaleString('en-US');
}

/** 124800 → '人民币壹拾贰万肆仟捌佰元整（￥124,800元）' */
export function yuan(amount: number): string {
  return `人民币${yuanInCapitals(amount)}（￥${thousands(amount)}元）`;
}

/** Appends the GB 32100 check character to a 17-character body. */
export function creditCode(body17: string): string {
  const check = creditCodeCheckCharacter(body17);
  if (check === null) throw new Error(`creditCode: invalid body ${body17}`);
  return body17 + check;
}

/** Appends the GB 11643 check character to a 17-digit body. */
export function idNumber(body17: string): string {
  const check = idCardCheckCharacter(body17);
  if (check === null) throw new Error(`idNumber: invalid body ${body17}`);
  return body17 + check;
}
