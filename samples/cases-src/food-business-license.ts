/**
 * Case 5 — 行政许可: a district administrative-approval bureau grants a food business licence
 * (small restaurant) to an individual business. Materials are completed once (补正), the
 * application is accepted, two staff verify the premises, the licence is granted within the
 * 20-working-day limit and served the next day. Separate documents in the non-embedded font.
 */
import type { DocumentSpec } from '../lib/compose.js';
import { cnDate, creditCode, idNumber } from '../lib/format.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import { field, heading, line, officerList, right, sealBlock, serviceReceipt } from '../lib/templates.js';

const agency: Agency = {
  name: '江州市云溪区行政审批服务局',
  shortName: '云溪区审批局',
  creditCode: creditCode('11390107MB1572846'),
  region: '江州市云溪区',
  sector: '行政审批',
  level: 'county',
};

const operator = { name: '张卫东', id: idNumber('39010719790923001') };

const ctx: CaseContext = {
  agency,
  caseNumber: '云审批食许〔2024〕0412号',
  cause: '食品经营许可（新办）',
  party: {
    name: '江州市云溪区张记面馆',
    kind: 'individual_business',
    creditCode: creditCode('92390107MA8K3RW53'),
    idNumber: operator.id,
    legalRepresentative: operator.name,
    address: '江州市云溪区柳岸街56号',
  },
  officers: [
    { name: '郑雅', certificateNumber: '39010760012' },
    { name: '何志明', certificateNumber: '39010760027' },
  ],
  unitHead: '罗敏',
  agencyHead: '谢文涛',
};

const numbers = { correction: '云审批补〔2024〕0356号', acceptance: '云审批受〔2024〕1187号' };
const licenceNumber = 'JY23901070004125';
const D = { applied: '2024-04-08', accepted: '2024-04-10', verified: '2024-04-12', decided: '2024-04-17', served: '2024-04-18' };

const application: DocumentSpec = {
  type: 'license_application',
  date: D.applied,
  file: '01-application.pdf',
  body: [
    line('（食品经营许可）', { align: 'center' }),
    line(`${agency.name}：`, { spaceBefore: 8 }),
    '本申请人依照《中华人民共和国食品安全法》第三十五条的规定，申请食品经营许可，并对所提交材料的真实性负责。现将有关情况申报如下：',
    field('申请人名称', `${ctx.party.name}（个体工商户）`),
    field('统一社会信用代码', ctx.party.creditCode ?? ''),
    field('经营者', `${operator.name}，公民身份号码：${operator.id}`),
    field('住所（经营场所）', ctx.party.address),
    field('主体业态', '餐饮服务经营者（小型餐饮）'),
    field('经营项目', '热食类食品制售'),
    field('经营场所面积', '68平方米（其中加工操作区24平方米，就餐区44平方米）'),
    field('从业人员', '4人'),
    field('食品安全管理人员', '张卫东（兼）'),
    heading('申请材料目录：'),
    line('1.食品经营许可申请书；', { indent: 2 }),
    line('2.营业执照复印件；', { indent: 2 }),
    line('3.经营者身份证明复印件；', { indent: 2 }),
    line('4.与食品经营相适应的主要设备设施布局、操作流程等文件；', { indent: 2 }),
    line('5.食品安全自查、从业人员健康管理、进货查验记录、食品安全事故处置等保证食品安全的规章制度。', { indent: 2 }),
    line('本人承诺：所提交的申请材料真实、合法、有效，复印件与原件一致，并对因材料虚假所引发的一切后果承担法律责任。', { spaceBefore: 8 }),
    line(`申请人（签字）：${operator.name}　　${cnDate(D.applied)}`, { spaceBefore: 12, align: 'right' }),
  ],
};

