/**
 * Case registers (案件台账) imported into a campaign, and the random draws (抽查) made from
 * them: the seed and parameters are recorded so anyone can redraw and get the same files.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('register_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('file_name', 'text', (c) => c.notNull())
    .addColumn('row_count', 'integer', (c) => c.notNull())
    .addColumn('imported_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('register_entries')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('agency_id', 'text', (c) => c.notNull().references('agencies.id'))
    .addColumn('import_id', 'text', (c) => c.notNull().references('register_imports.id'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('case_number', 'text', (c) => c.notNull())
    .addColumn('case_number_key', 'text', (c) => c.notNull())
    .addColumn('case_type', 'text', (c) => c.notNull())
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('party_name', 'text', (c) => c.notNull())
    .addColumn('filed_on', 'text')
    .addColumn('closed_on', 'text')
    .addColumn('amount_fen', 'bigint')
    .addColumn('handlers', 'text')
    /** Set when a draw picks the entry: the case file created for it. */
    .addColumn('sampling_id', 'text')
    .addColumn('case_file_id', 'text', (c) => c.references('case_files.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('register_entries_campaign_case_number', ['campaign_id', 'case_number_key'])
    .execute();
  await db.schema.createIndex('register_entries_agency').on('register_entries').columns(['campaign_id', 'agency_id', 'case_type']).execute();

  await db.schema
    .createTable('samplings')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id'))
    .addColumn('seed', 'text', (c) => c.notNull())
    .addColumn('params_json', 'text', (c) => c.notNull())
    .addColumn('result_json', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('samplings_campaign').on('samplings').columns(['campaign_id', 'created_at']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['samplings', 'register_entries', 'register_imports']) await db.schema.dropTable(table).execute();
}
