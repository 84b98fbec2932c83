/**
 * A draw (抽查) against the database, shared by the API and the CLI: reads the campaign's
 * not-yet-drawn register entries, draws (draw.ts), and in ONE transaction records the
 * sampling, creates a case file per drawn entry (awaiting its PDFs), links entry → case file,
 * optionally creates the reviews, and writes the audit events. Also: verification (redraw
 * from the entries recorded as eligible and compare) and the mapping entry → case file.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { AuditRecord } from '../auth/authorization-plugin.js';
import { CASE_TYPES, isoDate, type CaseFileMetadata, type CaseType } from '../domain/case-file.js';
import type { Database } from '../db/schema.js';
import { AppError } from '../errors.js';
import { findCampaign } from '../repositories/campaigns.js';
import { insertCaseFile } from '../repositories/case-files.js';
import { insertReview } from '../repositories/reviews.js';
import {
  existingCaseNumberKeys,
  insertSampling,
  linkEntryToCaseFile,
  listAssignableReviewers,
  listEligibleEntries,
  listEntriesByIds,
  newSamplingId,
  type RegisterEntry,
  type Sampling,
  type SamplingItem,
  type SamplingParams,
} from '../repositories/sampling.js';
import type { ActiveScheme, SchemeStore } from '../scoring/scheme-store.js';
import { assignReviewers, AssignmentError, drawSample, DrawShortfallError, type DrawMode } from './draw.js';

/** Recorded with every sampling; bump when draw.ts changes what a seed draws. */
export const DRAW_ALGORITHM = 'pingcha-draw-1 (sfc32/sha256, largest-remainder strata, balanced assignment)';

export type Audit = (trx: Kysely<Database>, event: AuditRecord) => Promise<void>;

export interface SamplingRequest {
  campaignId: string;
  seed?: string | undefined;
  mode: DrawMode;
  minimumPerAgency: number;
  reviewersPerFile: 1 | 2;
  assign: boolean;
  createdBy: string | null;
}

/** A fresh seed when none is given: 16 hex digits from the OS's random source. */
export const generateSeed = (): string => randomBytes(8).toString('hex');

// ───────────────────────────── entry → case file ─────────────────────────────

const ORGANIZATION_MARKERS =
  /(公司|有限|集团|企业|厂|店|行$|中心|协会|学会|商会|学校|学院|大学|幼儿园|医院|卫生院|诊所|药房|银行|合作社|事务所|工作室|商行|超市|酒店|宾馆|饭店|餐厅|餐饮|经营部|门市|委员会|委会|局$|站$|所$|院$|部$|馆$|社$|场$|基地|俱乐部|物业|村民|居民|分公司|办事处|联合会|研究|机构)/;

/**
 * 'organization' when the name looks like an organisation (a company, shop, school …: one of
 * the usual suffixes or words, or longer than six characters), else 'person'. Registers carry
 * no identifiers; agencies complete the party when they upload the file.
 */
export function partyKindOf(name: string): 'organization' | 'person' {
  const trimmed = name.trim();
  return ORGANIZATION_MARKERS.test(trimmed) || [...trimmed].length > 6 ? 'organization' : 'person';
}

const CASE_TYPE_BY_LABEL = new Map<string, CaseType>(Object.entries(CASE_TYPES).map(([code, label]) => [label, code as CaseType]));

/** A register's case type as a case-file type: a code, or its Chinese label; anything else is 'other'. */
export function caseTypeOf(raw: string): CaseType {
  const value = raw.trim();
  if (value in CASE_TYPES) return value as CaseType;
  return CASE_TYPE_BY_LABEL.get(value) ?? 'other';
}

export function metadataFromEntry(entry: RegisterEntry): CaseFileMetadata {
  const date = (value: string | null) => (value !== null && isoDate.safeParse(value).success ? value : undefined);
  const filedOn = date(entry.filedOn);
  let closedOn = date(entry.closedOn);
  if (filedOn && closedOn && closedOn < filedOn) closedOn = undefined; // a register slip: keep the file valid
  return {
    caseNumber: entry.caseNumber,
    caseType: caseTypeOf(entry.caseType),
    cause: entry.cause,
    party: { name: entry.partyName, kind: partyKindOf(entry.partyName) },
    dates: { ...(filedOn && { filedOn }), ...(closedOn && { closedOn }) },
    amounts: entry.amountFen !== null ? { fine: entry.amountFen / 100 } : {},
    officers: [],
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false },
  };
}

