/**
 * While a 400-page PDF is being extracted, the API keeps answering: extraction runs in a
 * worker thread, so read requests are served between the job's progress updates. The test
 * asserts on what is observed (replies received while the job is mid-way), not on timings.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, multipart, seedAgencyAndCampaign, validCaseFile, type TestApp } from './helpers/app.js';
import { largeCidPdf } from './helpers/pdf-fixtures.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('event loop during extraction', () => {
  it('answers read requests while a 400-page volume is extracted', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const caseFile = (await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids) })).json();
    const pdf = await largeCidPdf(400);
    const res = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile.id}/documents`, ...multipart([{ name: 'volume.pdf', data: pdf }]) });
    expect(res.statusCode).toBe(202);
    const jobId = res.json().job.id;

    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    const progressSeenMidway = new Set<number>();
    let repliesMidway = 0;
    for (;;) {
      const list = await t.inject({ method: 'GET', url: `/api/v1/case-files?campaignId=${ids.campaignId}` });
      expect(list.statusCode).toBe(200);
      const job = (await t.inject({ method: 'GET', url: `/api/v1/jobs/${jobId}` })).json();
      if (job.status === 'done' || job.status === 'failed') {
        expect(job.status).toBe('done');
        expect(job.progress).toEqual({ pagesDone: 400, pagesTotal: 400 });
        break;
      }
      if (job.status === 'running' && job.progress.pagesDone > 0 && job.progress.pagesDone < 400) {
        repliesMidway++;
        progressSeenMidway.add(job.progress.pagesDone);
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    delay.disable();
    console.log(`event-loop delay during extraction: p50 ${(delay.percentile(50) / 1e6).toFixed(1)} ms, max ${(delay.max / 1e6).toFixed(1)} ms`);
    // Requests were answered while the job was part-way through, at several different points of it.
    expect(repliesMidway).toBeGreaterThanOrEqual(3);
    expect(progressSeenMidway.size).toBeGreaterThanOrEqual(2);
  });
});
