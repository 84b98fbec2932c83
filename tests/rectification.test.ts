/**
 * Rectification through the API: finalizing a case file issues items from the adopted
 * review's confirmed findings; the agency answers (text, or text + PDF); a reviewer verifies
 * (销号) or returns with a reason; lists by campaign, agency, status and overdue — and the
 * bad inputs the issue lists (another agency's item → 404, verifying twice → 409).
 */
import path from 'node:path';
import FormData from 'form-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRectificationItems } from '../src/repositories/rectification.js';
import { insertFinding } from '../src/repositories/reviews.js';
import { decodeSummary, summarizeSnapshot, SUMMARY_FORMAT } from '../src/reviews/result-summary.js';
import { buildTestApp, listFilesUnder, validCaseFile, type TestApp } from './helpers/app.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { testScheme } from './fixtures/test-scheme.js';

let t: TestApp;
const ids = {} as { agencyA: string; agencyB: string; campaign: string; caseFileA: string; caseFileB: string; reviewA: string; reviewB: string; resultA: string };
const tokens = {} as Record<'reviewer' | 'off' | 'agencyA' | 'agencyB', string>;

type Res = { statusCode: number; body: string; json(): any };
const json = async (res: Res, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const as = (who: keyof typeof tokens, options: Parameters<TestApp['inject']>[0]) => t.injectAs(tokens[who], options);

/** The test scheme with a basis on the items, under its own id. */
const scheme = structuredClone(testScheme) as any;
scheme.id = 'rect-scheme';
scheme.sections[0].items[1].basis = '《中华人民共和国行政处罚法》第五十九条';
scheme.sections[1].items[0].basis = '《市场监督管理行政处罚程序规定》第十八条';

const chinaDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
const plusDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

function answerForm(text: string | null, file?: { name: string; data: Buffer }) {
  const form = new FormData();
  if (text !== null) form.append('text', text);
  if (file) form.append('file', file.data, { filename: file.name, contentType: 'application/pdf' });
  return { payload: form.getBuffer(), headers: form.getHeaders() };
}

async function finalize(caseFileId: string, reviewId: string) {
  return json(await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/finalize`, payload: { reviewId } }), 201);
}

beforeAll(async () => {
  t = await buildTestApp();
  const agency = async (name: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name } }), 201)).id as string;
  ids.agencyA = await agency('江州市市场监督管理局');
  ids.agencyB = await agency('江州市城市管理局');
  ids.campaign = (await json(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '整改测试评查', year: 2025, kind: 'concentrated', rectificationDays: 15 } }), 201)).id;
  const user = async (key: keyof typeof tokens, payload: object) => {
    const created = await json(await t.inject({ method: 'POST', url: '/api/v1/users', payload }), 201);
    tokens[key] = created.token.token;
    return created.user.id as string;
  };
  const reviewer = await user('reviewer', { name: '评查员', role: 'reviewer', affiliation: '律师' });
  await user('off', { name: '场外评查员', role: 'reviewer' });
  await user('agencyA', { name: '市场监管联络员', role: 'agency', agencyId: ids.agencyA });
  await user('agencyB', { name: '城管联络员', role: 'agency', agencyId: ids.agencyB });
  await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/reviewers/${reviewer}`, payload: {} }), 200);
  await json(await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: scheme }), 201);

  const caseFile = async (agencyId: string, caseNumber: string) =>
    (await json(await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile({ agencyId, campaignId: ids.campaign }, { caseNumber }) }), 201)).id as string;
  ids.caseFileA = await caseFile(ids.agencyA, '整改测罚〔2025〕1号');
  ids.caseFileB = await caseFile(ids.agencyB, '整改测罚〔2025〕2号');
  const assign = async (caseFileId: string) =>
    (await json(await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/reviews`, payload: { reviewerIds: [reviewer], schemeId: 'rect-scheme' } }), 201)).items[0].id as string;
  ids.reviewA = await assign(ids.caseFileA);
  ids.reviewB = await assign(ids.caseFileB);

  // A: a reviewer's finding with a note (S2, −3), a machine finding the reviewer confirmed (P1, all 5 points),
  // and a machine suggestion the reviewer rejected (not a problem, issues nothing).
  await json(
    await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewA}/findings`, payload: { target: { kind: 'item', id: 'S2' }, points: 3, note: '当事人名称前后不一致' } }),
    201,
  );
  const machine = await insertFinding(t.app.services.db, {
    reviewId: ids.reviewA,
    target: { kind: 'item', id: 'P1' },
    points: null,
    occurrences: 1,
    note: null,
    evidence: [],
    source: 'machine',
    ruleId: 'documents.required_present',
    status: 'suggested',
    createdBy: null,
  });
  await json(await as('reviewer', { method: 'PATCH', url: `/api/v1/reviews/${ids.reviewA}/findings/${machine.id}`, payload: { status: 'confirmed' } }), 200);
  await insertFinding(t.app.services.db, {
    reviewId: ids.reviewA,
    target: { kind: 'item', id: 'S1' },
    points: null,
    occurrences: 1,
    note: '疑似执法证过期',
    evidence: [],
    source: 'machine',
    ruleId: 'officers.two_with_certificates',
    status: 'rejected',
    createdBy: null,
  });
  await json(await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewA}/submit` }), 200);
  // B: one finding on S1.
  await json(await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewB}/findings`, payload: { target: { kind: 'item', id: 'S1' } } }), 201);
  await json(await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewB}/submit` }), 200);
}, 120_000);
afterAll(() => t.close());

let itemS2: any;
let itemP1: any;
let itemB: any;

describe('issuing on finalization', () => {
  it('issues one item per confirmed finding with problem, section, item, deduction, basis, requirement and deadline', async () => {
    const result = await finalize(ids.caseFileA, ids.reviewA);
    ids.resultA = result.id;
    const list = await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?caseFileId=${ids.caseFileA}` }), 200);
    expect(list.total).toBe(2);
    itemS2 = list.items.find((i: any) => i.target.id === 'S2');
    itemP1 = list.items.find((i: any) => i.target.id === 'P1');
    const deadline = plusDays(chinaDate(result.finalizedAt), 15);
    expect(itemS2).toMatchObject({
      campaignId: ids.campaign,
      agencyId: ids.agencyA,
      caseFileId: ids.caseFileA,
      resultId: result.id,
      target: { kind: 'item', id: 'S2' },
      sectionTitle: '主体',
      itemTitle: '当事人认定',
      problem: '当事人名称前后不一致',
      deduction: 3,
      basis: '《中华人民共和国行政处罚法》第五十九条',
      deadline,
      status: 'issued',
      overdue: false,
      answer: null,
    });
    expect(itemS2.requirement).toMatch(/^对照“当事人认定”的要求逐项整改，/);
    expect(itemP1).toMatchObject({
      sectionTitle: '程序',
      itemTitle: '立案审批表',
      deduction: 5,
      // The item's basis and the machine rule's.
      basis: '《市场监督管理行政处罚程序规定》第十八条；各评查标准“文书缺失”条款',
      deadline,
    });
    // No note: the item's title and the engine's explanation.
    expect(itemP1.problem).toContain('立案审批表');
    expect(itemP1.problem).toContain('扣除该项全部 5 分');

    await finalize(ids.caseFileB, ids.reviewB);
    itemB = (await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?caseFileId=${ids.caseFileB}` }), 200)).items[0];
    expect(itemB).toMatchObject({ agencyId: ids.agencyB, target: { id: 'S1' }, deduction: 2, basis: null });
  });
});

describe('answering', () => {
  it('lets the agency answer with text', async () => {
    const res = await json(await as('agencyA', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/answer`, payload: { text: '已更正当事人名称并重新送达' } }), 200);
    expect(res).toMatchObject({ status: 'answered', answer: { text: '已更正当事人名称并重新送达', file: null } });
    expect((await as('agencyA', { method: 'GET', url: `/api/v1/rectification-items/${itemS2.id}/answer-file` })).statusCode).toBe(404);
  });

  it('lets the agency answer with text and a PDF, which can be downloaded', async () => {
    const pdf = textPdf([['整改报告', '已补充立案审批表']], { font: 'cid' });
    const res = await json(
      await as('agencyA', { method: 'POST', url: `/api/v1/rectification-items/${itemP1.id}/answer`, ...answerForm('已补充立案审批表并归档', { name: '整改报告.pdf', data: pdf }) }),
      200,
    );
    expect(res).toMatchObject({ status: 'answered', answer: { text: '已补充立案审批表并归档', file: { name: '整改报告.pdf' } } });
    const file = await as('agencyA', { method: 'GET', url: `/api/v1/rectification-items/${itemP1.id}/answer-file` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect((await as('reviewer', { method: 'GET', url: `/api/v1/rectification-items/${itemP1.id}/answer-file` })).statusCode).toBe(200);
  });

  it('rejects a bad attachment and a missing text, storing nothing', async () => {
    const blobsBefore = listFilesUnder(path.join(t.dataDir, 'blobs')).length;
    const notPdf = await as('agencyA', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/answer`, ...answerForm('见附件', { name: 'a.pdf', data: Buffer.from('hello') }) });
    expect(notPdf.statusCode).toBe(404); // B's item: A cannot see it at all
    const bad = await as('agencyB', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/answer`, ...answerForm('见附件', { name: 'a.pdf', data: Buffer.from('hello, not a pdf') }) });
    expect(bad.statusCode, bad.body).toBe(415);
    const truncated = textPdf([['整改报告']], { font: 'cid' });
    const cut = await as('agencyB', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/answer`, ...answerForm('见附件', { name: 'b.pdf', data: truncated.subarray(0, truncated.length - 200) }) });
    expect(cut.statusCode, cut.body).toBe(422);
    const noText = await as('agencyB', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/answer`, ...answerForm(null, { name: 'c.pdf', data: textPdf([['整改']], { font: 'cid' }) }) });
    expect(noText.statusCode).toBe(400);
    expect(noText.json().error.details[0].path).toBe('body.text');
    expect((await as('agencyB', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/answer`, payload: {} })).statusCode).toBe(400);
    expect(listFilesUnder(path.join(t.dataDir, 'blobs'))).toHaveLength(blobsBefore);
    expect(listFilesUnder(path.join(t.dataDir, 'tmp'))).toEqual([]);
    expect((await json(await as('agencyB', { method: 'GET', url: `/api/v1/rectification-items/${itemB.id}` }), 200)).status).toBe('issued');
  });

  it('answers 404 to an agency answering, or reading, another agency’s item', async () => {
    const res = await as('agencyB', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/answer`, payload: { text: '冒名回复' } });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('not_found');
    expect((await as('agencyB', { method: 'GET', url: `/api/v1/rectification-items/${itemS2.id}` })).statusCode).toBe(404);
    expect((await as('agencyB', { method: 'GET', url: `/api/v1/rectification-items/${itemP1.id}/answer-file` })).statusCode).toBe(404);
  });

  it('is for agencies and admins, not reviewers', async () => {
    expect((await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/answer`, payload: { text: '代为回复' } })).statusCode).toBe(403);
  });
});

describe('verifying and returning', () => {
  it('verifies (销号) an answered item once; twice → 409; answering a verified item → 409', async () => {
    const res = await json(await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/verify` }), 200);
    expect(res).toMatchObject({ status: 'verified', verified: { at: expect.any(String) } });
    const again = await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/verify` });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('invalid_status_transition');
    expect((await as('agencyA', { method: 'POST', url: `/api/v1/rectification-items/${itemS2.id}/answer`, payload: { text: '再补充' } })).statusCode).toBe(409);
  });

  it('will not verify or return an item not yet answered (409)', async () => {
    expect((await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/verify` })).statusCode).toBe(409);
    expect((await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/return`, payload: { reason: '尚未回复' } })).statusCode).toBe(409);
  });

  it('returns with a reason (required), then takes a new answer and verifies it', async () => {
    const bare = await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemP1.id}/return`, payload: {} });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().error.details[0].path).toBe('body.reason');
    const returned = await json(await as('reviewer', { method: 'POST', url: `/api/v1/rectification-items/${itemP1.id}/return`, payload: { reason: '附件中未见立案审批表的审批签字' } }), 200);
    expect(returned).toMatchObject({ status: 'returned', returnReason: '附件中未见立案审批表的审批签字' });
    const answered = await json(await as('agencyA', { method: 'POST', url: `/api/v1/rectification-items/${itemP1.id}/answer`, payload: { text: '已补签并重新提交' } }), 200);
    expect(answered).toMatchObject({ status: 'answered', answer: { text: '已补签并重新提交', file: null } });
    expect((await json(await t.inject({ method: 'POST', url: `/api/v1/rectification-items/${itemP1.id}/verify`, payload: { note: '核查属实' } }), 200)).status).toBe('verified');
  });

  it('hides items from a reviewer not on the campaign (404)', async () => {
    expect((await as('off', { method: 'GET', url: `/api/v1/rectification-items/${itemB.id}` })).statusCode).toBe(404);
    expect((await as('off', { method: 'POST', url: `/api/v1/rectification-items/${itemB.id}/verify` })).statusCode).toBe(404);
    expect((await json(await as('off', { method: 'GET', url: '/api/v1/rectification-items' }), 200)).total).toBe(0);
  });
});

