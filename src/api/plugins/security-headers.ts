/**
 * Security headers (helmet) on every reply, errors included, with helmet's middleware built
 * once at start.
 *
 * Why not @fastify/helmet: it calls helmet(options) on every request, which rebuilds all of
 * helmet's header middlewares and parses the Content-Security-Policy directives again each
 * time: 3–4% of the CPU of a case-file list request when idle, 7% under ingest load (profiled,
 * docs/performance.md). The headers sent are the same.
 *
 * The hook is added to the root instance before any other onRequest hook, so replies that
 * authentication refuses (401, 429) carry the headers too.
 */
import type { FastifyInstance } from 'fastify';
import helmet, { type HelmetOptions } from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance, options: Readonly<HelmetOptions>): void {
  const applyHeaders = helmet(options);
  app.addHook('onRequest', (request, reply, done) => {
    applyHeaders(request.raw, reply.raw, (error?: unknown) => done(error === undefined ? undefined : (error as Error)));
  });
}
