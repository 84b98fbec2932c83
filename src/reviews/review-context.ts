/**
 * Everything needed to show and score one review: the review, its case file and the facts
 * scheme conditions test, the scheme version it is scored with, its findings and marks —
 * and the score, computed by the pure engine. Scores are never stored while a review is in
 * progress; they are recomputed, so they cannot drift from the findings.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { findCaseFile, type CaseFile } from '../repositories/case-files.js';
import { findFinalResult, findReview, listFindings, listMarks, type Finding, type Review, type ReviewMark } from '../repositories/reviews.js';
import { caseFactsFrom, evaluateCondition, type CaseFacts } from '../scoring/case-facts.js';
import { deductionCap, scoreCase, vetoEffectText, type ScoreResult, type ScoringFinding } from '../scoring/score.js';
import type { SchemeStore, ActiveScheme } from '../scoring/scheme-store.js';

export interface ReviewContext {
  review: Review;
  caseFile: CaseFile;
  active: ActiveScheme;
  facts: CaseFacts;
  findings: Finding[];
  marks: ReviewMark[];
  score: ScoreResult;
}

/** The effective document types of a case file (a reviewer's correction wins over detection). */
export async function documentTypesOf(db: Kysely<Database>, caseFileId: string): Promise<string[]> {
  const rows = await db.selectFrom('documents').select(['detected_type', 'type_override']).where('case_file_id', '=', caseFileId).execute();
  return rows.map((r) => r.type_override ?? r.detected_type);
}

export async function factsOfCaseFile(db: Kysely<Database>, caseFile: CaseFile): Promise<CaseFacts> {
  return caseFactsFrom(caseFile, await documentTypesOf(db, caseFile.id));
}

export const toScoringFinding = (f: Finding): ScoringFinding => ({
  id: f.id,
  target: f.target,
  points: f.points ?? undefined,
  occurrences: f.occurrences,
  status: f.status,
  note: f.note ?? undefined,
});

export function schemeOf(store: SchemeStore, review: Review): ActiveScheme {
  const active = store.get(review.scheme.id, review.scheme.version);
  // Stored versions are never deleted, so this only happens if the database was edited by hand.
  if (!active) throw new AppError(500, 'internal_error', `评查标准 ${review.scheme.id} ${review.scheme.version} 不可用`);
  return active;
}

export async function loadReviewContext(db: Kysely<Database>, store: SchemeStore, reviewId: string): Promise<ReviewContext> {
  const review = await findReview(db, reviewId);
  if (!review) throw notFound('评查记录', reviewId);
  const caseFile = (await findCaseFile(db, review.caseFileId))!;
  const active = schemeOf(store, review);
  const facts = await factsOfCaseFile(db, caseFile);
  const [findings, marks] = await Promise.all([listFindings(db, review.id), listMarks(db, review.id)]);
  const score = scoreCase(active.scheme, facts, findings.map(toScoringFinding), marks);
  return { review, caseFile, active, facts, findings, marks, score };
}

/** Changes to a review are only allowed while it is a draft and its case file is not finalized. */
export async function assertEditable(db: Kysely<Database>, review: Review): Promise<void> {
  if (await findFinalResult(db, review.caseFileId)) {
    throw new AppError(409, 'review_finalized', '该案卷的评查结果已定稿，不能修改；如需更改请先由评查组长或管理员说明理由后重新打开');
  }
  if (review.status !== 'draft') throw new AppError(409, 'review_submitted', '该评查已提交，不能修改；如需更改请由评查组长退回');
}

/** The review as a reviewer works on it: every item of the scheme with whether it applies, its findings and score. */
export function reviewView(ctx: ReviewContext) {
  const { active, score, findings, marks, facts } = ctx;
  const itemScores = new Map(score.items.map((i) => [i.id, i]));
  return {
    review: ctx.review,
    caseFile: {
      id: ctx.caseFile.id,
      caseNumber: ctx.caseFile.caseNumber,
      caseType: ctx.caseFile.caseType,
      cause: ctx.caseFile.cause,
      agencyId: ctx.caseFile.agencyId,
      campaignId: ctx.caseFile.campaignId,
    },
    scheme: { id: active.scheme.id, version: active.scheme.version, hash: active.hash, title: active.scheme.title },
    score,
    sections: active.scheme.sections.map((section) => ({
      id: section.id,
      title: section.title,
      category: section.category,
      role: section.role,
      points: section.points,
      items: section.items.map((item) => {
        const s = itemScores.get(item.id)!;
        return {
          id: item.id,
          number: item.number,
          title: item.title,
          group: item.group ?? null,
          points: item.points,
          deductionRule: item.deduction,
          maxDeduction: deductionCap(item),
          criteria: item.criteria ?? null,
          basis: item.basis ?? null,
          machineRules: item.machineRules,
          applicable: s.applicable,
          notApplicableReason: s.notApplicableReason,
          deduction: s.deduction,
          score: s.score,
          findings: findings.filter((f) => f.target.kind === 'item' && f.target.id === item.id),
        };
      }),
    })),
    vetoes: active.scheme.vetoes.map((veto) => ({
      id: veto.id,
      number: veto.number,
      title: veto.title,
      category: veto.category,
      effect: veto.effect,
      effectText: vetoEffectText(veto.effect, active.scheme),
      applicable: evaluateCondition(veto.applicability, facts),
      triggered: score.vetoes.some((v) => v.id === veto.id),
      findings: findings.filter((f) => f.target.kind === 'veto' && f.target.id === veto.id),
    })),
    marks,
  };
}
