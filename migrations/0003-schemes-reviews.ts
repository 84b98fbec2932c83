/**
 * Scoring schemes (every version ever loaded, with its content hash), the scheme a campaign
 * uses per case type, reviews with their findings and non-applicable marks, and the
 * finalized results. A result's frozen content cannot be updated (trigger); reopening only
 * changes its status and records who, when and why.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('schemes')
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('version', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('case_types_json', 'text', (c) => c.notNull())
    .addColumn('content_json', 'text', (c) => c.notNull())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('schemes_pk', ['scheme_id', 'version'])
    .execute();

  await db.schema
    .createTable('campaign_schemes')
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('campaign_schemes_pk', ['campaign_id', 'case_type'])
    .addForeignKeyConstraint('campaign_schemes_scheme', ['scheme_id', 'scheme_version'], 'schemes', ['scheme_id', 'version'])
    .execute();

  await db.schema
    .createTable('reviews')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('reviewer_id', 'text', (c) => c.notNull().references('users.id'))
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'text', (c) => c.notNull())
    .addColumn('scheme_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('reviews_case_file_reviewer', ['case_file_id', 'reviewer_id'])
    .addForeignKeyConstraint('reviews_scheme', ['scheme_id', 'scheme_version'], 'schemes', ['scheme_id', 'version'])
    .execute();
  await db.schema.createIndex('reviews_reviewer').on('reviews').column('reviewer_id').execute();

  await db.schema
    .createTable('findings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('points', 'real')
    .addColumn('occurrences', 'integer', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('evidence_json', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('rule_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('findings_review').on('findings').columns(['review_id', 'created_at']).execute();

  await db.schema
    .createTable('review_marks')
    .addColumn('review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_marks_pk', ['review_id', 'target_id'])
    .execute();

  await db.schema
    .createTable('case_results')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('scheme_id', 'text', (c) => c.notNull())
    .addColumn('scheme_version', 'text', (c) => c.notNull())
    .addColumn('scheme_hash', 'text', (c) => c.notNull())
    .addColumn('total', 'real', (c) => c.notNull())
    .addColumn('grade_code', 'text', (c) => c.notNull())
    .addColumn('grade_label', 'text', (c) => c.notNull())
    .addColumn('adopted_review_id', 'text', (c) => c.notNull().references('reviews.id'))
    .addColumn('resolution', 'text')
    .addColumn('snapshot_json', 'text', (c) => c.notNull())
    .addColumn('finalized_by', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'text', (c) => c.notNull())
    .addColumn('reopened_by', 'text')
    .addColumn('reopened_at', 'text')
    .addColumn('reopen_reason', 'text')
    .execute();
  await db.schema.createIndex('case_results_case_file').on('case_results').columns(['case_file_id', 'finalized_at']).execute();

  // What was finalized stays as it was: only the reopening fields may ever change.
  await sql`CREATE TRIGGER case_results_frozen BEFORE UPDATE OF case_file_id, scheme_id, scheme_version, scheme_hash, total, grade_code,
    grade_label, adopted_review_id, resolution, snapshot_json, finalized_by, finalized_at ON case_results
    BEGIN SELECT RAISE(ABORT, 'finalized results are immutable'); END`.execute(db);
  await sql`CREATE TRIGGER case_results_no_delete BEFORE DELETE ON case_results
    BEGIN SELECT RAISE(ABORT, 'finalized results are immutable'); END`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['case_results', 'review_marks', 'findings', 'reviews', 'campaign_schemes', 'schemes']) {
    await db.schema.dropTable(table).execute();
  }
}
