/**
 * The audit trail: every state-changing request leaves one event (who, when, what, the
 * fields that changed, the request id), written in the same transaction as the change;
 * admins can query it; nobody can change or delete it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, multipart, seedAgencyAndCampaign, validCaseFile, waitForJob, type TestApp } from './helpers/app.js';
import { textPdf } from './helpers/pdf-fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const events = async (query: string) => {
  const res = await t.inject({ method: 'GET', url: `/api/v1/audit-events?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

describe('audit trail', () => {
  it('records who changed what, with before and after, for each kind of change', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const me = (await t.inject({ method: 'GET', url: '/api/v1/me' })).json();

    const patched = await t.inject({ method: 'PATCH', url: `/api/v1/agencies/${ids.agencyId}`, payload: { sector: '食品安全' } });
    const agencyEvents = (await events(`entityType=agency&entityId=${ids.agencyId}`)).items;
    expect(agencyEvents.map((e: { action: string }) => e.action)).toEqual(['agency.update', 'agency.create']);
    expect(agencyEvents[0]).toMatchObject({
      actor: { id: me.id, role: 'admin' },
      before: { sector: '市场监管' },
      after: { sector: '食品安全' },
      requestId: expect.any(String),
    });
    expect(agencyEvents[0].requestId).toBe(patched.headers['x-request-id']);
    expect(agencyEvents[1]).toMatchObject({ before: null, after: expect.objectContaining({ name: expect.stringContaining('市场监督管理局') }) });

    await t.inject({ method: 'POST', url: `/api/v1/campaigns/${ids.campaignId}/status`, payload: { status: 'open' } });
    const [status] = (await events(`entityType=campaign&entityId=${ids.campaignId}&action=campaign.status`)).items;
    expect(status).toMatchObject({ before: { status: 'draft' }, after: { status: 'open' } });

    const caseFile = (await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids) })).json();
    const upload = (
      await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile.id}/documents`, ...multipart([{ name: '询问笔录.pdf', data: await textPdf([['询问笔录', '问：……']], { font: 'cid' }) }]) })
    ).json();
    await waitForJob(t, upload.job.id);
    const [doc] = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFile.id}/documents` })).json().items;
    await t.inject({ method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { type: 'statement_record', note: '更正' } });

    const fileEvents = (await events(`entityType=case_file&entityId=${caseFile.id}`)).items;
    expect(fileEvents.map((e: { action: string }) => e.action)).toEqual(['document.upload', 'case_file.create']);
    expect(fileEvents[0].after).toMatchObject({ job: upload.job.id, files: [{ name: '询问笔录.pdf', pages: 1 }] });
    const [override] = (await events(`entityType=document&entityId=${doc.id}`)).items;
    expect(override).toMatchObject({ action: 'document.override', before: { type: 'inquiry_record', note: null }, after: { type: 'statement_record', note: '更正' } });
  });

  it('records users and tokens, but never a token itself', async () => {
    const created = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '审计评查员', role: 'reviewer' } })).json();
    await t.inject({ method: 'DELETE', url: `/api/v1/tokens/${created.token.id}` });
    const trail = (await events(`entityType=user&entityId=${created.user.id}`)).items;
    expect(trail.map((e: { action: string }) => e.action)).toEqual(['token.revoke', 'user.create']);
    expect(trail[1].after.token).toMatchObject({ tokenId: created.token.id, prefix: created.token.prefix });
    expect(JSON.stringify(trail)).not.toContain(created.token.token);
  });

  it('writes nothing for a request that failed', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const first = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseNumber: '审计〔2025〕1号' }) });
    expect(first.statusCode).toBe(201);
    const before = (await events('entityType=case_file&limit=500')).total;
    const dup = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseNumber: '审计〔2025〕1号' }) });
    expect(dup.statusCode).toBe(409);
    const bad = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseType: 'nonsense' }) });
    expect(bad.statusCode).toBe(400);
    expect((await events('entityType=case_file&limit=500')).total).toBe(before);
  });

  it('is queried by user and time range, newest first, in pages', async () => {
    const reviewer = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '自助用户', role: 'reviewer' } })).json();
    const start = new Date().toISOString();
    for (let i = 0; i < 3; i++) {
      const res = await t.injectAs(reviewer.token.token, { method: 'POST', url: `/api/v1/users/${reviewer.user.id}/tokens`, payload: { label: `第${i}个` } });
      expect(res.statusCode).toBe(201);
    }
    const mine = await events(`userId=${reviewer.user.id}&limit=2`);
    expect(mine.total).toBe(3);
    expect(mine.items).toHaveLength(2);
    expect(mine.items.map((e: { after: { label: string } }) => e.after.label)).toEqual(['第2个', '第1个']);
    const page2 = await events(`userId=${reviewer.user.id}&limit=2&offset=2`);
    expect(page2.items.map((e: { after: { label: string } }) => e.after.label)).toEqual(['第0个']);
    expect((await events(`userId=${reviewer.user.id}&from=${encodeURIComponent(start)}`)).total).toBe(3);
    expect((await events(`userId=${reviewer.user.id}&to=2000-01-01`)).total).toBe(0);
    const wrongOrder = await t.inject({ method: 'GET', url: '/api/v1/audit-events?from=2025-05-02&to=2025-05-01' });
    expect(wrongOrder.statusCode).toBe(400);
    expect(wrongOrder.json().error.details[0].path).toBe('query.to');
  });

  it('is for admins only', async () => {
    const reviewer = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '好奇的评查员', role: 'reviewer' } })).json();
    expect((await t.injectAs(reviewer.token.token, { method: 'GET', url: '/api/v1/audit-events' })).statusCode).toBe(403);
  });

  it('cannot be modified or deleted, through the API or in the database', async () => {
    const [event] = (await events('limit=1')).items;
    for (const method of ['PUT', 'PATCH', 'DELETE'] as const) {
      const res = await t.inject({ method, url: `/api/v1/audit-events/${event.id}`, payload: method === 'DELETE' ? undefined : { action: 'forged' } });
      expect(res.statusCode, method).toBe(404);
      expect(res.json().error.code).toBe('route_not_found');
    }
    expect((await t.inject({ method: 'POST', url: '/api/v1/audit-events', payload: { action: 'forged' } })).statusCode).toBe(404);
    const { db } = t.app.services;
    await expect(db.updateTable('audit_events').set({ action: 'forged' }).where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await expect(db.deleteFrom('audit_events').where('id', '=', event.id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_events`.execute(db)).rejects.toThrow(/append-only/);
    expect((await events(`entityId=${event.entityId}`)).items.map((e: { id: string }) => e.id)).toContain(event.id);
  });
});
