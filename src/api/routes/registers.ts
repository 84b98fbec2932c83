/**
 * Case registers (案件台账): an agency's closed cases uploaded into a campaign as xlsx or csv,
 * all rows or none; the error report an agency can fix and upload again; the template; the
 * entries of a campaign's register.
 */
import fs from 'node:fs';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { caseFileVisibility } from '../../auth/visibility.js';
import { CASE_TYPE_CODES, CASE_TYPES } from '../../domain/case-file.js';
import { REGISTER_HEADERS } from '../../domain/register.js';
import { AppError, notFound } from '../../errors.js';
import { findAgency } from '../../repositories/agencies.js';
import { findCampaign } from '../../repositories/campaigns.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { listRegisterEntries, type RegisterEntry } from '../../repositories/register.js';
import { checkRegister, importRegister } from '../../registers/register-import.js';
import {
  MAX_REGISTER_ERRORS,
  MAX_REGISTER_ROWS,
  readRegisterSheet,
  workbookBuffer,
  writeErrorReport,
  writeRegisterTemplate,
  XLSX_CONTENT_TYPE,
  type RegisterReadResult,
} from '../../xlsx/register-file.js';
import type { MultipartDoc } from '../plugins/openapi.js';
import { idParamsSchema, withErrors } from '../schemas.js';

/**
 * A register is text: anything bigger than this is not one agency's closed cases. An xlsx of
 * MAX_REGISTER_ROWS (200,000) typical rows is about 12 MiB, a csv about 30 MiB.
 */
const REGISTER_MAX_BYTES = 64 * 1024 * 1024;

const registerEntrySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  agencyId: z.string(),
  importId: z.string(),
  rowNumber: z.number().int(),
  caseNumber: z.string(),
  caseType: z.enum(CASE_TYPE_CODES),
  caseTypeLabel: z.string(),
  cause: z.string(),
  partyName: z.string(),
  filedOn: z.string().nullable(),
  closedOn: z.string().nullable(),
  amount: z.number().nullable().describe('罚没金额（元）'),
  handlers: z.string().nullable(),
  drawn: z.boolean().describe('是否已被抽中'),
  samplingId: z.string().nullable(),
  caseFileId: z.string().nullable(),
  createdAt: z.string(),
});

const uploadQuerySchema = z.object({
  agencyId: z.string().min(1).max(100).optional().describe('执法单位 id；执法单位用户可省略（即本单位）'),
});

const present = (entry: RegisterEntry) => ({ ...entry, caseTypeLabel: CASE_TYPES[entry.caseType] });

const FORMAT_NOTE =
  `文件为 xlsx 或 csv（UTF-8，可带 BOM；不支持 GBK），按内容识别格式。表头：${REGISTER_HEADERS.join('、')}（承办人可选，可有常见别名，前面可有标题行）。` +
  `日期可为 Excel 日期、2024-03-05、2024/3/5、2024.3.5、2024年3月5日、二〇二四年三月五日；金额可为 1,200.50 或 5.6万。` +
  `文件不超过 ${REGISTER_MAX_BYTES / 1024 / 1024} MiB、${MAX_REGISTER_ROWS} 行；最多列出 ${MAX_REGISTER_ERRORS} 处错误。`;

const multipartDoc = { multipartFields: { file: { description: '案件台账 xlsx 或 csv 文件' } } } satisfies MultipartDoc;

function importFailed(result: RegisterReadResult): AppError {
  const more = result.truncated ? `（仅列出前 ${MAX_REGISTER_ERRORS} 处）` : '';
  const message = result.fatal
    ? `导入失败：${result.errors[0]?.message ?? '无法读取文件'}`
    : `导入失败：${result.errors.length} 处错误${more}，未导入任何案件`;
  return new AppError(422, 'import_failed', message, result.errors);
}

const fileTooLarge = () => new AppError(413, 'file_too_large', `台账文件过大（上限 ${REGISTER_MAX_BYTES / 1024 / 1024} MiB）`, [{ path: 'file', message: '文件过大' }]);

