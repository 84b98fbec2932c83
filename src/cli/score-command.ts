/**
 * `pingcha score --scheme <id|file.json> --case <case.json> --findings <findings.json> [--json]`:
 * scores a case offline with the pure engine and prints the score and its explanation.
 *
 * case.json: case-file metadata (as in POST /case-files), or a sample's metadata.json (its
 * `caseFile`); an optional `documents` list of document type codes present in the volume.
 * findings.json: a list of findings — { "item": "S1" } or { "veto": "V1" }, with optional
 * points, occurrences, note, status — or { "findings": [...], "notApplicable": [{ "id", "reason" }] }.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { caseFileMetadataSchema } from '../domain/case-file.js';
import { formatPath } from '../errors.js';
import { caseFactsFrom } from '../scoring/case-facts.js';
import { scoreCase, type ScoreResult, type ScoringFinding } from '../scoring/score.js';
import type { Scheme } from '../scoring/scheme.js';
import { resolveSchemeRef } from '../scoring/scheme-files.js';
import { checkFinding } from '../scoring/validate.js';

const USAGE = '用法: pingcha score --scheme <标准id|标准文件.json> --case <案卷.json> --findings <问题.json> [--json]';

const findingEntry = z
  .object({
    item: z.string().optional(),
    veto: z.string().optional(),
    points: z.number().positive().optional(),
    occurrences: z.number().int().default(1),
    note: z.string().optional(),
    status: z.enum(['suggested', 'confirmed', 'rejected']).default('confirmed'),
  })
  .strict()
  .refine((f) => Boolean(f.item) !== Boolean(f.veto), '每条问题须且只须指定 item 或 veto');
const findingsFile = z.union([
  z.array(findingEntry),
  z.object({ findings: z.array(findingEntry), notApplicable: z.array(z.object({ id: z.string(), reason: z.string() })).default([]) }).strict(),
]);
const caseFile = z.object({ documents: z.array(z.string()).default([]) }).passthrough();

class UsageError extends Error {}

function readJson(file: string, what: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`无法读取${what} ${file}：${error instanceof Error ? error.message : String(error)}`);
  }
}

function loadScheme(ref: string): Scheme {
  const resolved = resolveSchemeRef(ref);
  if (!resolved.ok) throw new UsageError(resolved.message);
  return resolved.scheme;
}

function issuesText(error: z.ZodError, prefix: string): string {
  return error.issues.map((i) => `  ${prefix}${formatPath(i.path as (string | number)[])}: ${i.message}`).join('\n');
}

export function printScore(result: ScoreResult, scheme: Scheme): void {
  console.log(`评查标准：${scheme.title}（${scheme.id} ${scheme.version}，哈希 ${result.scheme.hash.slice(0, 12)}…）`);
  console.log(`得分：${result.total} / ${result.maxTotal}    等次：${result.grade.label}${result.grade.code !== result.gradeBeforeVetoes.code ? `（否决前：${result.gradeBeforeVetoes.label}，${result.totalBeforeVetoes} 分）` : ''}`);
  console.log('\n类别得分：');
  for (const s of result.sections) {
    const extra = s.role === 'penalty' ? '（扣减项）' : s.role === 'bonus' ? '（加分项）' : ` / ${s.max}`;
    console.log(`  ${s.title}：${s.score}${extra}${s.zeroedByVeto ? `（否决项 ${s.zeroedByVeto} 致本类别记0分）` : ''}`);
  }
  const skipped = result.items.filter((i) => !i.applicable);
  if (skipped.length > 0) console.log(`\n不适用的评查项（不计入分母）：${skipped.map((i) => `${i.number}（${i.notApplicableReason}）`).join('；')}`);
  console.log(result.explanations.length > 0 ? '\n扣分说明：' : '\n未认定任何问题。');
  for (const e of result.explanations) console.log(`  - ${e.text}`);
}

export async function runScoreCommand(args: string[]): Promise<number> {
  try {
    const { values } = parseArgs({ args, options: { scheme: { type: 'string' }, case: { type: 'string' }, findings: { type: 'string' }, json: { type: 'boolean', default: false } } });
    if (!values.scheme || !values.case || !values.findings) throw new UsageError(USAGE);
    const scheme = loadScheme(values.scheme);

    const rawCase = caseFile.parse(readJson(values.case, '案卷文件')) as { caseFile?: unknown; documents: string[] };
    const metadata = caseFileMetadataSchema.safeParse(rawCase.caseFile ?? Object.fromEntries(Object.entries(rawCase).filter(([k]) => k !== 'documents')));
    if (!metadata.success) throw new UsageError(`案卷元数据无效：\n${issuesText(metadata.error, 'case.')}`);
    const facts = caseFactsFrom(metadata.data, rawCase.documents);

    const parsedFindings = findingsFile.safeParse(readJson(values.findings, '问题文件'));
    if (!parsedFindings.success) throw new UsageError(`问题文件无效：\n${issuesText(parsedFindings.error, 'findings')}`);
    const list = Array.isArray(parsedFindings.data) ? parsedFindings.data : parsedFindings.data.findings;
    const notApplicable = Array.isArray(parsedFindings.data) ? [] : parsedFindings.data.notApplicable;
    const findings: ScoringFinding[] = list.map((f, i) => ({
      id: `F${i + 1}`,
      target: f.item ? { kind: 'item', id: f.item } : { kind: 'veto', id: f.veto! },
      points: f.points,
      occurrences: f.occurrences,
      status: f.status,
      note: f.note,
    }));
    const problems = findings.flatMap((f, i) => (f.status === 'confirmed' ? checkFinding(scheme, facts, f, notApplicable).map((p) => `  findings[${i}].${p.path}: ${p.message}`) : []));
    if (problems.length > 0) throw new UsageError(`问题认定不符合评查标准：\n${problems.join('\n')}`);

    const result = scoreCase(scheme, facts, findings, notApplicable);
    if (values.json) console.log(JSON.stringify(result, null, 2));
    else printScore(result, scheme);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}
