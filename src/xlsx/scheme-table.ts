/**
 * A scoring scheme (评查标准) as the table people publish, and back.
 *
 * Sheet 1 "评查标准" is the published table — 类别, 序号, 评查内容, 分值, 扣分标准, 否决情形 —
 * followed by structured columns that make it lossless for our import: 编号, 行类型, 所属分组,
 * 扣分规则, 适用条件, 机检规则, 依据, 备注. Sheet 2 "方案信息" holds the metadata as key/value
 * rows, then the grade bands and the parameters as small tables.
 *
 * Reading uses exceljs's streaming reader (see workbook-reader.ts for its UTF-8 fix) and
 * cellText, so formulas and rich text read as their text.
 *
 * Round trip: for every valid scheme S, readSchemeWorkbook(writeSchemeWorkbook(S)) parses to
 * a scheme equal to S (same content hash). Strings that a cell cannot hold as they are (empty,
 * leading/trailing whitespace, CR and control characters, or text wrapped in ASCII double
 * quotes) are written as JSON string literals and decoded on import.
 *
 * A table typed by people with only the six published columns is read too: 类别 rows come
 * from changes in the 类别 column, items from rows with 分值, deduction rules from the 扣分标准
 * text, vetoes from rows with a 否决情形. Its metadata comes from the 方案信息 sheet.
 */
import type { Readable, Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import ExcelJS from 'exceljs';
import { CASE_TYPE_CODES, CASE_TYPES } from '../domain/case-file.js';
import {
  SECTION_CATEGORIES,
  deductionRuleSchema,
  schemeSchema,
  type DeductionRule,
  type GradeBand,
  type Scheme,
  type SchemeInput,
  type SchemeSection,
  type SectionCategory,
  type VetoEffect,
} from '../scoring/scheme.js';
import { parseScheme } from '../scoring/validate.js';
import { cellText } from './cell-value.js';
import { createWorkbookReader } from './workbook-reader.js';

export const SCHEME_SHEET = '评查标准';
export const INFO_SHEET = '方案信息';

/** The columns of the published table, in order. */
export const PUBLISHED_COLUMNS = ['类别', '序号', '评查内容', '分值', '扣分标准', '否决情形'] as const;
/** The columns after them that make the table lossless. */
export const STRUCTURED_COLUMNS = ['编号', '行类型', '所属分组', '扣分规则', '适用条件', '机检规则', '依据', '备注'] as const;

type Column = (typeof PUBLISHED_COLUMNS)[number] | (typeof STRUCTURED_COLUMNS)[number];
const COLUMNS: readonly Column[] = [...PUBLISHED_COLUMNS, ...STRUCTURED_COLUMNS];
const WIDTHS: Record<Column, number> = {
  类别: 14,
  序号: 8,
  评查内容: 46,
  分值: 8,
  扣分标准: 40,
  否决情形: 26,
  编号: 22,
  行类型: 9,
  所属分组: 16,
  扣分规则: 26,
  适用条件: 36,
  机检规则: 34,
  依据: 34,
  备注: 28,
};
/** Header texts people use for the published columns. */
const HEADER_ALIASES: Partial<Record<Column, readonly string[]>> = {
  类别: ['类别', '评查类别', '类目', '评查项目类别'],
  序号: ['序号', '序'],
  评查内容: ['评查内容', '评查项目', '评查要点', '考评内容', '评查事项'],
  分值: ['分值', '标准分', '分数', '标准分值'],
  扣分标准: ['扣分标准', '评分标准', '扣分细则', '评分细则'],
  否决情形: ['否决情形', '否决项', '一票否决情形', '否决'],
};

export const ROW_TYPES = { section: '类别', group: '分组', item: '评查项', veto: '否决项' } as const;

export interface SchemeTableError {
  sheet: string;
  row?: number;
  column?: string;
  value?: unknown;
  message: string;
  /** The JSON path in the scheme, for problems found by parseScheme. */
  path?: string;
}

export type SchemeTableResult = { ok: true; scheme: SchemeInput } | { ok: false; errors: SchemeTableError[] };

// ---------------------------------------------------------------------------------------
// Text helpers shared by writer and reader
// ---------------------------------------------------------------------------------------

// Empty, outer whitespace, CR, tab and control characters (xlsx drops or normalises them),
// unpaired surrogates; and text that already looks like a JSON string literal.
// eslint-disable-next-line no-control-regex
const NEEDS_QUOTING = /^\s|\s$|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\ufffe\uffff\r]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const hex4 = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** A string as it is written to a cell: itself, or a JSON string literal when a cell could not hold it exactly. */
export function encodeCellText(value: string): string {
  if (value === '' || NEEDS_QUOTING.test(value) || (value.length >= 2 && value.startsWith('"') && value.endsWith('"'))) {
    // JSON.stringify escapes control characters and lone surrogates, not these.
    return JSON.stringify(value).replace(/[\u007f-\u009f\ufffe\uffff]/g, hex4);
  }
  return value;
}

// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
/** Text only shown to people (title rows, 否决情形): characters xlsx cannot hold are dropped. */
const display = (value: string) => value.replace(XML_INVALID, '');

function decodeCellText(text: string): string {
  if (text.length >= 2 && text.startsWith('"') && text.endsWith('"')) {
    try {
      const decoded: unknown = JSON.parse(text);
      if (typeof decoded === 'string') return decoded;
    } catch {
      // not a literal: keep the text as it is
    }
  }
  return text;
}

const num = (n: number) => String(n);

const CATEGORY_BY_LABEL = new Map<string, SectionCategory>(Object.entries(SECTION_CATEGORIES).map(([code, label]) => [label, code as SectionCategory]));
const isCategory = (v: string): v is SectionCategory => Object.hasOwn(SECTION_CATEGORIES, v);

/** The 扣分标准 text generated from a rule when an item has no `criteria` of its own. */
export function deductionRuleText(rule: DeductionRule, role: SchemeSection['role'] = 'scored'): string {
  const verb = role === 'bonus' ? '加' : '扣';
  switch (rule.kind) {
    case 'all':
      return role === 'bonus' ? '符合即得本项全部分值' : '缺失扣除本项全部分值';
    case 'fixed':
      return `每处${verb}${num(rule.amount)}分，${rule.cap === undefined ? (role === 'bonus' ? '加满为止' : '扣完为止') : `最多${verb}${num(rule.cap)}分`}`;
    case 'range':
      return (
        `视情节${verb}${num(rule.min)}–${num(rule.max)}分` +
        (rule.step !== 0.5 ? `（以${num(rule.step)}分为单位）` : '') +
        (rule.cap !== undefined ? `，最多${verb}${num(rule.cap)}分` : '')
      );
  }
}

/** The compact machine form of a rule: `fixed 2 cap 4`, `range 0.5-2 step 0.5`, `all`. */
export function formatDeductionRule(rule: DeductionRule): string {
  switch (rule.kind) {
    case 'all':
      return 'all';
    case 'fixed':
      return `fixed ${num(rule.amount)}${rule.cap !== undefined ? ` cap ${num(rule.cap)}` : ''}`;
    case 'range':
      return `range ${num(rule.min)}-${num(rule.max)} step ${num(rule.step)}${rule.cap !== undefined ? ` cap ${num(rule.cap)}` : ''}`;
  }
}

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;
const parseNum = (token: string | undefined): number | undefined => (token !== undefined && NUMBER.test(token) ? Number(token) : undefined);

