/**
 * The HTTP API under autocannon, on loopback (issue 7, items 2 and 3).
 *
 * The real app listens on 127.0.0.1 (a free port) with ~200 case files; autocannon runs in a
 * worker thread (bench/load.ts), so the client does not share the server's event loop.
 *  (a) idle: GET /api/v1/case-files?limit=20 as the admin, repeated — after the first
 *      request the reply comes from the reply cache (src/api/reply-cache.ts), as it would for
 *      a page read again while nothing changed;
 *  (a′) idle, cache off (REPLY_CACHE_MIB=0): a second app with the same data, every request
 *      reading the database and serialising the page — the cost of a page that did change;
 *  (b) ceiling: a bare Fastify app on another port, one GET route returning the same JSON
 *      (captured once from the real endpoint, held in memory) — what the API costs over it;
 *  (c) under load: the same read while sample volumes are uploaded over HTTP to fresh case
 *      files and extracted in the background (the ingest queue is kept busy for the whole
 *      measured window).
 * Everything is closed at the end; the temporary data directory is removed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { multipartBody, seedAgencyAndCampaign, sleep, startBenchApp } from './bench-app.js';
import { runLoad, type LoadFigure } from './load.js';
import { creditCodeCheckCharacter } from '../src/domain/identifiers.js';
import { applyRuntimeV8Flags } from '../src/runtime/v8-tuning.js';

export interface ApiBenchOptions {
  quick: boolean;
  connections?: number;
  caseFiles?: number;
}

export interface ApiBenchFigure {
  connections: number;
  warmupSeconds: number;
  seconds: number;
  caseFiles: number;
  bodyBytes: number;
  idle: LoadFigure;
  /** The same read on an identical app with the reply cache off. */
  idleUncached: LoadFigure;
  ceiling: LoadFigure;
  underLoad: LoadFigure;
  ingest: { uploads: number; filesPerUpload: string; jobsDone: number; jobsFailed: number; jobsQueuedAtEnd: number; uploadMs: { p50: number; max: number } };
  /** p99 under load ÷ p99 idle. */
  p99Ratio: number;
  /** Real endpoint req/s ÷ bare route req/s. */
  share: number;
  /** The same with the reply cache off. */
  shareUncached: number;
}

const root = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

interface SampleCase {
  name: string;
  caseFile: Record<string, unknown>;
  files: { name: string; data: Buffer; contentType: string }[];
}

function loadSamples(): SampleCase[] {
  const dir = path.join(root, 'samples/cases');
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const meta = JSON.parse(fs.readFileSync(path.join(dir, name, 'metadata.json'), 'utf8')) as { caseFile: Record<string, unknown> };
      const files = fs
        .readdirSync(path.join(dir, name))
        .filter((f) => f.endsWith('.pdf'))
        .sort()
        .map((f) => ({ name: f, data: fs.readFileSync(path.join(dir, name, f)), contentType: 'application/pdf' }));
      return { name, caseFile: meta.caseFile, files };
    })
    .filter((s) => s.files.length > 0);
}

const CAUSES = ['销售超过保质期的食品案', '未取得食品经营许可从事食品经营案', '占用城市道路堆放物料案', '超标排放大气污染物案', '违法储存危险化学品案', '道路运输车辆超限运输案'];

/** A valid 统一社会信用代码 per case: 91390108MA + seven digits + its check character. */
function creditCode(i: number): string {
  const body = `91390108MA${String(1_000_000 + i).slice(-7)}`;
  return body + creditCodeCheckCharacter(body)!;
}

function benchCaseFile(ids: { agencyId: string; campaignId: string }, i: number) {
  return {
    ...ids,
    caseNumber: `江市监罚〔2025〕${i + 1}号`,
    caseType: 'penalty_general',
    cause: CAUSES[i % CAUSES.length]!,
    party: { name: `江州市某某贸易有限公司${i + 1}`, kind: 'organization', creditCode: creditCode(i) },
    dates: { filedOn: '2025-03-01', notifiedOn: '2025-04-10', decidedOn: '2025-04-25', servedOn: '2025-04-26', closedOn: '2025-05-20' },
    amounts: { fine: 1000 + (i % 50) * 100 },
    officers: [
      { name: '张某', certificateNumber: '39010420001' },
      { name: '李某', certificateNumber: '39010420002' },
    ],
    flags: { hearingHeld: false, majorDecision: false },
  };
}

