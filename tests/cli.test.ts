import { execFile } from 'node:child_process';
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
