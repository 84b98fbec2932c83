import { describe, expect, it } from 'vitest';
import { extractDates } from '../src/facts/dates.js';
import type { DocumentInput } from '../src/facts/types.js';
import { normalizeForMatching } from '../src/text/normalize.js';

function doc(type: string, ...pages: string[]): DocumentInput {
  return {
    id: `case.pdf#${type}`,
    file: 'case.pdf',
    type,
    title: null,
    pages: pages.map((raw, i) => ({ pageNumber: i + 3, raw, normalized: normalizeForMatching(raw) })),
  };
}

function dates(type: string, ...pages: string[]): Array<[string | null, string | null]> {
  return extractDates(doc(type, ...pages)).map((d) => [d.value, d.role]);
}

describe('date forms', () => {
  it('reads Arabic, spaced, full-width, Chinese and separated dates', () => {
    const facts = extractDates(
      doc(
        'other',
        [
          '检查日期：2023年5月6日',
          '现场检查于2023 年 5 月 7 日进行。',
          '２０２３年５月８日，当事人提交了材料。',
          '二〇二三年五月九日',
          '备注：2023-05-10 已复核；2023.5.11 补充；2023/5/12 归档。',
          '2023年5月13号',
        ].join('\n'),
      ),
    );
    expect(facts.map((f) => f.value)).toEqual([
      '2023-05-06',
      '2023-05-07',
      '2023-05-08',
      '2023-05-09',
      '2023-05-10',
      '2023-05-11',
      '2023-05-12',
      '2023-05-13',
    ]);
    expect(facts.every((f) => f.problem === null && f.page === 3 && f.documentId === 'case.pdf#other')).toBe(true);
    expect(facts[1]!.quote).toBe('现场检查于2023 年 5 月 7 日进行。');
    expect(facts[2]!.quote).toBe('２０２３年５月８日，当事人提交了材料。');
  });

  it('reads Chinese days and months with tens', () => {
    expect(dates('other', '二〇二三年十二月三十一日', '二○二四年二月二十九日', '二零二二年十月十日')).toEqual([
      ['2023-12-31', null],
      ['2024-02-29', null],
      ['2022-10-10', null],
    ]);
  });

  it('ignores the time after a date', () => {
    const facts = extractDates(doc('inquiry_record', '询问时间：2024年3月1日9时30分至10时20分\n询问地点：本局办公室'));
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ value: '2024-03-01', role: 'investigation', problem: null });
    expect(facts[0]!.quote).toBe('询问时间：2024年3月1日9时30分至10时20分');
  });

  it('reports impossible dates without shifting them', () => {
    const facts = extractDates(
      doc('penalty_decision', '本局于2023年2月30日立案调查。\n二〇二三年十三月五日\n二〇二三年十三月，当事人……\n2023年2月29日\n2023-04-31'),
    );
    expect(facts.map((f) => f.value)).toEqual([null, null, null, null, null]);
    expect(facts.map((f) => f.role)).toEqual([null, null, null, null, null]);
    for (const f of facts) expect(f.problem).toMatch(/不存在/);
    expect(facts[0]!.problem).toBe('日期“2023年2月30日”不存在：2023年2月没有30日');
    expect(facts[1]!.problem).toBe('日期“二〇二三年十三月五日”中的月份13不存在');
    expect(facts[1]!.quote).toBe('二〇二三年十三月五日');
  });

  it('accepts 29 February in a leap year only', () => {
    expect(dates('other', '2024年2月29日')).toEqual([['2024-02-29', null]]);
    expect(extractDates(doc('other', '2100年2月29日'))[0]!.value).toBeNull(); // outside the years read
  });

  it('skips what is not a full date', () => {
    expect(dates('other', '2023年5月至6月期间', '5月8日', '鄂环罚〔2023〕17号', '联系电话：027-8888-1234', '____年__月__日', '版本1.2023.5.6')).toEqual(
      [],
    );
  });

  it('reads a date split across lines', () => {
    const raw =
      '经查，你单位于2023年5\n月6日在未取得排污许可证的情况下排放污水，违反了《中华人民共和国水污染防治法》第二十一条第一款的规定。';
    expect(dates('penalty_decision', raw)).toEqual([['2023-05-06', null]]);
  });
});

