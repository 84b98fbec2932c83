/**
 * Evaluates the machine pre-check (机检) against the sample ground truth.
 *
 *   npm run eval                 (builds, then runs dist/eval/run-eval.js)
 *   node dist/eval/run-eval.js --quick            a few cases only
 *   node dist/eval/run-eval.js --only slug,slug   the named cases
 *
 * For every samples/ground-truth/<slug>.json it reads the case's PDFs and metadata.json, runs
 * checkPdfFiles with the shipped scheme for the case type, and compares:
 *
 * - findings, per rule: a predicted finding matches an expected one with the same rule whose
 *   file is among the finding's evidence files (any file when the expected file is null); each
 *   expected finding is matched at most once. precision = matched / predicted, recall =
 *   matched / expected. Clean samples (no expected findings) only contribute false positives.
 * - facts, per kind: distinct (file, key) pairs on each side — page and repetitions are ignored.
 *   caseNumbers by value, dates by value+role (and value only), amounts by value+role (and value
 *   only; role 'other' counts as no role), citations by law (without 中华人民共和国; the cited or
 *   the recognised title) + article + clause + item, officers by name + certificate number,
 *   parties by name.
 *
 * It prints a table and every false positive and false negative (with message and quote), writes
 * eval/results/latest.json, and exits 0: it reports, it does not judge.
 */
import fs from 'node:fs';
import { DEFAULT_SCHEME_FOR } from '../src/scoring/scheme-store.js';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkPdfFiles, type OfflineCheckResult } from '../src/checks/offline-check.js';
import { MACHINE_RULES } from '../src/checks/rule-catalog.js';
import { caseFileMetadataSchema, type CaseFileMetadata, type CaseType } from '../src/domain/case-file.js';
import type { Scheme } from '../src/scoring/scheme.js';
import { loadSchemeFiles } from '../src/scoring/scheme-files.js';

// ---- paths ---------------------------------------------------------------------------------------

function projectRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the evaluation script');
    dir = parent;
  }
  return dir;
}

const ROOT = projectRoot();
const SAMPLES = path.join(ROOT, 'samples');
const TRUTH_DIR = path.join(SAMPLES, 'ground-truth');
const RESULTS_DIR = path.join(ROOT, 'eval', 'results');

/** Cases `--quick` evaluates: a clean sample, and variants over three rule families. */
const QUICK = ['urban-road-occupation', 'urban-notice-after-decision', 'eco-no-legal-review-remedy-figures', 'market-citations-amounts-identifier', 'transport-simple-over-limit'];


// ---- ground truth --------------------------------------------------------------------------------

interface TruthFinding {
  rule: string;
  file: string | null;
  note: string;
}

interface Truth {
  slug: string;
  source: string;
  caseType: CaseType;
  facts: {
    caseNumbers: { value: string; file: string; page: number }[];
    dates: { value: string; role: string | null; file: string; page: number }[];
    amounts: { value: number; role: string | null; file: string; page: number }[];
    citations: { law: string; article: number; clause: number | null; item: number | null; file: string; page: number }[];
    officers: { name: string; certificateNumber: string | null; file: string; page: number }[];
    parties: { name: string; file: string; page: number }[];
  };
  findings: TruthFinding[];
}

interface CaseMetadata {
  caseFile: unknown;
  files: { file: string }[];
}

// ---- comparison ------------------------------------------------------------------------------------

interface Tally {
  tp: number;
  fp: number;
  fn: number;
}

const ratio = (a: number, b: number): number | null => (b === 0 ? null : a / b);
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);

interface FindingOutcome {
  slug: string;
  rule: string;
  file: string | null;
  message: string;
  quote: string | null;
  note?: string;
  /** A false positive with the same rule and file as a finding that did match. */
  duplicate?: boolean;
}

interface CaseOutcome {
  slug: string;
  error?: string;
  expected: number;
  predicted: number;
  matched: number;
  falsePositives: FindingOutcome[];
  falseNegatives: FindingOutcome[];
  undecided: { rule: string; reason: string }[];
  facts: Record<string, Tally & { missed: string[]; extra: string[] }>;
  score: number | null;
}

type Finding = OfflineCheckResult['findings'][number];

function filesOf(finding: Finding): string[] {
  return [...new Set(finding.evidence.map((e) => e.file))];
}

