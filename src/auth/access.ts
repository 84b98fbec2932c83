/**
 * Who may see which record. One rule per kind of record; routes name the kind in their
 * policy and the authorization plugin asks here before the handler runs. The same rules,
 * as query filters, scope the list endpoints (visibility.ts).
 *
 * - admin: everything.
 * - reviewer: campaigns they are on; case files of those campaigns, except files of the
 *   reviewer's own agency (回避); all agencies; only themselves among users.
 * - agency: their own agency and its case files; campaigns whose scope includes their agency.
 * - reviews: admins; the reviewer who owns one; the chief reviewers of its campaign (回避 aside).
 *   Agencies never see reviews in progress, only finalized results of their own files.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { findCampaignReviewer, isAgencyInCampaign, isReviewerOnCampaign } from '../repositories/memberships.js';
import type { ScopedResource } from './policy.js';
import type { AuthenticatedUser } from './principal.js';

export interface CaseFileOwnership {
  agencyId: string;
  campaignId: string;
}

export async function canSeeCaseFile(db: Kysely<Database>, user: AuthenticatedUser, file: CaseFileOwnership): Promise<boolean> {
  switch (user.role) {
    case 'admin':
      return true;
    case 'agency':
      return user.agencyId !== null && file.agencyId === user.agencyId;
    case 'reviewer':
      return file.agencyId !== user.agencyId && (await isReviewerOnCampaign(db, file.campaignId, user.id));
  }
}

export async function canSeeCampaign(db: Kysely<Database>, user: AuthenticatedUser, campaignId: string): Promise<boolean> {
  switch (user.role) {
    case 'admin':
      return true;
    case 'reviewer':
      return isReviewerOnCampaign(db, campaignId, user.id);
    case 'agency':
      return user.agencyId !== null && (await isAgencyInCampaign(db, campaignId, user.agencyId));
  }
}

async function ownershipOfCaseFile(db: Kysely<Database>, caseFileId: string): Promise<CaseFileOwnership | undefined> {
  const row = await db.selectFrom('case_files').select(['agency_id', 'campaign_id']).where('id', '=', caseFileId).executeTakeFirst();
  return row && { agencyId: row.agency_id, campaignId: row.campaign_id };
}

export async function isChiefOnCampaign(db: Kysely<Database>, campaignId: string, userId: string): Promise<boolean> {
  const row = await findCampaignReviewer(db, campaignId, userId);
  return row !== undefined && row.is_chief === 1;
}

async function caseFileOf(db: Kysely<Database>, table: 'documents' | 'files' | 'ingest_jobs' | 'reviews', id: string): Promise<CaseFileOwnership | undefined> {
  const row = await db
    .selectFrom(table)
    .innerJoin('case_files', 'case_files.id', `${table}.case_file_id`)
    .select(['case_files.agency_id', 'case_files.campaign_id'])
    .where(`${table}.id`, '=', id)
    .executeTakeFirst();
  return row && { agencyId: row.agency_id, campaignId: row.campaign_id };
}

/** True when the record exists and `user` may see it; the caller answers 404 otherwise. */
export async function canAccess(db: Kysely<Database>, user: AuthenticatedUser, resource: ScopedResource, id: string): Promise<boolean> {
  switch (resource) {
    case 'caseFile': {
      const file = await ownershipOfCaseFile(db, id);
      return file !== undefined && canSeeCaseFile(db, user, file);
    }
    case 'document':
    case 'file':
    case 'job': {
      const table = resource === 'document' ? 'documents' : resource === 'file' ? 'files' : 'ingest_jobs';
      const file = await caseFileOf(db, table, id);
      return file !== undefined && canSeeCaseFile(db, user, file);
    }
    case 'campaign': {
      const exists = await db.selectFrom('campaigns').select('id').where('id', '=', id).executeTakeFirst();
      return exists !== undefined && canSeeCampaign(db, user, id);
    }
    case 'agency': {
      const exists = await db.selectFrom('agencies').select('id').where('id', '=', id).executeTakeFirst();
      return exists !== undefined && (user.role !== 'agency' || user.agencyId === id);
    }
    case 'user': {
      const exists = await db.selectFrom('users').select('id').where('id', '=', id).executeTakeFirst();
      return exists !== undefined && (user.role === 'admin' || user.id === id);
    }
    case 'review': {
      const review = await db.selectFrom('reviews').select(['reviewer_id']).where('id', '=', id).executeTakeFirst();
      if (!review || user.role === 'agency') return false;
      if (user.role === 'admin' || review.reviewer_id === user.id) return true;
      const file = await caseFileOf(db, 'reviews', id);
      return file !== undefined && (await canSeeCaseFile(db, user, file)) && isChiefOnCampaign(db, file.campaignId, user.id);
    }
    case 'token': {
      const token = await db.selectFrom('api_tokens').select('user_id').where('id', '=', id).executeTakeFirst();
      return token !== undefined && (user.role === 'admin' || token.user_id === user.id);
    }
    case 'rectificationItem': {
      // Seen as its case file is: the agency it was issued to, reviewers on its campaign (回避 aside), admins.
      const item = await db.selectFrom('rectification_items').select(['agency_id', 'campaign_id']).where('id', '=', id).executeTakeFirst();
      return item !== undefined && canSeeCaseFile(db, user, { agencyId: item.agency_id, campaignId: item.campaign_id });
    }
  }
}

/** The campaign a record belongs to, for the chief-reviewer rule. */
export async function campaignOfRecord(db: Kysely<Database>, resource: ScopedResource, id: string): Promise<string | undefined> {
  if (resource === 'campaign') return id;
  if (resource === 'caseFile') return (await ownershipOfCaseFile(db, id))?.campaignId;
  if (resource === 'rectificationItem') return (await db.selectFrom('rectification_items').select('campaign_id').where('id', '=', id).executeTakeFirst())?.campaign_id;
  if (resource === 'review' || resource === 'document' || resource === 'file' || resource === 'job') {
    const table = resource === 'review' ? 'reviews' : resource === 'document' ? 'documents' : resource === 'file' ? 'files' : 'ingest_jobs';
    return (await caseFileOf(db, table, id))?.campaignId;
  }
  return undefined;
}
