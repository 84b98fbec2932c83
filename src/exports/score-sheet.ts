/**
 * 评查表: the score sheet of one finalized case file, from its frozen snapshot.
 *
 * Layout (one sheet): title 行政执法案卷评查表; subtitle with the case number, agency, cause
 * and scheme. Columns 类别, 序号, 评查项目, 分值, 扣分, 得分, 扣分理由, 证据. For each section:
 * its applicable items, then a bold 小计 row (section score of its maximum). Then 总分 and
 * 等次 rows, one row per veto that took effect, the items marked not applicable, and notes
 * with the reviewers (and when they submitted), who finalized when, and the resolution.
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Database } from '../db/schema.js';
import { DOCUMENT_TYPES } from '../ingest/document-types.js';
import { AppError } from '../errors.js';
import type { ScoreResult } from '../scoring/score.js';
import { caseTypeLabel, chinaDate } from './bulletin.js';
import { createWorkbookStream, NUM_FMT } from './sheet-writer.js';

const evidence = z.object({ documentId: z.string().optional(), page: z.number().optional(), quote: z.string().optional() });
const snapshotSchema = z.object({
  caseFile: z.object({ id: z.string(), agencyId: z.string(), caseNumber: z.string(), caseType: z.string(), cause: z.string(), party: z.object({ name: z.string() }).partial().optional() }),
  scheme: z.object({ id: z.string(), version: z.string(), title: z.string().optional() }),
  adoptedReviewId: z.string(),
  resolution: z.string().nullable().optional(),
  score: z.custom<ScoreResult>((v) => typeof v === 'object' && v !== null && 'items' in v && 'sections' in v),
  reviews: z.array(
    z.object({
      id: z.string(),
      reviewer: z.object({ id: z.string(), name: z.string() }),
      submittedAt: z.string().nullable().optional(),
      findings: z.array(z.object({ id: z.string(), note: z.string().nullable().optional(), evidence: z.array(evidence).default([]), status: z.string().optional() })).default([]),
      marks: z.array(z.object({ id: z.string().optional(), targetId: z.string().optional(), reason: z.string() })).default([]),
    }),
  ),
  finalizedBy: z.object({ name: z.string() }).partial().optional(),
});

export interface ScoreSheetSource {
  resultId: string;
  finalizedAt: string;
  snapshot: z.infer<typeof snapshotSchema>;
  agencyName: string;
  documentTitles: Map<string, string>;
}

/** The current final result of a case file, or 409 when it has none. */
export async function loadScoreSheet(db: Kysely<Database>, caseFileId: string): Promise<ScoreSheetSource> {
  const file = await db.selectFrom('case_files').select('id').where('id', '=', caseFileId).executeTakeFirst();
  if (!file) throw new AppError(404, 'not_found', `案卷不存在：${caseFileId}`, [{ path: 'params.id', message: `未找到 ${caseFileId}` }]);
  const row = await db.selectFrom('case_results').select(['id', 'snapshot_json', 'finalized_at']).where('case_file_id', '=', caseFileId).where('status', '=', 'final').executeTakeFirst();
  if (!row) throw new AppError(409, 'conflict', '该案卷尚未定稿，无评查表');
  const snapshot = snapshotSchema.parse(JSON.parse(row.snapshot_json));
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', snapshot.caseFile.agencyId).executeTakeFirst();
  const docs = await db.selectFrom('documents').select(['id', 'title', 'detected_type', 'type_override']).where('case_file_id', '=', caseFileId).execute();
  const typeLabel = new Map(DOCUMENT_TYPES.map((t) => [t.code as string, t.label]));
  const documentTitles = new Map(docs.map((d) => [d.id, d.title ?? typeLabel.get(d.type_override ?? d.detected_type) ?? '文书']));
  return { resultId: row.id, finalizedAt: row.finalized_at, snapshot, agencyName: agency?.name ?? snapshot.caseFile.agencyId, documentTitles };
}

export const scoreSheetFileName = (source: ScoreSheetSource) => `评查表-${source.snapshot.caseFile.caseNumber}.xlsx`;

const datePart = (iso: string | null | undefined) => (iso ? chinaDate(new Date(iso)) : '');