const correctionNotice: DocumentSpec = {
  type: 'license_material_notice',
  date: D.applied,
  agency: agency.name,
  number: numbers.correction,
  file: '02-material-notice.pdf',
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `你于${cnDate(D.applied)}提出的食品经营许可申请，经审查，申请材料不齐全。依据《中华人民共和国行政许可法》第三十二条第一款第（四）项的规定，现一次告知你需要补正的全部内容如下：`,
    line('1.提交的设备设施布局图未标明粗加工、切配、烹饪、餐用具清洗消毒、专用存放等区域，请按实际布局重新绘制并标注主要设备；', { indent: 2 }),
    line('2.未提交食品安全自查、进货查验记录、食品安全事故处置等保证食品安全的规章制度文本，请予补交。', { indent: 2 }),
    '请你按上述要求补正后，将全部补正材料提交至江州市云溪区政务服务中心二楼市场准入窗口。补正材料提交齐全后，本局将依法受理你的申请。',
    line(`申请人签收：${operator.name}　　${cnDate(D.applied)}`, { spaceBefore: 10 }),
    line(`经办人：${ctx.officers[0].name}`),
    line(`${agency.name}（行政许可专用章）`, { align: 'right', spaceBefore: 18 }),
    right(cnDate(D.applied)),
  ],
};

const acceptance: DocumentSpec = {
  type: 'license_acceptance',
  date: D.accepted,
  agency: agency.name,
  number: numbers.acceptance,
  file: '03-acceptance.pdf',
  body: [
    line(`${ctx.party.name}：`, { spaceBefore: 8 }),
    `你于${cnDate(D.applied)}提出的食品经营许可申请，已于${cnDate(D.accepted)}按照《补正材料通知书》（${numbers.correction}）的要求提交了全部补正材料。经审查，申请事项属于本局职权范围，申请材料齐全、符合法定形式，依据《中华人民共和国行政许可法》第三十二条第一款第（五）项的规定，决定予以受理。`,
    '本局将自受理之日起二十个工作日内作出是否准予行政许可的决定，其中需要进行现场核查的，本局将指派两名以上工作人员进行核查，请你予以配合。',
    field('受理编号', '3901072024041000187'),
    field('办理窗口', '江州市云溪区政务服务中心二楼市场准入窗口'),
    line(`申请人签收：${operator.name}　　${cnDate(D.accepted)}`, { spaceBefore: 10 }),
    line(`受理人：${ctx.officers[0].name}`),
    line(`${agency.name}（行政许可专用章）`, { align: 'right', spaceBefore: 18 }),
    right(cnDate(D.accepted)),
  ],
};

const review: DocumentSpec = {
  type: 'license_review',
  date: D.verified,
  agency: agency.name,
  file: '04-review.pdf',
  pageFooter: `申请人签名：${operator.name}　　　　核查人员签名：郑雅、何志明`,
  body: [
    field('申请人', `${ctx.party.name}（经营者：${operator.name}）`),
    field('受理编号', `3901072024041000187（${numbers.acceptance}）`),
    field('申请事项', '食品经营许可（新办），餐饮服务经营者（小型餐饮），热食类食品制售'),
    heading('一、现场核查情况'),
    field('核查时间', `${cnDate(D.verified)}9时30分至10时20分`),
    field('核查地点', ctx.party.address),
    field('核查人员', officerList(ctx)),
    field('申请人在场人员', `${operator.name}（经营者）`),
    '核查人员出示了证件，说明了核查依据和内容。依据《中华人民共和国食品安全法》第三十五条第二款、《中华人民共和国行政许可法》第三十四条第三款的规定，对申请人经营场所进行了现场核查，情况如下：',
    line('1.经营场所：位于柳岸街56号一层，面积与申请材料一致，周边25米内无旱厕、暴露垃圾堆等污染源，符合要求；', { indent: 2 }),
    line('2.布局流程：设有粗加工切配、烹饪、餐用具清洗消毒和专用存放区域，生进熟出单一流向，与补正后的布局图一致，符合要求；', { indent: 2 }),
    line('3.设施设备：配备两眼燃气灶、双门冷藏冷冻柜各1台，餐用具消毒柜1台，洗手池、清洗水池分设，防蝇防鼠设施齐全，排烟设施运行正常，符合要求；', { indent: 2 }),
    line('4.管理制度：食品安全自查、进货查验记录、从业人员健康管理、食品安全事故处置等制度已上墙公示，符合要求；', { indent: 2 }),
    line('5.从业人员：4名从业人员均持有有效健康证明。', { indent: 2 }),
    field('核查结论', '经营场所、设施设备、布局流程和管理制度与申请材料一致，符合许可条件。'),
    heading('二、审查意见'),
    '申请人提交的申请材料齐全、符合法定形式，经现场核查，其经营条件符合《中华人民共和国食品安全法》第三十三条第一款第（一）项至第（四）项规定的要求，建议依据《中华人民共和国行政许可法》第三十八条第一款的规定，准予行政许可，核发食品经营许可证（主体业态：餐饮服务经营者（小型餐饮）；经营项目：热食类食品制售；有效期五年）。',
    right(`审查人：郑雅、何志明　　${cnDate(D.verified)}`, 12),
    heading('三、审核意见'),
    '同意审查意见，准予许可。',
    right(`审核人：${ctx.unitHead}　　${cnDate('2024-04-15')}`),
    heading('四、批准意见'),
    '同意。',
    right(`批准人：${ctx.agencyHead}　　${cnDate('2024-04-16')}`),
  ],
};

