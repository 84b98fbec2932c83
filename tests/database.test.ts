import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../src/db/database.js';
import { MigrationError, migrateToLatest } from '../src/db/migrator.js';
import { migrations } from '../migrations/index.js';

let db: Db | undefined;
let dir: string | undefined;
afterEach(async () => {
  await db?.destroy();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
  db = dir = undefined;
});

describe('database', () => {
  it('opens SQLite with WAL, synchronous=NORMAL, foreign keys and a busy timeout', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-db-'));
    db = openDatabase(path.join(dir, 'x.sqlite'));
    const pragma = async (name: string) => Object.values((await sql.raw(`pragma ${name}`).execute(db!)).rows[0] as object)[0];
    expect(await pragma('journal_mode')).toBe('wal');
    expect(await pragma('synchronous')).toBe(1);
    expect(await pragma('foreign_keys')).toBe(1);
    expect(await pragma('busy_timeout')).toBe(5000);
  });

  it('applies every listed migration once, and again is a no-op', async () => {
    db = openDatabase(':memory:');
    expect(await migrateToLatest(db)).toEqual(Object.keys(migrations));
    expect(await migrateToLatest(db)).toEqual([]);
    const tables = await db.introspection.getTables();
    expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['agencies', 'campaigns', 'case_files', 'blobs', 'ingest_jobs', 'files', 'pages', 'documents']));
  });

  it('enforces foreign keys', async () => {
    db = openDatabase(':memory:');
    await migrateToLatest(db);
    await expect(
      db.insertInto('documents').values({
        id: 'd1', case_file_id: 'nope', file_id: 'nope', ordinal: 1, detected_type: 'other', type_override: null, override_note: null,
        overridden_at: null, title: null, start_page: 1, end_page: 1, confidence: 1, created_at: 'x',
      }).execute(),
    ).rejects.toThrow(/FOREIGN KEY/);
  });

  it('runs each migration atomically: a failing one leaves nothing behind', async () => {
    db = openDatabase(':memory:');
    const failing = {
      '0001-ok': { up: async (k: typeof db) => void (await k!.schema.createTable('kept').addColumn('id', 'text').execute()) },
      '0002-broken': {
        up: async (k: typeof db) => {
          await k!.schema.createTable('half_done').addColumn('id', 'text').execute();
          throw new Error('boom');
        },
      },
    };
    await expect(migrateToLatest(db, failing as never)).rejects.toThrow(MigrationError);
    const names = (await db.introspection.getTables()).map((t) => t.name);
    expect(names).toContain('kept');
    expect(names).not.toContain('half_done');
  });
});
