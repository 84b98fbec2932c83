/**
 * The pre-check through the API, as a user meets it: upload a sample with seeded defects,
 * and see them as suggested findings on the case's review — with evidence, mapped to the
 * right scheme items — never overriding the reviewer's own decisions.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, multipart, waitForJob, type TestApp } from './helpers/app.js';

const variant = path.resolve(import.meta.dirname, '../samples/eval/urban-heavier-decision-missing-element-bad-id');
const meta = JSON.parse(fs.readFileSync(path.join(variant, 'metadata.json'), 'utf8'));
let t: TestApp;
let caseFileId: string;
let reviewId: string;
let reviewerToken: string;

beforeAll(async () => {
  t = await buildTestApp();
  const agency = (await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: meta.agency })).json();
  const campaign = (await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '机检测试', year: 2025, kind: 'concentrated' } })).json();
  // The seeded ID number has a wrong check digit: the API would refuse it as metadata, so it is left to the PDFs.
  const { idNumber: _bad, ...party } = meta.caseFile.party;
  const created = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: { ...meta.caseFile, party, agencyId: agency.id, campaignId: campaign.id } });
  expect(created.statusCode, created.body).toBe(201);
  caseFileId = created.json().id;
  const parts = meta.files.map((f: { file: string }) => ({ name: f.file, data: fs.readFileSync(path.join(variant, f.file)) }));
  const upload = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, ...multipart(parts) });
  expect(upload.statusCode).toBe(202);
  await waitForJob(t, upload.json().job.id);
  const reviewer = (await t.inject({ method: 'POST', url: '/api/v1/users', payload: { name: '评查员', role: 'reviewer' } })).json();
  reviewerToken = reviewer.token.token;
  await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign.id}/reviewers/${reviewer.user.id}`, payload: {} });
  reviewId = (await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/reviews`, payload: { reviewerIds: [reviewer.user.id] } })).json().items[0].id;
}, 120_000);
afterAll(() => t.close());

describe('pre-check through the API', () => {
  it('runs after extraction and reports the seeded defects with rule, basis and evidence', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}/precheck` });
    expect(res.statusCode).toBe(200);
    const precheck = res.json();
    const rules = precheck.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['decision.not_heavier_than_notice', 'decision.statutory_elements', 'party.identifier_valid']));
    for (const finding of precheck.findings) {
      expect(finding.basis).not.toBe('');
      expect(finding.evidence.length).toBeGreaterThan(0);
      for (const e of finding.evidence) expect(e).toMatchObject({ documentId: expect.any(String), page: expect.any(Number), quote: expect.stringMatching(/\S/) });
    }
    expect(precheck.facts.caseNumbers.length).toBeGreaterThan(0);
  });

  it('offers them as suggestions on the review, mapped to the scheme items that name the rules', async () => {
    const view = (await t.injectAs(reviewerToken, { method: 'GET', url: `/api/v1/reviews/${reviewId}` })).json();
    const suggested = view.sections
      .flatMap((s: { items: { id: string; findings: { source: string; status: string; ruleId: string; evidence: unknown[] }[] }[] }) => s.items)
      .flatMap((i: { id: string; findings: { source: string; status: string; ruleId: string; evidence: { documentId: string }[] }[] }) => i.findings.map((f) => ({ item: i.id, ...f })))
      .filter((f: { source: string }) => f.source === 'machine');
    const byRule = Object.fromEntries(suggested.map((f: { ruleId: string; item: string }) => [f.ruleId, f.item]));
    expect(byRule).toMatchObject({ 'decision.not_heavier_than_notice': 'pg-2-5', 'decision.statutory_elements': 'pg-6-1', 'party.identifier_valid': 'pg-1-3' });
    for (const f of suggested) {
      expect(f.status).toBe('suggested');
      const doc = await t.inject({ method: 'GET', url: `/api/v1/documents/${f.evidence[0]!.documentId}` });
      expect(doc.statusCode).toBe(200); // evidence points at a real document of this case
    }
    expect(view.score.total).toBe(100); // suggestions do not count until confirmed
  });

  it('keeps a reviewer’s decision when the pre-check runs again', async () => {
    const view = (await t.injectAs(reviewerToken, { method: 'GET', url: `/api/v1/reviews/${reviewId}` })).json();
    const machine = view.sections.flatMap((s: { items: { findings: { id: string; source: string; ruleId: string }[] }[] }) => s.items.flatMap((i) => i.findings)).filter((f: { source: string }) => f.source === 'machine');
    const [first, second] = machine;
    await t.injectAs(reviewerToken, { method: 'PATCH', url: `/api/v1/reviews/${reviewId}/findings/${first.id}`, payload: { status: 'confirmed' } });
    await t.injectAs(reviewerToken, { method: 'PATCH', url: `/api/v1/reviews/${reviewId}/findings/${second.id}`, payload: { status: 'rejected', note: '经核对无误' } });
    expect((await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/precheck` })).statusCode).toBe(200);
    const after = (await t.injectAs(reviewerToken, { method: 'GET', url: `/api/v1/reviews/${reviewId}` })).json();
    const all = after.sections.flatMap((s: { items: { findings: { id: string; source: string; ruleId: string; status: string }[] }[] }) => s.items.flatMap((i) => i.findings)).filter((f: { source: string }) => f.source === 'machine');
    expect(all.find((f: { id: string }) => f.id === first.id)?.status).toBe('confirmed');
    expect(all.find((f: { id: string }) => f.id === second.id)?.status).toBe('rejected');
    // The settled rules are not suggested a second time.
    expect(all.filter((f: { ruleId: string }) => f.ruleId === first.ruleId)).toHaveLength(1);
    expect(all.filter((f: { ruleId: string }) => f.ruleId === second.ruleId)).toHaveLength(1);
  });
});
