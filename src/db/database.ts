/**
 * Opens the embedded SQLite database behind Kysely, with the pragmas that make it safe
 * and fast for one server process: WAL, synchronous=NORMAL, foreign keys, busy timeout;
 * and prepared statements reused across queries (statement-cache.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type KyselyPlugin } from 'kysely';
import type { Database } from './schema.js';
import { withStatementCache } from './statement-cache.js';

export type Db = Kysely<Database>;

/** The better-sqlite3 connection behind each Kysely instance openDatabase made. */
const handles = new WeakMap<object, SQLite.Database>();

export interface OpenOptions {
  /** Kysely plugins for every query (the server adds the principal cache's change watch). */
  plugins?: KyselyPlugin[];
}

export function openDatabase(databasePath: string, options: OpenOptions = {}): Db {
  if (databasePath !== ':memory:') fs.mkdirSync(path.dirname(databasePath), { recursive: true });
  const sqlite = new SQLite(databasePath);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  sqlite.pragma('temp_store = MEMORY');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }), plugins: options.plugins ?? [] });
  handles.set(db, sqlite);
  return db;
}

/**
 * Runs `work` directly on the better-sqlite3 connection (prepared statements reused in a
 * loop, a synchronous transaction) while holding Kysely's one connection: no other request's
 * transaction is open meanwhile and no statement of another request runs until it returns.
 * `work` must be synchronous — it is, as better-sqlite3 is — so the hold is short.
 */
export async function withSqlite<T>(db: Db, work: (sqlite: SQLite.Database) => T): Promise<T> {
  const sqlite = handles.get(db);
  if (!sqlite) throw new Error('withSqlite: not a database opened by openDatabase');
  return db.connection().execute(async () => work(sqlite));
}
