/**
 * Random draws (抽查): the pure draw and assignment (property tests: same seed → same draw,
 * register order does not matter, quotas met, recusal, balance), then the API over a
 * 200-row register of five agencies inserted directly — counts, strata, case files, reviews,
 * reproducibility, verification, the 抽查名单 xlsx, and the bad inputs.
 */
import ExcelJS from 'exceljs';
import { fc, test } from '@fast-check/vitest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseNumberKey } from '../src/domain/case-file.js';
import { newId, nowTimestamp } from '../src/db/mappers.js';
import { allocateStrata, assignReviewers, AssignmentError, drawSample, DrawShortfallError, quotaFor, type AssignFile, type DrawEntry } from '../src/sampling/draw.js';
import { createRandom, shuffle } from '../src/sampling/random.js';
import { caseTypeOf, partyKindOf } from '../src/sampling/run-sampling.js';
import { buildTestApp, type TestApp } from './helpers/app.js';

// ───────────────────────────── pure ─────────────────────────────

const CASE_TYPES = ['penalty_general', 'license', 'coercion'] as const;

const entryArb = fc.record({
  agency: fc.integer({ min: 0, max: 4 }),
  caseType: fc.constantFrom(...CASE_TYPES),
});
const registerArb = fc.array(entryArb, { minLength: 1, maxLength: 120 }).map((rows) =>
  rows.map((r, i): DrawEntry => ({ id: `e${String(i).padStart(4, '0')}`, agencyId: `agency-${r.agency}`, caseType: r.caseType, caseNumberKey: `测〔2024〕${i}号` })),
);
const modeArb = fc.oneof(
  fc.record({ kind: fc.constant('percent' as const), percent: fc.integer({ min: 1, max: 100 }) }),
  fc.record({ kind: fc.constant('count' as const), perAgency: fc.integer({ min: 1, max: 3 }) }),
);
const ids = (result: { agencies: { entries: DrawEntry[] }[] }) => result.agencies.flatMap((a) => a.entries.map((e) => e.id));

function drawOrShortfall(entries: DrawEntry[], options: Parameters<typeof drawSample>[1]) {
  try {
    return drawSample(entries, options);
  } catch (error) {
    if (error instanceof DrawShortfallError) return error;
    throw error;
  }
}

describe('the seeded generator', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const seq = (seed: string) => Array.from({ length: 8 }, ((r) => () => r.nextUint32())(createRandom(seed)));
    expect(seq('2025-抽查')).toEqual(seq('2025-抽查'));
    expect(seq('2025-抽查')).not.toEqual(seq('2025-抽查 '));
    // Pinned: a change to the generator would silently change every recorded draw.
    expect(shuffle([1, 2, 3, 4, 5, 6, 7, 8], createRandom('pingcha'))).toMatchInlineSnapshot(`
      [
        4,
        3,
        7,
        2,
        1,
        6,
        5,
        8,
      ]
    `);
  });

  test.prop([fc.string(), fc.integer({ min: 1, max: 1000 })])('int(n) stays in [0, n)', (seed, n) => {
    const r = createRandom(seed);
    for (let i = 0; i < 20; i++) {
      const x = r.int(n);
      expect(x >= 0 && x < n && Number.isInteger(x)).toBe(true);
    }
  });
});

