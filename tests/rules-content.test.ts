import { describe, expect, it } from 'vitest';
import { CONTENT_RULES } from '../src/checks/rules/content-rules.js';
import { defaultParameter } from '../src/checks/parameters.js';
import { MACHINE_RULES } from '../src/checks/rule-catalog.js';
import { createChinaCalendar } from '../src/checks/working-days.js';
import type { CheckContext, RuleFinding, RuleOutcome } from '../src/checks/types.js';
import type {
  AmountFact,
  CaseNumberFact,
  CaseTextFacts,
  CitationFact,
  DateFact,
  DocumentInput,
  PartyFact,
  RemedyFact,
  SealFact,
} from '../src/facts/types.js';
import { normalizeForMatching } from '../src/text/normalize.js';

const calendar = createChinaCalendar();

function doc(id: string, type: string, ...pages: string[]): DocumentInput {
  return {
    id,
    file: 'case.pdf',
    type,
    title: null,
    pages: pages.map((raw, i) => ({ pageNumber: i + 1, raw, normalized: normalizeForMatching(raw) })),
  };
}

function context(documents: DocumentInput[], facts: Partial<CaseTextFacts> = {}): CheckContext {
  return {
    caseType: 'penalty_general',
    metadata: null,
    documents,
    facts: { caseNumbers: [], dates: [], amounts: [], citations: [], remedy: null, parties: [], officers: [], seals: [], ...facts },
    parameter: (name, onDate) => defaultParameter(name, onDate),
    calendar,
  };
}

function run(id: string, ctx: CheckContext): RuleOutcome {
  const rule = CONTENT_RULES.find((r) => r.id === id);
  if (!rule) throw new Error(`no rule ${id}`);
  return rule.check(ctx);
}

function findingsOf(outcome: RuleOutcome): RuleFinding[] {
  expect(outcome.status).toBe('findings');
  if (outcome.status !== 'findings') return [];
  for (const f of outcome.findings) {
    expect(f.evidence.length).toBeGreaterThan(0);
    for (const e of f.evidence) {
      expect(e.documentId).toBeTruthy();
      expect(e.page).toBeGreaterThan(0);
      expect(e.quote.length).toBeGreaterThan(0);
    }
  }
  return outcome.findings;
}

const date = (documentId: string, value: string, role: DateFact['role'], quote = value, page = 1): DateFact => ({
  documentId,
  page,
  quote,
  value,
  role,
  problem: null,
});

const amount = (documentId: string, quote: string, value: number, role: AmountFact['role'], extra: Partial<AmountFact> = {}): AmountFact => ({
  documentId,
  page: 1,
  quote,
  value,
  role,
  form: 'arabic',
  pairedValue: null,
  ...extra,
});

const citation = (documentId: string, quote: string, law: string, article: number | null, extra: Partial<CitationFact> = {}): CitationFact => ({
  documentId,
  page: 1,
  quote,
  law,
  canonicalLaw: law.startsWith('中华人民共和国') ? law : `中华人民共和国${law}`,
  kind: 'law',
  article,
  clause: null,
  item: null,
  ...extra,
});

const party = (documentId: string, name: string, extra: Partial<PartyFact> = {}): PartyFact => ({
  documentId,
  page: 1,
  quote: `当事人：${name}`,
  name,
  kind: 'organization',
  creditCode: null,
  idNumber: null,
  identifierValid: null,
  ...extra,
});

const caseNumber = (documentId: string, value: string, prefix: string | null, extra: Partial<CaseNumberFact> = {}): CaseNumberFact => ({
  documentId,
  page: 1,
  quote: value,
  value,
  year: 2024,
  prefix,
  serial: value.match(/(\d+)号$/)?.[1] ?? null,
  wellFormed: true,
  problems: [],
  ...extra,
});

const seal = (documentId: string): SealFact => ({ documentId, page: 1, quote: '江州市生态环境局（印章）', kind: 'seal' });

const REMEDY_TEXT =
  '如不服本决定，可在收到本决定书之日起六十日内向江州市人民政府申请行政复议，也可以在六个月内向江州市滨江区人民法院提起行政诉讼。';

const DECISION_TEXT = [
  '江州市生态环境局',
  '行政处罚决定书',
  '江环罚〔2024〕17号',
  '当事人：江州市恒达化工有限公司',
  '统一社会信用代码：91420100MA4K12345K',
  '住所：江州市滨江区长河路88号',
  '一、违法事实和证据',
  '经查，你单位于2024年1月10日在未配套建设污染防治设施的情况下排放废气。',
  '以上事实有现场检查笔录、询问笔录、监测报告等证据为证。',
  '二、行政处罚的依据和种类',
  '你单位的上述行为违反了《中华人民共和国大气污染防治法》第十八条的规定。',
  '依据《中华人民共和国大气污染防治法》第九十九条第（二）项的规定，我局决定对你单位处以罚款人民币伍万元整（¥50000元）。',
  '三、履行方式和期限',
  '限你单位自收到本决定书之日起十五日内将罚款缴至指定银行。',
  '四、救济途径和期限',
  REMEDY_TEXT,
  '江州市生态环境局',
  '2024年3月1日',
].join('\n');

