/**
 * Every sample case volume, uploaded through the API as a user would: its documents come
 * back with the right types and page ranges, and every page has Chinese text — including
 * the samples set in a non-embedded font (STSong-Light), which need the CMap files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, multipart, waitForJob, type TestApp } from './helpers/app.js';
import { loadSamples } from './helpers/samples.js';

const samples = loadSamples();
let t: TestApp;
let campaignId: string;

beforeAll(async () => {
  t = await buildTestApp();
  campaignId = (await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '样例案卷评查', year: 2025, kind: 'concentrated' } })).json().id;
});
afterAll(() => t.close());

describe('sample case volumes', () => {
  it('has at least six samples covering the required kinds', () => {
    expect(samples.length).toBeGreaterThanOrEqual(6);
    const types = samples.map((s) => s.caseFile.caseType);
    expect(types.filter((x) => x === 'penalty_general').length).toBeGreaterThanOrEqual(3);
    expect(types).toEqual(expect.arrayContaining(['penalty_simple', 'license', 'coercion']));
    expect(samples.some((s) => s.font === 'cid')).toBe(true);
    expect(samples.some((s) => s.files.length === 1)).toBe(true);
    expect(samples.some((s) => s.files.length > 1)).toBe(true);
  });

  it.each(samples.map((s) => [s.slug, s] as const))('%s: uploads, detects its documents and yields Chinese text on every page', async (_slug, sample) => {
    const agency = await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: sample.agency });
    expect(agency.statusCode).toBe(201);
    const caseFile = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: { ...sample.caseFile, campaignId, agencyId: agency.json().id } });
    expect(caseFile.statusCode).toBe(201);
    const caseFileId = caseFile.json().id;

    const parts = sample.files.map((f) => ({ name: f.file, data: fs.readFileSync(path.join(sample.dir, f.file)) }));
    const upload = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, ...multipart(parts) });
    expect(upload.statusCode).toBe(202);
    const job = await waitForJob(t, upload.json().job.id);
    expect(job.status).toBe('done');

    const detail = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}` })).json();
    for (const expected of sample.files) {
      const file = detail.files.find((f: { originalName: string }) => f.originalName === expected.file);
      const found = detail.documents
        .filter((d: { fileId: string }) => d.fileId === file.id)
        .map((d: { type: string; startPage: number; endPage: number }) => ({ type: d.type, startPage: d.startPage, endPage: d.endPage }));
      expect(found, expected.file).toEqual(expected.documents);

      const pages = (await t.inject({ method: 'GET', url: `/api/v1/files/${file.id}/pages` })).json().items;
      expect(pages).toHaveLength(file.pageCount);
      for (const page of pages) {
        expect(page.cjkCount, `${expected.file} page ${page.pageNumber}`).toBeGreaterThan(20);
        expect(page.needsOcr).toBe(false);
      }
    }
  });
});
