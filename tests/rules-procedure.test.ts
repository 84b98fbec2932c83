import { describe, expect, it } from 'vitest';
import type { CaseFileMetadata, CaseType, PartyKind } from '../src/domain/case-file.js';
import type { AmountFact, CaseTextFacts, DateFact, DateRole, DocumentInput, OfficerFact } from '../src/facts/types.js';
import { defaultParameter } from '../src/checks/parameters.js';
import { findMachineRule } from '../src/checks/rule-catalog.js';
import { PROCEDURE_RULES, chineseDate, dateOfDocument } from '../src/checks/rules/procedure-rules.js';
import type { CheckContext, RuleOutcome } from '../src/checks/types.js';
import { createChinaCalendar, type WorkingDayCalendar } from '../src/checks/working-days.js';
import { normalizeForMatching } from '../src/text/normalize.js';

const calendar = createChinaCalendar();

interface Spec {
  /** A handle for tests; defaults to the type. */
  key?: string;
  type: string;
  title?: string | null;
  text?: string;
  /** The document's own date: a value, null for an unreadable date, undefined for none. */
  date?: string | null;
  role?: DateRole | null;
  fine?: number;
  officers?: Array<[string, string | null]>;
  /** More date facts in the document. */
  dates?: Array<{ value: string | null; role: DateRole | null }>;
}

interface Options {
  caseType?: CaseType;
  kind?: PartyKind;
  flags?: Partial<CaseFileMetadata['flags']>;
  noMetadata?: boolean;
  params?: Record<string, number>;
  calendar?: WorkingDayCalendar;
}

function quoteOf(value: string | null) {
  return value ? `${chineseDate(value)}` : '二〇二四年二月三十日';
}

function build(specs: Spec[], options: Options = {}): CheckContext {
  const facts: CaseTextFacts = { caseNumbers: [], dates: [], amounts: [], citations: [], remedy: null, parties: [], officers: [], seals: [] };
  let pageNumber = 1;
  const documents: DocumentInput[] = specs.map((spec, index) => {
    const id = `vol.pdf#${index + 1}`;
    const title = spec.title === undefined ? (spec.type === 'other' ? null : defaultTitle(spec.type)) : spec.title;
    const raw = spec.text ?? `${title ?? ''}\n正文`;
    const page = pageNumber++;
    const dateFact = (value: string | null, role: DateRole | null): DateFact => ({
      documentId: id,
      page,
      quote: quoteOf(value),
      value,
      role,
      problem: value ? null : '日期不存在',
    });
    for (const d of spec.dates ?? []) facts.dates.push(dateFact(d.value, d.role));
    if (spec.date !== undefined) facts.dates.push(dateFact(spec.date, spec.role === undefined ? null : spec.role));
    if (spec.fine !== undefined) {
      const amount: AmountFact = { documentId: id, page, quote: `罚款人民币${spec.fine}元`, value: spec.fine, role: 'fine', form: 'arabic', pairedValue: null };
      facts.amounts.push(amount);
    }
    for (const [name, cert] of spec.officers ?? []) {
      const officer: OfficerFact = { documentId: id, page, quote: `执法人员：${name} 执法证号：${cert ?? ''}`, name, certificateNumber: cert };
      facts.officers.push(officer);
    }
    return { id, file: 'vol.pdf', type: spec.type, title, pages: [{ pageNumber: page, raw, normalized: normalizeForMatching(raw) }] };
  });
  const caseType = options.caseType ?? 'penalty_general';
  const metadata: CaseFileMetadata | null = options.noMetadata
    ? null
    : {
        caseNumber: '沪徐市监处罚〔2024〕12号',
        caseType,
        cause: '未按规定公示信息案',
        party: { name: '江州市某某贸易有限公司', kind: options.kind ?? 'organization' },
        dates: {},
        amounts: {},
        officers: [],
        flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false, ...options.flags },
      };
  return {
    caseType,
    metadata,
    documents,
    facts,
    parameter: (name, onDate) => options.params?.[name] ?? defaultParameter(name, onDate),
    calendar: options.calendar ?? calendar,
  };
}

