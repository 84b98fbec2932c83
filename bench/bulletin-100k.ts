/**
 * Bulletin export at scale: seeds N finalized results (realistic snapshots scored by the real
 * engine with a small scheme) into a fresh SQLite database with batched inserts, then times
 * the bulletin workbook export and samples the peak RSS while it runs. The export reads the
 * results in keyset pages and accumulates, so its memory must not grow with N.
 *
 * `seedFinalizedResults` is also used by tests/exports.test.ts for its many-file campaigns.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import type { Database } from '../src/db/schema.js';
import { sql } from 'kysely';
import { writeBulletin } from '../src/exports/bulletin.js';
import { writeRectificationList } from '../src/exports/rectification-list.js';
import { resultSummaryRow } from '../src/repositories/reviews.js';
import { caseFactsFrom } from '../src/scoring/case-facts.js';
import { scoreCase, type ScoringFinding } from '../src/scoring/score.js';
import { schemeSchema, type Scheme, type SchemeInput } from '../src/scoring/scheme.js';
import { schemeHash } from '../src/scoring/scheme-hash.js';
import { random } from './random.js';
import { applyRuntimeV8Flags } from '../src/runtime/v8-tuning.js';

export interface SeedFile {
  campaignId: string;
  agencyId: string;
  caseNumber: string;
  cause?: string;
  findings: Omit<ScoringFinding, 'id' | 'status'>[];
  /** Also insert an earlier, reopened result for the file (it must not count). */
  withReopened?: boolean;
}

export interface SeedContext {
  scheme: Scheme;
  reviewer: { id: string; name: string };
}

const now = () => new Date().toISOString();

/** A reviewer user and the scheme row reviews point at; returns what seeding needs. */
export async function prepareSeeding(db: Kysely<Database>, schemeInput: SchemeInput, options: { insertScheme?: boolean } = {}): Promise<SeedContext> {
  const scheme = schemeSchema.parse(schemeInput);
  const hash = schemeHash(scheme);
  if (options.insertScheme !== false) {
    const exists = await db.selectFrom('schemes').select('hash').where('scheme_id', '=', scheme.id).where('version', '=', scheme.version).executeTakeFirst();
    if (!exists) {
      await db
        .insertInto('schemes')
        .values({ scheme_id: scheme.id, version: scheme.version, hash, title: scheme.title, case_types_json: JSON.stringify(scheme.caseTypes), content_json: JSON.stringify(scheme), origin: 'uploaded', created_at: now(), updated_at: now() })
        .execute();
    }
  }
  const reviewer = { id: randomUUID(), name: '基准评查员' };
  await db.insertInto('users').values({ id: reviewer.id, name: reviewer.name, role: 'reviewer', agency_id: null, affiliation: null, created_at: now(), updated_at: now(), deleted_at: null }).execute();
  return { scheme, reviewer };
}

/**
 * Inserts case files, adopted reviews and finalized results with full snapshots, in batches,
 * with their stored summaries as finalization writes them (`summaries: false` leaves them out,
 * as for results finalized before summaries were stored).
 */
