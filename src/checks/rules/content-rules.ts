/**
 * Content rules of the machine pre-check (机检): what the decision and the other documents
 * say — the statutory elements of the 行政处罚决定书, the remedy clause, citations, amounts,
 * party names and identifiers, case numbers and template leftovers.
 *
 * Every rule reads the extracted facts (src/facts/types.ts) and the normalised page text, and
 * is conservative: it reports a finding only when the text shows the defect, says it cannot
 * decide when the document or fact it needs is missing, and passes otherwise. Every finding
 * quotes the raw text (a sentence or a line) it rests on.
 */
import type { AmountFact, CaseNumberFact, CitationFact, DateRole, DocumentInput, Evidence, PageInput, PartyFact } from '../../facts/types.js';
import type { CaseType, KeyDateName } from '../../domain/case-file.js';
import { checkCreditCode, checkIdCardNumber } from '../../domain/identifiers.js';
import { findLaw } from '../../facts/law-index.js';
import { documentTypeLabel } from '../../ingest/document-types.js';
import { normalizeForMatching, quoteRaw } from '../../text/normalize.js';
import { rawOffsetsOf } from '../../facts/page-text.js';
import { PENALTY_LAW_2021 } from '../parameters.js';
import { findMachineRule, type MachineRuleId } from '../rule-catalog.js';
import type { CheckContext, CheckRule, RuleFinding, RuleOutcome } from '../types.js';

// ---------------------------------------------------------------------------------------
// Shared helpers

const PENALTY_CASES: readonly CaseType[] = ['penalty_general', 'penalty_simple'];

function defineRule(
  id: MachineRuleId,
  parameters: readonly string[],
  check: (ctx: CheckContext) => RuleOutcome,
  caseTypes?: readonly CaseType[],
): CheckRule {
  const definition = findMachineRule(id);
  if (!definition) throw new Error(`unknown machine rule ${id}`);
  return { id, title: definition.title, basis: definition.basis, parameters, ...(caseTypes ? { caseTypes } : {}), check };
}

const PASS: RuleOutcome = { status: 'pass' };
const undecided = (reason: string): RuleOutcome => ({ status: 'undecided', reason });
const outcome = (findings: RuleFinding[]): RuleOutcome => (findings.length > 0 ? { status: 'findings', findings } : PASS);

const stripSpace = (s: string): string => s.replace(/\s+/g, '');

function docsOfType(ctx: CheckContext, ...types: string[]): DocumentInput[] {
  return ctx.documents.filter((d) => types.includes(d.type));
}

function hasText(doc: DocumentInput): boolean {
  return doc.pages.some((p) => p.normalized.trim().length > 0);
}

function docText(doc: DocumentInput): string {
  return doc.pages.map((p) => p.normalized).join('\n');
}

function docLabel(doc: DocumentInput | undefined): string {
  return doc ? documentTypeLabel(doc.type) : '文书';
}

function docById(ctx: CheckContext): Map<string, DocumentInput> {
  return new Map(ctx.documents.map((d) => [d.id, d]));
}

/** Evidence without the facts' extra fields (so findings stay small). */
function ev(fact: Evidence): Evidence {
  return { documentId: fact.documentId, page: fact.page, quote: fact.quote };
}

/** The raw text behind normalised [start, end) of a page (the normalised text when they do not match). */
function rawQuote(page: PageInput, start: number, end: number): string {
  const offsets = rawOffsetsOf(page);
  const quote = offsets ? quoteRaw(page.raw, offsets, start, end) : page.normalized.slice(start, end);
  return quote.trim();
}

const SENTENCE_END = '。！？；';
const isBoundary = (ch: string | undefined): boolean => ch === undefined || ch === '\n' || SENTENCE_END.includes(ch);

/** The sentence (or line) around [start, end), at most `reach` characters either side. */
function sentenceBounds(text: string, start: number, end: number, reach = 60): [number, number] {
  let s = start;
  while (s > 0 && !isBoundary(text[s - 1]) && start - s < reach) s--;
  let e = end;
  while (e < text.length && !isBoundary(text[e]) && e - end < reach) e++;
  if (e < text.length && SENTENCE_END.includes(text[e]!)) e++;
  return [s, e];
}

function evidenceAt(doc: DocumentInput, page: PageInput, start: number, end: number): Evidence {
  const [s, e] = sentenceBounds(page.normalized, start, end);
  return { documentId: doc.id, page: page.pageNumber, quote: rawQuote(page, s, e) };
}

/** Evidence for a document as a whole: its first non-empty line (usually the agency or title). */
function documentEvidence(doc: DocumentInput): Evidence {
  const page = doc.pages.find((p) => p.normalized.trim().length > 0) ?? doc.pages[0];
  if (!page) return { documentId: doc.id, page: 1, quote: doc.title ?? documentTypeLabel(doc.type) };
  const text = page.normalized;
  let start = 0;
  let chosen: [number, number] | null = null;
  for (const line of text.split('\n')) {
    if (!chosen && /[\u4e00-\u9fff].*[\u4e00-\u9fff]/.test(line)) chosen = [start, start + Math.min(line.length, 60)];
    start += line.length + 1;
  }
  const [s, e] = chosen ?? [0, Math.min(text.length, 60)];
  const quote = e > s ? rawQuote(page, s, e) : '';
  return { documentId: doc.id, page: page.pageNumber, quote: quote || doc.title || documentTypeLabel(doc.type) };
}

/**
 * The sentence a fact's quote sits in, normalised (for topic words), or the normalised quote
 * itself when it cannot be found on its page.
 */
function sentenceOfFact(ctx: CheckContext, fact: Evidence, reach = 150): string {
  const quote = normalizeForMatching(fact.quote);
  const doc = ctx.documents.find((d) => d.id === fact.documentId);
  const page = doc?.pages.find((p) => p.pageNumber === fact.page);
  if (!page || !quote) return quote;
  const at = page.normalized.indexOf(quote);
  if (at < 0) return quote;
  const [s, e] = sentenceBounds(page.normalized, at, at + quote.length, reach);
  return page.normalized.slice(s, e);
}

const CN_DIGITS = '零一二三四五六七八九';

/** 31 → 三十一, 124 → 一百二十四 (for messages). */
function cn(n: number): string {
  if (!Number.isInteger(n) || n < 0 || n >= 10000) return String(n);
  if (n < 10) return CN_DIGITS[n]!;
  if (n < 20) return `十${n % 10 ? CN_DIGITS[n % 10] : ''}`;
  const units = ['', '十', '百', '千'];
  const digits = String(n).split('').map(Number);
  let out = '';
  let zero = false;
  digits.forEach((d, i) => {
    const unit = units[digits.length - 1 - i]!;
    if (d === 0) {
      zero = true;
      return;
    }
    if (zero && out) out += '零';
    zero = false;
    out += CN_DIGITS[d]! + unit;
  });
  return out;
}

function yuan(n: number): string {
  const rounded = Math.round(n * 100) / 100;
  return `${Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(2)}元`;
}

const sameAmount = (a: number, b: number): boolean => Math.abs(a - b) < 0.005;

function distinctValues(amounts: readonly AmountFact[]): number[] {
  const out: number[] = [];
  for (const a of amounts) if (!out.some((v) => sameAmount(v, a.value))) out.push(a.value);
  return out.sort((x, y) => x - y);
}

// Dates --------------------------------------------------------------------------------

const DATE_ROLE_OF_TYPE: Record<string, DateRole> = {
  penalty_decision: 'decision',
  no_penalty_decision: 'decision',
  onsite_penalty_decision: 'decision',
  penalty_notice: 'notice',
  statement_record: 'statement',
  hearing_notice: 'hearing',
  hearing_record: 'hearing',
  service_receipt: 'service',
  closing_approval: 'closing',
  filing_approval: 'filing',
};

