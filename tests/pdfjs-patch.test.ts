/**
 * pdf.js as installed carries pingcha's patch (patches/pdfjs-dist+5.4.296.patch, applied by
 * patch-package in postinstall; see src/ingest/pdfjs.ts), and the patch changes no text: every
 * sample PDF reads exactly as it did with unpatched pdf.js. The expected hashes were taken
 * with the unpatched worker (tests/fixtures/sample-pdf-text.sha256.json), and so were those of
 * every text item pdf.js returns — string, position matrix, size, direction, font, line ends
 * (sample-pdf-items.sha256.json; pdf.js numbers fonts per document opened in the thread, so
 * that number is left out). Each file is read twice in this thread, so the second reading
 * goes through the per-thread caches.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { openPdf, PDFJS_WORKER_FILE } from '../src/ingest/pdfjs.js';
import { extractPdfPages } from '../src/ingest/pdf-text.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { cjkCount, readPdfPages } from './helpers/pdf-read.js';

const expected = JSON.parse(fs.readFileSync(new URL('./fixtures/sample-pdf-text.sha256.json', import.meta.url), 'utf8')) as Record<string, string>;
const expectedItems = JSON.parse(fs.readFileSync(new URL('./fixtures/sample-pdf-items.sha256.json', import.meta.url), 'utf8')) as Record<string, string>;

/** Font names look like "g_d3_f1", where 3 counts the documents opened in this thread. */
const withoutDocumentNumber = (json: string) => json.replace(/"g_d\d+_/g, '"g_d_');

async function itemsHash(file: string): Promise<string> {
  const pdf = openPdf(new Uint8Array(fs.readFileSync(file)));
  const hash = crypto.createHash('sha256');
  try {
    const document = await pdf.document;
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber++) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      hash.update(withoutDocumentNumber(JSON.stringify(content.items)));
      hash.update(withoutDocumentNumber(JSON.stringify(content.styles)));
      page.cleanup();
    }
  } finally {
    await pdf.close();
  }
  return hash.digest('hex');
}

async function textHash(file: string): Promise<string> {
  const result = await extractPdfPages(new Uint8Array(fs.readFileSync(file)));
  if (!result.ok) throw new Error(`${file}: ${result.message}`);
  return crypto
    .createHash('sha256')
    .update(JSON.stringify(result.pages.map((p) => p.text)))
    .digest('hex');
}

describe('patched pdf.js', () => {
  it('is installed with every change of the patch (run `npx patch-package` if not)', () => {
    const source = fs.readFileSync(PDFJS_WORKER_FILE, 'utf8');
    expect(source.match(/pingcha patch:/g)).toHaveLength(10);
    expect(source).toContain('function getCurrentTextTransform(into)');
    expect(source).toContain('const prevTransformBuffer = [0, 0, 0, 0, 0, 0];');
    expect(source).toContain('const parsedBuiltInCMaps = new Map();');
    expect(source).toContain('const ucs2ToUnicodeCache = new WeakMap();');
    expect(source).toContain('const sharedToFontChars = new WeakMap();');
    expect(source).toContain('let keptTextContentClosures = null;');
  });

  it('reads every sample PDF exactly as unpatched pdf.js did, first and second time in a thread', async () => {
    const files = Object.keys(expected);
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith('volume.pdf'))).toBe(true);
    for (const pass of [1, 2]) {
      for (const file of files) expect(await textHash(file), `${file} (pass ${pass})`).toBe(expected[file]);
    }
  }, 120_000);

  it('gives every sample PDF the same text items (strings, matrices, sizes, fonts) as unpatched pdf.js, first and second time', async () => {
    const files = Object.keys(expectedItems);
    expect(files.sort()).toEqual(Object.keys(expected).sort());
    for (const pass of [1, 2]) {
      for (const file of files) expect(await itemsHash(file), `${file} (pass ${pass})`).toBe(expectedItems[file]);
    }
  }, 120_000);

  it('still fails a document opened without CMap files after another was read with them (the CMap trap stays visible)', async () => {
    const lines = ['江州市滨江区市场监督管理局', '行政处罚决定书'];
    const pdf = textPdf([lines], { font: 'cid' });
    const withCMaps = async () => cjkCount((await readPdfPages(pdf)).join(''));
    expect(await withCMaps()).toBe(cjkCount(lines.join('')));
    expect((await readPdfPages(pdf, { cmaps: false })).map(cjkCount)).toEqual([0]);
    expect(await withCMaps()).toBe(cjkCount(lines.join('')));
  });
});
