/** All SQL about agencies. Callers pass `db` or a transaction first. */
import type { Kysely } from 'kysely';
import type { AgencyInput, AgencyLevel, AgencyUpdate } from '../domain/agency.js';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { AgencyRow, Database } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';

export interface Agency {
  id: string;
  name: string;
  shortName: string | null;
  creditCode: string | null;
  region: string | null;
  sector: string | null;
  level: AgencyLevel | null;
  createdAt: string;
  updatedAt: string;
}

const toAgency = (row: AgencyRow): Agency => ({
  id: row.id,
  name: row.name,
  shortName: row.short_name,
  creditCode: row.credit_code,
  region: row.region,
  sector: row.sector,
  level: row.level as AgencyLevel | null,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

function toRow(input: AgencyInput, now: string): AgencyRow {
  return {
    id: newId(),
    name: input.name,
    short_name: input.shortName ?? null,
    credit_code: input.creditCode ?? null,
    region: input.region ?? null,
    sector: input.sector ?? null,
    level: input.level ?? null,
    created_at: now,
    updated_at: now,
  };
}

/** SQLite's default limit on bound parameters is 32766; 9 columns × 500 rows stays well below. */
const INSERT_BATCH = 500;

export async function insertAgencies(db: Kysely<Database>, inputs: readonly AgencyInput[]): Promise<Agency[]> {
  const now = nowTimestamp();
  const rows = inputs.map((input) => toRow(input, now));
  for (let i = 0; i < rows.length; i += INSERT_BATCH) {
    await db.insertInto('agencies').values(rows.slice(i, i + INSERT_BATCH)).execute();
  }
  return rows.map(toAgency);
}

export async function findAgency(db: Kysely<Database>, id: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toAgency(row);
}

export async function findAgencyByCreditCode(db: Kysely<Database>, creditCode: string): Promise<Agency | undefined> {
  const row = await db.selectFrom('agencies').selectAll().where('credit_code', '=', creditCode).executeTakeFirst();
  return row && toAgency(row);
}

/** The subset of `creditCodes` already registered. */
export async function existingCreditCodes(db: Kysely<Database>, creditCodes: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < creditCodes.length; i += INSERT_BATCH) {
    const rows = await db
      .selectFrom('agencies')
      .select('credit_code')
      .where('credit_code', 'in', creditCodes.slice(i, i + INSERT_BATCH))
      .execute();
    for (const row of rows) if (row.credit_code) found.add(row.credit_code);
  }
  return found;
}

export interface AgencyFilter extends PageQuery {
  /** Restricts the list to this one agency (an agency user's view). */
  onlyId?: string;
  q?: string;
  region?: string;
  sector?: string;
}

export async function listAgencies(db: Kysely<Database>, filter: AgencyFilter): Promise<Page<Agency>> {
  let query = db.selectFrom('agencies');
  if (filter.onlyId !== undefined) query = query.where('id', '=', filter.onlyId);
  if (filter.q) {
    const like = `%${filter.q}%`;
    query = query.where((eb) => eb.or([eb('name', 'like', like), eb('short_name', 'like', like), eb('credit_code', 'like', like)]));
  }
  if (filter.region) query = query.where('region', '=', filter.region);
  if (filter.sector) query = query.where('sector', '=', filter.sector);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toAgency), total: Number(total), limit: filter.limit, offset: filter.offset };
}

export async function updateAgency(db: Kysely<Database>, id: string, patch: AgencyUpdate): Promise<Agency | undefined> {
  const values: Partial<AgencyRow> = { updated_at: nowTimestamp() };
  if (patch.name !== undefined) values.name = patch.name;
  if (patch.shortName !== undefined) values.short_name = patch.shortName;
  if (patch.creditCode !== undefined) values.credit_code = patch.creditCode;
  if (patch.region !== undefined) values.region = patch.region;
  if (patch.sector !== undefined) values.sector = patch.sector;
  if (patch.level !== undefined) values.level = patch.level;
  const row = await db.updateTable('agencies').set(values).where('id', '=', id).returningAll().executeTakeFirst();
  return row && toAgency(row);
}
