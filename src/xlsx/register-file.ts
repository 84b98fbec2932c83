/**
 * Case registers (案件台账) as files: reading one from an xlsx workbook or a csv file, and
 * writing the error report and the template workbook.
 *
 * Reading streams: the format is told by content (an xlsx is a zip: `PK\x03\x04`), the xlsx
 * is read with createWorkbookReader (exceljs's own streaming reader corrupts Chinese text at
 * chunk boundaries), the csv with the small parser below over a streaming UTF-8 decoder.
 * The header row is found among the first rows (a title row above it is fine), every data
 * row is validated with registerRowSchema as it arrives, and the result is either every
 * entry or the problems found, each with its row, column, value and reason. At most
 * MAX_REGISTER_ERRORS problems are collected; the rest of the file is still read (to count
 * rows and, for the report, to keep them).
 *
 * Writing uses exceljs's streaming WorkbookWriter.
 */
import { PassThrough, Readable, type Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { caseNumberKey, CASE_TYPES } from '../domain/case-file.js';
import {
  EXAMPLE_MARK,
  matchRegisterHeader,
  REGISTER_COLUMNS,
  REGISTER_HEADERS,
  REQUIRED_REGISTER_HEADERS,
  registerColumnOf,
  registerRowSchema,
  type RawCell,
  type RawRegisterRow,
  type RegisterField,
  type RegisterRow,
} from '../domain/register.js';
import type { ErrorDetail } from '../errors.js';
import { createWorkbookReader } from './workbook-reader.js';

/** Problems collected before the reader stops listing them. */
export const MAX_REGISTER_ERRORS = 1000;
/**
 * Data rows a register may have: a province's closed cases of a year fit in one upload.
 * Importing streams (rows are staged in the database), so memory does not grow with rows.
 */
export const MAX_REGISTER_ROWS = 200_000;
/** Rows searched for the header row. */
const HEADER_SEARCH_ROWS = 20;

export type RegisterFormat = 'xlsx' | 'csv';

export interface RegisterEntryInput {
  rowNumber: number;
  /** caseNumberKey of the case number: what duplicates are judged on. */
  key: string;
  row: RegisterRow;
}

/** A data row as read, for the error report. */
export interface RegisterSheetRow {
  number: number;
  /** By column index (1-based, sparse). */
  cells: RawCell[];
}

export interface RegisterReadResult {
  format: RegisterFormat | null;
  /** The valid rows, unless ReadOptions.onEntry took them. */
  entries: RegisterEntryInput[];
  /** Valid rows read (given to onEntry or kept in `entries`). */
  entryCount: number;
  /** Row-level problems, or one or more file-level ones (`fatal`). */
  errors: ErrorDetail[];
  /** True when the file itself could not be read as a register (no row report possible). */
  fatal: boolean;
  /** True when more than MAX_REGISTER_ERRORS problems were found. */
  truncated: boolean;
  /** Data rows read (blank and example rows not counted). */
  rowCount: number;
  /** The column (1-based) each field was read from. */
  columns: Partial<Record<RegisterField, number>>;
}

export interface ReadOptions {
  /**
   * Receives each valid row as it is read, instead of `entries` (so that memory does not grow
   * with the file), with the number of problems found so far; a returned promise is awaited
   * before the next row is read.
   */
  onEntry?: (entry: RegisterEntryInput, errorCount: number) => Promise<void> | void;
}

class RegisterFileError extends Error {
  constructor(
    message: string,
    readonly details: ErrorDetail[] = [{ path: 'file', message }],
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------------------------------
// Cells

/**
 * A cell's value as the register reads it: formulas as their cached result, rich text and
 * hyperlinks as their text, errors as empty; numbers and Dates stay what they are.
 */
export function cellValue(value: unknown): RawCell {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'object') {
    const v = value as { result?: unknown; richText?: { text: string }[]; text?: unknown; error?: unknown };
    if ('result' in v || 'formula' in v || 'sharedFormula' in v) return cellValue(v.result);
    if (Array.isArray(v.richText)) return cellValue(v.richText.map((run) => run.text).join(''));
    if ('text' in v) return cellValue(v.text);
  }
  return null;
}

/** How a cell is shown in error details. */
export function cellDisplay(value: RawCell): string | null {
  if (value === null) return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  return String(value);
}

export function columnLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

// ---------------------------------------------------------------------------------------
// Format detection

async function* chunksOf(source: Readable): AsyncGenerator<Buffer> {
  // destroyOnReturn false: a consumer that stops early must not destroy an upload stream
  // the caller still drains (multipart).
  for await (const chunk of source.iterator({ destroyOnReturn: false })) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
}

/** The first bytes, and a stream of the whole content again. */
async function peek(source: Readable): Promise<{ head: Buffer; stream: AsyncGenerator<Buffer> }> {
  const it = chunksOf(source);
  const taken: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 8) {
    const next = await it.next();
    if (next.done) {
      done = true;
      break;
    }
    taken.push(next.value);
    size += next.value.length;
  }
  const head = Buffer.concat(taken);
  async function* all(): AsyncGenerator<Buffer> {
    if (head.length > 0) yield head;
    if (!done) yield* it;
  }
  return { head, stream: all() };
}

const ZIP_MAGIC = Buffer.from([0x50, 0x4b, 0x03, 0x04]);
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0]);

