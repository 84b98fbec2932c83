/**
 * Case 1 — 行政处罚 普通程序 with a hearing: a district market-regulation bureau fines a
 * supermarket for selling food past its shelf life. The fine (over 100,000 yuan) gives the party
 * a hearing right, the party asks for one, and the hearing leads to a lower confiscation.
 * One whole-volume PDF in the embedded font, filed chronologically (review-standards §4.4(c)).
 */
import { cnDate, creditCode, idNumber, yuan, thousands } from '../lib/format.js';
import type { DocumentSpec } from '../lib/compose.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import {
  backupSheet, closingApproval, cover, field, fileIndex, filingApproval, heading, line, partyBlock, paymentParagraph,
  paymentReceipt, qa, recordClosing, recordHeader, remedyParagraph, right, rightsQA, sealBlock, serviceReceipt, officerList,
} from '../lib/templates.js';

const agency: Agency = {
  name: '江州市滨江区市场监督管理局',
  shortName: '滨江区市场监管局',
  creditCode: creditCode('11390102002543178'),
  region: '江州市滨江区',
  sector: '市场监管',
  level: 'county',
};

const ctx: CaseContext = {
  agency,
  caseNumber: '滨市监处罚〔2024〕126号',
  cause: '经营超过保质期的食品案',
  party: {
    name: '江州市鲜达超市有限公司',
    kind: 'organization',
    creditCode: creditCode('91390102MA2H7K3L0'),
    legalRepresentative: '陈建华',
    address: '江州市滨江区长河路88号',
  },
  officers: [
    { name: '王立新', certificateNumber: '39010221018' },
    { name: '李梦', certificateNumber: '39010221047' },
  ],
  unitHead: '周明',
  agencyHead: '郑国平',
};

const agent = { name: '张秀兰', id: idNumber('39010219800415004'), age: 44 };
const filingNumber = '滨市监立〔2024〕0318号';
const noticeNumber = '滨市监罚告〔2024〕112号';
const hearingNoticeNumber = '滨市监听通〔2024〕9号';

/** Value of the goods: 40 cases of milk at 60, 40 tins of formula at 198, 18 bags of bread at 13. */
const goodsValue = 40 * 60 + 40 * 198 + 18 * 13; // 10,554
const fine = goodsValue * 10; // the statutory minimum multiple
const gainsNotified = 14 * 60 + 9 * 198; // 2,622
const gainsDecided = gainsNotified - 3 * 198; // three tins were returned and refunded: 2,028

const D = {
  inspected: '2024-03-12',
  filed: '2024-03-14',
  inquired: '2024-03-19',
  reported: '2024-04-10',
  approved: '2024-04-12',
  notified: '2024-04-15',
  hearingNotice: '2024-04-22',
  hearing: '2024-05-08',
  hearingReport: '2024-05-10',
  legalReview: '2024-05-14',
  decided: '2024-05-16',
  served: '2024-05-17',
  paid: '2024-05-28',
  closed: '2024-06-03',
  archived: '2024-06-12',
};

const goodsList = [
  '（1）“禾丰”牌全脂灭菌乳（250mL×12盒/箱），生产日期2023年8月20日，保质期6个月，在售26箱，标价60元/箱；',
  '（2）“澳宝”牌中老年配方调制乳粉（800g/罐），生产日期2022年2月28日，保质期24个月，在售31罐，标价198元/罐；',
  '（3）“金穗”牌手撕面包（400g/袋），生产日期2024年2月24日，保质期15天，在售18袋，标价13元/袋。',
];

const evidence = [
  `（1）${cnDate(D.inspected)}现场检查笔录及现场照片12张，证明当事人在经营场所陈列销售超过保质期食品的事实；`,
  '（2）当事人营业执照、食品经营许可证复印件，证明当事人的主体资格和经营范围；',
  `（3）${cnDate(D.inquired)}对当事人委托代理人张秀兰的询问笔录及授权委托书，证明涉案食品的进货、销售情况；`,
  '（4）收银系统销售明细（2024年2月20日至3月12日）3页，证明涉案食品超过保质期后的销售数量和金额；',
  '（5）供货商送货单5张，证明涉案食品的来源和进货价格。',
];