const TITLES: Record<string, string> = {
  filing_approval: '立案审批表',
  site_inspection_record: '现场检查（勘察）笔录',
  inquiry_record: '询问笔录',
  investigation_report: '案件调查终结报告',
  penalty_notice: '行政处罚事先（听证）告知书',
  statement_record: '陈述申辩笔录',
  penalty_decision: '行政处罚决定书',
  onsite_penalty_decision: '当场行政处罚决定书',
  service_receipt: '送达回证',
  closing_approval: '结案审批表',
  hearing_notice: '听证通知书',
  hearing_record: '听证笔录',
  legal_review: '案件法制审核表',
  collective_discussion: '案件集体讨论记录',
  case_handling_approval: '案件处理审批表',
  seizure_approval: '查封扣押审批表',
  seizure_decision: '查封扣押决定书',
  seizure_list: '查封扣押清单',
  coercion_site_record: '现场笔录',
};
const defaultTitle = (type: string) => TITLES[type] ?? type;

/** A complete, lawful general-procedure volume (2024). */
function generalSpecs(): Spec[] {
  return [
    { key: 'filing', type: 'filing_approval', date: '2024-03-14', role: 'filing' },
    { key: 'site', type: 'site_inspection_record', date: '2024-03-15', officers: [['张三', '31010001'], ['李四', '31010002']] },
    { key: 'inquiry', type: 'inquiry_record', date: '2024-03-20', officers: [['张三', '31010001'], ['李四', '31010002']] },
    { key: 'report', type: 'investigation_report', date: '2024-04-10' },
    {
      key: 'notice',
      type: 'penalty_notice',
      text: '行政处罚事先（听证）告知书\n拟处罚款人民币30000元。你单位有权进行陈述和申辩，并有权要求听证。逾期视为放弃陈述、申辩和听证权利。',
      date: '2024-04-15',
      role: 'notice',
      fine: 30_000,
    },
    { key: 'noticeReceipt', type: 'service_receipt', text: '送达回证\n送达文书名称：行政处罚事先（听证）告知书', date: '2024-04-16', role: 'service' },
    { key: 'decision', type: 'penalty_decision', date: '2024-05-06', role: 'decision', fine: 30_000, dates: [{ value: '2024-03-14', role: 'filing' }] },
    { key: 'decisionReceipt', type: 'service_receipt', text: '送达回证\n送达文书名称：行政处罚决定书', date: '2024-05-08', role: 'service' },
    { key: 'closing', type: 'closing_approval', date: '2024-06-01', role: 'closing' },
  ];
}

/** The general volume with some documents changed (by key) or removed (value null). */
function general(changes: Record<string, Partial<Spec> | null> = {}, extra: Spec[] = []): Spec[] {
  const specs: Spec[] = [];
  for (const spec of generalSpecs()) {
    const change = changes[spec.key ?? spec.type];
    if (change === null) continue;
    specs.push({ ...spec, ...change });
  }
  return [...specs, ...extra];
}

const ruleById = (id: string) => {
  const rule = PROCEDURE_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(id);
  return rule;
};
const run = (id: string, ctx: CheckContext) => ruleById(id).check(ctx);

function findingsOf(outcome: RuleOutcome) {
  expect(outcome.status).toBe('findings');
  return outcome.status === 'findings' ? outcome.findings : [];
}
function reasonOf(outcome: RuleOutcome) {
  expect(outcome.status).toBe('undecided');
  return outcome.status === 'undecided' ? outcome.reason : '';
}

describe('PROCEDURE_RULES', () => {
  it('has one rule per catalog id, with the catalog title and basis', () => {
    const ids = PROCEDURE_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    for (const rule of PROCEDURE_RULES) {
      const def = findMachineRule(rule.id);
      expect(def, rule.id).toBeDefined();
      expect(rule.title).toBe(def?.title);
      expect(rule.basis).toBe(def?.basis);
    }
  });

  it('passes every rule on a complete, lawful general-procedure volume', () => {
    const ctx = build(general());
    for (const rule of PROCEDURE_RULES) {
      if (rule.caseTypes && !rule.caseTypes.includes('penalty_general')) continue;
      expect(rule.check(ctx), rule.id).toEqual({ status: 'pass' });
    }
  });

  it('does not crash on a file that is not a case file, and every rule gives an outcome', () => {
    const ctx = build([{ type: 'other', title: null, text: '关于召开2024年度安全生产工作会议的通知\n各科室：定于下周一召开会议。' }], { noMetadata: true });
    for (const rule of PROCEDURE_RULES) expect(['pass', 'findings', 'undecided']).toContain(rule.check(ctx).status);
  });
});

