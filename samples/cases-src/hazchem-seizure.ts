/**
 * Case 6 — 行政强制 查封扣押: a district emergency-management bureau seals, in place, hazardous
 * chemicals a trading company kept in an ordinary warehouse next to housing, then lifts the
 * measure within the 30-day limit once the goods have moved to a licensed store (the violation
 * itself goes on as a separate penalty case). Separate documents in the non-embedded font.
 */
import type { DocumentSpec } from '../lib/compose.js';
import { cnDate, creditCode, idNumber } from '../lib/format.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import {
  closingApproval, field, heading, line, officerList, partyBlock, qa, recordClosing, recordHeader, right, rightsQA, sealBlock, serviceReceipt,
} from '../lib/templates.js';

const agency: Agency = {
  name: '江州市南湖区应急管理局',
  shortName: '南湖区应急管理局',
  creditCode: creditCode('11390108002552734'),
  region: '江州市南湖区',
  sector: '应急管理',
  level: 'county',
};

const ctx: CaseContext = {
  agency,
  caseNumber: '南应急强〔2024〕7号',
  cause: '违法储存危险化学品查封扣押案',
  party: {
    name: '江州市宏泰化工贸易有限公司',
    kind: 'organization',
    creditCode: creditCode('91390108MA3W6NJ81'),
    legalRepresentative: '曹文彬',
    address: '江州市南湖区梅岭路218号',
  },
  officers: [
    { name: '黄振华', certificateNumber: '39010852008' },
    { name: '马骏', certificateNumber: '39010852019' },
  ],
  unitHead: '彭建军',
  agencyHead: '蒋国华',
};

const legalRep = { name: '曹文彬', id: idNumber('39010819770611001'), age: 47 };
const keeper = '周小川';
const warehouse = '江州市南湖区梅岭路226号院内3号仓库';
const releaseNumber = '南应急解强〔2024〕7号';
const D = { sealed: '2024-08-06', inquired: '2024-08-08', periodEnd: '2024-09-04', released: '2024-08-30', closed: '2024-09-03' };

const goods = [
  ['1', '乙酸乙酯', '200升/桶（铁桶）', '24桶', '仓库东侧，原地查封'],
  ['2', '丙酮', '160千克/桶（铁桶）', '18桶', '仓库中部，原地查封'],
  ['3', '甲苯', '180千克/桶（铁桶）', '12桶', '仓库西侧，原地查封'],
  ['4', '3号仓库', '砖混结构约180平方米', '1间', '大门及侧门加贴封条'],
] as const;
const goodsSummary = '乙酸乙酯24桶、丙酮18桶、甲苯12桶';

const basis = '《中华人民共和国安全生产法》第六十五条第一款第（四）项、《危险化学品安全管理条例》第七条第一款第（四）项和《中华人民共和国行政强制法》第九条第（二）项、第十八条、第二十四条';

const approval: DocumentSpec = {
  type: 'seizure_approval',
  date: D.sealed,
  agency: agency.name,
  file: '01-seizure-approval.pdf',
  body: [
    field('当事人', `${ctx.party.name}，统一社会信用代码：${ctx.party.creditCode}`),
    field('法定代表人', legalRep.name),
    field('住所', ctx.party.address),
    field('拟采取措施', '查封场所、查封财物（原地查封）'),
    field('拟查封扣押对象', `${warehouse}及其内储存的${goodsSummary}`),
    field('拟查封扣押期限', `三十日（${cnDate(D.sealed)}至${cnDate(D.periodEnd)}）`),
    heading('理由及依据：'),
    `${cnDate(D.sealed)}，执法人员在对当事人进行安全检查时发现，当事人未取得带有储存设施的危险化学品经营许可，将乙酸乙酯、丙酮、甲苯等易燃液体类危险化学品储存在不符合要求的普通仓库内，仓库未设置防爆电气、通风和泄漏收集设施，距居民楼约30米，存在火灾、爆炸事故隐患，涉嫌违反《危险化学品安全管理条例》第二十四条第一款的规定。为防止事故发生、固定证据，依据${basis}的规定，建议对上述场所和危险化学品予以查封。`,
    heading('承办人意见：'),
    '建议原地查封，由当事人指定专人在查封期间落实现场安全防范措施，不得启封、转移或者使用。',
    right(`承办人：黄振华、马骏　　${cnDate(D.sealed)}10时30分`),
    heading('承办机构负责人意见：'),
    '情况属实，同意查封。',
    right(`签名：${ctx.unitHead}　　${cnDate(D.sealed)}10时40分`),
    heading('行政机关主要负责人意见：'),
    '同意实施查封，期限三十日。',
    right(`签名：${ctx.agencyHead}　　${cnDate(D.sealed)}10时50分`),
  ],
};

