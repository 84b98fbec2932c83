/**
 * Bulletin statistics (通报统计), pure: from finalized-result summaries, one at a time, to the
 * figures of a bulletin — overall counts and rates, per agency with ranking, problem
 * statistics by section and item. Every figure is recomputable from the frozen snapshots:
 * a summary is what `summarizeSnapshot` (reviews/result-summary.ts) derives from one, stored
 * at finalization or derived at read time.
 *
 * Rounding rule (one, used everywhere — workbook cells, JSON, ranking):
 * - Scores are summed exactly, as integer hundredths (the engine rounds every total to 0.01).
 * - An average is the exact sum ÷ the number of files, rounded half up to 0.01
 *   (`averageOf`), from the exact sum — never an average of averages. A sector's or a kind's
 *   average is computed from its own exact sum, likewise.
 * - Rates are exact fractions (count ÷ denominator) and are stored unrounded; a workbook shows
 *   them with a percent format, so the grade rates of a set of files add up to exactly 1 before
 *   display (each displayed value is within 0.005% of its exact fraction).
 * - Rank: by the rounded average (what the reader sees) descending, then the total score
 *   descending; agencies equal on both share a rank and the next rank is skipped (1, 2, 2, 4).
 *
 * Memory: the accumulators hold O(agencies + items) (plus, per item, the set of agencies it
 * occurred in: O(items × agencies) at worst), never O(files).
 */
import type { ResultSummary } from '../reviews/result-summary.js';

export { summarizeSnapshot, VETO_SECTION_TITLE, type Problem, type ResultSummary } from '../reviews/result-summary.js';

export interface GradeRef {
  code: string;
  label: string;
}

// --- rounding -------------------------------------------------------------------------------

export const ROUNDING_RULE =
  '得分以 0.01 分为单位精确求和；平均分 = 精确总分 ÷ 案卷数，四舍五入保留两位小数（不对平均数再平均）；' +
  '比率为精确分数（件数 ÷ 分母），显示为百分比；排名按平均分（两位小数）降序，平均分相同按总分降序，两者均相同者并列。';

/** A score as integer hundredths. */
export const toCents = (score: number): number => Math.round(score * 100);

/** Exact sum (hundredths) ÷ n, rounded half up to 0.01; null for no files. */
export function averageOf(sumCents: number, n: number): number | null {
  if (n <= 0) return null;
  const sign = sumCents < 0 ? -1 : 1;
  const cents = Math.floor((2 * Math.abs(sumCents) + n) / (2 * n));
  return (sign * cents) / 100 || 0;
}

export const rateOf = (count: number, of: number): number | null => (of > 0 ? count / of : null);

// --- grades ------------------------------------------------------------------------------------

/** Grade codes in bulletin order; codes the schemes add are appended as first seen. */
export const GRADE_ORDER = ['excellent', 'good', 'pass', 'fail'] as const;
export const DEFAULT_GRADE_LABELS: Record<string, string> = { excellent: '优秀', good: '良好', pass: '合格', fail: '不合格' };
export const EXCELLENT = 'excellent';
export const FAILING = 'fail';

export class GradeCatalog {
  private readonly labels = new Map<string, string>();
  private readonly seen: string[] = [];
  note(grade: GradeRef): void {
    if (!this.labels.has(grade.code)) {
      this.labels.set(grade.code, grade.label);
      this.seen.push(grade.code);
    }
  }
  merge(other: GradeCatalog): void {
    for (const g of other.list()) this.note(g);
  }
  /** 优秀, 合格, 不合格 always (bulletins report them even at zero), 良好 and others when seen. */
  list(): GradeRef[] {
    const codes = GRADE_ORDER.filter((c) => c !== 'good' || this.labels.has(c)) as string[];
    for (const c of this.seen) if (!codes.includes(c)) codes.push(c);
    return codes.map((code) => ({ code, label: this.labels.get(code) ?? DEFAULT_GRADE_LABELS[code] ?? code }));
  }
}

// --- tallies -----------------------------------------------------------------------------------

/** Counts and exact score sums of a set of files; mergeable. */
export class Tally {
  files = 0;
  sumCents = 0;
  minCents: number | null = null;
  maxCents: number | null = null;
  readonly grades = new Map<string, number>();

  add(totalCents: number, gradeCode: string): void {
    this.files++;
    this.sumCents += totalCents;
    this.minCents = this.minCents === null ? totalCents : Math.min(this.minCents, totalCents);
    this.maxCents = this.maxCents === null ? totalCents : Math.max(this.maxCents, totalCents);
    this.grades.set(gradeCode, (this.grades.get(gradeCode) ?? 0) + 1);
  }

  merge(other: Tally): void {
    this.files += other.files;
    this.sumCents += other.sumCents;
    if (other.minCents !== null) this.minCents = this.minCents === null ? other.minCents : Math.min(this.minCents, other.minCents);
    if (other.maxCents !== null) this.maxCents = this.maxCents === null ? other.maxCents : Math.max(this.maxCents, other.maxCents);
    for (const [code, n] of other.grades) this.grades.set(code, (this.grades.get(code) ?? 0) + n);
  }

