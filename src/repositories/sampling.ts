/**
 * All SQL about draws (抽查): the register entries a draw may pick, the reviewers it may
 * assign, and the recorded samplings with their parameters and result.
 */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fromJsonText, newId, nowTimestamp, toJsonText } from '../db/mappers.js';
import type { Database, SamplingTable } from '../db/schema.js';

/** A register entry as a draw sees it (with its agency's name for lists and errors). */
export interface RegisterEntry {
  id: string;
  campaignId: string;
  agencyId: string;
  agencyName: string;
  rowNumber: number;
  caseNumber: string;
  caseNumberKey: string;
  caseType: string;
  cause: string;
  partyName: string;
  filedOn: string | null;
  closedOn: string | null;
  amountFen: number | null;
  handlers: string | null;
  samplingId: string | null;
  caseFileId: string | null;
}

function entriesQuery(db: Kysely<Database>) {
  return db
    .selectFrom('register_entries')
    .innerJoin('agencies', 'agencies.id', 'register_entries.agency_id')
    .select([
      'register_entries.id',
      'register_entries.campaign_id',
      'register_entries.agency_id',
      'agencies.name as agency_name',
      'register_entries.row_number',
      'register_entries.case_number',
      'register_entries.case_number_key',
      'register_entries.case_type',
      'register_entries.cause',
      'register_entries.party_name',
      'register_entries.filed_on',
      'register_entries.closed_on',
      'register_entries.amount_fen',
      'register_entries.handlers',
      'register_entries.sampling_id',
      'register_entries.case_file_id',
    ]);
}

type EntryRow = Awaited<ReturnType<ReturnType<typeof entriesQuery>['execute']>>[number];

const toEntry = (r: EntryRow): RegisterEntry => ({
  id: r.id,
  campaignId: r.campaign_id,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  rowNumber: r.row_number,
  caseNumber: r.case_number,
  caseNumberKey: r.case_number_key,
  caseType: r.case_type,
  cause: r.cause,
  partyName: r.party_name,
  filedOn: r.filed_on,
  closedOn: r.closed_on,
  amountFen: r.amount_fen === null ? null : Number(r.amount_fen),
  handlers: r.handlers,
  samplingId: r.sampling_id,
  caseFileId: r.case_file_id,
});

/** The campaign's register entries no earlier draw has picked. */
export async function listEligibleEntries(db: Kysely<Database>, campaignId: string): Promise<RegisterEntry[]> {
  const rows = await entriesQuery(db)
    .where('register_entries.campaign_id', '=', campaignId)
    .where('register_entries.sampling_id', 'is', null)
    .orderBy('register_entries.agency_id')
    .orderBy('register_entries.case_number_key')
    .execute();
  return rows.map(toEntry);
}

/** Entries by id (in chunks: SQLite bounds the number of parameters). */
export async function listEntriesByIds(db: Kysely<Database>, ids: readonly string[]): Promise<RegisterEntry[]> {
  const out: RegisterEntry[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    if (chunk.length === 0) continue;
    out.push(...(await entriesQuery(db).where('register_entries.id', 'in', chunk).execute()).map(toEntry));
  }
  return out;
}

export async function linkEntryToCaseFile(db: Kysely<Database>, entryId: string, samplingId: string, caseFileId: string): Promise<void> {
  await db.updateTable('register_entries').set({ sampling_id: samplingId, case_file_id: caseFileId }).where('id', '=', entryId).where('sampling_id', 'is', null).execute();
}

/** Case numbers (keys) already used by case files of the campaign, among the given ones. */
export async function existingCaseNumberKeys(db: Kysely<Database>, campaignId: string, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 500) {
    const chunk = keys.slice(i, i + 500);
    if (chunk.length === 0) continue;
    const rows = await db.selectFrom('case_files').select('case_number_key').where('campaign_id', '=', campaignId).where('case_number_key', 'in', chunk).execute();
    for (const r of rows) found.add(r.case_number_key);
  }
  return found;
}

export interface PoolReviewer {
  id: string;
  name: string;
  agencyId: string | null;
}

