/**
 * Case 4 — 行政处罚 简易程序: county transport officers stop a gravel truck that is shedding its
 * load and fine the haulage company 1,000 yuan on the spot (within the 3,000-yuan limit for an
 * organisation, 《行政处罚法》第五十一条). On-the-spot decisions must go to review before court
 * (《行政复议法》第二十三条第一款第（一）项), and the decision says so. A short whole-volume PDF
 * in the embedded font.
 */
import type { DocumentSpec } from '../lib/compose.js';
import { cnDate, creditCode, idNumber, yuan } from '../lib/format.js';
import type { Agency, CaseContext, SampleCase } from '../lib/sample-case.js';
import {
  backupSheet, cover, field, fileIndex, heading, line, officerList, partyBlock, paymentReceipt, recordClosing, recordHeader, right, sealBlock,
} from '../lib/templates.js';

const agency: Agency = {
  name: '青山县交通运输局',
  shortName: '青山县交通运输局',
  creditCode: creditCode('11390123002549156'),
  region: '江州市青山县',
  sector: '交通运输',
  level: 'county',
};

const ctx: CaseContext = {
  agency,
  caseNumber: '青交当罚〔2024〕0153号',
  cause: '货运经营者未采取必要措施防止货物扬撒案',
  party: {
    name: '青山县顺通物流有限公司',
    kind: 'organization',
    creditCode: creditCode('91390123MA5T8QP27'),
    legalRepresentative: '赵永红',
    address: '江州市青山县白石镇工业集中区顺通路2号',
  },
  officers: [
    { name: '赵磊', certificateNumber: '39012341015' },
    { name: '孙伟', certificateNumber: '39012341031' },
  ],
  unitHead: '钟卫国',
  agencyHead: '许志刚',
};

const driver = { name: '钱国强', id: idNumber('39012319880305003') };
const vehicle = '陵F52731';
const fine = 1000;
const place = 'S208省道青山县白石镇治超检测站';
const D = { stopped: '2024-11-13', paid: '2024-11-15', closed: '2024-11-20' };

const siteInspection: DocumentSpec = {
  type: 'site_inspection_record',
  date: D.stopped,
  agency: agency.name,
  body: [
    ...recordHeader(ctx, { date: D.stopped, start: [10, 40], end: [11, 5], place, role: '检查人', recorder: '孙伟' }),
    field('被检查人', `${ctx.party.name}（车辆所属经营者）`),
    field('驾驶员', `${driver.name}，公民身份号码：${driver.id}`),
    field('车辆号牌', `${vehicle}（重型自卸货车，道路运输证号：陵交运管货字390123008715号）`),
    '执法人员向驾驶员出示执法证件，说明检查事由，告知其申请回避、陈述和申辩的权利。驾驶员表示不申请回避。',
    heading('检查情况：'),
    `${cnDate(D.stopped)}10时35分，执法人员在${place}发现${vehicle}号重型自卸货车装载碎石约28吨，车厢顶部未加盖篷布，也未采取其他密闭措施，行驶途中有碎石从车厢后部扬撒至路面，检测站入口路面约30米范围内散落碎石。执法人员对车辆装载情况和路面散落物进行了拍照（5张）。`,
    '驾驶员称车辆属青山县顺通物流有限公司所有，从白石镇石料场装运碎石前往县城搅拌站，篷布破损后未及时更换。驾驶员当场提供了驾驶证、从业资格证、道路运输证和运单。',
    '执法人员当场责令驾驶员对车厢加盖篷布，并清扫路面散落碎石；驾驶员已于11时整改完毕。',
    ...recordClosing(ctx, driver.name, D.stopped),
  ],
};