describe('catalog', () => {
  it('has one rule per catalog id, with the catalog title and basis', () => {
    const ids = CONTENT_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const rule of CONTENT_RULES) {
      const def = MACHINE_RULES.find((r) => r.id === rule.id);
      expect(def, rule.id).toBeDefined();
      expect(rule.title).toBe(def!.title);
      expect(rule.basis).toBe(def!.basis);
    }
    expect(ids).toHaveLength(14);
  });
});

describe('decision.statutory_elements', () => {
  const decision = doc('d1', 'penalty_decision', DECISION_TEXT);

  it('passes a complete, sealed decision', () => {
    expect(run('decision.statutory_elements', context([decision], { seals: [seal('d1')] }))).toEqual({ status: 'pass' });
  });

  it('lists the missing elements, the seal included', () => {
    const text = DECISION_TEXT.replace('住所：江州市滨江区长河路88号\n', '').replace('限你单位自收到本决定书之日起十五日内将罚款缴至指定银行。\n', '');
    const [finding] = findingsOf(run('decision.statutory_elements', context([doc('d1', 'penalty_decision', text)])));
    expect(finding!.message).toContain('当事人住所（地址）');
    expect(finding!.message).toContain('履行方式和期限');
    expect(finding!.message).toContain('行政机关印章');
    expect(finding!.message).not.toContain('违法事实');
    expect(finding!.message).not.toContain('申请行政复议');
    expect(finding!.evidence[0]).toEqual({ documentId: 'd1', page: 1, quote: '江州市生态环境局' });
  });

  it('reports missing remedy, facts and date', () => {
    const text = ['江州市生态环境局', '行政处罚决定书', '当事人：江州市恒达化工有限公司', '住所：江州市滨江区', '依据《中华人民共和国大气污染防治法》第九十九条的规定，决定给予警告。'].join('\n');
    const [finding] = findingsOf(run('decision.statutory_elements', context([doc('d1', 'penalty_decision', text)], { seals: [seal('d1')] })));
    expect(finding!.message).toContain('违法事实、证据');
    expect(finding!.message).toContain('申请行政复议的途径和期限、提起行政诉讼的途径和期限');
    expect(finding!.message).toContain('作出决定的日期');
    // A warning needs no performance clause.
    expect(finding!.message).not.toContain('履行方式');
  });

  it('checks an on-the-spot decision against article 52', () => {
    const text = [
      '青山县交通运输局',
      '当场行政处罚决定书',
      '当事人：青山县顺通物流有限公司',
      '违法事实：你单位车辆运输碎石时未采取加盖篷布等必要措施。',
      '依据《道路运输条例》第六十八条的规定，决定处罚款人民币伍佰元整。',
      '你单位应当自收到本决定书之日起十五日内缴纳罚款。',
      '你单位如不服本决定，应当自收到本决定书之日起六十日内向青山县人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向青山县人民法院提起行政诉讼。',
      '执法人员：赵磊、孙伟',
      '青山县交通运输局',
      '2024年11月13日',
    ].join('\n');
    const [finding] = findingsOf(run('decision.statutory_elements', context([doc('o1', 'onsite_penalty_decision', text)])));
    expect(finding!.message).toBe('当场行政处罚决定书未载明或缺少《中华人民共和国行政处罚法》第五十二条规定的内容：处罚地点、行政机关印章');
  });

  it('cannot decide without a decision document', () => {
    expect(run('decision.statutory_elements', context([doc('n1', 'penalty_notice', '告知书')])).status).toBe('undecided');
  });
});

