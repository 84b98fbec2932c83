/**
 * Running the pre-check on a stored case file: read its documents and pages, run the pure
 * pre-check with the scheme the case is (or would be) reviewed with, store the result, and
 * offer the findings to the case's draft reviews as suggestions. A reviewer's decisions are
 * never overridden: a machine finding already confirmed or rejected stays as it is.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fromJsonText, nowTimestamp, toJsonText } from '../db/mappers.js';
import type { Database } from '../db/schema.js';
import { findCaseFile, type CaseFile } from '../repositories/case-files.js';
import { insertFinding, listFindings, listMarks, listReviewsOfCaseFile, deleteFinding } from '../repositories/reviews.js';
import { factsOfCaseFile } from '../reviews/review-context.js';
import type { ActiveScheme, SchemeStore } from '../scoring/scheme-store.js';
import { checkFinding } from '../scoring/validate.js';
import type { DocumentInput, PageInput } from '../facts/types.js';
import { schemeTarget, type PrecheckInput, type PrecheckResult } from './precheck.js';

export interface StoredPrecheck {
  caseFileId: string;
  ranAt: string;
  scheme: { id: string; version: string } | null;
  result: PrecheckResult;
}

async function documentsOf(db: Kysely<Database>, caseFileId: string): Promise<DocumentInput[]> {
  const docs = await db
    .selectFrom('documents')
    .innerJoin('files', 'files.id', 'documents.file_id')
    .select(['documents.id', 'documents.file_id', 'documents.detected_type', 'documents.type_override', 'documents.title', 'documents.start_page', 'documents.end_page', 'files.original_name'])
    .where('documents.case_file_id', '=', caseFileId)
    .orderBy('documents.ordinal')
    .execute();
  // Every page of the case file's documented files in one query (not one per document: a
  // volume holds dozens), then each document takes its range.
  const fileIds = [...new Set(docs.map((d) => d.file_id))];
  const pagesByFile = new Map<string, PageInput[]>(fileIds.map((id) => [id, []]));
  if (fileIds.length > 0) {
    const rows = await db
      .selectFrom('pages')
      .select(['file_id', 'page_number', 'raw_text', 'normalized_text'])
      .where('file_id', 'in', fileIds)
      .orderBy('file_id')
      .orderBy('page_number')
      .execute();
    for (const p of rows) pagesByFile.get(p.file_id)!.push({ pageNumber: p.page_number, raw: p.raw_text, normalized: p.normalized_text });
  }
  return docs.map((d) => ({
    id: d.id,
    file: d.original_name,
    type: d.type_override ?? d.detected_type,
    title: d.title,
    pages: pagesByFile.get(d.file_id)!.filter((p) => p.pageNumber >= d.start_page && p.pageNumber <= d.end_page),
  }));
}

/** The scheme the case file's reviews use, else the campaign's choice, else the default for its case type. */
async function schemeFor(db: Kysely<Database>, schemes: SchemeStore, caseFile: CaseFile): Promise<ActiveScheme | undefined> {
  const [review] = await listReviewsOfCaseFile(db, caseFile.id);
  if (review) return schemes.get(review.scheme.id, review.scheme.version);
  return schemes.forCampaign(db, caseFile.campaignId, caseFile.caseType);
}

/** Where the pre-check computes: a worker thread in the service (Extractor.precheck), in-process elsewhere. */
export type PrecheckRunner = (input: PrecheckInput) => Promise<PrecheckResult>;

export async function runStoredPrecheck(db: Kysely<Database>, schemes: SchemeStore, caseFileId: string, compute: PrecheckRunner): Promise<StoredPrecheck> {
  const caseFile = (await findCaseFile(db, caseFileId))!;
  const active = await schemeFor(db, schemes, caseFile);
  const { id: _id, campaignId: _c, agencyId: _a, createdAt: _ca, updatedAt: _u, ...metadata } = caseFile;
  const result = await compute({ caseType: caseFile.caseType, metadata, documents: await documentsOf(db, caseFileId), scheme: active?.scheme ?? null });
  const ranAt = nowTimestamp();
  const values = {
    ran_at: ranAt,
    scheme_id: active?.scheme.id ?? null,
    scheme_version: active?.scheme.version ?? null,
    finding_count: result.findings.length,
    result_json: toJsonText(result),
  };
  await db.transaction().execute(async (trx) => {
    await trx.insertInto('prechecks').values({ case_file_id: caseFileId, ...values }).onConflict((oc) => oc.column('case_file_id').doUpdateSet(values)).execute();
    await suggestToReviews(trx, schemes, caseFile, result);
  });
  return { caseFileId, ranAt, scheme: active ? { id: active.scheme.id, version: active.scheme.version } : null, result };
}

export async function findStoredPrecheck(db: Kysely<Database>, caseFileId: string): Promise<StoredPrecheck | undefined> {
  const row = await db.selectFrom('prechecks').selectAll().where('case_file_id', '=', caseFileId).executeTakeFirst();
  if (!row) return undefined;
  return {
    caseFileId,
    ranAt: row.ran_at,
    scheme: row.scheme_id ? { id: row.scheme_id, version: row.scheme_version ?? '' } : null,
    result: fromJsonText(row.result_json, z.custom<PrecheckResult>((v) => typeof v === 'object' && v !== null)),
  };
}

/**
 * Replaces the undecided machine suggestions of every draft review with the current ones.
 * Suggestions the reviewer already confirmed or rejected are kept, and not suggested again.
 */
export async function suggestToReviews(db: Kysely<Database>, schemes: SchemeStore, caseFile: CaseFile, result: PrecheckResult): Promise<void> {
  const facts = await factsOfCaseFile(db, caseFile);
  for (const review of await listReviewsOfCaseFile(db, caseFile.id)) {
    if (review.status !== 'draft') continue;
    const active = schemes.get(review.scheme.id, review.scheme.version);
    if (!active) continue;
    const existing = (await listFindings(db, review.id)).filter((f) => f.source === 'machine');
    const settled = new Set(existing.filter((f) => f.status !== 'suggested').map((f) => `${f.ruleId}|${f.target.id}`));
    for (const f of existing.filter((x) => x.status === 'suggested')) await deleteFinding(db, f.id);
    const marks = await listMarks(db, review.id);
    const offered = new Set<string>();
    for (const finding of result.findings) {
      const mapped = schemeTarget(active.scheme, finding.rule);
      if (!mapped) continue;
      const target = { kind: mapped.kind, id: mapped.id };
      const key = `${finding.rule}|${target.id}`;
      if (settled.has(key) || offered.has(key)) continue;
      const item = target.kind === 'item' ? active.scheme.sections.flatMap((s) => s.items).find((i) => i.id === target.id) : undefined;
      const points = item?.deduction.kind === 'range' ? item.deduction.min : undefined;
      if (checkFinding(active.scheme, facts, { target, points, occurrences: 1 }, marks).length > 0) continue;
      offered.add(key);
      await insertFinding(db, {
        reviewId: review.id,
        target,
        points: points ?? null,
        occurrences: 1,
        note: result.findings.filter((x) => x.rule === finding.rule).map((x) => x.message).join('；'),
        evidence: result.findings.filter((x) => x.rule === finding.rule).flatMap((x) => x.evidence).slice(0, 20).map((e) => ({ documentId: e.documentId, page: e.page, quote: e.quote.slice(0, 500) })),
        source: 'machine',
        ruleId: finding.rule,
        status: 'suggested',
        createdBy: null,
      });
    }
  }
}
