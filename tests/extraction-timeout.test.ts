/**
 * A PDF whose extraction outlasts the deadline fails its job with the reason, and the
 * worker thread that was stuck on it is replaced: the next upload is extracted normally.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, multipart, seedAgencyAndCampaign, validCaseFile, waitForJob, type TestApp } from './helpers/app.js';
import { largeCidPdf, textPdf } from './helpers/pdf-fixtures.js';

let t: TestApp;
let ids: { agencyId: string; campaignId: string };
beforeAll(async () => {
  // Two seconds: ample for a one-page PDF even in a fresh thread on a busy machine (pdf.js is
  // compiled first), far too little for 4,000 pages (about 7 s).
  t = await buildTestApp({ extraction: { workers: 1, timeoutMs: 2000 } });
  ids = await seedAgencyAndCampaign(t);
});
afterAll(() => t.close());

async function uploadTo(caseNumber: string, data: Buffer) {
  const caseFile = (await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseNumber }) })).json();
  const res = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile.id}/documents`, ...multipart([{ name: 'v.pdf', data }]) });
  expect(res.statusCode).toBe(202);
  return { caseFileId: caseFile.id as string, job: await waitForJob(t, res.json().job.id) };
}

describe('extraction deadline', () => {
  it('fails a job whose PDF takes too long, naming the file and the reason, then carries on', async () => {
    const slow = await uploadTo('超时测罚〔2025〕1号', await largeCidPdf(4000));
    expect(slow.job.status).toBe('failed');
    expect(slow.job.error).toMatchObject({ code: 'extraction_failed', message: expect.stringContaining('抽取超时') });
    expect(slow.job.files[0]).toMatchObject({ status: 'failed', error: { code: 'extraction_timeout' } });
    const docs = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${slow.caseFileId}/documents` })).json().items;
    expect(docs).toEqual([]);

    const small = await uploadTo('超时测罚〔2025〕2号', await textPdf([['送达回证', '受送达人：某某公司']], { font: 'cid' }));
    expect(small.job.status).toBe('done');
  });
});
