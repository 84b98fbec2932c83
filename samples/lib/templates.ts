/**
 * Building blocks shared by the sample cases: text helpers and the documents whose layout is
 * the same in every case (cover, index, notes sheet, service receipt, approvals, receipt).
 */
import type { TextLine } from './text-layout.js';
import type { Block, DocumentSpec, VolumeSummary } from './compose.js';
import { canonicalTitle } from './compose.js';
import type { CaseContext } from './sample-case.js';
import { cnDate, yuan } from './format.js';

// ---- text helpers -------------------------------------------------------------------------

/** A 'label：value' line without paragraph indent; long values wrap to the margin. */
export function field(label: string, value: string): TextLine {
  return { text: `${label}：${value}` };
}

export function line(text: string, extra: Partial<TextLine> = {}): TextLine {
  return { text, ...extra };
}

export function heading(text: string): TextLine {
  return { text, bold: true, spaceBefore: 6 };
}

export function right(text: string, spaceBefore = 0): TextLine {
  return { text, align: 'right', spaceBefore };
}

/** The agency's name with its seal mark and the date, right-aligned as at the foot of a document. */
export function sealBlock(agencyName: string, date: string): TextLine[] {
  return [right(`${agencyName}（印章）`, 18), right(cnDate(date))];
}

export function officerList(ctx: CaseContext): string {
  return ctx.officers.map((o) => `${o.name}（执法证号：${o.certificateNumber}）`).join('、');
}

export function officerNames(ctx: CaseContext): string {
  return ctx.officers.map((o) => o.name).join('、');
}

/** The party block of a decision, by party kind (review-standards §5.3). */
export function partyBlock(ctx: CaseContext): TextLine[] {
  const p = ctx.party;
  switch (p.kind) {
    case 'organization':
      return [
        field('当事人', p.name),
        field('统一社会信用代码', p.creditCode ?? ''),
        field('法定代表人', p.legalRepresentative ?? ''),
        field('住所', p.address),
      ];
    case 'individual_business':
      return [
        field('当事人', `${p.name}（个体工商户）`),
        field('统一社会信用代码', p.creditCode ?? ''),
        field('经营者', `${p.legalRepresentative ?? ''}，公民身份号码：${p.idNumber ?? ''}`),
        field('经营场所', p.address),
      ];
    case 'person':
      return [field('当事人', p.name), field('公民身份号码', p.idNumber ?? ''), field('住址', p.address)];
  }
}

/** 法定代表人 / 负责人 line for forms. */
function partySummary(ctx: CaseContext): TextLine[] {
  const p = ctx.party;
  const id = p.creditCode ? field('统一社会信用代码', p.creditCode) : field('公民身份号码', p.idNumber ?? '');
  const lines = [field('当事人', p.name), id];
  if (p.legalRepresentative) lines.push(field(p.kind === 'organization' ? '法定代表人' : '经营者', p.legalRepresentative));
  lines.push(field(p.kind === 'person' ? '住址' : '住所（经营场所）', p.address));
  return lines;
}

// ---- remedies ------------------------------------------------------------------------------

export function remedyParagraph(government: string, court: string): string {
  return (
    `当事人如不服本决定，可以在收到本决定书之日起六十日内向${government}申请行政复议，` +
    `也可以在收到本决定书之日起六个月内直接向${court}提起行政诉讼。` +
    '申请行政复议或者提起行政诉讼期间，本决定不停止执行。'
  );
}

export function paymentParagraph(amountsText: string, bank: string, account: string): string {
  return (
    `当事人应当自收到本决定书之日起十五日内，将${amountsText}缴至${bank}（账户名称：${account}），` +
    '或者通过非税收入电子缴款渠道缴纳。' +
    '到期不缴纳罚款的，本机关将依照《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款，加处罚款的数额不得超出罚款的数额。'
  );
}

// ---- documents used by every case ---------------------------------------------------------

export interface ServiceReceiptInput {
  date: string;
  /** Documents served, each with its number. */
  documents: readonly { name: string; number?: string }[];
  place: string;
  method?: string;
  /** Who signed for the party, e.g. '张秀兰（委托代理人）'. */
  signedBy: string;
  remark?: string;
}

