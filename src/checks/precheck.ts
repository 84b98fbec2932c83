/**
 * The pre-check (机检): facts from the text, every rule over them, and each finding mapped to
 * the scheme item (or veto) whose `machineRules` names the rule. Pure: the API, the job
 * runner and the CLI all call this.
 */
import type { CaseFileMetadata, CaseType } from '../domain/case-file.js';
import { extractFacts } from '../facts/extract-facts.js';
import type { CaseTextFacts, DocumentInput, Evidence } from '../facts/types.js';
import type { Scheme } from '../scoring/scheme.js';
import { defaultParameter } from './parameters.js';
import { findMachineRule } from './rule-catalog.js';
import { ALL_RULES } from './rules/index.js';
import type { CheckContext, CheckRule } from './types.js';
import { createChinaCalendar, type WorkingDayCalendar } from './working-days.js';

export interface PrecheckEvidence extends Evidence {
  file: string;
  documentType: string;
}

export interface PrecheckFinding {
  rule: string;
  title: string;
  basis: string;
  message: string;
  evidence: PrecheckEvidence[];
  /** The scheme item or veto the rule bears on; null without a scheme or when none names it. */
  target: { kind: 'item' | 'veto'; id: string; number: string; title: string } | null;
  /** What a confirmed finding would deduct from that item (its rule's fixed amount or minimum; all for `all`). */
  deduction: number | null;
}

export interface PrecheckResult {
  facts: CaseTextFacts;
  findings: PrecheckFinding[];
  undecided: { rule: string; title: string; reason: string }[];
  passed: string[];
  /** Rules that do not apply to the case type. */
  skipped: string[];
}

export interface PrecheckInput {
  caseType: CaseType;
  metadata: CaseFileMetadata | null;
  documents: DocumentInput[];
  scheme?: Scheme | null;
  calendar?: WorkingDayCalendar;
  rules?: readonly CheckRule[];
}

let sharedCalendar: WorkingDayCalendar | undefined;

/** The first scheme item (else veto) whose machineRules name the rule. */
export function schemeTarget(scheme: Scheme | null | undefined, ruleId: string): PrecheckFinding['target'] {
  if (!scheme) return null;
  for (const section of scheme.sections) {
    const item = section.items.find((i) => i.machineRules.includes(ruleId));
    if (item) return { kind: 'item', id: item.id, number: item.number, title: item.title };
  }
  const veto = scheme.vetoes.find((v) => v.machineRules.includes(ruleId));
  return veto ? { kind: 'veto', id: veto.id, number: veto.number, title: veto.title } : null;
}

function deductionFor(scheme: Scheme | null | undefined, target: PrecheckFinding['target']): number | null {
  if (!scheme || !target || target.kind !== 'item') return null;
  const item = scheme.sections.flatMap((s) => s.items).find((i) => i.id === target.id)!;
  const rule = item.deduction;
  return rule.kind === 'all' ? item.points : rule.kind === 'fixed' ? rule.amount : rule.min;
}

export function runPrecheck(input: PrecheckInput): PrecheckResult {
  const facts = extractFacts(input.documents);
  const calendar = input.calendar ?? (sharedCalendar ??= createChinaCalendar());
  const schemeParameters = input.scheme?.parameters ?? {};
  const ctx: CheckContext = {
    caseType: input.caseType,
    metadata: input.metadata,
    documents: input.documents,
    facts,
    calendar,
    parameter: (name, onDate) => schemeParameters[name]?.value ?? defaultParameter(name, onDate),
  };
  const docs = new Map(input.documents.map((d) => [d.id, d]));
  const result: PrecheckResult = { facts, findings: [], undecided: [], passed: [], skipped: [] };
  for (const rule of input.rules ?? ALL_RULES) {
    if (rule.caseTypes && !rule.caseTypes.includes(input.caseType)) {
      result.skipped.push(rule.id);
      continue;
    }
    const outcome = rule.check(ctx);
    if (outcome.status === 'pass') result.passed.push(rule.id);
    else if (outcome.status === 'undecided') result.undecided.push({ rule: rule.id, title: rule.title, reason: outcome.reason });
    else {
      const target = schemeTarget(input.scheme, rule.id);
      for (const finding of outcome.findings) {
        result.findings.push({
          rule: rule.id,
          title: rule.title,
          basis: findMachineRule(rule.id)?.basis ?? rule.basis,
          message: finding.message,
          evidence: finding.evidence.map((e) => ({ ...e, file: docs.get(e.documentId)?.file ?? '', documentType: docs.get(e.documentId)?.type ?? '' })),
          target,
          deduction: deductionFor(input.scheme, target),
        });
      }
    }
  }
  return result;
}
