/**
 * The machine pre-check (机检): rules over a case's documents and extracted facts. Each rule
 * has an id from the rule catalog, a title, its legal basis and the scheme parameters it
 * reads; it returns findings with evidence, passes, or says it cannot decide — never guesses.
 */
import type { CaseFileMetadata, CaseType } from '../domain/case-file.js';
import type { CaseTextFacts, DocumentInput, Evidence } from '../facts/types.js';
import type { WorkingDayCalendar } from './working-days.js';

export interface CheckContext {
  caseType: CaseType;
  /** The case-file metadata, when there is one (the CLI may run without it). */
  metadata: CaseFileMetadata | null;
  documents: DocumentInput[];
  facts: CaseTextFacts;
  /**
   * A statutory parameter by name (as in scheme `parameters`, e.g. decisionDays,
   * statementWorkingDays), from the scheme in use, else the default for the date given (the
   * law in force then), else undefined.
   */
  parameter(name: string, onDate?: string | null): number | undefined;
  calendar: WorkingDayCalendar;
}

export interface RuleFinding {
  /** What is wrong, in Chinese, with the figures that show it. */
  message: string;
  evidence: Evidence[];
}

export type RuleOutcome =
  | { status: 'pass' }
  | { status: 'findings'; findings: RuleFinding[] }
  /** The rule could not decide (no text, unreadable date …): why, in Chinese. */
  | { status: 'undecided'; reason: string };

export interface CheckRule {
  /** An id from src/checks/rule-catalog.ts. */
  id: string;
  title: string;
  basis: string;
  /** Scheme parameters the rule reads. */
  parameters: readonly string[];
  /** Case types it applies to; all when absent. */
  caseTypes?: readonly CaseType[];
  check(ctx: CheckContext): RuleOutcome;
}
