/**
 * A small world for authorization tests, built through the API as the admin:
 * agency A (owner of case file F) and agency B; campaign C whose scope is A; users in every
 * relation to F; F with an uploaded PDF (a document, a file and a job), a review, and a
 * rectification item issued when F was finalized (F has since been reopened) and answered by A with a PDF.
 */
import FormData from 'form-data';
import { expect } from 'vitest';
import { multipart, validCaseFile, waitForJob, type TestApp } from './app.js';
import { textPdf } from './pdf-fixtures.js';
import { testScheme } from '../fixtures/test-scheme.js';

export type PersonaName = 'anonymous' | 'admin' | 'reviewerOn' | 'reviewerOff' | 'reviewerOwn' | 'agencyOwner' | 'agencyOther';

export interface Persona {
  name: PersonaName;
  role: 'admin' | 'reviewer' | 'agency' | null;
  userId: string | null;
  token: string | null;
}

export interface World {
  personas: Record<PersonaName, Persona>;
  agencyA: string;
  agencyB: string;
  /** An agency in C's scope that only exists to be removed from it. */
  spareAgency: string;
  campaign: string;
  caseFile: string;
  document: string;
  file: string;
  job: string;
  /** A reviewer on C who only exists to be removed from it. */
  spareReviewer: string;
  /** A user who only exists to be deleted. */
  victimUser: string;
  /** A second token of agencyOwner, to be revoked. */
  spareToken: string;
  /** reviewerOn's review of F (scored with the test scheme), with one finding and one not-applicable mark. */
  review: string;
  finding: string;
  markedItem: string;
  schemeId: string;
  /** A rectification item issued to A when F was finalized (F was then reopened; the item stays). */
  rectificationItem: string;
}

async function ok(res: { statusCode: number; body: string; json(): any }, status = 201) {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

export async function buildWorld(t: TestApp): Promise<World> {
  const agency = async (name: string) => (await ok(await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name } }))).id as string;
  const agencyA = await agency('江州市市场监督管理局');
  const agencyB = await agency('江州市生态环境局');
  const spareAgency = await agency('江州市交通运输局');
  const campaign = (await ok(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name: '2025年度全市案卷评查', year: 2025, kind: 'concentrated' } }))).id as string;
  for (const a of [agencyA, spareAgency]) await ok(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign}/agencies/${a}` }), 200);

  const user = async (payload: object) => {
    const created = await ok(await t.inject({ method: 'POST', url: '/api/v1/users', payload }));
    return { userId: created.user.id as string, token: created.token.token as string };
  };
  const reviewerOn = await user({ name: '外部评查员', role: 'reviewer', affiliation: '江州律师事务所' });
  const reviewerOff = await user({ name: '未参加评查员', role: 'reviewer', affiliation: '江州市人民检察院' });
  const reviewerOwn = await user({ name: '本单位评查员', role: 'reviewer', agencyId: agencyA });
  const agencyOwner = await user({ name: '市场监管局用户', role: 'agency', agencyId: agencyA });
  const agencyOther = await user({ name: '生态环境局用户', role: 'agency', agencyId: agencyB });
  const spare = await user({ name: '备用评查员', role: 'reviewer' });
  const victim = await user({ name: '待删除用户', role: 'reviewer' });
  for (const r of [reviewerOn, reviewerOwn, spare]) await ok(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaign}/reviewers/${r.userId}`, payload: {} }), 200);
  const spareToken = (await ok(await t.inject({ method: 'POST', url: `/api/v1/users/${agencyOwner.userId}/tokens`, payload: { label: 'spare' } }))).id as string;

  const caseFile = (await ok(await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile({ agencyId: agencyA, campaignId: campaign }) }))).id as string;
  const upload = await ok(
    await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile}/documents`, ...multipart([{ name: '决定书.pdf', data: await textPdf([['行政处罚决定书', '当事人：某某公司']], { font: 'cid' }) }]) }),
    202,
  );
  await waitForJob(t, upload.job.id);
  const docs = (await ok(await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFile}/documents` }), 200)).items;

  const persona = (name: PersonaName, role: Persona['role'], u: { userId: string; token: string } | null): Persona => ({
    name,
    role,
    userId: u?.userId ?? null,
    token: u?.token ?? null,
  });
  const admin = (await ok(await t.inject({ method: 'GET', url: '/api/v1/me' }), 200)).id as string;

  await ok(await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: testScheme as unknown as Record<string, unknown> }));
  const [review] = (
    await ok(await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile}/reviews`, payload: { reviewerIds: [reviewerOn.userId], schemeId: testScheme.id } }))
  ).items;
  const asReviewer = (options: Parameters<TestApp['inject']>[0]) => t.injectAs(reviewerOn.token, options);
  const finding = (await ok(await asReviewer({ method: 'POST', url: `/api/v1/reviews/${review.id}/findings`, payload: { target: { kind: 'item', id: 'S1' } } }))).finding;
  await ok(await asReviewer({ method: 'PUT', url: `/api/v1/reviews/${review.id}/not-applicable/P1`, payload: { reason: '测试标记' } }), 200);
  // Finalize F once (issuing a rectification item from the finding), then reopen it, so the
  // review is a draft again as the other routes expect, and the issued item remains.
  await ok(await asReviewer({ method: 'POST', url: `/api/v1/reviews/${review.id}/submit` }), 200);
  await ok(await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile}/finalize`, payload: { reviewId: review.id } }));
  await ok(await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFile}/reopen`, payload: { reason: '测试世界：重新打开' } }), 200);
  const [rectificationItem] = (await ok(await t.inject({ method: 'GET', url: `/api/v1/rectification-items?caseFileId=${caseFile}` }), 200)).items;
  // A answers it with a PDF, so that the answer file can be fetched.
  const answer = new FormData();
  answer.append('text', '已组织执法人员重新核验执法证件');
  answer.append('file', textPdf([['整改报告']], { font: 'cid' }), { filename: '整改报告.pdf', contentType: 'application/pdf' });
  await ok(
    await t.injectAs(agencyOwner.token, { method: 'POST', url: `/api/v1/rectification-items/${rectificationItem.id}/answer`, payload: answer.getBuffer(), headers: answer.getHeaders() }),
    200,
  );
  return {
    personas: {
      anonymous: persona('anonymous', null, null),
      admin: persona('admin', 'admin', { userId: admin, token: t.adminToken }),
      reviewerOn: persona('reviewerOn', 'reviewer', reviewerOn),
      reviewerOff: persona('reviewerOff', 'reviewer', reviewerOff),
      reviewerOwn: persona('reviewerOwn', 'reviewer', reviewerOwn),
      agencyOwner: persona('agencyOwner', 'agency', agencyOwner),
      agencyOther: persona('agencyOther', 'agency', agencyOther),
    },
    agencyA,
    agencyB,
    spareAgency,
    campaign,
    caseFile,
    document: docs[0].id,
    file: upload.files[0].id,
    job: upload.job.id,
    spareReviewer: spare.userId,
    victimUser: victim.userId,
    spareToken,
    review: review.id,
    finding: finding.id,
    markedItem: 'P1',
    schemeId: testScheme.id,
    rectificationItem: rectificationItem.id,
  };
}
