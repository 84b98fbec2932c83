/**
 * buildApp(config): the whole service as a Fastify instance — database, storage, extraction
 * pool, background ingest runner, and the HTTP routes. Tests build it with their own config
 * and call it through app.inject; server.ts listens.
 */
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import multipart from '@fastify/multipart';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import './zod-locale.js';
import type { Config } from './config.js';
import { openDatabase, type Db } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { createBlobStore, type BlobStore } from './storage/blob-store.js';
import { createExtractorPool, type Extractor } from './ingest/extractor-pool.js';
import { createIngestRunner, type IngestRunner } from './ingest/job-runner.js';
import { sweepOrphanBlobs } from './storage/orphan-sweep.js';
import { SchemeStore } from './scoring/scheme-store.js';
import { runStoredPrecheck } from './checks/precheck-service.js';
import { registerAuthorization } from './auth/authorization-plugin.js';
import { createPrincipalCache } from './auth/principal-cache.js';
import { registerErrorHandler } from './api/plugins/error-handler.js';
import { registerSecurityHeaders } from './api/plugins/security-headers.js';
import { registerOpenApi } from './api/plugins/openapi.js';
import { healthRoutes } from './api/routes/health.js';
import { agencyRoutes } from './api/routes/agencies.js';
import { campaignRoutes } from './api/routes/campaigns.js';
import { caseFileRoutes } from './api/routes/case-files.js';
import { documentRoutes } from './api/routes/documents.js';
import { jobRoutes } from './api/routes/jobs.js';
import { userRoutes } from './api/routes/users.js';
import { auditRoutes } from './api/routes/audit-events.js';
import { schemeRoutes } from './api/routes/schemes.js';
import { reviewRoutes } from './api/routes/reviews.js';
import { resultRoutes } from './api/routes/results.js';
import { precheckRoutes } from './api/routes/prechecks.js';
import { registersRoutes } from './api/routes/registers.js';
import { samplingsRoutes } from './api/routes/samplings.js';
import { rectificationRoutes } from './api/routes/rectification.js';
import { exportsRoutes } from './api/routes/exports.js';
import { createReplyCache, type ReplyCache } from './api/reply-cache.js';


export interface AppServices {
  config: Config;
  schemes: SchemeStore;
  db: Db;
  blobs: BlobStore;
  extractor: Extractor;
  runner: IngestRunner;
  replies: ReplyCache;
}

declare module 'fastify' {
  interface FastifyInstance {
    services: AppServices;
  }
}

export interface BuildOptions {
  logger?: FastifyServerOptions['logger'];
  /** Process ingest jobs in this instance (default true). */
  runJobs?: boolean;
  /** Fail (500) any successful state-changing request that wrote no audit event — for tests. */
  strictAudit?: boolean;
}

export async function buildApp(config: Config, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // Tokens travel only in the Authorization header, which is never logged.
    logger: options.logger ?? { level: config.logLevel, redact: { paths: ['req.headers.authorization', 'headers.authorization'], censor: '[redacted]' } },
    bodyLimit: config.bodyLimitBytes,
    // Uploads of large volumes take time; only idle keep-alive sockets are cut short.
    requestTimeout: 0,
    // Request ids are kept in the audit trail, so they must stay unique across restarts.
    genReqId: () => randomUUID(),
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // Clients often send `content-type: application/json` with no body on action routes
  // (POST …/submit); treat an empty body as no body rather than as malformed JSON.
  const jsonParser = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = String(body);
    if (text.trim() === '') done(null, undefined);
    else jsonParser(request, text, done);
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  // Resolved tokens, remembered until a user or token changes (auth/principal-cache.ts).
  const principals = createPrincipalCache();
  const db = openDatabase(config.databasePath, { plugins: [principals.watchPlugin] });
  await migrateToLatest(db);
  const blobs = createBlobStore(config.dataDir);
  await blobs.clearTemp();
  await sweepOrphanBlobs(db, blobs, app.log);
  const schemes = await SchemeStore.open(db, config.schemesDir, app.log);
  const extractor = createExtractorPool(config.extraction);
  const runner = createIngestRunner({
    db,
    blobs,
    extractor,
    log: app.log,
    concurrency: config.extraction.workers,
    // New documents: run the machine pre-check on the case file.
    afterJob: async (caseFileId) => void (await runStoredPrecheck(db, schemes, caseFileId, (input) => extractor.precheck(input))),
  });
  // Remembered list replies, valid while the database is unchanged (api/reply-cache.ts).
  const replies = createReplyCache(db, config.replyCacheBytes);
  app.decorate('services', { config, schemes, db, blobs, extractor, runner, replies });

  registerErrorHandler(app);
  // First of the onRequest hooks, so refused requests get the headers too.
  registerSecurityHeaders(app, {
    // The Swagger UI at /docs loads its own scripts and styles from /docs/static. No
    // upgrade-insecure-requests: the service is often reached over plain HTTP on a LAN.
    contentSecurityPolicy: {
      directives: { defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:'], upgradeInsecureRequests: null },
    },
  });
  registerAuthorization(app, { db, principals, failureLimit: config.auth.failuresPerMinute, failureWindowMs: 60_000, strictAudit: options.strictAudit ?? false });
  await registerOpenApi(app);
  await app.register(multipart, {
    limits: {
      fileSize: config.upload.maxFileBytes,
      files: config.upload.maxFiles,
      fields: 20,
      fieldSize: 64 * 1024,
      parts: config.upload.maxFiles + 20,
    },
  });

  await app.register(healthRoutes);
  await app.register(
    async (api) => {
      await api.register(agencyRoutes);
      await api.register(campaignRoutes);
      await api.register(caseFileRoutes);
      await api.register(documentRoutes);
      await api.register(jobRoutes);
      await api.register(userRoutes);
      await api.register(auditRoutes);
      await api.register(schemeRoutes);
      await api.register(reviewRoutes);
      await api.register(resultRoutes);
      await api.register(precheckRoutes);
      await api.register(registersRoutes);
      await api.register(samplingsRoutes);
      await api.register(rectificationRoutes);
      await api.register(exportsRoutes);
    },
    { prefix: '/api/v1' },
  );

  if (options.runJobs ?? true) app.addHook('onReady', () => runner.start());
  app.addHook('onClose', async () => {
    await runner.stop(() => extractor.close());
    await extractor.close();
    await db.destroy();
  });
  return app;
}