  count(code: string): number {
    return this.grades.get(code) ?? 0;
  }

  figures(grades: readonly GradeRef[]): TallyFigures {
    return {
      filesReviewed: this.files,
      grades: grades.map((g) => ({ ...g, count: this.count(g.code), rate: rateOf(this.count(g.code), this.files) })),
      averageScore: averageOf(this.sumCents, this.files),
      totalScore: this.sumCents / 100,
      highestScore: this.maxCents === null ? null : this.maxCents / 100,
      lowestScore: this.minCents === null ? null : this.minCents / 100,
    };
  }
}

export interface GradeFigure extends GradeRef {
  count: number;
  /** count ÷ files reviewed, exact; null when nothing was reviewed. */
  rate: number | null;
}

export interface TallyFigures {
  filesReviewed: number;
  grades: GradeFigure[];
  averageScore: number | null;
  /** Sum of the files' scores. */
  totalScore: number;
  highestScore: number | null;
  lowestScore: number | null;
}

// --- the bulletin accumulator -------------------------------------------------------------------

export interface AgencyInfo {
  id: string;
  name: string;
  sector: string | null;
}

export interface AgencyFigures extends TallyFigures {
  agencyId: string;
  name: string;
  sector: string | null;
  filesInScope: number;
  problemCount: number;
  /** Competition rank (1, 2, 2, 4); null for an agency with no finalized file. */
  rank: number | null;
}

export interface ProblemItemFigures {
  key: string;
  kind: 'item' | 'veto';
  sectionTitle: string;
  itemNumber: string;
  itemTitle: string;
  occurrences: number;
  /** occurrences ÷ all occurrences, exact. */
  share: number | null;
  filesAffected: number;
  agenciesAffected: number;
  /** Points taken by the item over all files. */
  deductionTotal: number;
}

export interface ProblemSectionFigures {
  key: string;
  title: string;
  occurrences: number;
  share: number | null;
  filesAffected: number;
  agenciesAffected: number;
  deductionTotal: number;
  items: ProblemItemFigures[];
}

export interface BulletinOverview extends TallyFigures {
  filesInScope: number;
  /** files reviewed ÷ files in scope. */
  coverage: number | null;
  problemCount: number;
  filesWithProblems: number;
  vetoedFiles: number;
  agenciesInScope: number;
  agenciesWithFiles: number;
  agenciesWithoutFiles: number;
}

export interface BulletinFigures {
  rounding: string;
  grades: GradeRef[];
  overview: BulletinOverview;
  agencies: AgencyFigures[];
  problems: ProblemSectionFigures[];
  agenciesWithoutFiles: AgencyInfo[];
}

interface ProblemAcc {
  key: string;
  kind: 'item' | 'veto';
  sectionKey: string;
  sectionTitle: string;
  itemNumber: string;
  itemTitle: string;
  occurrences: number;
  files: number;
  deductionCents: number;
  agencies: Set<string>;
}

interface SectionAcc {
  key: string;
  title: string;
  files: number;
  agencies: Set<string>;
  order: number;
}

export class BulletinAccumulator {
  readonly overall = new Tally();
  readonly gradeCatalog = new GradeCatalog();
  readonly perAgency = new Map<string, { tally: Tally; problems: number }>();
  private readonly problems = new Map<string, ProblemAcc>();
  private readonly sections = new Map<string, SectionAcc>();
  private problemCount = 0;
  private filesWithProblems = 0;
  private vetoedFiles = 0;

  add(s: ResultSummary): void {
    const cents = toCents(s.total);
    this.overall.add(cents, s.grade.code);
    this.gradeCatalog.note(s.grade);
    let agency = this.perAgency.get(s.agencyId);
    if (!agency) this.perAgency.set(s.agencyId, (agency = { tally: new Tally(), problems: 0 }));
    agency.tally.add(cents, s.grade.code);
    if (s.vetoes.length > 0) this.vetoedFiles++;
    if (s.problems.length > 0) this.filesWithProblems++;
    const sectionsOfFile = new Set<string>();
    for (const p of s.problems) {
      let acc = this.problems.get(p.key);
      if (!acc) {
        acc = { key: p.key, kind: p.kind, sectionKey: p.sectionKey, sectionTitle: p.sectionTitle, itemNumber: p.itemNumber, itemTitle: p.itemTitle, occurrences: 0, files: 0, deductionCents: 0, agencies: new Set() };
        this.problems.set(p.key, acc);
      }
      acc.occurrences += p.occurrences;
      acc.files++;
      acc.deductionCents += toCents(p.deduction);
      acc.agencies.add(s.agencyId);
      agency.problems += p.occurrences;
      this.problemCount += p.occurrences;
      let section = this.sections.get(p.sectionKey);
      if (!section) this.sections.set(p.sectionKey, (section = { key: p.sectionKey, title: p.sectionTitle, files: 0, agencies: new Set(), order: this.sections.size }));
      if (!sectionsOfFile.has(p.sectionKey)) {
        sectionsOfFile.add(p.sectionKey);
        section.files++;
      }
      section.agencies.add(s.agencyId);
    }
  }

