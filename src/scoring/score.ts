/**
 * The scoring engine: a pure function of (scheme, case facts, findings, non-applicable
 * marks) → item, section and total scores, the applicable maximum, veto effects, the grade,
 * and an explanation of every deduction. Same inputs, same result.
 *
 * Rules (see scheme.ts for the format):
 * 1. Only confirmed findings count; suggested and rejected ones are ignored.
 * 2. An item applies when its condition and its group's condition hold for the case and the
 *    reviewer has not marked it (or its group) not applicable. A non-applicable item is left
 *    out of its section: neither its points nor its findings count.
 * 3. An item's deduction is the sum over its findings (fixed: amount × occurrences; range:
 *    chosen points × occurrences; all: the item's points), capped at the rule's cap (default
 *    the item's points): an item never goes below zero.
 * 4. Section scores: `sum` = earned points of applicable items, out of their points;
 *    `weighted` = weight × earned ÷ applicable points, out of weight; `fixed` = its points;
 *    `penalty` subtracts its items' deductions, at most its points; `bonus` adds its items'
 *    awards, at most its points.
 * 5. Total = scored + fixed sections (rescaled to `normalize.to` over their applicable
 *    maximum when the scheme says so) + bonus − penalty, never below zero, rounded to 0.01.
 * 6. Vetoes with a confirmed finding: `zero_section` zeroes that section before the total,
 *    `zero_score` makes the total 0, `fail_file` puts the file in the fail band whatever its
 *    score, `block_top_grade` keeps it out of the top band.
 */
import { evaluateCondition, type CaseFacts } from './case-facts.js';
import { describeCondition } from './describe-condition.js';
import type { DeductionRule, GradeBand, Scheme, SchemeItem, SchemeSection, SchemeVeto, VetoEffect } from './scheme.js';
import { schemeHash } from './scheme-hash.js';

export type FindingStatus = 'suggested' | 'confirmed' | 'rejected';

export interface ScoringFinding {
  id: string;
  target: { kind: 'item' | 'veto'; id: string };
  /** Points per occurrence: required for `range` rules, must equal the amount for `fixed` rules. */
  points?: number;
  occurrences: number;
  status: FindingStatus;
  note?: string;
}

export interface NotApplicableMark {
  /** An item id or a group id. */
  id: string;
  reason: string;
}

export interface ItemScore {
  id: string;
  number: string;
  sectionId: string;
  group: string | null;
  title: string;
  points: number;
  applicable: boolean;
  notApplicableReason: string | null;
  /** Points taken (on a bonus item: points awarded). */
  deduction: number;
  score: number;
  findingIds: string[];
}

export interface SectionScore {
  id: string;
  title: string;
  role: SchemeSection['role'];
  /** What the section contributes to the total (negative for a penalty section). */
  score: number;
  /** The most it could contribute, given what applies (0 for penalty and bonus sections). */
  max: number;
  earned: number;
  applicablePoints: number;
  zeroedByVeto: string | null;
}

export interface VetoOutcome {
  id: string;
  number: string;
  title: string;
  effect: VetoEffect;
  findingIds: string[];
}

export interface Explanation {
  findingId: string;
  targetId: string;
  text: string;
  /** Points this finding takes (before the item's cap). */
  points: number;
}

export interface ScoreResult {
  scheme: { id: string; version: string; hash: string };
  total: number;
  /** The applicable maximum of the total (bonus aside). */
  maxTotal: number;
  /** The total before any veto took effect. */
  totalBeforeVetoes: number;
  grade: { code: string; label: string };
  gradeBeforeVetoes: { code: string; label: string };
  sections: SectionScore[];
  items: ItemScore[];
  vetoes: VetoOutcome[];
  explanations: Explanation[];
}

const EPSILON = 1e-9;

/** Half away from zero, to 0.01, with the float noise of sums removed first. */
export function round2(value: number): number {
  const cents = Math.round(Math.abs(value) * 100 + EPSILON * 100);
  return (Math.sign(value) * cents) / 100 || 0;
}

export function deductionCap(item: SchemeItem): number {
  const rule = item.deduction;
  return rule.kind === 'all' ? item.points : Math.min(rule.cap ?? item.points, item.points);
}

/** Points one finding takes from (or gives to) its item, before the cap. */
export function findingPoints(rule: DeductionRule, item: SchemeItem, finding: Pick<ScoringFinding, 'points' | 'occurrences'>): number {
  switch (rule.kind) {
    case 'all':
      return item.points;
    case 'fixed':
      return rule.amount * finding.occurrences;
    case 'range':
      return (finding.points ?? rule.min) * finding.occurrences;
  }
}