describe('lists', () => {
  let overdueId: string;

  it('lists by campaign, agency and status', async () => {
    const all = await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?campaignId=${ids.campaign}` }), 200);
    expect(all.total).toBe(3);
    const ofA = await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?agencyId=${ids.agencyA}` }), 200);
    expect(ofA.items.map((i: { id: string }) => i.id).sort()).toEqual([itemS2.id, itemP1.id].sort());
    const verified = await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?campaignId=${ids.campaign}&status=verified` }), 200);
    expect(verified.total).toBe(2);
    const issued = await json(await t.inject({ method: 'GET', url: '/api/v1/rectification-items?status=issued' }), 200);
    expect(issued.items.map((i: { id: string }) => i.id)).toEqual([itemB.id]);
    expect((await t.inject({ method: 'GET', url: '/api/v1/rectification-items?status=done' })).statusCode).toBe(400);
  });

  it('scopes agencies to their own items: forced filter, 403 for another agency', async () => {
    const own = await json(await as('agencyB', { method: 'GET', url: '/api/v1/rectification-items' }), 200);
    expect(own.items.map((i: { id: string }) => i.id)).toEqual([itemB.id]);
    const other = await as('agencyB', { method: 'GET', url: `/api/v1/rectification-items?agencyId=${ids.agencyA}` });
    expect(other.statusCode).toBe(403);
    expect((await json(await as('reviewer', { method: 'GET', url: '/api/v1/rectification-items' }), 200)).total).toBe(3);
  });

  it('shows overdue items (deadline passed, not verified)', async () => {
    const [inserted] = await insertRectificationItems(t.app.services.db, {
      campaignId: ids.campaign,
      agencyId: ids.agencyA,
      caseFileId: ids.caseFileA,
      resultId: ids.resultA,
      items: [
        {
          findingId: null,
          target: { kind: 'item', id: 'S1' },
          sectionTitle: '主体',
          itemTitle: '执法人员资格',
          problem: '执法证已过期（早期评查遗留）',
          deduction: 2,
          basis: null,
          requirement: '对照“执法人员资格”的要求逐项整改。',
          deadline: '2020-01-31',
        },
      ],
    });
    overdueId = inserted!.id;
    const overdue = await json(await as('agencyA', { method: 'GET', url: '/api/v1/rectification-items?overdue=true' }), 200);
    expect(overdue.items.map((i: { id: string; overdue: boolean }) => [i.id, i.overdue])).toEqual([[overdueId, true]]);
    const notOverdue = await json(await t.inject({ method: 'GET', url: '/api/v1/rectification-items?overdue=false' }), 200);
    expect(notOverdue.items.map((i: { id: string }) => i.id)).not.toContain(overdueId);
    expect((await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items/${overdueId}` }), 200)).overdue).toBe(true);
  });
});

