/**
 * Everything that can be wrong with a scheme or a finding, each problem with the JSON path
 * where it is. Pure. `parseScheme` = structure (zod) + consistency (this file).
 */
import { z } from 'zod';
import { findMachineRule } from '../checks/rule-catalog.js';
import { CASE_TYPE_CODES, PARTY_KINDS } from '../domain/case-file.js';
import { DOCUMENT_TYPE_CODES } from '../ingest/document-types.js';
import { formatPath } from '../errors.js';
import { evaluateCondition, type CaseFacts } from './case-facts.js';
import { deductionCap, findingPoints, type NotApplicableMark } from './score.js';
import { schemeSchema, type Condition, type Scheme, type SchemeItem, type SchemeVeto } from './scheme.js';

export interface SchemeIssue {
  path: string;
  message: string;
}

export type SchemeParse = { ok: true; scheme: Scheme } | { ok: false; issues: SchemeIssue[] };

const EPSILON = 1e-6;
const near = (a: number, b: number) => Math.abs(a - b) < EPSILON;
const isMultiple = (value: number, step: number) => near(value / step, Math.round(value / step));

export function parseScheme(input: unknown): SchemeParse {
  const parsed = schemeSchema.safeParse(input);
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => ({ path: formatPath(i.path as (string | number)[]) || '(根)', message: i.message })) };
  }
  const issues = checkConsistency(parsed.data);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, scheme: parsed.data };
}

/** The checks zod cannot express: ids, references, sums, bands, rule ids, conditions. */
export function checkConsistency(scheme: Scheme): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const add = (path: (string | number)[], message: string) => issues.push({ path: formatPath(path), message });

  const seen = new Map<string, string>();
  const claim = (id: string, path: (string | number)[]) => {
    const earlier = seen.get(id);
    if (earlier) add([...path, 'id'], `编号 ${id} 重复（已用于 ${earlier}）`);
    else seen.set(id, formatPath(path));
  };

  const sectionIds = new Set(scheme.sections.map((s) => s.id));
  let contribution = 0;
  scheme.sections.forEach((section, si) => {
    const sp = ['sections', si];
    claim(section.id, sp);
    const groupIds = new Set<string>();
    section.groups.forEach((group, gi) => {
      claim(group.id, [...sp, 'groups', gi]);
      groupIds.add(group.id);
      checkCondition(group.applicability, [...sp, 'groups', gi, 'applicability'], add);
      const sum = section.items.filter((i) => i.group === group.id).reduce((a, i) => a + i.points, 0);
      if (!near(sum, group.points)) add([...sp, 'groups', gi, 'points'], `分组「${group.title}」分值 ${group.points} 与其下各项之和 ${round(sum)} 不符`);
    });
    section.items.forEach((item, ii) => {
      const ip = [...sp, 'items', ii];
      claim(item.id, ip);
      if (item.group && !groupIds.has(item.group)) add([...ip, 'group'], `分组 ${item.group} 不在本类别中`);
      checkDeductionRule(item, ip, add);
      checkMachineRules(item.machineRules, [...ip, 'machineRules'], add);
      checkCondition(item.applicability, [...ip, 'applicability'], add);
    });
    if (section.role === 'fixed') {
      if (section.items.length > 0) add([...sp, 'items'], '固定分值类别（fixed）不能含评分项，其分数只受否决项影响');
    } else {
      const sum = section.items.reduce((a, i) => a + i.points, 0);
      if (!near(sum, section.points)) add([...sp, 'points'], `类别「${section.title}」分值 ${section.points} 与其下各项之和 ${round(sum)} 不符`);
    }
    if (section.role !== 'scored' && section.scaling.kind !== 'sum') add([...sp, 'scaling'], '只有计分类别（scored）可以按权重折算');
    if (section.role === 'scored') contribution += section.scaling.kind === 'weighted' ? section.scaling.weight : section.points;
    if (section.role === 'fixed') contribution += section.points;
  });
  // Without rescaling the sections must add up to the total; with it, they are rescaled to it.
  if (scheme.normalize) {
    if (!near(scheme.normalize.to, scheme.total)) add(['normalize', 'to'], `折算满分 ${scheme.normalize.to} 应等于总分 ${scheme.total}`);
  } else if (!near(contribution, scheme.total)) {
    add(['total'], `总分 ${scheme.total} 与各计分类别分值之和 ${round(contribution)} 不符`);
  }

  scheme.vetoes.forEach((veto, vi) => {
    const vp = ['vetoes', vi];
    claim(veto.id, vp);
    if (veto.effect.kind === 'zero_section' && !sectionIds.has(veto.effect.section)) add([...vp, 'effect', 'section'], `否决项引用了不存在的类别 ${veto.effect.section}`);
    checkMachineRules(veto.machineRules, [...vp, 'machineRules'], add);
    checkCondition(veto.applicability, [...vp, 'applicability'], add);
  });

  checkGrades(scheme, add);
  if (new Set(scheme.caseTypes).size !== scheme.caseTypes.length) add(['caseTypes'], '案件类型重复');
  if (scheme.effective.to && scheme.effective.to < scheme.effective.from) add(['effective', 'to'], '失效日期早于生效日期');
  return issues;
}