const siteRecord: DocumentSpec = {
  type: 'coercion_site_record',
  date: D.sealed,
  agency: agency.name,
  file: '02-site-record.pdf',
  pageFooter: `当事人签名：${legalRep.name}　　　　执法人员签名：黄振华、马骏`,
  body: [
    ...recordHeader(ctx, { date: D.sealed, start: [11, 0], end: [12, 30], place: warehouse, role: '执法人员', recorder: '马骏' }),
    field('当事人', `${ctx.party.name}，法定代表人：${legalRep.name}，公民身份号码：${legalRep.id}`),
    field('到场人员', `${legalRep.name}（法定代表人）、${keeper}（仓库管理员）`),
    heading('实施行政强制措施情况：'),
    `执法人员向当事人出示执法证件，表明身份。执法人员已于实施前向本局主要负责人报告并经批准。执法人员当场告知当事人：因当事人将危险化学品储存在不符合要求的普通仓库内，涉嫌违反《危险化学品安全管理条例》第二十四条第一款的规定，依据${basis}的规定，本局决定对${warehouse}及其内储存的危险化学品实施查封；当事人依法享有陈述权、申辩权，对查封决定不服的，可以依法申请行政复议或者提起行政诉讼。`,
    '当事人陈述申辩：这批货是客户订的，原来租用的专用仓库合同到期后还没找到新仓库，临时放在这里，准备尽快找有资质的仓库转移，请求给予一定时间。',
    '执法人员听取了当事人的陈述申辩，认为储存场所存在事故隐患，仍需实施查封，并告知当事人可以在查封期间与有资质的危险化学品仓储单位联系，经本局同意后在执法人员监督下转移。',
    heading('现场查封情况：'),
    '3号仓库为单层砖混结构，面积约180平方米，仓库内照明灯具、开关均为普通型，未设置可燃气体报警装置和机械通风设施，地面无防渗漏收集沟。仓库内储存乙酸乙酯24桶、丙酮18桶、甲苯12桶，桶身标签完整，无泄漏。仓库北侧约30米为梅岭新村5幢居民楼。',
    `执法人员对上述危险化学品逐一清点登记，制作《查封扣押清单》一式二份，对仓库大门和侧门加贴封条（封条编号NH2024-0736、NH2024-0737），并拍摄照片14张。查封期间由当事人仓库管理员${keeper}负责现场值守，落实禁火、防晒和巡查措施，不得损毁封条、转移或者使用被查封物品。`,
    `执法人员当场向当事人交付了《查封扣押决定书》（${ctx.caseNumber}）和《查封扣押清单》，当事人签收。`,
    ...recordClosing(ctx, legalRep.name, D.sealed),
  ],
};

const decision: DocumentSpec = {
  type: 'seizure_decision',
  date: D.sealed,
  agency: agency.name,
  number: ctx.caseNumber,
  file: '03-seizure-decision.pdf',
  body: [
    ...partyBlock(ctx),
    heading('一、查封的理由'),
    `${cnDate(D.sealed)}，本局执法人员在检查中发现，你单位将乙酸乙酯、丙酮、甲苯等危险化学品储存在${warehouse}。该仓库不属于危险化学品专用仓库，未设置防爆电气、通风、泄漏收集等安全设施，距居民楼约30米，存在火灾、爆炸事故隐患。你单位的上述行为涉嫌违反《危险化学品安全管理条例》第二十四条第一款“危险化学品应当储存在专用仓库、专用场地或者专用储存室（以下统称专用仓库）内，并由专人负责管理”的规定。`,
    heading('二、查封的依据'),
    `依据${basis}的规定，本局决定对下列场所和财物实施查封：`,
    heading('三、查封的场所和财物'),
    `${warehouse}（1间），以及储存于该仓库内的乙酸乙酯24桶、丙酮18桶、甲苯12桶，具体名称、规格、数量详见《查封扣押清单》。被查封物品原地封存，由你单位指定专人负责现场安全值守。`,
    heading('四、查封的期限'),
    `查封期限为三十日，自${cnDate(D.sealed)}至${cnDate(D.periodEnd)}。情况复杂需要延长的，本局将依法书面告知。`,
    '查封期间，你单位不得损毁封条，不得擅自启封、转移、使用或者处置被查封的场所和财物。需要将被查封危险化学品转移至专用仓库的，应当事先书面报告本局，在执法人员监督下进行。',
    heading('五、救济途径和期限'),
    '你单位如不服本决定，可以自收到本决定书之日起六十日内向江州市南湖区人民政府申请行政复议，也可以自收到本决定书之日起六个月内向江州市南湖区人民法院提起行政诉讼。',
    line('附件：查封扣押清单（一式二份）', { spaceBefore: 6 }),
    ...sealBlock(agency.name, D.sealed),
  ],
};

