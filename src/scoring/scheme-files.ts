/**
 * Reading scheme files from scoring-schemes/: each file is parsed and checked on its own, so
 * one broken file is reported and left out while the others load.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Scheme } from './scheme.js';
import { schemeHash } from './scheme-hash.js';
import { parseScheme, type SchemeIssue } from './validate.js';

export interface LoadedScheme {
  scheme: Scheme;
  hash: string;
  file: string;
}

export interface SchemeLoadFailure {
  file: string;
  issues: SchemeIssue[];
}

/** The project's scoring-schemes/ directory, found from this module whether run from src/ or dist/. */
export function shippedSchemesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('找不到项目根目录（package.json）');
    dir = parent;
  }
  return path.join(dir, 'scoring-schemes');
}

export function readSchemeFile(file: string): { ok: true; loaded: LoadedScheme } | { ok: false; failure: SchemeLoadFailure } {
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    return { ok: false, failure: { file, issues: [{ path: '(文件)', message: `无法读取或不是合法 JSON：${error instanceof Error ? error.message : String(error)}` }] } };
  }
  const parsed = parseScheme(json);
  if (!parsed.ok) return { ok: false, failure: { file, issues: parsed.issues } };
  return { ok: true, loaded: { scheme: parsed.scheme, hash: schemeHash(parsed.scheme), file } };
}

/** Every `*.json` in `dir` except the JSON Schema itself. */
export function loadSchemeFiles(dir: string = shippedSchemesDir()): { schemes: LoadedScheme[]; failures: SchemeLoadFailure[] } {
  const schemes: LoadedScheme[] = [];
  const failures: SchemeLoadFailure[] = [];
  if (!fs.existsSync(dir)) return { schemes, failures };
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith('.json') || name === 'scheme.schema.json') continue;
    const result = readSchemeFile(path.join(dir, name));
    if (result.ok) schemes.push(result.loaded);
    else failures.push(result.failure);
  }
  const seen = new Map<string, string>();
  for (const loaded of schemes) {
    const key = `${loaded.scheme.id}@${loaded.scheme.version}`;
    const earlier = seen.get(key);
    if (earlier) failures.push({ file: loaded.file, issues: [{ path: 'id', message: `${key} 与 ${earlier} 重复` }] });
    seen.set(key, loaded.file);
  }
  return { schemes: schemes.filter((s, i) => schemes.findIndex((o) => o.scheme.id === s.scheme.id && o.scheme.version === s.scheme.version) === i), failures };
}

/**
 * A scheme named on the command line: a JSON file when the name is one, else the latest
 * shipped version with that id. Errors are in Chinese, for the user.
 */
export function resolveSchemeRef(ref: string): { ok: true; scheme: Scheme } | { ok: false; message: string } {
  if (ref.endsWith('.json') || fs.existsSync(ref)) {
    const result = readSchemeFile(ref);
    if (!result.ok) return { ok: false, message: `评查标准无效：\n${result.failure.issues.map((i) => `  ${i.path}: ${i.message}`).join('\n')}` };
    return { ok: true, scheme: result.loaded.scheme };
  }
  const found = loadSchemeFiles()
    .schemes.filter((s) => s.scheme.id === ref)
    .at(-1);
  return found ? { ok: true, scheme: found.scheme } : { ok: false, message: `没有 id 为 ${ref} 的评查标准（pingcha scheme list 查看）` };
}
