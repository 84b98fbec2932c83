/**
 * Taking in an upload of one or more PDFs for a case file, all or nothing:
 * every file is streamed to a temporary file and checked (size, %PDF- magic, %%EOF marker,
 * opens in pdf.js, not encrypted) before anything is stored; then blobs are moved into place
 * and the job and file rows are written in one transaction. Any failure removes every
 * temporary file and every blob this upload created.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import { AppError, type ErrorCode, type ErrorDetail } from '../errors.js';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { Database, FileRow } from '../db/schema.js';
import type { BlobStore, StagedFile } from '../storage/blob-store.js';
import { findFilesBySha, insertBlobIfAbsent, insertFiles, isBlobReferenced, toStoredFile, type StoredFile } from '../repositories/files.js';
import { insertJob, toIngestJob, type IngestJob } from '../repositories/ingest-jobs.js';
import type { Extractor } from './extractor-pool.js';

/** One file part of a multipart request, independent of the HTTP library. */
export interface IncomingFile {
  filename: string;
  stream: Readable;
  /** True once the stream was cut at the size limit (the multipart parser does not throw). */
  truncated(): boolean;
}

export interface IntakeDeps {
  db: Kysely<Database>;
  blobs: BlobStore;
  extractor: Extractor;
  limits: { maxFileBytes: number; maxFiles: number };
}

export interface IntakeResult {
  job: IngestJob;
  files: StoredFile[];
}

const PDF_MAGIC = Buffer.from('%PDF-');
const EOF_MARKER = Buffer.from('%%EOF');

interface Rejection {
  status: number;
  code: ErrorCode;
  message: string;
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / 1024 / 1024) * 10) / 10} MiB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KiB`;
  return `${bytes} 字节`;
}

/** The cheap checks that need no parsing. */
export function checkStagedBytes(staged: StagedFile, maxFileBytes: number): Rejection | null {
  if (staged.truncated) return { status: 413, code: 'file_too_large', message: `文件超过大小上限（${formatBytes(maxFileBytes)}）` };
  if (staged.byteSize === 0) return { status: 400, code: 'empty_file', message: '文件为空（0 字节）' };
  // The PDF header may follow a few bytes of junk (the spec tolerates 1024), but must be there.
  if (!staged.head.includes(PDF_MAGIC)) return { status: 415, code: 'not_pdf', message: '不是 PDF 文件（缺少 %PDF- 文件头）' };
  if (!staged.tail.includes(EOF_MARKER)) return { status: 422, code: 'pdf_truncated', message: 'PDF 文件不完整（缺少 %%EOF 结束标记），可能上传中断或文件被截断' };
  return null;
}

function rejectionError(rejection: Rejection, index: number, filename: string): AppError {
  const detail: ErrorDetail = { path: `files[${index}]`, file: filename, message: rejection.message };
  return new AppError(rejection.status, rejection.code, `上传被拒绝：${filename}：${rejection.message}`, [detail]);
}

/**
 * `record` runs inside the transaction that stores the upload (for the audit trail), so the
 * upload and its record commit together or not at all.
 */
export async function receiveUpload(
  deps: IntakeDeps,
  caseFileId: string,
  incoming: AsyncIterable<IncomingFile>,
  record?: (trx: Kysely<Database>, result: IntakeResult) => Promise<void>,
): Promise<IntakeResult> {
  const staged: StagedFile[] = [];
  const createdBlobs: string[] = [];
  try {
    for await (const part of incoming) {
      if (staged.length >= deps.limits.maxFiles) {
        part.stream.resume();
        throw new AppError(413, 'too_many_files', `一次最多上传 ${deps.limits.maxFiles} 个文件`, [{ path: 'files', message: `文件数超过 ${deps.limits.maxFiles}` }]);
      }
      const file = await deps.blobs.stage(part.stream, part.filename || `file-${staged.length + 1}.pdf`, part.truncated);
      staged.push(file);
      const rejection = checkStagedBytes(file, deps.limits.maxFileBytes);
      if (rejection) throw rejectionError(rejection, staged.length - 1, file.originalName);
    }
    if (staged.length === 0) throw new AppError(400, 'no_files', '请求中没有文件（multipart 字段 file）', [{ path: 'files', message: '至少上传一个 PDF 文件' }]);

    const pageCounts: number[] = [];
    for (const [index, file] of staged.entries()) {
      const probe = await deps.extractor.probe(file.tempPath);
      if (!probe.ok) throw rejectionError({ status: 422, code: probe.code, message: probe.message }, index, file.originalName);
      pageCounts.push(probe.pageCount);
    }
    await refuseDuplicates(deps.db, caseFileId, staged);

    for (const file of staged) {
      const { created } = await deps.blobs.commit(file);
      if (created) createdBlobs.push(file.sha256);
    }
    return await deps.db.transaction().execute(async (trx) => {
      const jobRow = await insertJob(trx, caseFileId, pageCounts.reduce((a, b) => a + b, 0));
      const now = nowTimestamp();
      const fileRows: FileRow[] = staged.map((file, position) => ({
        id: newId(),
        case_file_id: caseFileId,
        job_id: jobRow.id,
        blob_sha256: file.sha256,
        original_name: file.originalName,
        byte_size: file.byteSize,
        page_count: pageCounts[position]!,
        position,
        status: 'pending',
        error_code: null,
        error_message: null,
        created_at: now,
      }));
      for (const file of staged) await insertBlobIfAbsent(trx, file.sha256, file.byteSize);
      await insertFiles(trx, fileRows);
      const result = { job: toIngestJob(jobRow), files: fileRows.map(toStoredFile) };
      await record?.(trx, result);
      return result;
    });
  } catch (error) {
    await Promise.all(staged.map((file) => deps.blobs.discard(file)));
    // A blob this upload moved into place is removed again unless a row now refers to it
    // (another upload of the same bytes may have committed in the meantime).
    for (const sha256 of createdBlobs) {
      if (!(await isBlobReferenced(deps.db, sha256))) await deps.blobs.remove(sha256);
    }
    throw error;
  }
}

async function refuseDuplicates(db: Kysely<Database>, caseFileId: string, staged: readonly StagedFile[]): Promise<void> {
  const seen = new Map<string, number>();
  for (const [index, file] of staged.entries()) {
    const earlier = seen.get(file.sha256);
    if (earlier !== undefined) {
      throw new AppError(409, 'duplicate_file', `同一请求中重复上传了相同的文件：${file.originalName}`, [
        { path: `files[${index}]`, file: file.originalName, message: `与 files[${earlier}] 内容相同` },
      ]);
    }
    seen.set(file.sha256, index);
  }
  const existing = await findFilesBySha(db, caseFileId, [...seen.keys()]);
  if (existing.length > 0) {
    const first = existing[0]!;
    const index = seen.get(first.blob_sha256)!;
    throw new AppError(409, 'duplicate_file', `该案卷已上传过相同内容的文件：${first.original_name}`, [
      { path: `files[${index}]`, file: staged[index]!.originalName, existingFileId: first.id, message: '文件内容与已上传的文件相同' },
    ]);
  }
}
