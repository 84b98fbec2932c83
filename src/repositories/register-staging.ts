/**
 * Staging of a register upload: its valid rows are written while the file is read, in batches
 * of STAGE_BATCH rows, each batch one synchronous transaction through reused prepared
 * statements (withSqlite), so that the JavaScript heap does not grow with the file and no
 * transaction stays open across an `await`. The rows then move into register_entries with one
 * INSERT … SELECT inside the import's transaction.
 *
 * Each upload stages into its own TEMP table on the app's connection. With `temp_store =
 * MEMORY` (db/database.ts) that table lives in SQLite's memory, not in the WAL: staging and
 * moving 100,000 rows costs about 0.3 s less than a shared table on disk (which also had to be
 * emptied again row by row), and the rows, about 20 MB per 100,000, are SQLite's memory, not
 * the JavaScript heap. The table is private to the connection and vanishes with it, so an
 * interrupted import leaves nothing behind; `discard` drops it when the upload is done. (The
 * two Kysely queries that name the table leave one-off entries in the bounded statement cache.)
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
/** Rows per INSERT statement (11 parameters each: far below SQLite's limit). */
const ROWS_PER_STATEMENT = 50;
const COLUMNS = ['row_number', 'case_number', 'case_number_key', 'id', 'case_type', 'cause', 'party_name', 'filed_on', 'closed_on', 'amount_fen', 'handlers'] as const;
const WIDTH = COLUMNS.length;
/** Staging tables are named after their upload (see RegisterStage.table). */
export const STAGING_TABLE_PREFIX = 'register_stage_';

type Value = string | number | null;

interface Statements {
  many: SQLite.Statement;
  one: SQLite.Statement;
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
  /** Random, so that two uploads in flight never share a table name. */
  readonly uploadId = randomInt(1, 2 ** 47);
  /** The upload's table in the connection's temp schema (a generated name: safe in SQL). */
  private readonly table = `${STAGING_TABLE_PREFIX}${this.uploadId}`;
  /** Buffered rows, flat: WIDTH values per row. */
  private buffer: Value[] = [];
  private staged = 0;
  /** Prepared once the table exists (at the first batch written). */
  private statements: Statements | null = null;
  private readonly nextId = entryIds();

  constructor(private readonly db: Db) {}

  /** Rows staged so far (written or buffered). */
  get count(): number {
    return this.staged;
  }

  /** Buffers a valid row; returns a promise when the buffer was full and is being written. */
  add(rowNumber: number, key: string, row: RegisterRow): Promise<void> | undefined {
    this.buffer.push(rowNumber, row.caseNumber, key, this.nextId(), row.caseType, row.cause, row.partyName, row.filedOn, row.closedOn, yuanToFen(row.amount), row.handlers);
    this.staged++;
    return this.buffer.length >= STAGE_BATCH * WIDTH ? this.flush() : undefined;
  }

  /** Writes the buffered rows (one short synchronous transaction), creating the table first. */
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const values = this.buffer;
    this.buffer = [];
    await withSqlite(this.db, (sqlite) => {
      const { many, one } = this.statementsOn(sqlite);
      const chunk = ROWS_PER_STATEMENT * WIDTH;
      sqlite.transaction(() => {
        let i = 0;
        for (; i + chunk <= values.length; i += chunk) many.run(values.slice(i, i + chunk));
        for (; i < values.length; i += WIDTH) one.run(values.slice(i, i + WIDTH));
      })();
    });
  }

  private statementsOn(sqlite: SQLite.Database): Statements {
    if (!this.statements) {
      sqlite.exec(`
        CREATE TEMP TABLE ${this.table} (
          row_number INTEGER PRIMARY KEY,
          case_number TEXT NOT NULL,
          case_number_key TEXT NOT NULL,
          id TEXT NOT NULL,
          case_type TEXT NOT NULL,
          cause TEXT NOT NULL,
          party_name TEXT NOT NULL,
          filed_on TEXT,
          closed_on TEXT,
          amount_fen INTEGER,
          handlers TEXT
        )`);
      const tuple = `(${COLUMNS.map(() => '?').join(',')})`;
      const insert = (rows: number) => `INSERT INTO temp.${this.table} (${COLUMNS.join(',')}) VALUES ${Array(rows).fill(tuple).join(',')}`;
      this.statements = { many: sqlite.prepare(insert(ROWS_PER_STATEMENT)), one: sqlite.prepare(insert(1)) };
    }
    return this.statements;
  }

  /**
   * Staged rows whose case number the campaign's register already holds, in row order, with
   * the case number as registered. Read in `db` (the importing transaction when importing).
   */
  async registeredIn(db: Kysely<Database>, campaignId: string, limit: number): Promise<{ rowNumber: number; caseNumber: string; held: string }[]> {
    if (!this.statements) return [];
    const { rows } = await sql<{ row_number: number; case_number: string; held: string }>`
      SELECT s.row_number, s.case_number, e.case_number AS held
      FROM ${sql.table(`temp.${this.table}`)} s JOIN register_entries e ON e.campaign_id = ${campaignId} AND e.case_number_key = s.case_number_key
      ORDER BY s.row_number LIMIT ${limit}`.execute(db);
    return rows.map((r) => ({ rowNumber: r.row_number, caseNumber: r.case_number, held: r.held }));
  }

  /**
   * Copies every staged row into register_entries as entries of the import. Call inside the
   * import's transaction; returns the rows copied. (`discard` then drops the table.)
   */
  async moveInto(trx: Kysely<Database>, into: { campaignId: string; agencyId: string; importId: string; createdAt: string }): Promise<number> {
    if (!this.statements) return 0;
    const moved = await sql`
      INSERT INTO register_entries (id, campaign_id, agency_id, import_id, row_number, case_number, case_number_key, case_type, cause, party_name, filed_on, closed_on, amount_fen, handlers, sampling_id, case_file_id, created_at)
      SELECT id, ${into.campaignId}, ${into.agencyId}, ${into.importId}, row_number, case_number, case_number_key, case_type, cause, party_name, filed_on, closed_on, amount_fen, handlers, NULL, NULL, ${into.createdAt}
      FROM ${sql.table(`temp.${this.table}`)} ORDER BY row_number`.execute(trx);
    return Number(moved.numAffectedRows ?? 0);
  }

  /** Drops the upload's table (after the import, a failure, or a check that imports nothing). */
  async discard(): Promise<void> {
    this.buffer = [];
    if (!this.statements) return;
    this.statements = null;
    await withSqlite(this.db, (sqlite) => sqlite.exec(`DROP TABLE IF EXISTS temp.${this.table}`));
  }
}
