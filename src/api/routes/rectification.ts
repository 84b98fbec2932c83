/** Routes for rectification: filled in by its module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const rectificationRoutes: FastifyPluginAsyncZod = async () => {};
