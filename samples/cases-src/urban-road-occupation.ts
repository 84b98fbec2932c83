/**
 * Case 3 — 行政处罚 普通程序, plain: a district urban-management enforcement bureau fines a
 * shop owner for piling building materials on a city road without approval. The party states
 * his case after the notice (陈述申辩笔录) and the fine is lowered from 1,000 to 800 yuan.
 * Uploaded as separate documents, one PDF each, in the non-embedded STSong-Light font.
 */
import type { DocumentSpec } from '../lib/compose.js';
import { cnDate, creditCode, idNumber, yuan } from '../lib/format.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import {
  closingApproval, field, filingApproval, heading, line, officerList, partyBlock, paymentParagraph, paymentReceipt, qa,
  recordClosing, recordHeader, remedyParagraph, right, rightsQA, sealBlock, serviceReceipt,
} from '../lib/templates.js';

const agency: Agency = {
  name: '江州市临江区城市管理综合行政执法局',
  shortName: '临江区城管执法局',
  creditCode: creditCode('11390105002546301'),
  region: '江州市临江区',
  sector: '城管综合执法',
  level: 'county',
};

const ctx: CaseContext = {
  agency,
  caseNumber: '临综执罚〔2024〕89号',
  cause: '擅自占用城市道路案',
  party: {
    name: '林国栋',
    kind: 'person',
    idNumber: idNumber('39010519820716001'),
    address: '江州市临江区桂花苑3幢2单元501室',
  },
  officers: [
    { name: '刘海涛', certificateNumber: '39010531006' },
    { name: '陈思远', certificateNumber: '39010531022' },
  ],
  unitHead: '马晓峰',
  agencyHead: '杜建平',
};

const numbers = { filing: '临综执立〔2024〕213号', correction: '临综执责改〔2024〕0417号', notice: '临综执罚告〔2024〕95号' };
const proposedFine = 1000;
const fine = 800;
const site = '江州市临江区春晖路126号门前人行道及非机动车道';

const D = {
  found: '2024-09-03',
  filed: '2024-09-04',
  inquired: '2024-09-06',
  reported: '2024-09-20',
  approved: '2024-09-23',
  notified: '2024-09-24',
  statement: '2024-09-26',
  decided: '2024-10-10',
  served: '2024-10-11',
  paid: '2024-10-18',
  closed: '2024-10-25',
};

const siteInspection: DocumentSpec = {
  type: 'site_inspection_record',
  date: D.found,
  agency: agency.name,
  file: '01-site-inspection.pdf',
  pageFooter: `当事人签名：${ctx.party.name}　　　　检查人签名：刘海涛、陈思远`,
  body: [
    ...recordHeader(ctx, { date: D.found, start: [10, 5], end: [10, 50], place: site, role: '检查人', recorder: '陈思远' }),
    field('当事人', `${ctx.party.name}，公民身份号码：${ctx.party.idNumber}`),
    field('住址', ctx.party.address),
    '执法人员在日常巡查中发现上述地点堆放建筑材料，经现场了解，系春晖路126号商铺业主林国栋装修商铺所用。执法人员向当事人出示了执法证件，告知其申请回避的权利和配合调查的义务，当事人表示不申请回避。',
    heading('现场检查情况：'),
    '春晖路126号为临街一层商铺，正在进行室内装修。商铺门前人行道及非机动车道上堆放黄沙约6立方米、红砖约2000块及装修垃圾若干，占用道路长约14米、宽约3米，面积约42平方米，堆放物未设置围挡和警示标志，行人需绕行至机动车道通行。',
    '当事人当场未能提供市政工程行政主管部门和公安交通管理部门批准占用城市道路的手续。执法人员对现场进行了拍照（6张），用测距仪测量了占道范围，并当场向当事人送达《责令改正通知书》，责令其于2024年9月4日18时前清除占道堆放物、恢复道路原状。',
    '以上情况当事人在场见证。',
    ...recordClosing(ctx, ctx.party.name, D.found),
  ],
};

