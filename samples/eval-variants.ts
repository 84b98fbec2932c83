/**
 * Evaluation variants of the sample cases: a clean case plus a list of named edits that seed
 * defects (or vary the wording) in its content, with the findings a pre-check should report.
 * `npm run samples` writes each one to samples/eval/<slug>/ (PDFs + metadata.json, as in
 * samples/cases/), and the ground truth of every clean sample and variant to
 * samples/ground-truth/<slug>.json (see lib/ground-truth.ts and samples/README.md).
 *
 * Every text edit must change something: an edit whose text no longer occurs (because a case
 * source changed) stops the generator, so the seeded defects stay true.
 */
import { caseFileMetadataSchema } from '../src/domain/case-file.js';
import type { DocumentTypeCode } from '../src/ingest/document-types.js';
import type { Block, DocumentSpec, VolumeParts, VolumeSummary } from './lib/compose.js';
import { cnDate, creditCode, idNumber, yuan } from './lib/format.js';
import type { GroundTruthFinding } from './lib/ground-truth.js';
import type { Agency, SampleCase } from './lib/sample-case.js';
import { field, heading, line, right, sealBlock } from './lib/templates.js';
import type { WrittenFile } from './lib/write-case.js';
import { ecoEmissionMajor } from './cases-src/eco-emission-major.js';
import { foodBusinessLicense } from './cases-src/food-business-license.js';
import { hazchemSeizure } from './cases-src/hazchem-seizure.js';
import { marketExpiredFoodHearing } from './cases-src/market-expired-food-hearing.js';
import { transportOnsitePenalty } from './cases-src/transport-onsite-penalty.js';
import { urbanRoadOccupation } from './cases-src/urban-road-occupation.js';

type CaseFileInput = SampleCase['caseFile'];

// ---- selecting documents ----------------------------------------------------------------------

/** Which documents an edit touches: every one, all of a type, the nth of a type, or by a test. */
export type Selector = '*' | DocumentTypeCode | { type: DocumentTypeCode; nth?: number; containing?: string };

function specText(spec: DocumentSpec): string {
  return spec.body.map((b) => (typeof b === 'string' ? b : 'text' in b ? b.text : '')).join('\n');
}

function selects(selector: Selector, spec: DocumentSpec, nthOfType: number): boolean {
  if (selector === '*') return true;
  if (typeof selector === 'string') return spec.type === selector;
  if (spec.type !== selector.type) return false;
  if (selector.nth !== undefined && selector.nth !== nthOfType) return false;
  if (selector.containing !== undefined && !specText(spec).includes(selector.containing)) return false;
  return true;
}

// ---- edits ---------------------------------------------------------------------------------------

/** A spec transform applied to every document (the volume's cover, index and notes sheet included). */
type SpecTransform = (spec: DocumentSpec, nthOfType: number) => DocumentSpec;

interface Draft {
  documents: DocumentSpec[];
  caseFile: CaseFileInput;
  transforms: SpecTransform[];
}

export interface Edit {
  name: string;
  apply(draft: Draft, counter: { hits: number }): void;
}

function mapText(spec: DocumentSpec, fn: (text: string) => string): DocumentSpec {
  const body: Block[] = spec.body.map((b) => (typeof b === 'string' ? fn(b) : 'text' in b ? { ...b, text: fn(b.text) } : b));
  return {
    ...spec,
    body,
    ...(spec.number !== undefined ? { number: fn(spec.number) } : {}),
    ...(spec.pageFooter !== undefined ? { pageFooter: fn(spec.pageFooter) } : {}),
  };
}

/** Replaces text (every occurrence) in the selected documents. */
export function replace(where: Selector, from: string | RegExp, to: string, name = `replace ${String(from)}`): Edit {
  return {
    name,
    apply(draft, counter) {
      draft.transforms.push((spec, nth) => {
        if (!selects(where, spec, nth)) return spec;
        return mapText(spec, (text) => {
          const re = typeof from === 'string' ? new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gu') : from;
          const count = text.match(re)?.length ?? 0;
          counter.hits += count;
          return count ? text.replace(re, to) : text;
        });
      });
    },
  };
}

