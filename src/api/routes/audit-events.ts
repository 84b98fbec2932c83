/** /api/v1/audit-events — the audit trail, read-only: there is no route that edits or deletes events. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN_ONLY, policy } from '../../auth/policy.js';
import { isoDate } from '../../domain/case-file.js';
import { listAuditEvents } from '../../repositories/audit-events.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import { withErrors } from '../schemas.js';

const auditEventSchema = z.object({
  id: z.string(),
  occurredAt: z.string(),
  actor: z.object({ id: z.string(), name: z.string(), role: z.string() }).nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
  requestId: z.string().nullable(),
});

/** A date means its whole day: `from` at its start, `to` at its end (UTC). */
const instant = (edge: 'start' | 'end') =>
  z.union([z.iso.datetime({ offset: true }), isoDate]).transform((v) => {
    if (v.length !== 10) return new Date(v).toISOString();
    return edge === 'start' ? `${v}T00:00:00.000Z` : `${v}T23:59:59.999Z`;
  });

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.get(
    '/audit-events',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['audit'],
        summary: '审计记录（按对象、用户、时间范围查询，分页，新的在前）',
        querystring: pageQuerySchema
          .extend({
            entityType: z.string().optional(),
            entityId: z.string().optional(),
            userId: z.string().optional(),
            action: z.string().optional(),
            from: instant('start').optional(),
            to: instant('end').optional(),
          })
          .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: '结束时间早于开始时间' }),
        response: withErrors({ 200: pageSchema(auditEventSchema) }, 400),
      },
    },
    async (request) => listAuditEvents(db, request.query),
  );
};
