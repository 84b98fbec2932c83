import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { fc, test } from '@fast-check/vitest';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scheme, SchemeInput } from '../src/scoring/scheme.js';
import { loadSchemeFiles } from '../src/scoring/scheme-files.js';
import { schemeHash } from '../src/scoring/scheme-hash.js';
import { parseScheme } from '../src/scoring/validate.js';
import {
  PUBLISHED_COLUMNS,
  STRUCTURED_COLUMNS,
  parseCriteriaText,
  readSchemeWorkbook,
  writeSchemeWorkbook,
  type SchemeTableResult,
} from '../src/xlsx/scheme-table.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-scheme-table-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function valid(input: SchemeInput): Scheme {
  const parsed = parseScheme(input);
  if (!parsed.ok) throw new Error(`test scheme invalid:\n${parsed.issues.map((i) => `${i.path}: ${i.message}`).join('\n')}`);
  return parsed.scheme;
}

/** Every feature of the format, and strings a cell cannot hold as they are. */
const everything: SchemeInput = {
  $schema: './scheme.schema.json',
  id: 'test-everything',
  version: '1.2.3',
  title: '测试评查标准（全部特性）',
  source: {
    title: '某省行政执法案卷评查办法',
    issuer: '某省司法厅',
    documentNumber: '某司发〔2024〕12号',
    published: '2024-01-15',
    reference: 'https://example.org/pingcha?id=1&x=2',
    note: '',
  },
  effective: { from: '2024-03-01', to: '2026-12-31' },
  caseTypes: ['penalty_general', 'penalty_simple'],
  total: 100,
  normalize: { to: 100 },
  sections: [
    { id: 'legal', category: 'legality', title: '合法性', role: 'fixed', points: 30, note: '只受否决项影响' },
    {
      id: 'norm',
      category: 'normativity',
      title: '规范性',
      points: 30,
      scaling: { kind: 'weighted', weight: 50 },
      groups: [
        { id: 'g-hearing', number: '2', title: '听证', points: 6, applicability: { fact: 'flags.hearingHeld', equals: true } },
        {
          id: 'g-notice',
          number: '1',
          title: '行政处罚告知书',
          points: 10,
          applicability: { fact: 'documents', contains: 'penalty_notice' },
          note: '无告知书的案件不评此项',
        },
        { id: 'g-empty', number: '9', title: '空分组', points: 0 },
      ],
      items: [
        {
          id: 'n1',
          number: '1.1',
          title: '告知书载明违法事实、证据',
          points: 4,
          deduction: { kind: 'fixed', amount: 2 },
          group: 'g-notice',
          machineRules: ['notice.before_decision', 'decision.statutory_elements'],
          basis: '《中华人民共和国行政处罚法》第四十四条',
        },
        {
          id: 'n3',
          number: '3',
          title: '不属于分组的项（夹在分组之间）',
          points: 14,
          deduction: { kind: 'all' },
          criteria: '"引号包裹的标准"',
          applicability: { all: [{ fact: 'amounts.fine', gte: 10000 }, { not: { fact: 'party.kind', equals: 'person' } }] },
        },
        {
          id: 'n2',
          number: '1.2',
          title: '告知陈述申辩期限',
          points: 6,
          deduction: { kind: 'range', min: 0.5, max: 3, step: 0.5, cap: 5 },
          group: 'g-notice',
          criteria: '  期限不足五个工作日的，视情节扣0.5至3分\r\n（累计不超过5分）  ',
          basis: '',
        },
        {
          id: 'n4',
          number: '2.1',
          title: '听证通知\t七日前送达',
          points: 6,
          deduction: { kind: 'fixed', amount: 1.5, cap: 4.5 },
          group: 'g-hearing',
          criteria: '每处扣1.5分，最多扣4.5分',
        },
      ],
    },
    {
      id: 'proc',
      category: 'procedure',
      title: '程序',
      points: 20,
      items: [
        {
          id: 'p1',
          number: '01',
          title: '立案审批',
          points: 9.7,
          deduction: { kind: 'range', min: 1, max: 3, step: 1 },
          applicability: { any: [{ fact: 'caseType', in: ['penalty_general'] }, { fact: 'amounts.total', lte: 3000.5 }] },
        },
        {
          id: 'p2',
          number: '2',
          title: '多行\n评查内容',
          points: 0.3,
          deduction: { kind: 'fixed', amount: 0.1, cap: 0.2 },
          criteria: '第一行\n第二行',
          applicability: { fact: 'flags.legalReview', equals: false },
        },
        { id: 'p3', number: '3', title: '送达', points: 10, deduction: { kind: 'range', min: 0.25, max: 2.5, step: 0.25, cap: 7.5 } },
      ],
    },
    {
      id: 'basic',
      category: 'documents',
      title: '卷面基本要素',
      role: 'penalty',
      points: 10,
      items: [
        { id: 'b1', number: 'J1', title: '卷宗封面', points: 5, deduction: { kind: 'fixed', amount: 1, cap: 3 }, applicability: { fact: 'documents', contains: 'case_cover' } },
        { id: 'b2', number: 'J2', title: '目录', points: 5, deduction: { kind: 'range', min: 1, max: 2, step: 0.5 } },
      ],
    },
    {
      id: 'bonus',
      category: 'other',
      title: '加分项',
      role: 'bonus',
      points: 5,
      items: [
        { id: 'x1', number: '+1', title: '说理充分', points: 3, deduction: { kind: 'fixed', amount: 1 } },
        { id: 'x2', number: '+2', title: '典型案例', points: 2, deduction: { kind: 'all' } },
      ],
    },
  ],
  vetoes: [
    { id: 'v-subject', number: 'F1', category: 'subject', title: '执法主体不适格', effect: { kind: 'fail_file' }, machineRules: ['officers.two_with_certificates'], basis: '行政处罚法第十七条' },
    { id: 'v-zero', number: 'F2', category: 'procedure', title: '未告知听证权利', effect: { kind: 'zero_score' }, applicability: { fact: 'flags.majorDecision', equals: true } },
    { id: 'v-section', number: 'F3', category: 'legality', title: '适用法律错误', effect: { kind: 'zero_section', section: 'legal' } },
    { id: 'v-top', number: 'F4', category: 'other', title: '超期归档', effect: { kind: 'block_top_grade' }, machineRules: ['archive.within_30_days'] },
  ],
  grades: [
    { code: 'excellent', label: '优秀', min: 90 },
    { code: 'good', label: '良好', min: 75, max: 90 },
    { code: 'pass', label: '合格', min: 60, max: 75 },
    { code: 'fail', label: '不合格', min: 0, max: 60 },
  ],
  failGrade: 'fail',
  parameters: {
    decisionDays: { value: 90, unit: 'days', description: '自立案之日起作出处罚决定的期限', basis: '《中华人民共和国行政处罚法》第六十条' },
    statementDays: { value: 5, unit: 'working_days', description: '陈述申辩期限' },
    adjustment: { value: -1.5, unit: 'percent', description: '  前后有空格的说明 ' },
    smallFine: { value: 3000, unit: 'yuan', description: '小额罚款' },
    seizureMonths: { value: 1, unit: 'months', description: '月' },
    urgentHours: { value: 24, unit: 'hours', description: '补办批准手续' },
    officers: { value: 2, unit: 'count', description: '执法人员人数' },
  },
};