describe('decision.remedy_clause', () => {
  const decision = doc('d1', 'penalty_decision', DECISION_TEXT);
  const remedy = (extra: Partial<RemedyFact> = {}): RemedyFact => ({
    documentId: 'd1',
    page: 1,
    quote: REMEDY_TEXT,
    reconsiderationDays: 60,
    reconsiderationBody: '江州市人民政府',
    litigationMonths: 6,
    litigationDays: null,
    court: '江州市滨江区人民法院',
    ...extra,
  });
  const withDate = (value: string, r: RemedyFact) => context([decision], { remedy: r, dates: [date('d1', value, 'decision')] });

  it('passes the 60-day / 6-month wording with full names', () => {
    expect(run('decision.remedy_clause', withDate('2024-03-01', remedy()))).toEqual({ status: 'pass' });
  });

  it('accepts 三个月 before 2015-05-01', () => {
    expect(run('decision.remedy_clause', withDate('2014-06-01', remedy({ litigationMonths: 3 })))).toEqual({ status: 'pass' });
  });

  it('flags 三个月 in 2024 as outdated', () => {
    const [finding] = findingsOf(run('decision.remedy_clause', withDate('2024-03-01', remedy({ litigationMonths: 3 }))));
    expect(finding!.message).toContain('提起行政诉讼的期限写为三个月');
    expect(finding!.message).toContain('应为六个月');
    expect(finding!.evidence[0]).toEqual({ documentId: 'd1', page: 1, quote: REMEDY_TEXT });
  });

  it('flags 六个月 before 2015-05-01', () => {
    const [finding] = findingsOf(run('decision.remedy_clause', withDate('2014-06-01', remedy())));
    expect(finding!.message).toContain('应为三个月');
  });

  it('flags 十五日 for direct suit, a wrong review period and names not in full', () => {
    const [finding] = findingsOf(
      run(
        'decision.remedy_clause',
        withDate(
          '2024-03-01',
          remedy({ reconsiderationDays: 15, litigationMonths: null, litigationDays: 15, court: '有管辖权的人民法院', reconsiderationBody: '江州市政府' }),
        ),
      ),
    );
    expect(finding!.message).toContain('申请行政复议的期限写为十五日，应为六十日');
    expect(finding!.message).toContain('直接提起行政诉讼的期限写为十五日');
    expect(finding!.message).toContain('人民法院写为“有管辖权的人民法院”');
    expect(finding!.message).toContain('应写全称“…人民政府”');
  });

  it('accepts 十五日 after a review decision', () => {
    const quote = '对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向江州市滨江区人民法院提起行政诉讼。';
    const text = `${DECISION_TEXT}\n${quote}`;
    const ctx = context([doc('d1', 'penalty_decision', text)], {
      remedy: remedy({ quote, litigationMonths: null, litigationDays: 15 }),
      dates: [date('d1', '2024-03-01', 'decision')],
    });
    expect(run('decision.remedy_clause', ctx)).toEqual({ status: 'pass' });
  });

  it('accepts 十五日 after review when the clause is split over sentences (复议前置)', () => {
    const first = '当事人对本决定不服的，应当自收到本决定书之日起六十日内向江州市人民政府申请行政复议。';
    const second = '对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向江州市滨江区人民法院提起行政诉讼。';
    const ctx = context([doc('o1', 'onsite_penalty_decision', `当场行政处罚决定书\n${first}\n${second}`)], {
      remedy: remedy({ documentId: 'o1', quote: first, litigationMonths: null, litigationDays: 15 }),
      dates: [date('o1', '2024-03-01', 'decision')],
    });
    expect(run('decision.remedy_clause', ctx)).toEqual({ status: 'pass' });
  });

  it('flags an unnamed body and court', () => {
    const [finding] = findingsOf(run('decision.remedy_clause', withDate('2024-03-01', remedy({ reconsiderationBody: null, court: '法院' }))));
    expect(finding!.message).toContain('未写明行政复议机关名称');
    expect(finding!.message).toContain('人民法院写为“法院”');
  });

  it('cannot decide when the text mentions 复议 but the extractor found no period or body', () => {
    const outcome = run('decision.remedy_clause', withDate('2024-03-01', remedy({ reconsiderationDays: null, reconsiderationBody: null })));
    expect(outcome).toEqual({ status: 'undecided', reason: '决定书提到行政复议，但未能识别复议期限和复议机关（可能跨页）' });
  });

  it('cannot tell 三个月 without a decision date', () => {
    expect(run('decision.remedy_clause', context([decision], { remedy: remedy({ litigationMonths: 3 }) })).status).toBe('undecided');
  });

  it('flags a decision that says nothing about remedies, and cannot decide without a decision', () => {
    const silent = doc('d1', 'penalty_decision', '行政处罚决定书\n决定给予警告。');
    const [finding] = findingsOf(run('decision.remedy_clause', context([silent])));
    expect(finding!.message).toContain('未告知申请行政复议、提起行政诉讼的途径和期限');
    expect(run('decision.remedy_clause', context([])).status).toBe('undecided');
  });
});

