import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  foldCodePoint,
  isBlockLine,
  normalizeForMatching as norm,
  normalizeWithOffsets,
  quoteRaw,
} from '../src/text/normalize.js';

describe('character folding', () => {
  it('folds full-width letters, digits and symbols to half-width', () => {
    expect(norm('ＡＢＣａｂｃ０１２３４５６７８９')).toBe('ABCabc0123456789');
    expect(norm('２０％＋５．５／２＝～')).toBe('20%+5.5/2=~');
    expect(norm('统一社会信用代码９１４２０１００ＭＡ４Ｋ１２３４５Ｘ')).toBe('统一社会信用代码91420100MA4K12345X');
  });

  it('keeps the Chinese punctuation that carries meaning', () => {
    const punctuation = '〔〕（）【】《》、。，：；“”‘’！？［］｛｝';
    expect(norm(punctuation)).toBe(punctuation);
    expect(norm('鄂环罚〔2023〕17号')).toBe('鄂环罚〔2023〕17号');
    expect(norm('当事人：武汉市某某化工有限公司（以下简称“某某公司”）')).toBe(
      '当事人：武汉市某某化工有限公司（以下简称“某某公司”）',
    );
  });

  it('keeps ASCII brackets distinguishable from full-width ones', () => {
    expect(norm('鄂环罚(2023)17号')).toBe('鄂环罚(2023)17号');
    expect(norm('罚款捌佰柒拾元整(¥870元)')).toBe('罚款捌佰柒拾元整(¥870元)');
    expect(norm('罚款捌佰柒拾元整（￥870元）')).toBe('罚款捌佰柒拾元整（¥870元）');
  });

  it('folds Kangxi radicals and compatibility ideographs to unified ideographs', () => {
    // ⼀ U+2F00, ⼈ U+2F08, ⼝ U+2F1D; 金 U+F90A is a compatibility ideograph for 金.
    expect(norm('第\u2F00条 \u2F08\u2F1D')).toBe('第一条人口');
    expect(norm('\uF90A额')).toBe('金额');
    expect(norm('\u{2F800}')).toBe('丽');
  });

  it('folds half-width CJK punctuation and Latin ligatures', () => {
    expect(norm('经查｡你单位､')).toBe('经查。你单位、');
    expect(norm('ﬁle ﬂow')).toBe('file flow');
  });

  it('passes Chinese-numeral dates and other kept characters through unchanged', () => {
    for (const text of ['二〇二三年五月六日', '面积120㎡', '①现场检查笔录', '⑴责令改正', '㈠违法事实', '乱码\uFFFD\uFFFD', '私用\uE000']) {
      expect(norm(text)).toBe(text);
    }
  });

  it('removes zero-width and control characters, keeps line breaks', () => {
    expect(norm('行\u200B政\u200C处\u200D罚\uFEFF决定书')).toBe('行政处罚决定书');
    expect(norm('a\u0000b\u0007c\u007Fd\u0085e')).toBe('abcd\ne');
    expect(norm('soft\u00ADhyphen')).toBe('softhyphen');
  });

  it('treats every kind of space as a space', () => {
    expect(norm('ISO\u00A09001\u3000ABC\tdef')).toBe('ISO 9001 ABC def');
  });
});

describe('spaces', () => {
  it('removes spaces between CJK characters', () => {
    expect(norm('询 问 笔 录')).toBe('询问笔录');
    expect(norm('行  政  处  罚  决  定  书')).toBe('行政处罚决定书');
    expect(norm('卷\u3000内\u3000目\u3000录')).toBe('卷内目录');
  });

  it('removes spaces between CJK and digits', () => {
    expect(norm('2023 年 5 月 6 日')).toBe('2023年5月6日');
    expect(norm('鄂 0105 环罚决字〔2023〕17 号')).toBe('鄂0105环罚决字〔2023〕17号');
    expect(norm('第 2 页 共 3 页')).toBe('第2页共3页');
    expect(norm('罚款人民币 870 元')).toBe('罚款人民币870元');
  });

  it('collapses other runs of spaces to one and trims lines', () => {
    expect(norm('   ISO   9001   ')).toBe('ISO 9001');
    expect(norm('元整 (¥870元)')).toBe('元整 (¥870元)');
    expect(norm('  当事人：某某公司  \n  地址：某某路  ')).toBe('当事人：某某公司\n地址：某某路');
  });
});

