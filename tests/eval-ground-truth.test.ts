/**
 * The evaluation ground truth (samples/ground-truth/*.json, written by `npm run samples`) is
 * well formed and consistent with the samples it describes: every file is valid, names PDFs that
 * exist, uses rule ids from the catalog, seeds enough defects over enough rules, and the six clean
 * samples expect no finding.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MACHINE_RULES } from '../src/checks/rule-catalog.js';
import { CASE_TYPE_CODES } from '../src/domain/case-file.js';
import { loadSamples } from './helpers/samples.js';

const samplesRoot = path.resolve(import.meta.dirname, '../samples');
const truthDir = path.join(samplesRoot, 'ground-truth');

const located = { file: z.string().min(1), page: z.number().int().positive() };
const truthSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9-]+$/),
    source: z.string().regex(/^(cases|eval)\/[a-z0-9-]+$/),
    caseType: z.enum(CASE_TYPE_CODES),
    facts: z
      .object({
        caseNumbers: z.array(z.object({ value: z.string().min(4), ...located }).strict()),
        dates: z.array(
          z
            .object({
              value: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
              role: z.enum(['filing', 'investigation', 'notice', 'statement', 'hearing', 'decision', 'service', 'closing']).nullable(),
              ...located,
            })
            .strict(),
        ),
        amounts: z.array(
          z
            .object({
              value: z.number().nonnegative(),
              role: z.enum(['fine', 'confiscation', 'illegal_gains', 'goods_value', 'investment', 'late_fee', 'other']).nullable(),
              ...located,
            })
            .strict(),
        ),
        citations: z.array(
          z
            .object({ law: z.string().min(2), article: z.number().int().positive(), clause: z.number().int().positive().nullable(), item: z.number().int().positive().nullable(), ...located })
            .strict(),
        ),
        officers: z.array(z.object({ name: z.string().min(2), certificateNumber: z.string().nullable(), ...located }).strict()),
        parties: z.array(z.object({ name: z.string().min(2), ...located }).strict()),
      })
      .strict(),
    findings: z.array(z.object({ rule: z.string(), file: z.string().nullable(), note: z.string().min(4) }).strict()),
  })
  .strict();
type Truth = z.infer<typeof truthSchema>;

const truths: Truth[] = fs.existsSync(truthDir)
  ? fs
      .readdirSync(truthDir)
      .filter((n) => n.endsWith('.json'))
      .sort()
      .map((n) => truthSchema.parse(JSON.parse(fs.readFileSync(path.join(truthDir, n), 'utf8'))))
  : [];
const catalog = new Set<string>(MACHINE_RULES.map((r) => r.id));

/** The rule ids the pre-check implements, when its rules compile; null otherwise. */
async function implementedRules(): Promise<Set<string> | null> {
  try {
    const { ALL_RULES } = (await import('../src/checks/rules/index.js')) as { ALL_RULES: readonly { id: string }[] };
    return new Set(ALL_RULES.map((r) => r.id));
  } catch {
    return null;
  }
}

/** The rules every rule family of the brief must be seeded for (samples/README.md, evaluation). */
const SEEDED_RULES = [
  'documents.required_present', 'officers.two_with_certificates', 'dates.chain_in_order', 'decision.within_90_days', 'service.within_7_days',
  'notice.statement_period_5_working_days', 'notice.before_decision', 'hearing.right_notified', 'hearing.notice_7_days', 'simple_procedure.amount_limit',
  'legal_review.when_required', 'collective_discussion.when_required', 'decision.statutory_elements', 'decision.remedy_clause', 'citation.specific',
  'citation.exists', 'citation.law_version', 'decision.not_heavier_than_notice', 'decision.amounts_consistent', 'amounts.figures_agree',
  'party.name_consistent', 'party.identifier_valid', 'party.identifier_consistent', 'case_number.format', 'case_number.consistent', 'text.template_leftovers',
];

describe('evaluation ground truth', () => {
  it('exists for every clean sample and the evaluation variants', () => {
    const slugs = new Set(truths.map((t) => t.slug));
    for (const sample of loadSamples()) expect(slugs, sample.slug).toContain(sample.slug);
    expect(truths.filter((t) => t.source.startsWith('eval/')).length).toBeGreaterThanOrEqual(15);
    expect(slugs).toContain('not-a-case-file');
  });

  it.each(truths.map((t) => [t.slug, t] as const))('%s refers to a case directory with its PDFs', (slug, truth) => {
    const dir = path.join(samplesRoot, truth.source);
    expect(path.basename(dir)).toBe(slug);
    const metadata = JSON.parse(fs.readFileSync(path.join(dir, 'metadata.json'), 'utf8')) as { caseFile: { caseType: string } | null; files: { file: string }[] };
    const files = new Set(metadata.files.map((f) => f.file));
    for (const file of files) expect(fs.readFileSync(path.join(dir, file)).subarray(0, 5).toString('latin1'), file).toBe('%PDF-');
    if (metadata.caseFile) expect(metadata.caseFile.caseType).toBe(truth.caseType);
    for (const finding of truth.findings) if (finding.file !== null) expect(files, `${finding.rule} in ${finding.file}`).toContain(finding.file);
    for (const fact of Object.values(truth.facts).flat()) expect(files, JSON.stringify(fact)).toContain(fact.file);
  });

  it('uses only rule ids from the catalog', () => {
    for (const truth of truths) for (const f of truth.findings) expect(catalog, `${truth.slug}: ${f.rule}`).toContain(f.rule);
  });

  it('seeds at least 30 defects, covering every rule the pre-check implements', async () => {
    const seeded = truths.flatMap((t) => t.findings);
    expect(seeded.length).toBeGreaterThanOrEqual(30);
    const covered = new Set(seeded.map((f) => f.rule));
    expect(covered.size).toBeGreaterThanOrEqual(10);
    const implemented = await implementedRules();
    const required = implemented ? SEEDED_RULES.filter((id) => implemented.has(id)) : SEEDED_RULES.filter((id) => catalog.has(id));
    for (const rule of required) expect(covered, rule).toContain(rule);
  });

  it('expects no finding in the clean samples', () => {
    const clean = truths.filter((t) => t.source.startsWith('cases/'));
    expect(clean).toHaveLength(loadSamples().length);
    for (const truth of clean) expect(truth.findings, truth.slug).toEqual([]);
  });

  it('lists the facts a reader finds in every case', () => {
    for (const truth of truths.filter((t) => t.slug !== 'not-a-case-file')) {
      for (const kind of ['caseNumbers', 'dates', 'citations', 'officers', 'parties'] as const) {
        expect(truth.facts[kind].length, `${truth.slug} ${kind}`).toBeGreaterThan(0);
      }
      expect(truth.facts.dates.some((d) => d.role === 'decision'), `${truth.slug}: a decision date`).toBe(true);
    }
  });
});
