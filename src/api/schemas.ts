/**
 * Zod schemas of what the API returns. They document the API (OpenAPI at /docs) and are
 * checked on every reply, so a reply can never drift from its documentation.
 */
import { z } from 'zod';
import { agencyLevel } from '../domain/agency.js';
import { campaignKind, campaignStatus } from '../domain/campaign.js';
import { CASE_TYPE_CODES, KEY_DATE_ORDER, type KeyDateName } from '../domain/case-file.js';
import { DOCUMENT_TYPE_CODES } from '../ingest/document-types.js';

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.looseObject({ path: z.string().optional(), message: z.string() })),
  }),
});

/**
 * Adds the error reply under the given statuses to a route's response map, for the
 * documentation. Typed as the success map only: handlers never return errors, they throw.
 */
export function withErrors<T extends Record<number, z.ZodType>>(responses: T, ...statuses: number[]): T {
  const errors = Object.fromEntries((statuses.length ? statuses : [400, 404]).map((s) => [s, errorBodySchema]));
  return { ...errors, ...responses };
}

export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const agencySchema = z.object({
  id: z.string(),
  name: z.string(),
  shortName: z.string().nullable(),
  creditCode: z.string().nullable(),
  region: z.string().nullable(),
  sector: z.string().nullable(),
  level: agencyLevel.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const campaignSchema = z.object({
  id: z.string(),
  name: z.string(),
  year: z.number().int(),
  kind: campaignKind,
  status: campaignStatus,
  allowedTransitions: z.array(campaignStatus),
  scopeStart: z.string().nullable(),
  scopeEnd: z.string().nullable(),
  description: z.string().nullable(),
  rectificationDays: z.number().int().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/*
 * Reply schemas describe what the API sends; they deliberately do not re-run the input rules
 * (check digits, date order): every reply is checked against its schema, and on list
 * endpoints those rules would cost more than the rest of the request.
 */
const replyDates = z.object(Object.fromEntries(KEY_DATE_ORDER.map(([name]) => [name, z.string().optional()])) as Record<KeyDateName, z.ZodOptional<z.ZodString>>);
const replyAmounts = z.object({ fine: z.number().optional(), confiscation: z.number().optional(), other: z.number().optional() });
const replyOfficer = z.object({ name: z.string(), certificateNumber: z.string() });

export const caseFileSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  agencyId: z.string(),
  caseNumber: z.string(),
  caseType: z.enum(CASE_TYPE_CODES),
  caseTypeLabel: z.string(),
  cause: z.string(),
  party: z.object({
    name: z.string(),
    kind: z.enum(['person', 'organization', 'individual_business']),
    creditCode: z.string().optional(),
    idNumber: z.string().optional(),
    address: z.string().optional(),
    legalRepresentative: z.string().optional(),
  }),
  dates: replyDates,
  amounts: replyAmounts,
  officers: z.array(replyOfficer),
  flags: z.object({ majorDecision: z.boolean(), hearingHeld: z.boolean(), legalReview: z.boolean(), collectiveDiscussion: z.boolean() }),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const documentType = z.enum(DOCUMENT_TYPE_CODES);

export const documentSchema = z.object({
  id: z.string(),
  caseFileId: z.string(),
  fileId: z.string(),
  ordinal: z.number().int(),
  type: documentType,
  typeLabel: z.string(),
  detectedType: documentType,
  override: z.object({ type: documentType, note: z.string().nullable(), at: z.string() }).nullable(),
  title: z.string().nullable(),
  startPage: z.number().int(),
  endPage: z.number().int(),
  pageCount: z.number().int(),
  confidence: z.number(),
  createdAt: z.string(),
});

const problemSchema = z.object({ code: z.string(), message: z.string() }).nullable();

export const storedFileSchema = z.object({
  id: z.string(),
  caseFileId: z.string(),
  jobId: z.string(),
  sha256: z.string(),
  originalName: z.string(),
  byteSize: z.number().int(),
  pageCount: z.number().int(),
  status: z.enum(['pending', 'extracted', 'failed']),
  error: problemSchema,
  createdAt: z.string(),
});

export const jobSchema = z.object({
  id: z.string(),
  caseFileId: z.string(),
  status: z.enum(['queued', 'running', 'done', 'failed']),
  progress: z.object({ pagesDone: z.number().int(), pagesTotal: z.number().int() }),
  attempts: z.number().int(),
  error: problemSchema,
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});

export const pageTextSchema = z.object({
  pageNumber: z.number().int(),
  rawText: z.string(),
  normalizedText: z.string(),
  charCount: z.number().int(),
  cjkCount: z.number().int(),
  needsOcr: z.boolean(),
  qualityNote: z.string().nullable(),
});