function compareFindings(truth: Truth, result: OfflineCheckResult, perRule: Map<string, Tally & { duplicates: number }>): Pick<CaseOutcome, 'expected' | 'predicted' | 'matched' | 'falsePositives' | 'falseNegatives'> {
  const predicted = result.findings;
  const used = new Set<number>();
  const matchedExpected: TruthFinding[] = [];
  const falseNegatives: FindingOutcome[] = [];
  // Expected findings tied to a file first, so a case-level one does not take their match.
  const order = [...truth.findings].sort((a, b) => Number(a.file === null) - Number(b.file === null));
  for (const expected of order) {
    const i = predicted.findIndex((p, j) => !used.has(j) && p.rule === expected.rule && (expected.file === null || filesOf(p).includes(expected.file)));
    if (i >= 0) {
      used.add(i);
      matchedExpected.push(expected);
    } else {
      falseNegatives.push({ slug: truth.slug, rule: expected.rule, file: expected.file, message: '', quote: null, note: expected.note });
    }
  }
  const falsePositives: FindingOutcome[] = predicted
    .filter((_, j) => !used.has(j))
    .map((p) => ({
      slug: truth.slug,
      rule: p.rule,
      file: filesOf(p)[0] ?? null,
      message: p.message,
      quote: p.evidence[0]?.quote ?? null,
      duplicate: matchedExpected.some((m) => m.rule === p.rule && (m.file === null || filesOf(p).includes(m.file))),
    }));

  const tally = (rule: string) => {
    let t = perRule.get(rule);
    if (!t) perRule.set(rule, (t = { tp: 0, fp: 0, fn: 0, duplicates: 0 }));
    return t;
  };
  for (const m of matchedExpected) tally(m.rule).tp++;
  for (const f of falseNegatives) tally(f.rule).fn++;
  for (const f of falsePositives) {
    tally(f.rule).fp++;
    if (f.duplicate) tally(f.rule).duplicates++;
  }
  return { expected: truth.findings.length, predicted: predicted.length, matched: matchedExpected.length, falsePositives, falseNegatives };
}

const stripPrc = (law: string) => law.replace(/[《》\s]/gu, '').replace(/^中华人民共和国/u, '');
const role = (r: string | null | undefined) => (r === 'other' || r === undefined ? null : r);

