/**
 * Worker-thread pools for PDF work, so pdf.js never runs on the API's event loop.
 * Two pools: a one-thread pool for the quick validity probe made during an upload, so an
 * upload is never queued behind a long extraction, and the extraction pool proper.
 * Every task has a deadline; when it passes, piscina terminates the thread running it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ExtractOutcome, ExtractTask, ProbeTask } from './extract-worker.js';
import type { PdfProblem } from './pdf-text.js';
import type { PrecheckInput, PrecheckResult } from '../checks/precheck.js';

export type ProbeOutcome = { ok: true; pageCount: number } | PdfProblem;

export interface Extractor {
  probe(filePath: string): Promise<ProbeOutcome>;
  /** Runs the machine pre-check in a worker thread. */
  precheck(input: PrecheckInput): Promise<PrecheckResult>;
  extract(filePath: string, onProgress?: (pagesDone: number, pagesTotal: number) => void): Promise<ExtractOutcome>;
  close(): Promise<void>;
}

export class ExtractionTimeoutError extends Error {
  override name = 'ExtractionTimeoutError';
}

const PROBE_TIMEOUT_MS = 20_000;

/**
 * The compiled worker module. Under vitest the sources run as TypeScript, which a worker
 * thread cannot load, so they use the build in dist/ (npm test builds it first).
 */
export function workerModulePath(): string {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.js')) return path.join(path.dirname(here), 'extract-worker.js');
  const compiled = path.resolve(path.dirname(here), '../../dist/src/ingest/extract-worker.js');
  if (!fs.existsSync(compiled)) throw new Error(`未找到编译后的抽取线程 ${compiled}，请先运行 npm run build`);
  return compiled;
}

async function withDeadline<T>(timeoutMs: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    return await run(controller.signal);
  } catch (error) {
    if (controller.signal.aborted) throw new ExtractionTimeoutError(`抽取超时（超过 ${Math.round(timeoutMs / 1000)} 秒）`);
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Linux gives each thread its own priority, so the extraction threads can yield the CPU to the
 * API's thread: under ingest on a 2-core server the list's p99 fell from 14–17 ms to 10–12 ms
 * (docs/performance.md). Elsewhere a nice value is per process and would slow the API too.
 * piscina applies it in each new thread through @napi-rs/nice, its optional dependency
 * (prebuilt for the usual platforms; without it piscina leaves the priority as it is).
 */
function threadNiceIncrement(requested: number): number {
  return process.platform === 'linux' ? requested : 0;
}

export function createExtractorPool(options: { workers: number; timeoutMs: number; niceIncrement?: number }): Extractor {
  const filename = workerModulePath();
  const common = { filename, idleTimeout: 30_000, resourceLimits: { maxOldGenerationSizeMb: 1024 } };
  // The probe answers an upload request that a user is waiting for: it keeps the API's priority.
  const probePool = new Piscina({ ...common, minThreads: 0, maxThreads: 1 });
  const extractPool = new Piscina({ ...common, minThreads: 0, maxThreads: options.workers, niceIncrement: threadNiceIncrement(options.niceIncrement ?? 0) });

  return {
    probe: (filePath) =>
      withDeadline(PROBE_TIMEOUT_MS, (signal) => probePool.run({ path: filePath } satisfies ProbeTask, { name: 'probe', signal })),

    extract: (filePath, onProgress) =>
      withDeadline(options.timeoutMs, async (signal) => {
        const channel = new MessageChannel();
        channel.port1.on('message', (m: { pagesDone: number; pagesTotal: number }) => onProgress?.(m.pagesDone, m.pagesTotal));
        try {
          const task: ExtractTask = { path: filePath, progressPort: channel.port2 };
          return await extractPool.run(task, { name: 'extract', signal, transferList: [channel.port2] });
        } finally {
          channel.port1.close();
        }
      }),

    precheck: (input) => withDeadline(options.timeoutMs, (signal) => extractPool.run(input, { name: 'precheck', signal })),

    async close() {
      await Promise.all([probePool.destroy(), extractPool.destroy()]);
    },
  };
}
