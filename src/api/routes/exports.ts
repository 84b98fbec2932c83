/**
 * Exports: the score sheet of a case file, a campaign's rectification list and bulletin, the
 * annual report — as xlsx workbooks streamed to the client, and the bulletin and annual
 * figures as JSON (the same numbers the workbooks show; rounding rule in exports/statistics.ts).
 *
 * Checks that can fail (not finalized, another agency) run before the first byte; the
 * workbook is then written into the reply as it is produced (exports/sheet-writer.ts).
 */
import { PassThrough, type Writable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, ADMIN_ONLY, policy } from '../../auth/policy.js';
import { AppError } from '../../errors.js';
import { annualReportFileName, computeAnnualReport, writeAnnualReport } from '../../exports/annual-report.js';
import { bulletinFileName, computeBulletin, loadCampaign, writeBulletin } from '../../exports/bulletin.js';
import { rectificationFileName, writeRectificationList } from '../../exports/rectification-list.js';
import { loadScoreSheet, scoreSheetFileName, writeScoreSheet } from '../../exports/score-sheet.js';
import { ExportAbortedError, XLSX_CONTENT_TYPE } from '../../exports/sheet-writer.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const yearParamsSchema = z.object({ year: z.coerce.number().int().min(2000).max(2100) });

/** `attachment` with an ASCII fallback and the UTF-8 Chinese name (RFC 6266 / 5987). */
export function contentDisposition(fileName: string, fallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Streams a workbook into the reply; a failure after the first byte aborts the download. */
function sendWorkbook(request: FastifyRequest, reply: FastifyReply, fileName: string, fallback: string, write: (target: Writable) => Promise<unknown>) {
  const body = new PassThrough();
  write(body).catch((error: unknown) => {
    if (error instanceof ExportAbortedError) {
      request.log.info('export cancelled: the client closed the download');
      return;
    }
    request.log.error({ err: error }, 'export failed while streaming');
    body.destroy(error instanceof Error ? error : new Error(String(error)));
  });
  return reply.type(XLSX_CONTENT_TYPE).header('content-disposition', contentDisposition(fileName, fallback)).header('cache-control', 'no-store').send(body);
}

const gradeFigure = z.object({ code: z.string(), label: z.string(), count: z.number().int(), rate: z.number().nullable() });
const tallyFigures = {
  filesReviewed: z.number().int(),
  grades: z.array(gradeFigure),
  averageScore: z.number().nullable(),
  totalScore: z.number(),
  highestScore: z.number().nullable(),
  lowestScore: z.number().nullable(),
};
const problemItem = z.object({
  key: z.string(),
  kind: z.enum(['item', 'veto']),
  sectionTitle: z.string(),
  itemNumber: z.string(),
  itemTitle: z.string(),
  occurrences: z.number().int(),
  share: z.number().nullable(),
  filesAffected: z.number().int(),
  agenciesAffected: z.number().int(),
  deductionTotal: z.number(),
});
const comparison = z.object({ averageScore: z.number().nullable(), excellentRate: z.number().nullable(), failingRate: z.number().nullable() });
const agencyInfo = z.object({ id: z.string(), name: z.string(), sector: z.string().nullable() });

const bulletinSchema = z.object({
  campaign: z.object({ id: z.string(), name: z.string(), year: z.number().int(), kind: z.string(), kindLabel: z.string(), status: z.string() }),
  generatedOn: z.string(),
  figures: z.object({
    rounding: z.string(),
    grades: z.array(z.object({ code: z.string(), label: z.string() })),
    overview: z.object({
      ...tallyFigures,
      filesInScope: z.number().int(),
      coverage: z.number().nullable(),
      problemCount: z.number().int(),
      filesWithProblems: z.number().int(),
      vetoedFiles: z.number().int(),
      agenciesInScope: z.number().int(),
      agenciesWithFiles: z.number().int(),
      agenciesWithoutFiles: z.number().int(),
    }),
    agencies: z.array(z.object({ ...tallyFigures, agencyId: z.string(), name: z.string(), sector: z.string().nullable(), filesInScope: z.number().int(), problemCount: z.number().int(), rank: z.number().int().nullable() })),
    problems: z.array(
      z.object({
        key: z.string(),
        title: z.string(),
        occurrences: z.number().int(),
        share: z.number().nullable(),
        filesAffected: z.number().int(),
        agenciesAffected: z.number().int(),
        deductionTotal: z.number(),
        items: z.array(problemItem),
      }),
    ),
    agenciesWithoutFiles: z.array(agencyInfo),
  }),
});

const annualSchema = z.object({
  year: z.number().int(),
  previousYear: z.number().int(),
  rounding: z.string(),
  grades: z.array(z.object({ code: z.string(), label: z.string() })),
  byKind: z.array(
    z.object({
      ...tallyFigures,
      kind: z.string(),
      label: z.string(),
      campaigns: z.number().int(),
      filesInScope: z.number().int(),
      previous: comparison.extend({ filesReviewed: z.number().int(), campaigns: z.number().int() }),
      change: comparison,
    }),
  ),
  campaigns: z.array(
    z.object({ ...tallyFigures, id: z.string(), name: z.string(), kind: z.string(), kindLabel: z.string(), status: z.string(), statusLabel: z.string(), filesInScope: z.number().int(), coverage: z.number().nullable() }),
  ),
  agencies: z.array(
    z.object({
      ...tallyFigures,
      agencyId: z.string(),
      name: z.string(),
      sector: z.string().nullable(),
      filesInScope: z.number().int(),
      rank: z.number().int().nullable(),
      previous: comparison.extend({ filesReviewed: z.number().int() }),
      change: comparison,
    }),
  ),
  sectors: z.array(z.object({ ...tallyFigures, sector: z.string(), agencies: z.number().int(), previous: comparison.extend({ filesReviewed: z.number().int() }), change: comparison })),
  topProblems: z.array(
    problemItem.extend({
      rank: z.number().int(),
      previous: z.object({ occurrences: z.number().int(), rank: z.number().int().nullable(), share: z.number().nullable() }),
      change: z.object({ occurrences: z.number().int() }),
    }),
  ),
});

const XLSX_NOTE = '返回 xlsx 工作簿（application/vnd.openxmlformats-officedocument.spreadsheetml.sheet），边生成边传输。';

export const exportsRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.get(
    '/case-files/:id/score-sheet.xlsx',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile', scoping: '执法单位只能导出本单位案卷' }),
      schema: {
        tags: ['exports'],
        summary: '导出案卷评查表（xlsx）：逐项分值、扣分、理由与证据，类别得分、总分、等次、否决情形、评查人员与日期',
        description: `${XLSX_NOTE} 案卷尚未定稿返回 409。`,
        params: idParamsSchema,
        response: withErrors({}, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const source = await loadScoreSheet(db, request.params.id);
      return sendWorkbook(request, reply, scoreSheetFileName(source), 'score-sheet.xlsx', (target) => writeScoreSheet(db, request.params.id, target));
    },
  );

  app.get(
    '/campaigns/:id/rectification-list.xlsx',
    {
      config: policy({ allow: ALL_ROLES, resource: 'campaign', scoping: '执法单位只能导出本单位的整改清单（指定其他单位返回 403）' }),
      schema: {
        tags: ['exports'],
        summary: '导出整改清单（xlsx）：一个执法单位或整个评查活动',
        description: XLSX_NOTE,
        params: idParamsSchema,
        querystring: z.object({ agencyId: z.string().min(1).max(100).optional() }),
        response: withErrors({}, 400, 403, 404),
      },
    },
    async (request, reply) => {
      const user = request.user();
      let agencyId = request.query.agencyId;
      if (user.role === 'agency') {
        if (agencyId !== undefined && agencyId !== user.agencyId) throw new AppError(403, 'forbidden', '执法单位只能导出本单位的整改清单', [{ path: 'querystring.agencyId', message: '不是本单位' }]);
        if (!user.agencyId) throw new AppError(403, 'forbidden', '该用户未关联执法单位');
        agencyId = user.agencyId;
      }
      const campaign = await loadCampaign(db, request.params.id);
      let agencyName: string | undefined;
      if (agencyId !== undefined) {
        const agency = await db.selectFrom('agencies').select('name').where('id', '=', agencyId).executeTakeFirst();
        if (!agency) throw new AppError(400, 'validation_failed', `执法单位不存在：${agencyId}`, [{ path: 'querystring.agencyId', message: '未找到该执法单位' }]);
        agencyName = agency.name;
      }
      return sendWorkbook(request, reply, rectificationFileName(campaign, agencyName), 'rectification-list.xlsx', (target) =>
        writeRectificationList(db, campaign.id, target, agencyId === undefined ? {} : { agencyId }),
      );
    },
  );

  app.get(
    '/campaigns/:id/bulletin.xlsx',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: {
        tags: ['exports'],
        summary: '导出评查结果通报表（xlsx）：总体情况、各单位评查结果、问题统计、优秀案卷、不合格案卷、无案卷单位',
        description: XLSX_NOTE,
        params: idParamsSchema,
        response: withErrors({}, 403, 404),
      },
    },
    async (request, reply) => {
      const campaign = await loadCampaign(db, request.params.id);
      return sendWorkbook(request, reply, bulletinFileName(campaign), 'bulletin.xlsx', (target) => writeBulletin(db, campaign.id, target));
    },
  );

  app.get(
    '/campaigns/:id/bulletin',
    {
      config: policy({ allow: ['admin', 'reviewer'], resource: 'campaign' }),
      schema: {
        tags: ['exports'],
        summary: '评查结果通报的统计数据（JSON，与通报表相同的数字）',
        params: idParamsSchema,
        response: withErrors({ 200: bulletinSchema }, 403, 404),
      },
    },
    async (request) => computeBulletin(db, request.params.id),
  );

  app.get(
    '/annual-reports/:year.xlsx',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['exports'],
        summary: '导出年度评查报告（xlsx）：按评查类型、评查活动、执法单位、领域统计，主要问题，与上年比较',
        description: XLSX_NOTE,
        params: yearParamsSchema,
        response: withErrors({}, 400, 403),
      },
    },
    async (request, reply) => {
      const { year } = request.params;
      return sendWorkbook(request, reply, annualReportFileName(year), `annual-report-${year}.xlsx`, (target) => writeAnnualReport(db, year, target));
    },
  );

  app.get(
    '/annual-reports/:year',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['exports'],
        summary: '年度评查报告的统计数据（JSON）',
        params: yearParamsSchema,
        response: withErrors({ 200: annualSchema }, 400, 403),
      },
    },
    async (request) => computeAnnualReport(db, request.params.year),
  );
};
