/**
 * The service's own extractor (src/ingest/pdf-text.ts, pdf.js called directly): the same page
 * text pdf-parse's getText gives (the shape detection, facts and the evaluation were built on),
 * the CMaps always used, and broken files reported as the reasons users see.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractPdfPages, probePdf } from '../src/ingest/pdf-text.js';
import { layoutPageText } from '../src/ingest/text-layout.js';
import { encryptedPdf, imageOnlyPdf, largeCidPdf, notAPdf, textPdf, truncatedPdf } from './helpers/pdf-fixtures.js';
import { cjkCount, readPdfPages } from './helpers/pdf-read.js';
import { loadSamples } from './helpers/samples.js';

async function extractedTexts(data: Uint8Array): Promise<string[]> {
  const result = await extractPdfPages(new Uint8Array(data));
  if (!result.ok) throw new Error(result.message);
  expect(result.pages.map((p) => p.pageNumber)).toEqual(result.pages.map((_, i) => i + 1));
  return result.pages.map((p) => p.text);
}

const PAGES = [
  ['江州市滨江区市场监督管理局', '行政处罚决定书', '滨市监处罚〔2024〕126号', '当事人：江州市鲜达超市有限公司'],
  ['询问笔录', '问：你是否知道所售食品已超过保质期？', '答：知道，我们没有及时下架。'],
];

describe('page text', () => {
  it.each(['embedded', 'cid'] as const)('is exactly what pdf-parse reads (%s font)', async (font) => {
    const pdf = textPdf(PAGES, { font });
    expect(await extractedTexts(pdf)).toEqual(await readPdfPages(pdf));
  });

  it('reads the non-embedded Chinese font through the CMaps', async () => {
    const pages = await extractedTexts(textPdf(PAGES, { font: 'cid' }));
    expect(pages.map(cjkCount)).toEqual(PAGES.map((lines) => cjkCount(lines.join(''))));
  });

  it('is exactly what pdf-parse reads for every sample volume', async () => {
    const files = loadSamples().flatMap((s) => s.files.map((f) => path.join(s.dir, f.file)));
    expect(files.length).toBeGreaterThan(6);
    for (const file of files) {
      const data = fs.readFileSync(file);
      expect(await extractedTexts(data), file).toEqual(await readPdfPages(data));
    }
  });

  it('reports progress while a long volume is read, ending with every page', async () => {
    const calls: [number, number][] = [];
    const result = await extractPdfPages(new Uint8Array(largeCidPdf(45)), (done, total) => calls.push([done, total]));
    expect(result.ok).toBe(true);
    expect(calls).toEqual([
      [20, 45],
      [40, 45],
      [45, 45],
    ]);
  });

  it('gives empty pages for a PDF without a text layer', async () => {
    expect(await extractedTexts(imageOnlyPdf(2))).toEqual(['', '']);
  });
});

describe('broken files', () => {
  it('names an encrypted PDF, when probed and when extracted', async () => {
    expect(await probePdf(new Uint8Array(encryptedPdf()))).toMatchObject({ ok: false, code: 'pdf_encrypted' });
    expect(await extractPdfPages(new Uint8Array(encryptedPdf()))).toMatchObject({ ok: false, code: 'pdf_encrypted' });
  });

  it.each([
    ['truncated', truncatedPdf],
    ['not a PDF', notAPdf],
  ])('names a corrupt file (%s)', async (_name, build) => {
    expect(await probePdf(new Uint8Array(build()))).toMatchObject({ ok: false, code: 'pdf_corrupt' });
    expect(await extractPdfPages(new Uint8Array(build()))).toMatchObject({ ok: false, code: 'pdf_corrupt' });
  });

  it('probes a valid file for its page count', async () => {
    expect(await probePdf(new Uint8Array(textPdf(PAGES, { font: 'cid' })))).toEqual({ ok: true, pageCount: 2 });
  });
});

describe('layoutPageText', () => {
  const item = (str: string, x: number, y: number, options: { width?: number; height?: number; hasEOL?: boolean } = {}) => ({
    str,
    transform: [12, 0, 0, 12, x, y],
    width: options.width ?? str.length * 12,
    height: options.height ?? 12,
    hasEOL: options.hasEOL ?? false,
  });
  // An A4 page at scale 1: y grows downwards from the top edge.
  const viewport = [1, 0, 0, -1, 0, 842];

  it('breaks lines where the baseline jumps, and not twice after an end of line', () => {
    expect(layoutPageText([item('行政处罚决定书', 100, 800), item('当事人：某公司', 72, 770)], viewport)).toBe('行政处罚决定书\n当事人：某公司');
    expect(layoutPageText([item('询问笔录', 100, 800, { hasEOL: true }), item('问：', 72, 770)], viewport)).toBe('询问笔录\n问：');
  });

  it('keeps items of one line together, with a tab across a wide gap', () => {
    expect(layoutPageText([item('案由：', 72, 700), item('超范围经营', 108, 700)], viewport)).toBe('案由：超范围经营');
    expect(layoutPageText([item('案由：', 72, 700), item('超范围经营', 300, 700)], viewport)).toBe('案由：\t超范围经营');
  });

  it('skips marked-content entries', () => {
    expect(layoutPageText([{ type: 'beginMarkedContent' }, item('送达回证', 72, 700), { type: 'endMarkedContent' }], viewport)).toBe('送达回证');
  });
});