async function roundTrip(scheme: Scheme, file: string): Promise<SchemeTableResult> {
  await writeSchemeWorkbook(scheme, file);
  return readSchemeWorkbook(file);
}

function expectSame(result: SchemeTableResult, original: Scheme) {
  if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
  const parsed = valid(result.scheme);
  expect(parsed).toEqual(original);
  expect(schemeHash(parsed)).toBe(schemeHash(original));
}

async function loadWorkbook(file: string): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return wb;
}

async function saveWorkbook(wb: ExcelJS.Workbook, name: string): Promise<string> {
  const file = path.join(tmp, name);
  await wb.xlsx.writeFile(file);
  return file;
}

describe('scheme table round trip', () => {
  it('the hand-made scheme exercising every feature comes back unchanged, with the same hash', async () => {
    const scheme = valid(everything);
    const file = path.join(tmp, 'everything.xlsx');
    const result = await roundTrip(scheme, file);
    expectSame(result, scheme);
    // Defaults are left out of the imported form, as people write it.
    if (!result.ok) return;
    expect(result.scheme.sections[0]).toEqual({ id: 'legal', category: 'legality', title: '合法性', role: 'fixed', points: 30, note: '只受否决项影响' });
    expect(result.scheme.$schema).toBe('./scheme.schema.json');
  });

  it('reads from a stream as well as a path, and writes to a stream', async () => {
    const scheme = valid(everything);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await writeSchemeWorkbook(scheme, out);
    expectSame(await readSchemeWorkbook(Readable.from(Buffer.concat(chunks))), scheme);
  });

  it('every shipped scheme round-trips unchanged', async () => {
    const { schemes, failures } = loadSchemeFiles();
    expect(failures).toEqual([]);
    for (const { scheme, hash } of schemes) {
      const result = await roundTrip(scheme, path.join(tmp, `${scheme.id}.xlsx`));
      expectSame(result, scheme);
      if (result.ok) expect(schemeHash(valid(result.scheme))).toBe(hash);
    }
  });

  it('mee-2024-general-penalty round-trips unchanged once it is shipped', async () => {
    const mee = loadSchemeFiles().schemes.find((s) => s.scheme.id === 'mee-2024-general-penalty');
    if (!mee) return; // not written yet
    expectSame(await roundTrip(mee.scheme, path.join(tmp, 'mee.xlsx')), mee.scheme);
  });

  it('long Chinese text survives the streaming reader (exceljs splits UTF-8 at chunk boundaries)', async () => {
    const base = valid(everything);
    const long = '生态环境行政执法案卷评查细则规定的评查内容';
    const items = Array.from({ length: 300 }, (_, i) => ({
      id: `L${i}`,
      number: String(i + 1),
      title: `${long}第${i}项${long.repeat(3)}`,
      points: 1,
      deduction: { kind: 'all' as const },
      machineRules: [],
    }));
    const scheme = valid({
      ...base,
      sections: [...base.sections.filter((s) => s.id !== 'proc'), { id: 'long', category: 'procedure', title: '程序', role: 'scored', points: 300, scaling: { kind: 'weighted', weight: 20 }, groups: [], items }],
    });
    expectSame(await roundTrip(scheme, path.join(tmp, 'long.xlsx')), scheme);
  });
});

