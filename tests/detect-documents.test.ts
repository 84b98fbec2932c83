import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import {
  detectDocuments,
  detectTitle,
  isIssuerPrefix,
  matchTitleLine,
  pageMarkerOfLine,
  parseSmallNumber,
  TITLE_CONFIDENCE,
  titleKey,
  type DetectedDocument,
} from '../src/ingest/detect-documents.js';
import { DOCUMENT_TYPES } from '../src/ingest/document-types.js';

/** Pages numbered from 1, as pdf-parse returns them. */
function volume(texts: readonly string[]): { pageNumber: number; text: string }[] {
  return texts.map((text, i) => ({ pageNumber: i + 1, text }));
}

/** The documents as compact tuples: [type, startPage, endPage]. */
function ranges(documents: readonly DetectedDocument[]): [string, number, number][] {
  return documents.map((d) => [d.type, d.startPage, d.endPage]);
}

const AGENCY = '武汉市生态环境局';
const PARTY = '武汉市某某化工有限公司';

// ---------------------------------------------------------------------------------------
// A complete 行政处罚 (general procedure) volume, page by page, in the shape pdf-parse
// produces: one line per visual line, wraps mid-sentence, letter-spaced titles.

const PENALTY_VOLUME: readonly string[] = [
  // 1 卷宗封面
  `${AGENCY}\n行 政 处 罚 案 卷\n（正卷）\n案由：${PARTY}超标排放水污染物案\n案号：鄂环罚〔2023〕17号\n立案日期：2023年5月8日 结案日期：2023年8月30日\n保管期限：长期\n本卷共 24 页`,
  // 2 卷内目录: lists the titles of the volume under its own title
  [
    '卷 内 目 录',
    '序号 文件名称 页号 备注',
    '1 立案审批表 1',
    '2 现场检查（勘察）笔录 2-3',
    '3 询问笔录 4-6',
    '4 行政处罚事先（听证）告知书 12',
    '5 行政处罚决定书 16-17',
    '6 送达回证 18',
    '7 结案审批表 20',
  ].join('\n'),
  // 3 立案审批表
  `立案审批表\n鄂环立〔2023〕17号\n案件来源 日常巡查\n当事人 ${PARTY}\n法定代表人 张三\n简要案情 2023年5月6日，执法人员在现场检查中发现该公司\n未经处理直接排放生产废水，涉嫌违反《中华人民共和国水污染防治法》第三十九条。\n承办人意见 建议立案调查。`,
  // 4 现场检查（勘察）笔录 page 1 (ASCII brackets)
  `现场检查(勘察)笔录\n检查时间：2023年5月6日9时30分至10时40分\n检查地点：武汉市洪山区某某路88号\n被检查单位：${PARTY}\n检查人：李四 执法证号：42010001 王五 执法证号：42010002\n    检查情况：执法人员出示执法证件，表明身份后对该公司进行现场检查，发现厂区东侧雨水\n排口有废水外排，`,
  // 5 现场检查（勘察）笔录 page 2: no title, a footer page marker
  `现场采样两瓶，编号为W230506-01、W230506-02。\n以上笔录经被检查人核对无误。\n被检查人签名：张三 2023年5月6日\n检查人签名：李四 王五\n第 2 页 共 2 页`,
  // 6 询问笔录 #1 page 1
  `询问笔录（第1页 共2页）\n时间：2023年5月6日11时00分至11时50分\n地点：${PARTY}会议室\n询问人：李四 王五 记录人：王五\n被询问人：张三 性别：男 职务：法定代表人\n问：我们是${AGENCY}的执法人员，现依法向你了解有关情况，你有如实回答的义务，听清楚了吗？\n答：听清楚了。`,
  // 7 询问笔录 #1 page 2: the title is repeated with 第2页
  `询问笔录（第2页 共2页）\n问：厂区东侧排口外排的废水是什么废水？\n答：是车间清洗废水，污水处理设施当天在检修。\n问：以上记录是否属实？\n答：属实。\n被询问人签名：张三`,
  // 8 询问笔录 #2: another person, first page
  `询 问 笔 录\n（第1页 共1页）\n时间：2023年5月7日9时00分至9时40分\n地点：${AGENCY}302室\n被询问人：赵六 职务：车间主任\n问：你单位污水处理设施何时开始检修？\n答：5月5日。`,
  // 9 证据材料 (photos)
  `证据材料\n现场照片（一）\n拍摄时间：2023年5月6日9时45分\n拍摄地点：厂区东侧雨水排口\n拍摄人：李四 王五\n证明内容：当事人通过雨水排口外排生产废水`,
  // 10 a scanned page (no text layer)
  '',
  // 11 案件调查终结报告
  `案件调查终结报告\n案由：${PARTY}超标排放水污染物案\n一、当事人基本情况\n${PARTY}，统一社会信用代码91420100MA4K12345X。\n二、违法事实及证据\n经查，当事人于2023年5月6日通过雨水排口排放生产废水，化学需氧量浓度为286mg/L，超过\n《污水综合排放标准》规定的限值。`,
  // 12 法制审核意见书
  `法制审核意见书\n案件名称：${PARTY}超标排放水污染物案\n审核意见：\n1、执法主体合法；\n2、事实清楚，证据确凿；\n3、适用法律正确，程序合法，建议按拟定意见作出行政处罚决定书。`,
  // 13 集体讨论记录
  `案件集体讨论记录\n时间：2023年6月20日14时30分\n地点：${AGENCY}第一会议室\n主持人：局长 孙七\n记录人：周八\n讨论内容：李四汇报案情，建议对当事人罚款人民币捌万柒仟元整。\n结论：同意作出行政处罚事先（听证）告知书。`,
  // 14 行政处罚事先（听证）告知书
  `${AGENCY}\n行政处罚事先(听证)告知书\n鄂环罚告〔2023〕17号\n${PARTY}：\n    本机关于2023年5月6日对你单位进行了现场检查，经\n查，你单位通过雨水排口排放生产废水，化学需氧量浓度为286mg/L，超过排放标准。\n    根据《中华人民共和国行政处罚法》第四十四条、第六十三条的规定，你单位有权进行陈述、申辩和要求听证。`,
  // 15 陈述申辩笔录
  `陈述申辩笔录\n时间：2023年6月28日10时\n地点：${AGENCY}302室\n陈述申辩人：张三\n陈述申辩内容：我单位已经整改完毕，请求从轻处罚。\n以上笔录经本人核对无误。`,
  // 16 听证通知书
  `${AGENCY}\n听证通知书\n鄂环听通〔2023〕17号\n${PARTY}：\n    根据你单位的申请，本机关定于2023年7月10日9时在${AGENCY}第二会议室举行听证。`,
  // 17 听证笔录
  `听证笔录\n案由：${PARTY}超标排放水污染物案\n听证时间：2023年7月10日9时至11时\n听证地点：${AGENCY}第二会议室\n听证主持人：吴九\n听证员：郑十 书记员：钱一`,
  // 18 行政处罚决定书 page 1
  `${AGENCY}\n行 政 处 罚 决 定 书\n鄂环罚〔2023〕17号\n当事人：${PARTY}\n统一社会信用代码：91420100MA4K12345X\n法定代表人：张三\n地址：武汉市洪山区某某路88号\n    本机关于2023年5月6日对你单位进行了现场检查，发现你单位通过雨水排口排放生产废水。\n    本机关于2023年6月25日向你单位送达了《行政处罚事先（听证）告知书》（鄂环罚告〔2023〕17号）。`,
  // 19 行政处罚决定书 page 2: continuation, a 公文-style footer page number
  `    以上事实有现场检查（勘察）笔录、询问笔录、监测报告等证据为凭。\n    依据《中华人民共和国水污染防治法》第八十三条第三项的规定，本机关决定对你单位处罚款人民币捌万柒仟元整（¥87000元）。\n    如不服本决定，可在收到本决定书之日起六十日内申请行政复议。\n${AGENCY}\n2023年7月20日\n— 2 —`,
  // 20 送达回证: lists the decision in its body
  `送 达 回 证\n送达文书名称\n行政处罚决定书\n鄂环罚〔2023〕17号\n受送达人：${PARTY}\n送达时间：2023年7月21日\n送达地点：武汉市洪山区某某路88号\n送达方式：直接送达\n受送达人签名：张三`,
  // 21 罚没款票据
  `湖北省非税收入一般缴款书（电子）\n票据代码：42060122\n执收单位名称：${AGENCY}\n缴款人：${PARTY}\n项目名称：罚没收入\n金额：捌万柒仟元整 ¥87000.00`,
  // 22 结案审批表
  `结案审批表\n案由：${PARTY}超标排放水污染物案\n处理结果：罚款人民币捌万柒仟元整，已于2023年8月1日缴纳。\n承办人意见：当事人已履行行政处罚决定书确定的义务，建议结案。`,
  // 23 卷内备考表
  `卷内备考表\n本卷共有文件材料 24 页，其中照片 6 张。\n立卷人：李四 2023年9月1日\n检查人：孙七 2023年9月2日`,
];