describe('citation.specific', () => {
  const quote = '依据《中华人民共和国大气污染防治法》的规定，我局决定对你单位处以罚款。';
  const decision = doc('d1', 'penalty_decision', quote);

  it('flags a law cited by title only in a decision', () => {
    const [finding] = findingsOf(run('citation.specific', context([decision], { citations: [citation('d1', quote, '中华人民共和国大气污染防治法', null)] })));
    expect(finding!.message).toBe('行政处罚决定书第1页引用《中华人民共和国大气污染防治法》只写了名称，未写明具体条文（应具体到条、款、项）');
    expect(finding!.evidence[0]!.quote).toBe(quote);
  });

  it('passes article citations, discretion benchmarks and other documents', () => {
    const record = doc('r1', 'inquiry_record', quote);
    const ctx = context([decision, record], {
      citations: [
        citation('d1', quote, '中华人民共和国大气污染防治法', 99),
        citation('d1', '依据《江州市生态环境行政处罚裁量基准》', '江州市生态环境行政处罚裁量基准', null, { kind: 'discretion_benchmark', canonicalLaw: null }),
        citation('r1', quote, '中华人民共和国大气污染防治法', null),
      ],
    });
    expect(run('citation.specific', ctx)).toEqual({ status: 'pass' });
  });

  it('flags an article cited without the 款、项 the case cites elsewhere, or whose quoted text lists items', () => {
    const loose = '依据《中华人民共和国食品安全法》第一百二十四条的规定，决定罚款。';
    const quoted = '依据《中华人民共和国食品安全法》第一百二十四条“有下列情形之一的……（五）生产经营超过保质期的食品”的规定。';
    const ctx = context([doc('d1', 'penalty_decision', `${loose}\n${quoted}`), doc('n1', 'penalty_notice', '告知书')], {
      citations: [
        citation('d1', loose, '中华人民共和国食品安全法', 124),
        citation('n1', '依据第一百二十四条第一款第（五）项', '中华人民共和国食品安全法', 124, { clause: 1, item: 5 }),
      ],
    });
    const [finding] = findingsOf(run('citation.specific', ctx));
    expect(finding!.message).toBe(
      '行政处罚决定书第1页引用《中华人民共和国食品安全法》第一百二十四条未写明款、项，行政处罚事先（听证）告知书中引为第一百二十四条第一款第（五）项',
    );
    const alone = context([doc('d1', 'penalty_decision', quoted)], { citations: [citation('d1', quoted, '中华人民共和国食品安全法', 124)] });
    expect(findingsOf(run('citation.specific', alone))[0]!.message).toContain('所引条文分项列举，但未写明适用的项');
  });

  it('cannot decide without a decision or notice', () => {
    expect(run('citation.specific', context([doc('r1', 'inquiry_record', quote)])).status).toBe('undecided');
  });
});

describe('citation.exists', () => {
  const decision = doc('d1', 'penalty_decision', '依据《中华人民共和国行政处法》第五十九条');

  it('flags an unknown national law title', () => {
    const [finding] = findingsOf(
      run('citation.exists', context([decision], { citations: [citation('d1', '依据《中华人民共和国行政处法》第五十九条', '中华人民共和国行政处法', 59, { canonicalLaw: null })] })),
    );
    expect(finding!.message).toContain('《中华人民共和国行政处法》不是已知的法律名称');
  });

  it('does not check local regulations and benchmarks against the national index', () => {
    const ctx = context([decision], {
      citations: [
        citation('d1', '《江州省大气污染防治条例》第十条', '江州省大气污染防治条例', 10, { canonicalLaw: null, kind: 'local_regulation' }),
        citation('d1', '《江州市裁量基准》', '江州市裁量基准', null, { canonicalLaw: null, kind: 'discretion_benchmark' }),
        citation('d1', '《中华人民共和国行政处罚法》第五十九条', '中华人民共和国行政处罚法', 59),
      ],
    });
    expect(run('citation.exists', ctx)).toEqual({ status: 'pass' });
  });

  it('flags an article beyond the last one of the text in force', () => {
    const newer = context([decision], {
      dates: [date('d1', '2024-03-01', 'decision')],
      citations: [citation('d1', '《中华人民共和国行政处罚法》第九十条', '中华人民共和国行政处罚法', 90)],
    });
    expect(findingsOf(run('citation.exists', newer))[0]!.message).toBe('《中华人民共和国行政处罚法》（2021年修订文本）共八十六条，引用的第九十条不存在');
    const older = context([decision], {
      dates: [date('d1', '2020-03-01', 'decision')],
      citations: [citation('d1', '《中华人民共和国行政处罚法》第七十条', '中华人民共和国行政处罚法', 70)],
    });
    expect(findingsOf(run('citation.exists', older))[0]!.message).toContain('共六十四条');
  });

  it('flags an article beyond the last one of an indexed law', () => {
    const ctx = context([decision], {
      citations: [citation('d1', '《中华人民共和国大气污染防治法》第一百五十条', '中华人民共和国大气污染防治法', 150)],
    });
    expect(findingsOf(run('citation.exists', ctx))[0]!.message).toBe('《中华人民共和国大气污染防治法》现行文本共一百二十九条，引用的第一百五十条不存在');
  });

  it('flags a repealed law cited after its repeal', () => {
    const ctx = context([decision], {
      dates: [date('d1', '2022-03-01', 'decision')],
      citations: [citation('d1', '《中华人民共和国合同法》第五十二条', '中华人民共和国合同法', 52)],
    });
    expect(findingsOf(run('citation.exists', ctx))[0]!.message).toContain('已于2021-01-01废止');
  });
});

