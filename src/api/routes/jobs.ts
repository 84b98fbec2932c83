/** /api/v1/jobs — the extraction job of each upload, to poll for progress. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../../errors.js';
import { listFilesOfJob } from '../../repositories/files.js';
import { findJob, listJobsOfCaseFile } from '../../repositories/ingest-jobs.js';
import { findCaseFile } from '../../repositories/case-files.js';
import { ALL_ROLES, policy } from '../../auth/policy.js';
import { idParamsSchema, jobSchema, storedFileSchema, withErrors } from '../schemas.js';

export const jobRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.get(
    '/jobs/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'job' }),
      schema: {
        tags: ['jobs'],
        summary: '抽取任务状态与进度（queued / running / done / failed）',
        params: idParamsSchema,
        response: withErrors({ 200: jobSchema.extend({ files: z.array(storedFileSchema) }) }, 404),
      },
    },
    async (request) => {
      const job = await findJob(db, request.params.id);
      if (!job) throw notFound('任务', request.params.id);
      return { ...job, files: await listFilesOfJob(db, job.id) };
    },
  );

  app.get(
    '/case-files/:id/jobs',
    {
      config: policy({ allow: ALL_ROLES, resource: 'caseFile' }),
      schema: { tags: ['jobs'], summary: '案卷的抽取任务', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(jobSchema) }) }, 404) },
    },
    async (request) => {
      if (!(await findCaseFile(db, request.params.id))) throw notFound('案卷', request.params.id);
      return { items: await listJobsOfCaseFile(db, request.params.id) };
    },
  );
};