// ---------------------------------------------------------------------------------------
// Rows from xlsx and csv

interface SourceRow {
  number: number;
  /** 1-based, sparse. */
  cells: RawCell[];
}

/** A worksheet reader's parse(): its events a decompressed chunk at a time (exceljs 4.4). */
type ParsedEvents = AsyncIterable<{ eventType: string; value: unknown }[]>;

function toSourceRow(row: ExcelJS.Row): SourceRow {
  const values = row.values as unknown[];
  const cells: RawCell[] = new Array<RawCell>(values.length);
  for (let i = 0; i < values.length; i++) cells[i] = cellValue(values[i]);
  return { number: row.number, cells };
}

/** The first worksheet's rows, a batch (one decompressed chunk) at a time. */
async function* xlsxRows(stream: AsyncIterable<Buffer>): AsyncGenerator<SourceRow[]> {
  const reader = createWorkbookReader(Readable.from(stream, { objectMode: false }), {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'emit',
  });
  let sawSheet = false;
  try {
    for await (const sheet of reader) {
      sawSheet = true;
      const parse = (sheet as unknown as { parse?: () => ParsedEvents }).parse;
      if (typeof parse === 'function') {
        // Whole chunks of rows: no promise per row (the per-row iterator wraps this).
        for await (const events of parse.call(sheet)) {
          const batch: SourceRow[] = [];
          for (const { eventType, value } of events) if (eventType === 'row') batch.push(toSourceRow(value as ExcelJS.Row));
          if (batch.length > 0) yield batch;
        }
      } else {
        for await (const row of sheet) yield [toSourceRow(row)];
      }
      break; // the register is the first worksheet
    }
  } catch (error) {
    if (error instanceof RegisterFileError) throw error;
    throw new RegisterFileError(`无法读取 xlsx 文件（文件损坏或不是 Excel 工作簿）：${error instanceof Error ? error.message : String(error)}`);
  }
  if (!sawSheet) throw new RegisterFileError('xlsx 文件中没有工作表（不是 Excel 工作簿）');
}

/**
 * RFC 4180 csv, incrementally: fields separated by `,` (or tabs, when the first line has
 * tabs and no commas), optionally quoted with `"` (doubled inside), records ended by CRLF,
 * LF or CR. A quote left open at the end, or text after a closing quote, is an error.
 */
export class CsvParser {
  private field = '';
  private record: string[] = [];
  private inQuotes = false;
  private quotePending = false;
  private afterQuote = false;
  private skipLf = false;
  private delimiter: string | null = null;
  private recordNumber = 1;
  private recordHasData = false;

  constructor(private readonly onRecord: (number: number, cells: string[]) => void) {}

