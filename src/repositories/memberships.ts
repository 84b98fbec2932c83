/** Campaign membership: reviewers on a campaign (one may be chief, 组长) and agencies in its scope. */
import type { Kysely } from 'kysely';
import { fromDbBool, nowTimestamp, toDbBool } from '../db/mappers.js';
import type { Database } from '../db/schema.js';

export interface CampaignReviewer {
  campaignId: string;
  userId: string;
  name: string;
  agencyId: string | null;
  affiliation: string | null;
  chief: boolean;
  addedAt: string;
}

export async function listCampaignReviewers(db: Kysely<Database>, campaignId: string): Promise<CampaignReviewer[]> {
  const rows = await db
    .selectFrom('campaign_reviewers')
    .innerJoin('users', 'users.id', 'campaign_reviewers.user_id')
    .select(['campaign_reviewers.campaign_id', 'campaign_reviewers.user_id', 'campaign_reviewers.is_chief', 'campaign_reviewers.created_at', 'users.name', 'users.agency_id', 'users.affiliation'])
    .where('campaign_reviewers.campaign_id', '=', campaignId)
    .orderBy('campaign_reviewers.created_at')
    .execute();
  return rows.map((r) => ({
    campaignId: r.campaign_id,
    userId: r.user_id,
    name: r.name,
    agencyId: r.agency_id,
    affiliation: r.affiliation,
    chief: fromDbBool(r.is_chief),
    addedAt: r.created_at,
  }));
}

export async function findCampaignReviewer(db: Kysely<Database>, campaignId: string, userId: string) {
  return db.selectFrom('campaign_reviewers').selectAll().where('campaign_id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
}

/** Adds the reviewer or changes their chief flag; returns the previous flag (undefined if new). */
export async function upsertCampaignReviewer(db: Kysely<Database>, campaignId: string, userId: string, chief: boolean): Promise<boolean | undefined> {
  const existing = await findCampaignReviewer(db, campaignId, userId);
  if (existing) {
    await db.updateTable('campaign_reviewers').set({ is_chief: toDbBool(chief) }).where('campaign_id', '=', campaignId).where('user_id', '=', userId).execute();
    return fromDbBool(existing.is_chief);
  }
  await db.insertInto('campaign_reviewers').values({ campaign_id: campaignId, user_id: userId, is_chief: toDbBool(chief), created_at: nowTimestamp() }).execute();
  return undefined;
}

export async function removeCampaignReviewer(db: Kysely<Database>, campaignId: string, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('campaign_reviewers').where('campaign_id', '=', campaignId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function isReviewerOnCampaign(db: Kysely<Database>, campaignId: string, userId: string): Promise<boolean> {
  return (await findCampaignReviewer(db, campaignId, userId)) !== undefined;
}

export interface CampaignAgency {
  campaignId: string;
  agencyId: string;
  name: string;
  addedAt: string;
}

export async function listCampaignAgencies(db: Kysely<Database>, campaignId: string): Promise<CampaignAgency[]> {
  const rows = await db
    .selectFrom('campaign_agencies')
    .innerJoin('agencies', 'agencies.id', 'campaign_agencies.agency_id')
    .select(['campaign_agencies.campaign_id', 'campaign_agencies.agency_id', 'campaign_agencies.created_at', 'agencies.name'])
    .where('campaign_agencies.campaign_id', '=', campaignId)
    .orderBy('agencies.name')
    .execute();
  return rows.map((r) => ({ campaignId: r.campaign_id, agencyId: r.agency_id, name: r.name, addedAt: r.created_at }));
}

export async function isAgencyInCampaign(db: Kysely<Database>, campaignId: string, agencyId: string): Promise<boolean> {
  const row = await db.selectFrom('campaign_agencies').select('agency_id').where('campaign_id', '=', campaignId).where('agency_id', '=', agencyId).executeTakeFirst();
  return row !== undefined;
}

/** Adds the agency to the campaign's scope; false when it was already there. */
export async function addCampaignAgency(db: Kysely<Database>, campaignId: string, agencyId: string): Promise<boolean> {
  if (await isAgencyInCampaign(db, campaignId, agencyId)) return false;
  await db.insertInto('campaign_agencies').values({ campaign_id: campaignId, agency_id: agencyId, created_at: nowTimestamp() }).execute();
  return true;
}

export async function removeCampaignAgency(db: Kysely<Database>, campaignId: string, agencyId: string): Promise<boolean> {
  const result = await db.deleteFrom('campaign_agencies').where('campaign_id', '=', campaignId).where('agency_id', '=', agencyId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
