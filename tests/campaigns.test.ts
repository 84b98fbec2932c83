import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const create = (payload: object) => t.inject({ method: 'POST', url: '/api/v1/campaigns', payload });
const setStatus = (id: string, status: string) => t.inject({ method: 'POST', url: `/api/v1/campaigns/${id}/status`, payload: { status } });

describe('campaigns', () => {
  it('creates a campaign in draft and walks it through its life cycle', async () => {
    const res = await create({ name: '2025年度全市行政执法案卷评查', year: 2025, kind: 'concentrated', scopeStart: '2025-01-01', scopeEnd: '2025-10-31' });
    expect(res.statusCode).toBe(201);
    const campaign = res.json();
    expect(campaign).toMatchObject({ status: 'draft', kind: 'concentrated', year: 2025, scopeStart: '2025-01-01', allowedTransitions: ['open'] });

    expect((await setStatus(campaign.id, 'open')).json().status).toBe('open');
    expect((await setStatus(campaign.id, 'reviewing')).json().allowedTransitions).toEqual(['open', 'closed']);
    const closed = await setStatus(campaign.id, 'closed');
    expect(closed.json()).toMatchObject({ status: 'closed', allowedTransitions: [] });

    const got = await t.inject({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}` });
    expect(got.json().status).toBe('closed');
  });

  it('refuses a status change the life cycle does not allow (409)', async () => {
    const campaign = (await create({ name: '2025年度自查', year: 2025, kind: 'self_check' })).json();
    const res = await setStatus(campaign.id, 'closed');
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'invalid_status_transition', details: [{ path: 'body.status' }] });
    expect((await t.inject({ method: 'GET', url: `/api/v1/campaigns/${campaign.id}` })).json().status).toBe('draft');
  });

  it('validates input: unknown kind, scope dates in the wrong order, unknown status', async () => {
    const kind = await create({ name: '某活动', year: 2025, kind: 'random' });
    expect(kind.statusCode).toBe(400);
    expect(kind.json().error.details[0].path).toBe('body.kind');

    const scope = await create({ name: '某活动', year: 2025, kind: 'cross', scopeStart: '2025-06-01', scopeEnd: '2025-01-01' });
    expect(scope.statusCode).toBe(400);
    expect(scope.json().error.details[0]).toMatchObject({ path: 'body.scopeEnd', message: '案卷范围的结束日期早于开始日期' });

    const campaign = (await create({ name: '抽查', year: 2024, kind: 'spot_check' })).json();
    const status = await setStatus(campaign.id, 'archived');
    expect(status.statusCode).toBe(400);
  });

  it('lists with filters and pagination', async () => {
    for (const year of [2021, 2021, 2021]) await create({ name: `${year}年度交叉评查`, year, kind: 'cross' });
    const page1 = (await t.inject({ method: 'GET', url: '/api/v1/campaigns?year=2021&limit=2' })).json();
    expect(page1).toMatchObject({ total: 3, limit: 2, offset: 0 });
    expect(page1.items).toHaveLength(2);
    const page2 = (await t.inject({ method: 'GET', url: '/api/v1/campaigns?year=2021&limit=2&offset=2' })).json();
    expect(page2.items).toHaveLength(1);
    expect(page2.items[0].id).not.toBe(page1.items[0].id);
    const bad = await t.inject({ method: 'GET', url: '/api/v1/campaigns?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('query.limit');
  });

  it('answers 404 for unknown campaigns', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/campaigns/nope' })).statusCode).toBe(404);
    expect((await setStatus('nope', 'open')).statusCode).toBe(404);
  });
});