type Add = (path: (string | number)[], message: string) => void;

const round = (v: number) => Math.round(v * 1000) / 1000;

function checkDeductionRule(item: SchemeItem, path: (string | number)[], add: Add) {
  const rule = item.deduction;
  if (rule.kind === 'fixed') {
    if (rule.amount > item.points + EPSILON) add([...path, 'deduction', 'amount'], `每处扣分 ${rule.amount} 超过该项分值 ${item.points}`);
    if (rule.cap !== undefined && rule.cap > item.points + EPSILON) add([...path, 'deduction', 'cap'], `扣分上限 ${rule.cap} 超过该项分值 ${item.points}`);
  }
  if (rule.kind === 'range') {
    if (rule.min > rule.max) add([...path, 'deduction', 'min'], `扣分下限 ${rule.min} 大于上限 ${rule.max}`);
    if (rule.max > item.points + EPSILON) add([...path, 'deduction', 'max'], `扣分上限 ${rule.max} 超过该项分值 ${item.points}`);
    if (rule.cap !== undefined && rule.cap > item.points + EPSILON) add([...path, 'deduction', 'cap'], `扣分上限 ${rule.cap} 超过该项分值 ${item.points}`);
    if (!isMultiple(rule.min, rule.step) || !isMultiple(rule.max, rule.step)) add([...path, 'deduction', 'step'], `扣分范围 ${rule.min}–${rule.max} 不是步长 ${rule.step} 的整数倍`);
  }
}

function checkMachineRules(ids: readonly string[], path: (string | number)[], add: Add) {
  ids.forEach((id, i) => {
    if (!findMachineRule(id)) add([...path, i], `机检规则 ${id} 不存在`);
  });
}

const FACT_VALUES: Record<string, readonly (string | number | boolean)[] | 'number' | 'boolean'> = {
  caseType: CASE_TYPE_CODES,
  'party.kind': Object.keys(PARTY_KINDS),
  'flags.majorDecision': 'boolean',
  'flags.hearingHeld': 'boolean',
  'flags.legalReview': 'boolean',
  'flags.collectiveDiscussion': 'boolean',
  'amounts.fine': 'number',
  'amounts.confiscation': 'number',
  'amounts.other': 'number',
  'amounts.total': 'number',
  documents: DOCUMENT_TYPE_CODES,
};

/** A condition must compare each fact with values it can take. */
function checkCondition(condition: Condition | undefined, path: (string | number)[], add: Add) {
  if (!condition) return;
  if ('all' in condition) return condition.all.forEach((c, i) => checkCondition(c, [...path, 'all', i], add));
  if ('any' in condition) return condition.any.forEach((c, i) => checkCondition(c, [...path, 'any', i], add));
  if ('not' in condition) return checkCondition(condition.not, [...path, 'not'], add);
  const kind = FACT_VALUES[condition.fact]!;
  const allowed = (value: unknown, key: string) => {
    const ok = kind === 'number' ? typeof value === 'number' : kind === 'boolean' ? typeof value === 'boolean' : (kind as readonly unknown[]).includes(value);
    if (!ok) add([...path, key], `条件中 ${condition.fact} 的取值 ${JSON.stringify(value)} 无效`);
  };
  if ('equals' in condition) allowed(condition.equals, 'equals');
  if ('in' in condition) condition.in.forEach((v, i) => allowed(v, `in[${i}]`));
  if (('gte' in condition || 'lte' in condition) && kind !== 'number') add(path, `${condition.fact} 不是数值，不能比较大小`);
  if ('contains' in condition) {
    if (condition.fact !== 'documents') add(path, `只有 documents 可以用 contains`);
    else allowed(condition.contains, 'contains');
  }
}

