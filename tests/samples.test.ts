/**
 * The sample case volumes in samples/cases are valid input and tell the truth about themselves:
 * metadata passes the schema, the PDFs read as Chinese text page by page (CID fonts included),
 * the ground-truth page ranges cover every page once and start on the document's title, and
 * every law article they cite exists in the law texts (../shared/data/laws).
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseFileMetadataSchema } from '../src/domain/case-file.js';
import { DOCUMENT_TYPES } from '../src/ingest/document-types.js';
import { findCitations, lawProblem } from './helpers/law-citations.js';
import { cjkCount, readPdfPages, withoutWhitespace } from './helpers/pdf-read.js';
import { loadSamples, type SampleCase } from './helpers/samples.js';

const samples = loadSamples();
const canonicalTitle = new Map<string, string>(DOCUMENT_TYPES.map((t) => [t.code, (t.titles as readonly string[])[0] ?? '']));

/** Extracted page texts per sample and file, read once. */
const texts = new Map<string, string[]>();
const key = (sample: SampleCase, file: string) => `${sample.slug}/${file}`;

beforeAll(async () => {
  for (const sample of samples) {
    for (const { file } of sample.files) {
      texts.set(key(sample, file), await readPdfPages(fs.readFileSync(path.join(sample.dir, file))));
    }
  }
});

describe('sample set', () => {
  it('has six cases in both fonts and both packagings', () => {
    expect(samples).toHaveLength(6);
    expect(new Set(samples.map((s) => s.font))).toEqual(new Set(['embedded', 'cid']));
    expect(samples.some((s) => s.files.length === 1 && s.files[0]?.file === 'volume.pdf')).toBe(true);
    expect(samples.some((s) => s.files.length > 1 && s.files.every((f) => f.documents.length === 1))).toBe(true);
  });
});

describe.each(samples.map((s) => [s.slug, s] as const))('sample %s', (_slug, sample) => {
  it('has case metadata the API accepts', () => {
    expect(() => caseFileMetadataSchema.parse(sample.caseFile)).not.toThrow();
    expect(['province', 'city', 'county', 'township']).toContain(sample.agency.level);
  });

  it('lists PDF files that exist and use the font the metadata names', () => {
    for (const { file } of sample.files) {
      const bytes = fs.readFileSync(path.join(sample.dir, file));
      expect(bytes.subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
      const raw = bytes.toString('latin1');
      if (sample.font === 'cid') {
        expect(raw, file).toContain('/BaseFont /STSong-Light');
        expect(raw, file).not.toMatch(/\/FontFile[23]?\b/);
      } else {
        expect(raw, file).toMatch(/\/FontFile3?\b/);
      }
    }
  });

  it('covers every page exactly once, and every page reads as Chinese text', () => {
    for (const { file, documents } of sample.files) {
      const pages = texts.get(key(sample, file))!;
      let next = 1;
      for (const doc of documents) {
        expect(doc.startPage, `${file} ${doc.type}`).toBe(next);
        expect(doc.endPage, `${file} ${doc.type}`).toBeGreaterThanOrEqual(doc.startPage);
        next = doc.endPage + 1;
      }
      expect(pages, file).toHaveLength(next - 1);
      pages.forEach((text, i) => expect(cjkCount(text), `${file} page ${i + 1}`).toBeGreaterThanOrEqual(30));
    }
  });

  it("starts each document on a page that carries its type's canonical title", () => {
    for (const { file, documents } of sample.files) {
      const pages = texts.get(key(sample, file))!;
      for (const doc of documents) {
        const title = canonicalTitle.get(doc.type);
        expect(title, doc.type).toBeTruthy();
        expect(withoutWhitespace(pages[doc.startPage - 1] ?? ''), `${file} page ${doc.startPage}`).toContain(title);
      }
    }
  });

  it('cites only law articles, paragraphs and items that exist', () => {
    for (const { file } of sample.files) {
      const text = withoutWhitespace(texts.get(key(sample, file))!.join(''));
      for (const citation of findCitations(text)) {
        expect(lawProblem(citation), `${file}: 《${citation.law}》${citation.ref}`).toBeNull();
      }
    }
  });
});
