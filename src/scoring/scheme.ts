/**
 * The scheme format (评查标准): how a published scoring standard is written as data, so a new
 * standard needs a new JSON file, not new code. Pure zod schemas; scoring-schemes/*.json are
 * validated by `schemeSchema` (structure) and then `validateScheme` (consistency).
 *
 * Concepts:
 * - sections: the categories of the standard (主体, 程序, 事实, 证据, 法律适用, 文书, 归档 …).
 *   A `scored` section contributes to the total; a `penalty` section's deductions are
 *   subtracted from the total (e.g. MEE 卷面基本要素); a `bonus` section's awards are added;
 *   a `fixed` section is worth its points unless a veto zeroes it (e.g. MEE 合法性 50).
 * - scaling of a scored section: `sum` (earned points) or `weighted` (weight × earned ÷ applicable).
 * - items: points, a deduction rule, an applicability condition, the machine rules that bear
 *   on it; items may be grouped (e.g. the sub-items of one document in the MEE table).
 * - vetoes (否决项): a confirmed finding on one has an effect: fail the file, zero the score,
 *   zero a section, or block the top grade.
 * - normalize: when set, the total of scored sections is rescaled to this many points over
 *   the applicable maximum, so non-applicable items leave the denominator.
 * - grades: contiguous bands from 0 upwards; names are the scheme's own.
 * - parameters: statutory periods and thresholds the checks use.
 */
import { z } from 'zod';
import { CASE_TYPE_CODES } from '../domain/case-file.js';

const id = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'id 只能包含字母、数字、点、下划线和连字符');

/** Points: non-negative, in steps of at most hundredths. */
const points = z.number().nonnegative().max(10_000);

export const SECTION_CATEGORIES = {
  subject: '主体',
  procedure: '程序',
  facts: '事实',
  evidence: '证据',
  law: '法律适用',
  documents: '文书',
  archiving: '归档',
  legality: '合法性',
  normativity: '规范性',
  discretion: '裁量',
  execution: '执行',
  other: '其他',
} as const;
export type SectionCategory = keyof typeof SECTION_CATEGORIES;

/** Facts about a case that conditions may test; see applicability.ts for their values. */
export const FACT_NAMES = [
  'caseType',
  'party.kind',
  'flags.majorDecision',
  'flags.hearingHeld',
  'flags.legalReview',
  'flags.collectiveDiscussion',
  'amounts.fine',
  'amounts.confiscation',
  'amounts.other',
  'amounts.total',
  'documents',
] as const;
export type FactName = (typeof FACT_NAMES)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { fact: FactName; equals: string | number | boolean }
  | { fact: FactName; in: (string | number)[] }
  | { fact: FactName; gte: number }
  | { fact: FactName; lte: number }
  | { fact: FactName; contains: string };

const fact = z.enum(FACT_NAMES);

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.object({ all: z.array(conditionSchema).min(1) }).strict(),
    z.object({ any: z.array(conditionSchema).min(1) }).strict(),
    z.object({ not: conditionSchema }).strict(),
    z.object({ fact, equals: z.union([z.string(), z.number(), z.boolean()]) }).strict(),
    z.object({ fact, in: z.array(z.union([z.string(), z.number()])).min(1) }).strict(),
    z.object({ fact, gte: z.number() }).strict(),
    z.object({ fact, lte: z.number() }).strict(),
    z.object({ fact, contains: z.string().min(1) }).strict(),
  ]),
);

export const deductionRuleSchema = z.discriminatedUnion('kind', [
  /** A fixed number of points per occurrence, up to `cap` (default: the item's points). */
  z.object({ kind: z.literal('fixed'), amount: points.positive(), cap: points.positive().optional() }).strict(),
  /** The reviewer picks an amount per occurrence within [min, max], in multiples of `step`. */
  z
    .object({ kind: z.literal('range'), min: points.positive(), max: points.positive(), step: points.positive().default(0.5), cap: points.positive().optional() })
    .strict(),
  /** One finding takes all of the item's points (e.g. a required document is missing). */
  z.object({ kind: z.literal('all') }).strict(),
]);
export type DeductionRule = z.infer<typeof deductionRuleSchema>;

export const itemSchema = z
  .object({
    id,
    /** The number people print in the table: "1", "2.3", "C1.1". */
    number: z.string().min(1).max(20),
    title: z.string().min(1).max(500),
    points,
    /** How much a finding on this item deducts (on a bonus item: awards). */
    deduction: deductionRuleSchema,
    /** The 扣分标准 text as published; generated from `deduction` when absent. */
    criteria: z.string().max(1000).optional(),
    group: id.optional(),
    applicability: conditionSchema.optional(),
    machineRules: z.array(z.string()).default([]),
    basis: z.string().max(500).optional(),
  })
  .strict();
