/** The latest machine pre-check of each case file (re-run after extraction and after document changes). */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('prechecks')
    .addColumn('case_file_id', 'text', (c) => c.primaryKey().references('case_files.id'))
    .addColumn('ran_at', 'text', (c) => c.notNull())
    .addColumn('scheme_id', 'text')
    .addColumn('scheme_version', 'text')
    .addColumn('finding_count', 'integer', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('prechecks').execute();
}
