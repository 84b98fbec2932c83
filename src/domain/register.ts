/**
 * A case register (案件台账): one row per closed case of an agency, as agencies keep them in
 * spreadsheets. Pure: the columns and their header aliases, and the zod schema that turns a
 * row of raw cell values (strings from a csv; numbers, Dates and strings from an xlsx) into
 * a register entry, with the readings people actually use for dates, amounts and case types.
 */
import { z } from 'zod';
import { parseCapitalAmount, parseChineseInteger } from '../facts/numerals.js';
import { CASE_TYPES, caseNumber, type CaseType } from './case-file.js';

export type RegisterField = 'caseNumber' | 'cause' | 'caseType' | 'partyName' | 'filedOn' | 'closedOn' | 'amount' | 'handlers';

export interface RegisterColumn {
  field: RegisterField;
  /** The header the template uses and errors name. */
  label: string;
  /** Whether the header must be present (values may still be empty where the schema allows). */
  required: boolean;
  /** Other headers accepted for the column (compared without spaces, `*` and a trailing （元）). */
  aliases: readonly string[];
  /** Template column width, in characters. */
  width: number;
}

export const REGISTER_COLUMNS: readonly RegisterColumn[] = [
  { field: 'caseNumber', label: '案号', required: true, width: 32, aliases: ['案件编号', '案件号', '决定书文号', '处罚决定书文号', '行政处罚决定书文号', '文书编号', '文号', '决定文号'] },
  { field: 'cause', label: '案由', required: true, width: 36, aliases: ['案件名称', '案由名称', '违法行为', '违法事实', '案件案由'] },
  { field: 'caseType', label: '案件类型', required: true, width: 20, aliases: ['案件类别', '执法类别', '执法行为类别', '执法行为类型', '行为类别', '程序类型', '办案程序'] },
  { field: 'partyName', label: '当事人', required: true, width: 28, aliases: ['当事人名称', '当事人姓名', '当事人姓名或名称', '当事人姓名（名称）', '行政相对人', '相对人', '管理相对人'] },
  { field: 'filedOn', label: '立案日期', required: true, width: 14, aliases: ['立案时间', '立案日'] },
  { field: 'closedOn', label: '结案日期', required: true, width: 14, aliases: ['结案时间', '办结日期', '办结时间', '结案日'] },
  { field: 'amount', label: '罚没金额', required: true, width: 14, aliases: ['罚没款', '罚没款金额', '罚没金额合计', '罚款金额', '罚款及没收金额', '处罚金额'] },
  { field: 'handlers', label: '承办人', required: false, width: 16, aliases: ['承办人员', '办案人员', '办案人', '执法人员', '经办人'] },
];

/** The headers a register must have, in template order (承办人 is optional). */
export const REGISTER_HEADERS: readonly string[] = REGISTER_COLUMNS.map((c) => c.label);
export const REQUIRED_REGISTER_HEADERS: readonly string[] = REGISTER_COLUMNS.filter((c) => c.required).map((c) => c.label);

export const registerColumnOf = (field: RegisterField): RegisterColumn => REGISTER_COLUMNS.find((c) => c.field === field)!;

/** The header a column's text names, or null (unknown columns such as 序号 are ignored). */
export function matchRegisterHeader(text: string | null): RegisterField | null {
  if (!text) return null;
  const t = normalizeHeader(text);
  for (const column of REGISTER_COLUMNS) {
    if (normalizeHeader(column.label) === t || column.aliases.some((a) => normalizeHeader(a) === t)) return column.field;
  }
  return null;
}

function normalizeHeader(text: string): string {
  return text
    .replace(/[\s\u3000*＊]/g, '')
    .replace(/[（(]元[)）]$/, '')
    .replace(/[（(]/g, '（')
    .replace(/[)）]/g, '）');
}

// ---------------------------------------------------------------------------------------
// Case types