/** Bands from the highest down, computed once per scheme's band list. */
const descendingBands = new WeakMap<readonly GradeBand[], GradeBand[]>();
function descending(bands: readonly GradeBand[]): GradeBand[] {
  let sorted = descendingBands.get(bands);
  if (!sorted) {
    sorted = [...bands].sort((a, b) => b.min - a.min);
    descendingBands.set(bands, sorted);
  }
  return sorted;
}

/** Why an item whose condition fails does not apply; the same text for the same condition object. */
const reasons = new WeakMap<object, string>();
function notApplicableText(condition: object): string {
  let text = reasons.get(condition);
  if (!text) {
    text = `仅适用于${describeCondition(condition as Parameters<typeof describeCondition>[0])}的案件`;
    reasons.set(condition, text);
  }
  return text;
}

export function gradeFor(bands: readonly GradeBand[], total: number): GradeBand {
  const sorted = descending(bands);
  return sorted.find((band) => total + EPSILON >= band.min) ?? sorted[sorted.length - 1]!;
}

function describeFinding(item: SchemeItem, finding: ScoringFinding, points: number): string {
  const rule = item.deduction;
  const head = `第${item.number}项「${item.title}」`;
  if (rule.kind === 'all') return `${head}：扣除该项全部 ${item.points} 分`;
  const per = rule.kind === 'fixed' ? rule.amount : (finding.points ?? rule.min);
  return `${head}：扣 ${round2(points)} 分（每处 ${per} 分 × ${finding.occurrences} 处）`;
}

const VETO_EFFECT_TEXT: Record<VetoEffect['kind'], string> = {
  fail_file: '案卷评为不合格',
  zero_score: '总分记 0 分',
  zero_section: '该类别记 0 分',
  block_top_grade: '不得评为最高等次',
};

export function vetoEffectText(effect: VetoEffect, scheme?: Scheme): string {
  if (effect.kind === 'zero_section' && scheme) {
    const section = scheme.sections.find((s) => s.id === effect.section);
    return `「${section?.title ?? effect.section}」记 0 分`;
  }
  return VETO_EFFECT_TEXT[effect.kind];
}

export function scoreCase(
  scheme: Scheme,
  facts: CaseFacts,
  findings: readonly ScoringFinding[],
  notApplicable: readonly NotApplicableMark[] = [],
): ScoreResult {
  const marked = new Map(notApplicable.map((m) => [m.id, m.reason]));
  // Confirmed findings by target, so each item looks up only its own.
  const byTarget = new Map<string, ScoringFinding[]>();
  for (const f of findings) {
    if (f.status !== 'confirmed') continue;
    const key = `${f.target.kind}:${f.target.id}`;
    const list = byTarget.get(key);
    if (list) list.push(f);
    else byTarget.set(key, [f]);
  }
  const explanations: Explanation[] = [];

  const items: ItemScore[] = [];
  const sections: SectionScore[] = [];
  for (const section of scheme.sections) {
    const groups = new Map(section.groups.map((g) => [g.id, g]));
    let earned = 0;
    let applicablePoints = 0;
    let taken = 0;
    for (const item of section.items) {
      const group = item.group ? groups.get(item.group) : undefined;
      const failed =
        group?.applicability && !evaluateCondition(group.applicability, facts)
          ? group.applicability
          : item.applicability && !evaluateCondition(item.applicability, facts)
            ? item.applicability
            : undefined;
      const reason = marked.get(item.id) ?? (item.group ? marked.get(item.group) : undefined) ?? (failed ? notApplicableText(failed) : null);
      const applicable = reason === null;
      const own = applicable ? (byTarget.get(`item:${item.id}`) ?? []) : [];
      let raw = 0;
      for (const finding of own) {
        const points = findingPoints(item.deduction, item, finding);
        raw += points;
        explanations.push({ findingId: finding.id, targetId: item.id, points: round2(points), text: describeFinding(item, finding, points) });
      }
      const deduction = Math.min(raw, deductionCap(item));
      const score = section.role === 'bonus' ? deduction : item.points - deduction;
      items.push({
        id: item.id,
        number: item.number,
        sectionId: section.id,
        group: item.group ?? null,
        title: item.title,
        points: item.points,
        applicable,
        notApplicableReason: reason,
        deduction: round2(deduction),
        score: round2(applicable ? score : 0),
        findingIds: own.map((f) => f.id),
      });
      if (!applicable) continue;
      applicablePoints += item.points;
      earned += score;
      taken += deduction;
    }
    sections.push(sectionScore(section, earned, applicablePoints, taken));
  }

  const vetoes: VetoOutcome[] = [];
  for (const veto of scheme.vetoes) {
    if (!evaluateCondition(veto.applicability, facts)) continue;
    const own = byTarget.get(`veto:${veto.id}`);
    if (!own) continue;
    vetoes.push(vetoOutcome(veto, own));
    for (const finding of own) {
      explanations.push({ findingId: finding.id, targetId: veto.id, points: 0, text: `否决项 ${veto.number}「${veto.title}」：${vetoEffectText(veto.effect, scheme)}` });
    }
  }

  const totalBeforeVetoes = combine(scheme, sections);
  for (const veto of vetoes) {
    if (veto.effect.kind !== 'zero_section') continue;
    const section = sections.find((s) => s.id === (veto.effect as { section: string }).section);
    if (section && section.score > 0) {
      section.score = 0;
      section.zeroedByVeto = veto.id;
    }
  }
  let total = combine(scheme, sections);
  if (vetoes.some((v) => v.effect.kind === 'zero_score')) total = { ...total, total: 0 };

  const before = gradeFor(scheme.grades, totalBeforeVetoes.total);
  let grade = gradeFor(scheme.grades, total.total);
  if (vetoes.some((v) => v.effect.kind === 'block_top_grade')) grade = belowTop(scheme.grades, grade);
  if (vetoes.some((v) => v.effect.kind === 'fail_file')) grade = failBand(scheme);

  return {
    scheme: { id: scheme.id, version: scheme.version, hash: schemeHash(scheme) },
    total: total.total,
    maxTotal: total.max,
    totalBeforeVetoes: totalBeforeVetoes.total,
    grade: { code: grade.code, label: grade.label },
    gradeBeforeVetoes: { code: before.code, label: before.label },
    sections: sections.map((s) => ({
      id: s.id,
      title: s.title,
      role: s.role,
      score: round2(s.score),
      max: round2(s.max),
      earned: round2(s.earned),
      applicablePoints: round2(s.applicablePoints),
      zeroedByVeto: s.zeroedByVeto,
    })),
    items,
    vetoes,
    explanations,
  };
}