describe('documents.required_present', () => {
  it('reports one finding per missing document, pointing at the start of the volume', () => {
    const findings = findingsOf(run('documents.required_present', build(general({ report: null, closing: null }))));
    expect(findings.map((f) => f.message)).toEqual(['卷内未见案件调查终结报告', '卷内未见结案审批表']);
    expect(findings[0]?.evidence).toEqual([{ documentId: 'vol.pdf#1', page: 1, quote: '立案审批表' }]);
  });

  it('treats a file that is not a case file as missing every document', () => {
    const ctx = build([{ type: 'other', title: null, text: '关于召开2024年度安全生产工作会议的通知\n各科室：定于下周一召开会议。' }]);
    const findings = findingsOf(run('documents.required_present', ctx));
    expect(findings).toHaveLength(7);
    expect(findings[1]?.message).toBe('卷内未见调查笔录（现场检查（勘察）笔录或询问笔录）');
    expect(findings[0]?.evidence).toEqual([{ documentId: 'vol.pdf#1', page: 1, quote: '关于召开2024年度安全生产工作会议的通知' }]);
  });

  it('cannot decide without documents or without text', () => {
    expect(reasonOf(run('documents.required_present', build([])))).toContain('无可识别的文书');
    expect(reasonOf(run('documents.required_present', build([{ type: 'other', title: null, text: '   ' }])))).toContain('无可识别的文字');
  });

  it('accepts either kind of record, a 不予行政处罚决定书, and asks for hearing documents when a hearing was held', () => {
    const specs = general({ site: null, decision: { type: 'no_penalty_decision', title: '不予行政处罚决定书' } });
    expect(run('documents.required_present', build(specs))).toEqual({ status: 'pass' });
    const findings = findingsOf(run('documents.required_present', build(specs, { flags: { hearingHeld: true } })));
    expect(findings.map((f) => f.message)).toEqual(['卷内未见听证通知书', '卷内未见听证笔录']);
  });

  it('accepts a documented emergency instead of the seizure approval, and checks licence files', () => {
    const coercion: Spec[] = [
      { type: 'seizure_decision' },
      { type: 'seizure_list' },
      { type: 'coercion_site_record', text: '现场笔录\n因情况紧急，执法人员当场实施扣押，并于二十四小时内补办批准手续。' },
    ];
    expect(run('documents.required_present', build(coercion, { caseType: 'coercion' }))).toEqual({ status: 'pass' });
    const noEmergency = coercion.map((s) => (s.type === 'coercion_site_record' ? { ...s, text: '现场笔录\n执法人员实施扣押。' } : s));
    expect(findingsOf(run('documents.required_present', build(noEmergency, { caseType: 'coercion' }))).map((f) => f.message)).toEqual(['卷内未见查封扣押审批表']);
    const licence = build([{ type: 'license_application', title: '行政许可申请书' }], { caseType: 'license' });
    expect(findingsOf(run('documents.required_present', licence)).map((f) => f.message)).toEqual(['卷内未见受理通知书', '卷内未见行政许可决定书']);
  });
});

describe('officers.two_with_certificates', () => {
  it('reports a record with fewer than two certified officers', () => {
    const ctx = build(general({ inquiry: { officers: [['张三', '31010001'], ['李四', null]] } }));
    const findings = findingsOf(run('officers.two_with_certificates', ctx));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe('询问笔录（第3页起）载明执法证号的执法人员1名：张三（31010001）；李四未载明执法证号，少于2名');
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#3', page: 3, quote: '执法人员：张三 执法证号：31010001' },
      { documentId: 'vol.pdf#3', page: 3, quote: '执法人员：李四 执法证号：' },
    ]);
  });

  it('counts one certificate once and reads minOfficers from the scheme', () => {
    const dup = build(general({ site: { officers: [['张三', '31010001'], ['张 三', '3101 0001']] } }));
    expect(findingsOf(run('officers.two_with_certificates', dup))[0]?.message).toContain('执法人员1名');
    const three = build(general(), { params: { minOfficers: 3 } });
    expect(findingsOf(run('officers.two_with_certificates', three))).toHaveLength(2);
  });

  it('cannot decide for a record without text', () => {
    const ctx = build(general({ inquiry: { text: '', officers: [] } }));
    expect(reasonOf(run('officers.two_with_certificates', ctx))).toContain('询问笔录（vol.pdf#3）无可识别的文字');
  });
});

