/** All SQL about reviews, their findings and non-applicable marks, and finalized results. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fromJsonText, newId, nowTimestamp, toJsonText } from '../db/mappers.js';
import type { CaseResultRow, Database, FindingRow, ReviewRow } from '../db/schema.js';
import { storedSummaryOf } from '../reviews/result-summary.js';
import type { FindingStatus } from '../scoring/score.js';

export type ReviewStatus = 'draft' | 'submitted' | 'finalized';

export interface Review {
  id: string;
  caseFileId: string;
  reviewerId: string;
  scheme: { id: string; version: string; hash: string };
  status: ReviewStatus;
  submittedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toReview = (row: ReviewRow): Review => ({
  id: row.id,
  caseFileId: row.case_file_id,
  reviewerId: row.reviewer_id,
  scheme: { id: row.scheme_id, version: row.scheme_version, hash: row.scheme_hash },
  status: row.status as ReviewStatus,
  submittedAt: row.submitted_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export const evidenceSchema = z
  .object({
    documentId: z.string().min(1).optional(),
    page: z.number().int().min(1).optional(),
    quote: z.string().max(2000).optional(),
  })
  .strict();
export type Evidence = z.infer<typeof evidenceSchema>;

export interface Finding {
  id: string;
  reviewId: string;
  target: { kind: 'item' | 'veto'; id: string };
  points: number | null;
  occurrences: number;
  note: string | null;
  evidence: Evidence[];
  source: 'reviewer' | 'machine';
  ruleId: string | null;
  status: FindingStatus;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const toFinding = (row: FindingRow): Finding => ({
  id: row.id,
  reviewId: row.review_id,
  target: { kind: row.target_kind as 'item' | 'veto', id: row.target_id },
  points: row.points,
  occurrences: row.occurrences,
  note: row.note,
  evidence: fromJsonText(row.evidence_json, z.array(evidenceSchema)),
  source: row.source as Finding['source'],
  ruleId: row.rule_id,
  status: row.status as FindingStatus,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertReview(
  db: Kysely<Database>,
  input: { caseFileId: string; reviewerId: string; ordinal: number; scheme: { id: string; version: string; hash: string } },
): Promise<Review> {
  const now = nowTimestamp();
  const row: ReviewRow = {
    id: newId(),
    case_file_id: input.caseFileId,
    reviewer_id: input.reviewerId,
    ordinal: input.ordinal,
    scheme_id: input.scheme.id,
    scheme_version: input.scheme.version,
    scheme_hash: input.scheme.hash,
    status: 'draft',
    submitted_at: null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('reviews').values(row).execute();
  return toReview(row);
}

export async function findReview(db: Kysely<Database>, id: string): Promise<Review | undefined> {
  const row = await db.selectFrom('reviews').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toReview(row);
}

export async function listReviewsOfCaseFile(db: Kysely<Database>, caseFileId: string): Promise<Review[]> {
  const rows = await db.selectFrom('reviews').selectAll().where('case_file_id', '=', caseFileId).orderBy('ordinal').execute();
  return rows.map(toReview);
}

export async function setReviewStatus(db: Kysely<Database>, id: string, status: ReviewStatus): Promise<void> {
  const now = nowTimestamp();
  await db
    .updateTable('reviews')
    .set({ status, updated_at: now, ...(status === 'submitted' ? { submitted_at: now } : status === 'draft' ? { submitted_at: null } : {}) })
    .where('id', '=', id)
    .execute();
}

export async function touchReview(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('reviews').set({ updated_at: nowTimestamp() }).where('id', '=', id).execute();
}

export type NewFinding = Omit<Finding, 'id' | 'createdAt' | 'updatedAt'>;

export async function insertFinding(db: Kysely<Database>, input: NewFinding): Promise<Finding> {
  const now = nowTimestamp();
  const row: FindingRow = {
    id: newId(),
    review_id: input.reviewId,
    target_kind: input.target.kind,
    target_id: input.target.id,
    points: input.points,
    occurrences: input.occurrences,
    note: input.note,
    evidence_json: toJsonText(input.evidence),
    source: input.source,
    rule_id: input.ruleId,
    status: input.status,
    created_by: input.createdBy,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('findings').values(row).execute();
  return toFinding(row);
}

export async function findFinding(db: Kysely<Database>, reviewId: string, id: string): Promise<Finding | undefined> {
  const row = await db.selectFrom('findings').selectAll().where('id', '=', id).where('review_id', '=', reviewId).executeTakeFirst();
  return row && toFinding(row);
}

export async function listFindings(db: Kysely<Database>, reviewId: string): Promise<Finding[]> {
  const rows = await db.selectFrom('findings').selectAll().where('review_id', '=', reviewId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toFinding);
}

export async function updateFinding(
  db: Kysely<Database>,
  id: string,
  patch: Partial<Pick<Finding, 'points' | 'occurrences' | 'note' | 'evidence' | 'status'>>,
): Promise<Finding> {
  const row = await db
    .updateTable('findings')
    .set({
      ...(patch.points !== undefined && { points: patch.points }),
      ...(patch.occurrences !== undefined && { occurrences: patch.occurrences }),
      ...(patch.note !== undefined && { note: patch.note }),
      ...(patch.evidence !== undefined && { evidence_json: toJsonText(patch.evidence) }),
      ...(patch.status !== undefined && { status: patch.status }),
      updated_at: nowTimestamp(),
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFinding(row);
}

export async function deleteFinding(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('findings').where('id', '=', id).execute();
}

export interface ReviewMark {
  id: string;
  reason: string;
  createdAt: string;
}

export async function listMarks(db: Kysely<Database>, reviewId: string): Promise<ReviewMark[]> {
  const rows = await db.selectFrom('review_marks').selectAll().where('review_id', '=', reviewId).orderBy('created_at').execute();
  return rows.map((r) => ({ id: r.target_id, reason: r.reason, createdAt: r.created_at }));
}

export async function putMark(db: Kysely<Database>, reviewId: string, targetId: string, reason: string): Promise<string | undefined> {
  const existing = await db.selectFrom('review_marks').select('reason').where('review_id', '=', reviewId).where('target_id', '=', targetId).executeTakeFirst();
  await db
    .insertInto('review_marks')
    .values({ review_id: reviewId, target_id: targetId, reason, created_at: nowTimestamp() })
    .onConflict((oc) => oc.columns(['review_id', 'target_id']).doUpdateSet({ reason }))
    .execute();
  return existing?.reason;
}

export async function removeMark(db: Kysely<Database>, reviewId: string, targetId: string): Promise<boolean> {
  const result = await db.deleteFrom('review_marks').where('review_id', '=', reviewId).where('target_id', '=', targetId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

// --- finalized results -------------------------------------------------------------------

export interface CaseResult {
  id: string;
  caseFileId: string;
  status: 'final' | 'reopened';
  scheme: { id: string; version: string; hash: string };
  total: number;
  grade: { code: string; label: string };
  adoptedReviewId: string;
  resolution: string | null;
  snapshot: unknown;
  finalizedBy: string;
  finalizedAt: string;
  reopened: { by: string; at: string; reason: string } | null;
}

export const toCaseResult = (row: CaseResultRow): CaseResult => ({
  id: row.id,
  caseFileId: row.case_file_id,
  status: row.status as CaseResult['status'],
  scheme: { id: row.scheme_id, version: row.scheme_version, hash: row.scheme_hash },
  total: row.total,
  grade: { code: row.grade_code, label: row.grade_label },
  adoptedReviewId: row.adopted_review_id,
  resolution: row.resolution,
  snapshot: fromJsonText(row.snapshot_json, z.unknown()),
  finalizedBy: row.finalized_by,
  finalizedAt: row.finalized_at,
  reopened: row.reopened_at ? { by: row.reopened_by ?? '', at: row.reopened_at, reason: row.reopen_reason ?? '' } : null,
});

export async function findFinalResult(db: Kysely<Database>, caseFileId: string): Promise<CaseResult | undefined> {
  const row = await db.selectFrom('case_results').selectAll().where('case_file_id', '=', caseFileId).where('status', '=', 'final').executeTakeFirst();
  return row && toCaseResult(row);
}

export async function listResults(db: Kysely<Database>, caseFileId: string): Promise<CaseResult[]> {
  const rows = await db.selectFrom('case_results').selectAll().where('case_file_id', '=', caseFileId).orderBy('finalized_at').execute();
  return rows.map(toCaseResult);
}

/** The `case_result_summaries` row of a result row, derived from its snapshot text. */
export const resultSummaryRow = (row: Pick<CaseResultRow, 'id' | 'snapshot_json' | 'finalized_at'>) =>
  storedSummaryOf({ id: row.id, snapshotJson: row.snapshot_json, finalizedAt: row.finalized_at });

