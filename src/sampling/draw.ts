/**
 * The random draw (抽查) of case files from a campaign's registers, and the random assignment
 * of reviewers to the drawn files. Pure and deterministic: the same seed, parameters and
 * register give the same result whatever order the register rows come in.
 *
 * Draw (drawSample):
 * 1. Quota per agency, from the agency's eligible entries (`available`):
 *    - count mode: max(perAgency, minimumPerAgency). More than available is an error
 *      (DrawShortfallError, one shortfall per agency), never silently less.
 *    - percent mode: max(⌈available × percent / 100⌉, minimumPerAgency), capped at
 *      available — an agency with fewer entries than the minimum gives all of them.
 * 2. Strata: the agency's entries by case type. The quota is split in proportion to the
 *    strata's sizes by largest remainder (Hamilton): each stratum gets ⌊q·s/S⌋, the seats left
 *    go to the largest fractional parts (ties: larger stratum, then case type code). When the
 *    quota is at least the number of strata, every stratum gets at least one: a stratum left
 *    at zero takes a seat from the stratum most above its exact share (that has two or more).
 *    With a quota smaller than the number of strata, the allocation stays plainly proportional.
 * 3. Within a stratum: entries sorted by case number key (then id), shuffled with an sfc32
 *    stream derived from (seed, agency id, case type), the first n taken. Because the stream
 *    is per stratum, one agency's register does not change another agency's draw; because the
 *    order is by case number, a re-imported register (new row ids) draws the same cases.
 *
 * Assignment (assignReviewers):
 * - A reviewer never gets a file of their own agency (回避); each file gets `perFile` distinct
 *   reviewers. An agency whose files have fewer than `perFile` eligible reviewers is an error
 *   (AssignmentError naming the agencies).
 * - Greedy: files most constrained first (fewest eligible reviewers), ties in seeded random
 *   order; each takes the least-loaded eligible reviewers, ties by a seeded random rank.
 * - Then balancing: while some reviewer u can hand a file down a chain of moves (u's file to
 *   an eligible x, one of x's files to an eligible y …) to a reviewer with load ≤ load(u) − 2,
 *   the chain is applied. Each step lowers the sum of squared loads, so it ends; at the end no
 *   such chain exists, which makes the loads as even as recusal allows (with no recusal
 *   constraint binding, loads differ by at most one).
 */
import { compareStrings, derivedRandom, shuffle } from './random.js';

/** What the draw needs to know of a register entry. */
export interface DrawEntry {
  id: string;
  agencyId: string;
  caseType: string;
  /** Normalised case number (register_entries.case_number_key): the stable sort key. */
  caseNumberKey: string;
}

export type DrawMode = { kind: 'count'; perAgency: number } | { kind: 'percent'; percent: number };

export interface DrawOptions {
  seed: string;
  mode: DrawMode;
  minimumPerAgency: number;
}

export interface StratumDraw {
  caseType: string;
  available: number;
  drawn: number;
}

export interface AgencyDraw<T extends DrawEntry> {
  agencyId: string;
  available: number;
  quota: number;
  strata: StratumDraw[];
  /** The drawn entries, by case type then case number key. */
  entries: T[];
}

export interface DrawResult<T extends DrawEntry> {
  /** By agency id. */
  agencies: AgencyDraw<T>[];
  eligible: number;
  drawn: number;
}

export interface Shortfall {
  agencyId: string;
  requested: number;
  available: number;
}

/** A count larger than what an agency's register holds. */
export class DrawShortfallError extends Error {
  override name = 'DrawShortfallError';
  constructor(readonly shortfalls: Shortfall[]) {
    super(`requested more files than available for ${shortfalls.map((s) => `${s.agencyId} (${s.requested} > ${s.available})`).join(', ')}`);
  }
}

const byEntryKey = (x: DrawEntry, y: DrawEntry) => compareStrings(x.caseNumberKey, y.caseNumberKey) || compareStrings(x.id, y.id);

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

/** The quota of an agency with `available` eligible entries; undefined for a shortfall (count mode). */
export function quotaFor(available: number, mode: DrawMode, minimumPerAgency: number): number | undefined {
  if (mode.kind === 'count') {
    const requested = Math.max(mode.perAgency, minimumPerAgency);
    return requested > available ? undefined : requested;
  }
  // The small epsilon keeps 20 % of 50 at 10 despite floating point (50 × 20 / 100 = 10.000000000000002).
  const share = Math.ceil((available * mode.percent) / 100 - 1e-9);
  return Math.min(available, Math.max(share, minimumPerAgency));
}

export function requestedFor(available: number, mode: DrawMode, minimumPerAgency: number): number {
  return mode.kind === 'count' ? Math.max(mode.perAgency, minimumPerAgency) : (quotaFor(available, mode, minimumPerAgency) ?? 0);
}

/**
 * Splits `quota` over strata of the given sizes (see the file header for the rule). `keys`
 * break ties; sizes must be positive and quota ≤ their sum.
 */