describe('reopening and finalizing again', () => {
  it('keeps issued items and issues only problems not issued before', async () => {
    await json(await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFileA}/reopen`, payload: { reason: '执法单位提出异议' } }), 200);
    await json(
      await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewA}/findings`, payload: { target: { kind: 'veto', id: 'V2' }, note: '主要文书缺页' } }),
      201,
    );
    await json(await as('reviewer', { method: 'POST', url: `/api/v1/reviews/${ids.reviewA}/submit` }), 200);
    const second = await finalize(ids.caseFileA, ids.reviewA);
    const list = await json(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?caseFileId=${ids.caseFileA}&limit=100` }), 200);
    expect(list.total).toBe(4); // S2, P1, the inserted overdue item, and the new veto
    const veto = list.items.find((i: any) => i.target.kind === 'veto');
    expect(veto).toMatchObject({ resultId: second.id, target: { id: 'V2' }, problem: '主要文书缺页', deduction: null, itemTitle: '否决项 否2 主要文书缺失', sectionTitle: '程序' });
    expect(veto.requirement).toContain('否决项“主要文书缺失”');
    expect(list.items.find((i: any) => i.id === itemS2.id)).toMatchObject({ status: 'verified', resultId: ids.resultA });
  });

  it('stores a summary with the new result for the exports, and keeps the reopened result and its summary as they were', async () => {
    const db = t.app.services.db;
    const results = await db
      .selectFrom('case_results')
      .leftJoin('case_result_summaries as s', 's.result_id', 'case_results.id')
      .select(['case_results.id', 'case_results.status', 'case_results.snapshot_json', 'case_results.finalized_at', 's.format', 's.summary_json'])
      .where('case_results.case_file_id', '=', ids.caseFileA)
      .orderBy('case_results.finalized_at')
      .execute();
    expect(results.map((r) => [r.id === ids.resultA, r.status, r.format])).toEqual([
      [true, 'reopened', SUMMARY_FORMAT],
      [false, 'final', SUMMARY_FORMAT],
    ]);
    const [before, after] = results.map((r) => ({
      stored: decodeSummary(r.summary_json!, { id: r.id, finalizedAt: r.finalized_at }),
      derived: summarizeSnapshot({ id: r.id, snapshotJson: r.snapshot_json, finalizedAt: r.finalized_at }),
    }));
    expect(before!.stored).toEqual(before!.derived);
    expect(after!.stored).toEqual(after!.derived);
    // The veto found after reopening is in the new summary only.
    expect(before!.stored.vetoes).toEqual([]);
    expect(after!.stored.vetoes.map((v) => v.id)).toEqual(['V2']);
    expect(after!.stored.problems.map((p) => p.key)).toContain('rect-scheme|veto|V2');
    expect(after!.stored.grade.code).not.toBe('excellent');
    // Frozen like the result: neither changed nor removed.
    await expect(db.updateTable('case_result_summaries').set({ summary_json: '{}' }).execute()).rejects.toThrow(/immutable/);
    await expect(db.deleteFrom('case_result_summaries').execute()).rejects.toThrow(/immutable/);
    // The bulletin counts the new result.
    const bulletin = await json(await t.inject({ method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/bulletin` }), 200);
    expect(bulletin.figures.overview.vetoedFiles).toBe(1);
  });

  it('audits every step', async () => {
    const events = (await json(await t.inject({ method: 'GET', url: '/api/v1/audit-events?limit=500' }), 200)).items as { action: string; entityId: string }[];
    const actions = new Set(events.map((e) => e.action));
    for (const action of ['rectification.issue', 'rectification.answer', 'rectification.verify', 'rectification.return']) expect(actions, action).toContain(action);
    expect(events.filter((e) => e.action === 'rectification.issue')).toHaveLength(4);
  });
});
