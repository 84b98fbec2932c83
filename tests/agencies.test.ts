import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, creditCodeCheckCharacter, multipart, type TestApp } from './helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const code = (body17: string) => body17 + creditCodeCheckCharacter(body17)!;

async function xlsx(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('执法单位');
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const importXlsx = (data: Buffer) => {
  const body = multipart([{ name: 'agencies.xlsx', data, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }]);
  return t.inject({ method: 'POST', url: '/api/v1/agencies/import', ...body });
};

describe('agencies', () => {
  it('creates, reads, lists and updates an agency', async () => {
    const created = await t.inject({
      method: 'POST',
      url: '/api/v1/agencies',
      payload: { name: '杭州市西湖区市场监督管理局', shortName: '西湖区市场监管局', creditCode: code('11330106MB1234567'), region: '西湖区', sector: '市场监管', level: 'county' },
    });
    expect(created.statusCode).toBe(201);
    const agency = created.json();
    expect(agency).toMatchObject({ name: '杭州市西湖区市场监督管理局', level: 'county', region: '西湖区' });

    const got = await t.inject({ method: 'GET', url: `/api/v1/agencies/${agency.id}` });
    expect(got.json()).toEqual(agency);

    const patched = await t.inject({ method: 'PATCH', url: `/api/v1/agencies/${agency.id}`, payload: { sector: '市场监督管理' } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().sector).toBe('市场监督管理');
    expect(patched.json().name).toBe(agency.name);

    const list = await t.inject({ method: 'GET', url: '/api/v1/agencies?q=西湖' });
    expect(list.json().items.map((a: { id: string }) => a.id)).toContain(agency.id);
  });

  it('rejects a 统一社会信用代码 with a wrong check digit, naming the field', async () => {
    const good = code('11330106MB7654321');
    const bad = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const res = await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '某某局', creditCode: bad } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
    expect(res.json().error.details).toContainEqual(expect.objectContaining({ path: 'body.creditCode', message: '统一社会信用代码校验位错误' }));
  });

  it('refuses a second agency with the same credit code (409)', async () => {
    const payload = { name: '宁波市生态环境局', creditCode: code('11330200MB0000001') };
    expect((await t.inject({ method: 'POST', url: '/api/v1/agencies', payload })).statusCode).toBe(201);
    const again = await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { ...payload, name: '另一个局' } });
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('duplicate_credit_code');
  });

  it('answers 404 with the error shape for an unknown id', async () => {
    const res = await t.inject({ method: 'GET', url: '/api/v1/agencies/no-such-agency' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: expect.stringContaining('no-such-agency'), details: expect.any(Array) } });
    const patch = await t.inject({ method: 'PATCH', url: '/api/v1/agencies/no-such-agency', payload: { sector: 'x' } });
    expect(patch.statusCode).toBe(404);
  });

  it('imports an xlsx agency list, Chinese levels and formula cells included', async () => {
    const rows = [
      ['名称', '简称', '统一社会信用代码', '所属区域', '执法领域', '层级'],
      ['温州市鹿城区综合行政执法局', '鹿城综合执法局', code('11330302MB2000001'), '鹿城区', '城管综合执法', '区县级'],
      ['温州市交通运输局', null, code('11330300MB2000002'), '温州市', '交通运输', '市级'],
    ];
    const data = await xlsx(rows);
    // Put a formula with a cached result in a cell, as spreadsheets made by people have.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(data as unknown as ArrayBuffer);
    wb.getWorksheet(1)!.getCell('D3').value = { formula: '"温州"&"市"', result: '温州市' };
    const res = await importXlsx(Buffer.from(await wb.xlsx.writeBuffer()));
    expect(res.statusCode).toBe(201);
    expect(res.json().imported).toBe(2);
    expect(res.json().agencies).toEqual([
      expect.objectContaining({ name: '温州市鹿城区综合行政执法局', shortName: '鹿城综合执法局', level: 'county', sector: '城管综合执法' }),
      expect.objectContaining({ name: '温州市交通运输局', shortName: null, level: 'city', region: '温州市' }),
    ]);
  });

  it('imports all rows or none, reporting every bad row with row, column and value', async () => {
    const before = (await t.inject({ method: 'GET', url: '/api/v1/agencies?limit=500' })).json().total;
    const dup = code('11330400MB3000001');
    const data = await xlsx([
      ['名称', '简称', '统一社会信用代码', '所属区域', '执法领域', '层级'],
      ['嘉兴市市场监督管理局', null, dup, '嘉兴市', '市场监管', '市级'],
      ['嘉兴市南湖区某局', null, '11330402MB300000X', '南湖区', '市场监管', '区县级'],
      ['', '无名', null, null, null, '区县级'],
      ['嘉兴市秀洲区某局', null, dup, '秀洲区', '市场监管', '区县级'],
      ['嘉兴市某某局', null, null, null, null, '国家级'],
    ]);
    const res = await importXlsx(data);
    expect(res.statusCode).toBe(422);
    const { error } = res.json();
    expect(error.code).toBe('import_failed');
    expect(error.details).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: '统一社会信用代码', value: '11330402MB300000X' }),
        expect.objectContaining({ row: 4, column: '名称' }),
        expect.objectContaining({ row: 5, column: '统一社会信用代码', message: expect.stringContaining('第 2 行') }),
        expect.objectContaining({ row: 6, column: '层级', value: '国家级' }),
      ]),
    );
    const after = (await t.inject({ method: 'GET', url: '/api/v1/agencies?limit=500' })).json().total;
    expect(after).toBe(before);
  });

  it('refuses an import whose credit codes are already registered, importing nothing', async () => {
    const taken = code('11330500MB4000001');
    await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: '湖州市生态环境局', creditCode: taken } });
    const data = await xlsx([
      ['名称', '统一社会信用代码'],
      ['湖州市新单位', code('11330500MB4000002')],
      ['湖州市生态环境局（重复）', taken],
    ]);
    const res = await importXlsx(data);
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details).toEqual([expect.objectContaining({ row: 3, value: taken })]);
    const list = await t.inject({ method: 'GET', url: '/api/v1/agencies?q=湖州市新单位' });
    expect(list.json().total).toBe(0);
  });

  it('rejects a file that is not an xlsx workbook', async () => {
    const res = await importXlsx(Buffer.from('名称,简称\n某局,某\n'));
    expect(res.statusCode).toBe(422);
    expect(res.json().error.details[0].path).toBe('file');
  });

  it('reads a long list of Chinese names intact (no characters lost at stream chunk boundaries)', async () => {
    const rows: (string | null)[][] = [['名称', '简称', '统一社会信用代码', '所属区域', '执法领域', '层级']];
    for (let i = 1; i <= 900; i++) {
      rows.push([`江州市第${i}区市场监督管理局综合行政执法大队`, `第${i}区市场监管`, code(`1139${String(100000000 + i).slice(-9)}MB0${String(i).padStart(3, '0')}`.slice(0, 17)), `第${i}区`, '市场监管', '区县级']);
    }
    const res = await importXlsx(await xlsx(rows));
    expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    const names: string[] = res.json().agencies.map((a: { name: string }) => a.name);
    expect(names).toHaveLength(900);
    expect(names.filter((n) => n.includes('\uFFFD'))).toEqual([]);
    expect(names[899]).toBe('江州市第900区市场监督管理局综合行政执法大队');
  });
});