/** Any text, with the characters a cell cannot hold as they are made likely. */
const text = (min: number, max: number) =>
  fc
    .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 4 }), fc.constantFrom(' ', '\r\n', '\t', '"', '\u0000', '\u3000', '\ud800', '\uffff', '_x0041_', '每处扣2分，扣完为止', '""')), {
      maxLength: 6,
    })
    .map((parts) => parts.join(''))
    .filter((s) => s.length >= min && s.length <= max);

describe('round trip of arbitrary text', () => {
  test.prop([text(1, 200), text(0, 200), text(0, 200), text(0, 200), text(1, 20), text(1, 100), text(0, 100)], { numRuns: 25 })(
    'titles, criteria, notes, bases, labels and descriptions come back exactly',
    async (title, criteria, basis, note, label, description, sourceNote) => {
      const s = structuredClone(everything) as SchemeInput & { sections: { items?: { title: string; criteria?: string; basis?: string }[]; note?: string }[] };
      s.title = title;
      s.source = { ...s.source, note: sourceNote };
      s.sections[2]!.items![0]!.title = title;
      s.sections[2]!.items![0]!.criteria = criteria;
      s.sections[2]!.items![1]!.basis = basis;
      s.sections[3]!.note = note;
      s.vetoes![0]!.title = title;
      s.grades[0]!.label = label;
      s.parameters!.decisionDays!.description = description;
      const scheme = valid(s);
      expectSame(await roundTrip(scheme, path.join(tmp, 'prop.xlsx')), scheme);
    },
  );
});