const decision: DocumentSpec = {
  type: 'license_decision',
  date: D.decided,
  agency: agency.name,
  number: ctx.caseNumber,
  file: '05-decision.pdf',
  body: [
    line(`${ctx.party.name}（经营者：${operator.name}）：`, { spaceBefore: 8 }),
    `你于${cnDate(D.applied)}提出的食品经营许可申请，本局已于${cnDate(D.accepted)}受理（${numbers.acceptance}）。经审查和现场核查，你的申请符合法定条件、标准，依据《中华人民共和国食品安全法》第三十五条、《中华人民共和国行政许可法》第三十八条第一款的规定，决定准予行政许可，具体内容如下：`,
    field('经营者名称', ctx.party.name),
    field('统一社会信用代码', ctx.party.creditCode ?? ''),
    field('经营者', operator.name),
    field('经营场所', ctx.party.address),
    field('主体业态', '餐饮服务经营者（小型餐饮）'),
    field('经营项目', '热食类食品制售'),
    field('许可证编号', licenceNumber),
    field('有效期', '2024年4月17日至2029年4月16日'),
    '本局将依照《中华人民共和国行政许可法》第四十四条的规定，自本决定作出之日起十日内向你颁发、送达食品经营许可证正本、副本。你应当在经营场所的显著位置悬挂或者摆放许可证正本，按照许可的范围依法从事食品经营活动；许可事项发生变化的，应当依法申请变更。',
    '你如对本决定不服，可以自收到本决定书之日起六十日内向江州市云溪区人民政府申请行政复议，也可以自收到本决定书之日起六个月内向江州市云溪区人民法院提起行政诉讼。',
    ...sealBlock(agency.name, D.decided),
  ],
};

const receipt: DocumentSpec = {
  ...serviceReceipt(ctx, {
    date: D.served,
    documents: [
      { name: '准予行政许可决定书', number: ctx.caseNumber },
      { name: `食品经营许可证（正本、副本，编号${licenceNumber}）` },
    ],
    place: '江州市云溪区政务服务中心二楼市场准入窗口',
    method: '直接送达（申请人窗口领取）',
    signedBy: operator.name,
    remark: '申请人当场领取并签收，已核对许可证记载事项无误。',
  }),
  file: '06-service-receipt.pdf',
};

export const foodBusinessLicense: SampleCase = {
  slug: 'food-business-license',
  summary: '行政审批 · 行政许可：个体工商户申请食品经营许可（小型餐饮），补正后受理，两名人员现场核查，准予许可并送达；逐份文书分别上传。',
  font: 'cid',
  agency,
  caseFile: {
    caseNumber: ctx.caseNumber,
    caseType: 'license',
    cause: ctx.cause,
    party: ctx.party,
    dates: { appliedOn: D.applied, acceptedOn: D.accepted, decidedOn: D.decided, servedOn: D.served, closedOn: D.served },
    amounts: {},
    officers: [...ctx.officers],
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false },
  },
  packaging: { kind: 'separate', documents: [application, correctionNotice, acceptance, review, decision, receipt] },
};