export async function seedFinalizedResults(
  db: Kysely<Database>,
  context: SeedContext,
  files: Iterable<SeedFile>,
  batchSize = 200,
  options: { summaries?: boolean } = {},
): Promise<number> {
  const { scheme, reviewer } = context;
  const hash = schemeHash(scheme);
  let batch: { caseFiles: Database['case_files'][]; reviews: Database['reviews'][]; results: Database['case_results'][] } = { caseFiles: [], reviews: [], results: [] };
  let count = 0;
  const flush = async () => {
    if (batch.caseFiles.length === 0) return;
    const b = batch;
    batch = { caseFiles: [], reviews: [], results: [] };
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('case_files').values(b.caseFiles).execute();
      await trx.insertInto('reviews').values(b.reviews).execute();
      for (let i = 0; i < b.results.length; i += 100) await trx.insertInto('case_results').values(b.results.slice(i, i + 100)).execute();
      if (options.summaries !== false) {
        const summaries = b.results.map(resultSummaryRow);
        for (let i = 0; i < summaries.length; i += 100) await trx.insertInto('case_result_summaries').values(summaries.slice(i, i + 100)).execute();
      }
    });
  };
  for (const file of files) {
    count++;
    const ts = now();
    const caseFileId = randomUUID();
    const reviewId = randomUUID();
    const caseFile = {
      id: caseFileId,
      campaignId: file.campaignId,
      agencyId: file.agencyId,
      caseNumber: file.caseNumber,
      caseType: 'penalty_general' as const,
      cause: file.cause ?? '销售不符合食品安全标准的食品案',
      party: { name: '某某商贸有限公司', kind: 'organization' as const },
      dates: {},
      amounts: { fine: 5000 },
      officers: [],
      flags: { hearingHeld: false, majorDecision: false, legalReview: false, collectiveDiscussion: false },
      createdAt: ts,
      updatedAt: ts,
    };
    const findings = file.findings.map((f, i) => ({ ...f, id: `${reviewId}-f${i}`, status: 'confirmed' as const }));
    const facts = caseFactsFrom(caseFile);
    const score = scoreCase(scheme, facts, findings);
    const reviewFindings = findings.map((f) => ({
      id: f.id,
      reviewId,
      target: f.target,
      points: f.points ?? null,
      occurrences: f.occurrences,
      note: f.note ?? null,
      evidence: [],
      source: 'reviewer',
      ruleId: null,
      status: 'confirmed',
      createdBy: reviewer.id,
      createdAt: ts,
      updatedAt: ts,
    }));
    const snapshot = {
      caseFile,
      facts,
      scheme: { id: scheme.id, version: scheme.version, hash, title: scheme.title },
      adoptedReviewId: reviewId,
      resolution: null,
      score,
      reviews: [{ id: reviewId, reviewer, submittedAt: ts, findings: reviewFindings, marks: [], score }],
      comparison: null,
      finalizedBy: { id: reviewer.id, name: reviewer.name, role: 'reviewer' },
    };
    batch.caseFiles.push({
      id: caseFileId,
      campaign_id: file.campaignId,
      agency_id: file.agencyId,
      case_number: file.caseNumber,
      case_number_key: file.caseNumber,
      case_type: caseFile.caseType,
      cause: caseFile.cause,
      party_name: caseFile.party.name,
      party_kind: caseFile.party.kind,
      party_credit_code: null,
      party_id_number: null,
      party_address: null,
      party_legal_representative: null,
      incident_on: null,
      applied_on: null,
      accepted_on: null,
      filed_on: null,
      measure_on: null,
      notified_on: null,
      hearing_on: null,
      decided_on: null,
      served_on: null,
      closed_on: null,
      fine_fen: 500000,
      confiscation_fen: null,
      other_amount_fen: null,
      officers_json: '[]',
      major_decision: 0,
      hearing_held: 0,
      legal_review: 0,
      collective_discussion: 0,
      created_at: ts,
      updated_at: ts,
    });
    batch.reviews.push({ id: reviewId, case_file_id: caseFileId, reviewer_id: reviewer.id, ordinal: 1, scheme_id: scheme.id, scheme_version: scheme.version, scheme_hash: hash, status: 'finalized', submitted_at: ts, created_at: ts, updated_at: ts });
    const result = (status: string, totalOverride?: number): Database['case_results'] => ({
      id: randomUUID(),
      case_file_id: caseFileId,
      status,
      scheme_id: scheme.id,
      scheme_version: scheme.version,
      scheme_hash: hash,
      total: totalOverride ?? score.total,
      grade_code: score.grade.code,
      grade_label: score.grade.label,
      adopted_review_id: reviewId,
      resolution: null,
      snapshot_json: JSON.stringify(totalOverride === undefined ? snapshot : { ...snapshot, score: { ...score, total: totalOverride } }),
      finalized_by: reviewer.id,
      finalized_at: ts,
      reopened_by: status === 'reopened' ? reviewer.id : null,
      reopened_at: status === 'reopened' ? ts : null,
      reopen_reason: status === 'reopened' ? '补充材料' : null,
    });
    if (file.withReopened) batch.results.push(result('reopened', 1));
    batch.results.push(result('final'));
    if (batch.caseFiles.length >= batchSize) await flush();
  }
  await flush();
  return count;
}