describe('dates.chain_in_order', () => {
  it('reports each date earlier than the latest step before it, quoting both', () => {
    const ctx = build(general({ decision: { date: '2024-04-12' } }));
    const findings = findingsOf(run('dates.chain_in_order', ctx));
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toBe('决定日期2024年4月12日早于告知日期2024年4月15日');
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#5', page: 5, quote: '2024年4月15日' },
      { documentId: 'vol.pdf#7', page: 7, quote: '2024年4月12日' },
    ]);
  });

  it('ignores the order of documents in the volume', () => {
    const specs = general();
    expect(run('dates.chain_in_order', build([...specs].reverse()))).toEqual({ status: 'pass' });
  });

  it('does not take a date with another role for the document date', () => {
    // The decision cites the filing date (role filing): the decision date is its own.
    expect(dateOfDocument(build(general()), 'penalty_decision')).toMatchObject({ status: 'found', value: '2024-05-06' });
  });

  it('cannot decide with fewer than two dated steps', () => {
    const ctx = build([{ type: 'filing_approval', date: '2024-03-14', role: 'filing' }, { type: 'penalty_decision', date: null }]);
    expect(reasonOf(run('dates.chain_in_order', ctx))).toContain('不足两个');
  });
});

describe('decision.within_90_days', () => {
  const late = () => general({ decision: { date: '2024-06-20' }, decisionReceipt: { date: '2024-06-21' }, closing: { date: '2024-07-01' } });

  it('reports a decision more than 90 days after filing', () => {
    const findings = findingsOf(run('decision.within_90_days', build(late())));
    expect(findings[0]?.message).toBe('立案2024年3月14日至决定2024年6月20日共98日，超过90日，卷内未见延长办案期限的批准');
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#1', page: 1, quote: '2024年3月14日' },
      { documentId: 'vol.pdf#7', page: 7, quote: '2024年6月20日' },
    ]);
  });

  it('passes at exactly 90 days and with an approved extension, but not for 延期缴纳', () => {
    expect(run('decision.within_90_days', build(general({ decision: { date: '2024-06-12' } })))).toEqual({ status: 'pass' });
    const extended = late().concat({ type: 'case_handling_approval', text: '案件处理审批表\n因案情复杂，经负责人批准延长办案期限三十日。' });
    expect(run('decision.within_90_days', build(extended))).toEqual({ status: 'pass' });
    const deferral = late().concat({ type: 'other', title: '延期缴纳罚款申请', text: '延期缴纳罚款申请\n申请延期缴纳罚款。' });
    expect(run('decision.within_90_days', build(deferral)).status).toBe('findings');
  });

  it('cannot decide when a date is unreadable or missing', () => {
    expect(reasonOf(run('decision.within_90_days', build(general({ decision: { date: null } }))))).toBe(
      '处罚决定书日期无法识别（“二〇二四年二月三十日”：日期不存在），无法计算办案期限',
    );
    expect(reasonOf(run('decision.within_90_days', build(general({ filing: null }))))).toBe('卷内未见立案审批表，无法计算办案期限');
  });

  it('has no statutory limit before 2021-07-15 unless the scheme sets one', () => {
    const old = general({ filing: { date: '2020-03-14' }, decision: { date: '2020-06-20' } });
    expect(reasonOf(run('decision.within_90_days', build(old)))).toContain('未规定办案期限');
    expect(findingsOf(run('decision.within_90_days', build(old, { params: { decisionDays: 60 } })))[0]?.message).toContain('共98日，超过60日');
  });
});