describe('drawSample (pure)', () => {
  test.prop([registerArb, modeArb, fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1 })])('the same seed and register give the same draw', (entries, mode, minimumPerAgency, seed) => {
    const a = drawOrShortfall(entries, { seed, mode, minimumPerAgency });
    const b = drawOrShortfall(entries, { seed, mode, minimumPerAgency });
    expect(b).toEqual(a);
  });

  test.prop([registerArb, modeArb, fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1 }), fc.integer()])(
    'the order of the register rows does not matter',
    (entries, mode, minimumPerAgency, seed, shuffleSeed) => {
      const reordered = shuffle(entries, createRandom(String(shuffleSeed)));
      const a = drawOrShortfall(entries, { seed, mode, minimumPerAgency });
      const b = drawOrShortfall(reordered, { seed, mode, minimumPerAgency });
      if (a instanceof DrawShortfallError) expect(b).toBeInstanceOf(DrawShortfallError);
      else expect(ids(b as typeof a)).toEqual(ids(a));
    },
  );

  test.prop([registerArb, modeArb, fc.integer({ min: 0, max: 5 }), fc.string({ minLength: 1 })])(
    'each agency gets exactly its quota, from its own entries, without duplicates, at least one per stratum when the quota allows',
    (entries, mode, minimumPerAgency, seed) => {
      const result = drawOrShortfall(entries, { seed, mode, minimumPerAgency });
      for (const agencyId of new Set(entries.map((e) => e.agencyId))) {
        const own = entries.filter((e) => e.agencyId === agencyId);
        const expected = quotaFor(own.length, mode, minimumPerAgency);
        if (result instanceof DrawShortfallError) {
          expect(result.shortfalls.some((s) => s.agencyId === agencyId)).toBe(expected === undefined);
          continue;
        }
        const drawn = result.agencies.find((a) => a.agencyId === agencyId)!;
        expect(drawn.entries).toHaveLength(expected!);
        if (mode.kind === 'percent') expect(expected).toBe(Math.min(own.length, Math.max(Math.ceil((own.length * mode.percent) / 100 - 1e-9), minimumPerAgency)));
        expect(new Set(drawn.entries.map((e) => e.id)).size).toBe(drawn.entries.length);
        expect(drawn.entries.every((e) => e.agencyId === agencyId)).toBe(true);
        for (const s of drawn.strata) {
          expect(drawn.entries.filter((e) => e.caseType === s.caseType)).toHaveLength(s.drawn);
          expect(s.drawn).toBeLessThanOrEqual(s.available);
          if (drawn.quota >= drawn.strata.length) expect(s.drawn).toBeGreaterThanOrEqual(1);
        }
      }
    },
  );

  test.prop([fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 }), fc.double({ min: 0, max: 1, noNaN: true })])(
    'strata allocation sums to the quota, gives every stratum one when the quota allows, else stays within one of the exact share',
    (sizes, fraction) => {
      const total = sizes.reduce((s, x) => s + x, 0);
      const quota = Math.round(total * fraction);
      const seats = allocateStrata(
        sizes.map((size, i) => ({ key: `t${i}`, size })),
        quota,
      );
      expect(seats.reduce((s, x) => s + x, 0)).toBe(quota);
      seats.forEach((n, i) => expect(n).toBeLessThanOrEqual(sizes[i]!));
      if (quota >= sizes.length) expect(seats.every((n) => n >= 1)).toBe(true);
      // Plain largest remainder (no stratum needed lifting to one): every stratum is within one of its exact share.
      if (quota < sizes.length || sizes.every((size) => (quota * size) / total >= 1)) seats.forEach((n, i) => expect(Math.abs(n - (quota * sizes[i]!) / total)).toBeLessThan(1));
    },
  );

  it('allocates 40 over strata of 120/50/30 as 24/10/6, and keeps one for a tiny stratum', () => {
    expect(allocateStrata([{ key: 'a', size: 120 }, { key: 'b', size: 50 }, { key: 'c', size: 30 }], 40)).toEqual([24, 10, 6]);
    expect(allocateStrata([{ key: 'a', size: 100 }, { key: 'b', size: 1 }, { key: 'c', size: 1 }], 3)).toEqual([1, 1, 1]);
    expect(allocateStrata([{ key: 'a', size: 100 }, { key: 'b', size: 1 }, { key: 'c', size: 1 }], 2)).toEqual([2, 0, 0]);
  });

  it('refuses a count larger than a register, naming every agency short of it; percentages are capped', () => {
    const entries: DrawEntry[] = Array.from({ length: 7 }, (_, i) => ({ id: `x${i}`, agencyId: i < 5 ? 'A' : 'B', caseType: 'license', caseNumberKey: `k${i}` }));
    try {
      drawSample(entries, { seed: 's', mode: { kind: 'count', perAgency: 3 }, minimumPerAgency: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(DrawShortfallError);
      expect((error as DrawShortfallError).shortfalls).toEqual([{ agencyId: 'B', requested: 3, available: 2 }]);
    }
    const capped = drawSample(entries, { seed: 's', mode: { kind: 'percent', percent: 10 }, minimumPerAgency: 4 });
    expect(capped.agencies.map((a) => [a.agencyId, a.quota])).toEqual([
      ['A', 4],
      ['B', 2],
    ]);
  });
});

