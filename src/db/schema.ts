/**
 * Row types of every table, as stored. Portable representation (SQLite today, PostgreSQL
 * later): ids are text UUIDs made by the app, timestamps are ISO-8601 UTC text, calendar
 * dates are YYYY-MM-DD text, booleans are integers 0/1, money is integer fen (分), JSON is
 * text. Conversions live in db/mappers.ts and nowhere else.
 */
import type { Generated, Insertable, Selectable, Updateable } from 'kysely';

export type DbBool = 0 | 1;

export interface AgencyTable {
  id: string;
  name: string;
  short_name: string | null;
  credit_code: string | null;
  region: string | null;
  sector: string | null;
  level: string | null;
  created_at: string;
  updated_at: string;
}

export interface CampaignTable {
  id: string;
  name: string;
  year: number;
  kind: string;
  status: string;
  scope_start: string | null;
  scope_end: string | null;
  description: string | null;
  /** Days agencies get to rectify a problem; 30 when not set. */
  rectification_days: number | null;
  created_at: string;
  updated_at: string;
}

export interface CaseFileTable {
  id: string;
  campaign_id: string;
  agency_id: string;
  case_number: string;
  /** case_number with whitespace removed and widths folded: what uniqueness is judged on. */
  case_number_key: string;
  case_type: string;
  cause: string;
  party_name: string;
  party_kind: string;
  party_credit_code: string | null;
  party_id_number: string | null;
  party_address: string | null;
  party_legal_representative: string | null;
  incident_on: string | null;
  applied_on: string | null;
  accepted_on: string | null;
  filed_on: string | null;
  measure_on: string | null;
  notified_on: string | null;
  hearing_on: string | null;
  decided_on: string | null;
  served_on: string | null;
  closed_on: string | null;
  fine_fen: number | null;
  confiscation_fen: number | null;
  other_amount_fen: number | null;
  officers_json: string;
  major_decision: DbBool;
  hearing_held: DbBool;
  legal_review: DbBool;
  collective_discussion: DbBool;
  created_at: string;
  updated_at: string;
}

export interface BlobTable {
  sha256: string;
  byte_size: number;
  created_at: string;
}

export interface IngestJobTable {
  id: string;
  case_file_id: string;
  status: string;
  pages_done: number;
  pages_total: number;
  attempts: number;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
  updated_at: string;
}

export interface FileTable {
  id: string;
  case_file_id: string;
  job_id: string;
  blob_sha256: string;
  original_name: string;
  byte_size: number;
  page_count: number;
  /** Order of the file within its upload request. */
  position: number;
  status: string;
  error_code: string | null;
  error_message: string | null;
  created_at: string;
}

export interface PageTable {
  file_id: string;
  page_number: number;
  raw_text: string;
  normalized_text: string;
  char_count: number;
  cjk_count: number;
  needs_ocr: DbBool;
  quality_note: string | null;
}

export interface DocumentTable {
  id: string;
  case_file_id: string;
  file_id: string;
  /** Order of the document within the case file (by upload, then by page). */
  ordinal: number;
  detected_type: string;
  type_override: string | null;
  override_note: string | null;
  overridden_at: string | null;
  title: string | null;
  start_page: number;
  end_page: number;
  confidence: number;
  created_at: string;
}

