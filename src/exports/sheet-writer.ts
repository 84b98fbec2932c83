/**
 * The one module that knows the spreadsheet library (exceljs 4.4, streaming writer), behind a
 * small interface so the library can be swapped (stack-notes §4.4: 4.4 is unmaintained).
 *
 * Every sheet has the same layout:
 *   row 1  title, merged across all columns (bold, 16pt, centred);
 *   row 2  subtitle (campaign, date …), merged across all columns;
 *   row 3  Chinese column headers (bold, grey fill, borders, wrapped), frozen and repeated
 *          on every printed page;
 *   row 4… data rows (thin borders, each column's number format: '0.00', '0.00%' …) and
 *          notes (one text merged across the row).
 * Print setup: A4 landscape, fit to one page wide.
 *
 * Streaming: rows are committed as they are added, so a sheet never holds more than the
 * row being written (merges are kept until the sheet is committed: only titles and notes
 * are merged). One sheet is written at a time — adding a sheet commits the previous one —
 * so the zip entries follow each other and nothing waits in memory for its turn. Every
 * `YIELD_EVERY` rows the writer yields to the event loop (so compression keeps up) and,
 * when the target stream asks for it, waits for its 'drain'.
 */
import fs from 'node:fs';
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import ExcelJS from 'exceljs';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Number formats used across the exports. */
export const NUM_FMT = {
  integer: '0',
  score: '0.00',
  percent: '0.00%',
  /** A change: always signed. */
  signedScore: '+0.00;-0.00;0.00',
  signedPercent: '+0.00%;-0.00%;0.00%',
  signedInteger: '+0;-0;0',
} as const;

export type CellValue = string | number | null | undefined;

export interface ColumnSpec {
  header: string;
  key: string;
  /** In characters (a Chinese character is about 2). */
  width?: number;
  numFmt?: string;
}

export interface SheetSpec {
  title: string;
  subtitle?: string;
  columns: readonly ColumnSpec[];
}

export interface RowOptions {
  /** Bold, for subtotal and total rows. */
  bold?: boolean;
  /** Number formats of single cells, by column key, over the column's own. */
  formats?: Readonly<Record<string, string>>;
}

export interface SheetHandle {
  /** Values by column key, or in column order. */
  addRow(values: Readonly<Record<string, CellValue>> | readonly CellValue[], options?: RowOptions): Promise<void>;
  /** A line of text across the whole row (e.g. "本次活动暂无已定稿的案卷"). */
  addNote(text: string): Promise<void>;
  commit(): Promise<void>;
}

export interface WorkbookStream {
  /** Adds a sheet after the others; the previous sheet is committed first. */
  addSheet(name: string, spec: SheetSpec): SheetHandle;
  /** Commits everything and waits until the target has received the whole file. */
  finish(): Promise<void>;
}

const YIELD_EVERY = 200;

/** The target stream was closed before the workbook was finished (e.g. the download was cancelled). */
export class ExportAbortedError extends Error {
  override name = 'ExportAbortedError';
  constructor() {
    super('export target closed before the workbook was finished');
  }
}
/** The first data row: title, subtitle and header come first. */
export const HEADER_ROW = 3;

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };

/** Excel's limits on sheet names: 31 characters, none of : \ / ? * [ ]. */
export function safeSheetName(name: string): string {
  return name.replace(/[:\\/?*[\]]/g, '_').slice(0, 31) || 'Sheet';
}