describe('detectDocuments on a 行政处罚 volume', () => {
  const documents = detectDocuments(volume(PENALTY_VOLUME));

  it('finds every document with its page range', () => {
    expect(ranges(documents)).toEqual([
      ['case_cover', 1, 1],
      ['file_index', 2, 2],
      ['filing_approval', 3, 3],
      ['site_inspection_record', 4, 5],
      ['inquiry_record', 6, 7],
      ['inquiry_record', 8, 8],
      ['evidence', 9, 10],
      ['investigation_report', 11, 11],
      ['legal_review', 12, 12],
      ['collective_discussion', 13, 13],
      ['penalty_notice', 14, 14],
      ['statement_record', 15, 15],
      ['hearing_notice', 16, 16],
      ['hearing_record', 17, 17],
      ['penalty_decision', 18, 19],
      ['service_receipt', 20, 20],
      ['payment_receipt', 21, 21],
      ['closing_approval', 22, 22],
      ['backup_sheet', 23, 23],
    ]);
  });

  it('reports the catalogue title and a confidence', () => {
    const byType = new Map(documents.map((d) => [d.type, d]));
    expect(byType.get('site_inspection_record')?.title).toBe('现场检查（勘察）笔录');
    expect(byType.get('penalty_notice')?.title).toBe('行政处罚事先（听证）告知书');
    expect(byType.get('penalty_decision')).toMatchObject({ title: '行政处罚决定书', confidence: 1 });
    expect(byType.get('case_cover')).toMatchObject({ title: '行政处罚案卷', confidence: 1 });
    expect(byType.get('payment_receipt')).toMatchObject({
      title: '非税收入一般缴款书',
      confidence: TITLE_CONFIDENCE.prefixedDecorated,
    });
    for (const d of documents) {
      expect(d.confidence).toBeGreaterThan(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
    }
  });
});

describe('detectDocuments on a 行政许可 volume', () => {
  const pages = [
    `行政许可案卷\n申请人：${PARTY}\n许可事项：排污许可`,
    `行政许可申请书\n申请人：${PARTY}\n申请事项：排污许可证核发\n申请日期：2023年3月1日`,
    `营业执照复印件\n统一社会信用代码：91420100MA4K12345X`,
    `${AGENCY}\n补正材料通知书\n鄂环许补〔2023〕5号\n${PARTY}：\n    你单位提交的申请材料不齐全，请补正下列材料：\n1、环境影响评价批复文件。`,
    `${AGENCY}\n行政许可受理通知书\n鄂环许受〔2023〕5号\n${PARTY}：\n    你单位提出的排污许可申请，经审查，申请材料齐全，符合法定形式，决定予以受理。`,
    `现场核查记录\n核查时间：2023年3月15日\n核查人员：李四 王五\n核查意见：现场情况与申请材料一致。`,
    `许可审查意见表\n审查意见：符合许可条件，建议准予许可。\n审查人：李四`,
    `${AGENCY}\n准予行政许可决定书\n鄂环许准〔2023〕5号\n${PARTY}：\n    你单位于2023年3月1日提出的排污许可申请，经审查，符合法定条件，决定准予行政许可。`,
    `送达回证\n送达文书：准予行政许可决定书\n受送达人：${PARTY}`,
  ];

  it('finds the licensing documents', () => {
    expect(ranges(detectDocuments(volume(pages)))).toEqual([
      ['case_cover', 1, 1],
      ['license_application', 2, 3],
      ['license_material_notice', 4, 4],
      ['license_acceptance', 5, 5],
      ['license_review', 6, 6],
      ['license_review', 7, 7],
      ['license_decision', 8, 8],
      ['service_receipt', 9, 9],
    ]);
  });
});

describe('detectDocuments on a 查封扣押 volume', () => {
  const pages = [
    `现场笔录\n时间：2023年4月2日10时\n地点：${PARTY}仓库\n当事人到场情况：法定代表人张三到场`,
    `实施行政强制措施审批表\n当事人：${PARTY}\n拟采取的措施：查封\n承办人意见：建议查封。`,
    `${AGENCY}\n查封（扣押）决定书\n鄂环查（扣）〔2023〕3号\n${PARTY}：\n    经查，你单位……根据《中华人民共和国行政强制法》的规定，决定对下列设施予以查封。`,
    `场所、设施、财物清单\n序号 名称 规格 数量\n1 污水提升泵 50m3/h 2台`,
    `${AGENCY}\n延长查封（扣押）期限决定书\n鄂环查（扣）延〔2023〕3号\n${PARTY}：\n    因情况复杂，决定将查封期限延长三十日。`,
    `${AGENCY}\n解除查封(扣押)决定书\n鄂环解查（扣）〔2023〕3号\n${PARTY}：\n    本机关于2023年4月2日作出查封（扣押）决定书，现决定解除查封。`,
    `送达回证\n送达文书：解除查封（扣押）决定书\n受送达人：${PARTY}`,
  ];

  it('finds the coercion documents and prefers the longest title', () => {
    const documents = detectDocuments(volume(pages));
    expect(ranges(documents)).toEqual([
      ['coercion_site_record', 1, 1],
      ['seizure_approval', 2, 2],
      ['seizure_decision', 3, 3],
      ['seizure_list', 4, 4],
      ['seizure_extension', 5, 5],
      ['seizure_release', 6, 6],
      ['service_receipt', 7, 7],
    ]);
    expect(documents[4]?.title).toBe('延长查封（扣押）期限决定书');
    expect(documents[5]?.title).toBe('解除查封（扣押）决定书');
  });
});

describe('detectDocuments page assignment', () => {
  it('puts pages before the first title in an untitled other document', () => {
    const documents = detectDocuments(volume(['', '扫描件说明：本卷第1页为封底', '立案审批表\n当事人：某某', '续：承办人意见']));
    expect(documents).toEqual([
      { type: 'other', title: null, startPage: 1, endPage: 2, confidence: 0 },
      { type: 'filing_approval', title: '立案审批表', startPage: 3, endPage: 4, confidence: 1 },
    ]);
  });

  it('continues the current document over empty and scanned pages', () => {
    const documents = detectDocuments(volume(['询问笔录\n问：姓名？\n答：张三。', '', '   \n  ', '答：属实。']));
    expect(ranges(documents)).toEqual([['inquiry_record', 1, 4]]);
  });

  it('starts a new document on a repeated title on page 1, continues it on page 2', () => {
    const documents = detectDocuments(
      volume([
        '询问笔录\n第1页 共2页\n问：姓名？',
        '询问笔录\n第2页 共2页\n答：属实。',
        '询问笔录\n第1页 共1页\n问：姓名？',
        '询问笔录\n问：职务？', // no page marker: a new record
      ]),
    );
    expect(ranges(documents)).toEqual([
      ['inquiry_record', 1, 2],
      ['inquiry_record', 3, 3],
      ['inquiry_record', 4, 4],
    ]);
  });

  it('reads page markers in the footer and in Chinese numerals', () => {
    const documents = detectDocuments(
      volume([
        '询问笔录\n问：姓名？',
        '询问笔录\n答：属实。\n被询问人签名：张三\n第二页',
        '现场检查笔录\n检查时间：2023年5月6日',
        '询问笔录（第2页）\n问：这一页属于另一类文书之后？',
      ]),
    );
    // A 第2页 title of a different type than the current document starts a new document.
    expect(ranges(documents)).toEqual([
      ['inquiry_record', 1, 2],
      ['site_inspection_record', 3, 3],
      ['inquiry_record', 4, 4],
    ]);
  });

  it('keeps a multi-page index together (continuation rows are not titles)', () => {
    const documents = detectDocuments(
      volume([
        '卷内目录\n序号 文件名称 页号\n1 立案审批表 1\n2 询问笔录 2-5',
        '3 行政处罚决定书 6-7\n4 送达回证 8\n5 结案审批表 9',
        '立案审批表\n案由：某某案',
      ]),
    );
    expect(ranges(documents)).toEqual([
      ['file_index', 1, 2],
      ['filing_approval', 3, 3],
    ]);
  });

  it('reads titles under an archive page number (top-right page numbers in the file)', () => {
    const documents = detectDocuments(
      volume([
        `20\n${AGENCY}\n送达回证\n案由：某某案\n送达文书名称及文号：《行政处罚决定书》（鄂环罚〔2023〕17号）`,
        '21\n罚没款票据\n（政府非税收入一般缴款书　第一联　收据联　复印件）\n票据号码：3901240036275',
        `22\n${AGENCY}\n结案审批表\n案号：鄂环罚〔2023〕17号`,
      ]),
    );
    expect(ranges(documents)).toEqual([
      ['service_receipt', 1, 1],
      ['payment_receipt', 2, 2],
      ['closing_approval', 3, 3],
    ]);
  });

  it('uses the page numbers it is given', () => {
    const documents = detectDocuments([
      { pageNumber: 7, text: '送达回证' },
      { pageNumber: 8, text: '' },
      { pageNumber: 9, text: '结案审批表' },
    ]);
    expect(ranges(documents)).toEqual([
      ['service_receipt', 7, 8],
      ['closing_approval', 9, 9],
    ]);
  });

  it('returns nothing for no pages', () => {
    expect(detectDocuments([])).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------

describe('detectTitle', () => {
  it('matches exact, letter-spaced and bracket-variant titles', () => {
    expect(detectTitle('行政处罚决定书')).toEqual({ type: 'penalty_decision', title: '行政处罚决定书', confidence: 1 });
    expect(detectTitle('询 问 笔 录\n时间：2023年5月6日')).toMatchObject({ type: 'inquiry_record', confidence: 1 });
    expect(detectTitle('现场检查(勘察)笔录')).toMatchObject({ type: 'site_inspection_record', title: '现场检查（勘察）笔录' });
    expect(detectTitle('陈述申辩笔录')?.type).toBe('statement_record');
    expect(detectTitle('卷\u3000宗\u3000封\u3000面')?.type).toBe('case_cover');
  });

  it('prefers the longest title', () => {
    const cases: [string, string][] = [
      ['不予行政处罚决定书', 'no_penalty_decision'],
      ['当场行政处罚决定书', 'onsite_penalty_decision'],
      ['行政处罚决定书（当场）', 'onsite_penalty_decision'],
      ['行政处罚事先（听证）告知书', 'penalty_notice'],
      ['不予行政处罚事先告知书', 'penalty_notice'],
      ['延长查封扣押期限决定书', 'seizure_extension'],
      ['解除查封扣押决定书', 'seizure_release'],
      ['查封扣押决定书', 'seizure_decision'],
      ['准予行政许可决定书', 'license_decision'],
      ['强制执行申请书', 'enforcement_application'],
      ['行政处罚案件调查报告', 'investigation_report'],
      ['重大执法决定法制审核意见书', 'legal_review'],
    ];
    for (const [text, type] of cases) expect(detectTitle(`${AGENCY}\n${text}`)?.type, text).toBe(type);
    expect(detectTitle('不予行政处罚决定书')?.title).toBe('不予行政处罚决定书');
  });

  it('accepts an agency prefix on the same line with a lower confidence', () => {
    expect(detectTitle('武汉市生态环境局行政处罚决定书')).toEqual({
      type: 'penalty_decision',
      title: '行政处罚决定书',
      confidence: TITLE_CONFIDENCE.prefixed,
    });
    expect(detectTitle('武汉市生态环境局 不予行政处罚决定书')?.type).toBe('no_penalty_decision');
    expect(detectTitle('武汉海关行政处罚决定书')?.type).toBe('penalty_decision');
    expect(detectTitle('武汉市洪山区市场监督管理局解除查封扣押决定书')?.type).toBe('seizure_release');
  });

  it('accepts 正本/副本/存根, page markers and a document number after the title', () => {
    expect(detectTitle('行政处罚决定书（副本）')).toMatchObject({ type: 'penalty_decision', confidence: TITLE_CONFIDENCE.decorated });
    expect(detectTitle('行政处罚决定书 正本')?.type).toBe('penalty_decision');
    expect(detectTitle('送达回证(存根)')?.type).toBe('service_receipt');
    expect(detectTitle('罚没款收据（第一联）')?.type).toBe('payment_receipt');
    expect(detectTitle('询问笔录（第2页 共3页）')?.type).toBe('inquiry_record');
    expect(detectTitle('行政处罚决定书 鄂环罚〔2023〕17号')).toMatchObject({
      type: 'penalty_decision',
      confidence: TITLE_CONFIDENCE.numbered,
    });
    expect(detectTitle('武汉市生态环境局行政处罚决定书（副本）')?.confidence).toBe(TITLE_CONFIDENCE.prefixedDecorated);
  });

  it('rates an exact title line above a decorated or prefixed one', () => {
    const exact = detectTitle('行政处罚决定书')!.confidence;
    const decorated = detectTitle('行政处罚决定书（副本）')!.confidence;
    const prefixed = detectTitle('武汉市生态环境局行政处罚决定书')!.confidence;
    expect(exact).toBe(1);
    expect(decorated).toBeLessThan(exact);
    expect(prefixed).toBeLessThan(decorated);
  });

  it('ignores titles mentioned in sentences and fields', () => {
    for (const text of [
      '本机关于2023年6月25日向你单位送达了《行政处罚事先（听证）告知书》',
      '送达文书：行政处罚决定书',
      '你单位收到行政处罚决定书后应当在十五日内缴纳罚款',
      '行政处罚决定书已于2023年7月21日直接送达当事人。',
      '请于收到本询问通知书之日起三日内到我局接受询问',
      '同意作出行政处罚事先（听证）告知书。',
      '附件：现场检查（勘察）笔录',
      '1 立案审批表 1',
      '立案审批表 1',
      '一、立案审批表',
      '《行政处罚决定书》',
      '“送达回证”',
    ]) {
      expect(detectTitle(text), text).toBeNull();
    }
  });

  it('looks only at the top of the page', () => {
    const body = ['第一行', '第二行', '第三行', '第四行', '第五行', '第六行'].map((l) => `${l}：内容。`).join('\n');
    expect(detectTitle(`${body}\n行政处罚决定书`)).toBeNull();
    expect(detectTitle(`第一行：内容。\n行政处罚决定书`)?.type).toBe('penalty_decision');
  });

  it('takes the topmost title line: an index page is an index, not the titles it lists', () => {
    expect(detectTitle(PENALTY_VOLUME[1]!)?.type).toBe('file_index');
    expect(detectTitle('卷内文件目录\n立案审批表\n询问笔录\n行政处罚决定书')?.type).toBe('file_index');
    expect(detectTitle('送达回证\n送达文书名称\n行政处罚决定书')?.type).toBe('service_receipt');
  });

  it('returns null for empty and untitled pages', () => {
    expect(detectTitle('')).toBeNull();
    expect(detectTitle('问：以上记录是否属实？\n答：属实。')).toBeNull();
    expect(detectTitle('— 2 —')).toBeNull();
  });
});

describe('title helpers', () => {
  it('builds the comparison key', () => {
    expect(titleKey('现场检查 (勘察) 笔录')).toBe('现场检查（勘察）笔录');
    expect(titleKey('陈述、申辩笔录')).toBe('陈述申辩笔录');
  });

  it('recognises issuer prefixes', () => {
    expect(isIssuerPrefix('武汉市生态环境局')).toBe(true);
    expect(isIssuerPrefix('湖北省')).toBe(true);
    expect(isIssuerPrefix('武汉市生态环境局东湖新技术开发区分局')).toBe(true);
    expect(isIssuerPrefix('送达')).toBe(false);
    expect(isIssuerPrefix('你单位收到')).toBe(false);
    expect(isIssuerPrefix('2023年局')).toBe(false);
  });

  it('reads page markers', () => {
    expect(pageMarkerOfLine('第 2 页 共 3 页')).toBe(2);
    expect(pageMarkerOfLine('共3页 第3页')).toBe(3);
    expect(pageMarkerOfLine('（第十二页）')).toBe(12);
    expect(pageMarkerOfLine('- 4 -')).toBe(4);
    expect(pageMarkerOfLine('详见卷宗第2页')).toBeNull();
    expect(parseSmallNumber('二十三')).toBe(23);
    expect(parseSmallNumber('十')).toBe(10);
    expect(parseSmallNumber('七')).toBe(7);
    expect(Number.isNaN(parseSmallNumber('一二'))).toBe(true);
    expect(matchTitleLine('询问笔录（第2页共3页）')?.pageIndex).toBe(2);
  });

  it('maps every catalogue title to its own type', () => {
    for (const definition of DOCUMENT_TYPES) {
      for (const title of definition.titles as readonly string[]) {
        expect(detectTitle(title)?.type, title).toBe(definition.code);
      }
    }
  });
});

// ---------------------------------------------------------------------------------------

const PAGE_PIECES = [
  '行政处罚决定书',
  '询问笔录',
  '询问笔录（第2页 共3页）',
  '第2页 共2页',
  '卷内目录',
  '送达回证',
  '送达文书：行政处罚决定书',
  '武汉市生态环境局',
  '经查，你单位于2023年5月6日',
  '问：姓名？',
  '',
  ' ',
  '\n',
  '\uFFFD',
];
const pageText = fc.array(fc.constantFrom(...PAGE_PIECES), { maxLength: 6 }).map((parts) => parts.join('\n'));
const anyPageText = fc.oneof(pageText, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('detectDocuments properties', () => {
  test.prop([fc.array(anyPageText, { maxLength: 30 }), fc.integer({ min: 1, max: 500 }), fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 30, maxLength: 30 })])(
    'covers every page exactly once, contiguous and in order',
    (texts, firstPage, gaps) => {
      let pageNumber = firstPage;
      const pages = texts.map((text, i) => {
        const page = { pageNumber, text };
        pageNumber += gaps[i]!;
        return page;
      });
      const documents = detectDocuments(pages);
      if (pages.length === 0) {
        expect(documents).toEqual([]);
        return;
      }
      const index = new Map(pages.map((p, i) => [p.pageNumber, i]));
      let expectedStart = 0;
      for (const d of documents) {
        const start = index.get(d.startPage);
        const end = index.get(d.endPage);
        expect(start).toBe(expectedStart);
        expect(end).toBeGreaterThanOrEqual(start!);
        expectedStart = end! + 1;
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
        expect(d.title === null).toBe(d.type === 'other');
      }
      expect(expectedStart).toBe(pages.length);
    },
  );
});
