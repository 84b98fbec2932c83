/**
 * The review workflow up to submission: assigning a case file to one or two reviewers,
 * and a reviewer settling findings item by item on their own review.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { policy } from '../../auth/policy.js';
import type { Database } from '../../db/schema.js';
import { AppError } from '../../errors.js';
import { findCaseFile, type CaseFile } from '../../repositories/case-files.js';
import { isReviewerOnCampaign } from '../../repositories/memberships.js';
import {
  deleteFinding,
  evidenceSchema,
  findFinalResult,
  findFinding,
  insertFinding,
  insertReview,
  listReviewsOfCaseFile,
  putMark,
  removeMark,
  setReviewStatus,
  touchReview,
  updateFinding,
  type Evidence,
  type Finding,
} from '../../repositories/reviews.js';
import { findUser } from '../../repositories/users.js';
import { assertEditable, loadReviewContext, reviewView, toScoringFinding, type ReviewContext } from '../../reviews/review-context.js';
import { isChiefOnCampaign } from '../../auth/access.js';
import { scoreCase } from '../../scoring/score.js';
import type { ActiveScheme, SchemeStore } from '../../scoring/scheme-store.js';
import { checkFinding } from '../../scoring/validate.js';
import { findStoredPrecheck, suggestToReviews } from '../../checks/precheck-service.js';
import { idParamsSchema, withErrors } from '../schemas.js';
import { findingSchema, findingTargetSchema, reviewSchema, reviewViewSchema, scoreResultSchema } from '../score-schemas.js';

/** At most this many reviewers score one case file (a second reviewer makes a comparison possible). */
const MAX_REVIEWERS = 2;

const findingTarget = findingTargetSchema;
const findingBody = z
  .object({
    target: findingTarget,
    points: z.number().positive().max(1000).optional(),
    occurrences: z.number().int().min(1, '出现次数应不小于 1').max(1000).default(1),
    note: z.string().trim().max(2000).optional(),
    evidence: z.array(evidenceSchema).max(20).default([]),
  })
  .strict();
const findingPatch = z
  .object({
    status: z.enum(['confirmed', 'rejected']).optional(),
    points: z.number().positive().max(1000).nullable().optional(),
    occurrences: z.number().int().min(1, '出现次数应不小于 1').max(1000).optional(),
    note: z.string().trim().max(2000).nullable().optional(),
    evidence: z.array(evidenceSchema).max(20).optional(),
  })
  .strict();

const findingReplySchema = z.object({ finding: findingSchema, score: scoreResultSchema });

/** The scheme a new review of this case file is scored with. */
async function chooseScheme(
  db: Kysely<Database>,
  schemes: SchemeStore,
  caseFile: CaseFile,
  requested: { schemeId?: string; schemeVersion?: string },
  existing: { id: string; version: string } | undefined,
): Promise<ActiveScheme> {
  if (existing) {
    if (requested.schemeId && (requested.schemeId !== existing.id || (requested.schemeVersion && requested.schemeVersion !== existing.version))) {
      throw new AppError(409, 'conflict', `该案卷已按 ${existing.id} ${existing.version} 评查，同一案卷的评查须使用同一标准`, [{ path: 'body.schemeId', message: '与已有评查的标准不同' }]);
    }
    return schemes.get(existing.id, existing.version)!;
  }
  let active: ActiveScheme | undefined;
  if (requested.schemeId) {
    active = schemes.get(requested.schemeId, requested.schemeVersion);
    if (!active) throw new AppError(400, 'validation_failed', `评查标准不存在：${requested.schemeId}`, [{ path: 'body.schemeId', message: '评查标准不存在' }]);
  } else {
    active = await schemes.forCampaign(db, caseFile.campaignId, caseFile.caseType);
    if (!active) {
      throw new AppError(400, 'validation_failed', `没有适用于 ${caseFile.caseType} 类案件的评查标准，请指定 schemeId`, [{ path: 'body.schemeId', message: '需要指定评查标准' }]);
    }
  }
  if (!active.scheme.caseTypes.includes(caseFile.caseType)) {
    throw new AppError(400, 'validation_failed', `评查标准 ${active.scheme.id} 不适用于 ${caseFile.caseType} 类案件`, [{ path: 'body.schemeId', message: '标准不适用于该案件类型' }]);
  }
  return active;
}

