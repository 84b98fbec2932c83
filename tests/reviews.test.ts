/**
 * The review workflow through the API: assignment, findings settled item by item with the
 * score updating, submission, comparison of two reviewers, finalization with a frozen
 * snapshot, reopening with a reason, agreement — and every bad input the issue lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertFinding } from '../src/repositories/reviews.js';
import { buildTestApp, multipart, validCaseFile, waitForJob, type TestApp } from './helpers/app.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { testScheme } from './fixtures/test-scheme.js';

let t: TestApp;
const ids = {} as {
  agencyA: string;
  agencyB: string;
  campaign: string;
  caseFile: string;
  otherCaseFile: string;
  document: string;
  otherDocument: string;
};
const tokens = {} as Record<'r1' | 'r2' | 'chief' | 'own' | 'off' | 'agency', string>;
const users = {} as Record<'r1' | 'r2' | 'chief' | 'own' | 'off' | 'agency', string>;

const json = async (res: { statusCode: number; body: string; json(): any }, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const as = (who: keyof typeof tokens, options: Parameters<TestApp['inject']>[0]) => t.injectAs(tokens[who], options);

async function uploadDecision(caseFileId: string) {
  const up = await json(
    await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, ...multipart([{ name: 'd.pdf', data: await textPdf([['行政处罚决定书', '当事人：某公司'], ['罚款人民币伍仟元']], { font: 'cid' }) }]) }),
    202,
  );
  await waitForJob(t, up.job.id);
  return (await json(await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}/documents` }), 200)).items[0].id as string;
}

beforeAll(async () => {
  t = await buildTestApp();
  const agency = async (name: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name } }), 201)).id;
  ids.agencyA = await agency('江州市市场监督管理局');
  ids.agencyB = await agency('江州市城市管理局');
  ids.campaign = (await json(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '评查测试', year: 2025, kind: 'concentrated' } }), 201)).id;
  const user = async (key: keyof typeof tokens, payload: object) => {
    const created = await json(await t.inject({ method: 'POST', url: '/api/v1/users', payload }), 201);
    tokens[key] = created.token.token;
    users[key] = created.user.id;
  };
  await user('r1', { name: '评查员甲', role: 'reviewer', affiliation: '律师' });
  await user('r2', { name: '评查员乙', role: 'reviewer', affiliation: '检察院' });
  await user('chief', { name: '组长', role: 'reviewer', agencyId: ids.agencyB });
  await user('own', { name: '本单位评查员', role: 'reviewer', agencyId: ids.agencyA });
  await user('off', { name: '场外评查员', role: 'reviewer' });
  await user('agency', { name: '市场监管联络员', role: 'agency', agencyId: ids.agencyA });
  for (const [key, chief] of [['r1', false], ['r2', false], ['chief', true], ['own', false]] as const) {
    await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/reviewers/${users[key]}`, payload: { chief } }), 200);
  }
  await json(await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: testScheme as unknown as Record<string, unknown> }), 201);
  await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/schemes/penalty_general`, payload: { schemeId: 'test-scheme' } }), 200);
  const caseFile = (n: string) => t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile({ agencyId: ids.agencyA, campaignId: ids.campaign }, { caseNumber: n }) });
  ids.caseFile = (await json(await caseFile('评查测罚〔2025〕1号'), 201)).id;
  ids.otherCaseFile = (await json(await caseFile('评查测罚〔2025〕2号'), 201)).id;
  ids.document = await uploadDecision(ids.caseFile);
  ids.otherDocument = await uploadDecision(ids.otherCaseFile);
}, 120_000);
afterAll(() => t.close());

let reviewR1: string;
let reviewR2: string;

describe('assigning reviewers', () => {
  it('refuses a non-chief reviewer (403), a reviewer of the file’s own agency, and one not on the campaign (400)', async () => {
    expect((await as('r1', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.r1] } })).statusCode).toBe(403);
    const own = await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.own] } });
    expect(own.statusCode).toBe(400);
    expect(own.json().error.details[0]).toMatchObject({ path: 'body.reviewerIds[0]', message: '应当回避' });
    const off = await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.off] } });
    expect(off.json().error.details[0]).toMatchObject({ path: 'body.reviewerIds[0]', message: '不在本评查活动中' });
  });

  it('lets the chief assign two reviewers, with the campaign’s scheme, and no third', async () => {
    const res = await json(await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.r1, users.r2] } }), 201);
    expect(res.items.map((r: { scheme: { id: string } }) => r.scheme.id)).toEqual(['test-scheme', 'test-scheme']);
    [reviewR1, reviewR2] = res.items.map((r: { id: string }) => r.id);
    const third = await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.chief] } });
    expect(third.statusCode).toBe(409);
  });

  it('refuses a scheme that does not apply to the case type', async () => {
    const res = await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.otherCaseFile}/reviews`, payload: { reviewerIds: [users.r1], schemeId: 'license-general' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].path).toBe('body.schemeId');
  });
});

describe('a reviewer settling findings', () => {
  it('shows every item with whether it applies, and the live score', async () => {
    const view = await json(await as('r1', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` }), 200);
    expect(view.score).toMatchObject({ total: 100, grade: { label: '优秀' }, scheme: { id: 'test-scheme', version: '1.0.0' } });
    const items = view.sections.flatMap((s: { items: { id: string; applicable: boolean }[] }) => s.items);
    expect(items.map((i: { id: string; applicable: boolean }) => [i.id, i.applicable])).toEqual([
      ['S1', true],
      ['S2', true],
      ['P1', true],
      ['P2', false],
    ]);
  });

  it('adds a finding with evidence and sees the score drop', async () => {
    const res = await json(
      await as('r1', {
        method: 'POST',
        url: `/api/v1/reviews/${reviewR1}/findings`,
        payload: { target: { kind: 'item', id: 'S2' }, points: 3, note: '当事人名称前后不一致', evidence: [{ documentId: ids.document, page: 1, quote: '当事人：某公司' }] },
      }),
      201,
    );
    // applicable 15: S1 4 + S2 (6 − 3) + P1 5 = 12 → 80
    expect(res.score.total).toBe(80);
    expect(res.finding).toMatchObject({ status: 'confirmed', source: 'reviewer', evidence: [{ documentId: ids.document, page: 1 }] });
  });

  it.each([
    ['a deduction outside the item’s range', { target: { kind: 'item', id: 'S2' }, points: 7 }, 'body.points'],
    ['a deduction above the item’s cap', { target: { kind: 'item', id: 'S1' }, occurrences: 3 }, 'body.points'],
    ['an item not in the scheme', { target: { kind: 'item', id: 'Z9' } }, 'body.target.id'],
    ['an item that does not apply to the case', { target: { kind: 'item', id: 'P2' } }, 'body.target.id'],
    ['occurrences below one', { target: { kind: 'item', id: 'S1' }, occurrences: 0 }, 'body.occurrences'],
    ['evidence from another case file', { target: { kind: 'item', id: 'S1' }, evidence: [{ documentId: 'x' }] }, 'body.evidence[0].documentId'],
  ])('rejects %s with 400', async (_name, payload, path) => {
    const res = await as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
  });

  it('rejects evidence pointing at another case file’s document', async () => {
    const res = await as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' }, evidence: [{ documentId: ids.otherDocument }] } });
    expect(res.statusCode).toBe(400);
  });

  it('confirms, adjusts or rejects a machine suggestion, which can never be deleted', async () => {
    const suggestion = await insertFinding(t.app.services.db, {
      reviewId: reviewR1,
      target: { kind: 'item', id: 'P1' },
      points: null,
      occurrences: 1,
      note: '卷内未见立案审批表',
      evidence: [],
      source: 'machine',
      ruleId: 'documents.required_present',
      status: 'suggested',
      createdBy: null,
    });
    const view = await json(await as('r1', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` }), 200);
    expect(view.score.total).toBe(80); // suggestions do not count until confirmed
    const confirmed = await json(await as('r1', { method: 'PATCH', url: `/api/v1/reviews/${reviewR1}/findings/${suggestion.id}`, payload: { status: 'confirmed' } }), 200);
    expect(confirmed.score.total).toBe(46.67); // (4 + 3 + 0) / 15 × 100
    const rejected = await json(await as('r1', { method: 'PATCH', url: `/api/v1/reviews/${reviewR1}/findings/${suggestion.id}`, payload: { status: 'rejected', note: '立案审批表在第3页' } }), 200);
    expect(rejected.score.total).toBe(80);
    expect((await as('r1', { method: 'DELETE', url: `/api/v1/reviews/${reviewR1}/findings/${suggestion.id}` })).statusCode).toBe(409);
    const adjusted = await as('r1', { method: 'PATCH', url: `/api/v1/reviews/${reviewR1}/findings/${rejected.finding.id}`, payload: { status: 'confirmed', points: 2 } });
    expect(adjusted.statusCode).toBe(400); // P1 takes all its points or nothing
  });

  it('keeps reviewers apart: the second reviewer can neither see nor change the first one’s review', async () => {
    expect((await as('r2', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` })).statusCode).toBe(404);
    expect((await as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' } } })).statusCode).toBe(404);
    expect((await as('chief', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' } } })).statusCode).toBe(403);
    expect((await as('chief', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` })).statusCode).toBe(200);
    expect((await as('agency', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` })).statusCode).toBe(403);
  });

  it('marks an item not applicable with a reason, which shrinks the denominator', async () => {
    expect((await as('r2', { method: 'PUT', url: `/api/v1/reviews/${reviewR2}/not-applicable/P1`, payload: {} })).statusCode).toBe(400);
    const res = await json(await as('r2', { method: 'PUT', url: `/api/v1/reviews/${reviewR2}/not-applicable/P1`, payload: { reason: '立案审批表不在评查范围' } }), 200);
    expect(res.score.items.find((i: { id: string }) => i.id === 'P1')).toMatchObject({ applicable: false });
    await json(await as('r2', { method: 'DELETE', url: `/api/v1/reviews/${reviewR2}/not-applicable/P1` }), 200);
  });
});

describe('submitting, comparing, finalizing', () => {
  it('locks a submitted review against its reviewer', async () => {
    // As curl sends it: a JSON content type and no body.
    await json(await as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/submit`, headers: { 'content-type': 'application/json' }, payload: '' }), 200);
    const res = await as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' } } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('review_submitted');
  });

  it('will not finalize while a review is unsubmitted', async () => {
    const res = await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: reviewR1, resolution: '采用甲' } });
    expect(res.statusCode).toBe(409);
  });

  it('compares two reviewers who disagree on two items', async () => {
    // 乙: S1 one occurrence (−2) and S2 −1 → (2 + 5 + 5) / 15 × 100 = 80; 甲: S2 −3 → 80. Same total, different items.
    await json(await as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR2}/findings`, payload: { target: { kind: 'item', id: 'S1' } } }), 201);
    await json(await as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR2}/findings`, payload: { target: { kind: 'item', id: 'S2' }, points: 1 } }), 201);
    await json(await as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR2}/findings`, payload: { target: { kind: 'veto', id: 'V2' }, note: '主要文书缺页' } }), 201);
    await json(await as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR2}/submit` }), 200);
    expect((await as('r1', { method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/comparison` })).statusCode).toBe(403);
    const { comparison } = await json(await as('chief', { method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/comparison` }), 200);
    expect(comparison.items.map((i: { id: string; deductions: number[] }) => [i.id, i.deductions])).toEqual([
      ['S1', [0, 2]],
      ['S2', [3, 1]],
    ]);
    expect(comparison).toMatchObject({ totals: [80, 80], scoreDifference: 0, gradeMismatch: false, vetoes: [{ id: 'V2', in: [false, true] }] });
  });

  it('lets only the chief or an admin finalize, and asks for a resolution when reviewers disagree', async () => {
    expect((await as('r1', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: reviewR1 } })).statusCode).toBe(403);
    const bare = await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: reviewR1 } });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('body.resolution');
    const result = await json(
      await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: reviewR2, resolution: '经合议，采用乙的意见：主要文书缺页，不得评为优秀' } }),
      201,
    );
    expect(result).toMatchObject({ status: 'final', total: 80, grade: { label: '合格' }, adoptedReviewId: reviewR2, scheme: { id: 'test-scheme', version: '1.0.0' } });
    expect(result.scheme.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(result.snapshot.reviews).toHaveLength(2);
    expect(result.snapshot.score.vetoes.map((v: { id: string }) => v.id)).toEqual(['V2']);
    expect(result.snapshot.comparison.items).toHaveLength(2);
  });

  it('answers 409 to any change once finalized', async () => {
    const changes = [
      as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' } } }),
      as('r2', { method: 'PATCH', url: `/api/v1/reviews/${reviewR2}/findings/${(await json(await as('r2', { method: 'GET', url: `/api/v1/reviews/${reviewR2}` }), 200)).score.items[0].findingIds[0]}`, payload: { occurrences: 2 } }),
      as('r2', { method: 'PUT', url: `/api/v1/reviews/${reviewR2}/not-applicable/P1`, payload: { reason: '试图修改' } }),
      as('r2', { method: 'POST', url: `/api/v1/reviews/${reviewR2}/submit` }),
      as('chief', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/return`, payload: { reason: '试图退回' } }),
      as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: reviewR1, resolution: '再次定稿' } }),
      t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.chief] } }),
    ];
    for (const res of await Promise.all(changes)) expect(res.statusCode, res.body).toBe(409);
    await expect(t.app.services.db.updateTable('case_results').set({ total: 100 }).execute()).rejects.toThrow(/immutable/);
    await expect(t.app.services.db.deleteFrom('case_results').execute()).rejects.toThrow(/immutable/);
  });

  it('shows the agency its own final result, not the reviews in progress', async () => {
    const res = await json(await as('agency', { method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/result` }), 200);
    expect(res.current).toMatchObject({ total: 80, grade: { label: '合格' } });
    expect((await as('agency', { method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/reviews` })).statusCode).toBe(403);
  });

  it('reports reviewer agreement for the campaign', async () => {
    const res = await json(await t.inject({ method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/agreement` }), 200);
    expect(res).toMatchObject({ doubleReviewed: 1, sameGrade: 1, sameGradeShare: 1 });
    // Units: S1 (0, 2), S2 (3, 1), P1 (0, 0); P2 is not applicable for either. α(interval) = 1 − D_o / D_e:
    // values 0,2,3,1,0,0 (n = 6): D_o = (2·4 + 2·4 + 0) / 6 = 8/3; D_e = 2(6·14 − 36) / 30 = 3.2 → α = 1 − 0.8333 = 0.1667.
    expect(res.alpha).toBeCloseTo(0.1667, 4);
  });

  it('reopens only with a reason, keeps the old result, and puts the reviews back to draft', async () => {
    const bare = await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reopen`, payload: {} });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('body.reason');
    expect((await as('r1', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reopen`, payload: { reason: '评查员甲申请复核' } })).statusCode).toBe(403);
    const reopened = await json(await as('chief', { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reopen`, payload: { reason: '执法单位提出异议，重新复核' } }), 200);
    expect(reopened).toMatchObject({ status: 'reopened', reopened: { reason: '执法单位提出异议，重新复核' } });
    const result = await json(await t.inject({ method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/result` }), 200);
    expect(result.current).toBeNull();
    expect(result.history).toHaveLength(1);
    const view = await json(await as('r1', { method: 'GET', url: `/api/v1/reviews/${reviewR1}` }), 200);
    expect(view.review.status).toBe('draft');
    await json(await as('r1', { method: 'POST', url: `/api/v1/reviews/${reviewR1}/findings`, payload: { target: { kind: 'item', id: 'S1' } } }), 201);
  });

  it('audits every step', async () => {
    const events = (await json(await t.inject({ method: 'GET', url: `/api/v1/audit-events?limit=500` }), 200)).items as { action: string; entityId: string; after: { reason?: string } | null }[];
    const actions = new Set(events.map((e) => e.action));
    for (const action of ['review.assign', 'finding.add', 'finding.confirm', 'finding.reject', 'review.mark_not_applicable', 'review.unmark_not_applicable', 'review.submit', 'case_file.finalize', 'case_file.reopen', 'scheme.create', 'campaign.scheme']) {
      expect(actions, action).toContain(action);
    }
    const reopen = events.find((e) => e.action === 'case_file.reopen')!;
    expect(reopen.after?.reason).toBe('执法单位提出异议，重新复核');
  });
});

describe('scheme versions', () => {
  it('refuses to change a version that has scored something, but accepts a new version', async () => {
    const changed = { ...testScheme, title: '测试用评查标准（修订）' };
    const res = await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: changed as unknown as Record<string, unknown> });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('scheme_in_use');
    const same = await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: testScheme as unknown as Record<string, unknown> });
    expect(same.statusCode).toBe(200);
    const next = await json(await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: { ...changed, version: '1.1.0' } as unknown as Record<string, unknown> }), 201);
    expect(next).toMatchObject({ id: 'test-scheme', version: '1.1.0', used: false });
    const list = await json(await t.inject({ method: 'GET', url: '/api/v1/schemes' }), 200);
    expect(list.items.filter((s: { id: string }) => s.id === 'test-scheme').map((s: { version: string; used: boolean }) => [s.version, s.used])).toEqual([
      ['1.0.0', true],
      ['1.1.0', false],
    ]);
  });

  it('rejects an invalid scheme with every problem and its path', async () => {
    const broken = structuredClone(testScheme) as any;
    broken.id = 'broken';
    broken.sections[0].items[1].id = 'S1';
    broken.sections[1].points = 12;
    broken.grades[1].max = 95;
    const res = await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: broken });
    expect(res.statusCode).toBe(400);
    const paths = res.json().error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.sections[0].items[1].id', 'body.sections[1].points', 'body.grades[1].max']));
  });

  it('is for admins to upload', async () => {
    expect((await as('chief', { method: 'POST', url: '/api/v1/schemes', payload: testScheme as unknown as Record<string, unknown> })).statusCode).toBe(403);
    expect((await as('agency', { method: 'GET', url: '/api/v1/schemes/test-scheme' })).statusCode).toBe(200);
  });
});
