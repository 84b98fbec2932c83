/**
 * The compact before/after stored with an audit event: only the fields that changed.
 * Pure. A created record has before = null; a deleted one has after = null.
 */
/** Any plain object: a record as the API shows it, or just the fields that matter. */
export type Snapshot = object;
type Fields = Record<string, unknown>;

export interface Changes {
  before: Fields | null;
  after: Fields | null;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Fields never worth recording: bookkeeping that changes on every write. */
const IGNORED = new Set(['updatedAt', 'createdAt']);

export function diffChanges(beforeRecord: Snapshot | null, afterRecord: Snapshot | null): Changes {
  const before = beforeRecord as Fields | null;
  const after = afterRecord as Fields | null;
  if (!before || !after) {
    const strip = (s: Fields | null) => s && Object.fromEntries(Object.entries(s).filter(([k, v]) => !IGNORED.has(k) && v !== undefined));
    return { before: strip(before), after: strip(after) };
  }
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !IGNORED.has(k)));
  const b: Fields = {};
  const a: Fields = {};
  for (const key of keys) {
    if (same(before[key], after[key])) continue;
    b[key] = before[key] ?? null;
    a[key] = after[key] ?? null;
  }
  return { before: b, after: a };
}