async function checkEvidence(db: Kysely<Database>, caseFileId: string, evidence: readonly Evidence[]): Promise<void> {
  for (const [index, e] of evidence.entries()) {
    if (!e.documentId) continue;
    const doc = await db.selectFrom('documents').select(['case_file_id', 'start_page', 'end_page']).where('id', '=', e.documentId).executeTakeFirst();
    if (!doc || doc.case_file_id !== caseFileId) {
      throw new AppError(400, 'validation_failed', '证据引用的文书不属于本案卷', [{ path: `body.evidence[${index}].documentId`, message: '文书不属于本案卷' }]);
    }
    if (e.page !== undefined && (e.page < doc.start_page || e.page > doc.end_page)) {
      throw new AppError(400, 'validation_failed', `页码 ${e.page} 不在该文书的第 ${doc.start_page}–${doc.end_page} 页内`, [{ path: `body.evidence[${index}].page`, message: '页码超出文书范围' }]);
    }
  }
}

function rejectFinding(ctx: ReviewContext, finding: { target: Finding['target']; points?: number; occurrences: number }) {
  const issues = checkFinding(ctx.active.scheme, ctx.facts, finding, ctx.marks);
  if (issues.length > 0) {
    throw new AppError(400, 'validation_failed', `问题认定不符合评查标准：${issues[0]!.message}`, issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));
  }
}

const rescore = (ctx: ReviewContext, findings: Finding[]) => scoreCase(ctx.active.scheme, ctx.facts, findings.map(toScoringFinding), ctx.marks);

const snapshotOfFinding = (f: Finding) => ({ target: f.target, points: f.points, occurrences: f.occurrences, status: f.status, note: f.note, evidence: f.evidence });

