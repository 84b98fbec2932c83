/**
 * pdf.js as installed carries pingcha's patch (patches/pdfjs-dist+5.4.296.patch, applied by
 * patch-package in postinstall; see src/ingest/pdfjs.ts), and the patch changes no text: every
 * sample PDF reads exactly as it did with unpatched pdf.js. The expected hashes were taken
 * with the unpatched worker (tests/fixtures/sample-pdf-text.sha256.json). Each file is read
 * twice in this thread, so the second reading goes through the per-thread CMap caches.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PDFJS_WORKER_FILE } from '../src/ingest/pdfjs.js';
import { extractPdfPages } from '../src/ingest/pdf-text.js';
import { textPdf } from './helpers/pdf-fixtures.js';
import { cjkCount, readPdfPages } from './helpers/pdf-read.js';

const expected = JSON.parse(fs.readFileSync(new URL('./fixtures/sample-pdf-text.sha256.json', import.meta.url), 'utf8')) as Record<string, string>;

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
    expect(source.match(/pingcha patch:/g)).toHaveLength(3);
    expect(source).toContain('function transformText(m1, m2)');
    expect(source).toContain('const parsedBuiltInCMaps = new Map();');
    expect(source).toContain('const ucs2ToUnicodeCache = new WeakMap();');
  });

  it('reads every sample PDF exactly as unpatched pdf.js did, first and second time in a thread', async () => {
    const files = Object.keys(expected);
    expect(files.length).toBeGreaterThan(100);
    expect(files.some((f) => f.endsWith('volume.pdf'))).toBe(true);
    for (const pass of [1, 2]) {
      for (const file of files) expect(await textHash(file), `${file} (pass ${pass})`).toBe(expected[file]);
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