describe('assignReviewers (pure)', () => {
  const scenarioArb = fc.record({
    files: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 60 }),
    reviewers: fc.array(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }), { minLength: 1, maxLength: 9 }),
    perFile: fc.constantFrom(1 as const, 2 as const),
    seed: fc.string(),
  });
  const build = (s: { files: number[]; reviewers: (number | null)[] }) => ({
    files: s.files.map((a, i): AssignFile => ({ key: `f${String(i).padStart(3, '0')}`, agencyId: `agency-${a}` })),
    reviewers: s.reviewers.map((a, i) => ({ id: `r${i}`, agencyId: a === null ? null : `agency-${a}` })),
  });

  test.prop([scenarioArb])('recusal, distinct reviewers, perFile each, balanced loads — or an error naming exactly the uncoverable agencies', (s) => {
    const { files, reviewers } = build(s);
    const uncoverable = [...new Set(files.map((f) => f.agencyId))].filter((a) => reviewers.filter((r) => r.agencyId !== a).length < s.perFile).sort();
    let result;
    try {
      result = assignReviewers(files, reviewers, { seed: s.seed, perFile: s.perFile });
    } catch (error) {
      expect(error).toBeInstanceOf(AssignmentError);
      expect((error as AssignmentError).uncovered.map((u) => u.agencyId)).toEqual(uncoverable);
      return;
    }
    expect(uncoverable).toEqual([]);
    const agencyOf = new Map(reviewers.map((r) => [r.id, r.agencyId]));
    const load = new Map(reviewers.map((r) => [r.id, 0]));
    for (const a of result.assignments) {
      expect(a.reviewerIds).toHaveLength(s.perFile);
      expect(new Set(a.reviewerIds).size).toBe(s.perFile);
      for (const id of a.reviewerIds) {
        expect(agencyOf.get(id)).not.toBe(a.file.agencyId);
        load.set(id, load.get(id)! + 1);
      }
    }
    expect(Object.fromEntries(load)).toEqual(result.loads);
    // Balanced: no file could move to another eligible reviewer and narrow a gap of two or more.
    for (const a of result.assignments) {
      for (const holder of a.reviewerIds) {
        for (const other of reviewers) {
          if (other.agencyId === a.file.agencyId || a.reviewerIds.includes(other.id)) continue;
          expect(load.get(other.id)!).toBeGreaterThanOrEqual(load.get(holder)! - 1);
        }
      }
    }
    // Without any recusal constraint, loads differ by at most one.
    if (reviewers.every((r) => r.agencyId === null)) expect(Math.max(...load.values()) - Math.min(...load.values())).toBeLessThanOrEqual(1);
  });

  // The example was found by this property: the load-balancing pass used to follow the input order of files.
  test.prop([scenarioArb, fc.integer()], { examples: [[{ files: [1, 0, 0, 0], reviewers: [null, 0, 1, null], perFile: 1, seed: '#p' }, 0]] })('the same seed gives the same assignment whatever the order of files and reviewers', (s, shuffleSeed) => {
    const { files, reviewers } = build(s);
    const run = (f: AssignFile[], r: typeof reviewers) => {
      try {
        const out = assignReviewers(f, r, { seed: s.seed, perFile: s.perFile });
        return Object.fromEntries(out.assignments.map((a) => [a.file.key, a.reviewerIds]));
      } catch (error) {
        return (error as AssignmentError).uncovered;
      }
    };
    const random = createRandom(String(shuffleSeed));
    expect(run(shuffle(files, random), shuffle(reviewers, random))).toEqual(run(files, reviewers));
  });
});