/** The start of a wrapped body line, longer than a short block line. */
const LONG = '本机关执法人员依法对你单位进行现场检查，检查中发现，';

describe('line breaks', () => {
  it('joins a line broken inside a sentence', () => {
    expect(norm('经\n查')).toBe('经查');
    expect(norm('经 \n 查')).toBe('经查');
    expect(norm('经\r\n查')).toBe('经查');
    expect(norm(`${LONG}你单位于2023年5月\n6日在厂区外排放污水`)).toBe(`${LONG}你单位于2023年5月6日在厂区外排放污水`);
  });

  it('joins a wrapped paragraph of a decision', () => {
    const raw = [
      '    经查，你单位于2023年5月6日在武汉市洪山区某某路88号厂区内，未经处理',
      '直接向外环境排放生产废水，经监测，化学需氧量浓度为286mg/L，超过《污水',
      '综合排放标准》（GB 8978-1996）规定的排放限值。',
      '    以上事实，有现场检查（勘察）笔录、询问笔录、监测报告等证据为凭。',
    ].join('\n');
    expect(norm(raw)).toBe(
      '经查，你单位于2023年5月6日在武汉市洪山区某某路88号厂区内，未经处理直接向外环境排放生产废水，经监测，化学需氧量浓度为286mg/L，超过《污水综合排放标准》（GB 8978-1996）规定的排放限值。\n' +
        '以上事实，有现场检查（勘察）笔录、询问笔录、监测报告等证据为凭。',
    );
  });

  it('keeps the break after sentence-final punctuation', () => {
    expect(norm('违反了上述规定。\n依据')).toBe('违反了上述规定。\n依据');
    expect(norm('现责令你单位：\n立即停止违法行为')).toBe('现责令你单位：\n立即停止违法行为');
    expect(norm('是否属实？\n属实')).toBe('是否属实？\n属实');
  });

  it('keeps the header lines of a document', () => {
    const raw = '武汉市生态环境局\n行政处罚决定书\n鄂环罚〔2023〕17号\n当事人：武汉市某某化工有限公司\n法定代表人：张三\n经查，你单位';
    expect(norm(raw).split('\n')).toEqual([
      '武汉市生态环境局',
      '行政处罚决定书',
      '鄂环罚〔2023〕17号',
      '当事人：武汉市某某化工有限公司',
      '法定代表人：张三',
      '经查，你单位',
    ]);
  });

  it('keeps title lines with decorations and page markers on their own line', () => {
    expect(norm('询问笔录（第2页 共3页）\n问：你的姓名？')).toBe('询问笔录（第2页共3页）\n问：你的姓名？');
    expect(norm('行政处罚决定书（副本）\n当事人')).toBe('行政处罚决定书（副本）\n当事人');
    expect(norm('第 2 页\n询 问 笔 录')).toBe('第2页\n询问笔录');
  });

  it('keeps signature blocks, footers and table rows apart', () => {
    expect(norm('武汉市生态环境局\n2023年7月20日\n— 2 —')).toBe('武汉市生态环境局\n2023年7月20日\n—2—');
    expect(norm('序号 文件名称 页号\n1 立案审批表 1\n2 询问笔录 2-5')).toBe('序号文件名称页号\n1立案审批表1\n2询问笔录2-5');
    // A long (wrapped) line still joins a line that starts with a digit.
    const wrapped = '经查，你单位于2023年5月6日在武汉市洪山区某某路88号厂区内于2023年5月\n6日排放';
    expect(norm(wrapped)).toBe(wrapped.replace('\n', ''));
  });

  it('keeps form fields apart, also after a long field line', () => {
    const raw = '检查人：王立新（执法证号：39010221018）、李梦（执法证号：39010221047）\n记录人：李梦\n被检查人：江州市鲜达超市有限公司';
    expect(norm(raw).split('\n')).toEqual([
      '检查人：王立新（执法证号：39010221018）、李梦（执法证号：39010221047）',
      '记录人：李梦',
      '被检查人：江州市鲜达超市有限公司',
    ]);
    expect(norm('答：是\n问：你单位是否申请回避？')).toBe('答：是\n问：你单位是否申请回避？');
  });

  it('rejoins a field label split by a wrap', () => {
    const raw = '当事人：江州市鲜达超市有限公司，统一社会信用代码：91390102MA2H7K3L0F，法\n定代表人：陈建华，住所：江州市滨江区长河路88号';
    expect(norm(raw)).toBe(raw.replace('\n', ''));
  });

  it('keeps a numbered heading after a long line but joins a wrapped ordinal', () => {
    const heading = '承办人：王立新（执法证号：39010221018）、李梦（执法证号：39010221047）\n一、案件来源及调查经过';
    expect(norm(heading)).toBe(heading);
    const ordinal = `${LONG}违反了《中华人民共和国食品安全法》第三十四条第\n（十）项的规定`;
    expect(norm(ordinal)).toBe(ordinal.replace('\n', ''));
  });

  it('keeps archive page numbers on their own line', () => {
    expect(norm('21\n罚没款票据\n（政府非税收入一般缴款书　第一联　收据联　复印件）')).toBe(
      '21\n罚没款票据\n（政府非税收入一般缴款书第一联收据联复印件）',
    );
  });

  it('does not join a list item or a field label to the line above', () => {
    expect(norm('证据如下\n1、现场检查（勘察）笔录')).toBe('证据如下\n1、现场检查（勘察）笔录');
    expect(norm('责令你单位\n（一）立即停止排放')).toBe('责令你单位\n（一）立即停止排放');
    expect(norm('某某有限公司\n地址：武汉市')).toBe('某某有限公司\n地址：武汉市');
    // …but a decimal number is not a list marker.
    expect(norm(`${LONG}罚款人民币\n1.5万元`)).toBe(`${LONG}罚款人民币1.5万元`);
  });

  it('keeps breaks between non-CJK content, drops empty lines and outer breaks', () => {
    expect(norm('GB 8978-1996\nmg/L')).toBe('GB 8978-1996\nmg/L');
    expect(norm('\n\n  \n经查。\n\n\n  \n依据\n\n')).toBe('经查。\n依据');
    expect(norm('\r\n\r\n')).toBe('');
    expect(norm('')).toBe('');
  });

  it('recognises short block lines', () => {
    expect(isBlockLine('行政处罚决定书')).toBe(true);
    expect(isBlockLine('武汉市生态环境局行政处罚决定书（副本）')).toBe(true);
    expect(isBlockLine('鄂环罚〔2023〕17号')).toBe(true);
    expect(isBlockLine('法定代表人：张三')).toBe(true);
    expect(isBlockLine('经')).toBe(false);
    expect(isBlockLine('本机关于2023年5月6日向你单位送达了行政处罚事先告知书')).toBe(false);
  });
});