describe('citation.law_version', () => {
  const oldNotice = '根据《中华人民共和国行政处罚法》第三十一条、第三十二条的规定，现将拟作出行政处罚的事实、理由、依据及处罚内容告知如下。';
  const newNotice = '根据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你单位享有陈述、申辩的权利。';
  const setup = (text: string, on: string, articles: number[]) =>
    context([doc('n1', 'penalty_notice', text)], {
      dates: [date('n1', on, 'notice')],
      citations: articles.map((a) => citation('n1', text, '中华人民共和国行政处罚法', a)),
    });

  it('flags 2017 article numbers in a document dated after 2021-07-15', () => {
    const findings = findingsOf(run('citation.law_version', setup(oldNotice, '2022-05-10', [31, 32])));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe(
      '行政处罚事先（听证）告知书（2022-05-10）引用行政处罚法第三十一条、第三十二条，是2021年7月15日修订施行前的条文序号，现行文本应为第四十四条、第四十五条',
    );
    expect(findings[0]!.evidence[0]!.quote).toBe(oldNotice);
  });

  it('accepts the same text before 2021-07-15', () => {
    expect(run('citation.law_version', setup(oldNotice, '2020-05-10', [31, 32]))).toEqual({ status: 'pass' });
  });

  it('flags 2021 article numbers in a document dated before 2021-07-15', () => {
    const [finding] = findingsOf(run('citation.law_version', setup(newNotice, '2021-07-14', [44, 45])));
    expect(finding!.message).toContain('是2021年修订后的条文序号');
    expect(finding!.message).toContain('第三十一条、第三十二条');
  });

  it('accepts 2021 numbers after 2021-07-15, and the same number with its current meaning', () => {
    expect(run('citation.law_version', setup(newNotice, '2021-07-15', [44, 45]))).toEqual({ status: 'pass' });
    const lighter = '你单位主动消除违法行为危害后果，依据《中华人民共和国行政处罚法》第三十二条第（一）项的规定，依法从轻处罚。';
    expect(run('citation.law_version', setup(lighter, '2023-01-10', [32]))).toEqual({ status: 'pass' });
    const hearing = '依据《中华人民共和国行政处罚法》第四十二条的规定，听证由两名以上执法人员进行。';
    expect(run('citation.law_version', setup(hearing, '2023-01-10', [42]))).toEqual({ status: 'pass' });
  });

  it('flags 第四十二条 for 听证 after 2021', () => {
    const hearing = '根据《中华人民共和国行政处罚法》第四十二条的规定，你单位有权要求举行听证。';
    expect(findingsOf(run('citation.law_version', setup(hearing, '2023-01-10', [42])))[0]!.message).toContain('第六十三条、第六十四条');
  });

  it('cannot decide without a document date', () => {
    const ctx = context([doc('n1', 'penalty_notice', oldNotice)], { citations: [citation('n1', oldNotice, '中华人民共和国行政处罚法', 31)] });
    expect(run('citation.law_version', ctx).status).toBe('undecided');
  });
});

describe('decision.not_heavier_than_notice', () => {
  const docs = [doc('d1', 'penalty_decision', '决定书'), doc('n1', 'penalty_notice', '告知书 拟处罚款')];

  it('flags a decision fine above the proposed fine', () => {
    const ctx = context(docs, {
      amounts: [
        amount('d1', '我局于2024年2月1日告知你单位拟处罚款伍万元（¥50000元）', 50000, 'fine'),
        amount('d1', '依据…第九十九条“处十万元以上一百万元以下的罚款”的规定', 100000, 'fine'),
        amount('d1', '决定对你单位处以罚款捌万元（¥80000元）', 80000, 'fine'),
        amount('n1', '拟对你单位处以罚款伍万元（¥50000元）', 50000, 'fine'),
      ],
    });
    const [finding] = findingsOf(run('decision.not_heavier_than_notice', ctx));
    expect(finding!.message).toBe('决定书罚款80000元，高于告知书拟处罚款50000元（不得因陈述申辩加重处罚；加重应重新告知）');
    expect(finding!.evidence.map((e) => e.documentId)).toEqual(['d1', 'n1']);
  });

  it('passes an equal or lower fine', () => {
    const ctx = context(docs, {
      amounts: [amount('d1', '处以罚款肆万元', 40000, 'fine'), amount('n1', '拟处以罚款伍万元', 50000, 'fine')],
    });
    expect(run('decision.not_heavier_than_notice', ctx)).toEqual({ status: 'pass' });
  });

  it('flags a fine when the notice proposed none', () => {
    const ctx = context([doc('d1', 'penalty_decision', '决定书'), doc('n1', 'penalty_notice', '拟给予警告的行政处罚')], {
      amounts: [amount('d1', '处以罚款肆万元', 40000, 'fine')],
    });
    expect(findingsOf(run('decision.not_heavier_than_notice', ctx))[0]!.message).toContain('告知书未告知拟处罚款');
  });

  it('cannot decide without a notice', () => {
    expect(run('decision.not_heavier_than_notice', context([docs[0]!])).status).toBe('undecided');
  });
});

