/**
 * 年度报告: every campaign of a year, by kind (自查, 抽查, 集中评查, 交叉评查), per agency and per
 * sector, the top problems, and the change from the previous year — as a workbook and as JSON.
 *
 * The year's finalized results are read once in keyset pages (and the previous year's once
 * more), accumulated per campaign, per agency and per item (statistics.ts: same rounding as
 * the bulletin). Sector and kind figures are merged tallies (exact sums), not averages of
 * averages.
 *
 * Sheets: 总体情况 (one row per kind and 合计, with the previous year and the change),
 * 评查活动, 各单位 (ranked, with last year's average, 优秀率 and 不合格率 and their change),
 * 各领域, 主要问题 (top 20 with last year's occurrences and rank).
 */
import type { Writable } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { CAMPAIGN_KINDS, CAMPAIGN_STATUSES, type CampaignKind, type CampaignStatus } from '../domain/campaign.js';
import { agenciesById, chinaDate, finalResults, gradeCells, gradeColumns } from './bulletin.js';
import { createWorkbookStream, NUM_FMT } from './sheet-writer.js';
import {
  BulletinAccumulator,
  EXCELLENT,
  FAILING,
  GradeCatalog,
  ROUNDING_RULE,
  Tally,
  rankAgencies,
  rateOf,
  type GradeRef,
  type ProblemItemFigures,
  type TallyFigures,
} from './statistics.js';

export const TOP_PROBLEMS = 20;
export const NO_SECTOR = '未填写领域';

interface YearData {
  year: number;
  campaigns: { id: string; name: string; kind: string; status: string; filesInScope: number; tally: Tally }[];
  acc: BulletinAccumulator;
  filesInScopeByAgency: Map<string, number>;
}

