/**
 * The facts about a case that scheme conditions test (which items apply), and how a
 * condition is evaluated. Pure.
 */
import type { CaseFileMetadata, CaseType, PartyKind } from '../domain/case-file.js';
import type { Condition, FactName } from './scheme.js';

export interface CaseFacts {
  caseType: CaseType;
  partyKind: PartyKind;
  flags: { majorDecision: boolean; hearingHeld: boolean; legalReview: boolean; collectiveDiscussion: boolean };
  /** In yuan; absent amounts are 0. */
  amounts: { fine: number; confiscation: number; other: number };
  /** Document type codes present in the volume (as detected, or as corrected by a reviewer). */
  documents: readonly string[];
}

export function caseFactsFrom(metadata: Pick<CaseFileMetadata, 'caseType' | 'party' | 'flags' | 'amounts'>, documents: readonly string[] = []): CaseFacts {
  return {
    caseType: metadata.caseType,
    partyKind: metadata.party.kind,
    flags: { ...metadata.flags },
    amounts: { fine: metadata.amounts.fine ?? 0, confiscation: metadata.amounts.confiscation ?? 0, other: metadata.amounts.other ?? 0 },
    documents: [...new Set(documents)],
  };
}

export function factValue(facts: CaseFacts, name: FactName): string | number | boolean | readonly string[] {
  switch (name) {
    case 'caseType':
      return facts.caseType;
    case 'party.kind':
      return facts.partyKind;
    case 'flags.majorDecision':
      return facts.flags.majorDecision;
    case 'flags.hearingHeld':
      return facts.flags.hearingHeld;
    case 'flags.legalReview':
      return facts.flags.legalReview;
    case 'flags.collectiveDiscussion':
      return facts.flags.collectiveDiscussion;
    case 'amounts.fine':
      return facts.amounts.fine;
    case 'amounts.confiscation':
      return facts.amounts.confiscation;
    case 'amounts.other':
      return facts.amounts.other;
    case 'amounts.total':
      return facts.amounts.fine + facts.amounts.confiscation + facts.amounts.other;
    case 'documents':
      return facts.documents;
  }
}

export function evaluateCondition(condition: Condition | undefined, facts: CaseFacts): boolean {
  if (!condition) return true;
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, facts));
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, facts));
  if ('not' in condition) return !evaluateCondition(condition.not, facts);
  const value = factValue(facts, condition.fact);
  if ('equals' in condition) return value === condition.equals;
  if ('in' in condition) return (condition.in as unknown[]).includes(value);
  if ('gte' in condition) return typeof value === 'number' && value >= condition.gte;
  if ('lte' in condition) return typeof value === 'number' && value <= condition.lte;
  return Array.isArray(value) ? value.includes(condition.contains) : typeof value === 'string' && value.includes(condition.contains);
}