describe('decision.amounts_consistent', () => {
  const docs = [doc('d1', 'penalty_decision', '决定书'), doc('p1', 'payment_receipt', '罚没款票据')];

  it('passes when the receipt shows the fine', () => {
    const ctx = context(docs, { amounts: [amount('d1', '处以罚款伍万元', 50000, 'fine'), amount('p1', '金额 ¥50000.00', 50000, 'fine')] });
    expect(run('decision.amounts_consistent', ctx)).toEqual({ status: 'pass' });
  });

  it('flags a different amount on the receipt', () => {
    const ctx = context(docs, { amounts: [amount('d1', '处以罚款伍万元', 50000, 'fine'), amount('p1', '金额 ¥5000.00', 5000, 'fine')] });
    const [finding] = findingsOf(run('decision.amounts_consistent', ctx));
    expect(finding!.message).toBe('决定书罚款50000元，罚没款票据金额为5000元，两者不一致');
  });

  it('accepts a receipt for the fine plus the money confiscated, and flags a wrong total', () => {
    const decided = [
      amount('d1', '违法所得由2,622元核减为2,028元', 2622, 'illegal_gains'),
      amount('d1', '2.没收违法所得人民币贰仟零贰拾捌元整（¥2,028元）', 2028, 'illegal_gains'),
      amount('d1', '3.罚款人民币壹拾万伍仟伍佰肆拾元整（¥105,540元）', 105540, 'fine'),
    ];
    expect(run('decision.amounts_consistent', context(docs, { amounts: [...decided, amount('p1', '金额：¥107,568元', 107568, null)] }))).toEqual({
      status: 'pass',
    });
    const withTotal = [...decided, amount('d1', '罚没款合计人民币壹拾万柒仟伍佰陆拾捌元整（¥107,568元）', 107568, null)];
    const [finding] = findingsOf(
      run('decision.amounts_consistent', context(docs, { amounts: [...withTotal, amount('p1', '金额：¥107,658元', 107658, null)] })),
    );
    expect(finding!.message).toBe('决定书罚没款合计107568元（其中罚款105540元），罚没款票据金额为107658元，两者不一致');
  });

  it('cannot decide without a receipt', () => {
    expect(run('decision.amounts_consistent', context([docs[0]!], { amounts: [amount('d1', '罚款', 1, 'fine')] })).status).toBe('undecided');
  });
});

describe('amounts.figures_agree', () => {
  it('flags capital and arabic figures that differ', () => {
    const ctx = context([doc('d1', 'penalty_decision', '罚款捌佰柒拾元整（¥780元）')], {
      amounts: [amount('d1', '罚款捌佰柒拾元整（¥780元）', 870, 'fine', { form: 'capital', pairedValue: 780 })],
    });
    const [finding] = findingsOf(run('amounts.figures_agree', ctx));
    expect(finding!.message).toBe('金额大写为870元，小写（阿拉伯数字）为780元，大小写不一致');
  });

  it('passes agreeing figures', () => {
    const ctx = context([], { amounts: [amount('d1', '捌佰柒拾元整（¥870元）', 870, 'fine', { form: 'capital', pairedValue: 870 })] });
    expect(run('amounts.figures_agree', ctx)).toEqual({ status: 'pass' });
  });
});

describe('party.name_consistent', () => {
  const docs = [doc('d1', 'penalty_decision', '决定书'), doc('s1', 'service_receipt', '送达回证'), doc('r1', 'inquiry_record', '询问笔录')];

  it('flags a document naming the party differently', () => {
    const ctx = context(docs, {
      parties: [party('d1', '江州市恒达化工有限公司'), party('s1', '江州市恒达化工有限责任公司'), party('r1', '江州市恒达 化工有限公司')],
    });
    const findings = findingsOf(run('party.name_consistent', ctx));
    expect(findings).toHaveLength(1);
    expect(findings[0]!.message).toBe('送达回证中的当事人名称为“江州市恒达化工有限责任公司”，与行政处罚决定书中的“江州市恒达化工有限公司”不一致');
    expect(findings[0]!.evidence.map((e) => e.documentId)).toEqual(['s1', 'd1']);
  });

  it('ignores the person questioned in a record', () => {
    const ctx = context(docs, {
      parties: [party('d1', '江州市恒达化工有限公司'), party('r1', '刘春生', { kind: 'person', quote: '被询问人：刘春生 性别：男' })],
    });
    expect(run('party.name_consistent', ctx)).toEqual({ status: 'pass' });
  });

  it('treats an individual business trade name and its operator as one party', () => {
    const ctx = context(docs, {
      parties: [
        party('d1', '滨江区老王小吃店', { kind: 'individual_business' }),
        party('d1', '王大明', { kind: 'person' }),
        party('s1', '王大明', { kind: 'person' }),
        party('r1', '滨江区老王小吃店', { kind: 'individual_business' }),
      ],
    });
    expect(run('party.name_consistent', ctx)).toEqual({ status: 'pass' });
  });

  it('cannot decide without party names', () => {
    expect(run('party.name_consistent', context(docs)).status).toBe('undecided');
  });
});

