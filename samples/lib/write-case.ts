/**
 * Writes one case directory: its PDFs (one volume or one file per document) and metadata.json.
 * Shared by the clean samples (samples/cases/) and the evaluation variants (samples/eval/).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseFileMetadataSchema } from '../../src/domain/case-file.js';
import { buildCidPdf } from './cid-pdf.js';
import { composeSeparate, composeVolume, type ComposedFile } from './compose.js';
import { buildEmbeddedPdf } from './embedded-pdf.js';
import type { SampleCase } from './sample-case.js';

const MAX_CASE_BYTES = 300 * 1024;
/** Every page must read as a page of Chinese text; tests/samples.test.ts asserts at least 30. */
const MIN_CJK_PER_PAGE = 40;

/** The directory holding package.json, whether this runs from samples/ or from dist/samples/. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the generator');
    dir = parent;
  }
  return dir;
}

export interface WrittenFile {
  file: string;
  composed: ComposedFile;
}

export interface WrittenCase {
  pages: number;
  bytes: number;
  files: WrittenFile[];
}

/** Composes the case's files without writing anything. */
export function composeCase(sample: Pick<SampleCase, 'packaging'>): WrittenFile[] {
  return sample.packaging.kind === 'volume'
    ? [{ file: 'volume.pdf', composed: composeVolume(sample.packaging.parts) }]
    : composeSeparate(sample.packaging.documents);
}

/**
 * `caseFile: null` writes a directory without case metadata (a PDF that is not a case file);
 * its metadata.json then carries `caseFile: null`.
 */
export function writeCase(dir: string, sample: Omit<SampleCase, 'caseFile'> & { caseFile: SampleCase['caseFile'] | null }, files: WrittenFile[] = composeCase(sample)): WrittenCase {
  // Validate first: a sample that the API would reject is a bug in the sample.
  const caseFile = sample.caseFile === null ? null : caseFileMetadataSchema.parse(sample.caseFile);

  mkdirSync(dir, { recursive: true });
  const creationDate = new Date(`${caseFile?.dates.decidedOn ?? caseFile?.dates.closedOn ?? '2024-01-01'}T09:00:00+08:00`);
  let bytes = 0;
  let pages = 0;
  for (const { file, composed } of files) {
    composed.pages.forEach((page, i) => {
      const cjk = page.map((l) => (typeof l === 'string' ? l : l.text).match(/\p{Script=Han}/gu)?.length ?? 0).reduce((a, b) => a + b, 0);
      if (cjk < MIN_CJK_PER_PAGE) throw new Error(`${sample.slug}/${file} page ${i + 1}: only ${cjk} Chinese characters`);
    });
    const options = { title: `${sample.agency.name} ${caseFile?.caseNumber ?? ''}`.trim(), producer: 'pingcha samples', creationDate };
    const pdf = sample.font === 'cid' ? buildCidPdf(composed.pages, options) : buildEmbeddedPdf(composed.pages, options);
    writeFileSync(join(dir, file), pdf);
    bytes += pdf.length;
    pages += composed.pages.length;
  }
  if (bytes > MAX_CASE_BYTES) throw new Error(`${sample.slug}: ${bytes} bytes of PDF, more than ${MAX_CASE_BYTES}`);

  const metadata = {
    agency: sample.agency,
    caseFile,
    files: files.map(({ file, composed }) => ({ file, documents: composed.documents })),
    font: sample.font,
  };
  writeFileSync(join(dir, 'metadata.json'), `${JSON.stringify(metadata, null, 2)}\n`);
  return { pages, bytes, files };
}