/** Random findings against the scheme's items (and now and then a veto), seeded. */
export function randomFindings(scheme: Scheme, next: () => number): SeedFile['findings'] {
  const items = scheme.sections.flatMap((s) => s.items.filter((i) => !i.applicability));
  const out: SeedFile['findings'] = [];
  const used = new Set<string>();
  const count = Math.floor(next() * 4);
  for (let k = 0; k < count; k++) {
    const item = items[Math.floor(next() * items.length)]!;
    if (used.has(item.id)) continue;
    used.add(item.id);
    const rule = item.deduction;
    if (rule.kind === 'range') out.push({ target: { kind: 'item', id: item.id }, points: rule.min + Math.floor(next() * (rule.max - rule.min + 1)), occurrences: 1 });
    else if (rule.kind === 'fixed') {
      const max = Math.max(1, Math.floor((rule.cap ?? item.points) / rule.amount));
      out.push({ target: { kind: 'item', id: item.id }, points: rule.amount, occurrences: 1 + Math.floor(next() * max) });
    } else out.push({ target: { kind: 'item', id: item.id }, occurrences: 1 });
  }
  if (next() < 0.02 && scheme.vetoes[0]) out.push({ target: { kind: 'veto', id: scheme.vetoes[0].id }, occurrences: 1 });
  return out;
}

/** The bench scheme: the shape of the test scheme (two sections, four items, grade bands). */
const benchScheme: SchemeInput = {
  id: 'bench-scheme',
  version: '1.0.0',
  title: '基准测试评查标准',
  source: { title: '基准', note: '仅用于基准测试' },
  effective: { from: '2024-01-01' },
  caseTypes: ['penalty_general'],
  total: 100,
  normalize: { to: 100 },
  sections: [
    {
      id: 'subject',
      category: 'subject',
      title: '主体',
      points: 10,
      items: [
        { id: 'S1', number: '1', title: '执法人员资格', points: 4, deduction: { kind: 'fixed', amount: 2 } },
        { id: 'S2', number: '2', title: '当事人认定', points: 6, deduction: { kind: 'range', min: 1, max: 6, step: 1 } },
      ],
    },
    {
      id: 'procedure',
      category: 'procedure',
      title: '程序',
      points: 10,
      items: [
        { id: 'P1', number: '3', title: '立案审批表', points: 5, deduction: { kind: 'all' } },
        { id: 'P2', number: '4', title: '送达程序', points: 5, deduction: { kind: 'fixed', amount: 1, cap: 3 } },
      ],
    },
  ],
  vetoes: [{ id: 'V1', number: '否1', category: 'subject', title: '执法主体不合法', effect: { kind: 'fail_file' } }],
  grades: [
    { code: 'excellent', label: '优秀', min: 90 },
    { code: 'pass', label: '合格', min: 60, max: 90 },
    { code: 'fail', label: '不合格', min: 0, max: 60 },
  ],
};

export interface ExportFigure {
  exportMs: number;
  /** CPU time of the process (all threads, compression included) while the export ran: less noisy than wall time on a shared machine. */
  cpuMs: number;
  bytes: number;
  rssBeforeMiB: number;
  peakRssMiB: number;
}

export interface BulletinBenchFigure extends ExportFigure {
  files: number;
  agencies: number;
  seedMs: number;
  heapUsedAfterMiB: number;
  /** The campaign's rectification list (整改清单), one item per finalized file, in the same database. */
  rectification: ExportFigure & { items: number };
}

