/** Routes for samplings: filled in by its module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const samplingsRoutes: FastifyPluginAsyncZod = async () => {};
