/**
 * Rectification (整改): the items finalizing a case file issues to its agency, the agency's
 * answers (text, optionally a PDF), and the reviewers' verification (销号) or return with a
 * reason. Status: issued → answered → verified, or answered → returned → answered …
 * An agency may revise its answer until the item is verified.
 */
import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { caseFileVisibility } from '../../auth/visibility.js';
import type { Database } from '../../db/schema.js';
import { AppError, notFound } from '../../errors.js';
import { checkStagedBytes } from '../../ingest/intake.js';
import { insertBlobIfAbsent, isBlobReferenced } from '../../repositories/files.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import {
  findRectificationItem,
  listRectificationItems,
  markReturned,
  markVerified,
  RECTIFICATION_STATUSES,
  saveAnswer,
  type RectificationItem,
} from '../../repositories/rectification.js';
import type { StagedFile } from '../../storage/blob-store.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const STATUS_LABELS: Record<RectificationItem['status'], string> = { issued: '待整改', answered: '已回复待核查', returned: '已退回', verified: '已销号' };

export const rectificationItemSchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  agencyId: z.string(),
  caseFileId: z.string(),
  resultId: z.string(),
  findingId: z.string().nullable(),
  target: z.object({ kind: z.enum(['item', 'veto']), id: z.string() }),
  sectionTitle: z.string(),
  itemTitle: z.string(),
  problem: z.string(),
  deduction: z.number().nullable(),
  basis: z.string().nullable(),
  requirement: z.string(),
  deadline: z.string(),
  status: z.enum(RECTIFICATION_STATUSES),
  overdue: z.boolean(),
  answer: z.object({ text: z.string(), file: z.object({ sha256: z.string(), name: z.string() }).nullable(), by: z.string().nullable(), at: z.string() }).nullable(),
  verified: z.object({ by: z.string().nullable(), at: z.string() }).nullable(),
  returnReason: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const booleanQuery = z.enum(['true', 'false']).transform((v) => v === 'true');

const listQuerySchema = pageQuerySchema.extend({
  campaignId: z.string().min(1).optional(),
  agencyId: z.string().min(1).optional(),
  caseFileId: z.string().min(1).optional(),
  status: z.enum(RECTIFICATION_STATUSES).optional(),
  overdue: booleanQuery.optional(),
});

const answerTextSchema = z.string().trim().min(2, '整改情况说明不能为空').max(5000);
const answerBodySchema = z.object({ text: answerTextSchema }).strict();

const conflict = (item: RectificationItem, action: string) =>
  new AppError(409, 'invalid_status_transition', `整改事项当前状态为「${STATUS_LABELS[item.status]}」，不能${action}`, [{ path: 'status', message: item.status }]);

