/**
 * 通报表: a campaign's bulletin workbook, and the same figures as JSON.
 *
 * Sheets: 总体情况 (files in scope, reviewed and coverage, counts and rates per grade, average,
 * highest and lowest score, problems), 各单位评查结果 (per agency, ranked), 问题统计 (by section
 * and item), 优秀案卷, 不合格案卷, 无案卷单位 (agencies in scope with no case file).
 *
 * Reading: the finalized results are read in keyset pages (`finalResults`), never all at once;
 * the statistics accumulate (O(agencies + items)). The two file lists are written by a second
 * and a third pass, each straight into its sheet. Keyset pages rather than one long
 * `.stream()`: SQLite has one connection behind Kysely, and a stream would hold it (every other
 * request waiting) for as long as the client takes to download the workbook.
 */
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { CAMPAIGN_KINDS, type CampaignKind } from '../domain/campaign.js';
import { CASE_TYPES } from '../domain/case-file.js';
import { AppError } from '../errors.js';
import { decodeSummary, SUMMARY_FORMAT } from '../reviews/result-summary.js';
import { createWorkbookStream, NUM_FMT, type ColumnSpec, type SheetHandle } from './sheet-writer.js';
import {
  BulletinAccumulator,
  EXCELLENT,
  FAILING,
  summarizeSnapshot,
  type AgencyInfo,
  type BulletinFigures,
  type GradeRef,
  type ResultSummary,
} from './statistics.js';

export const NO_FINALIZED_FILES = '本次活动暂无已定稿的案卷';
export const PAGE_SIZE = 500;

export interface CampaignInfo {
  id: string;
  name: string;
  year: number;
  kind: string;
  kindLabel: string;
  status: string;
}

export async function loadCampaign(db: Kysely<Database>, id: string): Promise<CampaignInfo> {
  const row = await db.selectFrom('campaigns').select(['id', 'name', 'year', 'kind', 'status']).where('id', '=', id).executeTakeFirst();
  if (!row) throw new AppError(404, 'not_found', `评查活动不存在：${id}`, [{ path: 'params.id', message: `未找到 ${id}` }]);
  return { ...row, kindLabel: CAMPAIGN_KINDS[row.kind as CampaignKind] ?? row.kind };
}

