/** All SQL about rectification items (整改事项). */
import type { Kysely } from 'kysely';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { Database, RectificationItemTable } from '../db/schema.js';
import type { Selectable } from 'kysely';
import type { CaseFileVisibility } from '../auth/visibility.js';
import { chinaDateOf, problemKey, type IssuedItem } from '../rectification/issue.js';
import type { Page, PageQuery } from './pagination.js';

type RectificationItemRow = Selectable<RectificationItemTable>;

export const RECTIFICATION_STATUSES = ['issued', 'answered', 'returned', 'verified'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];

/** An issued item as stored, with the answer, verification and deadline status. */
export interface RectificationItem extends Omit<IssuedItem, 'findingId'> {
  id: string;
  campaignId: string;
  agencyId: string;
  caseFileId: string;
  resultId: string;
  findingId: string | null;
  status: RectificationStatus;
  /** Past its deadline (China's calendar day) and not yet verified. */
  overdue: boolean;
  answer: { text: string; file: { sha256: string; name: string } | null; by: string | null; at: string } | null;
  verified: { by: string | null; at: string } | null;
  returnReason: string | null;
  createdAt: string;
  updatedAt: string;
}

/** Today in China, the day deadlines are counted in. */
export const rectificationToday = (): string => chinaDateOf(new Date());

export function toRectificationItem(row: RectificationItemRow, today = rectificationToday()): RectificationItem {
  const status = row.status as RectificationStatus;
  return {
    id: row.id,
    campaignId: row.campaign_id,
    agencyId: row.agency_id,
    caseFileId: row.case_file_id,
    resultId: row.result_id,
    findingId: row.finding_id,
    target: { kind: row.target_kind as 'item' | 'veto', id: row.target_id },
    sectionTitle: row.section_title,
    itemTitle: row.item_title,
    problem: row.problem,
    deduction: row.deduction,
    basis: row.basis,
    requirement: row.requirement,
    deadline: row.deadline,
    status,
    overdue: status !== 'verified' && row.deadline < today,
    answer:
      row.answered_at !== null
        ? {
            text: row.answer_text ?? '',
            file: row.answer_blob_sha256 ? { sha256: row.answer_blob_sha256, name: row.answer_file_name ?? 'answer.pdf' } : null,
            by: row.answered_by,
            at: row.answered_at,
          }
        : null,
    verified: row.verified_at !== null ? { by: row.verified_by, at: row.verified_at } : null,
    returnReason: row.return_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface NewRectificationItems {
  campaignId: string;
  agencyId: string;
  caseFileId: string;
  resultId: string;
  /** Issued from findings; an item entered by hand may have none. */
  items: readonly (Omit<IssuedItem, 'findingId'> & { findingId: string | null })[];
}

export async function insertRectificationItems(db: Kysely<Database>, input: NewRectificationItems): Promise<RectificationItem[]> {
  const rows: RectificationItemRow[] = input.items.map((item) => {
    const now = nowTimestamp();
    return {
      id: newId(),
      campaign_id: input.campaignId,
      agency_id: input.agencyId,
      case_file_id: input.caseFileId,
      result_id: input.resultId,
      finding_id: item.findingId,
      target_kind: item.target.kind,
      target_id: item.target.id,
      section_title: item.sectionTitle,
      item_title: item.itemTitle,
      problem: item.problem,
      deduction: item.deduction,
      basis: item.basis,
      requirement: item.requirement,
      deadline: item.deadline,
      status: 'issued',
      answer_text: null,
      answer_blob_sha256: null,
      answer_file_name: null,
      answered_by: null,
      answered_at: null,
      verified_by: null,
      verified_at: null,
      return_reason: null,
      created_at: now,
      updated_at: now,
    };
  });
  if (rows.length > 0) await db.insertInto('rectification_items').values(rows).execute();
  return rows.map((r) => toRectificationItem(r));
}

/** Keys (target + problem) of every item already issued for a case file, by any of its results. */
export async function issuedProblemKeys(db: Kysely<Database>, caseFileId: string): Promise<Set<string>> {
  const rows = await db.selectFrom('rectification_items').select(['target_kind', 'target_id', 'problem']).where('case_file_id', '=', caseFileId).execute();
  return new Set(rows.map((r) => problemKey({ kind: r.target_kind, id: r.target_id }, r.problem)));
}

export async function findRectificationItem(db: Kysely<Database>, id: string): Promise<RectificationItem | undefined> {
  const row = await db.selectFrom('rectification_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toRectificationItem(row);
}

export interface RectificationFilter extends PageQuery {
  campaignId?: string | undefined;
  agencyId?: string | undefined;
  caseFileId?: string | undefined;
  status?: RectificationStatus | undefined;
  overdue?: boolean | undefined;
  visibility: CaseFileVisibility;
}

export async function listRectificationItems(db: Kysely<Database>, filter: RectificationFilter): Promise<Page<RectificationItem>> {
  const today = rectificationToday();
  let query = db.selectFrom('rectification_items');
  const v = filter.visibility;
  if (v.kind === 'agency') query = query.where('rectification_items.agency_id', '=', v.agencyId);
  if (v.kind === 'reviewer') {
    query = query.where('rectification_items.campaign_id', 'in', db.selectFrom('campaign_reviewers').select('campaign_id').where('user_id', '=', v.userId));
    // 回避: a reviewer does not see the items of their own agency, as with its case files.
    if (v.ownAgencyId !== null) query = query.where('rectification_items.agency_id', '!=', v.ownAgencyId);
  }
  if (filter.campaignId) query = query.where('rectification_items.campaign_id', '=', filter.campaignId);
  if (filter.agencyId) query = query.where('rectification_items.agency_id', '=', filter.agencyId);
  if (filter.caseFileId) query = query.where('rectification_items.case_file_id', '=', filter.caseFileId);
  if (filter.status) query = query.where('rectification_items.status', '=', filter.status);
  if (filter.overdue === true) query = query.where('rectification_items.deadline', '<', today).where('rectification_items.status', '!=', 'verified');
  if (filter.overdue === false) query = query.where((eb) => eb.or([eb('rectification_items.deadline', '>=', today), eb('rectification_items.status', '=', 'verified')]));
  const { count } = await query.select((eb) => eb.fn.countAll<number>().as('count')).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy('rectification_items.deadline')
    .orderBy('rectification_items.created_at')
    .orderBy('rectification_items.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { items: rows.map((r) => toRectificationItem(r, today)), total: Number(count), limit: filter.limit, offset: filter.offset };
}

export async function saveAnswer(
  db: Kysely<Database>,
  id: string,
  answer: { text: string; file: { sha256: string; name: string } | null; by: string },
): Promise<RectificationItem> {
  const now = nowTimestamp();
  const row = await db
    .updateTable('rectification_items')
    .set({
      status: 'answered',
      answer_text: answer.text,
      answer_blob_sha256: answer.file?.sha256 ?? null,
      answer_file_name: answer.file?.name ?? null,
      answered_by: answer.by,
      answered_at: now,
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRectificationItem(row);
}

export async function markVerified(db: Kysely<Database>, id: string, by: string): Promise<RectificationItem> {
  const now = nowTimestamp();
  const row = await db
    .updateTable('rectification_items')
    .set({ status: 'verified', verified_by: by, verified_at: now, updated_at: now })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRectificationItem(row);
}

export async function markReturned(db: Kysely<Database>, id: string, reason: string): Promise<RectificationItem> {
  const row = await db
    .updateTable('rectification_items')
    .set({ status: 'returned', return_reason: reason, updated_at: nowTimestamp() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toRectificationItem(row);
}