export interface UserTable {
  id: string;
  name: string;
  role: string;
  agency_id: string | null;
  /** For external reviewers: 律师, 检察院, 专家 … */
  affiliation: string | null;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ApiTokenTable {
  id: string;
  user_id: string;
  /** sha256 of the token; the token itself is never stored. */
  token_hash: string;
  /** The first characters of the token, so a user can tell their tokens apart. */
  prefix: string;
  label: string | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CampaignReviewerTable {
  campaign_id: string;
  user_id: string;
  is_chief: DbBool;
  created_at: string;
}

export interface CampaignAgencyTable {
  campaign_id: string;
  agency_id: string;
  created_at: string;
}

/** Append-only: the database refuses UPDATE and DELETE on it. */
export interface AuditEventTable {
  id: string;
  occurred_at: string;
  actor_user_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  /** JSON: { before, after } holding only the fields that changed. */
  changes_json: string;
  request_id: string | null;
}

export interface SchemeTable {
  scheme_id: string;
  version: string;
  hash: string;
  title: string;
  case_types_json: string;
  content_json: string;
  /** 'shipped' (scoring-schemes/) or 'uploaded' (through the API). */
  origin: string;
  created_at: string;
  updated_at: string;
}

export interface CampaignSchemeTable {
  campaign_id: string;
  case_type: string;
  scheme_id: string;
  scheme_version: string;
  created_at: string;
}

export interface ReviewTable {
  id: string;
  case_file_id: string;
  reviewer_id: string;
  /** 1 for the first reviewer assigned to the case file, 2 for the second. */
  ordinal: number;
  scheme_id: string;
  scheme_version: string;
  scheme_hash: string;
  /** draft → submitted → finalized (and back to draft when returned or reopened). */
  status: string;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface FindingTable {
  id: string;
  review_id: string;
  target_kind: string;
  target_id: string;
  points: number | null;
  occurrences: number;
  note: string | null;
  /** JSON: [{ documentId, page, quote }]. */
  evidence_json: string;
  /** 'reviewer' or 'machine'. */
  source: string;
  rule_id: string | null;
  /** suggested → confirmed | rejected. */
  status: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface ReviewMarkTable {
  review_id: string;
  target_id: string;
  reason: string;
  created_at: string;
}

export interface CaseResultTable {
  id: string;
  case_file_id: string;
  /** 'final' or 'reopened'. */
  status: string;
  scheme_id: string;
  scheme_version: string;
  scheme_hash: string;
  total: number;
  grade_code: string;
  grade_label: string;
  adopted_review_id: string;
  resolution: string | null;
  snapshot_json: string;
  finalized_by: string;
  finalized_at: string;
  reopened_by: string | null;
  reopened_at: string | null;
  reopen_reason: string | null;
}

export interface PrecheckTable {
  case_file_id: string;
  ran_at: string;
  scheme_id: string | null;
  scheme_version: string | null;
  finding_count: number;
  /** JSON: the PrecheckResult (facts, findings with evidence, undecided, passed). */
  result_json: string;
}

export interface RegisterImportTable {
  id: string;
  campaign_id: string;
  agency_id: string;
  file_name: string;
  row_count: number;
  imported_by: string | null;
  created_at: string;
}

/** One closed case of an agency's register (案件台账) in a campaign. */
export interface RegisterEntryTable {
  id: string;
  campaign_id: string;
  agency_id: string;
  import_id: string;
  row_number: number;
  case_number: string;
  case_number_key: string;
  case_type: string;
  cause: string;
  party_name: string;
  filed_on: string | null;
  closed_on: string | null;
  amount_fen: number | null;
  handlers: string | null;
  sampling_id: string | null;
  case_file_id: string | null;
  created_at: string;
}

export interface SamplingTable {
  id: string;
  campaign_id: string;
  seed: string;
  /** JSON: the draw's parameters (count or percentage, minimum per agency, reviewers per file …). */
  params_json: string;
  /** JSON: the drawn entries and the reviewer assignment. */
  result_json: string;
  created_by: string | null;
  created_at: string;
}

export interface RectificationItemTable {
  id: string;
  campaign_id: string;
  agency_id: string;
  case_file_id: string;
  result_id: string;
  finding_id: string | null;
  target_kind: string;
  target_id: string;
  section_title: string;
  item_title: string;
  problem: string;
  deduction: number | null;
  basis: string | null;
  requirement: string;
  deadline: string;
  /** issued → answered → verified; answered → returned → answered … */
  status: string;
  answer_text: string | null;
  answer_blob_sha256: string | null;
  answer_file_name: string | null;
  answered_by: string | null;
  answered_at: string | null;
  verified_by: string | null;
  verified_at: string | null;
  return_reason: string | null;
  created_at: string;
  updated_at: string;
}

export interface Database {
  agencies: AgencyTable;
  campaigns: CampaignTable;
  case_files: CaseFileTable;
  blobs: BlobTable;
  ingest_jobs: IngestJobTable;
  files: FileTable;
  pages: PageTable;
  documents: DocumentTable;
  users: UserTable;
  api_tokens: ApiTokenTable;
  campaign_reviewers: CampaignReviewerTable;
  campaign_agencies: CampaignAgencyTable;
  audit_events: AuditEventTable;
  schemes: SchemeTable;
  campaign_schemes: CampaignSchemeTable;
  reviews: ReviewTable;
  findings: FindingTable;
  review_marks: ReviewMarkTable;
  case_results: CaseResultTable;
  prechecks: PrecheckTable;
  register_imports: RegisterImportTable;
  register_entries: RegisterEntryTable;
  samplings: SamplingTable;
  rectification_items: RectificationItemTable;
  case_result_summaries: CaseResultSummaryTable;
}

export type AgencyRow = Selectable<AgencyTable>;
export type CampaignRow = Selectable<CampaignTable>;
export type CaseFileRow = Selectable<CaseFileTable>;
export type NewCaseFileRow = Insertable<CaseFileTable>;
export type IngestJobRow = Selectable<IngestJobTable>;
export type FileRow = Selectable<FileTable>;
export type PageRow = Selectable<PageTable>;
export type DocumentRow = Selectable<DocumentTable>;
export type DocumentUpdate = Updateable<DocumentTable>;
export type UserRow = Selectable<UserTable>;
export type ApiTokenRow = Selectable<ApiTokenTable>;
export type AuditEventRow = Selectable<AuditEventTable>;
export type SchemeRow = Selectable<SchemeTable>;
export type ReviewRow = Selectable<ReviewTable>;
export type FindingRow = Selectable<FindingTable>;
export type CaseResultRow = Selectable<CaseResultTable>;
export type { Generated };

/** The summary of a finalized result the exports read (src/reviews/result-summary.ts); insert-only. */
export interface CaseResultSummaryTable {
  result_id: string;
  /** SUMMARY_FORMAT of summary_json. */
  format: number;
  summary_json: string;
}
