/**
 * The catalog of documents found in an administrative enforcement case volume (卷内文书),
 * after the filing orders in shared/domain/review-standards.md §4.4.
 *
 * `code` is the stable identifier used in the API and database; `label` is the Chinese name
 * shown to users; `titles` are the document titles as printed at the top of the first page
 * (the first entry is the canonical title). Detection (detect-documents.ts) matches against
 * `titles`, so a new variant of a title is added here, not in the detector.
 */
export interface DocumentTypeDefinition {
  readonly code: string;
  readonly label: string;
  readonly titles: readonly string[];
}

export const DOCUMENT_TYPES = [
  { code: 'case_cover', label: '卷宗封面', titles: ['卷宗封面', '行政处罚案卷', '行政执法案卷', '行政许可案卷', '行政强制案卷', '案卷封面', '行政处罚案件卷宗', '行政执法案件卷宗'] },
  { code: 'file_index', label: '卷内目录', titles: ['卷内目录', '卷内文件目录', '卷内文书目录', '案卷目录', '卷宗目录'] },
  { code: 'case_source_record', label: '案件来源登记表', titles: ['案件来源登记表', '案件线索登记表'] },
  { code: 'filing_approval', label: '立案审批表', titles: ['立案审批表', '立案（不予立案）审批表', '行政处罚立案审批表', '案件立案审批表', '立案呈批表', '立案登记表', '立案报告表'] },
  { code: 'site_inspection_record', label: '现场检查（勘察）笔录', titles: ['现场检查（勘察）笔录', '现场检查笔录', '现场勘察笔录', '现场勘验笔录', '现场检查记录', '现场检查（勘验）笔录', '现场检查（勘查）笔录', '现场检查勘察笔录', '现场检查（勘察）记录'] },
  { code: 'inquiry_notice', label: '询问通知书', titles: ['询问通知书', '调查询问通知书'] },
  { code: 'inquiry_record', label: '询问笔录', titles: ['询问笔录', '调查询问笔录', '询问（调查）笔录', '调查笔录', '询问调查笔录'] },
  { code: 'evidence_preservation', label: '先行登记保存通知书', titles: ['先行登记保存通知书', '先行登记保存证据通知书', '解除先行登记保存通知书'] },
  { code: 'sampling_record', label: '抽样取证通知书', titles: ['抽样取证通知书', '抽样取证记录', '检测（检验）结果告知书', '检验检测报告'] },
  { code: 'evidence', label: '证据材料', titles: ['证据材料', '证据清单', '证据目录', '现场照片证据', '照片证据', '身份证明材料', '证据提取单'] },
  { code: 'correction_order', label: '责令改正通知书', titles: ['责令改正通知书', '责令改正违法行为决定书', '责令限期改正通知书'] },
  { code: 'investigation_report', label: '案件调查终结报告', titles: ['案件调查终结报告', '调查终结报告', '行政处罚案件调查报告', '案件调查报告', '案件调查处理报告', '调查报告'] },
  { code: 'case_handling_approval', label: '案件处理审批表', titles: ['案件处理审批表', '案件处理内部审批表', '行政处罚决定审批表', '处罚决定审批表', '案件审查表', '案件处理呈批表', '处罚决定呈批表'] },
  { code: 'legal_review', label: '法制审核', titles: ['法制审核意见书', '案件法制审核表', '法制审核表', '重大执法决定法制审核意见书', '法制审核意见', '法制审核意见表', '重大执法决定法制审核表'] },
  { code: 'collective_discussion', label: '集体讨论记录', titles: ['集体讨论记录', '案件集体讨论记录', '重大案件集体讨论记录', '集体讨论笔录', '案件集体讨论笔录', '集体讨论决定记录', '重大案件集体讨论决定记录'] },
  { code: 'penalty_notice', label: '行政处罚事先（听证）告知书', titles: ['行政处罚事先（听证）告知书', '行政处罚事先告知书', '行政处罚听证告知书', '行政处罚告知书', '不予行政处罚事先告知书', '行政处罚（听证）告知书', '行政处罚事先听证告知书', '事先（听证）告知书', '听证告知书', '不予处罚事先告知书'] },
  { code: 'statement_record', label: '陈述申辩笔录', titles: ['陈述申辩笔录', '陈述申辩意见笔录', '陈述、申辩笔录', '陈述申辩复核表', '陈述申辩书', '陈述申辩记录'] },
  { code: 'hearing_notice', label: '听证通知书', titles: ['听证通知书', '行政处罚听证通知书', '听证会通知书'] },
  { code: 'hearing_record', label: '听证笔录', titles: ['听证笔录', '行政处罚听证笔录', '听证会笔录'] },
  { code: 'hearing_report', label: '听证报告', titles: ['听证报告', '听证意见书'] },
  { code: 'penalty_decision', label: '行政处罚决定书', titles: ['行政处罚决定书'] },
  { code: 'no_penalty_decision', label: '不予行政处罚决定书', titles: ['不予行政处罚决定书'] },
  { code: 'onsite_penalty_decision', label: '当场行政处罚决定书', titles: ['当场行政处罚决定书', '当场处罚决定书', '行政处罚决定书（当场）', '行政处罚决定书（简易程序）'] },
  { code: 'service_receipt', label: '送达回证', titles: ['送达回证', '文书送达回证', '送达回执'] },
  { code: 'service_address_confirmation', label: '送达地址确认书', titles: ['送达地址确认书', '送达地址及方式确认书'] },
  { code: 'payment_receipt', label: '罚没款票据', titles: ['罚没款票据', '罚没款收据', '非税收入一般缴款书', '罚款缴纳凭证', '缴款凭证', '行政处罚缴款书', '一般缴款书', '非税收入缴款书', '罚没收入缴款书', '罚款收据'] },
  { code: 'urging_notice', label: '催告书', titles: ['催告书', '履行行政处罚决定催告书', '督促履行义务催告书'] },
  { code: 'enforcement_application', label: '强制执行申请书', titles: ['强制执行申请书', '行政处罚强制执行申请书'] },
  { code: 'license_application', label: '行政许可申请书', titles: ['行政许可申请书', '许可申请书', '申请书'] },
  { code: 'license_material_notice', label: '补正材料通知书', titles: ['补正材料通知书', '行政许可补正材料通知书', '申请材料补正通知书'] },
  { code: 'license_acceptance', label: '受理通知书', titles: ['受理通知书', '行政许可受理通知书', '受理决定书', '不予受理通知书'] },
  { code: 'license_review', label: '许可审查意见', titles: ['许可审查意见表', '行政许可审查意见书', '现场核查记录', '现场核查意见表', '审查意见表'] },
  { code: 'license_decision', label: '行政许可决定书', titles: ['准予行政许可决定书', '行政许可决定书', '不予行政许可决定书'] },
  { code: 'license_certificate', label: '许可证件', titles: ['许可证', '许可证副本', '许可证件送达记录'] },
  { code: 'seizure_approval', label: '查封扣押审批表', titles: ['查封扣押审批表', '实施行政强制措施审批表', '行政强制措施审批表', '查封（扣押）审批表'] },
  { code: 'seizure_decision', label: '查封扣押决定书', titles: ['查封扣押决定书', '查封（扣押）决定书', '实施行政强制措施决定书', '行政强制措施决定书', '查封、扣押决定书', '查封决定书', '扣押决定书'] },
  { code: 'seizure_list', label: '查封扣押清单', titles: ['查封扣押清单', '查封（扣押）财物清单', '查封扣押财物清单', '场所、设施、财物清单', '查封（扣押）清单', '查封、扣押财物清单'] },
  { code: 'coercion_site_record', label: '行政强制措施现场笔录', titles: ['现场笔录', '行政强制措施现场笔录', '查封扣押现场笔录'] },
  { code: 'seizure_extension', label: '延长查封扣押期限决定书', titles: ['延长查封扣押期限决定书', '延长查封（扣押）期限决定书', '延长查封、扣押期限决定书'] },
  { code: 'seizure_release', label: '解除查封扣押决定书', titles: ['解除查封扣押决定书', '解除查封（扣押）决定书', '解除行政强制措施决定书', '解除查封、扣押决定书'] },
  { code: 'closing_approval', label: '结案审批表', titles: ['结案审批表', '结案报告', '行政处罚结案报告', '案件结案审批表', '案件结案报告', '结案呈批表'] },
  { code: 'backup_sheet', label: '卷内备考表', titles: ['卷内备考表', '备考表'] },
  { code: 'other', label: '其他材料', titles: [] },
] as const satisfies readonly DocumentTypeDefinition[];

export type DocumentTypeCode = (typeof DOCUMENT_TYPES)[number]['code'];

export const DOCUMENT_TYPE_CODES = DOCUMENT_TYPES.map((t) => t.code) as [DocumentTypeCode, ...DocumentTypeCode[]];

const byCode = new Map<string, DocumentTypeDefinition>(DOCUMENT_TYPES.map((t) => [t.code, t]));

export function documentTypeLabel(code: string): string {
  return byCode.get(code)?.label ?? code;
}