/** Moves a date: its printed form everywhere, the document dates, and the metadata dates equal to it. */
export function redate(from: string, to: string): Edit {
  const text = replace('*', cnDate(from), cnDate(to));
  return {
    name: `redate ${from} → ${to}`,
    apply(draft, counter) {
      text.apply(draft, counter);
      draft.transforms.push((spec) => (spec.date === from ? { ...spec, date: to } : spec));
      const dates = draft.caseFile.dates as Record<string, string | undefined> | undefined;
      for (const [key, value] of Object.entries(dates ?? {})) if (value === from) dates![key] = to;
    },
  };
}

/** Leaves out documents. */
export function drop(where: Selector): Edit {
  return {
    name: `drop ${JSON.stringify(where)}`,
    apply(draft, counter) {
      const nth = new Map<string, number>();
      draft.documents = draft.documents.filter((spec) => {
        const n = nth.get(spec.type) ?? 0;
        nth.set(spec.type, n + 1);
        const hit = selects(where, spec, n);
        if (hit) counter.hits++;
        return !hit;
      });
    },
  };
}

/** Removes body lines of the selected documents whose text matches. */
export function removeLines(where: Selector, test: RegExp): Edit {
  return {
    name: `remove lines ${String(test)}`,
    apply(draft, counter) {
      draft.transforms.push((spec, nth) => {
        if (!selects(where, spec, nth)) return spec;
        const body = spec.body.filter((b) => {
          const text = typeof b === 'string' ? b : 'text' in b ? b.text : null;
          const hit = text !== null && test.test(text);
          if (hit) counter.hits++;
          return !hit;
        });
        return { ...spec, body };
      });
    },
  };
}

/** Prints the selected documents under another title. */
export function retitle(where: Selector, title: string): Edit {
  return {
    name: `retitle ${JSON.stringify(where)} → ${title}`,
    apply(draft, counter) {
      draft.transforms.push((spec, nth) => {
        if (!selects(where, spec, nth)) return spec;
        counter.hits++;
        return { ...spec, title };
      });
    },
  };
}

/** Changes the case metadata (what the agency would type in). */
export function metadata(name: string, fn: (caseFile: CaseFileInput) => void): Edit {
  return {
    name,
    apply(draft, counter) {
      fn(draft.caseFile);
      counter.hits++;
    },
  };
}

// ---- variants -----------------------------------------------------------------------------------

export interface ExpectedFinding {
  rule: string;
  /** The document the defect shows in; null when it is not tied to one file (a missing document, a value repeated in every file). */
  in: Selector | null;
  note: string;
}

export interface EvalVariant {
  slug: string;
  base: SampleCase;
  summary: string;
  edits: Edit[];
  findings: ExpectedFinding[];
}

export interface BuiltVariant {
  sample: SampleCase;
  /** Edits the metadata schema made the generator leave out (e.g. a date out of order). */
  droppedMetadata: string[];
  /** Resolves expected findings to file names once the files are composed. */
  findings(files: readonly WrittenFile[]): GroundTruthFinding[];
  check(): void;
}

function cloneSpec(spec: DocumentSpec): DocumentSpec {
  return structuredClone(spec);
}

