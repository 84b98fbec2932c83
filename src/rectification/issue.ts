/**
 * Rectification items (整改事项) from a finalized result — pure: no I/O, no framework.
 *
 * One item per confirmed finding of the adopted review that counted in its score: findings
 * on items that apply (the score lists them under the item) and on vetoes that apply. Awards
 * on bonus items are not problems and issue nothing. Each item carries
 * - problem: the finding's note, else the item's title and the engine's explanation;
 * - section and item titles (for a veto: the title of the scheme's first section of the
 *   veto's category, else the category's name; the veto's number and title);
 * - deduction: the points the finding took from the item, from the score's explanations,
 *   shared out in order so that the findings of one item never take more than the item's
 *   capped deduction (null for a veto: it deducts nothing, it has an effect);
 * - basis: the item's or veto's basis, and the machine rule's basis when a rule found it;
 * - requirement: what to do, from a template per section category;
 * - deadline: the finalization date (China's calendar day) + the campaign's days (30 by default).
 */
import { findMachineRule } from '../checks/rule-catalog.js';
import { SECTION_CATEGORIES, type Scheme, type SectionCategory } from '../scoring/scheme.js';
import { round2, type ScoreResult } from '../scoring/score.js';

export const DEFAULT_RECTIFICATION_DAYS = 30;

/** What issuing needs of a finding (a subset of the stored finding, as kept in the snapshot). */
export interface IssuableFinding {
  id: string;
  target: { kind: 'item' | 'veto'; id: string };
  status: string;
  note: string | null;
  source: 'reviewer' | 'machine';
  ruleId: string | null;
}

export interface IssueInput {
  scheme: Scheme;
  score: Pick<ScoreResult, 'items' | 'vetoes' | 'explanations'>;
  /** The adopted review's findings. */
  findings: readonly IssuableFinding[];
  /** When the result was finalized (ISO timestamp). */
  finalizedAt: string;
  /** The campaign's rectification period; null or undefined: 30 days. */
  rectificationDays?: number | null;
}

export interface IssuedItem {
  findingId: string;
  target: { kind: 'item' | 'veto'; id: string };
  sectionTitle: string;
  itemTitle: string;
  problem: string;
  deduction: number | null;
  basis: string | null;
  requirement: string;
  /** YYYY-MM-DD. */
  deadline: string;
}

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The calendar day in China (UTC+8, no daylight saving) of an instant. */
export function chinaDateOf(instant: Date | string): string {
  const ms = typeof instant === 'string' ? Date.parse(instant) : instant.getTime();
  return new Date(ms + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** YYYY-MM-DD + days, in calendar days. */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`);
  return new Date(ms + days * 86_400_000).toISOString().slice(0, 10);
}

const CATEGORY_REQUIREMENTS: Record<SectionCategory, string> = {
  subject: '核实执法主体资格和执法人员执法证件，确保执法主体合法、执法人员持证执法',
  procedure: '梳理办案程序，对缺失或违反法定期限、步骤的环节予以纠正或作出书面说明，完善程序控制',
  facts: '补充核实案件事实，确保违法事实清楚、认定准确',
  evidence: '补充完善证据材料，确保证据确实充分、取证程序合法',
  law: '核对所适用的法律、法规、规章条款，纠正适用错误，引用具体到条、款、项',
  documents: '规范文书制作，更正文书中的错漏，确保文书要素齐全、前后一致',
  archiving: '按照立卷归档规范整理案卷，补齐缺失材料，规范装订和目录',
  legality: '对照法律规定纠正违法情形，必要时依法启动自我纠错程序',
  normativity: '规范执法文书和办案流程，消除不规范之处',
  discretion: '对照行政裁量权基准说明裁量理由，规范行使裁量权',
  execution: '跟进决定的执行情况，依法履行催告、强制执行等程序',
  other: '查明问题原因并采取针对性整改措施',
};

const CLOSING = '并在整改期限内提交整改情况说明及佐证材料';

export function itemRequirement(itemTitle: string, category: SectionCategory): string {
  return `对照“${itemTitle}”的要求逐项整改，${CATEGORY_REQUIREMENTS[category]}，${CLOSING}。`;
}

export function vetoRequirement(vetoTitle: string, category: SectionCategory): string {
  return `对否决项“${vetoTitle}”所涉问题立即组织核查，${CATEGORY_REQUIREMENTS[category]}，举一反三排查同类案件，${CLOSING}。`;
}

function joinBasis(parts: readonly (string | undefined)[]): string | null {
  const unique = [...new Set(parts.filter((p): p is string => Boolean(p && p.trim())).map((p) => p.trim()))];
  return unique.length > 0 ? unique.join('；') : null;
}

function ruleBasis(finding: IssuableFinding): string | undefined {
  return finding.source === 'machine' && finding.ruleId ? findMachineRule(finding.ruleId)?.basis : undefined;
}

const noteOf = (finding: IssuableFinding) => (finding.note && finding.note.trim() ? finding.note.trim() : null);

export function issueRectificationItems(input: IssueInput): IssuedItem[] {
  const { scheme, score } = input;
  const deadline = addDays(chinaDateOf(input.finalizedAt), input.rectificationDays ?? DEFAULT_RECTIFICATION_DAYS);
  const findings = new Map(input.findings.filter((f) => f.status === 'confirmed').map((f) => [f.id, f]));
  const explanations = new Map(score.explanations.map((e) => [e.findingId, e]));
  const out: IssuedItem[] = [];

  for (const section of scheme.sections) {
    if (section.role === 'bonus') continue;
    for (const item of section.items) {
      const scored = score.items.find((i) => i.id === item.id);
      if (!scored || !scored.applicable) continue;
      let remaining = scored.deduction;
      for (const findingId of scored.findingIds) {
        const finding = findings.get(findingId);
        if (!finding) continue;
        const explanation = explanations.get(findingId);
        const taken = round2(Math.max(0, Math.min(explanation?.points ?? 0, remaining)));
        remaining = round2(remaining - taken);
        out.push({
          findingId,
          target: { kind: 'item', id: item.id },
          sectionTitle: section.title,
          itemTitle: item.title,
          problem: noteOf(finding) ?? `${item.title}不符合要求：${explanation?.text ?? `第${item.number}项「${item.title}」`}`,
          deduction: taken,
          basis: joinBasis([item.basis, ruleBasis(finding)]),
          requirement: itemRequirement(item.title, section.category),
          deadline,
        });
      }
    }
  }

  for (const outcome of score.vetoes) {
    const veto = scheme.vetoes.find((v) => v.id === outcome.id);
    if (!veto) continue;
    const sectionTitle = scheme.sections.find((s) => s.category === veto.category)?.title ?? SECTION_CATEGORIES[veto.category];
    for (const findingId of outcome.findingIds) {
      const finding = findings.get(findingId);
      if (!finding) continue;
      const explanation = explanations.get(findingId);
      out.push({
        findingId,
        target: { kind: 'veto', id: veto.id },
        sectionTitle,
        itemTitle: `否决项 ${veto.number} ${veto.title}`,
        problem: noteOf(finding) ?? `${veto.title}：${explanation?.text ?? `否决项 ${veto.number}「${veto.title}」`}`,
        deduction: null,
        basis: joinBasis([veto.basis, ruleBasis(finding)]),
        requirement: vetoRequirement(veto.title, veto.category),
        deadline,
      });
    }
  }
  return out;
}

/** The key issued items are told apart by when a reopened case file is finalized again. */
export const problemKey = (target: { kind: string; id: string }, problem: string) => `${target.kind}:${target.id}\u0000${problem}`;
