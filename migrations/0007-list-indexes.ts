/**
 * Indexes for the list endpoints' default order (newest first): without them every list
 * request sorts the whole table.
 */
import type { Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('case_files_created').on('case_files').columns(['created_at', 'id']).execute();
  await db.schema.createIndex('campaigns_created').on('campaigns').columns(['created_at', 'id']).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('campaigns_created').execute();
  await db.schema.dropIndex('case_files_created').execute();
}
