/**
 * `pingcha check <pdf…> [--case-type T] [--scheme ID] [--meta case.json] [--json]`: the
 * machine pre-check offline — extraction, document detection, facts, rules and a provisional
 * score — with no server or database. For agencies checking their own files (自查).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_TYPE_CODES, CASE_TYPES, caseFileMetadataSchema, type CaseFileMetadata, type CaseType } from '../domain/case-file.js';
import { documentTypeLabel } from '../ingest/document-types.js';
import { checkPdfFiles, type OfflineCheckResult } from '../checks/offline-check.js';
import { resolveSchemeRef } from '../scoring/scheme-files.js';
import { DEFAULT_SCHEME_FOR } from '../scoring/scheme-store.js';
import type { Scheme } from '../scoring/scheme.js';
import { formatPath } from '../errors.js';

const USAGE = '用法: pingcha check <pdf…> [--case-type <类型>] [--scheme <标准id|文件>] [--meta <案卷元数据.json>] [--json]';

class UsageError extends Error {}

function loadMetadata(file: string): CaseFileMetadata {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`无法读取案卷元数据 ${file}：${error instanceof Error ? error.message : String(error)}`);
  }
  const candidate = (json as { caseFile?: unknown }).caseFile ?? json;
  const parsed = caseFileMetadataSchema.safeParse(candidate);
  if (!parsed.success) throw new UsageError(`案卷元数据无效：\n${parsed.error.issues.map((i) => `  ${formatPath(i.path as (string | number)[])}: ${i.message}`).join('\n')}`);
  return parsed.data;
}

function loadScheme(ref: string | undefined, caseType: CaseType): Scheme | null {
  const id = ref ?? DEFAULT_SCHEME_FOR[caseType];
  if (!id) return null;
  const resolved = resolveSchemeRef(id);
  if (!resolved.ok) throw new UsageError(resolved.message);
  return resolved.scheme;
}

/** The stable machine shape of a check (documented in the README). */
export function checkJson(result: OfflineCheckResult) {
  const docs = new Map(result.documents.map((d) => [d.id, d]));
  const where = (e: { documentId: string; page: number; quote: string }) => ({ document: docs.get(e.documentId)?.type ?? null, file: docs.get(e.documentId)?.file ?? null, page: e.page, quote: e.quote });
  const f = result.facts;
  return {
    documents: result.documents.map((d) => ({ file: d.file, type: d.type, title: d.title, pages: d.pages })),
    unreadable: result.unreadable,
    facts: {
      caseNumbers: f.caseNumbers.map((c) => ({ value: c.value, wellFormed: c.wellFormed, problems: c.problems, ...where(c) })),
      dates: f.dates.map((d) => ({ value: d.value, role: d.role, problem: d.problem, ...where(d) })),
      amounts: f.amounts.map((a) => ({ value: a.value, role: a.role, form: a.form, pairedValue: a.pairedValue, ...where(a) })),
      citations: f.citations.map((c) => ({ law: c.law, canonicalLaw: c.canonicalLaw, kind: c.kind, article: c.article, clause: c.clause, item: c.item, ...where(c) })),
      remedy: f.remedy && { reconsiderationDays: f.remedy.reconsiderationDays, reconsiderationBody: f.remedy.reconsiderationBody, litigationMonths: f.remedy.litigationMonths, litigationDays: f.remedy.litigationDays, court: f.remedy.court, ...where(f.remedy) },
      parties: f.parties.map((p) => ({ name: p.name, kind: p.kind, creditCode: p.creditCode, idNumber: p.idNumber, identifierValid: p.identifierValid, ...where(p) })),
      officers: f.officers.map((o) => ({ name: o.name, certificateNumber: o.certificateNumber, ...where(o) })),
    },
    findings: result.findings.map((x) => ({
      rule: x.rule,
      title: x.title,
      item: x.target ? { kind: x.target.kind, id: x.target.id, number: x.target.number, title: x.target.title } : null,
      deduction: x.deduction,
      basis: x.basis,
      message: x.message,
      evidence: x.evidence.map((e) => ({ document: e.documentType, file: e.file, page: e.page, quote: e.quote })),
    })),
    undecided: result.undecided,
    passed: result.passed,
    score: result.score && { total: result.score.total, maxTotal: result.score.maxTotal, grade: result.score.grade, scheme: result.score.scheme },
  };
}

