/** Routes for registers: filled in by its module. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const registersRoutes: FastifyPluginAsyncZod = async () => {};