const correctionOrder: DocumentSpec = {
  type: 'correction_order',
  date: D.found,
  agency: agency.name,
  number: numbers.correction,
  file: '02-correction-order.pdf',
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `经查，你于2024年9月3日前在${site}堆放黄沙、红砖等建筑材料，占用城市道路约42平方米，未取得批准，涉嫌违反《城市道路管理条例》第二十七条第（一）项的规定。`,
    '依据《城市道路管理条例》第四十二条的规定，现责令你于2024年9月4日18时前清除占道堆放物，恢复道路原状。逾期不改正的，本局将依法处理。',
    '如对本通知不服，可以在收到本通知书之日起六十日内向江州市临江区人民政府申请行政复议，或者在六个月内向江州市临江区人民法院提起行政诉讼。',
    line(`当事人签收：${ctx.party.name}　　${cnDate(D.found)}`, { spaceBefore: 10 }),
    line(`执法人员：${officerList(ctx)}`),
    ...sealBlock(agency.name, D.found),
  ],
};

const filing: DocumentSpec = {
  ...filingApproval(ctx, {
    date: D.filed,
    number: numbers.filing,
    source: '日常巡查',
    facts: `${cnDate(D.found)}，执法人员在日常巡查中发现当事人在${site}堆放建筑材料，占用城市道路约42平方米，未能提供批准手续。执法人员当场责令其限期清除。`,
    basis: '当事人的行为涉嫌违反《城市道路管理条例》第二十七条第（一）项的规定，依据该条例第四十二条应当给予行政处罚，本局依法集中行使城市道路管理方面的行政处罚权，符合立案条件，建议立案调查。',
    steps: [
      { role: '承办人', opinion: '建议立案。', signer: '刘海涛、陈思远', date: D.found },
      { role: '承办机构负责人', opinion: '同意立案，由刘海涛、陈思远承办。', signer: ctx.unitHead, date: D.filed },
      { role: '执法机关负责人', opinion: '同意。', signer: ctx.agencyHead, date: D.filed },
    ],
  }),
  file: '03-filing-approval.pdf',
};

const inquiry: DocumentSpec = {
  type: 'inquiry_record',
  date: D.inquired,
  agency: agency.name,
  file: '04-inquiry-record.pdf',
  pageFooter: `被询问人签名：${ctx.party.name}　　　　询问人签名：刘海涛、陈思远`,
  body: [
    ...recordHeader(ctx, { date: D.inquired, start: [14, 0], end: [14, 55], place: '江州市临江区城市管理综合行政执法局春晖中队办公室', role: '询问人', recorder: '陈思远' }),
    field('被询问人', `${ctx.party.name}　性别：男　年龄：42岁`),
    field('公民身份号码', ctx.party.idNumber ?? ''),
    field('住址', ctx.party.address),
    field('与本案关系', '当事人本人'),
    ...rightsQA(ctx, '你擅自占用城市道路一案'),
    ...qa('春晖路126号商铺与你是什么关系？', '是我自己的商铺，房产证在我名下，之前出租给别人开服装店，今年8月底租户退租，我准备重新装修后自己经营。'),
    ...qa('商铺门前堆放的黄沙、红砖是谁堆放的？什么时候开始堆放的？', '是我请的装修师傅按我的要求拉过来的，8月30日晚上送到，就卸在门口人行道上了。'),
    ...qa('你是否向市政工程行政主管部门和公安交通管理部门申请占用城市道路？', '没有申请，我不知道堆放材料还需要审批，以为只放几天没关系。'),
    ...qa('执法人员9月3日责令你限期清除占道堆放物，你是否已经清除？', '9月4日上午就全部清走了，黄沙和砖头搬进了店里，装修垃圾请人运到了指定的消纳场，道路也打扫干净了。'),
    ...qa('堆放期间是否造成道路损坏或者其他后果？', '没有损坏路面，但确实影响了行人走路，有邻居提过意见。'),
    ...qa('你以前是否因占用城市道路受到过处罚？', '没有。'),
    ...qa('你还有什么需要补充的吗？', '我认识到错了，以后会按规定办手续。'),
    ...recordClosing(ctx, ctx.party.name, D.inquired),
  ],
};

