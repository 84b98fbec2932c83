/**
 * The four shipped scoring schemes in scoring-schemes/: each file parses and passes the
 * consistency checks, and each scheme scores hand-computed example cases exactly as the rules
 * in src/scoring/score.ts say (only confirmed findings count; non-applicable items leave the
 * denominator; caps; veto effects; grades). Every expected number below is computed by hand in
 * the comment next to it, rounded half away from zero to 0.01.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseFactsFrom, type CaseFacts } from '../src/scoring/case-facts.js';
import type { Scheme } from '../src/scoring/scheme.js';
import { shippedSchemesDir } from '../src/scoring/scheme-files.js';
import { scoreCase, type NotApplicableMark, type ScoreResult, type ScoringFinding } from '../src/scoring/score.js';
import { checkFinding, parseScheme, type FindingInput } from '../src/scoring/validate.js';

const dir = shippedSchemesDir();
const schemeFiles = fs
  .readdirSync(dir)
  .filter((name) => name.endsWith('.json') && name !== 'scheme.schema.json')
  .sort();

function load(file: string): Scheme {
  const parsed = parseScheme(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues, null, 2)}`);
  return parsed.scheme;
}

// ---------------------------------------------------------------------------------------
// Builders
// ---------------------------------------------------------------------------------------

let seq = 0;
type Extra = Partial<Pick<ScoringFinding, 'points' | 'occurrences' | 'status'>>;
/** A finding on an item; confirmed, one occurrence unless told. */
const onItem = (id: string, extra: Extra = {}): ScoringFinding => ({
  id: `f${++seq}`,
  target: { kind: 'item', id },
  occurrences: 1,
  status: 'confirmed',
  ...extra,
});
/** A finding on a veto. */
const onVeto = (id: string, status: ScoringFinding['status'] = 'confirmed'): ScoringFinding => ({
  id: `f${++seq}`,
  target: { kind: 'veto', id },
  occurrences: 1,
  status,
});
const na = (id: string, reason = '评查人员标注不适用'): NotApplicableMark => ({ id, reason });

function facts(caseType: CaseFacts['caseType'], documents: string[], over: { flags?: Partial<CaseFacts['flags']>; amounts?: Partial<CaseFacts['amounts']> } = {}): CaseFacts {
  return {
    caseType,
    partyKind: 'organization',
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false, ...over.flags },
    amounts: { fine: 0, confiscation: 0, other: 0, ...over.amounts },
    documents,
  };
}

/** Every confirmed finding of a case must be one the scheme accepts for that case. */
function expectRecordable(scheme: Scheme, caseFacts: CaseFacts, findings: readonly ScoringFinding[], marks: readonly NotApplicableMark[] = []) {
  for (const finding of findings.filter((f) => f.status === 'confirmed')) {
    expect(checkFinding(scheme, caseFacts, finding, marks), `${finding.target.id}`).toEqual([]);
  }
}

function section(result: ScoreResult, id: string) {
  const found = result.sections.find((s) => s.id === id);
  if (!found) throw new Error(`no section ${id}`);
  return found;
}

function rejects(scheme: Scheme, caseFacts: CaseFacts, finding: FindingInput, path: string, marks: readonly NotApplicableMark[] = []) {
  const issues = checkFinding(scheme, caseFacts, finding, marks);
  expect(issues.map((i) => i.path), JSON.stringify(finding)).toContain(path);
  return issues;
}

// ---------------------------------------------------------------------------------------
// All files
// ---------------------------------------------------------------------------------------

