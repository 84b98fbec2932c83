/** Case registers (案件台账): imports and their entries, per campaign and agency. */
import type { Kysely } from 'kysely';
import type { CaseFileVisibility } from '../auth/visibility.js';
import { CASE_TYPE_CODES, type CaseType } from '../domain/case-file.js';
import type { RegisterRow } from '../domain/register.js';
import { fenToYuan, newId, nowTimestamp, yuanToFen } from '../db/mappers.js';
import type { Database, RegisterEntryTable } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';

export interface RegisterEntry {
  id: string;
  campaignId: string;
  agencyId: string;
  importId: string;
  rowNumber: number;
  caseNumber: string;
  caseType: CaseType;
  cause: string;
  partyName: string;
  filedOn: string | null;
  closedOn: string | null;
  /** 罚没金额 in yuan. */
  amount: number | null;
  handlers: string | null;
  /** Whether a draw (抽查) picked the entry. */
  drawn: boolean;
  samplingId: string | null;
  caseFileId: string | null;
  createdAt: string;
}

type EntryRow = RegisterEntryTable;

const asCaseType = (value: string): CaseType => ((CASE_TYPE_CODES as readonly string[]).includes(value) ? (value as CaseType) : 'other');

function toEntry(row: EntryRow): RegisterEntry {
  return {
    id: row.id,
    campaignId: row.campaign_id,
    agencyId: row.agency_id,
    importId: row.import_id,
    rowNumber: row.row_number,
    caseNumber: row.case_number,
    caseType: asCaseType(row.case_type),
    cause: row.cause,
    partyName: row.party_name,
    filedOn: row.filed_on,
    closedOn: row.closed_on,
    amount: fenToYuan(row.amount_fen),
    handlers: row.handlers,
    drawn: row.sampling_id !== null,
    samplingId: row.sampling_id,
    caseFileId: row.case_file_id,
    createdAt: row.created_at,
  };
}

export interface RegisterImportInput {
  campaignId: string;
  agencyId: string;
  fileName: string;
  importedBy: string | null;
  entries: readonly { rowNumber: number; key: string; row: RegisterRow }[];
}

export interface RegisterImport {
  id: string;
  campaignId: string;
  agencyId: string;
  fileName: string;
  rowCount: number;
  importedBy: string | null;
  createdAt: string;
}

/** 17 columns: 200 rows stay far below SQLite's bound-parameter limit. */
const BATCH = 200;

/**
 * Writes the import record and all its entries. Call inside a transaction (the route's, with
 * its audit event), so that either all rows are stored or none.
 */
export async function insertRegisterImport(trx: Kysely<Database>, input: RegisterImportInput): Promise<RegisterImport> {
  const now = nowTimestamp();
  const record: RegisterImport = {
    id: newId(),
    campaignId: input.campaignId,
    agencyId: input.agencyId,
    fileName: input.fileName,
    rowCount: input.entries.length,
    importedBy: input.importedBy,
    createdAt: now,
  };
  await trx
    .insertInto('register_imports')
    .values({
      id: record.id,
      campaign_id: record.campaignId,
      agency_id: record.agencyId,
      file_name: record.fileName,
      row_count: record.rowCount,
      imported_by: record.importedBy,
      created_at: now,
    })
    .execute();
  for (let i = 0; i < input.entries.length; i += BATCH) {
    const rows: EntryRow[] = input.entries.slice(i, i + BATCH).map(({ rowNumber, key, row }) => ({
      id: newId(),
      campaign_id: input.campaignId,
      agency_id: input.agencyId,
      import_id: record.id,
      row_number: rowNumber,
      case_number: row.caseNumber,
      case_number_key: key,
      case_type: row.caseType,
      cause: row.cause,
      party_name: row.partyName,
      filed_on: row.filedOn,
      closed_on: row.closedOn,
      amount_fen: yuanToFen(row.amount),
      handlers: row.handlers,
      sampling_id: null,
      case_file_id: null,
      created_at: now,
    }));
    await trx.insertInto('register_entries').values(rows).execute();
  }
  return record;
}

/** Which of these case-number keys the campaign's register already holds, with the entry holding each. */
export async function existingCaseNumberKeys(
  db: Kysely<Database>,
  campaignId: string,
  keys: readonly string[],
): Promise<Map<string, { caseNumber: string; agencyId: string }>> {
  const found = new Map<string, { caseNumber: string; agencyId: string }>();
  const unique = [...new Set(keys)];
  for (let i = 0; i < unique.length; i += 500) {
    const rows = await db
      .selectFrom('register_entries')
      .select(['case_number_key', 'case_number', 'agency_id'])
      .where('campaign_id', '=', campaignId)
      .where('case_number_key', 'in', unique.slice(i, i + 500))
      .execute();
    for (const r of rows) found.set(r.case_number_key, { caseNumber: r.case_number, agencyId: r.agency_id });
  }
  return found;
}

export interface RegisterEntryFilter extends PageQuery {
  campaignId: string;
  visibility: CaseFileVisibility;
  agencyId?: string;
  caseType?: CaseType;
  /** true: only entries a draw picked; false: only those not picked. */
  drawn?: boolean;
}

/** Entries of a campaign's register, in import order and row order. */
export async function listRegisterEntries(db: Kysely<Database>, filter: RegisterEntryFilter): Promise<Page<RegisterEntry>> {
  let query = db.selectFrom('register_entries').where('campaign_id', '=', filter.campaignId);
  const v = filter.visibility;
  if (v.kind === 'agency') query = query.where('agency_id', '=', v.agencyId);
  if (v.kind === 'reviewer') {
    query = query.where('campaign_id', 'in', db.selectFrom('campaign_reviewers').select('campaign_id').where('user_id', '=', v.userId));
    if (v.ownAgencyId !== null) query = query.where('agency_id', '!=', v.ownAgencyId);
  }
  if (filter.agencyId) query = query.where('agency_id', '=', filter.agencyId);
  if (filter.caseType) query = query.where('case_type', '=', filter.caseType);
  if (filter.drawn === true) query = query.where('sampling_id', 'is not', null);
  if (filter.drawn === false) query = query.where('sampling_id', 'is', null);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('created_at').orderBy('import_id').orderBy('row_number').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toEntry), total: Number(total), limit: filter.limit, offset: filter.offset };
}