describe('the written workbook', () => {
  it('has a merged title, the six published columns first, a frozen header and print setup', async () => {
    const scheme = valid(everything);
    const file = path.join(tmp, 'layout.xlsx');
    await writeSchemeWorkbook(scheme, file);
    const wb = await loadWorkbook(file);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['评查标准', '方案信息']);
    const ws = wb.getWorksheet('评查标准')!;
    expect(ws.getCell('A1').value).toBe(scheme.title);
    expect(ws.getCell('A1').isMerged).toBe(true);
    expect(ws.getCell('F1').isMerged).toBe(true);
    expect(String(ws.getCell('A2').value)).toContain('某司发〔2024〕12号');
    const header = (ws.getRow(3).values as unknown[]).slice(1);
    expect(header.slice(0, 6)).toEqual([...PUBLISHED_COLUMNS]);
    expect(header).toEqual([...PUBLISHED_COLUMNS, ...STRUCTURED_COLUMNS]);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.pageSetup).toMatchObject({ orientation: 'landscape', paperSize: 9, fitToPage: true, fitToWidth: 1, printTitlesRow: '3:3' });

    // A published-looking table: the 否决情形 texts and the generated 扣分标准.
    const rows = ws.getRows(4, ws.rowCount - 3)!.map((r) => (r.values as unknown[]).slice(1));
    const byId = (id: string) => rows.find((r) => r[6] === id)!;
    expect(byId('v-subject')[5]).toBe('一票否决：案卷评为不合格');
    expect(byId('v-zero')[5]).toBe('总分记0分');
    expect(byId('v-section')[5]).toBe('「合法性」类别记0分');
    expect(byId('v-top')[5]).toBe('不得评为优秀');
    expect(byId('n1')[4]).toBe('每处扣2分，扣完为止');
    expect(byId('p1')[4]).toBe('视情节扣1–3分（以1分为单位）');
    expect(byId('x2')[4]).toBe('符合即得本项全部分值');
    expect(byId('n1')[9]).toBe('fixed 2');
    expect(byId('n2')[9]).toBe('range 0.5-3 step 0.5 cap 5');
    // Groups come in their own order, each before its first item; n3 sits between them.
    const norm = rows.filter((r) => ['g-hearing', 'g-notice', 'g-empty', 'n1', 'n2', 'n3', 'n4'].includes(r[6] as string)).map((r) => r[6]);
    expect(norm).toEqual(['g-hearing', 'g-notice', 'n1', 'n3', 'n2', 'n4', 'g-empty']);

    const info = wb.getWorksheet('方案信息')!;
    const infoRows = info.getRows(1, info.rowCount)!.map((r) => (r.values as unknown[]).slice(1));
    expect(infoRows).toContainEqual(['方案编号', 'test-everything', 'id', '字母、数字、点、下划线、连字符']);
    expect(infoRows).toContainEqual(['good', '良好', 75, 90]);
    expect(infoRows).toContainEqual(['decisionDays', 90, '天', '自立案之日起作出处罚决定的期限', '《中华人民共和国行政处罚法》第六十条']);
  });

  it('changing a published 扣分标准 in the table makes it the item criteria', async () => {
    const scheme = valid(everything);
    const file = path.join(tmp, 'edit.xlsx');
    await writeSchemeWorkbook(scheme, file);
    const wb = await loadWorkbook(file);
    const ws = wb.getWorksheet('评查标准')!;
    ws.eachRow((row) => {
      if (row.getCell(7).value === 'n1') row.getCell(5).value = '每处错漏扣2分，扣完为止';
    });
    const result = await readSchemeWorkbook(await saveWorkbook(wb, 'edited.xlsx'));
    expect(result.ok).toBe(true);
    if (result.ok) expect(valid(result.scheme).sections[1]!.items.find((i) => i.id === 'n1')!.criteria).toBe('每处错漏扣2分，扣完为止');
  });
});