describe('offsets', () => {
  it('maps output characters back to the raw text', () => {
    const raw = '  询 问\n笔 录\r\n鄂环罚〔2023〕１７号';
    const { text, rawOffsets } = normalizeWithOffsets(raw);
    expect(text).toBe('询问笔录\n鄂环罚〔2023〕17号');
    expect(Array.from(rawOffsets)).toHaveLength(text.length);
    expect(raw[rawOffsets[0]!]).toBe('询');
    expect(raw[rawOffsets[text.indexOf('录')]!]).toBe('录');
    expect(raw[rawOffsets[text.indexOf('\n')]!]).toBe('\r');
    expect(raw[rawOffsets[text.indexOf('1')]!]).toBe('１');
  });

  it('quotes the raw text of a match', () => {
    const raw = `${LONG}经查，你单位于 2023 年 5 月\n6 日在厂区外排放污水`;
    const { text, rawOffsets } = normalizeWithOffsets(raw);
    const date = '2023年5月6日';
    const start = text.indexOf(date);
    expect(start).toBeGreaterThan(0);
    expect(quoteRaw(raw, rawOffsets, start, start + date.length)).toBe('2023 年 5 月\n6 日');
    expect(quoteRaw(raw, rawOffsets, 3, 3)).toBe('');
    expect(quoteRaw(raw, rawOffsets, -5, 3)).toBe('本机关');
    expect(quoteRaw(raw, rawOffsets, text.length - 2, text.length + 10)).toBe('污水');
  });

  it('quotes whole astral characters and folded characters', () => {
    const raw = '𠀀 ﬁ 金';
    const { text, rawOffsets } = normalizeWithOffsets(raw);
    expect(text).toBe('𠀀fi金');
    expect(quoteRaw(raw, rawOffsets, 0, 1)).toBe('𠀀');
    expect(quoteRaw(raw, rawOffsets, 0, 2)).toBe('𠀀');
    expect(quoteRaw(raw, rawOffsets, 2, 3)).toBe('ﬁ');
    expect(quoteRaw(raw, rawOffsets, 4, 5)).toBe('金');
  });
});

