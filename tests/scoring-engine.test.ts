/**
 * The scoring engine on a small scheme, computed by hand, and its properties (fast-check):
 * bounded, monotone in deductions, unmoved by non-applicable items, deterministic.
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { caseFactsFrom, type CaseFacts } from '../src/scoring/case-facts.js';
import { scoreCase, type ScoringFinding } from '../src/scoring/score.js';
import type { Scheme, SchemeInput } from '../src/scoring/scheme.js';
import { checkFinding, parseScheme } from '../src/scoring/validate.js';
import { testScheme } from './fixtures/test-scheme.js';

const parse = (input: SchemeInput): Scheme => {
  const parsed = parseScheme(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.scheme;
};
const scheme = parse(testScheme);

const facts = (hearingHeld = false): CaseFacts =>
  caseFactsFrom({
    caseType: 'penalty_general',
    party: { name: '某公司', kind: 'organization', creditCode: '91310104MA1FL0XX5P' },
    flags: { hearingHeld, majorDecision: false, legalReview: false, collectiveDiscussion: false },
    amounts: { fine: 5000 },
  });

let n = 0;
const item = (id: string, points?: number, occurrences = 1, status: ScoringFinding['status'] = 'confirmed'): ScoringFinding => ({
  id: `f${++n}`,
  target: { kind: 'item', id },
  points,
  occurrences,
  status,
});
const veto = (id: string): ScoringFinding => ({ id: `f${++n}`, target: { kind: 'veto', id }, occurrences: 1, status: 'confirmed' });

describe('scoreCase, by hand', () => {
  it('a clean file: 15 applicable points of 15 (听证 does not apply) → 100, 优秀', () => {
    const r = scoreCase(scheme, facts(), []);
    expect(r).toMatchObject({ total: 100, maxTotal: 100, grade: { code: 'excellent' } });
    expect(r.items.find((i) => i.id === 'P2')).toMatchObject({ applicable: false, score: 0 });
    expect(r.sections.map((s) => [s.id, s.score, s.max])).toEqual([
      ['subject', 10, 10],
      ['procedure', 5, 5],
    ]);
  });

  it('deductions: S1 2×1 + S2 3 → (2 + 3 + 5) / 15 × 100 = 66.67, 合格, each explained', () => {
    const r = scoreCase(scheme, facts(), [item('S1'), item('S2', 3), item('S2', 2, 1, 'rejected'), item('P1', undefined, 1, 'suggested')]);
    expect(r.total).toBe(66.67);
    expect(r.grade.code).toBe('pass');
    expect(r.explanations.map((e) => e.text)).toEqual(['第1项「执法人员资格」：扣 2 分（每处 2 分 × 1 处）', '第2项「当事人认定」：扣 3 分（每处 3 分 × 1 处）']);
  });

  it('an item never goes below zero: S1 2×3 = 6 is capped at its 4 points; P2 caps at 3 of 5', () => {
    const r = scoreCase(scheme, facts(true), [item('S1', undefined, 3), item('P2', undefined, 4)]);
    // applicable 20; earned 0 + 6 + 5 + (5 − 3) = 13 → 65
    expect(r.items.find((i) => i.id === 'S1')).toMatchObject({ deduction: 4, score: 0 });
    expect(r.items.find((i) => i.id === 'P2')).toMatchObject({ deduction: 3, score: 2 });
    expect(r.total).toBe(65);
  });

  it('a reviewer-marked non-applicable item leaves the denominator: P1 marked → 10/10 → 100', () => {
    const r = scoreCase(scheme, facts(), [item('S2', 1)], [{ id: 'P1', reason: '本案无需立案审批（简易程序）' }]);
    // applicable: S1 4 + S2 6 = 10; earned 4 + 5 = 9 → 90
    expect(r.total).toBe(90);
    expect(r.items.find((i) => i.id === 'P1')).toMatchObject({ applicable: false, notApplicableReason: '本案无需立案审批（简易程序）' });
  });

  it.each([
    ['V1 fail_file: the score stands, the grade is 不合格', 'V1', 100, 'fail'],
    ['V2 block_top_grade: 100 but no higher than 合格', 'V2', 100, 'pass'],
    ['V3 zero_score: 0, 不合格', 'V3', 0, 'fail'],
    ['V4 zero_section 程序: (10 + 0) / 15 × 100 = 66.67, 合格', 'V4', 66.67, 'pass'],
  ])('veto %s', (_name, vetoId, total, grade) => {
    const r = scoreCase(scheme, facts(), [veto(vetoId)]);
    expect(r.total).toBe(total);
    expect(r.grade.code).toBe(grade);
    expect(r.totalBeforeVetoes).toBe(100);
    expect(r.gradeBeforeVetoes.code).toBe('excellent');
    expect(r.vetoes.map((v) => v.id)).toEqual([vetoId]);
  });

  it('records the scheme id, version and content hash', () => {
    const r = scoreCase(scheme, facts(), []);
    expect(r.scheme).toEqual({ id: 'test-scheme', version: '1.0.0', hash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });
});

describe('checkFinding', () => {
  it.each([
    ['a range deduction above its maximum', item('S2', 7), 'points'],
    ['a range deduction off its step', item('S2', 2.5), 'points'],
    ['a range finding without points', item('S2'), 'points'],
    ['a fixed finding with another amount', item('S1', 3), 'points'],
    ['a finding above the item cap', item('S1', undefined, 3), 'points'],
    ['an item not in the scheme', item('X9'), 'target.id'],
    ['an item that does not apply (no hearing)', item('P2'), 'target.id'],
    ['zero occurrences', item('S1', undefined, 0), 'occurrences'],
  ])('rejects %s', (_name, finding, path) => {
    const issues = checkFinding(scheme, facts(), finding);
    expect(issues.map((i) => i.path)).toContain(path);
  });

  it('accepts a valid finding and a veto', () => {
    expect(checkFinding(scheme, facts(), item('S2', 4))).toEqual([]);
    expect(checkFinding(scheme, facts(), veto('V1'))).toEqual([]);
  });
});

/** Arbitrary valid confirmed findings on the test scheme. */
const findingArb = fc.oneof(
  fc.record({ id: fc.constant('S1'), points: fc.constant(undefined), occurrences: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ id: fc.constant('S2'), points: fc.integer({ min: 1, max: 6 }), occurrences: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ id: fc.constant('P1'), points: fc.constant(undefined), occurrences: fc.constant(1) }),
  fc.record({ id: fc.constant('P2'), points: fc.constant(undefined), occurrences: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ id: fc.constantFrom('V1', 'V2', 'V3', 'V4'), points: fc.constant(undefined), occurrences: fc.constant(1), veto: fc.constant(true) }),
);
const toFindings = (list: { id: string; points?: number; occurrences: number; veto?: boolean }[]): ScoringFinding[] =>
  list.map((f, i) => ({ id: `p${i}`, target: { kind: f.veto ? 'veto' : 'item', id: f.id }, points: f.points, occurrences: f.occurrences, status: 'confirmed' }));

