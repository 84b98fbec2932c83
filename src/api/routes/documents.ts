/**
 * Uploading PDFs to a case file, and reading back what was extracted: the files as stored,
 * their pages' text, and the documents detected in them.
 */
import fs from 'node:fs';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, notFound } from '../../errors.js';
import { findCaseFile } from '../../repositories/case-files.js';
import { findDocument, listDocumentsOfCaseFile, overrideDocumentType } from '../../repositories/documents.js';
import { findFile, listFilesOfCaseFile, listPages, type StoredFile } from '../../repositories/files.js';
import { DOCUMENT_TYPE_CODES } from '../../ingest/document-types.js';
import { receiveUpload, type IncomingFile } from '../../ingest/intake.js';
import { runStoredPrecheck } from '../../checks/precheck-service.js';
import type { MultipartDoc } from '../plugins/openapi.js';
import { ALL_ROLES, policy, type ScopedResource } from '../../auth/policy.js';
import { documentSchema, idParamsSchema, jobSchema, pageTextSchema, storedFileSchema, withErrors } from '../schemas.js';

/** Every role may call these; the record named by :id must be visible to the caller. */
const scoped = (resource: ScopedResource) => policy({ allow: ALL_ROLES, resource });

export const documentRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, blobs, extractor, runner, config, schemes } = app.services;

  async function requireCaseFile(id: string) {
    const caseFile = await findCaseFile(db, id);
    if (!caseFile) throw notFound('案卷', id);
    return caseFile;
  }

  function sendPdf(reply: FastifyReply, file: StoredFile) {
    return reply
      .type('application/pdf')
      .header('content-length', file.byteSize)
      .header('content-disposition', `inline; filename*=UTF-8''${encodeURIComponent(file.originalName)}`)
      .send(fs.createReadStream(blobs.blobPath(file.sha256)));
  }

  app.post(
    '/case-files/:id/documents',
    {
      config: {
        ...policy({ allow: ALL_ROLES, resource: 'caseFile' }),
        multipartFields: { file: { description: '一个或多个 PDF（整卷或单份文书），字段名 file，可重复', multiple: true } },
      } satisfies MultipartDoc,
      schema: {
        tags: ['documents'],
        summary: '上传 PDF 到案卷（整卷或分份文书），返回抽取任务',
        description:
          '所有文件先校验（大小、PDF 文件头、完整性、可解析、未加密），任一文件不合格则整个上传被拒绝且不留下任何记录或文件。' +
          '通过后立即返回 202 和任务，文字抽取与文书识别在后台进行，可轮询 GET /api/v1/jobs/{id}。',
        params: idParamsSchema,
        response: withErrors({ 202: z.object({ job: jobSchema, files: z.array(storedFileSchema) }) }, 400, 404, 409, 413, 415, 422),
      },
    },
    async (request, reply) => {
      const caseFile = await requireCaseFile(request.params.id);
      const incoming = (async function* (): AsyncGenerator<IncomingFile> {
        for await (const part of request.parts()) {
          if (part.type !== 'file') continue;
          yield { filename: part.filename, stream: part.file, truncated: () => part.file.truncated };
        }
      })();
      const result = await receiveUpload({ db, blobs, extractor, limits: config.upload }, caseFile.id, incoming, (trx, stored) =>
        request.audit(trx, {
          action: 'document.upload',
          entityType: 'case_file',
          entityId: caseFile.id,
          after: { job: stored.job.id, files: stored.files.map((f) => ({ id: f.id, name: f.originalName, sha256: f.sha256, pages: f.pageCount })) },
        }),
      );
      runner.kick();
      return reply.status(202).header('location', `/api/v1/jobs/${result.job.id}`).send(result);
    },
  );

  app.get(
    '/case-files/:id/documents',
    { config: scoped('caseFile'), schema: { tags: ['documents'], summary: '案卷的卷内文书（按顺序）', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(documentSchema) }) }, 404) } },
    async (request) => {
      await requireCaseFile(request.params.id);
      return { items: await listDocumentsOfCaseFile(db, request.params.id) };
    },
  );

  app.get(
    '/case-files/:id/files',
    { config: scoped('caseFile'), schema: { tags: ['documents'], summary: '案卷的上传文件', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(storedFileSchema) }) }, 404) } },
    async (request) => {
      await requireCaseFile(request.params.id);
      return { items: await listFilesOfCaseFile(db, request.params.id) };
    },
  );

  app.get(
    '/documents/:id',
    {
      config: scoped('document'),
      schema: {
        tags: ['documents'],
        summary: '文书详情及其各页文字（原文与规范化文本）',
        params: idParamsSchema,
        response: withErrors({ 200: documentSchema.extend({ pages: z.array(pageTextSchema) }) }, 404),
      },
    },
    async (request) => {
      const document = await findDocument(db, request.params.id);
      if (!document) throw notFound('文书', request.params.id);
      const pages = await listPages(db, document.fileId, { from: document.startPage, to: document.endPage });
      return { ...document, pages };
    },
  );

  app.get(
    '/documents/:id/original',
    {
      config: scoped('document'),
      schema: {
        tags: ['documents'],
        summary: '下载文书所在的原始 PDF（响应头 X-Page-Range 给出文书所在页码）',
        params: idParamsSchema,
        response: withErrors({}, 404),
      },
    },
    async (request, reply) => {
      const document = await findDocument(db, request.params.id);
      if (!document) throw notFound('文书', request.params.id);
      const file = (await findFile(db, document.fileId))!;
      reply.header('x-page-range', `${document.startPage}-${document.endPage}`);
      return sendPdf(reply, file);
    },
  );

  app.patch(
    '/documents/:id',
    {
      config: scoped('document'),
      schema: {
        tags: ['documents'],
        summary: '更正文书类型（type 为 null 时撤销更正，恢复识别结果）',
        params: idParamsSchema,
        body: z.object({ type: z.enum(DOCUMENT_TYPE_CODES).nullable(), note: z.string().trim().max(500).optional() }).strict(),
        response: withErrors({ 200: documentSchema }, 400, 404),
      },
    },
    async (request) => {
      const { type, note } = request.body;
      const updated = await db.transaction().execute(async (trx) => {
        const before = await findDocument(trx, request.params.id);
        if (!before) throw notFound('文书', request.params.id);
        const after = (await overrideDocumentType(trx, request.params.id, type === null ? null : { type, note: note ?? null }))!;
        await request.audit(trx, {
          action: type === null ? 'document.override_clear' : 'document.override',
          entityType: 'document',
          entityId: after.id,
          before: { type: before.type, note: before.override?.note ?? null },
          after: { type: after.type, note: after.override?.note ?? null },
        });
        return after;
      });
      // The documents changed: check the case again (a failed re-check must not undo the correction).
      await runStoredPrecheck(db, schemes, updated.caseFileId, (input) => extractor.precheck(input)).catch((error) => request.log.error({ err: error }, 'pre-check after document change failed'));
      return updated;
    },
  );

  app.get(
    '/files/:id',
    { config: scoped('file'), schema: { tags: ['documents'], summary: '上传文件详情', params: idParamsSchema, response: withErrors({ 200: storedFileSchema }, 404) } },
    async (request) => {
      const file = await findFile(db, request.params.id);
      if (!file) throw notFound('文件', request.params.id);
      return file;
    },
  );

  app.get(
    '/files/:id/content',
    { config: scoped('file'), schema: { tags: ['documents'], summary: '下载原始 PDF', params: idParamsSchema, response: withErrors({}, 404) } },
    async (request, reply) => {
      const file = await findFile(db, request.params.id);
      if (!file) throw notFound('文件', request.params.id);
      return sendPdf(reply, file);
    },
  );

  app.get(
    '/files/:id/pages',
    {
      config: scoped('file'),
      schema: {
        tags: ['documents'],
        summary: '文件各页文字',
        params: idParamsSchema,
        querystring: z
          .object({ from: z.coerce.number().int().min(1).optional(), to: z.coerce.number().int().min(1).optional() })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束页不能小于起始页' }),
        response: withErrors({ 200: z.object({ fileId: z.string(), pageCount: z.number().int(), items: z.array(pageTextSchema) }) }, 400, 404),
      },
    },
    async (request) => {
      const file = await findFile(db, request.params.id);
      if (!file) throw notFound('文件', request.params.id);
      if (file.status !== 'extracted' && file.status !== 'failed') {
        // Pages appear all at once when the file is extracted; say so rather than return an empty list silently.
        throw new AppError(409, 'conflict', '该文件尚在抽取中，请稍后再试', [{ path: 'params.id', message: `文件状态：${file.status}` }]);
      }
      const items = await listPages(db, file.id, { from: request.query.from ?? 1, to: request.query.to ?? file.pageCount });
      return { fileId: file.id, pageCount: file.pageCount, items };
    },
  );
};