/** Parses the compact form; `verbatim` marks an item whose 扣分标准 is its criteria even though it equals the generated text. */
export function parseDeductionRule(text: string): { rule: Record<string, unknown>; verbatim: boolean } | { error: string } {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const verbatim = tokens.includes('verbatim');
  const [kind, ...rest] = tokens.filter((t) => t !== 'verbatim');
  const options = (allowed: readonly string[]): Record<string, number> | string => {
    const out: Record<string, number> = {};
    for (let i = 0; i < rest.length; i += 2) {
      const key = rest[i]!;
      const value = parseNum(rest[i + 1]);
      if (!allowed.includes(key)) return `无法识别「${key}」`;
      if (value === undefined) return `「${key}」后应为数字`;
      if (key in out) return `「${key}」重复`;
      out[key] = value;
    }
    return out;
  };
  if (kind === 'all') return rest.length === 0 ? { rule: { kind: 'all' }, verbatim } : { error: 'all 后不应有其他内容' };
  if (kind === 'fixed') {
    const amount = parseNum(rest.shift());
    if (amount === undefined) return { error: 'fixed 后应为每处扣分，如 fixed 2' };
    const opts = options(['cap']);
    if (typeof opts === 'string') return { error: opts };
    return { rule: { kind: 'fixed', amount, ...(opts.cap !== undefined ? { cap: opts.cap } : {}) }, verbatim };
  }
  if (kind === 'range') {
    const m = /^(\d*\.?\d+(?:e[+-]?\d+)?)-(\d*\.?\d+(?:e[+-]?\d+)?)$/i.exec(rest.shift() ?? '');
    if (!m) return { error: 'range 后应为扣分范围，如 range 0.5-2 step 0.5' };
    const opts = options(['step', 'cap']);
    if (typeof opts === 'string') return { error: opts };
    return {
      rule: { kind: 'range', min: Number(m[1]), max: Number(m[2]), ...(opts.step !== undefined ? { step: opts.step } : {}), ...(opts.cap !== undefined ? { cap: opts.cap } : {}) },
      verbatim,
    };
  }
  return { error: '扣分规则应为 all、fixed <每处扣分> [cap <上限>] 或 range <下限>-<上限> [step <步长>] [cap <上限>]' };
}

export function formatVetoEffect(effect: VetoEffect): string {
  return effect.kind === 'zero_section' ? `zero_section ${effect.section}` : effect.kind;
}

function parseVetoEffect(text: string): Record<string, unknown> | null {
  const [kind, arg, ...rest] = text.trim().split(/\s+/);
  if (rest.length > 0) return null;
  if (kind === 'zero_section') return arg ? { kind, section: arg } : null;
  if (kind === 'fail_file' || kind === 'zero_score' || kind === 'block_top_grade') return arg === undefined ? { kind } : null;
  return null;
}

const sortedBands = (grades: readonly GradeBand[]) => [...grades].sort((a, b) => a.min - b.min);

/** The human text of a veto's effect, as the 否决情形 column shows it. */
export function vetoEffectLabel(effect: VetoEffect, scheme: Scheme): string {
  const bands = sortedBands(scheme.grades);
  switch (effect.kind) {
    case 'fail_file': {
      const band = scheme.grades.find((g) => g.code === scheme.failGrade) ?? bands[0];
      return `一票否决：案卷评为${display(band?.label ?? '不合格')}`;
    }
    case 'zero_score':
      return '总分记0分';
    case 'zero_section':
      return `「${display(scheme.sections.find((s) => s.id === effect.section)?.title ?? effect.section)}」类别记0分`;
    case 'block_top_grade':
      return `不得评为${display(bands[bands.length - 1]?.label ?? '最高等次')}`;
  }
}

function formatSectionSpec(section: SchemeSection): string {
  return `${section.category} ${section.role} ${section.scaling.kind === 'weighted' ? `weighted ${num(section.scaling.weight)}` : 'sum'}`;
}

const UNITS = {
  days: '天',
  working_days: '工作日',
  months: '个月',
  hours: '小时',
  yuan: '元',
  count: '个',
  percent: '%',
} as const;
type Unit = keyof typeof UNITS;
const UNIT_ALIASES: Record<string, Unit> = {
  日: 'days',
  天: 'days',
  自然日: 'days',
  工作日: 'working_days',
  个工作日: 'working_days',
  月: 'months',
  个月: 'months',
  小时: 'hours',
  时: 'hours',
  元: 'yuan',
  个: 'count',
  次: 'count',
  件: 'count',
  项: 'count',
  人: 'count',
  '%': 'percent',
  '％': 'percent',
  百分比: 'percent',
};

interface InfoField {
  key: string;
  label: string;
  kind: 'text' | 'date' | 'number' | 'caseTypes';
  required?: boolean;
  note?: string;
}
const INFO_FIELDS: readonly InfoField[] = [
  { key: 'id', label: '方案编号', kind: 'text', required: true, note: '字母、数字、点、下划线、连字符' },
  { key: 'version', label: '版本', kind: 'text', required: true, note: '形如 1.0.0；已用于评分的方案不得在同一版本下修改' },
  { key: 'title', label: '方案名称', kind: 'text', required: true },
  { key: 'source.title', label: '来源文件', kind: 'text', required: true },
  { key: 'source.issuer', label: '发布机关', kind: 'text' },
  { key: 'source.documentNumber', label: '文号', kind: 'text' },
  { key: 'source.published', label: '发布日期', kind: 'date' },
  { key: 'source.reference', label: '出处', kind: 'text' },
  { key: 'source.note', label: '来源说明', kind: 'text' },
  { key: 'effective.from', label: '生效日期', kind: 'date', required: true, note: 'YYYY-MM-DD' },
  { key: 'effective.to', label: '失效日期', kind: 'date', note: 'YYYY-MM-DD，空白表示现行有效' },
  { key: 'caseTypes', label: '适用案件类型', kind: 'caseTypes', required: true },
  { key: 'total', label: '总分', kind: 'number', note: '计分类别与固定分值类别之和' },
  { key: 'normalize.to', label: '折算满分', kind: 'number', note: '填写时，计分类别按适用项目折算为此分值' },
  { key: 'failGrade', label: '不合格等次', kind: 'text', note: '一票否决时案卷所评等次的代码；空白为最低等次' },
  { key: '$schema', label: 'JSON Schema', kind: 'text' },
];
const GRADE_HEADERS = ['等次代码', '等次名称', '最低分（含）', '最高分（不含）'] as const;
const PARAMETER_HEADERS = ['参数名', '数值', '单位', '说明', '依据'] as const;

// ---------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------

type Cell = string | number | null;
type TableRow = { type: (typeof ROW_TYPES)[keyof typeof ROW_TYPES]; cells: Partial<Record<Column, Cell>> };

const THIN = { style: 'thin' as const, color: { argb: 'FF808080' } };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const fill = (argb: string) => ({ type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb } });

function schemeRows(scheme: Scheme): { rows: TableRow[]; sectionSpans: [number, number][] } {
  const rows: TableRow[] = [];
  const sectionSpans: [number, number][] = [];
  const enc = (v: string | undefined) => (v === undefined ? null : encodeCellText(v));
  const cond = (c: unknown) => (c === undefined ? null : JSON.stringify(c));
  const rules = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : null);

  for (const section of scheme.sections) {
    const first = rows.length;
    rows.push({
      type: '类别',
      cells: { 类别: enc(section.title), 分值: section.points, 编号: section.id, 扣分规则: formatSectionSpec(section), 备注: enc(section.note) },
    });
    // Groups are written in their own order, each before its first item; items keep theirs.
    const pending = [...section.groups];
    const emitGroupsUpTo = (groupId: string | undefined) => {
      const index = pending.findIndex((g) => g.id === groupId);
      if (index < 0) return;
      for (const group of pending.splice(0, index + 1)) {
        rows.push({
          type: '分组',
          cells: {
            序号: enc(group.number),
            评查内容: enc(group.title),
            分值: group.points,
            编号: group.id,
            适用条件: cond(group.applicability),
            备注: enc(group.note),
          },
        });
      }
    };
    for (const item of section.items) {
      emitGroupsUpTo(item.group);
      const generated = deductionRuleText(item.deduction, section.role);
      const verbatim = item.criteria !== undefined && item.criteria === generated;
      rows.push({
        type: '评查项',
        cells: {
          序号: enc(item.number),
          评查内容: enc(item.title),
          分值: item.points,
          扣分标准: enc(item.criteria ?? generated),
          编号: item.id,
          所属分组: item.group ?? null,
          扣分规则: formatDeductionRule(item.deduction) + (verbatim ? ' verbatim' : ''),
          适用条件: cond(item.applicability),
          机检规则: rules(item.machineRules),
          依据: enc(item.basis),
        },
      });
    }
    emitGroupsUpTo(pending[pending.length - 1]?.id);
    sectionSpans.push([first, rows.length - 1]);
  }
  for (const veto of scheme.vetoes) {
    rows.push({
      type: '否决项',
      cells: {
        类别: SECTION_CATEGORIES[veto.category],
        序号: enc(veto.number),
        评查内容: enc(veto.title),
        否决情形: vetoEffectLabel(veto.effect, scheme),
        编号: veto.id,
        扣分规则: formatVetoEffect(veto.effect),
        适用条件: cond(veto.applicability),
        机检规则: rules(veto.machineRules),
        依据: enc(veto.basis),
      },
    });
  }
  return { rows, sectionSpans };
}

/** Builds the two-sheet workbook for a scheme (in memory: schemes are small). */
export function buildSchemeWorkbook(input: Scheme): ExcelJS.Workbook {
  // Accept a scheme as written in a file too: apply the defaults first.
  const parsed = schemeSchema.safeParse(input);
  const scheme = parsed.success ? parsed.data : input;
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pingcha';
  workbook.title = display(scheme.title);
  writeTableSheet(workbook, scheme);
  writeInfoSheet(workbook, scheme);
  return workbook;
}

function writeTableSheet(workbook: ExcelJS.Workbook, scheme: Scheme): void {
  const ws = workbook.addWorksheet(SCHEME_SHEET, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 3, topLeftCell: 'A4', activeCell: 'A4' }],
    properties: { defaultRowHeight: 18 },
  });
  const lastPublished = PUBLISHED_COLUMNS.length;
  COLUMNS.forEach((name, i) => {
    ws.getColumn(i + 1).width = WIDTHS[name];
  });

  const title = ws.addRow([display(scheme.title)]);
  ws.mergeCells(1, 1, 1, lastPublished);
  title.height = 30;
  title.getCell(1).font = { bold: true, size: 16 };
  title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };

  const parts = [`来源：${scheme.source.title}`];
  if (scheme.source.documentNumber) parts.push(`文号：${scheme.source.documentNumber}`);
  parts.push(`版本：${scheme.version}`);
  parts.push(`生效日期：${scheme.effective.from}${scheme.effective.to ? ` 至 ${scheme.effective.to}` : ''}`);
  const subtitle = ws.addRow([display(parts.join('　　'))]);
  ws.mergeCells(2, 1, 2, lastPublished);
  subtitle.getCell(1).alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  subtitle.getCell(1).font = { size: 10, color: { argb: 'FF404040' } };
  subtitle.height = 22;

  const header = ws.addRow([...COLUMNS]);
  header.height = 22;
  header.eachCell((cell, col) => {
    cell.font = { bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.border = BORDER;
    cell.fill = fill(col <= lastPublished ? 'FFD9D9D9' : 'FFDDEBF7');
  });
  header.getCell(lastPublished + 1).note = '从“编号”起为导入用的结构化列：请勿删除；打印时只打印左侧六列。';

  const { rows, sectionSpans } = schemeRows(scheme);
  const firstDataRow = 4;
  for (const row of rows) {
    const cells = { ...row.cells, 行类型: row.type };
    const added = ws.addRow(COLUMNS.map((c) => cells[c] ?? null));
    for (let col = 1; col <= COLUMNS.length; col++) {
      const cell = added.getCell(col);
      const name = COLUMNS[col - 1]!;
      cell.border = BORDER;
      const centered = name === '类别' || name === '序号' || name === '分值' || name === '行类型';
      cell.alignment = { vertical: 'middle', horizontal: centered ? 'center' : 'left', wrapText: true };
      if (col > lastPublished) cell.font = { size: 9, color: { argb: 'FF595959' } };
    }
    if (row.type === '类别') {
      added.font = { bold: true };
      for (let col = 1; col <= lastPublished; col++) added.getCell(col).fill = fill('FFF2F2F2');
    } else if (row.type === '分组') {
      for (let col = 2; col <= 4; col++) added.getCell(col).font = { bold: true };
    } else if (row.type === '否决项') {
      for (let col = 1; col <= lastPublished; col++) added.getCell(col).fill = fill('FFFCE4D6');
    }
  }
  // 类别 spans its section's rows, as in published tables; the import carries it forward.
  for (const [from, to] of sectionSpans) {
    if (to > from) ws.mergeCells(firstDataRow + from, 1, firstDataRow + to, 1);
  }

  const lastRow = firstDataRow + rows.length - 1;
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    printTitlesRow: '3:3',
    // exceljs prefixes each corner with `$`; the row anchors make the reference absolute.
    printArea: `A$1:F$${Math.max(lastRow, 3)}`,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.3, footer: 0.3 },
  };
  ws.headerFooter = { oddFooter: '第 &P 页，共 &N 页' };
}

