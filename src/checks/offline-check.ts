/**
 * The whole pre-check without a server or database: PDFs → text → documents → facts →
 * rules → a provisional score. Used by `pingcha check` and the evaluation.
 */
import path from 'node:path';
import type { CaseFileMetadata, CaseType } from '../domain/case-file.js';
import { analysePages } from '../ingest/analyse-pages.js';
import { extractPdfPages } from '../ingest/pdf-text.js';
import { caseFactsFrom } from '../scoring/case-facts.js';
import { scoreCase, type ScoreResult, type ScoringFinding } from '../scoring/score.js';
import type { Scheme } from '../scoring/scheme.js';
import { documentInputs } from './document-inputs.js';
import { runPrecheck, type PrecheckResult } from './precheck.js';
import type { DocumentInput } from '../facts/types.js';

export interface OfflineFile {
  name: string;
  data: Uint8Array;
}

export interface OfflineCheckResult extends PrecheckResult {
  documents: { id: string; file: string; type: string; title: string | null; pages: [number, number] }[];
  /** Files that could not be read, with why. */
  unreadable: { file: string; code: string; message: string }[];
  /** The score if every machine finding were confirmed; null without a scheme. */
  score: ScoreResult | null;
}

export async function checkPdfFiles(
  files: readonly OfflineFile[],
  options: { caseType: CaseType; metadata: CaseFileMetadata | null; scheme: Scheme | null },
): Promise<OfflineCheckResult> {
  const inputs: DocumentInput[] = [];
  const unreadable: OfflineCheckResult['unreadable'] = [];
  const documents: OfflineCheckResult['documents'] = [];
  for (const file of files) {
    const name = path.basename(file.name);
    const extracted = await extractPdfPages(file.data);
    if (!extracted.ok) {
      unreadable.push({ file: name, code: extracted.code, message: extracted.message });
      continue;
    }
    const analysis = analysePages(extracted.pages);
    const ranges = analysis.documents.map((d, i) => ({ id: `${name}#${i + 1}`, type: d.type, title: d.title, startPage: d.startPage, endPage: d.endPage }));
    inputs.push(...documentInputs(name, analysis.pages, ranges));
    documents.push(...ranges.map((r) => ({ id: r.id, file: name, type: r.type, title: r.title, pages: [r.startPage, r.endPage] as [number, number] })));
  }
  const precheck = runPrecheck({ caseType: options.caseType, metadata: options.metadata, documents: inputs, scheme: options.scheme });
  let score: ScoreResult | null = null;
  if (options.scheme && options.metadata) {
    const findings: ScoringFinding[] = precheck.findings
      .filter((f) => f.target)
      .map((f, i) => ({ id: `M${i + 1}`, target: { kind: f.target!.kind, id: f.target!.id }, points: f.deduction ?? undefined, occurrences: 1, status: 'confirmed' }));
    score = scoreCase(options.scheme, caseFactsFrom(options.metadata, documents.map((d) => d.type)), dedupeByTarget(findings));
  }
  return { ...precheck, documents, unreadable, score };
}

/** Several findings of one rule on one item count once for the provisional score (the reviewer decides occurrences). */
function dedupeByTarget(findings: ScoringFinding[]): ScoringFinding[] {
  const seen = new Set<string>();
  return findings.filter((f) => {
    const key = `${f.target.kind}:${f.target.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