// ---- a table typed by people, with only the six published columns ----------------------

type Row = (string | number | Date | null)[];

async function peopleWorkbook(rows: Row[], info: Row[] | null, name: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(['某市行政处罚案卷评查标准']);
  ws.addRow([...PUBLISHED_COLUMNS]);
  for (const row of rows) ws.addRow(row);
  if (info) {
    const ws2 = wb.addWorksheet('方案信息');
    for (const row of info) ws2.addRow(row);
  }
  return saveWorkbook(wb, name);
}

const peopleRows: Row[] = [
  ['执法主体（10分）', null, null, null, null, null],
  [null, '1', '执法人员具有执法资格', 6, '每处扣2分，扣完为止', null],
  [null, '2', '执法主体适格', 4, '不适格的，本项不得分', null],
  ['执法程序', '3', '立案及时', 5, '视情节扣1-3分', null],
  [null, '4', '告知陈述申辩权利', 5, '每处扣1分，最多扣3分', null],
  ['法律适用', 5, '适用法律正确', '10', '酌情扣2至4分', null],
  [null, '6', '引用条文具体到条款项', 10, '扣5分', null],
  [null, '7', '文书缺失', 0, '缺失扣除本项全部分值', null],
  ['主体', 'F1', '执法主体不合法', null, null, '一票否决：案卷评为不合格'],
  ['程序', 'F2', '未告知听证权利', null, null, '「执法程序」类别记0分'],
  ['其他', 'F3', '超期归档', null, null, '不得评为优秀'],
  ['程序', 'F4', '严重违反法定程序', null, null, '总分记0分'],
];

const peopleInfo: Row[] = [
  ['方案编号', 'city-penalty'],
  ['版本', '1.0.0'],
  ['来源文件', '某市行政执法案卷评查办法'],
  ['生效日期', new Date(Date.UTC(2024, 0, 1))],
  ['适用案件类型', '行政处罚-普通程序'],
  [],
  ['评定等次'],
  ['等次', '最低分', '最高分'],
  ['优秀', 36, null],
  ['合格', 24, 36],
  ['不合格', 0, 24],
];

const peopleExpected: SchemeInput = {
  id: 'city-penalty',
  version: '1.0.0',
  title: '某市行政处罚案卷评查标准',
  source: { title: '某市行政执法案卷评查办法' },
  effective: { from: '2024-01-01' },
  caseTypes: ['penalty_general'],
  total: 40,
  sections: [
    {
      id: 's1',
      category: 'subject',
      title: '执法主体',
      points: 10,
      items: [
        { id: 's1-1', number: '1', title: '执法人员具有执法资格', points: 6, deduction: { kind: 'fixed', amount: 2 }, criteria: '每处扣2分，扣完为止' },
        { id: 's1-2', number: '2', title: '执法主体适格', points: 4, deduction: { kind: 'all' }, criteria: '不适格的，本项不得分' },
      ],
    },
    {
      id: 's2',
      category: 'procedure',
      title: '执法程序',
      points: 10,
      items: [
        { id: 's2-1', number: '3', title: '立案及时', points: 5, deduction: { kind: 'range', min: 1, max: 3, step: 0.5 }, criteria: '视情节扣1-3分' },
        { id: 's2-2', number: '4', title: '告知陈述申辩权利', points: 5, deduction: { kind: 'fixed', amount: 1, cap: 3 }, criteria: '每处扣1分，最多扣3分' },
      ],
    },
    {
      id: 's3',
      category: 'law',
      title: '法律适用',
      points: 20,
      items: [
        { id: 's3-1', number: '5', title: '适用法律正确', points: 10, deduction: { kind: 'range', min: 2, max: 4, step: 0.5 }, criteria: '酌情扣2至4分' },
        { id: 's3-2', number: '6', title: '引用条文具体到条款项', points: 10, deduction: { kind: 'fixed', amount: 5 }, criteria: '扣5分' },
        { id: 's3-3', number: '7', title: '文书缺失', points: 0, deduction: { kind: 'all' }, criteria: '缺失扣除本项全部分值' },
      ],
    },
  ],
  vetoes: [
    { id: 'v1', number: 'F1', category: 'subject', title: '执法主体不合法', effect: { kind: 'fail_file' } },
    { id: 'v2', number: 'F2', category: 'procedure', title: '未告知听证权利', effect: { kind: 'zero_section', section: 's2' } },
    { id: 'v3', number: 'F3', category: 'other', title: '超期归档', effect: { kind: 'block_top_grade' } },
    { id: 'v4', number: 'F4', category: 'procedure', title: '严重违反法定程序', effect: { kind: 'zero_score' } },
  ],
  grades: [
    { code: 'excellent', label: '优秀', min: 36 },
    { code: 'pass', label: '合格', min: 24, max: 36 },
    { code: 'fail', label: '不合格', min: 0, max: 24 },
  ],
};

