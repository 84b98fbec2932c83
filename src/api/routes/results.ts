/**
 * From submitted reviews to a final result: comparing two reviews, finalizing with a
 * resolution (which freezes a snapshot), reopening with a reason, reading the result, and
 * the campaign's agreement between reviewers.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { AppError } from '../../errors.js';
import { findCampaign } from '../../repositories/campaigns.js';
import { findCaseFile } from '../../repositories/case-files.js';
import { findFinalResult, insertResult, listResults, listReviewsOfCaseFile, markResultReopened, setReviewStatus } from '../../repositories/reviews.js';
import { insertRectificationItems, issuedProblemKeys } from '../../repositories/rectification.js';
import { findUser } from '../../repositories/users.js';
import { campaignAgreement } from '../../reviews/campaign-agreement.js';
import { loadReviewContext, type ReviewContext } from '../../reviews/review-context.js';
import { issueRectificationItems, problemKey } from '../../rectification/issue.js';
import { compareScores } from '../../scoring/comparison.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const comparisonSchema = z.object({
  totals: z.tuple([z.number(), z.number()]),
  scoreDifference: z.number(),
  grades: z.tuple([z.object({ code: z.string(), label: z.string() }), z.object({ code: z.string(), label: z.string() })]),
  gradeMismatch: z.boolean(),
  items: z.array(z.object({ id: z.string(), number: z.string(), title: z.string(), deductions: z.tuple([z.number().nullable(), z.number().nullable()]), difference: z.number() })),
  vetoes: z.array(z.object({ id: z.string(), in: z.tuple([z.boolean(), z.boolean()]) })),
});

const resultSchema = z.object({
  id: z.string(),
  caseFileId: z.string(),
  status: z.enum(['final', 'reopened']),
  scheme: z.object({ id: z.string(), version: z.string(), hash: z.string() }),
  total: z.number(),
  grade: z.object({ code: z.string(), label: z.string() }),
  adoptedReviewId: z.string(),
  resolution: z.string().nullable(),
  snapshot: z.unknown(),
  finalizedBy: z.string(),
  finalizedAt: z.string(),
  reopened: z.object({ by: z.string(), at: z.string(), reason: z.string() }).nullable(),
});

const reviewSummary = async (ctx: ReviewContext, reviewerName: string) => ({
  id: ctx.review.id,
  reviewer: { id: ctx.review.reviewerId, name: reviewerName },
  submittedAt: ctx.review.submittedAt,
  findings: ctx.findings,
  marks: ctx.marks,
  score: ctx.score,
});

export const resultRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, schemes } = app.services;

  async function contextsOf(caseFileId: string) {
    const reviews = await listReviewsOfCaseFile(db, caseFileId);
    return Promise.all(reviews.map((r) => loadReviewContext(db, schemes, r.id)));
  }

  app.get(
    '/case-files/:id/comparison',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'caseFile', reviewerMust: 'be_chief' }),
      schema: {
        tags: ['reviews'],
        summary: '两名评查人员的意见比较：逐项扣分差异、得分差、等次是否一致',
        params: idParamsSchema,
        response: withErrors({ 200: z.object({ reviews: z.array(z.object({ id: z.string(), reviewerId: z.string(), status: z.string(), total: z.number() })), comparison: comparisonSchema }) }, 403, 404, 409),
      },
    },
    async (request) => {
      const contexts = await contextsOf(request.params.id);
      if (contexts.length < 2) throw new AppError(409, 'conflict', '该案卷只有一名评查人员，无可比较');
      const [a, b] = contexts as [ReviewContext, ReviewContext];
      return {
        reviews: [a, b].map((c) => ({ id: c.review.id, reviewerId: c.review.reviewerId, status: c.review.status, total: c.score.total })),
        comparison: compareScores(a.score, b.score),
      };
    },
  );

  app.post(
    '/case-files/:id/finalize',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'caseFile', reviewerMust: 'be_chief' }),
      schema: {
        tags: ['reviews'],
        summary: '定稿（评查组长或管理员）：采用一份已提交的评查，冻结标准、问题、得分与等次',
        description: '两名评查人员意见不一致时须填写处理意见（resolution）。定稿后任何修改返回 409，须说明理由重新打开。',
        params: idParamsSchema,
        body: z.object({ reviewId: z.string().min(1), resolution: z.string().trim().min(2).max(2000).optional() }).strict(),
        response: withErrors({ 201: resultSchema }, 400, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const caseFile = (await findCaseFile(db, request.params.id))!;
      const { reviewId, resolution } = request.body;
      const user = request.user();
      const result = await db.transaction().execute(async (trx) => {
        if (await findFinalResult(trx, caseFile.id)) throw new AppError(409, 'review_finalized', '该案卷已定稿');
        const contexts = await Promise.all((await listReviewsOfCaseFile(trx, caseFile.id)).map((r) => loadReviewContext(trx, schemes, r.id)));
        const adopted = contexts.find((c) => c.review.id === reviewId);
        if (!adopted) throw new AppError(400, 'validation_failed', '所采用的评查不属于该案卷', [{ path: 'body.reviewId', message: '不属于该案卷' }]);
        const unsubmitted = contexts.filter((c) => c.review.status !== 'submitted');
        if (unsubmitted.length > 0) {
          throw new AppError(409, 'conflict', `还有 ${unsubmitted.length} 份评查未提交`, unsubmitted.map((c) => ({ path: `reviews.${c.review.id}`, message: '未提交' })));
        }
        const comparison = contexts.length >= 2 ? compareScores(contexts[0]!.score, contexts[1]!.score) : null;
        const disagree = comparison !== null && (comparison.gradeMismatch || comparison.scoreDifference > 0 || comparison.items.length > 0 || comparison.vetoes.length > 0);
        if (disagree && !resolution) {
          throw new AppError(400, 'validation_failed', '两名评查人员意见不一致，定稿须填写处理意见', [{ path: 'body.resolution', message: '须填写处理意见' }]);
        }
        const names = new Map<string, string>();
        for (const c of contexts) names.set(c.review.reviewerId, (await findUser(trx, c.review.reviewerId))?.name ?? '');
        const snapshot = {
          caseFile: adopted.caseFile,
          facts: adopted.facts,
          scheme: { id: adopted.active.scheme.id, version: adopted.active.scheme.version, hash: adopted.active.hash, title: adopted.active.scheme.title },
          adoptedReviewId: adopted.review.id,
          resolution: resolution ?? null,
          score: adopted.score,
          reviews: await Promise.all(contexts.map((c) => reviewSummary(c, names.get(c.review.reviewerId) ?? ''))),
          comparison,
          finalizedBy: { id: user.id, name: user.name, role: user.role },
        };
        const created = await insertResult(trx, {
          caseFileId: caseFile.id,
          scheme: snapshot.score.scheme,
          total: adopted.score.total,
          grade: adopted.score.grade,
          adoptedReviewId: adopted.review.id,
          resolution: resolution ?? null,
          snapshot,
          finalizedBy: user.id,
        });
        for (const c of contexts) await setReviewStatus(trx, c.review.id, 'finalized');
        await request.audit(trx, {
          action: 'case_file.finalize',
          entityType: 'case_file',
          entityId: caseFile.id,
          after: { result: created.id, total: created.total, grade: created.grade.label, scheme: `${created.scheme.id}@${created.scheme.version}`, schemeHash: created.scheme.hash, adoptedReviewId: reviewId, resolution: resolution ?? null },
        });
        // Rectification items (整改事项) for the agency, from the adopted review's confirmed findings.
        // Reopening a result never deletes items already issued (the agency may be answering them);
        // when a reopened case file is finalized again, only problems not issued before — told apart
        // by case file + target + problem — are issued again.
        const campaign = await findCampaign(trx, caseFile.campaignId);
        const alreadyIssued = await issuedProblemKeys(trx, caseFile.id);
        const toIssue = issueRectificationItems({
          scheme: adopted.active.scheme,
          score: adopted.score,
          findings: adopted.findings,
          finalizedAt: created.finalizedAt,
          rectificationDays: campaign?.rectificationDays ?? null,
        }).filter((item) => !alreadyIssued.has(problemKey(item.target, item.problem)));
        const issued = await insertRectificationItems(trx, { campaignId: caseFile.campaignId, agencyId: caseFile.agencyId, caseFileId: caseFile.id, resultId: created.id, items: toIssue });
        for (const item of issued) {
          await request.audit(trx, {
            action: 'rectification.issue',
            entityType: 'rectification_item',
            entityId: item.id,
            after: { caseFileId: item.caseFileId, result: item.resultId, target: `${item.target.kind}:${item.target.id}`, problem: item.problem, deduction: item.deduction, deadline: item.deadline, status: item.status },
          });
        }
        return created;
      });
      return reply.status(201).send(result);
    },
  );

  app.post(
    '/case-files/:id/reopen',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'caseFile', reviewerMust: 'be_chief' }),
      schema: {
        tags: ['reviews'],
        summary: '重新打开已定稿的案卷（须说明理由；原定稿结果保留并记入审计）',
        params: idParamsSchema,
        body: z.object({ reason: z.string().trim().min(2, '重新打开须说明理由').max(2000) }).strict(),
        response: withErrors({ 200: resultSchema }, 400, 403, 404, 409),
      },
    },
    async (request) => {
      const caseFileId = request.params.id;
      return db.transaction().execute(async (trx) => {
        const current = await findFinalResult(trx, caseFileId);
        if (!current) throw new AppError(409, 'conflict', '该案卷尚未定稿，无需重新打开');
        const reopened = await markResultReopened(trx, current.id, request.user().id, request.body.reason);
        for (const review of await listReviewsOfCaseFile(trx, caseFileId)) await setReviewStatus(trx, review.id, 'draft');
        await request.audit(trx, { action: 'case_file.reopen', entityType: 'case_file', entityId: caseFileId, before: { result: current.id, status: 'final' }, after: { result: current.id, status: 'reopened', reason: request.body.reason } });
        return reopened;
      });
    },
  );

  app.get(
    '/case-files/:id/result',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile', scoping: '执法单位只能看到本单位案卷的定稿结果' }),
      schema: {
        tags: ['reviews'],
        summary: '定稿结果（含冻结的标准哈希、问题、得分、等次）及历次重新打开的记录',
        params: idParamsSchema,
        response: withErrors({ 200: z.object({ current: resultSchema.nullable(), history: z.array(resultSchema) }) }, 404),
      },
    },
    async (request) => {
      const results = await listResults(db, request.params.id);
      return { current: results.find((r) => r.status === 'final') ?? null, history: results.filter((r) => r.status !== 'final') };
    },
  );

  app.get(
    '/campaigns/:id/agreement',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: {
        tags: ['reviews'],
        summary: '评查人员一致性：双人评查案卷中等次一致的比例，及逐项扣分的 Krippendorff α（区间尺度）',
        params: idParamsSchema,
        response: withErrors(
          {
            200: z.object({
              doubleReviewed: z.number().int(),
              sameGrade: z.number().int(),
              sameGradeShare: z.number().nullable(),
              alpha: z.number().nullable(),
              alphaUnits: z.number().int(),
              files: z.array(z.object({ caseFileId: z.string(), caseNumber: z.string(), comparison: comparisonSchema })),
            }),
          },
          404,
        ),
      },
    },
    async (request) => campaignAgreement(db, schemes, request.params.id),
  );

};
