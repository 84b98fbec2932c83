import { describe, expect, it } from 'vitest';
import { extractOfficers, extractParties, extractSeals } from '../src/facts/parties.js';
import type { DocumentInput } from '../src/facts/types.js';
import { normalizeForMatching } from '../src/text/normalize.js';

function doc(raw: string, type = 'penalty_decision'): DocumentInput {
  return { id: 'd1', file: 'volume.pdf', type, title: null, pages: [{ pageNumber: 3, raw, normalized: normalizeForMatching(raw) }] };
}

describe('extractParties', () => {
  it('reads an organisation with a valid credit code', () => {
    const [party, ...rest] = extractParties(
      doc('江州市生态环境局\n行政处罚决定书\n江环罚〔2024〕27号\n当事人：江州恒远铸造有限公司\n统一社会信用代码：91390106MA7D2LX451\n法定代表人：徐志强\n住所：江州市北岸区工业园纬三路16号\n一、环境违法事实和证据'),
    );
    expect(rest).toEqual([]);
    expect(party).toMatchObject({ name: '江州恒远铸造有限公司', kind: 'organization', creditCode: '91390106MA7D2LX451', idNumber: null, identifierValid: true, page: 3, documentId: 'd1' });
    expect(party!.quote).toBe('当事人：江州恒远铸造有限公司');
  });

  it('flags a credit code with a wrong check character', () => {
    const [party] = extractParties(doc('当事人：江州恒远铸造有限公司\n统一社会信用代码：91390106MA7D2LX452\n法定代表人：徐志强'));
    expect(party).toMatchObject({ creditCode: '91390106MA7D2LX452', identifierValid: false });
  });

  it('reads a person with an ID number (valid and invalid)', () => {
    // The person questioned is not taken as the party: often an employee or a witness.
    expect(extractParties(doc('被询问人：刘春生 性别：男\n身份证号码：390106197508220032\n工作单位：江州恒远铸造有限公司', 'inquiry_record'))).toEqual([]);
    const [valid] = extractParties(doc('当事人：刘春生 性别：男\n身份证号码：390106197508220032\n住址：江州市', 'penalty_notice'));
    expect(valid).toMatchObject({ name: '刘春生', kind: 'person', idNumber: '390106197508220032', identifierValid: true });
    const [invalid] = extractParties(doc('当事人：张三\n身份证号：390106197508220033\n住址：江州市', 'inquiry_record'));
    expect(invalid).toMatchObject({ name: '张三', kind: 'person', identifierValid: false });
  });

  it('reads the addressee under a notice title and the recipient on a service receipt', () => {
    const [addressee] = extractParties(doc('江州市生态环境局\n行政处罚事先（听证）告知书\n江环罚告〔2024〕27号\n江州市恒远铸造有限公司：\n经查，你单位……', 'penalty_notice'));
    expect(addressee).toMatchObject({ name: '江州市恒远铸造有限公司', kind: 'organization' });
    const [recipient] = extractParties(doc('送达回证\n受送达人：江州市云溪区张记面馆\n送达地点：江州市', 'service_receipt'));
    expect(recipient).toMatchObject({ name: '江州市云溪区张记面馆' });
  });

  it('reads an individual business with its operator', () => {
    const [party] = extractParties(doc('当事人：江州市老陈面馆（个体工商户）\n经营者：陈建华\n统一社会信用代码：92390102MA2H7K3L0X\n经营场所：江州市滨江区长河路88号'));
    expect(party).toMatchObject({ name: '江州市老陈面馆', kind: 'individual_business', creditCode: '92390102MA2H7K3L0X' });
  });

  it('ignores 当事人 in running text and empty fields', () => {
    expect(extractParties(doc('经查，当事人于2024年3月销售超过保质期的食品。\n当事人签名：\n当事人：＿＿＿＿'))).toEqual([]);
  });
});

describe('extractOfficers', () => {
  it('reads names with certificate numbers', () => {
    const officers = extractOfficers(doc('检查人：刘海涛（执法证号：39010531006）、陈思远（执法证号：39010531022）\n记录人：陈思远', 'site_inspection_record'));
    expect(officers.map((o) => [o.name, o.certificateNumber])).toEqual([
      ['刘海涛', '39010531006'],
      ['陈思远', '39010531022'],
    ]);
    expect(officers[0]!.quote).toContain('刘海涛（执法证号：39010531006）');
  });

  it('reads 执法人员 lines, a number wrapped onto the next line and names without numbers', () => {
    const officers = extractOfficers(
      doc('执法人员：赵磊 执法证件号：39012341015 孙伟 执法证件号：39012341031\n送达人（签名）：王立新（执法证号：39010221018）、李梦（执法证号：\n39010221047）\n承办人：周建国 吴晓婷'),
    );
    expect(officers.map((o) => [o.name, o.certificateNumber])).toEqual([
      ['赵磊', '39012341015'],
      ['孙伟', '39012341031'],
      ['王立新', '39010221018'],
      ['李梦', '39010221047'],
      ['周建国', null],
      ['吴晓婷', null],
    ]);
  });
});

describe('extractSeals', () => {
  it('finds seal marks', () => {
    const seals = extractSeals(doc('江州市生态环境局（印章）\n2024年7月26日\n[印章]\n（盖章）\n（公章）'));
    expect(seals.map((s) => s.kind)).toEqual(['seal', 'seal', 'seal', 'seal']);
    expect(seals[0]!.quote).toBe('江州市生态环境局（印章）');
  });

  it('finds signatures with a name, not empty signature fields', () => {
    const seals = extractSeals(doc('当事人签名：张三 2024年5月16日\n执法人员签名：\n见证人（签名）：／\n受送达人签字：2024年5月16日\n（签名）\n由我签字确认。\n执法人员签名：周建国、吴晓婷'));
    expect(seals.map((s) => [s.kind, s.quote])).toEqual([
      ['signature', '当事人签名：张三 2024年5月16日'],
      ['signature', '（签名）'],
      ['signature', '执法人员签名：周建国、吴晓婷'],
    ]);
  });
});
