/**
 * Case 2 — 行政处罚 普通程序, a major decision: a city ecology-and-environment bureau fines a
 * foundry 650,000 yuan for particulate emissions above the national standard. The amount makes
 * it a major case: 法制审核 and 集体讨论 precede the decision; the party lets its hearing right lapse.
 * One whole-volume PDF in the non-embedded STSong-Light font, in the MEE filing order of
 * review-standards §4.4(a): decision first, then 正卷 in procedural order, then the 副卷.
 */
import type { DocumentSpec } from '../lib/compose.js';
import { cnDate, creditCode, idNumber, thousands, yuan } from '../lib/format.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import {
  backupSheet, closingApproval, cover, field, fileIndex, filingApproval, heading, line, officerList, partyBlock,
  paymentParagraph, paymentReceipt, qa, recordClosing, recordHeader, remedyParagraph, right, rightsQA, sealBlock, serviceReceipt,
} from '../lib/templates.js';

const agency: Agency = {
  name: '江州市生态环境局',
  shortName: '市生态环境局',
  creditCode: creditCode('11390100002538614'),
  region: '江州市',
  sector: '生态环境',
  level: 'city',
};

const ctx: CaseContext = {
  agency,
  caseNumber: '江环罚〔2024〕27号',
  cause: '超过大气污染物排放标准排放大气污染物案',
  party: {
    name: '江州恒远铸造有限公司',
    kind: 'organization',
    creditCode: creditCode('91390106MA7D2LX45'),
    legalRepresentative: '徐志强',
    address: '江州市北岸区工业园纬三路16号',
  },
  officers: [
    { name: '周建国', certificateNumber: '39000019256' },
    { name: '吴晓婷', certificateNumber: '39000019311' },
  ],
  unitHead: '韩卫东',
  agencyHead: '陆宏',
};

const manager = { name: '刘春生', id: idNumber('39010619750822003'), age: 48 };
const numbers = {
  filing: '江环立〔2024〕45号',
  correction: '江环责改〔2024〕38号',
  notice: '江环罚告〔2024〕31号',
  monitoring: '江环监字〔2024〕第0612号',
};
const fine = 650_000;
const measured = '68.4';
const limit = '30';

const D = {
  inspected: '2024-06-04',
  monitored: '2024-06-07',
  filed: '2024-06-12',
  inquired: '2024-06-18',
  reported: '2024-07-02',
  notified: '2024-07-09',
  noticeServed: '2024-07-10',
  legalReview: '2024-07-22',
  discussed: '2024-07-24',
  decided: '2024-07-26',
  served: '2024-07-29',
  paid: '2024-08-09',
  rechecked: '2024-08-13',
  closed: '2024-08-20',
  archived: '2024-08-28',
};

const standard = '《铸造工业大气污染物排放标准》（GB 39726—2020）';
const evidence = [
  `（1）${cnDate(D.inspected)}现场检查（勘察）笔录及现场照片8张、视频1段，证明当事人1号熔炼工序除尘设施布袋破损、排气筒排放口可见明显烟尘；`,
  `（2）江州市生态环境监测站出具的监测报告（${numbers.monitoring}），证明当事人DA001排气筒颗粒物排放浓度为${measured}毫克/立方米，超过${standard}规定的${limit}毫克/立方米的排放限值；`,
  `（3）${cnDate(D.inquired)}对当事人安全环保部经理刘春生的询问笔录，证明除尘设施故障发生时间及当事人未停产检修的事实；`,
  '（4）当事人营业执照、排污许可证副本、除尘设施运行台账复印件，证明当事人的主体资格、许可排放要求及设施运行情况；',
  '（5）法定代表人身份证明书、授权委托书，证明被询问人的身份及授权。',
];

