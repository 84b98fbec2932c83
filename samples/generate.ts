/**
 * Regenerates samples/cases/<slug>/ (PDFs + metadata.json), the evaluation variants in
 * samples/eval/, the ground truth in samples/ground-truth/ and samples/agencies.xlsx from the
 * case modules in samples/cases-src/. Deterministic: the same sources give the same bytes.
 *
 *   npm run samples        (builds, then runs dist/samples/generate.js)
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { SAMPLE_CASES } from './cases-src/index.js';
import { EXTRA_AGENCIES } from './cases-src/extra-agencies.js';
import { EVAL_VARIANTS, NOT_A_CASE_FILE, buildVariant } from './eval-variants.js';
import { groundTruth, type GroundTruth } from './lib/ground-truth.js';
import { AGENCY_LEVEL_LABELS, type Agency } from './lib/sample-case.js';
import { composeCase, projectRoot, writeCase } from './lib/write-case.js';

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
  const truthDir = join(root, 'samples', 'ground-truth');
  rmSync(truthDir, { recursive: true, force: true });
  mkdirSync(truthDir, { recursive: true });
  const writeTruth = (truth: GroundTruth) => writeFileSync(join(truthDir, `${truth.slug}.json`), `${JSON.stringify(truth, null, 1)}\n`);

  for (const sample of SAMPLE_CASES) {
    const { pages, bytes, files } = writeCase(join(casesDir, sample.slug), sample);
    console.log(`${sample.slug}: ${pages} pages, ${Math.round(bytes / 1024)} KB (${sample.font}, ${sample.packaging.kind})`);
    writeTruth(groundTruth({ slug: sample.slug, source: `cases/${sample.slug}`, caseType: sample.caseFile.caseType, files, findings: [] }));
  }

  // Evaluation variants: the clean cases with seeded defects or other wordings (eval-variants.ts).
  const evalDir = join(root, 'samples', 'eval');
  rmSync(evalDir, { recursive: true, force: true });
  let seeded = 0;
  for (const variant of EVAL_VARIANTS) {
    const built = buildVariant(variant);
    const files = composeCase(built.sample);
    built.check();
    writeCase(join(evalDir, variant.slug), built.sample, files);
    const findings = built.findings(files);
    seeded += findings.length;
    writeTruth(groundTruth({ slug: variant.slug, source: `eval/${variant.slug}`, caseType: built.sample.caseFile.caseType, files, findings }));
    const dropped = built.droppedMetadata.length ? ` (metadata without ${built.droppedMetadata.join(', ')})` : '';
    console.log(`eval/${variant.slug}: ${findings.length} seeded findings${dropped}`);
  }
  const notCase = writeCase(join(evalDir, NOT_A_CASE_FILE.slug), NOT_A_CASE_FILE);
  writeTruth(groundTruth({ slug: NOT_A_CASE_FILE.slug, source: `eval/${NOT_A_CASE_FILE.slug}`, caseType: 'other', files: notCase.files, findings: [] }));
  console.log(`eval: ${EVAL_VARIANTS.length} variants, ${seeded} seeded findings; samples/ground-truth written`);
  await writeAgencies(join(root, 'samples', 'agencies.xlsx'), [...SAMPLE_CASES.map((c) => c.agency), ...EXTRA_AGENCIES]);
  console.log('samples/agencies.xlsx written');
}

await main();
