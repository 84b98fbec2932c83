/**
 * How well a campaign's reviewers agree, over its double-reviewed case files (two reviews,
 * both submitted or finalized): the share with the same grade, and Krippendorff's alpha over
 * item deductions (one unit per case file and item; a reviewer who marked the item not
 * applicable gives no value for it).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { krippendorffAlphaInterval } from '../scoring/agreement.js';
import { compareScores, type ScoreComparison } from '../scoring/comparison.js';
import type { SchemeStore } from '../scoring/scheme-store.js';
import { loadReviewContext } from './review-context.js';

export interface CampaignAgreement {
  doubleReviewed: number;
  sameGrade: number;
  sameGradeShare: number | null;
  alpha: number | null;
  alphaUnits: number;
  files: { caseFileId: string; caseNumber: string; comparison: ScoreComparison }[];
}

export async function campaignAgreement(db: Kysely<Database>, schemes: SchemeStore, campaignId: string): Promise<CampaignAgreement> {
  const rows = await db
    .selectFrom('reviews')
    .innerJoin('case_files', 'case_files.id', 'reviews.case_file_id')
    .select(['reviews.id', 'reviews.case_file_id', 'case_files.case_number'])
    .where('case_files.campaign_id', '=', campaignId)
    .where('reviews.status', 'in', ['submitted', 'finalized'])
    .orderBy('reviews.case_file_id')
    .orderBy('reviews.ordinal')
    .execute();
  const byFile = new Map<string, { caseNumber: string; reviewIds: string[] }>();
  for (const row of rows) {
    const entry = byFile.get(row.case_file_id) ?? { caseNumber: row.case_number, reviewIds: [] };
    entry.reviewIds.push(row.id);
    byFile.set(row.case_file_id, entry);
  }
  const files: CampaignAgreement['files'] = [];
  const units: (number | null)[][] = [];
  for (const [caseFileId, entry] of byFile) {
    if (entry.reviewIds.length < 2) continue;
    const [a, b] = await Promise.all(entry.reviewIds.slice(0, 2).map((id) => loadReviewContext(db, schemes, id)));
    files.push({ caseFileId, caseNumber: entry.caseNumber, comparison: compareScores(a!.score, b!.score) });
    const itemsB = new Map(b!.score.items.map((i) => [i.id, i]));
    for (const item of a!.score.items) {
      const other = itemsB.get(item.id);
      units.push([item.applicable ? item.deduction : null, other?.applicable ? other.deduction : null]);
    }
  }
  const sameGrade = files.filter((f) => !f.comparison.gradeMismatch).length;
  const alpha = krippendorffAlphaInterval(units);
  return {
    doubleReviewed: files.length,
    sameGrade,
    sameGradeShare: files.length > 0 ? Math.round((sameGrade / files.length) * 10_000) / 10_000 : null,
    alpha: alpha.alpha === null ? null : Math.round(alpha.alpha * 10_000) / 10_000,
    alphaUnits: alpha.units,
    files,
  };
}
