/**
 * Exports through the API and the CLI, read back with exceljs cell by cell: the score sheet
 * of a case finalized through the API; the bulletin of a campaign of a few hundred seeded
 * finalized results, every figure recomputed here from the same snapshots (grade counts and
 * rates that add up, averages, ranks with a tie, problem statistics, the file lists, agencies
 * without files); an empty campaign; the rectification list with agency scoping; the annual
 * report with its year-over-year change; and the JSON figures. Last, the result summaries
 * stored at finalization: each equals what its snapshot gives, a campaign read from summaries
 * gives the same bulletin as one read from snapshots, and migration 0008 fills them in.
 */
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { prepareSeeding, randomFindings, seedFinalizedResults, type SeedContext, type SeedFile } from '../bench/bulletin-100k.js';
import { random } from '../bench/random.js';
import { migrations } from '../migrations/index.js';
import { runExportCommand } from '../src/cli/export-command.js';
import { openDatabase } from '../src/db/database.js';
import { migrateToLatest } from '../src/db/migrator.js';
import { computeBulletin, writeBulletin } from '../src/exports/bulletin.js';
import { decodeSummary, summarizeSnapshot, SUMMARY_FORMAT } from '../src/reviews/result-summary.js';
import type { ScoreResult } from '../src/scoring/score.js';
import { buildTestApp, multipart, validCaseFile, waitForJob, type TestApp } from './helpers/app.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { testScheme } from './fixtures/test-scheme.js';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
let t: TestApp;
let seeding: SeedContext;

const json = async (res: { statusCode: number; body: string; json(): any }, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};

const ids = {} as {
  campaign: string;
  spotCampaign: string;
  emptyCampaign: string;
  lastYear: string;
  caseFile: string;
  agencies: Record<'market' | 'urban' | 'transport' | 'culture' | 'farm' | 'pending' | 'idle', string>;
};
const tokens = {} as Record<'chief' | 'agency' | 'reviewerOff', string>;
const users = {} as Record<'chief' | 'agency' | 'reviewerOff', string>;

async function readBook(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

async function download(url: string, token?: string) {
  const res = token ? await t.injectAs(token, { method: 'GET', url }) : await t.inject({ method: 'GET', url });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe(XLSX);
  return { res, book: await readBook(res.rawPayload) };
}

/** Data rows (from row 4) as arrays of cell values, index 0 = column A. */
function rows(ws: ExcelJS.Worksheet): unknown[][] {
  const out: unknown[][] = [];
  for (let r = 4; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    out.push(Array.from({ length: ws.columnCount }, (_, i) => row.getCell(i + 1).value ?? null));
  }
  return out;
}

function headers(ws: ExcelJS.Worksheet): string[] {
  const row = ws.getRow(3);
  return Array.from({ length: ws.columnCount }, (_, i) => String(row.getCell(i + 1).value ?? ''));
}

/** Row of a sheet as an object keyed by the header texts. */
function byHeader(ws: ExcelJS.Worksheet): Record<string, unknown>[] {
  const h = headers(ws);
  return rows(ws).map((r) => Object.fromEntries(h.map((name, i) => [name, r[i]])));
}

function expectLayout(ws: ExcelJS.Worksheet, title: string) {
  expect(ws.getCell('A1').value).toBe(title);
  const lastColumn = ws.getRow(3).getCell(ws.columnCount).address.replace(/\d+$/, '');
  expect(ws.getCell(`${lastColumn}1`).isMerged).toBe(true);
  expect(ws.getCell(`${lastColumn}1`).master.address).toBe('A1');
  expect(ws.getCell(`${lastColumn}2`).master.address).toBe('A2');
  expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
  expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1 });
  expect(ws.getCell('A3').font?.bold).toBe(true);
}

// --- independent recomputation from the snapshots --------------------------------------------

interface Snap {
  caseFile: { id: string; agencyId: string; caseNumber: string };
  adoptedReviewId: string;
  score: ScoreResult;
  reviews: { id: string; findings: { id: string; occurrences: number }[] }[];
}

async function finalSnapshots(campaignIds: string[]): Promise<Snap[]> {
  const rowsOf = await t.app.services.db
    .selectFrom('case_results')
    .innerJoin('case_files', 'case_files.id', 'case_results.case_file_id')
    .select('case_results.snapshot_json')
    .where('case_files.campaign_id', 'in', campaignIds)
    .where('case_results.status', '=', 'final')
    .execute();
  return rowsOf.map((r) => JSON.parse(r.snapshot_json) as Snap);
}

/** Half up to 0.01 from exact hundredths. */
const avg = (cents: number, n: number) => Math.floor((2 * cents + n) / (2 * n)) / 100;

function expectedAgencies(snaps: Snap[]) {
  const per = new Map<string, { n: number; cents: number; grades: Record<string, number> }>();
  for (const s of snaps) {
    const a = per.get(s.caseFile.agencyId) ?? { n: 0, cents: 0, grades: {} };
    a.n++;
    a.cents += Math.round(s.score.total * 100);
    a.grades[s.score.grade.code] = (a.grades[s.score.grade.code] ?? 0) + 1;
    per.set(s.caseFile.agencyId, a);
  }
  const list = [...per.entries()].map(([id, a]) => ({ id, ...a, average: avg(a.cents, a.n), rank: 0 }));
  for (const a of list) {
    a.rank = 1 + list.filter((b) => b.average > a.average || (b.average === a.average && b.cents > a.cents)).length;
  }
  return new Map(list.map((a) => [a.id, a]));
}

