/**
 * The real app for a benchmark: its own temporary data directory and SQLite file, the real
 * extraction pool and ingest runner, no logging, and the first admin's token. (The bench is
 * built with tsconfig.build.json, which leaves tests/ out, hence this small twin of
 * tests/helpers/app.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import FormData from 'form-data';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import { ensureFirstAdmin } from '../src/auth/accounts.js';

export interface BenchApp {
  app: FastifyInstance;
  token: string;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startBenchApp(prefix = 'pingcha-bench-', overrides: Parameters<typeof configWith>[0] = {}): Promise<BenchApp> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const config = configWith({ dataDir, databasePath: path.join(dataDir, 'pingcha.sqlite'), logLevel: 'silent', ...overrides });
  const app = await buildApp(config, { logger: false });
  await app.ready();
  const admin = await ensureFirstAdmin(app.services.db);
  if (!admin) throw new Error('fresh database already has users');
  const token = admin.token;
  return {
    app,
    token,
    inject: (options) => app.inject({ ...options, headers: { authorization: `Bearer ${token}`, ...options.headers } }),
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Creates an agency and a campaign; returns their ids. */
export async function seedAgencyAndCampaign(t: BenchApp, name = '江州市市场监督管理局'): Promise<{ agencyId: string; campaignId: string }> {
  const agency = await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name, region: '江州市', sector: '市场监管', level: 'city' } });
  const campaign = await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '2025年度行政执法案卷集中评查（基准）', year: 2025, kind: 'concentrated' } });
  if (agency.statusCode !== 201 || campaign.statusCode !== 201) throw new Error(`seed failed: ${agency.body} ${campaign.body}`);
  return { agencyId: agency.json().id as string, campaignId: campaign.json().id as string };
}

/** A multipart body with each part under the field name `file`. */
export function multipartBody(files: readonly { name: string; data: Buffer; contentType: string }[]): { payload: Buffer; headers: Record<string, string> } {
  const form = new FormData();
  for (const f of files) form.append('file', f.data, { filename: f.name, contentType: f.contentType });
  return { payload: form.getBuffer(), headers: form.getHeaders() as Record<string, string> };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const MiB = 1024 * 1024;