async function collectYear(db: Kysely<Database>, year: number): Promise<YearData> {
  const campaigns = await db.selectFrom('campaigns').select(['id', 'name', 'kind', 'status', 'created_at']).where('year', '=', year).orderBy('created_at').orderBy('id').execute();
  const ids = campaigns.map((c) => c.id);
  const counts = ids.length
    ? await db
        .selectFrom('case_files')
        .select(['campaign_id', 'agency_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('campaign_id', 'in', ids)
        .groupBy(['campaign_id', 'agency_id'])
        .execute()
    : [];
  const filesInScopeByAgency = new Map<string, number>();
  const filesInScopeByCampaign = new Map<string, number>();
  for (const c of counts) {
    filesInScopeByAgency.set(c.agency_id, (filesInScopeByAgency.get(c.agency_id) ?? 0) + Number(c.n));
    filesInScopeByCampaign.set(c.campaign_id, (filesInScopeByCampaign.get(c.campaign_id) ?? 0) + Number(c.n));
  }
  const perCampaign = new Map(campaigns.map((c) => [c.id, { id: c.id, name: c.name, kind: c.kind, status: c.status, filesInScope: filesInScopeByCampaign.get(c.id) ?? 0, tally: new Tally() }]));
  const acc = new BulletinAccumulator();
  for await (const s of finalResults(db, ids)) {
    acc.add(s);
    perCampaign.get(s.campaignId)?.tally.add(Math.round(s.total * 100), s.grade.code);
  }
  return { year, campaigns: [...perCampaign.values()], acc, filesInScopeByAgency };
}

const diff = (a: number | null | undefined, b: number | null | undefined): number | null => (a === null || a === undefined || b === null || b === undefined ? null : Math.round((a - b) * 1e9) / 1e9);
const rateIn = (t: TallyFigures, code: string) => t.grades.find((g) => g.code === code)?.rate ?? null;

export interface Comparison {
  averageScore: number | null;
  excellentRate: number | null;
  failingRate: number | null;
}

const comparisonOf = (t: TallyFigures | undefined): Comparison =>
  t && t.filesReviewed > 0 ? { averageScore: t.averageScore, excellentRate: rateIn(t, EXCELLENT), failingRate: rateIn(t, FAILING) } : { averageScore: null, excellentRate: null, failingRate: null };
const changeOf = (now: Comparison, before: Comparison): Comparison => ({
  averageScore: diff(now.averageScore, before.averageScore),
  excellentRate: diff(now.excellentRate, before.excellentRate),
  failingRate: diff(now.failingRate, before.failingRate),
});

export interface KindFigures extends TallyFigures {
  kind: string;
  label: string;
  campaigns: number;
  filesInScope: number;
  previous: Comparison & { filesReviewed: number; campaigns: number };
  change: Comparison;
}

export interface AnnualFigures {
  year: number;
  previousYear: number;
  rounding: string;
  grades: GradeRef[];
  /** One row per campaign kind, then the year's total (kind 'all'). */
  byKind: KindFigures[];
  campaigns: (TallyFigures & { id: string; name: string; kind: string; kindLabel: string; status: string; statusLabel: string; filesInScope: number; coverage: number | null })[];
  agencies: (TallyFigures & { agencyId: string; name: string; sector: string | null; filesInScope: number; rank: number | null; previous: Comparison & { filesReviewed: number }; change: Comparison })[];
  sectors: (TallyFigures & { sector: string; agencies: number; previous: Comparison & { filesReviewed: number }; change: Comparison })[];
  topProblems: (ProblemItemFigures & { rank: number; previous: { occurrences: number; rank: number | null; share: number | null }; change: { occurrences: number } })[];
}

export async function computeAnnualReport(db: Kysely<Database>, year: number): Promise<AnnualFigures> {
  const [now, before] = [await collectYear(db, year), await collectYear(db, year - 1)];
  const catalog = new GradeCatalog();
  catalog.merge(now.acc.gradeCatalog);
  catalog.merge(before.acc.gradeCatalog);
  const grades = catalog.list();
  const agencyIds = new Set([...now.acc.perAgency.keys(), ...now.filesInScopeByAgency.keys(), ...before.acc.perAgency.keys()]);
  const agencies = await agenciesById(db, agencyIds);
  const sectorOf = (id: string) => agencies.get(id)?.sector || NO_SECTOR;

  // by kind
  const kindTally = (data: YearData, kind: string | null) => {
    const t = new Tally();
    const list = data.campaigns.filter((c) => kind === null || c.kind === kind);
    for (const c of list) t.merge(c.tally);
    return { tally: t, campaigns: list.length, filesInScope: list.reduce((n, c) => n + c.filesInScope, 0) };
  };
  const kinds: [string | null, string][] = [...(Object.entries(CAMPAIGN_KINDS) as [CampaignKind, string][]), [null, '合计']];
  const byKind = kinds.map(([kind, label]) => {
    const cur = kindTally(now, kind);
    const prev = kindTally(before, kind);
    const figures = cur.tally.figures(grades);
    const prevFigures = prev.tally.figures(grades);
    return {
      kind: kind ?? 'all',
      label,
      campaigns: cur.campaigns,
      filesInScope: cur.filesInScope,
      ...figures,
      previous: { ...comparisonOf(prevFigures), filesReviewed: prevFigures.filesReviewed, campaigns: prev.campaigns },
      change: changeOf(comparisonOf(figures), comparisonOf(prevFigures)),
    };
  });

  const campaigns = now.campaigns.map((c) => ({
    id: c.id,
    name: c.name,
    kind: c.kind,
    kindLabel: CAMPAIGN_KINDS[c.kind as CampaignKind] ?? c.kind,
    status: c.status,
    statusLabel: CAMPAIGN_STATUSES[c.status as CampaignStatus] ?? c.status,
    filesInScope: c.filesInScope,
    coverage: rateOf(c.tally.files, c.filesInScope),
    ...c.tally.figures(grades),
  }));

  // per agency
  const agencyRows = [...new Set([...now.acc.perAgency.keys(), ...now.filesInScopeByAgency.keys()])].map((id) => {
    const figures = (now.acc.perAgency.get(id)?.tally ?? new Tally()).figures(grades);
    const prev = before.acc.perAgency.get(id)?.tally.figures(grades);
    return {
      agencyId: id,
      name: agencies.get(id)?.name ?? id,
      sector: agencies.get(id)?.sector ?? null,
      filesInScope: now.filesInScopeByAgency.get(id) ?? 0,
      rank: null as number | null,
      ...figures,
      previous: { ...comparisonOf(prev), filesReviewed: prev?.filesReviewed ?? 0 },
      change: changeOf(comparisonOf(figures), comparisonOf(prev)),
    };
  });
  rankAgencies(agencyRows);
  agencyRows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'zh-Hans-CN'));

  // per sector: merged tallies of its agencies
  const sectorTallies = (data: YearData) => {
    const out = new Map<string, { tally: Tally; agencies: Set<string> }>();
    for (const [id, a] of data.acc.perAgency) {
      const key = sectorOf(id);
      let s = out.get(key);
      if (!s) out.set(key, (s = { tally: new Tally(), agencies: new Set() }));
      s.tally.merge(a.tally);
      s.agencies.add(id);
    }
    return out;
  };
  const sectorsNow = sectorTallies(now);
  const sectorsBefore = sectorTallies(before);
  const sectors = [...sectorsNow.entries()]
    .map(([sector, s]) => {
      const figures = s.tally.figures(grades);
      const prev = sectorsBefore.get(sector)?.tally.figures(grades);
      return {
        sector,
        agencies: s.agencies.size,
        ...figures,
        previous: { ...comparisonOf(prev), filesReviewed: prev?.filesReviewed ?? 0 },
        change: changeOf(comparisonOf(figures), comparisonOf(prev)),
      };
    })
    .sort((a, b) => b.filesReviewed - a.filesReviewed || a.sector.localeCompare(b.sector, 'zh-Hans-CN'));

  // top problems, with last year's
  const previousItems = before.acc.problemItems();
  const previousRank = new Map(previousItems.map((p, i) => [p.key, { occurrences: p.occurrences, rank: i + 1, share: p.share }]));
  const topProblems = now.acc
    .problemItems()
    .slice(0, TOP_PROBLEMS)
    .map((p, i) => {
      const prev = previousRank.get(p.key) ?? { occurrences: 0, rank: null, share: null };
      return { ...p, rank: i + 1, previous: prev, change: { occurrences: p.occurrences - prev.occurrences } };
    });

  return { year, previousYear: year - 1, rounding: ROUNDING_RULE, grades, byKind, campaigns, agencies: agencyRows, sectors, topProblems };
}

