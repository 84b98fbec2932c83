/**
 * Register import at scale (issue 7, items 5 and 7): xlsx registers of 1k, 10k and 100k rows
 * (written once with exceljs's streaming writer and cached in the temp directory), each
 *  (a) read bare: createWorkbookReader (exceljs's streaming reader with pingcha's UTF-8 fix,
 *      the same options the import uses) iterating every row and touching its values;
 *  (b) imported by pingcha: POST /api/v1/campaigns/:id/register?agencyId=… (multipart, over
 *      loopback HTTP, streamed from disk) into a fresh app, with wall time and peak RSS (sampled every 20 ms
 *      from a worker thread, so a busy main thread does not hide a peak).
 * bench/run.ts runs the bare read and the import each in a fresh child process
 * (benchRegisterImportsIsolated), so the import's peak RSS is that of a server process doing
 * it — app included — and neither the bare read nor earlier benchmarks inflate it; the figure
 * above the baseline (taken just before the request) is reported too.
 *
 * Each register is one file and one upload (an upload holds up to MAX_REGISTER_ROWS,
 * 200,000 rows): the import stages rows in the database as it reads, so memory does not grow
 * with the number of rows.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { createWorkbookReader } from '../src/xlsx/workbook-reader.js';
import { MAX_REGISTER_ROWS } from '../src/xlsx/register-file.js';
import { MiB, seedAgencyAndCampaign, sleep, startBenchApp, uploadFile } from './bench-app.js';
import { sampleRss } from './load.js';
import { random } from './random.js';
import { applyRuntimeV8Flags } from '../src/runtime/v8-tuning.js';
import { median } from './stats.js';

export interface RegisterImportFigure {
  rows: number;
  /** The files uploaded: always one (kept for bench/run.ts and earlier results). */
  files: number;
  bytes: number;
  generateMs: number | null;
  /** The median of the bare reads (bareReadRunsMs). */
  bareReadMs: number;
  bareReadRunsMs: number[];
  /** The median of the imports (importRunsMs); the peak RSS is the highest of them. */
  importMs: number;
  importRunsMs: number[];
  imported: number;
  ratio: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
  peakAboveBaselineMiB: number;
}

const execFileAsync = promisify(execFile);
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['案号', '案由', '案件类型', '当事人', '立案日期', '结案日期', '罚没金额', '承办人'];
const CAUSES = ['销售超过保质期的食品案', '未取得食品经营许可从事食品经营案', '占用城市道路堆放物料案', '超标排放大气污染物案', '违法储存危险化学品案', '道路运输车辆超限运输案', '销售不符合食品安全标准的食品案', '未按规定公示营业执照案'];
const TYPES = ['行政处罚-普通程序', '行政处罚-普通程序', '行政处罚-普通程序', '行政处罚-简易程序', '行政强制', '行政许可', '行政检查'];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const DAY = 86_400_000;
/** Bump when the generated content changes, so stale cached files are not reused. */
const GENERATOR_VERSION = 1;

const cacheDir = () => path.join(os.tmpdir(), 'pingcha-bench-registers');

/** Rows [from, to) of the bench register (1-based row ids in the case numbers), seeded. */
async function writeRegister(file: string, from: number, to: number): Promise<void> {
  const next = random(20250000 + from);
  const tmp = `${file}.${process.pid}.tmp`;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: tmp, useStyles: true, useSharedStrings: true });
  const sheet = workbook.addWorksheet('案件台账');
  sheet.columns = HEADERS.map((h, i) => ({ header: h, key: `c${i}`, width: i === 0 ? 32 : 16, style: i === 4 || i === 5 ? { numFmt: 'yyyy-mm-dd' } : {} }));
  const start = Date.UTC(2025, 0, 1);
  for (let i = from; i < to; i++) {
    const filed = start + Math.floor(next() * 300) * DAY;
    const closed = filed + (1 + Math.floor(next() * 60)) * DAY;
    const fine = next() < 0.2 ? null : Math.round(next() * 200_000) / 2;
    const a = SURNAMES[Math.floor(next() * SURNAMES.length)]!;
    const b = SURNAMES[Math.floor(next() * SURNAMES.length)]!;
    sheet
      .addRow([
        `江市监罚〔2025〕${i}号`,
        CAUSES[Math.floor(next() * CAUSES.length)]!,
        TYPES[Math.floor(next() * TYPES.length)]!,
        next() < 0.7 ? `江州市某某商贸有限公司第${i}分店` : `${a}某${i % 1000}`,
        new Date(filed),
        new Date(closed),
        fine,
        `${a}某、${b}某`,
      ])
      .commit();
  }
  sheet.commit();
  await workbook.commit();
  fs.renameSync(tmp, file);
}