describe('register entries as case files', () => {
  it('tells organisations from persons and maps case types', () => {
    expect(partyKindOf('江州市某某贸易有限公司')).toBe('organization');
    expect(partyKindOf('某某便利店')).toBe('organization');
    expect(partyKindOf('张某某')).toBe('person');
    expect(partyKindOf('王某')).toBe('person');
    expect(caseTypeOf('行政许可')).toBe('license');
    expect(caseTypeOf('coercion')).toBe('coercion');
    expect(caseTypeOf('行政裁决')).toBe('other');
  });
});

// ───────────────────────────── API ─────────────────────────────

let t: TestApp;
const agencies: { id: string; name: string; size: number }[] = [];
const reviewerIds: string[] = [];
const reviewerAgency = new Map<string, string | null>();
const tokens = {} as Record<'reviewerA' | 'reviewerOff' | 'agencyUser', string>;

const json = async (res: { statusCode: number; body: string; json(): any }, status: number) => {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
};
const createCampaign = async (name: string) => (await json(await t.inject({ method: 'POST', url: '/api/v1/campaigns', payload: { name, year: 2025, kind: 'concentrated' } }), 201)).id as string;
const addReviewer = (campaignId: string, userId: string) => t.inject({ method: 'PUT', url: `/api/v1/campaigns/${campaignId}/reviewers/${userId}`, payload: { chief: false } });

/** The register of an agency: `size` closed cases, 60 % penalties, 25 % licences, the rest coercion. */
function registerRows(agencyIndex: number, size: number) {
  return Array.from({ length: size }, (_, i) => {
    const caseType = i < size * 0.6 ? 'penalty_general' : i < size * 0.85 ? 'license' : 'coercion';
    const caseNumber = `江${agencyIndex + 1}${caseType === 'license' ? '许' : caseType === 'coercion' ? '强' : '罚'}〔2024〕${String(i + 1).padStart(3, '0')}号`;
    return {
      caseNumber,
      caseType,
      cause: caseType === 'license' ? '食品经营许可' : caseType === 'coercion' ? '查封扣押涉案物品' : '销售不合格商品案',
      partyName: i % 3 === 0 ? `张某${i}` : `江州市某某商贸有限公司第${i}分店`,
      filedOn: '2024-03-01',
      closedOn: `2024-${String((i % 9) + 1).padStart(2, '0')}-20`,
      amountFen: caseType === 'penalty_general' ? 500_000 + i * 100 : null,
    };
  });
}

/** Inserts the five registers into a campaign directly (the xlsx import is someone else's). */
async function insertRegisters(campaignId: string, only?: string[]) {
  const db = t.app.services.db;
  for (const [index, agency] of agencies.entries()) {
    if (only && !only.includes(agency.id)) continue;
    const importId = newId();
    const rows = registerRows(index, agency.size);
    await db.insertInto('register_imports').values({ id: importId, campaign_id: campaignId, agency_id: agency.id, file_name: `台账${index + 1}.xlsx`, row_count: rows.length, imported_by: null, created_at: nowTimestamp() }).execute();
    await db
      .insertInto('register_entries')
      .values(
        rows.map((r, i) => ({
          id: newId(),
          campaign_id: campaignId,
          agency_id: agency.id,
          import_id: importId,
          row_number: i + 2,
          case_number: r.caseNumber,
          case_number_key: caseNumberKey(r.caseNumber),
          case_type: r.caseType,
          cause: r.cause,
          party_name: r.partyName,
          filed_on: r.filedOn,
          closed_on: r.closedOn,
          amount_fen: r.amountFen,
          handlers: '张某、李某',
          sampling_id: null,
          case_file_id: null,
          created_at: nowTimestamp(),
        })),
      )
      .execute();
  }
}

let campaign1: string;
let sampling1: any;

