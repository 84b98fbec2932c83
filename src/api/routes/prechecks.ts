/** /api/v1/case-files/:id/precheck — the machine pre-check (机检) of a case file: read it, or run it again. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { AppError } from '../../errors.js';
import { findStoredPrecheck, runStoredPrecheck, type StoredPrecheck } from '../../checks/precheck-service.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const evidence = z.object({ documentId: z.string(), file: z.string(), documentType: z.string(), page: z.number().int(), quote: z.string() });
const precheckSchema = z.object({
  caseFileId: z.string(),
  ranAt: z.string(),
  scheme: z.object({ id: z.string(), version: z.string() }).nullable(),
  findings: z.array(
    z.object({
      rule: z.string(),
      title: z.string(),
      basis: z.string(),
      message: z.string(),
      evidence: z.array(evidence),
      target: z.object({ kind: z.enum(['item', 'veto']), id: z.string(), number: z.string(), title: z.string() }).nullable(),
      deduction: z.number().nullable(),
    }),
  ),
  undecided: z.array(z.object({ rule: z.string(), title: z.string(), reason: z.string() })),
  passed: z.array(z.string()),
  skipped: z.array(z.string()),
  facts: z.record(z.string(), z.unknown()),
});

const present = (p: StoredPrecheck) => ({
  caseFileId: p.caseFileId,
  ranAt: p.ranAt,
  scheme: p.scheme,
  findings: p.result.findings,
  undecided: p.result.undecided,
  passed: p.result.passed,
  skipped: p.result.skipped,
  facts: p.result.facts as unknown as Record<string, unknown>,
});

export const precheckRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db, schemes, extractor } = app.services;

  app.get(
    '/case-files/:id/precheck',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile', scoping: '执法单位可查看本单位案卷的自查（机检）结果' }),
      schema: {
        tags: ['prechecks'],
        summary: '最近一次机检结果：抽取的要素、发现的问题（规则、依据、证据）、无法判断的规则',
        params: idParamsSchema,
        response: withErrors({ 200: precheckSchema }, 404),
      },
    },
    async (request) => {
      const stored = await findStoredPrecheck(db, request.params.id);
      if (!stored) throw new AppError(404, 'not_found', '该案卷尚未机检（上传的文书抽取完成后自动机检）', [{ path: 'params.id', message: '尚无机检结果' }]);
      return present(stored);
    },
  );

  app.post(
    '/case-files/:id/precheck',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile' }),
      schema: {
        tags: ['prechecks'],
        summary: '重新机检（机检建议会更新到草稿状态的评查中，已确认或驳回的不受影响）',
        params: idParamsSchema,
        response: withErrors({ 200: precheckSchema }, 404),
      },
    },
    async (request) => {
      const stored = await runStoredPrecheck(db, schemes, request.params.id, (input) => extractor.precheck(input));
      await request.audit(db, { action: 'precheck.run', entityType: 'case_file', entityId: request.params.id, after: { findings: stored.result.findings.length, undecided: stored.result.undecided.length } });
      return present(stored);
    },
  );
};
