/**
 * The evaluation ground truth of a generated case: the facts a careful reader finds in the text
 * the generator printed, and the seeded defects (findings) of an evaluation variant.
 *
 * Facts are read from the composed pages — exactly the lines that went into the PDF, page by
 * page — with the generator's own knowledge of each document (its type and its date), so they
 * follow the case sources when those change. What is listed (see samples/README.md):
 *
 * - caseNumbers: every case or document number (文号) written as prefix〔year〕serial号;
 * - dates: every date written with its year (2024年3月12日, 2024.3.12, 二〇二四年三月十二日);
 *   the role is the document's own role when the date is that document's date (a decision's
 *   date in 行政处罚决定书, a served date in the 送达回证 of a decision …), else null;
 * - amounts: every sum of money (人民币…元整（￥…元）, 1,000元, 6.5万元), with the role named
 *   right before it (罚款 → fine, 违法所得 → illegal_gains, 货值金额 → goods_value), else null;
 *   a capitals/Arabic pair that disagrees gives both values;
 * - citations: 《law》 followed by 第…条[第…款][第（…）项] references (several joined by 、和及);
 *   citations without an article, and references to a law by 本法/该条例, are not listed;
 * - officers: name with 执法证号, and bare names in a record's 检查人/询问人/执法人员 field;
 * - parties: the name after 当事人/被检查人/受送达人/缴款人/申请人/陈述申辩人 labels, and
 *   the addressee line (“江州市鲜达超市有限公司：”) of a notice or decision.
 */
import type { DocumentSpec } from './compose.js';
import type { WrittenFile } from './write-case.js';

export interface GroundTruthFinding {
  rule: string;
  /** The file the defect shows in; null for a case-level defect (a missing document). */
  file: string | null;
  note: string;
}

export interface GroundTruthFacts {
  caseNumbers: { value: string; file: string; page: number }[];
  dates: { value: string; role: DateRole | null; file: string; page: number }[];
  amounts: { value: number; role: AmountRole | null; file: string; page: number }[];
  citations: { law: string; article: number; clause: number | null; item: number | null; file: string; page: number }[];
  officers: { name: string; certificateNumber: string | null; file: string; page: number }[];
  parties: { name: string; file: string; page: number }[];
}

export interface GroundTruth {
  slug: string;
  source: string;
  caseType: string;
  facts: GroundTruthFacts;
  findings: GroundTruthFinding[];
}

type DateRole = 'filing' | 'investigation' | 'notice' | 'statement' | 'hearing' | 'decision' | 'service' | 'closing';
type AmountRole = 'fine' | 'confiscation' | 'illegal_gains' | 'goods_value' | 'investment' | 'late_fee' | 'other';

// ---- numbers -------------------------------------------------------------------------------

const CN_DIGITS: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 两: 2 };

/** 一百二十四 → 124 (small numbers as in article references and dates). */
export function cnNumber(text: string): number {
  const units: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch]!;
    else if (ch in units) {
      total += (digit || 1) * units[ch]!;
      digit = 0;
    }
  }
  return total + digit;
}

const CAP_DIGITS: Record<string, number> = { 零: 0, 壹: 1, 贰: 2, 叁: 3, 肆: 4, 伍: 5, 陆: 6, 柒: 7, 捌: 8, 玖: 9 };
const CAP_UNITS: Record<string, number> = { 拾: 10, 佰: 100, 仟: 1000 };

/** 壹拾万零伍佰元整 → 100500 (whole yuan). */
export function capitalsValue(text: string): number {
  let total = 0;
  let section = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in CAP_DIGITS) digit = CAP_DIGITS[ch]!;
    else if (ch in CAP_UNITS) {
      section += (digit || 1) * CAP_UNITS[ch]!;
      digit = 0;
    } else if (ch === '万' || ch === '亿') {
      total = (total + section + digit) * (ch === '万' ? 10_000 : 100_000_000);
      section = 0;
      digit = 0;
    }
  }
  return total + section + digit;
}

// ---- page text -------------------------------------------------------------------------------

interface PageText {
  file: string;
  page: number;
  spec: DocumentSpec;
  /** Logical lines: wrapped rows joined back together. */
  lines: string[];
}