const source: DocumentSpec = {
  type: 'case_source_record',
  date: D.inspected,
  agency: agency.name,
  body: [
    field('案件来源', '监督检查（“双随机、一公开”抽查）'),
    field('登记时间', cnDate(D.inspected)),
    field('当事人', ctx.party.name),
    field('地址', ctx.party.address),
    heading('基本情况：'),
    `${cnDate(D.inspected)}，本局执法人员依据年度“双随机、一公开”抽查计划，对当事人经营场所进行食品安全监督检查，发现其食品区货架上陈列销售的全脂灭菌乳、调制乳粉、手撕面包共三种预包装食品已超过标签标注的保质期，涉嫌违反《中华人民共和国食品安全法》第三十四条第（十）项的规定。`,
    heading('登记人意见：'),
    '当事人涉嫌经营超过保质期的食品，建议予以核查，符合立案条件的及时立案调查。',
    right(`登记人：${ctx.officers[0].name}　　${cnDate(D.inspected)}`),
    heading('承办机构负责人意见：'),
    '同意核查，由王立新、李梦负责。',
    right(`签名：${ctx.unitHead}　　${cnDate(D.inspected)}`),
  ],
};

const siteInspection: DocumentSpec = {
  type: 'site_inspection_record',
  date: D.inspected,
  agency: agency.name,
  pageFooter: `被检查人签名：${agent.name}　　　　检查人签名：王立新、李梦`,
  body: [
    ...recordHeader(ctx, { date: D.inspected, start: [10, 20], end: [11, 35], place: '江州市滨江区长河路88号当事人经营场所', role: '检查人', recorder: '李梦' }),
    field('被检查人', ctx.party.name),
    field('现场负责人', `${agent.name}（店长），公民身份号码：${agent.id}`),
    '执法人员向现场负责人出示了执法证件，告知了检查事由、申请回避的权利和配合检查的义务。现场负责人表示看清了执法证件，不申请回避。',
    heading('现场检查情况：'),
    '当事人经营场所为一层临街商铺，营业面积约320平方米，现场悬挂营业执照和食品经营许可证（许可证编号：JY13901020031567），经营项目为预包装食品销售（含冷藏冷冻食品）、散装食品销售、特殊食品销售（保健食品、婴幼儿配方乳粉、其他婴幼儿配方食品）。',
    '执法人员对食品区货架进行检查，发现以下预包装食品已超过标签标注的保质期，仍陈列于货架并标有销售价格：',
    ...goodsList.map((g) => line(g, { indent: 2 })),
    '上述食品均未作任何区分标识，与其他在售食品混放。执法人员对涉案食品的标签、货架及价签进行了拍照取证（照片12张），并责令当事人立即将涉案食品下架、单独存放，不得销售。当事人当场将涉案食品下架并存放于仓库东侧隔间。',
    '现场调取当事人收银系统2024年2月20日至3月12日的销售明细，显示上述全脂灭菌乳超过保质期后售出14箱，调制乳粉超过保质期后售出9罐，手撕面包超过保质期后未有销售记录。',
    '以上情况现场负责人均在场见证。',
    ...recordClosing(ctx, agent.name, D.inspected),
  ],
};

const filing = filingApproval(ctx, {
  date: D.filed,
  number: filingNumber,
  source: '监督检查',
  facts: `${cnDate(D.inspected)}，执法人员在对当事人经营场所进行监督检查时，发现其陈列销售的全脂灭菌乳、调制乳粉、手撕面包三种预包装食品已超过保质期，货值金额初步核算为${thousands(goodsValue)}元。`,
  basis: '当事人的行为涉嫌违反《中华人民共和国食品安全法》第三十四条第（十）项的规定，有证据初步证明存在违法事实，依法应当给予行政处罚，属于本局管辖，且在给予行政处罚的时效内，符合立案条件，建议立案调查。',
  steps: [
    { role: '承办人', opinion: '建议立案，由王立新、李梦承办。', signer: '王立新、李梦', date: '2024-03-13' },
    { role: '承办机构负责人', opinion: '同意立案，指定王立新、李梦为案件承办人。', signer: ctx.unitHead, date: D.filed },
    { role: '执法机关负责人', opinion: '同意立案。', signer: ctx.agencyHead, date: D.filed },
  ],
});

