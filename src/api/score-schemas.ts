/** Zod schemas of scores and reviews as the API returns them (documentation + reply checks). */
import { z } from 'zod';
import { evidenceSchema } from '../repositories/reviews.js';
import { deductionRuleSchema, vetoEffectSchema } from '../scoring/scheme.js';

const grade = z.object({ code: z.string(), label: z.string() });

export const scoreResultSchema = z.object({
  scheme: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  total: z.number(),
  maxTotal: z.number(),
  totalBeforeVetoes: z.number(),
  grade,
  gradeBeforeVetoes: grade,
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      role: z.enum(['scored', 'penalty', 'bonus', 'fixed']),
      score: z.number(),
      max: z.number(),
      earned: z.number(),
      applicablePoints: z.number(),
      zeroedByVeto: z.string().nullable(),
    }),
  ),
  items: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      sectionId: z.string(),
      group: z.string().nullable(),
      title: z.string(),
      points: z.number(),
      applicable: z.boolean(),
      notApplicableReason: z.string().nullable(),
      deduction: z.number(),
      score: z.number(),
      findingIds: z.array(z.string()),
    }),
  ),
  vetoes: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), effect: vetoEffectSchema, findingIds: z.array(z.string()) })),
  explanations: z.array(z.object({ findingId: z.string(), targetId: z.string(), text: z.string(), points: z.number() })),
});

export const findingTargetSchema = z.object({ kind: z.enum(['item', 'veto']), id: z.string().min(1).max(64) }).strict();

export const findingSchema = z.object({
  id: z.string(),
  reviewId: z.string(),
  target: findingTargetSchema,
  points: z.number().nullable(),
  occurrences: z.number().int(),
  note: z.string().nullable(),
  evidence: z.array(evidenceSchema),
  source: z.enum(['reviewer', 'machine']),
  ruleId: z.string().nullable(),
  status: z.enum(['suggested', 'confirmed', 'rejected']),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const reviewSchema = z.object({
  id: z.string(),
  caseFileId: z.string(),
  reviewerId: z.string(),
  scheme: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  status: z.enum(['draft', 'submitted', 'finalized']),
  submittedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const reviewViewSchema = z.object({
  review: reviewSchema,
  caseFile: z.object({ id: z.string(), caseNumber: z.string(), caseType: z.string(), cause: z.string(), agencyId: z.string(), campaignId: z.string() }),
  scheme: z.object({ id: z.string(), version: z.string(), hash: z.string(), title: z.string() }),
  score: scoreResultSchema,
  sections: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      category: z.string(),
      role: z.string(),
      points: z.number(),
      items: z.array(
        z.object({
          id: z.string(),
          number: z.string(),
          title: z.string(),
          group: z.string().nullable(),
          points: z.number(),
          deductionRule: deductionRuleSchema,
          maxDeduction: z.number(),
          criteria: z.string().nullable(),
          basis: z.string().nullable(),
          machineRules: z.array(z.string()),
          applicable: z.boolean(),
          notApplicableReason: z.string().nullable(),
          deduction: z.number(),
          score: z.number(),
          findings: z.array(findingSchema),
        }),
      ),
    }),
  ),
  vetoes: z.array(
    z.object({
      id: z.string(),
      number: z.string(),
      title: z.string(),
      category: z.string(),
      effect: vetoEffectSchema,
      effectText: z.string(),
      applicable: z.boolean(),
      triggered: z.boolean(),
      findings: z.array(findingSchema),
    }),
  ),
  marks: z.array(z.object({ id: z.string(), reason: z.string(), createdAt: z.string() })),
});
