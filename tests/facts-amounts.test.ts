import { describe, expect, it } from 'vitest';
import { extractAmounts } from '../src/facts/amounts.js';
import type { AmountFact, DocumentInput } from '../src/facts/types.js';
import { normalizeForMatching } from '../src/text/normalize.js';

function doc(...pages: string[]): DocumentInput {
  return {
    id: 'case.pdf#7',
    file: 'case.pdf',
    type: 'penalty_decision',
    title: '行政处罚决定书',
    pages: pages.map((raw, i) => ({ pageNumber: i + 1, raw, normalized: normalizeForMatching(raw) })),
  };
}

function amounts(...pages: string[]): Array<Pick<AmountFact, 'value' | 'role' | 'form' | 'pairedValue'>> {
  return extractAmounts(doc(...pages)).map(({ value, role, form, pairedValue }) => ({ value, role, form, pairedValue }));
}

const arabic = (value: number, role: AmountFact['role'] = null) => ({ value, role, form: 'arabic' as const, pairedValue: null });
const capital = (value: number, role: AmountFact['role'] = null, pairedValue: number | null = null) => ({
  value,
  role,
  form: 'capital' as const,
  pairedValue,
});

describe('Arabic amounts', () => {
  it('reads 元, 万元, ¥, 人民币 and thousands separators', () => {
    expect(
      amounts('违法所得412650元；投资5.6万元；¥870元；人民币50,000元；共计105,540元；合计１２，０００元；工程款1.2亿元；¥99.50'),
    ).toEqual([
      arabic(412650, 'illegal_gains'),
      arabic(56000, 'investment'),
      arabic(870),
      arabic(50000),
      arabic(105540),
      arabic(12000),
      arabic(120000000),
      arabic(99.5),
    ]);
  });

  it('ignores numbers that are not money', () => {
    expect(
      amounts(
        '鄂环罚〔2023〕17号\n2023年5月6日\n联系电话：027-87654321\n住址：武汉市洪山区珞喻路100号3单元501室\n抽取样品12件，重量5.6千克\n统一社会信用代码：91420100MA4K12345X\n元月',
      ),
    ).toEqual([]);
  });

  it('keeps decimals of 万元 exact', () => {
    expect(amounts('罚款1.1万元', '罚款0.35万元').map((a) => a.value)).toEqual([11000, 3500]);
  });
});

describe('capital amounts', () => {
  it('reads capitals with their role', () => {
    expect(amounts('1. 罚款捌佰柒拾元整；\n2. 没收违法所得人民币肆拾壹万贰仟陆佰伍拾元整。')).toEqual([
      capital(870, 'fine'),
      capital(412650, 'illegal_gains'),
    ]);
  });

  it('pairs a capital amount with the Arabic one in brackets', () => {
    expect(amounts('决定对你单位处以罚款人民币捌佰柒拾元整（¥870元）。')).toEqual([capital(870, 'fine', 870)]);
    expect(amounts('罚款人民币捌佰柒拾元整(¥870元)')).toEqual([capital(870, 'fine', 870)]);
    expect(amounts('罚款人民币捌佰柒拾元整 (￥870.00元)')).toEqual([capital(870, 'fine', 870)]);
    // A mismatch is kept for a rule to find.
    expect(amounts('罚款人民币壹万贰仟元整（¥21000元）')).toEqual([capital(12000, 'fine', 21000)]);
    // The reverse order too.
    expect(amounts('罚款5000元（大写：伍仟元整）')).toEqual([capital(5000, 'fine', 5000)]);
  });

  it('reads amounts with 角, 零 and line breaks', () => {
    const raw =
      '综上，依据《中华人民共和国大气污染防治法》第一百零八条第一项的规定，本局决定对你单位作出如下行政处罚：罚款人民币壹拾万零\n伍佰元整（¥100500元），并处没收非法财物价值叁佰元伍角。';
    expect(amounts(raw)).toEqual([capital(100500, 'fine', 100500), capital(300.5, 'confiscation')]);
  });

  it('does not take 整改 or 正常 into the amount, and skips malformed capitals', () => {
    expect(amounts('罚款伍万元整改到位', '壹贰元', '单元', '伍佰元正常')).toEqual([capital(50000, 'fine'), capital(500)]);
  });
});

describe('roles', () => {
  it('takes the nearest word before the amount', () => {
    expect(
      amounts(
        '经查，当事人生产的产品货值金额为2.1万元，违法所得为3500元。\n项目总投资1200万元。\n逾期不缴纳罚款的，每日按罚款数额的3%加处罚款，加处罚款共计1500元。\n没收违法所得3500元，并处罚款人民币肆万贰仟元整（¥42000元）。\n滞纳金：630元',
      ),
    ).toEqual([
      arabic(21000, 'goods_value'),
      arabic(3500, 'illegal_gains'),
      arabic(12000000, 'investment'),
      arabic(1500, 'late_fee'),
      arabic(3500, 'illegal_gains'),
      capital(42000, 'fine', 42000),
      arabic(630, 'late_fee'),
    ]);
  });

  it('gives statutory ranges no role', () => {
    expect(
      amounts('依据该条规定，处十万元以上一百万元以下的罚款；并处罚款5万元以上20万元以下；罚款不超过10万元。'),
    ).toEqual([arabic(50000), arabic(200000), arabic(100000)]);
  });

  it('leaves amounts without a role word as null', () => {
    expect(amounts('当事人销售该产品共收取货款6800元。')).toEqual([arabic(6800)]);
  });
});

describe('evidence', () => {
  it('quotes the raw sentence with the page', () => {
    const facts = extractAmounts(doc('第一页', '二、罚款人民币捌佰柒拾元整（￥８７０元）。\n三、其他。'));
    expect(facts).toHaveLength(1);
    expect(facts[0]).toMatchObject({ documentId: 'case.pdf#7', page: 2, quote: '二、罚款人民币捌佰柒拾元整（￥８７０元）。' });
  });
});
