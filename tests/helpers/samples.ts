/** The sample case volumes in samples/cases, with their metadata and ground truth. */
import fs from 'node:fs';
import path from 'node:path';

export const samplesDir = path.resolve(import.meta.dirname, '../../samples/cases');

export interface SampleCase {
  slug: string;
  dir: string;
  agency: { name: string; shortName?: string; creditCode?: string; region?: string; sector?: string; level?: string };
  caseFile: Record<string, unknown> & { caseNumber: string; caseType: string };
  files: { file: string; documents: { type: string; startPage: number; endPage: number }[] }[];
  font: 'embedded' | 'cid';
}

export function loadSamples(): SampleCase[] {
  return fs
    .readdirSync(samplesDir)
    .filter((slug) => fs.existsSync(path.join(samplesDir, slug, 'metadata.json')))
    .sort()
    .map((slug) => ({ slug, dir: path.join(samplesDir, slug), ...JSON.parse(fs.readFileSync(path.join(samplesDir, slug, 'metadata.json'), 'utf8')) }));
}