  push(text: string): void {
    if (this.delimiter === null) {
      const firstLine = text.split(/\r|\n/, 1)[0] ?? '';
      this.delimiter = !firstLine.includes(',') && firstLine.includes('\t') ? '\t' : ',';
    }
    for (const ch of text) this.char(ch);
  }

  end(): void {
    if (this.quotePending) {
      this.quotePending = false;
      this.inQuotes = false;
      this.afterQuote = true;
    }
    if (this.inQuotes) throw new RegisterFileError(`CSV 格式错误：第 ${this.recordNumber} 行的引号没有闭合`, [
      { path: `row ${this.recordNumber}`, row: this.recordNumber, message: `CSV 格式错误：第 ${this.recordNumber} 行的引号没有闭合` },
    ]);
    if (this.recordHasData || this.record.length > 0 || this.field !== '') this.finishRecord();
  }

  private char(ch: string): void {
    if (this.skipLf) {
      this.skipLf = false;
      if (ch === '\n') return;
    }
    if (this.inQuotes) {
      if (this.quotePending) {
        this.quotePending = false;
        if (ch === '"') {
          this.field += '"';
          return;
        }
        this.inQuotes = false;
        this.afterQuote = true;
        // fall through: the character after a closing quote
      } else {
        if (ch === '"') this.quotePending = true;
        else this.field += ch;
        return;
      }
    }
    if (ch === this.delimiter) {
      this.record.push(this.field);
      this.field = '';
      this.afterQuote = false;
      this.recordHasData = true;
      return;
    }
    if (ch === '\r' || ch === '\n') {
      this.finishRecord();
      if (ch === '\r') this.skipLf = true;
      return;
    }
    if (this.afterQuote) {
      throw new RegisterFileError(`CSV 格式错误：第 ${this.recordNumber} 行，引号后有多余字符“${ch}”`, [
        { path: `row ${this.recordNumber}`, row: this.recordNumber, message: `CSV 格式错误：第 ${this.recordNumber} 行，引号后有多余字符“${ch}”` },
      ]);
    }
    if (ch === '"' && this.field === '') {
      this.inQuotes = true;
      this.recordHasData = true;
      return;
    }
    this.field += ch;
    this.recordHasData = true;
  }

  private finishRecord(): void {
    this.record.push(this.field);
    this.onRecord(this.recordNumber, this.record);
    this.recordNumber++;
    this.record = [];
    this.field = '';
    this.afterQuote = false;
    this.recordHasData = false;
  }
}

async function* csvRows(stream: AsyncIterable<Buffer>, encoding: 'utf-8' | 'utf-16le'): AsyncGenerator<SourceRow[]> {
  const decoder = new TextDecoder(encoding);
  const ready: SourceRow[] = [];
  const parser = new CsvParser((number, fields) => {
    const cells: RawCell[] = [];
    fields.forEach((f, i) => {
      cells[i + 1] = f.trim() === '' ? null : f.trim();
    });
    ready.push({ number, cells });
  });
  const feed = (text: string) => {
    if (text.includes('\uFFFD')) {
      throw new RegisterFileError('CSV 文件不是 UTF-8 编码（可能是 GBK/GB2312）：请在 Excel 中“另存为 → CSV UTF-8（逗号分隔）”，或直接上传 xlsx 文件；GBK 编码不受支持');
    }
    parser.push(text);
  };
  for await (const chunk of stream) {
    feed(decoder.decode(chunk, { stream: true }));
    if (ready.length > 0) yield ready.splice(0);
  }
  feed(decoder.decode());
  parser.end();
  if (ready.length > 0) yield ready.splice(0);
}

// ---------------------------------------------------------------------------------------
// Reading a register

function rowError(row: number, columnIndex: number | undefined, column: string, value: string | null, message: string): ErrorDetail {
  return { path: columnIndex ? `${columnLetter(columnIndex)}${row}` : `row ${row}`, row, column, value, message };
}

const nonEmpty = (cells: RawCell[]) => cells.some((c) => c !== null && c !== undefined);

