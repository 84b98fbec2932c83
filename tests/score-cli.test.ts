import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-score-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pingcha = (args: string[]) =>
  run(process.execPath, [path.join(root, 'bin/pingcha.js'), ...args], { cwd: root }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const sampleCase = 'samples/cases/urban-road-occupation/metadata.json';
const sampleFindings = 'samples/findings/urban-road-occupation.json';

describe('pingcha score', () => {
  it('prints the score and explains each deduction', async () => {
    const { code, stdout } = await pingcha(['score', '--scheme', 'penalty-general', '--case', sampleCase, '--findings', sampleFindings]);
    expect(code).toBe(0);
    // 85 applicable points (hearing, major-decision, preservation and confiscation items do not apply);
    // deductions 1 + 0.5×2 + 1 = 3 → 82 / 85 × 100 = 96.47.
    expect(stdout).toContain('得分：96.47 / 100');
    expect(stdout).toContain('等次：优秀');
    expect(stdout).toContain('扣 1 分（每处 0.5 分 × 2 处）');
    expect(stdout).toContain('仅适用于举行听证的案件');
  });

  it('--json gives the whole result for machines', async () => {
    const { code, stdout } = await pingcha(['score', '--scheme', 'penalty-general', '--case', sampleCase, '--findings', sampleFindings, '--json']);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ total: 96.47, grade: { label: '优秀' }, scheme: { id: 'penalty-general', version: '1.0.0' } });
    expect(result.explanations).toHaveLength(3);
  });

  it('takes a scheme file, and a veto changes the grade', async () => {
    const findings = path.join(tmp, 'veto.json');
    fs.writeFileSync(findings, JSON.stringify([{ veto: 'pg-v11', note: '缺少立案审批表' }]));
    const { stdout } = await pingcha(['score', '--scheme', 'scoring-schemes/penalty-general.json', '--case', sampleCase, '--findings', findings, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ total: 100, grade: { code: 'pass' }, gradeBeforeVetoes: { code: 'excellent' } });
  });

  it('refuses findings the scheme does not allow, naming each', async () => {
    const findings = path.join(tmp, 'bad.json');
    fs.writeFileSync(findings, JSON.stringify([{ item: 'pg-1-3', points: 9 }, { item: 'nope' }, { item: 'pg-2-6' }]));
    const { code, stderr } = await pingcha(['score', '--scheme', 'penalty-general', '--case', sampleCase, '--findings', findings]);
    expect(code).toBe(1);
    expect(stderr).toContain('findings[0].points');
    expect(stderr).toContain('findings[1].target.id');
    expect(stderr).toContain('findings[2].target.id'); // a hearing item; this case had no hearing
  });

  it('explains missing arguments and unknown schemes', async () => {
    expect((await pingcha(['score'])).stderr).toContain('用法');
    const unknown = await pingcha(['score', '--scheme', 'nope', '--case', sampleCase, '--findings', sampleFindings]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('没有 id 为 nope');
  });
});