describe('a table typed by people (six published columns only)', () => {
  it('yields the expected scheme: 类别 from changes in the column, rules from the 扣分标准 text, vetoes from 否决情形', async () => {
    const result = await readSchemeWorkbook(await peopleWorkbook(peopleRows, peopleInfo, 'people.xlsx'));
    if (!result.ok) throw new Error(JSON.stringify(result.errors, null, 2));
    expect(result.scheme).toEqual(peopleExpected);
    expect(valid(result.scheme)).toEqual(valid(peopleExpected));
  });

  it('a non-numeric 分值 is a row-level error with its row number and column', async () => {
    const rows = peopleRows.map((r) => [...r]);
    rows[4]![3] = '五分';
    const result = await readSchemeWorkbook(await peopleWorkbook(rows, peopleInfo, 'bad-points.xlsx'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    // title row 1, header row 2, data from row 3: rows[4] is row 7.
    expect(result.errors).toContainEqual({ sheet: 'Sheet1', row: 7, column: '分值', value: '五分', message: '分值不是数字' });
  });

  it('an unparseable 扣分标准 is a row-level error', async () => {
    const rows = peopleRows.map((r) => [...r]);
    rows[1]![4] = '由评查组集体研究确定';
    const result = await readSchemeWorkbook(await peopleWorkbook(rows, peopleInfo, 'bad-criteria.xlsx'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ sheet: 'Sheet1', row: 4, column: '扣分标准', value: '由评查组集体研究确定' })]);
  });

  it('without a 方案信息 sheet the errors say what is missing', async () => {
    const result = await readSchemeWorkbook(await peopleWorkbook(peopleRows, null, 'no-info.xlsx'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ sheet: '方案信息' });
    for (const what of ['方案编号', '版本', '来源文件', '生效日期', '适用案件类型', '评定等次']) expect(result.errors[0]!.message).toContain(what);
  });

  it('understands the common ways of writing a deduction', () => {
    expect(parseCriteriaText('每项扣0.5分')).toEqual({ kind: 'fixed', amount: 0.5 });
    expect(parseCriteriaText('扣1–2分')).toEqual({ kind: 'range', min: 1, max: 2, step: 0.5 });
    expect(parseCriteriaText('视情节扣0.5–2分（以0.5分为单位），最多扣3分')).toEqual({ kind: 'range', min: 0.5, max: 2, step: 0.5, cap: 3 });
    expect(parseCriteriaText('酌情扣0.2至0.6分')).toEqual({ kind: 'range', min: 0.2, max: 0.6, step: 0.1 });
    expect(parseCriteriaText('每处扣２分，扣完为止')).toEqual({ kind: 'fixed', amount: 2 });
    expect(parseCriteriaText('未制作的，该项不得分')).toEqual({ kind: 'all' });
    expect(parseCriteriaText('每发现一处错误扣1分，最多扣4分')).toEqual({ kind: 'fixed', amount: 1, cap: 4 });
    expect(parseCriteriaText('酌情处理')).toBeNull();
  });
});

