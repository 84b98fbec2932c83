/**
 * Register uploads now stage their rows in a temporary table of the importing connection
 * (repositories/register-staging.ts): in memory, private to the upload, and gone with the
 * connection, so nothing can be left behind by a crash. The shared table of 0009 goes.
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('register_staging').ifExists().execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE register_staging (
      upload_id INTEGER NOT NULL,
      row_number INTEGER NOT NULL,
      case_number TEXT NOT NULL,
      case_number_key TEXT NOT NULL,
      id TEXT NOT NULL,
      case_type TEXT NOT NULL,
      cause TEXT NOT NULL,
      party_name TEXT NOT NULL,
      filed_on TEXT,
      closed_on TEXT,
      amount_fen INTEGER,
      handlers TEXT,
      PRIMARY KEY (upload_id, row_number)
    ) WITHOUT ROWID`.execute(db);
}
