import { describe, expect, it } from 'vitest';
import { extractRemedy } from '../src/facts/remedy.js';
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

describe('extractRemedy', () => {
  it('reads the current wording (60 days / 6 months), wrapped over lines', () => {
    const fact = extractRemedy(
      doc(
        '第1页',
        '五、申请复议或者提起诉讼的途径和期限\n如不服本处罚决定，可以在收到本决定书之日起六十日内向江州市人民政府申请行政复议，也可以在收到本决定书之日起六个月内直接向江州市北岸区人民法\n院提起行政诉讼。申请行政复议或者提起行政诉讼期间，本决定不停止执行。',
      ),
    );
    expect(fact).toMatchObject({
      documentId: 'd1',
      page: 2,
      reconsiderationDays: 60,
      reconsiderationBody: '江州市人民政府',
      litigationMonths: 6,
      litigationDays: null,
      court: '江州市北岸区人民法院',
    });
    expect(fact!.quote).toContain('六十日内向江州市人民政府申请行政复议');
  });

  it('reads Arabic numerals', () => {
    expect(extractRemedy(doc('当事人如不服本决定，可在接到本决定书之日起60日内向武汉市洪山区人民政府申请行政复议；或者在6个月内向洪山区人民法院提起行政诉讼。'))).toMatchObject({
      reconsiderationDays: 60,
      reconsiderationBody: '武汉市洪山区人民政府',
      litigationMonths: 6,
      court: '洪山区人民法院',
    });
  });

  it('reads the older 三个月 wording', () => {
    expect(extractRemedy(doc('如不服本决定，可在接到本决定书之日起六十日内向杭州市人民政府申请复议，也可以在三个月内直接向杭州市西湖区人民法院起诉。'))).toMatchObject({
      reconsiderationDays: 60,
      reconsiderationBody: '杭州市人民政府',
      litigationMonths: 3,
      court: '杭州市西湖区人民法院',
    });
  });

  it('reads the 复议前置 wording with 十五日 for suit after review', () => {
    expect(
      extractRemedy(doc('当事人对本决定不服的，应当自收到本决定书之日起六十日内向青山县人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向青山县人民法院提起行政诉讼。')),
    ).toMatchObject({ reconsiderationDays: 60, reconsiderationBody: '青山县人民政府', litigationMonths: null, litigationDays: 15, court: '青山县人民法院' });
  });

  it('leaves the body null when none is named, and returns null without a remedy clause', () => {
    expect(extractRemedy(doc('如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议。'))).toMatchObject({ reconsiderationDays: 60, reconsiderationBody: null, litigationMonths: null, court: null });
    expect(extractRemedy(doc('当事人应当自收到本决定书之日起十五日内缴纳罚款。'))).toBeNull();
  });

  it('reads a clause that runs over a page break, past the page footer', () => {
    const raw1 = '你单位如不服本决定，可以自收到本决定书之日起六十日内向江州市南湖区人\n第1页 共2页';
    const raw2 = '民政府申请行政复议，也可以自收到本决定书之日起六个月内向江州市南湖区人民\n法院提起行政诉讼。';
    const remedy = extractRemedy({
      id: 'd',
      file: 'f.pdf',
      type: 'seizure_decision',
      title: null,
      pages: [raw1, raw2].map((raw, i) => ({ pageNumber: i + 1, raw, normalized: normalizeForMatching(raw) })),
    });
    expect(remedy).toMatchObject({ reconsiderationDays: 60, reconsiderationBody: '江州市南湖区人民政府', litigationMonths: 6, court: '江州市南湖区人民法院', page: 1 });
  });
});