/** The rows of an upload by its content: xlsx (a zip), csv (UTF-8 or UTF-16LE); refuses anything else. */
async function sourceRows(source: Readable): Promise<{ format: RegisterFormat; rows: AsyncGenerator<SourceRow[]>; stream: AsyncGenerator<Buffer> }> {
  const { head, stream } = await peek(source);
  const refuse = async (message: string): Promise<never> => {
    await stream.return(undefined).catch(() => undefined);
    throw new RegisterFileError(message);
  };
  if (head.length === 0) return refuse('文件为空');
  if (head.subarray(0, 4).equals(ZIP_MAGIC)) return { format: 'xlsx', rows: xlsxRows(stream), stream };
  if (head.subarray(0, 4).equals(OLE_MAGIC)) return refuse('不支持旧版 Excel 97-2003（.xls）文件：请另存为 .xlsx 后上传');
  if (head[0] === 0xff && head[1] === 0xfe) return { format: 'csv', rows: csvRows(stream, 'utf-16le'), stream };
  if (head.includes(0) || head.subarray(0, 5).toString('latin1') === '%PDF-') return refuse('文件既不是 xlsx 工作簿也不是 csv 文本文件');
  return { format: 'csv', rows: csvRows(stream, 'utf-8'), stream };
}

/** A data row: its cells, its raw cells by field, and its case number as text. */
interface DataRow {
  number: number;
  cells: RawCell[];
  raw: RawRegisterRow;
  caseNumberText: string | null;
}

/**
 * Tells the rows of a register apart, one at a time: the header row (searched among the first
 * rows; a title row above it is fine), then every data row (blank rows and the template's
 * example row left out). Throws RegisterFileError for a bad header, too many rows, and (in
 * finish) a missing header or a register with no rows.
 */
class RegisterSheetReader {
  columns: Map<RegisterField, number> | null = null;
  /** The header row's cells, once found. */
  headers: RawCell[] | null = null;
  private fields: [RegisterField, number][] = [];
  private searched = 0;
  private dataRows = 0;
  /** After HEADER_SEARCH_ROWS rows without a header, the rest is not looked at. */
  done = false;

  /** The data row, or null (header, title, blank or example row). */
  accept(number: number, cells: RawCell[]): DataRow | null {
    if (!this.columns) {
      if (this.done || !nonEmpty(cells)) return null;
      this.findHeader(number, cells);
      return null;
    }
    const raw: RawRegisterRow = {};
    let blank = true;
    for (const [field, index] of this.fields) {
      const value = cells[index] ?? null;
      raw[field] = value;
      if (value !== null) blank = false;
    }
    if (blank) return null; // blank line
    const caseNumberText = cellDisplay(raw.caseNumber ?? null);
    if (caseNumberText?.startsWith(EXAMPLE_MARK)) return null; // the template's example row
    this.dataRows++;
    if (this.dataRows > MAX_REGISTER_ROWS) {
      const limit = MAX_REGISTER_ROWS.toLocaleString('en-US');
      const message = `台账超过 ${limit} 行（第 ${number} 行已超出）：一次最多上传 ${limit} 行案件，请拆分后分批上传`;
      throw new RegisterFileError(message, [{ path: 'file', row: number, message }]);
    }
    return { number, cells, raw, caseNumberText };
  }

  private findHeader(number: number, cells: RawCell[]): void {
    this.searched++;
    const found = new Map<RegisterField, number>();
    const unknown: string[] = [];
    cells.forEach((cell, index) => {
      const label = cellDisplay(cell);
      const field = matchRegisterHeader(label);
      if (field && !found.has(field)) found.set(field, index);
      else if (label && !field) unknown.push(label);
    });
    if (found.size >= 2) {
      const missing = REGISTER_COLUMNS.filter((c) => c.required && !found.has(c.field));
      if (missing.length > 0) {
        const expected = REQUIRED_REGISTER_HEADERS.join('、');
        const extra = unknown.length > 0 ? `；未识别的列：${unknown.join('、')}` : '';
        throw new RegisterFileError(
          `表头缺少 ${missing.map((c) => `“${c.label}”`).join('、')} 列（应有的表头：${expected}，承办人可选${extra}）`,
          missing.map((c) => ({
            path: 'header',
            row: number,
            column: c.label,
            value: null,
            message: `缺少“${c.label}”列（应有的表头：${expected}；可选：承办人${extra}）`,
            expected: [...REGISTER_HEADERS],
            found: cells.map(cellDisplay).filter((h): h is string => h !== null),
          })),
        );
      }
      this.columns = found;
      this.fields = [...found];
      this.headers = cells;
      return;
    }
    if (this.searched >= HEADER_SEARCH_ROWS) this.done = true;
  }