export async function benchApi(options: ApiBenchOptions): Promise<ApiBenchFigure> {
  const connections = options.connections ?? 10;
  const warmupSeconds = options.quick ? 1 : 2;
  const seconds = options.quick ? 3 : 8;
  const caseFiles = options.caseFiles ?? 200;
  const t = await startBenchApp('pingcha-bench-api-');
  const bare = Fastify({ logger: false });
  try {
    const seed = async (app: typeof t) => {
      const ids = await seedAgencyAndCampaign(app);
      for (let i = 0; i < caseFiles; i++) {
        const res = await app.inject({ method: 'POST', url: '/api/v1/case-files', payload: benchCaseFile(ids, i) });
        if (res.statusCode !== 201) throw new Error(`seeding case file ${i}: ${res.statusCode} ${res.body}`);
      }
      return ids;
    };
    const ids = await seed(t);
    const address = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const base = address.replace('localhost', '127.0.0.1');
    const headers = { authorization: `Bearer ${t.token}` };
    const readUrl = `${base}/api/v1/case-files?limit=20`;

    // The body the real endpoint returns, captured once for the bare route.
    const captured = await fetch(readUrl, { headers });
    if (captured.status !== 200) throw new Error(`GET case-files: ${captured.status} ${await captured.text()}`);
    const bodyText = await captured.text();
    const body = JSON.parse(bodyText) as { items: unknown[]; total: number };
    if (body.items.length !== 20 || body.total !== caseFiles) throw new Error(`unexpected list: ${body.items.length} items, total ${body.total}`);

    const load = (url: string) => runLoad({ url, connections, warmupSeconds, seconds, headers });

    // (a) Idle.
    const idle = await load(readUrl);

    // (a′) Idle with the reply cache off, on an identical app (same data, same JSON size).
    let idleUncached: LoadFigure;
    {
      const u = await startBenchApp('pingcha-bench-api-nocache-', { replyCacheBytes: 0 });
      try {
        await seed(u);
        const uAddress = (await u.app.listen({ host: '127.0.0.1', port: 0 })).replace('localhost', '127.0.0.1');
        idleUncached = await runLoad({ url: `${uAddress}/api/v1/case-files?limit=20`, connections, warmupSeconds, seconds, headers: { authorization: `Bearer ${u.token}` } });
      } finally {
        await u.close();
      }
    }

    // (b) Ceiling: a bare route serving the same JSON from memory.
    bare.get('/api/v1/case-files', async () => body);
    const bareAddress = await bare.listen({ host: '127.0.0.1', port: 0 });
    const ceiling = await load(`${bareAddress.replace('localhost', '127.0.0.1')}/api/v1/case-files?limit=20`);
    await bare.close();

    // (c) Under ingest load: uploads over HTTP to fresh case files, one at a time, keeping
    // the ingest queue a few jobs deep until the measurement ends.
    const samples = loadSamples();
    const maxUploads = options.quick ? 30 : 60;
    let stop = false;
    let uploads = 0;
    const uploadMs: number[] = [];
    const jobIds: string[] = [];
    const queued = async () =>
      Number(
        (
          await t.app.services.db
            .selectFrom('ingest_jobs')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('status', 'in', ['queued', 'running'])
            .executeTakeFirstOrThrow()
        ).n,
      );
    const uploader = (async () => {
      while (!stop && uploads < maxUploads) {
        if ((await queued()) >= 4) {
          await sleep(100);
          continue;
        }
        const sample = samples[uploads % samples.length]!;
        const t0 = performance.now();
        const created = await fetch(`${base}/api/v1/case-files`, {
          method: 'POST',
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify({ ...sample.caseFile, ...ids, caseNumber: `江市监罚〔2025〕${10_000 + uploads}号` }),
        });
        if (created.status !== 201) throw new Error(`creating case file for upload: ${created.status} ${await created.text()}`);
        const caseFileId = ((await created.json()) as { id: string }).id;
        const { payload, headers: formHeaders } = multipartBody(sample.files);
        const res = await fetch(`${base}/api/v1/case-files/${caseFileId}/documents`, { method: 'POST', headers: { ...headers, ...formHeaders }, body: payload });
        if (res.status !== 202) throw new Error(`upload ${sample.name}: ${res.status} ${await res.text()}`);
        jobIds.push(((await res.json()) as { job: { id: string } }).job.id);
        uploadMs.push(performance.now() - t0);
        uploads++;
      }
    })();
    // Let the first jobs start before the warm-up begins.
    await sleep(300);
    let underLoad: LoadFigure;
    try {
      underLoad = await load(readUrl);
    } finally {
      stop = true;
      await uploader;
    }
    const jobs = await t.app.services.db.selectFrom('ingest_jobs').select(['status']).where('id', 'in', jobIds.length > 0 ? jobIds : ['-']).execute();
    const count = (s: string) => jobs.filter((j) => j.status === s).length;
    uploadMs.sort((a, b) => a - b);
    return {
      connections,
      warmupSeconds,
      seconds,
      caseFiles,
      bodyBytes: Buffer.byteLength(bodyText),
      idle,
      idleUncached,
      ceiling,
      underLoad,
      ingest: {
        uploads,
        filesPerUpload: samples.map((s) => s.files.length).join('/'),
        jobsDone: count('done'),
        jobsFailed: count('failed'),
        jobsQueuedAtEnd: count('queued') + count('running'),
        uploadMs: { p50: Math.round(uploadMs[Math.floor(uploadMs.length / 2)] ?? 0), max: Math.round(uploadMs.at(-1) ?? 0) },
      },
      p99Ratio: Math.round((underLoad.p99 / Math.max(1, idle.p99)) * 100) / 100,
      share: Math.round((idle.rps / Math.max(1, ceiling.rps)) * 1000) / 1000,
      shareUncached: Math.round((idleUncached.rps / Math.max(1, ceiling.rps)) * 1000) / 1000,
    };
  } finally {
    await bare.close().catch(() => undefined);
    await t.close();
  }
}

// `node dist/bench/api.js [--quick]` runs it alone.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  applyRuntimeV8Flags();
  console.log(JSON.stringify(await benchApi({ quick: process.argv.includes('--quick') }), null, 2));
}
