/**
 * Case-file (案卷) metadata: the vocabulary and the validation rules, as zod schemas.
 * Pure: used by the API, the CLI and later the register import.
 */
import { z } from 'zod';
import { checkCreditCode, checkIdCardNumber } from './identifiers.js';

export const CASE_TYPES = {
  penalty_general: '行政处罚-普通程序',
  penalty_simple: '行政处罚-简易程序',
  license: '行政许可',
  coercion: '行政强制',
  inspection: '行政检查',
  other: '其他',
} as const;
export type CaseType = keyof typeof CASE_TYPES;
export const CASE_TYPE_CODES = Object.keys(CASE_TYPES) as [CaseType, ...CaseType[]];

export const PARTY_KINDS = {
  person: '自然人',
  organization: '法人或其他组织',
  individual_business: '个体工商户',
} as const;
export type PartyKind = keyof typeof PARTY_KINDS;

/**
 * Key dates in the order they must occur in a lawful file. A date may be absent, but the
 * ones present must not go backwards along this chain (hearing after notice, service after
 * decision, closing last).
 */
export const KEY_DATE_ORDER = [
  ['incidentOn', '违法行为发生日期'],
  ['appliedOn', '申请日期'],
  ['acceptedOn', '受理日期'],
  ['filedOn', '立案日期'],
  ['measureOn', '强制措施实施日期'],
  ['notifiedOn', '告知日期'],
  ['hearingOn', '听证日期'],
  ['decidedOn', '决定日期'],
  ['servedOn', '送达日期'],
  ['closedOn', '结案日期'],
] as const;
export type KeyDateName = (typeof KEY_DATE_ORDER)[number][0];

/** A calendar date written YYYY-MM-DD that actually exists (no 2023-02-30). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
  .refine((value) => {
    const d = new Date(`${value}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
  }, '日期不存在');

/** An amount in yuan: non-negative, at most two decimals (fen). */
export const yuanAmount = z
  .number()
  .nonnegative('金额不能为负数')
  .max(1e12, '金额超出范围')
  .refine((v) => Math.abs(Math.round(v * 100) - v * 100) < 1e-6, '金额最多保留两位小数（分）');

/**
 * A case or document number must name its year in brackets and end in 号, e.g.
 * 沪徐市监处罚〔2024〕0312号. Finer format checks (ASCII brackets, prefixes) are machine
 * findings, not input errors, so they belong to the pre-check rules.
 */
export const CASE_NUMBER_YEAR = /[〔［【（(\[]\s*((?:19|20)\d{2})\s*[〕］】）)\]]/;
export const caseNumber = z
  .string()
  .trim()
  .min(4, '案号过短')
  .max(100, '案号过长')
  .refine((v) => CASE_NUMBER_YEAR.test(v), '案号缺少年份（应形如〔2024〕）')
  .refine((v) => /号\s*$/.test(v), '案号应以“号”结尾');

export const creditCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = checkCreditCode(value);
    if (problem === 'length') ctx.addIssue({ code: 'custom', message: '统一社会信用代码应为18位' });
    else if (problem === 'alphabet') ctx.addIssue({ code: 'custom', message: '统一社会信用代码含有非法字符' });
    else if (problem === 'check_digit') ctx.addIssue({ code: 'custom', message: '统一社会信用代码校验位错误' });
  });

export const idCardNumber = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((value, ctx) => {
    const problem = checkIdCardNumber(value);
    if (problem === 'format') ctx.addIssue({ code: 'custom', message: '身份证号码应为18位' });
    else if (problem === 'birth_date') ctx.addIssue({ code: 'custom', message: '身份证号码中的出生日期无效' });
    else if (problem === 'check_digit') ctx.addIssue({ code: 'custom', message: '身份证号码校验位错误' });
  });

export const partySchema = z
  .object({
    name: z.string().trim().min(1, '当事人名称不能为空').max(200),
    kind: z.enum(['person', 'organization', 'individual_business']),
    /** 统一社会信用代码 for organisations and registered individual businesses. */
    creditCode: creditCode.optional(),
    /** 公民身份号码 for natural persons (and the operator of an individual business). */
    idNumber: idCardNumber.optional(),
    address: z.string().trim().max(300).optional(),
    legalRepresentative: z.string().trim().max(100).optional(),
  })
  .strict()
  .superRefine((party, ctx) => {
    if (party.kind === 'organization' && !party.creditCode) {
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '单位当事人应填写统一社会信用代码' });
    }
    if (party.kind === 'person' && party.creditCode) {
      ctx.addIssue({ code: 'custom', path: ['creditCode'], message: '自然人当事人不应填写统一社会信用代码' });
    }
  });
export type Party = z.infer<typeof partySchema>;

export const officerSchema = z
  .object({
    name: z.string().trim().min(1, '执法人员姓名不能为空').max(50),
    certificateNumber: z.string().trim().min(4, '执法证号过短').max(40),
  })
  .strict();
export type Officer = z.infer<typeof officerSchema>;

const keyDateShape = Object.fromEntries(KEY_DATE_ORDER.map(([name]) => [name, isoDate.optional()])) as {
  [K in KeyDateName]: z.ZodOptional<typeof isoDate>;
};

export const keyDatesSchema = z
  .object(keyDateShape)
  .strict()
  .superRefine((dates, ctx) => {
    let latest: { name: KeyDateName; label: string; value: string } | undefined;
    for (const [name, label] of KEY_DATE_ORDER) {
      const value = dates[name];
      if (!value) continue;
      if (latest && value < latest.value) {
        ctx.addIssue({ code: 'custom', path: [name], message: `${label}（${value}）早于${latest.label}（${latest.value}）` });
      } else {
        latest = { name, label, value };
      }
    }
  });
export type KeyDates = z.infer<typeof keyDatesSchema>;

export const amountsSchema = z
  .object({
    fine: yuanAmount.optional(),
    confiscation: yuanAmount.optional(),
    other: yuanAmount.optional(),
  })
  .strict();
export type Amounts = z.infer<typeof amountsSchema>;

export const flagsSchema = z
  .object({
    majorDecision: z.boolean().default(false),
    hearingHeld: z.boolean().default(false),
    legalReview: z.boolean().default(false),
    collectiveDiscussion: z.boolean().default(false),
  })
  .strict();
export type CaseFlags = z.infer<typeof flagsSchema>;

/** The metadata a user supplies for a case file, as in samples/*.json and POST /case-files. */
export const caseFileMetadataSchema = z
  .object({
    caseNumber,
    caseType: z.enum(CASE_TYPE_CODES),
    cause: z.string().trim().min(1, '案由不能为空').max(500),
    party: partySchema,
    dates: keyDatesSchema.default({}),
    amounts: amountsSchema.default({}),
    officers: z.array(officerSchema).max(50).default([]),
    flags: flagsSchema.default({ majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false }),
  })
  .strict();
export type CaseFileMetadata = z.infer<typeof caseFileMetadataSchema>;

/**
 * The form of a case number on which two numbers count as the same case: whitespace removed,
 * full-width letters and digits folded (“鄂 0105 环罚决字〔2023〕17 号” = “鄂0105环罚决字〔2023〕17号”).
 */
export function caseNumberKey(value: string): string {
  return value
    .replace(/[\uFF01-\uFF5E]/g, (ch) => (/[０-９Ａ-Ｚａ-ｚ]/.test(ch) ? String.fromCharCode(ch.charCodeAt(0) - 0xfee0) : ch))
    .replace(/\s+/g, '')
    .toUpperCase();
}