export type SchemeItem = z.infer<typeof itemSchema>;

export const groupSchema = z
  .object({
    id,
    number: z.string().min(1).max(20),
    title: z.string().min(1).max(200),
    /** The group's standard points: its items must add up to this. */
    points,
    applicability: conditionSchema.optional(),
    /** When the group does not apply: e.g. 无需监测的案件不评此项. */
    note: z.string().max(500).optional(),
  })
  .strict();
export type SchemeGroup = z.infer<typeof groupSchema>;

export const scalingSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('sum') }).strict(),
  /** weight × earned ÷ applicable points (MEE 规范性: 50 × 实得分 ÷ 参评项目标准分). */
  z.object({ kind: z.literal('weighted'), weight: points.positive() }).strict(),
]);

export const sectionSchema = z
  .object({
    id,
    category: z.enum(Object.keys(SECTION_CATEGORIES) as [SectionCategory, ...SectionCategory[]]),
    title: z.string().min(1).max(200),
    role: z.enum(['scored', 'penalty', 'bonus', 'fixed']).default('scored'),
    /** For scored and fixed sections: the section's points; for penalty/bonus: the most it can take or give. */
    points,
    scaling: scalingSchema.default({ kind: 'sum' }),
    groups: z.array(groupSchema).default([]),
    items: z.array(itemSchema).default([]),
    note: z.string().max(1000).optional(),
  })
  .strict();
export type SchemeSection = z.infer<typeof sectionSchema>;

export const vetoEffectSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fail_file') }).strict(),
  z.object({ kind: z.literal('zero_score') }).strict(),
  z.object({ kind: z.literal('zero_section'), section: id }).strict(),
  z.object({ kind: z.literal('block_top_grade') }).strict(),
]);
export type VetoEffect = z.infer<typeof vetoEffectSchema>;

export const vetoSchema = z
  .object({
    id,
    number: z.string().min(1).max(20),
    /** The category the veto belongs to (主体, 程序 …), for reports. */
    category: z.enum(Object.keys(SECTION_CATEGORIES) as [SectionCategory, ...SectionCategory[]]),
    title: z.string().min(1).max(500),
    effect: vetoEffectSchema,
    applicability: conditionSchema.optional(),
    machineRules: z.array(z.string()).default([]),
    basis: z.string().max(500).optional(),
  })
  .strict();
export type SchemeVeto = z.infer<typeof vetoSchema>;

export const gradeBandSchema = z
  .object({
    code: id,
    label: z.string().min(1).max(20),
    /** Inclusive lower bound. */
    min: z.number().nonnegative(),
    /** Exclusive upper bound; the top band has none. */
    max: z.number().positive().optional(),
  })
  .strict();
export type GradeBand = z.infer<typeof gradeBandSchema>;

export const parameterSchema = z
  .object({
    value: z.number(),
    unit: z.enum(['days', 'working_days', 'months', 'hours', 'yuan', 'count', 'percent']),
    description: z.string().min(1).max(300),
    basis: z.string().max(300).optional(),
  })
  .strict();
export type SchemeParameter = z.infer<typeof parameterSchema>;

export const schemeSchema = z
  .object({
    $schema: z.string().optional(),
    id,
    /** Semantic version; a scheme that has scored anything never changes under the same version. */
    version: z.string().regex(/^\d+\.\d+\.\d+$/, '版本号应形如 1.0.0'),
    title: z.string().min(1).max(200),
    source: z
      .object({
        title: z.string().min(1).max(300),
        issuer: z.string().max(200).optional(),
        documentNumber: z.string().max(100).optional(),
        published: z.string().max(20).optional(),
        reference: z.string().max(500).optional(),
        note: z.string().max(1000).optional(),
      })
      .strict(),
    effective: z.object({ from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), to: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional() }).strict(),
    caseTypes: z.array(z.enum(CASE_TYPE_CODES)).min(1),
    /**
     * The full score as published (100 for most standards): the scored and fixed sections add
     * up to it, or, with `normalize`, are rescaled to it.
     */
    total: points.positive(),
    /** Rescale the scored sections to `to` points over what applies (non-applicable items leave the denominator). */
    normalize: z.object({ to: points.positive() }).strict().optional(),
    sections: z.array(sectionSchema).min(1),
    vetoes: z.array(vetoSchema).default([]),
    grades: z.array(gradeBandSchema).min(2).max(6),
    /** The band a `fail_file` veto puts the file in; the lowest band when absent. */
    failGrade: id.optional(),
    parameters: z.record(z.string().regex(/^[a-zA-Z][a-zA-Z0-9_]*$/), parameterSchema).default({}),
  })
  .strict();
export type Scheme = z.infer<typeof schemeSchema>;
/** A scheme as written in a file, before defaults are applied. */
export type SchemeInput = z.input<typeof schemeSchema>;
