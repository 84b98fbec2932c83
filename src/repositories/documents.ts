/** All SQL about the documents detected in uploaded files. */
import type { Kysely } from 'kysely';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { Database, DocumentRow } from '../db/schema.js';
import { documentTypeLabel, type DocumentTypeCode } from '../ingest/document-types.js';
import type { DetectedDocument } from '../ingest/detect-documents.js';

export interface CaseDocument {
  id: string;
  caseFileId: string;
  fileId: string;
  ordinal: number;
  /** The effective type: the reviewer's override if there is one, else the detected type. */
  type: DocumentTypeCode;
  typeLabel: string;
  detectedType: DocumentTypeCode;
  override: { type: DocumentTypeCode; note: string | null; at: string } | null;
  title: string | null;
  startPage: number;
  endPage: number;
  pageCount: number;
  confidence: number;
  createdAt: string;
}

export const toCaseDocument = (row: DocumentRow): CaseDocument => {
  const type = (row.type_override ?? row.detected_type) as DocumentTypeCode;
  return {
    id: row.id,
    caseFileId: row.case_file_id,
    fileId: row.file_id,
    ordinal: row.ordinal,
    type,
    typeLabel: documentTypeLabel(type),
    detectedType: row.detected_type as DocumentTypeCode,
    override: row.type_override
      ? { type: row.type_override as DocumentTypeCode, note: row.override_note, at: row.overridden_at ?? row.created_at }
      : null,
    title: row.title,
    startPage: row.start_page,
    endPage: row.end_page,
    pageCount: row.end_page - row.start_page + 1,
    confidence: row.confidence,
    createdAt: row.created_at,
  };
};

/** Appends the documents detected in one file after the case file's existing documents. */
export async function insertDetectedDocuments(
  db: Kysely<Database>,
  target: { caseFileId: string; fileId: string },
  detected: readonly DetectedDocument[],
): Promise<void> {
  if (detected.length === 0) return;
  const { last } = await db
    .selectFrom('documents')
    .select((eb) => eb.fn.max<number | null>('ordinal').as('last'))
    .where('case_file_id', '=', target.caseFileId)
    .executeTakeFirstOrThrow();
  const now = nowTimestamp();
  const first = (last ?? 0) + 1;
  await db
    .insertInto('documents')
    .values(
      detected.map((d, i) => ({
        id: newId(),
        case_file_id: target.caseFileId,
        file_id: target.fileId,
        ordinal: first + i,
        detected_type: d.type,
        type_override: null,
        override_note: null,
        overridden_at: null,
        title: d.title,
        start_page: d.startPage,
        end_page: d.endPage,
        confidence: d.confidence,
        created_at: now,
      })),
    )
    .execute();
}

export async function listDocumentsOfCaseFile(db: Kysely<Database>, caseFileId: string): Promise<CaseDocument[]> {
  const rows = await db.selectFrom('documents').selectAll().where('case_file_id', '=', caseFileId).orderBy('ordinal').execute();
  return rows.map(toCaseDocument);
}

export async function findDocument(db: Kysely<Database>, id: string): Promise<CaseDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCaseDocument(row);
}

export async function overrideDocumentType(
  db: Kysely<Database>,
  id: string,
  override: { type: DocumentTypeCode; note: string | null } | null,
): Promise<CaseDocument | undefined> {
  const row = await db
    .updateTable('documents')
    .set(
      override
        ? { type_override: override.type, override_note: override.note, overridden_at: nowTimestamp() }
        : { type_override: null, override_note: null, overridden_at: null },
    )
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row && toCaseDocument(row);
}