/** The scheme a new review of a case type is scored with: the campaign's, else the default (as POST /case-files/:id/reviews does). */
export async function schemeForCaseType(db: Kysely<Database>, schemes: SchemeStore, campaignId: string, caseType: CaseType): Promise<ActiveScheme> {
  const active = await schemes.forCampaign(db, campaignId, caseType);
  if (!active || !active.scheme.caseTypes.includes(caseType)) {
    throw new AppError(400, 'validation_failed', `没有适用于 ${CASE_TYPES[caseType]}（${caseType}）类案件的评查标准，请先为本活动设置评查标准，或不分配评查人员（assign: false）`, [
      { path: 'body.assign', message: `${caseType} 无适用的评查标准` },
    ]);
  }
  return active;
}

// ───────────────────────────── the draw ─────────────────────────────

const agencyNameOf = (entries: readonly RegisterEntry[], agencyId: string) => entries.find((e) => e.agencyId === agencyId)?.agencyName ?? agencyId;

function shortfallError(error: DrawShortfallError, entries: readonly RegisterEntry[]): AppError {
  const parts = error.shortfalls.map((s) => `${agencyNameOf(entries, s.agencyId)}（要求 ${s.requested} 件，可抽 ${s.available} 件）`);
  return new AppError(
    422,
    'validation_failed',
    `抽取数量超过台账中可抽取的案卷数：${parts.join('；')}`,
    error.shortfalls.map((s) => ({ path: 'body.mode.perAgency', message: `${agencyNameOf(entries, s.agencyId)}：要求 ${s.requested} 件，可抽 ${s.available} 件`, agencyId: s.agencyId, requested: s.requested, available: s.available })),
  );
}

function assignmentError(error: AssignmentError, entries: readonly RegisterEntry[], perFile: number): AppError {
  const parts = error.uncovered.map((u) => `${agencyNameOf(entries, u.agencyId)}（${u.files} 件案卷，非本单位评查人员 ${u.eligibleReviewers} 名，每件需要 ${u.needed} 名）`);
  return new AppError(
    422,
    'validation_failed',
    `评查人员不足以回避：${parts.join('；')}。请为本活动增加其他单位或外部评查人员${perFile === 2 ? '，或每件只分配一名' : ''}`,
    error.uncovered.map((u) => ({ path: 'body.reviewersPerFile', message: `${agencyNameOf(entries, u.agencyId)}：非本单位评查人员 ${u.eligibleReviewers} 名，需要 ${u.needed} 名`, agencyId: u.agencyId, eligibleReviewers: u.eligibleReviewers, needed: u.needed })),
  );
}