  finish(): void {
    if (!this.columns) {
      throw new RegisterFileError(
        this.searched === 0 ? '文件中没有任何内容' : `未找到表头行（应有的表头：${REQUIRED_REGISTER_HEADERS.join('、')}，承办人可选）`,
        [{ path: 'header', message: this.searched === 0 ? '文件中没有任何内容' : '未找到表头行', expected: [...REGISTER_HEADERS] }],
      );
    }
    if (this.dataRows === 0) throw new RegisterFileError('台账中没有任何案件（只有表头）');
  }
}

/**
 * Reads a register from a stream of an xlsx or csv file. Never throws for bad content: the
 * problems are in `errors` (`fatal` when the file as a whole cannot be read as a register).
 */
export async function readRegisterFile(source: Readable, options: ReadOptions = {}): Promise<RegisterReadResult> {
  const result: RegisterReadResult = { format: null, entries: [], entryCount: 0, errors: [], fatal: false, truncated: false, rowCount: 0, columns: {} };
  let stream: AsyncGenerator<Buffer> | undefined;
  try {
    const opened = await sourceRows(source);
    stream = opened.stream;
    result.format = opened.format;
    await readRows(opened.rows, result, options);
  } catch (error) {
    if (!(error instanceof RegisterFileError)) throw error;
    result.fatal = true;
    result.entries = [];
    result.errors = error.details;
  } finally {
    // Stop whatever still reads (a reader left early on a fatal problem), then read the
    // rest of the upload so that its size limit is noticed and the request completes.
    await stream?.return(undefined).catch(() => undefined);
    await drain(source);
  }
  return result;
}

async function drain(source: Readable): Promise<void> {
  if (source.readableEnded || source.destroyed) return;
  await new Promise<void>((resolve) => {
    source.once('end', resolve);
    source.once('close', resolve);
    source.once('error', () => resolve());
    source.resume();
  });
}

async function readRows(rows: AsyncGenerator<SourceRow[]>, result: RegisterReadResult, options: ReadOptions): Promise<void> {
  const sheet = new RegisterSheetReader();
  // Duplicates within the file: the first row of each case number (about 100 bytes a row).
  const firstRowOfKey = new Map<string, number>();
  const addError = (e: ErrorDetail) => {
    if (result.errors.length >= MAX_REGISTER_ERRORS) result.truncated = true;
    else result.errors.push(e);
  };
  const onEntry = options.onEntry;

  const check = ({ number, raw, caseNumberText }: DataRow, columns: Map<RegisterField, number>): Promise<void> | void => {
    result.rowCount++;
    if (result.truncated) return;
    const parsed = registerRowSchema.safeParse(raw);
    let rowOk = parsed.success;
    if (!parsed.success) {
      const seen = new Set<string>();
      for (const issue of parsed.error.issues) {
        const field = issue.path[0] as RegisterField | undefined;
        const column = field ? registerColumnOf(field) : undefined;
        const dedupe = `${field}:${issue.message}`;
        if (seen.has(dedupe)) continue;
        seen.add(dedupe);
        addError(rowError(number, field && columns.get(field), column?.label ?? '（行）', field ? cellDisplay(raw[field] ?? null) : null, issue.message));
      }
    }
    let key: string | null = null;
    if (caseNumberText) {
      key = caseNumberKey(caseNumberText);
      const first = firstRowOfKey.get(key);
      if (first !== undefined) {
        addError(rowError(number, columns.get('caseNumber'), '案号', caseNumberText, `与第 ${first} 行的案号重复`));
        rowOk = false;
      } else {
        firstRowOfKey.set(key, number);
      }
    }
    if (!rowOk || !parsed.success) return;
    // caseNumber is caseNumberText trimmed (the same text): its key is the one above.
    const entry: RegisterEntryInput = { rowNumber: number, key: key ?? caseNumberKey(parsed.data.caseNumber), row: parsed.data };
    result.entryCount++;
    if (onEntry) return onEntry(entry, result.errors.length);
    result.entries.push(entry);
  };

  // Rows come a chunk at a time and are checked synchronously; only a full staging batch waits.
  for await (const batch of rows) {
    for (const { number, cells } of batch) {
      const row = sheet.accept(number, cells);
      if (row === null) {
        if (sheet.columns) result.columns = Object.fromEntries(sheet.columns);
        continue;
      }
      const pending = check(row, sheet.columns!);
      if (pending) await pending;
    }
    if (sheet.done) break;
  }
  sheet.finish();
  sortErrors(result.errors);
}