const decision: DocumentSpec = {
  type: 'onsite_penalty_decision',
  date: D.stopped,
  agency: agency.name,
  number: ctx.caseNumber,
  pageFooter: '（本决定书一式两联，第一联交当事人，第二联存根归档）',
  bodySize: 10.5,
  body: [
    ...partyBlock(ctx),
    field('驾驶员', `${driver.name}（公民身份号码：${driver.id}），车辆号牌：${vehicle}`),
    heading('违法事实：'),
    `${cnDate(D.stopped)}10时35分，你单位所属${vehicle}号重型自卸货车在${place}运输碎石时，未采取加盖篷布等必要措施，致碎石扬撒至路面。以上事实有现场检查（勘察）笔录、现场照片5张及驾驶员陈述为证。`,
    '你单位的行为违反了《道路运输条例》第二十六条第二款“货运经营者应当采取必要措施，防止货物脱落、扬撒等”的规定。',
    heading('陈述申辩情况：'),
    '执法人员已告知你单位（驾驶员代为）拟作出行政处罚的内容及事实、理由、依据，以及依法享有的陈述、申辩权利。驾驶员陈述篷布破损未及时更换，对违法事实无异议，未提出申辩意见。',
    heading('处罚依据及内容：'),
    `依据《道路运输条例》第六十八条第二款以及《中华人民共和国行政处罚法》第五十一条、第五十二条的规定，决定责令你单位立即改正，并处罚款${yuan(fine)}。`,
    heading('履行方式和期限：'),
    '你单位应当自收到本决定书之日起十五日内，持本决定书到中国农业银行青山县支行或者通过非税收入电子缴款渠道缴纳罚款。到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。',
    heading('救济途径和期限：'),
    '你单位如不服本决定，应当自收到本决定书之日起六十日内向青山县人民政府申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内向青山县人民法院提起行政诉讼。',
    field('处罚地点', place),
    field('执法人员', officerList(ctx)),
    line(`当事人（代收人）签名：${driver.name}（驾驶员，受单位委托）　　${cnDate(D.stopped)}11时10分`, { spaceBefore: 8 }),
    ...sealBlock(agency.name, D.stopped),
    line('备案：本决定已于2024年11月14日报本局执法大队备案。备案人：钟卫国', { size: 10.5, spaceBefore: 6 }),
  ],
};

const evidenceDoc: DocumentSpec = {
  type: 'evidence',
  date: D.stopped,
  agency: agency.name,
  body: [
    field('案由', ctx.cause),
    field('当事人', ctx.party.name),
    heading('证据清单：'),
    line(`（1）现场照片5张（拍摄人：赵磊，拍摄时间：${cnDate(D.stopped)}10时36分至10时42分，拍摄地点：${place}），证明车辆未加盖篷布及碎石扬撒至路面的情况；`, { indent: 2 }),
    line(`（2）驾驶员${driver.name}的机动车驾驶证、道路运输从业资格证复印件，证明驾驶员身份及从业资格；`, { indent: 2 }),
    line(`（3）${vehicle}号车辆道路运输证、机动车行驶证复印件，证明车辆所有人及经营者为${ctx.party.name}；`, { indent: 2 }),
    line('（4）当事人营业执照、道路运输经营许可证复印件及授权委托书，证明当事人主体资格及驾驶员受托处理本次违法行为；', { indent: 2 }),
    line('（5）货物运单1份，证明运输的货物为碎石及运输起讫地点。', { indent: 2 }),
    '以上复印件经驾驶员核对与原件一致并签名确认。',
    right(`收集人：赵磊、孙伟　　${cnDate(D.stopped)}`, 12),
  ],
};

const payment = paymentReceipt(ctx, {
  date: D.paid,
  receiptNumber: '3901240061032',
  payer: ctx.party.name,
  amount: fine,
  item: '罚没收入（交通运输罚款）',
  collector: agency.name,
  treasury: '青山县财政局',
});

export const transportOnsitePenalty: SampleCase = {
  slug: 'transport-onsite-penalty',
  summary: '交通运输 · 行政处罚简易程序：货车未加盖篷布致碎石扬撒，当场对物流公司罚款1000元（复议前置）。',
  font: 'embedded',
  agency,
  caseFile: {
    caseNumber: ctx.caseNumber,
    caseType: 'penalty_simple',
    cause: ctx.cause,
    party: ctx.party,
    dates: { incidentOn: D.stopped, decidedOn: D.stopped, servedOn: D.stopped, closedOn: D.closed },
    amounts: { fine },
    officers: [...ctx.officers],
    flags: { majorDecision: false, hearingHeld: false, legalReview: false, collectiveDiscussion: false },
  },
  packaging: {
    kind: 'volume',
    parts: {
      cover: cover(ctx, {
        kind: '行政处罚案卷（简易程序）',
        caseName: `${ctx.party.name}${ctx.cause}`,
        decisionNumber: ctx.caseNumber,
        result: `罚款${fine}元，责令改正`,
        openedOn: D.stopped,
        closedOn: D.closed,
        retention: '10年',
        archiveNumber: '20240153',
      }),
      index: fileIndex(ctx),
      documents: [decision, siteInspection, evidenceDoc, payment],
      backup: backupSheet(ctx, {
        date: '2024-11-22',
        compiler: '孙伟',
        checker: '钟卫国',
        notes: `当场行政处罚决定书第一联已当场交付当事人驾驶员${driver.name}，本卷归档第二联存根。`,
      }),
    },
  },
};