/** Draws, records and creates everything in one transaction; throws AppError on bad input. */
export async function runSampling(db: Kysely<Database>, schemes: SchemeStore, request: SamplingRequest, audit: Audit): Promise<Sampling> {
  const seed = request.seed ?? generateSeed();
  const params: SamplingParams = { algorithm: DRAW_ALGORITHM, mode: request.mode, minimumPerAgency: request.minimumPerAgency, reviewersPerFile: request.reviewersPerFile, assign: request.assign };
  return db.transaction().execute(async (trx) => {
    const campaign = await findCampaign(trx, request.campaignId);
    if (!campaign) throw new AppError(404, 'not_found', `评查活动不存在：${request.campaignId}`, [{ path: 'params.id', message: `未找到 ${request.campaignId}` }]);
    if (campaign.status === 'closed') throw new AppError(409, 'conflict', '评查活动已结束，不能再抽取案卷');
    const entries = await listEligibleEntries(trx, campaign.id);
    if (entries.length === 0) throw new AppError(422, 'validation_failed', '本评查活动没有可抽取的台账案件（台账为空，或已全部抽取）', [{ path: 'params.id', message: '没有可抽取的台账案件' }]);

    let draw;
    try {
      draw = drawSample(entries, { seed, mode: request.mode, minimumPerAgency: request.minimumPerAgency });
    } catch (error) {
      if (error instanceof DrawShortfallError) throw shortfallError(error, entries);
      throw error;
    }
    const drawn = draw.agencies.flatMap((a) => a.entries);

    const pool = request.assign ? await listAssignableReviewers(trx, campaign.id) : [];
    let assignment: Map<string, string[]> = new Map();
    if (request.assign) {
      try {
        const result = assignReviewers(
          drawn.map((e) => ({ key: e.caseNumberKey, agencyId: e.agencyId, entryId: e.id })),
          pool,
          { seed, perFile: request.reviewersPerFile },
        );
        assignment = new Map(result.assignments.map((a) => [a.file.entryId, a.reviewerIds]));
      } catch (error) {
        if (error instanceof AssignmentError) throw assignmentError(error, entries, request.reviewersPerFile);
        throw error;
      }
    }

    const clashes = await existingCaseNumberKeys(trx, campaign.id, drawn.map((e) => e.caseNumberKey));
    if (clashes.size > 0) {
      const numbers = drawn.filter((e) => clashes.has(e.caseNumberKey)).map((e) => e.caseNumber);
      throw new AppError(409, 'duplicate_case_number', `本评查活动中已有这些案号的案卷：${numbers.slice(0, 10).join('、')}${numbers.length > 10 ? ` 等 ${numbers.length} 件` : ''}`, numbers.map((n) => ({ path: 'caseNumber', message: `已有案卷：${n}` })));
    }

    const schemeByType = new Map<CaseType, ActiveScheme>();
    if (request.assign) for (const type of new Set(drawn.map((e) => caseTypeOf(e.caseType)))) schemeByType.set(type, await schemeForCaseType(trx, schemes, campaign.id, type));

    const samplingId = newSamplingId();
    const nameOf = new Map(pool.map((r) => [r.id, r.name]));
    // The list (抽查名单): by agency name, then case number.
    const listed = [...drawn].sort((x, y) => x.agencyName.localeCompare(y.agencyName, 'zh-CN') || (x.agencyId < y.agencyId ? -1 : x.agencyId > y.agencyId ? 1 : 0) || (x.caseNumberKey < y.caseNumberKey ? -1 : 1));
    const items: SamplingItem[] = [];
    for (const [index, entry] of listed.entries()) {
      const metadata = metadataFromEntry(entry);
      const caseFile = await insertCaseFile(trx, { campaignId: campaign.id, agencyId: entry.agencyId }, metadata);
      await linkEntryToCaseFile(trx, entry.id, samplingId, caseFile.id);
      await audit(trx, {
        action: 'case_file.create',
        entityType: 'case_file',
        entityId: caseFile.id,
        after: { campaignId: campaign.id, agencyId: entry.agencyId, caseNumber: caseFile.caseNumber, caseType: caseFile.caseType, party: caseFile.party.name, samplingId, registerEntryId: entry.id },
      });
      const reviewers: SamplingItem['reviewers'] = [];
      for (const [slot, reviewerId] of (assignment.get(entry.id) ?? []).entries()) {
        const active = schemeByType.get(caseFile.caseType)!;
        const review = await insertReview(trx, { caseFileId: caseFile.id, reviewerId, ordinal: slot + 1, scheme: { id: active.scheme.id, version: active.scheme.version, hash: active.hash } });
        await audit(trx, { action: 'review.assign', entityType: 'review', entityId: review.id, after: { caseFileId: caseFile.id, reviewerId, scheme: `${active.scheme.id}@${active.scheme.version}`, samplingId } });
        reviewers.push({ id: reviewerId, name: nameOf.get(reviewerId) ?? '', reviewId: review.id });
      }
      items.push({
        index: index + 1,
        entryId: entry.id,
        caseFileId: caseFile.id,
        agencyId: entry.agencyId,
        agencyName: entry.agencyName,
        caseNumber: entry.caseNumber,
        caseType: caseFile.caseType,
        cause: entry.cause,
        partyName: entry.partyName,
        closedOn: entry.closedOn,
        reviewers,
      });
    }

    const agencies = draw.agencies.map((a) => ({ agencyId: a.agencyId, agencyName: agencyNameOf(entries, a.agencyId), available: a.available, quota: a.quota, strata: a.strata }));
    const sampling = await insertSampling(trx, {
      id: samplingId,
      campaignId: campaign.id,
      seed,
      params,
      result: { eligibleEntryIds: entries.map((e) => e.id).sort(), reviewerPool: pool, agencies, items },
      createdBy: request.createdBy,
    });
    await audit(trx, {
      action: 'sampling.draw',
      entityType: 'sampling',
      entityId: sampling.id,
      after: {
        campaignId: campaign.id,
        seed,
        mode: request.mode,
        minimumPerAgency: request.minimumPerAgency,
        reviewersPerFile: request.reviewersPerFile,
        assign: request.assign,
        eligible: draw.eligible,
        drawn: draw.drawn,
        perAgency: Object.fromEntries(draw.agencies.map((a) => [a.agencyId, a.entries.length])),
        reviews: items.reduce((s, i) => s + i.reviewers.length, 0),
      },
    });
    return sampling;
  });
}

