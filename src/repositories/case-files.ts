/** All SQL about case files, and the mapping between their metadata and their rows. */
import type { Kysely } from 'kysely';
import {
  caseNumberKey,
  KEY_DATE_ORDER,
  officerSchema,
  type CaseFileMetadata,
  type CaseType,
  type KeyDateName,
  type KeyDates,
  type PartyKind,
} from '../domain/case-file.js';
import { fenToYuan, fromDbBool, fromJsonText, newId, nowTimestamp, toDbBool, toJsonText, yuanToFen } from '../db/mappers.js';
import type { CaseFileRow, CaseFileTable, Database } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';
import { z } from 'zod';
import type { CaseFileVisibility } from '../auth/visibility.js';

export interface CaseFile extends CaseFileMetadata {
  id: string;
  campaignId: string;
  agencyId: string;
  createdAt: string;
  updatedAt: string;
}

type DateColumn = Extract<keyof CaseFileTable, `${string}_on`>;
const dateColumn = (name: KeyDateName) => name.replace(/On$/, '_on') as DateColumn;

const officersSchema = z.array(officerSchema);
/** Each key date with its column, worked out once (lists map thousands of rows). */
const DATE_COLUMNS = KEY_DATE_ORDER.map(([name]) => [name, dateColumn(name)] as const);

function datesOf(row: CaseFileRow): KeyDates {
  const dates: KeyDates = {};
  for (const [name, column] of DATE_COLUMNS) {
    const value = row[column];
    if (value) dates[name] = value;
  }
  return dates;
}

/** Optional fields are left out when their column is null (built up, not deleted from: objects stay fast). */
function partyOf(row: CaseFileRow): CaseFileMetadata['party'] {
  const party: CaseFileMetadata['party'] = { name: row.party_name, kind: row.party_kind as PartyKind };
  if (row.party_credit_code !== null) party.creditCode = row.party_credit_code;
  if (row.party_id_number !== null) party.idNumber = row.party_id_number;
  if (row.party_address !== null) party.address = row.party_address;
  if (row.party_legal_representative !== null) party.legalRepresentative = row.party_legal_representative;
  return party;
}

function amountsOf(row: CaseFileRow): CaseFileMetadata['amounts'] {
  const amounts: CaseFileMetadata['amounts'] = {};
  if (row.fine_fen !== null) amounts.fine = fenToYuan(row.fine_fen)!;
  if (row.confiscation_fen !== null) amounts.confiscation = fenToYuan(row.confiscation_fen)!;
  if (row.other_amount_fen !== null) amounts.other = fenToYuan(row.other_amount_fen)!;
  return amounts;
}

export function toCaseFile(row: CaseFileRow): CaseFile {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    agencyId: row.agency_id,
    caseNumber: row.case_number,
    caseType: row.case_type as CaseType,
    cause: row.cause,
    party: partyOf(row),
    dates: datesOf(row),
    amounts: amountsOf(row),
    officers: fromJsonText(row.officers_json, officersSchema),
    flags: {
      majorDecision: fromDbBool(row.major_decision),
      hearingHeld: fromDbBool(row.hearing_held),
      legalReview: fromDbBool(row.legal_review),
      collectiveDiscussion: fromDbBool(row.collective_discussion),
    },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export function toCaseFileRow(
  ids: { id: string; campaignId: string; agencyId: string },
  metadata: CaseFileMetadata,
  timestamps: { createdAt: string; updatedAt: string },
): CaseFileRow {
  const row = {
    id: ids.id,
    campaign_id: ids.campaignId,
    agency_id: ids.agencyId,
    case_number: metadata.caseNumber,
    case_number_key: caseNumberKey(metadata.caseNumber),
    case_type: metadata.caseType,
    cause: metadata.cause,
    party_name: metadata.party.name,
    party_kind: metadata.party.kind,
    party_credit_code: metadata.party.creditCode ?? null,
    party_id_number: metadata.party.idNumber ?? null,
    party_address: metadata.party.address ?? null,
    party_legal_representative: metadata.party.legalRepresentative ?? null,
    fine_fen: yuanToFen(metadata.amounts.fine),
    confiscation_fen: yuanToFen(metadata.amounts.confiscation),
    other_amount_fen: yuanToFen(metadata.amounts.other),
    officers_json: toJsonText(metadata.officers),
    major_decision: toDbBool(metadata.flags.majorDecision),
    hearing_held: toDbBool(metadata.flags.hearingHeld),
    legal_review: toDbBool(metadata.flags.legalReview),
    collective_discussion: toDbBool(metadata.flags.collectiveDiscussion),
    created_at: timestamps.createdAt,
    updated_at: timestamps.updatedAt,
  } as CaseFileRow;
  for (const [name] of KEY_DATE_ORDER) row[dateColumn(name)] = metadata.dates[name] ?? null;
  return row;
}

export async function insertCaseFile(
  db: Kysely<Database>,
  ids: { campaignId: string; agencyId: string },
  metadata: CaseFileMetadata,
): Promise<CaseFile> {
  const now = nowTimestamp();
  const row = toCaseFileRow({ id: newId(), ...ids }, metadata, { createdAt: now, updatedAt: now });
  await db.insertInto('case_files').values(row).execute();
  return toCaseFile(row);
}

export async function findCaseFile(db: Kysely<Database>, id: string): Promise<CaseFile | undefined> {
  const row = await db.selectFrom('case_files').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCaseFile(row);
}

export async function findCaseFileByNumber(db: Kysely<Database>, campaignId: string, caseNumber: string) {
  return db
    .selectFrom('case_files')
    .select(['id', 'case_number'])
    .where('campaign_id', '=', campaignId)
    .where('case_number_key', '=', caseNumberKey(caseNumber))
    .executeTakeFirst();
}

export interface CaseFileFilter extends PageQuery {
  visibility: CaseFileVisibility;
  campaignId?: string;
  agencyId?: string;
  caseType?: CaseType;
  /** Matches case number, party name or cause. */
  q?: string;
  closedFrom?: string;
  closedTo?: string;
}

export async function listCaseFiles(db: Kysely<Database>, filter: CaseFileFilter): Promise<Page<CaseFile>> {
  let query = db.selectFrom('case_files');
  const v = filter.visibility;
  if (v.kind === 'agency') query = query.where('agency_id', '=', v.agencyId);
  if (v.kind === 'reviewer') {
    query = query.where('campaign_id', 'in', db.selectFrom('campaign_reviewers').select('campaign_id').where('user_id', '=', v.userId));
    if (v.ownAgencyId !== null) query = query.where('agency_id', '!=', v.ownAgencyId);
  }
  if (filter.campaignId) query = query.where('campaign_id', '=', filter.campaignId);
  if (filter.agencyId) query = query.where('agency_id', '=', filter.agencyId);
  if (filter.caseType) query = query.where('case_type', '=', filter.caseType);
  if (filter.closedFrom) query = query.where('closed_on', '>=', filter.closedFrom);
  if (filter.closedTo) query = query.where('closed_on', '<=', filter.closedTo);
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) =>
      eb.or([eb('case_number', 'like', like), eb('case_number_key', 'like', `%${caseNumberKey(filter.q!)}%`), eb('party_name', 'like', like), eb('cause', 'like', like)]),
    );
  }
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toCaseFile), total: Number(total), limit: filter.limit, offset: filter.offset };
}