const inquiry: DocumentSpec = {
  type: 'inquiry_record',
  date: D.inquired,
  agency: agency.name,
  pageFooter: `被询问人签名：${agent.name}　　　　询问人签名：王立新、李梦`,
  body: [
    ...recordHeader(ctx, { date: D.inquired, start: [9, 30], end: [10, 50], place: '江州市滨江区市场监督管理局长河市场监管所询问室', role: '询问人', recorder: '李梦' }),
    field('被询问人', `${agent.name}　性别：女　年龄：${agent.age}岁`),
    field('公民身份号码', agent.id),
    field('工作单位及职务', `${ctx.party.name}店长`),
    field('与本案关系', '当事人的委托代理人（附授权委托书）'),
    ...rightsQA(ctx, '江州市鲜达超市有限公司涉嫌经营超过保质期的食品一案'),
    ...qa('请介绍一下你的身份及你公司的基本情况。', `我叫${agent.name}，是江州市鲜达超市有限公司的店长，负责门店日常经营管理。公司法定代表人是陈建华，他委托我全权处理本案，这是授权委托书。公司于2019年成立，经营场所在长河路88号，主要销售预包装食品和日用百货，有营业执照和食品经营许可证。`),
    ...qa(`${cnDate(D.inspected)}我局执法人员在你店检查时发现的三种超过保质期的食品，你是否知情？`, '检查时我在场，执法人员拍了照片，检查笔录我也签了字。这三种食品确实超过了保质期，我们没有及时发现和下架。'),
    ...qa('这三种食品是从哪里进货的？进货价格是多少？', '全脂灭菌乳和手撕面包是从江州市禾润食品商行进的货，调制乳粉是从江州市康泰贸易有限公司进的货。进价分别是每箱46元、每袋9元、每罐152元，有送货单，我今天带来了复印件。'),
    ...qa('这三种食品的销售价格是多少？超过保质期后各卖出了多少？', '全脂灭菌乳每箱卖60元，调制乳粉每罐卖198元，手撕面包每袋卖13元。按收银系统记录，过期后全脂灭菌乳卖出14箱，调制乳粉卖出9罐，手撕面包没有卖出。'),
    ...qa('你店是否建立了进货查验记录？这三种食品的进货记录是否完整？', '建立了进货台账，记录供货商名称、品名、规格、数量、生产日期和保质期。这三种食品的进货记录都有，复印件我今天一并提交。'),
    ...qa('涉案食品是什么时候进货的？进货时距离保质期到期还有多长时间？', '全脂灭菌乳是2023年9月5日进的货，调制乳粉是2023年10月12日进的货，进货时离到期都还有四个多月；手撕面包是2024年2月26日进的货，当时离到期还有十几天。'),
    ...qa('你店的食品安全管理人员是谁？是否经过培训考核？', '我兼任食品安全管理员，2023年参加过区里组织的食品安全管理人员培训考核，考核合格。'),
    ...qa('涉案食品售出后，是否接到消费者投诉或者反映身体不适？', '目前没有接到投诉，也没有听说有顾客身体不适。'),
    ...qa('目前涉案食品是如何处置的？', '按照你们的要求，全部下架存放在仓库东侧隔间，贴了“待处理，禁止销售”的标识，没有再销售，等候你们处理。'),
    ...qa('你店是否建立了食品临近保质期和超过保质期的检查制度？', '我们有制度，要求理货员每周检查一次保质期，但二月份春节前后人手紧张，没有按要求检查，导致过期食品没有及时下架。'),
    ...qa('调制乳粉属于特殊人群食用的食品，你店是否有专区专柜销售？', '有专柜，但这批乳粉放在促销堆头上，没有放回专柜，所以没有被发现。'),
    ...qa('涉案调制乳粉放在促销堆头上是谁安排的？', '是理货员按促销活动安排摆放的，摆放时没有核对保质期。我作为店长没有检查到位，负有管理责任。'),
    ...qa('检查之后你店采取了哪些整改措施？', '一是全店开展保质期清查，临近保质期的食品设专区集中陈列并明示；二是修改检查制度，改为每三天检查一次，由我签字确认；三是组织全体员工进行了食品安全知识培训。'),
    ...qa('你店此前是否因食品安全问题受到过行政处罚？', '没有。这是第一次。'),
    ...qa('对以上问题你还有什么需要补充的吗？', '我们已经把过期食品全部下架封存，并对全店食品的保质期重新进行了检查，以后一定加强管理。希望从轻处理。'),
    ...recordClosing(ctx, agent.name, D.inquired),
  ],
};