// ───────────────────────────── verification ─────────────────────────────

export interface Verification {
  samplingId: string;
  seed: string;
  algorithm: string;
  /** True when the redraw picks exactly the recorded entries (and, when assigned, the same reviewers). */
  matches: boolean;
  draw: { matches: boolean; recorded: number; redrawn: number; missing: string[]; extra: string[] };
  assignment: { checked: boolean; matches: boolean; differing: string[] };
  /** Entries recorded as eligible that no longer exist (the register was changed). */
  entriesMissing: number;
}

/** Redraws from the entries recorded as eligible at draw time, with the recorded seed and parameters, and compares. */
export async function verifySampling(db: Kysely<Database>, sampling: Sampling): Promise<Verification> {
  const { params, result, seed } = sampling;
  const entries = await listEntriesByIds(db, result.eligibleEntryIds);
  const recorded = new Set(result.items.map((i) => i.entryId));
  let redrawnIds: string[] = [];
  let redrawnFiles: { key: string; agencyId: string; entryId: string }[] = [];
  try {
    const redraw = drawSample(entries, { seed, mode: params.mode, minimumPerAgency: params.minimumPerAgency });
    const picked = redraw.agencies.flatMap((a) => a.entries);
    redrawnIds = picked.map((e) => e.id);
    redrawnFiles = picked.map((e) => ({ key: e.caseNumberKey, agencyId: e.agencyId, entryId: e.id }));
  } catch (error) {
    if (!(error instanceof DrawShortfallError)) throw error;
  }
  const redrawn = new Set(redrawnIds);
  const byId = new Map(entries.map((e) => [e.id, e]));
  const label = (id: string) => byId.get(id)?.caseNumber ?? result.items.find((i) => i.entryId === id)?.caseNumber ?? id;
  const missing = [...recorded].filter((id) => !redrawn.has(id)).map(label);
  const extra = [...redrawn].filter((id) => !recorded.has(id)).map(label);
  const drawMatches = missing.length === 0 && extra.length === 0 && entries.length === result.eligibleEntryIds.length;

  const assignment = { checked: false, matches: true, differing: [] as string[] };
  if (params.assign && drawMatches) {
    assignment.checked = true;
    try {
      const again = assignReviewers(redrawnFiles, result.reviewerPool, { seed, perFile: params.reviewersPerFile });
      const recordedReviewers = new Map(result.items.map((i) => [i.entryId, i.reviewers.map((r) => r.id).join(',')]));
      for (const a of again.assignments) if (recordedReviewers.get(a.file.entryId) !== a.reviewerIds.join(',')) assignment.differing.push(label(a.file.entryId));
    } catch (error) {
      if (!(error instanceof AssignmentError)) throw error;
      assignment.differing.push(...result.items.map((i) => i.caseNumber));
    }
    assignment.matches = assignment.differing.length === 0;
  }
  return {
    samplingId: sampling.id,
    seed,
    algorithm: params.algorithm,
    matches: drawMatches && assignment.matches && params.algorithm === DRAW_ALGORITHM,
    draw: { matches: drawMatches, recorded: recorded.size, redrawn: redrawn.size, missing, extra },
    assignment,
    entriesMissing: result.eligibleEntryIds.length - entries.length,
  };
}
