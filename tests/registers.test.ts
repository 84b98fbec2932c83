import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Readable } from 'node:stream';
import { runImportCommand } from '../src/cli/register-command.js';
import { MAX_REGISTER_ROWS, readRegisterFile } from '../src/xlsx/register-file.js';
import { REGISTER_HEADERS } from '../src/domain/register.js';
import { buildTestApp, multipart, seedAgencyAndCampaign, type TestApp } from './helpers/app.js';
import { sql } from 'kysely';
import { RegisterStage, STAGING_TABLE_PREFIX } from '../src/repositories/register-staging.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['序号', '案号', '案由', '案件类型', '当事人', '立案日期', '结案日期', '罚没金额', '承办人'];

type Cell = ExcelJS.CellValue;

async function xlsx(rows: Cell[][], edit?: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('案件台账');
  for (const row of rows) ws.addRow(row);
  edit?.(ws);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function readXlsx(data: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as unknown as ArrayBuffer);
  return wb;
}

const row = (i: number, overrides: Partial<Record<'caseNumber' | 'cause' | 'caseType' | 'party' | 'filed' | 'closed' | 'amount' | 'handlers', Cell>> = {}): Cell[] => [
  i,
  'caseNumber' in overrides ? overrides.caseNumber as Cell : `江市监处罚〔2024〕${String(i).padStart(4, '0')}号`,
  'cause' in overrides ? overrides.cause as Cell : `销售不合格商品案（第${i}件）`,
  'caseType' in overrides ? overrides.caseType as Cell : (i % 3 === 0 ? '简易程序' : '行政处罚-普通程序'),
  'party' in overrides ? overrides.party as Cell : `江州市某某商贸有限公司第${i}分店`,
  'filed' in overrides ? overrides.filed as Cell : `2024-0${(i % 9) + 1}-0${(i % 9) + 1}`,
  'closed' in overrides ? overrides.closed as Cell : `2024-${String((i % 9) + 2).padStart(2, '0')}-15`,
  'amount' in overrides ? overrides.amount as Cell : (i % 3 === 0 ? 200 : '1,200.50'),
  'handlers' in overrides ? overrides.handlers as Cell : '张某、李某',
];

function upload(ids: { campaignId: string; agencyId?: string }, data: Buffer, options: { name?: string; token?: string | null; report?: boolean; type?: string } = {}) {
  const body = multipart([{ name: options.name ?? '台账.xlsx', data, contentType: options.type ?? XLSX }]);
  const url = `/api/v1/campaigns/${ids.campaignId}/register${options.report ? '/report' : ''}${ids.agencyId ? `?agencyId=${ids.agencyId}` : ''}`;
  return t.injectAs(options.token === undefined ? t.adminToken : options.token, { method: 'POST', url, ...body });
}

