/**
 * Resolved tokens are remembered between requests (src/auth/principal-cache.ts), and
 * forgotten the moment anything that decides who a token belongs to changes: a revoked
 * token, a deleted or renamed user — through the API, or written by another connection.
 */
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrincipalCache } from '../src/auth/principal-cache.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function newReviewer(name: string) {
  const res = await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name, role: 'reviewer' } });
  expect(res.statusCode).toBe(201);
  const body = res.json();
  return { userId: body.user.id as string, token: body.token.token as string, tokenId: body.token.id as string };
}
const me = (token: string) => t.injectAs(token, { method: 'GET', url: '/api/v1/me' });

describe('remembered tokens', () => {
  it('refuses a revoked token on the very next request, though it was just used', async () => {
    const u = await newReviewer('缓存评查员一');
    for (let i = 0; i < 3; i++) expect((await me(u.token)).statusCode).toBe(200);
    expect((await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${u.tokenId}` })).statusCode).toBe(200);
    expect((await me(u.token)).statusCode).toBe(401);
  });

  it('refuses the token of a user deleted after it was used', async () => {
    const u = await newReviewer('缓存评查员二');
    expect((await me(u.token)).statusCode).toBe(200);
    expect((await t.inject({ method: 'DELETE', url: `/api/v1/users/${u.userId}` })).statusCode).toBe(200);
    expect((await me(u.token)).statusCode).toBe(401);
  });

  it('a token revoking itself is refused afterwards', async () => {
    const u = await newReviewer('缓存评查员三');
    expect((await t.injectAs(u.token, { method: 'DELETE', url: `/api/v1/tokens/${u.tokenId}` })).statusCode).toBe(200);
    expect((await me(u.token)).statusCode).toBe(401);
  });

  it('records a renamed user under the new name in the audit trail', async () => {
    const u = await newReviewer('改名前');
    expect((await me(u.token)).statusCode).toBe(200);
    expect((await t.inject({ method: 'PATCH', url: `/api/v1/users/${u.userId}`, payload: { name: '改名后' } })).statusCode).toBe(200);
    const issued = await t.injectAs(u.token, { method: 'POST', url: `/api/v1/users/${u.userId}/tokens`, payload: { label: '备用' } });
    expect(issued.statusCode).toBe(201);
    const events = (await t.inject({ method: 'GET', url: `/api/v1/audit-events?action=token.issue&userId=${u.userId}` })).json().items;
    expect(events[0].actor).toMatchObject({ id: u.userId, name: '改名后' });
  });

  it('notices a token revoked by another connection (another process, a sqlite3 shell)', async () => {
    const u = await newReviewer('缓存评查员四');
    expect((await me(u.token)).statusCode).toBe(200);
    const other = new SQLite(t.config.databasePath);
    try {
      other.prepare('update api_tokens set revoked_at = ? where id = ?').run(new Date().toISOString(), u.tokenId);
    } finally {
      other.close();
    }
    expect((await me(u.token)).statusCode).toBe(401);
  });

  it('writes a token’s last use at most once a minute', async () => {
    const u = await newReviewer('缓存评查员五');
    const lastUsed = async () => (await t.inject({ method: 'GET', url: `/api/v1/users/${u.userId}/tokens` })).json().items[0].lastUsedAt as string | null;
    expect(await lastUsed()).toBeNull();
    expect((await me(u.token)).statusCode).toBe(200);
    const first = await lastUsed();
    expect(first).toEqual(expect.any(String));
    await new Promise((r) => setTimeout(r, 5));
    expect((await me(u.token)).statusCode).toBe(200);
    expect(await lastUsed()).toBe(first);
  });
});

describe('principal cache', () => {
  function setup() {
    const cache = createPrincipalCache();
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table users (id text primary key, name text); create table api_tokens (id text primary key, user_id text, last_used_at text, revoked_at text); create table other (id text)');
    sqlite.exec("insert into users values ('u1', '甲'); insert into api_tokens values ('t1', 'u1', null, null)");
    const db = new Kysely<any>({ dialect: new SqliteDialect({ database: sqlite }), plugins: [cache.watchPlugin] });
    const entry = { tokenId: 't1', user: { id: 'u1', name: '甲', role: 'reviewer' as const, agencyId: null }, lastUsedWrittenMs: 0 };
    return { cache, db, entry };
  }

  it('is emptied by writes to users or tokens, not by reads, other tables or last-used updates', async () => {
    const { cache, db, entry } = setup();
    cache.set('h', entry, cache.generation);
    await db.selectFrom('api_tokens').innerJoin('users', 'users.id', 'api_tokens.user_id').selectAll().execute();
    await db.insertInto('other').values({ id: 'x' }).execute();
    await db.updateTable('api_tokens').set({ last_used_at: 'now' }).where('id', '=', 't1').execute();
    expect(cache.get('h')).toBe(entry);
    await db.updateTable('api_tokens').set({ revoked_at: 'now' }).where('id', '=', 't1').execute();
    expect(cache.get('h')).toBeUndefined();
    for (const write of [
      () => db.updateTable('users').set({ name: '乙' }).execute(),
      () => db.deleteFrom('api_tokens').execute(),
      () => db.insertInto('users').values({ id: 'u2', name: '丙' }).execute(),
      () => db.transaction().execute((trx) => trx.updateTable('users').set({ name: '丁' }).execute()),
    ]) {
      cache.set('h', entry, cache.generation);
      await write();
      expect(cache.get('h')).toBeUndefined();
    }
    await db.destroy();
  });

  it('does not store a lookup that began before an invalidation', async () => {
    const { cache, db, entry } = setup();
    const generation = cache.generation; // a lookup starts…
    await db.updateTable('api_tokens').set({ revoked_at: 'now' }).execute(); // …the token is revoked meanwhile…
    cache.set('h', entry, generation); // …and its (stale) answer arrives
    expect(cache.get('h')).toBeUndefined();
    cache.set('h', entry, cache.generation);
    expect(cache.get('h')).toBe(entry);
    await db.destroy();
  });
});