export const rectificationRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, blobs, extractor, config } = app.services;

  /** The item, read again inside the transaction that changes it. */
  async function requireItem(trx: Kysely<Database>, id: string) {
    const item = await findRectificationItem(trx, id);
    if (!item) throw notFound('整改事项', id);
    return item;
  }

  app.get(
    '/rectification-items',
    {
      config: policy({ allow: ALL_ROLES, scoping: '执法单位只能看到本单位的整改事项（查询其他单位返回 403）；评查人员只能看到所参加评查活动的整改事项（本单位的除外）' }),
      schema: {
        tags: ['rectification'],
        summary: '整改事项列表：按评查活动、执法单位、案卷、状态筛选；overdue=true 只列逾期未销号的',
        querystring: listQuerySchema,
        response: withErrors({ 200: pageSchema(rectificationItemSchema) }, 400, 403),
      },
    },
    async (request) => {
      const user = request.user();
      const query = request.query;
      if (user.role === 'agency' && query.agencyId !== undefined && query.agencyId !== user.agencyId) {
        throw new AppError(403, 'forbidden', '执法单位只能查看本单位的整改事项', [{ path: 'query.agencyId', message: '不是本单位' }]);
      }
      return listRectificationItems(db, { ...query, visibility: caseFileVisibility(user) });
    },
  );

  app.get(
    '/rectification-items/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'rectificationItem' }),
      schema: { tags: ['rectification'], summary: '整改事项详情', params: idParamsSchema, response: withErrors({ 200: rectificationItemSchema }, 404) },
    },
    async (request) => requireItem(db, request.params.id),
  );

  app.post(
    '/rectification-items/:id/answer',
    {
      config: policy({ allow: ['admin', 'agency'], resource: 'rectificationItem', scoping: '执法单位只能回复本单位的整改事项' }),
      schema: {
        tags: ['rectification'],
        summary: '回复整改情况（执法单位）：JSON { text }，或 multipart 表单字段 text 加可选的 PDF 文件 file',
        description:
          'PDF 与案卷上传的校验相同（大小上限、%PDF- 文件头、%%EOF 结束标记、可解析且未加密），不合格则整个回复被拒绝，不留下任何记录或文件。' +
          '已销号的事项不能再回复（409）；销号前可以修改回复。',
        params: idParamsSchema,
        body: answerBodySchema.nullish(),
        response: withErrors({ 200: rectificationItemSchema }, 400, 404, 409, 413, 415, 422),
      },
    },
    async (request) => {
      const id = request.params.id;
      let text: string | undefined;
      let staged: StagedFile | undefined;
      let createdBlob = false;
      try {
        if (request.isMultipart()) {
          for await (const part of request.parts()) {
            if (part.type === 'file') {
              if (part.fieldname !== 'file' || staged) {
                part.file.resume();
                throw new AppError(400, 'validation_failed', '只能附一个 PDF 文件（字段名 file）', [{ path: `body.${part.fieldname}`, message: '多余的文件' }]);
              }
              staged = await blobs.stage(part.file, part.filename || 'answer.pdf', () => part.file.truncated);
              const rejection = checkStagedBytes(staged, config.upload.maxFileBytes);
              if (rejection) {
                throw new AppError(rejection.status, rejection.code, `附件被拒绝：${staged.originalName}：${rejection.message}`, [{ path: 'body.file', file: staged.originalName, message: rejection.message }]);
              }
            } else if (part.fieldname === 'text') {
              text = String(part.value);
            } else {
              throw new AppError(400, 'validation_failed', `未知的表单字段：${part.fieldname}`, [{ path: `body.${part.fieldname}`, message: '未知字段' }]);
            }
          }
          const parsed = answerTextSchema.safeParse(text ?? '');
          if (!parsed.success) throw new AppError(400, 'validation_failed', `请求参数校验失败：body.text：${parsed.error.issues[0]?.message ?? ''}`, [{ path: 'body.text', message: parsed.error.issues[0]?.message ?? '' }]);
          text = parsed.data;
          if (staged) {
            const probe = await extractor.probe(staged.tempPath);
            if (!probe.ok) throw new AppError(422, probe.code, `附件被拒绝：${staged.originalName}：${probe.message}`, [{ path: 'body.file', file: staged.originalName, message: probe.message }]);
          }
        } else {
          if (!request.body) throw new AppError(400, 'validation_failed', '请求参数校验失败：body.text：须填写整改情况说明', [{ path: 'body.text', message: '须填写整改情况说明' }]);
          text = request.body.text;
        }

        // Refuse a verified item before the file is moved into place.
        const current = await requireItem(db, id);
        if (current.status === 'verified') throw conflict(current, '再回复');
        if (staged) createdBlob = (await blobs.commit(staged)).created;
        const file = staged ? { sha256: staged.sha256, name: staged.originalName, byteSize: staged.byteSize } : null;
        const answerText = text;
        return await db.transaction().execute(async (trx) => {
          const before = await requireItem(trx, id);
          if (before.status === 'verified') throw conflict(before, '再回复');
          if (file) await insertBlobIfAbsent(trx, file.sha256, file.byteSize);
          const after = await saveAnswer(trx, id, { text: answerText, file: file && { sha256: file.sha256, name: file.name }, by: request.user().id });
          await request.audit(trx, {
            action: 'rectification.answer',
            entityType: 'rectification_item',
            entityId: id,
            before: { status: before.status, answerText: before.answer?.text ?? null, answerFile: before.answer?.file?.sha256 ?? null },
            after: { status: after.status, answerText: after.answer?.text ?? null, answerFile: after.answer?.file?.sha256 ?? null, answerFileName: after.answer?.file?.name ?? null },
          });
          return after;
        });
      } catch (error) {
        if (staged) await blobs.discard(staged);
        // A blob this answer moved into place goes again unless a row now refers to it.
        if (staged && createdBlob && !(await isBlobReferenced(db, staged.sha256))) await blobs.remove(staged.sha256);
        throw error;
      }
    },
  );

  app.post(
    '/rectification-items/:id/verify',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'rectificationItem', scoping: '评查人员须参加该评查活动' }),
      schema: {
        tags: ['rectification'],
        summary: '核查通过，销号（评查人员或管理员）；只有已回复的事项可以销号，已销号的再次销号返回 409',
        description: '可附核查意见 { note }，记入审计记录。',
        params: idParamsSchema,
        body: z.object({ note: z.string().trim().max(2000).optional() }).strict().nullish(),
        response: withErrors({ 200: rectificationItemSchema }, 400, 404, 409),
      },
    },
    async (request) =>
      db.transaction().execute(async (trx) => {
        const before = await requireItem(trx, request.params.id);
        if (before.status !== 'answered') throw conflict(before, before.status === 'verified' ? '再次销号' : '销号（尚未回复）');
        const after = await markVerified(trx, before.id, request.user().id);
        await request.audit(trx, {
          action: 'rectification.verify',
          entityType: 'rectification_item',
          entityId: before.id,
          before: { status: before.status },
          after: { status: after.status, ...(request.body?.note && { note: request.body.note }) },
        });
        return after;
      }),
  );

  app.post(
    '/rectification-items/:id/return',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'rectificationItem', scoping: '评查人员须参加该评查活动' }),
      schema: {
        tags: ['rectification'],
        summary: '退回整改回复（须说明理由），执法单位须重新回复',
        params: idParamsSchema,
        body: z.object({ reason: z.string().trim().min(2, '退回须说明理由').max(2000) }).strict(),
        response: withErrors({ 200: rectificationItemSchema }, 400, 404, 409),
      },
    },
    async (request) =>
      db.transaction().execute(async (trx) => {
        const before = await requireItem(trx, request.params.id);
        if (before.status !== 'answered') throw conflict(before, '退回');
        const after = await markReturned(trx, before.id, request.body.reason);
        await request.audit(trx, {
          action: 'rectification.return',
          entityType: 'rectification_item',
          entityId: before.id,
          before: { status: before.status, returnReason: before.returnReason },
          after: { status: after.status, returnReason: after.returnReason },
        });
        return after;
      }),
  );

  app.get(
    '/rectification-items/:id/answer-file',
    {
      config: policy({ allow: ALL_ROLES, resource: 'rectificationItem' }),
      schema: { tags: ['rectification'], summary: '下载整改回复所附的 PDF', params: idParamsSchema, response: withErrors({}, 404) },
    },
    async (request, reply) => {
      const item = await requireItem(db, request.params.id);
      const file = item.answer?.file;
      if (!file) throw new AppError(404, 'not_found', '该整改事项的回复没有附件', [{ path: 'params.id', message: '无附件' }]);
      const path = blobs.blobPath(file.sha256);
      return reply
        .type('application/pdf')
        .header('content-length', fs.statSync(path).size)
        .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .send(fs.createReadStream(path));
    },
  );
};
