/** /api/v1/agencies — enforcement agencies, one by one or imported from an xlsx list. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { agencyInputSchema, agencyUpdateSchema } from '../../domain/agency.js';
import { AppError, notFound } from '../../errors.js';
import { existingCreditCodes, findAgency, findAgencyByCreditCode, insertAgencies, listAgencies, updateAgency } from '../../repositories/agencies.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { readAgencyList } from '../../xlsx/agency-list.js';
import { agencySchema, idParamsSchema, withErrors } from '../schemas.js';
import type { MultipartDoc } from '../plugins/openapi.js';
import { ADMIN_ONLY, ALL_ROLES, policy } from '../../auth/policy.js';

/** Agency lists are small; anything bigger than this is not one. */
const AGENCY_LIST_MAX_BYTES = 10 * 1024 * 1024;

function duplicateCreditCode(creditCode: string, existingId: string) {
  return new AppError(409, 'duplicate_credit_code', `统一社会信用代码已被其他执法单位使用：${creditCode}`, [
    { path: 'body.creditCode', message: '统一社会信用代码重复', existingAgencyId: existingId },
  ]);
}

export const agencyRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.post(
    '/agencies',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: { tags: ['agencies'], summary: '新建执法单位', body: agencyInputSchema, response: withErrors({ 201: agencySchema }, 400, 409) },
    },
    async (request, reply) => {
      const input = request.body;
      const agency = await db.transaction().execute(async (trx) => {
        if (input.creditCode) {
          const existing = await findAgencyByCreditCode(trx, input.creditCode);
          if (existing) throw duplicateCreditCode(input.creditCode, existing.id);
        }
        const [created] = await insertAgencies(trx, [input]);
        await request.audit(trx, { action: 'agency.create', entityType: 'agency', entityId: created!.id, after: created });
        return created!;
      });
      return reply.status(201).send(agency);
    },
  );

  app.get(
    '/agencies',
    {
      config: policy({ allow: ALL_ROLES, scoping: '执法单位用户只看到本单位' }),
      schema: {
        tags: ['agencies'],
        summary: '执法单位列表',
        querystring: pageQuerySchema.extend({ q: z.string().trim().min(1).optional(), region: z.string().optional(), sector: z.string().optional() }),
        response: withErrors({ 200: pageSchema(agencySchema) }, 400),
      },
    },
    async (request) => {
      const user = request.user();
      return listAgencies(db, { ...request.query, onlyId: user.role === 'agency' ? (user.agencyId ?? '') : undefined });
    },
  );

  app.get(
    '/agencies/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'agency' }),
      schema: { tags: ['agencies'], summary: '执法单位详情', params: idParamsSchema, response: withErrors({ 200: agencySchema }, 404) },
    },
    async (request) => {
      const agency = await findAgency(db, request.params.id);
      if (!agency) throw notFound('执法单位', request.params.id);
      return agency;
    },
  );

  app.patch(
    '/agencies/:id',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'agency' }),
      schema: {
        tags: ['agencies'],
        summary: '修改执法单位',
        params: idParamsSchema,
        body: agencyUpdateSchema,
        response: withErrors({ 200: agencySchema }, 400, 404, 409),
      },
    },
    async (request) => {
      const { id } = request.params;
      return db.transaction().execute(async (trx) => {
        const before = await findAgency(trx, id);
        if (!before) throw notFound('执法单位', id);
        if (request.body.creditCode) {
          const holder = await findAgencyByCreditCode(trx, request.body.creditCode);
          if (holder && holder.id !== id) throw duplicateCreditCode(request.body.creditCode, holder.id);
        }
        const after = (await updateAgency(trx, id, request.body))!;
        await request.audit(trx, { action: 'agency.update', entityType: 'agency', entityId: id, before, after });
        return after;
      });
    },
  );

  app.post(
    '/agencies/import',
    {
      config: {
        ...policy({ allow: ADMIN_ONLY }),
        multipartFields: { file: { description: '执法单位名单 xlsx：名称、简称、统一社会信用代码、所属区域、执法领域、层级' } },
      } satisfies MultipartDoc,
      schema: {
        tags: ['agencies'],
        summary: '从 xlsx 批量导入执法单位（全部成功或全部不导入）',
        description: '任何一行有误则不导入任何一行，返回 422 和逐行错误（行号、列名、值、原因）。',
        response: withErrors({ 201: z.object({ imported: z.number().int(), agencies: z.array(agencySchema) }) }, 400, 413, 415, 422),
      },
    },
    async (request, reply) => {
      const part = await request.file({ limits: { fileSize: AGENCY_LIST_MAX_BYTES, files: 1 } });
      if (!part) throw new AppError(400, 'no_files', '请求中没有文件（multipart 字段 file）', [{ path: 'file', message: '请上传 xlsx 文件' }]);
      const parsed = await readAgencyList(part.file);
      if (part.file.truncated) throw new AppError(413, 'file_too_large', '名单文件过大（上限 10 MiB）', [{ path: 'file', message: '文件过大' }]);
      if (!parsed.ok) throw new AppError(422, 'import_failed', `导入失败：${parsed.errors.length} 处错误，未导入任何单位`, parsed.errors);

      const agencies = await db.transaction().execute(async (trx) => {
        const codes = parsed.rows.map((r) => r.agency.creditCode).filter((c): c is string => Boolean(c));
        const taken = await existingCreditCodes(trx, codes);
        const clashes = parsed.rows.filter((r) => r.agency.creditCode && taken.has(r.agency.creditCode));
        if (clashes.length > 0) {
          throw new AppError(
            422,
            'import_failed',
            `导入失败：${clashes.length} 个统一社会信用代码已登记，未导入任何单位`,
            clashes.map((r) => ({ path: `row ${r.rowNumber}`, row: r.rowNumber, column: '统一社会信用代码', value: r.agency.creditCode, message: '该统一社会信用代码已登记' })),
          );
        }
        const created = await insertAgencies(trx, parsed.rows.map((r) => r.agency));
        for (const agency of created) await request.audit(trx, { action: 'agency.import', entityType: 'agency', entityId: agency.id, after: agency });
        return created;
      });
      return reply.status(201).send({ imported: agencies.length, agencies });
    },
  );
};