export function serviceReceipt(ctx: CaseContext, input: ServiceReceiptInput): DocumentSpec {
  const docs = input.documents.map((d) => `《${d.name}》${d.number ? `（${d.number}）` : ''}`).join('、');
  return {
    type: 'service_receipt',
    date: input.date,
    agency: ctx.agency.name,
    body: [
      field('案由', ctx.cause),
      field('送达文书名称及文号', docs),
      field('受送达人', ctx.party.name),
      field('送达地点', input.place),
      field('送达方式', input.method ?? '直接送达'),
      field('送达时间', cnDate(input.date)),
      line(`受送达人（签名或盖章）：${input.signedBy}　　${cnDate(input.date)}`, { spaceBefore: 10 }),
      line(`送达人（签名）：${officerList(ctx)}`, { spaceBefore: 10 }),
      line('见证人（签名）：／', { spaceBefore: 10 }),
      field('备注', input.remark ?? '受送达人当场签收，无异议。'),
      line('说明：受送达人签收时应注明收到日期；代收人应注明与受送达人的关系。', { size: 10.5, spaceBefore: 10 }),
      ...sealBlock(ctx.agency.name, input.date),
    ],
  };
}

export interface ApprovalStep {
  role: string;
  opinion: string;
  signer: string;
  date: string;
}

function approvalLines(steps: readonly ApprovalStep[]): Block[] {
  return steps.flatMap((s) => [
    heading(`${s.role}意见：`),
    s.opinion,
    right(`签名：${s.signer}　　${cnDate(s.date)}`),
  ]);
}

export interface FilingApprovalInput {
  date: string;
  number: string;
  source: string;
  facts: string;
  basis: string;
  steps: readonly ApprovalStep[];
}

export function filingApproval(ctx: CaseContext, input: FilingApprovalInput): DocumentSpec {
  return {
    type: 'filing_approval',
    date: input.date,
    agency: ctx.agency.name,
    number: input.number,
    body: [
      field('案件来源', input.source),
      field('案由', ctx.cause),
      ...partySummary(ctx),
      heading('简要案情及立案依据：'),
      input.facts,
      input.basis,
      ...approvalLines(input.steps),
    ],
  };
}

export interface ClosingApprovalInput {
  date: string;
  decisionNumber: string;
  result: string;
  execution: string;
  steps: readonly ApprovalStep[];
}

export function closingApproval(ctx: CaseContext, input: ClosingApprovalInput): DocumentSpec {
  return {
    type: 'closing_approval',
    date: input.date,
    agency: ctx.agency.name,
    body: [
      field('案号', ctx.caseNumber),
      field('案由', ctx.cause),
      ...partySummary(ctx).slice(0, 2),
      field('决定书文号', input.decisionNumber),
      field('处理结果', input.result),
      heading('执行情况：'),
      input.execution,
      ...approvalLines(input.steps),
    ],
  };
}

export interface PaymentReceiptInput {
  date: string;
  receiptNumber: string;
  payer: string;
  amount: number;
  item: string;
  collector: string;
  treasury: string;
}

/** The non-tax payment voucher kept in the file as proof of payment. */
export function paymentReceipt(ctx: CaseContext, input: PaymentReceiptInput): DocumentSpec {
  return {
    type: 'payment_receipt',
    date: input.date,
    body: [
      line('（政府非税收入一般缴款书　第一联　收据联　复印件）', { align: 'center' }),
      field('票据号码', input.receiptNumber),
      field('填制日期', cnDate(input.date)),
      field('缴款人', input.payer),
      field('执收单位', input.collector),
      field('收款人', input.treasury),
      field('收入项目', input.item),
      field('金额', yuan(input.amount)),
      field('决定书文号', ctx.caseNumber),
      line('缴款方式：银行转账，已全额缴纳。', { spaceBefore: 6 }),
      line('收款银行（业务专用章）', { align: 'right', spaceBefore: 18 }),
      line('本复印件与原件核对一致。核对人：' + ctx.officers[0].name, { spaceBefore: 10 }),
    ],
  };
}

export interface CoverInput {
  /** e.g. 行政处罚案卷 */
  kind: string;
  caseName: string;
  decisionNumber?: string;
  result: string;
  openedOn: string;
  closedOn: string;
  retention: string;
  archiveNumber: string;
  /** 全宗号 (archive fonds number); derived from the agency's credit code when absent. */
  fonds?: string;
}

export function cover(ctx: CaseContext, input: CoverInput): (summary: VolumeSummary) => DocumentSpec {
  return (summary) => ({
    type: 'case_cover',
    date: input.closedOn,
    agency: ctx.agency.name,
    body: [
      line(input.kind, { align: 'center', size: 16, spaceBefore: 24 }),
      line('', { spaceBefore: 24 }),
      field('案件名称', input.caseName),
      field('案号', ctx.caseNumber),
      ...(input.decisionNumber ? [field('决定书文号', input.decisionNumber)] : []),
      field('当事人', ctx.party.name),
      field('处理结果', input.result),
      field('承办人', officerNames(ctx)),
      field('立案（受理）日期', cnDate(input.openedOn)),
      field('结案日期', cnDate(input.closedOn)),
      field('保管期限', input.retention),
      field('本卷件数及页数', `共${summary.entries.length}件，${summary.pageCount}页`),
      field('归档号', input.archiveNumber),
      line(`全宗号：${input.fonds ?? 'Q' + ctx.agency.creditCode.slice(8, 14)}　目录号：${input.closedOn.slice(0, 4)}　案卷号：${input.archiveNumber}`, { spaceBefore: 24 }),
    ],
  });
}