const MiB = 1024 * 1024;

/** A bench campaign: `files` finalized results over `agencies` agencies, and one rectification item per result. */
export async function seedBenchCampaign(db: Kysely<Database>, files: number, agencies = 60, seed = 20250101): Promise<{ campaignId: string; seedMs: number }> {
  await migrateToLatest(db);
  const ts = now();
  const campaignId = randomUUID();
  await db.insertInto('campaigns').values({ id: campaignId, name: '2025年度全市行政执法案卷评查', year: 2025, kind: 'concentrated', status: 'reviewing', scope_start: null, scope_end: null, description: null, rectification_days: null, created_at: ts, updated_at: ts }).execute();
  const agencyIds = Array.from({ length: agencies }, () => randomUUID());
  await db
    .insertInto('agencies')
    .values(agencyIds.map((id, i) => ({ id, name: `基准市第${i + 1}执法局`, short_name: null, credit_code: null, region: null, sector: ['市场监管', '城市管理', '交通运输', '生态环境'][i % 4]!, level: null, created_at: ts, updated_at: ts })))
    .execute();
  await db.insertInto('campaign_agencies').values(agencyIds.map((id) => ({ campaign_id: campaignId, agency_id: id, created_at: ts }))).execute();
  const context = await prepareSeeding(db, benchScheme);
  const next = random(seed);
  const started = performance.now();
  await seedFinalizedResults(
    db,
    context,
    (function* () {
      for (let k = 0; k < files; k++) {
        yield { campaignId, agencyId: agencyIds[Math.floor(next() * agencies)]!, caseNumber: `基准罚〔2025〕${k + 1}号`, findings: randomFindings(context.scheme, next) };
      }
    })(),
    500,
  );
  // The rectification list: one issued item per finalized file, made in one statement.
  await sql`INSERT INTO rectification_items (id, campaign_id, agency_id, case_file_id, result_id, finding_id, target_kind, target_id,
      section_title, item_title, problem, deduction, basis, requirement, deadline, status, created_at, updated_at)
    SELECT lower(hex(randomblob(16))), f.campaign_id, f.agency_id, f.id, r.id, NULL, 'item', 'S2', '主体', '当事人认定',
      '当事人认定不清：身份证明材料缺失', 2, '行政处罚法第五十九条', '对照要求逐项整改，并提交整改情况说明', '2026-01-31', 'issued', ${ts}, ${ts}
    FROM case_results r JOIN case_files f ON f.id = r.case_file_id WHERE f.campaign_id = ${campaignId} AND r.status = 'final'`.execute(db);
  return { campaignId, seedMs: performance.now() - started };
}

/** Times one export into `out` and samples the peak RSS (every 20 ms) while it runs. */
export async function timeExport<T>(out: string, write: () => Promise<T>): Promise<ExportFigure & { value: T }> {
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const value = await write();
  const exportMs = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { value, exportMs: Math.round(exportMs), cpuMs: Math.round((cpu.user + cpu.system) / 1000), bytes: fs.statSync(out).size, rssBeforeMiB: Math.round(rssBefore / MiB), peakRssMiB: Math.round(peak / MiB) };
}

/** Times the bulletin and the rectification list of a seeded bench campaign. */
export async function timeBenchExports(
  db: Kysely<Database>,
  campaignId: string,
  dir: string,
  around: <T>(name: 'bulletin' | 'rectification', run: () => Promise<T>) => Promise<T> = (_name, run) => run(),
): Promise<Omit<BulletinBenchFigure, 'files' | 'agencies' | 'seedMs'>> {
  const bulletinFile = path.join(dir, 'bulletin.xlsx');
  const { value: _bulletin, ...bulletin } = await timeExport(bulletinFile, () => around('bulletin', () => writeBulletin(db, campaignId, bulletinFile)));
  const rectificationFile = path.join(dir, 'rectification.xlsx');
  const { value: written, ...rectification } = await timeExport(rectificationFile, () => around('rectification', () => writeRectificationList(db, campaignId, rectificationFile)));
  return { ...bulletin, heapUsedAfterMiB: Math.round(process.memoryUsage().heapUsed / MiB), rectification: { items: written.rows, ...rectification } };
}