function expectedProblems(snaps: Snap[]) {
  const items = new Map<string, { title: string; occurrences: number; files: number; agencies: Set<string> }>();
  let all = 0;
  for (const s of snaps) {
    const adopted = s.reviews.find((r) => r.id === s.adoptedReviewId)!;
    const occ = (fids: string[]) => fids.reduce((n, id) => n + (adopted.findings.find((f) => f.id === id)?.occurrences ?? 1), 0);
    const found = [
      ...s.score.items.filter((i) => i.applicable && i.deduction > 0).map((i) => ({ title: i.title, n: occ(i.findingIds) })),
      ...s.score.vetoes.map((v) => ({ title: v.title, n: occ(v.findingIds) })),
    ];
    for (const f of found) {
      const acc = items.get(f.title) ?? { title: f.title, occurrences: 0, files: 0, agencies: new Set<string>() };
      acc.occurrences += f.n;
      acc.files++;
      acc.agencies.add(s.caseFile.agencyId);
      items.set(f.title, acc);
      all += f.n;
    }
  }
  return { items, all };
}

// --- the world ---------------------------------------------------------------------------------

beforeAll(async () => {
  t = await buildTestApp();
  const agency = async (name: string, sector: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name, sector } }), 201)).id as string;
  ids.agencies = {
    market: await agency('江州市市场监督管理局', '市场监管'),
    urban: await agency('江州市城市管理局', '城市管理'),
    transport: await agency('江州市交通运输局', '交通运输'),
    culture: await agency('江州市文化市场综合执法支队', '文化旅游'),
    farm: await agency('江州市农业农村局', '农业农村'),
    pending: await agency('江州市生态环境局', '生态环境'),
    idle: await agency('江州市应急管理局', '应急管理'),
  };
  const campaign = async (name: string, year: number, kind: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name, year, kind } }), 201)).id as string;
  ids.campaign = await campaign('2025年度全市行政执法案卷集中评查', 2025, 'concentrated');
  ids.spotCampaign = await campaign('2025年度行政执法案卷抽查', 2025, 'spot_check');
  ids.emptyCampaign = await campaign('2025年度交通运输执法案卷自查', 2025, 'self_check');
  ids.lastYear = await campaign('2024年度全市行政执法案卷集中评查', 2024, 'concentrated');
  for (const a of Object.values(ids.agencies)) await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/agencies/${a}` }), 200);
  await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.emptyCampaign}/agencies/${ids.agencies.transport}` }), 200);

  const user = async (key: keyof typeof tokens, payload: object) => {
    const created = await json(await t.inject({ method: 'POST', url: '/api/v1/users', payload }), 201);
    tokens[key] = created.token.token;
    users[key] = created.user.id;
  };
  await user('chief', { name: '评查组长', role: 'reviewer', affiliation: '律师' });
  await user('agency', { name: '市场监管联络员', role: 'agency', agencyId: ids.agencies.market });
  await user('reviewerOff', { name: '场外评查员', role: 'reviewer' });
  await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/reviewers/${users.chief}`, payload: { chief: true } }), 200);
  await json(await t.inject({ method: 'POST', url: '/api/v1/schemes', payload: testScheme as unknown as Record<string, unknown> }), 201);
  await json(await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaign}/schemes/penalty_general`, payload: { schemeId: 'test-scheme' } }), 200);

  // One case file finalized through the API, with evidence.
  ids.caseFile = (await json(await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile({ agencyId: ids.agencies.market, campaignId: ids.campaign }, { caseNumber: '江市监罚〔2025〕1号' }) }), 201)).id;
  const up = await json(
    await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/documents`, ...multipart([{ name: 'd.pdf', data: await textPdf([['行政处罚决定书', '当事人：某公司'], ['罚款人民币伍仟元']], { font: 'cid' }) }]) }),
    202,
  );
  await waitForJob(t, up.job.id);
  const documentId = (await json(await t.inject({ method: 'GET', url: `/api/v1/case-files/${ids.caseFile}/documents` }), 200)).items[0].id as string;
  const review = (await json(await t.inject({ method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/reviews`, payload: { reviewerIds: [users.chief] } }), 201)).items[0].id as string;
  await json(
    await t.injectAs(tokens.chief, {
      method: 'POST',
      url: `/api/v1/reviews/${review}/findings`,
      payload: { target: { kind: 'item', id: 'S2' }, points: 3, note: '当事人名称前后不一致', evidence: [{ documentId, page: 1, quote: '当事人：某公司' }] },
    }),
    201,
  );
  await json(await t.injectAs(tokens.chief, { method: 'POST', url: `/api/v1/reviews/${review}/submit` }), 200);
  await json(await t.injectAs(tokens.chief, { method: 'POST', url: `/api/v1/case-files/${ids.caseFile}/finalize`, payload: { reviewId: review } }), 201);

  // Many finalized results, seeded with snapshots scored by the real engine.
  const db = t.app.services.db;
  seeding = await prepareSeeding(db, testScheme, { insertScheme: false });
  const next = random(7);
  const files: SeedFile[] = [];
  let k = 0;
  const add = (campaignId: string, agencyId: string, findings: SeedFile['findings'], extra: Partial<SeedFile> = {}) =>
    files.push({ campaignId, agencyId, caseNumber: `江执罚〔2025〕${1000 + ++k}号`, findings, ...extra });
  for (const agencyId of [ids.agencies.market, ids.agencies.urban, ids.agencies.transport]) {
    for (let i = 0; i < 60; i++) add(ids.campaign, agencyId, randomFindings(seeding.scheme, next), { withReopened: i === 0 });
  }
  // Two agencies with exactly the same results: a tie in the ranking.
  for (const agencyId of [ids.agencies.culture, ids.agencies.farm]) {
    add(ids.campaign, agencyId, []);
    add(ids.campaign, agencyId, [{ target: { kind: 'item', id: 'S2' }, points: 4, occurrences: 1 }]);
    add(ids.campaign, agencyId, [{ target: { kind: 'veto', id: 'V1' }, occurrences: 1 }]);
  }
  for (let i = 0; i < 8; i++) add(ids.spotCampaign, ids.agencies.transport, randomFindings(seeding.scheme, next));
  // Last year: the market agency did worse, the urban agency better.
  for (let i = 0; i < 10; i++) add(ids.lastYear, ids.agencies.market, [{ target: { kind: 'item', id: 'P1' }, occurrences: 1 }]);
  for (let i = 0; i < 10; i++) add(ids.lastYear, ids.agencies.urban, i < 5 ? [] : [{ target: { kind: 'item', id: 'S1' }, points: 2, occurrences: 1 }]);
  await seedFinalizedResults(db, seeding, files);
  // An agency with case files but none finalized.
  for (let i = 0; i < 2; i++) {
    await json(await t.inject({ method: 'POST', url: '/api/v1/case-files', payload: validCaseFile({ agencyId: ids.agencies.pending, campaignId: ids.campaign }, { caseNumber: `江环罚〔2025〕${i + 1}号` }) }), 201);
  }
}, 180_000);
afterAll(() => t.close());