/**
 * Streams the rows of a register file again, for the error report: the header row's cells,
 * then every data row (as readRegisterFile counts them). Call it only on a file that
 * readRegisterFile read without a fatal problem.
 */
export async function readRegisterSheet(source: Readable, onHeader: (cells: RawCell[]) => void, onRow: (row: RegisterSheetRow) => void): Promise<void> {
  const { rows, stream } = await sourceRows(source);
  const sheet = new RegisterSheetReader();
  try {
    for await (const batch of rows) {
      for (const { number, cells } of batch) {
        const hadHeader = sheet.headers !== null;
        const row = sheet.accept(number, cells);
        if (!hadHeader && sheet.headers) onHeader(sheet.headers);
        if (row) onRow({ number, cells });
      }
      if (sheet.done) break;
    }
    sheet.finish();
  } finally {
    await stream.return(undefined).catch(() => undefined);
  }
}

export function sortErrors(errors: ErrorDetail[]): void {
  const order = new Map(REGISTER_HEADERS.map((h, i) => [h, i]));
  errors.sort((a, b) => Number(a.row ?? 0) - Number(b.row ?? 0) || (order.get(String(a.column)) ?? 99) - (order.get(String(b.column)) ?? 99));
}

/** Adds problems found later (e.g. case numbers already registered), keeping the cap. */
export function addRegisterErrors(result: RegisterReadResult, errors: readonly ErrorDetail[]): void {
  for (const e of errors) {
    if (result.errors.length >= MAX_REGISTER_ERRORS) {
      result.truncated = true;
      break;
    }
    result.errors.push(e);
  }
  sortErrors(result.errors);
}

/** The problem of a row whose case number the campaign's register already holds (as `held`). */
export function registeredCaseNumberError(result: RegisterReadResult, rowNumber: number, caseNumber: string, held: string): ErrorDetail {
  return rowError(rowNumber, result.columns.caseNumber, registerColumnOf('caseNumber').label, caseNumber, `本评查活动的案件台账中已有此案号（${held}）`);
}

// ---------------------------------------------------------------------------------------
// Writing

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Runs a streaming workbook writer into a buffer. */
export async function workbookBuffer(write: (stream: Writable) => Promise<void>): Promise<Buffer> {
  const stream = new PassThrough();
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    stream.on('end', resolve);
    stream.on('error', reject);
  });
  await write(stream);
  await ended;
  return Buffer.concat(chunks);
}

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const ERROR_ROW_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFDE9E7' } };
const ERROR_CELL_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF4B6B0' } };
const THIN_BORDER: Partial<ExcelJS.Borders> = {
  top: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  bottom: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  left: { style: 'thin', color: { argb: 'FFBFBFBF' } },
  right: { style: 'thin', color: { argb: 'FFBFBFBF' } },
};

/** The error column's header in the report. */
export const ERROR_COLUMN_HEADER = '错误说明';

