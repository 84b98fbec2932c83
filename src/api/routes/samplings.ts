/**
 * Draws (抽查) from a campaign's registers: make one (and create the drawn case files, and
 * optionally their reviews), list and read them, download the 抽查名单 as xlsx, and verify a
 * draw by redoing it from the recorded seed. The rules of the draw are in sampling/draw.ts.
 */
import { PassThrough, type Stream } from 'node:stream';
import ExcelJS from 'exceljs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { AuthenticatedUser } from '../../auth/principal.js';
import { policy } from '../../auth/policy.js';
import { CASE_TYPES, type CaseType } from '../../domain/case-file.js';
import type { Database } from '../../db/schema.js';
import { notFound } from '../../errors.js';
import { findCampaign } from '../../repositories/campaigns.js';
import { isReviewerOnCampaign } from '../../repositories/memberships.js';
import { drawModeSchema, findSampling, listSamplings, samplingItemSchema, type Sampling } from '../../repositories/sampling.js';
import { runSampling, verifySampling } from '../../sampling/run-sampling.js';
import { idParamsSchema, withErrors } from '../schemas.js';

/** Sampling ids are UUIDs: anything else is a bad request before any lookup. */
const samplingParams = z.object({ id: z.uuid('抽查记录 id 应为 UUID') });

const samplingBody = z
  .object({
    seed: z.string().trim().min(1).max(200).optional().describe('随机种子；省略时自动生成并记录'),
    mode: drawModeSchema.describe('{ kind: "count", perAgency: N }：每单位抽 N 件；{ kind: "percent", percent: P }：每单位抽 P%（向上取整）'),
    minimumPerAgency: z.number().int().min(0).max(100_000).default(1).describe('每单位至少抽取的件数（按比例抽取时以台账件数为上限）'),
    reviewersPerFile: z.union([z.literal(1), z.literal(2)]).default(1),
    assign: z.boolean().default(false).describe('同时随机分配评查人员（回避本单位，工作量均衡）'),
  })
  .strict();

const agencySummarySchema = z.object({
  agencyId: z.string(),
  agencyName: z.string(),
  available: z.number().int(),
  quota: z.number().int(),
  strata: z.array(z.object({ caseType: z.string(), available: z.number().int(), drawn: z.number().int() })),
});

const samplingSummarySchema = z.object({
  id: z.string(),
  campaignId: z.string(),
  seed: z.string(),
  params: z.object({
    algorithm: z.string(),
    mode: drawModeSchema,
    minimumPerAgency: z.number().int(),
    reviewersPerFile: z.number().int(),
    assign: z.boolean(),
  }),
  eligibleCount: z.number().int(),
  drawnCount: z.number().int(),
  agencies: z.array(agencySummarySchema),
  createdBy: z.string().nullable(),
  createdAt: z.string(),
});
const samplingSchema = samplingSummarySchema.extend({ items: z.array(samplingItemSchema) });

const verificationSchema = z.object({
  samplingId: z.string(),
  seed: z.string(),
  algorithm: z.string(),
  matches: z.boolean(),
  draw: z.object({ matches: z.boolean(), recorded: z.number().int(), redrawn: z.number().int(), missing: z.array(z.string()), extra: z.array(z.string()) }),
  assignment: z.object({ checked: z.boolean(), matches: z.boolean(), differing: z.array(z.string()) }),
  entriesMissing: z.number().int(),
});

const summary = (s: Sampling) => ({
  id: s.id,
  campaignId: s.campaignId,
  seed: s.seed,
  params: s.params,
  eligibleCount: s.result.eligibleEntryIds.length,
  drawnCount: s.result.items.length,
  agencies: s.result.agencies,
  createdBy: s.createdBy,
  createdAt: s.createdAt,
});

/** A reviewer sees the list without the files of their own agency (回避, as for case files). */
const present = (s: Sampling, user: AuthenticatedUser) => ({
  ...summary(s),
  items: user.role === 'reviewer' && user.agencyId ? s.result.items.filter((i) => i.agencyId !== user.agencyId) : s.result.items,
});

/** The sampling, if the caller may see it: admins, and reviewers on its campaign; else 404. */
async function visibleSampling(db: Kysely<Database>, user: AuthenticatedUser, id: string): Promise<Sampling> {
  const sampling = await findSampling(db, id);
  if (!sampling || (user.role !== 'admin' && !(user.role === 'reviewer' && (await isReviewerOnCampaign(db, sampling.campaignId, user.id))))) throw notFound('抽查记录', id);
  return sampling;
}

const caseTypeLabel = (code: string) => CASE_TYPES[code as CaseType] ?? code;

