/**
 * Content-addressed storage for uploaded PDFs under DATA_DIR/blobs, named by sha256, so an
 * identical file is stored once. Uploads are first streamed to DATA_DIR/tmp (same file
 * system, so committing is a rename) while being hashed; nothing reaches blobs/ until the
 * whole upload has been validated.
 */
import { createHash, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** How many bytes of the beginning and the end of a staged file are kept for format checks. */
const HEAD_BYTES = 1024;
const TAIL_BYTES = 2048;

export interface StagedFile {
  tempPath: string;
  originalName: string;
  sha256: string;
  byteSize: number;
  /** First bytes (for the %PDF- magic). */
  head: Buffer;
  /** Last bytes (for the %%EOF marker). */
  tail: Buffer;
  /** The source stream stopped at the size limit: the file on disk is incomplete. */
  truncated: boolean;
}

export interface BlobStore {
  readonly root: string;
  blobPath(sha256: string): string;
  /** Streams `source` to a temporary file, hashing it; stops counting at `maxBytes`. */
  stage(source: Readable, originalName: string, isTruncated: () => boolean): Promise<StagedFile>;
  discard(staged: StagedFile): Promise<void>;
  /** Moves a staged file into place; `created` is false when the blob was already stored. */
  commit(staged: StagedFile): Promise<{ created: boolean }>;
  remove(sha256: string): Promise<void>;
  exists(sha256: string): boolean;
  /** Removes leftovers of interrupted uploads. */
  clearTemp(): Promise<void>;
  /** Every sha256 stored on disk. */
  listStored(): AsyncIterable<string>;
}

export function createBlobStore(dataDir: string): BlobStore {
  const root = path.join(dataDir, 'blobs');
  const tempDir = path.join(dataDir, 'tmp');
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(tempDir, { recursive: true });

  const blobPath = (sha256: string) => path.join(root, sha256.slice(0, 2), `${sha256}.pdf`);

  return {
    root,
    blobPath,

    async stage(source, originalName, isTruncated) {
      const tempPath = path.join(tempDir, `${randomUUID()}.part`);
      const hash = createHash('sha256');
      let byteSize = 0;
      let head = Buffer.alloc(0);
      let tail = Buffer.alloc(0);
      const observe = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          byteSize += chunk.length;
          if (head.length < HEAD_BYTES) head = Buffer.concat([head, chunk.subarray(0, HEAD_BYTES - head.length)]);
          tail = Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES);
          callback(null, chunk);
        },
      });
      try {
        await pipeline(source, observe, fs.createWriteStream(tempPath, { flags: 'wx' }));
      } catch (error) {
        await fsp.rm(tempPath, { force: true });
        throw error;
      }
      return { tempPath, originalName, sha256: hash.digest('hex'), byteSize, head, tail, truncated: isTruncated() };
    },

    discard: (staged) => fsp.rm(staged.tempPath, { force: true }),

    async commit(staged) {
      const target = blobPath(staged.sha256);
      if (fs.existsSync(target)) {
        await fsp.rm(staged.tempPath, { force: true });
        return { created: false };
      }
      await fsp.mkdir(path.dirname(target), { recursive: true });
      await fsp.rename(staged.tempPath, target);
      return { created: true };
    },

    remove: (sha256) => fsp.rm(blobPath(sha256), { force: true }),

    exists: (sha256) => fs.existsSync(blobPath(sha256)),

    async clearTemp() {
      for (const name of await fsp.readdir(tempDir)) await fsp.rm(path.join(tempDir, name), { force: true });
    },

    async *listStored() {
      for (const shard of await fsp.readdir(root)) {
        for (const name of await fsp.readdir(path.join(root, shard))) {
          if (name.endsWith('.pdf')) yield name.slice(0, -4);
        }
      }
    },
  };
}
