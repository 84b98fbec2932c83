/**
 * Procedure rules of the machine pre-check: required documents, officers, the order of the
 * key dates, the statutory periods (90 days to decide, 7 working days to serve, 5 working days
 * to state a defence, 7 working days' hearing notice), the hearing right, the simple-procedure
 * limit, and legal review / collective discussion for major decisions.
 *
 * A document's date is read from the extracted date facts of that document: the last date whose
 * role is the document's own role (立案审批表 → filing, 告知书 → notice …), else the last date
 * with no role (the date above the seal usually ends the document). Dates with another role
 * (“我局于…立案” in a decision) are never taken for the document's own date.
 */
import { PARTY_KINDS, type PartyKind } from '../../domain/case-file.js';
import type { AmountFact, DateFact, DateRole, DocumentInput, Evidence, OfficerFact } from '../../facts/types.js';
import { documentTypeLabel } from '../../ingest/document-types.js';
import { findMachineRule } from '../rule-catalog.js';
import type { CheckContext, CheckRule, RuleFinding, RuleOutcome } from '../types.js';
import { calendarDaysBetween } from '../working-days.js';

// ---------------------------------------------------------------------------------------------
// Small helpers

const PASS: RuleOutcome = { status: 'pass' };
const undecided = (reason: string): RuleOutcome => ({ status: 'undecided', reason });
const outcomeOf = (findings: RuleFinding[]): RuleOutcome => (findings.length > 0 ? { status: 'findings', findings } : PASS);

/** 2024-03-14 → 2024年3月14日 */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
}

const yuan = (value: number) => `${Number.isInteger(value) ? value : value.toFixed(2)}元`;

const evidenceOf = (e: Evidence): Evidence => ({ documentId: e.documentId, page: e.page, quote: e.quote });

export function documentsOfType(ctx: CheckContext, ...types: string[]): DocumentInput[] {
  return ctx.documents.filter((d) => types.includes(d.type));
}

export function hasText(doc: DocumentInput): boolean {
  return doc.pages.some((p) => p.normalized.trim().length > 0);
}

const documentText = (doc: DocumentInput) => doc.pages.map((p) => p.normalized).join('\n');

const firstLine = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l.length > 0);

/** The first page of a document, quoting its title (or its first line). */
export function firstPageEvidence(doc: DocumentInput): Evidence | null {
  const page = doc.pages[0];
  if (!page) return null;
  const quote = doc.title ?? firstLine(page.raw) ?? documentTypeLabel(doc.type);
  return { documentId: doc.id, page: page.pageNumber, quote };
}

/** The start of the volume: the first page of the first document that has pages. */
function volumeEvidence(ctx: CheckContext): Evidence | null {
  for (const doc of ctx.documents) {
    const e = firstPageEvidence(doc);
    if (e) return e;
  }
  return null;
}

const squeeze = (s: string) => s.replace(/\s+/g, '');