export function allocateStrata(sizes: readonly { key: string; size: number }[], quota: number): number[] {
  const total = sizes.reduce((s, x) => s + x.size, 0);
  if (quota > total) throw new RangeError(`quota ${quota} exceeds ${total} entries`);
  if (total === 0) return sizes.map(() => 0);
  const exact = sizes.map((s) => (quota * s.size) / total);
  const seats = exact.map((e) => Math.floor(e + 1e-9));
  let left = quota - seats.reduce((s, x) => s + x, 0);
  const byRemainder = sizes
    .map((s, i) => i)
    .sort((i, j) => exact[j]! - seats[j]! - (exact[i]! - seats[i]!) || sizes[j]!.size - sizes[i]!.size || compareStrings(sizes[i]!.key, sizes[j]!.key));
  for (const i of byRemainder) {
    if (left <= 0) break;
    seats[i]!++;
    left--;
  }
  if (quota >= sizes.length) {
    const empty = sizes
      .map((s, i) => i)
      .filter((i) => seats[i] === 0)
      .sort((i, j) => exact[j]! - exact[i]! || compareStrings(sizes[i]!.key, sizes[j]!.key));
    for (const i of empty) {
      let donor = -1;
      for (let j = 0; j < sizes.length; j++) {
        if (seats[j]! < 2) continue;
        if (donor === -1) {
          donor = j;
          continue;
        }
        const surplus = seats[j]! - exact[j]! - (seats[donor]! - exact[donor]!);
        if (surplus > 1e-9 || (Math.abs(surplus) <= 1e-9 && (seats[j]! > seats[donor]! || (seats[j] === seats[donor] && compareStrings(sizes[j]!.key, sizes[donor]!.key) < 0)))) donor = j;
      }
      // quota ≥ strata and a stratum at zero ⇒ some stratum holds two or more.
      seats[donor]!--;
      seats[i] = 1;
    }
  }
  return seats;
}

/** Draws from the eligible entries; throws DrawShortfallError when a count exceeds a register. */
export function drawSample<T extends DrawEntry>(entries: readonly T[], options: DrawOptions): DrawResult<T> {
  const { seed, mode, minimumPerAgency } = options;
  const byAgency = groupBy(entries, (e) => e.agencyId);
  const agencyIds = [...byAgency.keys()].sort(compareStrings);
  const shortfalls: Shortfall[] = [];
  const agencies: AgencyDraw<T>[] = [];
  for (const agencyId of agencyIds) {
    const own = byAgency.get(agencyId)!;
    const quota = quotaFor(own.length, mode, minimumPerAgency);
    if (quota === undefined) {
      shortfalls.push({ agencyId, requested: requestedFor(own.length, mode, minimumPerAgency), available: own.length });
      continue;
    }
    const strata = [...groupBy(own, (e) => e.caseType).entries()].sort(([x], [y]) => compareStrings(x, y));
    const seats = allocateStrata(
      strata.map(([key, list]) => ({ key, size: list.length })),
      quota,
    );
    const drawn: T[] = [];
    const strataDraws: StratumDraw[] = [];
    strata.forEach(([caseType, list], index) => {
      const n = seats[index]!;
      const ordered = [...list].sort(byEntryKey);
      const picked = shuffle(ordered, derivedRandom(seed, 'draw', agencyId, caseType)).slice(0, n);
      drawn.push(...picked.sort(byEntryKey));
      strataDraws.push({ caseType, available: list.length, drawn: n });
    });
    agencies.push({ agencyId, available: own.length, quota, strata: strataDraws, entries: drawn });
  }
  if (shortfalls.length > 0) throw new DrawShortfallError(shortfalls);
  return { agencies, eligible: entries.length, drawn: agencies.reduce((s, a) => s + a.entries.length, 0) };
}

// ───────────────────────────── reviewer assignment ─────────────────────────────

export interface AssignFile {
  /** A stable key of the file (the case number key): ties and order never depend on row ids. */
  key: string;
  agencyId: string;
}

export interface AssignReviewer {
  id: string;
  /** The reviewer's own agency (回避), or null for external reviewers (律师, 专家 …). */
  agencyId: string | null;
}

export interface AssignOptions {
  seed: string;
  perFile: 1 | 2;
}

export interface UncoveredAgency {
  agencyId: string;
  files: number;
  eligibleReviewers: number;
  needed: number;
}

/** Some agency's files cannot get `perFile` reviewers from outside that agency. */
export class AssignmentError extends Error {
  override name = 'AssignmentError';
  constructor(readonly uncovered: UncoveredAgency[]) {
    super(`not enough reviewers outside ${uncovered.map((u) => `${u.agencyId} (${u.eligibleReviewers} < ${u.needed})`).join(', ')}`);
  }
}

export interface Assignment<F extends AssignFile> {
  file: F;
  /** Reviewer ids, 1 or 2, in order (review ordinal 1, 2). */
  reviewerIds: string[];
}

export interface AssignResult<F extends AssignFile> {
  /** In the order the files were given. */
  assignments: Assignment<F>[];
  /** Files per reviewer id, for every reviewer in the pool (0 included). */
  loads: Record<string, number>;
}