describe('service.within_7_days', () => {
  const served = (decided: string, on: string) => general({ decision: { date: decided }, decisionReceipt: { date: on } });

  it('counts working days across the National Day holiday with its adjusted working weekends', () => {
    // 9-29 (Sunday) and 10-12 (Saturday) are working days; 10-1 … 10-7 are holidays.
    expect(calendar.workingDaysBetween('2024-09-27', '2024-10-09')).toBe(4);
    expect(calendar.addWorkingDays('2024-09-27', 7)).toBe('2024-10-12');
    expect(run('service.within_7_days', build(served('2024-09-27', '2024-10-09')))).toEqual({ status: 'pass' });
    expect(run('service.within_7_days', build(served('2024-09-27', '2024-10-12')))).toEqual({ status: 'pass' });
    const findings = findingsOf(run('service.within_7_days', build(served('2024-09-27', '2024-10-14'))));
    expect(findings[0]?.message).toBe('决定2024年9月27日作出，送达2024年10月14日，间隔8个工作日，超过7个工作日（期限至2024年10月12日）');
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#7', page: 7, quote: '2024年9月27日' },
      { documentId: 'vol.pdf#8', page: 8, quote: '2024年10月14日' },
    ]);
  });

  it('says so when the calendar has no holiday data for the year', () => {
    const bare = createChinaCalendar({ holidays: {}, workdays: {} });
    const findings = findingsOf(run('service.within_7_days', build(served('2024-09-27', '2024-10-14'), { calendar: bare })));
    expect(findings[0]?.message).toBe(
      '决定2024年9月27日作出，送达2024年10月14日，间隔11个工作日，超过7个工作日（期限至2024年10月8日）（日历无2024年节假日数据，仅扣除周末计算工作日）',
    );
  });

  it('finds the decision receipt by date when receipts do not name the document', () => {
    const specs = general({ noticeReceipt: { text: '送达回证' }, decisionReceipt: { text: '送达回证', date: '2024-05-20' } });
    expect(findingsOf(run('service.within_7_days', build(specs)))[0]?.message).toContain('送达2024年5月20日');
  });

  it('cannot decide without a dated receipt for the decision', () => {
    expect(reasonOf(run('service.within_7_days', build(general({ decisionReceipt: null }))))).toContain('送达回证');
  });
});

describe('notice.statement_period_5_working_days', () => {
  const early = (extra: Spec[] = []) => general({ decision: { date: '2024-04-19' }, decisionReceipt: { date: '2024-04-19' } }, extra);

  it('reports a decision made before the statement period ran out', () => {
    const findings = findingsOf(run('notice.statement_period_5_working_days', build(early())));
    expect(findings[0]?.message).toBe(
      '告知书送达2024年4月16日，决定2024年4月19日作出，仅间隔3个工作日，未留足5个工作日的陈述申辩期限（最早应于2024年4月23日作出决定），卷内未见书面放弃陈述申辩',
    );
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#6', page: 6, quote: '2024年4月16日' },
      { documentId: 'vol.pdf#7', page: 7, quote: '2024年4月19日' },
    ]);
  });

  it('counts from the notice date when there is no receipt for it, and passes at 5 working days', () => {
    const specs = general({ noticeReceipt: null, decision: { date: '2024-04-18' } });
    expect(findingsOf(run('notice.statement_period_5_working_days', build(specs)))[0]?.message).toContain('告知书落款2024年4月15日');
    expect(run('notice.statement_period_5_working_days', build(general({ decision: { date: '2024-04-23' } })))).toEqual({ status: 'pass' });
  });

  it('accepts a written waiver, not the template sentence', () => {
    const waived = early([{ type: 'statement_record', text: '陈述申辩笔录\n当事人：本单位放弃陈述、申辩权利。' }]);
    expect(run('notice.statement_period_5_working_days', build(waived))).toEqual({ status: 'pass' });
    const template = early([{ type: 'statement_record', text: '陈述申辩笔录\n逾期未提出的，视为放弃陈述、申辩权利。' }]);
    expect(run('notice.statement_period_5_working_days', build(template)).status).toBe('findings');
  });

  it('cannot decide without a notice date or receipt', () => {
    const specs = general({ noticeReceipt: null, notice: { date: null } });
    expect(reasonOf(run('notice.statement_period_5_working_days', build(specs)))).toContain('行政处罚事先告知书日期无法识别');
  });
});

describe('notice.before_decision', () => {
  it('reports a missing notice and a notice on or after the decision date', () => {
    const missing = findingsOf(run('notice.before_decision', build(general({ notice: null }))));
    expect(missing[0]?.message).toContain('卷内未见行政处罚事先告知书');
    expect(missing[0]?.evidence).toEqual([{ documentId: 'vol.pdf#6', page: 6, quote: '行政处罚决定书' }]);
    const sameDay = findingsOf(run('notice.before_decision', build(general({ notice: { date: '2024-05-06' } }))));
    expect(sameDay[0]?.message).toBe('告知书落款2024年5月6日，决定2024年5月6日作出，告知与决定同日，未在决定前告知');
  });

  it('cannot decide on an unreadable notice date', () => {
    expect(reasonOf(run('notice.before_decision', build(general({ notice: { date: null } }))))).toContain('日期无法识别');
  });
});

