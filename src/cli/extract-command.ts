/**
 * `pingcha extract <pdf…> [--json]`: extracts each PDF's page text and detects its documents,
 * offline. With several files on a terminal it shows a progress bar on stderr.
 */
import fs from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analysePages } from '../ingest/analyse-pages.js';
import { documentTypeLabel } from '../ingest/document-types.js';
import { extractPdfPages } from '../ingest/pdf-text.js';
import { checkStagedBytes } from '../ingest/intake.js';
import { createProgressBar } from './progress-bar.js';

interface FileReport {
  file: string;
  ok: boolean;
  error?: { code: string; message: string };
  pageCount?: number;
  documents?: { type: string; typeLabel: string; title: string | null; startPage: number; endPage: number; confidence: number }[];
  pages?: { pageNumber: number; needsOcr: boolean; qualityNote: string | null; text: string }[];
}

export async function extractOne(file: string, onProgress?: (done: number, total: number) => void): Promise<FileReport> {
  const data = await fs.readFile(file);
  const problem = checkStagedBytes(
    { tempPath: file, originalName: path.basename(file), sha256: '', byteSize: data.length, head: data.subarray(0, 1024), tail: data.subarray(-2048), truncated: false },
    Number.MAX_SAFE_INTEGER,
  );
  if (problem) return { file, ok: false, error: { code: problem.code, message: problem.message } };
  const extracted = await extractPdfPages(new Uint8Array(data), onProgress);
  if (!extracted.ok) return { file, ok: false, error: { code: extracted.code, message: extracted.message } };
  const analysis = analysePages(extracted.pages);
  return {
    file,
    ok: true,
    pageCount: analysis.pages.length,
    documents: analysis.documents.map((d) => ({ ...d, typeLabel: documentTypeLabel(d.type) })),
    pages: analysis.pages.map((p) => ({ pageNumber: p.pageNumber, needsOcr: p.needsOcr, qualityNote: p.qualityNote, text: p.rawText })),
  };
}

function printReport(report: FileReport): void {
  console.log(`\n=== ${report.file}`);
  if (!report.ok) {
    console.log(`  ✗ ${report.error!.code}: ${report.error!.message}`);
    return;
  }
  console.log(`  共 ${report.pageCount} 页，识别出 ${report.documents!.length} 份文书：`);
  for (const d of report.documents!) {
    const pages = d.startPage === d.endPage ? `第 ${d.startPage} 页` : `第 ${d.startPage}–${d.endPage} 页`;
    console.log(`  - ${d.typeLabel}（${d.type}）${pages}${d.title ? `  标题：${d.title}` : ''}`);
  }
  for (const page of report.pages!) {
    console.log(`\n--- 第 ${page.pageNumber} 页${page.needsOcr ? `  ⚠ ${page.qualityNote}` : ''}`);
    console.log(page.text);
  }
}

export async function runExtractCommand(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean', default: false } }, allowPositionals: true });
  if (positionals.length === 0) {
    console.error('用法: pingcha extract <pdf…> [--json]');
    return 1;
  }
  const showProgress = positionals.length > 1 && process.stderr.isTTY === true;
  const bar = showProgress ? createProgressBar(process.stderr, positionals.length) : null;
  const reports: FileReport[] = [];
  for (const [index, file] of positionals.entries()) {
    bar?.update(index, path.basename(file), 0, 0);
    const report = await extractOne(file, (done, total) => bar?.update(index, path.basename(file), done, total)).catch(
      (error: NodeJS.ErrnoException): FileReport => ({ file, ok: false, error: { code: error.code ?? 'read_failed', message: `无法读取文件：${error.message}` } }),
    );
    reports.push(report);
  }
  bar?.finish();
  if (values.json) console.log(JSON.stringify(reports.length === 1 ? reports[0] : reports, null, 2));
  else reports.forEach(printReport);
  return reports.every((r) => r.ok) ? 0 : 2;
}
