/**
 * Prepared statements, reused. Kysely's SQLite driver calls `database.prepare(sql)` for every
 * query it runs; preparing (parsing and planning the SQL) costs as much as running a small
 * query. This wrapper hands Kysely a cached better-sqlite3 Statement per SQL text instead —
 * a bounded LRU, so queries built from variable parts (IN lists of varying length) cannot
 * grow it without end.
 *
 * Reuse is safe because a better-sqlite3 Statement keeps no state between runs: Kysely only
 * calls `all`, `run` and `iterate` on it and never changes its modes (raw, pluck, expand,
 * safeIntegers). The one exception is a statement still being iterated (`iterate()`, Kysely's
 * `.stream()`): it is `busy` and cannot run again until the iterator ends, so a busy cached
 * statement is never handed out — a fresh one is prepared for that call instead.
 * SQLite re-prepares a statement by itself when the schema changes (migrations).
 */
import type BetterSqlite3 from 'better-sqlite3';
import type { SqliteDatabase } from 'kysely';

export interface CachingDatabase extends SqliteDatabase {
  /** How many statements are cached now (for tests). */
  readonly cachedStatements: number;
}

const DEFAULT_STATEMENT_CACHE_SIZE = 500;

export function withStatementCache(sqlite: BetterSqlite3.Database, maxStatements = DEFAULT_STATEMENT_CACHE_SIZE): CachingDatabase {
  // A Map iterates in insertion order: re-inserting on use keeps the least recently used first.
  const cache = new Map<string, BetterSqlite3.Statement>();
  return {
    get cachedStatements() {
      return cache.size;
    },
    prepare(sql: string) {
      const cached = cache.get(sql);
      if (cached !== undefined) {
        if (cached.busy) return sqlite.prepare(sql);
        cache.delete(sql);
        cache.set(sql, cached);
        return cached;
      }
      const statement = sqlite.prepare(sql);
      cache.set(sql, statement);
      if (cache.size > maxStatements) cache.delete(cache.keys().next().value!);
      return statement;
    },
    close() {
      cache.clear();
      sqlite.close();
    },
  };
}