function checkGrades(scheme: Scheme, add: Add) {
  const codes = new Set<string>();
  scheme.grades.forEach((band, i) => {
    if (codes.has(band.code)) add(['grades', i, 'code'], `等次代码 ${band.code} 重复`);
    codes.add(band.code);
    if (band.max !== undefined && band.max <= band.min) add(['grades', i, 'max'], `等次「${band.label}」的上限不大于下限`);
  });
  const order = scheme.grades.map((band, index) => ({ band, index })).sort((a, b) => a.band.min - b.band.min);
  if (order[0]!.band.min !== 0) add(['grades', order[0]!.index, 'min'], `最低等次应从 0 分起（现为 ${order[0]!.band.min}）`);
  order.forEach(({ band, index }, k) => {
    const next = order[k + 1];
    if (!next) {
      if (band.max !== undefined) add(['grades', index, 'max'], `最高等次「${band.label}」不应设上限`);
      return;
    }
    if (band.max === undefined) add(['grades', index, 'max'], `等次「${band.label}」缺少上限`);
    else if (band.max > next.band.min) add(['grades', index, 'max'], `等次「${band.label}」与「${next.band.label}」重叠（${band.max} > ${next.band.min}）`);
    else if (band.max < next.band.min) add(['grades', index, 'max'], `等次「${band.label}」与「${next.band.label}」之间有空档（${band.max}–${next.band.min}）`);
  });
  if (scheme.failGrade && !codes.has(scheme.failGrade)) add(['failGrade'], `不合格等次 ${scheme.failGrade} 不在等次列表中`);
}

// ---------------------------------------------------------------------------------------
// Findings against a scheme
// ---------------------------------------------------------------------------------------

export interface FindingInput {
  target: { kind: 'item' | 'veto'; id: string };
  points?: number;
  occurrences: number;
}

export interface TargetLookup {
  item?: SchemeItem;
  veto?: SchemeVeto;
  groupApplicability?: Condition;
}

export function findTarget(scheme: Scheme, target: FindingInput['target']): TargetLookup | undefined {
  if (target.kind === 'veto') {
    const veto = scheme.vetoes.find((v) => v.id === target.id);
    return veto && { veto };
  }
  for (const section of scheme.sections) {
    const item = section.items.find((i) => i.id === target.id);
    if (item) return { item, groupApplicability: section.groups.find((g) => g.id === item.group)?.applicability };
  }
  return undefined;
}

/** Why a finding cannot be recorded on this scheme for this case; empty when it can. */
export function checkFinding(scheme: Scheme, facts: CaseFacts, finding: FindingInput, marks: readonly NotApplicableMark[] = []): SchemeIssue[] {
  const issues: SchemeIssue[] = [];
  const found = findTarget(scheme, finding.target);
  if (!Number.isInteger(finding.occurrences) || finding.occurrences < 1) issues.push({ path: 'occurrences', message: '出现次数应为不小于 1 的整数' });
  if (!found) return [{ path: 'target.id', message: `评查标准 ${scheme.id} ${scheme.version} 中没有${finding.target.kind === 'veto' ? '否决项' : '评查项'} ${finding.target.id}` }, ...issues];
  if (found.veto) {
    if (!evaluateCondition(found.veto.applicability, facts)) issues.push({ path: 'target.id', message: `否决项 ${found.veto.number} 不适用于本案` });
    if (finding.points !== undefined) issues.push({ path: 'points', message: '否决项不扣分值，不应填写 points' });
    return issues;
  }
  const item = found.item!;
  const marked = marks.some((m) => m.id === item.id || (item.group !== undefined && m.id === item.group));
  if (marked || !evaluateCondition(found.groupApplicability, facts) || !evaluateCondition(item.applicability, facts)) {
    issues.push({ path: 'target.id', message: `评查项 ${item.number} 不适用于本案` });
  }
  const rule = item.deduction;
  if (rule.kind === 'fixed' && finding.points !== undefined && !near(finding.points, rule.amount)) {
    issues.push({ path: 'points', message: `该项每处固定扣 ${rule.amount} 分` });
  }
  if (rule.kind === 'range') {
    if (finding.points === undefined) issues.push({ path: 'points', message: `该项须在 ${rule.min}–${rule.max} 分之间选择扣分` });
    else if (finding.points < rule.min - EPSILON || finding.points > rule.max + EPSILON) issues.push({ path: 'points', message: `扣分 ${finding.points} 超出该项范围 ${rule.min}–${rule.max}` });
    else if (!isMultiple(finding.points - rule.min, rule.step)) issues.push({ path: 'points', message: `扣分应以 ${rule.step} 分为单位` });
  }
  if (rule.kind === 'all' && finding.points !== undefined && !near(finding.points, item.points)) {
    issues.push({ path: 'points', message: `该项一经认定即扣除全部 ${item.points} 分` });
  }
  if (issues.length === 0) {
    const total = findingPoints(rule, item, finding);
    if (total > deductionCap(item) + EPSILON) issues.push({ path: 'points', message: `扣分 ${round(total)} 超过该项上限 ${deductionCap(item)}` });
  }
  return issues;
}

/** For editors: a JSON Schema of the scheme format. */
export function schemeJsonSchema(): unknown {
  return z.toJSONSchema(schemeSchema, { target: 'draft-7', io: 'input' });
}
