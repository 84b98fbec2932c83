import { execFile } from 'node:child_process';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { Scheme } from '../src/scoring/scheme.js';
import { loadSchemeFiles, shippedSchemesDir } from '../src/scoring/scheme-files.js';
import { schemeHash } from '../src/scoring/scheme-hash.js';
import { parseScheme, schemeJsonSchema } from '../src/scoring/validate.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');
const cli = path.join(root, 'bin/pingcha.js');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pingcha-scheme-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const pingcha = (args: string[], cwd = root) =>
  run(process.execPath, [cli, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );

const base = () => ({
  id: 'cli-test',
  version: '1.0.0',
  title: 'CLI 测试标准',
  source: { title: '测试用评查办法' },
  effective: { from: '2024-01-01' },
  caseTypes: ['penalty_general'],
  total: 100,
  sections: [
    {
      id: 'a',
      category: 'subject',
      title: '主体',
      points: 40,
      items: [{ id: 'a1', number: '1', title: '执法资格', points: 40, deduction: { kind: 'fixed', amount: 5 }, machineRules: ['officers.two_with_certificates'] }],
    },
    { id: 'b', category: 'procedure', title: '程序', points: 60, items: [{ id: 'b1', number: '2', title: '告知', points: 60, deduction: { kind: 'all' }, machineRules: [] as string[] }] },
  ],
  vetoes: [{ id: 'v1', number: 'F1', category: 'procedure', title: '未告知陈述申辩权利', effect: { kind: 'zero_section', section: 'b' } }],
  grades: [
    { code: 'pass', label: '合格', min: 60 },
    { code: 'fail', label: '不合格', min: 0, max: 60 },
  ],
});
type Base = ReturnType<typeof base>;

function writeJson(name: string, value: unknown): string {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, JSON.stringify(value, null, 2));
  return file;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

describe('pingcha scheme validate', () => {
  it('accepts a good file and summarises it', async () => {
    const { code, stdout } = await pingcha(['scheme', 'validate', writeJson('good.json', base())]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe('有效：cli-test 1.0.0（2 类别，2 项，1 否决项）');
  });

  const broken: [string, (s: Base) => void, string][] = [
    ['points that do not add up', (s) => (s.sections[0]!.points = 50), 'sections[0].points'],
    ['duplicate item ids', (s) => (s.sections[1]!.items[0]!.id = 'a1'), 'sections[1].items[0].id'],
    ['an unknown section in a zero_section veto', (s) => (s.vetoes[0]!.effect.section = 'nowhere'), 'vetoes[0].effect.section'],
    ['an unknown machine rule id', (s) => (s.sections[0]!.items[0]!.machineRules = ['officers.two_with_certificates', 'no.such_rule']), 'sections[0].items[0].machineRules[1]'],
    ['overlapping grade bands', (s) => (s.grades[1]!.max = 70), 'grades[1].max'],
    ['a gap between bands', (s) => (s.grades[1]!.max = 50), 'grades[1].max'],
  ];
  for (const [what, breakIt, where] of broken) {
    it(`rejects ${what}, naming ${where}`, async () => {
      const scheme = base();
      breakIt(scheme);
      const { code, stdout, stderr } = await pingcha(['scheme', 'validate', writeJson(`bad-${where}.json`, scheme)]);
      expect(code).toBe(1);
      expect(stdout).toMatch(new RegExp(`^${escape(where)}: \\S`, 'm'));
      expect(stderr).toContain('无效');
    });
  }

  it('names both paths when the sums and the total are off', async () => {
    const scheme = base();
    scheme.sections[0]!.points = 50;
    const { stdout } = await pingcha(['scheme', 'validate', writeJson('sum-total.json', scheme)]);
    expect(stdout.trim().split('\n').map((l) => l.split(':')[0])).toEqual(['sections[0].points', 'total']);
  });

  it('reports a file that is not JSON', async () => {
    const file = path.join(tmp, 'not.json');
    fs.writeFileSync(file, '{ 不是 JSON');
    const { code, stdout } = await pingcha(['scheme', 'validate', file]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^\(文件\): /m);
  });
});

describe('pingcha scheme export / import', () => {
  const shipped = () => {
    const { schemes } = loadSchemeFiles();
    return schemes.find((s) => s.scheme.id === 'mee-2024-general-penalty') ?? schemes[0];
  };
  const withoutSchema = (s: Scheme) => {
    const { $schema: _ignored, ...rest } = s;
    return rest;
  };

  it('exports a shipped scheme by id and imports it back to the same JSON', async () => {
    const loaded = shipped();
    if (!loaded) return; // no shipped schemes yet
    const xlsx = path.join(tmp, 'shipped.xlsx');
    const exported = await pingcha(['scheme', 'export', loaded.scheme.id, '--xlsx', '--out', xlsx]);
    expect(exported.code).toBe(0);
    expect(exported.stdout.trim()).toBe(xlsx);

    const json = path.join(tmp, 'shipped.json');
    const imported = await pingcha(['scheme', 'import', xlsx, '--out', json]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const text = fs.readFileSync(json, 'utf8');
    expect(text.startsWith('{\n  "$schema": "./scheme.schema.json",\n')).toBe(true);
    const parsed = parseScheme(JSON.parse(text));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(withoutSchema(parsed.scheme)).toEqual(withoutSchema(loaded.scheme));
    expect(schemeHash(parsed.scheme)).toBe(loaded.hash);
  });

  it('exports a JSON file to <id>-<version>.xlsx in the current directory, and imports to stdout', async () => {
    const dir = fs.mkdtempSync(path.join(tmp, 'cwd-'));
    const file = writeJson('export-me.json', base());
    const exported = await pingcha(['scheme', 'export', file, '--xlsx'], dir);
    expect(exported.code).toBe(0);
    const xlsx = path.join(fs.realpathSync(dir), 'cli-test-1.0.0.xlsx');
    expect(fs.realpathSync(exported.stdout.trim())).toBe(xlsx);

    const imported = await pingcha(['scheme', 'import', xlsx]);
    expect(imported.code).toBe(0);
    const parsed = parseScheme(JSON.parse(imported.stdout));
    const original = parseScheme(base());
    expect(parsed.ok && original.ok).toBe(true);
    if (parsed.ok && original.ok) expect(withoutSchema(parsed.scheme)).toEqual(withoutSchema(original.scheme));
  });

  it('export refuses an unknown id, or no format', async () => {
    const unknown = await pingcha(['scheme', 'export', 'no-such-scheme', '--xlsx', '--out', path.join(tmp, 'x.xlsx')]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('未找到评查标准 no-such-scheme');
    const noFormat = await pingcha(['scheme', 'export', writeJson('fmt.json', base())]);
    expect(noFormat.code).toBe(1);
    expect(noFormat.stderr).toContain('--xlsx');
  });

  it('import prints each problem with sheet, row, column and value, and exits 1', async () => {
    const xlsx = path.join(tmp, 'to-break.xlsx');
    expect((await pingcha(['scheme', 'export', writeJson('to-break.json', base()), '--xlsx', '--out', xlsx])).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const ws = wb.getWorksheet('评查标准')!;
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(7).value === 'b1') {
        r.getCell(4).value = '六十';
        row = n;
      }
    });
    await wb.xlsx.writeFile(xlsx);
    const { code, stdout, stderr } = await pingcha(['scheme', 'import', xlsx]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`评查标准 第${row}行 「分值」 值 "六十"：分值不是数字`);
  });
});

describe('pingcha scheme json-schema and list', () => {
  it('scoring-schemes/scheme.schema.json exists and is what json-schema generates now', async () => {
    const shippedFile = path.join(shippedSchemesDir(), 'scheme.schema.json');
    expect(fs.existsSync(shippedFile)).toBe(true);
    const out = path.join(tmp, 'scheme.schema.json');
    const { code, stdout } = await pingcha(['scheme', 'json-schema', '--out', out]);
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(out);
    expect(fs.readFileSync(shippedFile, 'utf8')).toBe(fs.readFileSync(out, 'utf8'));
    expect(JSON.parse(fs.readFileSync(out, 'utf8'))).toEqual(schemeJsonSchema());
  });

  it('list shows the shipped schemes', async () => {
    const { schemes, failures } = loadSchemeFiles();
    const { code, stdout } = await pingcha(['scheme', 'list']);
    expect(code).toBe(failures.length > 0 ? 1 : 0);
    for (const { scheme } of schemes) expect(stdout).toContain(`${scheme.id}  ${scheme.version}  ${scheme.title}`);
  });

  it('scheme without a subcommand prints its usage', async () => {
    const { code, stdout } = await pingcha(['scheme']);
    expect(code).toBe(1);
    expect(stdout).toContain('pingcha scheme <子命令>');
  });
});