export function buildVariant(variant: EvalVariant): BuiltVariant {
  const base = variant.base;
  const draft: Draft = {
    documents: (base.packaging.kind === 'volume' ? base.packaging.parts.documents : base.packaging.documents).map(cloneSpec),
    caseFile: structuredClone(base.caseFile),
    transforms: [],
  };
  const counters = variant.edits.map((edit) => {
    const counter = { hits: 0 };
    edit.apply(draft, counter);
    return { edit, counter };
  });

  // Transforms run over the documents in order, counting each type, so `nth` is stable.
  const transformAll = (specs: DocumentSpec[]) => {
    const nth = new Map<string, number>();
    return specs.map((spec) => {
      const n = nth.get(spec.type) ?? 0;
      nth.set(spec.type, n + 1);
      return draft.transforms.reduce((s, t) => t(s, n), spec);
    });
  };
  const documents = transformAll(draft.documents);
  const wrap = (make: ((s: VolumeSummary) => DocumentSpec) | undefined) =>
    make ? (summary: VolumeSummary) => transformAll([make(summary)])[0]! : undefined;

  let packaging: SampleCase['packaging'];
  if (base.packaging.kind === 'volume') {
    const parts: VolumeParts = { documents };
    const cover = wrap(base.packaging.parts.cover);
    const index = wrap(base.packaging.parts.index);
    const backup = wrap(base.packaging.parts.backup);
    if (cover) parts.cover = cover;
    if (index) parts.index = index;
    if (backup) parts.backup = backup;
    packaging = { kind: 'volume', parts };
  } else {
    packaging = { kind: 'separate', documents };
  }

  // Metadata the API would reject (a date out of order, say) is left out, as a user could not enter it.
  const droppedMetadata: string[] = [];
  for (;;) {
    const parsed = caseFileMetadataSchema.safeParse(draft.caseFile);
    if (parsed.success) break;
    const issue = parsed.error.issues[0]!;
    const [group, key] = issue.path as [string, string | undefined];
    const holder = (draft.caseFile as Record<string, unknown>)[group] as Record<string, unknown> | undefined;
    if (group !== 'dates' || !key || !holder) throw new Error(`${variant.slug}: metadata invalid: ${issue.message} at ${issue.path.join('.')}`);
    delete holder[key];
    droppedMetadata.push(`dates.${key}`);
  }

  const sample: SampleCase = { ...base, slug: variant.slug, summary: variant.summary, caseFile: draft.caseFile, packaging };
  return {
    sample,
    droppedMetadata,
    findings(files) {
      return variant.findings.map((f) => {
        if (f.in === null) return { rule: f.rule, file: null, note: f.note };
        const nth = new Map<string, number>();
        for (const { file, composed } of files) {
          for (const spec of composed.specs) {
            const n = nth.get(spec.type) ?? 0;
            nth.set(spec.type, n + 1);
            if (selects(f.in, spec, n)) return { rule: f.rule, file, note: f.note };
          }
        }
        throw new Error(`${variant.slug}: no document for the finding ${f.rule} (${JSON.stringify(f.in)})`);
      });
    },
    check() {
      for (const { edit, counter } of counters) {
        if (counter.hits === 0) throw new Error(`${variant.slug}: edit “${edit.name}” changed nothing`);
      }
    },
  };
}

// ---- the defects ------------------------------------------------------------------------------------

const M = marketExpiredFoodHearing;
const E = ecoEmissionMajor;
const U = urbanRoadOccupation;
const T = transportOnsitePenalty;
const L = foodBusinessLicense;
const H = hazchemSeizure;

/** 林国栋's identity number with a wrong check character. */
const urbanId = U.caseFile.party.idNumber!;
const urbanBadId = urbanId.slice(0, 17) + (urbanId.endsWith('1') ? '2' : '1');
/** A second, valid credit code for the supermarket (a typing slip in one document). */
const marketCode = M.caseFile.party.creditCode!;
const marketOtherCode = creditCode('91390102MA2H7K3M0');

