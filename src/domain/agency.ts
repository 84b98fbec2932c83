/** Enforcement agencies (执法单位): vocabulary and validation. Pure. */
import { z } from 'zod';
import { creditCode } from './case-file.js';

export const AGENCY_LEVELS = {
  province: '省级',
  city: '市级',
  county: '区县级',
  township: '乡镇级',
} as const;
export type AgencyLevel = keyof typeof AGENCY_LEVELS;
const LEVEL_CODES = Object.keys(AGENCY_LEVELS) as [AgencyLevel, ...AgencyLevel[]];

/** Accepts the code or its Chinese label (as written in agency lists), common variants too. */
export function parseAgencyLevel(value: string): AgencyLevel | null {
  const v = value.trim();
  if ((LEVEL_CODES as string[]).includes(v)) return v as AgencyLevel;
  if (/^省/.test(v)) return 'province';
  if (/^(市|地市|设区的市)/.test(v)) return 'city';
  if (/^(区|县|区县|县区|县级)/.test(v)) return 'county';
  if (/^(乡|镇|街道|乡镇)/.test(v)) return 'township';
  return null;
}

export const agencyLevel = z.enum(LEVEL_CODES);

export const agencyInputSchema = z
  .object({
    name: z.string().trim().min(2, '单位名称不能为空').max(200),
    shortName: z.string().trim().min(1).max(50).optional(),
    creditCode: creditCode.optional(),
    region: z.string().trim().min(1).max(100).optional(),
    sector: z.string().trim().min(1).max(100).optional(),
    level: agencyLevel.optional(),
  })
  .strict();
export type AgencyInput = z.infer<typeof agencyInputSchema>;

export const agencyUpdateSchema = agencyInputSchema.partial().strict();
export type AgencyUpdate = z.infer<typeof agencyUpdateSchema>;
