/** All SQL about campaigns. */
import type { Kysely } from 'kysely';
import type { CampaignInput, CampaignKind, CampaignStatus } from '../domain/campaign.js';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { CampaignRow, Database } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';
import type { CampaignVisibility } from '../auth/visibility.js';

export interface Campaign {
  id: string;
  name: string;
  year: number;
  kind: CampaignKind;
  status: CampaignStatus;
  scopeStart: string | null;
  scopeEnd: string | null;
  description: string | null;
  rectificationDays: number | null;
  createdAt: string;
  updatedAt: string;
}

const toCampaign = (row: CampaignRow): Campaign => ({
  id: row.id,
  name: row.name,
  year: row.year,
  kind: row.kind as CampaignKind,
  status: row.status as CampaignStatus,
  scopeStart: row.scope_start,
  scopeEnd: row.scope_end,
  description: row.description,
  rectificationDays: row.rectification_days,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

export async function insertCampaign(db: Kysely<Database>, input: CampaignInput): Promise<Campaign> {
  const now = nowTimestamp();
  const row: CampaignRow = {
    id: newId(),
    name: input.name,
    year: input.year,
    kind: input.kind,
    status: 'draft',
    scope_start: input.scopeStart ?? null,
    scope_end: input.scopeEnd ?? null,
    description: input.description ?? null,
    rectification_days: input.rectificationDays ?? null,
    created_at: now,
    updated_at: now,
  };
  await db.insertInto('campaigns').values(row).execute();
  return toCampaign(row);
}

export async function findCampaign(db: Kysely<Database>, id: string): Promise<Campaign | undefined> {
  const row = await db.selectFrom('campaigns').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toCampaign(row);
}

export interface CampaignFilter extends PageQuery {
  visibility: CampaignVisibility;
  year?: number;
  kind?: CampaignKind;
  status?: CampaignStatus;
}

export async function listCampaigns(db: Kysely<Database>, filter: CampaignFilter): Promise<Page<Campaign>> {
  let query = db.selectFrom('campaigns');
  const v = filter.visibility;
  if (v.kind === 'reviewer') {
    query = query.where('id', 'in', db.selectFrom('campaign_reviewers').select('campaign_id').where('user_id', '=', v.userId));
  } else if (v.kind === 'agency') {
    query = query.where('id', 'in', db.selectFrom('campaign_agencies').select('campaign_id').where('agency_id', '=', v.agencyId));
  }
  if (filter.year !== undefined) query = query.where('year', '=', filter.year);
  if (filter.kind) query = query.where('kind', '=', filter.kind);
  if (filter.status) query = query.where('status', '=', filter.status);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('created_at', 'desc').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toCampaign), total: Number(total), limit: filter.limit, offset: filter.offset };
}

/** Sets the status only if it is still `from`, so two concurrent changes cannot both win. */
export async function changeCampaignStatus(
  db: Kysely<Database>,
  id: string,
  from: CampaignStatus,
  to: CampaignStatus,
): Promise<Campaign | undefined> {
  const row = await db
    .updateTable('campaigns')
    .set({ status: to, updated_at: nowTimestamp() })
    .where('id', '=', id)
    .where('status', '=', from)
    .returningAll()
    .executeTakeFirst();
  return row && toCampaign(row);
}
