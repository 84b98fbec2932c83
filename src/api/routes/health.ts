/** GET /health: is the process up and its database answering. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import { policy } from '../../auth/policy.js';

export const healthRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/health',
    {
      config: policy({ allow: 'public' }),
      schema: {
        tags: ['system'],
        summary: '健康检查',
        response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok'), uptimeSeconds: z.number() }) },
      },
    },
    async () => {
      await sql`select 1`.execute(app.services.db);
      return { status: 'ok' as const, database: 'ok' as const, uptimeSeconds: Math.round(process.uptime()) };
    },
  );
};