function pageTexts(files: readonly WrittenFile[]): PageText[] {
  const out: PageText[] = [];
  for (const { file, composed } of files) {
    // A wrapped row continues the logical line before it, across a page break too (the line
    // then belongs to the page it starts on); rows in the margins (page numbers, footers) stand alone.
    let lastFlow: { page: PageText; index: number } | null = null;
    let previousSpec: DocumentSpec | undefined;
    composed.pages.forEach((rows, i) => {
      const pageNumber = i + 1;
      const docIndex = composed.documents.findIndex((d) => d.startPage <= pageNumber && pageNumber <= d.endPage);
      const spec = composed.specs[docIndex];
      if (!spec) throw new Error(`${file} page ${pageNumber}: no document`);
      if (spec !== previousSpec) lastFlow = null;
      previousSpec = spec;
      const page: PageText = { file, page: pageNumber, spec, lines: [] };
      for (const row of rows) {
        const text = typeof row === 'string' ? row : row.text;
        const anchored = typeof row !== 'string' && row.anchor !== undefined && row.anchor !== 'flow';
        const continues = typeof row !== 'string' && (row as { continues?: boolean }).continues === true;
        if (anchored) {
          page.lines.push(text);
        } else if (continues && lastFlow) {
          lastFlow.page.lines[lastFlow.index] += text;
        } else {
          page.lines.push(text);
          lastFlow = { page, index: page.lines.length - 1 };
        }
      }
      out.push(page);
    });
  }
  return out;
}

// ---- facts -----------------------------------------------------------------------------------