describe('party identifiers', () => {
  const docs = [doc('d1', 'penalty_decision', '决定书'), doc('s1', 'filing_approval', '立案审批表')];

  it('flags a credit code that fails its check digit', () => {
    const ctx = context(docs, {
      parties: [party('d1', '江州市恒达化工有限公司', { creditCode: '91420100MA4K12345A', identifierValid: false })],
    });
    const [finding] = findingsOf(run('party.identifier_valid', ctx));
    expect(finding!.message).toBe('当事人“江州市恒达化工有限公司”的统一社会信用代码“91420100MA4K12345A”校验位错误（GB 32100-2015）');
  });

  it('reports an invalid identifier once, quoting where it is written', () => {
    const bad = { kind: 'person' as const, idNumber: '390105198207160012', identifierValid: false };
    const ctx = context(docs, {
      parties: [party('d1', '林国栋', bad), party('s1', '林国栋', { ...bad, quote: '当事人：林国栋，公民身份号码：390105198207160012' })],
    });
    const [finding, ...rest] = findingsOf(run('party.identifier_valid', ctx));
    expect(rest).toHaveLength(0);
    expect(finding!.message).toBe('当事人“林国栋”的身份证号码“390105198207160012”校验位错误（GB 11643-1999）（出现在2份文书中）');
    expect(finding!.evidence[0]!.documentId).toBe('s1');
  });

  it('passes valid identifiers and cannot decide without any', () => {
    const ctx = context(docs, {
      parties: [
        party('d1', '江州市恒达化工有限公司', { creditCode: '91420100MA4K12345K', identifierValid: true }),
        party('s1', '王大明', { kind: 'person', idNumber: '420105198001011230', identifierValid: true }),
      ],
    });
    expect(run('party.identifier_valid', ctx)).toEqual({ status: 'pass' });
    expect(run('party.identifier_valid', context(docs)).status).toBe('undecided');
  });

  it('flags different credit codes for the same party across documents', () => {
    const ctx = context(docs, {
      parties: [
        party('d1', '江州市恒达化工有限公司', { creditCode: '91420100MA4K12345K', identifierValid: true }),
        party('s1', '江州市恒达化工有限公司', { creditCode: '91420100MA4K54321J', identifierValid: true }),
      ],
    });
    const [finding] = findingsOf(run('party.identifier_consistent', ctx));
    expect(finding!.message).toBe(
      '当事人“江州市恒达化工有限公司”的统一社会信用代码在各文书中不一致：91420100MA4K12345K（行政处罚决定书）、91420100MA4K54321J（立案审批表）',
    );
    expect(finding!.evidence).toHaveLength(2);
  });

  it('passes the same code written with spaces or lower case', () => {
    const ctx = context(docs, {
      parties: [
        party('d1', '江州市恒达化工有限公司', { creditCode: '91420100MA4K12345K' }),
        party('s1', '江州市恒达化工有限公司', { creditCode: '91420100ma4k 12345k' }),
      ],
    });
    expect(run('party.identifier_consistent', ctx)).toEqual({ status: 'pass' });
  });
});

describe('case numbers', () => {
  const docs = [
    doc('d1', 'penalty_decision', '江环罚〔2024〕17号'),
    doc('s1', 'service_receipt', '送达回证'),
    doc('c1', 'closing_approval', '结案审批表'),
  ];

  it('flags malformed numbers once per number, listing the documents', () => {
    const ctx = context(docs, {
      caseNumbers: [
        caseNumber('d1', '江环罚(2024)17号', '江环罚', { wellFormed: false, problems: ['ascii_brackets'] }),
        caseNumber('s1', '江环罚(2024)17号', '江环罚', { wellFormed: false, problems: ['ascii_brackets'] }),
        caseNumber('c1', '江环立【2024】3号', '江环立'),
      ],
    });
    const findings = findingsOf(run('case_number.format', ctx));
    expect(findings.map((f) => f.message)).toEqual([
      '文号“江环罚(2024)17号”格式不规范：年份使用了半角括号，应使用六角括号“〔〕”（见行政处罚决定书、送达回证）',
      '文号“江环立【2024】3号”格式不规范：年份应使用六角括号“〔〕”（见结案审批表）',
    ]);
    expect(findings[0]!.evidence.map((e) => e.documentId)).toEqual(['d1', 's1']);
    expect(run('case_number.format', context(docs)).status).toBe('undecided');
  });

  it('does not check numbers quoted from others, nor a prefix the extractor missed', () => {
    const ctx = context([...docs, doc('r1', 'inquiry_record', '询问笔录')], {
      caseNumbers: [
        caseNumber('r1', '〔2022〕0035号', null, { wellFormed: false, problems: ['missing_prefix'] }),
        caseNumber('c1', '〔2022〕0035号', null, {
          quote: '持有危险化学品经营许可证，编号为江南危化经〔2022〕0035号',
          wellFormed: false,
          problems: ['missing_prefix'],
        }),
        caseNumber('s1', '〔2024〕17号', null, { quote: '案号为〔2024〕17号', wellFormed: false, problems: ['missing_prefix'] }),
      ],
    });
    const [finding, ...rest] = findingsOf(run('case_number.format', ctx));
    expect(rest).toHaveLength(0);
    expect(finding!.message).toBe('文号“〔2024〕17号”格式不规范：缺少机关代字和文书类型（见送达回证）');
  });

  it('flags a different decision number on the service receipt, ignoring other kinds of numbers', () => {
    const ctx = context(docs, {
      caseNumbers: [
        caseNumber('d1', '江环罚〔2024〕17号', '江环罚'),
        caseNumber('s1', '江环罚〔2024〕18号', '江环罚'),
        caseNumber('c1', '江环立〔2024〕3号', '江环立'),
        caseNumber('c1', '江环罚〔2024〕17 号', '江环罚'),
      ],
    });
    const [finding, ...rest] = findingsOf(run('case_number.consistent', ctx));
    expect(rest).toHaveLength(0);
    expect(finding!.message).toBe('送达回证中的决定书文号为“江环罚〔2024〕18号”，与行政处罚决定书文号“江环罚〔2024〕17号”不一致');
    expect(finding!.evidence.map((e) => e.documentId)).toEqual(['s1', 'd1']);
  });

  it('compares against a seizure decision when there is no penalty decision', () => {
    const ctx = context([doc('z1', 'seizure_decision', '查封扣押决定书'), doc('s1', 'service_receipt', '送达回证')], {
      caseNumbers: [caseNumber('z1', '南应急强〔2024〕7号', '南应急强'), caseNumber('s1', '南应急强〔2024〕17号', '南应急强')],
    });
    expect(findingsOf(run('case_number.consistent', ctx))[0]!.message).toBe(
      '送达回证中的决定书文号为“南应急强〔2024〕17号”，与查封扣押决定书文号“南应急强〔2024〕7号”不一致',
    );
  });

  it('passes matching numbers and cannot decide without a decision number', () => {
    const ctx = context(docs, { caseNumbers: [caseNumber('d1', '江环罚〔2024〕17号', '江环罚'), caseNumber('s1', '江环罚〔2024〕17号', '江环罚')] });
    expect(run('case_number.consistent', ctx)).toEqual({ status: 'pass' });
    expect(run('case_number.consistent', context(docs)).status).toBe('undecided');
  });
});