export const reviewRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, schemes } = app.services;

  app.post(
    '/case-files/:id/reviews',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'caseFile', reviewerMust: 'be_chief' }),
      schema: {
        tags: ['reviews'],
        summary: '分配评查人员（一至两名，须为本活动评查人员且回避本单位案卷）',
        params: idParamsSchema,
        body: z
          .object({
            reviewerIds: z.array(z.string().min(1)).min(1).max(MAX_REVIEWERS),
            schemeId: z.string().min(1).optional(),
            schemeVersion: z.string().min(1).optional(),
          })
          .strict(),
        response: withErrors({ 201: z.object({ items: z.array(reviewSchema) }) }, 400, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const caseFile = (await findCaseFile(db, request.params.id))!;
      const { reviewerIds, schemeId, schemeVersion } = request.body;
      const created = await db.transaction().execute(async (trx) => {
        if (await findFinalResult(trx, caseFile.id)) throw new AppError(409, 'review_finalized', '该案卷已定稿，不能再分配评查人员');
        const existing = await listReviewsOfCaseFile(trx, caseFile.id);
        if (new Set(reviewerIds).size !== reviewerIds.length) throw new AppError(400, 'validation_failed', '评查人员重复', [{ path: 'body.reviewerIds', message: '重复' }]);
        if (existing.length + reviewerIds.length > MAX_REVIEWERS) {
          throw new AppError(409, 'conflict', `每份案卷最多由 ${MAX_REVIEWERS} 名评查人员评查（已有 ${existing.length} 名）`, [{ path: 'body.reviewerIds', message: '人数超过上限' }]);
        }
        for (const [index, reviewerId] of reviewerIds.entries()) {
          const path = `body.reviewerIds[${index}]`;
          const user = await findUser(trx, reviewerId);
          if (!user || user.deletedAt || user.role !== 'reviewer') throw new AppError(400, 'validation_failed', `不是评查人员：${reviewerId}`, [{ path, message: '不是评查人员' }]);
          if (!(await isReviewerOnCampaign(trx, caseFile.campaignId, reviewerId))) throw new AppError(400, 'validation_failed', `${user.name} 不是本评查活动的评查人员`, [{ path, message: '不在本评查活动中' }]);
          if (user.agencyId === caseFile.agencyId) throw new AppError(400, 'validation_failed', `${user.name} 属于被评查单位，应当回避`, [{ path, message: '应当回避' }]);
          if (existing.some((r) => r.reviewerId === reviewerId)) throw new AppError(409, 'conflict', `${user.name} 已分配评查该案卷`, [{ path, message: '已分配' }]);
        }
        const active = await chooseScheme(trx, schemes, caseFile, { schemeId, schemeVersion }, existing[0]?.scheme);
        const reviews = [];
        for (const [index, reviewerId] of reviewerIds.entries()) {
          const review = await insertReview(trx, { caseFileId: caseFile.id, reviewerId, ordinal: existing.length + index + 1, scheme: { id: active.scheme.id, version: active.scheme.version, hash: active.hash } });
          await request.audit(trx, { action: 'review.assign', entityType: 'review', entityId: review.id, after: { caseFileId: caseFile.id, reviewerId, scheme: `${active.scheme.id}@${active.scheme.version}` } });
          reviews.push(review);
        }
        // The machine pre-check's findings become suggestions on the new reviews.
        const precheck = await findStoredPrecheck(trx, caseFile.id);
        if (precheck) await suggestToReviews(trx, schemes, caseFile, precheck.result);
        return reviews;
      });
      return reply.status(201).send({ items: created });
    },
  );

  app.get(
    '/case-files/:id/reviews',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'caseFile', scoping: '评查人员只看到自己的评查，评查组长看到全部' }),
      schema: {
        tags: ['reviews'],
        summary: '案卷的评查记录及其当前得分',
        params: idParamsSchema,
        response: withErrors({ 200: z.object({ items: z.array(reviewSchema.extend({ reviewerName: z.string(), total: z.number(), grade: z.object({ code: z.string(), label: z.string() }) })) }) }, 404),
      },
    },
    async (request) => {
      const user = request.user();
      const caseFile = (await findCaseFile(db, request.params.id))!;
      let reviews = await listReviewsOfCaseFile(db, caseFile.id);
      if (user.role === 'reviewer' && !(await isChiefOnCampaign(db, caseFile.campaignId, user.id))) reviews = reviews.filter((r) => r.reviewerId === user.id);
      const items = [];
      for (const review of reviews) {
        const ctx = await loadReviewContext(db, schemes, review.id);
        items.push({ ...review, reviewerName: (await findUser(db, review.reviewerId))?.name ?? '', total: ctx.score.total, grade: ctx.score.grade });
      }
      return { items };
    },
  );

  app.get(
    '/reviews/:id',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'review', scoping: '本人的评查，或评查组长' }),
      schema: { tags: ['reviews'], summary: '评查详情：每个评查项是否适用、已认定的问题、实时得分', params: idParamsSchema, response: withErrors({ 200: reviewViewSchema }, 404) },
    },
    async (request) => reviewView(await loadReviewContext(db, schemes, request.params.id)),
  );

  app.post(
    '/reviews/:id/findings',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: {
        tags: ['reviews'],
        summary: '认定一个问题（评查项或否决项），返回问题和更新后的得分',
        description: 'points：每处扣分（范围型规则必填，须在范围内且符合步长；固定扣分型可省略）；occurrences：处数。',
        params: idParamsSchema,
        body: findingBody,
        response: withErrors({ 201: findingReplySchema }, 400, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const body = request.body;
      rejectFinding(ctx, body);
      await checkEvidence(db, ctx.caseFile.id, body.evidence);
      const finding = await db.transaction().execute(async (trx) => {
        const created = await insertFinding(trx, {
          reviewId: ctx.review.id,
          target: body.target,
          points: body.points ?? null,
          occurrences: body.occurrences,
          note: body.note ?? null,
          evidence: body.evidence,
          source: 'reviewer',
          ruleId: null,
          status: 'confirmed',
          createdBy: request.user().id,
        });
        await touchReview(trx, ctx.review.id);
        await request.audit(trx, { action: 'finding.add', entityType: 'review', entityId: ctx.review.id, after: { finding: created.id, ...snapshotOfFinding(created) } });
        return created;
      });
      return reply.status(201).send({ finding, score: rescore(ctx, [...ctx.findings, finding]) });
    },
  );

  app.patch(
    '/reviews/:id/findings/:findingId',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: {
        tags: ['reviews'],
        summary: '确认、驳回或调整一个问题（含机检建议），返回更新后的得分',
        params: idParamsSchema.extend({ findingId: z.string().min(1) }),
        body: findingPatch,
        response: withErrors({ 200: findingReplySchema }, 400, 403, 404, 409),
      },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const before = await findFinding(db, ctx.review.id, request.params.findingId);
      if (!before) throw new AppError(404, 'not_found', `问题不存在：${request.params.findingId}`, [{ path: 'params.findingId', message: '不存在' }]);
      const patch = request.body;
      const merged = {
        target: before.target,
        points: patch.points === undefined ? (before.points ?? undefined) : (patch.points ?? undefined),
        occurrences: patch.occurrences ?? before.occurrences,
      };
      if ((patch.status ?? before.status) === 'confirmed') rejectFinding(ctx, merged);
      if (patch.evidence) await checkEvidence(db, ctx.caseFile.id, patch.evidence);
      const after = await db.transaction().execute(async (trx) => {
        const updated = await updateFinding(trx, before.id, patch);
        await touchReview(trx, ctx.review.id);
        const action = patch.status === 'confirmed' && before.status !== 'confirmed' ? 'finding.confirm' : patch.status === 'rejected' ? 'finding.reject' : 'finding.adjust';
        await request.audit(trx, { action, entityType: 'review', entityId: ctx.review.id, before: { finding: before.id, ...snapshotOfFinding(before) }, after: { finding: before.id, ...snapshotOfFinding(updated) } });
        return updated;
      });
      return { finding: after, score: rescore(ctx, ctx.findings.map((f) => (f.id === after.id ? after : f))) };
    },
  );

  app.delete(
    '/reviews/:id/findings/:findingId',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: {
        tags: ['reviews'],
        summary: '删除自己认定的问题（机检建议只能驳回，不能删除）',
        params: idParamsSchema.extend({ findingId: z.string().min(1) }),
        response: withErrors({ 200: z.object({ score: scoreResultSchema }) }, 403, 404, 409),
      },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const finding = await findFinding(db, ctx.review.id, request.params.findingId);
      if (!finding) throw new AppError(404, 'not_found', `问题不存在：${request.params.findingId}`, [{ path: 'params.findingId', message: '不存在' }]);
      if (finding.source === 'machine') throw new AppError(409, 'conflict', '机检建议只能驳回，不能删除，以便留痕');
      await db.transaction().execute(async (trx) => {
        await deleteFinding(trx, finding.id);
        await touchReview(trx, ctx.review.id);
        await request.audit(trx, { action: 'finding.delete', entityType: 'review', entityId: ctx.review.id, before: { finding: finding.id, ...snapshotOfFinding(finding) }, after: null });
      });
      return { score: rescore(ctx, ctx.findings.filter((f) => f.id !== finding.id)) };
    },
  );

  app.put(
    '/reviews/:id/not-applicable/:targetId',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: {
        tags: ['reviews'],
        summary: '将评查项或分组标为本案不适用（须说明理由），该项不计入分母',
        params: idParamsSchema.extend({ targetId: z.string().min(1) }),
        body: z.object({ reason: z.string().trim().min(2, '请说明不适用的理由') }).strict(),
        response: withErrors({ 200: z.object({ score: scoreResultSchema }) }, 400, 403, 404, 409),
      },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const { targetId } = request.params;
      const section = ctx.active.scheme.sections.find((s) => s.items.some((i) => i.id === targetId) || s.groups.some((g) => g.id === targetId));
      if (!section) throw new AppError(400, 'validation_failed', `评查标准中没有评查项或分组 ${targetId}`, [{ path: 'params.targetId', message: '不存在' }]);
      const covered = new Set(section.items.filter((i) => i.id === targetId || i.group === targetId).map((i) => i.id));
      if (ctx.findings.some((f) => f.status === 'confirmed' && f.target.kind === 'item' && covered.has(f.target.id))) {
        throw new AppError(409, 'conflict', '该项已有认定的问题，请先驳回或删除后再标为不适用');
      }
      await db.transaction().execute(async (trx) => {
        const previous = await putMark(trx, ctx.review.id, targetId, request.body.reason);
        await touchReview(trx, ctx.review.id);
        await request.audit(trx, { action: 'review.mark_not_applicable', entityType: 'review', entityId: ctx.review.id, before: previous ? { target: targetId, reason: previous } : null, after: { target: targetId, reason: request.body.reason } });
      });
      const marks = [...ctx.marks.filter((m) => m.id !== targetId), { id: targetId, reason: request.body.reason, createdAt: '' }];
      return { score: scoreCase(ctx.active.scheme, ctx.facts, ctx.findings.map(toScoringFinding), marks) };
    },
  );

  app.delete(
    '/reviews/:id/not-applicable/:targetId',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: { tags: ['reviews'], summary: '撤销不适用标记', params: idParamsSchema.extend({ targetId: z.string().min(1) }), response: withErrors({ 200: z.object({ score: scoreResultSchema }) }, 403, 404, 409) },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const { targetId } = request.params;
      const mark = ctx.marks.find((m) => m.id === targetId);
      if (!mark) throw new AppError(404, 'not_found', `该项未标为不适用：${targetId}`, [{ path: 'params.targetId', message: '未标记' }]);
      await db.transaction().execute(async (trx) => {
        await removeMark(trx, ctx.review.id, targetId);
        await touchReview(trx, ctx.review.id);
        await request.audit(trx, { action: 'review.unmark_not_applicable', entityType: 'review', entityId: ctx.review.id, before: { target: targetId, reason: mark.reason }, after: null });
      });
      return { score: scoreCase(ctx.active.scheme, ctx.facts, ctx.findings.map(toScoringFinding), ctx.marks.filter((m) => m.id !== targetId)) };
    },
  );

  app.post(
    '/reviews/:id/submit',
    {
      config: policy({ allow: ['reviewer'], resource: 'review', reviewerMust: 'own_review' }),
      schema: { tags: ['reviews'], summary: '提交评查（提交后不能再修改，除非被退回）', params: idParamsSchema, response: withErrors({ 200: z.object({ review: reviewSchema, score: scoreResultSchema }) }, 403, 404, 409) },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      await assertEditable(db, ctx.review);
      const pending = ctx.findings.filter((f) => f.status === 'suggested');
      if (pending.length > 0) throw new AppError(409, 'conflict', `还有 ${pending.length} 条机检建议未确认或驳回`, pending.map((f) => ({ path: `findings.${f.id}`, message: '未处理的机检建议' })));
      await db.transaction().execute(async (trx) => {
        await setReviewStatus(trx, ctx.review.id, 'submitted');
        await request.audit(trx, { action: 'review.submit', entityType: 'review', entityId: ctx.review.id, before: { status: 'draft' }, after: { status: 'submitted', total: ctx.score.total, grade: ctx.score.grade.label } });
      });
      return { review: { ...ctx.review, status: 'submitted' as const, submittedAt: new Date().toISOString() }, score: ctx.score };
    },
  );

  app.post(
    '/reviews/:id/return',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'review', reviewerMust: 'be_chief' }),
      schema: {
        tags: ['reviews'],
        summary: '退回已提交的评查供修改（评查组长或管理员，须说明理由）',
        params: idParamsSchema,
        body: z.object({ reason: z.string().trim().min(2, '请说明退回理由') }).strict(),
        response: withErrors({ 200: reviewSchema }, 400, 403, 404, 409),
      },
    },
    async (request) => {
      const ctx = await loadReviewContext(db, schemes, request.params.id);
      if (await findFinalResult(db, ctx.review.caseFileId)) throw new AppError(409, 'review_finalized', '该案卷已定稿，请先重新打开');
      if (ctx.review.status !== 'submitted') throw new AppError(409, 'conflict', '只有已提交的评查可以退回');
      await db.transaction().execute(async (trx) => {
        await setReviewStatus(trx, ctx.review.id, 'draft');
        await request.audit(trx, { action: 'review.return', entityType: 'review', entityId: ctx.review.id, before: { status: 'submitted' }, after: { status: 'draft', reason: request.body.reason } });
      });
      return { ...ctx.review, status: 'draft' as const, submittedAt: null };
    },
  );
};