const decision: DocumentSpec = {
  type: 'penalty_decision',
  date: D.decided,
  agency: agency.name,
  number: ctx.caseNumber,
  body: [
    ...partyBlock(ctx),
    heading('一、环境违法事实和证据'),
    `${cnDate(D.inspected)}，本局执法人员对你单位进行现场检查，同日江州市生态环境监测站对你单位DA001排气筒（1号中频感应电炉熔炼工序）进行了监督性监测。本局于${cnDate(D.filed)}对你单位立案调查。`,
    `经查，你单位1号熔炼工序配套的布袋除尘器自2024年5月下旬起部分滤袋破损，你单位未及时停产检修，继续组织生产。经监测，${cnDate(D.inspected)}你单位DA001排气筒颗粒物排放浓度为${measured}毫克/立方米，超过${standard}表1规定的${limit}毫克/立方米的排放限值1.28倍。`,
    '以上事实，有以下证据为证：',
    ...evidence.map((e) => line(e, { indent: 2 })),
    `你单位的上述行为违反了《中华人民共和国大气污染防治法》第十八条“向大气排放污染物的，应当符合大气污染物排放标准”的规定。本局已于${cnDate(D.filed)}向你单位下达《责令改正通知书》（${numbers.correction}）。`,
    heading('二、陈述、申辩和听证情况'),
    `本局于${cnDate(D.noticeServed)}向你单位送达《行政处罚事先（听证）告知书》（${numbers.notice}），告知你单位陈述、申辩和要求听证的权利。你单位在法定期限内未提出陈述、申辩意见，也未要求听证，视为放弃上述权利。`,
    heading('三、行政处罚的依据、种类及裁量理由'),
    '依据《中华人民共和国大气污染防治法》第九十九条第（二）项“违反本法规定，有下列行为之一的，由县级以上人民政府生态环境主管部门责令改正或者限制生产、停产整治，并处十万元以上一百万元以下的罚款……（二）超过大气污染物排放标准或者超过重点大气污染物排放总量控制指标排放大气污染物的”的规定。',
    '本局综合考虑你单位颗粒物排放浓度超标1.28倍、超标排放持续约十日、周边存在居民区等加重情节，以及你单位系首次违法、接受调查后立即停产检修并更换全部滤袋等情节，依照本局公布的行政处罚裁量基准，经法制审核和本局负责人集体讨论，决定对你单位作出如下行政处罚：',
    line(`罚款${yuan(fine)}。`, { indent: 2 }),
    heading('四、履行方式和期限'),
    paymentParagraph('罚款', '中国工商银行江州分行营业部', '江州市财政局非税收入汇缴结算户'),
    heading('五、申请复议或者提起诉讼的途径和期限'),
    remedyParagraph('江州市人民政府', '江州市北岸区人民法院'),
    '逾期不申请行政复议，不提起行政诉讼，又不履行本处罚决定的，本局将依法申请人民法院强制执行。',
    ...sealBlock(agency.name, D.decided),
  ],
};

const filing = filingApproval(ctx, {
  date: D.filed,
  number: numbers.filing,
  source: '现场检查及监督性监测',
  facts: `${cnDate(D.inspected)}，执法人员在对当事人进行现场检查时发现其1号熔炼工序布袋除尘器滤袋破损，排气筒可见明显烟尘。经江州市生态环境监测站监测（${numbers.monitoring}），DA001排气筒颗粒物排放浓度为${measured}毫克/立方米，超过${standard}规定的排放限值。`,
  basis: '当事人的行为涉嫌违反《中华人民共和国大气污染防治法》第十八条的规定，依据该法第九十九条第（二）项应当给予行政处罚，本局具有管辖权，符合立案条件，建议立案调查。',
  steps: [
    { role: '承办人', opinion: '建议立案调查。', signer: '周建国、吴晓婷', date: '2024-06-11' },
    { role: '承办机构负责人', opinion: '同意立案，由周建国、吴晓婷承办。', signer: ctx.unitHead, date: D.filed },
    { role: '执法机关负责人', opinion: '同意。', signer: ctx.agencyHead, date: D.filed },
  ],
});