describe('scoring-schemes/*.json', () => {
  it('holds the four shipped schemes', () => {
    expect(schemeFiles).toEqual(expect.arrayContaining(['coercion-seizure.json', 'license.json', 'mee-2024-penalty.json', 'penalty-general.json']));
  });

  it.each(schemeFiles)('%s parses with no issues and names its source', (file) => {
    const parsed = parseScheme(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    const { source } = parsed.scheme;
    expect(source.title.length).toBeGreaterThan(0);
    expect(source.issuer?.length ?? 0).toBeGreaterThan(0);
    expect(source.reference?.length ?? 0).toBeGreaterThan(0);
    expect(Object.keys(parsed.scheme.parameters).length).toBeGreaterThan(0);
    for (const p of Object.values(parsed.scheme.parameters)) expect(p.basis?.length ?? 0).toBeGreaterThan(0);
  });

  it('scheme ids are unique', () => {
    const ids = schemeFiles.map((file) => load(file).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

// ---------------------------------------------------------------------------------------
// penalty-general
// ---------------------------------------------------------------------------------------

describe('penalty-general', () => {
  const scheme = load('penalty-general.json');
  const documents = [
    'filing_approval',
    'site_inspection_record',
    'inquiry_record',
    'evidence',
    'investigation_report',
    'case_handling_approval',
    'penalty_notice',
    'penalty_decision',
    'service_receipt',
    'payment_receipt',
    'closing_approval',
  ];
  /**
   * An ordinary file: no hearing, not a major decision, a fine of 20 000 yuan, nothing
   * confiscated, no 先行登记保存. Not applicable by condition: 2.2 (2), 2.6 (2), 2.7 (2),
   * 2.8 (3), 2.9 (3), 3.3 (3) = 15, so the applicable maximum is 100 − 15 = 85.
   */
  const base = caseFactsFrom(
    { caseType: 'penalty_general', party: { name: '某某化工有限公司', kind: 'organization' }, flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false }, amounts: { fine: 20000 } },
    documents,
  );
  /** A major case with a hearing and a confiscation: every item applies (100). */
  const full = facts('penalty_general', [...documents, 'evidence_preservation', 'legal_review', 'collective_discussion', 'hearing_notice', 'hearing_record'], {
    flags: { majorDecision: true, hearingHeld: true, legalReview: true, collectiveDiscussion: true },
    amounts: { fine: 20000, confiscation: 5000 },
  });

  it('is the deduct-from-100 penalty scheme', () => {
    expect(scheme.caseTypes).toEqual(['penalty_general']);
    expect(scheme.normalize).toEqual({ to: 100 });
    expect(scheme.sections.map((s) => s.category)).toEqual(['subject', 'procedure', 'facts', 'evidence', 'law', 'documents', 'archiving']);
    const effects = new Set(scheme.vetoes.map((v) => v.effect.kind));
    expect([...effects].sort()).toEqual(['block_top_grade', 'fail_file', 'zero_score']);
  });

  it('a clean file scores 100 (优秀)', () => {
    // 85 earned of 85 applicable → 85 × 100 / 85 = 100.
    const result = scoreCase(scheme, base, []);
    expect(result.total).toBe(100);
    expect(result.maxTotal).toBe(100);
    expect(result.grade.code).toBe('excellent');
    expect(result.sections.reduce((a, s) => a + s.applicablePoints, 0)).toBe(85);
    expect(section(result, 'pg-procedure')).toMatchObject({ score: 18, max: 18 });
  });

  it('a file with several deductions (caps, ranges, all) scores 88.82 (合格)', () => {
    const findings = [
      onItem('pg-5-1', { occurrences: 2 }), // fixed 1 × 2 = 2
      onItem('pg-3-1', { points: 1.5 }), // range: 1.5
      onItem('pg-2-4'), // all: 3
      onItem('pg-2-12', { occurrences: 3 }), // fixed 0.5 × 3 = 1.5 ┐ together 2.5,
      onItem('pg-2-12', { occurrences: 2 }), // fixed 0.5 × 2 = 1   ┘ capped at 2
      onItem('pg-4-3', { occurrences: 2 }), // fixed 0.5 × 2 = 1
    ];
    expectRecordable(scheme, base, findings);
    const ignored = [onItem('pg-1-1', { status: 'suggested' }), onVeto('pg-v2', 'rejected'), onItem('pg-6-1', { status: 'rejected' })];
    const result = scoreCase(scheme, base, [...findings, ...ignored]);
    // Deductions 2 + 1.5 + 3 + 2 + 1 = 9.5; earned 85 − 9.5 = 75.5; 75.5 × 100 / 85 = 88.8235… → 88.82.
    expect(result.total).toBe(88.82);
    expect(result.grade.code).toBe('pass');
    expect(result.vetoes).toEqual([]);
    // 程序: 18 − 3 − 2 = 13; 法律适用: 10 − 2 = 8; 事实: 7 − 1.5 = 5.5; 证据: 15 − 1 = 14; 主体 untouched (suggested ignored).
    expect(section(result, 'pg-procedure').score).toBe(13);
    expect(section(result, 'pg-law').score).toBe(8);
    expect(section(result, 'pg-facts')).toMatchObject({ score: 5.5, max: 7 });
    expect(section(result, 'pg-evidence').score).toBe(14);
    expect(section(result, 'pg-subject').score).toBe(10);
    expect(result.items.find((i) => i.id === 'pg-2-12')?.deduction).toBe(2);
  });

  it('fail_file keeps the score but the file is 不合格', () => {
    const findings = [onVeto('pg-v2'), onItem('pg-5-1')];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // (85 − 1) × 100 / 85 = 98.8235… → 98.82; the veto puts the file in the fail band.
    expect(result.total).toBe(98.82);
    expect(result.totalBeforeVetoes).toBe(98.82);
    expect(result.gradeBeforeVetoes.code).toBe('excellent');
    expect(result.grade.code).toBe('fail');
    expect(result.vetoes.map((v) => v.id)).toEqual(['pg-v2']);
  });

  it('zero_score makes the total 0 (测绘: 总分即为零分)', () => {
    const findings = [onVeto('pg-v10'), onItem('pg-3-1', { points: 2 })];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // Before the veto: (85 − 2) × 100 / 85 = 97.647… → 97.65; after: 0, 不合格.
    expect(result.totalBeforeVetoes).toBe(97.65);
    expect(result.total).toBe(0);
    expect(result.grade.code).toBe('fail');
  });

  it('block_top_grade keeps a perfect file out of 优秀 and leaves a 合格 file as it is', () => {
    const top = scoreCase(scheme, base, [onVeto('pg-v11')]);
    // 100 points, but 主要程序环节缺文书 → the band below the top: 合格.
    expect(top.total).toBe(100);
    expect(top.gradeBeforeVetoes.code).toBe('excellent');
    expect(top.grade.code).toBe('pass');

    const findings = [onVeto('pg-v12'), onItem('pg-2-4'), onItem('pg-6-3'), onItem('pg-2-11')];
    const middle = scoreCase(scheme, base, findings);
    // (85 − 3 − 2 − 2) × 100 / 85 = 78 × 100 / 85 = 91.7647… → 91.76: 优秀 by points, 合格 by the veto.
    expect(middle.total).toBe(91.76);
    expect(middle.grade.code).toBe('pass');
  });

  it('a veto that does not apply to the case is ignored', () => {
    // pg-v6 (法制审核/集体讨论) applies only to major decisions.
    const result = scoreCase(scheme, base, [onVeto('pg-v6')]);
    expect(result.vetoes).toEqual([]);
    expect(result.total).toBe(100);
    expect(checkFinding(scheme, base, { target: { kind: 'veto', id: 'pg-v6' }, occurrences: 1 }).map((i) => i.path)).toEqual(['target.id']);
    expect(scoreCase(scheme, full, [onVeto('pg-v6')]).grade.code).toBe('fail');
  });

  it('non-applicable items leave the denominator (by condition and by reviewer mark)', () => {
    const findings = [
      onItem('pg-2-8'), // all: 3 (major decisions only)
      onItem('pg-2-7'), // fixed 1 (hearings only)
      onItem('pg-3-3', { points: 1 }), // range: 1 (confiscation only)
    ];
    expectRecordable(scheme, full, findings);
    // Everything applies: (100 − 3 − 1 − 1) × 100 / 100 = 95.
    const major = scoreCase(scheme, full, findings);
    expect(major.total).toBe(95);
    expect(section(major, 'pg-procedure')).toMatchObject({ score: 26, max: 30 });

    // The same findings on the ordinary file hit only non-applicable items: 85 of 85 → 100.
    const ordinary = scoreCase(scheme, base, findings);
    expect(ordinary.total).toBe(100);
    expect(ordinary.items.filter((i) => !i.applicable).map((i) => i.id).sort()).toEqual(['pg-2-2', 'pg-2-6', 'pg-2-7', 'pg-2-8', 'pg-2-9', 'pg-3-3']);

    // A reviewer mark on 7.5 (2 points): applicable 100 − 2 = 98; deductions 3 + 1 + 1 + 2 (6.4) = 7;
    // 91 × 100 / 98 = 92.857… → 92.86; 归档 counts 8 points.
    const marks = [na('pg-7-5', '评查时案件尚在归档期内')];
    const more = [...findings, onItem('pg-6-4', { points: 2 }), onItem('pg-7-5')];
    const marked = scoreCase(scheme, full, more, marks);
    expect(marked.total).toBe(92.86);
    expect(marked.grade.code).toBe('excellent');
    expect(section(marked, 'pg-archiving')).toMatchObject({ score: 8, applicablePoints: 8 });
    expect(marked.items.find((i) => i.id === 'pg-7-5')).toMatchObject({ applicable: false, notApplicableReason: '评查时案件尚在归档期内', deduction: 0 });
  });

  it('checkFinding rejects out-of-range points, findings above the cap, non-applicable items and zero occurrences', () => {
    rejects(scheme, base, { target: { kind: 'item', id: 'pg-3-1' }, points: 4.5, occurrences: 1 }, 'points'); // range 0.5–4
    rejects(scheme, base, { target: { kind: 'item', id: 'pg-3-1' }, points: 1.25, occurrences: 1 }, 'points'); // step 0.5
    const cap = rejects(scheme, base, { target: { kind: 'item', id: 'pg-5-1' }, occurrences: 4 }, 'points'); // fixed 1 × 4 > cap 3
    expect(cap[0]?.message).toContain('上限 3');
    rejects(scheme, base, { target: { kind: 'item', id: 'pg-2-6' }, occurrences: 1 }, 'target.id'); // hearing item, no hearing
    rejects(scheme, full, { target: { kind: 'item', id: 'pg-7-5' }, occurrences: 1 }, 'target.id', [na('pg-7-5')]);
    rejects(scheme, base, { target: { kind: 'item', id: 'pg-1-1' }, occurrences: 0 }, 'occurrences');
    rejects(scheme, base, { target: { kind: 'item', id: 'pg-2-4' }, points: 1, occurrences: 1 }, 'points'); // `all` takes 3
  });
});

// ---------------------------------------------------------------------------------------
// license-general
// ---------------------------------------------------------------------------------------

describe('license-general', () => {
  const scheme = load('license.json');
  const documents = ['license_application', 'license_acceptance', 'license_review', 'license_decision', 'license_certificate', 'service_receipt'];
  /** No hearing: the 听证 group (10) is out, so 90 points apply unless a reviewer marks more. */
  const base = facts('license', documents);
  const heard = facts('license', documents, { flags: { hearingHeld: true } });

  it('is the licence scheme with zero-score legality vetoes', () => {
    expect(scheme.id).toBe('license-general');
    expect(scheme.caseTypes).toEqual(['license']);
    expect(scheme.vetoes.every((v) => v.effect.kind === 'zero_score')).toBe(true);
  });

  it('a clean file scores 100 (优秀)', () => {
    // 90 of 90 → 100.
    const result = scoreCase(scheme, base, []);
    expect(result.total).toBe(100);
    expect(result.grade.code).toBe('excellent');
    expect(section(result, 'lic-hearing')).toMatchObject({ score: 0, max: 0, applicablePoints: 0 });
  });

  it('a file with several deductions and reviewer marks scores 85 (合格)', () => {
    // Marked N/A: 1.3 (材料一次齐全, 6) and 5.2 (未收费, 4) → applicable 90 − 10 = 80.
    const marks = [na('lic-1-3', '申请材料一次齐全，无需补正'), na('lic-5-2', '本许可不收费')];
    const findings = [
      onItem('lic-4-1'), // all: 6
      onItem('lic-2-4', { points: 2 }), // range: 2
      onItem('lic-6-3'), // all: 1.5
      onItem('lic-6-5'), // all: 1.5
      onItem('lic-1-2'), // fixed 1
    ];
    expectRecordable(scheme, base, findings, marks);
    const ignored = [onItem('lic-2-1', { status: 'suggested' }), onVeto('lic-v4', 'rejected'), onItem('lic-1-3')];
    const result = scoreCase(scheme, base, [...findings, ...ignored], marks);
    // Deductions 6 + 2 + 1.5 + 1.5 + 1 = 12; earned 80 − 12 = 68; 68 × 100 / 80 = 85.
    expect(result.total).toBe(85);
    expect(result.grade.code).toBe('pass');
    // 期限与送达 15 − 6 = 9; 归档 15 − 3 = 12; 受理 (20 − 6) − 1 = 13 of 14; 收费 6 of 6.
    expect(section(result, 'lic-time').score).toBe(9);
    expect(section(result, 'lic-archiving').score).toBe(12);
    expect(section(result, 'lic-acceptance')).toMatchObject({ score: 13, max: 14 });
    expect(section(result, 'lic-fees')).toMatchObject({ score: 6, max: 6 });
  });

  it('a file with many deductions falls below 60 (不合格)', () => {
    const findings = [
      onItem('lic-4-1'), // 6
      onItem('lic-2-1'), // 6
      onItem('lic-1-3'), // 6
      onItem('lic-2-5', { points: 6 }), // 6
      onItem('lic-2-6', { points: 5 }), // 5
      onItem('lic-1-4', { points: 5 }), // 5
      onItem('lic-5-1', { points: 6 }), // 6
    ];
    expectRecordable(scheme, base, findings);
    // Deductions 40; earned 90 − 40 = 50; 50 × 100 / 90 = 55.555… → 55.56.
    const result = scoreCase(scheme, base, findings);
    expect(result.total).toBe(55.56);
    expect(result.grade.code).toBe('fail');
    expect(section(result, 'lic-review')).toMatchObject({ score: 13, max: 30 });
  });

  it('a legality veto zeroes the score (宣武: 扣除全部分数)', () => {
    const findings = [onVeto('lic-v5'), onItem('lic-2-5', { points: 3 })];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // Before: (90 − 3) × 100 / 90 = 96.666… → 96.67; after: 0.
    expect(result.totalBeforeVetoes).toBe(96.67);
    expect(result.gradeBeforeVetoes.code).toBe('excellent');
    expect(result.total).toBe(0);
    expect(result.grade.code).toBe('fail');
  });

  it('the hearing group applies only when a hearing was held', () => {
    const findings = [onItem('lic-3-3', { occurrences: 2 }), onItem('lic-3-2')]; // 1 × 2 = 2, all 3
    expectRecordable(scheme, heard, findings);
    // With a hearing: 100 apply; (100 − 5) × 100 / 100 = 95.
    const withHearing = scoreCase(scheme, heard, findings);
    expect(withHearing.total).toBe(95);
    expect(section(withHearing, 'lic-hearing')).toMatchObject({ score: 5, max: 10 });
    // Without: the group leaves the denominator and its findings are ignored → 90 of 90 = 100.
    const without = scoreCase(scheme, base, findings);
    expect(without.total).toBe(100);
    expect(without.items.filter((i) => i.group === 'lic-hearing-docs').every((i) => !i.applicable && i.deduction === 0)).toBe(true);
  });

  it('checkFinding rejects out-of-range points, findings above the cap, non-applicable items and zero occurrences', () => {
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-2-3' }, points: 5, occurrences: 1 }, 'points'); // range 1–4
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-2-3' }, points: 0.5, occurrences: 1 }, 'points'); // below 1
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-2-3' }, points: 1.5, occurrences: 1 }, 'points'); // step 1
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-1-2' }, occurrences: 4 }, 'points'); // fixed 1 × 4 > cap 3
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-2-4' }, points: 3, occurrences: 2 }, 'points'); // 6 > 5
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-3-1' }, occurrences: 1 }, 'target.id'); // no hearing
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-1-3' }, occurrences: 1 }, 'target.id', [na('lic-1-3')]);
    rejects(scheme, base, { target: { kind: 'item', id: 'lic-6-1' }, occurrences: 0 }, 'occurrences');
    rejects(scheme, base, { target: { kind: 'veto', id: 'lic-v1' }, points: 1, occurrences: 1 }, 'points'); // vetoes take no points
  });
});

// ---------------------------------------------------------------------------------------
// coercion-seizure
// ---------------------------------------------------------------------------------------

describe('coercion-seizure', () => {
  const scheme = load('coercion-seizure.json');
  const documents = ['seizure_approval', 'seizure_decision', 'seizure_list', 'coercion_site_record', 'site_inspection_record', 'inquiry_record', 'evidence', 'service_receipt'];
  /** No 延期决定书: the extension group (11) is out, 89 apply unless a reviewer marks more. */
  const base = facts('coercion', documents);
  const extended = facts('coercion', [...documents, 'seizure_extension', 'seizure_release']);

  it('is the seizure scheme', () => {
    expect(scheme.caseTypes).toEqual(['coercion']);
    expect(new Set(scheme.vetoes.map((v) => v.effect.kind))).toEqual(new Set(['zero_score', 'fail_file']));
  });

  it('a clean file scores 100 (优秀)', () => {
    const result = scoreCase(scheme, base, []);
    // 89 of 89 → 100.
    expect(result.total).toBe(100);
    expect(result.grade.code).toBe('excellent');
    expect(section(result, 'co-handling')).toMatchObject({ score: 17, max: 17 }); // 28 − 11 (no extension)
  });

  it('a file with several deductions and reviewer marks scores 87.14 (合格)', () => {
    // Marked N/A: 1.4 (2), 5.2 (2), 4.3 (4) and the release group (11): 89 − 19 = 70 apply.
    const marks = [na('co-1-4', '事前已经负责人批准'), na('co-5-2', '未进行检测'), na('co-4-3', '无需监测'), na('co-release', '扣押物品已依处罚决定没收')];
    const findings = [
      onItem('co-2-3', { points: 1.5 }), // 1.5
      onItem('co-3-4', { points: 2 }), // 2
      onItem('co-1-2', { occurrences: 2 }), // fixed 1 × 2 = 2
      onItem('co-6-1'), // fixed 1
      onItem('co-4-1', { points: 2.5 }), // 2.5
    ];
    expectRecordable(scheme, base, findings, marks);
    const ignored = [onItem('co-2-1', { status: 'suggested' }), onItem('co-5-6', { points: 1 }), onVeto('co-v6', 'rejected')];
    const result = scoreCase(scheme, base, [...findings, ...ignored], marks);
    // Deductions 1.5 + 2 + 2 + 1 + 2.5 = 9; earned 70 − 9 = 61; 61 × 100 / 70 = 87.142… → 87.14.
    expect(result.total).toBe(87.14);
    expect(result.grade.code).toBe('pass');
    // 审批 (12 − 2) − 2 = 8 of 10; 现场 18 − 1.5 = 16.5; 决定书 20 − 2 = 18; 证据 (20 − 4) − 2.5 = 13.5 of 16; 期限 4 of 4.
    expect(section(result, 'co-approval')).toMatchObject({ score: 8, max: 10 });
    expect(section(result, 'co-site').score).toBe(16.5);
    expect(section(result, 'co-decision').score).toBe(18);
    expect(section(result, 'co-evidence')).toMatchObject({ score: 13.5, max: 16 });
    expect(section(result, 'co-handling')).toMatchObject({ score: 4, max: 4 });
  });

  it('zero_score: overdue seizure not lifted', () => {
    const findings = [onVeto('co-v6'), onItem('co-5-1')];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // Before: (89 − 4) × 100 / 89 = 95.505… → 95.51; after: 0.
    expect(result.totalBeforeVetoes).toBe(95.51);
    expect(result.total).toBe(0);
    expect(result.grade.code).toBe('fail');
  });

  it('fail_file: no prior approval and none obtained within 24 hours', () => {
    const findings = [onVeto('co-v7'), onItem('co-3-6')];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // (89 − 2) × 100 / 89 = 97.752… → 97.75, but the file is 不合格.
    expect(result.total).toBe(97.75);
    expect(result.gradeBeforeVetoes.code).toBe('excellent');
    expect(result.grade.code).toBe('fail');
  });

  it('the extension group applies only when the volume holds a 延期决定书', () => {
    const findings = [onItem('co-5-4', { points: 2 }), onItem('co-5-3')]; // 2 + 3
    const marks = [na('co-release', '扣押物品已依处罚决定没收')];
    expectRecordable(scheme, extended, findings, marks);
    // With the extension: 100 − 11 (release) = 89 apply; (89 − 5) × 100 / 89 = 94.382… → 94.38.
    const withExtension = scoreCase(scheme, extended, findings, marks);
    expect(withExtension.total).toBe(94.38);
    expect(section(withExtension, 'co-handling')).toMatchObject({ score: 12, max: 17 });
    // Without: the extension group is out as well, its findings ignored: 100 − 22 = 78 of 78 → 100.
    const without = scoreCase(scheme, base, findings, marks);
    expect(without.total).toBe(100);
    expect(without.sections.reduce((a, s) => a + s.applicablePoints, 0)).toBe(78);
  });

  it('checkFinding rejects out-of-range points, findings above the cap, non-applicable items and zero occurrences', () => {
    rejects(scheme, base, { target: { kind: 'item', id: 'co-2-3' }, points: 3.5, occurrences: 1 }, 'points'); // range 0.5–3
    rejects(scheme, base, { target: { kind: 'item', id: 'co-2-3' }, occurrences: 1 }, 'points'); // range needs points
    rejects(scheme, base, { target: { kind: 'item', id: 'co-3-7' }, occurrences: 3 }, 'points'); // fixed 1 × 3 > cap 2
    rejects(scheme, base, { target: { kind: 'item', id: 'co-2-4' }, points: 1.5, occurrences: 2 }, 'points'); // 3 > 2
    rejects(scheme, base, { target: { kind: 'item', id: 'co-5-3' }, occurrences: 1 }, 'target.id'); // no 延期决定书
    rejects(scheme, extended, { target: { kind: 'item', id: 'co-5-8' }, occurrences: 1 }, 'target.id', [na('co-release')]);
    rejects(scheme, base, { target: { kind: 'item', id: 'co-1-3' }, occurrences: 0 }, 'occurrences');
  });
});

// ---------------------------------------------------------------------------------------
// mee-2024-general-penalty
// ---------------------------------------------------------------------------------------

describe('mee-2024-general-penalty', () => {
  const scheme = load('mee-2024-penalty.json');
  const documents = [
    'filing_approval',
    'site_inspection_record',
    'inquiry_record',
    'evidence',
    'investigation_report',
    'penalty_notice',
    'penalty_decision',
    'service_receipt',
    'payment_receipt',
    'closing_approval',
  ];
  /** No hearing: 听证通知书 (4) and 听证笔录 (8) are out, 88 document points apply. */
  const base = facts('penalty_general', documents, { amounts: { fine: 100000 } });
  const heard = facts('penalty_general', [...documents, 'hearing_notice', 'hearing_record'], { flags: { hearingHeld: true }, amounts: { fine: 100000 } });
  const seized = facts('penalty_general', [...documents, 'seizure_decision', 'seizure_list'], { amounts: { fine: 100000 } });

  it('encodes the MEE 2024 一般行政处罚 table', () => {
    const [legality, docs, basic] = scheme.sections;
    expect(legality).toMatchObject({ role: 'fixed', category: 'legality', points: 50 });
    expect(docs).toMatchObject({ role: 'scored', category: 'documents', points: 100, scaling: { kind: 'weighted', weight: 50 } });
    expect(docs?.groups.map((g) => g.points)).toEqual([2, 10, 10, 5, 8, 8, 10, 10, 4, 8, 15, 2, 5, 3]);
    expect(docs?.groups.map((g) => g.number)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '11', '12', '13', '14']);
    expect(docs?.items.find((i) => i.number === '11.10')).toMatchObject({ points: 1, deduction: { kind: 'all' } });
    // 0.5-point sub-items are indivisible.
    expect(docs?.items.filter((i) => i.points === 0.5).every((i) => i.deduction.kind === 'all')).toBe(true);
    expect(basic).toMatchObject({ role: 'penalty', category: 'normativity', points: 20 });
    expect(basic?.items.map((i) => i.points)).toEqual([3, 2, 2, 2, 1, 1, 1, 1, 1.5, 1.5, 1, 1, 1, 1]);
    expect(basic?.groups.map((g) => g.points)).toEqual([10, 10]);
    expect(scheme.vetoes.map((v) => v.number)).toEqual(Array.from({ length: 25 }, (_, i) => String(i + 1)));
    expect(scheme.vetoes.every((v) => v.effect.kind === 'zero_score')).toBe(true);
    expect(scheme.grades.map((g) => g.label)).toEqual(['优秀', '良好', '合格', '不合格']);
  });

  it('a perfect file scores 50 + 50 = 100 (优秀)', () => {
    const result = scoreCase(scheme, base, []);
    // 合法性 50 + 50 × 88 / 88 − 0 = 100.
    expect(result.total).toBe(100);
    expect(result.maxTotal).toBe(100);
    expect(result.grade.code).toBe('excellent');
    expect(section(result, 'mee-legality').score).toBe(50);
    expect(section(result, 'mee-documents')).toMatchObject({ score: 50, max: 50, applicablePoints: 88 });
    expect(section(result, 'mee-basic').score).toBe(0);
  });

  it('a file with document and basic-element deductions scores 88.04 (良好)', () => {
    // Reviewer marks: 监测报告 (5), 责令改正 in the decision (10), 催告书 (2), 强制执行申请书 (5),
    // no witness statement (5.5, 1): applicable 88 − 5 − 10 − 2 − 5 − 1 = 65.
    const marks = [
      na('mee-d4', '无需监测'),
      na('mee-d7', '责令改正内容在处罚决定书中'),
      na('mee-d12', '罚款已缴清，无需催告'),
      na('mee-d13', '无需申请强制执行'),
      na('mee-d5-5', '无证人证言'),
    ];
    const findings = [
      onItem('mee-d2-4', { points: 1.5 }), // 1.5
      onItem('mee-d11-10'), // all: 1
      onItem('mee-d8-5', { points: 0.5, occurrences: 2 }), // 0.5 × 2 = 1
      onItem('mee-d6-3', { points: 1 }), // 1
      onItem('mee-b2-6'), // basic 1
      onItem('mee-b1-5'), // basic 1
      onItem('mee-b2-4'), // basic 1.5
      onItem('mee-b1-1'), // basic 3
      onItem('mee-b1-4'), // basic 2
    ];
    expectRecordable(scheme, base, findings, marks);
    const ignored = [onItem('mee-d1-2', { points: 1, status: 'suggested' }), onVeto('mee-l14', 'rejected'), onItem('mee-d7-1', { points: 1 })];
    const result = scoreCase(scheme, base, [...findings, ...ignored], marks);
    // 规范性·文书: 50 × (65 − 1.5 − 1 − 1 − 1) / 65 = 50 × 60.5 / 65 = 46.538…
    // 基本要素: 1 + 1 + 1.5 + 3 + 2 = 8.5
    // Total: 50 + 46.538… − 8.5 = 88.038… → 88.04 (良好).
    expect(section(result, 'mee-documents')).toMatchObject({ score: 46.54, earned: 60.5, applicablePoints: 65 });
    expect(section(result, 'mee-basic').score).toBe(-8.5);
    expect(result.total).toBe(88.04);
    expect(result.grade.code).toBe('good');
  });

  it('any legality problem zeroes the file', () => {
    const findings = [onVeto('mee-l14'), onItem('mee-d11-1', { points: 3 })];
    expectRecordable(scheme, base, findings);
    const result = scoreCase(scheme, base, findings);
    // Before: 50 + 50 × 85 / 88 = 50 + 48.295… = 98.295… → 98.30; after: 0.
    expect(result.totalBeforeVetoes).toBe(98.3);
    expect(result.total).toBe(0);
    expect(result.grade.code).toBe('fail');
  });

  it('seizure and collective-discussion vetoes apply only where the table says so', () => {
    // Veto 16 (查封扣押现场程序) needs seizure documents in the volume; veto 17 needs a major decision.
    const ignored = scoreCase(scheme, base, [onVeto('mee-l16'), onVeto('mee-l17')]);
    expect(ignored.vetoes).toEqual([]);
    expect(ignored.total).toBe(100);
    const fired = scoreCase(scheme, seized, [onVeto('mee-l16')]);
    expect(fired.vetoes.map((v) => v.number)).toEqual(['16']);
    expect(fired.total).toBe(0);
    expect(checkFinding(scheme, base, { target: { kind: 'veto', id: 'mee-l16' }, occurrences: 1 }).map((i) => i.path)).toEqual(['target.id']);
    expect(checkFinding(scheme, seized, { target: { kind: 'veto', id: 'mee-l16' }, occurrences: 1 })).toEqual([]);
  });

  it('hearing groups and reviewer-marked groups leave the denominator', () => {
    // Hearing held, 监测报告 marked N/A: 100 − 5 = 95 apply. 调查询问笔录 missing: its five
    // sub-items lose all 10 points; 听证笔录 7.: 1 point.
    const marks = [na('mee-d4', '无需监测')];
    const missingInquiry = [
      onItem('mee-d3-1', { points: 1.5 }),
      onItem('mee-d3-2', { points: 1.5 }),
      onItem('mee-d3-3', { points: 2 }),
      onItem('mee-d3-4', { points: 4 }),
      onItem('mee-d3-5', { points: 1 }),
    ];
    const findings = [...missingInquiry, onItem('mee-d10-7', { points: 1 })];
    expectRecordable(scheme, heard, findings, marks);
    const withHearing = scoreCase(scheme, heard, findings, marks);
    // 50 + 50 × (95 − 11) / 95 = 50 + 44.210… = 94.210… → 94.21.
    expect(withHearing.total).toBe(94.21);
    expect(section(withHearing, 'mee-documents')).toMatchObject({ applicablePoints: 95, earned: 84 });

    // No hearing: 88 − 5 = 83 apply; the 听证笔录 finding is ignored;
    // 50 + 50 × (83 − 10) / 83 = 50 + 43.975… = 93.975… → 93.98.
    const without = scoreCase(scheme, base, findings, marks);
    expect(without.total).toBe(93.98);
    expect(section(without, 'mee-documents')).toMatchObject({ applicablePoints: 83, earned: 73 });
  });

  it('checkFinding rejects out-of-range points, findings above the cap, non-applicable items and zero occurrences', () => {
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-d2-4' }, points: 4.5, occurrences: 1 }, 'points'); // range 0.5–4
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-d1-1' }, points: 0.25, occurrences: 1 }, 'points'); // 0.5 sub-item is all-or-nothing
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-d11-1' }, points: 2, occurrences: 2 }, 'points'); // 4 > 3
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-d9-1' }, points: 1, occurrences: 1 }, 'target.id'); // no hearing
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-d4-7' }, points: 1, occurrences: 1 }, 'target.id', [na('mee-d4')]);
    rejects(scheme, base, { target: { kind: 'item', id: 'mee-b1-1' }, occurrences: 0 }, 'occurrences');
  });
});