export const annualReportTitle = (year: number) => `${year}年度行政执法案卷评查年度报告`;
export const annualReportFileName = (year: number) => `${annualReportTitle(year)}.xlsx`;

export async function writeAnnualReport(db: Kysely<Database>, year: number, target: Writable | string, options: { now?: Date } = {}): Promise<AnnualFigures> {
  const figures = await computeAnnualReport(db, year);
  const { grades } = figures;
  const title = annualReportTitle(year);
  const subtitle = `统计范围：${year}年度全部评查活动的已定稿案卷，与${year - 1}年度比较　制表日期：${chinaDate(options.now)}`;
  const comparisonColumns = [
    { header: '上年平均分', key: 'prevAverage', width: 10, numFmt: NUM_FMT.score },
    { header: '平均分变化', key: 'changeAverage', width: 10, numFmt: NUM_FMT.signedScore },
    { header: '上年优秀率', key: 'prevExcellent', width: 10, numFmt: NUM_FMT.percent },
    { header: '优秀率变化', key: 'changeExcellent', width: 10, numFmt: NUM_FMT.signedPercent },
    { header: '上年不合格率', key: 'prevFailing', width: 11, numFmt: NUM_FMT.percent },
    { header: '不合格率变化', key: 'changeFailing', width: 11, numFmt: NUM_FMT.signedPercent },
  ];
  const comparisonCells = (r: { previous: Comparison; change: Comparison }) => ({
    prevAverage: r.previous.averageScore,
    changeAverage: r.change.averageScore,
    prevExcellent: r.previous.excellentRate,
    changeExcellent: r.change.excellentRate,
    prevFailing: r.previous.failingRate,
    changeFailing: r.change.failingRate,
  });
  const book = createWorkbookStream(target);
  const total = figures.byKind.find((k) => k.kind === 'all')!;

  const overview = book.addSheet('总体情况', {
    title,
    subtitle,
    columns: [
      { header: '评查类型', key: 'label', width: 12 },
      { header: '活动数', key: 'campaigns', width: 8, numFmt: NUM_FMT.integer },
      { header: '案卷数', key: 'filesInScope', width: 9, numFmt: NUM_FMT.integer },
      { header: '已定稿', key: 'filesReviewed', width: 9, numFmt: NUM_FMT.integer },
      ...gradeColumns(grades),
      { header: '平均分', key: 'average', width: 9, numFmt: NUM_FMT.score },
      { header: '上年已定稿', key: 'prevFiles', width: 10, numFmt: NUM_FMT.integer },
      ...comparisonColumns,
    ],
  });
  if (total.filesReviewed === 0) await overview.addNote(`${year}年度暂无已定稿的案卷`);
  for (const k of figures.byKind) {
    await overview.addRow(
      { label: k.label, campaigns: k.campaigns, filesInScope: k.filesInScope, filesReviewed: k.filesReviewed, ...gradeCells(k.grades), average: k.averageScore, prevFiles: k.previous.filesReviewed, ...comparisonCells(k) },
      { bold: k.kind === 'all' },
    );
  }
  await overview.addNote(`说明：${figures.rounding} 变化 = 本年度 − 上年度（比率之差以百分点计）。`);
  await overview.commit();

  const campaignSheet = book.addSheet('评查活动', {
    title,
    subtitle,
    columns: [
      { header: '序号', key: 'no', width: 6, numFmt: NUM_FMT.integer },
      { header: '评查活动', key: 'name', width: 34 },
      { header: '类型', key: 'kind', width: 10 },
      { header: '状态', key: 'status', width: 8 },
      { header: '案卷数', key: 'filesInScope', width: 8, numFmt: NUM_FMT.integer },
      { header: '已定稿', key: 'filesReviewed', width: 8, numFmt: NUM_FMT.integer },
      { header: '定稿率', key: 'coverage', width: 9, numFmt: NUM_FMT.percent },
      ...gradeColumns(grades),
      { header: '平均分', key: 'average', width: 9, numFmt: NUM_FMT.score },
    ],
  });
  let n = 0;
  for (const c of figures.campaigns) {
    await campaignSheet.addRow({ no: ++n, name: c.name, kind: c.kindLabel, status: c.statusLabel, filesInScope: c.filesInScope, filesReviewed: c.filesReviewed, coverage: c.coverage, ...gradeCells(c.grades), average: c.averageScore });
  }
  if (n === 0) await campaignSheet.addNote(`${year}年度没有评查活动`);
  await campaignSheet.commit();

  const agencySheet = book.addSheet('各单位', {
    title,
    subtitle,
    columns: [
      { header: '排名', key: 'rank', width: 6, numFmt: NUM_FMT.integer },
      { header: '执法单位', key: 'name', width: 28 },
      { header: '领域', key: 'sector', width: 12 },
      { header: '已定稿', key: 'filesReviewed', width: 8, numFmt: NUM_FMT.integer },
      ...gradeColumns(grades),
      { header: '平均分', key: 'average', width: 9, numFmt: NUM_FMT.score },
      { header: '总分', key: 'total', width: 10, numFmt: NUM_FMT.score },
      ...comparisonColumns,
    ],
  });
  for (const a of figures.agencies) {
    await agencySheet.addRow({ rank: a.rank, name: a.name, sector: a.sector, filesReviewed: a.filesReviewed, ...gradeCells(a.grades), average: a.averageScore, total: a.totalScore, ...comparisonCells(a) });
  }
  if (figures.agencies.length === 0) await agencySheet.addNote(`${year}年度暂无已定稿的案卷`);
  await agencySheet.commit();

  const sectorSheet = book.addSheet('各领域', {
    title,
    subtitle,
    columns: [
      { header: '领域', key: 'sector', width: 16 },
      { header: '单位数', key: 'agencies', width: 8, numFmt: NUM_FMT.integer },
      { header: '已定稿', key: 'filesReviewed', width: 8, numFmt: NUM_FMT.integer },
      ...gradeColumns(grades),
      { header: '平均分', key: 'average', width: 9, numFmt: NUM_FMT.score },
      ...comparisonColumns,
    ],
  });
  for (const s of figures.sectors) {
    await sectorSheet.addRow({ sector: s.sector, agencies: s.agencies, filesReviewed: s.filesReviewed, ...gradeCells(s.grades), average: s.averageScore, ...comparisonCells(s) });
  }
  if (figures.sectors.length === 0) await sectorSheet.addNote(`${year}年度暂无已定稿的案卷`);
  await sectorSheet.commit();

  const problemSheet = book.addSheet('主要问题', {
    title,
    subtitle,
    columns: [
      { header: '排名', key: 'rank', width: 6, numFmt: NUM_FMT.integer },
      { header: '类别', key: 'section', width: 18 },
      { header: '序号', key: 'number', width: 7 },
      { header: '问题（评查项目）', key: 'item', width: 38 },
      { header: '出现次数', key: 'occurrences', width: 9, numFmt: NUM_FMT.integer },
      { header: '占比', key: 'share', width: 9, numFmt: NUM_FMT.percent },
      { header: '涉及案卷', key: 'files', width: 9, numFmt: NUM_FMT.integer },
      { header: '涉及单位', key: 'agencies', width: 9, numFmt: NUM_FMT.integer },
      { header: '上年次数', key: 'prevOccurrences', width: 9, numFmt: NUM_FMT.integer },
      { header: '次数变化', key: 'changeOccurrences', width: 9, numFmt: NUM_FMT.signedInteger },
      { header: '上年排名', key: 'prevRank', width: 9, numFmt: NUM_FMT.integer },
    ],
  });
  for (const p of figures.topProblems) {
    await problemSheet.addRow({
      rank: p.rank,
      section: p.sectionTitle,
      number: p.itemNumber,
      item: p.itemTitle,
      occurrences: p.occurrences,
      share: p.share,
      files: p.filesAffected,
      agencies: p.agenciesAffected,
      prevOccurrences: p.previous.occurrences,
      changeOccurrences: p.change.occurrences,
      prevRank: p.previous.rank,
    });
  }
  if (figures.topProblems.length === 0) await problemSheet.addNote(total.filesReviewed === 0 ? `${year}年度暂无已定稿的案卷` : '已定稿案卷中未发现扣分问题');
  await problemSheet.commit();

  await book.finish();
  return figures;
}