/** Where a pattern occurs in a document: the page and the raw line (a short excerpt) holding it. */
function findInDocument(doc: DocumentInput, pattern: RegExp, accept: (text: string, index: number) => boolean = () => true): Evidence | null {
  const global = new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`);
  for (const page of doc.pages) {
    for (const match of page.normalized.matchAll(global)) {
      if (!accept(page.normalized, match.index)) continue;
      const needle = squeeze(match[0]);
      const line = page.raw.split('\n').find((l) => squeeze(l).includes(needle)) ?? page.normalized.split('\n').find((l) => l.includes(match[0])) ?? match[0];
      return { documentId: doc.id, page: page.pageNumber, quote: excerpt(line.trim(), line.indexOf(match[0].charAt(0))) };
    }
  }
  return null;
}

function excerpt(line: string, at: number): string {
  if (line.length <= 80) return line;
  const start = Math.max(0, Math.min(at - 30, line.length - 80));
  return `${start > 0 ? '…' : ''}${line.slice(start, start + 80)}${start + 80 < line.length ? '…' : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Dates

export type DocumentDate =
  | { status: 'found'; value: string; fact: DateFact; document: DocumentInput }
  | { status: 'unreadable'; fact: DateFact; document: DocumentInput }
  | { status: 'missing'; document: DocumentInput | null };

/** The role a document's own date has. */
export const DOCUMENT_DATE_ROLE: Readonly<Record<string, DateRole>> = {
  filing_approval: 'filing',
  investigation_report: 'investigation',
  site_inspection_record: 'investigation',
  inquiry_record: 'investigation',
  penalty_notice: 'notice',
  statement_record: 'statement',
  hearing_notice: 'notice',
  hearing_record: 'hearing',
  penalty_decision: 'decision',
  no_penalty_decision: 'decision',
  onsite_penalty_decision: 'decision',
  service_receipt: 'service',
  closing_approval: 'closing',
};

const datesOf = (ctx: CheckContext, doc: DocumentInput) =>
  ctx.facts.dates
    .map((fact, index) => ({ fact, index }))
    .filter(({ fact }) => fact.documentId === doc.id)
    .sort((a, b) => a.fact.page - b.fact.page || a.index - b.index)
    .map(({ fact }) => fact);

/**
 * The date of one document: the last date with the document's own role, else the last date
 * with no role. `role` overrides the role taken from the document type.
 */
export function dateOfDocumentInput(ctx: CheckContext, doc: DocumentInput, role: DateRole | null = DOCUMENT_DATE_ROLE[doc.type] ?? null): DocumentDate {
  const dates = datesOf(ctx, doc);
  const chosen = dates.filter((d) => role !== null && d.role === role).at(-1) ?? dates.filter((d) => d.role === null).at(-1);
  if (!chosen) return { status: 'missing', document: doc };
  if (chosen.value === null) return { status: 'unreadable', fact: chosen, document: doc };
  return { status: 'found', value: chosen.value, fact: chosen, document: doc };
}

/**
 * The date of the first document of the given type(s) that has one (volume order); an unreadable
 * date is returned when no document of the type has a readable one.
 */
export function dateOfDocument(ctx: CheckContext, types: string | readonly string[], role?: DateRole | null): DocumentDate {
  const docs = documentsOfType(ctx, ...(typeof types === 'string' ? [types] : types));
  let fallback: DocumentDate = { status: 'missing', document: docs[0] ?? null };
  for (const doc of docs) {
    const date = dateOfDocumentInput(ctx, doc, role === undefined ? (DOCUMENT_DATE_ROLE[doc.type] ?? null) : role);
    if (date.status === 'found') return date;
    if (date.status === 'unreadable' && fallback.status === 'missing') fallback = date;
  }
  return fallback;
}

const DECISION_TYPES = ['penalty_decision', 'no_penalty_decision', 'onsite_penalty_decision'] as const;

export const decisionDate = (ctx: CheckContext) => dateOfDocument(ctx, DECISION_TYPES);
export const filingDate = (ctx: CheckContext) => dateOfDocument(ctx, 'filing_approval');
export const noticeDate = (ctx: CheckContext) => dateOfDocument(ctx, 'penalty_notice');

type FoundDate = Extract<DocumentDate, { status: 'found' }>;

/** The earliest readable date among service receipts that satisfy `which`. */
function earliestReceipt(ctx: CheckContext, which: (doc: DocumentInput, date: FoundDate) => boolean): FoundDate | null {
  let best: FoundDate | null = null;
  for (const doc of documentsOfType(ctx, 'service_receipt')) {
    const date = dateOfDocumentInput(ctx, doc);
    if (date.status !== 'found' || !which(doc, date)) continue;
    if (!best || date.value < best.value) best = date;
  }
  return best;
}

/**
 * When the decision was served: a 送达回证 naming a 决定书, else the first 送达回证 dated on
 * or after the decision.
 */
export function decisionServiceDate(ctx: CheckContext, decidedOn: string | null): FoundDate | null {
  const naming = earliestReceipt(ctx, (doc) => /决定书/.test(documentText(doc)));
  if (naming) return naming;
  if (!decidedOn) return null;
  return earliestReceipt(ctx, (doc, date) => date.value >= decidedOn && !/告知书/.test(documentText(doc)));
}

/** When the 告知书 was served: a 送达回证 naming a 告知书, else null. */
export function noticeServiceDate(ctx: CheckContext): FoundDate | null {
  return earliestReceipt(ctx, (doc) => /告知书/.test(documentText(doc)) && !/决定书/.test(documentText(doc)));
}

const describeMissingDate = (date: DocumentDate, label: string): string => {
  if (date.status === 'unreadable') return `${label}日期无法识别（“${date.fact.quote}”${date.fact.problem ? `：${date.fact.problem}` : ''}）`;
  if (date.status === 'missing' && date.document) return `${label}未载明可识别的日期`;
  return `卷内未见${label}`;
};

// ---------------------------------------------------------------------------------------------
// Amounts and parties

/** The largest fine named in documents of the given types (a capital and an arabic form count once). */
function fineIn(ctx: CheckContext, types: readonly string[]): AmountFact | null {
  const ids = new Set(documentsOfType(ctx, ...types).map((d) => d.id));
  let best: AmountFact | null = null;
  for (const a of ctx.facts.amounts) if (a.role === 'fine' && ids.has(a.documentId) && (!best || a.value > best.value)) best = a;
  return best;
}

function partyKind(ctx: CheckContext): PartyKind | null {
  return ctx.metadata?.party.kind ?? ctx.facts.parties.find((p) => p.kind !== null)?.kind ?? null;
}

/** Individual businesses take the organisation limits, as 行政处罚法 names 公民 and 法人或者其他组织. */
const isPersonKind = (kind: PartyKind) => kind === 'person';

function rule(id: string, rest: Omit<CheckRule, 'id' | 'title' | 'basis'>): CheckRule {
  const definition = findMachineRule(id);
  if (!definition) throw new Error(`unknown machine rule ${id}`);
  return { id, title: definition.title, basis: definition.basis, ...rest };
}

// ---------------------------------------------------------------------------------------------
// documents.required_present

interface Requirement {
  /** Any of these document types satisfies it. */
  types: readonly string[];
  label: string;
  /** Something else in the volume that stands in for the document (an emergency record …). */
  alternative?: (ctx: CheckContext) => boolean;
}

const EMERGENCY = /情况紧急|紧急情况|当场实施.{0,12}(补办|二十四小时|24小时)/;

export function requiredDocuments(ctx: CheckContext): Requirement[] {
  const one = (type: string): Requirement => ({ types: [type], label: documentTypeLabel(type) });
  switch (ctx.caseType) {
    case 'penalty_general': {
      const list: Requirement[] = [
        one('filing_approval'),
        { types: ['site_inspection_record', 'inquiry_record'], label: '调查笔录（现场检查（勘察）笔录或询问笔录）' },
        one('investigation_report'),
        one('penalty_notice'),
        { types: ['penalty_decision', 'no_penalty_decision'], label: '行政处罚决定书（或不予行政处罚决定书）' },
        one('service_receipt'),
        one('closing_approval'),
      ];
      if (ctx.metadata?.flags.hearingHeld) list.push(one('hearing_notice'), one('hearing_record'));
      return list;
    }
    case 'penalty_simple':
      // A 当场 decision is sometimes titled just 行政处罚决定书.
      return [{ types: ['onsite_penalty_decision', 'penalty_decision'], label: '当场行政处罚决定书' }];
    case 'license':
      return [one('license_application'), one('license_acceptance'), one('license_decision')];
    case 'coercion':
      return [
        {
          types: ['seizure_approval'],
          label: '查封扣押审批表',
          alternative: (c) => c.documents.some((d) => EMERGENCY.test(documentText(d))),
        },
        one('seizure_decision'),
        one('seizure_list'),
        one('coercion_site_record'),
      ];
    default:
      return [];
  }
}

const requiredPresent = rule('documents.required_present', {
  parameters: [],
  caseTypes: ['penalty_general', 'penalty_simple', 'license', 'coercion'],
  check(ctx) {
    if (ctx.documents.length === 0) return undecided('卷内无可识别的文书，无法判断文书是否齐全');
    if (!ctx.documents.some(hasText)) return undecided('卷内文书均无可识别的文字，无法判断文书是否齐全');
    const volume = volumeEvidence(ctx);
    const findings: RuleFinding[] = [];
    for (const req of requiredDocuments(ctx)) {
      if (ctx.documents.some((d) => req.types.includes(d.type))) continue;
      if (req.alternative?.(ctx)) continue;
      findings.push({ message: `卷内未见${req.label}`, evidence: volume ? [volume] : [] });
    }
    return outcomeOf(findings);
  },
});

// ---------------------------------------------------------------------------------------------
// officers.two_with_certificates

const RECORD_TYPES = ['site_inspection_record', 'inquiry_record', 'coercion_site_record', 'hearing_record'] as const;

const officersTwo = rule('officers.two_with_certificates', {
  parameters: ['minOfficers'],
  caseTypes: ['penalty_general', 'coercion', 'inspection'],
  check(ctx) {
    const records = documentsOfType(ctx, ...RECORD_TYPES);
    if (records.length === 0) return undecided('卷内未见笔录，无法核对执法人员及执法证号');
    const findings: RuleFinding[] = [];
    const unread: string[] = [];
    for (const doc of records) {
      const label = documentTypeLabel(doc.type);
      if (!hasText(doc)) {
        unread.push(`${label}（${doc.id}）无可识别的文字`);
        continue;
      }
      const date = dateOfDocumentInput(ctx, doc);
      const min = ctx.parameter('minOfficers', date.status === 'found' ? date.value : null) ?? 2;
      const officers = ctx.facts.officers.filter((o) => o.documentId === doc.id);
      const certified = new Map<string, OfficerFact>();
      for (const o of officers) if (o.certificateNumber) certified.set(squeeze(o.certificateNumber).toUpperCase(), o);
      if (certified.size >= min) continue;
      const named = [...certified.values()].map((o) => `${o.name}（${o.certificateNumber}）`);
      const uncertified = [...new Set(officers.filter((o) => !o.certificateNumber).map((o) => o.name))];
      const page = doc.pages[0]?.pageNumber;
      const message =
        `${label}${page !== undefined ? `（第${page}页起）` : ''}载明执法证号的执法人员${certified.size}名` +
        (named.length ? `：${named.join('、')}` : '') +
        (uncertified.length ? `；${uncertified.join('、')}未载明执法证号` : '') +
        `，少于${min}名`;
      const evidence = officers.length ? officers.map(evidenceOf) : [firstPageEvidence(doc)].filter((e): e is Evidence => e !== null);
      findings.push({ message, evidence });
    }
    if (findings.length) return outcomeOf(findings);
    if (unread.length) return undecided(`${unread.join('；')}，无法核对执法人员`);
    return PASS;
  },
});

// ---------------------------------------------------------------------------------------------
// dates.chain_in_order

interface ChainStep {
  label: string;
  date: DocumentDate | FoundDate | null;
}

const chainInOrder = rule('dates.chain_in_order', {
  parameters: [],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const decision = decisionDate(ctx);
    const decidedOn = decision.status === 'found' ? decision.value : null;
    const steps: ChainStep[] = [
      { label: '立案', date: filingDate(ctx) },
      { label: '调查终结', date: dateOfDocument(ctx, 'investigation_report', 'investigation') },
      { label: '告知', date: noticeDate(ctx) },
      { label: '决定', date: decision },
      { label: '送达', date: decisionServiceDate(ctx, decidedOn) },
      { label: '结案', date: dateOfDocument(ctx, 'closing_approval') },
    ];
    const dated = steps.filter((s): s is { label: string; date: FoundDate } => s.date?.status === 'found');
    if (dated.length < 2) return undecided(`卷内可识别日期的环节不足两个（${dated.map((s) => s.label).join('、') || '无'}），无法核对先后顺序`);
    // All inversions of one case are one problem for the reviewer: one finding naming each.
    const inversions: string[] = [];
    const evidence: RuleFinding['evidence'] = [];
    let latest: { label: string; date: FoundDate } | null = null;
    for (const step of dated) {
      if (latest && step.date.value < latest.date.value) {
        inversions.push(`${step.label}日期${chineseDate(step.date.value)}早于${latest.label}日期${chineseDate(latest.date.value)}`);
        evidence.push(evidenceOf(latest.date.fact), evidenceOf(step.date.fact));
      } else {
        latest = step;
      }
    }
    return outcomeOf(inversions.length > 0 ? [{ message: inversions.join('；'), evidence }] : []);
  },
});

// ---------------------------------------------------------------------------------------------
// decision.within_90_days

const EXTENSION = /延长(?:办案|案件办理|办理|审理|调查|处理)?期限|(?:办案|案件)(?:期限)?延期|延期(?:作出|办理|处理)(?:处罚)?决定/;

function findExtension(ctx: CheckContext): Evidence | null {
  for (const doc of ctx.documents) {
    const e = findInDocument(doc, EXTENSION);
    if (e) return e;
  }
  for (const doc of documentsOfType(ctx, 'case_handling_approval')) {
    const e = findInDocument(doc, /延长/, (text, i) => !text.slice(i, i + 8).includes('查封') && !text.slice(i, i + 8).includes('扣押'));
    if (e) return e;
  }
  return null;
}

const within90Days = rule('decision.within_90_days', {
  parameters: ['decisionDays'],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const filing = filingDate(ctx);
    const decision = dateOfDocument(ctx, ['penalty_decision', 'no_penalty_decision']);
    if (filing.status !== 'found') return undecided(`${describeMissingDate(filing, '立案审批表')}，无法计算办案期限`);
    if (decision.status !== 'found') return undecided(`${describeMissingDate(decision, '处罚决定书')}，无法计算办案期限`);
    const limit = ctx.parameter('decisionDays', filing.value);
    if (limit === undefined) return undecided(`立案时（${chineseDate(filing.value)}）施行的行政处罚法未规定办案期限，评查标准亦未设定，应依部门规定人工核对`);
    const days = calendarDaysBetween(filing.value, decision.value);
    if (days <= limit) return PASS;
    if (findExtension(ctx)) return PASS;
    return outcomeOf([
      {
        message: `立案${chineseDate(filing.value)}至决定${chineseDate(decision.value)}共${days}日，超过${limit}日，卷内未见延长办案期限的批准`,
        evidence: [evidenceOf(filing.fact), evidenceOf(decision.fact)],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// service.within_7_days

function calendarNote(ctx: CheckContext, ...dates: string[]): string {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))].filter((y) => !ctx.calendar.hasDataFor(y));
  return years.length ? `（日历无${years.join('、')}年节假日数据，仅扣除周末计算工作日）` : '';
}

const serviceWithin7 = rule('service.within_7_days', {
  parameters: ['serviceWorkingDays'],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const decision = dateOfDocument(ctx, ['penalty_decision', 'no_penalty_decision']);
    if (decision.status !== 'found') return undecided(`${describeMissingDate(decision, '处罚决定书')}，无法计算送达期限`);
    const service = decisionServiceDate(ctx, decision.value);
    if (!service) return undecided('卷内未见载明可识别日期的处罚决定书送达回证，无法计算送达期限');
    const limit = ctx.parameter('serviceWorkingDays', decision.value) ?? 7;
    const deadline = ctx.calendar.addWorkingDays(decision.value, limit);
    if (service.value <= deadline) return PASS;
    const used = ctx.calendar.workingDaysBetween(decision.value, service.value);
    return outcomeOf([
      {
        message:
          `决定${chineseDate(decision.value)}作出，送达${chineseDate(service.value)}，间隔${used}个工作日，超过${limit}个工作日（期限至${chineseDate(deadline)}）` +
          calendarNote(ctx, decision.value, service.value),
        evidence: [evidenceOf(decision.fact), evidenceOf(service.fact)],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// notice.statement_period_5_working_days

const WAIVER = /放弃(?:陈述|申辩|听证)/;
/** Template text (“逾期视为放弃…”) and negations are not a waiver. */
const notWaiver = /(?:视为|视同|即为|不|未|是否)$/;

export function findWaiver(ctx: CheckContext): Evidence | null {
  const noticeReceipts = documentsOfType(ctx, 'service_receipt').filter((d) => /告知书/.test(documentText(d)));
  for (const doc of [...documentsOfType(ctx, 'statement_record'), ...noticeReceipts]) {
    const e = findInDocument(doc, WAIVER, (text, i) => !notWaiver.test(text.slice(Math.max(0, i - 4), i)));
    if (e) return e;
  }
  return null;
}

const statementPeriod = rule('notice.statement_period_5_working_days', {
  parameters: ['statementWorkingDays'],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const notice = noticeDate(ctx);
    const decision = dateOfDocument(ctx, ['penalty_decision', 'no_penalty_decision']);
    if (decision.status !== 'found') return undecided(`${describeMissingDate(decision, '处罚决定书')}，无法计算陈述申辩期限`);
    const served = noticeServiceDate(ctx);
    const start: FoundDate | null = served ?? (notice.status === 'found' ? notice : null);
    if (!start) return undecided(`${describeMissingDate(notice, '行政处罚事先告知书')}，且未见告知书送达回证，无法计算陈述申辩期限`);
    const limit = ctx.parameter('statementWorkingDays', notice.status === 'found' ? notice.value : start.value) ?? 5;
    const earliest = ctx.calendar.addWorkingDays(start.value, limit);
    if (decision.value >= earliest) return PASS;
    if (findWaiver(ctx)) return PASS;
    const used = ctx.calendar.workingDaysBetween(start.value, decision.value);
    return outcomeOf([
      {
        message:
          `告知书${served ? '送达' : '落款'}${chineseDate(start.value)}，决定${chineseDate(decision.value)}作出，仅间隔${used}个工作日，未留足${limit}个工作日的陈述申辩期限（最早应于${chineseDate(earliest)}作出决定），卷内未见书面放弃陈述申辩` +
          calendarNote(ctx, start.value, decision.value),
        evidence: [evidenceOf(start.fact), evidenceOf(decision.fact)],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// notice.before_decision

const noticeBeforeDecision = rule('notice.before_decision', {
  parameters: [],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const decisionDocs = documentsOfType(ctx, 'penalty_decision', 'no_penalty_decision');
    if (decisionDocs.length === 0) return undecided('卷内未见处罚决定书，无法核对事先告知');
    const notices = documentsOfType(ctx, 'penalty_notice');
    if (notices.length === 0) {
      const e = firstPageEvidence(decisionDocs[0]!);
      return outcomeOf([{ message: '卷内未见行政处罚事先告知书，作出决定前未见告知拟处罚内容及陈述、申辩、听证权利', evidence: e ? [e] : [] }]);
    }
    const notice = noticeDate(ctx);
    const decision = dateOfDocument(ctx, ['penalty_decision', 'no_penalty_decision']);
    if (notice.status !== 'found') return undecided(`${describeMissingDate(notice, '行政处罚事先告知书')}，无法核对告知是否在决定之前`);
    if (decision.status !== 'found') return undecided(`${describeMissingDate(decision, '处罚决定书')}，无法核对告知是否在决定之前`);
    if (notice.value < decision.value) return PASS;
    const relation = notice.value === decision.value ? '与决定同日' : '晚于决定';
    return outcomeOf([
      {
        message: `告知书落款${chineseDate(notice.value)}，决定${chineseDate(decision.value)}作出，告知${relation}，未在决定前告知`,
        evidence: [evidenceOf(notice.fact), evidenceOf(decision.fact)],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// hearing.right_notified

const HEARING_RIGHT = /听证权|要求(?:举行)?听证|申请(?:举行)?听证|提出听证|听证申请/;

const hearingRightNotified = rule('hearing.right_notified', {
  parameters: ['hearingThresholdPersonYuan', 'hearingThresholdOrganizationYuan'],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const fine = fineIn(ctx, ['penalty_notice']) ?? fineIn(ctx, ['penalty_decision']);
    if (!fine) return undecided('告知书、决定书中未见可识别的罚款金额，无法判断是否应告知听证权利');
    const notice = noticeDate(ctx);
    const decision = decisionDate(ctx);
    const on = notice.status === 'found' ? notice.value : decision.status === 'found' ? decision.value : null;
    const personLimit = ctx.parameter('hearingThresholdPersonYuan', on);
    const orgLimit = ctx.parameter('hearingThresholdOrganizationYuan', on);
    const kind = partyKind(ctx);
    let threshold: number | undefined;
    if (kind) threshold = isPersonKind(kind) ? personLimit : orgLimit;
    else if (personLimit !== undefined && orgLimit !== undefined) {
      if (fine.value < Math.min(personLimit, orgLimit)) return PASS;
      if (fine.value >= Math.max(personLimit, orgLimit)) threshold = Math.max(personLimit, orgLimit);
      else return undecided(`罚款${yuan(fine.value)}，当事人类型不明，无法判断是否达到听证数额`);
    }
    if (threshold === undefined) return undecided('评查标准未设定听证的较大数额，无法判断');
    if (fine.value < threshold) return PASS;
    const who = kind ? PARTY_KINDS[kind] : '当事人';
    const notices = documentsOfType(ctx, 'penalty_notice');
    if (notices.length === 0) {
      return outcomeOf([{ message: `${who}罚款${yuan(fine.value)}，达到听证数额${yuan(threshold)}，卷内未见告知听证权利的告知书`, evidence: [evidenceOf(fine)] }]);
    }
    if (!notices.some(hasText)) return undecided('告知书无可识别的文字，无法核对是否告知听证权利');
    if (notices.some((d) => HEARING_RIGHT.test(documentText(d)))) return PASS;
    const e = firstPageEvidence(notices[0]!);
    return outcomeOf([
      {
        message: `${who}罚款${yuan(fine.value)}，达到听证数额${yuan(threshold)}，告知书未告知要求听证的权利`,
        evidence: [evidenceOf(fine), ...(e ? [e] : [])],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// hearing.notice_7_days

const hearingNotice7 = rule('hearing.notice_7_days', {
  parameters: ['hearingNoticeWorkingDays'],
  caseTypes: ['penalty_general'],
  check(ctx) {
    const notices = documentsOfType(ctx, 'hearing_notice');
    const records = documentsOfType(ctx, 'hearing_record');
    if (notices.length === 0 || records.length === 0) return PASS;
    const notice = dateOfDocument(ctx, 'hearing_notice', 'notice');
    let hearing = dateOfDocument(ctx, 'hearing_record', 'hearing');
    if (hearing.status !== 'found') {
      // The record's date is usually at its head (时间：…); failing that, the date the notice set.
      const first = records.flatMap((d) => datesOf(ctx, d)).find((d) => d.value !== null && (d.role === null || d.role === 'hearing'));
      const scheduled = dateOfDocument(ctx, 'hearing_notice', 'hearing');
      if (first?.value) hearing = { status: 'found', value: first.value, fact: first, document: records[0]! };
      else if (scheduled.status === 'found' && scheduled.fact.role === 'hearing') hearing = scheduled;
    }
    if (notice.status !== 'found') return undecided(`${describeMissingDate(notice, '听证通知书')}，无法计算听证通知期限`);
    if (hearing.status !== 'found') return undecided(`${describeMissingDate(hearing, '听证笔录')}，无法计算听证通知期限`);
    const limit = ctx.parameter('hearingNoticeWorkingDays', notice.value) ?? 7;
    const earliest = ctx.calendar.addWorkingDays(notice.value, limit);
    if (hearing.value >= earliest) return PASS;
    const used = ctx.calendar.workingDaysBetween(notice.value, hearing.value);
    return outcomeOf([
      {
        message:
          `听证通知书${chineseDate(notice.value)}发出，听证${chineseDate(hearing.value)}举行，间隔${used}个工作日，不足${limit}个工作日（最早应于${chineseDate(earliest)}举行）` +
          calendarNote(ctx, notice.value, hearing.value),
        evidence: [evidenceOf(notice.fact), evidenceOf(hearing.fact)],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// simple_procedure.amount_limit

/** A date before any revision of 行政处罚法, to read the oldest default. */
const EARLIEST_LAW = '1996-10-01';

const simpleAmountLimit = rule('simple_procedure.amount_limit', {
  parameters: ['simpleProcedurePersonYuan', 'simpleProcedureOrganizationYuan'],
  caseTypes: ['penalty_simple'],
  check(ctx) {
    const types = ['onsite_penalty_decision', 'penalty_decision'];
    const docs = documentsOfType(ctx, ...types);
    if (docs.length === 0) return undecided('卷内未见当场行政处罚决定书，无法核对简易程序罚款数额');
    const fine = fineIn(ctx, types);
    if (!fine) {
      if (docs.some((d) => /警告/.test(documentText(d)))) return PASS;
      return undecided(docs.some(hasText) ? '当场处罚决定书中未见可识别的罚款金额' : '当场处罚决定书无可识别的文字');
    }
    const kind = partyKind(ctx);
    const name = (k: PartyKind) => (isPersonKind(k) ? 'simpleProcedurePersonYuan' : 'simpleProcedureOrganizationYuan');
    const decision = dateOfDocument(ctx, types);
    const on = decision.status === 'found' ? decision.value : null;
    const limitFor = (k: PartyKind) => {
      // Without a date, the smaller of the limits of today and of the oldest law decides.
      if (on) return ctx.parameter(name(k), on);
      const values = [ctx.parameter(name(k), null), ctx.parameter(name(k), EARLIEST_LAW)].filter((v): v is number => v !== undefined);
      return values.length ? Math.min(...values) : undefined;
    };
    const personLimit = limitFor('person');
    if (!kind && personLimit !== undefined && fine.value <= personLimit) return PASS;
    if (!kind) return undecided(`简易程序罚款${yuan(fine.value)}，当事人类型不明，无法确定适用的限额`);
    const limit = limitFor(kind);
    if (limit === undefined) return undecided('评查标准未设定简易程序罚款限额');
    if (fine.value <= limit) return PASS;
    if (!on) return undecided(`${describeMissingDate(decision, '当场处罚决定书')}，罚款${yuan(fine.value)}，无法确定决定时施行的限额`);
    return outcomeOf([
      {
        message: `当事人为${PARTY_KINDS[kind]}，简易程序罚款${yuan(fine.value)}，超过决定时（${chineseDate(on)}）施行的限额${yuan(limit)}，应适用普通程序`,
        evidence: [evidenceOf(fine), ...(decision.status === 'found' ? [evidenceOf(decision.fact)] : [])],
      },
    ]);
  },
});

// ---------------------------------------------------------------------------------------------
// legal_review.when_required / collective_discussion.when_required

interface Trigger {
  reason: string;
  evidence: Evidence[];
}

function majorDecisionTrigger(ctx: CheckContext): Trigger | null {
  if (!ctx.metadata?.flags.majorDecision) return null;
  const decisionDoc = documentsOfType(ctx, ...DECISION_TYPES, 'license_decision', 'seizure_decision')[0];
  const e = decisionDoc ? firstPageEvidence(decisionDoc) : volumeEvidence(ctx);
  return { reason: '案卷信息标明为重大执法决定', evidence: e ? [e] : [] };
}

function requiresDocument(ctx: CheckContext, type: string, triggers: Trigger[], undecidedReason: string | null): RuleOutcome {
  const present = documentsOfType(ctx, type);
  if (present.length > 0) return PASS;
  if (triggers.length === 0) return undecidedReason ? undecided(undecidedReason) : PASS;
  return outcomeOf([
    {
      message: `${triggers.map((t) => t.reason).join('，')}，卷内未见${documentTypeLabel(type) === '法制审核' ? '法制审核材料' : documentTypeLabel(type)}`,
      evidence: triggers.flatMap((t) => t.evidence),
    },
  ]);
}

const legalReview = rule('legal_review.when_required', {
  parameters: [],
  check(ctx) {
    const trigger = majorDecisionTrigger(ctx);
    return requiresDocument(ctx, 'legal_review', trigger ? [trigger] : [], ctx.metadata ? null : '无案卷信息，无法判断是否属于重大执法决定');
  },
});

const collectiveDiscussion = rule('collective_discussion.when_required', {
  parameters: ['collectiveDiscussionYuan'],
  check(ctx) {
    const triggers: Trigger[] = [];
    const major = majorDecisionTrigger(ctx);
    if (major) triggers.push(major);
    const fine = fineIn(ctx, ['penalty_decision']) ?? fineIn(ctx, ['penalty_notice']);
    if (fine) {
      const decision = decisionDate(ctx);
      const threshold = ctx.parameter('collectiveDiscussionYuan', decision.status === 'found' ? decision.value : null);
      if (threshold !== undefined && fine.value >= threshold) triggers.push({ reason: `罚款${yuan(fine.value)}，达到集体讨论数额${yuan(threshold)}`, evidence: [evidenceOf(fine)] });
    }
    const reason = ctx.metadata ? null : '无案卷信息，无法判断是否属于重大执法决定';
    return requiresDocument(ctx, 'collective_discussion', triggers, reason);
  },
});

export const PROCEDURE_RULES: CheckRule[] = [
  requiredPresent,
  officersTwo,
  chainInOrder,
  within90Days,
  serviceWithin7,
  statementPeriod,
  noticeBeforeDecision,
  hearingRightNotified,
  hearingNotice7,
  simpleAmountLimit,
  legalReview,
  collectiveDiscussion,
];
