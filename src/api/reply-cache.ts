/**
 * Serialised replies of busy read endpoints (the case-file list), remembered per caller and
 * URL for as long as the database has not changed.
 *
 * Why: a list page is read again and again (dashboards refreshed by a whole panel, clients
 * polling ingest progress) while the data under it rarely changes between two reads. Serving
 * the JSON built last time costs a fraction of reading and serialising the rows again.
 *
 * Correctness rests on one cheap query, `databaseState`: SQLite's `total_changes()` counts
 * every row this connection has inserted, updated or deleted (triggers and raw SQL included),
 * and `data_version` changes whenever another connection (a CLI, a sqlite3 shell) commits.
 * A remembered reply is used only if both are exactly what they were when the reply was
 * built; any write anywhere makes every remembered reply unusable. The state is read before
 * the handler reads its data, so a write that lands in between can only cause a miss later,
 * never a stale hit. Authentication, authorization and input validation run as always; only
 * the database read and the serialisation are skipped.
 *
 * Entries are keyed by the caller's user id and the full URL (the query string included), so
 * what one caller may see is never served to another. Memory is bounded by `maxBytes`; the
 * least recently used replies go first. `maxBytes: 0` turns the cache off.
 */
import { CompiledQuery, type Kysely, type UnknownRow } from 'kysely';
import type { FastifyReply, FastifyRequest } from 'fastify';

const STATE_QUERY = CompiledQuery.raw('select total_changes() as changes, data_version as version from pragma_data_version');
const JSON_TYPE = 'application/json; charset=utf-8';

/** Which database state a reply was built from. */
async function databaseState(db: Kysely<any>): Promise<string> {
  const { rows } = await db.executeQuery<UnknownRow>(STATE_QUERY);
  const row = rows[0] ?? {};
  return `${String(row.changes)}:${String(row.version)}`;
}

interface Entry {
  state: string;
  body: string;
}

export interface ReplyCacheStats {
  entries: number;
  bytes: number;
  hits: number;
  misses: number;
}

export interface ReplyCache {
  /**
   * In a GET handler, after the caller's own checks: sends the remembered reply and returns
   * true, or marks the request so that its 200 reply is remembered (see `onSend`) and
   * returns false.
   */
  serve(request: FastifyRequest, reply: FastifyReply, userId: string): Promise<boolean>;
  /** Route-level onSend hook that remembers marked 200 replies. */
  onSend(request: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<unknown>;
  stats(): ReplyCacheStats;
}

export function createReplyCache(db: Kysely<any>, maxBytes: number): ReplyCache {
  const entries = new Map<string, Entry>();
  const pending = new WeakMap<FastifyRequest, { key: string; state: string }>();
  let bytes = 0;
  let hits = 0;
  let misses = 0;

  const remove = (key: string) => {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    bytes -= old.body.length * 2;
  };

  return {
    async serve(request, reply, userId) {
      if (maxBytes === 0) return false;
      const key = `${userId}\n${request.url}`;
      const state = await databaseState(db);
      const entry = entries.get(key);
      if (entry && entry.state === state) {
        // Most recently used last, so eviction takes the oldest first.
        entries.delete(key);
        entries.set(key, entry);
        hits++;
        void reply.type(JSON_TYPE).send(entry.body);
        return true;
      }
      if (entry) remove(key);
      misses++;
      pending.set(request, { key, state });
      return false;
    },
    async onSend(request, reply, payload) {
      const mark = pending.get(request);
      if (!mark || reply.statusCode !== 200 || typeof payload !== 'string') return payload;
      pending.delete(request);
      const size = payload.length * 2; // UTF-16 code units in memory
      if (size > maxBytes / 4) return payload; // one huge page must not flush everything else
      remove(mark.key);
      entries.set(mark.key, { state: mark.state, body: payload });
      bytes += size;
      for (const key of entries.keys()) {
        if (bytes <= maxBytes) break;
        remove(key);
      }
      return payload;
    },
    stats: () => ({ entries: entries.size, bytes, hits, misses }),
  };
}