describe('hearing.right_notified', () => {
  const bigFine = (text: string) => general({ notice: { fine: 150_000, text }, decision: { fine: 150_000 } });

  it('reports a notice that does not mention the hearing right when the fine reaches the threshold', () => {
    const findings = findingsOf(run('hearing.right_notified', build(bigFine('行政处罚告知书\n拟处罚款150000元，你单位可以进行陈述和申辩。'))));
    expect(findings[0]?.message).toBe('法人或其他组织罚款150000元，达到听证数额100000元，告知书未告知要求听证的权利');
    expect(findings[0]?.evidence[0]).toEqual({ documentId: 'vol.pdf#5', page: 5, quote: '罚款人民币150000元' });
    expect(run('hearing.right_notified', build(bigFine('行政处罚听证告知书\n你单位有要求举行听证的权利。')))).toEqual({ status: 'pass' });
  });

  it('uses the threshold of the party kind and cannot decide when the kind is unknown', () => {
    const person = general({ notice: { fine: 20_000, text: '告知书\n可以陈述申辩。' } });
    expect(findingsOf(run('hearing.right_notified', build(person, { kind: 'person' })))[0]?.message).toContain('自然人罚款20000元，达到听证数额10000元');
    expect(run('hearing.right_notified', build(person, { kind: 'organization' }))).toEqual({ status: 'pass' });
    expect(reasonOf(run('hearing.right_notified', build(person, { noMetadata: true })))).toContain('当事人类型不明');
  });

  it('cannot decide without a fine', () => {
    expect(reasonOf(run('hearing.right_notified', build(general({ notice: { fine: undefined }, decision: { fine: undefined } }))))).toContain('罚款金额');
  });
});

describe('hearing.notice_7_days', () => {
  const withHearing = (noticeOn: string, heldOn: string) =>
    general({}, [
      { type: 'hearing_notice', date: noticeOn, role: 'notice', dates: [{ value: heldOn, role: 'hearing' }] },
      { type: 'hearing_record', date: heldOn, role: 'hearing' },
    ]);

  it('reports a hearing held less than 7 working days after the notice', () => {
    const findings = findingsOf(run('hearing.notice_7_days', build(withHearing('2024-04-22', '2024-04-26'))));
    expect(findings[0]?.message).toBe('听证通知书2024年4月22日发出，听证2024年4月26日举行，间隔4个工作日，不足7个工作日（最早应于2024年4月30日举行）');
    expect(findings[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#10', page: 10, quote: '2024年4月22日' },
      { documentId: 'vol.pdf#11', page: 11, quote: '2024年4月26日' },
    ]);
  });

  it('passes at 7 working days (the adjusted working Sunday before May Day counted) and when there was no hearing', () => {
    // 4-28 (Sunday) is an adjusted working day, so the seventh working day after 4-22 is 4-30.
    expect(run('hearing.notice_7_days', build(withHearing('2024-04-22', '2024-04-30')))).toEqual({ status: 'pass' });
    expect(findingsOf(run('hearing.notice_7_days', build(withHearing('2024-04-22', '2024-04-29'))))[0]?.message).toContain('间隔6个工作日');
    expect(run('hearing.notice_7_days', build(general()))).toEqual({ status: 'pass' });
  });

  it('cannot decide without the notice date', () => {
    const specs = general({}, [{ type: 'hearing_notice' }, { type: 'hearing_record', date: '2024-04-26', role: 'hearing' }]);
    expect(reasonOf(run('hearing.notice_7_days', build(specs)))).toContain('听证通知书未载明可识别的日期');
  });
});

