/**
 * `pingcha check`: the offline pre-check on real PDFs — its JSON shape, the readable report,
 * and the bad inputs: a PDF that is not a case file, pages with no text, files out of order.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { imageOnlyPdf } from './helpers/pdf-fixtures.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-check-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pingcha = (args: string[]) =>
  run(process.execPath, [path.join(root, 'bin/pingcha.js'), ...args], { cwd: root, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
const pdfsOf = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort().map((f) => path.join(dir, f));

describe('pingcha check', () => {
  it('--json gives the documented shape, with a quote and page for every finding', async () => {
    const dir = 'samples/eval/market-citations-amounts-identifier';
    const { code, stdout } = await pingcha(['check', ...pdfsOf(dir), '--meta', `${dir}/metadata.json`, '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.documents[0]).toEqual({ file: 'volume.pdf', type: expect.any(String), title: expect.anything(), pages: [expect.any(Number), expect.any(Number)] });
    expect(out.facts.caseNumbers[0]).toMatchObject({ value: expect.stringMatching(/^\S+〔\d{4}〕\S*号$/), page: expect.any(Number), quote: expect.any(String) });
    expect(out.facts.dates.some((d: { role: string | null; value: string }) => d.role === 'decision' && /^\d{4}-\d{2}-\d{2}$/.test(d.value))).toBe(true);
    expect(out.facts.amounts.some((a: { role: string | null; value: number }) => a.role === 'fine' && a.value > 0)).toBe(true);
    expect(out.facts.citations.every((c: { law: string }) => !c.law.includes('《'))).toBe(true);
    expect(out.facts.remedy).toMatchObject({ reconsiderationDays: 60, litigationMonths: 6 });
    expect(out.facts.officers.length).toBeGreaterThan(0);
    const rules = out.findings.map((f: { rule: string }) => f.rule);
    expect(rules).toEqual(expect.arrayContaining(['citation.exists', 'citation.law_version', 'decision.amounts_consistent', 'party.identifier_consistent']));
    for (const f of out.findings) {
      expect(f).toMatchObject({ rule: expect.any(String), basis: expect.any(String), message: expect.any(String) });
      expect(f.evidence.length).toBeGreaterThan(0);
      for (const e of f.evidence) expect(e).toMatchObject({ document: expect.any(String), page: expect.any(Number), quote: expect.stringMatching(/\S/) });
    }
    expect(out.findings.find((f: { rule: string }) => f.rule === 'citation.exists').item).toMatchObject({ id: 'pg-5-2' });
    expect(out.score).toMatchObject({ total: expect.any(Number), grade: { label: expect.any(String) } });
  });

  it('prints a readable Chinese report', async () => {
    const dir = 'samples/eval/eco-decided-after-90-days';
    const { code, stdout } = await pingcha(['check', ...pdfsOf(dir), '--meta', `${dir}/metadata.json`]);
    expect(code).toBe(0);
    expect(stdout).toContain('机检报告');
    expect(stdout).toMatch(/\[decision\.within_90_days\] 立案\d{4}年\d+月\d+日至决定\d{4}年\d+月\d+日共\d+日，超过90日/);
    expect(stdout).toMatch(/证据：volume\.pdf 第\d+页/);
  });

  it('finds nothing wrong in a clean sample', async () => {
    const dir = 'samples/cases/urban-road-occupation';
    const { stdout } = await pingcha(['check', ...pdfsOf(dir), '--meta', `${dir}/metadata.json`, '--json']);
    expect(JSON.parse(stdout).findings).toEqual([]);
  });

  it('does not care in which order the documents are given', async () => {
    const dir = 'samples/cases/urban-road-occupation';
    const { stdout } = await pingcha(['check', ...pdfsOf(dir).reverse(), '--meta', `${dir}/metadata.json`, '--json']);
    expect(JSON.parse(stdout).findings).toEqual([]);
  });

  it('reports missing documents for a PDF that is not a case file, without crashing', async () => {
    const { code, stdout } = await pingcha(['check', ...pdfsOf('samples/eval/not-a-case-file'), '--case-type', 'penalty_general', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.findings.length).toBeGreaterThan(0);
    expect(new Set(out.findings.map((f: { rule: string }) => f.rule))).toEqual(new Set(['documents.required_present']));
  });

  it('says "cannot decide" for pages without text instead of guessing', async () => {
    const scan = path.join(tmp, 'scan.pdf');
    fs.writeFileSync(scan, imageOnlyPdf(3));
    const { code, stdout } = await pingcha(['check', scan, '--case-type', 'penalty_general', '--json']);
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.findings).toEqual([]);
    expect(out.undecided.map((u: { rule: string }) => u.rule)).toContain('documents.required_present');
  });

  it('explains bad arguments', async () => {
    expect((await pingcha(['check'])).stderr).toContain('用法');
    expect((await pingcha(['check', 'nope.pdf'])).stderr).toContain('文件不存在');
    expect((await pingcha(['check', 'samples/eval/not-a-case-file/' + fs.readdirSync('samples/eval/not-a-case-file').find((f) => f.endsWith('.pdf')), '--case-type', 'bogus'])).stderr).toContain('未知案件类型');
  });
});
