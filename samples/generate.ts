/**
 * Regenerates samples/cases/<slug>/ (PDFs + metadata.json) and samples/agencies.xlsx from the
 * case modules in samples/cases-src/. Deterministic: the same sources give the same bytes.
 *
 *   npm run samples        (builds, then runs dist/samples/generate.js)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { caseFileMetadataSchema } from '../src/domain/case-file.js';
import { SAMPLE_CASES } from './cases-src/index.js';
import { EXTRA_AGENCIES } from './cases-src/extra-agencies.js';
import { buildCidPdf } from './lib/cid-pdf.js';
import { composeSeparate, composeVolume, type ComposedFile } from './lib/compose.js';
import { buildEmbeddedPdf } from './lib/embedded-pdf.js';
import { AGENCY_LEVEL_LABELS, type Agency, type SampleCase } from './lib/sample-case.js';

const MAX_CASE_BYTES = 300 * 1024;
/** Every page must read as a page of Chinese text; tests/samples.test.ts asserts at least 30. */
const MIN_CJK_PER_PAGE = 40;

/** The directory holding package.json, whether this runs from samples/ or from dist/samples/. */
function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the generator');
    dir = parent;
  }
  return dir;
}

function writeCase(dir: string, sample: SampleCase): { pages: number; bytes: number } {
  // Validate first: a sample that the API would reject is a bug in the sample.
  const caseFile = caseFileMetadataSchema.parse(sample.caseFile);
  const files: { file: string; composed: ComposedFile }[] =
    sample.packaging.kind === 'volume'
      ? [{ file: 'volume.pdf', composed: composeVolume(sample.packaging.parts) }]
      : composeSeparate(sample.packaging.documents);

  mkdirSync(dir, { recursive: true });
  const creationDate = new Date(`${caseFile.dates.decidedOn ?? caseFile.dates.closedOn ?? '2024-01-01'}T09:00:00+08:00`);
  let bytes = 0;
  let pages = 0;
  for (const { file, composed } of files) {
    composed.pages.forEach((page, i) => {
      const cjk = page.map((l) => (typeof l === 'string' ? l : l.text).match(/\p{Script=Han}/gu)?.length ?? 0).reduce((a, b) => a + b, 0);
      if (cjk < MIN_CJK_PER_PAGE) throw new Error(`${sample.slug}/${file} page ${i + 1}: only ${cjk} Chinese characters`);
    });
    const options = { title: `${sample.agency.name} ${caseFile.caseNumber}`, producer: 'pingcha samples', creationDate };
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
  return { pages, bytes };
}

const AGENCY_HEADER = ['名称', '简称', '统一社会信用代码', '所属区域', '执法领域', '层级'];

function agencyRows(agencies: readonly Agency[]): string[][] {
  return agencies.map((a) => [a.name, a.shortName, a.creditCode, a.region, a.sector, AGENCY_LEVEL_LABELS[a.level]]);
}

/**
 * xlsx files are zips whose entries carry the time of writing, so the workbook is rewritten
 * only when its rows change; otherwise every run would show up as a modified file.
 */
async function writeAgencies(path: string, agencies: readonly Agency[]): Promise<void> {
  const rows = [AGENCY_HEADER, ...agencyRows(agencies)];
  if (existsSync(path)) {
    const existing = new ExcelJS.Workbook();
    await existing.xlsx.load(readFileSync(path) as unknown as ArrayBuffer);
    const sheet = existing.worksheets[0];
    const current: string[][] = [];
    sheet?.eachRow((row) => current.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    if (JSON.stringify(current) === JSON.stringify(rows)) return;
  }

  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'pingcha samples';
  workbook.created = workbook.modified = new Date('2024-01-01T00:00:00Z');
  const sheet = workbook.addWorksheet('执法单位');
  sheet.columns = [{ width: 36 }, { width: 20 }, { width: 22 }, { width: 18 }, { width: 14 }, { width: 8 }];
  rows.forEach((row) => sheet.addRow(row));
  sheet.getRow(1).font = { bold: true };
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  writeFileSync(path, Buffer.from(await workbook.xlsx.writeBuffer()));
}

async function main(): Promise<void> {
  const root = projectRoot();
  const casesDir = join(root, 'samples', 'cases');
  rmSync(casesDir, { recursive: true, force: true });
  for (const sample of SAMPLE_CASES) {
    const { pages, bytes } = writeCase(join(casesDir, sample.slug), sample);
    console.log(`${sample.slug}: ${pages} pages, ${Math.round(bytes / 1024)} KB (${sample.font}, ${sample.packaging.kind})`);
  }
  await writeAgencies(join(root, 'samples', 'agencies.xlsx'), [...SAMPLE_CASES.map((c) => c.agency), ...EXTRA_AGENCIES]);
  console.log('samples/agencies.xlsx written');
}

await main();