  /** Problems by occurrences (desc), then files affected (desc), then key. */
  problemItems(): ProblemItemFigures[] {
    return [...this.problems.values()]
      .map((p) => ({
        key: p.key,
        kind: p.kind,
        sectionTitle: p.sectionTitle,
        itemNumber: p.itemNumber,
        itemTitle: p.itemTitle,
        occurrences: p.occurrences,
        share: rateOf(p.occurrences, this.problemCount),
        filesAffected: p.files,
        agenciesAffected: p.agencies.size,
        deductionTotal: p.deductionCents / 100,
      }))
      .sort((a, b) => b.occurrences - a.occurrences || b.filesAffected - a.filesAffected || a.key.localeCompare(b.key));
  }

  problemSections(): ProblemSectionFigures[] {
    const items = this.problemItems();
    return [...this.sections.values()]
      .map((section) => {
        const own = items.filter((i) => this.problems.get(i.key)!.sectionKey === section.key);
        const occurrences = own.reduce((n, i) => n + i.occurrences, 0);
        return {
          key: section.key,
          title: section.title,
          occurrences,
          share: rateOf(occurrences, this.problemCount),
          filesAffected: section.files,
          agenciesAffected: section.agencies.size,
          deductionTotal: own.reduce((n, i) => n + toCents(i.deductionTotal), 0) / 100,
          items: own,
        };
      })
      .sort((a, b) => b.occurrences - a.occurrences || a.key.localeCompare(b.key));
  }

  /**
   * The bulletin's figures. `agencies`: every agency to report (in scope or with files);
   * `filesInScope`: case files per agency in the campaign.
   */
  figures(context: { agencies: readonly AgencyInfo[]; scopeAgencyIds: ReadonlySet<string>; filesInScope: ReadonlyMap<string, number> }): BulletinFigures {
    const grades = this.gradeCatalog.list();
    const known = new Map(context.agencies.map((a) => [a.id, a]));
    const ids = new Set<string>([...context.filesInScope.keys(), ...this.perAgency.keys()]);
    const rows: AgencyFigures[] = [...ids].map((id) => {
      const info = known.get(id) ?? { id, name: id, sector: null };
      const acc = this.perAgency.get(id);
      return {
        agencyId: id,
        name: info.name,
        sector: info.sector,
        filesInScope: context.filesInScope.get(id) ?? 0,
        problemCount: acc?.problems ?? 0,
        rank: null,
        ...(acc?.tally ?? new Tally()).figures(grades),
      };
    });
    rankAgencies(rows);
    rows.sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name, 'zh-Hans-CN'));
    const withoutFiles = [...context.scopeAgencyIds]
      .filter((id) => (context.filesInScope.get(id) ?? 0) === 0 && !this.perAgency.has(id))
      .map((id) => known.get(id) ?? { id, name: id, sector: null })
      .sort((a, b) => a.name.localeCompare(b.name, 'zh-Hans-CN'));
    const filesInScope = [...context.filesInScope.values()].reduce((n, v) => n + v, 0);
    return {
      rounding: ROUNDING_RULE,
      grades,
      overview: {
        filesInScope,
        ...this.overall.figures(grades),
        coverage: rateOf(this.overall.files, filesInScope),
        problemCount: this.problemCount,
        filesWithProblems: this.filesWithProblems,
        vetoedFiles: this.vetoedFiles,
        agenciesInScope: context.scopeAgencyIds.size,
        agenciesWithFiles: rows.filter((r) => r.filesInScope > 0 || r.filesReviewed > 0).length,
        agenciesWithoutFiles: withoutFiles.length,
      },
      agencies: rows,
      problems: this.problemSections(),
      agenciesWithoutFiles: withoutFiles,
    };
  }
}

/**
 * Competition ranking of agencies with finalized files: by rounded average desc, then total
 * desc; equal on both → same rank. Agencies without files keep rank null. Mutates `rank`.
 */
export function rankAgencies<T extends { filesReviewed: number; averageScore: number | null; totalScore: number; rank: number | null }>(rows: T[]): T[] {
  const ranked = rows.filter((r) => r.filesReviewed > 0 && r.averageScore !== null);
  const key = (r: T) => [toCents(r.averageScore!), toCents(r.totalScore)] as const;
  ranked.sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1]);
  ranked.forEach((r, i) => {
    const prev = ranked[i - 1];
    r.rank = prev && key(prev)[0] === key(r)[0] && key(prev)[1] === key(r)[1] ? prev.rank : i + 1;
  });
  for (const r of rows) if (r.filesReviewed === 0) r.rank = null;
  return rows;
}