describe('simple_procedure.amount_limit', () => {
  const simple = (fine: number | undefined, date: string | undefined, text?: string) => [
    { type: 'onsite_penalty_decision', fine, date, role: 'decision' as const, ...(text !== undefined ? { text } : {}) },
  ];

  it('applies the limit in force on the decision date (50 元 before 2021-07-15, 200 元 after)', () => {
    const before = findingsOf(run('simple_procedure.amount_limit', build(simple(100, '2020-06-01'), { caseType: 'penalty_simple', kind: 'person' })));
    expect(before[0]?.message).toBe('当事人为自然人，简易程序罚款100元，超过决定时（2020年6月1日）施行的限额50元，应适用普通程序');
    expect(before[0]?.evidence).toEqual([
      { documentId: 'vol.pdf#1', page: 1, quote: '罚款人民币100元' },
      { documentId: 'vol.pdf#1', page: 1, quote: '2020年6月1日' },
    ]);
    expect(run('simple_procedure.amount_limit', build(simple(100, '2022-06-01'), { caseType: 'penalty_simple', kind: 'person' }))).toEqual({ status: 'pass' });
    const after = findingsOf(run('simple_procedure.amount_limit', build(simple(500, '2022-06-01'), { caseType: 'penalty_simple', kind: 'person' })));
    expect(after[0]?.message).toBe('当事人为自然人，简易程序罚款500元，超过决定时（2022年6月1日）施行的限额200元，应适用普通程序');
  });

  it('gives individual businesses the organisation limit (1000 元, then 3000 元)', () => {
    const opts = { caseType: 'penalty_simple' as const, kind: 'individual_business' as const };
    expect(findingsOf(run('simple_procedure.amount_limit', build(simple(2000, '2021-07-14'), opts)))[0]?.message).toContain('限额1000元');
    expect(run('simple_procedure.amount_limit', build(simple(2000, '2021-07-15'), opts))).toEqual({ status: 'pass' });
  });

  it('cannot decide the era without a date, and passes a warning', () => {
    const opts = { caseType: 'penalty_simple' as const, kind: 'person' as const };
    expect(reasonOf(run('simple_procedure.amount_limit', build(simple(100, undefined), opts)))).toContain('无法确定决定时施行的限额');
    expect(run('simple_procedure.amount_limit', build(simple(40, undefined), opts))).toEqual({ status: 'pass' });
    expect(run('simple_procedure.amount_limit', build(simple(undefined, '2022-06-01', '当场行政处罚决定书\n给予警告。'), opts))).toEqual({ status: 'pass' });
    expect(reasonOf(run('simple_procedure.amount_limit', build(simple(undefined, '2022-06-01', ''), opts)))).toContain('无可识别的文字');
  });
});

describe('legal_review.when_required and collective_discussion.when_required', () => {
  it('requires a legal review for a major decision', () => {
    const findings = findingsOf(run('legal_review.when_required', build(general(), { flags: { majorDecision: true } })));
    expect(findings[0]?.message).toBe('案卷信息标明为重大执法决定，卷内未见法制审核材料');
    expect(findings[0]?.evidence).toEqual([{ documentId: 'vol.pdf#7', page: 7, quote: '行政处罚决定书' }]);
    expect(run('legal_review.when_required', build(general({}, [{ type: 'legal_review' }]), { flags: { majorDecision: true } }))).toEqual({ status: 'pass' });
    expect(run('legal_review.when_required', build(general()))).toEqual({ status: 'pass' });
    expect(reasonOf(run('legal_review.when_required', build(general(), { noMetadata: true })))).toContain('无案卷信息');
  });

  it('requires collective discussion from the amount only when the scheme sets collectiveDiscussionYuan', () => {
    const big = general({ decision: { fine: 600_000 } });
    expect(run('collective_discussion.when_required', build(big))).toEqual({ status: 'pass' });
    const findings = findingsOf(run('collective_discussion.when_required', build(big, { params: { collectiveDiscussionYuan: 500_000 } })));
    expect(findings[0]?.message).toBe('罚款600000元，达到集体讨论数额500000元，卷内未见集体讨论记录');
    expect(findings[0]?.evidence).toEqual([{ documentId: 'vol.pdf#7', page: 7, quote: '罚款人民币600000元' }]);
    const discussed = general({ decision: { fine: 600_000 } }, [{ type: 'collective_discussion' }]);
    expect(run('collective_discussion.when_required', build(discussed, { params: { collectiveDiscussionYuan: 500_000 } }))).toEqual({ status: 'pass' });
    expect(findingsOf(run('collective_discussion.when_required', build(general(), { flags: { majorDecision: true } })))).toHaveLength(1);
  });
});
