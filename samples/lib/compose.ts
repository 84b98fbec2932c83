/**
 * Turns document specs (title block + body paragraphs) into pages for the PDF writers, and
 * keeps the ground truth: which pages of which file hold which document.
 */
import { DOCUMENT_TYPES, type DocumentTypeCode } from '../../src/ingest/document-types.js';
import type { CidPage } from './cid-pdf.js';
import { A4, MARGIN, flowHeight, normalizeLine, wrap, BODY_WIDTH, DEFAULT_SIZE, type TextLine } from './text-layout.js';

/** A body block: a string is a paragraph indented by two characters, as in Chinese prose. */
export type Block = string | TextLine | { pageBreak: true };

export interface DocumentSpec {
  type: DocumentTypeCode;
  /** Date the document was made (YYYY-MM-DD), for the volume index. */
  date: string;
  /** Issuing agency, printed on a line above the title. */
  agency?: string;
  /** Document number printed under the title, e.g. 滨市监处罚〔2024〕126号. */
  number?: string;
  body: Block[];
  /** Printed at the foot of every page, e.g. page-by-page signatures on a record. */
  pageFooter?: string;
  /** Font size of body lines that set none (default 12): dense pre-printed forms use less. */
  bodySize?: number;
  /** File name when the case is uploaded as separate documents. */
  file?: string;
  /** Title printed instead of the type's canonical title (a variant wording, e.g. 询问（调查）笔录). */
  title?: string;
}

export interface DocumentRange {
  type: DocumentTypeCode;
  startPage: number;
  endPage: number;
}

const titles = new Map<string, string>(DOCUMENT_TYPES.map((t) => [t.code, (t.titles as readonly string[])[0] ?? t.label]));

/** The canonical title of a document type: what the detector expects at the top of the first page. */
export function canonicalTitle(type: DocumentTypeCode): string {
  const title = titles.get(type);
  if (!title) throw new Error(`no canonical title for ${type}`);
  return title;
}

export const FOOTER_SIZE = 10;
const FLOW_HEIGHT = A4.height - MARGIN.top - MARGIN.bottom;

/** Lays a document out on as many pages as it needs; continuation pages carry no title. */
export function paginate(spec: DocumentSpec): TextLine[][] {
  const head: TextLine[] = [];
  if (spec.agency) head.push({ text: spec.agency, align: 'center', size: 15 });
  head.push({ text: spec.title ?? canonicalTitle(spec.type), align: 'center', size: 20, bold: true, spaceBefore: spec.agency ? 2 : 0 });
  if (spec.number) head.push({ text: spec.number, align: 'center', size: DEFAULT_SIZE, spaceBefore: 2 });

  const rows: (TextLine | 'break')[] = [...head];
  let first = true;
  for (const block of spec.body) {
    if (typeof block === 'object' && 'pageBreak' in block) {
      rows.push('break');
      continue;
    }
    const given = typeof block === 'string' ? { text: block, indent: 2 } : normalizeLine(block);
    const line = spec.bodySize && given.size === undefined ? { ...given, size: spec.bodySize } : given;
    // The first body line keeps a little distance from the title block.
    rows.push(...splitRows(first && line.spaceBefore === undefined ? { ...line, spaceBefore: 8 } : line));
    first = false;
  }

  const pages: TextLine[][] = [[]];
  let used = 0;
  let forcedLastBreak = false;
  rows.forEach((row, i) => {
    if (row === 'break') {
      pages.push([]);
      used = 0;
      forcedLastBreak = true;
      return;
    }
    // A section heading is kept together with the line that follows it.
    const next = rows[i + 1];
    const needed = flowHeight(row) + (isHeading(row) && next && next !== 'break' ? flowHeight(next) : 0);
    if (used + needed > FLOW_HEIGHT + 0.01 && pages[pages.length - 1]!.length > 0) {
      pages.push([]);
      used = 0;
      forcedLastBreak = false;
      row = { ...row, spaceBefore: 0 };
    }
    pages[pages.length - 1]!.push(row);
    used += flowHeight(row);
  });
  if (!forcedLastBreak) avoidWidow(pages);

  const total = pages.length;
  return pages.map((lines, i) => {
    const footers: TextLine[] = [];
    if (spec.pageFooter) footers.push({ text: spec.pageFooter, anchor: 'bottom', size: FOOTER_SIZE });
    if (total > 1) footers.push({ text: `第${i + 1}页 共${total}页`, anchor: 'bottom', align: 'center', size: FOOTER_SIZE, spaceBefore: 4 });
    return [...lines, ...footers];
  });
}

