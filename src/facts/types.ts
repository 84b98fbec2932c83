/**
 * What fact extraction finds in a case volume's text. Every fact carries its evidence: the
 * document it is in, the page, and the quoted raw text. Pure data; the extractors in this
 * folder produce it from normalised page text, and the pre-check rules (src/checks) read it.
 */

/** One page of a document, as the extractors read it. */
export interface PageInput {
  pageNumber: number;
  /** The extracted text, for quoting. */
  raw: string;
  /** normalizeForMatching(raw), for matching. */
  normalized: string;
}

/** A detected document (卷内文书) with its pages. */
export interface DocumentInput {
  /** A stable id: the database id, or `${file}#${ordinal}` offline. */
  id: string;
  /** The uploaded file's name. */
  file: string;
  /** Document type code (src/ingest/document-types.ts). */
  type: string;
  title: string | null;
  pages: PageInput[];
}

export interface Evidence {
  documentId: string;
  /** Page number within the uploaded file. */
  page: number;
  /** The raw text quoted, short (a sentence or a line). */
  quote: string;
}

export type CaseNumberProblem = 'ascii_brackets' | 'missing_year' | 'missing_prefix' | 'missing_serial' | 'missing_hao';

export interface CaseNumberFact extends Evidence {
  /** Whitespace removed, brackets kept as written: 鄂0105环罚决字〔2023〕17号. */
  value: string;
  year: number | null;
  /** The part before the year: agency abbreviation and document type (沪徐市监处罚). */
  prefix: string | null;
  serial: string | null;
  wellFormed: boolean;
  problems: CaseNumberProblem[];
}

export type DateRole = 'filing' | 'investigation' | 'notice' | 'statement' | 'hearing' | 'decision' | 'service' | 'closing';

export interface DateFact extends Evidence {
  /** YYYY-MM-DD, or null when the text names a date that does not exist (二〇二三年十三月, 2月30日). */
  value: string | null;
  role: DateRole | null;
  /** Why the date could not be read, when value is null. */
  problem: string | null;
}

export type AmountRole = 'fine' | 'confiscation' | 'illegal_gains' | 'goods_value' | 'investment' | 'late_fee' | 'other';

export interface AmountFact extends Evidence {
  /** In yuan. */
  value: number;
  role: AmountRole | null;
  /** How it was written. */
  form: 'arabic' | 'capital';
  /** For 捌佰柒拾元整(¥870元): the other form written next to it, so both can be compared. */
  pairedValue: number | null;
}

export type LawKind = 'law' | 'administrative_regulation' | 'departmental_rule' | 'local_regulation' | 'discretion_benchmark' | 'other';

export interface CitationFact extends Evidence {
  /** The title as cited, without 《》. */
  law: string;
  /** The title as known (law index), with 中华人民共和国 where the law has it; null when not recognised. */
  canonicalLaw: string | null;
  kind: LawKind;
  article: number | null;
  clause: number | null;
  item: number | null;
}

export interface RemedyFact extends Evidence {
  reconsiderationDays: number | null;
  reconsiderationBody: string | null;
  litigationMonths: number | null;
  litigationDays: number | null;
  court: string | null;
}

export interface PartyFact extends Evidence {
  name: string;
  kind: 'person' | 'organization' | 'individual_business' | null;
  creditCode: string | null;
  idNumber: string | null;
  /** Whether the credit code or ID number passes its check digit; null when there is none. */
  identifierValid: boolean | null;
}

export interface OfficerFact extends Evidence {
  name: string;
  certificateNumber: string | null;
}

export interface SealFact extends Evidence {
  kind: 'seal' | 'signature';
}

export interface CaseTextFacts {
  caseNumbers: CaseNumberFact[];
  dates: DateFact[];
  amounts: AmountFact[];
  citations: CitationFact[];
  remedy: RemedyFact | null;
  parties: PartyFact[];
  officers: OfficerFact[];
  seals: SealFact[];
}
