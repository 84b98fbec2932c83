/** All SQL about uploaded files (stored blobs attached to a case file) and their pages. */
import type { Kysely } from 'kysely';
import { fromDbBool, nowTimestamp, toDbBool } from '../db/mappers.js';
import type { Database, FileRow, PageRow } from '../db/schema.js';
import type { AnalysedPage } from '../ingest/analyse-pages.js';

export type FileStatus = 'pending' | 'extracted' | 'failed';

export interface StoredFile {
  id: string;
  caseFileId: string;
  jobId: string;
  sha256: string;
  originalName: string;
  byteSize: number;
  pageCount: number;
  status: FileStatus;
  error: { code: string; message: string } | null;
  createdAt: string;
}

export const toStoredFile = (row: FileRow): StoredFile => ({
  id: row.id,
  caseFileId: row.case_file_id,
  jobId: row.job_id,
  sha256: row.blob_sha256,
  originalName: row.original_name,
  byteSize: Number(row.byte_size),
  pageCount: row.page_count,
  status: row.status as FileStatus,
  error: row.error_code ? { code: row.error_code, message: row.error_message ?? '' } : null,
  createdAt: row.created_at,
});

export interface PageText {
  pageNumber: number;
  rawText: string;
  normalizedText: string;
  charCount: number;
  cjkCount: number;
  needsOcr: boolean;
  qualityNote: string | null;
}

const toPageText = (row: PageRow): PageText => ({
  pageNumber: row.page_number,
  rawText: row.raw_text,
  normalizedText: row.normalized_text,
  charCount: row.char_count,
  cjkCount: row.cjk_count,
  needsOcr: fromDbBool(row.needs_ocr),
  qualityNote: row.quality_note,
});

export async function insertBlobIfAbsent(db: Kysely<Database>, sha256: string, byteSize: number): Promise<void> {
  await db
    .insertInto('blobs')
    .values({ sha256, byte_size: byteSize, created_at: nowTimestamp() })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function isBlobReferenced(db: Kysely<Database>, sha256: string): Promise<boolean> {
  const row = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
  return row !== undefined;
}

export async function insertFiles(db: Kysely<Database>, rows: FileRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('files').values(rows).execute();
}

export async function findFile(db: Kysely<Database>, id: string): Promise<StoredFile | undefined> {
  const row = await db.selectFrom('files').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toStoredFile(row);
}

export async function listFilesOfCaseFile(db: Kysely<Database>, caseFileId: string): Promise<StoredFile[]> {
  const rows = await db.selectFrom('files').selectAll().where('case_file_id', '=', caseFileId).orderBy('created_at').orderBy('position').execute();
  return rows.map(toStoredFile);
}

export async function listFilesOfJob(db: Kysely<Database>, jobId: string): Promise<StoredFile[]> {
  const rows = await db.selectFrom('files').selectAll().where('job_id', '=', jobId).orderBy('position').execute();
  return rows.map(toStoredFile);
}

/** Files of this case file whose content is one of `sha256s` (to refuse re-uploading the same PDF). */
export async function findFilesBySha(db: Kysely<Database>, caseFileId: string, sha256s: readonly string[]) {
  if (sha256s.length === 0) return [];
  return db
    .selectFrom('files')
    .select(['id', 'blob_sha256', 'original_name'])
    .where('case_file_id', '=', caseFileId)
    .where('blob_sha256', 'in', sha256s)
    .execute();
}

export async function markFileExtracted(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('files').set({ status: 'extracted', error_code: null, error_message: null }).where('id', '=', id).execute();
}

export async function markFileFailed(db: Kysely<Database>, id: string, code: string, message: string): Promise<void> {
  await db.updateTable('files').set({ status: 'failed', error_code: code, error_message: message }).where('id', '=', id).execute();
}

/** SQLite binds at most 32766 parameters per statement: 8 columns × 200 rows stays well inside. */
const PAGE_BATCH = 200;

export async function insertPages(db: Kysely<Database>, fileId: string, pages: readonly AnalysedPage[]): Promise<void> {
  for (let i = 0; i < pages.length; i += PAGE_BATCH) {
    await db
      .insertInto('pages')
      .values(
        pages.slice(i, i + PAGE_BATCH).map((p) => ({
          file_id: fileId,
          page_number: p.pageNumber,
          raw_text: p.rawText,
          normalized_text: p.normalizedText,
          char_count: p.charCount,
          cjk_count: p.cjkCount,
          needs_ocr: toDbBool(p.needsOcr),
          quality_note: p.qualityNote,
        })),
      )
      .execute();
  }
}

export async function listPages(db: Kysely<Database>, fileId: string, range?: { from: number; to: number }): Promise<PageText[]> {
  let query = db.selectFrom('pages').selectAll().where('file_id', '=', fileId);
  if (range) query = query.where('page_number', '>=', range.from).where('page_number', '<=', range.to);
  const rows = await query.orderBy('page_number').execute();
  return rows.map(toPageText);
}