const evidenceDoc: DocumentSpec = {
  type: 'evidence',
  date: D.inquired,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    heading('证据清单：'),
    ...evidence.map((e) => line(e, { indent: 2 })),
    heading('证据提取说明：'),
    '第1项由执法人员现场制作和拍摄；第2项至第5项由当事人委托代理人提供，经核对与原件一致，由提供人签名确认“此复印件与原件一致”并注明日期。',
    '照片证据均已打印附后，逐张注明拍摄时间、地点、拍摄人和证明对象。',
    right(`提取人：${ctx.officers[0].name}、${ctx.officers[1].name}　　${cnDate(D.inquired)}`, 12),
  ],
};

const investigationReport: DocumentSpec = {
  type: 'investigation_report',
  date: D.reported,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', `${ctx.party.name}，统一社会信用代码：${ctx.party.creditCode}，法定代表人：陈建华，住所：${ctx.party.address}`),
    field('承办人', officerList(ctx)),
    heading('一、案件来源及调查经过'),
    `${cnDate(D.inspected)}，执法人员在“双随机、一公开”抽查中发现当事人涉嫌经营超过保质期的食品，经批准于${cnDate(D.filed)}立案调查。执法人员进行了现场检查，询问了当事人的委托代理人，调取了销售明细、进货票据等证据材料。`,
    heading('二、违法事实'),
    `经查，当事人于2024年2月20日至3月12日期间，在其经营场所陈列销售超过保质期的全脂灭菌乳40箱（其中已售14箱）、调制乳粉40罐（其中已售9罐）、手撕面包18袋。涉案食品货值金额共计${thousands(goodsValue)}元，销售收入${thousands(gainsNotified)}元。`,
    heading('三、证据'),
    ...evidence.map((e) => line(e, { indent: 2 })),
    heading('四、案件性质及处罚建议'),
    '当事人经营超过保质期的食品，违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款。',
    `鉴于当事人系初次违法，积极配合调查并主动下架涉案食品，但涉案食品包括中老年人群食用的调制乳粉，综合考虑，建议：1.没收超过保质期的食品；2.没收违法所得${thousands(gainsNotified)}元；3.按货值金额十倍处罚款${thousands(fine)}元。`,
    '拟作出的罚款属于较大数额罚款，应当告知当事人有要求听证的权利。',
    right(`承办人：王立新、李梦　　${cnDate(D.reported)}`, 12),
  ],
};

const handlingApproval: DocumentSpec = {
  type: 'case_handling_approval',
  date: D.approved,
  agency: agency.name,
  body: [
    field('案号', filingNumber),
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    heading('拟处理意见：'),
    `没收超过保质期的食品；没收违法所得${yuan(gainsNotified)}；罚款${yuan(fine)}。`,
    heading('承办人意见：'),
    '事实清楚，证据确凿，建议按上述意见制作行政处罚事先（听证）告知书并送达当事人。',
    right(`签名：王立新、李梦　　${cnDate(D.reported)}`),
    heading('承办机构负责人意见：'),
    '同意承办人意见。',
    right(`签名：${ctx.unitHead}　　${cnDate('2024-04-11')}`),
    heading('执法机关负责人意见：'),
    '同意。',
    right(`签名：${ctx.agencyHead}　　${cnDate(D.approved)}`),
  ],
};