const siteInspection: DocumentSpec = {
  type: 'site_inspection_record',
  date: D.inspected,
  agency: agency.name,
  pageFooter: `被检查单位现场负责人签名：${manager.name}　　　　检查人签名：周建国、吴晓婷`,
  body: [
    ...recordHeader(ctx, { date: D.inspected, start: [9, 40], end: [11, 50], place: `${ctx.party.address}当事人厂区`, role: '检查（勘察）人', recorder: '吴晓婷' }),
    field('被检查单位', `${ctx.party.name}，统一社会信用代码：${ctx.party.creditCode}`),
    field('法定代表人', ctx.party.legalRepresentative ?? ''),
    field('现场负责人', `${manager.name}（安全环保部经理），公民身份号码：${manager.id}`),
    field("排污许可证编号", `${ctx.party.creditCode}001V`),
    '执法人员出示了执法证件，告知被检查单位依法享有的申请回避、陈述和申辩的权利以及如实提供材料、配合检查的义务。现场负责人表示清楚，不申请回避。',
    heading('现场检查（勘察）情况：'),
    '1.当事人主要从事灰铸铁件的铸造生产，设有中频感应电炉2台（1号、2号），检查时1号、2号电炉均在生产，熔炼废气经集气罩收集后进入布袋除尘器处理，由15米高排气筒（编号DA001）排放。',
    '2.执法人员在DA001排气筒出口观察到明显的灰色烟尘排放。打开布袋除尘器检修门检查，发现第三、第四仓室共有27条滤袋破损，灰斗积灰溢出，压差计显示压差为0.3千帕，明显低于正常运行值。',
    '3.调阅除尘设施运行台账，2024年5月24日以后台账记录“压差偏低，待检修”，但未记录检修情况，同期熔炼工序生产记录显示每日正常生产。',
    '4.江州市生态环境监测站监测人员于10时15分至11时10分对DA001排气筒出口颗粒物进行了采样，共采集有效样品3个，样品已现场封存，当事人现场负责人在采样记录上签字确认。',
    '5.执法人员对上述情况进行了拍照（8张）和录像（1段），并责令当事人立即对破损滤袋进行更换，确保污染防治设施正常运行、污染物达标排放。',
    '以上情况当事人现场负责人在场见证。',
    ...recordClosing(ctx, manager.name, D.inspected),
  ],
};

const inquiry: DocumentSpec = {
  type: 'inquiry_record',
  date: D.inquired,
  agency: agency.name,
  pageFooter: `被询问人签名：${manager.name}　　　　询问人签名：周建国、吴晓婷`,
  body: [
    ...recordHeader(ctx, { date: D.inquired, start: [14, 30], end: [16, 0], place: '江州市生态环境局执法支队二楼询问室', role: '询问人', recorder: '吴晓婷' }),
    field('被询问人', `${manager.name}　性别：男　年龄：${manager.age}岁`),
    field('公民身份号码', manager.id),
    field('工作单位及职务', `${ctx.party.name}安全环保部经理`),
    field('与本案关系', '当事人的委托代理人（附授权委托书）'),
    ...rightsQA(ctx, '江州恒远铸造有限公司涉嫌超标排放大气污染物一案'),
    ...qa('请介绍你公司的基本情况。', '我公司成立于2011年，法定代表人徐志强，主要生产灰铸铁件，年产量约一万二千吨，有职工136人，2023年取得排污许可证，主要排放口是熔炼工序的DA001排气筒。'),
    ...qa('你公司熔炼废气采用什么治理设施？运行管理由谁负责？', '采用脉冲布袋除尘器，共六个仓室，由安全环保部负责日常运行管理，设备部负责维修，我是安全环保部经理，负责全面管理。'),
    ...qa(`${cnDate(D.inspected)}检查时发现除尘器第三、第四仓室共有27条滤袋破损，你是否知情？破损是从什么时候开始的？`, '知道。5月24日巡检时发现压差偏低，判断可能有滤袋破损，当时订购的滤袋还没到货，就在台账上写了待检修，想等滤袋到货后一起更换。'),
    ...qa('发现除尘设施故障后，你公司是否停止熔炼生产？是否向生态环境部门报告？', '没有停产，因为当时有一批订单要赶工期，也没有报告。这是我们的错误。'),
    ...qa(`江州市生态环境监测站出具的监测报告（${numbers.monitoring}）显示DA001排气筒颗粒物排放浓度为${measured}毫克/立方米，超过排放限值，你对监测结果有无异议？`, '监测报告我们已经收到，对监测结果没有异议。'),
    ...qa('你公司采取了哪些整改措施？', '检查当天下午我们就停了1号、2号电炉，6月6日更换了全部六个仓室的滤袋，一共162条，并请第三方做了检测，颗粒物浓度是12.6毫克/立方米，检测报告已经提交给你们。我们还修订了除尘设施管理制度，规定压差异常必须立即停产检修。'),
    ...qa('你公司以前是否因环境违法行为受到过行政处罚？', '没有。'),
    ...qa('你还有什么需要补充说明的？', '我们认识到了错误，今后一定严格管理，请求从轻处理。'),
    ...recordClosing(ctx, manager.name, D.inquired),
  ],
};