/** Today in China (UTC+8), YYYY-MM-DD. */
export function chinaDate(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export const caseTypeLabel = (code: string) => CASE_TYPES[code as keyof typeof CASE_TYPES] ?? code;

// --- reading ------------------------------------------------------------------------------------

/** Rows in pages of `size`, each page one query after the last key: bounded memory, no held connection. */
export async function* keysetPages<R>(fetchPage: (after: R | undefined, size: number) => Promise<R[]>, size = PAGE_SIZE): AsyncGenerator<R> {
  let after: R | undefined;
  for (;;) {
    const rows = await fetchPage(after, size);
    for (const row of rows) yield row;
    if (rows.length < size) return;
    after = rows[rows.length - 1];
  }
}

/**
 * The current (status 'final') results of the case files of these campaigns, summarized, in
 * case-number order within each campaign (an agency's files come together: case numbers carry
 * the agency's prefix), optionally only one grade.
 *
 * Each page walks the unique index (campaign_id, case_number_key) from the last key and joins
 * the result by case file: the whole pass is linear in the campaign's files, whatever the page.
 * The summary stored at finalization is read (reviews/result-summary.ts); the snapshot is
 * fetched and summarized only for a result without a stored summary of the current format.
 */
export async function* finalResults(
  db: Kysely<Database>,
  campaignIds: readonly string[],
  options: { gradeCode?: string } = {},
): AsyncGenerator<ResultSummary & { agencyName: string }> {
  type Row = { id: string; summary_json: string | null; snapshot_json: string | null; finalized_at: string; agency_name: string; case_number_key: string };
  for (const campaignId of campaignIds) {
    const pages = keysetPages<Row>((after, size) => {
      let q = db
        .selectFrom('case_files')
        .innerJoin('case_results', 'case_results.case_file_id', 'case_files.id')
        .innerJoin('agencies', 'agencies.id', 'case_files.agency_id')
        .leftJoin('case_result_summaries as summaries', (join) => join.onRef('summaries.result_id', '=', 'case_results.id').on('summaries.format', '=', SUMMARY_FORMAT))
        .select([
          'case_results.id',
          'summaries.summary_json',
          sql<string | null>`case when summaries.summary_json is null then case_results.snapshot_json end`.as('snapshot_json'),
          'case_results.finalized_at',
          'agencies.name as agency_name',
          'case_files.case_number_key',
        ])
        .where('case_files.campaign_id', '=', campaignId)
        .where('case_results.status', '=', 'final');
      if (options.gradeCode) q = q.where('case_results.grade_code', '=', options.gradeCode);
      // One final result per case file (finalize refuses a second), so the case number is a key.
      if (after) q = q.where('case_files.case_number_key', '>', after.case_number_key);
      return q.orderBy('case_files.case_number_key').limit(size).execute();
    });
    for await (const row of pages) {
      const result = { id: row.id, finalizedAt: row.finalized_at };
      const summary = row.summary_json !== null ? decodeSummary(row.summary_json, result) : summarizeSnapshot({ ...result, snapshotJson: row.snapshot_json ?? '' });
      // The grade column is a copy of the snapshot's; the snapshot is what counts.
      if (options.gradeCode && summary.grade.code !== options.gradeCode) continue;
      yield { ...summary, agencyName: row.agency_name };
    }
  }
}

export async function agenciesById(db: Kysely<Database>, ids: Iterable<string>): Promise<Map<string, AgencyInfo>> {
  const list = [...new Set(ids)];
  const out = new Map<string, AgencyInfo>();
  for (let i = 0; i < list.length; i += 500) {
    const rows = await db.selectFrom('agencies').select(['id', 'name', 'sector']).where('id', 'in', list.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.id, r);
  }
  return out;
}

// --- figures ------------------------------------------------------------------------------------

export interface Bulletin {
  campaign: CampaignInfo;
  generatedOn: string;
  figures: BulletinFigures;
}

export async function computeBulletin(db: Kysely<Database>, campaignId: string, options: { now?: Date } = {}): Promise<Bulletin> {
  const campaign = await loadCampaign(db, campaignId);
  const scope = await db.selectFrom('campaign_agencies').select('agency_id').where('campaign_id', '=', campaignId).execute();
  const counts = await db
    .selectFrom('case_files')
    .select(['agency_id', (eb) => eb.fn.countAll<number>().as('n')])
    .where('campaign_id', '=', campaignId)
    .groupBy('agency_id')
    .execute();
  const filesInScope = new Map(counts.map((c) => [c.agency_id, Number(c.n)]));
  const acc = new BulletinAccumulator();
  for await (const summary of finalResults(db, [campaignId])) acc.add(summary);
  const scopeAgencyIds = new Set(scope.map((s) => s.agency_id));
  const agencies = await agenciesById(db, [...scopeAgencyIds, ...filesInScope.keys(), ...acc.perAgency.keys()]);
  const figures = acc.figures({ agencies: [...agencies.values()], scopeAgencyIds, filesInScope });
  return { campaign, generatedOn: chinaDate(options.now), figures };
}

// --- workbook -----------------------------------------------------------------------------------

export const bulletinTitle = (campaign: CampaignInfo) => `${campaign.name}结果通报表`;
export const bulletinFileName = (campaign: CampaignInfo) => `${campaign.name}结果通报表.xlsx`;
export const subtitleOf = (campaign: CampaignInfo, date: string) => `评查活动：${campaign.name}（${campaign.year}年度，${campaign.kindLabel}）　制表日期：${date}`;

export function gradeColumns(grades: readonly GradeRef[]): ColumnSpec[] {
  return grades.flatMap((g) => [
    { header: `${g.label}（件）`, key: `count_${g.code}`, width: 9, numFmt: NUM_FMT.integer },
    { header: `${g.label}率`, key: `rate_${g.code}`, width: 9, numFmt: NUM_FMT.percent },
  ]);
}

export function gradeCells(grades: readonly { code: string; count: number; rate: number | null }[]): Record<string, number | null> {
  return Object.fromEntries(grades.flatMap((g) => [[`count_${g.code}`, g.count], [`rate_${g.code}`, g.rate]]));
}

export const fileListColumns: ColumnSpec[] = [
  { header: '序号', key: 'no', width: 6, numFmt: NUM_FMT.integer },
  { header: '执法单位', key: 'agency', width: 26 },
  { header: '案号', key: 'caseNumber', width: 28 },
  { header: '案由', key: 'cause', width: 28 },
  { header: '案件类型', key: 'caseType', width: 16 },
  { header: '得分', key: 'total', width: 9, numFmt: NUM_FMT.score },
  { header: '等次', key: 'grade', width: 8 },
];

/** Writes the list of files of one grade, straight from the results query. */
export async function writeFileList(
  sheet: SheetHandle,
  files: AsyncIterable<ResultSummary & { agencyName: string }>,
  options: { withProblems?: boolean; empty: string },
): Promise<number> {
  let n = 0;
  for await (const f of files) {
    n++;
    const row: Record<string, string | number> = {
      no: n,
      agency: f.agencyName,
      caseNumber: f.caseNumber,
      cause: f.cause,
      caseType: caseTypeLabel(f.caseType),
      total: f.total,
      grade: f.grade.label,
    };
    if (options.withProblems) {
      row.vetoes = f.vetoes.map((v) => `${v.number} ${v.title}`).join('；');
      row.problems = f.problems
        .filter((p) => p.kind === 'item')
        .sort((a, b) => b.deduction - a.deduction)
        .map((p) => `${p.itemTitle}（扣${p.deduction}分）`)
        .join('；');
    }
    await sheet.addRow(row);
  }
  if (n === 0) await sheet.addNote(options.empty);
  return n;
}

/** Writes the bulletin workbook into `target` and returns its figures. */
export async function writeBulletin(db: Kysely<Database>, campaignId: string, target: Writable | string, options: { now?: Date } = {}): Promise<Bulletin> {
  const bulletin = await computeBulletin(db, campaignId, options);
  const { campaign, figures, generatedOn } = bulletin;
  const { overview, grades } = figures;
  const title = bulletinTitle(campaign);
  const subtitle = subtitleOf(campaign, generatedOn);
  const book = createWorkbookStream(target);
  const empty = overview.filesReviewed === 0;

  // 总体情况
  const summary = book.addSheet('总体情况', {
    title,
    subtitle,
    columns: [
      { header: '项目', key: 'label', width: 30 },
      { header: '数值', key: 'value', width: 16 },
      { header: '比例', key: 'rate', width: 12, numFmt: NUM_FMT.percent },
    ],
  });
  if (empty) await summary.addNote(NO_FINALIZED_FILES);
  await summary.addRow({ label: '评查活动', value: campaign.name });
  await summary.addRow({ label: '活动类型', value: campaign.kindLabel });
  await summary.addRow({ label: '纳入评查的执法单位（个）', value: overview.agenciesInScope });
  await summary.addRow({ label: '案卷总数（件）', value: overview.filesInScope });
  await summary.addRow({ label: '已定稿案卷（件）/ 定稿率', value: overview.filesReviewed, rate: overview.coverage });
  for (const g of overview.grades) await summary.addRow({ label: `${g.label}案卷（件）/ ${g.label}率`, value: g.count, rate: g.rate });
  await summary.addRow({ label: '平均分', value: overview.averageScore }, { formats: { value: NUM_FMT.score } });
  await summary.addRow({ label: '最高分', value: overview.highestScore }, { formats: { value: NUM_FMT.score } });
  await summary.addRow({ label: '最低分', value: overview.lowestScore }, { formats: { value: NUM_FMT.score } });
  await summary.addRow({ label: '发现问题（个）', value: overview.problemCount });
  await summary.addRow({ label: '存在问题的案卷（件）', value: overview.filesWithProblems, rate: empty ? null : overview.filesWithProblems / overview.filesReviewed });
  await summary.addRow({ label: '触发否决项的案卷（件）', value: overview.vetoedFiles, rate: empty ? null : overview.vetoedFiles / overview.filesReviewed });
  await summary.addRow({ label: '无案卷的执法单位（个）', value: overview.agenciesWithoutFiles });
  await summary.addNote(`说明：${figures.rounding}`);
  await summary.commit();

  // 各单位评查结果
  const perAgency = book.addSheet('各单位评查结果', {
    title,
    subtitle,
    columns: [
      { header: '排名', key: 'rank', width: 6, numFmt: NUM_FMT.integer },
      { header: '执法单位', key: 'name', width: 28 },
      { header: '领域', key: 'sector', width: 12 },
      { header: '案卷数', key: 'filesInScope', width: 8, numFmt: NUM_FMT.integer },
      { header: '已定稿', key: 'filesReviewed', width: 8, numFmt: NUM_FMT.integer },
      ...gradeColumns(grades),
      { header: '平均分', key: 'average', width: 9, numFmt: NUM_FMT.score },
      { header: '总分', key: 'total', width: 10, numFmt: NUM_FMT.score },
      { header: '问题数', key: 'problems', width: 8, numFmt: NUM_FMT.integer },
    ],
  });
  if (empty) await perAgency.addNote(NO_FINALIZED_FILES);
  for (const a of figures.agencies) {
    await perAgency.addRow({
      rank: a.rank,
      name: a.name,
      sector: a.sector,
      filesInScope: a.filesInScope,
      filesReviewed: a.filesReviewed,
      ...gradeCells(a.grades),
      average: a.averageScore,
      total: a.totalScore,
      problems: a.problemCount,
    });
  }
  await perAgency.addRow(
    {
      name: '合计',
      filesInScope: overview.filesInScope,
      filesReviewed: overview.filesReviewed,
      ...gradeCells(overview.grades),
      average: overview.averageScore,
      total: overview.totalScore,
      problems: overview.problemCount,
    },
    { bold: true },
  );
  await perAgency.commit();

  // 问题统计
  const problems = book.addSheet('问题统计', {
    title,
    subtitle,
    columns: [
      { header: '类别', key: 'section', width: 20 },
      { header: '序号', key: 'number', width: 8 },
      { header: '问题（评查项目）', key: 'item', width: 40 },
      { header: '出现次数', key: 'occurrences', width: 9, numFmt: NUM_FMT.integer },
      { header: '占比', key: 'share', width: 9, numFmt: NUM_FMT.percent },
      { header: '涉及案卷', key: 'files', width: 9, numFmt: NUM_FMT.integer },
      { header: '涉及单位', key: 'agencies', width: 9, numFmt: NUM_FMT.integer },
      { header: '扣分合计', key: 'deduction', width: 10, numFmt: NUM_FMT.score },
    ],
  });
  if (empty) await problems.addNote(NO_FINALIZED_FILES);
  else if (figures.problems.length === 0) await problems.addNote('已定稿案卷中未发现扣分问题');
  for (const section of figures.problems) {
    await problems.addRow(
      { section: section.title, item: '小计', occurrences: section.occurrences, share: section.share, files: section.filesAffected, agencies: section.agenciesAffected, deduction: section.deductionTotal },
      { bold: true },
    );
    for (const item of section.items) {
      await problems.addRow({ section: section.title, number: item.itemNumber, item: item.itemTitle, occurrences: item.occurrences, share: item.share, files: item.filesAffected, agencies: item.agenciesAffected, deduction: item.deductionTotal });
    }
  }
  if (figures.problems.length > 0) {
    await problems.addRow({ section: '合计', occurrences: overview.problemCount, share: 1, files: overview.filesWithProblems }, { bold: true });
  }
  await problems.commit();

  // 优秀案卷, 不合格案卷: second and third pass over the results
  const excellentLabel = grades.find((g) => g.code === EXCELLENT)?.label ?? '优秀';
  const failingLabel = grades.find((g) => g.code === FAILING)?.label ?? '不合格';
  const excellent = book.addSheet(`${excellentLabel}案卷`, { title: `${title}——${excellentLabel}案卷`, subtitle, columns: fileListColumns });
  await writeFileList(excellent, finalResults(db, [campaignId], { gradeCode: EXCELLENT }), { empty: empty ? NO_FINALIZED_FILES : `本次活动无${excellentLabel}案卷` });
  await excellent.commit();
  const failing = book.addSheet(`${failingLabel}案卷`, {
    title: `${title}——${failingLabel}案卷`,
    subtitle,
    columns: [...fileListColumns, { header: '否决情形', key: 'vetoes', width: 24 }, { header: '主要问题', key: 'problems', width: 48 }],
  });
  await writeFileList(failing, finalResults(db, [campaignId], { gradeCode: FAILING }), { withProblems: true, empty: empty ? NO_FINALIZED_FILES : `本次活动无${failingLabel}案卷` });
  await failing.commit();

  // 无案卷单位
  const none = book.addSheet('无案卷单位', {
    title: `${title}——纳入评查但无案卷的执法单位`,
    subtitle,
    columns: [
      { header: '序号', key: 'no', width: 6, numFmt: NUM_FMT.integer },
      { header: '执法单位', key: 'name', width: 32 },
      { header: '领域', key: 'sector', width: 14 },
    ],
  });
  let n = 0;
  for (const a of figures.agenciesWithoutFiles) await none.addRow({ no: ++n, name: a.name, sector: a.sector });
  if (n === 0) await none.addNote('纳入评查的执法单位均有案卷');
  await none.commit();

  await book.finish();
  return bulletin;
}