// --- score sheet ----------------------------------------------------------------------------

describe('评查表 of one case file', () => {
  it('lists every applicable item with points, deduction, reason and evidence, section and total scores, grade, reviewers', async () => {
    const { res, book } = await download(`/api/v1/case-files/${ids.caseFile}/score-sheet.xlsx`);
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${encodeURIComponent('评查表-江市监罚〔2025〕1号.xlsx')}`);
    const ws = book.getWorksheet('评查表')!;
    expectLayout(ws, '行政执法案卷评查表');
    expect(String(ws.getCell('A2').value)).toContain('江市监罚〔2025〕1号');
    expect(String(ws.getCell('A2').value)).toContain('江州市市场监督管理局');
    expect(headers(ws)).toEqual(['类别', '序号', '评查项目', '分值', '扣分', '得分', '扣分理由', '证据（文书、页码、摘录）']);
    const r = byHeader(ws);
    const s2 = r.find((x) => x['评查项目'] === '当事人认定')!;
    expect(s2).toMatchObject({ 类别: '主体', 序号: '2', 分值: 6, 扣分: 3, 得分: 3 });
    expect(s2['扣分理由']).toBe('当事人名称前后不一致（扣 3 分）');
    expect(s2['证据（文书、页码、摘录）']).toMatch(/^《.+》第1页：「当事人：某公司」$/);
    // P2 (hearing) does not apply to this case: not listed as an item, but named in a note.
    expect(r.map((x) => x['评查项目'] ?? x['类别'])).toEqual([
      '执法人员资格',
      '当事人认定',
      '小计',
      '立案审批表',
      '小计',
      '总分',
      '合格',
      '不适用的评查项目：4 听证程序（仅适用于举行听证的案件）',
      expect.stringMatching(/^评查人员：评查组长（采用），\d{4}-\d{2}-\d{2} 提交$/),
      expect.stringMatching(/^定稿：评查组长，\d{4}-\d{2}-\d{2}$/),
    ]);
    expect(r[2]).toMatchObject({ 类别: '主体', 分值: 10, 得分: 7 });
    expect(r[5]).toMatchObject({ 类别: '总分', 分值: 100, 得分: 80 });
    expect(r[6]).toMatchObject({ 类别: '等次', 评查项目: '合格' });
    expect(ws.getCell(`F${4 + 5}`).numFmt).toBe('0.00');
    // notes are merged across the row
    expect(ws.getCell(`H${4 + 7}`).master.address).toBe(`A${4 + 7}`);
  });

  it('answers 409 for a case file not finalized, 404 for one the caller may not see, and lets the agency download its own', async () => {
    const pending = (await t.app.services.db.selectFrom('case_files').select('id').where('agency_id', '=', ids.agencies.pending).executeTakeFirstOrThrow()).id;
    expect((await t.inject({ method: 'GET', url: `/api/v1/case-files/${pending}/score-sheet.xlsx` })).statusCode).toBe(409);
    expect((await t.injectAs(tokens.agency, { method: 'GET', url: `/api/v1/case-files/${pending}/score-sheet.xlsx` })).statusCode).toBe(404);
    await download(`/api/v1/case-files/${ids.caseFile}/score-sheet.xlsx`, tokens.agency);
  });
});

// --- bulletin --------------------------------------------------------------------------------

describe('通报表 of a campaign', () => {
  let book: ExcelJS.Workbook;
  let snaps: Snap[];
  beforeAll(async () => {
    ({ book } = await download(`/api/v1/campaigns/${ids.campaign}/bulletin.xlsx`, tokens.chief));
    snaps = await finalSnapshots([ids.campaign]);
  });

  it('has the six sheets with the merged title, subtitle, frozen header', () => {
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体情况', '各单位评查结果', '问题统计', '优秀案卷', '不合格案卷', '无案卷单位']);
    for (const ws of book.worksheets.slice(0, 3)) expectLayout(ws, '2025年度全市行政执法案卷集中评查结果通报表');
    expect(String(book.getWorksheet('总体情况')!.getCell('A2').value)).toMatch(/^评查活动：2025年度全市行政执法案卷集中评查（2025年度，集中评查）　制表日期：\d{4}-\d{2}-\d{2}$/);
  });

  it('总体情况: files in scope, reviewed, coverage, grade counts and rates that add up, the average', () => {
    const ws = book.getWorksheet('总体情况')!;
    const r = new Map(rows(ws).map((x) => [x[0], x]));
    const n = snaps.length;
    expect(n).toBe(60 * 3 + 6 + 1);
    expect(r.get('案卷总数（件）')![1]).toBe(n + 2);
    expect(r.get('已定稿案卷（件）/ 定稿率')!.slice(1)).toEqual([n, n / (n + 2)]);
    const counts: Record<string, number> = {};
    for (const s of snaps) counts[s.score.grade.label] = (counts[s.score.grade.label] ?? 0) + 1;
    let rateSum = 0;
    let displayedSum = 0;
    for (const label of ['优秀', '合格', '不合格']) {
      const row = r.get(`${label}案卷（件）/ ${label}率`)!;
      expect(row[1]).toBe(counts[label] ?? 0);
      expect(row[2]).toBeCloseTo((counts[label] ?? 0) / n, 12);
      rateSum += row[2] as number;
      displayedSum += Math.round((row[2] as number) * 10000) / 10000;
    }
    expect(rateSum).toBeCloseTo(1, 12);
    expect(Math.abs(displayedSum - 1)).toBeLessThanOrEqual(0.00005 * 3);
    expect(ws.getCell('C8').numFmt).toBe('0.00%');
    const cents = snaps.reduce((c, s) => c + Math.round(s.score.total * 100), 0);
    expect(r.get('平均分')![1]).toBe(avg(cents, n));
    expect(r.get('最高分')![1]).toBe(Math.max(...snaps.map((s) => s.score.total)));
    expect(r.get('无案卷的执法单位（个）')![1]).toBe(1);
  });

  it('各单位评查结果: per agency counts, rates, average and total, ranked by average then total, ties share a rank', () => {
    const ws = book.getWorksheet('各单位评查结果')!;
    expect(headers(ws)).toEqual(['排名', '执法单位', '领域', '案卷数', '已定稿', '优秀（件）', '优秀率', '合格（件）', '合格率', '不合格（件）', '不合格率', '平均分', '总分', '问题数']);
    const expected = expectedAgencies(snaps);
    const byName = new Map(byHeader(ws).map((r) => [r['执法单位'], r]));
    const names: Record<string, string> = {
      [ids.agencies.market]: '江州市市场监督管理局',
      [ids.agencies.urban]: '江州市城市管理局',
      [ids.agencies.transport]: '江州市交通运输局',
      [ids.agencies.culture]: '江州市文化市场综合执法支队',
      [ids.agencies.farm]: '江州市农业农村局',
    };
    for (const [id, e] of expected) {
      const row = byName.get(names[id])!;
      expect(row, names[id]).toMatchObject({ 排名: e.rank, 已定稿: e.n, 平均分: e.average, 总分: e.cents / 100, '优秀（件）': e.grades.excellent ?? 0, '不合格（件）': e.grades.fail ?? 0 });
      expect(row['合格率']).toBeCloseTo((e.grades.pass ?? 0) / e.n, 12);
      expect((row['优秀率'] as number) + (row['合格率'] as number) + (row['不合格率'] as number)).toBeCloseTo(1, 12);
    }
    const culture = byName.get('江州市文化市场综合执法支队')!;
    const farm = byName.get('江州市农业农村局')!;
    expect(culture['排名']).toBe(farm['排名']);
    const ranks = byHeader(ws).map((r) => r['排名']).filter((x) => x !== null) as number[];
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    // the next rank after the tie is skipped
    expect(ranks.filter((r) => r === culture['排名'])).toHaveLength(2);
    expect(ranks).not.toContain((culture['排名'] as number) + 1);
    expect(byName.get('江州市生态环境局')).toMatchObject({ 排名: null, 案卷数: 2, 已定稿: 0, 平均分: null });
    const total = byName.get('合计')!;
    expect(total).toMatchObject({ 已定稿: snaps.length, 案卷数: snaps.length + 2 });
    expect(ws.getRow(4).getCell(12).numFmt).toBe('0.00');
  });

  it('问题统计: occurrences, share, files and agencies affected per item, with section subtotals', () => {
    const ws = book.getWorksheet('问题统计')!;
    const { items, all } = expectedProblems(snaps);
    const r = byHeader(ws);
    for (const [title, e] of items) {
      const row = r.find((x) => x['问题（评查项目）'] === title)!;
      expect(row, title).toMatchObject({ 出现次数: e.occurrences, 涉及案卷: e.files, 涉及单位: e.agencies.size });
      expect(row['占比']).toBeCloseTo(e.occurrences / all, 12);
    }
    const sections = r.filter((x) => x['问题（评查项目）'] === '小计');
    expect(sections.map((s) => s['类别']).sort()).toEqual(['主体', '否决项', '程序']);
    expect(sections.reduce((n, s) => n + (s['占比'] as number), 0)).toBeCloseTo(1, 12);
    expect(r.at(-1)).toMatchObject({ 类别: '合计', 出现次数: all, 占比: 1 });
  });

  it('lists the excellent and the failing files, and the agencies in scope without files', () => {
    const excellent = byHeader(book.getWorksheet('优秀案卷')!);
    const failing = byHeader(book.getWorksheet('不合格案卷')!);
    expect(excellent).toHaveLength(snaps.filter((s) => s.score.grade.code === 'excellent').length);
    expect(failing).toHaveLength(snaps.filter((s) => s.score.grade.code === 'fail').length);
    expect(excellent.every((r) => (r['得分'] as number) >= 90 && r['等次'] === '优秀')).toBe(true);
    expect(excellent.map((r) => r['序号'])).toEqual(excellent.map((_, i) => i + 1));
    // in case-number order (an agency's numbers share its prefix)
    const numbers = excellent.map((r) => r['案号'] as string);
    expect(numbers).toEqual([...numbers].sort());
    expect(new Set(numbers).size).toBe(numbers.length);
    const vetoed = failing.find((r) => r['执法单位'] === '江州市农业农村局')!;
    expect(vetoed['否决情形']).toBe('否1 执法主体不合法');
    expect(byHeader(book.getWorksheet('无案卷单位')!)).toEqual([{ 序号: 1, 执法单位: '江州市应急管理局', 领域: '应急管理' }]);
  });

  it('gives the same figures as JSON', async () => {
    const figures = (await json(await t.injectAs(tokens.chief, { method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/bulletin` }), 200)).figures;
    const ws = book.getWorksheet('各单位评查结果')!;
    const sheet = new Map(byHeader(ws).map((r) => [r['执法单位'], r]));
    for (const a of figures.agencies) expect(sheet.get(a.name)).toMatchObject({ 排名: a.rank, 平均分: a.averageScore, 总分: a.totalScore });
    expect(figures.overview.filesReviewed).toBe(snaps.length);
    expect(figures.overview.grades.reduce((n: number, g: { count: number }) => n + g.count, 0)).toBe(snaps.length);
    expect(figures.agenciesWithoutFiles.map((a: { name: string }) => a.name)).toEqual(['江州市应急管理局']);
  });

  it('for a campaign with no finalized files: a valid workbook that says so', async () => {
    const { book: empty } = await download(`/api/v1/campaigns/${ids.emptyCampaign}/bulletin.xlsx`);
    expect(empty.worksheets).toHaveLength(6);
    for (const name of ['总体情况', '各单位评查结果', '问题统计', '优秀案卷', '不合格案卷']) {
      expect(empty.getWorksheet(name)!.getCell('A4').value, name).toBe('本次活动暂无已定稿的案卷');
    }
    const r = new Map(rows(empty.getWorksheet('总体情况')!).map((x) => [x[0], x]));
    expect(r.get('已定稿案卷（件）/ 定稿率')!.slice(1)).toEqual([0, null]);
    expect(byHeader(empty.getWorksheet('无案卷单位')!)).toEqual([{ 序号: 1, 执法单位: '江州市交通运输局', 领域: '交通运输' }]);
    const figures = (await json(await t.inject({ method: 'GET', url: `/api/v1/campaigns/${ids.emptyCampaign}/bulletin` }), 200)).figures;
    expect(figures.overview).toMatchObject({ filesReviewed: 0, averageScore: null, coverage: null });
  });

  it('is for admins and the campaign’s reviewers only', async () => {
    expect((await t.injectAs(tokens.agency, { method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/bulletin.xlsx` })).statusCode).toBe(403);
    expect((await t.injectAs(tokens.reviewerOff, { method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/bulletin` })).statusCode).toBe(404);
  });

  it('is written by `pingcha export bulletin` too, with the same cells', async () => {
    const out = path.join(t.dataDir, 'bulletin-cli.xlsx');
    expect(await runExportCommand(t.config, ['bulletin', '--campaign', ids.campaign, '--out', out])).toBe(0);
    const cli = await readBook(fs.readFileSync(out));
    expect(rows(cli.getWorksheet('各单位评查结果')!)).toEqual(rows(book.getWorksheet('各单位评查结果')!));
    expect(rows(cli.getWorksheet('问题统计')!)).toEqual(rows(book.getWorksheet('问题统计')!));
  });
});

