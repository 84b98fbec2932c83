import { describe, expect, it } from 'vitest';
import { fc } from '@fast-check/vitest';
import { CASE_NUMBER_PATTERNS, extractCaseNumbers } from '../src/facts/case-numbers.js';
import { matchesNearCores } from '../src/facts/matches-near-cores.js';
import type { DocumentInput } from '../src/facts/types.js';
import { normalizeForMatching } from '../src/text/normalize.js';

function doc(...pages: string[]): DocumentInput {
  return {
    id: 'd1',
    file: 'volume.pdf',
    type: 'penalty_decision',
    title: '行政处罚决定书',
    pages: pages.map((raw, i) => ({ pageNumber: i + 1, raw, normalized: normalizeForMatching(raw) })),
  };
}

function one(raw: string) {
  const facts = extractCaseNumbers(doc(raw));
  expect(facts).toHaveLength(1);
  return facts[0]!;
}

describe('extractCaseNumbers', () => {
  it('reads a well-formed market-supervision number', () => {
    const fact = one('上海市徐汇区市场监督管理局\n行政处罚决定书\n沪徐市监处罚〔2024〕0312号\n当事人：上海某某贸易有限公司');
    expect(fact).toMatchObject({ value: '沪徐市监处罚〔2024〕0312号', year: 2024, prefix: '沪徐市监处罚', serial: '0312', wellFormed: true, problems: [], page: 1, documentId: 'd1' });
    expect(fact.quote).toBe('沪徐市监处罚〔2024〕0312号');
  });

  it('removes stray spaces from the value and quotes the raw text', () => {
    const fact = one('武汉市生态环境局\n行政处罚决定书\n鄂 0105 环罚决字〔2023〕17 号\n');
    expect(fact).toMatchObject({ value: '鄂0105环罚决字〔2023〕17号', year: 2023, prefix: '鄂0105环罚决字', serial: '17', wellFormed: true });
    expect(fact.quote).toBe('鄂 0105 环罚决字〔2023〕17 号');
  });

  it('keeps a bracketed region abbreviation and a lettered serial after 第', () => {
    const fact = one('(浙杭)文综罚字〔2022〕第B-000214号');
    expect(fact).toMatchObject({ value: '(浙杭)文综罚字〔2022〕第B-000214号', prefix: '(浙杭)文综罚字', serial: 'B-000214', year: 2022, problems: [] });
    expect(one('案号：（杭临）市监处罚〔2024〕131号')).toMatchObject({ value: '（杭临）市监处罚〔2024〕131号', prefix: '（杭临）市监处罚', serial: '131', wellFormed: true });
  });

  it('accepts （2021） but flags ASCII () and [] year brackets', () => {
    expect(one('杭市监罚（2021）15号')).toMatchObject({ value: '杭市监罚（2021）15号', year: 2021, problems: [] });
    expect(one('杭市监罚(2021)15号')).toMatchObject({ year: 2021, wellFormed: false, problems: ['ascii_brackets'] });
    expect(one('文号：杭市监罚[2021]16号')).toMatchObject({ value: '杭市监罚[2021]16号', problems: ['ascii_brackets'] });
  });

  it('flags a missing year, prefix, serial and 号', () => {
    expect(one('决定书文号：杭市监罚字第123号')).toMatchObject({ year: null, serial: '123', problems: ['missing_year'] });
    expect(one('江环罚〔〕号')).toMatchObject({ year: null, problems: ['missing_year', 'missing_serial'] });
    expect(one('本局作出的〔2024〕27号决定')).toMatchObject({ prefix: null, problems: ['missing_prefix'] });
    expect(one('决定书文号：江环罚〔2024〕号')).toMatchObject({ serial: null, problems: ['missing_serial'] });
    expect(one('决定书文号：江环罚〔2024〕27，已送达')).toMatchObject({ serial: '27', problems: ['missing_hao'] });
  });

  it('finds numbers in running text and cuts the prose before the prefix', () => {
    const facts = extractCaseNumbers(
      doc('本局于2024年7月10日向你单位送达《行政处罚事先（听证）告知书》（江环罚告〔2024〕31号），并向你单位下达《责令改正通知书》（江环责改〔2024〕38号）。'),
    );
    expect(facts.map((f) => f.value)).toEqual(['江环罚告〔2024〕31号', '江环责改〔2024〕38号']);
    expect(facts.every((f) => f.wellFormed)).toBe(true);
  });

  it('does not take page markers, phone numbers, dates, standards or licence numbers', () => {
    const facts = extractCaseNumbers(
      doc(
        '第2页 共3页\n联系电话：027-87654321\n2024年5月6日\n《铸造工业大气污染物排放标准》（GB 39726—2020）\n道路运输证号：陵交运管货字390123008715号\n（第2页共3页）',
      ),
    );
    expect(facts).toEqual([]);
  });
});

describe('the anchored scan behind extractCaseNumbers (facts/matches-near-cores.ts)', () => {
  // Pieces of case numbers and of the text around them, so that random strings hold many
  // near-misses: brackets of every kind, years, serials, 字/第/号, prefixes, spaces, breaks.
  const PIECES = ['罚', '字', '第', '号', '市', '监', '决', '告', '书', '的', '。', '：', '（', '）', '(', ')', '〔', '〕', '[', ']', '［', '］', '【', '】', ' ', '\n', '2024', '1999', '20', '7', '0312', 'B', 'x', '-', '－', '浙杭', '沪徐市监处罚', '文综罚字', '道路运输证号', '江州市滨江区市场监督管理局'];
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 120 }).map((pieces) => pieces.join(''));
  const shape = (m: RegExpExecArray) => [m.index, ...m];

  it.each(Object.entries(CASE_NUMBER_PATTERNS))('finds exactly the matches a plain scan finds (%s)', (_name, [plain, anchored]) => {
    fc.assert(
      fc.property(text, (t) => {
        expect([...matchesNearCores(t, anchored)].map(shape)).toEqual([...t.matchAll(plain)].map(shape));
      }),
      { numRuns: 4000 },
    );
  });

  // A region of 6 characters and the longest prefix each pattern allows (16, and 14 before 字):
  // the match starts as far before its core as it can.
  it.each([
    ['yearNumber', '（六个汉字地区）一二三四五六七八九十一二三四五六〔2024〕12号'],
    ['ziNumber', '（六个汉字地区）一二三四五六七八九十一二三四字第12号'],
  ] as const)('finds a %s whose prefix is as long as the pattern allows', (name, longest) => {
    const [plain, anchored] = CASE_NUMBER_PATTERNS[name];
    const expected = [...longest.matchAll(plain)].map(shape);
    expect(expected).toHaveLength(1);
    expect(expected[0]![0]).toBe(0);
    expect([...matchesNearCores(longest, anchored)].map(shape)).toEqual(expected);
  });
});