describe('scoreCase properties', () => {
  test.prop([fc.array(findingArb, { maxLength: 12 }), fc.boolean()])('the total stays within 0 and the applicable maximum', (list, hearing) => {
    const r = scoreCase(scheme, facts(hearing), toFindings(list));
    expect(r.total).toBeGreaterThanOrEqual(0);
    expect(r.total).toBeLessThanOrEqual(r.maxTotal);
    for (const i of r.items) expect(i.score).toBeGreaterThanOrEqual(0);
  });

  test.prop([fc.array(findingArb, { maxLength: 10 }), findingArb, fc.boolean()])('one more deduction never raises the score', (list, extra, hearing) => {
    const before = scoreCase(scheme, facts(hearing), toFindings(list));
    const after = scoreCase(scheme, facts(hearing), toFindings([...list, extra]));
    expect(after.total).toBeLessThanOrEqual(before.total);
  });

  test.prop([fc.array(findingArb, { maxLength: 10 }), fc.integer({ min: 1, max: 20 }), fc.boolean()])(
    'adding a non-applicable item changes nothing',
    (list, points, hearing) => {
      const widened: SchemeInput = structuredClone(testScheme);
      const subject = widened.sections[0]!;
      subject.points = (subject.points ?? 0) + points;
      subject.items!.push({ id: 'LIC', number: '9', title: '仅许可案件适用', points, deduction: { kind: 'all' }, applicability: { fact: 'caseType', in: ['license'] } });
      const bigger = parse(widened);
      const a = scoreCase(scheme, facts(hearing), toFindings(list));
      const b = scoreCase(bigger, facts(hearing), toFindings(list));
      expect(b.total).toBe(a.total);
      expect(b.maxTotal).toBe(a.maxTotal);
      expect(b.grade).toEqual(a.grade);
      expect(b.sections).toEqual(a.sections);
    },
  );

  test.prop([fc.array(findingArb, { maxLength: 10 }), fc.boolean()])('the same inputs give the same result', (list, hearing) => {
    const findings = toFindings(list);
    expect(scoreCase(scheme, facts(hearing), findings)).toEqual(scoreCase(scheme, facts(hearing), structuredClone(findings)));
  });
});