// --- rectification list ---------------------------------------------------------------------

describe('整改清单', () => {
  beforeAll(async () => {
    const db = t.app.services.db;
    const resultsOf = (agencyId: string) =>
      db
        .selectFrom('case_results')
        .innerJoin('case_files', 'case_files.id', 'case_results.case_file_id')
        .select(['case_results.id as result_id', 'case_files.id as case_file_id', 'case_files.agency_id'])
        .where('case_files.campaign_id', '=', ids.campaign)
        .where('case_results.status', '=', 'final')
        .where('case_files.agency_id', '=', agencyId)
        .orderBy('case_files.case_number')
        .limit(2)
        .execute();
    const results = [...(await resultsOf(ids.agencies.market)), ...(await resultsOf(ids.agencies.urban))];
    // Items of the seeded results (the workflow issues them only for files finalized through the API).
    const ts = new Date().toISOString();
    await db
      .insertInto('rectification_items')
      .values(
        results.map((r, i) => ({
          id: randomUUID(),
          campaign_id: ids.campaign,
          agency_id: r.agency_id,
          case_file_id: r.case_file_id,
          result_id: r.result_id,
          finding_id: null,
          target_kind: 'item',
          target_id: 'S2',
          section_title: '主体',
          item_title: '当事人认定',
          problem: `当事人名称前后不一致（第${i + 1}处）`,
          deduction: 3,
          basis: '《行政处罚法》第三十九条',
          requirement: '核实当事人身份信息并补正',
          deadline: '2025-12-31',
          status: i === 0 ? 'verified' : 'issued',
          answer_text: i === 0 ? '已补正' : null,
          answer_blob_sha256: null,
          answer_file_name: null,
          answered_by: null,
          answered_at: i === 0 ? ts : null,
          verified_by: null,
          verified_at: i === 0 ? ts : null,
          return_reason: null,
          created_at: ts,
          updated_at: ts,
        })),
      )
      .execute();
  });

  it('has the twelve columns and one row per item, for the whole campaign', async () => {
    const { book } = await download(`/api/v1/campaigns/${ids.campaign}/rectification-list.xlsx`, tokens.chief);
    const ws = book.getWorksheet('整改清单')!;
    expectLayout(ws, '2025年度全市行政执法案卷集中评查问题整改清单');
    expect(headers(ws)).toEqual(['序号', '执法单位', '案号', '案由', '问题类别', '问题描述', '扣分', '依据', '整改要求', '整改期限', '整改状态', '整改情况']);
    const count = (await t.app.services.db.selectFrom('rectification_items').select('id').where('campaign_id', '=', ids.campaign).execute()).length;
    const r = byHeader(ws);
    expect(r).toHaveLength(count);
    expect(r.map((x) => x['序号'])).toEqual(r.map((_, i) => i + 1));
    expect(r.every((x) => ['待整改', '已反馈', '已退回', '已验收'].includes(x['整改状态'] as string))).toBe(true);
    expect(new Set(r.map((x) => x['执法单位']))).toEqual(new Set(['江州市市场监督管理局', '江州市城市管理局']));
    const verified = r.find((x) => x['整改状态'] === '已验收')!;
    expect(verified).toMatchObject({ 问题类别: '主体', 扣分: 3, 依据: '《行政处罚法》第三十九条', 整改要求: '核实当事人身份信息并补正', 整改期限: '2025-12-31' });
    expect(verified['问题描述']).toMatch(/^当事人认定：当事人名称前后不一致（第\d处）$/);
    expect(verified['整改情况']).toMatch(/^已补正（\d{4}-\d{2}-\d{2} 反馈）；已于 \d{4}-\d{2}-\d{2} 验收$/);
    expect(r.every((x) => typeof x['案号'] === 'string' && typeof x['整改期限'] === 'string')).toBe(true);
  });

  it('is forced to the agency’s own items for an agency user, and refuses another agency (403)', async () => {
    const { book } = await download(`/api/v1/campaigns/${ids.campaign}/rectification-list.xlsx`, tokens.agency);
    const r = byHeader(book.getWorksheet('整改清单')!);
    expect(r.length).toBeGreaterThan(0);
    expect(r.every((x) => x['执法单位'] === '江州市市场监督管理局')).toBe(true);
    expect(String(book.getWorksheet('整改清单')!.getCell('A2').value)).toContain('执法单位：江州市市场监督管理局');
    const other = await t.injectAs(tokens.agency, { method: 'GET', url: `/api/v1/campaigns/${ids.campaign}/rectification-list.xlsx?agencyId=${ids.agencies.urban}` });
    expect(other.statusCode).toBe(403);
  });

  it('says so when a campaign has no finalized files', async () => {
    const { book } = await download(`/api/v1/campaigns/${ids.emptyCampaign}/rectification-list.xlsx`);
    expect(book.getWorksheet('整改清单')!.getCell('A4').value).toBe('本次活动暂无已定稿的案卷');
  });
});

