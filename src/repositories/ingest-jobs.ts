/** All SQL about ingest jobs: one per upload, moving queued → running → done | failed. */
import { sql, type Kysely } from 'kysely';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { Database, IngestJobRow } from '../db/schema.js';

export type JobStatus = 'queued' | 'running' | 'done' | 'failed';

export interface IngestJob {
  id: string;
  caseFileId: string;
  status: JobStatus;
  progress: { pagesDone: number; pagesTotal: number };
  attempts: number;
  error: { code: string; message: string } | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const toIngestJob = (row: IngestJobRow): IngestJob => ({
  id: row.id,
  caseFileId: row.case_file_id,
  status: row.status as JobStatus,
  progress: { pagesDone: row.pages_done, pagesTotal: row.pages_total },
  attempts: row.attempts,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  createdAt: row.created_at,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

export async function insertJob(db: Kysely<Database>, caseFileId: string, pagesTotal: number): Promise<IngestJobRow> {
  const now = nowTimestamp();
  const row: IngestJobRow = {
    id: newId(),
    case_file_id: caseFileId,
    status: 'queued',
    pages_done: 0,
    pages_total: pagesTotal,
    attempts: 0,
    error_code: null,
    error_message: null,
    created_at: now,
    started_at: null,
    finished_at: null,
    updated_at: now,
  };
  await db.insertInto('ingest_jobs').values(row).execute();
  return row;
}

export async function findJob(db: Kysely<Database>, id: string): Promise<IngestJob | undefined> {
  const row = await db.selectFrom('ingest_jobs').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toIngestJob(row);
}

export async function listJobsOfCaseFile(db: Kysely<Database>, caseFileId: string): Promise<IngestJob[]> {
  const rows = await db.selectFrom('ingest_jobs').selectAll().where('case_file_id', '=', caseFileId).orderBy('created_at').execute();
  return rows.map(toIngestJob);
}

/** Takes the oldest queued job, marking it running; undefined when none is waiting. */
export async function claimNextJob(db: Kysely<Database>): Promise<IngestJobRow | undefined> {
  return db.transaction().execute(async (trx) => {
    const next = await trx
      .selectFrom('ingest_jobs')
      .select('id')
      .where('status', '=', 'queued')
      .orderBy('created_at')
      .orderBy('id')
      .limit(1)
      .executeTakeFirst();
    if (!next) return undefined;
    const now = nowTimestamp();
    return trx
      .updateTable('ingest_jobs')
      .set({ status: 'running', started_at: now, updated_at: now, attempts: sql<number>`attempts + 1` })
      .where('id', '=', next.id)
      .where('status', '=', 'queued')
      .returningAll()
      .executeTakeFirst();
  });
}

/** Jobs left running by a process that stopped go back to the queue. */
export async function requeueInterruptedJobs(db: Kysely<Database>): Promise<number> {
  const result = await db
    .updateTable('ingest_jobs')
    .set({ status: 'queued', updated_at: nowTimestamp() })
    .where('status', '=', 'running')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function setJobProgress(db: Kysely<Database>, id: string, pagesDone: number): Promise<void> {
  await db.updateTable('ingest_jobs').set({ pages_done: pagesDone, updated_at: nowTimestamp() }).where('id', '=', id).execute();
}

export async function finishJob(
  db: Kysely<Database>,
  id: string,
  outcome: { status: 'done' } | { status: 'failed'; code: string; message: string },
): Promise<void> {
  const now = nowTimestamp();
  await db
    .updateTable('ingest_jobs')
    .set({
      status: outcome.status,
      finished_at: now,
      updated_at: now,
      error_code: outcome.status === 'failed' ? outcome.code : null,
      error_message: outcome.status === 'failed' ? outcome.message : null,
    })
    .where('id', '=', id)
    .execute();
}