export function createWorkbookStream(target: Writable | string): WorkbookStream {
  const stream: Writable = typeof target === 'string' ? fs.createWriteStream(target) : target;
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  let open: { sheet: SheetHandle; committed: boolean } | null = null;
  let rowsSinceYield = 0;

  async function breathe(): Promise<void> {
    if (++rowsSinceYield < YIELD_EVERY) return;
    rowsSinceYield = 0;
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (stream.writableNeedDrain && !stream.destroyed) {
      await new Promise<void>((resolve) => {
        const done = () => {
          stream.off('drain', done);
          stream.off('close', done);
          resolve();
        };
        stream.on('drain', done);
        stream.on('close', done);
      });
    }
    // The client went away (or the file could not be written): stop reading and writing.
    if (stream.destroyed) throw new ExportAbortedError();
  }

  function addSheet(name: string, spec: SheetSpec): SheetHandle {
    if (open && !open.committed) void open.sheet.commit();
    const width = Math.max(spec.columns.length, 1);
    const worksheet = workbook.addWorksheet(safeSheetName(name), {
      views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW, topLeftCell: `A${HEADER_ROW + 1}`, activeCell: `A${HEADER_ROW + 1}` }],
      pageSetup: {
        paperSize: 9, // A4
        orientation: 'landscape',
        fitToPage: true,
        fitToWidth: 1,
        fitToHeight: 0,
        printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
        margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
      },
      headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
    });
    worksheet.columns = spec.columns.map((c) => ({ key: c.key, width: c.width ?? 12, ...(c.numFmt && { style: { numFmt: c.numFmt } }) }));

    const title = worksheet.getRow(1);
    title.getCell(1).value = spec.title;
    title.getCell(1).font = { bold: true, size: 16 };
    title.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    title.height = 30;
    const subtitle = worksheet.getRow(2);
    subtitle.getCell(1).value = spec.subtitle ?? '';
    subtitle.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
    subtitle.height = 20;
    if (width > 1) {
      worksheet.mergeCells(1, 1, 1, width);
      worksheet.mergeCells(2, 1, 2, width);
    }
    const header = worksheet.getRow(HEADER_ROW);
    spec.columns.forEach((c, i) => {
      const cell = header.getCell(i + 1);
      cell.value = c.header;
      cell.font = { bold: true };
      cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9D9D9' } };
      cell.border = BORDER;
      cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    });
    header.height = 24;
    title.commit();
    subtitle.commit();
    header.commit();

    let nextRow = HEADER_ROW + 1;
    const keys = spec.columns.map((c) => c.key);
    // One style object per kind of data cell, shared by all such cells: exceljs remembers the
    // style id of a style object it has seen (a WeakMap), and otherwise serialises every cell's
    // style to find its id — the largest cost of a styled row. The cell type is part of the key
    // because exceljs picks a default number format by cell type.
    const makeStyle = (numFmt: string | undefined, wrapText: boolean, bold: boolean): Partial<ExcelJS.Style> => ({
      ...(numFmt && { numFmt }),
      border: BORDER,
      alignment: { vertical: 'middle', wrapText },
      ...(bold && { font: { bold: true } }),
    });
    // By column, cell type (number, text, empty), wrapping and bold; cells with a format of their own by key.
    const dataStyles: Partial<ExcelJS.Style>[] = [];
    const formattedStyles = new Map<string, Partial<ExcelJS.Style>>();
    const dataStyle = (column: number, value: CellValue, written: boolean, bold: boolean, format: string | undefined): Partial<ExcelJS.Style> => {
      const type = !written ? 2 : typeof value === 'number' ? 0 : 1;
      const wrapText = typeof value === 'string' && value.length > 12;
      if (format) {
        const key = `${column}|${type}|${wrapText ? 1 : 0}|${bold ? 1 : 0}|${format}`;
        let style = formattedStyles.get(key);
        if (!style) formattedStyles.set(key, (style = makeStyle(format, wrapText, bold)));
        return style;
      }
      const slot = column * 12 + type * 4 + (wrapText ? 2 : 0) + (bold ? 1 : 0);
      return (dataStyles[slot] ??= makeStyle(spec.columns[column]?.numFmt, wrapText, bold));
    };
    const state = { committed: false };

    const sheet: SheetHandle = {
      async addRow(values, options = {}) {
        if (state.committed) throw new Error(`sheet ${name} is already committed`);
        const list = Array.isArray(values) ? (values as readonly CellValue[]) : keys.map((k) => (values as Record<string, CellValue>)[k]);
        const row = worksheet.getRow(nextRow++);
        for (let i = 0; i < width; i++) {
          const cell = row.getCell(i + 1);
          const value = list[i];
          const written = value !== null && value !== undefined && !(typeof value === 'number' && !Number.isFinite(value));
          if (written) cell.value = value;
          cell.style = dataStyle(i, value, written, options.bold === true, options.formats?.[keys[i] ?? '']);
        }
        row.commit();
        await breathe();
      },
      async addNote(text) {
        if (state.committed) throw new Error(`sheet ${name} is already committed`);
        const number = nextRow++;
        const row = worksheet.getRow(number);
        row.getCell(1).value = text;
        row.getCell(1).alignment = { vertical: 'middle', wrapText: true };
        if (width > 1) worksheet.mergeCells(number, 1, number, width);
        row.commit();
        await breathe();
      },
      async commit() {
        if (state.committed) return;
        state.committed = true;
        if (open?.sheet === sheet) open.committed = true;
        worksheet.commit();
      },
    };
    open = { sheet, committed: false };
    return sheet;
  }

  return {
    addSheet,
    async finish() {
      if (open && !open.committed) await open.sheet.commit();
      await workbook.commit();
      if (typeof target === 'string' && !stream.closed) await once(stream, 'close');
    },
  };
}