export const EVAL_VARIANTS: readonly EvalVariant[] = [
  {
    slug: 'market-late-service-no-closing',
    base: M,
    summary: '决定书作出后第13日（第9个工作日）才送达；卷内缺结案审批表。',
    edits: [redate('2024-05-28', '2024-05-31'), redate('2024-05-17', '2024-05-29'), drop('closing_approval')],
    findings: [
      { rule: 'service.within_7_days', in: 'penalty_decision', note: '决定2024-05-16作出，2024-05-29才送达（9个工作日）' },
      { rule: 'documents.required_present', in: null, note: '缺结案审批表' },
    ],
  },
  {
    slug: 'market-officer-certificates-hearing-notice',
    base: M,
    summary: '现场检查笔录只写检查人姓名、无执法证号；听证通知书在听证前2日才发出；决定书引用第一百二十四条未具体到款、项。',
    edits: [
      replace('site_inspection_record', /（执法证号：\d+）/gu, '', 'site record without certificate numbers'),
      redate('2024-04-22', '2024-05-06'),
      replace('penalty_decision', '依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项“', '依据《中华人民共和国食品安全法》第一百二十四条“'),
    ],
    findings: [
      { rule: 'officers.two_with_certificates', in: 'site_inspection_record', note: '现场检查笔录检查人王立新、李梦未注明执法证号' },
      { rule: 'hearing.notice_7_days', in: 'hearing_notice', note: '听证通知书2024-05-06，听证2024-05-08，不足七日' },
      { rule: 'citation.specific', in: 'penalty_decision', note: '处罚依据“食品安全法第一百二十四条”未写明第一款第（五）项' },
    ],
  },
  {
    slug: 'market-citations-amounts-identifier',
    base: M,
    summary: '决定书法律名称写错（食品卫生安全法）；告知书引用2017年版行政处罚法条文序号；缴款书金额与决定书不符；调查终结报告中的统一社会信用代码与其他文书不同。',
    edits: [
      replace('penalty_decision', '违反了《中华人民共和国食品安全法》第三十四条', '违反了《中华人民共和国食品卫生安全法》第三十四条'),
      replace('penalty_notice', '依据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定', '依据《中华人民共和国行政处罚法》第三十一条、第三十二条、第四十二条的规定'),
      replace('payment_receipt', yuan(107_568), yuan(107_658)),
      replace('investigation_report', marketCode, marketOtherCode),
    ],
    findings: [
      { rule: 'citation.exists', in: 'penalty_decision', note: '《中华人民共和国食品卫生安全法》不存在（应为食品安全法）' },
      { rule: 'citation.law_version', in: 'penalty_notice', note: '2024年的告知书引用行政处罚法第三十一条、第三十二条、第四十二条（2017年版条文序号，现行为第四十四条、第四十五条、第六十三条、第六十四条）' },
      { rule: 'decision.amounts_consistent', in: 'payment_receipt', note: '缴款书107,658元，决定书罚没款合计107,568元' },
      { rule: 'party.identifier_consistent', in: 'investigation_report', note: `调查终结报告统一社会信用代码${marketOtherCode}，其他文书为${marketCode}` },
    ],
  },
  {
    slug: 'market-closed-before-decision',
    base: M,
    summary: '结案审批表（及封面结案日期）为2024-05-13，早于2024-05-16的处罚决定。',
    edits: [redate('2024-06-03', '2024-05-13')],
    findings: [{ rule: 'dates.chain_in_order', in: 'closing_approval', note: '结案2024-05-13早于决定2024-05-16和送达2024-05-17' }],
  },
  {
    slug: 'eco-no-hearing-right-no-discussion',
    base: E,
    summary: '罚款65万元，告知书（行政处罚事先告知书）未告知听证权利；重大案件无集体讨论记录。',
    edits: [
      replace(
        'penalty_notice',
        '根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你单位可在收到本告知书之日起五个工作日内向本局进行陈述、申辩，并可以要求举行听证；逾期不陈述、申辩，也不要求听证的，视为你单位放弃上述权利。',
        '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位可在收到本告知书之日起五个工作日内向本局进行陈述、申辩；逾期不陈述、申辩的，视为你单位放弃上述权利。',
      ),
      retitle('penalty_notice', '行政处罚事先告知书'),
      replace('*', '行政处罚事先（听证）告知书', '行政处罚事先告知书'),
      replace('penalty_decision', '告知你单位陈述、申辩和要求听证的权利。你单位在法定期限内未提出陈述、申辩意见，也未要求听证，视为放弃上述权利。', '告知你单位陈述、申辩的权利。你单位在法定期限内未提出陈述、申辩意见，视为放弃上述权利。'),
      replace('legal_review', '当事人收到事先（听证）告知书后，在法定期限内未陈述、申辩，未要求听证。', '当事人收到事先告知书后，在法定期限内未陈述、申辩。'),
      drop('collective_discussion'),
      replace('penalty_decision', '经法制审核和本局负责人集体讨论，决定', '经法制审核，决定'),
      metadata('no collective discussion', (c) => {
        c.flags = { majorDecision: true, hearingHeld: false, legalReview: true, collectiveDiscussion: false };
      }),
    ],
    findings: [
      { rule: 'hearing.right_notified', in: 'penalty_notice', note: '拟罚款65万元，告知书只告知陈述、申辩权利，未告知听证权利' },
      { rule: 'collective_discussion.when_required', in: null, note: '重大案件（罚款65万元）卷内无集体讨论记录' },
    ],
  },
  {
    slug: 'eco-no-legal-review-remedy-figures',
    base: E,
    summary: '重大案件无法制审核；决定书告知起诉期限为三个月；集体讨论记录中罚款大写陆拾伍万元与小写560,000元不符。',
    edits: [
      drop('legal_review'),
      replace('penalty_decision', '经法制审核和本局负责人集体讨论，决定', '经本局负责人集体讨论，决定'),
      replace('collective_discussion', '法制审核意见为同意。', ''),
      metadata('no legal review', (c) => {
        c.flags = { majorDecision: true, hearingHeld: false, legalReview: false, collectiveDiscussion: true };
      }),
      replace('penalty_decision', '六个月内直接向江州市北岸区人民法院提起行政诉讼', '三个月内直接向江州市北岸区人民法院提起行政诉讼'),
      replace('collective_discussion', '（￥650,000元）', '（￥560,000元）'),
    ],
    findings: [
      { rule: 'legal_review.when_required', in: null, note: '重大案件（罚款65万元）卷内无法制审核意见' },
      { rule: 'decision.remedy_clause', in: 'penalty_decision', note: '提起行政诉讼期限写为三个月（应为六个月）' },
      { rule: 'amounts.figures_agree', in: 'collective_discussion', note: '人民币陆拾伍万元整（￥560,000元）：大写650,000，小写560,000' },
    ],
  },
  {
    slug: 'eco-short-statement-period-party-name',
    base: E,
    summary: '告知书2024-07-22送达，2024-07-26即作出决定，未满五个工作日；告知书抬头当事人名称写作“江州市恒远铸造有限公司”。',
    edits: [
      redate('2024-07-24', '2024-07-25'),
      redate('2024-07-22', '2024-07-24'),
      redate('2024-07-10', '2024-07-22'),
      redate('2024-07-09', '2024-07-19'),
      replace('penalty_notice', /^江州恒远铸造有限公司：$/u, '江州市恒远铸造有限公司：'),
    ],
    findings: [
      { rule: 'notice.statement_period_5_working_days', in: 'penalty_decision', note: '告知书2024-07-22送达，决定2024-07-26（第4个工作日）' },
      { rule: 'party.name_consistent', in: 'penalty_notice', note: '告知书抬头“江州市恒远铸造有限公司”，其他文书为“江州恒远铸造有限公司”' },
    ],
  },
  {
    slug: 'eco-decided-after-90-days',
    base: E,
    summary: '2024-06-12立案，2024-09-20才作出处罚决定（第100日），其后送达、缴款、结案日期随之后移。',
    edits: [
      redate('2024-08-28', '2024-10-28'),
      redate('2024-08-20', '2024-10-21'),
      redate('2024-08-13', '2024-10-14'),
      redate('2024-08-09', '2024-10-09'),
      redate('2024-07-29', '2024-09-23'),
      redate('2024-07-26', '2024-09-20'),
      redate('2024-07-24', '2024-09-18'),
      redate('2024-07-22', '2024-09-13'),
      replace('closing_approval', '2024年8月2日', '2024年9月27日'),
    ],
    findings: [{ rule: 'decision.within_90_days', in: 'penalty_decision', note: '立案2024-06-12，决定2024-09-20，超过九十日' }],
  },
  {
    slug: 'eco-suspected-in-decision-no-seal',
    base: E,
    summary: '处罚决定书写“涉嫌违反”；决定书落款无印章。',
    edits: [
      replace('penalty_decision', '你单位的上述行为违反了《中华人民共和国大气污染防治法》第十八条', '你单位的上述行为涉嫌违反《中华人民共和国大气污染防治法》第十八条'),
      replace('penalty_decision', '江州市生态环境局（印章）', '江州市生态环境局'),
    ],
    findings: [
      { rule: 'text.template_leftovers', in: 'penalty_decision', note: '定案的处罚决定书仍写“涉嫌违反”' },
      { rule: 'decision.statutory_elements', in: 'penalty_decision', note: '决定书落款未加盖印章' },
    ],
  },
  {
    slug: 'urban-notice-after-decision',
    base: U,
    summary: '告知书及其送达回证日期为2024-10-12、陈述申辩为2024-10-14，都在2024-10-10的处罚决定之后。',
    edits: [
      redate('2024-09-26', '2024-10-14'),
      redate('2024-09-24', '2024-10-12'),
      // The API refuses a notice date after the decision date, so the metadata leaves it out.
      metadata('no notice date', (c) => {
        delete c.dates?.notifiedOn;
      }),
    ],
    findings: [
      { rule: 'notice.before_decision', in: 'penalty_notice', note: '告知书2024-10-12晚于决定2024-10-10' },
      { rule: 'dates.chain_in_order', in: 'penalty_notice', note: '告知2024-10-12、陈述申辩2024-10-14在决定2024-10-10之后' },
      { rule: 'notice.statement_period_5_working_days', in: 'penalty_decision', note: '决定作出时告知书尚未送达，未留陈述申辩期' },
    ],
  },
  {
    slug: 'urban-heavier-decision-missing-element-bad-id',
    base: U,
    summary: '告知拟罚款1000元，决定罚款1200元；决定书缺“履行方式和期限”；当事人公民身份号码校验位错误（各文书一致）。',
    edits: [
      replace('*', yuan(800), yuan(1200)),
      replace('closing_approval', '缴纳罚款800元', '缴纳罚款1,200元'),
      metadata('fine 1200', (c) => {
        c.amounts = { fine: 1200 };
      }),
      removeLines('penalty_decision', /^四、履行方式和期限$|^当事人应当自收到本决定书之日起十五日内/u),
      replace('penalty_decision', '五、救济途径和期限', '四、救济途径和期限'),
      replace('*', urbanId, urbanBadId),
    ],
    findings: [
      { rule: 'decision.not_heavier_than_notice', in: 'penalty_decision', note: '告知拟罚款1000元，决定罚款1200元' },
      { rule: 'decision.statutory_elements', in: 'penalty_decision', note: '决定书缺履行方式和期限' },
      { rule: 'party.identifier_valid', in: null, note: `公民身份号码${urbanBadId}校验位错误（正确为${urbanId}）` },
    ],
  },
  {
    slug: 'urban-holiday-service-ascii-number',
    base: U,
    summary: '决定2024-10-08作出、2024-10-16送达：相隔8个自然日但只有7个工作日（国庆调休），不是超期送达；案号用半角括号“临综执罚(2024)89号”；决定书未写明复议机关。',
    edits: [
      redate('2024-10-11', '2024-10-16'),
      redate('2024-10-10', '2024-10-08'),
      replace('*', '临综执罚〔2024〕89号', '临综执罚(2024)89号'),
      metadata('ASCII case number', (c) => {
        c.caseNumber = '临综执罚(2024)89号';
      }),
      replace('penalty_decision', '六十日内向江州市临江区人民政府申请行政复议', '六十日内依法申请行政复议'),
    ],
    findings: [
      { rule: 'case_number.format', in: null, note: '案号“临综执罚(2024)89号”使用半角圆括号，应为六角括号〔2024〕' },
      { rule: 'decision.remedy_clause', in: 'penalty_decision', note: '未写明复议机关（江州市临江区人民政府）' },
    ],
  },
  {
    slug: 'urban-template-leftover-citations',
    base: U,
    summary: '告知书残留“你（单位）”并引用2017年版行政处罚法条文序号；决定书引用《城市道路管理条例》不存在的第七十二条。',
    edits: [
      replace('penalty_notice', '你的行为违反了《城市道路管理条例》', '你（单位）的行为违反了《城市道路管理条例》'),
      replace('penalty_notice', '依据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定', '依据《中华人民共和国行政处罚法》第三十一条、第三十二条的规定'),
      replace('penalty_decision', '依据《城市道路管理条例》第四十二条“', '依据《城市道路管理条例》第七十二条“'),
    ],
    findings: [
      { rule: 'text.template_leftovers', in: 'penalty_notice', note: '告知书残留模板用语“你（单位）”' },
      { rule: 'citation.law_version', in: 'penalty_notice', note: '2024年告知书引用行政处罚法第三十一条、第三十二条（2017年版序号）' },
      { rule: 'citation.exists', in: 'penalty_decision', note: '《城市道路管理条例》无第七十二条（共四十五条）' },
    ],
  },
  {
    slug: 'transport-simple-over-limit',
    base: T,
    summary: '简易程序对单位罚款5000元（超过三千元）；处罚地点残留“XX镇”；当场处罚决定书无印章。',
    edits: [
      replace('*', yuan(1000), yuan(5000)),
      metadata('fine 5000', (c) => {
        c.amounts = { fine: 5000 };
      }),
      replace('onsite_penalty_decision', '处罚地点：S208省道青山县白石镇治超检测站', '处罚地点：S208省道青山县XX镇治超检测站'),
      replace('onsite_penalty_decision', '青山县交通运输局（印章）', '青山县交通运输局'),
    ],
    findings: [
      { rule: 'simple_procedure.amount_limit', in: 'onsite_penalty_decision', note: '简易程序对法人罚款5000元，超过三千元' },
      { rule: 'text.template_leftovers', in: 'onsite_penalty_decision', note: '处罚地点“XX镇”未填写' },
      { rule: 'decision.statutory_elements', in: 'onsite_penalty_decision', note: '当场处罚决定书未加盖印章' },
    ],
  },
  {
    slug: 'hazchem-number-officer-blank',
    base: H,
    summary: '送达回证所列决定书文号“南应急强〔2024〕17号”与决定书“南应急强〔2024〕7号”不一致；现场笔录只有一名执法人员；决定书附件名称留空“＿＿＿＿＿＿”。',
    edits: [
      replace({ type: 'service_receipt', nth: 0 }, '南应急强〔2024〕7号', '南应急强〔2024〕17号'),
      replace('coercion_site_record', '、马骏（执法证号：39010852019）', ''),
      replace('coercion_site_record', '黄振华、马骏', '黄振华'),
      replace('seizure_decision', '附件：查封扣押清单（一式二份）', '附件：＿＿＿＿＿＿（一式二份）'),
    ],
    findings: [
      { rule: 'case_number.consistent', in: { type: 'service_receipt', nth: 0 }, note: '送达回证文号南应急强〔2024〕17号，决定书南应急强〔2024〕7号' },
      { rule: 'officers.two_with_certificates', in: 'coercion_site_record', note: '现场笔录执法人员只有黄振华一人' },
      { rule: 'text.template_leftovers', in: 'seizure_decision', note: '附件名称未填写（＿＿＿＿＿＿）' },
    ],
  },
  {
    slug: 'license-template-leftover-name',
    base: L,
    summary: '准予行政许可决定书残留“你（单位）”；送达回证受送达人写作“张记面馆”。',
    edits: [
      replace('license_decision', /你(?!（)/gu, '你（单位）'),
      replace('service_receipt', '受送达人：江州市云溪区张记面馆', '受送达人：张记面馆'),
    ],
    findings: [
      { rule: 'text.template_leftovers', in: 'license_decision', note: '决定书残留模板用语“你（单位）”' },
      { rule: 'party.name_consistent', in: 'service_receipt', note: '受送达人“张记面馆”，其他文书为“江州市云溪区张记面馆”' },
    ],
  },
  // ---- other wordings, no seeded defect -------------------------------------------------------
  {
    slug: 'wording-market-forms',
    base: M,
    summary: '无缺陷，换一种写法：询问（调查）笔录、行政处罚听证告知书、行政处罚决定审批表等标题；决定书落款日期“二〇二四年五月十六日”；调查终结报告日期“2024.3.12”、罚款“10.554万元”。',
    edits: [
      retitle('inquiry_record', '询问（调查）笔录'),
      retitle('penalty_notice', '行政处罚听证告知书'),
      retitle('case_handling_approval', '行政处罚决定审批表'),
      retitle('investigation_report', '案件调查终结报告'),
      replace('penalty_decision', '2024年5月16日', '二〇二四年五月十六日'),
      replace('investigation_report', '2024年3月12日', '2024.3.12'),
      replace('investigation_report', '2024年3月14日', '2024.3.14'),
      replace('investigation_report', '按货值金额十倍处罚款105,540元', '按货值金额十倍处罚款10.554万元'),
    ],
    findings: [],
  },
  {
    slug: 'wording-eco-forms',
    base: E,
    summary: '无缺陷，换一种写法：重大案件集体讨论记录、重大执法决定法制审核意见书、案件调查报告等标题；告知书“罚款65万元”；决定书落款“二〇二四年七月二十六日”；决定送达日期“2024.7.29”。',
    edits: [
      retitle('collective_discussion', '重大案件集体讨论记录'),
      retitle('legal_review', '重大执法决定法制审核意见书'),
      retitle('investigation_report', '案件调查报告'),
      replace('penalty_notice', `拟对你单位作出罚款${yuan(650_000)}的行政处罚`, '拟对你单位作出罚款65万元的行政处罚'),
      replace('penalty_decision', '2024年7月26日', '二〇二四年七月二十六日'),
      replace({ type: 'service_receipt', containing: '《行政处罚决定书》' }, '2024年7月29日', '2024.7.29'),
    ],
    findings: [],
  },
];