async function entries(campaignId: string, query = '', token: string = t.adminToken) {
  const res = await t.injectAs(token, { method: 'GET', url: `/api/v1/campaigns/${campaignId}/register?limit=500${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: Record<string, unknown>[]; total: number };
}

async function user(payload: object): Promise<string> {
  const res = await t.inject({ method: 'POST', url: '/api/v1/users', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().token.token as string;
}

describe('case register import', () => {
  it('imports a 200-row xlsx register for an agency and lists its entries', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const rows: Cell[][] = [HEADER];
    for (let i = 1; i <= 200; i++) rows.push(row(i));
    const res = await upload(ids, await xlsx(rows));
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toEqual({ imported: 200, importId: expect.any(String) });

    const list = await entries(ids.campaignId);
    expect(list.total).toBe(200);
    expect(list.items[0]).toMatchObject({
      agencyId: ids.agencyId,
      rowNumber: 2,
      caseNumber: '江市监处罚〔2024〕0001号',
      caseType: 'penalty_general',
      caseTypeLabel: '行政处罚-普通程序',
      partyName: '江州市某某商贸有限公司第1分店',
      filedOn: '2024-02-02',
      closedOn: '2024-03-15',
      amount: 1200.5,
      handlers: '张某、李某',
      drawn: false,
    });
    expect(list.items[2]).toMatchObject({ caseType: 'penalty_simple', amount: 200 });
    expect((await entries(ids.campaignId, '&caseType=penalty_simple')).total).toBe(66);
    expect((await entries(ids.campaignId, '&drawn=true')).total).toBe(0);
    const page = await t.inject({ method: 'GET', url: `/api/v1/campaigns/${ids.campaignId}/register?limit=10&offset=190` });
    expect(page.json().items).toHaveLength(10);
    expect(page.json().items[9].caseNumber).toBe('江市监处罚〔2024〕0200号');

    const audit = await t.inject({ method: 'GET', url: `/api/v1/audit-events?action=register.import` });
    expect(audit.json().items).toContainEqual(expect.objectContaining({ entityId: res.json().importId, after: expect.objectContaining({ rowCount: 200, agencyId: ids.agencyId }) }));
  });

  it('imports a csv (UTF-8 with BOM, quoted fields with commas, quotes and line breaks)', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const csv =
      '\uFEFF案号,案由,案件类型,当事人,立案日期,结案日期,罚没金额,承办人\r\n' +
      '江环罚〔2024〕1号,"未批先建，擅自开工案",普通程序,"江州""某某""化工有限公司",2024/3/5,2024年6月1日,"5.6万","王某\n赵某"\r\n' +
      '江环罚〔2024〕2号,超标排放案,行政处罚-简易程序,个体户钱某,,2024.4.2,200,\r\n';
    const res = await upload(ids, Buffer.from(csv, 'utf8'), { name: 'register.csv', type: 'text/csv' });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().imported).toBe(2);
    const list = await entries(ids.campaignId);
    expect(list.items).toEqual([
      expect.objectContaining({ caseNumber: '江环罚〔2024〕1号', cause: '未批先建，擅自开工案', partyName: '江州"某某"化工有限公司', filedOn: '2024-03-05', closedOn: '2024-06-01', amount: 56000, handlers: '王某\n赵某', rowNumber: 2 }),
      expect.objectContaining({ caseNumber: '江环罚〔2024〕2号', caseType: 'penalty_simple', filedOn: null, closedOn: '2024-04-02', amount: 200, handlers: null, rowNumber: 3 }),
    ]);
  });

  it('decodes a csv arriving one byte at a time without breaking Chinese characters', async () => {
    const csv = '案号,案由,案件类型,当事人,立案日期,结案日期,罚没金额\n' + Array.from({ length: 50 }, (_, i) => `江罚〔2024〕${i + 1}号,"擅自经营，未取得许可案",简易程序,江州市某某经营部,,2024年3月${(i % 28) + 1}日,五百`).join('\n');
    const bytes = Buffer.from(csv, 'utf8');
    const result = await readRegisterFile(Readable.from((function* () {
      for (const b of bytes) yield Buffer.from([b]);
    })()));
    expect(result.format).toBe('csv');
    // 五百 is not a number the register accepts: every row reports it, with the text intact.
    expect(result.errors).toHaveLength(50);
    expect(result.errors[0]).toMatchObject({ row: 2, column: '罚没金额', value: '五百', path: 'G2' });
    const fixed = await readRegisterFile(Readable.from([Buffer.from(csv.replaceAll('五百', '500'))]));
    expect(fixed.errors).toEqual([]);
    expect(fixed.entries.map((e) => e.row.cause)).toEqual(Array(50).fill('擅自经营，未取得许可案'));
    expect(fixed.entries[49]!.row).toMatchObject({ caseNumber: '江罚〔2024〕50号', closedOn: '2024-03-22', amount: 500, caseType: 'penalty_simple' });
  });

  it('detects the format by content, not by the file name', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const data = await xlsx([HEADER, row(1)]);
    const res = await upload(ids, data, { name: 'register.csv', type: 'text/csv' });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('serves the template, which imports cleanly once a row is filled in', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/register-template' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(res.headers['content-disposition']).toContain('attachment');
    const wb = await readXlsx(res.rawPayload);
    const ws = wb.getWorksheet('案件台账')!;
    expect(ws.getRow(1).values).toEqual([undefined, ...REGISTER_HEADERS]);
    expect(String(ws.getCell('A2').value)).toMatch(/^示例/);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.getColumn(1).width).toBeGreaterThan(20);
    const validation = (ws as unknown as { dataValidations: { model: Record<string, { type: string; formulae: string[] }> } }).dataValidations.model;
    expect(Object.values(validation)).toContainEqual(expect.objectContaining({ type: 'list', formulae: [expect.stringContaining('行政处罚-普通程序')] }));

    ws.getRow(3).values = ['江交罚〔2025〕8号', '未按规定进行年度检验案', '行政处罚-普通程序', '江州某某运输有限公司', new Date(Date.UTC(2025, 0, 6)), new Date(Date.UTC(2025, 1, 20)), 3000, '周某'];
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const ids = await seedAgencyAndCampaign(t);
    const imported = await upload(ids, filled);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().imported).toBe(1);
    expect((await entries(ids.campaignId)).items).toEqual([
      expect.objectContaining({ caseNumber: '江交罚〔2025〕8号', filedOn: '2025-01-06', closedOn: '2025-02-20', amount: 3000, rowNumber: 3 }),
    ]);

    // The template alone holds only the example row: nothing to import.
    const empty = await upload(ids, res.rawPayload);
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details[0]).toMatchObject({ path: 'file', message: expect.stringContaining('没有任何案件') });
  });

  it('reads formula and rich-text cells as their values, Excel date serials and Chinese dates', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const data = await xlsx([HEADER, row(1), row(2, { filed: 45356, closed: '二〇二四年三月二十五日' })], (ws) => {
      ws.getCell('B2').value = { formula: '"江市监处罚〔2024〕"&"0001号"', result: '江市监处罚〔2024〕0001号' } as ExcelJS.CellFormulaValue;
      ws.getCell('E2').value = { richText: [{ text: '江州市', font: { bold: true } }, { text: '某某餐饮店' }] };
      ws.getCell('H2').value = { formula: '1000+200', result: 1200 } as ExcelJS.CellFormulaValue;
      ws.getCell('F2').value = new Date(Date.UTC(2024, 0, 8));
      ws.getCell('F2').numFmt = 'yyyy"年"m"月"d"日"';
    });
    const res = await upload(ids, data);
    expect(res.statusCode, res.body).toBe(201);
    const list = (await entries(ids.campaignId)).items;
    expect(list[0]).toMatchObject({ caseNumber: '江市监处罚〔2024〕0001号', partyName: '江州市某某餐饮店', amount: 1200, filedOn: '2024-01-08' });
    expect(list[1]).toMatchObject({ filedOn: '2024-03-05', closedOn: '2024-03-25' });
  });

  it('refuses missing or renamed headers, listing the expected ones', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const renamed = ['序号', '编号', '案由', '类别', '当事人', '立案日期', '结案日期', '罚没金额'];
    const res = await upload(ids, await xlsx([renamed, row(1)]));
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('import_failed');
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'header', row: 1, column: '案号', expected: REGISTER_HEADERS, message: expect.stringContaining('案号、案由、案件类型、当事人、立案日期、结案日期、罚没金额') }),
      expect.objectContaining({ path: 'header', row: 1, column: '案件类型', message: expect.stringContaining('未识别的列：序号、编号、类别') }),
    ]);

    const missing = await upload(ids, await xlsx([['案号', '案由', '当事人', '立案日期', '结案日期'], ['江〔2024〕1号', '某案', '某人', '2024-01-01', '2024-02-01']]));
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.details.map((d: { column: string }) => d.column)).toEqual(['案件类型', '罚没金额']);

    // Aliases, and a title row above the header, are fine.
    const aliased = await upload(ids, await xlsx([['2024年度行政处罚案件台账'], ['决定书文号', '案件名称', '案件类别', '当事人名称', '立案时间', '结案时间', '罚没金额（元）', '执法人员'], row(1).slice(1)]));
    expect(aliased.statusCode, aliased.body).toBe(201);
    expect((await entries(ids.campaignId)).items[0]).toMatchObject({ rowNumber: 3, handlers: '张某、李某' });
  });

  it('reports every bad row with its row, column, value and reason, and imports none of them', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const data = await xlsx([
      HEADER,
      row(1),
      row(2, { filed: '2023年2月30日' }),
      row(3, { caseNumber: '江市监处罚〔2024〕0001号' }),
      row(4, { caseNumber: '江市监处罚 2024 4号' }),
      row(5, { caseType: '行政处罚', amount: '十二块' }),
      row(6, { filed: '2024-05-01', closed: '2024-04-30' }),
      row(7, { party: null }),
    ]);
    const res = await upload(ids, data);
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('import_failed');
    expect(error.details).toEqual([
      { path: 'F3', row: 3, column: '立案日期', value: '2023年2月30日', message: '日期不存在：2023年2月30日' },
      { path: 'B4', row: 4, column: '案号', value: '江市监处罚〔2024〕0001号', message: '与第 2 行的案号重复' },
      { path: 'B5', row: 5, column: '案号', value: '江市监处罚 2024 4号', message: '案号缺少年份（应形如〔2024〕）' },
      { path: 'D6', row: 6, column: '案件类型', value: '行政处罚', message: expect.stringContaining('行政处罚-普通程序') },
      { path: 'H6', row: 6, column: '罚没金额', value: '十二块', message: expect.stringContaining('无法识别的金额') },
      { path: 'G7', row: 7, column: '结案日期', value: '2024-04-30', message: '结案日期（2024-04-30）早于立案日期（2024-05-01）' },
      { path: 'E8', row: 8, column: '当事人', value: null, message: '当事人不能为空' },
    ]);
    expect((await entries(ids.campaignId)).total).toBe(0);
  });

  it('refuses case numbers already in the campaign register, leaving the register unchanged', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const first = await upload(ids, await xlsx([HEADER, row(1), row(2)]));
    expect(first.statusCode, first.body).toBe(201);
    // Same case number written with full-width digits and spaces is the same case.
    const again = await upload(ids, await xlsx([HEADER, row(3), row(4, { caseNumber: '江市监处罚〔２０２４〕 0002号' })]));
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details).toEqual([
      { path: 'B3', row: 3, column: '案号', value: '江市监处罚〔２０２４〕 0002号', message: '本评查活动的案件台账中已有此案号（江市监处罚〔2024〕0002号）' },
    ]);
    const list = await entries(ids.campaignId);
    expect(list.items.map((e) => e.caseNumber)).toEqual(['江市监处罚〔2024〕0001号', '江市监处罚〔2024〕0002号']);
  });

  it('refuses an empty file, a header-only register, a non-xlsx file and a malformed or GBK csv', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const cases: [Buffer, string, RegExp][] = [
      [Buffer.alloc(0), 'empty.xlsx', /文件为空/],
      [await xlsx([]), 'blank.xlsx', /没有任何内容/],
      [await xlsx([HEADER]), 'header-only.xlsx', /没有任何案件/],
      [Buffer.from('%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<<>>\nendobj\n', 'latin1'), 'register.xlsx', /既不是 xlsx 工作簿也不是 csv/],
      [Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0]), 'register.xls', /97-2003/],
      [Buffer.from('PK\u0003\u0004this is not really a zip archive at all', 'latin1'), 'broken.xlsx', /无法读取 xlsx|没有工作表/],
      [Buffer.from('案号,案由,案件类型,当事人,立案日期,结案日期,罚没金额\n江〔2024〕1号,"未闭合的引号,普通程序,某人,2024-01-01,2024-02-01,0\n'), 'bad.csv', /第 2 行的引号没有闭合/],
      [Buffer.from('案号,案由\n"江〔2024〕1号"x,某案\n'), 'bad2.csv', /第 2 行，引号后有多余字符/],
      // “案号,案由” in GBK.
      [Buffer.from([0xb0, 0xb8, 0xba, 0xc5, 0x2c, 0xb0, 0xb8, 0xd3, 0xc9, 0x0a]), 'gbk.csv', /不是 UTF-8 编码.*GBK/],
    ];
    for (const [data, name, message] of cases) {
      const res = await upload(ids, data, { name });
      expect(res.statusCode, `${name}: ${res.body}`).toBe(422);
      const { error } = res.json();
      expect(error.code).toBe('import_failed');
      expect(error.message, name).toMatch(message);
      expect(error.details.length, name).toBeGreaterThan(0);
    }
    const malformed = await upload(ids, cases[6]![0], { name: 'bad.csv' });
    expect(malformed.json().error.details).toEqual([expect.objectContaining({ row: 2, path: 'row 2' })]);
    expect((await entries(ids.campaignId)).total).toBe(0);
  });

  it('stops listing problems after 1,000', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const rows: Cell[][] = [HEADER];
    for (let i = 1; i <= 1200; i++) rows.push(row(i, { filed: '2023-02-30' }));
    const res = await upload(ids, await xlsx(rows));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toHaveLength(1000);
    expect(res.json().error.message).toContain('仅列出前 1000 处');
  });

  it('returns an error-report workbook to fix and upload again, or 204 when there is nothing to fix', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const data = await xlsx([HEADER, row(1), row(2, { filed: '2023年2月30日' }), row(3), row(4, { caseNumber: '江市监处罚〔2024〕0001号', amount: 'abc' })]);
    const res = await upload(ids, data, { report: true });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain(XLSX);
    expect(decodeURIComponent(String(res.headers['content-disposition']))).toContain('台账-错误报告.xlsx');

    const ws = (await readXlsx(res.rawPayload)).worksheets[0]!;
    expect(String(ws.getCell('A1').value)).toContain('共 3 处错误，涉及 2 行');
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getRow(2).values).toEqual([undefined, ...HEADER, '错误说明']);
    const note = (r: number) => ws.getCell(r, HEADER.length + 1).value;
    expect(note(3)).toBeNull();
    expect(note(4)).toBe('第 3 行：立案日期：日期不存在：2023年2月30日');
    expect(note(5)).toBeNull();
    expect(note(6)).toBe('第 5 行：案号：与第 2 行的案号重复；罚没金额：无法识别的金额：abc（应为数字，如 1200、1,200.50 或 5.6万）');
    expect(ws.getCell('F4').value).toBe('2023年2月30日');
    expect((ws.getCell('F4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFF4B6B0');
    expect((ws.getCell('A4').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFDE9E7');
    expect(ws.getCell('A3').fill?.type === 'pattern' && (ws.getCell('A3').fill as ExcelJS.FillPattern).pattern === 'solid').toBe(false);

    // Fix the two rows in the report itself and upload it again: the title row and 错误说明 are ignored.
    ws.getCell('F4').value = '2024年2月28日';
    ws.getCell('B6').value = '江市监处罚〔2024〕0004号';
    ws.getCell('H6').value = 0;
    const fixed = Buffer.from(await ws.workbook.xlsx.writeBuffer());
    expect((await upload(ids, fixed, { report: true })).statusCode).toBe(204);
    const imported = await upload(ids, fixed);
    expect(imported.statusCode, imported.body).toBe(201);
    expect(imported.json().imported).toBe(4);
    expect((await entries(ids.campaignId)).items[1]).toMatchObject({ filedOn: '2024-02-28' });

    // File-level problems have no row report.
    const broken = await upload(ids, Buffer.from('not a register'), { report: true });
    expect(broken.statusCode).toBe(422);
  });

  it('lets agency users import and see only their own register; reviewers may not import', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const other = await seedAgencyAndCampaign(t);
    for (const agencyId of [ids.agencyId, other.agencyId]) {
      expect((await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaignId}/agencies/${agencyId}` })).statusCode).toBe(200);
    }
    const agencyToken = await user({ name: '单位台账员', role: 'agency', agencyId: ids.agencyId });
    const reviewerToken = await user({ name: '台账评查员', role: 'reviewer' });
    const reviewer = await t.inject({ method: 'GET', url: '/api/v1/users?role=reviewer&limit=500' });
    const reviewerId = reviewer.json().items.find((u: { name: string }) => u.name === '台账评查员').id;
    await t.inject({ method: 'PUT', url: `/api/v1/campaigns/${ids.campaignId}/reviewers/${reviewerId}`, payload: {} });

    const data = await xlsx([HEADER, row(1)]);
    const forOther = await upload({ campaignId: ids.campaignId, agencyId: other.agencyId }, data, { token: agencyToken });
    expect(forOther.statusCode).toBe(403);
    expect(forOther.json().error.details[0].path).toBe('query.agencyId');
    const asReviewer = await upload(ids, data, { token: reviewerToken });
    expect(asReviewer.statusCode).toBe(403);
    expect((await upload(ids, data, { token: reviewerToken, report: true })).statusCode).toBe(403);

    const own = await upload({ campaignId: ids.campaignId }, data, { token: agencyToken });
    expect(own.statusCode, own.body).toBe(201);
    expect((await upload({ campaignId: ids.campaignId, agencyId: other.agencyId }, await xlsx([HEADER, row(2)]))).statusCode).toBe(201);

    expect((await entries(ids.campaignId, '', agencyToken)).items.map((e) => e.agencyId)).toEqual([ids.agencyId]);
    expect((await entries(ids.campaignId, '', reviewerToken)).total).toBe(2);
    expect((await t.injectAs(agencyToken, { method: 'GET', url: `/api/v1/campaigns/${ids.campaignId}/register?agencyId=${other.agencyId}` })).statusCode).toBe(403);
    expect((await t.injectAs(agencyToken, { method: 'GET', url: '/api/v1/register-template' })).statusCode).toBe(200);
    // A campaign the agency is not in does not exist for it.
    expect((await upload({ campaignId: other.campaignId }, data, { token: agencyToken })).statusCode).toBe(404);
  });

  it('imports from the command line, with --dry-run and Chinese row errors', async () => {
    const ids = await seedAgencyAndCampaign(t);
    const dir = fs.mkdtempSync(path.join(t.dataDir, 'cli-'));
    const good = path.join(dir, 'good.xlsx');
    const bad = path.join(dir, 'bad.csv');
    fs.writeFileSync(good, await xlsx([HEADER, row(1), row(2)]));
    fs.writeFileSync(bad, '案号,案由,案件类型,当事人,立案日期,结案日期,罚没金额\n江〔2024〕1号,某案,普通程序,某人,2023年2月30日,2024-02-01,0\n');
    const out: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    const err = vi.spyOn(console, 'error').mockImplementation((...a) => void out.push(a.join(' ')));
    try {
      const args = ['--campaign', ids.campaignId, '--agency', ids.agencyId];
      expect(await runImportCommand(t.config, ['register', good, ...args, '--dry-run'])).toBe(0);
      expect((await entries(ids.campaignId)).total).toBe(0);
      expect(await runImportCommand(t.config, ['register', bad, ...args])).toBe(1);
      expect(out.join('\n')).toContain('第 2 行 立案日期（2023年2月30日）：日期不存在：2023年2月30日');
      expect(await runImportCommand(t.config, ['register', good, ...args])).toBe(0);
      expect(out.join('\n')).toContain('已导入 2 件案件');
      expect(await runImportCommand(t.config, ['register', good, ...args])).toBe(1);
      expect(out.join('\n')).toContain('本评查活动的案件台账中已有此案号');
    } finally {
      log.mockRestore();
      err.mockRestore();
    }
    expect((await entries(ids.campaignId)).total).toBe(2);
  });

  describe('large registers (rows staged in the database while the file is read)', () => {
    const CSV_HEADER = '案号,案由,案件类型,当事人,立案日期,结案日期,罚没金额\n';
    /** A csv register of n short rows; `last` replaces the last row. */
    const bigCsv = (n: number, last?: string) => {
      const lines: string[] = [];
      for (let i = 1; i <= n; i++) lines.push(`江罚〔2024〕${i}号,某案,简易程序,某人${i % 97},,2024-03-0${(i % 9) + 1},${i % 500}`);
      if (last !== undefined) lines[n - 1] = last;
      return Buffer.from(CSV_HEADER + lines.join('\n') + '\n', 'utf8');
    };
    /** Staging tables left on a connection (each upload stages into its own temp table). */
    const stagingTables = async (db = t.app.services.db, schema: 'temp' | 'main' = 'temp') =>
      (await sql<{ name: string }>`SELECT name FROM ${sql.table(`${schema}.sqlite_master`)} WHERE type = 'table' AND name LIKE ${`${STAGING_TABLE_PREFIX}%`}`.execute(db)).rows.length;
    const spooled = () => fs.readdirSync(path.join(t.dataDir, 'tmp'));

    it('imports a register above the former 50,000-row cap in one upload, leaving no staged rows', async () => {
      const ids = await seedAgencyAndCampaign(t);
      const res = await upload(ids, bigCsv(50_001), { name: 'big.csv', type: 'text/csv' });
      expect(res.statusCode, res.body).toBe(201);
      expect(res.json().imported).toBe(50_001);
      const list = await entries(ids.campaignId);
      expect(list.total).toBe(50_001);
      expect(list.items[0]).toMatchObject({ rowNumber: 2, caseNumber: '江罚〔2024〕1号', caseType: 'penalty_simple', closedOn: '2024-03-02', amount: 1 });
      const lastPage = await t.inject({ method: 'GET', url: `/api/v1/campaigns/${ids.campaignId}/register?limit=1&offset=50000` });
      expect(lastPage.json().items[0]).toMatchObject({ rowNumber: 50_002, caseNumber: '江罚〔2024〕50001号' });
      expect(await stagingTables()).toBe(0);
      // The same file again: every row is already registered; the first 1,000 are listed.
      const again = await upload(ids, bigCsv(50_001), { name: 'big.csv', type: 'text/csv' });
      expect(again.statusCode).toBe(422);
      expect(again.json().error.details).toHaveLength(1000);
      expect(again.json().error.details[0]).toMatchObject({ row: 2, column: '案号', message: '本评查活动的案件台账中已有此案号（江罚〔2024〕1号）' });
      expect((await entries(ids.campaignId)).total).toBe(50_001);
      expect(await stagingTables()).toBe(0);
    });

    it('imports nothing when only the last of many rows is bad, in the JSON and the xlsx report alike, and leaves nothing staged or spooled', async () => {
      const ids = await seedAgencyAndCampaign(t);
      for (const last of ['江罚〔2024〕12000号,某案,简易程序,某人,,2024年2月30日,0', '江罚〔2024〕7号,某案,简易程序,某人,,2024-03-01,0']) {
        const data = bigCsv(12_000, last);
        const res = await upload(ids, data, { name: 'big.csv', type: 'text/csv' });
        expect(res.statusCode).toBe(422);
        const details = res.json().error.details;
        expect(details).toHaveLength(1);
        expect(details[0]).toMatchObject({ row: 12_001, message: expect.stringMatching(/日期不存在|与第 8 行的案号重复/) });
        expect((await entries(ids.campaignId)).total).toBe(0);
        expect(await stagingTables()).toBe(0);

        const report = await upload(ids, data, { name: 'big.csv', type: 'text/csv', report: true });
        expect(report.statusCode, report.body).toBe(200);
        const ws = (await readXlsx(report.rawPayload)).worksheets[0]!;
        expect(String(ws.getCell('A1').value)).toContain('共 1 处错误，涉及 1 行');
        expect(ws.rowCount).toBe(2 + 12_000);
        expect(ws.getCell(2 + 12_000, 8).value).toMatch(/^第 12001 行：/);
        expect(ws.getCell(3, 8).value).toBeNull();
        expect(await stagingTables()).toBe(0);
        expect(spooled()).toEqual([]);
      }
    });

    it(`refuses a register of more than ${MAX_REGISTER_ROWS.toLocaleString('en-US')} rows with a clear error, importing and keeping nothing`, async () => {
      const ids = await seedAgencyAndCampaign(t);
      const res = await upload(ids, bigCsv(MAX_REGISTER_ROWS + 1), { name: 'huge.csv', type: 'text/csv' });
      expect(res.statusCode).toBe(422);
      const { error } = res.json();
      expect(error.code).toBe('import_failed');
      const message = `台账超过 200,000 行（第 ${MAX_REGISTER_ROWS + 2} 行已超出）：一次最多上传 200,000 行案件，请拆分后分批上传`;
      expect(error.message).toBe(`导入失败：${message}`);
      expect(error.details).toEqual([{ path: 'file', row: MAX_REGISTER_ROWS + 2, message }]);
      expect((await entries(ids.campaignId)).total).toBe(0);
      expect(await stagingTables()).toBe(0);
    });

    it('stages on the importing connection only: an interrupted import leaves nothing in the database', async () => {
      const db = t.app.services.db;
      const stage = new RegisterStage(db);
      stage.add(2, '江罚〔2024〕1号', { caseNumber: '江罚〔2024〕1号', cause: '某案', caseType: 'penalty_simple', partyName: '某人', filedOn: null, closedOn: '2024-03-01', amount: null, handlers: null });
      await stage.flush();
      expect(await stagingTables()).toBe(1);
      // Nothing in the database file: another start against it (as after a crash) finds no staged rows.
      expect(await stagingTables(db, 'main')).toBe(0);
      const restarted = await buildTestApp({ databasePath: t.config.databasePath });
      try {
        expect(await stagingTables(restarted.app.services.db)).toBe(0);
        expect(await stagingTables(restarted.app.services.db, 'main')).toBe(0);
      } finally {
        await restarted.close();
      }
      await stage.discard();
      expect(await stagingTables()).toBe(0);
    });
  });
});

