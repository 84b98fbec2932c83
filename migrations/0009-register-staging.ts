/**
 * A register upload stages its validated rows here, in short batches while the file is read,
 * and moves them into register_entries in one transaction (all or none), deleting them in the
 * same transaction. Rows of a failed upload are deleted when it fails; rows left behind by a
 * crash are deleted at start-up (repositories/register-staging.ts).
 */
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
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

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('register_staging').execute();
}