const INDEX_TABS = [0, 2.5, 17, 29.5, 35.5] as const;

export function fileIndex(ctx: CaseContext): (summary: VolumeSummary) => DocumentSpec {
  return (summary) => ({
    type: 'file_index',
    date: summary.entries[0]?.spec.date ?? '',
    agency: ctx.agency.name,
    body: [
      line(`案号：${ctx.caseNumber}`, { spaceBefore: 8 }),
      line(['序号', '文件名称', '文号', '日期', '页号'].join('\t'), { tabs: INDEX_TABS, size: 10.5, bold: true, spaceBefore: 6 }),
      ...summary.entries.map((e) => {
        const pages = e.firstPage === e.lastPage ? String(e.firstPage) : `${e.firstPage}-${e.lastPage}`;
        const date = e.spec.date.replaceAll('-', '.');
        return line([String(e.seq), e.spec.title ?? canonicalTitle(e.spec.type), e.spec.number ?? '', date, pages].join('\t'), { tabs: INDEX_TABS, size: 10.5 });
      }),
      line('注：卷宗封面、卷内目录、卷内备考表不编页号。', { size: 10.5, spaceBefore: 10 }),
    ],
  });
}

export interface BackupInput {
  date: string;
  compiler: string;
  checker: string;
  notes: string;
}

export function backupSheet(ctx: CaseContext, input: BackupInput): (summary: VolumeSummary) => DocumentSpec {
  return (summary) => ({
    type: 'backup_sheet',
    date: input.date,
    agency: ctx.agency.name,
    body: [
      field('案号', ctx.caseNumber),
      heading('本卷情况说明：'),
      `本卷共有文件材料${summary.entries.length}件，共${summary.pageCount}页，均为纸质材料，按办案程序和形成时间顺序排列。${input.notes}`,
      '卷内材料齐全，无缺损、涂改；照片证据已打印并标注拍摄时间、地点和拍摄人。',
      line(`立卷人：${input.compiler}　　${cnDate(input.date)}`, { spaceBefore: 24 }),
      line(`检查人：${input.checker}　　${cnDate(input.date)}`, { spaceBefore: 12 }),
    ],
  });
}

// ---- records (笔录) ---------------------------------------------------------------------------

export interface RecordHeaderInput {
  date: string;
  start: readonly [number, number];
  end: readonly [number, number];
  place: string;
  /** '检查人' on a site record, '询问人' on an inquiry record. */
  role: string;
  recorder: string;
}

export function recordHeader(ctx: CaseContext, input: RecordHeaderInput): TextLine[] {
  const [sh, sm] = input.start;
  const [eh, em] = input.end;
  return [
    field('时间', `${cnDate(input.date)}${sh}时${String(sm).padStart(2, '0')}分至${eh}时${String(em).padStart(2, '0')}分`),
    field('地点', input.place),
    field(input.role, officerList(ctx)),
    field('记录人', input.recorder),
  ];
}

/** One question and its answer, each on its own unindented paragraph. */
export function qa(question: string, answer: string): TextLine[] {
  return [line(`问：${question}`), line(`答：${answer}`)];
}

/** The opening every record repeats: certificates shown, recusal, duty to answer truthfully (§5.5). */
export function rightsQA(ctx: CaseContext, purpose: string): TextLine[] {
  return [
    ...qa(
      `我们是${ctx.agency.name}的执法人员${officerNames(ctx)}，这是我们的执法证件（出示证件），现依法就${purpose}进行调查，请你配合。你看清楚我们的执法证件了吗？`,
      '看清楚了。',
    ),
    ...qa('执法人员与本案有直接利害关系或者有其他关系可能影响公正执法的，你有权申请回避。你是否申请回避？', '不申请回避。'),
    ...qa('你有如实回答询问、协助调查的义务，不得拒绝或者阻挠；对与本案无关的问题有拒绝回答的权利，并享有陈述、申辩的权利。你听清楚了吗？', '听清楚了。'),
  ];
}

/** The last lines of a record: the party's confirmation and the signatures. */
export function recordClosing(ctx: CaseContext, signer: string, date: string): TextLine[] {
  return [
    line('（以下空白）', { align: 'center', spaceBefore: 4 }),
    line('以上笔录我已看过，与我所说的一致。', { spaceBefore: 8 }),
    line(`当事人（被询问人）签名：${signer}　　${cnDate(date)}`, { spaceBefore: 8 }),
    line(`执法人员签名：${officerNames(ctx)}　　${cnDate(date)}`),
  ];
}