export interface ErrorReportInput {
  /** Reads the register (again): its header cells, then each data row, as readRegisterSheet does. */
  read: (onHeader: (cells: RawCell[]) => void, onRow: (row: RegisterSheetRow) => void) => Promise<void>;
  errors: readonly ErrorDetail[];
  truncated: boolean;
}

/**
 * The error report: a merged title row, then the original header and rows (every row, so
 * that the agency can fix the file and upload it again) with a 错误说明 column; rows with
 * problems are highlighted and the cells at fault more strongly. Rows are written as they
 * are read (inline strings, no shared-strings table), so memory does not grow with the file.
 */
export async function writeErrorReport(stream: Writable, input: ErrorReportInput): Promise<void> {
  const { errors } = input;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  const byRow = new Map<number, ErrorDetail[]>();
  for (const e of errors) {
    const row = Number(e.row);
    if (!Number.isInteger(row)) continue;
    byRow.set(row, [...(byRow.get(row) ?? []), e]);
  }
  let ws: ExcelJS.Worksheet | null = null;
  let width = 1;
  let errorCol = 2;
  let out = 3;

  const onHeader = (headers: RawCell[]) => {
    width = Math.max(headers.length - 1, 1);
    errorCol = width + 1;
    ws = workbook.addWorksheet('错误报告', { views: [{ state: 'frozen', ySplit: 2 }] });
    ws.columns = Array.from({ length: errorCol }, (_, i) => {
      const field = matchRegisterHeader(cellDisplay(headers[i + 1] ?? null));
      return { width: i + 1 === errorCol ? 60 : field ? registerColumnOf(field).width : 14 };
    });
    const title = ws.getRow(1);
    title.getCell(1).value =
      `案件台账错误报告：共 ${errors.length} 处错误${input.truncated ? `（仅列出前 ${MAX_REGISTER_ERRORS} 处）` : ''}，涉及 ${byRow.size} 行。` +
      '请按“错误说明”修改标红的单元格后重新上传本文件（行号为原文件中的行号；本行和“错误说明”列在导入时会被忽略）。';
    title.getCell(1).font = { bold: true, color: { argb: 'FFC00000' } };
    title.getCell(1).alignment = { wrapText: true, vertical: 'middle' };
    title.height = 36;
    ws.mergeCells(1, 1, 1, errorCol);
    title.commit();

    const header = ws.getRow(2);
    for (let c = 1; c <= width; c++) header.getCell(c).value = cellDisplay(headers[c] ?? null);
    header.getCell(errorCol).value = ERROR_COLUMN_HEADER;
    for (let c = 1; c <= errorCol; c++) {
      const cell = header.getCell(c);
      cell.font = { bold: true };
      cell.fill = HEADER_FILL;
      cell.border = THIN_BORDER;
    }
    header.commit();
  };

  const onRow = ({ number, cells }: RegisterSheetRow) => {
    if (!ws) return;
    const problems = byRow.get(number) ?? [];
    const row = ws.getRow(out++);
    for (let c = 1; c <= width; c++) {
      const value = cells[c] ?? null;
      const cell = row.getCell(c);
      cell.value = value;
      if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
    }
    if (problems.length > 0) {
      const faulty = new Set(problems.map((p) => String(p.path ?? '')));
      for (let c = 1; c <= errorCol; c++) {
        const cell = row.getCell(c);
        const atFault = faulty.has(`${columnLetter(c)}${number}`);
        cell.fill = atFault ? ERROR_CELL_FILL : ERROR_ROW_FILL;
        if (atFault) cell.font = { color: { argb: 'FF9C0006' }, bold: true };
      }
      const note = row.getCell(errorCol);
      note.value = `第 ${number} 行：` + problems.map((p) => (p.column && p.column !== '（行）' ? `${String(p.column)}：${p.message}` : p.message)).join('；');
      note.alignment = { wrapText: true, vertical: 'top' };
    }
    row.commit();
  };

  await input.read(onHeader, onRow);
  if (!ws) throw new Error('writeErrorReport: the register has no header row');
  await (ws as ExcelJS.Worksheet).commit();
  await workbook.commit();
}