// ---------------------------------------------------------------------------------------
// Properties

/** Characters that exercise every rule: CJK, punctuation, spaces, breaks, folded forms. */
const INTERESTING = [
  ...'经查询问笔录行政处罚决定书鄂环罚号局页表',
  ...'〔〕（）【】《》、。，：；“”‘’！？',
  ...'()[]:;.,-~/ ',
  ...'0123456789ABCxyz',
  '１', 'Ａ', '．', '～', '（', '：', '￥', '｡', 'ｶ', 'ﾞ',
  '\u2F00', '\u2F08', '\uF90A', '\uFA6C', '\u{2F800}', '\u{20000}', '〇', 'ﬃ',
  '\n', '\r', '\r\n', '\t', '\u3000', '\u00A0', '\u2028', '\v', '\f',
  '\u200B', '\uFEFF', '\u00AD', '\u0000', '\u0085', '\uFFFD', '\uE000',
  '\uD800', '\uDC00', '①', '⑴', '㎡',
  '一、', '1.', '（一）', '地址：', '（副本）', '第2页', '法', '定代表人：', '问：', '第', '（十）', '21',
  '本机关执法人员依法对你单位进行现场检查，检查中发现', '2023年7月20日',
];

const domainText = fc.string({ unit: fc.constantFrom(...INTERESTING), maxLength: 80 });
const anyText = fc.oneof(
  domainText,
  fc.string({ unit: 'binary', maxLength: 60 }),
  fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((u) => String.fromCharCode(u)), maxLength: 60 }),
  fc.array(fc.constantFrom('行政处罚决定书', '武汉市生态环境局', '经查', '，你单位于2023年5月6日', '当事人：某某公司', '鄂环罚〔2023〕17号', '\n', ' ', '（第2页共3页）'), { maxLength: 12 }).map((parts) => parts.join('')),
);

function ideographs(text: string): string[] {
  return text.match(/\p{Unified_Ideograph}/gu) ?? [];
}

function foldEach(raw: string): string {
  let out = '';
  for (const ch of raw) out += foldCodePoint(ch.codePointAt(0)!);
  return out;
}

describe('properties', () => {
  test.prop([anyText], { numRuns: 2000 })('normalisation is idempotent', (raw) => {
    const once = norm(raw);
    expect(norm(once)).toBe(once);
  });

  test.prop([anyText], { numRuns: 1000 })('keeps every CJK ideograph, in order', (raw) => {
    expect(ideographs(norm(raw))).toEqual(ideographs(foldEach(raw)));
  });

  test.prop([anyText], { numRuns: 1000 })('maps every output unit to a raw character it comes from', (raw) => {
    const { text, rawOffsets } = normalizeWithOffsets(raw);
    expect(rawOffsets.length).toBe(text.length);
    let previous = 0;
    for (let i = 0; i < text.length; i++) {
      const offset = rawOffsets[i]!;
      expect(offset).toBeGreaterThanOrEqual(previous);
      expect(offset).toBeLessThan(raw.length);
      previous = offset;
      const folded = foldCodePoint(raw.codePointAt(offset)!);
      if (text[i] === ' ' || text[i] === '\n') expect(folded).toBe(text[i]);
      else expect(folded.includes(text[i]!)).toBe(true);
    }
  });

  test.prop([anyText], { numRuns: 1000 })('the quote of the whole text normalises back to it', (raw) => {
    const { text, rawOffsets } = normalizeWithOffsets(raw);
    expect(norm(quoteRaw(raw, rawOffsets, 0, text.length))).toBe(text);
  });

  test.prop([anyText])('normalizeForMatching equals the text of normalizeWithOffsets', (raw) => {
    expect(norm(raw)).toBe(normalizeWithOffsets(raw).text);
  });

  it('folding is a fixed point for every folded code point', () => {
    const notStable: string[] = [];
    for (let cp = 0; cp <= 0x10ffff; cp++) {
      if (cp >= 0xd800 && cp <= 0xdfff) continue;
      const folded = foldCodePoint(cp);
      if (folded === '' || folded === ' ' || folded === '\n') continue;
      if (foldEach(folded) !== folded) notStable.push(cp.toString(16));
    }
    expect(notStable).toEqual([]);
  });
});

