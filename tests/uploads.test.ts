import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, listFilesUnder, multipart, seedAgencyAndCampaign, validCaseFile, waitForJob, type TestApp, type UploadPart } from './helpers/app.js';
import { encryptedPdf, imageOnlyPdf, notAPdf, textPdf, truncatedPdf } from './helpers/pdf-fixtures.js';

const MAX_FILE_BYTES = 256 * 1024;
let t: TestApp;
let ids: { agencyId: string; campaignId: string };
let caseNumber = 0;

beforeAll(async () => {
  t = await buildTestApp({ upload: { maxFileBytes: MAX_FILE_BYTES, maxFiles: 5 } });
  ids = await seedAgencyAndCampaign(t);
});
afterAll(() => t.close());

async function newCaseFile(): Promise<string> {
  caseNumber++;
  const res = await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile(ids, { caseNumber: `上传测罚〔2025〕${caseNumber}号` }) });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}

const upload = (caseFileId: string, files: UploadPart[]) =>
  t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, ...multipart(files) });

async function tableCounts() {
  const { db } = t.app.services;
  const count = async (table: 'files' | 'ingest_jobs' | 'blobs' | 'pages' | 'documents') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n);
  return { files: await count('files'), jobs: await count('ingest_jobs'), blobs: await count('blobs'), pages: await count('pages'), documents: await count('documents') };
}

const storedFiles = () => ({ blobs: listFilesUnder(path.join(t.dataDir, 'blobs')), tmp: listFilesUnder(path.join(t.dataDir, 'tmp')) });

const decisionPages = [
  ['上海市徐汇区市场监督管理局', '行政处罚决定书', '沪徐市监处罚〔2024〕0312号', '当事人：上海某某贸易有限公司', '经查，当事人于2023年5月6日销售超过保质期的食品。'],
  ['依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项，决定罚款人民币壹万贰仟元整。', '如不服本决定，可在收到本决定书之日起六十日内申请行政复议。'],
];

/** Every rejected upload must leave the database and the data directory exactly as they were. */
async function expectRejected(files: UploadPart[], status: number, code: string, pathOfDetail = 'files[0]') {
  const caseFileId = await newCaseFile();
  const before = { counts: await tableCounts(), stored: storedFiles() };
  const res = await upload(caseFileId, files);
  expect(res.statusCode).toBe(status);
  const { error } = res.json();
  expect(error.code).toBe(code);
  expect(error.message).toMatch(/[\u4e00-\u9fff]/);
  expect(error.details[0].path).toBe(pathOfDetail);
  expect(await tableCounts()).toEqual(before.counts);
  expect(storedFiles()).toEqual({ blobs: before.stored.blobs, tmp: [] });
}