const TEMPLATE_EXAMPLE: Record<RegisterField, RawCell> = {
  caseNumber: `${EXAMPLE_MARK}：沪徐市监处罚〔2024〕0312号`,
  cause: '销售超过保质期的食品案',
  caseType: CASE_TYPES.penalty_general,
  partyName: '上海某某贸易有限公司',
  filedOn: new Date(Date.UTC(2024, 2, 1)),
  closedOn: new Date(Date.UTC(2024, 4, 20)),
  amount: 12000,
  handlers: '张某、李某',
};

/** Rows of the template that get the 案件类型 drop-down list. */
const TEMPLATE_VALIDATION_ROWS = 5000;

/**
 * The template: the header row (frozen), one example row (its 案号 starts with 示例 and is
 * skipped on import), a drop-down list of 案件类型, date and text formats per column, and a
 * second sheet with instructions.
 */
export async function writeRegisterTemplate(stream: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: true });
  const ws = workbook.addWorksheet('案件台账', { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = REGISTER_COLUMNS.map((c) => ({
    width: c.width,
    style: c.field === 'filedOn' || c.field === 'closedOn' ? { numFmt: 'yyyy-mm-dd' } : c.field === 'amount' ? { numFmt: '#,##0.00' } : { numFmt: '@' },
  }));
  const typeColumn = columnLetter(REGISTER_COLUMNS.findIndex((c) => c.field === 'caseType') + 1);
  (ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }).dataValidations.add(`${typeColumn}2:${typeColumn}${TEMPLATE_VALIDATION_ROWS}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${Object.values(CASE_TYPES).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: '案件类型',
    error: `请从列表中选择：${Object.values(CASE_TYPES).join('、')}`,
  });

  const header = ws.getRow(1);
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.label;
    cell.font = { bold: true };
    cell.fill = HEADER_FILL;
    cell.border = THIN_BORDER;
    cell.alignment = { horizontal: 'center' };
  });
  header.commit();

  const example = ws.getRow(2);
  REGISTER_COLUMNS.forEach((c, i) => {
    const cell = example.getCell(i + 1);
    cell.value = TEMPLATE_EXAMPLE[c.field];
    cell.font = { italic: true, color: { argb: 'FF808080' } };
    if (c.field === 'filedOn' || c.field === 'closedOn') cell.numFmt = 'yyyy-mm-dd';
  });
  example.commit();
  await ws.commit();

  const help = workbook.addWorksheet('填写说明');
  help.columns = [{ width: 14 }, { width: 90 }];
  const lines: [string, string][] = [
    ['列', '说明'],
    ['案号', '必填，须含年份并以“号”结尾，如 沪徐市监处罚〔2024〕0312号；同一评查活动中不得重复。也可用表头“案件编号”“决定书文号”。'],
    ['案由', '必填，最多 500 字。'],
    ['案件类型', `必填：${Object.values(CASE_TYPES).join('、')}；也可写“普通程序”“简易程序”。`],
    ['当事人', '必填，最多 200 字。'],
    ['立案日期', '普通程序行政处罚案件必填。可填 Excel 日期、2024-03-05、2024/3/5、2024.3.5、2024年3月5日 或 二〇二四年三月五日。'],
    ['结案日期', '必填，格式同立案日期，不得早于立案日期。'],
    ['罚没金额', '单位：元。可填 1200、1,200.50 或 5.6万；没有罚没款的留空或填“无”。'],
    ['承办人', '选填，多人用顿号分隔。'],
    ['示例行', `“案件台账”表第 2 行为示例，案号以“${EXAMPLE_MARK}”开头的行导入时忽略，可保留或删除。`],
  ];
  for (const [i, [a, b]] of lines.entries()) {
    const row = help.getRow(i + 1);
    row.getCell(1).value = a;
    row.getCell(2).value = b;
    if (i === 0) row.font = { bold: true };
    row.commit();
  }
  await help.commit();
  await workbook.commit();
}