const notice: DocumentSpec = {
  type: 'penalty_notice',
  date: D.notified,
  agency: agency.name,
  number: noticeNumber,
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `经查，你单位于2024年2月20日至3月12日期间，在位于${ctx.party.address}的经营场所陈列销售超过保质期的全脂灭菌乳、调制乳粉、手撕面包三种预包装食品，货值金额共计${thousands(goodsValue)}元，违法所得${thousands(gainsNotified)}元。以上事实有现场检查笔录、现场照片、询问笔录、销售明细、进货票据等证据证实。`,
    '你单位的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本局拟对你单位作出如下行政处罚：',
    line('1.没收超过保质期的食品（全脂灭菌乳26箱、调制乳粉31罐、手撕面包18袋）；', { indent: 2 }),
    line(`2.没收违法所得${yuan(gainsNotified)}；`, { indent: 2 }),
    line(`3.罚款${yuan(fine)}。`, { indent: 2 }),
    '依据《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十三条、第六十四条的规定，你单位有权进行陈述和申辩，并有权要求听证。如你单位要求陈述、申辩，应当自收到本告知书之日起五个工作日内向本局提出；如要求听证，应当自收到本告知书之日起五个工作日内向本局提出书面申请。逾期未提出的，视为放弃上述权利。',
    '联系人：王立新、李梦　　联系地址：江州市滨江区江滨大道218号',
    ...sealBlock(agency.name, D.notified),
  ],
};

const noticeReceipt = serviceReceipt(ctx, {
  date: D.notified,
  documents: [{ name: '行政处罚事先（听证）告知书', number: noticeNumber }],
  place: ctx.party.address,
  signedBy: `${agent.name}（委托代理人）`,
});

const hearingNotice: DocumentSpec = {
  type: 'hearing_notice',
  date: D.hearingNotice,
  agency: agency.name,
  number: hearingNoticeNumber,
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `根据你单位于2024年4月18日提出的听证申请，本局决定于${cnDate(D.hearing)}9时30分在江州市滨江区江滨大道218号本局三楼听证室，就你单位经营超过保质期的食品一案公开举行听证。`,
    '本次听证由本局法制科孙晓东担任听证主持人，何静担任听证员，吴芳担任记录员。你单位认为主持人、听证员或者记录员与本案有直接利害关系的，有权申请回避，回避申请应当在听证开始前提出。',
    '你单位可以亲自参加听证，也可以委托一至二人代理。委托代理人参加听证的，应当在听证开始前提交授权委托书。请携带营业执照复印件、身份证明及有关证据材料按时参加听证。无正当理由不出席听证或者未经许可中途退出听证的，视为放弃听证权利。',
    '联系人：孙晓东　　联系地址：江州市滨江区江滨大道218号',
    ...sealBlock(agency.name, D.hearingNotice),
  ],
};