describe('text.template_leftovers', () => {
  it('passes a clean decision', () => {
    expect(run('text.template_leftovers', context([doc('d1', 'penalty_decision', DECISION_TEXT)]))).toEqual({ status: 'pass' });
  });

  it('flags 你（单位）, blanks, XX, empty brackets and instructions', () => {
    const notice = doc(
      'n1',
      'penalty_notice',
      'XX市生态环境局\n行政处罚事先告知书\n江环罚告〔〕号\n你（单位）的行为违反了规定。\n请你单位于＿＿＿＿年＿＿月＿＿日前到我局陈述申辩。\n此处填写联系人。',
    );
    const messages = findingsOf(run('text.template_leftovers', context([notice]))).map((f) => f.message);
    expect(messages).toEqual([
      '行政处罚事先（听证）告知书第1页有未按当事人类型修改的称谓：“你（单位）”',
      '行政处罚事先（听证）告知书第1页有未填写的空白横线：“____”、“__”，共3处',
      '行政处罚事先（听证）告知书第1页有未填写的空括号：“〔〕”',
      '行政处罚事先（听证）告知书第1页有模板占位符：“XX”',
      '行政处罚事先（听证）告知书第1页有模板提示语：“此处填写”',
    ]);
  });

  it('quotes the raw sentence', () => {
    const decision = doc('d1', 'penalty_decision', '江州市生态环境局\n你单位（个人）应当 在十五日内缴纳罚款。');
    const [finding] = findingsOf(run('text.template_leftovers', context([decision])));
    expect(finding!.evidence[0]).toEqual({ documentId: 'd1', page: 1, quote: '你单位（个人）应当 在十五日内缴纳罚款。' });
  });

  it('flags 涉嫌 in a decision conclusion but not in the case history', () => {
    const history = '本局于2024年1月10日对你单位涉嫌违反《中华人民共和国大气污染防治法》一案立案调查。';
    const conclusion = '综上，你单位涉嫌违反了《中华人民共和国大气污染防治法》第十八条的规定。';
    const [finding, ...rest] = findingsOf(run('text.template_leftovers', context([doc('d1', 'penalty_decision', `${history}\n${conclusion}`)])));
    expect(rest).toHaveLength(0);
    expect(finding!.message).toBe('行政处罚决定书第1页有定案文书结论中的“涉嫌”：“涉嫌违反”');
    expect(finding!.evidence[0]!.quote).toBe(conclusion);
    // In a notice, 涉嫌 is fine.
    expect(run('text.template_leftovers', context([doc('n1', 'penalty_notice', conclusion)]))).toEqual({ status: 'pass' });
  });

  it('ignores XX inside a credit code, party-filled forms and third-party evidence', () => {
    const ctx = context([
      doc('d1', 'penalty_decision', '统一社会信用代码：91420100MA4KXX2345'),
      doc('a1', 'service_address_confirmation', '请填写送达地址'),
      doc('e1', 'evidence', '你（单位）XX'),
    ]);
    expect(run('text.template_leftovers', ctx)).toEqual({ status: 'pass' });
  });

  it('cannot decide without text', () => {
    expect(run('text.template_leftovers', context([doc('d1', 'penalty_decision', '')])).status).toBe('undecided');
  });
});