const evidenceDoc: DocumentSpec = {
  type: 'evidence',
  date: D.inquired,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    heading('证据目录：'),
    ...evidence.map((e) => line(e, { indent: 2 })),
    heading('监测报告摘要：'),
    `监测单位：江州市生态环境监测站；报告编号：${numbers.monitoring}；采样日期：${cnDate(D.inspected)}；报告日期：${cnDate(D.monitored)}。监测点位：DA001排气筒出口；监测项目：颗粒物；三个样品浓度分别为65.9、71.2、68.1毫克/立方米，均值${measured}毫克/立方米；评价标准：${standard}表1，限值${limit}毫克/立方米；结论：超标。`,
    '上述证据复印件均经当事人核对，注明“与原件核对无误”并签名、加盖公章。',
    right(`收集人：${officerList(ctx)}　　${cnDate(D.inquired)}`, 12),
  ],
};

const investigationReport: DocumentSpec = {
  type: 'investigation_report',
  date: D.reported,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', `${ctx.party.name}（统一社会信用代码：${ctx.party.creditCode}）`),
    field('承办人', officerList(ctx)),
    heading('一、调查经过'),
    `${cnDate(D.inspected)}执法人员对当事人进行现场检查并委托监测，${cnDate(D.filed)}立案，同日下达《责令改正通知书》，${cnDate(D.inquired)}对当事人委托代理人进行询问，收集了监测报告、运行台账等证据。`,
    heading('二、违法事实'),
    `当事人1号熔炼工序布袋除尘器自2024年5月下旬起部分滤袋破损，当事人未停产检修，继续生产，致DA001排气筒颗粒物排放浓度达${measured}毫克/立方米，超过排放限值1.28倍。`,
    heading('三、违法性质及处罚依据'),
    '当事人的行为违反了《中华人民共和国大气污染防治法》第十八条的规定，应当依据该法第九十九条第（二）项的规定予以处罚，可处十万元以上一百万元以下的罚款。',
    heading('四、裁量情节'),
    '加重情节：超标倍数1.28倍，超标持续约十日，厂区周边500米内有居民区；从轻情节：首次违法，检查后立即停产整改，整改后复测达标。',
    heading('五、处理建议'),
    `建议对当事人罚款${yuan(fine)}。拟罚款数额在五十万元以上，属于重大行政处罚案件，应当进行法制审核并提请本局负责人集体讨论决定；应当告知当事人有要求听证的权利。`,
    right(`承办人：周建国、吴晓婷　　${cnDate(D.reported)}`, 12),
  ],
};

const correctionOrder: DocumentSpec = {
  type: 'correction_order',
  date: D.filed,
  agency: agency.name,
  number: numbers.correction,
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `经查，你单位DA001排气筒颗粒物排放浓度为${measured}毫克/立方米（${numbers.monitoring}），超过${standard}规定的排放限值，违反了《中华人民共和国大气污染防治法》第十八条的规定。`,
    '依据《中华人民共和国大气污染防治法》第九十九条第（二）项的规定，本局责令你单位：',
    line('1.立即停止超标排放大气污染物的行为；', { indent: 2 }),
    line('2.于2024年6月22日前完成布袋除尘器的检修，确保污染防治设施正常运行；', { indent: 2 }),
    line('3.整改完成后五个工作日内将整改情况书面报告本局。', { indent: 2 }),
    '你单位如不服本责令改正决定，可以在收到本通知书之日起六十日内向江州市人民政府申请行政复议，也可以在六个月内向江州市北岸区人民法院提起行政诉讼。',
    ...sealBlock(agency.name, D.filed),
  ],
};