beforeAll(async () => {
  t = await buildTestApp();
  const sizes = [60, 50, 40, 30, 20];
  const names = ['江州市市场监督管理局', '江州市生态环境局', '江州市城市管理局', '江州市交通运输局', '江州市文化和旅游局'];
  for (const [i, size] of sizes.entries()) {
    const id = (await json(await t.inject({ method: 'POST', url: '/api/v1/agencies', payload: { name: names[i] } }), 201)).id;
    agencies.push({ id, name: names[i]!, size });
  }
  campaign1 = await createCampaign('2025年度行政执法案卷评查');
  const user = async (payload: object) => (await json(await t.inject({ method: 'POST', url: '/api/v1/users', payload }), 201)) as { user: { id: string }; token: { token: string } };
  // One reviewer from each agency, and two from outside (律师, 专家).
  for (const [i, agency] of agencies.entries()) {
    const created = await user({ name: `评查员${i + 1}`, role: 'reviewer', agencyId: agency.id });
    reviewerIds.push(created.user.id);
    reviewerAgency.set(created.user.id, agency.id);
    if (i === 0) tokens.reviewerA = created.token.token;
  }
  for (const affiliation of ['律师', '专家']) {
    const created = await user({ name: `外部评查员（${affiliation}）`, role: 'reviewer', affiliation });
    reviewerIds.push(created.user.id);
    reviewerAgency.set(created.user.id, null);
  }
  tokens.reviewerOff = (await user({ name: '不在本活动的评查员', role: 'reviewer' })).token.token;
  tokens.agencyUser = (await user({ name: '市场监管联络员', role: 'agency', agencyId: agencies[0]!.id })).token.token;
  for (const id of reviewerIds) await json(await addReviewer(campaign1, id), 200);
  await insertRegisters(campaign1);
}, 120_000);
afterAll(() => t.close());

