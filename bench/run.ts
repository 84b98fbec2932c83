/**
 * `npm run bench` (`-- --quick` for a short run): prints every figure with its reference and
 * the ratio, writes bench/results/latest.json, and never fails the build. Timings belong
 * here, not in the test suite.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchScoring } from './scoring.js';
import { bareExcelWrite } from './bare-excel.js';
import { applyRuntimeV8Flags } from '../src/runtime/v8-tuning.js';

// The V8 settings a pingcha process runs with (src/cli/main.ts), here and in every child step.
applyRuntimeV8Flags();

const quick = process.argv.includes('--quick');
const root = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return dir;
})();

interface Row {
  benchmark: string;
  figure: string;
  reference: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

/** The issue's memory target is 300 MB (decimal): 286 MiB. */
const under300MB = (mib: number) => mib * 2 ** 20 < 300e6;

const rows: Row[] = [];
const results: Record<string, unknown> = {
  machine: { cores: os.availableParallelism(), memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version, platform: `${os.platform()} ${os.arch()}` },
  quick,
  at: new Date().toISOString(),
};

// Scoring: 100,000 files in under 2 s (pure engine), with the scale curve.
const sizes = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
const scoring = benchScoring(sizes);
results.scoring = scoring;
for (const f of scoring) {
  rows.push({
    benchmark: `评分 ${f.files.toLocaleString()} 份`,
    figure: `${f.ms} ms（${f.perSecond.toLocaleString()} 份/秒）`,
    reference: `构造输入 ${f.referenceMs} ms`,
    ratio: (f.ms / Math.max(1, f.referenceMs)).toFixed(2),
    target: f.files >= 100_000 ? '< 2000 ms' : '线性增长',
    met: f.files >= 100_000 ? f.ms < 2000 : null,
  });
}

// Bulletin export at scale, against exceljs's streaming writer writing as many rows with no queries.
{
  const { benchBulletin } = await import('./bulletin-100k.js');
  const bulletinSizes = quick ? [1_000] : [1_000, 10_000, 100_000];
  const figures = [];
  for (const n of bulletinSizes) {
    const f = await benchBulletin(n);
    const referenceMs = await bareExcelWrite(n);
    figures.push({ ...f, referenceMs });
    rows.push({
      benchmark: `通报表 ${f.files.toLocaleString()} 份`,
      figure: `${f.exportMs} ms，峰值内存 ${f.peakRssMiB} MiB`,
      reference: `exceljs 流式空写 ${n.toLocaleString()} 行 ${referenceMs} ms`,
      ratio: (f.exportMs / Math.max(1, referenceMs)).toFixed(2),
      target: n >= 100_000 ? '≤ 2× 空写，峰值 < 300 MB（286 MiB）' : '线性增长',
      met: n >= 100_000 ? f.exportMs <= 2 * referenceMs && under300MB(f.peakRssMiB) : null,
    });
    rows.push({
      benchmark: `整改清单 ${f.rectification.items.toLocaleString()} 条`,
      figure: `${f.rectification.exportMs} ms，峰值内存 ${f.rectification.peakRssMiB} MiB`,
      reference: `exceljs 流式空写 ${n.toLocaleString()} 行 ${referenceMs} ms`,
      ratio: (f.rectification.exportMs / Math.max(1, referenceMs)).toFixed(2),
      target: n >= 100_000 ? '≤ 2× 空写，峰值 < 300 MB（286 MiB）' : '线性增长',
      met: n >= 100_000 ? f.rectification.exportMs <= 2 * referenceMs && under300MB(f.rectification.peakRssMiB) : null,
    });
  }
  results.bulletin = figures;
}

// Extraction: the full ingest pipeline against poppler's pdftotext on the same generated volumes.
{
  const { benchExtractionIsolated } = await import('./extraction.js');
  const f = await benchExtractionIsolated({ quick, runs: quick ? 1 : 3 });
  results.extraction = f;
  const done = f.pingcha.complete && f.pdftotext.complete;
  rows.push({
    benchmark: `抽取 ${f.files.toLocaleString()} 份 / ${f.pages.toLocaleString()} 页`,
    figure: f.skipped
      ? `跳过：${f.skipped}`
      : `${f.pingchaMs} ms（${f.pingchaPagesPerSecond} 页/秒，${f.workers} 线程${f.runs && f.runs.length > 1 ? `，${f.runs.length} 次中位` : ''}）${done ? '' : '，未完成'}`,
    reference: f.skipped ? '—' : `pdftotext ${f.pdftotextMs} ms（${f.pdftotextPagesPerSecond} 页/秒）`,
    ratio: f.skipped ? '—' : f.ratio.toFixed(2),
    target: '≤ 3× pdftotext',
    met: f.skipped ? null : done && f.ratio <= 3,
  });
  if (f.note) console.log(`抽取基准：${f.note}`);
}

