/**
 * The real app for a benchmark: its own temporary data directory and SQLite file, the real
 * extraction pool and ingest runner, no logging, and the first admin's token. (The bench is
 * built with tsconfig.build.json, which leaves tests/ out, hence this small twin of
 * tests/helpers/app.ts.)
 */
import fs from 'node:fs';
import http from 'node:http';
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

/**
 * Uploads a file to a listening app as one multipart part named `file`, streamed from disk
 * over loopback as a client would send it, so the server's memory is not inflated by a body
 * held whole in this process. Returns the status and the reply body.
 */
export function uploadFile(
  baseUrl: string,
  token: string,
  urlPath: string,
  file: { path: string; name: string; contentType: string },
): Promise<{ statusCode: number; body: string }> {
  const boundary = `----pingcha-bench-${process.pid}-${Date.now()}`;
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name.replace(/["\r\n]/g, '_')}"\r\nContent-Type: ${file.contentType}\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + fs.statSync(file.path).size + tail.length;
  return new Promise((resolve, reject) => {
    const request = http.request(
      new URL(urlPath, baseUrl),
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': length } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (c: Buffer) => chunks.push(c));
        response.on('end', () => resolve({ statusCode: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.write(head);
    const source = fs.createReadStream(file.path);
    source.on('error', reject);
    source.on('end', () => request.end(tail));
    source.pipe(request, { end: false });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
export const MiB = 1024 * 1024;
