/**
 * exceljs's streaming WorkbookReader, with its UTF-8 bug worked around.
 *
 * exceljs 4.4 turns each decompressed chunk into a string with its own `TextDecoder.decode()`
 * call (lib/utils/parse-sax.js), so a multi-byte character that straddles a chunk boundary
 * (inflate emits 16 KiB chunks) comes out as U+FFFD: "细则" read back as "细���". Chinese text
 * hits it as soon as sharedStrings.xml or a sheet is larger than one chunk (exceljs issues
 * #2063, #2084, #2316; fixes #1665, #2081, #2213 unmerged). The parser passes strings through
 * untouched, so this reader hands it text decoded with a streaming decoder instead: the
 * shared-strings and workbook entries get `setEncoding('utf8')`, worksheet iterators are
 * wrapped. It patches the instance's private methods of exceljs 4.4 (pinned; no release
 * since) and leaves the reader as it is if they are not there.
 */
import type { Readable, Stream } from 'node:stream';
import ExcelJS from 'exceljs';

type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;

interface ReaderInternals {
  _parseSharedStrings?: (entry: Readable) => AsyncGenerator<unknown>;
  _parseWorkbook?: (entry: Readable) => Promise<void>;
  _parseRels?: (entry: Readable) => Promise<void>;
  _parseWorksheet?: (iterator: AsyncIterable<unknown>, sheetNo: string) => Generator<unknown>;
}

async function* decodeUtf8(chunks: AsyncIterable<unknown>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  for await (const chunk of chunks) {
    const text = typeof chunk === 'string' ? chunk : decoder.decode(chunk as Uint8Array, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

export function createWorkbookReader(source: string | Readable, options: ReaderOptions): ExcelJS.stream.xlsx.WorkbookReader {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(source as string | Stream, options);
  const internals = reader as unknown as ReaderInternals;
  const { _parseSharedStrings, _parseWorkbook, _parseRels, _parseWorksheet } = internals;
  const textEntry = (entry: Readable) => {
    if (typeof entry.setEncoding === 'function') entry.setEncoding('utf8');
    return entry;
  };
  if (_parseSharedStrings) internals._parseSharedStrings = (entry) => _parseSharedStrings.call(reader, textEntry(entry));
  if (_parseWorkbook) internals._parseWorkbook = (entry) => _parseWorkbook.call(reader, textEntry(entry));
  if (_parseRels) internals._parseRels = (entry) => _parseRels.call(reader, textEntry(entry));
  if (_parseWorksheet) internals._parseWorksheet = (iterator, sheetNo) => _parseWorksheet.call(reader, decodeUtf8(iterator), sheetNo);
  return reader;
}
