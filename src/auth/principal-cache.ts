/**
 * Who a token belongs to, remembered between requests, so that an authenticated request
 * does not look its token up in the database every time.
 *
 * Keyed by the token's sha256 (as stored), never by the token. Only tokens that resolved to
 * a live user are kept; unknown tokens are looked up every time (and counted by the failure
 * limiter). An entry is dropped — the whole cache is, since such changes are rare — as soon
 * as anything that could change the answer is written:
 *  - in this process: any insert, update or delete touching the `users` or `api_tokens`
 *    table through Kysely (`watchPlugin`, installed on the app's database). It fires when
 *    the statement has run, inside the transaction if there is one; a transaction holds
 *    SQLite's single connection until it ends, so no lookup can read around it. Updating
 *    only `last_used_at` (the throttled last-used write) changes nobody's access and is
 *    ignored.
 *  - by another connection or process (another CLI, a sqlite3 shell): SQLite's
 *    `PRAGMA data_version` changes when another connection commits; `checkExternalChanges`
 *    reads it on every authenticated request (a cached statement, a few microseconds).
 * A lookup that began before an invalidation is not stored (`generation`), so a revoked
 * token cannot slip back in through a lookup racing its revocation.
 */
import { ColumnNode, CompiledQuery, type Kysely, type KyselyPlugin, type OperationNode, type QueryId, type RootOperationNode, type UnknownRow } from 'kysely';
import type { AuthenticatedUser } from './principal.js';

export interface CachedPrincipal {
  tokenId: string;
  user: AuthenticatedUser;
  /** When the token's last use was last written (ms since epoch; 0: never). */
  lastUsedWrittenMs: number;
}

export interface PrincipalCache {
  /** The Kysely plugin that drops the cache when users or tokens change in this process. */
  readonly watchPlugin: KyselyPlugin;
  /** Bumped on every invalidation: read it before a lookup, pass it to set(). */
  readonly generation: number;
  get(tokenHash: string): CachedPrincipal | undefined;
  /** Stores a lookup's result unless the cache was invalidated since `generation` was read. */
  set(tokenHash: string, entry: CachedPrincipal, generation: number): void;
  /** Drops the cache if another connection committed since the last check. */
  checkExternalChanges(db: Kysely<any>): Promise<void>;
  invalidate(): void;
  readonly size: number;
}

/** The tables whose rows decide who a token belongs to. */
const AUTH_TABLES = new Set(['users', 'api_tokens']);
const WRITES = new Set(['InsertQueryNode', 'UpdateQueryNode', 'DeleteQueryNode', 'MergeQueryNode']);
const DATA_VERSION = CompiledQuery.raw('pragma data_version');

/** Does this node (a write, or raw SQL) name one of the auth tables anywhere in it? */
function mentionsAuthTable(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(mentionsAuthTable);
  const n = node as { kind?: string; table?: { identifier?: { name?: string } }; sqlFragments?: readonly string[] };
  if (n.kind === 'TableNode' && AUTH_TABLES.has(n.table?.identifier?.name ?? '')) return true;
  if (n.kind === 'RawNode' && n.sqlFragments?.some((s) => /\b(users|api_tokens)\b/i.test(s))) return true;
  return Object.values(node).some(mentionsAuthTable);
}

/** `update api_tokens set last_used_at = …` and nothing else. */
function onlyTouchesLastUsed(node: RootOperationNode): boolean {
  if (node.kind !== 'UpdateQueryNode') return false;
  const updates = node.updates ?? [];
  return updates.length > 0 && updates.every((u) => ColumnNode.is(u.column) && u.column.column.name === 'last_used_at');
}

function changesAuth(node: RootOperationNode): boolean {
  if (node.kind === 'SelectQueryNode') return false;
  if (node.kind === 'RawNode') {
    // Raw SQL could write anything; reads of those tables are harmless.
    return mentionsAuthTable(node) && !/^\s*(select|with|pragma|explain)\b/i.test(node.sqlFragments.join(' '));
  }
  return WRITES.has(node.kind) && mentionsAuthTable(node as OperationNode) && !onlyTouchesLastUsed(node);
}

export function createPrincipalCache(maxEntries = 10_000): PrincipalCache {
  const entries = new Map<string, CachedPrincipal>();
  let generation = 0;
  let dataVersion: number | undefined;
  // Queries seen writing users or tokens, until their result arrives.
  const pendingWrites = new WeakSet<QueryId>();

  const invalidate = () => {
    generation++;
    entries.clear();
  };

  const watchPlugin: KyselyPlugin = {
    transformQuery({ node, queryId }) {
      if (changesAuth(node)) pendingWrites.add(queryId);
      return node;
    },
    async transformResult({ result, queryId }) {
      if (pendingWrites.has(queryId)) {
        pendingWrites.delete(queryId);
        invalidate();
      }
      return result;
    },
  };

  return {
    watchPlugin,
    get generation() {
      return generation;
    },
    get size() {
      return entries.size;
    },
    get: (tokenHash) => entries.get(tokenHash),
    set(tokenHash, entry, atGeneration) {
      if (atGeneration !== generation) return;
      if (entries.size >= maxEntries) entries.clear();
      entries.set(tokenHash, entry);
    },
    async checkExternalChanges(db) {
      const { rows } = await db.executeQuery<UnknownRow>(DATA_VERSION);
      const version = Number(rows[0]?.data_version);
      if (dataVersion !== undefined && version !== dataVersion) invalidate();
      dataVersion = version;
    },
    invalidate,
  };
}