/** The cached register file of rows [from, to), written if missing; returns its path and the time it took. */
async function registerFile(name: string, from: number, to: number): Promise<{ file: string; generateMs: number | null }> {
  fs.mkdirSync(cacheDir(), { recursive: true });
  const file = path.join(cacheDir(), `v${GENERATOR_VERSION}-${name}.xlsx`);
  if (fs.existsSync(file)) return { file, generateMs: null };
  const t0 = performance.now();
  await writeRegister(file, from, to);
  return { file, generateMs: Math.round(performance.now() - t0) };
}

/** The bare read: every row of the first worksheet, as the import reads it. */
export async function bareRead(file: string): Promise<{ ms: number; rows: number }> {
  const t0 = performance.now();
  const reader = createWorkbookReader(file, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit' });
  let rows = 0;
  let cells = 0;
  for await (const sheet of reader) {
    for await (const row of sheet) {
      rows++;
      cells += (row.values as unknown[]).length;
    }
    break;
  }
  if (cells === 0) throw new Error(`bare read of ${file}: no cells`);
  return { ms: Math.round(performance.now() - t0), rows };
}

/** Time to read the register bare (a). */
export async function benchBareRead(rows: number): Promise<{ bareReadMs: number; bytes: number; generateMs: number | null }> {
  if (rows > MAX_REGISTER_ROWS) throw new Error(`one upload holds at most ${MAX_REGISTER_ROWS} rows`);
  const { file, generateMs } = await registerFile(`register-${rows}`, 1, rows + 1);
  const bare = await bareRead(file);
  if (bare.rows !== rows + 1) throw new Error(`bare read: ${bare.rows} rows`);
  return { bareReadMs: bare.ms, bytes: fs.statSync(file).size, generateMs };
}

/**
 * Imports the register into a fresh app (b), listening on loopback, the file uploaded over
 * HTTP and streamed from disk as a client would send it: wall time and peak RSS of this process.
 */
export async function benchImport(rows: number): Promise<{ importMs: number; imported: number; rssBeforeMiB: number; peakRssMiB: number; peakAboveBaselineMiB: number }> {
  const { file } = await registerFile(`register-${rows}`, 1, rows + 1);
  const t = await startBenchApp('pingcha-bench-register-');
  try {
    const baseUrl = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const { agencyId, campaignId } = await seedAgencyAndCampaign(t);
    const url = `/api/v1/campaigns/${campaignId}/register?agencyId=${agencyId}`;
    // With --expose-gc (as benchRegisterImportsIsolated runs it): a baseline without set-up garbage.
    (globalThis as { gc?: () => void }).gc?.();
    const sampler = sampleRss(20);
    await sleep(100);
    const rssBefore = process.memoryUsage.rss();
    const t0 = performance.now();
    const res = await uploadFile(baseUrl, t.token, url, { path: file, name: '案件台账.xlsx', contentType: XLSX_TYPE });
    const importMs = Math.round(performance.now() - t0);
    const peak = await sampler.stop();
    if (res.statusCode !== 201) throw new Error(`register import: ${res.statusCode} ${res.body.slice(0, 500)}`);
    const imported = (JSON.parse(res.body) as { imported: number }).imported;
    if (imported !== rows) throw new Error(`imported ${imported} of ${rows} rows`);
    return { importMs, imported, rssBeforeMiB: Math.round(rssBefore / MiB), peakRssMiB: Math.round(peak / MiB), peakAboveBaselineMiB: Math.round((peak - rssBefore) / MiB) };
  } finally {
    await t.close();
  }
}

/**
 * Each step runs this many times, each in a fresh process, and the medians are compared (the
 * import's peak RSS is the highest of its runs): single runs of either move by ±20% on 2 cores,
 * and repeating a step within one process slows later runs down.
 */
const RUNS = 3;

type BareStep = Awaited<ReturnType<typeof benchBareRead>> & { bareReadRunsMs: number[] };
type ImportStep = Awaited<ReturnType<typeof benchImport>> & { importRunsMs: number[] };

const figureOf = (rows: number, bare: BareStep, imp: ImportStep): RegisterImportFigure => ({
  rows,
  files: 1,
  bytes: bare.bytes,
  generateMs: bare.generateMs,
  bareReadMs: bare.bareReadMs,
  bareReadRunsMs: bare.bareReadRunsMs,
  ...imp,
  ratio: Math.round((imp.importMs / Math.max(1, bare.bareReadMs)) * 100) / 100,
});

/**
 * The scale curve with each step in a fresh Node process, as a server would run it: the bare
 * read in one, the import in another (after an untimed 1,000-row import that loads and
 * compiles the code), so the import's RSS is that of a server doing the import, not of the
 * bare read or of the benchmarks before it. Each step runs RUNS times, alternating, each in a
 * fresh process; medians are compared.
 */
export async function benchRegisterImportsIsolated(sizes: readonly number[], timeoutMs = 600_000): Promise<RegisterImportFigure[]> {
  const deadline = Date.now() + timeoutMs;
  const child = async <T>(args: string[]): Promise<T> => {
    const { stdout } = await execFileAsync(process.execPath, ['--expose-gc', fileURLToPath(import.meta.url), ...args], { timeout: Math.max(1000, deadline - Date.now()), maxBuffer: 16 * MiB });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '');
  };
  const figures: RegisterImportFigure[] = [];
  for (const n of sizes) {
    const bareRuns: Awaited<ReturnType<typeof benchBareRead>>[] = [];
    const importRuns: Awaited<ReturnType<typeof benchImport>>[] = [];
    for (let i = 0; i < RUNS; i++) {
      bareRuns.push(await child(['--bare', String(n)]));
      importRuns.push(await child(['--import', String(n)]));
    }
    const bareReadRunsMs = bareRuns.map((r) => r.bareReadMs);
    const importRunsMs = importRuns.map((r) => r.importMs);
    const bare: BareStep = { ...bareRuns[0]!, bareReadMs: median(bareReadRunsMs), bareReadRunsMs };
    const highest = importRuns.reduce((a, b) => (b.peakRssMiB > a.peakRssMiB ? b : a));
    const imp: ImportStep = { ...highest, importMs: median(importRunsMs), importRunsMs };
    figures.push(figureOf(n, bare, imp));
  }
  return figures;
}

// `node dist/bench/register-import.js [rows…]` runs it alone (each step in its own process);
// `--bare N` and `--import N` are the steps, printing one JSON line.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  applyRuntimeV8Flags();
  const flag = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const bareRows = flag('--bare');
  const importRows = flag('--import');
  if (bareRows) {
    await bareRead((await registerFile('register-1000', 1, 1_001)).file); // untimed: load and compile the reader
    console.log(JSON.stringify(await benchBareRead(bareRows)));
  } else if (importRows) {
    await benchImport(1_000); // untimed: load and compile the import path
    console.log(JSON.stringify(await benchImport(importRows)));
  } else {
    const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
    for (const f of await benchRegisterImportsIsolated(sizes.length > 0 ? sizes : [1_000, 10_000])) console.log(JSON.stringify(f));
  }
}