const evidenceDoc: DocumentSpec = {
  type: 'evidence',
  date: D.inquired,
  agency: agency.name,
  file: '05-evidence.pdf',
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    heading('证据清单：'),
    line(`（1）${cnDate(D.found)}现场检查（勘察）笔录1份，证明当事人占用城市道路堆放建筑材料的事实、面积及未取得批准的情况；`, { indent: 2 }),
    line('（2）现场照片6张（拍摄人刘海涛），证明占道堆放的位置、范围和物品；', { indent: 2 }),
    line('（3）2024年9月4日复查照片3张，证明当事人已清除占道堆放物；', { indent: 2 }),
    line(`（4）${cnDate(D.inquired)}询问笔录1份，证明堆放原因、时间及当事人未申请批准的事实；`, { indent: 2 }),
    line('（5）当事人居民身份证复印件、春晖路126号不动产权证书复印件各1份，证明当事人身份及其与涉案商铺的关系。', { indent: 2 }),
    '第5项证据由当事人提供，经核对与原件一致，当事人已签名确认。',
    right(`收集人：刘海涛、陈思远　　${cnDate(D.inquired)}`, 12),
  ],
};

const investigationReport: DocumentSpec = {
  type: 'investigation_report',
  date: D.reported,
  agency: agency.name,
  file: '06-investigation-report.pdf',
  body: [
    field('案由', ctx.cause),
    field('当事人', `${ctx.party.name}，公民身份号码：${ctx.party.idNumber}`),
    field('承办人', officerList(ctx)),
    heading('一、违法事实'),
    `经查，当事人为装修其所有的春晖路126号商铺，于2024年8月30日起在${site}堆放黄沙、红砖等建筑材料，占用城市道路约42平方米，至9月4日清除，持续约5日，期间未取得市政工程行政主管部门和公安交通管理部门的批准。`,
    heading('二、证据'),
    '现场检查（勘察）笔录、现场照片、复查照片、询问笔录、身份证及不动产权证书复印件。',
    heading('三、法律适用及处理建议'),
    '当事人的行为违反了《城市道路管理条例》第二十七条第（一）项“城市道路范围内禁止下列行为：（一）擅自占用或者挖掘城市道路”的规定。依据该条例第四十二条，可以处以2万元以下的罚款。',
    `当事人系初次违法，占道时间较短，已按期改正，未造成道路损坏，依照本局城市道路管理行政处罚裁量基准，属于一般情节，建议罚款${yuan(proposedFine)}。`,
    right(`承办人：刘海涛、陈思远　　${cnDate(D.reported)}`, 12),
  ],
};

const handlingApproval: DocumentSpec = {
  type: 'case_handling_approval',
  date: D.approved,
  agency: agency.name,
  file: '07-handling-approval.pdf',
  body: [
    field('案号', numbers.filing),
    field('案由', ctx.cause),
    ...partyBlock(ctx),
    heading('承办人意见：'),
    `违法事实清楚，证据确凿，建议对当事人罚款${yuan(proposedFine)}，并告知当事人陈述、申辩的权利。`,
    right(`签名：刘海涛、陈思远　　${cnDate(D.reported)}`),
    heading('承办机构负责人意见：'),
    '同意。',
    right(`签名：${ctx.unitHead}　　${cnDate(D.approved)}`),
    heading('执法机关负责人意见：'),
    '同意承办人意见。',
    right(`签名：${ctx.agencyHead}　　${cnDate(D.approved)}`),
  ],
};

const notice: DocumentSpec = {
  type: 'penalty_notice',
  date: D.notified,
  agency: agency.name,
  number: numbers.notice,
  file: '08-penalty-notice.pdf',
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `经查，你于2024年8月30日至9月4日期间，未经批准在${site}堆放建筑材料，占用城市道路约42平方米。以上事实有现场检查（勘察）笔录、现场照片、询问笔录等证据证实。`,
    `你的行为违反了《城市道路管理条例》第二十七条第（一）项的规定。依据《城市道路管理条例》第四十二条的规定，本局拟对你作出罚款${yuan(proposedFine)}的行政处罚。`,
    '依据《中华人民共和国行政处罚法》第四十四条、第四十五条的规定，你有权进行陈述和申辩。你可以在收到本告知书之日起五个工作日内到本局春晖中队进行陈述和申辩，或者提交书面陈述、申辩材料。逾期未陈述、申辩的，视为放弃陈述和申辩的权利。',
    '联系人：刘海涛、陈思远　　地址：江州市临江区春晖路8号',
    ...sealBlock(agency.name, D.notified),
  ],
};

