/**
 * A crash between moving an upload's blob into place and committing its rows leaves a
 * blob on disk that no row refers to. At start-up such blobs are removed.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { BlobStore } from './blob-store.js';

export async function sweepOrphanBlobs(db: Kysely<Database>, blobs: BlobStore, log: FastifyBaseLogger): Promise<number> {
  let removed = 0;
  for await (const sha256 of blobs.listStored()) {
    const row = await db.selectFrom('blobs').select('sha256').where('sha256', '=', sha256).executeTakeFirst();
    if (!row) {
      await blobs.remove(sha256);
      removed++;
    }
  }
  if (removed > 0) log.warn({ removed }, 'removed stored files left behind by interrupted uploads');
  return removed;
}