describe('errors in an exported table', () => {
  async function exported(name: string) {
    const file = path.join(tmp, `${name}.xlsx`);
    await writeSchemeWorkbook(valid(everything), file);
    return loadWorkbook(file);
  }
  const rowOf = (ws: ExcelJS.Worksheet, id: string) => {
    let found = 0;
    ws.eachRow((row, n) => {
      if (row.getCell(7).value === id) found = n;
    });
    return found;
  };

  it('a missing 方案信息 sheet is reported', async () => {
    const wb = await exported('no-info');
    wb.removeWorksheet(wb.getWorksheet('方案信息')!.id);
    const result = await readSchemeWorkbook(await saveWorkbook(wb, 'no-info-2.xlsx'));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.errors).toEqual([expect.objectContaining({ sheet: '方案信息', message: expect.stringContaining('缺少') })]);
  });

  it('structural problems are row-level: unknown 行类型, bad 扣分规则, invalid JSON, non-numeric 分值', async () => {
    const wb = await exported('structural');
    const ws = wb.getWorksheet('评查标准')!;
    const n1 = rowOf(ws, 'n1');
    const n2 = rowOf(ws, 'n2');
    const p1 = rowOf(ws, 'p1');
    const b1 = rowOf(ws, 'b1');
    ws.getRow(n1).getCell(8).value = '小项';
    ws.getRow(n2).getCell(10).value = 'range 3';
    ws.getRow(p1).getCell(11).value = '{"fact": "caseType", ';
    ws.getRow(b1).getCell(4).value = 'abc';
    const result = await readSchemeWorkbook(await saveWorkbook(wb, 'structural-2.xlsx'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    const at = (row: number) => result.errors.filter((e) => e.row === row).map((e) => [e.column, e.value]);
    expect(at(n1)).toEqual([['行类型', '小项']]);
    expect(at(n2)).toEqual([['扣分规则', 'range 3']]);
    expect(at(p1)).toEqual([['适用条件', '{"fact": "caseType",']]);
    expect(at(b1)).toEqual([['分值', 'abc']]);
    expect(result.errors.every((e) => e.sheet === '评查标准')).toBe(true);
  });

  it('parseScheme issues come back with their JSON paths, placed at their rows', async () => {
    const wb = await exported('sums');
    const ws = wb.getWorksheet('评查标准')!;
    const p3 = rowOf(ws, 'p3');
    const proc = rowOf(ws, 'proc');
    ws.getRow(p3).getCell(4).value = 11; // 程序 no longer adds up to 20
    ws.getRow(rowOf(ws, 'n1')).getCell(12).value = 'notice.before_decision, no.such_rule';
    const info = wb.getWorksheet('方案信息')!;
    info.eachRow((row) => {
      if (row.getCell(1).value === 'good') row.getCell(4).value = 91; // overlaps 优秀
    });
    const result = await readSchemeWorkbook(await saveWorkbook(wb, 'sums-2.xlsx'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toContainEqual(expect.objectContaining({ path: 'sections[2].points', sheet: '评查标准', row: proc, column: '分值', value: 20 }));
    expect(result.errors).toContainEqual(expect.objectContaining({ path: 'sections[1].items[0].machineRules[1]', sheet: '评查标准', column: '机检规则', value: 'no.such_rule' }));
    expect(result.errors).toContainEqual(expect.objectContaining({ path: 'grades[1].max', sheet: '方案信息', column: '最高分（不含）', value: 91 }));
  });
});
