/**
 * What the bulletin and the annual report need from one finalized result (`ResultSummary`),
 * and its stored form.
 *
 * `summarizeSnapshot` derives a summary from the result's frozen snapshot, which is the
 * truth. Finalizing stores the same summary next to the result (table
 * `case_result_summaries`, written in the finalization's transaction; insert-only, like the
 * result), so that an export of 100,000 files reads a few hundred bytes per file instead of
 * parsing every snapshot. Reopening leaves a result and its summary as they were; finalizing
 * again writes a new result with its own summary.
 *
 * Stored form (`SUMMARY_FORMAT` 1), JSON:
 *   { caseFileId, campaignId, agencyId, caseNumber, cause, caseType, total,
 *     grade: { code, label }, schemeId,
 *     items:  [[sectionId, sectionTitle, itemId, itemNumber, itemTitle, deduction, occurrences], …],
 *     vetoes: [[vetoId, number, title, occurrences], …] }
 * — the problems of `summarizeSnapshot` in its order (items, then vetoes), without what can be
 * rebuilt (keys, the scheme id on every problem). A reader takes a stored summary only of the
 * current format and otherwise derives it from the snapshot, so changing what a summary holds
 * means bumping `SUMMARY_FORMAT` (rows of the new format are added beside the old ones).
 */
import { z } from 'zod';

/** The version of the stored form; see above. */
export const SUMMARY_FORMAT = 1;

export interface Problem {
  /** schemeId + item (or veto) id: the same item across scheme versions. */
  key: string;
  kind: 'item' | 'veto';
  schemeId: string;
  sectionKey: string;
  sectionTitle: string;
  itemId: string;
  itemNumber: string;
  itemTitle: string;
  /** Points taken by the item (0 for a veto). */
  deduction: number;
  /** Confirmed findings × their occurrences in the adopted review (at least 1). */
  occurrences: number;
}

export interface ResultSummary {
  resultId: string;
  caseFileId: string;
  campaignId: string;
  agencyId: string;
  caseNumber: string;
  cause: string;
  caseType: string;
  total: number;
  grade: { code: string; label: string };
  vetoes: { id: string; number: string; title: string }[];
  problems: Problem[];
  finalizedAt: string;
}

const snapshotSchema = z.object({
  caseFile: z.object({
    id: z.string(),
    campaignId: z.string(),
    agencyId: z.string(),
    caseNumber: z.string().default(''),
    caseType: z.string().default(''),
    cause: z.string().default(''),
  }),
  adoptedReviewId: z.string().optional(),
  score: z.object({
    scheme: z.object({ id: z.string() }),
    total: z.number(),
    grade: z.object({ code: z.string(), label: z.string() }),
    sections: z.array(z.object({ id: z.string(), title: z.string(), role: z.string().optional() })).default([]),
    items: z
      .array(
        z.object({
          id: z.string(),
          number: z.string().default(''),
          sectionId: z.string(),
          title: z.string(),
          applicable: z.boolean().default(true),
          deduction: z.number(),
          findingIds: z.array(z.string()).default([]),
        }),
      )
      .default([]),
    vetoes: z.array(z.object({ id: z.string(), number: z.string().default(''), title: z.string(), findingIds: z.array(z.string()).default([]) })).default([]),
  }),
  reviews: z
    .array(z.object({ id: z.string(), findings: z.array(z.object({ id: z.string(), occurrences: z.number().default(1) })).default([]) }))
    .default([]),
});

export const VETO_SECTION_TITLE = '否决项';

/** What a bulletin needs from one finalized result's snapshot. */
export function summarizeSnapshot(row: { id: string; snapshotJson: string; finalizedAt: string }): ResultSummary {
  return summarize(row).summary;
}