const LIST_TABS = [0, 2.5, 9, 20, 24] as const;
const list: DocumentSpec = {
  type: 'seizure_list',
  date: D.sealed,
  agency: agency.name,
  number: ctx.caseNumber,
  file: '04-seizure-list.pdf',
  body: [
    field('当事人', ctx.party.name),
    field('查封地点', warehouse),
    field('查封时间', `${cnDate(D.sealed)}12时10分`),
    line(['序号', '名称', '规格', '数量', '存放地点及状态'].join('\t'), { tabs: LIST_TABS, size: 10.5, bold: true, spaceBefore: 8 }),
    ...goods.map((g) => line(g.join('\t'), { tabs: LIST_TABS, size: 10.5 })),
    line('（以下空白）', { align: 'center', size: 10.5 }),
    line('注：乙酸乙酯CAS号141-78-6，丙酮CAS号67-64-1，甲苯CAS号108-88-3，均为易燃液体类危险化学品。', { size: 10.5 }),
    '以上物品经当事人与执法人员共同清点，名称、规格、数量无误。本清单一式二份，当事人和本局各执一份。',
    line(`当事人签名：${legalRep.name}　　${cnDate(D.sealed)}`, { spaceBefore: 10 }),
    line(`执法人员签名：${officerList(ctx)}`),
    ...sealBlock(agency.name, D.sealed),
  ],
};

const sealReceipt: DocumentSpec = {
  ...serviceReceipt(ctx, {
    date: D.sealed,
    documents: [{ name: '查封扣押决定书', number: ctx.caseNumber }, { name: '查封扣押清单' }],
    place: warehouse,
    signedBy: `${legalRep.name}（法定代表人）`,
    remark: '现场当场交付，当事人签收。',
  }),
  file: '05-service-receipt.pdf',
};

const inquiry: DocumentSpec = {
  type: 'inquiry_record',
  date: D.inquired,
  agency: agency.name,
  file: '06-inquiry-record.pdf',
  pageFooter: `被询问人签名：${legalRep.name}　　　　询问人签名：黄振华、马骏`,
  body: [
    ...recordHeader(ctx, { date: D.inquired, start: [9, 0], end: [10, 10], place: '江州市南湖区应急管理局询问室', role: '询问人', recorder: '马骏' }),
    field('被询问人', `${legalRep.name}　性别：男　年龄：${legalRep.age}岁`),
    field('公民身份号码', legalRep.id),
    field('工作单位及职务', `${ctx.party.name}法定代表人`),
    ...rightsQA(ctx, '你公司违法储存危险化学品一案'),
    ...qa('你公司取得了哪些危险化学品经营资质？', '我公司持有危险化学品经营许可证，编号为江南危化经〔2022〕0035号，许可范围是不带储存设施经营，品种包括乙酸乙酯、丙酮、甲苯等。'),
    ...qa('3号仓库内的危险化学品是什么时候存放的？一共多少？', '7月28日从生产厂家进的货，乙酸乙酯24桶、丙酮18桶、甲苯12桶，进货单据我带来了。原来这类货都是直接从厂家发给客户，这批货客户推迟提货，就临时放在这个仓库。'),
    ...qa('3号仓库是什么性质的仓库？', '是我们租的普通仓库，原来放包装材料的，没有危险化学品储存资质。'),
    ...qa('你公司是否知道危险化学品应当储存在专用仓库内？', '知道，这次是图方便，心存侥幸，是我们的错误。'),
    ...qa('查封后你公司采取了什么措施？', '安排仓库管理员24小时值守，现场禁止动火。目前正在和江州市安泰危险品仓储有限公司洽谈仓储合同，签约后想申请把货转过去。'),
    ...qa('你还有什么要补充的吗？', '我们会尽快转移，配合处理。'),
    ...recordClosing(ctx, legalRep.name, D.inquired),
  ],
};

