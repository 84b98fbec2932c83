/**
 * Register uploads now stage their rows in a temporary table of the importing connection
 * (repositories/register-staging.ts): in memory, private to the upload, and gone with the
 * connection, so nothing can be left behind by a crash. The shared table of 0009 goes.
 */
import type { Kysely } from 'kysely';
import { up as createSharedStagingTable } from './0009-register-staging.js';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('register_staging').ifExists().execute();
}

/** Back to 0009: its shared staging table, empty. */
export async function down(db: Kysely<any>): Promise<void> {
  await createSharedStagingTable(db);
}