describe('uploading PDFs to a case file', () => {
  it('accepts a PDF at once with a job, then extracts its pages and documents', async () => {
    const caseFileId = await newCaseFile();
    const pdf = await textPdf(decisionPages);
    const res = await upload(caseFileId, [{ name: '决定书.pdf', data: pdf }]);
    expect(res.statusCode).toBe(202);
    const { job, files } = res.json();
    expect(res.headers.location).toBe(`/api/v1/jobs/${job.id}`);
    expect(job).toMatchObject({ status: 'queued', progress: { pagesDone: 0, pagesTotal: 2 } });
    expect(files).toEqual([expect.objectContaining({ originalName: '决定书.pdf', pageCount: 2, byteSize: pdf.length, status: 'pending' })]);

    const finished = await waitForJob(t, job.id);
    expect(finished).toMatchObject({ status: 'done', progress: { pagesDone: 2, pagesTotal: 2 }, error: null });

    const docs = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}/documents` })).json().items;
    expect(docs).toEqual([expect.objectContaining({ type: 'penalty_decision', typeLabel: '行政处罚决定书', startPage: 1, endPage: 2, override: null })]);
    const doc = (await t.inject({ method: 'GET', url: `/api/v1/documents/${docs[0].id}` })).json();
    expect(doc.pages).toHaveLength(2);
    expect(doc.pages[0].normalizedText).toContain('经查，当事人于2023年5月6日销售超过保质期的食品。');
    expect(doc.pages[1].rawText).toContain('壹万贰仟元整');
    expect(doc.pages.every((p: { needsOcr: boolean }) => !p.needsOcr)).toBe(true);

    const original = await t.inject({ method: 'GET', url: `/api/v1/documents/${docs[0].id}/original` });
    expect(original.statusCode).toBe(200);
    expect(original.headers['content-type']).toBe('application/pdf');
    expect(original.headers['x-page-range']).toBe('1-2');
    expect(original.rawPayload.equals(pdf)).toBe(true);
  });

  it('lets a reviewer override a detected document type, and undo it', async () => {
    const caseFileId = await newCaseFile();
    const { job } = (await upload(caseFileId, [{ name: 'a.pdf', data: await textPdf([['询问笔录', '问：你是否知道……', '答：知道。']]) }])).json();
    await waitForJob(t, job.id);
    const [doc] = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}/documents` })).json().items;
    expect(doc.type).toBe('inquiry_record');
    const changed = await t.inject({ method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { type: 'statement_record', note: '实为陈述申辩笔录' } });
    expect(changed.json()).toMatchObject({ type: 'statement_record', detectedType: 'inquiry_record', override: { type: 'statement_record', note: '实为陈述申辩笔录' } });
    const bad = await t.inject({ method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { type: 'love_letter' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].path).toBe('body.type');
    const undone = await t.inject({ method: 'PATCH', url: `/api/v1/documents/${doc.id}`, payload: { type: null } });
    expect(undone.json()).toMatchObject({ type: 'inquiry_record', override: null });
  });

  it('stores identical bytes once, across case files, and refuses the same file twice in one case file', async () => {
    const pdf = await textPdf([['送达回证', '送达文书：行政处罚决定书', '受送达人：某某公司']]);
    const a = await newCaseFile();
    const b = await newCaseFile();
    expect((await upload(a, [{ name: 'x.pdf', data: pdf }])).statusCode).toBe(202);
    expect((await upload(b, [{ name: 'y.pdf', data: pdf }])).statusCode).toBe(202);
    const sha = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${a}/files` })).json().items[0].sha256;
    expect(storedFiles().blobs.filter((f) => f.includes(sha))).toHaveLength(1);
    const again = await upload(a, [{ name: 'x-again.pdf', data: pdf }]);
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_file');
    await t.app.services.runner.whenIdle();
  });

  it('accepts a PDF with no text layer and flags its pages as needing OCR', async () => {
    const caseFileId = await newCaseFile();
    const res = await upload(caseFileId, [{ name: 'scan.pdf', data: await imageOnlyPdf(2) }]);
    expect(res.statusCode).toBe(202);
    const job = await waitForJob(t, res.json().job.id);
    expect(job.status).toBe('done');
    const fileId = res.json().files[0].id;
    const pages = (await t.inject({ method: 'GET', url: `/api/v1/files/${fileId}/pages` })).json();
    expect(pages.items).toHaveLength(2);
    for (const page of pages.items) expect(page).toMatchObject({ needsOcr: true, qualityNote: expect.stringContaining('OCR') });
    const docs = (await t.inject({ method: 'GET', url: `/api/v1/case-files/${caseFileId}/documents` })).json().items;
    expect(docs).toEqual([expect.objectContaining({ type: 'other', startPage: 1, endPage: 2 })]);
  });

  it('rejects bytes that are not a PDF, whatever the name (415)', async () => {
    await expectRejected([{ name: 'fake.pdf', data: await notAPdf() }], 415, 'not_pdf');
  });

  it('rejects a truncated PDF (422)', async () => {
    await expectRejected([{ name: 'cut.pdf', data: await truncatedPdf() }], 422, 'pdf_truncated');
  });

  it('rejects a PDF whose structure is broken even though it ends in %%EOF (422)', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ngarbage garbage\n'), Buffer.from('%%EOF\n')]);
    await expectRejected([{ name: 'broken.pdf', data: broken }], 422, 'pdf_corrupt');
  });

  it('rejects an encrypted PDF (422)', async () => {
    await expectRejected([{ name: 'secret.pdf', data: await encryptedPdf() }], 422, 'pdf_encrypted');
  });

  it('rejects a zero-byte file (400)', async () => {
    await expectRejected([{ name: 'empty.pdf', data: Buffer.alloc(0) }], 400, 'empty_file');
  });

  it('rejects a file over the size limit with 413 and keeps nothing of it', async () => {
    const big = Buffer.concat([await textPdf([['证据材料']]), Buffer.alloc(MAX_FILE_BYTES, 0x20)]);
    await expectRejected([{ name: 'big.pdf', data: big }], 413, 'file_too_large');
  });

  it('is all-or-nothing: one bad file among good ones rejects the whole upload', async () => {
    const good1 = await textPdf([['立案审批表', '案由：销售过期食品']]);
    const good2 = await textPdf([['现场检查（勘察）笔录', '检查时间：2024年3月1日']]);
    await expectRejected(
      [
        { name: '01.pdf', data: good1 },
        { name: '02.pdf', data: good2 },
        { name: '03.pdf', data: await truncatedPdf() },
      ],
      422,
      'pdf_truncated',
      'files[2]',
    );
  });

  it('refuses more files than allowed in one upload (413)', async () => {
    const pdfs = await Promise.all([1, 2, 3, 4, 5, 6].map((i) => textPdf([[`证据材料`, `第${i}份`]])));
    const caseFileId = await newCaseFile();
    const before = await tableCounts();
    const res = await upload(caseFileId, pdfs.map((data, i) => ({ name: `${i}.pdf`, data })));
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('too_many_files');
    expect(await tableCounts()).toEqual(before);
    expect(storedFiles().tmp).toEqual([]);
  });

  it('answers 400 when the request has no file and 415 when it is not multipart', async () => {
    const caseFileId = await newCaseFile();
    const none = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, ...multipart([]) });
    expect(none.statusCode).toBe(400);
    expect(none.json().error.code).toBe('no_files');
    const json = await t.inject({ method: 'POST', url: `/api/v1/case-files/${caseFileId}/documents`, payload: { file: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.code).toBe('unsupported_media_type');
  });

  it('answers 404 for uploads to, and reads of, unknown records', async () => {
    const res = await upload('no-such-case', [{ name: 'a.pdf', data: await textPdf([['证据材料']]) }]);
    expect(res.statusCode).toBe(404);
    for (const url of ['/api/v1/jobs/x', '/api/v1/documents/x', '/api/v1/documents/x/original', '/api/v1/files/x', '/api/v1/files/x/content', '/api/v1/files/x/pages', '/api/v1/case-files/x/documents']) {
      const r = await t.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
    expect(fs.readdirSync(path.join(t.dataDir, 'tmp'))).toEqual([]);
  });
});
