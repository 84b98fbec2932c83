/**
 * The frame of every CLI command that works on the database: open it, bring the schema up to
 * date, run the command, turn an AppError into its message and exit code 1, always close.
 */
import type { Config } from '../config.js';
import { openDatabase, type Db } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { AppError } from '../errors.js';

export async function withDatabase(config: Config, run: (db: Db) => Promise<number>): Promise<number> {
  const db = openDatabase(config.databasePath);
  try {
    await migrateToLatest(db);
    return await run(db);
  } catch (error) {
    if (error instanceof AppError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await db.destroy();
  }
}
