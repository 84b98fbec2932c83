/** /api/v1/case-files — case files (案卷) with their metadata, and their documents. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CASE_TYPE_CODES, CASE_TYPES, caseFileMetadataSchema, isoDate } from '../../domain/case-file.js';
import { AppError, notFound } from '../../errors.js';
import { canSeeCampaign } from '../../auth/access.js';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { caseFileVisibility } from '../../auth/visibility.js';
import { findAgency } from '../../repositories/agencies.js';
import { findCampaign } from '../../repositories/campaigns.js';
import { findCaseFile, findCaseFileByNumber, insertCaseFile, listCaseFiles, type CaseFile } from '../../repositories/case-files.js';
import { listDocumentsOfCaseFile } from '../../repositories/documents.js';
import { listFilesOfCaseFile } from '../../repositories/files.js';
import { listJobsOfCaseFile } from '../../repositories/ingest-jobs.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { caseFileSchema, documentSchema, idParamsSchema, jobSchema, storedFileSchema, withErrors } from '../schemas.js';

const createCaseFileBody = caseFileMetadataSchema.safeExtend({
  campaignId: z.string().min(1),
  agencyId: z.string().min(1),
});

export const present = (caseFile: CaseFile) => ({ ...caseFile, caseTypeLabel: CASE_TYPES[caseFile.caseType] });

export const caseFileRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, replies } = app.services;

  app.post(
    '/case-files',
    {
      config: policy({
        allow: ALL_ROLES,
        scoping: '执法单位只能为本单位、在本单位被纳入范围的活动中建卷；评查人员只能在自己参加的活动中为其他单位建卷（回避）',
      }),
      schema: {
        tags: ['case-files'],
        summary: '新建案卷（元数据）',
        description: '同一评查活动内案号不得重复（忽略空白与全半角差异），重复返回 409。',
        body: createCaseFileBody,
        response: withErrors({ 201: caseFileSchema }, 400, 404, 409),
      },
    },
    async (request, reply) => {
      const { campaignId, agencyId, ...metadata } = request.body;
      const user = request.user();
      if (user.role === 'agency' && agencyId !== user.agencyId) {
        throw new AppError(403, 'forbidden', '执法单位只能为本单位建立案卷', [{ path: 'body.agencyId', message: '不是本单位' }]);
      }
      if (user.role === 'reviewer' && user.agencyId !== null && agencyId === user.agencyId) {
        throw new AppError(403, 'forbidden', '评查人员不能为本单位的案卷建档（回避）', [{ path: 'body.agencyId', message: '本单位案卷须回避' }]);
      }
      const created = await db.transaction().execute(async (trx) => {
        if (!(await findCampaign(trx, campaignId)) || !(await canSeeCampaign(trx, user, campaignId))) {
          throw new AppError(404, 'not_found', `评查活动不存在：${campaignId}`, [{ path: 'body.campaignId', message: '评查活动不存在' }]);
        }
        if (!(await findAgency(trx, agencyId))) {
          throw new AppError(404, 'not_found', `执法单位不存在：${agencyId}`, [{ path: 'body.agencyId', message: '执法单位不存在' }]);
        }
        const existing = await findCaseFileByNumber(trx, campaignId, metadata.caseNumber);
        if (existing) {
          throw new AppError(409, 'duplicate_case_number', `本评查活动中已有案号为“${existing.case_number}”的案卷`, [
            { path: 'body.caseNumber', message: '案号重复', existingCaseFileId: existing.id },
          ]);
        }
        const caseFile = await insertCaseFile(trx, { campaignId, agencyId }, metadata);
        await request.audit(trx, {
          action: 'case_file.create',
          entityType: 'case_file',
          entityId: caseFile.id,
          after: { campaignId, agencyId, caseNumber: caseFile.caseNumber, caseType: caseFile.caseType, party: caseFile.party.name },
        });
        return caseFile;
      });
      return reply.status(201).send(present(created));
    },
  );

  app.get(
    '/case-files',
    {
      config: policy({ allow: ALL_ROLES, scoping: '执法单位只看到本单位案卷；评查人员只看到所参加活动中其他单位的案卷' }),
      schema: {
        tags: ['case-files'],
        summary: '案卷列表（可筛选、分页）',
        querystring: pageQuerySchema.extend({
          campaignId: z.string().optional(),
          agencyId: z.string().optional(),
          caseType: z.enum(CASE_TYPE_CODES).optional(),
          q: z.string().trim().min(1).max(100).optional(),
          closedFrom: isoDate.optional(),
          closedTo: isoDate.optional(),
        }),
        response: withErrors({ 200: pageSchema(caseFileSchema) }, 400),
      },
      // Pages are read far more often than case files change (api/reply-cache.ts).
      onSend: replies.onSend,
    },
    async (request, reply) => {
      const user = request.user();
      if (user.role === 'agency' && request.query.agencyId !== undefined && request.query.agencyId !== user.agencyId) {
        throw new AppError(403, 'forbidden', '执法单位只能查询本单位的案卷', [{ path: 'query.agencyId', message: '不是本单位' }]);
      }
      if (await replies.serve(request, reply, user.id)) return reply;
      const page = await listCaseFiles(db, { ...request.query, visibility: caseFileVisibility(user) });
      return { ...page, items: page.items.map(present) };
    },
  );

  app.get(
    '/case-files/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile' }),
      schema: {
        tags: ['case-files'],
        summary: '案卷详情，含卷内文书、上传文件和抽取任务',
        params: idParamsSchema,
        response: withErrors(
          { 200: caseFileSchema.extend({ documents: z.array(documentSchema), files: z.array(storedFileSchema), jobs: z.array(jobSchema) }) },
          404,
        ),
      },
    },
    async (request) => {
      const caseFile = await findCaseFile(db, request.params.id);
      if (!caseFile) throw notFound('案卷', request.params.id);
      const [documents, files, jobs] = await Promise.all([
        listDocumentsOfCaseFile(db, caseFile.id),
        listFilesOfCaseFile(db, caseFile.id),
        listJobsOfCaseFile(db, caseFile.id),
      ]);
      return { ...present(caseFile), documents, files, jobs };
    },
  );
};
