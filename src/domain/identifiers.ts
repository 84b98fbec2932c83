/**
 * Check digits of the identifiers that appear in case files. Pure functions.
 *
 * 统一社会信用代码: GB 32100-2015 — 18 characters from a 31-symbol alphabet (no I, O, Z, S, V);
 * the last character is a check over the first 17 with weights 3^i mod 31.
 * 公民身份号码: GB 11643-1999 — 17 digits and an ISO 7064 MOD 11-2 check character (0-9 or X).
 */

const CREDIT_CODE_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character a 17-character credit-code body should end with, or null if the body has foreign symbols. */
export function creditCodeCheckCharacter(body17: string): string | null {
  if (body17.length !== 17) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_ALPHABET.indexOf(body17[i]!);
    if (value < 0) return null;
    sum += value * CREDIT_CODE_WEIGHTS[i]!;
  }
  return CREDIT_CODE_ALPHABET[(31 - (sum % 31)) % 31]!;
}

export type CreditCodeProblem = 'length' | 'alphabet' | 'check_digit';

export function checkCreditCode(code: string): CreditCodeProblem | null {
  if (code.length !== 18) return 'length';
  if (![...code].every((ch) => CREDIT_CODE_ALPHABET.includes(ch))) return 'alphabet';
  return creditCodeCheckCharacter(code.slice(0, 17)) === code[17] ? null : 'check_digit';
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export function idCardCheckCharacter(body17: string): string | null {
  if (!/^\d{17}$/.test(body17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(body17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export type IdCardProblem = 'format' | 'birth_date' | 'check_digit';

export function checkIdCardNumber(id: string): IdCardProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  const year = Number(id.slice(6, 10));
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day) return 'birth_date';
  return idCardCheckCharacter(id.slice(0, 17)) === id[17] ? null : 'check_digit';
}
