/** All SQL about stored scheme versions and the scheme each campaign uses per case type. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { fromJsonText, nowTimestamp, toJsonText } from '../db/mappers.js';
import type { Database, SchemeRow } from '../db/schema.js';
import type { Scheme } from '../scoring/scheme.js';

export interface StoredScheme {
  id: string;
  version: string;
  hash: string;
  origin: 'shipped' | 'uploaded';
  content: unknown;
}

const toStored = (row: SchemeRow): StoredScheme => ({
  id: row.scheme_id,
  version: row.version,
  hash: row.hash,
  origin: row.origin as StoredScheme['origin'],
  content: fromJsonText(row.content_json, z.unknown()),
});

export async function listStoredSchemes(db: Kysely<Database>): Promise<StoredScheme[]> {
  const rows = await db.selectFrom('schemes').selectAll().orderBy('scheme_id').orderBy('version').execute();
  return rows.map(toStored);
}

export async function findStoredScheme(db: Kysely<Database>, id: string, version: string): Promise<StoredScheme | undefined> {
  const row = await db.selectFrom('schemes').selectAll().where('scheme_id', '=', id).where('version', '=', version).executeTakeFirst();
  return row && toStored(row);
}

export async function upsertStoredScheme(db: Kysely<Database>, scheme: Scheme, hash: string, origin: StoredScheme['origin']): Promise<void> {
  const now = nowTimestamp();
  const values = {
    hash,
    title: scheme.title,
    case_types_json: toJsonText(scheme.caseTypes),
    content_json: toJsonText(scheme),
    origin,
    updated_at: now,
  };
  await db
    .insertInto('schemes')
    .values({ scheme_id: scheme.id, version: scheme.version, created_at: now, ...values })
    .onConflict((oc) => oc.columns(['scheme_id', 'version']).doUpdateSet(values))
    .execute();
}

/** A version that has scored anything (a review uses it) may never change. */
export async function isSchemeVersionUsed(db: Kysely<Database>, id: string, version: string): Promise<boolean> {
  const row = await db.selectFrom('reviews').select('id').where('scheme_id', '=', id).where('scheme_version', '=', version).limit(1).executeTakeFirst();
  return row !== undefined;
}

export async function usedSchemeVersions(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('reviews').select(['scheme_id', 'scheme_version']).distinct().execute();
  return new Set(rows.map((r) => `${r.scheme_id}@${r.scheme_version}`));
}

export async function findCampaignScheme(db: Kysely<Database>, campaignId: string, caseType: string) {
  return db.selectFrom('campaign_schemes').selectAll().where('campaign_id', '=', campaignId).where('case_type', '=', caseType).executeTakeFirst();
}

export async function listCampaignSchemes(db: Kysely<Database>, campaignId: string) {
  return db.selectFrom('campaign_schemes').selectAll().where('campaign_id', '=', campaignId).orderBy('case_type').execute();
}

export async function setCampaignScheme(db: Kysely<Database>, campaignId: string, caseType: string, schemeId: string, version: string): Promise<void> {
  await db
    .insertInto('campaign_schemes')
    .values({ campaign_id: campaignId, case_type: caseType, scheme_id: schemeId, scheme_version: version, created_at: nowTimestamp() })
    .onConflict((oc) => oc.columns(['campaign_id', 'case_type']).doUpdateSet({ scheme_id: schemeId, scheme_version: version }))
    .execute();
}
