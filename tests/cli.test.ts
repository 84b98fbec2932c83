import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSamples } from './helpers/samples.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin/pingcha.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pingcha = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, [cli, ...args], { env: { ...process.env, ...env }, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

describe('pingcha CLI', () => {
  it('extract --json prints the detected documents and every page text of a sample volume', async () => {
    const sample = loadSamples().find((s) => s.files.length === 1)!;
    const file = path.join(sample.dir, sample.files[0]!.file);
    const { code, stdout } = await pingcha(['extract', file, '--json']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    expect(report.ok).toBe(true);
    expect(report.documents.map((d: { type: string; startPage: number; endPage: number }) => ({ type: d.type, startPage: d.startPage, endPage: d.endPage }))).toEqual(
      sample.files[0]!.documents,
    );
    expect(report.pages).toHaveLength(report.pageCount);
    expect(report.pages.every((p: { text: string }) => /[\u4e00-\u9fff]/.test(p.text))).toBe(true);
  });

  it('extract reports a bad file and exits non-zero, but still reports the good ones', async () => {
    const bad = path.join(tmp, 'not.pdf');
    fs.writeFileSync(bad, '这不是PDF');
    const sample = loadSamples()[0]!;
    const good = path.join(sample.dir, sample.files[0]!.file);
    const { code, stdout } = await pingcha(['extract', good, bad, '--json']);
    expect(code).toBe(2);
    const reports = JSON.parse(stdout);
    expect(reports.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
    expect(reports[1].error.code).toBe('not_pdf');
  });

  it('extract prints a readable report without --json', async () => {
    const sample = loadSamples()[0]!;
    const { code, stdout } = await pingcha(['extract', path.join(sample.dir, sample.files[0]!.file)]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/识别出 \d+ 份文书/);
    expect(stdout).toContain('--- 第 1 页');
  });

  it('migrate creates the database under DATA_DIR, and is repeatable', async () => {
    const first = await pingcha(['migrate'], { DATA_DIR: tmp });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('0001-intake');
    expect(fs.existsSync(path.join(tmp, 'pingcha.sqlite'))).toBe(true);
    const second = await pingcha(['migrate'], { DATA_DIR: tmp });
    expect(second.stdout).toContain('数据库已是最新结构');
  });

  it('user add creates a user and prints its token once; the database keeps only its hash', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'users-'));
    const { code, stdout } = await pingcha(['user', 'add', '--role', 'admin', '--name', '张主任'], { DATA_DIR: dir });
    expect(code).toBe(0);
    const token = /令牌（只显示这一次）：(pc_[A-Za-z0-9_-]{43})/.exec(stdout)?.[1];
    expect(token).toBeDefined();
    const db = new Database(path.join(dir, 'pingcha.sqlite'), { readonly: true });
    try {
      expect(db.prepare('select name, role from users').all()).toEqual([{ name: '张主任', role: 'admin' }]);
      const stored = db.prepare('select token_hash from api_tokens').get() as { token_hash: string };
      expect(stored.token_hash).toBe(createHash('sha256').update(token!).digest('hex'));
      expect(JSON.stringify(db.prepare('select * from api_tokens').all())).not.toContain(token!);
      expect(db.prepare('select action from audit_events').all()).toEqual([{ action: 'user.create_cli' }]);
    } finally {
      db.close();
    }
  });

  it('user add refuses an unknown role and an agency user without an agency', async () => {
    const role = await pingcha(['user', 'add', '--role', 'superuser', '--name', '某人'], { DATA_DIR: tmp });
    expect(role.code).toBe(1);
    expect(role.stderr).toContain('--role');
    const agency = await pingcha(['user', 'add', '--role', 'agency', '--name', '某单位'], { DATA_DIR: tmp });
    expect(agency.code).toBe(1);
    expect(agency.stderr).toContain('执法单位用户必须指定所属执法单位');
  });

  it('stops with a message naming a bad configuration variable', async () => {
    const { code, stderr } = await pingcha(['migrate'], { PORT: 'not-a-port' });
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
  });

  it('explains an unknown command', async () => {
    const { code, stderr } = await pingcha(['frobnicate']);
    expect(code).toBe(1);
    expect(stderr).toContain('未知命令');
  });
});