/** Per kind: the expected keys, and for each predicted fact the keys it may stand for. */
function factKeys(truth: Truth, result: OfflineCheckResult) {
  const fileOf = new Map(result.documents.map((d) => [d.id, d.file]));
  const f = result.facts;
  const pf = (documentId: string) => fileOf.get(documentId) ?? documentId.replace(/#\d+$/u, '');
  const t = truth.facts;
  const citation = (law: string, a: number | null, c: number | null, i: number | null) => `${stripPrc(law)}|${a}|${c}|${i}`;
  return {
    caseNumbers: {
      expected: t.caseNumbers.map((x) => `${x.file}|${x.value.replace(/\s+/gu, '')}`),
      predicted: f.caseNumbers.map((x) => [`${pf(x.documentId)}|${x.value.replace(/\s+/gu, '')}`]),
    },
    dates: {
      expected: t.dates.map((x) => `${x.file}|${x.value}|${role(x.role)}`),
      predicted: f.dates.filter((x) => x.value !== null).map((x) => [`${pf(x.documentId)}|${x.value}|${role(x.role)}`]),
    },
    'dates (value only)': {
      expected: t.dates.map((x) => `${x.file}|${x.value}`),
      predicted: f.dates.filter((x) => x.value !== null).map((x) => [`${pf(x.documentId)}|${x.value}`]),
    },
    amounts: {
      expected: t.amounts.map((x) => `${x.file}|${x.value}|${role(x.role)}`),
      predicted: f.amounts.map((x) => [`${pf(x.documentId)}|${x.value}|${role(x.role)}`]),
    },
    'amounts (value only)': {
      expected: t.amounts.map((x) => `${x.file}|${x.value}`),
      predicted: f.amounts.map((x) => [`${pf(x.documentId)}|${x.value}`]),
    },
    citations: {
      expected: t.citations.map((x) => `${x.file}|${citation(x.law, x.article, x.clause, x.item)}`),
      predicted: f.citations.map((x) => [x.law, x.canonicalLaw].filter((l): l is string => !!l).map((l) => `${pf(x.documentId)}|${citation(l, x.article, x.clause, x.item)}`)),
    },
    officers: {
      expected: t.officers.map((x) => `${x.file}|${x.name}|${x.certificateNumber}`),
      predicted: f.officers.map((x) => [`${pf(x.documentId)}|${x.name}|${x.certificateNumber}`]),
    },
    parties: {
      expected: t.parties.map((x) => `${x.file}|${x.name}`),
      predicted: f.parties.map((x) => [`${pf(x.documentId)}|${x.name}`]),
    },
  };
}

function compareFacts(truth: Truth, result: OfflineCheckResult): CaseOutcome['facts'] {
  const out: CaseOutcome['facts'] = {};
  for (const [kind, { expected, predicted }] of Object.entries(factKeys(truth, result))) {
    const exp = new Set(expected);
    // Distinct predicted facts: a fact is identified by its first key.
    const pred = new Map<string, string[]>();
    for (const keys of predicted) if (keys[0] !== undefined && !pred.has(keys[0])) pred.set(keys[0], keys);
    const found = new Set<string>();
    let tp = 0;
    const extra: string[] = [];
    for (const [first, keys] of pred) {
      const hit = keys.find((k) => exp.has(k));
      if (hit) {
        tp++;
        found.add(hit);
      } else extra.push(first);
    }
    const missed = [...exp].filter((k) => !found.has(k));
    out[kind] = { tp, fp: extra.length, fn: missed.length, missed, extra };
  }
  return out;
}

// ---- running ----------------------------------------------------------------------------------------

function loadTruths(filter: (slug: string) => boolean): Truth[] {
  if (!fs.existsSync(TRUTH_DIR)) return [];
  return fs
    .readdirSync(TRUTH_DIR)
    .filter((n) => n.endsWith('.json'))
    .sort()
    .map((n) => JSON.parse(fs.readFileSync(path.join(TRUTH_DIR, n), 'utf8')) as Truth)
    .filter((t) => filter(t.slug));
}

function schemeFor(caseType: CaseType, schemes: Scheme[]): Scheme | null {
  const id = DEFAULT_SCHEME_FOR[caseType];
  return (id && schemes.find((s) => s.id === id)) || null;
}

function pad(text: string, width: number): string {
  // Chinese characters take two columns.
  const w = [...text].reduce((n, ch) => n + (ch.charCodeAt(0) > 0x2e80 ? 2 : 1), 0);
  return text + ' '.repeat(Math.max(0, width - w));
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const onlyArg = args.find((a) => a.startsWith('--only'));
  const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1]! : args[args.indexOf(onlyArg) + 1] ?? '').split(',').filter(Boolean) : null;
  const quick = args.includes('--quick');
  const filter = (slug: string) => (only ? only.includes(slug) : quick ? QUICK.includes(slug) : true);

  const truths = loadTruths(filter);
  if (truths.length === 0) {
    console.log(`没有可评估的标注（${path.relative(ROOT, TRUTH_DIR)}）：先运行 npm run samples。`);
    return;
  }
  const { schemes, failures } = loadSchemeFiles();
  for (const f of failures) console.warn(`评分方案 ${f.file} 无法读取：${f.issues.map((i) => i.message).join('；')}`);

  const perRule = new Map<string, Tally & { duplicates: number }>();
  const cases: CaseOutcome[] = [];
  const started = Date.now();
  for (const truth of truths) {
    const dir = path.join(SAMPLES, truth.source);
    const outcome: CaseOutcome = { slug: truth.slug, expected: truth.findings.length, predicted: 0, matched: 0, falsePositives: [], falseNegatives: [], undecided: [], facts: {}, score: null };
    try {
      const meta = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as CaseMetadata;
      const metadata: CaseFileMetadata | null = meta.caseFile ? caseFileMetadataSchema.parse(meta.caseFile) : null;
      const files = meta.files.map((f) => ({ name: f.file, data: new Uint8Array(fs.readFileSync(path.join(dir, f.file))) }));
      const result = await checkPdfFiles(files, { caseType: truth.caseType, metadata, scheme: schemeFor(truth.caseType, schemes.map((s) => s.scheme)) });
      Object.assign(outcome, compareFindings(truth, result, perRule));
      outcome.facts = compareFacts(truth, result);
      outcome.undecided = result.undecided.map((u) => ({ rule: u.rule, reason: u.reason }));
      outcome.score = result.score?.total ?? null;
    } catch (error) {
      outcome.error = error instanceof Error ? `${error.message}` : String(error);
      // Every expected finding of a case that could not be checked is missed.
      for (const f of truth.findings) {
        outcome.falseNegatives.push({ slug: truth.slug, rule: f.rule, file: f.file, message: '', quote: null, note: f.note });
        const t = perRule.get(f.rule) ?? { tp: 0, fp: 0, fn: 0, duplicates: 0 };
        t.fn++;
        perRule.set(f.rule, t);
      }
    }
    cases.push(outcome);
  }

  // ---- report -----------------------------------------------------------------------------------
  const catalog = new Map<string, string>(MACHINE_RULES.map((r) => [r.id, r.title]));
  const rows = [...perRule.entries()].sort(([a], [b]) => a.localeCompare(b));
  const overall = rows.reduce((s, [, t]) => ({ tp: s.tp + t.tp, fp: s.fp + t.fp, fn: s.fn + t.fn, duplicates: s.duplicates + t.duplicates }), { tp: 0, fp: 0, fn: 0, duplicates: 0 });

  console.log(`\n机检评估：${cases.length} 个案卷（${quick ? '快速' : only ? '指定' : '全部'}），用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒\n`);
  console.log(`${pad('rule', 42)}${pad('TP', 5)}${pad('FP', 5)}${pad('FN', 5)}${pad('dup', 5)}${pad('precision', 11)}recall`);
  for (const [rule, t] of rows) {
    const mark = catalog.has(rule) ? '' : ' (不在规则目录中)';
    console.log(`${pad(rule, 42)}${pad(String(t.tp), 5)}${pad(String(t.fp), 5)}${pad(String(t.fn), 5)}${pad(String(t.duplicates), 5)}${pad(pct(ratio(t.tp, t.tp + t.fp)), 11)}${pct(ratio(t.tp, t.tp + t.fn))}${mark}`);
  }
  console.log(`${pad('overall', 42)}${pad(String(overall.tp), 5)}${pad(String(overall.fp), 5)}${pad(String(overall.fn), 5)}${pad(String(overall.duplicates), 5)}${pad(pct(ratio(overall.tp, overall.tp + overall.fp)), 11)}${pct(ratio(overall.tp, overall.tp + overall.fn))}`);
  console.log('（dup：与已匹配的标注同规则同文件的重复报告，计入 FP）');

  const factTotals = new Map<string, Tally>();
  for (const c of cases) {
    for (const [kind, t] of Object.entries(c.facts)) {
      const s = factTotals.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
      s.tp += t.tp;
      s.fp += t.fp;
      s.fn += t.fn;
      factTotals.set(kind, s);
    }
  }
  console.log(`\n${pad('facts', 24)}${pad('TP', 6)}${pad('FP', 6)}${pad('FN', 6)}${pad('precision', 11)}recall`);
  for (const [kind, t] of factTotals) {
    console.log(`${pad(kind, 24)}${pad(String(t.tp), 6)}${pad(String(t.fp), 6)}${pad(String(t.fn), 6)}${pad(pct(ratio(t.tp, t.tp + t.fp)), 11)}${pct(ratio(t.tp, t.tp + t.fn))}`);
  }

  const errors = cases.filter((c) => c.error);
  if (errors.length) {
    console.log('\n无法检查的案卷：');
    for (const c of errors) console.log(`  ${c.slug}: ${c.error}`);
  }
  const fps = cases.flatMap((c) => c.falsePositives);
  const fns = cases.flatMap((c) => c.falseNegatives);
  console.log(`\n误报（FP，${fps.length}）：`);
  for (const f of fps) console.log(`  [${f.rule}] ${f.slug}/${f.file ?? '—'}${f.duplicate ? '（重复）' : ''}：${f.message}${f.quote ? `\n      引文：${f.quote}` : ''}`);
  console.log(`\n漏报（FN，${fns.length}）：`);
  for (const f of fns) {
    const undecided = cases.find((c) => c.slug === f.slug)?.undecided.find((u) => u.rule === f.rule);
    console.log(`  [${f.rule}] ${f.slug}/${f.file ?? '（案卷）'}：${f.note}${undecided ? `\n      规则未判定：${undecided.reason}` : ''}`);
  }

  fs.mkdirSync(RESULTS_DIR, { recursive: true });
  const report = {
    generatedAt: new Date().toISOString(),
    mode: quick ? 'quick' : only ? 'only' : 'full',
    cases: cases.length,
    findings: {
      overall: { ...overall, precision: ratio(overall.tp, overall.tp + overall.fp), recall: ratio(overall.tp, overall.tp + overall.fn) },
      perRule: Object.fromEntries(rows.map(([rule, t]) => [rule, { ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) }])),
      falsePositives: fps,
      falseNegatives: fns,
    },
    facts: Object.fromEntries([...factTotals].map(([kind, t]) => [kind, { ...t, precision: ratio(t.tp, t.tp + t.fp), recall: ratio(t.tp, t.tp + t.fn) }])),
    perCase: cases,
  };
  const out = path.join(RESULTS_DIR, 'latest.json');
  fs.writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n结果已写入 ${path.relative(ROOT, out)}`);
}

try {
  await main();
} catch (error) {
  console.error('评估未能完成：', error);
}
process.exitCode = 0;
