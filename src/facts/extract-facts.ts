/** All the facts of a case volume: every extractor over every document. Pure. */
import { extractAmounts } from './amounts.js';
import { extractCaseNumbers } from './case-numbers.js';
import { extractCitations } from './citations.js';
import { extractDates } from './dates.js';
import { extractOfficers, extractParties, extractSeals } from './parties.js';
import { extractRemedy } from './remedy.js';
import type { CaseTextFacts, DocumentInput } from './types.js';

/** The remedy clause is read from the decision (the last one, if a volume holds several). */
const REMEDY_DOCUMENTS = ['penalty_decision', 'no_penalty_decision', 'onsite_penalty_decision', 'license_decision', 'seizure_decision'];

export function extractFacts(documents: readonly DocumentInput[]): CaseTextFacts {
  const facts: CaseTextFacts = { caseNumbers: [], dates: [], amounts: [], citations: [], remedy: null, parties: [], officers: [], seals: [] };
  for (const doc of documents) {
    facts.caseNumbers.push(...extractCaseNumbers(doc));
    facts.dates.push(...extractDates(doc));
    facts.amounts.push(...extractAmounts(doc));
    facts.citations.push(...extractCitations(doc));
    facts.parties.push(...extractParties(doc));
    facts.officers.push(...extractOfficers(doc));
    facts.seals.push(...extractSeals(doc));
    if (REMEDY_DOCUMENTS.includes(doc.type)) facts.remedy = extractRemedy(doc) ?? facts.remedy;
  }
  return facts;
}