function printReport(result: OfflineCheckResult, caseType: CaseType, scheme: Scheme | null): void {
  console.log(`机检报告（${CASE_TYPES[caseType]}${scheme ? `，按「${scheme.title}」${scheme.version}` : ''}）`);
  for (const u of result.unreadable) console.log(`  ✗ 无法读取 ${u.file}：${u.message}`);
  console.log(`\n卷内文书（${result.documents.length} 份）：`);
  for (const d of result.documents) console.log(`  - ${d.file} 第${d.pages[0]}${d.pages[1] !== d.pages[0] ? `–${d.pages[1]}` : ''}页：${documentTypeLabel(d.type)}${d.title ? `（${d.title}）` : ''}`);
  const f = result.facts;
  console.log(`\n要素：案号 ${[...new Set(f.caseNumbers.map((c) => c.value))].join('、') || '未识别'}；日期 ${f.dates.length} 个；金额 ${f.amounts.length} 个；法律依据 ${f.citations.length} 处；执法人员 ${[...new Set(f.officers.map((o) => `${o.name}${o.certificateNumber ? `（${o.certificateNumber}）` : ''}`))].join('、') || '未识别'}`);
  console.log(result.findings.length > 0 ? `\n发现问题 ${result.findings.length} 个（供评查人员判断）：` : '\n未发现问题。');
  result.findings.forEach((x, i) => {
    console.log(`\n${i + 1}. [${x.rule}] ${x.message}`);
    if (x.target) console.log(`   评查项：${x.target.number} ${x.target.title}${x.deduction !== null ? `（建议扣 ${x.deduction} 分）` : ''}`);
    console.log(`   依据：${x.basis}`);
    for (const e of x.evidence.slice(0, 3)) console.log(`   证据：${e.file} 第${e.page}页（${documentTypeLabel(e.documentType)}）“${e.quote}”`);
  });
  if (result.undecided.length > 0) {
    console.log('\n无法判断（需人工核查）：');
    for (const u of result.undecided) console.log(`  - [${u.rule}] ${u.reason}`);
  }
  if (result.score) console.log(`\n预评分（假定机检问题全部成立）：${result.score.total} / ${result.score.maxTotal}，${result.score.grade.label}`);
}

export async function runCheckCommand(args: string[]): Promise<number> {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { 'case-type': { type: 'string' }, scheme: { type: 'string' }, meta: { type: 'string' }, json: { type: 'boolean', default: false } },
    });
    if (positionals.length === 0) throw new UsageError(USAGE);
    const metadata = values.meta ? loadMetadata(values.meta) : null;
    const typeArg = values['case-type'];
    if (typeArg && !(CASE_TYPE_CODES as string[]).includes(typeArg)) throw new UsageError(`未知案件类型 ${typeArg}，可选：${CASE_TYPE_CODES.join('、')}`);
    const caseType = (typeArg as CaseType | undefined) ?? metadata?.caseType ?? 'penalty_general';
    const scheme = loadScheme(values.scheme, caseType);
    const files = positionals.map((file) => {
      if (!fs.existsSync(file)) throw new UsageError(`文件不存在：${file}`);
      return { name: path.basename(file), data: new Uint8Array(fs.readFileSync(file)) };
    });
    const result = await checkPdfFiles(files, { caseType, metadata: metadata ? { ...metadata, caseType } : null, scheme });
    if (values.json) console.log(JSON.stringify(checkJson(result), null, 2));
    else printReport(result, caseType, scheme);
    return result.unreadable.length > 0 ? 2 : 0;
  } catch (error) {
    if (error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'))) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

