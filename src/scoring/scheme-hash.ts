/**
 * The content hash recorded with every score: sha256 over the scheme in canonical JSON
 * (keys sorted, defaults applied, `$schema` left out), so formatting changes do not change it.
 */
import { createHash } from 'node:crypto';
import type { Scheme } from './scheme.js';

export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** Parsed schemes are never changed, so a scheme object's hash is computed once. */
const hashes = new WeakMap<Scheme, string>();

export function schemeHash(scheme: Scheme): string {
  let hash = hashes.get(scheme);
  if (!hash) {
    const { $schema: _ignored, ...content } = scheme;
    hash = createHash('sha256').update(canonicalJson(content)).digest('hex');
    hashes.set(scheme, hash);
  }
  return hash;
}
