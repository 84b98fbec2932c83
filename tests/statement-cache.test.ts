/**
 * The prepared-statement cache under Kysely (src/db/statement-cache.ts): statements are reused
 * per SQL text, the cache is bounded, a statement still being iterated is never handed out
 * again, and schema changes are picked up.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { withStatementCache } from '../src/db/statement-cache.js';

let sqlite: SQLite.Database;
afterEach(() => {
  if (sqlite?.open) sqlite.close();
});

function openWithRows(n: number) {
  sqlite = new SQLite(':memory:');
  sqlite.exec('create table t (id integer primary key, name text)');
  const insert = sqlite.prepare('insert into t (id, name) values (?, ?)');
  for (let i = 1; i <= n; i++) insert.run(i, `名称${i}`);
  return sqlite;
}

describe('statement cache', () => {
  it('hands out the same statement for the same SQL, and runs it with new parameters each time', () => {
    const db = withStatementCache(openWithRows(3));
    const a = db.prepare('select name from t where id = ?');
    expect(db.prepare('select name from t where id = ?')).toBe(a);
    expect(db.prepare('select name from t where id = ?').all([1])).toEqual([{ name: '名称1' }]);
    expect(db.prepare('select name from t where id = ?').all([3])).toEqual([{ name: '名称3' }]);
    expect(db.prepare('select id from t where id = ?')).not.toBe(a);
    expect(db.cachedStatements).toBe(2);
  });

  it('keeps at most the given number of statements, dropping the least recently used', () => {
    const db = withStatementCache(openWithRows(1), 2);
    const one = db.prepare('select 1');
    const two = db.prepare('select 2');
    expect(db.prepare('select 1')).toBe(one); // now "select 2" is the least recently used
    db.prepare('select 3');
    expect(db.cachedStatements).toBe(2);
    expect(db.prepare('select 1')).toBe(one);
    expect(db.prepare('select 2')).not.toBe(two);
  });

  it('never hands out a statement that is still being iterated', () => {
    const db = withStatementCache(openWithRows(5));
    const query = 'select id from t order by id';
    const iterating = db.prepare(query);
    const iterator = iterating.iterate([]);
    expect(iterator.next().value).toEqual({ id: 1 });
    // Reusing `iterating` now would throw "This statement is busy executing a query".
    const other = db.prepare(query);
    expect(other).not.toBe(iterating);
    expect(other.all([])).toHaveLength(5);
    expect([...iterator].map((r) => (r as { id: number }).id)).toEqual([2, 3, 4, 5]);
    // Once the iteration has ended, the cached statement is free again.
    expect(db.prepare(query)).toBe(iterating);
    expect(db.prepare(query).all([])).toHaveLength(5);
  });

  it('sees schema changes made after a statement was cached', () => {
    const db = withStatementCache(openWithRows(1));
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: '名称1' }]);
    sqlite.exec("alter table t add column note text default '备注'");
    expect(db.prepare('select * from t').all([])).toEqual([{ id: 1, name: '名称1', note: '备注' }]);
  });

  it('works under Kysely: repeated queries, writes, transactions and streams', async () => {
    const db = withStatementCache(openWithRows(4));
    const k = new Kysely<{ t: { id: number; name: string } }>({ dialect: new SqliteDialect({ database: db }) });
    const byId = (id: number) => k.selectFrom('t').select('name').where('id', '=', id).executeTakeFirst();
    expect(await byId(2)).toEqual({ name: '名称2' });
    expect(await byId(4)).toEqual({ name: '名称4' });
    const cached = db.cachedStatements;
    await k.transaction().execute(async (trx) => {
      await trx.updateTable('t').set({ name: '改' }).where('id', '=', 2).execute();
    });
    expect(await byId(2)).toEqual({ name: '改' });
    const streamed: number[] = [];
    for await (const row of k.selectFrom('t').select('id').orderBy('id').stream()) {
      streamed.push(row.id);
      if (streamed.length === 2) break; // an early stop ends the iteration
    }
    expect(streamed).toEqual([1, 2]);
    for await (const row of k.selectFrom('t').select('id').orderBy('id').stream()) streamed.push(row.id);
    expect(streamed).toEqual([1, 2, 1, 2, 3, 4]);
    expect(await k.selectFrom('t').select('id').orderBy('id').execute()).toHaveLength(4);
    expect((await sql<{ n: number }>`select count(*) as n from t`.execute(k)).rows[0]!.n).toBe(4);
    expect(db.cachedStatements).toBeGreaterThan(cached);
    await k.destroy();
    expect(sqlite.open).toBe(false);
  });
});