const noticeReceipt: DocumentSpec = {
  ...serviceReceipt(ctx, {
    date: D.notified,
    documents: [{ name: '行政处罚事先（听证）告知书', number: numbers.notice }],
    place: '江州市临江区城市管理综合行政执法局春晖中队',
    signedBy: ctx.party.name,
  }),
  file: '09-notice-service-receipt.pdf',
};

const statement: DocumentSpec = {
  type: 'statement_record',
  date: D.statement,
  agency: agency.name,
  file: '10-statement-record.pdf',
  body: [
    field('时间', `${cnDate(D.statement)}9时30分至10时10分`),
    field('地点', '江州市临江区城市管理综合行政执法局春晖中队办公室'),
    field('承办人', officerList(ctx)),
    field('记录人', '陈思远'),
    field('陈述申辩人', `${ctx.party.name}，公民身份号码：${ctx.party.idNumber}`),
    heading('陈述申辩内容：'),
    `我收到了《行政处罚事先（听证）告知书》（${numbers.notice}），对未经批准占用道路没有异议。我要说明几点：一是上次询问时我把日期记错了，材料是9月2日晚上才送到的，8月30日送来的是店里的瓷砖，当天就搬进店里了，这是建材店9月2日的送货单和付款记录；二是接到责令改正通知后第二天上午就全部清除了，没有损坏路面；三是我目前没有固定收入，商铺空置两个月没有租金收入。请求从轻处罚。`,
    heading('承办人复核意见：'),
    '经复核并向江州市临江区鑫达建材商行核实，当事人提供的送货单、付款记录真实，涉案建筑材料于2024年9月2日晚送达并堆放，占道时间应认定为9月2日至9月4日，不超过三日，该项意见成立，予以采纳。依照本局城市道路管理行政处罚裁量基准，初次违法、占道时间三日以下、按期改正且未造成道路损坏的，适用较轻档次，建议罚款数额由1000元调整为800元。关于经济困难的意见，不属于法定从轻、减轻情形，不予采纳。',
    line('以上记录我已看过，与我所说的一致。', { spaceBefore: 8 }),
    line(`陈述申辩人签名：${ctx.party.name}　　${cnDate(D.statement)}`),
    line(`承办人签名：刘海涛、陈思远　　${cnDate(D.statement)}`),
  ],
};