const CASE_TYPE_WORDS: Readonly<Record<string, CaseType>> = {
  行政处罚普通程序: 'penalty_general',
  行政处罚一般程序: 'penalty_general',
  普通程序: 'penalty_general',
  一般程序: 'penalty_general',
  处罚普通程序: 'penalty_general',
  行政处罚简易程序: 'penalty_simple',
  简易程序: 'penalty_simple',
  处罚简易程序: 'penalty_simple',
  当场处罚: 'penalty_simple',
  行政许可: 'license',
  许可: 'license',
  行政强制: 'coercion',
  强制: 'coercion',
  行政强制措施: 'coercion',
  行政强制执行: 'coercion',
  行政检查: 'inspection',
  检查: 'inspection',
  其他: 'other',
  其它: 'other',
  其他行政行为: 'other',
};

/** 案件类型 from a code (penalty_general) or a Chinese label (行政处罚-普通程序, 普通程序, 行政许可 …). */
export function parseCaseType(text: string): CaseType | null {
  const t = text.trim();
  if (Object.hasOwn(CASE_TYPES, t)) return t as CaseType;
  const lower = t.toLowerCase();
  if (Object.hasOwn(CASE_TYPES, lower)) return lower as CaseType;
  const key = t.replace(/[\s\u3000\-－—–_·・、/／（）()【】[\]]/g, '');
  return CASE_TYPE_WORDS[key] ?? null;
}

export const CASE_TYPE_HINT = `案件类型应为 ${Object.values(CASE_TYPES).join('、')}（或 普通程序、简易程序）`;

// ---------------------------------------------------------------------------------------
// Dates

const MIN_YEAR = 1950;
const MAX_YEAR = 2099;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

const fail = (message: string): { ok: false; message: string } => ({ ok: false, message });

