/**
 * Authentication (tokens) and the scoping of records to agencies and campaigns.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/app.js';
import { buildTestApp, multipart, validCaseFile, type TestApp } from './helpers/app.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { buildWorld, type World } from './helpers/world.js';

let t: TestApp;
let world: World;
beforeAll(async () => {
  t = await buildTestApp();
  world = await buildWorld(t);
}, 120_000);
afterAll(() => t.close());

const as = (name: keyof World['personas']) => world.personas[name].token;
const get = (token: string | null, url: string) => t.injectAs(token, { method: 'GET', url });

describe('authentication', () => {
  it('answers 401 without a token, with a malformed header, and with an unknown token', async () => {
    const cases: [string | undefined, string][] = [
      [undefined, '需要登录'],
      ['Basic dXNlcjpwYXNz', '格式错误'],
      ['Bearer not-a-token', '格式错误'],
      [`Bearer pc_${'A'.repeat(43)}`, '令牌无效'],
    ];
    for (const [authorization, message] of cases) {
      const res = await t.app.inject({ method: 'GET', url: '/api/v1/case-files', headers: authorization ? { authorization } : {} });
      expect(res.statusCode, authorization).toBe(401);
      expect(res.json().error).toMatchObject({ code: 'unauthenticated', message: expect.stringContaining(message) });
    }
  });

  it('accepts a valid token and records when it was last used', async () => {
    const me = await get(as('reviewerOn'), '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: '外部评查员', role: 'reviewer', affiliation: '江州律师事务所' });
    const tokens = (await t.inject({ method: 'GET', url: `/api/v1/users/${world.personas.reviewerOn.userId}/tokens` })).json().items;
    expect(tokens[0].lastUsedAt).toEqual(expect.any(String));
    expect(tokens[0]).not.toHaveProperty('token');
    expect(JSON.stringify(tokens)).not.toContain(as('reviewerOn')!);
  });

  it('refuses a revoked token', async () => {
    const user = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '临时评查员', role: 'reviewer' } })).json();
    expect((await get(user.token.token, '/api/v1/me')).statusCode).toBe(200);
    const revoked = await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${user.token.id}` });
    expect(revoked.json().revokedAt).toEqual(expect.any(String));
    const res = await get(user.token.token, '/api/v1/me');
    expect(res.statusCode).toBe(401);
  });

  it("refuses the token of a deleted user, and keeps the user's record", async () => {
    const user = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '离职人员', role: 'reviewer' } })).json();
    const deleted = await t.inject({ method: 'DELETE', url: `/api/v1/users/${user.user.id}` });
    expect(deleted.json().deletedAt).toEqual(expect.any(String));
    expect((await get(user.token.token, '/api/v1/me')).statusCode).toBe(401);
    const listed = (await t.inject({ method: 'GET', url: '/api/v1/users?includeDeleted=true&limit=500' })).json().items;
    expect(listed.map((u: { id: string }) => u.id)).toContain(user.user.id);
  });

  it('lets a user issue and revoke their own tokens, but not touch anyone else’s', async () => {
    const own = await t.injectAs(as('agencyOther'), { method: 'POST', url: `/api/v1/users/${world.personas.agencyOther.userId}/tokens`, payload: { label: '备用' } });
    expect(own.statusCode).toBe(201);
    expect(own.json().token).toMatch(/^pc_[A-Za-z0-9_-]{43}$/);
    expect((await t.injectAs(own.json().token, { method: 'DELETE', url: `/api/v1/tokens/${own.json().id}` })).statusCode).toBe(200);
    const other = await t.injectAs(as('agencyOther'), { method: 'POST', url: `/api/v1/users/${world.personas.agencyOwner.userId}/tokens`, payload: {} });
    expect(other.statusCode).toBe(404);
  });

  it('refuses to delete the last admin', async () => {
    const res = await t.inject({ method: 'DELETE', url: `/api/v1/users/${world.personas.admin.userId}` });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('last_admin');
  });

  it('rate-limits failed authentication per client', async () => {
    const app = await buildApp({ ...t.config, auth: { failuresPerMinute: 3 } }, { logger: false, runJobs: false });
    try {
      const bad = { authorization: `Bearer pc_${'B'.repeat(43)}` };
      for (let i = 0; i < 3; i++) expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: bad })).statusCode).toBe(401);
      const blocked = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bad });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('too_many_auth_failures');
      // Even a good token waits out the window from that address: guessing is what is being slowed.
      const good = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${t.adminToken}` } });
      expect(good.statusCode).toBe(429);
      // Requests without a token are not failures of authentication and still get their 401.
      expect((await app.inject({ method: 'GET', url: '/api/v1/me' })).statusCode).toBe(401);
    } finally {
      await app.close();
    }
  });

  it('never writes a token to the log', async () => {
    const lines: string[] = [];
    const stream = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const app = await buildApp(t.config, { logger: { level: 'trace', stream }, runJobs: false });
    try {
      await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${t.adminToken}` } });
      const created = await app.inject({ method: 'POST', url: '/api/v1/users', headers: { authorization: `Bearer ${t.adminToken}` }, payload: { name: '日志测试', role: 'reviewer' } });
      const newToken = created.json().token.token as string;
      await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${newToken}x` } });
      const log = lines.join('');
      expect(log.length).toBeGreaterThan(0);
      expect(log).toContain('/api/v1/me');
      expect(log).not.toContain(t.adminToken);
      expect(log).not.toContain(newToken.slice(3));
    } finally {
      await app.close();
    }
  });

  it('sends security headers, on refused requests too', async () => {
    const ok = await get(as('admin'), '/api/v1/me');
    expect(ok.statusCode).toBe(200);
    expect(ok.headers['x-content-type-options']).toBe('nosniff');
    expect(ok.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(ok.headers['content-security-policy']).toBe(
      "default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline'",
    );
    expect(ok.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    expect(ok.headers['x-powered-by']).toBeUndefined();
    // Authentication refuses before the route runs; the reply still carries the same headers.
    const refused = await get(null, '/api/v1/me');
    expect(refused.statusCode).toBe(401);
    for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'strict-transport-security', 'referrer-policy']) {
      expect(refused.headers[name], name).toBe(ok.headers[name]);
    }
  });
});

describe('creating users', () => {
  it.each([
    [{ name: '某人', role: 'superuser' }, 'body.role'],
    [{ name: '某单位用户', role: 'agency' }, 'body.agencyId'],
    [{ name: '', role: 'reviewer' }, 'body.name'],
    [{ name: '管理员二', role: 'admin', agencyId: 'x' }, 'body.agencyId'],
  ])('rejects %j with 400 at %s', async (payload, path) => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/users', payload });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('rejects an agency user whose agency does not exist (404)', async () => {
    const res = await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '某单位用户', role: 'agency', agencyId: 'missing' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details[0].path).toBe('body.agencyId');
  });

  it('is for admins only', async () => {
    const res = await t.injectAs(as('reviewerOn'), { method: 'POST', url: '/api/v1/users', payload: { name: '某人', role: 'admin' } });
    expect(res.statusCode).toBe(403);
  });
});

describe('agency isolation', () => {
  it('lists only the agency’s own case files, agencies and campaigns', async () => {
    const files = (await get(as('agencyOwner'), '/api/v1/case-files')).json();
    expect(files.items.map((f: { id: string }) => f.id)).toEqual([world.caseFile]);
    expect((await get(as('agencyOther'), '/api/v1/case-files')).json()).toMatchObject({ items: [], total: 0 });
    const agencies = (await get(as('agencyOther'), '/api/v1/agencies')).json();
    expect(agencies.items.map((a: { id: string }) => a.id)).toEqual([world.agencyB]);
    expect((await get(as('agencyOther'), '/api/v1/campaigns')).json().total).toBe(0);
    expect((await get(as('agencyOwner'), '/api/v1/campaigns')).json().items.map((c: { id: string }) => c.id)).toEqual([world.campaign]);
  });

  it("answers 404 for another agency's records, as if they did not exist", async () => {
    for (const url of [
      `/api/v1/case-files/${world.caseFile}`,
      `/api/v1/documents/${world.document}`,
      `/api/v1/documents/${world.document}/original`,
      `/api/v1/files/${world.file}/content`,
      `/api/v1/jobs/${world.job}`,
    ]) {
      const res = await get(as('agencyOther'), url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().error.code).toBe('not_found');
      expect(res.body).not.toContain('沪徐市监处罚');
    }
  });

  it("refuses an agency user naming another agency's id in a body (403) or a query (403)", async () => {
    const body = await t.injectAs(as('agencyOther'), {
      method: 'POST',
      url: '/api/v1/case-files',
      payload: validCaseFile({ agencyId: world.agencyA, campaignId: world.campaign }, { caseNumber: '冒名〔2025〕1号' }),
    });
    expect(body.statusCode).toBe(403);
    expect(body.json().error.details[0].path).toBe('body.agencyId');
    const query = await get(as('agencyOther'), `/api/v1/case-files?agencyId=${world.agencyA}`);
    expect(query.statusCode).toBe(403);
    expect(query.json().error.details[0].path).toBe('query.agencyId');
  });

  it('lets an agency create files only in campaigns that include it', async () => {
    const own = await t.injectAs(as('agencyOwner'), {
      method: 'POST',
      url: '/api/v1/case-files',
      payload: validCaseFile({ agencyId: world.agencyA, campaignId: world.campaign }, { caseNumber: '自查〔2025〕9号' }),
    });
    expect(own.statusCode).toBe(201);
    const outside = await t.injectAs(as('agencyOther'), {
      method: 'POST',
      url: '/api/v1/case-files',
      payload: validCaseFile({ agencyId: world.agencyB, campaignId: world.campaign }, { caseNumber: '自查〔2025〕10号' }),
    });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().error.details[0].path).toBe('body.campaignId');
  });
});

describe('reviewers', () => {
  it('see only the campaigns they are on', async () => {
    expect((await get(as('reviewerOn'), '/api/v1/campaigns')).json().items.map((c: { id: string }) => c.id)).toEqual([world.campaign]);
    expect((await get(as('reviewerOff'), '/api/v1/campaigns')).json().total).toBe(0);
    expect((await get(as('reviewerOff'), '/api/v1/case-files')).json().total).toBe(0);
  });

  it('never see, upload to or file a case of their own agency (回避)', async () => {
    const list = (await get(as('reviewerOwn'), `/api/v1/case-files?campaignId=${world.campaign}`)).json();
    expect(list.items.map((f: { agencyId: string }) => f.agencyId)).not.toContain(world.agencyA);
    expect((await get(as('reviewerOwn'), `/api/v1/case-files/${world.caseFile}`)).statusCode).toBe(404);
    const upload = await t.injectAs(as('reviewerOwn'), {
      method: 'POST',
      url: `/api/v1/case-files/${world.caseFile}/documents`,
      ...multipart([{ name: 'x.pdf', data: await textPdf([['证据材料']], { font: 'cid' }) }]),
    });
    expect(upload.statusCode).toBe(404);
    const override = await t.injectAs(as('reviewerOwn'), { method: 'PATCH', url: `/api/v1/documents/${world.document}`, payload: { type: 'evidence' } });
    expect(override.statusCode).toBe(404);
    const create = await t.injectAs(as('reviewerOwn'), {
      method: 'POST',
      url: '/api/v1/case-files',
      payload: validCaseFile({ agencyId: world.agencyA, campaignId: world.campaign }, { caseNumber: '回避〔2025〕1号' }),
    });
    expect(create.statusCode).toBe(403);
  });

  it('on the campaign see and work on the file of another agency', async () => {
    expect((await get(as('reviewerOn'), `/api/v1/case-files/${world.caseFile}`)).statusCode).toBe(200);
    const reviewers = (await get(as('reviewerOn'), `/api/v1/campaigns/${world.campaign}/reviewers`)).json().items;
    expect(reviewers.map((r: { userId: string }) => r.userId)).toContain(world.personas.reviewerOn.userId);
  });

  it('can be made chief reviewer (组长) and only reviewers can join a campaign', async () => {
    const chief = await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${world.campaign}/reviewers/${world.personas.reviewerOn.userId}`, payload: { chief: true } });
    expect(chief.json()).toMatchObject({ chief: true });
    const agencyUser = await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${world.campaign}/reviewers/${world.personas.agencyOwner.userId}`, payload: {} });
    expect(agencyUser.statusCode).toBe(400);
    expect(agencyUser.json().error.details[0].path).toBe('params.userId');
  });
});