const DATE_PATTERNS: { re: RegExp; parse: (m: RegExpExecArray) => [number, number, number] }[] = [
  { re: /(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日/gu, parse: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  { re: /(?<![\d.])(\d{4})\.(\d{1,2})\.(\d{1,2})(?![\d.])/gu, parse: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  {
    re: /([〇零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日/gu,
    parse: (m) => [Number([...m[1]!].map((c) => CN_DIGITS[c]).join('')), cnNumber(m[2]!), cnNumber(m[3]!)],
  },
];

function iso(y: number, m: number, d: number): string {
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** The role a document's own date plays, by document type (service receipts: by what they serve). */
function documentDateRole(spec: DocumentSpec, text: string): DateRole | null {
  switch (spec.type) {
    case 'filing_approval':
      return 'filing';
    case 'site_inspection_record':
    case 'inquiry_record':
    case 'coercion_site_record':
      return 'investigation';
    case 'penalty_notice':
      return 'notice';
    case 'statement_record':
      return 'statement';
    case 'hearing_record':
      return 'hearing';
    case 'penalty_decision':
    case 'onsite_penalty_decision':
    case 'license_decision':
    case 'seizure_decision':
      return 'decision';
    case 'closing_approval':
      return 'closing';
    case 'service_receipt':
      if (/告知书/u.test(text)) return 'notice';
      if (/决定书/u.test(text)) return 'service';
      return null;
    default:
      return null;
  }
}

function dateRole(spec: DocumentSpec, value: string, line: string, before: string, receiptText: string): DateRole | null {
  // The cover names the filing and closing dates by label.
  if (/立案（受理）日期：$|立案日期：$/u.test(before)) return 'filing';
  if (/结案日期：$/u.test(before)) return 'closing';
  if (spec.type === 'hearing_record' && /^听证时间：/u.test(line)) return 'hearing';
  if (value !== spec.date) return null;
  return documentDateRole(spec, receiptText);
}

function amountRole(before: string): AmountRole | null {
  const b = before.replace(/(人民币|共计|合计|为|计)$/u, '').replace(/(人民币|共计|合计|为|计)$/u, '');
  if (/罚没款$/u.test(b)) return null;
  if (/罚款$|罚款数额$/u.test(b)) return 'fine';
  if (/违法所得$/u.test(b)) return 'illegal_gains';
  if (/货值金额$/u.test(b)) return 'goods_value';
  return null;
}

const CASE_NUMBER = /([\p{Script=Han}A-Za-z0-9]{2,14}?)([〔［【（(\[])(\d{4})([〕］】）)\]])(第?\d+号)/gu;
const NUM = '[零〇一二三四五六七八九十百千]+';
const REF = `第(${NUM})条(?:第(${NUM})款)?(?:第[（(](${NUM})[）)]项)?`;
const CITATION = new RegExp(`《([^《》]+)》((?:${REF})(?:(?:、|和|及|以及)${REF})*)`, 'gu');
const OFFICER_WITH_CERT = /([\p{Script=Han}]{2,4})（执法证号：([0-9A-Za-z]+)）/gu;
const OFFICER_FIELD = /^(?:检查人|询问人|执法人员|核查人员)：(.+)$/u;
const PARTY_LABEL = /(?:^|[，。　\s])(?:当事人|被检查人|受送达人|缴款人|申请人|申请人名称|陈述申辩人)：([^，。；：　\s（(]{2,40})/gu;
/** An addressee line: a person's name (2–4 characters) or an organisation's. */
const ADDRESSEE = /^((?:[\p{Script=Han}]{2,4})|(?:[^：，。　\s（(]{2,40}(?:公司|局|馆|店|厂|中心|社|所|院|会|部|行)))(?:（[^）]*）)?：$/u;
const ADDRESSEE_DOCUMENTS = new Set(['penalty_notice', 'penalty_decision', 'correction_order', 'hearing_notice', 'license_decision', 'license_material_notice', 'license_acceptance', 'seizure_release']);
const NOT_NAMES = new Set(['经查', '附件', '备注', '说明', '事由', '地址']);

export function factsOf(files: readonly WrittenFile[]): GroundTruthFacts {
  const facts: GroundTruthFacts = { caseNumbers: [], dates: [], amounts: [], citations: [], officers: [], parties: [] };
  const seen = new Set<string>();
  const push = <K extends keyof GroundTruthFacts>(kind: K, fact: GroundTruthFacts[K][number]) => {
    const key = `${kind}|${JSON.stringify(fact)}`;
    if (seen.has(key)) return;
    seen.add(key);
    (facts[kind] as GroundTruthFacts[K][number][]).push(fact);
  };

  for (const p of pageTexts(files)) {
    const { file, page, spec } = p;
    const pageText = p.lines.join('\n');
    for (const line of p.lines) {
      for (const m of line.matchAll(CASE_NUMBER)) {
        // A number's prefix starts after punctuation or a label (编号为…): keep the agency code and kind.
        push('caseNumbers', { value: m[0].replace(/^(?:编号为|编号|文号为|文号|号为|为)/u, ''), file, page });
      }
      for (const { re, parse } of DATE_PATTERNS) {
        for (const m of line.matchAll(re)) {
          const [y, mo, d] = parse(m as unknown as RegExpExecArray);
          const value = iso(y, mo, d);
          const before = line.slice(0, m.index);
          push('dates', { value, role: dateRole(spec, value, line, before, pageText), file, page });
        }
      }
      // Capitals with their Arabic figure: 人民币壹仟元整（￥1,000元）.
      const paired: [number, number][] = [];
      for (const m of line.matchAll(/(?:人民币)?([零壹贰叁肆伍陆柒捌玖拾佰仟万亿]+)元整（[￥¥]([\d,]+(?:\.\d+)?)元）/gu)) {
        const capital = capitalsValue(m[1]!);
        const arabic = Number(m[2]!.replaceAll(',', ''));
        const role = amountRole(line.slice(0, m.index));
        push('amounts', { value: arabic, role, file, page });
        if (capital !== arabic) push('amounts', { value: capital, role, file, page });
        paired.push([m.index, m.index + m[0].length]);
      }
      for (const m of line.matchAll(/(?<![\d.,￥¥])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(万)?元(?!整)/gu)) {
        if (paired.some(([s, e]) => m.index >= s && m.index < e)) continue;
        const number = Number(`${m[1]!.replaceAll(',', '')}${m[2] ?? ''}`);
        const value = Math.round(number * (m[3] ? 10_000 : 1) * 100) / 100;
        push('amounts', { value, role: amountRole(line.slice(0, m.index)), file, page });
      }
      for (const m of line.matchAll(CITATION)) {
        for (const ref of m[2]!.matchAll(new RegExp(REF, 'gu'))) {
          push('citations', {
            law: m[1]!,
            article: cnNumber(ref[1]!),
            clause: ref[2] ? cnNumber(ref[2]) : null,
            item: ref[3] ? cnNumber(ref[3]) : null,
            file,
            page,
          });
        }
      }
      for (const m of line.matchAll(OFFICER_WITH_CERT)) push('officers', { name: m[1]!, certificateNumber: m[2]!, file, page });
      const field = OFFICER_FIELD.exec(line);
      if (field) {
        for (const entry of field[1]!.split('、')) {
          const name = entry.trim();
          if (/^[\p{Script=Han}]{2,4}$/u.test(name)) push('officers', { name, certificateNumber: null, file, page });
        }
      }
      for (const m of line.matchAll(PARTY_LABEL)) push('parties', { name: m[1]!, file, page });
      const addressee = ADDRESSEE_DOCUMENTS.has(spec.type) ? ADDRESSEE.exec(line) : null;
      if (addressee && !NOT_NAMES.has(addressee[1]!)) push('parties', { name: addressee[1]!, file, page });
    }
  }
  return facts;
}

export function groundTruth(input: { slug: string; source: string; caseType: string; files: readonly WrittenFile[]; findings: readonly GroundTruthFinding[] }): GroundTruth {
  return { slug: input.slug, source: input.source, caseType: input.caseType, facts: factsOf(input.files), findings: [...input.findings] };
}