describe('POST /campaigns/:id/samplings', () => {
  it('draws 20 % per agency, stratified by case type, creates the case files and assigns two reviewers each with recusal and balance', async () => {
    sampling1 = await json(
      await t.inject({
        method: 'POST',
        url: `/api/v1/campaigns/${campaign1}/samplings`,
        payload: { seed: '江州-2025-第一批', mode: { kind: 'percent', percent: 20 }, minimumPerAgency: 3, reviewersPerFile: 2, assign: true },
      }),
      201,
    );
    expect(sampling1.seed).toBe('江州-2025-第一批');
    expect(sampling1.eligibleCount).toBe(200);
    expect(sampling1.drawnCount).toBe(40);
    const perAgency = Object.fromEntries(sampling1.agencies.map((a: any) => [a.agencyName, [a.available, a.quota]]));
    expect(perAgency).toEqual({
      江州市市场监督管理局: [60, 12],
      江州市生态环境局: [50, 10],
      江州市城市管理局: [40, 8],
      江州市交通运输局: [30, 6],
      江州市文化和旅游局: [20, 4],
    });
    // Strata: 60 = 36 penalties / 15 licences / 9 coercion → 12 = 7 / 3 / 2 (largest remainder: 7.2, 3, 1.8).
    const market = sampling1.agencies.find((a: any) => a.agencyName === '江州市市场监督管理局');
    expect(Object.fromEntries(market.strata.map((s: any) => [s.caseType, [s.available, s.drawn]]))).toEqual({ coercion: [9, 2], license: [15, 3], penalty_general: [36, 7] });
    for (const a of sampling1.agencies) for (const s of a.strata) expect(s.drawn).toBeGreaterThanOrEqual(1);
    const items = sampling1.items as any[];
    expect(items.map((i) => i.index)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    for (const a of sampling1.agencies) {
      const own = items.filter((i) => i.agencyId === a.agencyId);
      expect(own).toHaveLength(a.quota);
      for (const s of a.strata) expect(own.filter((i) => i.caseType === s.caseType)).toHaveLength(s.drawn);
    }

    // Case files awaiting their PDFs, with the register's metadata; entries linked.
    const first = items[0];
    const caseFile = await json(await t.inject({ method: 'GET', url: `/api/v1/case-files/${first.caseFileId}` }), 200);
    expect(caseFile).toMatchObject({ caseNumber: first.caseNumber, agencyId: first.agencyId, caseType: first.caseType, cause: first.cause, party: { name: first.partyName } });
    expect(caseFile.party.kind).toBe(first.partyName.startsWith('张某') ? 'person' : 'organization');
    expect(caseFile.party.creditCode).toBeUndefined();
    const entries = await t.app.services.db.selectFrom('register_entries').select(['case_number', 'case_file_id', 'sampling_id']).where('sampling_id', '=', sampling1.id).execute();
    expect(entries).toHaveLength(40);
    expect(new Map(entries.map((e) => [e.case_number, e.case_file_id]))).toEqual(new Map(items.map((i) => [i.caseNumber, i.caseFileId])));
    const caseFileCount = await t.app.services.db.selectFrom('case_files').select((eb) => eb.fn.countAll<number>().as('n')).where('campaign_id', '=', campaign1).executeTakeFirstOrThrow();
    expect(Number(caseFileCount.n)).toBe(40);

    // Reviews: two per file, never the file's own agency, loads 80 / 7 → 11 or 12.
    const loads = new Map<string, number>();
    for (const item of items) {
      expect(item.reviewers).toHaveLength(2);
      expect(new Set(item.reviewers.map((r: any) => r.id)).size).toBe(2);
      for (const r of item.reviewers) {
        expect(reviewerAgency.get(r.id)).not.toBe(item.agencyId);
        loads.set(r.id, (loads.get(r.id) ?? 0) + 1);
      }
    }
    expect(loads.size).toBe(7);
    expect(Math.max(...loads.values()) - Math.min(...loads.values())).toBeLessThanOrEqual(1);
    const reviews = await json(await t.inject({ method: 'GET', url: `/api/v1/case-files/${first.caseFileId}/reviews` }), 200);
    expect(reviews.items.map((r: any) => r.reviewerId).sort()).toEqual(first.reviewers.map((r: any) => r.id).sort());
    expect(reviews.items.map((r: any) => r.scheme.id)[0]).toBe({ penalty_general: 'penalty-general', license: 'license-general', coercion: 'coercion-seizure' }[first.caseType as string]);

    // Audit: one draw event with seed and counts, one per case file and per review.
    const draw = await json(await t.inject({ method: 'GET', url: `/api/v1/audit-events?action=sampling.draw&entityId=${sampling1.id}` }), 200);
    expect(draw.items).toHaveLength(1);
    expect(draw.items[0].after).toMatchObject({ seed: '江州-2025-第一批', eligible: 200, drawn: 40, reviews: 80 });
    const created = await t.app.services.db.selectFrom('audit_events').select('action').where('request_id', '=', draw.items[0].requestId).execute();
    expect(created.filter((e) => e.action === 'case_file.create')).toHaveLength(40);
    expect(created.filter((e) => e.action === 'review.assign')).toHaveLength(80);
  });

  it('lists and shows the sampling; a reviewer on the campaign sees it without their own agency’s files; others do not', async () => {
    const list = await json(await t.inject({ method: 'GET', url: `/api/v1/campaigns/${campaign1}/samplings` }), 200);
    expect(list.items.map((s: any) => [s.id, s.drawnCount])).toEqual([[sampling1.id, 40]]);
    const asReviewer = await json(await t.injectAs(tokens.reviewerA, { method: 'GET', url: `/api/v1/samplings/${sampling1.id}` }), 200);
    expect(asReviewer.items).toHaveLength(40 - 12);
    expect(asReviewer.items.some((i: any) => i.agencyId === agencies[0]!.id)).toBe(false);
    expect((await t.injectAs(tokens.reviewerOff, { method: 'GET', url: `/api/v1/samplings/${sampling1.id}` })).statusCode).toBe(404);
    expect((await t.injectAs(tokens.reviewerOff, { method: 'GET', url: `/api/v1/campaigns/${campaign1}/samplings` })).statusCode).toBe(404);
    expect((await t.injectAs(tokens.agencyUser, { method: 'GET', url: `/api/v1/samplings/${sampling1.id}` })).statusCode).toBe(403);
    expect((await t.injectAs(tokens.reviewerA, { method: 'POST', url: `/api/v1/campaigns/${campaign1}/samplings`, payload: { mode: { kind: 'count', perAgency: 1 } } })).statusCode).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/v1/samplings/${newId()}` })).statusCode).toBe(404);
  });

  it('verifies: the recorded seed redraws the same files and the same reviewers', async () => {
    const check = await json(await t.inject({ method: 'GET', url: `/api/v1/samplings/${sampling1.id}/verify` }), 200);
    expect(check).toMatchObject({ matches: true, draw: { matches: true, recorded: 40, redrawn: 40, missing: [], extra: [] }, assignment: { checked: true, matches: true }, entriesMissing: 0 });
  });

  it('draws the same cases from the same register with the same seed in another campaign; another seed draws others', async () => {
    const again = await createCampaign('复核用评查活动');
    await insertRegisters(again);
    const redraw = await json(
      await t.inject({ method: 'POST', url: `/api/v1/campaigns/${again}/samplings`, payload: { seed: '江州-2025-第一批', mode: { kind: 'percent', percent: 20 }, minimumPerAgency: 3 } }),
      201,
    );
    const numbers = (s: any) => s.items.map((i: any) => i.caseNumber).sort();
    expect(numbers(redraw)).toEqual(numbers(sampling1));
    expect(redraw.items.every((i: any) => i.reviewers.length === 0)).toBe(true);
    const other = await createCampaign('另一种子');
    await insertRegisters(other);
    const different = await json(await t.inject({ method: 'POST', url: `/api/v1/campaigns/${other}/samplings`, payload: { mode: { kind: 'percent', percent: 20 }, minimumPerAgency: 3 } }), 201);
    expect(different.seed).toMatch(/^[0-9a-f]{16}$/);
    expect(numbers(different)).not.toEqual(numbers(sampling1));
  });

  it('draws a second batch only from entries not drawn yet', async () => {
    const second = await json(await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign1}/samplings`, payload: { seed: 'second', mode: { kind: 'count', perAgency: 2 } } }), 201);
    expect(second.eligibleCount).toBe(160);
    const first = new Set(sampling1.items.map((i: any) => i.caseNumber));
    expect(second.items.filter((i: any) => first.has(i.caseNumber))).toEqual([]);
  });

  it('refuses more files than a register holds with 422 naming the agencies and the counts, and creates nothing', async () => {
    const campaign = await createCampaign('数量过多');
    await insertRegisters(campaign);
    const res = await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/samplings`, payload: { seed: 's', mode: { kind: 'count', perAgency: 35 } } });
    expect(res.statusCode, res.body).toBe(422);
    const error = res.json().error;
    expect(error.code).toBe('validation_failed');
    expect(error.message).toContain('江州市交通运输局（要求 35 件，可抽 30 件）');
    expect(error.message).toContain('江州市文化和旅游局（要求 35 件，可抽 20 件）');
    expect(error.message).not.toContain('江州市城市管理局');
    const expected = [
      { path: 'body.mode.perAgency', agencyId: agencies[3]!.id, requested: 35, available: 30 },
      { path: 'body.mode.perAgency', agencyId: agencies[4]!.id, requested: 35, available: 20 },
    ].sort((a, b) => (a.agencyId < b.agencyId ? -1 : 1));
    expect(error.details).toEqual(expected.map((d) => expect.objectContaining(d)));
    // Percentages and minimums are capped at what exists instead.
    const capped = await json(await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/samplings`, payload: { seed: 's', mode: { kind: 'percent', percent: 10 }, minimumPerAgency: 25 } }), 201);
    expect(Object.fromEntries(capped.agencies.map((a: any) => [a.agencyName, a.quota]))).toMatchObject({ 江州市市场监督管理局: 25, 江州市文化和旅游局: 20 });
    expect(await t.app.services.db.selectFrom('samplings').select('id').where('campaign_id', '=', campaign).execute()).toHaveLength(1);
  });

  it('refuses an assignment when only the agency’s own reviewers are on the campaign, naming the agency', async () => {
    const campaign = await createCampaign('回避不足');
    const market = agencies[0]!;
    await insertRegisters(campaign, [market.id]);
    await json(await addReviewer(campaign, reviewerIds[0]!), 200); // the market agency's own reviewer only
    const res = await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/samplings`, payload: { seed: 's', mode: { kind: 'count', perAgency: 5 }, assign: true } });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json().error.message).toContain('江州市市场监督管理局（5 件案卷，非本单位评查人员 0 名，每件需要 1 名）');
    expect(res.json().error.details[0]).toMatchObject({ path: 'body.reviewersPerFile', agencyId: market.id, eligibleReviewers: 0, needed: 1 });
    // One outside reviewer is enough for one per file, not for two.
    await json(await addReviewer(campaign, reviewerIds[5]!), 200);
    const two = await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/samplings`, payload: { seed: 's', mode: { kind: 'count', perAgency: 5 }, assign: true, reviewersPerFile: 2 } });
    expect(two.statusCode).toBe(422);
    expect(two.json().error.message).toContain('非本单位评查人员 1 名，每件需要 2 名');
    const counted = await t.app.services.db.selectFrom('case_files').select('id').where('campaign_id', '=', campaign).execute();
    expect(counted).toEqual([]);
    const one = await json(await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign}/samplings`, payload: { seed: 's', mode: { kind: 'count', perAgency: 5 }, assign: true } }), 201);
    expect(one.items.every((i: any) => i.reviewers.length === 1 && i.reviewers[0].id === reviewerIds[5])).toBe(true);
  });

  it('rejects a body without a mode, and a campaign without a register', async () => {
    expect((await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign1}/samplings`, payload: { seed: 'x' } })).statusCode).toBe(400);
    expect((await t.inject({ method: 'POST', url: `/api/v1/campaigns/${campaign1}/samplings`, payload: { mode: { kind: 'percent', percent: 0 } } })).statusCode).toBe(400);
    const empty = await createCampaign('无台账');
    const res = await t.inject({ method: 'POST', url: `/api/v1/campaigns/${empty}/samplings`, payload: { mode: { kind: 'count', perAgency: 1 } } });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.message).toContain('没有可抽取的台账案件');
  });
});