const hearingRecord: DocumentSpec = {
  type: 'hearing_record',
  date: D.hearing,
  agency: agency.name,
  pageFooter: `当事人（代理人）签名：${agent.name}、冯志远　　听证主持人签名：孙晓东`,
  body: [
    field('案由', ctx.cause),
    field('听证时间', `${cnDate(D.hearing)}9时30分至11时10分`),
    field('听证地点', '江州市滨江区市场监督管理局三楼听证室'),
    field('听证方式', '公开'),
    field('听证主持人', '孙晓东　　听证员：何静　　记录员：吴芳'),
    field('案件调查人员', officerList(ctx)),
    field('当事人', `${ctx.party.name}，法定代表人陈建华（未到场）`),
    field('委托代理人', `${agent.name}（店长），冯志远（江州明理律师事务所律师）`),
    heading('听证过程：'),
    '主持人：现在开始听证。宣布听证纪律，核对当事人及其委托代理人身份，告知听证参加人的权利和义务。当事人及其代理人是否申请主持人、听证员、记录员回避？',
    '代理人张秀兰、冯志远：不申请回避。',
    `主持人：请案件调查人员提出当事人违法的事实、证据和行政处罚建议。`,
    `调查人员王立新：经查，当事人于2024年2月20日至3月12日期间陈列销售超过保质期的食品三种，货值金额${thousands(goodsValue)}元，违法所得${thousands(gainsNotified)}元。证据有现场检查笔录、现场照片、询问笔录、销售明细和进货票据。当事人违反了《中华人民共和国食品安全法》第三十四条第（十）项，依据第一百二十四条第一款第（五）项，建议没收超过保质期的食品，没收违法所得${thousands(gainsNotified)}元，罚款${thousands(fine)}元。`,
    '主持人：请当事人进行申辩和质证。',
    '代理人冯志远：对违法事实基本没有异议，但有三点意见。第一，调制乳粉已经放在促销堆头准备退回供货商，并非有意销售；第二，已售出的9罐调制乳粉中有3罐被顾客退回并已全额退款，这部分不应计入违法所得，我方提交了退货登记和退款凭证；第三，当事人系初次违法，主动下架全部涉案食品并开展自查，危害后果轻微，请求依照《中华人民共和国行政处罚法》第三十二条减轻处罚。',
    '调查人员李梦：对第一点，现场检查时涉案乳粉标有促销价签，收银系统显示持续有销售，不能认定为待退货物；对第二点，退货登记和退款凭证需要核实；对第三点，当事人主动下架是在执法人员责令之后，不属于主动消除或者减轻违法行为危害后果的情形，且罚款已按法定最低倍数计算。',
    '主持人：双方对证据进行质证。当事人代理人对现场检查笔录、照片、销售明细的真实性无异议；调查人员对退货登记和退款凭证的真实性表示需核实。',
    '主持人：请双方作最后陈述。',
    '代理人冯志远：请求核减违法所得，并减轻处罚。',
    '调查人员王立新：坚持原处罚建议，退货情况经核实属实的，同意核减违法所得。',
    '主持人：听证结束。听证笔录交当事人代理人核对无误后签字。',
    line('（以下空白）', { align: 'center' }),
    line(`当事人（代理人）签名：${agent.name}、冯志远　　${cnDate(D.hearing)}`, { spaceBefore: 8 }),
    line(`听证主持人：孙晓东　　听证员：何静　　记录员：吴芳`),
  ],
};

const hearingReport: DocumentSpec = {
  type: 'hearing_report',
  date: D.hearingReport,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    field('听证时间', `${cnDate(D.hearing)}9时30分`),
    field('听证主持人', '孙晓东　　听证员：何静　　记录员：吴芳'),
    heading('一、听证基本情况'),
    `本局于${cnDate(D.notified)}向当事人送达《行政处罚事先（听证）告知书》（${noticeNumber}），当事人于2024年4月18日提出听证申请。本局于${cnDate(D.hearingNotice)}向当事人送达《听证通知书》（${hearingNoticeNumber}），并于${cnDate(D.hearing)}公开举行听证。当事人委托代理人张秀兰、冯志远参加听证。`,
    heading('二、当事人的主要意见'),
    '（一）调制乳粉系待退货物，并非有意销售；（二）已售调制乳粉中有3罐被顾客退回并全额退款，应当核减违法所得；（三）当事人系初次违法，请求减轻处罚。',
    heading('三、听证主持人意见'),
    `经核实当事人提交的退货登记、退款凭证及收银系统退款记录，2024年3月2日至3月6日确有3罐调制乳粉被顾客退回并退款，合计594元，该项意见成立，违法所得应核减为${thousands(gainsDecided)}元。`,
    '当事人关于调制乳粉系待退货物的意见，与现场照片、价签和销售记录不符，不予采纳；当事人下架涉案食品系执法人员责令所致，不符合《中华人民共和国行政处罚法》第三十二条规定的应当从轻或者减轻处罚情形，罚款已按货值金额的法定最低倍数计算，减轻处罚的意见不予采纳。',
    `建议：没收超过保质期的食品；没收违法所得${yuan(gainsDecided)}；罚款${yuan(fine)}。`,
    right(`听证主持人：孙晓东　　${cnDate(D.hearingReport)}`, 12),
  ],
};

