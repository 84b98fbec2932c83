/** /api/v1/schemes — scoring schemes (评查标准), and the scheme a campaign uses per case type. */
import path from 'node:path';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN_ONLY, ALL_ROLES, policy } from '../../auth/policy.js';
import { CASE_TYPE_CODES } from '../../domain/case-file.js';
import { AppError } from '../../errors.js';
import { listCampaignSchemes, setCampaignScheme, usedSchemeVersions } from '../../repositories/schemes.js';
import type { ActiveScheme } from '../../scoring/scheme-store.js';
import { parseScheme } from '../../scoring/validate.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const summarySchema = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  source: z.string(),
  caseTypes: z.array(z.string()),
  hash: z.string(),
  origin: z.enum(['shipped', 'uploaded']),
  used: z.boolean(),
});

const summary = (a: ActiveScheme, used: Set<string>) => ({
  id: a.scheme.id,
  version: a.scheme.version,
  title: a.scheme.title,
  source: a.scheme.source.title,
  caseTypes: a.scheme.caseTypes,
  hash: a.hash,
  origin: a.origin,
  used: used.has(`${a.scheme.id}@${a.scheme.version}`),
});

const campaignSchemeSchema = z.object({ caseType: z.string(), schemeId: z.string(), version: z.string() });

export const schemeRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, schemes } = app.services;

  app.get(
    '/schemes',
    {
      config: policy({ allow: ALL_ROLES }),
      schema: {
        tags: ['schemes'],
        summary: '评查标准列表（每个版本一项），以及未能加载的标准文件',
        response: withErrors({ 200: z.object({ items: z.array(summarySchema), failures: z.array(z.object({ file: z.string(), issues: z.array(z.object({ path: z.string(), message: z.string() })) })) }) }, 401),
      },
    },
    async () => {
      const used = await usedSchemeVersions(db);
      return { items: schemes.list().map((a) => summary(a, used)), failures: schemes.failures.map((f) => ({ file: path.basename(f.file), issues: f.issues })) };
    },
  );

  app.get(
    '/schemes/:schemeId',
    {
      config: policy({ allow: ALL_ROLES }),
      schema: {
        tags: ['schemes'],
        summary: '评查标准全文（默认最新版本，?version= 指定版本）',
        params: z.object({ schemeId: z.string().min(1).max(64) }),
        querystring: z.object({ version: z.string().max(20).optional() }),
        response: withErrors({ 200: z.object({ hash: z.string(), origin: z.string(), scheme: z.record(z.string(), z.unknown()) }) }, 404),
      },
    },
    async (request) => {
      const active = schemes.get(request.params.schemeId, request.query.version);
      if (!active) {
        throw new AppError(404, 'not_found', `评查标准不存在：${request.params.schemeId}${request.query.version ? ` ${request.query.version}` : ''}`, [{ path: 'params.schemeId', message: '不存在' }]);
      }
      return { hash: active.hash, origin: active.origin, scheme: active.scheme as unknown as Record<string, unknown> };
    },
  );

  app.post(
    '/schemes',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['schemes'],
        summary: '上传评查标准（JSON，与 scoring-schemes/ 中的文件格式相同）',
        description: '逐项校验（分值合计、编号重复、类别与机检规则引用、等次区间）。已用于评分的版本内容不可更改（409），请提高版本号。',
        body: z.record(z.string(), z.unknown()),
        response: withErrors({ 200: summarySchema, 201: summarySchema }, 400, 409),
      },
    },
    async (request, reply) => {
      const parsed = parseScheme(request.body);
      if (!parsed.ok) {
        throw new AppError(400, 'validation_failed', `评查标准校验失败：${parsed.issues.length} 处问题`, parsed.issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));
      }
      const outcome = await db.transaction().execute(async (trx) => {
        const result = await schemes.put(parsed.scheme, 'uploaded', trx);
        if (result.status === 'conflict') throw new AppError(409, 'scheme_in_use', result.message, [{ path: 'body.version', message: '该版本已用于评分' }]);
        if (result.status === 'unchanged') request.audited = true; // nothing changed
        else await request.audit(trx, { action: `scheme.${result.status === 'created' ? 'create' : 'replace'}`, entityType: 'scheme', entityId: `${parsed.scheme.id}@${parsed.scheme.version}`, after: { hash: result.active.hash, title: parsed.scheme.title } });
        return result;
      });
      const used = await usedSchemeVersions(db);
      return reply.status(outcome.status === 'created' ? 201 : 200).send(summary(outcome.active, used));
    },
  );

  app.get(
    '/campaigns/:id/schemes',
    {
      config: policy({ allow: ALL_ROLES, resource: 'campaign' }),
      schema: { tags: ['schemes'], summary: '评查活动按案件类型指定的评查标准', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(campaignSchemeSchema) }) }, 404) },
    },
    async (request) => ({
      items: (await listCampaignSchemes(db, request.params.id)).map((r) => ({ caseType: r.case_type, schemeId: r.scheme_id, version: r.scheme_version })),
    }),
  );

  app.put(
    '/campaigns/:id/schemes/:caseType',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'campaign' }),
      schema: {
        tags: ['schemes'],
        summary: '为评查活动的某类案件指定评查标准（不指定版本则用最新版本）',
        params: idParamsSchema.extend({ caseType: z.enum(CASE_TYPE_CODES) }),
        body: z.object({ schemeId: z.string().min(1), version: z.string().optional() }).strict(),
        response: withErrors({ 200: campaignSchemeSchema }, 400, 404),
      },
    },
    async (request) => {
      const { id, caseType } = request.params;
      const active = schemes.get(request.body.schemeId, request.body.version);
      if (!active) throw new AppError(404, 'not_found', `评查标准不存在：${request.body.schemeId}`, [{ path: 'body.schemeId', message: '不存在' }]);
      if (!active.scheme.caseTypes.includes(caseType)) {
        throw new AppError(400, 'validation_failed', `评查标准 ${active.scheme.id} 不适用于 ${caseType} 类案件`, [{ path: 'params.caseType', message: '标准不适用于该案件类型' }]);
      }
      await db.transaction().execute(async (trx) => {
        await setCampaignScheme(trx, id, caseType, active.scheme.id, active.scheme.version);
        await request.audit(trx, { action: 'campaign.scheme', entityType: 'campaign', entityId: id, after: { caseType, scheme: `${active.scheme.id}@${active.scheme.version}` } });
      });
      return { caseType, schemeId: active.scheme.id, version: active.scheme.version };
    },
  );
};