export function assignReviewers<F extends AssignFile>(files: readonly F[], reviewers: readonly AssignReviewer[], options: AssignOptions): AssignResult<F> {
  const { seed, perFile } = options;
  const pool = [...new Map(reviewers.map((r) => [r.id, r])).values()].sort((x, y) => compareStrings(x.id, y.id));
  const eligible = (r: AssignReviewer, agencyId: string) => r.agencyId !== agencyId;

  const uncovered: UncoveredAgency[] = [];
  for (const [agencyId, list] of [...groupBy(files, (f) => f.agencyId).entries()].sort(([x], [y]) => compareStrings(x, y))) {
    const count = pool.filter((r) => eligible(r, agencyId)).length;
    if (count < perFile) uncovered.push({ agencyId, files: list.length, eligibleReviewers: count, needed: perFile });
  }
  if (uncovered.length > 0) throw new AssignmentError(uncovered);

  const rank = new Map(shuffle(pool, derivedRandom(seed, 'assign', 'reviewers')).map((r, i) => [r.id, i]));
  const load = new Map(pool.map((r) => [r.id, 0]));
  const eligibleCount = new Map<string, number>();
  for (const f of files) if (!eligibleCount.has(f.agencyId)) eligibleCount.set(f.agencyId, pool.filter((r) => eligible(r, f.agencyId)).length);

  // Files in a seeded random order (from a stable one), the most constrained first.
  const indices = files.map((_, i) => i).sort((i, j) => compareStrings(files[i]!.key, files[j]!.key) || compareStrings(files[i]!.agencyId, files[j]!.agencyId));
  const shuffled = shuffle(indices, derivedRandom(seed, 'assign', 'files'));
  const position = new Map(shuffled.map((i, p) => [i, p]));
  const order = [...shuffled].sort((i, j) => eligibleCount.get(files[i]!.agencyId)! - eligibleCount.get(files[j]!.agencyId)! || position.get(i)! - position.get(j)!);

  const chosen: string[][] = files.map(() => []);
  const byLoadThenRank = (x: AssignReviewer, y: AssignReviewer) => load.get(x.id)! - load.get(y.id)! || rank.get(x.id)! - rank.get(y.id)!;
  for (const i of order) {
    const file = files[i]!;
    const picks = pool.filter((r) => eligible(r, file.agencyId)).sort(byLoadThenRank).slice(0, perFile);
    for (const r of picks) {
      chosen[i]!.push(r.id);
      load.set(r.id, load.get(r.id)! + 1);
    }
  }

  balance(files, order, chosen, pool, load, rank, eligible);

  return {
    assignments: files.map((file, i) => ({ file, reviewerIds: chosen[i]! })),
    loads: Object.fromEntries(pool.map((r) => [r.id, load.get(r.id)!])),
  };
}

/** Applies load-lowering chains of moves until none is left (see the file header). */
function balance(
  files: readonly AssignFile[],
  order: readonly number[],
  chosen: string[][],
  pool: readonly AssignReviewer[],
  load: Map<string, number>,
  rank: Map<string, number>,
  eligible: (r: AssignReviewer, agencyId: string) => boolean,
): void {
  for (;;) {
    // Which file slots each reviewer holds, listed in the seeded file order, not the input
    // order: the search below takes the first chain it finds, so the listing order decides
    // the outcome, and the same seed must give the same assignment however files arrive.
    const holds = new Map<string, { file: number; slot: number }[]>(pool.map((r) => [r.id, []]));
    for (const file of order) chosen[file]!.forEach((id, slot) => holds.get(id)!.push({ file, slot }));
    const starts = [...pool].sort((x, y) => load.get(y.id)! - load.get(x.id)! || rank.get(x.id)! - rank.get(y.id)!);
    let improved = false;
    for (const start of starts) {
      const target = load.get(start.id)! - 2;
      if (target < 0) break; // loads below 2 cannot give anything away usefully
      const parent = new Map<string, { from: string; file: number; slot: number } | null>([[start.id, null]]);
      const queue = [start.id];
      let found: string | undefined;
      search: while (queue.length > 0) {
        const x = queue.shift()!;
        for (const { file, slot } of holds.get(x)!) {
          const f = files[file]!;
          for (const y of pool) {
            if (parent.has(y.id) || !eligible(y, f.agencyId) || chosen[file]!.includes(y.id)) continue;
            parent.set(y.id, { from: x, file, slot });
            if (load.get(y.id)! <= target) {
              found = y.id;
              break search;
            }
            queue.push(y.id);
          }
        }
      }
      if (found === undefined) continue;
      // Shift every file along the chain one step towards the end.
      for (let y = found, step = parent.get(y); step; y = step.from, step = parent.get(y)) chosen[step.file]![step.slot] = y;
      load.set(start.id, load.get(start.id)! - 1);
      load.set(found, load.get(found)! + 1);
      improved = true;
      break;
    }
    if (!improved) return;
  }
}
