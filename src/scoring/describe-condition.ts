/** A scheme condition in plain Chinese, for explaining why an item does not apply. Pure. */
import { CASE_TYPES, PARTY_KINDS } from '../domain/case-file.js';
import { documentTypeLabel } from '../ingest/document-types.js';
import type { Condition, FactName } from './scheme.js';

const FACT_LABELS: Record<FactName, string> = {
  caseType: '案件类型',
  'party.kind': '当事人类型',
  'flags.majorDecision': '重大执法决定',
  'flags.hearingHeld': '举行听证',
  'flags.legalReview': '经法制审核',
  'flags.collectiveDiscussion': '经集体讨论',
  'amounts.fine': '罚款金额',
  'amounts.confiscation': '没收金额',
  'amounts.other': '其他金额',
  'amounts.total': '罚没总额',
  documents: '卷内文书',
};

function valueLabel(fact: FactName, value: string | number | boolean): string {
  if (fact === 'caseType') return CASE_TYPES[value as keyof typeof CASE_TYPES] ?? String(value);
  if (fact === 'party.kind') return PARTY_KINDS[value as keyof typeof PARTY_KINDS] ?? String(value);
  if (fact === 'documents') return documentTypeLabel(String(value));
  return typeof value === 'number' && fact.startsWith('amounts.') ? `${value}元` : String(value);
}

export function describeCondition(condition: Condition): string {
  if ('all' in condition) return condition.all.map(describeCondition).join('且');
  if ('any' in condition) return condition.any.map(describeCondition).join('或');
  if ('not' in condition) return `并非（${describeCondition(condition.not)}）`;
  const label = FACT_LABELS[condition.fact];
  if ('equals' in condition) {
    if (condition.equals === true) return label;
    if (condition.equals === false) return `未${label}`;
    return `${label}为${valueLabel(condition.fact, condition.equals)}`;
  }
  if ('in' in condition) return `${label}为${condition.in.map((v) => valueLabel(condition.fact, v)).join('、')}`;
  if ('gte' in condition) return `${label}不低于${valueLabel(condition.fact, condition.gte)}`;
  if ('lte' in condition) return `${label}不高于${valueLabel(condition.fact, condition.lte)}`;
  return `${label}含${valueLabel(condition.fact, condition.contains)}`;
}