function summarize(row: { id: string; snapshotJson: string; finalizedAt: string }): { summary: ResultSummary; schemeId: string } {
  const snap = snapshotSchema.parse(JSON.parse(row.snapshotJson));
  const schemeId = snap.score.scheme.id;
  const sections = new Map(snap.score.sections.map((s) => [s.id, s]));
  const adopted = snap.reviews.find((r) => r.id === snap.adoptedReviewId);
  const occurrencesOf = new Map((adopted?.findings ?? []).map((f) => [f.id, f.occurrences]));
  const countOccurrences = (ids: readonly string[]) => Math.max(1, ids.reduce((n, id) => n + (occurrencesOf.get(id) ?? 1), 0));
  const problems: Problem[] = [];
  for (const item of snap.score.items) {
    const section = sections.get(item.sectionId);
    if (!item.applicable || item.deduction <= 0 || section?.role === 'bonus') continue;
    problems.push({
      key: `${schemeId}|${item.id}`,
      kind: 'item',
      schemeId,
      sectionKey: `${schemeId}|${item.sectionId}`,
      sectionTitle: section?.title ?? item.sectionId,
      itemId: item.id,
      itemNumber: item.number,
      itemTitle: item.title,
      deduction: item.deduction,
      occurrences: countOccurrences(item.findingIds),
    });
  }
  for (const veto of snap.score.vetoes) {
    problems.push({
      key: `${schemeId}|veto|${veto.id}`,
      kind: 'veto',
      schemeId,
      sectionKey: `${schemeId}|veto`,
      sectionTitle: VETO_SECTION_TITLE,
      itemId: veto.id,
      itemNumber: veto.number,
      itemTitle: veto.title,
      deduction: 0,
      occurrences: countOccurrences(veto.findingIds),
    });
  }
  const summary: ResultSummary = {
    resultId: row.id,
    caseFileId: snap.caseFile.id,
    campaignId: snap.caseFile.campaignId,
    agencyId: snap.caseFile.agencyId,
    caseNumber: snap.caseFile.caseNumber,
    cause: snap.caseFile.cause,
    caseType: snap.caseFile.caseType,
    total: snap.score.total,
    grade: snap.score.grade,
    vetoes: snap.score.vetoes.map((v) => ({ id: v.id, number: v.number, title: v.title })),
    problems,
    finalizedAt: row.finalizedAt,
  };
  return { summary, schemeId };
}

type StoredItem = [sectionId: string, sectionTitle: string, itemId: string, itemNumber: string, itemTitle: string, deduction: number, occurrences: number];
type StoredVeto = [vetoId: string, number: string, title: string, occurrences: number];

/** The summary as stored: the case fields as they are, items and vetoes as compact tuples. */
interface StoredSummary extends Pick<ResultSummary, 'caseFileId' | 'campaignId' | 'agencyId' | 'caseNumber' | 'cause' | 'caseType' | 'total' | 'grade'> {
  schemeId: string;
  items: StoredItem[];
  vetoes: StoredVeto[];
}

/** The stored form of a summary (`SUMMARY_FORMAT`). */
function encodeSummary(summary: ResultSummary, schemeId: string): string {
  const items: StoredItem[] = [];
  const vetoes: StoredVeto[] = [];
  const prefix = `${schemeId}|`;
  for (const p of summary.problems) {
    if (p.schemeId !== schemeId || !p.sectionKey.startsWith(prefix)) throw new Error(`problem ${p.key} is not of scheme ${schemeId}`);
    if (p.kind === 'item') items.push([p.sectionKey.slice(prefix.length), p.sectionTitle, p.itemId, p.itemNumber, p.itemTitle, p.deduction, p.occurrences]);
    else vetoes.push([p.itemId, p.itemNumber, p.itemTitle, p.occurrences]);
  }
  const stored: StoredSummary = {
    caseFileId: summary.caseFileId,
    campaignId: summary.campaignId,
    agencyId: summary.agencyId,
    caseNumber: summary.caseNumber,
    cause: summary.cause,
    caseType: summary.caseType,
    total: summary.total,
    grade: { code: summary.grade.code, label: summary.grade.label },
    schemeId,
    items,
    vetoes,
  };
  return JSON.stringify(stored);
}

/** A summary from its stored form (written by `encodeSummary`, so not validated again). */
export function decodeSummary(text: string, row: { id: string; finalizedAt: string }): ResultSummary {
  const s = JSON.parse(text) as StoredSummary;
  const schemeId = s.schemeId;
  const problems: Problem[] = [];
  for (const [sectionId, sectionTitle, itemId, itemNumber, itemTitle, deduction, occurrences] of s.items) {
    problems.push({ key: `${schemeId}|${itemId}`, kind: 'item', schemeId, sectionKey: `${schemeId}|${sectionId}`, sectionTitle, itemId, itemNumber, itemTitle, deduction, occurrences });
  }
  for (const [id, number, title, occurrences] of s.vetoes) {
    problems.push({ key: `${schemeId}|veto|${id}`, kind: 'veto', schemeId, sectionKey: `${schemeId}|veto`, sectionTitle: VETO_SECTION_TITLE, itemId: id, itemNumber: number, itemTitle: title, deduction: 0, occurrences });
  }
  return {
    resultId: row.id,
    caseFileId: s.caseFileId,
    campaignId: s.campaignId,
    agencyId: s.agencyId,
    caseNumber: s.caseNumber,
    cause: s.cause,
    caseType: s.caseType,
    total: s.total,
    grade: s.grade,
    vetoes: s.vetoes.map(([id, number, title]) => ({ id, number, title })),
    problems,
    finalizedAt: row.finalizedAt,
  };
}

/** The stored summary of a result, derived from its snapshot text (the row of `case_result_summaries`). */
export function storedSummaryOf(row: { id: string; snapshotJson: string; finalizedAt: string }): { result_id: string; format: number; summary_json: string } {
  const { summary, schemeId } = summarize(row);
  return { result_id: row.id, format: SUMMARY_FORMAT, summary_json: encodeSummary(summary, schemeId) };
}