const METADATA_DATE_OF_ROLE: Partial<Record<DateRole, KeyDateName>> = {
  filing: 'filedOn',
  notice: 'notifiedOn',
  hearing: 'hearingOn',
  decision: 'decidedOn',
  service: 'servedOn',
  closing: 'closedOn',
};

const DECISION_TYPES = ['penalty_decision', 'no_penalty_decision', 'onsite_penalty_decision'];

function latest(values: readonly (string | null)[]): string | null {
  let best: string | null = null;
  for (const v of values) if (v && (!best || v > best)) best = v;
  return best;
}

/**
 * The date of a document: a date of the role its type has (决定日期 on a decision), else the
 * latest date written in it (the signature date is the last one), else the metadata's key date
 * for that role.
 */
function documentDate(ctx: CheckContext, doc: DocumentInput): string | null {
  const role = DATE_ROLE_OF_TYPE[doc.type];
  const inDoc = ctx.facts.dates.filter((d) => d.documentId === doc.id && d.value);
  const ofRole = latest(inDoc.filter((d) => role && d.role === role).map((d) => d.value));
  if (ofRole) return ofRole;
  const any = latest(inDoc.map((d) => d.value));
  if (any) return any;
  const key = role ? METADATA_DATE_OF_ROLE[role] : undefined;
  return (key && ctx.metadata?.dates[key]) || null;
}

/** The date of the penalty decision, or null when no date can be read. */
function decisionDate(ctx: CheckContext): string | null {
  const decisionIds = new Set(docsOfType(ctx, ...DECISION_TYPES).map((d) => d.id));
  const dated = ctx.facts.dates.filter((d) => d.value && d.role === 'decision');
  return (
    latest(dated.filter((d) => decisionIds.has(d.documentId)).map((d) => d.value)) ??
    latest(dated.map((d) => d.value)) ??
    ctx.metadata?.dates.decidedOn ??
    latest(ctx.facts.dates.filter((d) => d.value && decisionIds.has(d.documentId)).map((d) => d.value))
  );
}

// ---------------------------------------------------------------------------------------
// decision.statutory_elements

const AGENCY_LINE =
  /^[\u4e00-\u9fff（）()]{2,40}?(?:人民政府|政府|委员会|管理委员会|局|厅|委|大队|支队|总队|中队|执法队|管理处|管理所|管理站|办公室|中心)(?:[（(](?:印章|公章|盖章|章)[）)])?(?:\s*(?:19|20)\d{2}年.*)?$/;
const DATE_TEXT =
  /(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零一二三四五六七八九]{4}年[〇零一二三四五六七八九十]{1,3}月[〇零一二三四五六七八九十]{1,3}日|(?:19|20)\d{2}[.\-/]\d{1,2}[.\-/]\d{1,2}/;
const PENALTY_KINDS =
  /罚款|警告|通报批评|没收|责令停产停业|责令关闭|责令停业|暂扣|吊销|降低资质等级|限制开展生产经营活动|限制从业|行政拘留|停止营业/;

function sentencesOf(text: string): string[] {
  return text.split(/[。！？；\n]/).filter((s) => s.length > 0);
}

/**
 * The 行政处罚决定书 (art. 59) and the 当场行政处罚决定书 (art. 52: no address or evidence
 * required, but the place of the penalty; payment may be on the spot).
 */