export const registersRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, blobs } = app.services;

  /** The agency the upload is for, after the caller's right to name it is checked. */
  async function uploadAgency(request: FastifyRequest, campaignId: string, requested: string | undefined): Promise<string> {
    const user = request.user();
    const agencyId = requested ?? (user.role === 'agency' ? (user.agencyId ?? undefined) : undefined);
    if (user.role === 'agency' && agencyId !== user.agencyId) {
      throw new AppError(403, 'forbidden', '执法单位只能上传本单位的案件台账', [{ path: 'query.agencyId', message: '不是本单位' }]);
    }
    if (!agencyId) throw new AppError(400, 'validation_failed', '请指定执法单位（agencyId）', [{ path: 'query.agencyId', message: '必填' }]);
    const campaign = await findCampaign(db, campaignId);
    if (!campaign) throw notFound('评查活动', campaignId);
    if (campaign.status === 'closed') {
      throw new AppError(409, 'conflict', '评查活动已结束，不能再导入案件台账', [{ path: 'params.id', message: '评查活动已结束' }]);
    }
    if (!(await findAgency(db, agencyId))) {
      throw new AppError(404, 'not_found', `执法单位不存在：${agencyId}`, [{ path: 'query.agencyId', message: '执法单位不存在' }]);
    }
    return agencyId;
  }

  async function filePart(request: FastifyRequest) {
    const part = await request.file({ limits: { fileSize: REGISTER_MAX_BYTES, files: 1 } });
    if (!part) throw new AppError(400, 'no_files', '请求中没有文件（multipart 字段 file）', [{ path: 'file', message: '请上传 xlsx 或 csv 文件' }]);
    return part;
  }

  app.post(
    '/campaigns/:id/register',
    {
      config: {
        ...policy({ allow: ['admin', 'agency'], resource: 'campaign', scoping: '执法单位只能上传本单位的台账（agencyId 为其他单位时 403）' }),
        ...multipartDoc,
      } satisfies MultipartDoc,
      schema: {
        tags: ['registers'],
        summary: '导入执法单位的案件台账（全部成功或全部不导入）',
        description:
          '任何一行有误（含案号在文件内或与本活动已导入的台账重复）则不导入任何一行，返回 422 和逐行错误（row 行号、column 列名、value 值、message 原因、path 单元格）。' +
          FORMAT_NOTE,
        params: idParamsSchema,
        querystring: uploadQuerySchema,
        response: withErrors({ 201: z.object({ imported: z.number().int(), importId: z.string() }) }, 400, 403, 404, 409, 413, 415, 422),
      },
    },
    async (request, reply) => {
      const campaignId = request.params.id;
      const agencyId = await uploadAgency(request, campaignId, request.query.agencyId);
      const part = await filePart(request);
      const fileName = part.filename || '台账';
      const { result, record, truncated } = await importRegister(
        db,
        part.file,
        { campaignId, agencyId, fileName, importedBy: request.user().id },
        (trx, created, read) =>
          request.audit(trx, {
            action: 'register.import',
            entityType: 'register_import',
            entityId: created.id,
            after: { campaignId, agencyId, fileName, format: read.format, rowCount: created.rowCount },
          }),
        { truncated: () => part.file.truncated },
      );
      if (truncated) throw fileTooLarge();
      if (result.errors.length > 0 || !record) throw importFailed(result);
      const created = record;
      return reply.status(201).send({ imported: created.rowCount, importId: created.id });
    },
  );

  app.post(
    '/campaigns/:id/register/report',
    {
      config: {
        ...policy({ allow: ['admin', 'agency'], resource: 'campaign', scoping: '执法单位只能检查本单位的台账' }),
        ...multipartDoc,
      } satisfies MultipartDoc,
      schema: {
        tags: ['registers'],
        summary: '检查案件台账并下载错误报告（不导入）',
        description:
          '与导入相同的检查。有逐行错误时返回 200 和错误报告 xlsx（原有各列 + “错误说明”列，出错行标红），修改后可直接重新上传；没有错误返回 204；' +
          '文件本身无法读取（不是 xlsx/csv、缺表头、为空）时返回 422 和错误说明。' +
          FORMAT_NOTE,
        params: idParamsSchema,
        querystring: uploadQuerySchema,
        response: withErrors({ 200: z.unknown().describe('错误报告 xlsx'), 204: z.null().describe('没有错误') }, 400, 403, 404, 409, 413, 415, 422),
      },
    },
    async (request, reply) => {
      const campaignId = request.params.id;
      const agencyId = await uploadAgency(request, campaignId, request.query.agencyId);
      const part = await filePart(request);
      const fileName = part.filename || '台账';
      // The report lists every row of the file again: the upload is kept in DATA_DIR/tmp
      // and read twice (check, then report), so that no row stays in memory.
      const spooled = await blobs.stage(part.file, fileName, () => part.file.truncated);
      let result: RegisterReadResult;
      let report: Buffer | null = null;
      try {
        if (spooled.truncated) throw fileTooLarge();
        result = await checkRegister(db, fs.createReadStream(spooled.tempPath), campaignId);
        if (result.fatal) throw importFailed(result);
        const { errors, truncated } = result;
        if (errors.length > 0) {
          report = await workbookBuffer((stream) =>
            writeErrorReport(stream, { read: (onHeader, onRow) => readRegisterSheet(fs.createReadStream(spooled.tempPath), onHeader, onRow), errors, truncated }),
          );
        }
      } finally {
        await blobs.discard(spooled);
      }
      await request.audit(db, {
        action: 'register.check',
        entityType: 'campaign',
        entityId: campaignId,
        after: { agencyId, fileName, format: result.format, rowCount: result.rowCount, errorCount: result.errors.length },
      });
      if (!report) return reply.status(204).send(null);
      const base = fileName.replace(/\.(xlsx|csv)$/i, '');
      return reply
        .status(200)
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent(`${base}-错误报告.xlsx`)}`)
        .send(report);
    },
  );

  app.get(
    '/register-template',
    {
      config: policy({ allow: ALL_ROLES }),
      schema: {
        tags: ['registers'],
        summary: '下载案件台账模板（xlsx）',
        description: `表头 ${REGISTER_HEADERS.join('、')}，一行示例（案号以“示例”开头，导入时忽略），案件类型下拉列表，首行冻结。`,
        response: withErrors({ 200: z.unknown().describe('模板 xlsx') }, 401),
      },
    },
    async (_request, reply) => {
      const template = await workbookBuffer(writeRegisterTemplate);
      return reply
        .type(XLSX_CONTENT_TYPE)
        .header('content-disposition', `attachment; filename*=UTF-8''${encodeURIComponent('案件台账模板.xlsx')}`)
        .send(template);
    },
  );

  app.get(
    '/campaigns/:id/register',
    {
      config: policy({ allow: ALL_ROLES, resource: 'campaign', scoping: '执法单位只看到本单位的台账；评查人员不看本单位的台账（回避）' }),
      schema: {
        tags: ['registers'],
        summary: '评查活动的案件台账（可筛选、分页）',
        params: idParamsSchema,
        querystring: pageQuerySchema.extend({
          agencyId: z.string().optional(),
          caseType: z.enum(CASE_TYPE_CODES).optional(),
          drawn: z
            .enum(['true', 'false'])
            .transform((v) => v === 'true')
            .optional()
            .describe('true 只列已抽中的，false 只列未抽中的'),
        }),
        response: withErrors({ 200: pageSchema(registerEntrySchema) }, 400, 403, 404),
      },
    },
    async (request) => {
      const user = request.user();
      if (user.role === 'agency' && request.query.agencyId !== undefined && request.query.agencyId !== user.agencyId) {
        throw new AppError(403, 'forbidden', '执法单位只能查询本单位的台账', [{ path: 'query.agencyId', message: '不是本单位' }]);
      }
      const page = await listRegisterEntries(db, { ...request.query, campaignId: request.params.id, visibility: caseFileVisibility(user) });
      return { ...page, items: page.items.map(present) };
    },
  );
};
