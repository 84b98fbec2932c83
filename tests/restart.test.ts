/**
 * Kill the real server (SIGKILL) in the middle of an extraction, start it again on the same
 * data directory, and the job finishes: nothing half-written, nothing extracted twice.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { validCaseFile } from './helpers/app.js';
import { largeCidPdf } from './helpers/pdf-fixtures.js';

const root = path.resolve(import.meta.dirname, '..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-restart-'));
let server: ChildProcess | undefined;

afterAll(() => {
  server?.kill('SIGKILL');
  fs.rmSync(dataDir, { recursive: true, force: true });
});

let adminToken = '';

/** Starts `pingcha serve`; on the first start it also picks up the admin token it prints. */
async function startServer(): Promise<{ base: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [path.join(root, 'bin/pingcha.js'), 'serve'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, EXTRACT_WORKERS: '1', LOG_LEVEL: 'info' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const token = /(pc_[A-Za-z0-9_-]{43})/.exec(output);
      if (token) adminToken ||= token[1]!;
      const match = /pingcha API: (http:\/\/[\d.]+:\d+)\/api\/v1/.exec(output);
      if (match) resolve(match[1]!);
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { base, process: child };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- replies are checked by the assertions
const json = async (res: Response): Promise<any> => {
  const body = await res.json();
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`);
  return body;
};

describe('restart during extraction', () => {
  it('requeues the interrupted job at start and finishes it', async () => {
    let { base, process: child } = await startServer();
    server = child;
    expect(adminToken).toMatch(/^pc_/);
    const auth = () => ({ authorization: `Bearer ${adminToken}` });
    const get = (url: string) => fetch(base + url, { headers: auth() }).then(json);
    const post = (url: string, body: object) =>
      fetch(base + url, { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body: JSON.stringify(body) }).then(json);
    const agency = await post('/api/v1/agencies', { name: '重启测试市场监督管理局' });
    const campaign = await post('/api/v1/campaigns', { name: '重启测试评查', year: 2025, kind: 'concentrated' });
    const caseFile = await post('/api/v1/case-files', validCaseFile({ agencyId: agency.id, campaignId: campaign.id }));

    // Two 400-page volumes in one upload: kill once the first is stored and the second is under way.
    const form = new FormData();
    form.append('file', new Blob([await largeCidPdf(400)], { type: 'application/pdf' }), 'part1.pdf');
    form.append('file', new Blob([await largeCidPdf(401)], { type: 'application/pdf' }), 'part2.pdf');
    const { job } = await fetch(`${base}/api/v1/case-files/${caseFile.id}/documents`, { method: 'POST', headers: auth(), body: form }).then(json);

    let seen: { status: string; progress: { pagesDone: number } };
    do {
      await new Promise((r) => setTimeout(r, 10));
      seen = await get(`/api/v1/jobs/${job.id}`);
    } while (seen.status !== 'done' && seen.progress.pagesDone < 400);
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    expect(seen.status).toBe('running'); // the kill really happened mid-job

    ({ base, process: child } = await startServer());
    server = child;
    let finished;
    for (;;) {
      finished = await get(`/api/v1/jobs/${job.id}`);
      if (finished.status === 'done' || finished.status === 'failed') break;
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(finished).toMatchObject({ status: 'done', progress: { pagesDone: 801, pagesTotal: 801 }, attempts: 2 });
    expect(finished.files.map((f: { status: string }) => f.status)).toEqual(['extracted', 'extracted']);

    const pages1 = await get(`/api/v1/files/${finished.files[0].id}/pages`);
    const pages2 = await get(`/api/v1/files/${finished.files[1].id}/pages`);
    expect(pages1.items).toHaveLength(400);
    expect(pages2.items).toHaveLength(401);
    const documents = (await get(`/api/v1/case-files/${caseFile.id}/documents`)).items;
    const coverage = (fileId: string) => documents.filter((d: { fileId: string }) => d.fileId === fileId).reduce((n: number, d: { pageCount: number }) => n + d.pageCount, 0);
    expect(coverage(finished.files[0].id)).toBe(400);
    expect(coverage(finished.files[1].id)).toBe(401);
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
    server = undefined;
  }, 180_000);
});
