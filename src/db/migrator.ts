/**
 * Runs the statically listed migrations (migrations/index.ts). Kysely does not wrap SQLite
 * migrations in a transaction (SqliteAdapter.supportsTransactionalDdl is false), so each
 * migration runs inside its own transaction here: it applies whole or not at all.
 */
import { Migrator, type Kysely, type Migration, type MigrationResultSet } from 'kysely';
import { migrations } from '../../migrations/index.js';

function atomic(migration: Migration): Migration {
  return {
    up: (db: Kysely<any>) => db.transaction().execute((trx) => migration.up(trx)),
    down: migration.down && ((db: Kysely<any>) => db.transaction().execute((trx) => migration.down!(trx))),
  };
}

export function createMigrator(db: Kysely<any>, list: Record<string, Migration> = migrations): Migrator {
  return new Migrator({
    db,
    provider: {
      getMigrations: async () => Object.fromEntries(Object.entries(list).map(([name, m]) => [name, atomic(m)])),
    },
  });
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/** Brings the schema up to date; returns the names of the migrations applied now. */
export async function migrateToLatest(db: Kysely<any>, list: Record<string, Migration> = migrations): Promise<string[]> {
  const { error, results }: MigrationResultSet = await createMigrator(db, list).migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new MigrationError(`数据库迁移失败（${failed}）：${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