// API under autocannon on loopback: idle, against a bare Fastify route (the ceiling), and
// while sample volumes are being ingested.
{
  const { benchApi } = await import('./api.js');
  const api = await benchApi({ quick });
  results.api = api;
  const fmt = (f: { p50: number; p99: number }) => `p50 ${f.p50} ms，p99 ${f.p99} ms`;
  rows.push({
    benchmark: '案卷列表 空闲',
    figure: `${fmt(api.idle)}，${api.idle.rps.toLocaleString()} 次/秒`,
    reference: `${api.connections} 连接，${api.seconds} s`,
    ratio: '—',
    target: '—',
    met: null,
  });
  rows.push({
    benchmark: '案卷列表 抽取负载下',
    figure: fmt(api.underLoad),
    reference: `空闲 p99 ${api.idle.p99} ms（${api.ingest.uploads} 次上传）`,
    ratio: api.p99Ratio.toFixed(2),
    target: 'p99 ≤ 3× 空闲且 ≤ 100 ms',
    met: api.underLoad.p99 <= 3 * api.idle.p99 && api.underLoad.p99 <= 100,
  });
  rows.push({
    benchmark: '案卷列表 吞吐（重复读取，应答缓存）',
    figure: `${api.idle.rps.toLocaleString()} 次/秒`,
    reference: `裸 Fastify 路由 ${api.ceiling.rps.toLocaleString()} 次/秒`,
    ratio: api.share.toFixed(2),
    target: '≥ 0.50 上限',
    met: api.share >= 0.5,
  });
  rows.push({
    benchmark: '案卷列表 吞吐（缓存关闭，每次读库）',
    figure: `${api.idleUncached.rps.toLocaleString()} 次/秒，p99 ${api.idleUncached.p99} ms`,
    reference: `裸 Fastify 路由 ${api.ceiling.rps.toLocaleString()} 次/秒`,
    ratio: api.shareUncached.toFixed(2),
    target: '≥ 0.50 上限',
    met: api.shareUncached >= 0.5,
  });
}

// Register import, against exceljs's streaming reader merely reading the same file.
{
  const { benchRegisterImportsIsolated } = await import('./register-import.js');
  // In a child process: its RSS is that of a server doing the import, not of the benches above.
  const figures = await benchRegisterImportsIsolated(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], quick ? 120_000 : 600_000);
  results.registerImport = figures;
  for (const f of figures) {
    rows.push({
      benchmark: `台账导入 ${f.rows.toLocaleString()} 行${f.files > 1 ? `（${f.files} 个文件）` : ''}`,
      figure: `${f.importMs} ms（${f.importRunsMs.length} 次中位数），峰值内存 ${f.peakRssMiB} MiB（+${f.peakAboveBaselineMiB}）`,
      reference: `exceljs 流式空读 ${f.bareReadMs} ms（${f.bareReadRunsMs.length} 次中位数）`,
      ratio: f.ratio.toFixed(2),
      target: f.rows >= 100_000 ? '≤ 2× 空读，峰值 < 300 MB（286 MiB）' : '线性增长',
      met: f.rows >= 100_000 ? f.importMs <= 2 * f.bareReadMs && under300MB(f.peakRssMiB) : null,
    });
  }
}

const widths = [22, 34, 26, 6, 24];
const pad = (s: string, w: number) => s + ' '.repeat(Math.max(0, w - [...s].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0)));
console.log(`\npingcha 基准测试（${os.availableParallelism()} 核，${Math.round(os.totalmem() / 2 ** 30)} GiB，Node ${process.version}${quick ? '，--quick' : ''}）\n`);
console.log([pad('项目', widths[0]!), pad('结果', widths[1]!), pad('参照', widths[2]!), pad('比值', widths[3]!), pad('目标', widths[4]!), '达标'].join(' '));
for (const r of rows) {
  console.log([pad(r.benchmark, widths[0]!), pad(r.figure, widths[1]!), pad(r.reference, widths[2]!), pad(r.ratio, widths[3]!), pad(r.target, widths[4]!), r.met === null ? '—' : r.met ? '是' : '否'].join(' '));
}
results.rows = rows;
fs.mkdirSync(path.join(root, 'bench/results'), { recursive: true });
fs.writeFileSync(path.join(root, 'bench/results/latest.json'), JSON.stringify(results, null, 2));
console.log(`\n结果已写入 bench/results/latest.json`);
