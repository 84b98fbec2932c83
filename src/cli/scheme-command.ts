/**
 * `pingcha scheme …`: the scoring schemes (评查标准) as files.
 *   validate <file.json>                          every problem with its JSON path
 *   export <id|file.json> --xlsx [--out] [--version]  the scheme as the published table
 *   import <file.xlsx> [--out <file.json>]        the table back to JSON
 *   json-schema [--out <path>]                    the JSON Schema editors use
 *   list                                          the shipped schemes and the files that failed
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CASE_TYPES } from '../domain/case-file.js';
import type { Scheme } from '../scoring/scheme.js';
import { loadSchemeFiles, readSchemeFile, shippedSchemesDir } from '../scoring/scheme-files.js';
import { schemeJsonSchema } from '../scoring/validate.js';
import { readSchemeWorkbook, writeSchemeWorkbook, type SchemeTableError } from '../xlsx/scheme-table.js';

const USAGE = `用法: pingcha scheme <子命令>

子命令:
  validate <file.json>                               校验评查标准文件，逐条列出问题及其 JSON 路径
  export <id|file.json> --xlsx [--out <path>] [--version <v>]
                                                     导出为评查标准表（xlsx），默认 <id>-<version>.xlsx
  import <file.xlsx> [--out <file.json>]             从评查标准表导入为 JSON（默认输出到标准输出）
  json-schema [--out <path>]                         生成 JSON Schema（默认 scoring-schemes/scheme.schema.json）
  list                                               列出内置评查标准及加载失败的文件`;

export async function runSchemeCommand(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  try {
    switch (sub) {
      case 'validate':
        return validate(rest);
      case 'export':
        return await exportScheme(rest);
      case 'import':
        return await importScheme(rest);
      case 'json-schema':
        return jsonSchema(rest);
      case 'list':
        return list();
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        console.log(USAGE);
        return sub === undefined ? 1 : 0;
      default:
        console.error(`未知子命令：${sub}\n\n${USAGE}`);
        return 1;
    }
  } catch (error) {
    // parseArgs rejects unknown options with a TypeError carrying a code.
    if (error instanceof TypeError && 'code' in error && String((error as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\n${USAGE}`);
      return 1;
    }
    throw error;
  }
}

function counts(scheme: Scheme): string {
  const items = scheme.sections.reduce((a, s) => a + s.items.length, 0);
  return `${scheme.sections.length} 类别，${items} 项，${scheme.vetoes.length} 否决项`;
}

function validate(args: string[]): number {
  const { positionals } = parseArgs({ args, allowPositionals: true, options: {} });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('用法: pingcha scheme validate <file.json>');
    return 1;
  }
  const result = readSchemeFile(file);
  if (!result.ok) {
    for (const issue of result.failure.issues) console.log(`${issue.path}: ${issue.message}`);
    console.error(`无效：${file}（${result.failure.issues.length} 个问题）`);
    return 1;
  }
  const { scheme } = result.loaded;
  console.log(`有效：${scheme.id} ${scheme.version}（${counts(scheme)}）`);
  return 0;
}

/** Semantic versions, highest first. */
const byVersionDesc = (a: string, b: string) => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pb[i] ?? 0) - (pa[i] ?? 0);
  return 0;
};