// --- annual report --------------------------------------------------------------------------

describe('年度报告', () => {
  it('covers every campaign of the year by kind, per agency and sector, top problems, and the change from last year', async () => {
    const { res, book } = await download('/api/v1/annual-reports/2025.xlsx');
    expect(res.headers['content-disposition']).toContain(encodeURIComponent('2025年度行政执法案卷评查年度报告.xlsx'));
    expect(book.worksheets.map((w) => w.name)).toEqual(['总体情况', '评查活动', '各单位', '各领域', '主要问题']);
    expectLayout(book.getWorksheet('总体情况')!, '2025年度行政执法案卷评查年度报告');

    const now = await finalSnapshots([ids.campaign, ids.spotCampaign, ids.emptyCampaign]);
    const before = await finalSnapshots([ids.lastYear]);
    const kinds = new Map(byHeader(book.getWorksheet('总体情况')!).map((r) => [r['评查类型'], r]));
    expect(kinds.get('集中评查')).toMatchObject({ 活动数: 1, 已定稿: 187 });
    expect(kinds.get('抽查')).toMatchObject({ 活动数: 1, 已定稿: 8 });
    expect(kinds.get('自查')).toMatchObject({ 活动数: 1, 已定稿: 0, 平均分: null });
    const allCents = now.reduce((c, s) => c + Math.round(s.score.total * 100), 0);
    const beforeCents = before.reduce((c, s) => c + Math.round(s.score.total * 100), 0);
    expect(kinds.get('合计')).toMatchObject({ 活动数: 3, 已定稿: now.length, 平均分: avg(allCents, now.length), 上年已定稿: 20, 上年平均分: avg(beforeCents, 20) });
    expect(kinds.get('合计')!['平均分变化']).toBeCloseTo(avg(allCents, now.length) - avg(beforeCents, 20), 9);

    const agencies = new Map(byHeader(book.getWorksheet('各单位')!).map((r) => [r['执法单位'], r]));
    const expectedNow = expectedAgencies(now);
    const expectedBefore = expectedAgencies(before);
    const market = agencies.get('江州市市场监督管理局')!;
    const m = expectedNow.get(ids.agencies.market)!;
    const mb = expectedBefore.get(ids.agencies.market)!;
    // last year every market file lost 立案审批表: 5 of the 15 applicable points (听证 does not apply) → 66.67, 合格
    expect(mb.average).toBe(66.67);
    expect(market).toMatchObject({ 排名: m.rank, 已定稿: m.n, 平均分: m.average, 上年平均分: 66.67, 上年优秀率: 0, 上年不合格率: 0 });
    expect(market['平均分变化']).toBeCloseTo(m.average - 66.67, 9);
    expect(market['优秀率变化']).toBeCloseTo((m.grades.excellent ?? 0) / m.n, 9);
    const urban = agencies.get('江州市城市管理局')!;
    const ub = expectedBefore.get(ids.agencies.urban)!;
    expect(urban['上年平均分']).toBe(ub.average);
    expect(urban['上年优秀率']).toBeCloseTo(0.5, 9); // 5 × 100 (优秀) and 5 × 86.67 (合格)
    expect(urban['优秀率变化']).toBeCloseTo((expectedNow.get(ids.agencies.urban)!.grades.excellent ?? 0) / expectedNow.get(ids.agencies.urban)!.n - 0.5, 9);
    expect(book.getWorksheet('各单位')!.getRow(4).getCell(headers(book.getWorksheet('各单位')!).indexOf('平均分变化') + 1).numFmt).toBe('+0.00;-0.00;0.00');

    // transport appears in two campaigns: one row, its exact sum over both
    const transport = agencies.get('江州市交通运输局')!;
    expect(transport['已定稿']).toBe(68);
    const sectors = new Map(byHeader(book.getWorksheet('各领域')!).map((r) => [r['领域'], r]));
    expect(sectors.get('交通运输')).toMatchObject({ 已定稿: 68, 平均分: transport['平均分'] });

    const problems = byHeader(book.getWorksheet('主要问题')!);
    const { items } = expectedProblems(now);
    const p1 = problems.find((r) => r['问题（评查项目）'] === '立案审批表')!;
    expect(p1).toMatchObject({ 出现次数: items.get('立案审批表')!.occurrences, 上年次数: 10 });
    expect(p1['次数变化']).toBe(items.get('立案审批表')!.occurrences - 10);
    expect(problems.map((r) => r['出现次数'])).toEqual([...problems.map((r) => r['出现次数'] as number)].sort((a, b) => b - a));

    const figures = await json(await t.inject({ method: 'GET', url: '/api/v1/annual-reports/2025' }), 200);
    expect(figures.agencies.find((a: { agencyId: string }) => a.agencyId === ids.agencies.market)).toMatchObject({ averageScore: m.average, previous: { averageScore: 66.67 } });
  });

  it('is for admins only and validates the year', async () => {
    expect((await t.injectAs(tokens.chief, { method: 'GET', url: '/api/v1/annual-reports/2025' })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: '/api/v1/annual-reports/1999' })).statusCode).toBe(400);
    const { book } = await download('/api/v1/annual-reports/2031.xlsx');
    expect(book.getWorksheet('总体情况')!.getCell('A4').value).toBe('2031年度暂无已定稿的案卷');
  });
});

