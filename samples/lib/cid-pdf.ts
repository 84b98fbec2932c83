/**
 * A small PDF writer for Chinese text in the NON-EMBEDDED font STSong-Light, encoded with the
 * predefined CMap UniGB-UCS2-H — the way many government PDFs are typeset. Such a font has no
 * FontFile and no ToUnicode, so pdf.js can only extract its text when given the Adobe CMap files
 * (cMapUrl); without them it silently returns nothing. This is the trap the fixtures exercise.
 *
 * Output is deterministic: same pages and options, same bytes. No dependencies.
 */
import { A4, placePage, type PlacedRun, type TextLine } from './text-layout.js';

export type CidLine = TextLine;
/** A page is a list of lines laid out top-down on A4 and wrapped to the page width. */
export type CidPage = readonly (CidLine | string)[];

export interface CidPdfOptions {
  /** /Info entries; omitted when not given. */
  title?: string;
  author?: string;
  producer?: string;
  /** Written as /CreationDate, e.g. new Date('2024-05-16T09:00:00+08:00'). */
  creationDate?: Date;
}

const FONT = 'STSong-Light';

export function buildCidPdf(pages: readonly CidPage[], options: CidPdfOptions = {}): Buffer {
  if (pages.length === 0) throw new Error('buildCidPdf: at least one page is required');
  const writer = new ObjectWriter();

  // Object numbers are fixed up front so pages can refer to the page tree and the font.
  const catalogId = writer.reserve();
  const pagesId = writer.reserve();
  const fontId = writer.reserve();
  const cidFontId = writer.reserve();
  const descriptorId = writer.reserve();
  const infoId = hasInfo(options) ? writer.reserve() : undefined;

  const pageIds: number[] = [];
  for (const page of pages) {
    const content = contentStream(placePage(page));
    const contentId = writer.add(`<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`);
    pageIds.push(
      writer.add(
        `<< /Type /Page /Parent ${pagesId} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
          `/Resources << /Font << /F1 ${fontId} 0 R >> /ProcSet [/PDF /Text] >> /Contents ${contentId} 0 R >>`,
      ),
    );
  }

  writer.set(catalogId, `<< /Type /Catalog /Pages ${pagesId} 0 R >>`);
  writer.set(pagesId, `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageIds.length} >>`);
  writer.set(fontId, `<< /Type /Font /Subtype /Type0 /BaseFont /${FONT} /Encoding /UniGB-UCS2-H /DescendantFonts [${cidFontId} 0 R] >>`);
  // UniGB-UCS2-H maps ASCII U+0020–U+007E to CIDs 1–95 (proportional Latin): half an em wide here.
  writer.set(
    cidFontId,
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /${FONT} ` +
      `/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ` +
      `/FontDescriptor ${descriptorId} 0 R /DW 1000 /W [1 95 500] >>`,
  );
  writer.set(
    descriptorId,
    `<< /Type /FontDescriptor /FontName /${FONT} /Flags 6 /FontBBox [-25 -254 1000 880] ` +
      `/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>`,
  );
  if (infoId !== undefined) writer.set(infoId, infoDictionary(options));

  return writer.finish(catalogId, infoId);
}

function hasInfo(options: CidPdfOptions): boolean {
  return Boolean(options.title ?? options.author ?? options.producer ?? options.creationDate);
}

function contentStream(runs: readonly PlacedRun[]): string {
  const ops: string[] = [];
  for (const run of runs) {
    // STSong-Light has no bold face: bold is simulated by stroking the glyph outlines too.
    const style = run.bold ? `2 Tr ${(run.size / 30).toFixed(2)} w` : '0 Tr';
    ops.push(`BT /F1 ${fmt(run.size)} Tf ${style} 1 0 0 1 ${fmt(run.x)} ${fmt(run.y)} Tm <${ucs2Hex(run.text)}> Tj ET`);
  }
  return ops.join('\n');
}

/** UCS-2 big-endian hex, as UniGB-UCS2-H expects. Characters outside the BMP cannot be encoded. */
export function ucs2Hex(text: string): string {
  let hex = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdfff) throw new Error(`buildCidPdf: “${text}” has a character outside the BMP`);
    hex += code.toString(16).padStart(4, '0').toUpperCase();
  }
  return hex;
}

function infoDictionary(options: CidPdfOptions): string {
  const entries: string[] = [];
  if (options.title) entries.push(`/Title ${textString(options.title)}`);
  if (options.author) entries.push(`/Author ${textString(options.author)}`);
  if (options.producer) entries.push(`/Producer ${textString(options.producer)}`);
  if (options.creationDate) entries.push(`/CreationDate (${pdfDate(options.creationDate)})`);
  return `<< ${entries.join(' ')} >>`;
}

/** A PDF text string: UTF-16BE with a byte-order mark, hex-encoded, so Chinese titles survive. */
function textString(value: string): string {
  return `<FEFF${ucs2Hex(value)}>`;
}

function pdfDate(date: Date): string {
  const iso = date.toISOString(); // UTC
  return `D:${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
}

function fmt(n: number): string {
  return Number(n.toFixed(2)).toString();
}

/** Collects numbered objects and writes the body, the cross-reference table and the trailer. */
class ObjectWriter {
  private readonly bodies: (string | undefined)[] = [];

  reserve(): number {
    this.bodies.push(undefined);
    return this.bodies.length;
  }

  set(id: number, body: string): void {
    this.bodies[id - 1] = body;
  }

  add(body: string): number {
    const id = this.reserve();
    this.set(id, body);
    return id;
  }

  finish(rootId: number, infoId: number | undefined): Buffer {
    // A binary comment after the header tells transfer tools the file is not plain text.
    const chunks: Buffer[] = [Buffer.from('%PDF-1.4\n%\xE2\xE3\xCF\xD3\n', 'latin1')];
    let offset = chunks[0]!.length;
    const offsets: number[] = [];
    this.bodies.forEach((body, i) => {
      if (body === undefined) throw new Error(`buildCidPdf: object ${i + 1} was reserved but never written`);
      const chunk = Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`, 'latin1');
      offsets.push(offset);
      chunks.push(chunk);
      offset += chunk.length;
    });
    const xref = [
      'xref',
      `0 ${offsets.length + 1}`,
      '0000000000 65535 f ',
      ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n `),
    ].join('\n');
    const info = infoId === undefined ? '' : ` /Info ${infoId} 0 R`;
    chunks.push(Buffer.from(`${xref}\ntrailer\n<< /Size ${offsets.length + 1} /Root ${rootId} 0 R${info} >>\nstartxref\n${offset}\n%%EOF\n`, 'latin1'));
    return Buffer.concat(chunks);
  }
}