/** Writes the 抽查名单 workbook to `stream` with exceljs's streaming writer. */
export async function writeSamplingList(sampling: Sampling, campaignName: string, items: Sampling['result']['items'], stream: Stream): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true });
  workbook.creator = 'pingcha';
  const ws = workbook.addWorksheet('抽查名单', { views: [{ state: 'frozen', ySplit: 3 }], pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  const headers = ['序号', '执法单位', '案号', '案由', '案件类型', '当事人', '结案日期', '评查人员'];
  ws.columns = [6, 28, 30, 36, 20, 24, 12, 20].map((width) => ({ width }));
  const border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } } as const;

  const title = ws.addRow([`${campaignName}抽查名单`]);
  title.height = 28;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  ws.mergeCells(1, 1, 1, headers.length);
  title.commit();

  const date = sampling.createdAt.slice(0, 10);
  const subtitle = ws.addRow([`评查活动：${campaignName}　随机种子：${sampling.seed}　抽取日期：${date}　共 ${items.length} 件`]);
  subtitle.getCell(1).alignment = { horizontal: 'center' };
  ws.mergeCells(2, 1, 2, headers.length);
  subtitle.commit();

  const head = ws.addRow(headers);
  head.eachCell((cell) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle' };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7EEF7' } };
    cell.border = border;
  });
  head.commit();

  for (const item of items) {
    const row = ws.addRow([item.index, item.agencyName, item.caseNumber, item.cause, caseTypeLabel(item.caseType), item.partyName, item.closedOn ?? '', item.reviewers.map((r) => r.name).join('、')]);
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.border = border;
      cell.alignment = { vertical: 'middle', wrapText: true };
    });
    row.commit();
  }
  ws.commit();
  await workbook.commit();
}

export const samplingsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, schemes } = app.services;

  app.post(
    '/campaigns/:id/samplings',
    {
      config: policy({ allow: ['admin'], resource: 'campaign' }),
      schema: {
        tags: ['samplings'],
        summary: '从本活动尚未抽取的台账中随机抽取案卷（按单位、按案件类型分层），建立案卷并可随机分配评查人员',
        description:
          '每单位按件数（超过台账件数返回 422，说明单位及件数）或按比例（向上取整，以台账件数为上限）抽取，不少于 minimumPerAgency。' +
          '同一种子、同一台账得到同一结果；种子随记录保存，可用 GET /samplings/{id}/verify 复核。',
        params: idParamsSchema,
        body: samplingBody,
        response: withErrors({ 201: samplingSchema }, 400, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const body = request.body;
      const user = request.user();
      const sampling = await runSampling(
        db,
        schemes,
        { campaignId: request.params.id, seed: body.seed, mode: body.mode, minimumPerAgency: body.minimumPerAgency, reviewersPerFile: body.reviewersPerFile, assign: body.assign, createdBy: user.id },
        (trx, event) => request.audit(trx, event),
      );
      return reply.status(201).send(present(sampling, user));
    },
  );

  app.get(
    '/campaigns/:id/samplings',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: { tags: ['samplings'], summary: '本活动的抽查记录（不含名单明细）', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(samplingSummarySchema) }) }, 404) },
    },
    async (request) => ({ items: (await listSamplings(db, request.params.id)).map(summary) }),
  );

  app.get(
    '/samplings/:id',
    {
      config: policy({ allow: ['admin', 'reviewer'], scoping: '管理员；本活动的评查人员（名单中不含其本单位的案卷）' }),
      schema: { tags: ['samplings'], summary: '抽查记录及抽查名单', params: samplingParams, response: withErrors({ 200: samplingSchema }, 400, 404) },
    },
    async (request) => present(await visibleSampling(db, request.user(), request.params.id), request.user()),
  );

  app.get(
    '/samplings/:id/list.xlsx',
    {
      config: policy({ allow: ['admin', 'reviewer'], scoping: '管理员；本活动的评查人员（名单中不含其本单位的案卷）' }),
      schema: { tags: ['samplings'], summary: '下载抽查名单（xlsx）', params: samplingParams, response: withErrors({}, 400, 404) },
    },
    async (request, reply) => {
      const user = request.user();
      const sampling = await visibleSampling(db, user, request.params.id);
      const campaign = await findCampaign(db, sampling.campaignId);
      const items = present(sampling, user).items;
      const stream = new PassThrough();
      writeSamplingList(sampling, campaign?.name ?? '', items, stream).catch((error: unknown) => stream.destroy(error instanceof Error ? error : new Error(String(error))));
      const fileName = `${campaign?.name ?? ''}抽查名单-${sampling.createdAt.slice(0, 10)}.xlsx`;
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="sampling-list.xlsx"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
        .send(stream);
    },
  );

  app.get(
    '/samplings/:id/verify',
    {
      config: policy({ allow: ['admin', 'reviewer'], scoping: '管理员；本活动的评查人员' }),
      schema: {
        tags: ['samplings'],
        summary: '复核抽查：用记录的种子和参数，从抽取时的可抽台账重新抽取并比较',
        params: samplingParams,
        response: withErrors({ 200: verificationSchema }, 400, 404),
      },
    },
    async (request) => verifySampling(db, await visibleSampling(db, request.user(), request.params.id)),
  );
};