const legalReview: DocumentSpec = {
  type: 'legal_review',
  date: D.legalReview,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    field('送审机构', '执法稽查科'),
    field('审核机构', '法制科'),
    field('审核依据', '《中华人民共和国行政处罚法》第五十八条第一款第（二）项'),
    heading('审核内容及意见：'),
    '1.执法主体合法，本局对本案具有管辖权；2.执法人员具有行政执法资格，调查取证时不少于两人；3.案件事实清楚，证据合法、充分；4.适用法律依据正确，裁量适当；5.程序合法，已依法告知当事人陈述、申辩和听证权利，并依申请组织听证；6.听证中当事人提出的违法所得核减意见已经核实采纳；7.文书制作规范；8.本案不涉嫌犯罪，无需移送司法机关。',
    heading('审核结论：'),
    `同意听证主持人的处理建议，即没收超过保质期的食品，没收违法所得${yuan(gainsDecided)}，罚款${yuan(fine)}。`,
    right(`法制审核人员：孙晓东（法律职业资格证书编号：A20133901020117）　　${cnDate(D.legalReview)}`, 12),
    right(`法制机构负责人：何静　　${cnDate(D.legalReview)}`),
  ],
};

const decision: DocumentSpec = {
  type: 'penalty_decision',
  date: D.decided,
  agency: agency.name,
  number: ctx.caseNumber,
  body: [
    ...partyBlock(ctx),
    heading('一、违法事实和证据'),
    `${cnDate(D.inspected)}，本局执法人员在对当事人经营场所进行监督检查时，发现当事人涉嫌经营超过保质期的食品，经批准于${cnDate(D.filed)}立案调查。`,
    `经查，当事人于2024年2月20日至3月12日期间，在其位于${ctx.party.address}的经营场所陈列销售以下超过保质期的预包装食品：“禾丰”牌全脂灭菌乳40箱（生产日期2023年8月20日，保质期6个月，已售14箱）、“澳宝”牌中老年配方调制乳粉40罐（生产日期2022年2月28日，保质期24个月，已售9罐，其中3罐被顾客退回并已退款）、“金穗”牌手撕面包18袋（生产日期2024年2月24日，保质期15天，未售出）。涉案食品货值金额共计${thousands(goodsValue)}元，违法所得${thousands(gainsDecided)}元。`,
    '上述事实有以下证据证明：',
    ...evidence.map((e) => line(e, { indent: 2 })),
    line('（6）当事人提交的退货登记及退款凭证，证明3罐调制乳粉已被顾客退回并退款。', { indent: 2 }),
    '本局认为，当事人经营超过保质期的食品的行为，违反了《中华人民共和国食品安全法》第三十四条第（十）项“禁止生产经营下列食品……（十）标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂”的规定。',
    heading('二、陈述、申辩和听证情况及采纳理由'),
    `本局于${cnDate(D.notified)}向当事人送达《行政处罚事先（听证）告知书》（${noticeNumber}）。当事人于2024年4月18日提出听证申请，本局于${cnDate(D.hearing)}依法公开举行听证。当事人提出三项意见：其一，关于已售调制乳粉中3罐被退回并退款的意见，经核实属实，予以采纳，违法所得由${thousands(gainsNotified)}元核减为${thousands(gainsDecided)}元；其二，关于调制乳粉系待退货物的意见，与现场价签和销售记录不符，不予采纳；其三，关于减轻处罚的意见，当事人下架涉案食品系执法人员责令所致，不符合法定从轻、减轻情形，且罚款已按法定最低倍数计算，不予采纳。本案经法制审核，审核意见为同意。`,
    heading('三、行政处罚的依据、种类及裁量理由'),
    '依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项“违反本法规定，有下列情形之一，尚不构成犯罪的，由县级以上人民政府食品安全监督管理部门没收违法所得和违法生产经营的食品、食品添加剂……货值金额一万元以上的，并处货值金额十倍以上二十倍以下罚款……（五）生产经营标注虚假生产日期、保质期或者超过保质期的食品、食品添加剂”的规定。',
    '鉴于当事人系初次违法，违法行为持续时间较短，积极配合调查，但涉案食品包括中老年人群食用的调制乳粉，综合考虑违法情节和危害后果，本局决定按货值金额的十倍处以罚款，对当事人作出如下行政处罚：',
    line('1.没收超过保质期的食品：全脂灭菌乳26箱、调制乳粉31罐、手撕面包18袋；', { indent: 2 }),
    line(`2.没收违法所得${yuan(gainsDecided)}；`, { indent: 2 }),
    line(`3.罚款${yuan(fine)}。`, { indent: 2 }),
    line(`罚没款合计${yuan(fine + gainsDecided)}。`, { indent: 2 }),
    heading('四、履行方式和期限'),
    paymentParagraph('上述罚没款', '中国农业银行江州滨江支行', '江州市滨江区财政局非税收入汇缴专户'),
    heading('五、申请行政复议或者提起行政诉讼的途径和期限'),
    remedyParagraph('江州市滨江区人民政府', '江州市滨江区人民法院'),
    '当事人逾期不申请行政复议、不提起行政诉讼又不履行本决定的，本局将依法申请人民法院强制执行。',
    ...sealBlock(agency.name, D.decided),
  ],
};