async function exportScheme(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { xlsx: { type: 'boolean', default: false }, out: { type: 'string' }, version: { type: 'string' } },
  });
  const [target] = positionals;
  if (!target || positionals.length > 1) {
    console.error('用法: pingcha scheme export <id|file.json> --xlsx [--out <path>] [--version <v>]');
    return 1;
  }
  if (!values.xlsx) {
    console.error('请指定导出格式：--xlsx（目前只支持 xlsx）');
    return 1;
  }
  let scheme: Scheme;
  if (target.endsWith('.json') || (fs.existsSync(target) && fs.statSync(target).isFile())) {
    const result = readSchemeFile(target);
    if (!result.ok) {
      for (const issue of result.failure.issues) console.error(`${issue.path}: ${issue.message}`);
      console.error(`无法导出：${target} 不是有效的评查标准`);
      return 1;
    }
    scheme = result.loaded.scheme;
    if (values.version && scheme.version !== values.version) {
      console.error(`${target} 的版本是 ${scheme.version}，不是 ${values.version}`);
      return 1;
    }
  } else {
    const { schemes } = loadSchemeFiles();
    const matches = schemes.filter((s) => s.scheme.id === target && (!values.version || s.scheme.version === values.version));
    const found = matches.map((m) => m.scheme).sort((a, b) => byVersionDesc(a.version, b.version))[0];
    if (!found) {
      const ids = [...new Set(schemes.map((s) => `${s.scheme.id}@${s.scheme.version}`))].join('、') || '（无）';
      console.error(`未找到评查标准 ${target}${values.version ? ` ${values.version}` : ''}；内置标准：${ids}`);
      return 1;
    }
    scheme = found;
  }
  const out = path.resolve(values.out ?? `${scheme.id}-${scheme.version}.xlsx`);
  await writeSchemeWorkbook(scheme, out);
  console.log(out);
  return 0;
}

export function formatTableError(e: SchemeTableError): string {
  const where = [e.sheet, e.row !== undefined ? `第${e.row}行` : null, e.column ? `「${e.column}」` : null].filter(Boolean).join(' ');
  const value = e.value !== undefined ? ` 值 ${JSON.stringify(e.value)}` : '';
  return `${where}${value}：${e.message}${e.path ? `（${e.path}）` : ''}`;
}

async function importScheme(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) {
    console.error('用法: pingcha scheme import <file.xlsx> [--out <file.json>]');
    return 1;
  }
  if (!fs.existsSync(file)) {
    console.error(`文件不存在：${file}`);
    return 1;
  }
  const result = await readSchemeWorkbook(file);
  if (!result.ok) {
    for (const e of result.errors) console.error(formatTableError(e));
    console.error(`导入失败：${file}（${result.errors.length} 个问题）`);
    return 1;
  }
  const { $schema: _ignored, ...content } = result.scheme;
  const json = `${JSON.stringify({ $schema: './scheme.schema.json', ...content }, null, 2)}\n`;
  if (values.out) {
    fs.writeFileSync(values.out, json);
    console.log(path.resolve(values.out));
  } else process.stdout.write(json);
  return 0;
}

function jsonSchema(args: string[]): number {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { out: { type: 'string' } } });
  if (positionals.length > 0) {
    console.error('用法: pingcha scheme json-schema [--out <path>]');
    return 1;
  }
  const out = path.resolve(values.out ?? path.join(shippedSchemesDir(), 'scheme.schema.json'));
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, `${JSON.stringify(schemeJsonSchema(), null, 2)}\n`);
  console.log(out);
  return 0;
}

function list(): number {
  const dir = shippedSchemesDir();
  const { schemes, failures } = loadSchemeFiles(dir);
  if (schemes.length === 0) console.log(`（${dir} 中没有可用的评查标准）`);
  for (const { scheme, file } of schemes) {
    console.log(`${scheme.id}  ${scheme.version}  ${scheme.title}`);
    console.log(`    适用：${scheme.caseTypes.map((c) => CASE_TYPES[c]).join('、')}；${counts(scheme)}；文件 ${path.relative(process.cwd(), file) || file}`);
  }
  for (const failure of failures) {
    console.log(`✗ ${path.relative(process.cwd(), failure.file) || failure.file}：无法加载（${failure.issues.length} 个问题）`);
    for (const issue of failure.issues.slice(0, 3)) console.log(`    ${issue.path}: ${issue.message}`);
    if (failure.issues.length > 3) console.log(`    …`);
  }
  return failures.length > 0 ? 1 : 0;
}
