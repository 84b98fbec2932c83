/**
 * Runs ingest jobs in the background: takes queued jobs from the database, extracts each of
 * their files in the worker pool, and stores pages and documents. State lives in the
 * database, so a job interrupted by a stop or a crash is queued again at the next start
 * and resumes with the files not yet extracted (a file's pages, documents and status are
 * written in one transaction, so a file is either wholly extracted or not at all).
 */
import type { Kysely } from 'kysely';
import type { FastifyBaseLogger } from 'fastify';
import type { Database } from '../db/schema.js';
import type { BlobStore } from '../storage/blob-store.js';
import { insertDetectedDocuments } from '../repositories/documents.js';
import { insertPages, listFilesOfJob, markFileExtracted, markFileFailed } from '../repositories/files.js';
import { claimNextJob, finishJob, requeueInterruptedJobs, setJobProgress } from '../repositories/ingest-jobs.js';
import { ExtractionTimeoutError, type Extractor } from './extractor-pool.js';
import type { ExtractOutcome } from './extract-worker.js';

export interface IngestRunner {
  /** Requeues interrupted jobs and starts working. */
  start(): Promise<void>;
  /** Tells the runner that a job may be waiting. */
  kick(): void;
  /** Resolves when no job is running or queued (for tests and the CLI). */
  whenIdle(): Promise<void>;
  /**
   * Stops taking jobs. `interrupt` (e.g. closing the worker pool) cuts work in flight short;
   * such jobs stay `running` in the database and resume at the next start.
   */
  stop(interrupt?: () => Promise<void>): Promise<void>;
}

/** What became of one file: its extraction, or why there is none. */
type FileOutcome = ExtractOutcome | { ok: false; code: 'extraction_timeout' | 'extraction_failed'; message: string };

/** Progress is written at most this often while a file is being read. */
const PROGRESS_WRITE_INTERVAL_MS = 250;

export function createIngestRunner(deps: {
  db: Kysely<Database>;
  blobs: BlobStore;
  extractor: Extractor;
  log: FastifyBaseLogger;
  concurrency: number;
  /**
   * Runs once a job's documents are stored, before the job is reported done (the pre-check:
   * a finished upload is extracted, detected and pre-checked). Its failure is logged, not fatal.
   */
  afterJob?: (caseFileId: string) => Promise<void>;
}): IngestRunner {
  const { db, blobs, extractor, log } = deps;
  let stopping = false;
  let claiming = false;
  let active = 0;
  let idleWaiters: Array<() => void> = [];
  const inFlight = new Set<Promise<void>>();

  async function extractFile(jobId: string, sha256: string, pagesBefore: number): Promise<FileOutcome> {
    let lastWrite = 0;
    try {
      return await extractor.extract(blobs.blobPath(sha256), (pagesDone) => {
        const now = Date.now();
        if (stopping || now - lastWrite < PROGRESS_WRITE_INTERVAL_MS) return;
        lastWrite = now;
        setJobProgress(db, jobId, pagesBefore + pagesDone).catch((error) => log.warn({ err: error, jobId }, 'progress update failed'));
      });
    } catch (error) {
      if (stopping) throw error;
      if (error instanceof ExtractionTimeoutError) return { ok: false, code: 'extraction_timeout', message: error.message };
      return { ok: false, code: 'extraction_failed', message: `抽取线程异常：${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async function runJob(jobId: string, caseFileId: string): Promise<void> {
    const files = await listFilesOfJob(db, jobId);
    let pagesDone = files.filter((f) => f.status === 'extracted').reduce((sum, f) => sum + f.pageCount, 0);
    const failures = files.filter((f) => f.status === 'failed').map((f) => `${f.originalName}：${f.error?.message ?? '抽取失败'}`);
    for (const file of files.filter((f) => f.status === 'pending')) {
      const outcome = await extractFile(jobId, file.sha256, pagesDone);
      if (stopping) return;
      if (outcome.ok) {
        pagesDone += file.pageCount;
        await db.transaction().execute(async (trx) => {
          await insertPages(trx, file.id, outcome.pages);
          await insertDetectedDocuments(trx, { caseFileId: file.caseFileId, fileId: file.id }, outcome.documents);
          await markFileExtracted(trx, file.id);
          await setJobProgress(trx, jobId, pagesDone);
        });
      } else {
        await markFileFailed(db, file.id, outcome.code, outcome.message);
        failures.push(`${file.originalName}：${outcome.message}`);
      }
    }
    // Something was extracted (now or before an interruption): check the case file.
    if (deps.afterJob && pagesDone > 0) {
      await deps.afterJob(caseFileId).catch((error) => log.error({ err: error, jobId }, 'after-job step failed'));
    }
    if (stopping) return;
    await finishJob(
      db,
      jobId,
      failures.length === 0 ? { status: 'done' } : { status: 'failed', code: 'extraction_failed', message: failures.join('；') },
    );
  }

  async function runClaimedJob(jobId: string, caseFileId: string, attempt: number): Promise<void> {
    log.info({ jobId, attempt }, 'ingest job started');
    try {
      await runJob(jobId, caseFileId);
      if (!stopping) log.info({ jobId }, 'ingest job finished');
    } catch (error) {
      if (stopping) return;
      log.error({ err: error, jobId }, 'ingest job crashed');
      await finishJob(db, jobId, { status: 'failed', code: 'internal_error', message: '处理任务时发生内部错误' }).catch(() => undefined);
    }
  }

  function releaseIdleWaiters() {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  /** Fills free slots with queued jobs, one claim at a time. */
  function kick(): void {
    if (stopping || claiming || active >= deps.concurrency) return;
    claiming = true;
    claimNextJob(db)
      .then((job) => {
        claiming = false;
        if (!job) {
          if (active === 0) releaseIdleWaiters();
          return;
        }
        active++;
        const run = runClaimedJob(job.id, job.case_file_id, job.attempts).finally(() => {
          active--;
          inFlight.delete(run);
          kick();
        });
        inFlight.add(run);
        kick();
      })
      .catch((error) => {
        claiming = false;
        log.error({ err: error }, 'could not claim an ingest job');
      });
  }

  return {
    async start() {
      const requeued = await requeueInterruptedJobs(db);
      if (requeued > 0) log.info({ requeued }, 'interrupted ingest jobs queued again');
      kick();
    },
    kick,
    whenIdle() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        kick();
        if (stopping) releaseIdleWaiters();
      });
    },
    async stop(interrupt) {
      stopping = true;
      if (interrupt) await interrupt();
      await Promise.allSettled([...inFlight]);
      releaseIdleWaiters();
    },
  };
}
