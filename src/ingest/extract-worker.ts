/**
 * Entry point of the extraction worker threads (run by piscina, see extractor-pool.ts).
 * Each task reads the PDF from disk itself, so no large buffer crosses threads on the way in.
 * Results are plain objects; failures come back as values (not thrown) so their codes
 * survive the thread boundary.
 */
import fs from 'node:fs/promises';
import type { MessagePort } from 'node:worker_threads';
import { analysePages, type PageAnalysis } from './analyse-pages.js';
import { extractPdfPages, probePdf, type PdfProblem } from './pdf-text.js';
import { runPrecheck, type PrecheckInput, type PrecheckResult } from '../checks/precheck.js';

export interface ProbeTask {
  path: string;
}

export async function probe(task: ProbeTask) {
  return probePdf(new Uint8Array(await fs.readFile(task.path)));
}

export interface ExtractTask {
  path: string;
  /** Receives { pagesDone, pagesTotal } messages while the file is read. */
  progressPort?: MessagePort;
}

export type ExtractOutcome = ({ ok: true } & PageAnalysis) | PdfProblem;

export async function extract(task: ExtractTask): Promise<ExtractOutcome> {
  const data = new Uint8Array(await fs.readFile(task.path));
  try {
    const extracted = await extractPdfPages(data, (pagesDone, pagesTotal) => {
      task.progressPort?.postMessage({ pagesDone, pagesTotal });
    });
    if (!extracted.ok) return extracted;
    return { ok: true, ...analysePages(extracted.pages) };
  } finally {
    task.progressPort?.close();
  }
}

/** The machine pre-check is CPU work too (a few hundred ms for a large volume): it runs here, not on the API's thread. */
export function precheck(task: PrecheckInput): PrecheckResult {
  return runPrecheck(task);
}
