/**
 * Staging of a register upload (table register_staging, migration 0009): its valid rows are
 * written while the file is read, in batches of STAGE_BATCH rows, each batch one synchronous
 * transaction through a reused prepared statement (withSqlite), so that memory does not grow
 * with the file and no transaction stays open across an `await`. The rows then move into
 * register_entries with one INSERT … SELECT inside the import's transaction, which deletes
 * them too; a failed upload deletes its rows (discard), and start-up deletes whatever a
 * crash left (clearRegisterStaging).
 */
import { randomBytes, randomInt } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import type SQLite from 'better-sqlite3';
import { withSqlite, type Db } from '../db/database.js';
import { yuanToFen } from '../db/mappers.js';
import type { Database } from '../db/schema.js';
import type { RegisterRow } from '../domain/register.js';

/** Rows buffered before a batch is written. */
const STAGE_BATCH = 1000;
/** Rows per INSERT statement (12 parameters each: far below SQLite's limit). */
const ROWS_PER_STATEMENT = 50;
const COLUMNS = ['upload_id', 'row_number', 'case_number', 'case_number_key', 'id', 'case_type', 'cause', 'party_name', 'filed_on', 'closed_on', 'amount_fen', 'handlers'] as const;
const WIDTH = COLUMNS.length;

type Value = string | number | null;

interface Statements {
  many: SQLite.Statement;
  one: SQLite.Statement;
}
const statements = new WeakMap<SQLite.Database, Statements>();

function statementsOf(sqlite: SQLite.Database): Statements {
  let s = statements.get(sqlite);
  if (!s) {
    const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
    const insert = (rows: number) => `INSERT INTO register_staging (${COLUMNS.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`;
    s = { many: sqlite.prepare(insert(ROWS_PER_STATEMENT)), one: sqlite.prepare(insert(1)) };
    statements.set(sqlite, s);
  }
  return s;
}

/**
 * Ids for one upload's entries: UUIDs of version 7 (time first), counting up from a random
 * start within the upload, so that the entries go into register_entries' primary-key index in
 * order — random ids (v4) make moving 100,000 rows about four times slower.
 */
function entryIds(): () => string {
  const time = Date.now().toString(16).padStart(12, '0');
  const head = `${time.slice(0, 8)}-${time.slice(8, 12)}-7`;
  const tail = randomBytes(5).toString('hex').slice(0, 9);
  let n = randomInt(0, 2 ** 32);
  return () => {
    const c = (n++).toString(16).padStart(9, '0');
    return `${head}${c.slice(-9, -6)}-8${c.slice(-6, -3)}-${c.slice(-3)}${tail}`;
  };
}

/** One upload's staged rows. */
export class RegisterStage {
  /** Random, so that uploads in other processes (the CLI) never share rows. */
  readonly uploadId = randomInt(1, 2 ** 47);
  /** Buffered rows, flat: WIDTH values per row. */
  private buffer: Value[] = [];
  private staged = 0;
  private readonly nextId = entryIds();

  constructor(private readonly db: Db) {}

  /** Rows staged so far (written or buffered). */
  get count(): number {
    return this.staged;
  }

  /** Buffers a valid row; returns a promise when the buffer was full and is being written. */
  add(rowNumber: number, key: string, row: RegisterRow): Promise<void> | undefined {
    this.buffer.push(this.uploadId, rowNumber, row.caseNumber, key, this.nextId(), row.caseType, row.cause, row.partyName, row.filedOn, row.closedOn, yuanToFen(row.amount), row.handlers);
    this.staged++;
    return this.buffer.length >= STAGE_BATCH * WIDTH ? this.flush() : undefined;
  }

  /** Writes the buffered rows (one short synchronous transaction). */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const values = this.buffer;
    this.buffer = [];
    await withSqlite(this.db, (sqlite) => {
      const { many, one } = statementsOf(sqlite);
      const chunk = ROWS_PER_STATEMENT * WIDTH;
      sqlite.transaction(() => {
        let i = 0;
        for (; i + chunk <= values.length; i += chunk) many.run(values.slice(i, i + chunk));
        for (; i < values.length; i += WIDTH) one.run(values.slice(i, i + WIDTH));
      })();
    });
  }

  /**
   * Staged rows whose case number the campaign's register already holds, in row order, with
   * the case number as registered. Read in `db` (the importing transaction when importing).
   */
  async registeredIn(db: Kysely<Database>, campaignId: string, limit: number): Promise<{ rowNumber: number; caseNumber: string; held: string }[]> {
    const { rows } = await sql<{ row_number: number; case_number: string; held: string }>`
      SELECT s.row_number, s.case_number, e.case_number AS held
      FROM register_staging s JOIN register_entries e ON e.campaign_id = ${campaignId} AND e.case_number_key = s.case_number_key
      WHERE s.upload_id = ${this.uploadId}
      ORDER BY s.row_number LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ rowNumber: r.row_number, caseNumber: r.case_number, held: r.held }));
  }

  /**
   * Moves every staged row into register_entries as entries of the import and deletes the
   * staging rows. Call inside the import's transaction; returns the rows moved.
   */
  async moveInto(trx: Kysely<Database>, into: { campaignId: string; agencyId: string; importId: string; createdAt: string }): Promise<number> {
    const moved = await sql`
      INSERT INTO register_entries (id, campaign_id, agency_id, import_id, row_number, case_number, case_number_key, case_type, cause, party_name, filed_on, closed_on, amount_fen, handlers, sampling_id, case_file_id, created_at)
      SELECT id, ${into.campaignId}, ${into.agencyId}, ${into.importId}, row_number, case_number, case_number_key, case_type, cause, party_name, filed_on, closed_on, amount_fen, handlers, NULL, NULL, ${into.createdAt}
      FROM register_staging WHERE upload_id = ${this.uploadId} ORDER BY row_number`.execute(trx);
    await trx.deleteFrom('register_staging').where('upload_id', '=', this.uploadId).execute();
    return Number(moved.numAffectedRows ?? 0);
  }

  /** Deletes this upload's staged rows (after a failure, or a check that imports nothing). */
  async discard(): Promise<void> {
    this.buffer = [];
    await this.db.deleteFrom('register_staging').where('upload_id', '=', this.uploadId).execute();
  }
}

/** At start-up: rows of uploads a stopped process never finished. */
export async function clearRegisterStaging(db: Kysely<Database>): Promise<number> {
  const result = await db.deleteFrom('register_staging').executeTakeFirst();
  return Number(result.numDeletedRows);
}
