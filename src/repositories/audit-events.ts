/** The audit trail: append-only (the database refuses updates and deletes), queried by admins. */
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Changes } from '../audit/changes.js';
import { fromJsonText, newId, nowTimestamp, toJsonText } from '../db/mappers.js';
import type { AuditEventRow, Database } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';

export interface AuditActor {
  id: string;
  name: string;
  role: string;
}

export interface AuditEventInput {
  actor: AuditActor | null;
  requestId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  changes: Changes;
}

export interface AuditEvent {
  id: string;
  occurredAt: string;
  actor: AuditActor | null;
  action: string;
  entityType: string;
  entityId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

const changesSchema = z.object({ before: z.record(z.string(), z.unknown()).nullable(), after: z.record(z.string(), z.unknown()).nullable() });

const toAuditEvent = (row: AuditEventRow): AuditEvent => {
  const changes = fromJsonText(row.changes_json, changesSchema);
  return {
    id: row.id,
    occurredAt: row.occurred_at,
    actor: row.actor_user_id ? { id: row.actor_user_id, name: row.actor_name ?? '', role: row.actor_role ?? '' } : null,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: changes.before,
    after: changes.after,
    requestId: row.request_id,
  };
};

export async function insertAuditEvents(db: Kysely<Database>, events: readonly AuditEventInput[]): Promise<void> {
  if (events.length === 0) return;
  const now = nowTimestamp();
  const rows: AuditEventRow[] = events.map((e) => ({
    id: newId(),
    occurred_at: now,
    actor_user_id: e.actor?.id ?? null,
    actor_name: e.actor?.name ?? null,
    actor_role: e.actor?.role ?? null,
    action: e.action,
    entity_type: e.entityType,
    entity_id: e.entityId,
    changes_json: toJsonText(e.changes),
    request_id: e.requestId,
  }));
  // 10 columns: 500 rows stay far below SQLite's bound-parameter limit.
  for (let i = 0; i < rows.length; i += 500) await db.insertInto('audit_events').values(rows.slice(i, i + 500)).execute();
}

export interface AuditFilter extends PageQuery {
  entityType?: string;
  entityId?: string;
  userId?: string;
  action?: string;
  from?: string;
  to?: string;
}

export async function listAuditEvents(db: Kysely<Database>, filter: AuditFilter): Promise<Page<AuditEvent>> {
  let query = db.selectFrom('audit_events');
  if (filter.entityType) query = query.where('entity_type', '=', filter.entityType);
  if (filter.entityId) query = query.where('entity_id', '=', filter.entityId);
  if (filter.userId) query = query.where('actor_user_id', '=', filter.userId);
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.from) query = query.where('occurred_at', '>=', filter.from);
  if (filter.to) query = query.where('occurred_at', '<=', filter.to);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('occurred_at', 'desc').orderBy('id', 'desc').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toAuditEvent), total: Number(total), limit: filter.limit, offset: filter.offset };
}
