/** /api/v1/campaigns — review campaigns, their status life cycle, and who is on them. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN_ONLY, ALL_ROLES, policy } from '../../auth/policy.js';
import { campaignVisibility } from '../../auth/visibility.js';
import { allowedTransitions, campaignInputSchema, campaignKind, campaignStatus, canTransition, CAMPAIGN_STATUSES } from '../../domain/campaign.js';
import { AppError, notFound } from '../../errors.js';
import { findAgency } from '../../repositories/agencies.js';
import { changeCampaignStatus, findCampaign, insertCampaign, listCampaigns, type Campaign } from '../../repositories/campaigns.js';
import {
  addCampaignAgency,
  listCampaignAgencies,
  listCampaignReviewers,
  removeCampaignAgency,
  removeCampaignReviewer,
  upsertCampaignReviewer,
} from '../../repositories/memberships.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { findUser } from '../../repositories/users.js';
import { campaignSchema, idParamsSchema, withErrors } from '../schemas.js';

const present = (campaign: Campaign) => ({ ...campaign, allowedTransitions: [...allowedTransitions(campaign.status)] });

const reviewerSchema = z.object({
  campaignId: z.string(),
  userId: z.string(),
  name: z.string(),
  agencyId: z.string().nullable(),
  affiliation: z.string().nullable(),
  chief: z.boolean(),
  addedAt: z.string(),
});
const campaignAgencySchema = z.object({ campaignId: z.string(), agencyId: z.string(), name: z.string(), addedAt: z.string() });
const memberParams = (name: 'userId' | 'agencyId') => idParamsSchema.extend({ [name]: z.string().min(1).max(100) }) as z.ZodObject<{ id: z.ZodString } & Record<typeof name, z.ZodString>>;

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.post(
    '/campaigns',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: { tags: ['campaigns'], summary: '新建评查活动（初始状态 draft）', body: campaignInputSchema, response: withErrors({ 201: campaignSchema }, 400) },
    },
    async (request, reply) => {
      const campaign = await db.transaction().execute(async (trx) => {
        const created = await insertCampaign(trx, request.body);
        await request.audit(trx, { action: 'campaign.create', entityType: 'campaign', entityId: created.id, after: created });
        return created;
      });
      return reply.status(201).send(present(campaign));
    },
  );

  app.get(
    '/campaigns',
    {
      config: policy({ allow: ALL_ROLES, scoping: '评查人员只看到自己参加的活动；执法单位只看到本单位在范围内的活动' }),
      schema: {
        tags: ['campaigns'],
        summary: '评查活动列表',
        querystring: pageQuerySchema.extend({ year: z.coerce.number().int().optional(), kind: campaignKind.optional(), status: campaignStatus.optional() }),
        response: withErrors({ 200: pageSchema(campaignSchema) }, 400),
      },
    },
    async (request) => {
      const page = await listCampaigns(db, { ...request.query, visibility: campaignVisibility(request.user()) });
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/campaigns/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '评查活动详情', params: idParamsSchema, response: withErrors({ 200: campaignSchema }, 404) },
    },
    async (request) => {
      const campaign = await findCampaign(db, request.params.id);
      if (!campaign) throw notFound('评查活动', request.params.id);
      return present(campaign);
    },
  );

  app.post(
    '/campaigns/:id/status',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: {
        tags: ['campaigns'],
        summary: '变更评查活动状态（draft → open → reviewing → closed；reviewing 可退回 open）',
        params: idParamsSchema,
        body: z.object({ status: campaignStatus }).strict(),
        response: withErrors({ 200: campaignSchema }, 400, 404, 409),
      },
    },
    async (request) => {
      const { id } = request.params;
      const to = request.body.status;
      const changed = await db.transaction().execute(async (trx) => {
        const campaign = await findCampaign(trx, id);
        if (!campaign) throw notFound('评查活动', id);
        if (!canTransition(campaign.status, to)) {
          const allowed = allowedTransitions(campaign.status).map((s) => `${s}（${CAMPAIGN_STATUSES[s]}）`).join('、') || '无';
          throw new AppError(409, 'invalid_status_transition', `评查活动不能从 ${campaign.status}（${CAMPAIGN_STATUSES[campaign.status]}）变为 ${to}（${CAMPAIGN_STATUSES[to]}）；可变为：${allowed}`, [
            { path: 'body.status', message: `当前状态 ${campaign.status} 不能变为 ${to}` },
          ]);
        }
        const updated = await changeCampaignStatus(trx, id, campaign.status, to);
        if (!updated) throw new AppError(409, 'conflict', '评查活动状态已被其他请求修改，请刷新后重试');
        await request.audit(trx, { action: 'campaign.status', entityType: 'campaign', entityId: id, before: { status: campaign.status }, after: { status: to } });
        return updated;
      });
      return present(changed);
    },
  );

  app.get(
    '/campaigns/:id/reviewers',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '活动的评查人员', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(reviewerSchema) }) }, 404) },
    },
    async (request) => ({ items: await listCampaignReviewers(db, request.params.id) }),
  );

  app.put(
    '/campaigns/:id/reviewers/:userId',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: {
        tags: ['campaigns'],
        summary: '把评查人员加入活动（chief=true 为组长）；已在活动中则更新组长标记',
        params: memberParams('userId'),
        body: z.object({ chief: z.boolean().default(false) }).strict(),
        response: withErrors({ 200: reviewerSchema }, 400, 404),
      },
    },
    async (request) => {
      const { id, userId } = request.params;
      return db.transaction().execute(async (trx) => {
        const user = await findUser(trx, userId);
        if (!user || user.deletedAt) throw new AppError(404, 'not_found', `用户不存在：${userId}`, [{ path: 'params.userId', message: '用户不存在' }]);
        if (user.role !== 'reviewer') {
          throw new AppError(400, 'validation_failed', `只有评查人员可以加入评查活动，该用户角色为 ${user.role}`, [{ path: 'params.userId', message: '不是评查人员' }]);
        }
        const previous = await upsertCampaignReviewer(trx, id, userId, request.body.chief);
        await request.audit(trx, {
          action: previous === undefined ? 'campaign.reviewer.add' : 'campaign.reviewer.update',
          entityType: 'campaign',
          entityId: id,
          before: previous === undefined ? null : { reviewer: userId, chief: previous },
          after: { reviewer: userId, chief: request.body.chief },
        });
        return (await listCampaignReviewers(trx, id)).find((r) => r.userId === userId)!;
      });
    },
  );

  app.delete(
    '/campaigns/:id/reviewers/:userId',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '把评查人员移出活动', params: memberParams('userId'), response: withErrors({ 204: z.null() }, 404) },
    },
    async (request, reply) => {
      const { id, userId } = request.params;
      await db.transaction().execute(async (trx) => {
        if (!(await removeCampaignReviewer(trx, id, userId))) {
          throw new AppError(404, 'not_found', '该用户不在此评查活动中', [{ path: 'params.userId', message: '不在活动中' }]);
        }
        await request.audit(trx, { action: 'campaign.reviewer.remove', entityType: 'campaign', entityId: id, before: { reviewer: userId }, after: null });
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/campaigns/:id/agencies',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '活动范围内的执法单位', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(campaignAgencySchema) }) }, 404) },
    },
    async (request) => ({ items: await listCampaignAgencies(db, request.params.id) }),
  );

  app.put(
    '/campaigns/:id/agencies/:agencyId',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '把执法单位纳入活动范围', params: memberParams('agencyId'), response: withErrors({ 200: campaignAgencySchema }, 404) },
    },
    async (request) => {
      const { id, agencyId } = request.params;
      return db.transaction().execute(async (trx) => {
        if (!(await findAgency(trx, agencyId))) throw new AppError(404, 'not_found', `执法单位不存在：${agencyId}`, [{ path: 'params.agencyId', message: '执法单位不存在' }]);
        if (await addCampaignAgency(trx, id, agencyId)) {
          await request.audit(trx, { action: 'campaign.agency.add', entityType: 'campaign', entityId: id, after: { agency: agencyId } });
        } else {
          request.audited = true; // nothing changed: already in scope
        }
        return (await listCampaignAgencies(trx, id)).find((a) => a.agencyId === agencyId)!;
      });
    },
  );

  app.delete(
    '/campaigns/:id/agencies/:agencyId',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: { tags: ['campaigns'], summary: '把执法单位移出活动范围', params: memberParams('agencyId'), response: withErrors({ 204: z.null() }, 404) },
    },
    async (request, reply) => {
      const { id, agencyId } = request.params;
      await db.transaction().execute(async (trx) => {
        if (!(await removeCampaignAgency(trx, id, agencyId))) {
          throw new AppError(404, 'not_found', '该执法单位不在此评查活动范围内', [{ path: 'params.agencyId', message: '不在范围内' }]);
        }
        await request.audit(trx, { action: 'campaign.agency.remove', entityType: 'campaign', entityId: id, before: { agency: agencyId }, after: null });
      });
      return reply.status(204).send(null);
    },
  );
};