export async function writeScoreSheet(db: Kysely<Database>, caseFileId: string, target: Writable | string): Promise<ScoreSheetSource> {
  const source = await loadScoreSheet(db, caseFileId);
  const { snapshot } = source;
  const score = snapshot.score;
  const adopted = snapshot.reviews.find((r) => r.id === snapshot.adoptedReviewId);
  const findings = new Map((adopted?.findings ?? []).map((f) => [f.id, f]));
  const explanations = new Map(score.explanations.map((e) => [e.findingId, e]));

  const reasonOf = (findingIds: readonly string[]) =>
    findingIds
      .map((id) => {
        const e = explanations.get(id);
        const note = findings.get(id)?.note;
        const points = e && e.points > 0 ? `（扣 ${e.points} 分）` : '';
        return note ? `${note}${points}` : (e?.text ?? '');
      })
      .filter(Boolean)
      .join('；');
  const evidenceOf = (findingIds: readonly string[]) =>
    findingIds
      .flatMap((id) => findings.get(id)?.evidence ?? [])
      .map((ev) => {
        const doc = ev.documentId ? `《${source.documentTitles.get(ev.documentId) ?? ev.documentId}》` : '';
        const page = ev.page ? `第${ev.page}页` : '';
        const quote = ev.quote ? `：「${ev.quote}」` : '';
        return `${doc}${page}${quote}`;
      })
      .filter(Boolean)
      .join('；');

  const c = snapshot.caseFile;
  const book = createWorkbookStream(target);
  const sheet = book.addSheet('评查表', {
    title: '行政执法案卷评查表',
    subtitle: `案号：${c.caseNumber}　执法单位：${source.agencyName}　案由：${c.cause}　案件类型：${caseTypeLabel(c.caseType)}　评查标准：${snapshot.scheme.title ?? snapshot.scheme.id}（${snapshot.scheme.version}）`,
    columns: [
      { header: '类别', key: 'section', width: 16 },
      { header: '序号', key: 'number', width: 7 },
      { header: '评查项目', key: 'item', width: 34 },
      { header: '分值', key: 'points', width: 8, numFmt: NUM_FMT.score },
      { header: '扣分', key: 'deduction', width: 8, numFmt: NUM_FMT.score },
      { header: '得分', key: 'score', width: 8, numFmt: NUM_FMT.score },
      { header: '扣分理由', key: 'reason', width: 44 },
      { header: '证据（文书、页码、摘录）', key: 'evidence', width: 44 },
    ],
  });
  for (const section of score.sections) {
    for (const item of score.items.filter((i) => i.sectionId === section.id && i.applicable)) {
      await sheet.addRow({
        section: section.title,
        number: item.number,
        item: item.title,
        points: item.points,
        deduction: item.deduction,
        score: item.score,
        reason: reasonOf(item.findingIds),
        evidence: evidenceOf(item.findingIds),
      });
    }
    await sheet.addRow(
      {
        section: section.title,
        item: '小计',
        points: section.role === 'penalty' || section.role === 'bonus' ? null : section.max,
        score: section.score,
        reason: section.zeroedByVeto ? `因否决项 ${section.zeroedByVeto} 记 0 分` : '',
      },
      { bold: true },
    );
  }
  await sheet.addRow({ section: '总分', points: score.maxTotal, score: score.total, reason: score.total !== score.totalBeforeVetoes ? `否决前得分 ${score.totalBeforeVetoes}` : '' }, { bold: true });
  await sheet.addRow(
    { section: '等次', item: score.grade.label, reason: score.grade.code !== score.gradeBeforeVetoes.code ? `按得分为${score.gradeBeforeVetoes.label}，因否决项评为${score.grade.label}` : '' },
    { bold: true },
  );
  for (const veto of score.vetoes) {
    const text = score.explanations.filter((e) => e.targetId === veto.id).map((e) => e.text)[0] ?? veto.title;
    await sheet.addRow({ section: '否决项', number: veto.number, item: veto.title, reason: [text, reasonOf(veto.findingIds)].filter(Boolean).join('；'), evidence: evidenceOf(veto.findingIds) });
  }
  const notApplicable = score.items.filter((i) => !i.applicable);
  if (notApplicable.length > 0) {
    await sheet.addNote(`不适用的评查项目：${notApplicable.map((i) => `${i.number} ${i.title}${i.notApplicableReason ? `（${i.notApplicableReason}）` : ''}`).join('；')}`);
  }
  const reviewers = snapshot.reviews.map((r) => `${r.reviewer.name}${r.id === snapshot.adoptedReviewId ? '（采用）' : ''}${r.submittedAt ? `，${datePart(r.submittedAt)} 提交` : ''}`);
  await sheet.addNote(`评查人员：${reviewers.join('；')}`);
  await sheet.addNote(`定稿：${snapshot.finalizedBy?.name ?? ''}，${datePart(source.finalizedAt)}`);
  if (snapshot.resolution) await sheet.addNote(`处理意见：${snapshot.resolution}`);
  await sheet.commit();
  await book.finish();
  return source;
}