export async function insertResult(
  db: Kysely<Database>,
  input: Omit<CaseResult, 'id' | 'status' | 'finalizedAt' | 'reopened'>,
): Promise<CaseResult> {
  const row: CaseResultRow = {
    id: newId(),
    case_file_id: input.caseFileId,
    status: 'final',
    scheme_id: input.scheme.id,
    scheme_version: input.scheme.version,
    scheme_hash: input.scheme.hash,
    total: input.total,
    grade_code: input.grade.code,
    grade_label: input.grade.label,
    adopted_review_id: input.adoptedReviewId,
    resolution: input.resolution,
    snapshot_json: toJsonText(input.snapshot),
    finalized_by: input.finalizedBy,
    finalized_at: nowTimestamp(),
    reopened_by: null,
    reopened_at: null,
    reopen_reason: null,
  };
  await db.insertInto('case_results').values(row).execute();
  // What the exports read instead of the snapshot (reviews/result-summary.ts); frozen with it.
  await db.insertInto('case_result_summaries').values(resultSummaryRow(row)).execute();
  return toCaseResult(row);
}

export async function markResultReopened(db: Kysely<Database>, id: string, by: string, reason: string): Promise<CaseResult> {
  const row = await db
    .updateTable('case_results')
    .set({ status: 'reopened', reopened_by: by, reopened_at: nowTimestamp(), reopen_reason: reason })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toCaseResult(row);
}
