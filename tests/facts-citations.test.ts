import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractCaseNumbers } from '../src/facts/case-numbers.js';
import { extractCitations } from '../src/facts/citations.js';
import { findLaw, lawVersionOn } from '../src/facts/law-index.js';
import { extractOfficers } from '../src/facts/parties.js';
import type { DocumentInput } from '../src/facts/types.js';
import { extract } from '../src/ingest/extract-worker.js';
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

const refs = (raw: string) => extractCitations(doc(raw)).map((f) => [f.law, f.article, f.clause, f.item]);

describe('law index', () => {
  it('finds a law with or without 中华人民共和国, and nothing for a misspelled title', () => {
    expect(findLaw('行政处罚法')).toMatchObject({ title: '行政处罚法', fullTitle: '中华人民共和国行政处罚法', kind: '行政法' });
    expect(findLaw('中华人民共和国行政处罚法')?.title).toBe('行政处罚法');
    expect(findLaw('《道路运输条例》')?.fullTitle).toBe('中华人民共和国道路运输条例');
    expect(findLaw('中华人民共和国行政处法')).toBeNull();
    expect(findLaw('')).toBeNull();
  });

  it('gives the version in force on a date with its article count', () => {
    const v2021 = lawVersionOn('行政处罚法', '2024-05-01');
    expect(v2021).toMatchObject({ date: '2021-01-22' });
    expect(v2021!.articles).toBeGreaterThan(80);
    expect(lawVersionOn('道路运输条例', '2022-12-31')?.date).toBe('2022-03-29');
    expect(lawVersionOn('道路运输条例', '2023-07-20')?.date).toBe('2023-07-20');
    expect(lawVersionOn('道路运输条例', '2000-01-01')).toBeNull();
    expect(lawVersionOn('不存在的法', '2024-01-01')).toBeNull();
  });
});

describe('extractCitations', () => {
  it('makes one fact per article reference and inherits the law within the sentence', () => {
    const facts = extractCitations(
      doc('根据《中华人民共和国行政处罚法》第三十六条第二款、第四十一条第一款第（三）项和本法第五十八条第一款第（一）项的规定，决定如下：'),
    );
    expect(facts.map((f) => [f.article, f.clause, f.item])).toEqual([
      [36, 2, null],
      [41, 1, 3],
      [58, 1, 1],
    ]);
    for (const fact of facts) {
      expect(fact).toMatchObject({ law: '中华人民共和国行政处罚法', canonicalLaw: '中华人民共和国行政处罚法', kind: 'law', documentId: 'd1', page: 1 });
      expect(fact.quote).toContain('《中华人民共和国行政处罚法》第三十六条');
    }
  });

  it('handles several laws in one sentence, clause and item continuations, and Arabic numerals', () => {
    expect(refs('违反了《食品安全法》第34条第（十）项，依据《道路运输条例》第六十八条第二款、第三款及第一百二十四条第一款第五项。')).toEqual([
      ['食品安全法', 34, null, 10],
      ['道路运输条例', 68, 2, null],
      ['道路运输条例', 68, 3, null],
      ['道路运输条例', 124, 1, 5],
    ]);
    expect(refs('根据《中华人民共和国行政处罚法》第36条、第41条第1款第（3）项')).toEqual([
      ['中华人民共和国行政处罚法', 36, null, null],
      ['中华人民共和国行政处罚法', 41, 1, 3],
    ]);
  });

  it('does not carry a law across sentences or past a document title, and skips quoted provisions', () => {
    expect(refs('违反了《中华人民共和国大气污染防治法》第十八条。第二十条另有规定。')).toEqual([['中华人民共和国大气污染防治法', 18, null, null]]);
    expect(refs('依据《中华人民共和国大气污染防治法》第九十九条第（二）项“违反本法规定，……超过标准排放大气污染物的”的规定，下达《责令改正通知书》第3页')).toEqual([
      ['中华人民共和国大气污染防治法', 99, null, 2],
    ]);
  });

  it('reports a title without an article, but not a technical standard', () => {
    const facts = extractCitations(doc('到期不缴纳罚款的，本机关将依照《中华人民共和国行政处罚法》的规定加处罚款。排放浓度超过《铸造工业大气污染物排放标准》（GB 39726—2020）。'));
    expect(facts.map((f) => [f.law, f.article])).toEqual([['中华人民共和国行政处罚法', null]]);
  });

  it('keeps a misspelled title with canonicalLaw null', () => {
    const [fact] = extractCitations(doc('依据《中华人民共和国行政处法》第三十二条的规定'));
    expect(fact).toMatchObject({ law: '中华人民共和国行政处法', canonicalLaw: null, article: 32 });
  });

  it('classifies regulations, rules, local regulations and discretion benchmarks', () => {
    const facts = extractCitations(
      doc(
        '依据《城市市容和环境卫生管理条例》第三十六条、《江州市市容和环境卫生管理条例》第二十条、《东陵省生态环境行政处罚裁量基准》第五条、《浙江省市场监督管理行政处罚裁量权基准》第3条及《侵害消费者权益行为处罚办法》第十四条的规定',
      ),
    );
    expect(facts.map((f) => [f.law, f.kind, f.canonicalLaw])).toEqual([
      ['城市市容和环境卫生管理条例', 'administrative_regulation', '城市市容和环境卫生管理条例'],
      ['江州市市容和环境卫生管理条例', 'local_regulation', null],
      ['东陵省生态环境行政处罚裁量基准', 'discretion_benchmark', null],
      ['浙江省市场监督管理行政处罚裁量权基准', 'discretion_benchmark', null],
      ['侵害消费者权益行为处罚办法', 'departmental_rule', '侵害消费者权益行为处罚办法'],
    ]);
  });

  it('joins a citation wrapped over two lines', () => {
    expect(refs('当事人的上述行为违反了《中华人民共和国大气污染防治法》第十八条的规定，依据《中华人\n民共和国大气污染防治法》第九十九条第（二）项的规定，本局决定如下：')).toEqual([
      ['中华人民共和国大气污染防治法', 18, null, null],
      ['中华人民共和国大气污染防治法', 99, null, 2],
    ]);
  });
});