describe('GET /samplings/:id/list.xlsx', () => {
  it('is the 抽查名单: merged title, subtitle with the seed, headers, one row per file, frozen header', async () => {
    const res = await t.inject({ method: 'GET', url: `/api/v1/samplings/${sampling1.id}/list.xlsx` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const ws = workbook.worksheets[0]!;
    expect(ws.name).toBe('抽查名单');
    expect(ws.getCell('A1').value).toBe('2025年度行政执法案卷评查抽查名单');
    expect(ws.getCell('H1').isMerged).toBe(true);
    expect((ws.getCell('H1').master as ExcelJS.Cell).address).toBe('A1');
    expect(String(ws.getCell('A2').value)).toContain('随机种子：江州-2025-第一批');
    expect((ws.getRow(3).values as unknown[]).slice(1)).toEqual(['序号', '执法单位', '案号', '案由', '案件类型', '当事人', '结案日期', '评查人员']);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 3 });
    expect(ws.getColumn(3).width).toBe(30);
    const rows = Array.from({ length: 40 }, (_, i) => ws.getRow(4 + i));
    expect(rows.map((r) => r.getCell(1).value)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(rows.map((r) => r.getCell(3).value)).toEqual(sampling1.items.map((i: any) => i.caseNumber));
    const firstItem = sampling1.items[0];
    expect(rows[0]!.getCell(2).value).toBe(firstItem.agencyName);
    expect(rows[0]!.getCell(8).value).toBe(firstItem.reviewers.map((r: any) => r.name).join('、'));
    expect(ws.getRow(44).getCell(1).value).toBeNull();
  });

  it('answers 400 for an id that is not a UUID, and hides other campaigns’ lists from reviewers', async () => {
    expect((await t.inject({ method: 'GET', url: '/api/v1/samplings/x/list.xlsx' })).statusCode).toBe(400);
    expect((await t.injectAs(tokens.reviewerOff, { method: 'GET', url: `/api/v1/samplings/${sampling1.id}/list.xlsx` })).statusCode).toBe(404);
  });
});