// --- stored result summaries ------------------------------------------------------------------

describe('result summaries stored at finalization', () => {
  it('agree with the snapshots they were derived from, for every result (reopened ones too)', async () => {
    const db = t.app.services.db;
    const results = await db
      .selectFrom('case_results')
      .leftJoin('case_result_summaries as s', (join) => join.onRef('s.result_id', '=', 'case_results.id').on('s.format', '=', SUMMARY_FORMAT))
      .select(['case_results.id', 'case_results.status', 'case_results.snapshot_json', 'case_results.finalized_at', 's.summary_json'])
      .execute();
    expect(results.length).toBeGreaterThan(200);
    expect(results.some((r) => r.status === 'reopened')).toBe(true);
    for (const r of results) {
      expect(r.summary_json, r.id).not.toBeNull();
      const result = { id: r.id, finalizedAt: r.finalized_at };
      expect(decodeSummary(r.summary_json!, result)).toEqual(summarizeSnapshot({ ...result, snapshotJson: r.snapshot_json }));
    }
  });

  it('give the same bulletin, figures and workbook, as the snapshots do (a campaign whose results have no stored summary)', async () => {
    const db = t.app.services.db;
    const campaign = async (name: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name, year: 2023, kind: 'concentrated' } }), 201)).id as string;
    const withSummaries = await campaign('2023年度评查（存有摘要）');
    const fromSnapshots = await campaign('2023年度评查（仅有快照）');
    const agencies = [ids.agencies.market, ids.agencies.urban, ids.agencies.transport, ids.agencies.culture];
    const filesOf = (campaignId: string): SeedFile[] => {
      const next = random(2023);
      return Array.from({ length: 120 }, (_, i) => ({
        campaignId,
        agencyId: agencies[i % agencies.length]!,
        caseNumber: `江摘罚〔2023〕${i + 1}号`,
        findings: i % 17 === 0 ? [{ target: { kind: 'veto', id: 'V1' }, occurrences: 1 }] : randomFindings(seeding.scheme, next),
        withReopened: i % 40 === 0,
      }));
    };
    await seedFinalizedResults(db, seeding, filesOf(withSummaries));
    await seedFinalizedResults(db, seeding, filesOf(fromSnapshots), 200, { summaries: false });
    const stored = async (campaignId: string) =>
      Number(
        (
          await db
            .selectFrom('case_result_summaries')
            .innerJoin('case_results', 'case_results.id', 'case_result_summaries.result_id')
            .innerJoin('case_files', 'case_files.id', 'case_results.case_file_id')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('case_files.campaign_id', '=', campaignId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    expect(await stored(withSummaries)).toBe(123);
    expect(await stored(fromSnapshots)).toBe(0);

    const now = new Date('2023-12-31T00:00:00Z');
    const a = await computeBulletin(db, withSummaries, { now });
    const b = await computeBulletin(db, fromSnapshots, { now });
    expect(a.figures.overview.filesReviewed).toBe(120);
    expect(a.figures.overview.vetoedFiles).toBeGreaterThan(0);
    expect(a.figures).toEqual(b.figures);

    const dir = fs.mkdtempSync(path.join(t.dataDir, 'summaries-'));
    const books = [];
    for (const [name, id] of [['a', withSummaries], ['b', fromSnapshots]] as const) {
      await writeBulletin(db, id, path.join(dir, `${name}.xlsx`), { now });
      const book = new ExcelJS.Workbook();
      await book.xlsx.readFile(path.join(dir, `${name}.xlsx`));
      books.push(book);
    }
    const [bookA, bookB] = books;
    // The campaigns differ only in their names.
    const unnamed = (ws: ExcelJS.Worksheet, name: string) => rows(ws).map((r) => r.map((v) => (v === name ? '（活动名称）' : v)));
    expect(bookA!.worksheets.map((ws) => ws.name)).toEqual(bookB!.worksheets.map((ws) => ws.name));
    for (const ws of bookA!.worksheets) {
      const other = bookB!.getWorksheet(ws.name)!;
      expect(headers(ws)).toEqual(headers(other));
      expect(unnamed(ws, a.campaign.name), ws.name).toEqual(unnamed(other, b.campaign.name));
    }
    expect(rows(bookA!.getWorksheet('不合格案卷')!).length).toBeGreaterThan(0);
  });

  it('are written by migration 0008 for results finalized before it', async () => {
    const db = openDatabase(':memory:');
    try {
      const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < '0008'));
      await migrateToLatest(db, before);
      const ts = new Date().toISOString();
      const agencyId = randomUUID();
      const campaignId = randomUUID();
      await db.insertInto('agencies').values({ id: agencyId, name: '迁移测试局', short_name: null, credit_code: null, region: null, sector: null, level: null, created_at: ts, updated_at: ts }).execute();
      await db.insertInto('campaigns').values({ id: campaignId, name: '迁移测试评查', year: 2023, kind: 'concentrated', status: 'reviewing', scope_start: null, scope_end: null, description: null, rectification_days: null, created_at: ts, updated_at: ts }).execute();
      const context = await prepareSeeding(db, testScheme);
      const next = random(8);
      await seedFinalizedResults(
        db,
        context,
        Array.from({ length: 30 }, (_, i) => ({ campaignId, agencyId, caseNumber: `迁移罚〔2023〕${i + 1}号`, findings: randomFindings(context.scheme, next), withReopened: i === 0 })),
        200,
        { summaries: false },
      );
      expect(await migrateToLatest(db)).toEqual(Object.keys(migrations).filter((name) => name >= '0008'));
      const results = await db
        .selectFrom('case_results')
        .leftJoin('case_result_summaries as s', 's.result_id', 'case_results.id')
        .select(['case_results.id', 'case_results.snapshot_json', 'case_results.finalized_at', 's.format', 's.summary_json'])
        .execute();
      expect(results).toHaveLength(31);
      for (const r of results) {
        expect(r.format).toBe(SUMMARY_FORMAT);
        const result = { id: r.id, finalizedAt: r.finalized_at };
        expect(decodeSummary(r.summary_json!, result)).toEqual(summarizeSnapshot({ ...result, snapshotJson: r.snapshot_json }));
      }
    } finally {
      await db.destroy();
    }
  });
});