function sectionScore(section: SchemeSection, earned: number, applicablePoints: number, taken: number): SectionScore {
  let score: number;
  let max: number;
  switch (section.role) {
    case 'fixed':
      earned = applicablePoints = score = max = section.points;
      break;
    case 'penalty':
      score = -Math.min(taken, section.points);
      max = 0;
      break;
    case 'bonus':
      score = Math.min(earned, section.points);
      max = 0;
      break;
    case 'scored':
      if (section.scaling.kind === 'sum') {
        score = earned;
        max = applicablePoints;
      } else if (applicablePoints <= EPSILON) {
        // A weighted section with nothing applicable is left out altogether.
        score = max = 0;
      } else {
        score = (section.scaling.weight * earned) / applicablePoints;
        max = section.scaling.weight;
      }
      break;
  }
  // One object shape for every section keeps this hot path fast.
  return { id: section.id, title: section.title, role: section.role, score, max, earned, applicablePoints, zeroedByVeto: null };
}

function combine(scheme: Scheme, sections: readonly SectionScore[]): { total: number; max: number } {
  let base = 0;
  let baseMax = 0;
  let adjustments = 0;
  for (const s of sections) {
    if (s.role === 'scored' || s.role === 'fixed') {
      base += s.score;
      baseMax += s.max;
    } else {
      adjustments += s.score;
    }
  }
  if (scheme.normalize) {
    base = baseMax > EPSILON ? (base * scheme.normalize.to) / baseMax : 0;
    baseMax = baseMax > EPSILON ? scheme.normalize.to : 0;
  }
  return { total: round2(Math.max(0, base + adjustments)), max: round2(baseMax) };
}

function vetoOutcome(veto: SchemeVeto, findings: readonly ScoringFinding[]): VetoOutcome {
  return { id: veto.id, number: veto.number, title: veto.title, effect: veto.effect, findingIds: findings.map((f) => f.id) };
}

function belowTop(bands: readonly GradeBand[], grade: GradeBand): GradeBand {
  const sorted = [...bands].sort((a, b) => b.min - a.min);
  return grade.code === sorted[0]!.code ? sorted[1]! : grade;
}

export function failBand(scheme: Scheme): GradeBand {
  const sorted = [...scheme.grades].sort((a, b) => a.min - b.min);
  return (scheme.failGrade && scheme.grades.find((g) => g.code === scheme.failGrade)) || sorted[0]!;
}