describe('date roles', () => {
  it('uses labels before the date', () => {
    expect(
      dates(
        'other',
        '立案日期：2023年5月6日\n检查时间：2023年5月7日\n送达时间：2023年7月21日\n结案日期：2023年8月1日\n听证时间：2023年6月20日',
      ),
    ).toEqual([
      ['2023-05-06', 'filing'],
      ['2023-05-07', 'investigation'],
      ['2023-07-21', 'service'],
      ['2023-08-01', 'closing'],
      ['2023-06-20', 'hearing'],
    ]);
  });

  it('uses the event after the date in a decision body', () => {
    const raw = [
      '一、违法事实和证据',
      '本局执法人员于2023年5月6日对你单位进行现场检查，发现你单位废水处理设施未正常运行。本局于2023年5月8日立案调查。',
      '二、陈述、申辩等权利内容的采纳情况及理由',
      '本局于2023年6月1日向你单位送达了《行政处罚事先告知书》（鄂环罚告〔2023〕17号），你单位于2023年6月5日提出陈述申辩，本局于2023年6月20日举行了听证。',
      '本局于2023年7月20日作出行政处罚决定。',
    ].join('\n');
    expect(dates('penalty_decision', raw)).toEqual([
      ['2023-05-06', 'investigation'],
      ['2023-05-08', 'filing'],
      ['2023-06-01', 'notice'],
      ['2023-06-05', 'statement'],
      ['2023-06-20', 'hearing'],
      ['2023-07-20', 'decision'],
    ]);
  });

  it('reads the clause after a date that opens the sentence only when the agency acts', () => {
    expect(
      dates(
        'investigation_report',
        '2023年5月6日，我局执法人员对该公司进行了现场检查。\n2023年5月9日，当事人在收到《询问通知书》后到我局接受询问。',
      ),
    ).toEqual([
      ['2023-05-06', 'investigation'],
      ['2023-05-09', null],
    ]);
  });

  it('keeps service of other documents and deadlines without a role', () => {
    expect(
      dates(
        'penalty_decision',
        '本局于2023年5月9日向你单位送达了《责令改正违法行为决定书》。\n你单位应于2023年8月5日前缴纳罚款。\n2023年3月1日至2023年5月6日期间，你单位生产销售产品。\n本局于2023年6月10日向你单位送达《听证通知书》。\n本局拟于2023年6月15日作出处罚决定。',
      ),
    ).toEqual([
      ['2023-05-09', null],
      ['2023-08-05', null],
      ['2023-03-01', null],
      ['2023-05-06', null],
      ['2023-06-10', null],
      ['2023-06-15', null],
    ]);
  });

  it('does not take requests, rights told, complaints or other decisions for events', () => {
    expect(
      dates(
        'investigation_report',
        [
          '本局于2023年5月2日收到群众举报。',
          '2023年5月6日，执法人员向当事人出示执法证件，告知其享有陈述、申辩的权利。',
          '本局于2023年5月10日作出《责令改正违法行为决定书》。',
          '你单位于2023年6月3日提出听证申请。',
          '本决定书已于2023年7月21日送达当事人。',
          '当事人于2023年6月2日收到《行政处罚事先告知书》。',
          '本局于2023年7月22日收到你单位缴纳的罚款。',
        ].join('\n'),
      ),
    ).toEqual([
      ['2023-05-02', null],
      ['2023-05-06', null],
      ['2023-05-10', null],
      ['2023-06-03', null],
      ['2023-07-21', 'service'],
      ['2023-06-02', 'notice'],
      ['2023-07-22', null],
    ]);
  });

  it('reads the time field of a record', () => {
    expect(dates('site_inspection_record', '时间：2024年6月4日9时40分至11时50分\n地点：江州市江城大道1号')).toEqual([
      ['2024-06-04', 'investigation'],
    ]);
    expect(dates('hearing_record', '时间：2024年5月8日9时30分')).toEqual([['2024-05-08', 'hearing']]);
    expect(dates('collective_discussion', '时间：2024年7月24日15时00分')).toEqual([['2024-07-24', null]]);
    expect(dates('site_inspection_record', '生产时间：2024年6月1日')).toEqual([['2024-06-01', null]]);
  });

  it('finds the signature date when the signature block was joined to the paragraph above', () => {
    const raw = [
      '联系人：周建国、吴晓婷 联系地址：江州市江城大道1199号，邮政编码：430000，电话：027-88886666',
      '江州市生态环境局（印章）',
      '2024年7月9日',
    ].join('\n');
    expect(dates('penalty_notice', raw)).toEqual([['2024-07-09', 'notice']]);
    expect(dates('onsite_penalty_decision', '当事人签名：钱国强 2024年11月13日11时10分\n青山县交通运输局（印章）\n2024年11月13日\n备案：本决定已于2024年11月14日报本局执法大队备案。')).toEqual([
      ['2024-11-13', null],
      ['2024-11-13', 'decision'],
      ['2024-11-14', null],
    ]);
  });

  it('passes a role along a range', () => {
    expect(dates('site_inspection_record', '检查时间：2024年3月1日9时30分至2024年3月1日11时00分')).toEqual([
      ['2024-03-01', 'investigation'],
      ['2024-03-01', 'investigation'],
    ]);
  });

  it('takes the date of the signature block of a decision as the decision date', () => {
    const page1 = '武汉市生态环境局\n行政处罚决定书\n鄂环罚〔2023〕17号\n当事人：武汉某某化工有限公司';
    const page2 = [
      '如你单位对本决定不服，可在收到本决定书之日起六十日内向武汉市人民政府申请行政复议，也可以在六个月内依法向武汉铁路运输法院提起行政诉讼。',
      '武汉市生态环境局',
      '二〇二三年七月二十日',
    ].join('\n');
    const facts = extractDates(doc('penalty_decision', page1, page2));
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ value: '2023-07-20', role: 'decision', page: 4, quote: '二〇二三年七月二十日' });
  });

  it('takes the signature date of a 事先告知书 as the notice date, and not of other documents', () => {
    const tail = '联系人：张明\n武汉市生态环境局（印章）\n2023年6月1日';
    expect(dates('penalty_notice', tail)).toEqual([['2023-06-01', 'notice']]);
    expect(dates('inquiry_record', tail)).toEqual([['2023-06-01', null]]);
    // Not on the last page: a date alone on its line elsewhere is no signature.
    expect(dates('penalty_decision', tail, '第二页')).toEqual([['2023-06-01', null]]);
  });

  it('reads the service date of a 送达回证', () => {
    const raw = [
      '送达回证',
      '送达文书：行政处罚决定书（鄂环罚〔2023〕17号）',
      '受送达人：武汉某某化工有限公司',
      '受送达人签收：李华 2023年7月21日',
      '送达人：张明、王强',
    ].join('\n');
    expect(dates('service_receipt', raw)).toEqual([['2023-07-21', 'service']]);
    const forOrder = '送达回证\n送达文书：责令改正通知书（江环责改〔2024〕38号）\n送达时间：2024年6月12日\n受送达人签收：刘春生 2024年6月12日';
    expect(dates('service_receipt', forOrder)).toEqual([
      ['2024-06-12', null],
      ['2024-06-12', null],
    ]);
    const forNotice = '送达回证\n送达文书：行政处罚事先（听证）告知书\n送达时间：2024年7月10日';
    expect(dates('service_receipt', forNotice)).toEqual([['2024-07-10', 'notice']]);
  });

  it('gives no role to dates with nothing around them', () => {
    expect(dates('inquiry_record', '问：你公司何时开始生产？\n答：2022年10月1日开始试生产。', '负责人意见：同意立案。\n张三\n2023年5月6日')).toEqual([
      ['2022-10-01', null],
      ['2023-05-06', null],
    ]);
  });

  it('quotes short raw text', () => {
    const long = `${'当事人在生产过程中'.repeat(8)}于2023年5月6日${'继续排放污水'.repeat(8)}。`;
    const [fact] = extractDates(doc('other', long));
    expect(fact!.quote.length).toBeLessThanOrEqual(80);
    expect(fact!.quote).toContain('2023年5月6日');
  });
});
