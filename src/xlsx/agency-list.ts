/**
 * Reading an agency list (执法单位名单) from an xlsx workbook with exceljs's streaming reader.
 * The header row names the columns (名称, 简称, 统一社会信用代码, 所属区域, 执法领域, 层级, or
 * common variants); every data row is validated, and the result is either every row or
 * every problem found, each with its row number, column, value and reason.
 */
import type { Readable } from 'node:stream';
import { agencyInputSchema, parseAgencyLevel, type AgencyInput } from '../domain/agency.js';
import type { ErrorDetail } from '../errors.js';
import { cellText } from './cell-value.js';
import { createWorkbookReader } from './workbook-reader.js';

type Field = 'name' | 'shortName' | 'creditCode' | 'region' | 'sector' | 'level';

const HEADERS: Record<Field, { label: string; aliases: readonly string[] }> = {
  name: { label: '名称', aliases: ['名称', '单位名称', '执法单位', '执法单位名称', '机关名称'] },
  shortName: { label: '简称', aliases: ['简称', '单位简称'] },
  creditCode: { label: '统一社会信用代码', aliases: ['统一社会信用代码', '信用代码', '社会信用代码'] },
  region: { label: '所属区域', aliases: ['所属区域', '区域', '所属地区', '行政区划'] },
  sector: { label: '执法领域', aliases: ['执法领域', '领域', '行业领域', '执法类别'] },
  level: { label: '层级', aliases: ['层级', '级别', '行政层级'] },
};

export interface AgencyListRow {
  rowNumber: number;
  agency: AgencyInput;
}

export type AgencyListResult = { ok: true; rows: AgencyListRow[] } | { ok: false; errors: ErrorDetail[] };

const rowError = (row: number, column: string, value: string | null, message: string): ErrorDetail => ({
  path: `row ${row}`,
  row,
  column,
  value,
  message,
});

function matchHeader(text: string | null): Field | null {
  if (!text) return null;
  const t = text.replace(/\s+/g, '').replace(/[*＊]/g, '');
  for (const [field, def] of Object.entries(HEADERS) as [Field, (typeof HEADERS)[Field]][]) {
    if (def.aliases.includes(t)) return field;
  }
  return null;
}

export async function readAgencyList(source: Readable): Promise<AgencyListResult> {
  const reader = createWorkbookReader(source, {
    sharedStrings: 'cache',
    styles: 'ignore',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  const errors: ErrorDetail[] = [];
  const rows: AgencyListRow[] = [];
  let columns: Map<number, Field> | null = null;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = row.values as unknown[];
        if (!columns) {
          const found = new Map<number, Field>();
          values.forEach((value, index) => {
            const field = matchHeader(cellText(value));
            if (field) found.set(index, field);
          });
          if ([...found.values()].includes('name')) columns = found;
          continue;
        }
        const raw: Partial<Record<Field, string | null>> = {};
        for (const [index, field] of columns) raw[field] = cellText(values[index]);
        if (Object.values(raw).every((v) => v === null)) continue; // blank line
        const candidate: Record<string, unknown> = {};
        for (const [field, value] of Object.entries(raw) as [Field, string | null][]) {
          if (value === null) continue;
          if (field === 'level') {
            const level = parseAgencyLevel(value);
            if (!level) {
              errors.push(rowError(row.number, HEADERS.level.label, value, '层级应为 省级、市级、区县级 或 乡镇级'));
              continue;
            }
            candidate.level = level;
          } else {
            candidate[field] = value;
          }
        }
        const parsed = agencyInputSchema.safeParse(candidate);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) {
            const field = issue.path[0] as Field | undefined;
            const label = field ? HEADERS[field].label : '（行）';
            errors.push(rowError(row.number, label, field ? (raw[field] ?? null) : null, issue.message));
          }
          continue;
        }
        rows.push({ rowNumber: row.number, agency: parsed.data });
      }
      break; // the list is the first worksheet
    }
  } catch (error) {
    return { ok: false, errors: [{ path: 'file', message: `无法读取 xlsx 文件：${error instanceof Error ? error.message : String(error)}` }] };
  }
  if (!columns) return { ok: false, errors: [{ path: 'file', message: '未找到表头行（应包含“名称”列）' }] };
  findDuplicatesWithin(rows, errors);
  if (rows.length === 0 && errors.length === 0) return { ok: false, errors: [{ path: 'file', message: '名单中没有任何执法单位' }] };
  return errors.length > 0 ? { ok: false, errors: errors.sort((a, b) => Number(a.row) - Number(b.row)) } : { ok: true, rows };
}

function findDuplicatesWithin(rows: readonly AgencyListRow[], errors: ErrorDetail[]): void {
  const firstRowOf = new Map<string, number>();
  for (const { rowNumber, agency } of rows) {
    if (!agency.creditCode) continue;
    const first = firstRowOf.get(agency.creditCode);
    if (first !== undefined) errors.push(rowError(rowNumber, HEADERS.creditCode.label, agency.creditCode, `与第 ${first} 行的统一社会信用代码重复`));
    else firstRowOf.set(agency.creditCode, rowNumber);
  }
}