/** Reviewers on the campaign who can be assigned: role reviewer, not deleted. */
export async function listAssignableReviewers(db: Kysely<Database>, campaignId: string): Promise<PoolReviewer[]> {
  const rows = await db
    .selectFrom('campaign_reviewers')
    .innerJoin('users', 'users.id', 'campaign_reviewers.user_id')
    .select(['users.id', 'users.name', 'users.agency_id'])
    .where('campaign_reviewers.campaign_id', '=', campaignId)
    .where('users.role', '=', 'reviewer')
    .where('users.deleted_at', 'is', null)
    .orderBy('users.id')
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, agencyId: r.agency_id }));
}

// ───────────────────────────── samplings ─────────────────────────────

export const drawModeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('count'), perAgency: z.number().int().min(1).max(100_000) }).strict(),
  z.object({ kind: z.literal('percent'), percent: z.number().gt(0).max(100) }).strict(),
]);

export const samplingParamsSchema = z.object({
  /** Version of the draw rules (src/sampling/draw.ts), so a later change cannot silently alter verification. */
  algorithm: z.string(),
  mode: drawModeSchema,
  minimumPerAgency: z.number().int().min(0),
  reviewersPerFile: z.union([z.literal(1), z.literal(2)]),
  assign: z.boolean(),
});
export type SamplingParams = z.infer<typeof samplingParamsSchema>;

const strataSchema = z.object({ caseType: z.string(), available: z.number().int(), drawn: z.number().int() });

export const samplingItemSchema = z.object({
  /** 序号 in the list. */
  index: z.number().int(),
  entryId: z.string(),
  caseFileId: z.string(),
  agencyId: z.string(),
  agencyName: z.string(),
  caseNumber: z.string(),
  caseType: z.string(),
  cause: z.string(),
  partyName: z.string(),
  closedOn: z.string().nullable(),
  reviewers: z.array(z.object({ id: z.string(), name: z.string(), reviewId: z.string() })),
});
export type SamplingItem = z.infer<typeof samplingItemSchema>;

export const samplingResultSchema = z.object({
  /** Every entry the draw could pick (the not-yet-drawn register at draw time): what verification redraws from. */
  eligibleEntryIds: z.array(z.string()),
  /** The reviewers the assignment chose from, with their agencies (for verification). */
  reviewerPool: z.array(z.object({ id: z.string(), name: z.string(), agencyId: z.string().nullable() })),
  agencies: z.array(z.object({ agencyId: z.string(), agencyName: z.string(), available: z.number().int(), quota: z.number().int(), strata: z.array(strataSchema) })),
  items: z.array(samplingItemSchema),
});
export type SamplingResult = z.infer<typeof samplingResultSchema>;

export interface Sampling {
  id: string;
  campaignId: string;
  seed: string;
  params: SamplingParams;
  result: SamplingResult;
  createdBy: string | null;
  createdAt: string;
}

const toSampling = (row: SamplingTable): Sampling => ({
  id: row.id,
  campaignId: row.campaign_id,
  seed: row.seed,
  params: fromJsonText(row.params_json, samplingParamsSchema),
  result: fromJsonText(row.result_json, samplingResultSchema),
  createdBy: row.created_by,
  createdAt: row.created_at,
});

export function newSamplingId(): string {
  return newId();
}

export async function insertSampling(
  db: Kysely<Database>,
  input: { id: string; campaignId: string; seed: string; params: SamplingParams; result: SamplingResult; createdBy: string | null },
): Promise<Sampling> {
  const row: SamplingTable = {
    id: input.id,
    campaign_id: input.campaignId,
    seed: input.seed,
    params_json: toJsonText(input.params),
    result_json: toJsonText(input.result),
    created_by: input.createdBy,
    created_at: nowTimestamp(),
  };
  await db.insertInto('samplings').values(row).execute();
  return toSampling(row);
}

export async function findSampling(db: Kysely<Database>, id: string): Promise<Sampling | undefined> {
  const row = await db.selectFrom('samplings').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toSampling(row);
}

export async function listSamplings(db: Kysely<Database>, campaignId: string): Promise<Sampling[]> {
  const rows = await db.selectFrom('samplings').selectAll().where('campaign_id', '=', campaignId).orderBy('created_at').execute();
  return rows.map(toSampling);
}
