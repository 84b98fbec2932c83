import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  assessPageQuality,
  MAX_GARBLED_RATIO,
  MIN_VISIBLE_CHARS,
  PAGE_QUALITY_REASONS,
} from '../src/text/page-quality.js';

const DECISION_PAGE = [
  '武汉市生态环境局',
  '行政处罚决定书',
  '鄂环罚〔2023〕17号',
  '当事人：武汉市某某化工有限公司',
  '统一社会信用代码：91420100MA4K12345X',
  '    经查，你单位于2023年5月6日在厂区内未经处理直接向外环境排放生产废水。',
].join('\n');

describe('assessPageQuality', () => {
  it('passes a normal text page', () => {
    const quality = assessPageQuality(DECISION_PAGE);
    expect(quality.needsOcr).toBe(false);
    expect(quality.reason).toBeNull();
    expect(quality.replacementCount).toBe(0);
    expect(quality.cjkCount).toBeGreaterThan(50);
    expect(quality.charCount).toBe([...DECISION_PAGE.replace(/\s/g, '')].length);
  });

  it('counts visible characters, ideographs and replacement characters', () => {
    const quality = assessPageQuality('询 问\u3000笔 录\n第1页 \u200B\uFFFD');
    expect(quality.charCount).toBe(8); // 询问笔录 第1页 U+FFFD; spaces and U+200B are not counted
    expect(quality.cjkCount).toBe(6); // 询问笔录 第 页
    expect(quality.replacementCount).toBe(1);
  });

  it('counts Kangxi radicals, compatibility and extension ideographs and 〇 as CJK', () => {
    expect(assessPageQuality('\u2F00\uF90A\u{20000}〇').cjkCount).toBe(4);
  });

  it('flags a page with no text layer', () => {
    for (const raw of ['', '   \n\n ', '\n\u3000\n']) {
      const quality = assessPageQuality(raw);
      expect(quality).toMatchObject({ charCount: 0, needsOcr: true, reason: PAGE_QUALITY_REASONS.noText });
    }
    expect(PAGE_QUALITY_REASONS.noText).toBe('页面无文字层，需要OCR识别');
  });

  it('flags a page with only a page number or a stamp caption', () => {
    expect(assessPageQuality('- 3 -')).toMatchObject({ needsOcr: true, reason: PAGE_QUALITY_REASONS.tooLittleText });
    expect(assessPageQuality('第 12 页 共 30 页').needsOcr).toBe(true); // 9 visible characters
    expect(assessPageQuality('（此页无正文）').charCount).toBeLessThan(MIN_VISIBLE_CHARS);
  });

  it('flags garbled text (replacement, private-use and control characters)', () => {
    const garbled = '行政处罚\uFFFD\uFFFD\uFFFD决定书\uE012\uE013\u0001\u0002';
    expect(assessPageQuality(garbled)).toMatchObject({
      needsOcr: true,
      reason: PAGE_QUALITY_REASONS.garbled,
      replacementCount: 3,
    });
    expect(PAGE_QUALITY_REASONS.garbled).toBe('乱码字符比例过高，需要OCR识别');
  });

  it('tolerates a few undecodable glyphs in an otherwise good page', () => {
    const page = `${DECISION_PAGE}\uFFFD\uFFFD`;
    expect(assessPageQuality(page)).toMatchObject({ needsOcr: false, replacementCount: 2 });
  });

  it('uses the documented thresholds', () => {
    expect(MIN_VISIBLE_CHARS).toBe(10);
    expect(MAX_GARBLED_RATIO).toBe(0.2);
    // Exactly 20% garbled is still acceptable; above it is not.
    expect(assessPageQuality('经查你单位违法排\uFFFD\uFFFD').needsOcr).toBe(false);
    expect(assessPageQuality('经查你单位违法排污\uFFFD\uFFFD\uFFFD').needsOcr).toBe(true);
  });

  test.prop([fc.string({ unit: 'binary', maxLength: 200 })])('counts are consistent', (raw) => {
    const q = assessPageQuality(raw);
    expect(q.cjkCount + q.replacementCount).toBeLessThanOrEqual(q.charCount);
    expect(q.charCount).toBeLessThanOrEqual([...raw].length);
    expect(q.needsOcr).toBe(q.reason !== null);
    if (q.charCount < MIN_VISIBLE_CHARS) expect(q.needsOcr).toBe(true);
  });
});
