import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  formatCapitalAmount,
  parseCapitalAmount,
  parseCapitalInteger,
  parseChineseInteger,
} from '../src/facts/numerals.js';

describe('parseChineseInteger', () => {
  it.each([
    ['〇', 0],
    ['零', 0],
    ['五', 5],
    ['两', 2],
    ['十', 10],
    ['十三', 13],
    ['二十', 20],
    ['二十一', 21],
    ['三十一', 31],
    ['一百', 100],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一千零一十', 1010],
    ['两千', 2000],
    ['一万两千', 12000],
    ['十万', 100000],
    ['二十五万', 250000],
    ['一百零五万', 1050000],
    ['一亿零五百万', 105000000],
    ['一万亿', 1e12],
  ])('%s → %d', (text, value) => {
    expect(parseChineseInteger(text)).toBe(value);
  });

  it('reads unit-less numbers digit by digit (years)', () => {
    expect(parseChineseInteger('二〇二三')).toBe(2023);
    expect(parseChineseInteger('二零二四')).toBe(2024);
    expect(parseChineseInteger('二○二二')).toBe(2022); // U+25CB WHITE CIRCLE, common in scans
    expect(parseChineseInteger('一九九九')).toBe(1999);
  });

  it.each(['', '百', '十十', '一百一千', '五五十', '一百五', '一万五', '一十零五', '一百零', '一百零五十', '一万万', '二两二三', '三x', '2023'])(
    'rejects malformed or ambiguous %j',
    (text) => {
      expect(parseChineseInteger(text)).toBeNull();
    },
  );
});

describe('parseCapitalAmount', () => {
  it.each([
    ['肆拾壹万贰仟陆佰伍拾元整', 412650],
    ['捌佰柒拾元整', 870],
    ['壹万贰仟元', 12000],
    ['伍万元整', 50000],
    ['叁佰元伍角', 300.5],
    ['叁佰元伍角整', 300.5],
    ['壹拾万零伍仟元正', 105000],
    ['壹拾万零柒仟元零伍角叁分', 107000.53],
    ['壹拾万柒仟元伍角叁分', 107000.53],
    ['壹仟陆佰捌拾元零叁角贰分', 1680.32],
    ['叁佰贰拾伍元零肆分', 325.04],
    ['壹仟零伍元', 1005],
    ['壹佰零伍万元整', 1050000],
    ['拾万元整', 100000],
    ['伍角', 0.5],
    ['零元整', 0],
    ['人民币壹佰元整', 100],
    ['人民币（大写）壹佰元整', 100],
    ['壹仟圆整', 1000],
    ['壹亿零伍万元整', 100050000],
  ])('%s → %d', (text, value) => {
    expect(parseCapitalAmount(text)).toBe(value);
  });

  it.each(['', '元整', '整', '壹贰元', '佰元', '伍拾零元', '壹佰元伍角零', '壹万伍元x', '壹佰伍元', '五百元', '壹佰元伍', '零伍角', '壹拾拾元'])(
    'rejects malformed %j',
    (text) => {
      expect(parseCapitalAmount(text)).toBeNull();
    },
  );

  it('reads capital integers', () => {
    expect(parseCapitalInteger('壹拾叁')).toBe(13);
    expect(parseCapitalInteger('零')).toBe(0);
    expect(parseCapitalInteger('壹叁')).toBeNull();
  });
});

describe('formatCapitalAmount', () => {
  it.each([
    [0, '零元整'],
    [10, '壹拾元整'],
    [870, '捌佰柒拾元整'],
    [412650, '肆拾壹万贰仟陆佰伍拾元整'],
    [105000, '壹拾万伍仟元整'],
    [100500, '壹拾万零伍佰元整'],
    [1005, '壹仟零伍元整'],
    [100050000, '壹亿零伍万元整'],
    [300.5, '叁佰元伍角'],
    [1000.05, '壹仟元零伍分'],
    [0.5, '伍角'],
  ])('%d → %s', (value, text) => {
    expect(formatCapitalAmount(value)).toBe(text);
  });

  it('refuses what cannot be written', () => {
    expect(() => formatCapitalAmount(-1)).toThrow(RangeError);
    expect(() => formatCapitalAmount(1.234)).toThrow(RangeError);
    expect(() => formatCapitalAmount(1e13)).toThrow(RangeError);
  });

  test.prop([fc.integer({ min: 0, max: 1e12 - 1 })])('every integer below 10^12 round-trips', (n) => {
    expect(parseCapitalAmount(formatCapitalAmount(n))).toBe(n);
  });

  test.prop([fc.integer({ min: 0, max: 1e12 - 1 }), fc.integer({ min: 1, max: 99 })])(
    'amounts with 角 and 分 round-trip',
    (yuan, cents) => {
      const amount = (yuan * 100 + cents) / 100;
      expect(parseCapitalAmount(formatCapitalAmount(amount))).toBe(amount);
    },
  );
});
