/** All SQL about users and their API tokens. */
import type { Kysely } from 'kysely';
import { generateToken, hashToken, tokenDisplayPrefix } from '../auth/tokens.js';
import type { AuthenticatedUser, Role } from '../auth/principal.js';
import { newId, nowTimestamp } from '../db/mappers.js';
import type { ApiTokenRow, Database, UserRow } from '../db/schema.js';
import type { Page, PageQuery } from './pagination.js';

export interface User {
  id: string;
  name: string;
  role: Role;
  agencyId: string | null;
  affiliation: string | null;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}

export const toUser = (row: UserRow): User => ({
  id: row.id,
  name: row.name,
  role: row.role as Role,
  agencyId: row.agency_id,
  affiliation: row.affiliation,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  deletedAt: row.deleted_at,
});

export interface ApiToken {
  id: string;
  userId: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

const toApiToken = (row: ApiTokenRow): ApiToken => ({
  id: row.id,
  userId: row.user_id,
  prefix: row.prefix,
  label: row.label,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  revokedAt: row.revoked_at,
});

export interface NewUser {
  name: string;
  role: Role;
  agencyId?: string | null;
  affiliation?: string | null;
}

export async function insertUser(db: Kysely<Database>, input: NewUser): Promise<User> {
  const now = nowTimestamp();
  const row: UserRow = {
    id: newId(),
    name: input.name,
    role: input.role,
    agency_id: input.agencyId ?? null,
    affiliation: input.affiliation ?? null,
    created_at: now,
    updated_at: now,
    deleted_at: null,
  };
  await db.insertInto('users').values(row).execute();
  return toUser(row);
}

export async function findUser(db: Kysely<Database>, id: string): Promise<User | undefined> {
  const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toUser(row);
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(n);
}

export async function countActiveAdmins(db: Kysely<Database>): Promise<number> {
  const { n } = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(n);
}

export interface UserFilter extends PageQuery {
  role?: Role;
  agencyId?: string;
  includeDeleted?: boolean;
}

export async function listUsers(db: Kysely<Database>, filter: UserFilter): Promise<Page<User>> {
  let query = db.selectFrom('users');
  if (filter.role) query = query.where('role', '=', filter.role);
  if (filter.agencyId) query = query.where('agency_id', '=', filter.agencyId);
  if (!filter.includeDeleted) query = query.where('deleted_at', 'is', null);
  const [{ total }, rows] = await Promise.all([
    query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow(),
    query.selectAll().orderBy('created_at').orderBy('id').limit(filter.limit).offset(filter.offset).execute(),
  ]);
  return { items: rows.map(toUser), total: Number(total), limit: filter.limit, offset: filter.offset };
}

export async function updateUser(db: Kysely<Database>, id: string, patch: { name?: string; affiliation?: string | null }): Promise<User> {
  const row = await db
    .updateTable('users')
    .set({ ...(patch.name !== undefined && { name: patch.name }), ...(patch.affiliation !== undefined && { affiliation: patch.affiliation }), updated_at: nowTimestamp() })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

/** Marks the user deleted and revokes every token they hold. */
export async function softDeleteUser(db: Kysely<Database>, id: string): Promise<User> {
  const now = nowTimestamp();
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('user_id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await db.updateTable('users').set({ deleted_at: now, updated_at: now }).where('id', '=', id).returningAll().executeTakeFirstOrThrow();
  return toUser(row);
}

/** Creates a token; the plain token is returned here and never again. */
export async function issueToken(db: Kysely<Database>, userId: string, label: string | null): Promise<{ token: string; record: ApiToken }> {
  const token = generateToken();
  const row: ApiTokenRow = {
    id: newId(),
    user_id: userId,
    token_hash: hashToken(token),
    prefix: tokenDisplayPrefix(token),
    label,
    created_at: nowTimestamp(),
    last_used_at: null,
    revoked_at: null,
  };
  await db.insertInto('api_tokens').values(row).execute();
  return { token, record: toApiToken(row) };
}

export async function listTokensOfUser(db: Kysely<Database>, userId: string): Promise<ApiToken[]> {
  const rows = await db.selectFrom('api_tokens').selectAll().where('user_id', '=', userId).orderBy('created_at').execute();
  return rows.map(toApiToken);
}

export async function findToken(db: Kysely<Database>, id: string): Promise<ApiToken | undefined> {
  const row = await db.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toApiToken(row);
}

export async function revokeToken(db: Kysely<Database>, id: string): Promise<ApiToken> {
  const row = await db
    .updateTable('api_tokens')
    .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(nowTimestamp())) }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toApiToken(row);
}

export interface TokenOwner {
  tokenId: string;
  lastUsedAt: string | null;
  user: AuthenticatedUser;
}

/** The live user behind a token: unknown, revoked and deleted-user tokens give undefined. */
export async function findUserByToken(db: Kysely<Database>, token: string): Promise<TokenOwner | undefined> {
  return findUserByTokenHash(db, hashToken(token));
}

/** findUserByToken, for a token already hashed (hashToken). */
export async function findUserByTokenHash(db: Kysely<Database>, tokenHash: string): Promise<TokenOwner | undefined> {
  const row = await db
    .selectFrom('api_tokens')
    .innerJoin('users', 'users.id', 'api_tokens.user_id')
    .select(['api_tokens.id as token_id', 'api_tokens.last_used_at', 'users.id', 'users.name', 'users.role', 'users.agency_id'])
    .where('api_tokens.token_hash', '=', tokenHash)
    .where('api_tokens.revoked_at', 'is', null)
    .where('users.deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return undefined;
  return { tokenId: row.token_id, lastUsedAt: row.last_used_at, user: { id: row.id, name: row.name, role: row.role as Role, agencyId: row.agency_id } };
}

export async function touchToken(db: Kysely<Database>, tokenId: string, at: string): Promise<void> {
  await db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', tokenId).execute();
}