/** yyyy-mm-dd of a year, month and day known to exist. */
function isoDate(y: number, m: number, d: number): string {
  return `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
}

function isoFromParts(y: number, m: number, d: number, original: string): Parsed<string> {
  if (y < MIN_YEAR || y > MAX_YEAR) return fail(`年份超出范围（${MIN_YEAR}–${MAX_YEAR}）：${original}`);
  if (m < 1 || m > 12) return fail(`月份不存在：${original}`);
  if (d < 1 || d > daysInMonth(y, m)) return fail(`日期不存在：${original}`);
  return { ok: true, value: isoDate(y, m, d) };
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Excel's serial day number (1900 date system; 60 is the fictitious 1900-02-29). */
function fromExcelSerial(serial: number, original: string): Parsed<string> {
  if (!Number.isFinite(serial) || serial < 61) return fail(`无法识别的日期：${original}`);
  const ms = Date.UTC(1899, 11, 30) + Math.floor(serial) * 86_400_000;
  const d = new Date(ms);
  return isoFromParts(d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate(), original);
}

const foldWidth = (s: string) => s.replace(/[\uFF01-\uFF5E]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, ' ');

/** A number written in Arabic digits or Chinese numerals (二〇二四, 十二, 二十五). */
function readNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  return parseChineseInteger(text);
}

/**
 * A calendar date from a register cell: a JS Date (exceljs, date-formatted cells), an Excel
 * serial number, 20240305, 2024-03-05, 2024/3/5, 2024.3.5, 2024年3月5日, 二〇二四年三月五日;
 * a time of day after the date is ignored. Dates that do not exist (2023年2月30日) are refused.
 */
export function parseRegisterDate(value: unknown): Parsed<string> {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return fail('无法识别的日期');
    const y = value.getUTCFullYear();
    // A Date is a day that exists; only its year can be out of range.
    if (y >= MIN_YEAR && y <= MAX_YEAR) return { ok: true, value: isoDate(y, value.getUTCMonth() + 1, value.getUTCDate()) };
    return isoFromParts(y, value.getUTCMonth() + 1, value.getUTCDate(), value.toISOString().slice(0, 10));
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value >= 19000101 && value <= 20991231) return parseRegisterDate(String(value));
    return fromExcelSerial(value, String(value));
  }
  if (typeof value !== 'string') return fail('无法识别的日期');
  const original = value.trim();
  const s = foldWidth(original).trim().replace(/\s+/g, ' ');
  let m = /^(\d{4})\s*[-/.]\s*(\d{1,2})\s*[-/.]\s*(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$/.exec(s);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]), original);
  m = /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (m) return isoFromParts(Number(m[1]), Number(m[2]), Number(m[3]), original);
  if (/^\d{5}(?:\.\d+)?$/.test(s)) return fromExcelSerial(Number(s), original);
  m = /^([\d〇○零一二三四五六七八九]{4})\s*年\s*([\d〇零一二三四五六七八九十]{1,3})\s*月\s*([\d〇零一二三四五六七八九十]{1,4})\s*[日号]?(?:\s*\d{1,2}[:时].*)?$/.exec(s);
  if (m) {
    const yearText = m[1]!;
    const y = /^\d{4}$/.test(yearText) ? Number(yearText) : parseChineseInteger(yearText);
    const mo = readNumber(m[2]!);
    const d = readNumber(m[3]!);
    if (y === null || mo === null || d === null) return fail(`无法识别的日期：${original}`);
    return isoFromParts(y, mo, d, original);
  }
  return fail(`无法识别的日期：${original}（应形如 2024-03-05、2024/3/5 或 2024年3月5日）`);
}

// ---------------------------------------------------------------------------------------
// Amounts

const EMPTY_AMOUNT = new Set(['无', '/', '／', '-', '—', '--', '——', '－']);

/** Moves the decimal point of a plain decimal string `exponent` places right: ("5.6", 4) → "56000". */
function shiftDecimal(digits: string, exponent: number): string {
  const [int = '', frac = ''] = digits.split('.');
  const padded = frac.padEnd(exponent, '0');
  const joined = (int + padded.slice(0, exponent)).replace(/^0+(?=\d)/, '');
  const rest = padded.slice(exponent);
  return rest ? `${joined}.${rest}` : joined;
}

/**
 * 罚没金额 in yuan from a number, '1,200.50', '1200元', '¥1200', '5.6万', '5.6万元' or a
 * capital amount (壹万贰仟元整). Empty, 无 and / mean none (null). At most two decimals.
 */
export function parseRegisterAmount(value: unknown): Parsed<number | null> {
  if (value === null || value === undefined) return { ok: true, value: null };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return fail('金额不是数字');
    return checkAmount(value, String(value));
  }
  if (typeof value !== 'string') return fail('金额不是数字');
  const original = value.trim();
  if (original === '' || EMPTY_AMOUNT.has(original)) return { ok: true, value: null };
  let s = foldWidth(original).replace(/\s+/g, '').replace(/^(?:人民币|RMB|CNY|¥|￥)/i, '').replace(/(?:元整|元|圆整|圆)$/, '');
  let exponent = 0;
  if (/万$/.test(s)) {
    exponent = 4;
    s = s.slice(0, -1);
  } else if (/亿$/.test(s)) {
    exponent = 8;
    s = s.slice(0, -1);
  }
  if (/^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(s)) s = s.replace(/,/g, '');
  if (/^\d+(?:\.\d+)?$/.test(s)) return checkAmount(Number(shiftDecimal(s, exponent)), original);
  const capital = parseCapitalAmount(original);
  if (capital !== null) return checkAmount(capital, original);
  return fail(`无法识别的金额：${original}（应为数字，如 1200、1,200.50 或 5.6万）`);
}

function checkAmount(yuan: number, original: string): Parsed<number> {
  if (yuan < 0) return fail(`金额不能为负数：${original}`);
  if (yuan > 1e12) return fail(`金额超出范围：${original}`);
  if (Math.abs(Math.round(yuan * 100) - yuan * 100) > 1e-6) return fail(`金额最多保留两位小数（分）：${original}`);
  return { ok: true, value: Math.round(yuan * 100) / 100 };
}

// ---------------------------------------------------------------------------------------
// The row schema

/** A cell as read: text from a csv; number, Date, boolean or text from an xlsx; null when empty. */
export type RawCell = string | number | boolean | Date | null;
export type RawRegisterRow = Partial<Record<RegisterField, RawCell>>;

const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  const s = String(value).trim();
  return s === '' ? null : s;
};

/** A required or optional text cell, trimmed, with a length limit. */
const textCell = (label: string, max: number, required: boolean) =>
  z.unknown().transform((value, ctx): string | null => {
    const s = text(value);
    if (s === null) {
      if (required) ctx.addIssue({ code: 'custom', message: `${label}不能为空` });
      return null;
    }
    if ([...s].length > max) ctx.addIssue({ code: 'custom', message: `${label}过长（最多 ${max} 字）` });
    return s;
  });

const dateCell = (requiredMessage?: string) =>
  z.unknown().transform((value, ctx): string | null => {
    if (value === null || value === undefined || (typeof value === 'string' && value.trim() === '')) {
      if (requiredMessage) ctx.addIssue({ code: 'custom', message: requiredMessage });
      return null;
    }
    const parsed = parseRegisterDate(value);
    if (!parsed.ok) {
      ctx.addIssue({ code: 'custom', message: parsed.message });
      return z.NEVER;
    }
    return parsed.value;
  });

const registerRowObject = z
  .object({
    caseNumber: z.unknown().transform((value, ctx): string => {
      const s = text(value);
      if (s === null) {
        ctx.addIssue({ code: 'custom', message: '案号不能为空' });
        return z.NEVER;
      }
      // Registers typed in Chinese input methods often have full-width digits: 〔２０２４〕.
      const parsed = caseNumber.safeParse(s.replace(/[０-９]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0)));
      if (!parsed.success) {
        for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message });
        return z.NEVER;
      }
      return s;
    }),
    cause: textCell('案由', 500, true),
    caseType: z.unknown().transform((value, ctx): CaseType => {
      const s = text(value);
      const type = s === null ? null : parseCaseType(s);
      if (!type) {
        ctx.addIssue({ code: 'custom', message: s === null ? '案件类型不能为空' : CASE_TYPE_HINT });
        return z.NEVER;
      }
      return type;
    }),
    partyName: textCell('当事人', 200, true),
    filedOn: dateCell(),
    closedOn: dateCell('结案日期不能为空'),
    amount: z.unknown().transform((value, ctx): number | null => {
      const parsed = parseRegisterAmount(value instanceof Date ? value.toISOString() : value);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      return parsed.value;
    }),
    handlers: textCell('承办人', 200, false),
  })
  .superRefine((row, ctx) => {
    // 简易程序 (当场处罚), 许可, 检查 … have no 立案; an ordinary-procedure penalty case always has.
    if (row.filedOn === null && row.caseType === 'penalty_general') {
      ctx.addIssue({ code: 'custom', path: ['filedOn'], message: '普通程序行政处罚案件应填写立案日期' });
    }
    if (row.filedOn && row.closedOn && row.closedOn < row.filedOn) {
      ctx.addIssue({ code: 'custom', path: ['closedOn'], message: `结案日期（${row.closedOn}）早于立案日期（${row.filedOn}）` });
    }
  })
  .transform((row) => ({ ...row, cause: row.cause!, partyName: row.partyName!, closedOn: row.closedOn! }));

/** A missing column reads as empty cells. */
const EMPTY_ROW: Record<RegisterField, null> = { caseNumber: null, cause: null, caseType: null, partyName: null, filedOn: null, closedOn: null, amount: null, handlers: null };

/** A register row: validates and converts the raw cells of one row (RawRegisterRow). */
export const registerRowSchema = z.preprocess(
  (value) => (value !== null && typeof value === 'object' ? { ...EMPTY_ROW, ...value } : value),
  registerRowObject,
);

export type RegisterRow = z.output<typeof registerRowSchema>;

/** Example rows in the template start with this in 案号 and are skipped on import. */
export const EXAMPLE_MARK = '示例';