// ---- not a case file ------------------------------------------------------------------------------

const meetingAgency: Agency = {
  name: '江州市司法局',
  shortName: '市司法局',
  creditCode: creditCode('11390100002531427'),
  region: '江州市',
  sector: '司法行政',
  level: 'city',
};

/** A meeting notice uploaded by mistake: it must not read as a case file. */
export const NOT_A_CASE_FILE = {
  slug: 'not-a-case-file',
  summary: '不是案卷：一份会议通知。',
  font: 'cid' as const,
  agency: meetingAgency,
  caseFile: null,
  packaging: {
    kind: 'separate' as const,
    documents: [
      {
        type: 'other',
        title: '关于召开2024年度行政执法案卷评查工作部署会的通知',
        date: '2024-11-04',
        agency: meetingAgency.name,
        number: '江司办〔2024〕58号',
        file: 'meeting-notice.pdf',
        body: [
          line('各区县司法局，市直各行政执法部门：', { spaceBefore: 8 }),
          '为做好2024年度全市行政执法案卷评查工作，经研究，定于2024年11月12日召开全市行政执法案卷评查工作部署会。现将有关事项通知如下：',
          heading('一、会议时间'),
          '2024年11月12日（星期二）上午9时30分，会期半天。',
          heading('二、会议地点'),
          '江州市行政中心3号楼二楼第一会议室。',
          heading('三、参会人员'),
          '各区县司法局分管负责人及执法监督科科长；市直各行政执法部门法制机构负责人各1名。',
          heading('四、会议内容'),
          '通报2023年度案卷评查情况；部署2024年度评查工作，解读评查标准和评分细则；交流集中评查的经验做法。',
          heading('五、有关要求'),
          '请各单位于2024年11月8日前将参会回执报送市司法局执法监督处，并提前15分钟到场签到。会议期间请将手机调至静音状态。',
          field('联系人', '程晓燕　　联系电话：0391-86627315'),
          line('附件：参会回执', { spaceBefore: 6 }),
          ...sealBlock(meetingAgency.name, '2024-11-04'),
          right('（此件公开发布）', 6),
        ],
      },
    ] satisfies DocumentSpec[],
  },
};
