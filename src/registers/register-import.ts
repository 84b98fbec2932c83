/**
 * Importing and checking a case register (案件台账) upload, for the API and the CLI alike, with
 * a JavaScript heap that does not grow with the file: each valid row is staged in SQLite as it
 * is read (RegisterStage: a TEMP table, short synchronous batches), and only the row problems (at most
 * MAX_REGISTER_ERRORS) and the case-number keys seen (for duplicates within the file) stay in
 * memory. All or none: a file with any problem imports nothing and its staged rows are
 * deleted; a clean one moves every staged row into the register in one transaction, with
 * the import record and the caller's audit event.
 */
import type { Readable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Db } from '../db/database.js';
import type { Database } from '../db/schema.js';
import { insertRegisterImport, type RegisterImport } from '../repositories/register.js';
import { RegisterStage } from '../repositories/register-staging.js';
import { addRegisterErrors, MAX_REGISTER_ERRORS, readRegisterFile, registeredCaseNumberError, type RegisterReadResult } from '../xlsx/register-file.js';

export interface RegisterImportTarget {
  campaignId: string;
  agencyId: string;
  fileName: string;
  importedBy: string | null;
}

export interface RegisterImportOutcome {
  result: RegisterReadResult;
  /** The import, or null when there were problems (result.errors), the upload was cut short or it was a dry run. */
  record: RegisterImport | null;
  /** The upload stopped at its size limit (options.truncated): nothing was imported. */
  truncated: boolean;
}

/** Rows of the campaign's register with the staged rows' case numbers become problems. */
async function checkAgainstCampaign(db: Kysely<Database>, stage: RegisterStage, campaignId: string, result: RegisterReadResult): Promise<void> {
  const clashes = await stage.registeredIn(db, campaignId, MAX_REGISTER_ERRORS + 1);
  if (clashes.length === 0) return;
  addRegisterErrors(result, clashes.map((c) => registeredCaseNumberError(result, c.rowNumber, c.caseNumber, c.held)));
}

/**
 * Reads, checks and imports a register file: every row or none. `audit` writes the audit
 * event inside the importing transaction. With `dryRun` everything is checked (against the
 * campaign's register too) and nothing is stored.
 */
export async function importRegister(
  db: Db,
  source: Readable,
  target: RegisterImportTarget,
  audit: (trx: Kysely<Database>, record: RegisterImport, result: RegisterReadResult) => Promise<void>,
  options: { dryRun?: boolean; truncated?: () => boolean } = {},
): Promise<RegisterImportOutcome> {
  const stage = new RegisterStage(db);
  try {
    // Once a row has a problem nothing will be imported: later rows are checked, not staged.
    const result = await readRegisterFile(source, { onEntry: (entry, errorCount) => (errorCount > 0 ? undefined : stage.add(entry.rowNumber, entry.key, entry.row)) });
    // readRegisterFile reads the upload to its end, so a size limit has been noticed by now.
    if (options.truncated?.()) return { result, record: null, truncated: true };
    if (result.errors.length > 0) return { result, record: null, truncated: false };
    await stage.flush();
    const record = await db.transaction().execute(async (trx) => {
      await checkAgainstCampaign(trx, stage, target.campaignId, result);
      if (result.errors.length > 0 || options.dryRun) return null;
      const created = await insertRegisterImport(trx, { ...target, rowCount: stage.count });
      const moved = await stage.moveInto(trx, { campaignId: target.campaignId, agencyId: target.agencyId, importId: created.id, createdAt: created.createdAt });
      // Rows staged and rows moved differ only if the staging was cleared meanwhile (a
      // server started against the same database as a running CLI import): import nothing.
      if (moved !== stage.count) throw new Error(`register import: ${moved} of ${stage.count} staged rows found; nothing imported`);
      await audit(trx, created, result);
      return created;
    });
    return { result, record, truncated: false };
  } finally {
    await stage.discard();
  }
}

/**
 * The same checks as importRegister, storing nothing: the problems, for the JSON and xlsx
 * row reports. Valid rows are staged (to compare with the campaign's register in one query)
 * and deleted again.
 */
export async function checkRegister(db: Db, source: Readable, campaignId: string): Promise<RegisterReadResult> {
  const stage = new RegisterStage(db);
  try {
    const result = await readRegisterFile(source, { onEntry: (entry) => stage.add(entry.rowNumber, entry.key, entry.row) });
    if (result.fatal) return result;
    await stage.flush();
    await checkAgainstCampaign(db, stage, campaignId, result);
    return result;
  } finally {
    await stage.discard();
  }
}