/** Seeds `files` finalized results over `agencies` agencies and times the bulletin and rectification-list exports. */
export async function benchBulletin(files = 100_000, agencies = 60, seed = 20250101): Promise<BulletinBenchFigure> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-bench-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  try {
    const { campaignId, seedMs } = await seedBenchCampaign(db, files, agencies, seed);
    const timed = await timeBenchExports(db, campaignId, dir);
    return { files, agencies, seedMs: Math.round(seedMs), ...timed };
  } finally {
    await db.destroy();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * CLI: `node --expose-gc dist/bench/bulletin-100k.js [--files 1000,10000,100000] [--repeat 3]
 * [--keep DIR] [--profile DIR]` — for each size, seeds a campaign (or, with --keep, reuses
 * the one seeded earlier in DIR/<size>), then times both exports and the bare write of as
 * many rows, `--repeat` times, alternating, and prints one JSON line per round. `--profile`
 * writes a CPU profile of each export (DIR/<export>-<size>-<round>.cpuprofile; the profiler
 * slows the export down, so time without it).
 */
async function main(argv: string[]): Promise<void> {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const sizes = (option('--files') ?? '100000').split(',').map(Number);
  const repeat = Number(option('--repeat') ?? 1);
  const keep = option('--keep');
  const profileDir = option('--profile');
  const { bareExcelWriteFigure } = await import('./bare-excel.js');
  const { Session } = await import('node:inspector/promises');
  const session = profileDir ? new Session() : null;
  session?.connect();
  const profiled = async <T>(label: string, run: () => Promise<T>): Promise<T> => {
    if (!session || !profileDir) return run();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const value = await run();
    const { profile } = await session.post('Profiler.stop');
    fs.mkdirSync(profileDir, { recursive: true });
    fs.writeFileSync(path.join(profileDir, `${label}.cpuprofile`), JSON.stringify(profile));
    return value;
  };
  for (const files of sizes) {
    const dir = keep ? path.join(keep, String(files)) : fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-bench-'));
    fs.mkdirSync(dir, { recursive: true });
    const idFile = path.join(dir, 'campaign-id');
    const db = openDatabase(path.join(dir, 'bench.sqlite'));
    try {
      let campaignId: string;
      if (keep && fs.existsSync(idFile)) {
        await migrateToLatest(db);
        campaignId = fs.readFileSync(idFile, 'utf8');
      } else {
        const seeded = await seedBenchCampaign(db, files);
        campaignId = seeded.campaignId;
        fs.writeFileSync(idFile, campaignId);
        console.error(`seeded ${files} files in ${Math.round(seeded.seedMs)} ms`);
      }
      for (let round = 0; round < repeat; round++) {
        const timed = await timeBenchExports(db, campaignId, dir, (name, run) => profiled(`${name}-${files}-${round}`, run));
        const bare = await bareExcelWriteFigure(files);
        const bareMs = bare.ms;
        console.log(
          JSON.stringify({
            files,
            round,
            bareMs,
            bareCpuMs: bare.cpuMs,
            bulletin: { ms: timed.exportMs, cpuMs: timed.cpuMs, ratio: +(timed.exportMs / bareMs).toFixed(2), peakRssMiB: timed.peakRssMiB },
            rectification: { ms: timed.rectification.exportMs, cpuMs: timed.rectification.cpuMs, ratio: +(timed.rectification.exportMs / bareMs).toFixed(2), peakRssMiB: timed.rectification.peakRssMiB, items: timed.rectification.items },
          }),
        );
      }
    } finally {
      await db.destroy();
      if (!keep) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
  session?.disconnect();
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  applyRuntimeV8Flags();
  await main(process.argv.slice(2));
}
