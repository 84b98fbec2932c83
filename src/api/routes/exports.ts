/** Routes for exports: filled in by its module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const exportsRoutes: FastifyPluginAsyncZod = async () => {};
