/**
 * Agencies, campaigns, case files and the intake pipeline (blobs, upload jobs, files,
 * extracted pages, detected documents). Portable column types only: text, integer, bigint,
 * real — see src/db/schema.ts for how values are represented.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('agencies')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('short_name', 'text')
    .addColumn('credit_code', 'text', (c) => c.unique())
    .addColumn('region', 'text')
    .addColumn('sector', 'text')
    .addColumn('level', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('agencies_name').on('agencies').column('name').execute();

  await db.schema
    .createTable('campaigns')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('year', 'integer', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scope_start', 'text')
    .addColumn('scope_end', 'text')
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('case_files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('case_number_key', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('party_kind', 'text', (c) => c.notNull())
    .addColumn('party_credit_code', 'text')
    .addColumn('party_id_number', 'text')
    .addColumn('party_address', 'text')
    .addColumn('party_legal_representative', 'text')
    .addColumn('incident_on', 'text')
    .addColumn('applied_on', 'text')
    .addColumn('accepted_on', 'text')
    .addColumn('filed_on', 'text')
    .addColumn('measure_on', 'text')
    .addColumn('notified_on', 'text')
    .addColumn('hearing_on', 'text')
    .addColumn('decided_on', 'text')
    .addColumn('served_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('fine_fen', 'bigint')
    .addColumn('confiscation_fen', 'bigint')
    .addColumn('other_amount_fen', 'bigint')
    .addColumn('officers_json', 'text', (c) => c.notNull())
    .addColumn('major_decision', 'integer', (c) => c.notNull())
    .addColumn('hearing_held', 'integer', (c) => c.notNull())
    .addColumn('legal_review', 'integer', (c) => c.notNull())
    .addColumn('collective_discussion', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('case_files_campaign_case_number', ['campaign_id', 'case_number_key'])
    .execute();
  await db.schema.createIndex('case_files_agency').on('case_files').columns(['agency_id', 'created_at']).execute();
  await db.schema.createIndex('case_files_campaign_created').on('case_files').columns(['campaign_id', 'created_at']).execute();

  await db.schema
    .createTable('blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('ingest_jobs')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('pages_done', 'integer', (c) => c.notNull())
    .addColumn('pages_total', 'integer', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ingest_jobs_status').on('ingest_jobs').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('ingest_jobs_case_file').on('ingest_jobs').column('case_file_id').execute();

  await db.schema
    .createTable('files')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('job_id', 'text', (c) => c.notNull().references('ingest_jobs.id'))
    .addColumn('blob_sha256', 'text', (c) => c.notNull().references('blobs.sha256'))
    .addColumn('original_name', 'text', (c) => c.notNull())
    .addColumn('byte_size', 'bigint', (c) => c.notNull())
    .addColumn('page_count', 'integer', (c) => c.notNull())
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('files_case_file_blob', ['case_file_id', 'blob_sha256'])
    .execute();
  await db.schema.createIndex('files_job').on('files').columns(['job_id', 'position']).execute();

  await db.schema
    .createTable('pages')
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('page_number', 'integer', (c) => c.notNull())
    .addColumn('raw_text', 'text', (c) => c.notNull())
    .addColumn('normalized_text', 'text', (c) => c.notNull())
    .addColumn('char_count', 'integer', (c) => c.notNull())
    .addColumn('cjk_count', 'integer', (c) => c.notNull())
    .addColumn('needs_ocr', 'integer', (c) => c.notNull())
    .addColumn('quality_note', 'text')
    .addPrimaryKeyConstraint('pages_pk', ['file_id', 'page_number'])
    .execute();

  await db.schema
    .createTable('documents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('file_id', 'text', (c) => c.notNull().references('files.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('detected_type', 'text', (c) => c.notNull())
    .addColumn('type_override', 'text')
    .addColumn('override_note', 'text')
    .addColumn('overridden_at', 'text')
    .addColumn('title', 'text')
    .addColumn('start_page', 'integer', (c) => c.notNull())
    .addColumn('end_page', 'integer', (c) => c.notNull())
    .addColumn('confidence', 'real', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('documents_case_file').on('documents').columns(['case_file_id', 'ordinal']).execute();
  await db.schema.createIndex('documents_file').on('documents').columns(['file_id', 'start_page']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['documents', 'pages', 'files', 'ingest_jobs', 'blobs', 'case_files', 'campaigns', 'agencies']) {
    await db.schema.dropTable(table).execute();
  }
}