describe('sample volumes', () => {
  async function documentsOf(slug: string): Promise<DocumentInput[]> {
    const outcome = await extract({ path: path.join('samples', 'cases', slug, 'volume.pdf') });
    if (!outcome.ok) throw new Error(`extraction failed for ${slug}`);
    return outcome.documents.map((d, i) => ({
      id: `${slug}#${i}`,
      file: 'volume.pdf',
      type: d.type,
      title: d.title,
      pages: outcome.pages
        .filter((p) => p.pageNumber >= d.startPage && p.pageNumber <= d.endPage)
        .map((p) => ({ pageNumber: p.pageNumber, raw: p.rawText, normalized: p.normalizedText })),
    }));
  }

  it.each([
    ['eco-emission-major', '江环罚〔2024〕27号', '中华人民共和国大气污染防治法', 99, ['周建国', '吴晓婷']],
    ['market-expired-food-hearing', '滨市监处罚〔2024〕126号', '中华人民共和国食品安全法', 124, ['王立新', '李梦']],
    ['transport-onsite-penalty', '青交当罚〔2024〕0153号', '道路运输条例', 68, ['赵磊', '孙伟']],
  ] as const)('%s: case numbers, citations and officers', async (slug, decisionNumber, law, article, officers) => {
    const documents = await documentsOf(slug);
    const numbers = documents.flatMap(extractCaseNumbers);
    expect(numbers.map((n) => n.value)).toContain(decisionNumber);
    expect(numbers.filter((n) => n.value === decisionNumber).every((n) => n.wellFormed)).toBe(true);
    const decision = documents.find((d) => d.type.endsWith('penalty_decision'))!;
    const citations = extractCitations(decision);
    expect(citations.some((c) => c.law === law && c.article === article && c.canonicalLaw !== null)).toBe(true);
    expect(citations.every((c) => c.canonicalLaw !== null)).toBe(true);
    const found = documents.flatMap(extractOfficers).filter((o) => o.certificateNumber !== null);
    for (const name of officers) expect(found.map((o) => o.name)).toContain(name);
    expect(found.every((o) => /^\d{8,}$/.test(o.certificateNumber!))).toBe(true);
  }, 60_000);
});