const decision: DocumentSpec = {
  type: 'penalty_decision',
  date: D.decided,
  agency: agency.name,
  number: ctx.caseNumber,
  file: '11-penalty-decision.pdf',
  body: [
    ...partyBlock(ctx),
    heading('一、违法事实和证据'),
    `${cnDate(D.found)}，本局执法人员在日常巡查中发现你未经批准在${site}堆放建筑材料，本局于${cnDate(D.filed)}立案调查。`,
    `经查，你为装修你所有的春晖路126号商铺，于2024年9月2日起在上述地点堆放黄沙约6立方米、红砖约2000块及装修垃圾，占用城市道路约42平方米，至9月4日清除，期间未取得市政工程行政主管部门和公安交通管理部门的批准。`,
    `上述事实有以下证据证明：（1）${cnDate(D.found)}现场检查（勘察）笔录及现场照片6张，证明占道堆放的位置、范围和物品；（2）复查照片3张，证明你已于9月4日清除占道堆放物；（3）${cnDate(D.inquired)}询问笔录，证明堆放原因及未申请批准的事实；（4）你提交的建材送货单及付款记录，证明涉案建筑材料于2024年9月2日送达；（5）你的居民身份证、不动产权证书复印件，证明你的身份及与涉案商铺的关系。`,
    '本局认为，你的行为违反了《城市道路管理条例》第二十七条第（一）项“城市道路范围内禁止下列行为：（一）擅自占用或者挖掘城市道路”的规定。',
    heading('二、陈述、申辩的采纳情况及理由'),
    `本局于${cnDate(D.notified)}向你送达《行政处罚事先（听证）告知书》（${numbers.notice}），你于${cnDate(D.statement)}进行了陈述、申辩。经复核，你提出的建筑材料于2024年9月2日送达、占道时间不超过三日的意见，有送货单、付款记录证明，并经本局向供货商核实，予以采纳，占道时间据此认定；关于经济困难的意见，不属于法定从轻、减轻情形，不予采纳。`,
    heading('三、行政处罚的依据和种类'),
    '依据《城市道路管理条例》第四十二条“违反本条例第二十七条规定……由市政工程行政主管部门或者其他有关部门责令限期改正，可以处以2万元以下的罚款”的规定，鉴于你系初次违法，占道时间不超过三日，已按期改正且未造成道路损坏，依照本局公布的裁量基准适用较轻档次，本局决定对你作出如下行政处罚：',
    line(`罚款${yuan(fine)}。`, { indent: 2 }),
    heading('四、履行方式和期限'),
    paymentParagraph('罚款', '中国建设银行江州临江支行', '江州市临江区财政局非税收入汇缴专户'),
    heading('五、救济途径和期限'),
    remedyParagraph('江州市临江区人民政府', '江州市临江区人民法院'),
    ...sealBlock(agency.name, D.decided),
  ],
};

const decisionReceipt: DocumentSpec = {
  ...serviceReceipt(ctx, {
    date: D.served,
    documents: [{ name: '行政处罚决定书', number: ctx.caseNumber }],
    place: ctx.party.address,
    signedBy: ctx.party.name,
  }),
  file: '12-decision-service-receipt.pdf',
};

const payment: DocumentSpec = {
  ...paymentReceipt(ctx, {
    date: D.paid,
    receiptNumber: '3901240052816',
    payer: ctx.party.name,
    amount: fine,
    item: '罚没收入（城市管理罚款）',
    collector: agency.name,
    treasury: '江州市临江区财政局',
  }),
  file: '13-payment-receipt.pdf',
};

const closing: DocumentSpec = {
  ...closingApproval(ctx, {
    date: D.closed,
    decisionNumber: ctx.caseNumber,
    result: `罚款${yuan(fine)}`,
    execution: `当事人已于2024年9月4日清除占道堆放物，恢复道路原状；于${cnDate(D.paid)}缴纳罚款800元。`,
    steps: [
      { role: '承办人', opinion: '处罚决定已执行完毕，建议结案。', signer: '刘海涛、陈思远', date: D.closed },
      { role: '承办机构负责人', opinion: '同意结案。', signer: ctx.unitHead, date: D.closed },
      { role: '执法机关负责人', opinion: '同意。', signer: ctx.agencyHead, date: D.closed },
    ],
  }),
  file: '14-closing-approval.pdf',
};

export const urbanRoadOccupation: SampleCase = {
  slug: 'urban-road-occupation',
  summary: '城管综合执法 · 行政处罚普通程序：个人装修商铺擅自占用城市道路堆放建材，陈述申辩后罚款由1000元调整为800元；逐份文书分别上传。',
  font: 'cid',
  agency,
  caseFile: {
    caseNumber: ctx.caseNumber,
    caseType: 'penalty_general',
    cause: ctx.cause,
    party: ctx.party,
    dates: {
      incidentOn: '2024-09-02',
      filedOn: D.filed,
      notifiedOn: D.notified,
      decidedOn: D.decided,
      servedOn: D.served,
      closedOn: D.closed,
    },
    amounts: { fine },
    officers: [...ctx.officers],
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false },
  },
  packaging: {
    kind: 'separate',
    documents: [
      siteInspection,
      correctionOrder,
      filing,
      inquiry,
      evidenceDoc,
      investigationReport,
      handlingApproval,
      notice,
      noticeReceipt,
      statement,
      decision,
      decisionReceipt,
      payment,
      closing,
    ],
  },
};
