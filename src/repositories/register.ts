/** Case registers (案件台账): imports and their entries, per campaign and agency. */
import type { Kysely } from 'kysely';
import type { CaseFileVisibility } from '../auth/visibility.js';
import { CASE_TYPE_CODES, type CaseType } from '../domain/case-file.js';
import { fenToYuan, newId, nowTimestamp } from '../db/mappers.js';
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
  rowCount: number;
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

/**
 * Writes the import record. Its entries come from the upload's staged rows
 * (RegisterStage.moveInto), in the same transaction, so that either all rows are stored or none.
 */
export async function insertRegisterImport(trx: Kysely<Database>, input: RegisterImportInput): Promise<RegisterImport> {
  const now = nowTimestamp();
  const record: RegisterImport = {
    id: newId(),
    campaignId: input.campaignId,
    agencyId: input.agencyId,
    fileName: input.fileName,
    rowCount: input.rowCount,
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
  return record;
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