const release: DocumentSpec = {
  type: 'seizure_release',
  date: D.released,
  agency: agency.name,
  number: releaseNumber,
  file: '07-release-decision.pdf',
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `本局于${cnDate(D.sealed)}依据《查封扣押决定书》（${ctx.caseNumber}）对你单位${warehouse}及其内储存的${goodsSummary}实施了查封。`,
    '你单位于2024年8月29日提交书面报告，已与持有危险化学品经营许可证（带储存设施）的江州市安泰危险品仓储有限公司签订仓储合同。经本局同意，你单位于2024年8月30日在执法人员监督下，委托具有危险货物道路运输资质的单位将上述危险化学品全部转移至该公司专用仓库，3号仓库内已无危险化学品，事故隐患已消除。',
    '依据《中华人民共和国行政强制法》第二十七条、第二十八条第一款第（五）项的规定，本局决定自即日起解除对上述场所和财物的查封。被查封的危险化学品已按前述方式交由你单位委托的专用仓库储存，封条已由执法人员当场启封。',
    '你单位违法储存危险化学品的行为，本局已另案立案调查（南应急立〔2024〕31号），将依法作出处理。',
    '你单位如不服本决定，可以自收到本决定书之日起六十日内向江州市南湖区人民政府申请行政复议，也可以自收到本决定书之日起六个月内向江州市南湖区人民法院提起行政诉讼。',
    ...sealBlock(agency.name, D.released),
  ],
};

const releaseReceipt: DocumentSpec = {
  ...serviceReceipt(ctx, {
    date: D.released,
    documents: [{ name: '解除查封扣押决定书', number: releaseNumber }],
    place: warehouse,
    signedBy: `${legalRep.name}（法定代表人）`,
  }),
  file: '08-service-receipt.pdf',
};

const closing: DocumentSpec = {
  ...closingApproval(ctx, {
    date: D.closed,
    decisionNumber: `${ctx.caseNumber}、${releaseNumber}`,
    result: `查封${warehouse}及其内储存的${goodsSummary}，期限三十日；已于${cnDate(D.released)}解除查封。`,
    execution: `查封措施实施于${cnDate(D.sealed)}，于${cnDate(D.released)}解除，未超过三十日的法定期限。被查封危险化学品已全部转移至江州市安泰危险品仓储有限公司专用仓库，转移过程有执法人员全程监督并录像。当事人违法储存危险化学品行为已另案处理（南应急立〔2024〕31号）。`,
    steps: [
      { role: '承办人', opinion: '行政强制措施已依法解除，建议结案。', signer: '黄振华、马骏', date: D.closed },
      { role: '承办机构负责人', opinion: '同意。', signer: ctx.unitHead, date: D.closed },
      { role: '执法机关负责人', opinion: '同意结案。', signer: ctx.agencyHead, date: D.closed },
    ],
  }),
  file: '09-closing-approval.pdf',
};

export const hazchemSeizure: SampleCase = {
  slug: 'hazchem-seizure',
  summary: '应急管理 · 行政强制（查封扣押）：贸易公司在普通仓库储存危险化学品，原地查封三十日，转移至专用仓库后解除查封；逐份文书分别上传。',
  font: 'cid',
  agency,
  caseFile: {
    caseNumber: ctx.caseNumber,
    caseType: 'coercion',
    cause: ctx.cause,
    party: ctx.party,
    dates: { incidentOn: D.sealed, measureOn: D.sealed, decidedOn: D.sealed, servedOn: D.sealed, closedOn: D.closed },
    amounts: {},
    officers: [...ctx.officers],
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false },
  },
  packaging: {
    kind: 'separate',
    documents: [approval, siteRecord, decision, list, sealReceipt, inquiry, release, releaseReceipt, closing],
  },
};