function statutoryElements(ctx: CheckContext): RuleOutcome {
  const decisions = docsOfType(ctx, 'penalty_decision', 'onsite_penalty_decision');
  if (decisions.length === 0) return undecided('案卷中未找到行政处罚决定书（缺失由“必备文书齐全”规则报告）');
  const readable = decisions.filter(hasText);
  if (readable.length === 0) return undecided('行政处罚决定书没有可识别的文字，无法核对法定内容');
  const findings: RuleFinding[] = [];
  for (const doc of readable) {
    const text = docText(doc);
    const sentences = sentencesOf(text);
    const lines = text.split('\n');
    const missing: string[] = [];
    const onsite = doc.type === 'onsite_penalty_decision';
    const partyFacts = ctx.facts.parties.filter((p) => p.documentId === doc.id && p.name.trim());
    if (partyFacts.length === 0 && !/(?:当事人|被处罚人|被处罚单位|单位名称|名称|姓名)[：:]/.test(text)) missing.push('当事人名称（姓名）');
    if (!onsite && !/住所|住址|地址|经营场所/.test(text)) missing.push('当事人住所（地址）');
    if (!/经查|查明|经调查|违法事实|违法行为/.test(text)) missing.push('违法事实');
    if (!onsite && !/证据|为证|以上事实有|上述事实有/.test(text)) missing.push('证据');
    if (!sentences.some((s) => /决定|处以|给予|作出/.test(s) && PENALTY_KINDS.test(s))) missing.push('行政处罚的种类');
    const cited = ctx.facts.citations.some((c) => c.documentId === doc.id && c.article !== null);
    if (!cited && !sentences.some((s) => /依据|根据|依照|按照/.test(s) && /《[^》]+》|规定/.test(s))) missing.push('行政处罚的依据');
    // A warning or 通报批评 alone needs nothing performed; a fine or confiscation does.
    if (/罚款|没收|罚没/.test(text)) {
      const performance = sentences.some(
        (s) =>
          (/(?:十五|15)(?:日|天)(?:以)?内/.test(s) && /缴纳|缴至|缴清|缴款|交纳|履行/.test(s)) ||
          (onsite && /当场(?:缴纳|收缴|交纳)/.test(s)),
      );
      if (!performance) missing.push('履行方式和期限（如“自收到本决定书之日起十五日内缴纳罚款”）');
    }
    if (!/复议/.test(text)) missing.push('申请行政复议的途径和期限');
    if (!/诉讼/.test(text)) missing.push('提起行政诉讼的途径和期限');
    if (onsite && !/地点/.test(text)) missing.push('处罚地点');
    const agencyLines = lines.map((l, i) => (AGENCY_LINE.test(stripSpace(l)) ? i : -1)).filter((i) => i >= 0);
    if (agencyLines.length === 0) missing.push('作出决定的行政机关名称');
    const roleDate = ctx.facts.dates.some((d) => d.documentId === doc.id && d.role === 'decision' && d.value);
    const tailDate = lines.slice(-15).some((l) => DATE_TEXT.test(l));
    const dateAfterAgency = agencyLines.some((i) => DATE_TEXT.test(lines[i] ?? '') || DATE_TEXT.test(lines[i + 1] ?? ''));
    if (!roleDate && !tailDate && !dateAfterAgency) missing.push('作出决定的日期');
    const sealed = ctx.facts.seals.some((s) => s.documentId === doc.id && s.kind === 'seal');
    if (!sealed) missing.push('行政机关印章');
    if (missing.length > 0) {
      findings.push({
        message: `${docLabel(doc)}未载明或缺少《中华人民共和国行政处罚法》${onsite ? '第五十二条' : '第五十九条'}规定的内容：${missing.join('、')}`,
        evidence: [documentEvidence(doc)],
      });
    }
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// decision.remedy_clause

const GENERIC_BODY = /上一级|上级|本级|同级|有管辖权|所在地|当地|有关|相关|主管|XX|××|某某|[＿_]/;
const FULL_GOVERNMENT = /人民政府$/;
const DEPARTMENT = /(?:局|厅|委员会|部|署|办公室)$/;
const FULL_COURT = /(?:人民法院|铁路运输法院|海事法院|知识产权法院|金融法院|互联网法院)$/;

function reconsiderationBodyProblem(body: string): string | null {
  const name = stripSpace(body).replace(/^向/, '');
  if (GENERIC_BODY.test(name) || /^(?:人民政府|政府|复议机关|行政复议机关|行政复议机构)$/.test(name)) {
    return `行政复议机关写为“${name}”，未写明具体机关的全称`;
  }
  if (FULL_GOVERNMENT.test(name) || DEPARTMENT.test(name)) return null;
  if (/政府$/.test(name)) return `行政复议机关写为“${name}”，应写全称“…人民政府”`;
  return `行政复议机关写为“${name}”，未写明具体机关的全称`;
}

function courtProblem(court: string): string | null {
  const name = stripSpace(court).replace(/^向/, '');
  if (GENERIC_BODY.test(name) || /^(?:人民法院|法院)$/.test(name)) return `人民法院写为“${name}”，未写明具体法院的全称`;
  if (FULL_COURT.test(name)) return null;
  return `人民法院写为“${name}”，应写全称“…人民法院”`;
}

function remedyClause(ctx: CheckContext): RuleOutcome {
  const remedy = ctx.facts.remedy;
  const decisions = docsOfType(ctx, ...DECISION_TYPES).filter(hasText);
  if (!remedy) {
    if (decisions.length === 0) return undecided('案卷中未找到可识别文字的处罚决定书，无法核对救济途径和期限');
    const silent = decisions.find((d) => !/复议|诉讼/.test(docText(d)));
    if (silent) {
      return {
        status: 'findings',
        findings: [
          {
            message: `${docLabel(silent)}未告知申请行政复议、提起行政诉讼的途径和期限`,
            evidence: [documentEvidence(silent)],
          },
        ],
      };
    }
    return undecided('决定书提到复议或诉讼，但未能识别出救济条款的期限和机关');
  }

  const remedyDoc = ctx.documents.find((d) => d.id === remedy.documentId);
  const date = (remedyDoc && DECISION_TYPES.includes(remedyDoc.type) ? decisionDate(ctx) : null) ??
    (remedyDoc ? documentDate(ctx, remedyDoc) : null) ??
    decisionDate(ctx);
  const context = sentenceOfFact(ctx, remedy, 200);
  const problems: string[] = [];
  const notes: string[] = [];

  // 行政复议
  const expectedDays = ctx.parameter('reconsiderationDays', date) ?? 60;
  const remedyText = remedyDoc ? docText(remedyDoc) : normalizeForMatching(remedy.quote);
  if (remedy.reconsiderationDays === null && remedy.reconsiderationBody === null) {
    if (/复议/.test(remedyText)) notes.push('决定书提到行政复议，但未能识别复议期限和复议机关（可能跨页）');
    else problems.push('未告知申请行政复议的途径和期限');
  } else {
    if (remedy.reconsiderationDays === null) problems.push('未写明申请行政复议的期限');
    else if (remedy.reconsiderationDays !== expectedDays) {
      problems.push(`申请行政复议的期限写为${cn(remedy.reconsiderationDays)}日，应为${cn(expectedDays)}日（行政复议法）`);
    }
    if (remedy.reconsiderationBody === null) problems.push('未写明行政复议机关名称');
    else {
      const p = reconsiderationBodyProblem(remedy.reconsiderationBody);
      if (p) problems.push(p);
    }
  }

  // 行政诉讼
  const months = remedy.litigationMonths;
  if (months === null && remedy.litigationDays === null && remedy.court === null) {
    if (/诉讼|起诉/.test(remedyText)) notes.push('决定书提到行政诉讼，但未能识别起诉期限和人民法院（可能跨页）');
    else problems.push('未告知提起行政诉讼的途径和期限');
  } else {
    if (months !== null) {
      if (date) {
        const expected = ctx.parameter('litigationMonths', date);
        if (expected !== undefined && months !== expected) {
          problems.push(
            date >= '2015-05-01'
              ? `提起行政诉讼的期限写为${cn(months)}个月，决定日期${date}适用修正后的行政诉讼法第四十六条，应为${cn(expected)}个月`
              : `提起行政诉讼的期限写为${cn(months)}个月，决定日期${date}在2015年5月1日前，适用当时的行政诉讼法第三十九条，应为${cn(expected)}个月`,
          );
        }
      } else if (months !== 3 && months !== 6) {
        problems.push(`提起行政诉讼的期限写为${cn(months)}个月，与行政诉讼法规定不符`);
      } else if (months === 3) {
        notes.push('未能识别决定日期，无法判断“三个月”起诉期限是否为旧法表述（2015年5月1日起为六个月）');
      }
    } else if (remedy.litigationDays !== null) {
      // 十五日 is the time to sue after a review decision (行政诉讼法第四十五条), not for direct suit.
      const text = `${context}\n${remedyText}`;
      const afterReview = sentencesOf(text).some((s) => /复议决定/.test(s) && /(?:十五|15)日内/.test(s) && /诉讼|起诉/.test(s));
      if (!afterReview) {
        problems.push(
          `直接提起行政诉讼的期限写为${cn(remedy.litigationDays)}日，应为${cn(ctx.parameter('litigationMonths', date) ?? 6)}个月（十五日是经复议后起诉的期限）`,
        );
      }
    } else {
      problems.push('未写明提起行政诉讼的期限');
    }
    if (remedy.court === null) problems.push('未写明人民法院名称');
    else {
      const p = courtProblem(remedy.court);
      if (p) problems.push(p);
    }
  }

  if (problems.length > 0) {
    return { status: 'findings', findings: [{ message: `救济条款不规范：${problems.join('；')}`, evidence: [ev(remedy)] }] };
  }
  if (notes.length > 0) return undecided(notes.join('；'));
  return PASS;
}

// ---------------------------------------------------------------------------------------
// citation.specific

const DECISION_NOTICE_TYPES = new Set([...DECISION_TYPES, 'penalty_notice']);
/** Titles of normative documents that are cited by article (technical 标准 are not). */
const NORMATIVE_TITLE = /(?:法|条例|规定|办法|细则|规则|决定|实施意见)$/;

/** 第一百二十四条第一款第（五）项 (for messages). */
function articleRef(c: { article: number | null; clause: number | null; item: number | null }): string {
  return `${c.article !== null ? `第${cn(c.article)}条` : ''}${c.clause !== null ? `第${cn(c.clause)}款` : ''}${c.item !== null ? `第（${cn(c.item)}）项` : ''}`;
}

/** The article text quoted in the sentence lists items (有下列情形之一……（五）…). */
const QUOTES_ITEMS = /下列[^。]{0,40}[（(][一二三四五六七八九十]+[）)]/;

/**
 * Citations in decisions and notices that are less specific than they must be:
 * - the law title only (依据《…法》的规定, no 第X条);
 * - an article without the 款/项 that the same case cites elsewhere for the same article
 *   (第一百二十四条 here, 第一百二十四条第一款第（五）项 in the notice), or whose quoted text
 *   lists items (有下列情形之一……（五）…) while no 项 is named.
 */
function citationSpecific(ctx: CheckContext): RuleOutcome {
  const docs = ctx.documents.filter((d) => DECISION_NOTICE_TYPES.has(d.type));
  if (docs.length === 0) return undecided('案卷中未找到处罚决定书或告知书');
  if (!docs.some(hasText)) return undecided('处罚决定书、告知书没有可识别的文字');
  const byId = docById(ctx);
  const seen = new Set<string>();
  const findings: RuleFinding[] = [];
  const lawOf = (c: CitationFact) => lawKey(c.canonicalLaw ?? c.law);
  for (const c of ctx.facts.citations) {
    const doc = byId.get(c.documentId);
    if (!doc || !DECISION_NOTICE_TYPES.has(doc.type)) continue;
    // 裁量基准 are tables, cited as a whole; technical standards are cited by table or limit.
    if (c.kind === 'discretion_benchmark') continue;
    const title = stripSpace(c.law);
    if (!NORMATIVE_TITLE.test(title)) continue;
    let message: string | null = null;
    if (c.article === null) {
      message = `${docLabel(doc)}第${c.page}页引用《${c.law}》只写了名称，未写明具体条文（应具体到条、款、项）`;
    } else if (c.item === null) {
      const finer = ctx.facts.citations.find(
        (o) =>
          o !== c &&
          lawOf(o) === lawOf(c) &&
          o.article === c.article &&
          ((c.clause === null && o.clause !== null) || o.item !== null) &&
          (c.clause === null || o.clause === c.clause),
      );
      if (finer) {
        message = `${docLabel(doc)}第${c.page}页引用《${c.law}》${articleRef(c)}未写明款、项，${docLabel(byId.get(finer.documentId))}中引为${articleRef(finer)}`;
      } else if (QUOTES_ITEMS.test(sentenceOfFact(ctx, c, 200))) {
        message = `${docLabel(doc)}第${c.page}页引用《${c.law}》${articleRef(c)}，所引条文分项列举，但未写明适用的项`;
      }
    }
    if (!message) continue;
    const key = `${c.documentId}|${c.page}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    findings.push({ message, evidence: [ev(c)] });
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// citation.exists

const lawKey = (title: string): string => stripSpace(title).replace(/^中华人民共和国/, '');

/**
 * Number of articles of a few procedural laws, by the text in force from `from` (the date the
 * text took effect; the law index only has adoption dates and mostly the latest text). A cited
 * article beyond the last one does not exist in the text in force on the document's date. For
 * other indexed laws, an article beyond the largest article count of any indexed version.
 */
const ARTICLE_COUNTS: Record<string, readonly { from?: string; articles: number; text: string }[]> = {
  行政处罚法: [
    { articles: 64, text: '2017年修正文本' },
    { from: PENALTY_LAW_2021, articles: 86, text: '2021年修订文本' },
  ],
  行政复议法: [
    { articles: 43, text: '1999年文本' },
    { from: '2024-01-01', articles: 90, text: '2023年修订文本' },
  ],
  行政诉讼法: [
    { articles: 75, text: '1989年文本' },
    { from: '2015-05-01', articles: 103, text: '2014年修正后文本' },
  ],
  行政强制法: [{ articles: 71, text: '现行文本' }],
  行政许可法: [{ articles: 83, text: '现行文本' }],
};

/** Laws repealed on a date (and what replaced them). */
const REPEALED: Record<string, { on: string; by: string }> = {
  食品卫生法: { on: '2009-06-01', by: '《中华人民共和国食品安全法》' },
  合同法: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
  民法通则: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
  民法总则: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
  物权法: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
  担保法: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
  侵权责任法: { on: '2021-01-01', by: '《中华人民共和国民法典》' },
};

function articleCountOn(key: string, date: string | null): { articles: number; text: string } | null {
  const eras = ARTICLE_COUNTS[key];
  if (!eras) return null;
  if (!date) return eras.reduce((a, b) => (b.articles > a.articles ? b : a));
  let found: { articles: number; text: string } | null = null;
  for (const era of eras) if (!era.from || era.from <= date) found = era;
  return found;
}

function citationExists(ctx: CheckContext): RuleOutcome {
  if (ctx.facts.citations.length === 0) {
    return ctx.documents.some(hasText) ? PASS : undecided('案卷没有可识别的文字');
  }
  const byId = docById(ctx);
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const c of ctx.facts.citations) {
    // Local regulations and discretion benchmarks are not in the national index.
    if (c.kind === 'local_regulation' || c.kind === 'discretion_benchmark') continue;
    const doc = byId.get(c.documentId);
    const date = doc ? documentDate(ctx, doc) : null;
    const cited = stripSpace(c.law);
    const key = lawKey(c.canonicalLaw ?? c.law);
    const repealed = REPEALED[key];
    let message: string | null = null;
    if (repealed && date && date >= repealed.on) {
      message = `引用的《${c.law}》已于${repealed.on}废止（由${repealed.by}取代），文书日期为${date}`;
    } else if (c.canonicalLaw === null && (c.kind === 'law' || (/^中华人民共和国/.test(cited) && /法$/.test(cited)))) {
      message = `引用的《${c.law}》不是已知的法律名称，可能有错字、漏字或不是全称，请核对`;
    } else if (c.article !== null) {
      const count = articleCountOn(key, date);
      const indexed = count ? null : findLaw(c.canonicalLaw ?? c.law);
      const indexedMax = indexed ? Math.max(0, ...indexed.versions.map((v) => v.articles)) : 0;
      if (count && c.article > count.articles) {
        message = `《${c.canonicalLaw ?? c.law}》（${count.text}）共${cn(count.articles)}条，引用的第${cn(c.article)}条不存在`;
      } else if (indexed && indexedMax > 0 && c.article > indexedMax) {
        message = `《${indexed.fullTitle}》现行文本共${cn(indexedMax)}条，引用的第${cn(c.article)}条不存在`;
      }
    }
    if (!message) continue;
    const dedupe = `${c.documentId}|${c.page}|${message}`;
    if (seen.has(dedupe)) continue;
    seen.add(dedupe);
    findings.push({ message, evidence: [ev(c)] });
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// citation.law_version

/**
 * 行政处罚法 articles whose numbers changed in the 2021 revision (in force 2021-07-15). A
 * citation is flagged only when its sentence shows what it is cited for (`topics`) and does not
 * also show the meaning the same number has in the text in force (`otherMeaning`):
 *
 *   2017 text (before 2021-07-15)          2021 text (from 2021-07-15)
 *   第二十七条 从轻、减轻、不予处罚          第三十二条、第三十三条（第二十七条：移送司法机关）
 *   第三十一条 事先告知                      第四十四条（第三十一条：精神病人）
 *   第三十二条 陈述、申辩（与第三十一条同引） 第四十五条（第三十二条：从轻、减轻）
 *   第三十三条 简易程序（当场处罚）          第五十一条（第三十三条：不予处罚）
 *   第四十二条 听证                          第六十三条、第六十四条（第四十二条：执法人员两人）
 *   第四十四条 履行                          ← 2021 第四十四条 告知
 *   第四十五条 复议诉讼不停止执行            ← 2021 第四十五条 陈述、申辩
 *   第五十一条 逾期加处罚款                  ← 2021 第五十一条 简易程序
 *   （2017 text has 64 articles）            ← 2021 第六十三条、第六十四条 听证
 */
interface RenumberedArticle {
  article: number;
  /** The era in which citing this number for this topic is outdated (or premature). */
  wrongIn: 'from2021' | 'before2021';
  topics: RegExp;
  otherMeaning: RegExp | null;
  /** What should be cited instead. */
  instead: string;
}

const PENALTY_LAW_RENUMBERED: readonly RenumberedArticle[] = [
  { article: 27, wrongIn: 'from2021', topics: /从轻|减轻|不予(?:行政)?处罚/, otherMeaning: /移送|司法机关|刑事|犯罪/, instead: '第三十二条或第三十三条' },
  { article: 31, wrongIn: 'from2021', topics: /告知/, otherMeaning: /精神病|智力残疾/, instead: '第四十四条' },
  // Cited with 第三十一条 in the 2017-style 告知 sentence (事先告知 and 陈述申辩 together).
  { article: 32, wrongIn: 'from2021', topics: /告知|陈述|申辩/, otherMeaning: /从轻|减轻/, instead: '第四十五条' },
  { article: 33, wrongIn: 'from2021', topics: /简易程序|当场(?:作出|处罚)/, otherMeaning: /不予|首违|初次/, instead: '第五十一条' },
  { article: 42, wrongIn: 'from2021', topics: /听证/, otherMeaning: /执法人员|两人|二人/, instead: '第六十三条、第六十四条' },
  { article: 44, wrongIn: 'before2021', topics: /告知|陈述|申辩/, otherMeaning: /履行/, instead: '第三十一条' },
  { article: 45, wrongIn: 'before2021', topics: /告知|陈述|申辩/, otherMeaning: /停止执行|复议|诉讼/, instead: '第三十二条' },
  { article: 51, wrongIn: 'before2021', topics: /简易程序|当场(?:作出|处罚)/, otherMeaning: /加处|逾期|百分之三/, instead: '第三十三条' },
  { article: 63, wrongIn: 'before2021', topics: /听证/, otherMeaning: null, instead: '第四十二条' },
  { article: 64, wrongIn: 'before2021', topics: /听证/, otherMeaning: null, instead: '第四十二条' },
];

/** Words that show the author cites a particular version on purpose (从旧兼从轻). */
const EXPLICIT_VERSION = /(?:2017|2009|1996|2021)年?(?:修正|修订|文本)|修订前|修正前|原《/;

function isPenaltyLaw(c: CitationFact): boolean {
  return lawKey(c.canonicalLaw ?? c.law) === '行政处罚法';
}

function citationLawVersion(ctx: CheckContext): RuleOutcome {
  const cited = ctx.facts.citations.filter((c) => isPenaltyLaw(c) && c.article !== null);
  if (cited.length === 0) return PASS;
  const byId = docById(ctx);
  const grouped = new Map<string, { doc: DocumentInput; date: string; entries: RenumberedArticle[]; evidence: Evidence }>();
  let undated = 0;
  for (const c of cited) {
    const doc = byId.get(c.documentId);
    if (!doc) continue;
    const candidates = PENALTY_LAW_RENUMBERED.filter((r) => r.article === c.article);
    if (candidates.length === 0) continue;
    const date = documentDate(ctx, doc);
    if (!date) {
      undated++;
      continue;
    }
    const era = date >= PENALTY_LAW_2021 ? 'from2021' : 'before2021';
    const sentence = sentenceOfFact(ctx, c);
    if (EXPLICIT_VERSION.test(sentence)) continue;
    for (const r of candidates) {
      if (r.wrongIn !== era || !r.topics.test(sentence) || (r.otherMeaning && r.otherMeaning.test(sentence))) continue;
      const key = `${doc.id}|${c.page}|${sentence}`;
      const group = grouped.get(key) ?? { doc, date, entries: [], evidence: ev(c) };
      if (!group.entries.includes(r)) group.entries.push(r);
      grouped.set(key, group);
    }
  }
  const findings: RuleFinding[] = [...grouped.values()].map(({ doc, date, entries, evidence }) => {
    const articles = entries.map((r) => `第${cn(r.article)}条`).join('、');
    const instead = [...new Set(entries.map((r) => r.instead))].join('、');
    const message =
      date >= PENALTY_LAW_2021
        ? `${docLabel(doc)}（${date}）引用行政处罚法${articles}，是2021年7月15日修订施行前的条文序号，现行文本应为${instead}`
        : `${docLabel(doc)}（${date}）引用行政处罚法${articles}，是2021年修订后的条文序号，文书日期时施行的文本应为${instead}`;
    return { message, evidence: [evidence] };
  });
  if (findings.length > 0) return { status: 'findings', findings };
  if (undated > 0) return undecided('引用行政处罚法条文的文书未能识别日期，无法判断适用的法律版本');
  return PASS;
}

// ---------------------------------------------------------------------------------------
// Fines: decision, notice, payment receipt

/** A statutory range (处十万元以上一百万元以下的罚款, 一倍以上五倍以下), not an amount imposed. */
const RANGE = /[元倍](?:以上|以下)|以上[^。；]{0,20}以下/;

function finesIn(ctx: CheckContext, docIds: Set<string>, excludeProposed: boolean): AmountFact[] {
  return ctx.facts.amounts.filter(
    (a) =>
      a.role === 'fine' &&
      docIds.has(a.documentId) &&
      !RANGE.test(a.quote) &&
      // In a decision, 拟… is the proposal quoted from the notice, not what is decided.
      !(excludeProposed && /拟/.test(a.quote)),
  );
}

function notHeavierThanNotice(ctx: CheckContext): RuleOutcome {
  const decisions = docsOfType(ctx, 'penalty_decision');
  const notices = docsOfType(ctx, 'penalty_notice');
  if (decisions.length === 0) return undecided('案卷中未找到行政处罚决定书');
  if (notices.length === 0) return undecided('案卷中未找到行政处罚事先（听证）告知书');
  const decided = finesIn(ctx, new Set(decisions.map((d) => d.id)), true);
  const proposed = finesIn(ctx, new Set(notices.map((d) => d.id)), false);
  if (decided.length === 0) return PASS; // no fine decided: not heavier in amount
  const decidedValues = distinctValues(decided);
  if (proposed.length === 0) {
    const silent = notices.filter(hasText).find((n) => !/罚款/.test(docText(n)));
    if (silent && notices.filter(hasText).every((n) => !/罚款/.test(docText(n)))) {
      return {
        status: 'findings',
        findings: [
          {
            message: `告知书未告知拟处罚款，决定书却处以罚款${decidedValues.map(yuan).join('、')}`,
            evidence: [ev(decided[0]!), documentEvidence(silent)],
          },
        ],
      };
    }
    return undecided('告知书中未识别到拟处罚款数额');
  }
  const maxProposed = Math.max(...distinctValues(proposed));
  const minDecided = decidedValues[0]!;
  const proposedFact = proposed.find((a) => sameAmount(a.value, maxProposed))!;
  if (minDecided > maxProposed + 0.005) {
    const decidedFact = decided.find((a) => sameAmount(a.value, minDecided))!;
    return {
      status: 'findings',
      findings: [
        {
          message: `决定书罚款${yuan(minDecided)}，高于告知书拟处罚款${yuan(maxProposed)}（不得因陈述申辩加重处罚；加重应重新告知）`,
          evidence: [ev(decidedFact), ev(proposedFact)],
        },
      ],
    };
  }
  if (decidedValues.length > 1 && decidedValues.some((v) => v > maxProposed + 0.005)) {
    return undecided(`决定书中有多个罚款金额（${decidedValues.map(yuan).join('、')}），无法确定决定的罚款数额`);
  }
  return PASS;
}

/** The penalty decision, else the on-the-spot decision (simple procedure). */
function decisionDocuments(ctx: CheckContext): DocumentInput[] {
  const decisions = docsOfType(ctx, 'penalty_decision');
  return decisions.length > 0 ? decisions : docsOfType(ctx, 'onsite_penalty_decision');
}

/** A total of the fine and the confiscated money as written in a decision (罚没款合计…). */
const TOTAL_WORDS = /合计|共计|总计/;

function amountsConsistent(ctx: CheckContext): RuleOutcome {
  const decisions = decisionDocuments(ctx);
  const receipts = docsOfType(ctx, 'payment_receipt');
  if (decisions.length === 0) return undecided('案卷中未找到行政处罚决定书');
  if (receipts.length === 0) return undecided('案卷中未找到罚没款票据');
  const decisionIds = new Set(decisions.map((d) => d.id));
  const decidedFacts = finesIn(ctx, decisionIds, true);
  const decided = distinctValues(decidedFacts);
  if (decided.length === 0) return undecided('决定书中未识别到罚款金额');
  if (decided.length > 1) return undecided(`决定书中有多个罚款金额（${decided.map(yuan).join('、')}），无法确定决定的罚款数额`);
  const fine = decided[0]!;
  const decidedFact = decidedFacts.find((a) => sameAmount(a.value, fine))!;
  // What a receipt may show: the fine; the fine plus the money confiscated (没收违法所得 …);
  // a total the decision itself writes (罚没款合计).
  const confiscated = distinctValues(
    ctx.facts.amounts.filter(
      (a) =>
        decisionIds.has(a.documentId) &&
        (a.role === 'illegal_gains' || a.role === 'confiscation') &&
        /没收/.test(a.quote) &&
        !/拟|核减|由/.test(a.quote) &&
        !RANGE.test(a.quote),
    ),
  );
  const totalFacts = ctx.facts.amounts.filter((a) => decisionIds.has(a.documentId) && a.role !== 'fine' && TOTAL_WORDS.test(a.quote) && /罚/.test(a.quote));
  const expected = [fine];
  if (confiscated.length > 0) expected.push(fine + confiscated.reduce((sum, v) => sum + v, 0));
  for (const t of totalFacts) expected.push(t.value);
  const receiptIds = new Set(receipts.map((d) => d.id));
  const onReceipts = ctx.facts.amounts.filter(
    (a) => receiptIds.has(a.documentId) && a.role !== 'late_fee' && a.role !== 'goods_value' && a.role !== 'investment',
  );
  if (onReceipts.length === 0) return undecided('罚没款票据中未识别到金额');
  const matches = (v: number) => expected.some((e) => sameAmount(e, v));
  if (onReceipts.some((a) => matches(a.value))) return PASS;
  // Instalments (分期缴纳): one amount on each receipt adding up to the fine.
  const perReceipt = receipts.map((r) => distinctValues(onReceipts.filter((a) => a.documentId === r.id)));
  if (perReceipt.every((v) => v.length <= 1) && matches(perReceipt.reduce((sum, v) => sum + (v[0] ?? 0), 0))) return PASS;
  const receiptValues = distinctValues(onReceipts);
  const total = totalFacts[0]?.value ?? (confiscated.length > 0 ? expected[1]! : null);
  const decisionSide = total !== null ? `罚没款合计${yuan(total)}（其中罚款${yuan(fine)}）` : `罚款${yuan(fine)}`;
  return {
    status: 'findings',
    findings: [
      {
        message: `决定书${decisionSide}，罚没款票据金额为${receiptValues.map(yuan).join('、')}，两者不一致`,
        evidence: [ev(totalFacts[0] ?? decidedFact), ev(onReceipts[0]!)],
      },
    ],
  };
}

function figuresAgree(ctx: CheckContext): RuleOutcome {
  const findings: RuleFinding[] = [];
  for (const a of ctx.facts.amounts) {
    if (a.pairedValue === null || sameAmount(a.pairedValue, a.value)) continue;
    const [capital, arabic] = a.form === 'capital' ? [a.value, a.pairedValue] : [a.pairedValue, a.value];
    findings.push({
      message: `金额大写为${yuan(capital)}，小写（阿拉伯数字）为${yuan(arabic)}，大小写不一致`,
      evidence: [ev(a)],
    });
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// Parties

class NameClusters {
  private readonly parent = new Map<string, string>();

  find(name: string): string {
    let root = name;
    while (this.parent.has(root) && this.parent.get(root) !== root) root = this.parent.get(root)!;
    this.parent.set(name, root);
    return root;
  }

  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent.set(rb, ra);
  }
}

interface PartyIndex {
  clusters: NameClusters;
  /** Party facts with a non-empty name, by document, in document order. */
  byDoc: Map<string, PartyFact[]>;
}

/**
 * Party names by document. Names of an individual business (字号 and 经营者) that appear in the
 * same document count as one party.
 */
/**
 * Fields that name someone other than the party: the person questioned (often an employee or
 * the legal representative of a company), agents, witnesses, drivers.
 */
const NOT_PARTY_FIELD = /^\s*(?:被询问人|被调查人|询问对象|证人|见证人|委托代理人|代理人|法定代表人|负责人|经营者|驾驶员|陪同人)/;

function indexParties(ctx: CheckContext): PartyIndex {
  const clusters = new NameClusters();
  const byDoc = new Map<string, PartyFact[]>();
  for (const p of ctx.facts.parties) {
    const name = stripSpace(p.name);
    if (!name || NOT_PARTY_FIELD.test(normalizeForMatching(p.quote))) continue;
    clusters.find(name);
    const list = byDoc.get(p.documentId) ?? [];
    list.push(p);
    byDoc.set(p.documentId, list);
  }
  for (const list of byDoc.values()) {
    if (!list.some((p) => p.kind === 'individual_business')) continue;
    const first = stripSpace(list[0]!.name);
    for (const p of list) clusters.union(first, stripSpace(p.name));
  }
  return { clusters, byDoc };
}

function nameConsistent(ctx: CheckContext): RuleOutcome {
  const { clusters, byDoc } = indexParties(ctx);
  if (byDoc.size === 0) return undecided('未识别到当事人名称');
  const byId = docById(ctx);
  const docIds = [...byDoc.keys()];
  // The reference: the names on the decision (penalty, on-the-spot, seizure, licence); else the
  // party named in most documents.
  const decisionIds = docIds.filter((id) => NUMBERED_DECISION_TYPES.includes(byId.get(id)?.type ?? ''));
  let reference: Set<string>;
  let referenceFact: PartyFact;
  if (decisionIds.length > 0) {
    const facts = decisionIds.flatMap((id) => byDoc.get(id)!);
    reference = new Set(facts.map((p) => clusters.find(stripSpace(p.name))));
    referenceFact = facts[0]!;
  } else {
    const counts = new Map<string, number>();
    for (const list of byDoc.values()) for (const root of new Set(list.map((p) => clusters.find(stripSpace(p.name))))) counts.set(root, (counts.get(root) ?? 0) + 1);
    const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]);
    if (ranked.length > 1 && ranked[0]![1] === ranked[1]![1]) {
      return {
        status: 'findings',
        findings: [
          {
            message: `各文书中的当事人名称不一致：${ranked.map(([root]) => `“${root}”`).join('、')}`,
            evidence: ranked.map(([root]) => ev(ctx.facts.parties.find((p) => clusters.find(stripSpace(p.name)) === root)!)),
          },
        ],
      };
    }
    reference = new Set([ranked[0]![0]]);
    referenceFact = ctx.facts.parties.find((p) => reference.has(clusters.find(stripSpace(p.name))))!;
  }
  const findings: RuleFinding[] = [];
  for (const [id, list] of byDoc) {
    // A document that also names the reference party may name others (代理人, 经营者): not flagged.
    if (list.some((p) => reference.has(clusters.find(stripSpace(p.name))))) continue;
    const names = [...new Set(list.map((p) => stripSpace(p.name)))];
    findings.push({
      message: `${docLabel(byId.get(id))}中的当事人名称为${names.map((n) => `“${n}”`).join('、')}，与${docLabel(byId.get(referenceFact.documentId))}中的“${stripSpace(referenceFact.name)}”不一致`,
      evidence: [ev(list[0]!), ev(referenceFact)],
    });
  }
  return outcome(findings);
}

const normalizeIdentifier = (s: string): string => stripSpace(s).toUpperCase();

function identifierValid(ctx: CheckContext): RuleOutcome {
  const withId = ctx.facts.parties.filter((p) => p.creditCode || p.idNumber);
  if (withId.length === 0) return undecided('未识别到统一社会信用代码或身份证号码');
  const grouped = new Map<string, { message: string; facts: PartyFact[]; identifier: string }>();
  for (const p of withId) {
    if (p.identifierValid !== false) continue;
    const problems: string[] = [];
    if (p.creditCode) {
      const code = normalizeIdentifier(p.creditCode);
      const problem = checkCreditCode(code);
      if (problem === 'length') problems.push(`统一社会信用代码“${code}”不是18位`);
      else if (problem === 'alphabet') problems.push(`统一社会信用代码“${code}”含有不允许的字符（不使用I、O、Z、S、V）`);
      else if (problem === 'check_digit') problems.push(`统一社会信用代码“${code}”校验位错误（GB 32100-2015）`);
    }
    if (p.idNumber) {
      const id = normalizeIdentifier(p.idNumber);
      const problem = checkIdCardNumber(id);
      if (problem === 'format') problems.push(`身份证号码“${id}”不是18位`);
      else if (problem === 'birth_date') problems.push(`身份证号码“${id}”中的出生日期不存在`);
      else if (problem === 'check_digit') problems.push(`身份证号码“${id}”校验位错误（GB 11643-1999）`);
    }
    if (problems.length === 0) {
      problems.push(`${p.creditCode ? `统一社会信用代码“${normalizeIdentifier(p.creditCode)}”` : `身份证号码“${normalizeIdentifier(p.idNumber ?? '')}”`}校验不通过`);
    }
    const key = problems.join('；');
    const group = grouped.get(key) ?? {
      message: `当事人“${stripSpace(p.name)}”的${key}`,
      facts: [],
      identifier: normalizeIdentifier(p.creditCode ?? p.idNumber ?? ''),
    };
    group.facts.push(p);
    grouped.set(key, group);
  }
  // One finding per identifier; the quotes that show it first.
  const findings = [...grouped.values()].map(({ message, facts, identifier }) => {
    const shows = (p: PartyFact) => stripSpace(p.quote).toUpperCase().includes(identifier);
    const ordered = [...facts.filter(shows), ...facts.filter((p) => !shows(p))];
    const docs = new Set(facts.map((p) => p.documentId)).size;
    return { message: docs > 1 ? `${message}（出现在${docs}份文书中）` : message, evidence: ordered.slice(0, 3).map(ev) };
  });
  return outcome(findings);
}

function identifierConsistent(ctx: CheckContext): RuleOutcome {
  const { clusters } = indexParties(ctx);
  const withId = ctx.facts.parties.filter((p) => stripSpace(p.name) && (p.creditCode || p.idNumber));
  if (withId.length === 0) return undecided('未识别到统一社会信用代码或身份证号码');
  const byId = docById(ctx);
  const findings: RuleFinding[] = [];
  const kinds = [
    { field: 'creditCode', label: '统一社会信用代码' },
    { field: 'idNumber', label: '身份证号码' },
  ] as const;
  const roots = [...new Set(withId.map((p) => clusters.find(stripSpace(p.name))))];
  for (const root of roots) {
    const facts = withId.filter((p) => clusters.find(stripSpace(p.name)) === root);
    for (const { field, label } of kinds) {
      const values = new Map<string, PartyFact>();
      for (const p of facts) {
        const v = p[field];
        if (v && !values.has(normalizeIdentifier(v))) values.set(normalizeIdentifier(v), p);
      }
      if (values.size < 2) continue;
      const list = [...values.entries()].map(([v, p]) => `${v}（${docLabel(byId.get(p.documentId))}）`).join('、');
      findings.push({
        message: `当事人“${root}”的${label}在各文书中不一致：${list}`,
        evidence: [...values.values()].map(ev),
      });
    }
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// Case numbers

const CASE_NUMBER_PROBLEMS: Record<string, string> = {
  ascii_brackets: '年份使用了半角括号，应使用六角括号“〔〕”',
  missing_year: '缺少年份（应形如〔2024〕）',
  missing_prefix: '缺少机关代字和文书类型',
  missing_serial: '缺少发文顺序号',
  missing_hao: '缺少“号”字',
};

/**
 * Documents whose numbers are other bodies' (a lab report, a licence, a party's answer in a
 * record): their format is not the agency's to get right.
 */
const FOREIGN_NUMBER_DOCUMENTS = new Set(['evidence', 'other', 'license_application', 'sampling_record', 'inquiry_record']);
/** Words before a number that introduce it (案号为〔2024〕17号) rather than being part of it. */
const NUMBER_INTRO = /[为是即：:号\s（(“]$/;

function caseNumberFormat(ctx: CheckContext): RuleOutcome {
  if (ctx.facts.caseNumbers.length === 0) return undecided('未识别到案号或文号');
  const byId = docById(ctx);
  const grouped = new Map<string, { value: string; problems: string[]; facts: CaseNumberFact[] }>();
  for (const n of ctx.facts.caseNumbers) {
    const doc = byId.get(n.documentId);
    if (doc && FOREIGN_NUMBER_DOCUMENTS.has(doc.type)) continue;
    let problemCodes = n.problems;
    if (problemCodes.includes('missing_prefix')) {
      // 江南危化经〔2022〕0035号 read as 〔2022〕0035号: the text has a prefix the extractor did not take.
      const quote = normalizeForMatching(n.quote);
      const at = quote.indexOf(n.value);
      if (at > 0 && /[\u4e00-\u9fff]/.test(quote[at - 1]!) && !NUMBER_INTRO.test(quote.slice(0, at))) {
        problemCodes = problemCodes.filter((p) => p !== 'missing_prefix');
      }
    }
    const problems = problemCodes.map((p) => CASE_NUMBER_PROBLEMS[p] ?? p);
    // GB/T 9704-2012 7.2.4: the year in 六角括号.
    if (!problemCodes.includes('ascii_brackets') && /[【［\[]\s*(?:19|20)\d{2}\s*[】］\]]/.test(n.value)) problems.push('年份应使用六角括号“〔〕”');
    if (problems.length === 0) continue;
    const key = caseNumberKey(n.value);
    const group = grouped.get(key) ?? { value: n.value, problems, facts: [] };
    group.facts.push(n);
    grouped.set(key, group);
  }
  const findings = [...grouped.values()].map(({ value, problems, facts }) => {
    const docs = [...new Set(facts.map((f) => f.documentId))];
    const firstPerDoc = docs.map((id) => facts.find((f) => f.documentId === id)!);
    return {
      message: `文号“${value}”格式不规范：${problems.join('；')}（见${docs.map((id) => docLabel(byId.get(id))).join('、')}）`,
      evidence: firstPerDoc.slice(0, 5).map(ev),
    };
  });
  return outcome(findings);
}

function caseNumberKey(value: string): string {
  return stripSpace(value).toUpperCase();
}

const NUMBERED_DECISION_TYPES = ['penalty_decision', 'no_penalty_decision', 'onsite_penalty_decision', 'seizure_decision', 'license_decision'];

function caseNumberConsistent(ctx: CheckContext): RuleOutcome {
  const byId = docById(ctx);
  // The case's main decision: penalty, no-penalty, on-the-spot, seizure or licence decision.
  const mainType = NUMBERED_DECISION_TYPES.find((t) => ctx.documents.some((d) => d.type === t));
  const decisionIds = new Set(mainType ? docsOfType(ctx, mainType).map((d) => d.id) : []);
  if (decisionIds.size === 0) return undecided('案卷中未找到决定书');
  const ownNumbers = ctx.facts.caseNumbers
    .filter((n) => decisionIds.has(n.documentId))
    .map((n, i) => ({ n, i }))
    .sort((a, b) => a.n.page - b.n.page || a.i - b.i);
  const decision = ownNumbers[0]?.n;
  if (!decision) return undecided(`${documentTypeLabel(mainType ?? '')}中未识别到文号`);
  const decisionLabel = docLabel(byId.get(decision.documentId));
  const prefix = decision.prefix ? stripSpace(decision.prefix) : null;
  if (!prefix) return undecided(`决定书文号“${decision.value}”缺少机关代字，无法与其他文书中的文号对应`);
  const targets = new Set(docsOfType(ctx, 'service_receipt', 'payment_receipt', 'closing_approval').map((d) => d.id));
  if (targets.size === 0) return undecided('案卷中未找到送达回证、罚没款票据或结案审批表');
  const compared = ctx.facts.caseNumbers.filter((n) => targets.has(n.documentId) && n.prefix && stripSpace(n.prefix) === prefix);
  if (compared.length === 0) return undecided(`送达回证、罚没款票据、结案审批表中未找到与决定书文号“${decision.value}”同类的文号`);
  const findings: RuleFinding[] = [];
  const seen = new Set<string>();
  for (const n of compared) {
    if (caseNumberKey(n.value) === caseNumberKey(decision.value)) continue;
    const key = `${n.documentId}|${caseNumberKey(n.value)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const sameOtherwise = n.year === decision.year && n.serial !== null && n.serial === decision.serial;
    findings.push({
      message: `${docLabel(byId.get(n.documentId))}中的决定书文号为“${n.value}”，与${decisionLabel}文号“${decision.value}”不一致${sameOtherwise ? '（括号或写法不同）' : ''}`,
      evidence: [ev(n), ev(decision)],
    });
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------
// text.template_leftovers

interface LeftoverPattern {
  label: string;
  re: RegExp;
  /** Only these document types. */
  only?: readonly string[];
  /** Not these document types. */
  except?: readonly string[];
  /** Further test on the page text around a match. */
  accept?: (text: string, start: number, end: number) => boolean;
}

/** Documents the agency does not write: third-party evidence, applications, unrecognised papers. */
const NOT_AGENCY_DOCUMENTS = new Set(['evidence', 'license_application', 'other']);

const VALUE_SLOT_BEFORE = /[第〔]$/;
const VALUE_SLOT_AFTER = /^[号年月日元条款项字]/;
const HISTORY_WORDS = /立案|调查|检查|发现|举报|投诉|线索|移送|一案|案件|告知书|拟/;

const LEFTOVER_PATTERNS: readonly LeftoverPattern[] = [
  { label: '未按当事人类型修改的称谓', re: /你(?:单位)?[（(](?:单位|个人)[）)]/g },
  {
    label: '未填写的空白横线',
    // ＿ is folded to _ by normalisation. Three or more, or two in a value slot (＿＿年＿＿月).
    re: /_{2,}/g,
    accept: (text, start, end) =>
      end - start >= 3 || VALUE_SLOT_BEFORE.test(text.slice(Math.max(0, start - 1), start)) || VALUE_SLOT_AFTER.test(text.slice(end, end + 1)),
  },
  {
    label: '未填写的空括号',
    re: /【\s*】|〔\s*〕|[（(]\s*[）)]/g,
    accept: (text, start, end) => {
      const m = text.slice(start, end);
      if (m.startsWith('【') || m.startsWith('〔')) return true;
      return VALUE_SLOT_BEFORE.test(text.slice(Math.max(0, start - 1), start)) || VALUE_SLOT_AFTER.test(text.slice(end, end + 1));
    },
  },
  {
    label: '模板占位符',
    re: /X{2,}|x{2,}|×{2,}/g,
    accept: (text, start, end) => {
      // Not inside a credit code or other identifier (a long run of letters and digits), and
      // not part of a word (XXL).
      let s = start;
      while (s > 0 && /[A-Za-z0-9]/.test(text[s - 1]!)) s--;
      let e = end;
      while (e < text.length && /[A-Za-z0-9]/.test(text[e]!)) e++;
      if (e - s >= 10) return false;
      return !/[A-Za-z]/.test(text[start - 1] ?? '') && !/[A-Za-z]/.test(text[end] ?? '');
    },
  },
  {
    label: '定案文书结论中的“涉嫌”',
    re: /涉嫌(?:违反|违法)/g,
    only: DECISION_TYPES,
    // 本局对你单位涉嫌违反…一案立案调查: the history of the case, not its conclusion.
    accept: (text, start, end) => {
      const [s, e] = sentenceBounds(text, start, end, 150);
      return !HISTORY_WORDS.test(text.slice(s, e));
    },
  },
  { label: '模板提示语', re: /此处填写|请填写|在此填写/g, except: ['service_address_confirmation'] },
];

function templateLeftovers(ctx: CheckContext): RuleOutcome {
  const docs = ctx.documents.filter((d) => !NOT_AGENCY_DOCUMENTS.has(d.type) && hasText(d));
  if (docs.length === 0) return undecided('案卷没有可识别文字的执法文书');
  const findings: RuleFinding[] = [];
  for (const doc of docs) {
    for (const pattern of LEFTOVER_PATTERNS) {
      if (pattern.only && !pattern.only.includes(doc.type)) continue;
      if (pattern.except?.includes(doc.type)) continue;
      const hits: { page: PageInput; start: number; end: number; text: string }[] = [];
      for (const page of doc.pages) {
        const text = page.normalized;
        for (const m of text.matchAll(pattern.re)) {
          const start = m.index;
          const end = start + m[0].length;
          if (pattern.accept && !pattern.accept(text, start, end)) continue;
          hits.push({ page, start, end, text: m[0] });
        }
      }
      if (hits.length === 0) continue;
      const shown = [...new Set(hits.map((h) => h.text))].slice(0, 3).map((t) => `“${t}”`).join('、');
      const pages = [...new Set(hits.map((h) => h.page.pageNumber))].join('、');
      findings.push({
        message: `${docLabel(doc)}第${pages}页有${pattern.label}：${shown}${hits.length > 1 ? `，共${hits.length}处` : ''}`,
        evidence: hits.slice(0, 5).map((h) => evidenceAt(doc, h.page, h.start, h.end)),
      });
    }
  }
  return outcome(findings);
}

// ---------------------------------------------------------------------------------------

export const CONTENT_RULES: CheckRule[] = [
  defineRule('decision.statutory_elements', [], statutoryElements, PENALTY_CASES),
  defineRule('decision.remedy_clause', ['reconsiderationDays', 'litigationMonths'], remedyClause),
  defineRule('citation.specific', [], citationSpecific, PENALTY_CASES),
  defineRule('citation.exists', [], citationExists),
  defineRule('citation.law_version', [], citationLawVersion),
  // The simple procedure has no prior notice to compare with.
  defineRule('decision.not_heavier_than_notice', [], notHeavierThanNotice, ['penalty_general']),
  defineRule('decision.amounts_consistent', [], amountsConsistent, PENALTY_CASES),
  defineRule('amounts.figures_agree', [], figuresAgree),
  defineRule('party.name_consistent', [], nameConsistent),
  defineRule('party.identifier_valid', [], identifierValid),
  defineRule('party.identifier_consistent', [], identifierConsistent),
  defineRule('case_number.format', [], caseNumberFormat),
  defineRule('case_number.consistent', [], caseNumberConsistent),
  defineRule('text.template_leftovers', [], templateLeftovers),
];

