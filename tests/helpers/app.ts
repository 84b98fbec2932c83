/**
 * Builds the real app for a test file: its own temporary data directory and SQLite file,
 * the real extraction worker pool, no logging. Everything goes through app.inject.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import FormData from 'form-data';
import { buildApp } from '../../src/app.js';
import { configWith, type Config } from '../../src/config.js';
import { createAccountAudited, ensureFirstAdmin } from '../../src/auth/accounts.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  dataDir: string;
  /** The first admin's token, as `npm start` would print it. */
  adminToken: string;
  /** A request as the admin. */
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  /** A request with this token (null: no Authorization header). */
  injectAs(token: string | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function buildTestApp(overrides: Parameters<typeof configWith>[0] = {}): Promise<TestApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-test-'));
  const config = configWith({ dataDir, databasePath: path.join(dataDir, 'pingcha.sqlite'), logLevel: 'silent', extraction: { workers: 1 }, ...overrides });
  // strictAudit: a state-changing route that forgets its audit event fails its tests.
  const app = await buildApp(config, { logger: false, strictAudit: true });
  await app.ready();
  // A reused database already has its admin: make another for this test app.
  const adminToken = ((await ensureFirstAdmin(app.services.db)) ?? (await createAccountAudited(app.services.db, { name: '测试管理员', role: 'admin' }, null, 'user.create_cli'))).token;
  const injectAs = (token: string | null, options: InjectOptions) =>
    app.inject({ ...options, headers: { ...(token && { authorization: `Bearer ${token}` }), ...options.headers } });
  return {
    app,
    config,
    dataDir,
    adminToken,
    injectAs,
    inject: (options) => injectAs(adminToken, options),
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface UploadPart {
  name: string;
  data: Buffer;
  contentType?: string;
}

/** A multipart body with each part under the field name `file`. */
export function multipart(files: readonly UploadPart[], field = 'file') {
  const form = new FormData();
  for (const f of files) form.append(field, f.data, { filename: f.name, contentType: f.contentType ?? 'application/pdf' });
  return { payload: form.getBuffer(), headers: form.getHeaders() };
}

/** A valid 统一社会信用代码 for tests: body + computed check character. */
export { creditCodeCheckCharacter } from '../../src/domain/identifiers.js';

let agencyCounter = 0;

/** Creates an agency and a campaign to attach case files to. */
export async function seedAgencyAndCampaign(t: TestApp) {
  agencyCounter++;
  const agency = await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: `测试区市场监督管理局${agencyCounter}`, region: '测试区', sector: '市场监管', level: 'county' } });
  const campaign = await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '2025年度行政执法案卷集中评查', year: 2025, kind: 'concentrated' } });
  if (agency.statusCode !== 201 || campaign.statusCode !== 201) throw new Error(`seed failed: ${agency.body} ${campaign.body}`);
  return { agencyId: agency.json().id as string, campaignId: campaign.json().id as string };
}

export const validCaseFile = (ids: { agencyId: string; campaignId: string }, overrides: Record<string, unknown> = {}) => ({
  ...ids,
  caseNumber: '沪徐市监处罚〔2024〕0312号',
  caseType: 'penalty_general',
  cause: '销售超过保质期的食品案',
  party: { name: '上海某某贸易有限公司', kind: 'organization', creditCode: '91310104MA1FL0XX5P' },
  dates: { filedOn: '2024-03-01', notifiedOn: '2024-04-10', decidedOn: '2024-04-25', servedOn: '2024-04-26', closedOn: '2024-05-20' },
  amounts: { fine: 12000, confiscation: 870.5 },
  officers: [
    { name: '张某', certificateNumber: '31010420001' },
    { name: '李某', certificateNumber: '31010420002' },
  ],
  flags: { hearingHeld: false, majorDecision: false },
  ...overrides,
});

/** Polls a job until it is done or failed. */
export async function waitForJob(t: Pick<TestApp, 'inject'>, jobId: string, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await t.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}` });
    const job = res.json();
    if (job.status === 'done' || job.status === 'failed') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every file under a directory, relative, for "nothing left behind" checks. */
export function listFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
}