const correctionReceipt = serviceReceipt(ctx, {
  date: D.filed,
  documents: [{ name: '责令改正通知书', number: numbers.correction }],
  place: ctx.party.address,
  signedBy: `${manager.name}（委托代理人）`,
});

const notice: DocumentSpec = {
  type: 'penalty_notice',
  date: D.notified,
  agency: agency.name,
  number: numbers.notice,
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `本局于${cnDate(D.inspected)}对你单位进行调查，发现你单位实施了以下环境违法行为：1号熔炼工序布袋除尘器部分滤袋破损后未停产检修，DA001排气筒颗粒物排放浓度为${measured}毫克/立方米，超过${standard}规定的${limit}毫克/立方米的排放限值。`,
    '以上事实有现场检查（勘察）笔录、监测报告、询问笔录、现场照片及视频等证据为证。',
    `你单位的上述行为违反了《中华人民共和国大气污染防治法》第十八条的规定。依据《中华人民共和国大气污染防治法》第九十九条第（二）项的规定，本局拟对你单位作出罚款${yuan(fine)}的行政处罚。`,
    '根据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你单位可在收到本告知书之日起五个工作日内向本局进行陈述、申辩，并可以要求举行听证；逾期不陈述、申辩，也不要求听证的，视为你单位放弃上述权利。',
    '联系人：周建国、吴晓婷　　联系地址：江州市江城大道1199号',
    ...sealBlock(agency.name, D.notified),
  ],
};

const noticeReceipt = serviceReceipt(ctx, {
  date: D.noticeServed,
  documents: [{ name: '行政处罚事先（听证）告知书', number: numbers.notice }],
  place: ctx.party.address,
  signedBy: `${manager.name}（委托代理人）`,
});

const decisionReceipt = serviceReceipt(ctx, {
  date: D.served,
  documents: [{ name: '行政处罚决定书', number: ctx.caseNumber }],
  place: ctx.party.address,
  signedBy: `${manager.name}（委托代理人）`,
});

const payment = paymentReceipt(ctx, {
  date: D.paid,
  receiptNumber: '3900240118943',
  payer: ctx.party.name,
  amount: fine,
  item: '环保罚没收入',
  collector: agency.name,
  treasury: '江州市财政局',
});

const closing = closingApproval(ctx, {
  date: D.closed,
  decisionNumber: ctx.caseNumber,
  result: `罚款${thousands(fine)}元，责令改正`,
  execution: `当事人于${cnDate(D.paid)}缴纳罚款${thousands(fine)}元。${cnDate(D.rechecked)}执法人员对当事人进行复查，布袋除尘器运行正常，委托监测DA001排气筒颗粒物排放浓度为12.6毫克/立方米，达标排放，责令改正事项已落实。行政处罚决定已于2024年8月2日在本局门户网站公开。`,
  steps: [
    { role: '承办人', opinion: '处罚决定已执行完毕，违法行为已改正，建议结案。', signer: '周建国、吴晓婷', date: D.closed },
    { role: '承办机构负责人', opinion: '同意结案。', signer: ctx.unitHead, date: D.closed },
    { role: '执法机关负责人', opinion: '同意。', signer: ctx.agencyHead, date: D.closed },
  ],
});

const legalReview: DocumentSpec = {
  type: 'legal_review',
  date: D.legalReview,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    field('拟处理意见', `罚款${yuan(fine)}`),
    field('审核依据', '《中华人民共和国行政处罚法》第五十八条第一款第（一）项'),
    heading('审核情况：'),
    line('1.执法主体合法：是；2.在法定职权范围内：是；3.执法人员具备执法资格：是；4.程序合法：是；5.事实清楚、证据合法充分：是；6.适用法律正确、裁量基准运用适当：是；7.文书齐全规范：是；8.涉嫌犯罪需要移送：否；9.属于重大执法决定：是。', { indent: 2 }),
    `当事人收到事先（听证）告知书后，在法定期限内未陈述、申辩，未要求听证。拟处罚款数额在法定幅度内，与裁量基准相符。`,
    heading('审核意见：'),
    '同意承办机构的处理意见，建议提交本局负责人集体讨论决定。',
    right(`审核人：宋佳（法律职业资格证书编号：A20163900010283）　　${cnDate(D.legalReview)}`, 12),
    right(`法制审核机构负责人：邓立平　　${cnDate(D.legalReview)}`),
  ],
};

