/**
 * The remembered case-file list replies (src/api/reply-cache.ts): a repeated read is served
 * from memory, but never after any change to the database — through the API, through raw
 * SQL on the app's own connection, or by another connection — and never to another caller.
 */
import Database from 'better-sqlite3';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountAudited } from '../src/auth/accounts.js';
import { buildTestApp, seedAgencyAndCampaign, validCaseFile, type TestApp } from './helpers/app.js';

const LIST = '/api/v1/case-files?limit=20';

describe('remembered list replies', () => {
  let t: TestApp;
  let ids: { agencyId: string; campaignId: string };
  let otherIds: { agencyId: string; campaignId: string };
  let agencyToken: string;

  const list = async (token?: string, url = LIST) => {
    const res = token ? await t.injectAs(token, { method: 'GET', url }) : await t.inject({ method: 'GET', url });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    return res;
  };
  const stats = () => t.app.services.replies.stats();

  beforeAll(async () => {
    t = await buildTestApp();
    ids = await seedAgencyAndCampaign(t);
    otherIds = await seedAgencyAndCampaign(t);
    for (const [i, owner] of [ids, otherIds].entries()) {
      const res = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(owner, { caseNumber: `江市监处罚〔2024〕${100 + i}号` }) });
      expect(res.statusCode, res.body).toBe(201);
    }
    agencyToken = (await createAccountAudited(t.app.services.db, { name: '本单位用户', role: 'agency', agencyId: ids.agencyId }, null, 'user.create_cli')).token;
  });
  afterAll(() => t.close());

  it('serves a repeated read from memory, byte for byte, with the usual headers', async () => {
    const first = await list();
    const before = stats();
    const second = await list();
    expect(stats().hits).toBe(before.hits + 1);
    expect(second.body).toBe(first.body);
    expect(second.headers['x-request-id']).toBeDefined();
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
    expect(second.headers['content-security-policy']).toBe(first.headers['content-security-policy']);
  });

  it('shows a case file created through the API on the next read', async () => {
    await list();
    const created = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseNumber: '江市监处罚〔2024〕200号' }) });
    expect(created.statusCode, created.body).toBe(201);
    const after = (await list()).json();
    expect(after.items.map((i: { caseNumber: string }) => i.caseNumber)).toContain('江市监处罚〔2024〕200号');
  });

  it('shows a change made with raw SQL on the same connection (no Kysely query builder involved)', async () => {
    await list();
    await sql`update case_files set cause = ${'改动后的案由'} where case_number like ${'%100号'}`.execute(t.app.services.db);
    const causes = (await list()).json().items.map((i: { cause: string }) => i.cause);
    expect(causes).toContain('改动后的案由');
  });

  it('shows a change committed by another connection', async () => {
    await list();
    const other = new Database(t.config.databasePath);
    try {
      other.prepare('update case_files set cause = ? where case_number like ?').run('另一个连接改的案由', '%101号');
    } finally {
      other.close();
    }
    const causes = (await list()).json().items.map((i: { cause: string }) => i.cause);
    expect(causes).toContain('另一个连接改的案由');
  });

  it('never serves one caller’s page to another, even for the same URL', async () => {
    const all = (await list()).json();
    expect(all.items.some((i: { agencyId: string }) => i.agencyId === otherIds.agencyId)).toBe(true);
    const own = (await list(agencyToken)).json();
    expect(own.items.length).toBeGreaterThan(0);
    expect(own.items.every((i: { agencyId: string }) => i.agencyId === ids.agencyId)).toBe(true);
    // And the other way round: the agency's page, now remembered, is not the admin's.
    expect((await list()).json().items).toHaveLength(all.items.length);
  });

  it('still checks the caller first: no token is 401, another agency’s filter is 403', async () => {
    expect((await t.injectAs(null, { method: 'GET', url: LIST })).statusCode).toBe(401);
    const forbidden = await t.injectAs(agencyToken, { method: 'GET', url: `${LIST}&agencyId=${otherIds.agencyId}` });
    expect(forbidden.statusCode).toBe(403);
  });

  it('forgets a revoked token’s access on the next request', async () => {
    const account = await createAccountAudited(t.app.services.db, { name: '将被停用', role: 'agency', agencyId: ids.agencyId }, null, 'user.create_cli');
    await list(account.token);
    await list(account.token);
    const revoked = await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${account.tokenRecord.id}` });
    expect(revoked.statusCode, revoked.body).toBeLessThan(300);
    expect((await t.injectAs(account.token, { method: 'GET', url: LIST })).statusCode).toBe(401);
  });
});

describe('reply cache limits', () => {
  it('is off with REPLY_CACHE_MIB=0: every read goes to the database', async () => {
    const t = await buildTestApp({ replyCacheBytes: 0 });
    try {
      for (let i = 0; i < 3; i++) expect((await t.inject({ method: 'GET', url: LIST })).statusCode).toBe(200);
      expect(t.app.services.replies.stats()).toMatchObject({ hits: 0, entries: 0 });
    } finally {
      await t.close();
    }
  });

  it('keeps its memory under the bound, dropping the least recently used pages', async () => {
    const t = await buildTestApp({ replyCacheBytes: 1024 });
    try {
      const ids = await seedAgencyAndCampaign(t);
      expect((await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids) })).statusCode).toBe(201);
      const size = (await t.inject({ method: 'GET', url: `${LIST}&q=x0` })).body.length * 2;
      for (let i = 1; i < 40; i++) await t.inject({ method: 'GET', url: `${LIST}&q=x${i}` });
      const s = t.app.services.replies.stats();
      expect(s.bytes).toBeLessThanOrEqual(1024);
      expect(s.entries).toBe(Math.floor(1024 / size));
      // The newest page is still remembered; the oldest is gone.
      const hits = s.hits;
      await t.inject({ method: 'GET', url: `${LIST}&q=x39` });
      expect(t.app.services.replies.stats().hits).toBe(hits + 1);
      await t.inject({ method: 'GET', url: `${LIST}&q=x0` });
      expect(t.app.services.replies.stats().hits).toBe(hits + 1);
    } finally {
      await t.close();
    }
  });
});
