/**
 * The machine pre-check rules (机检规则) by id, with what each checks and its legal basis.
 * Scheme items name the rules that bear on them; a scheme naming an id that is not here is
 * invalid. The rules themselves are implemented by the pre-check engine; this catalog is the
 * one list of their ids.
 */
export interface MachineRuleDefinition {
  readonly id: string;
  readonly title: string;
  readonly basis: string;
}

export const MACHINE_RULES = [
  { id: 'documents.required_present', title: '必备文书齐全（立案审批表、笔录、调查报告、告知书、决定书、送达回证、结案审批表等）', basis: '各评查标准“文书缺失”条款' },
  { id: 'officers.two_with_certificates', title: '执法人员不少于两人且均有执法证号', basis: '《中华人民共和国行政处罚法》第四十二条' },
  { id: 'party.name_consistent', title: '当事人名称在各文书中一致', basis: '生态环境行政执法案卷评查细则（2024年版）合法性第3项' },
  { id: 'party.identifier_valid', title: '统一社会信用代码或身份证号码校验位正确', basis: 'GB 32100-2015；GB 11643-1999' },
  { id: 'case_number.format', title: '案号、文号格式规范（六角括号年份、机关代字、序号）', basis: '文书制作规范' },
  { id: 'filing.timely', title: '立案在规定期限内', basis: '《市场监督管理行政处罚程序规定》第十八条等' },
  { id: 'decision.within_90_days', title: '自立案之日起九十日内作出处罚决定', basis: '《中华人民共和国行政处罚法》第六十条' },
  { id: 'notice.before_decision', title: '作出决定前告知拟处罚内容及陈述、申辩、听证权利', basis: '《中华人民共和国行政处罚法》第四十四条、第六十二条' },
  { id: 'notice.statement_period_5_working_days', title: '告知后留足五个工作日陈述申辩期限', basis: '《中华人民共和国行政处罚法》第六十四条、第八十五条' },
  { id: 'hearing.notice_7_days', title: '听证七日前通知当事人', basis: '《中华人民共和国行政处罚法》第六十四条' },
  { id: 'hearing.right_notified', title: '符合听证条件的告知听证权利', basis: '《中华人民共和国行政处罚法》第六十三条' },
  { id: 'decision.not_heavier_than_notice', title: '决定处罚不重于告知的拟处罚（不因申辩加重）', basis: '《中华人民共和国行政处罚法》第四十五条' },
  { id: 'decision.statutory_elements', title: '处罚决定书载明六项法定内容并加盖印章', basis: '《中华人民共和国行政处罚法》第五十九条' },
  { id: 'decision.remedy_clause', title: '告知复议（六十日）和诉讼（六个月）途径、期限及机关全称', basis: '《中华人民共和国行政复议法》第二十条；《中华人民共和国行政诉讼法》第四十六条' },
  { id: 'decision.amounts_consistent', title: '告知书、决定书、缴款凭证中的金额一致', basis: '文书制作规范' },
  { id: 'service.within_7_days', title: '决定书当场交付或七日内送达', basis: '《中华人民共和国行政处罚法》第六十一条' },
  { id: 'service.receipt_complete', title: '送达回证要素齐全（受送达人签收、日期、送达方式）', basis: '《中华人民共和国民事诉讼法》第八十七条' },
  { id: 'citation.specific', title: '引用法律条文具体到条、款、项', basis: '北京市行政处罚案卷评查评分细则 30.15' },
  { id: 'citation.exists', title: '引用的法律及条文真实存在且现行有效', basis: '《中华人民共和国行政处罚法》第三十七条' },
  { id: 'legal_review.when_required', title: '重大执法决定经法制审核', basis: '《中华人民共和国行政处罚法》第五十八条' },
  { id: 'collective_discussion.when_required', title: '情节复杂或重大违法行为经负责人集体讨论', basis: '《中华人民共和国行政处罚法》第五十七条' },
  { id: 'simple_procedure.amount_limit', title: '简易程序限于警告或对公民二百元、对法人或其他组织三千元以下罚款', basis: '《中华人民共和国行政处罚法》第五十一条' },
  { id: 'time_bar.two_years', title: '违法行为在二年（涉及公民生命健康安全、金融安全且有危害后果的五年）内发现', basis: '《中华人民共和国行政处罚法》第三十六条' },
  { id: 'payment.within_15_days', title: '罚款在收到决定书之日起十五日内缴纳或依法处理', basis: '《中华人民共和国行政处罚法》第六十七条' },
  { id: 'records.signed_every_page', title: '笔录逐页签名、末页确认并注明日期', basis: '文书制作规范' },
  { id: 'archive.within_30_days', title: '结案后三十日内归档', basis: '文书立卷归档规范' },
  { id: 'license.acceptance_5_days', title: '材料不齐的五日内一次告知补正', basis: '《中华人民共和国行政许可法》第三十二条' },
  { id: 'license.decision_20_working_days', title: '受理之日起二十日内作出许可决定（延长须批准并告知）', basis: '《中华人民共和国行政许可法》第四十二条、第八十二条' },
  { id: 'license.certificate_10_days', title: '决定之日起十日内颁发、送达许可证件', basis: '《中华人民共和国行政许可法》第四十四条' },
  { id: 'license.two_verifiers', title: '实质审查由两名以上工作人员进行', basis: '《中华人民共和国行政许可法》第三十四条' },
  { id: 'coercion.period_30_days', title: '查封、扣押期限不超过三十日，延长须经批准并书面告知', basis: '《中华人民共和国行政强制法》第二十五条' },
  { id: 'coercion.site_record', title: '实施查封扣押制作现场笔录并由当事人和执法人员签名', basis: '《中华人民共和国行政强制法》第十八条' },
  { id: 'dates.chain_in_order', title: '立案、调查、告知、决定、送达、结案日期先后有序', basis: '《中华人民共和国行政处罚法》第五十四条至第六十一条' },
  { id: 'case_number.consistent', title: '同一案件各文书中的案号、决定书文号一致', basis: '文书制作规范' },
  { id: 'party.identifier_consistent', title: '当事人统一社会信用代码或身份证号码在各文书中一致', basis: '文书制作规范' },
  { id: 'amounts.figures_agree', title: '金额的大写与阿拉伯数字一致', basis: '文书制作规范' },
  { id: 'text.template_leftovers', title: '文书无模板残留（“你（单位）”、未填空白、XX、定案文书中的“涉嫌”等）', basis: '文书制作规范' },
  { id: 'citation.law_version', title: '引用条文与文书日期时施行的法律版本相符（2021年7月15日前后行政处罚法条文序号不同）', basis: '《中华人民共和国行政处罚法》（2021年修订）' },
  { id: 'coercion.decision_elements', title: '查封扣押决定书载明法定事项并附清单', basis: '《中华人民共和国行政强制法》第二十四条' },
] as const satisfies readonly MachineRuleDefinition[];

export type MachineRuleId = (typeof MACHINE_RULES)[number]['id'];

const byId = new Map<string, MachineRuleDefinition>(MACHINE_RULES.map((r) => [r.id, r]));

export function findMachineRule(id: string): MachineRuleDefinition | undefined {
  return byId.get(id);
}
