/** /api/v1/campaigns — review campaigns and their status life cycle. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowedTransitions, campaignInputSchema, campaignKind, campaignStatus, canTransition, CAMPAIGN_STATUSES } from '../../domain/campaign.js';
import { AppError, notFound } from '../../errors.js';
import { changeCampaignStatus, findCampaign, insertCampaign, listCampaigns, type Campaign } from '../../repositories/campaigns.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { campaignSchema, idParamsSchema, withErrors } from '../schemas.js';

const present = (campaign: Campaign) => ({ ...campaign, allowedTransitions: [...allowedTransitions(campaign.status)] });

export const campaignRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.post(
    '/campaigns',
    { schema: { tags: ['campaigns'], summary: '新建评查活动（初始状态 draft）', body: campaignInputSchema, response: withErrors({ 201: campaignSchema }, 400) } },
    async (request, reply) => reply.status(201).send(present(await insertCampaign(db, request.body))),
  );

  app.get(
    '/campaigns',
    {
      schema: {
        tags: ['campaigns'],
        summary: '评查活动列表',
        querystring: pageQuerySchema.extend({ year: z.coerce.number().int().optional(), kind: campaignKind.optional(), status: campaignStatus.optional() }),
        response: withErrors({ 200: pageSchema(campaignSchema) }, 400),
      },
    },
    async (request) => {
      const page = await listCampaigns(db, request.query);
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/campaigns/:id',
    { schema: { tags: ['campaigns'], summary: '评查活动详情', params: idParamsSchema, response: withErrors({ 200: campaignSchema }, 404) } },
    async (request) => {
      const campaign = await findCampaign(db, request.params.id);
      if (!campaign) throw notFound('评查活动', request.params.id);
      return present(campaign);
    },
  );

  app.post(
    '/campaigns/:id/status',
    {
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
      const campaign = await findCampaign(db, id);
      if (!campaign) throw notFound('评查活动', id);
      if (!canTransition(campaign.status, to)) {
        const allowed = allowedTransitions(campaign.status).map((s) => `${s}（${CAMPAIGN_STATUSES[s]}）`).join('、') || '无';
        throw new AppError(409, 'invalid_status_transition', `评查活动不能从 ${campaign.status}（${CAMPAIGN_STATUSES[campaign.status]}）变为 ${to}（${CAMPAIGN_STATUSES[to]}）；可变为：${allowed}`, [
          { path: 'body.status', message: `当前状态 ${campaign.status} 不能变为 ${to}` },
        ]);
      }
      const changed = await changeCampaignStatus(db, id, campaign.status, to);
      if (!changed) throw new AppError(409, 'conflict', '评查活动状态已被其他请求修改，请刷新后重试');
      return present(changed);
    },
  );
};