const MIN_LAST_PAGE_ROWS = 5;

/** A last page holding only a line or two looks wrong: move rows over from the page before. */
function avoidWidow(pages: TextLine[][]): void {
  if (pages.length < 2) return;
  const last = pages[pages.length - 1]!;
  const previous = pages[pages.length - 2]!;
  while (last.length < MIN_LAST_PAGE_ROWS && previous.length > 2 * MIN_LAST_PAGE_ROWS) {
    last.unshift({ ...previous.pop()!, spaceBefore: 0 });
  }
}

function isHeading(line: TextLine): boolean {
  return line.bold === true && (line.align ?? 'left') === 'left';
}

/** Wraps one logical line into visual rows so a page break can fall inside a paragraph. */
function splitRows(line: TextLine): TextLine[] {
  if (line.tabs) return [line];
  const size = line.size ?? DEFAULT_SIZE;
  return wrap(line.text, BODY_WIDTH / size, line.indent ?? 0).map((text, i) => ({
    ...line,
    text,
    indent: i === 0 ? line.indent : 0,
    spaceBefore: i === 0 ? line.spaceBefore : 0,
    ...(i > 0 ? { continues: true } : {}),
  }));
}

export interface VolumeEntry {
  seq: number;
  spec: DocumentSpec;
  /** Archive page numbers (卷内页号), which skip the cover, the index and the notes sheet. */
  firstPage: number;
  lastPage: number;
}

export interface VolumeSummary {
  entries: VolumeEntry[];
  /** Numbered pages in the volume. */
  pageCount: number;
}

export interface VolumeParts {
  cover?: (summary: VolumeSummary) => DocumentSpec;
  index?: (summary: VolumeSummary) => DocumentSpec;
  documents: DocumentSpec[];
  backup?: (summary: VolumeSummary) => DocumentSpec;
}

export interface ComposedFile {
  pages: CidPage[];
  documents: DocumentRange[];
  /** The spec of each document, parallel to `documents` (for the evaluation ground truth). */
  specs: DocumentSpec[];
}

/**
 * Binds a whole volume into one file. Content pages get an archive page number in the top-right
 * corner (the 湖南 rule in review-standards §4.4(e)); cover, index and notes sheet stay unnumbered.
 */
export function composeVolume(parts: VolumeParts): ComposedFile {
  const bodies = parts.documents.map(paginate);
  const entries: VolumeEntry[] = [];
  let next = 1;
  bodies.forEach((pages, i) => {
    entries.push({ seq: i + 1, spec: parts.documents[i]!, firstPage: next, lastPage: next + pages.length - 1 });
    next += pages.length;
  });
  const summary: VolumeSummary = { entries, pageCount: next - 1 };

  const file: ComposedFile = { pages: [], documents: [], specs: [] };
  const add = (spec: DocumentSpec, pages: TextLine[][], numberFrom?: number) => {
    file.specs.push(spec);
    file.documents.push({ type: spec.type, startPage: file.pages.length + 1, endPage: file.pages.length + pages.length });
    pages.forEach((lines, i) => {
      const stamp: TextLine[] = numberFrom === undefined ? [] : [{ text: String(numberFrom + i), anchor: 'top', align: 'right', size: FOOTER_SIZE }];
      file.pages.push([...stamp, ...lines]);
    });
  };
  const addMade = (make: ((s: VolumeSummary) => DocumentSpec) | undefined) => {
    if (!make) return;
    const spec = make(summary);
    add(spec, paginate(spec));
  };
  addMade(parts.cover);
  addMade(parts.index);
  bodies.forEach((pages, i) => add(entries[i]!.spec, pages, entries[i]!.firstPage));
  addMade(parts.backup);
  return file;
}

/** One file per document. */
export function composeSeparate(documents: DocumentSpec[]): { file: string; composed: ComposedFile }[] {
  return documents.map((spec, i) => {
    const pages = paginate(spec);
    const file = spec.file ?? `${String(i + 1).padStart(2, '0')}-${spec.type.replaceAll('_', '-')}.pdf`;
    return { file, composed: { pages, documents: [{ type: spec.type, startPage: 1, endPage: pages.length }], specs: [spec] } };
  });
}