const discussion: DocumentSpec = {
  type: 'collective_discussion',
  date: D.discussed,
  agency: agency.name,
  body: [
    field('案件名称', `${ctx.party.name}${ctx.cause}`),
    field('讨论时间', `${cnDate(D.discussed)}15时00分至15时50分`),
    field('讨论地点', '江州市生态环境局六楼会议室'),
    field('主持人', '陆宏（局长）'),
    field('参加人员', '陆宏（局长）、方国庆（副局长）、梁静（副局长）、邓立平（政策法规处处长）、韩卫东（执法支队支队长）'),
    field('列席人员', '周建国、吴晓婷（案件承办人，不参与表决）'),
    field('记录人', '宋佳'),
    heading('案件情况汇报：'),
    `承办人周建国汇报：当事人DA001排气筒颗粒物排放浓度${measured}毫克/立方米，超过排放限值1.28倍，违反《中华人民共和国大气污染防治法》第十八条，依据第九十九条第（二）项，拟罚款${thousands(fine)}元。当事人收到告知书后未陈述申辩，未要求听证。法制审核意见为同意。`,
    heading('讨论意见：'),
    '方国庆：事实清楚，证据充分，当事人明知设施故障仍组织生产，主观过错明显，同意拟处理意见。',
    '梁静：周边有居民区，社会影响较大，考虑当事人整改及时，同意罚款65万元，并建议加强复查。',
    '邓立平：法律适用正确，程序合法，裁量与本局基准一致，同意。',
    '韩卫东：同意，建议结案前开展复查并公开处罚决定。',
    '陆宏：同意以上意见。',
    heading('讨论决定：'),
    `与会人员一致同意对当事人罚款${yuan(fine)}，责令改正违法行为，由执法支队制作并送达行政处罚决定书，结案前组织复查。`,
    line(`参加人员签名：陆宏、方国庆、梁静、邓立平、韩卫东　　记录人签名：宋佳　　${cnDate(D.discussed)}`, { spaceBefore: 10 }),
  ],
};

export const ecoEmissionMajor: SampleCase = {
  slug: 'eco-emission-major',
  summary: '生态环境 · 行政处罚普通程序（重大案件）：铸造企业颗粒物超标排放，罚款65万元，经法制审核和集体讨论；当事人放弃听证。',
  font: 'cid',
  agency,
  caseFile: {
    caseNumber: ctx.caseNumber,
    caseType: 'penalty_general',
    cause: ctx.cause,
    party: ctx.party,
    dates: {
      incidentOn: D.inspected,
      filedOn: D.filed,
      notifiedOn: D.notified,
      decidedOn: D.decided,
      servedOn: D.served,
      closedOn: D.closed,
    },
    amounts: { fine },
    officers: [...ctx.officers],
    flags: { majorDecision: true, hearingHeld: false, legalReview: true, collectiveDiscussion: true },
  },
  packaging: {
    kind: 'volume',
    parts: {
      cover: cover(ctx, {
        kind: '行政处罚案卷',
        caseName: `${ctx.party.name}${ctx.cause}`,
        decisionNumber: ctx.caseNumber,
        result: `罚款${thousands(fine)}元，责令改正`,
        openedOn: D.filed,
        closedOn: D.closed,
        retention: '永久',
        archiveNumber: '20240027',
      }),
      index: fileIndex(ctx),
      documents: [
        decision,
        decisionReceipt,
        filing,
        siteInspection,
        inquiry,
        evidenceDoc,
        investigationReport,
        correctionOrder,
        correctionReceipt,
        notice,
        noticeReceipt,
        payment,
        closing,
        legalReview,
        discussion,
      ],
      backup: backupSheet(ctx, {
        date: D.archived,
        compiler: '吴晓婷',
        checker: '韩卫东',
        notes: '第1件至第13件为正卷，第14件法制审核意见书、第15件集体讨论记录为副卷材料，附于正卷之后；现场视频1段刻录光盘另行保存。',
      }),
    },
  },
};