const decisionReceipt = serviceReceipt(ctx, {
  date: D.served,
  documents: [{ name: '行政处罚决定书', number: ctx.caseNumber }],
  place: ctx.party.address,
  signedBy: `${agent.name}（委托代理人）`,
});

const payment = paymentReceipt(ctx, {
  date: D.paid,
  receiptNumber: '3901240036275',
  payer: ctx.party.name,
  amount: fine + gainsDecided,
  item: '罚没收入（罚款及没收违法所得）',
  collector: agency.name,
  treasury: '江州市滨江区财政局',
});

const closing = closingApproval(ctx, {
  date: D.closed,
  decisionNumber: ctx.caseNumber,
  result: `没收超过保质期的食品；没收违法所得${thousands(gainsDecided)}元；罚款${thousands(fine)}元。`,
  execution: `当事人于${cnDate(D.paid)}缴纳罚没款共计${thousands(fine + gainsDecided)}元（缴款书号码：3901240036275）；没收的超过保质期食品已于2024年5月30日登记造册，交由江州市滨江区餐厨废弃物处理中心无害化销毁。行政处罚信息已于2024年5月22日通过国家企业信用信息公示系统公示。`,
  steps: [
    { role: '承办人', opinion: '处罚决定已履行完毕，建议结案。', signer: '王立新、李梦', date: D.closed },
    { role: '承办机构负责人', opinion: '同意结案。', signer: ctx.unitHead, date: D.closed },
    { role: '执法机关负责人', opinion: '同意。', signer: ctx.agencyHead, date: D.closed },
  ],
});

export const marketExpiredFoodHearing: SampleCase = {
  slug: 'market-expired-food-hearing',
  summary: '市场监管 · 行政处罚普通程序（听证）：超市经营超过保质期的食品，罚款10万余元，听证后核减违法所得。',
  font: 'embedded',
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
      hearingOn: D.hearing,
      decidedOn: D.decided,
      servedOn: D.served,
      closedOn: D.closed,
    },
    amounts: { fine, confiscation: gainsDecided },
    officers: [...ctx.officers],
    flags: { majorDecision: false, hearingHeld: true, legalReview: true, collectiveDiscussion: false },
  },
  packaging: {
    kind: 'volume',
    parts: {
      cover: cover(ctx, {
        kind: '行政处罚案卷',
        caseName: `${ctx.party.name}${ctx.cause}`,
        decisionNumber: ctx.caseNumber,
        result: `没收违法所得${thousands(gainsDecided)}元，罚款${thousands(fine)}元，没收超过保质期的食品`,
        openedOn: D.filed,
        closedOn: D.closed,
        retention: '30年',
        archiveNumber: '20240126',
      }),
      index: fileIndex(ctx),
      documents: [
        source,
        siteInspection,
        filing,
        inquiry,
        evidenceDoc,
        investigationReport,
        handlingApproval,
        notice,
        noticeReceipt,
        hearingNotice,
        hearingRecord,
        hearingReport,
        legalReview,
        decision,
        decisionReceipt,
        payment,
        closing,
      ],
      backup: backupSheet(ctx, {
        date: D.archived,
        compiler: '李梦',
        checker: '周明',
        notes: '当事人的听证申请书、授权委托书附于相关文书之后，未单独编目。',
      }),
    },
  },
};
