/**
 * Rectification items (整改事项) issued to agencies from the confirmed findings of finalized
 * reviews, and the campaign's default rectification period.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('campaigns').addColumn('rectification_days', 'integer').execute();

  await db.schema
    .createTable('rectification_items')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('case_file_id', 'text', (c) => c.notNull().references('case_files.id'))
    .addColumn('result_id', 'text', (c) => c.notNull().references('case_results.id'))
    .addColumn('finding_id', 'text')
    /** The scheme item or veto the problem bears on. */
    .addColumn('target_kind', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('section_title', 'text', (c) => c.notNull())
    .addColumn('item_title', 'text', (c) => c.notNull())
    .addColumn('problem', 'text', (c) => c.notNull())
    .addColumn('deduction', 'real')
    .addColumn('basis', 'text')
    .addColumn('requirement', 'text', (c) => c.notNull())
    .addColumn('deadline', 'text', (c) => c.notNull())
    /** issued → answered → verified, or answered → returned → answered … */
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('answer_text', 'text')
    .addColumn('answer_blob_sha256', 'text', (c) => c.references('blobs.sha256'))
    .addColumn('answer_file_name', 'text')
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'text')
    .addColumn('verified_by', 'text')
    .addColumn('verified_at', 'text')
    .addColumn('return_reason', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('rectification_items_campaign').on('rectification_items').columns(['campaign_id', 'agency_id', 'status']).execute();
  await db.schema.createIndex('rectification_items_case_file').on('rectification_items').column('case_file_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('rectification_items').execute();
  await db.schema.alterTable('campaigns').dropColumn('rectification_days').execute();
}