function writeInfoSheet(workbook: ExcelJS.Workbook, scheme: Scheme): void {
  const ws = workbook.addWorksheet(INFO_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  [16, 44, 18, 40, 30].forEach((width, i) => {
    ws.getColumn(i + 1).width = width;
  });
  const blockTitle = (text: string) => {
    const row = ws.addRow([text]);
    row.getCell(1).font = { bold: true, size: 12 };
    return row;
  };
  const headerRow = (cells: readonly string[]) => {
    const row = ws.addRow([...cells]);
    row.eachCell((cell) => {
      cell.font = { bold: true };
      cell.fill = fill('FFD9D9D9');
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
  };
  const dataRow = (cells: Cell[]) => {
    const row = ws.addRow(cells);
    for (let col = 1; col <= cells.length; col++) {
      row.getCell(col).border = BORDER;
      row.getCell(col).alignment = { vertical: 'middle', wrapText: true };
    }
  };

  const title = blockTitle(INFO_SHEET);
  title.getCell(1).font = { bold: true, size: 14 };
  headerRow(['项目', '内容', '字段', '说明']);
  const source = scheme.source as Record<string, string | undefined>;
  const values: Record<string, Cell> = {
    id: scheme.id,
    version: scheme.version,
    title: encodeCellText(scheme.title),
    'source.title': encodeCellText(scheme.source.title),
    'effective.from': scheme.effective.from,
    'effective.to': scheme.effective.to ?? null,
    caseTypes: scheme.caseTypes.join(', '),
    total: scheme.total,
    'normalize.to': scheme.normalize?.to ?? null,
    failGrade: scheme.failGrade ?? null,
    $schema: scheme.$schema === undefined ? null : encodeCellText(scheme.$schema),
  };
  for (const key of ['issuer', 'documentNumber', 'published', 'reference', 'note']) {
    const v = source[key];
    values[`source.${key}`] = v === undefined ? null : encodeCellText(v);
  }
  for (const field of INFO_FIELDS) {
    if (field.key === '$schema' && scheme.$schema === undefined) continue;
    let note = field.note ?? null;
    if (field.key === 'caseTypes') note = scheme.caseTypes.map((c) => CASE_TYPES[c]).join('、');
    if (field.key === 'failGrade' && scheme.failGrade) note = `${display(scheme.grades.find((g) => g.code === scheme.failGrade)?.label ?? '')}（${field.note}）`;
    dataRow([field.label, values[field.key] ?? null, field.key, note]);
  }

  ws.addRow([]);
  blockTitle('评定等次');
  headerRow(GRADE_HEADERS);
  for (const band of scheme.grades) dataRow([band.code, encodeCellText(band.label), band.min, band.max ?? null]);

  ws.addRow([]);
  blockTitle('参数');
  headerRow(PARAMETER_HEADERS);
  for (const [name, p] of Object.entries(scheme.parameters)) {
    dataRow([name, p.value, UNITS[p.unit], encodeCellText(p.description), p.basis === undefined ? null : encodeCellText(p.basis)]);
  }
  ws.mergeCells(1, 1, 1, 4);
  ws.pageSetup = { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
}

/** Writes the workbook to a file path, or to a stream (which is ended). */
export async function writeSchemeWorkbook(scheme: Scheme, target: string | Writable): Promise<void> {
  const workbook = buildSchemeWorkbook(scheme);
  if (typeof target === 'string') {
    await workbook.xlsx.writeFile(target);
    return;
  }
  await workbook.xlsx.write(target);
  if (!target.writableEnded) target.end();
  await finished(target);
}

// ---------------------------------------------------------------------------------------
// Reading
// ---------------------------------------------------------------------------------------

interface SheetRow {
  number: number;
  values: unknown[];
}
interface SheetData {
  name: string;
  rows: SheetRow[];
}

/** Schemes have a few hundred rows; more than this is not a scheme table. */
const MAX_ROWS = 20_000;

async function readSheets(source: string | Readable): Promise<SheetData[]> {
  const reader = createWorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'cache', // so that dates typed by people come back as dates
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const sheets: SheetData[] = [];
  for await (const sheet of reader) {
    const name = (sheet as unknown as { name?: string }).name ?? `Sheet${sheets.length + 1}`;
    const rows: SheetRow[] = [];
    for await (const row of sheet) {
      if (rows.length >= MAX_ROWS) throw new Error(`工作表「${name}」超过 ${MAX_ROWS} 行，不是评查标准表`);
      rows.push({ number: row.number, values: Array.from(row.values as unknown[]) });
    }
    sheets.push({ name, rows });
  }
  return sheets;
}

const normalizeHeader = (text: string) =>
  text
    .replace(/\s+/g, '')
    .replace(/[*＊]/g, '')
    .replace(/[（(][^）)]*[）)]/g, '');

/** Cell text, with JSON-literal escapes decoded; null when blank. */
const textOf = (value: unknown): string | null => {
  const t = cellText(value);
  return t === null ? null : decodeCellText(t);
};

type NumberCell = { ok: true; value: number | undefined } | { ok: false };
function numberOf(value: unknown): NumberCell {
  if (typeof value === 'number') return Number.isFinite(value) ? { ok: true, value } : { ok: false };
  const t = cellText(value);
  if (t === null) return { ok: true, value: undefined };
  const cleaned = t.normalize('NFKC').replace(/\s+/g, '').replace(/分$/, '');
  return NUMBER.test(cleaned) ? { ok: true, value: Number(cleaned) } : { ok: false };
}

interface Origin {
  sheet: string;
  row: number;
  columns: Record<string, string>;
}

const TABLE_COLUMNS_FOR: Record<string, string> = {
  id: '编号',
  number: '序号',
  title: '评查内容',
  points: '分值',
  deduction: '扣分规则',
  criteria: '扣分标准',
  group: '所属分组',
  applicability: '适用条件',
  machineRules: '机检规则',
  basis: '依据',
  note: '备注',
  category: '扣分规则',
  role: '扣分规则',
  scaling: '扣分规则',
  effect: '扣分规则',
};

class TableReader {
  readonly errors: SchemeTableError[] = [];
  readonly origins = new Map<string, Origin>();

  error(sheet: string, row: number | undefined, column: string | undefined, value: unknown, message: string): void {
    const e: SchemeTableError = { sheet, message };
    if (row !== undefined) e.row = row;
    if (column !== undefined) e.column = column;
    if (value !== undefined && value !== null) e.value = value;
    this.errors.push(e);
  }

  origin(path: string, sheet: string, row: number, columns: Record<string, string> = {}): void {
    this.origins.set(path, { sheet, row, columns });
  }
}

interface ParsedTable {
  title: string | null;
  sections: Record<string, unknown>[];
  vetoes: Record<string, unknown>[];
  structured: boolean;
}

export async function readSchemeWorkbook(source: string | Readable): Promise<SchemeTableResult> {
  let sheets: SheetData[];
  try {
    sheets = await readSheets(source);
  } catch (error) {
    return { ok: false, errors: [{ sheet: '(文件)', message: `无法读取 xlsx 文件：${error instanceof Error ? error.message : String(error)}` }] };
  }
  const main = sheets.find((s) => s.name === SCHEME_SHEET) ?? sheets[0];
  if (!main) return { ok: false, errors: [{ sheet: SCHEME_SHEET, message: '工作簿中没有工作表' }] };
  const info = sheets.find((s) => s.name === INFO_SHEET) ?? sheets.find((s) => s !== main && looksLikeInfo(s));

  const reader = new TableReader();
  const table = readTableSheet(main, reader);
  if (!table) return { ok: false, errors: reader.errors };

  let meta: Record<string, unknown> = {};
  if (info) meta = readInfoSheet(info, reader, table);
  else {
    reader.error(
      INFO_SHEET,
      undefined,
      undefined,
      undefined,
      `缺少“${INFO_SHEET}”工作表：方案编号、版本、来源文件、生效日期、适用案件类型和评定等次无从得知`,
    );
  }
  if (reader.errors.length > 0) return { ok: false, errors: reader.errors };

  const scheme: Record<string, unknown> = {};
  if (meta.$schema !== undefined) scheme.$schema = meta.$schema;
  for (const key of ['id', 'version', 'title', 'source', 'effective', 'caseTypes', 'total', 'normalize']) {
    if (meta[key] !== undefined) scheme[key] = meta[key];
  }
  scheme.sections = table.sections;
  if (table.vetoes.length > 0) scheme.vetoes = table.vetoes;
  scheme.grades = meta.grades;
  if (meta.failGrade !== undefined) scheme.failGrade = meta.failGrade;
  if (meta.parameters !== undefined && Object.keys(meta.parameters as object).length > 0) scheme.parameters = meta.parameters;

  const parsed = parseScheme(scheme);
  if (!parsed.ok) return { ok: false, errors: parsed.issues.map((issue) => locateIssue(issue.path, issue.message, scheme, reader.origins)) };
  return { ok: true, scheme: scheme as SchemeInput };
}

function looksLikeInfo(sheet: SheetData): boolean {
  return sheet.rows.some((r) => {
    const t = textOf(r.values[1]);
    return t !== null && INFO_FIELDS.some((f) => normalizeHeader(f.label) === normalizeHeader(t));
  });
}

function pathSegments(path: string): (string | number)[] {
  const out: (string | number)[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

function valueAt(root: unknown, segments: readonly (string | number)[]): unknown {
  let value = root;
  for (const s of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[s];
  }
  return value;
}

/** Places a parseScheme issue at the sheet row (and column) the offending value came from. */
function locateIssue(path: string, message: string, scheme: unknown, origins: Map<string, Origin>): SchemeTableError {
  const segments = pathSegments(path);
  const error: SchemeTableError = {
    sheet: segments[0] === 'sections' || segments[0] === 'vetoes' ? SCHEME_SHEET : INFO_SHEET,
    path,
    message,
  };
  for (let n = segments.length; n > 0; n--) {
    const prefix = segments.slice(0, n);
    const key = prefix.map((s) => (typeof s === 'number' ? `[${s}]` : s)).join('.').replace(/\.\[/g, '[');
    const origin = origins.get(key);
    if (!origin) continue;
    error.sheet = origin.sheet;
    error.row = origin.row;
    const next = segments[n];
    const column = typeof next === 'string' ? origin.columns[next] : origin.columns[''];
    if (column) error.column = column;
    break;
  }
  const value = valueAt(scheme, segments);
  if (value !== undefined && (typeof value !== 'object' || value === null)) error.value = value;
  return error;
}

// ---- sheet 1 ------------------------------------------------------------------------------

function readTableSheet(sheet: SheetData, reader: TableReader): ParsedTable | null {
  let headerIndex = -1;
  const columns = new Map<Column, number>();
  for (let r = 0; r < sheet.rows.length && headerIndex < 0; r++) {
    const found = new Map<Column, number>();
    sheet.rows[r]!.values.forEach((value, index) => {
      const t = cellText(value);
      if (!t) return;
      const h = normalizeHeader(t);
      for (const column of COLUMNS) {
        if (found.has(column)) continue;
        if (h === column || HEADER_ALIASES[column]?.includes(h)) found.set(column, index);
      }
    });
    if (found.has('评查内容') && found.has('分值')) {
      headerIndex = r;
      for (const [k, v] of found) columns.set(k, v);
    }
  }
  if (headerIndex < 0) {
    reader.error(sheet.name, undefined, undefined, undefined, '未找到表头行（应包含“评查内容”和“分值”列）');
    return null;
  }
  let title: string | null = null;
  for (const row of sheet.rows.slice(0, headerIndex)) {
    const t = row.values.map((v) => textOf(v)).find((v) => v !== null);
    if (t) {
      title = t;
      break;
    }
  }
  const rows = sheet.rows.slice(headerIndex + 1);
  const structured = columns.has('行类型') && columns.has('编号');
  const parsed = structured ? readStructuredRows(sheet.name, rows, columns, reader) : readPublishedRows(sheet.name, rows, columns, reader);
  return { title, structured, ...parsed };
}

interface RowAccess {
  row: SheetRow;
  raw(column: Column): unknown;
  text(column: Column): string | null;
  isBlank(): boolean;
}

function access(row: SheetRow, columns: Map<Column, number>): RowAccess {
  const raw = (column: Column) => {
    const index = columns.get(column);
    return index === undefined ? undefined : row.values[index];
  };
  return {
    row,
    raw,
    text: (column) => textOf(raw(column)),
    isBlank: () => [...columns.values()].every((i) => cellText(row.values[i]) === null),
  };
}

const tableColumns = (extra: Record<string, string> = {}) => ({ ...TABLE_COLUMNS_FOR, ...extra });

interface SectionDraft {
  fields: Record<string, unknown>;
  note: string | null;
  groups: Record<string, unknown>[];
  items: Record<string, unknown>[];
  role: SchemeSection['role'];
  index: number;
}

/** A section in the order people read it: id, category, title, role, points, scaling, groups, items, note. */
function assembleSection(draft: SectionDraft): Record<string, unknown> {
  const section = { ...draft.fields };
  if (draft.groups.length > 0) section.groups = draft.groups;
  if (draft.items.length > 0) section.items = draft.items;
  if (draft.note !== null) section.note = draft.note;
  return section;
}

function readStructuredRows(sheetName: string, rows: SheetRow[], columns: Map<Column, number>, reader: TableReader) {
  const drafts: SectionDraft[] = [];
  const vetoes: Record<string, unknown>[] = [];
  let current: SectionDraft | undefined;
  let lastCategoryText: string | null = null;

  for (const sheetRow of rows) {
    const r = access(sheetRow, columns);
    if (r.isBlank()) continue;
    const rowNumber = sheetRow.number;
    const err = (column: Column | undefined, value: unknown, message: string) => reader.error(sheetName, rowNumber, column, value, message);
    const categoryText = r.text('类别');
    if (categoryText !== null) lastCategoryText = categoryText;

    const required = (column: Column): string | undefined => {
      const v = r.text(column);
      if (v === null) err(column, undefined, `缺少${column}`);
      return v ?? undefined;
    };
    const points = (): number | undefined => {
      const n = numberOf(r.raw('分值'));
      if (!n.ok) err('分值', cellText(r.raw('分值')), '分值不是数字');
      else if (n.value === undefined) err('分值', undefined, '缺少分值');
      return n.ok ? n.value : undefined;
    };
    const condition = (): unknown => {
      const t = cellText(r.raw('适用条件'));
      if (t === null) return undefined;
      try {
        return JSON.parse(t) as unknown;
      } catch (e) {
        err('适用条件', t, `适用条件不是合法的 JSON：${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    };
    const machineRules = () => (cellText(r.raw('机检规则')) ?? '').split(/[,，、\s]+/).filter(Boolean);
    const setOpt = (target: Record<string, unknown>, key: string, value: unknown) => {
      if (value !== undefined && value !== null) target[key] = value;
    };

    const type = cellText(r.raw('行类型'));
    switch (type) {
      case ROW_TYPES.section: {
        const id = required('编号');
        if (categoryText === null) err('类别', undefined, '类别行缺少类别名称');
        const pts = points();
        const fields: Record<string, unknown> = { id };
        let role: SchemeSection['role'] = 'scored';
        const spec = cellText(r.raw('扣分规则'));
        let parsedSpec: ReturnType<typeof parseSectionSpec> | undefined;
        if (spec === null) err('扣分规则', undefined, '类别行的扣分规则列应写明类别代码、计分方式和折算方式，如 legality scored sum');
        else {
          parsedSpec = parseSectionSpec(spec);
          if ('error' in parsedSpec) err('扣分规则', spec, parsedSpec.error);
        }
        const ok = parsedSpec && !('error' in parsedSpec) ? parsedSpec : undefined;
        if (ok) fields.category = ok.category;
        fields.title = categoryText ?? undefined;
        if (ok && ok.role !== 'scored') {
          role = ok.role;
          fields.role = role;
        }
        fields.points = pts;
        if (ok && ok.scaling.kind !== 'sum') fields.scaling = ok.scaling;
        const index = drafts.length;
        current = { fields, note: r.text('备注'), groups: [], items: [], role, index };
        drafts.push(current);
        reader.origin(`sections[${index}]`, sheetName, rowNumber, tableColumns({ title: '类别', '': '类别' }));
        break;
      }
      case ROW_TYPES.group: {
        if (!current) {
          err('行类型', type, '分组行之前没有类别行');
          break;
        }
        const group: Record<string, unknown> = { id: required('编号'), number: required('序号'), title: required('评查内容'), points: points() };
        setOpt(group, 'applicability', condition());
        setOpt(group, 'note', r.text('备注'));
        reader.origin(`sections[${current.index}].groups[${current.groups.length}]`, sheetName, rowNumber, tableColumns());
        current.groups.push(group);
        break;
      }
      case ROW_TYPES.item: {
        if (!current) {
          err('行类型', type, '评查项之前没有类别行');
          break;
        }
        const item: Record<string, unknown> = { id: required('编号'), number: required('序号'), title: required('评查内容'), points: points() };
        const criteriaCell = r.text('扣分标准');
        const ruleText = cellText(r.raw('扣分规则'));
        let rule: Record<string, unknown> | undefined;
        let verbatim = false;
        if (ruleText !== null) {
          const parsedRule = parseDeductionRule(ruleText);
          if ('error' in parsedRule) err('扣分规则', ruleText, `扣分规则无法解析：${parsedRule.error}`);
          else ({ rule, verbatim } = parsedRule);
        } else if (criteriaCell !== null) {
          // A row added by hand without the machine form: read the rule from the published text.
          rule = parseCriteriaText(criteriaCell) ?? undefined;
          if (!rule) err('扣分标准', criteriaCell, '扣分规则为空，且无法从扣分标准文字中识别扣分方式');
        } else err('扣分规则', undefined, '缺少扣分规则');
        item.deduction = rule;
        if (rule && criteriaCell !== null && (verbatim || criteriaCell !== generatedText(rule, current.role))) item.criteria = criteriaCell;
        setOpt(item, 'group', cellText(r.raw('所属分组')));
        setOpt(item, 'applicability', condition());
        const mr = machineRules();
        if (mr.length > 0) item.machineRules = mr;
        setOpt(item, 'basis', r.text('依据'));
        reader.origin(`sections[${current.index}].items[${current.items.length}]`, sheetName, rowNumber, tableColumns());
        current.items.push(item);
        break;
      }
      case ROW_TYPES.veto: {
        const catText = categoryText ?? lastCategoryText;
        const category = catText === null ? undefined : (CATEGORY_BY_LABEL.get(catText) ?? (isCategory(catText) ? catText : undefined));
        if (category === undefined) err('类别', catText, `否决项的类别应为：${Object.values(SECTION_CATEGORIES).join('、')}`);
        const veto: Record<string, unknown> = { id: required('编号'), number: required('序号'), category, title: required('评查内容') };
        const effectText = cellText(r.raw('扣分规则'));
        let effect: Record<string, unknown> | null;
        if (effectText !== null) {
          effect = parseVetoEffect(effectText);
          if (!effect) err('扣分规则', effectText, '否决效果应为 fail_file、zero_score、zero_section <类别编号> 或 block_top_grade');
        } else {
          const text = r.text('否决情形');
          effect = text === null ? null : parseEffectText(text, drafts.map((d) => d.fields));
          if (!effect) err('否决情形', text, text === null ? '缺少否决效果' : '无法从否决情形文字识别否决效果');
        }
        veto.effect = effect ?? undefined;
        setOpt(veto, 'applicability', condition());
        const mr = machineRules();
        if (mr.length > 0) veto.machineRules = mr;
        setOpt(veto, 'basis', r.text('依据'));
        reader.origin(`vetoes[${vetoes.length}]`, sheetName, rowNumber, tableColumns({ category: '类别' }));
        vetoes.push(veto);
        break;
      }
      case null:
        err('行类型', undefined, `缺少行类型（应为 ${Object.values(ROW_TYPES).join('、')}）`);
        break;
      default:
        err('行类型', type, `未知的行类型（应为 ${Object.values(ROW_TYPES).join('、')}）`);
    }
  }
  return { sections: drafts.map(assembleSection), vetoes };
}

function generatedText(rule: Record<string, unknown>, role: SchemeSection['role']): string | null {
  const parsed = deductionRuleSchema.safeParse(rule);
  return parsed.success ? deductionRuleText(parsed.data, role) : null;
}

function parseSectionSpec(
  text: string,
): { category: SectionCategory; role: SchemeSection['role']; scaling: Record<string, unknown> } | { error: string } {
  const tokens = text.trim().split(/[\s,，]+/).filter(Boolean);
  let category: SectionCategory | undefined;
  let role: SchemeSection['role'] | undefined;
  let scaling: Record<string, unknown> | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const label = CATEGORY_BY_LABEL.get(t);
    if (isCategory(t) || label) {
      if (category) return { error: '类别代码重复' };
      category = label ?? (t as SectionCategory);
    } else if (t === 'scored' || t === 'penalty' || t === 'bonus' || t === 'fixed') {
      if (role) return { error: '计分方式重复' };
      role = t;
    } else if (t === 'sum') {
      scaling = { kind: 'sum' };
    } else if (t === 'weighted') {
      const weight = parseNum(tokens[++i]);
      if (weight === undefined) return { error: 'weighted 后应为权重，如 weighted 50' };
      scaling = { kind: 'weighted', weight };
    } else return { error: `无法识别「${t}」；应为类别代码（${Object.keys(SECTION_CATEGORIES).join('、')}）、计分方式（scored、penalty、bonus、fixed）和折算方式（sum 或 weighted <权重>）` };
  }
  if (!category) return { error: '缺少类别代码（如 legality、procedure）' };
  return { category, role: role ?? 'scored', scaling: scaling ?? { kind: 'sum' } };
}

// ---- the published six columns ------------------------------------------------------------

const N = String.raw`(\d+(?:\.\d+)?)`;

/** The deduction rule a published 扣分标准 text describes, or null when it cannot tell. */
export function parseCriteriaText(text: string): Record<string, unknown> | null {
  let t = text.normalize('NFKC').replace(/\s+/g, '');
  let cap: number | undefined;
  let step: number | undefined;
  const capMatch = new RegExp(`(?:最多|最高|至多|累计不超过|上限)(?:扣|减|加|扣除)?${N}分`).exec(t);
  if (capMatch) {
    cap = Number(capMatch[1]);
    t = t.replace(capMatch[0], '');
  }
  const stepMatch = new RegExp(`以${N}分为(?:单位|一档)|步长${N}分?`).exec(t);
  if (stepMatch) {
    step = Number(stepMatch[1] ?? stepMatch[2]);
    t = t.replace(stepMatch[0], '');
  }
  const withCap = (rule: Record<string, unknown>) => (cap !== undefined ? { ...rule, cap } : rule);
  const range = new RegExp(`(?:扣|减|加|扣除)${N}分?[-–—~至到]${N}分`).exec(t);
  if (range) {
    const min = Number(range[1]);
    const max = Number(range[2]);
    return withCap({ kind: 'range', min, max, step: step ?? inferStep(min, max) });
  }
  const perOccurrence = new RegExp(`(?:每处|每项|每次|每个|每份|每件|每人|每一处|每发现一处|每缺一项|每缺一份|每少一项)[^，,；;。]*?(?:扣|减|加|扣除)${N}分`).exec(t);
  if (perOccurrence) return withCap({ kind: 'fixed', amount: Number(perOccurrence[1]) });
  if (/全部分值|不得分|全扣|扣除全部|本项分值全部扣除|该项为0分|该项记0分|本项记0分/.test(t)) return { kind: 'all' };
  const single = new RegExp(`(?:扣|减|加|扣除)${N}分`).exec(t);
  if (single) return withCap({ kind: 'fixed', amount: Number(single[1]) });
  return null;
}

function inferStep(min: number, max: number): number {
  for (const step of [0.5, 0.25, 0.1, 0.05, 0.01]) {
    const ok = [min, max].every((v) => Math.abs(v / step - Math.round(v / step)) < 1e-6);
    if (ok) return step;
  }
  return 0.01;
}

function parseEffectText(text: string, sections: readonly Record<string, unknown>[]): Record<string, unknown> | null {
  const t = text.normalize('NFKC').replace(/\s+/g, '');
  if (/总分(?:记|计|为|按)?(?:0|零)分/.test(t)) return { kind: 'zero_score' };
  const zero = /「([^」]+)」(?:类别)?(?:记|计|为|按)?(?:0|零)分/.exec(t) ?? /^(?:一票否决[:：])?(.+?)类别?(?:记|计|为|按)(?:0|零)分/.exec(t);
  if (zero) {
    const name = zero[1]!;
    const section = sections.find((s) => s.title === name || s.id === name);
    return section ? { kind: 'zero_section', section: section.id } : null;
  }
  if (/不得评为|不能评为|不得评定为|不得确定为/.test(t)) return { kind: 'block_top_grade' };
  if (/不合格|一票否决|否决/.test(t)) return { kind: 'fail_file' };
  return null;
}

/** The category a title or label names: a label it contains (the earliest), else `other`. */
function categoryFromText(text: string): SectionCategory {
  if (isCategory(text)) return text;
  let best: { at: number; code: SectionCategory; length: number } | undefined;
  for (const [label, code] of CATEGORY_BY_LABEL) {
    const at = text.indexOf(label);
    if (at >= 0 && (!best || at < best.at || (at === best.at && label.length > best.length))) best = { at, code, length: label.length };
  }
  return best?.code ?? 'other';
}

function readPublishedRows(sheetName: string, rows: SheetRow[], columns: Map<Column, number>, reader: TableReader) {
  const sections: Record<string, unknown>[] = [];
  const vetoes: Record<string, unknown>[] = [];
  type Draft = { section: Record<string, unknown>; items: Record<string, unknown>[]; rawTitle: string; declared: number | undefined; index: number };
  let current: Draft | null = null;
  let lastCategoryText: string | null = null;
  const finish: Draft[] = [];

  const startSection = (rawTitle: string, rowNumber: number, declared: number | undefined) => {
    const pointsInTitle = /[（(]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]\s*$/.exec(rawTitle);
    const title = pointsInTitle ? rawTitle.slice(0, pointsInTitle.index).trim() : rawTitle;
    const index = sections.length;
    const section: Record<string, unknown> = { id: `s${index + 1}`, category: categoryFromText(title), title };
    sections.push(section);
    reader.origin(`sections[${index}]`, sheetName, rowNumber, tableColumns({ title: '类别', '': '类别', id: '类别' }));
    current = { section, items: [], rawTitle, declared: declared ?? (pointsInTitle ? Number(pointsInTitle[1]) : undefined), index };
    finish.push(current);
    return current;
  };

  for (const sheetRow of rows) {
    const r = access(sheetRow, columns);
    if (r.isBlank()) continue;
    const rowNumber = sheetRow.number;
    const err = (column: Column | undefined, value: unknown, message: string) => reader.error(sheetName, rowNumber, column, value, message);
    const categoryText = r.text('类别');
    const number = r.text('序号');
    const title = r.text('评查内容');
    const criteria = r.text('扣分标准');
    const vetoText = r.text('否决情形');
    if ([categoryText, number, title].some((t) => t !== null && /^(?:合计|总计|小计|总分|满分)/.test(normalizeHeader(t)))) continue; // a totals row
    const pointsCell = numberOf(r.raw('分值'));
    if (!pointsCell.ok) {
      err('分值', cellText(r.raw('分值')), '分值不是数字');
      continue;
    }
    const points = pointsCell.value;
    if (categoryText !== null) lastCategoryText = categoryText;

    if (vetoText !== null && points === undefined) {
      const catText = categoryText ?? lastCategoryText;
      const effect = parseEffectText(vetoText, sections);
      if (!effect) err('否决情形', vetoText, '无法识别否决效果（应写明：案卷评为不合格、总分记0分、「类别」记0分 或 不得评为最高等次）');
      if (title === null) err('评查内容', undefined, '否决项缺少评查内容');
      const k = vetoes.length + 1;
      const category = catText === null ? 'other' : (CATEGORY_BY_LABEL.get(catText) ?? categoryFromText(catText));
      reader.origin(`vetoes[${vetoes.length}]`, sheetName, rowNumber, tableColumns({ category: '类别', effect: '否决情形', id: '序号' }));
      vetoes.push({ id: `v${k}`, number: number ?? String(k), category, title: title ?? undefined, effect: effect ?? undefined });
      continue;
    }
    if (title === null && number === null && criteria === null) {
      // A 类别 row: the category name, perhaps with its points.
      if (categoryText === null) {
        err(undefined, undefined, '无法识别的行：既不是类别行，也不是评查项或否决项');
        continue;
      }
      startSection(categoryText, rowNumber, points);
      continue;
    }
    if (categoryText !== null && (!current || categoryText !== (current as Draft).rawTitle)) startSection(categoryText, rowNumber, undefined);
    if (!current) {
      err('类别', undefined, '第一个评查项之前没有类别');
      continue;
    }
    const draft = current as Draft;
    if (points === undefined) {
      err('分值', undefined, '评查项缺少分值');
      continue;
    }
    if (title === null) err('评查内容', undefined, '评查项缺少评查内容');
    let deduction: Record<string, unknown> | null = null;
    if (criteria === null) err('扣分标准', undefined, '缺少扣分标准');
    else {
      deduction = parseCriteriaText(criteria);
      if (!deduction) err('扣分标准', criteria, '无法从扣分标准识别扣分方式（如：每处扣2分、扣0.5–2分、扣完为止、最多扣4分、缺失扣除本项全部分值）');
    }
    const j = draft.items.length + 1;
    const item: Record<string, unknown> = { id: `${String(draft.section.id)}-${j}`, number: number ?? String(j), title: title ?? undefined, points, deduction: deduction ?? undefined };
    if (criteria !== null) item.criteria = criteria;
    reader.origin(`sections[${draft.index}].items[${draft.items.length}]`, sheetName, rowNumber, tableColumns({ deduction: '扣分标准', id: '序号' }));
    draft.items.push(item);
    if (vetoText !== null) {
      const effect = parseEffectText(vetoText, sections);
      if (!effect) err('否决情形', vetoText, '无法识别否决效果');
      const k = vetoes.length + 1;
      reader.origin(`vetoes[${vetoes.length}]`, sheetName, rowNumber, tableColumns({ category: '类别', effect: '否决情形', id: '序号' }));
      vetoes.push({ id: `v${k}`, number: String(k), category: draft.section.category, title: title ?? undefined, effect: effect ?? undefined });
    }
  }
  for (const draft of finish) {
    const sum = draft.items.reduce((a, i) => a + (i.points as number), 0);
    const { id, category, title } = draft.section;
    sections[draft.index] = { id, category, title, points: draft.declared ?? Math.round(sum * 1e6) / 1e6, ...(draft.items.length > 0 ? { items: draft.items } : {}) };
  }
  return { sections, vetoes };
}

// ---- sheet 2 ------------------------------------------------------------------------------

function readInfoSheet(sheet: SheetData, reader: TableReader, table: ParsedTable): Record<string, unknown> {
  const meta: Record<string, unknown> = {};
  const source: Record<string, unknown> = {};
  const effective: Record<string, unknown> = {};
  const grades: Record<string, unknown>[] = [];
  const parameters: Record<string, unknown> = {};
  const seen = new Map<string, number>();
  let mode: 'info' | 'grades' | 'parameters' = 'info';
  let cols = { label: 1, value: 2, key: 3 };
  let gradeCols = { code: 1, label: 2, min: 3, max: 4 };
  let paramCols = { name: 1, value: 2, unit: 3, description: 4, basis: 5 };
  const name = sheet.name;

  for (const row of sheet.rows) {
    const texts = row.values.map((v) => cellText(v));
    const filled = texts.filter((t) => t !== null);
    if (filled.length === 0) continue;
    const first = texts[1] ? normalizeHeader(texts[1]) : null;
    const err = (column: string | undefined, value: unknown, message: string) => reader.error(name, row.number, column, value, message);

    if (filled.length === 1 && first !== null) {
      if (first === INFO_SHEET) continue;
      if (first === '评定等次' || first === '等次' || first === '等次划分') {
        mode = 'grades';
        continue;
      }
      if (first === '参数' || first === '参数表') {
        mode = 'parameters';
        continue;
      }
    }
    const headerIndex = (aliases: readonly string[]) => texts.findIndex((t) => t !== null && aliases.includes(normalizeHeader(t)));
    if (mode === 'info') {
      if (first === '项目') {
        cols = { label: 1, value: Math.max(headerIndex(['内容', '值', '取值']), 2), key: headerIndex(['字段', '键']) };
        continue;
      }
      const keyText = cols.key > 0 ? texts[cols.key] : null;
      const field = INFO_FIELDS.find((f) => f.key === keyText) ?? INFO_FIELDS.find((f) => normalizeHeader(f.label) === first);
      if (!field) {
        err('项目', texts[1], `无法识别的项目（应为 ${INFO_FIELDS.map((f) => f.label).join('、')}）`);
        continue;
      }
      if (seen.has(field.key)) {
        err('项目', texts[1], `${field.label}重复（已见于第 ${seen.get(field.key)} 行）`);
        continue;
      }
      seen.set(field.key, row.number);
      const raw = row.values[cols.value];
      let value: unknown;
      if (field.kind === 'number') {
        const n = numberOf(raw);
        if (!n.ok) err('内容', cellText(raw), `${field.label}不是数字`);
        value = n.ok ? n.value : undefined;
      } else if (field.kind === 'caseTypes') {
        const t = cellText(raw);
        if (t !== null) {
          const codes: string[] = [];
          for (const part of t.split(/[,，、;；\s]+/).filter(Boolean)) {
            const code = (CASE_TYPE_CODES as readonly string[]).includes(part) ? part : Object.entries(CASE_TYPES).find(([, label]) => label === part)?.[0];
            if (!code) err('内容', part, `未知的案件类型（应为 ${CASE_TYPE_CODES.join('、')} 或其中文名称）`);
            else codes.push(code);
          }
          value = codes;
        }
      } else if (field.kind === 'date' && typeof raw === 'number' && raw >= 10_000 && raw < 2_958_466) {
        // A date cell whose format was lost: an Excel serial day number.
        value = new Date(Date.UTC(1899, 11, 30) + Math.round(raw) * 86_400_000).toISOString().slice(0, 10);
      } else value = textOf(raw) ?? undefined;
      if (value === undefined) continue;
      const origin = { '': '内容' };
      const [head, tail] = field.key.split('.') as [string, string | undefined];
      if (head === 'source' && tail) source[tail] = value;
      else if (head === 'effective' && tail) effective[tail] = value;
      else if (head === 'normalize') meta.normalize = { to: value };
      else meta[head] = value;
      reader.origin(field.key, name, row.number, origin);
      continue;
    }
    if (mode === 'grades') {
      if (headerIndex(['等次代码', '代码']) > 0 || headerIndex(['最低分', '下限']) > 0) {
        gradeCols = {
          code: headerIndex(['等次代码', '代码']),
          label: headerIndex(['等次名称', '名称', '等次']),
          min: headerIndex(['最低分', '下限', '分数下限']),
          max: headerIndex(['最高分', '上限', '分数上限']),
        };
        continue;
      }
      const label = gradeCols.label > 0 ? textOf(row.values[gradeCols.label]) : null;
      let code = gradeCols.code > 0 ? cellText(row.values[gradeCols.code]) : null;
      if (code === null && label !== null) code = (Object.hasOwn(GRADE_CODES, label) ? GRADE_CODES[label] : undefined) ?? `g${grades.length + 1}`;
      const min = numberOf(gradeCols.min > 0 ? row.values[gradeCols.min] : undefined);
      const max = numberOf(gradeCols.max > 0 ? row.values[gradeCols.max] : undefined);
      if (!min.ok) err('最低分（含）', cellText(row.values[gradeCols.min]), '最低分不是数字');
      if (!max.ok) err('最高分（不含）', cellText(row.values[gradeCols.max]), '最高分不是数字');
      if (min.ok && min.value === undefined) err('最低分（含）', undefined, '缺少最低分');
      const band: Record<string, unknown> = { code: code ?? undefined, label: label ?? undefined, min: min.ok ? min.value : undefined };
      if (max.ok && max.value !== undefined) band.max = max.value;
      reader.origin(`grades[${grades.length}]`, name, row.number, { code: '等次代码', label: '等次名称', min: '最低分（含）', max: '最高分（不含）' });
      grades.push(band);
      continue;
    }
    // parameters
    if (headerIndex(['参数名', '参数', '名称']) > 0 && headerIndex(['数值', '值']) > 0) {
      paramCols = {
        name: headerIndex(['参数名', '参数', '名称']),
        value: headerIndex(['数值', '值']),
        unit: headerIndex(['单位']),
        description: headerIndex(['说明', '描述']),
        basis: headerIndex(['依据'])
      };
      continue;
    }
    const pname = cellText(row.values[paramCols.name]);
    if (pname === null) {
      err('参数名', undefined, '缺少参数名');
      continue;
    }
    if (Object.hasOwn(parameters, pname)) {
      err('参数名', pname, '参数名重复');
      continue;
    }
    const value = numberOf(row.values[paramCols.value]);
    if (!value.ok) err('数值', cellText(row.values[paramCols.value]), '参数数值不是数字');
    const unitText = paramCols.unit > 0 ? cellText(row.values[paramCols.unit]) : null;
    const unit =
      unitText === null
        ? undefined
        : Object.hasOwn(UNITS, unitText)
          ? unitText
          : Object.hasOwn(UNIT_ALIASES, unitText)
            ? UNIT_ALIASES[unitText]
            : Object.entries(UNITS).find(([, l]) => l === unitText)?.[0];
    if (unitText !== null && unit === undefined) err('单位', unitText, `未知的单位（应为 ${Object.values(UNITS).join('、')}）`);
    const parameter: Record<string, unknown> = {
      value: value.ok ? value.value : undefined,
      unit,
      description: paramCols.description > 0 ? (textOf(row.values[paramCols.description]) ?? undefined) : undefined,
    };
    const basis = paramCols.basis > 0 ? textOf(row.values[paramCols.basis]) : null;
    if (basis !== null) parameter.basis = basis;
    reader.origin(`parameters.${pname}`, name, row.number, { value: '数值', unit: '单位', description: '说明', basis: '依据', '': '参数名' });
    parameters[pname] = parameter;
  }

  if (meta.title === undefined && table.title !== null) meta.title = table.title;
  if (Object.keys(source).length > 0) meta.source = source;
  if (Object.keys(effective).length > 0) meta.effective = effective;
  meta.grades = grades;
  meta.parameters = parameters;
  if (meta.total === undefined && !table.structured) {
    meta.total = table.sections.filter((s) => s.role === undefined || s.role === 'scored' || s.role === 'fixed').reduce((a, s) => a + (typeof s.points === 'number' ? s.points : 0), 0);
  }
  const missing = INFO_FIELDS.filter((f) => f.required && valueAt(meta, f.key.split('.')) === undefined).map((f) => f.label);
  if (meta.total === undefined) missing.push('总分');
  if (grades.length === 0) missing.push('评定等次');
  if (missing.length > 0) reader.error(name, undefined, undefined, undefined, `方案信息缺少：${missing.join('、')}`);
  return meta;
}

const GRADE_CODES: Record<string, string> = {
  优秀: 'excellent',
  良好: 'good',
  合格: 'pass',
  达标: 'pass',
  基本合格: 'basic_pass',
  不合格: 'fail',
  不达标: 'fail',
};
