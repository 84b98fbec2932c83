/**
 * 整改清单: the rectification items of a campaign, for one agency or all, agency by agency in
 * name order, each read in keyset pages (case number, issue time) and written as they come.
 *
 * Columns: 序号, 执法单位, 案号, 案由, 问题类别, 问题描述, 扣分, 依据, 整改要求, 整改期限,
 * 整改状态, 整改情况. The rows are those the rectification workflow created at finalization
 * (table rectification_items); this module only reads them.
 */
import type { Writable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { chinaDate, keysetPages, loadCampaign, NO_FINALIZED_FILES, type CampaignInfo } from './bulletin.js';
import { createWorkbookStream, NUM_FMT } from './sheet-writer.js';

export const RECTIFICATION_STATUS_LABELS: Record<string, string> = {
  issued: '待整改',
  answered: '已反馈',
  returned: '已退回',
  verified: '已验收',
};

export const rectificationFileName = (campaign: CampaignInfo, agencyName?: string) => `${campaign.name}${agencyName ? `-${agencyName}` : ''}整改清单.xlsx`;

export async function writeRectificationList(
  db: Kysely<Database>,
  campaignId: string,
  target: Writable | string,
  options: { agencyId?: string; now?: Date } = {},
): Promise<{ campaign: CampaignInfo; agencyName: string | null; rows: number }> {
  const campaign = await loadCampaign(db, campaignId);
  const agencyName = options.agencyId
    ? ((await db.selectFrom('agencies').select('name').where('id', '=', options.agencyId).executeTakeFirst())?.name ?? options.agencyId)
    : null;
  const finalized = await db
    .selectFrom('case_results')
    .innerJoin('case_files', 'case_files.id', 'case_results.case_file_id')
    .select('case_results.id')
    .where('case_files.campaign_id', '=', campaignId)
    .where('case_results.status', '=', 'final')
    .$if(options.agencyId !== undefined, (q) => q.where('case_files.agency_id', '=', options.agencyId!))
    .limit(1)
    .executeTakeFirst();

  const book = createWorkbookStream(target);
  const sheet = book.addSheet('整改清单', {
    title: `${campaign.name}问题整改清单`,
    subtitle: `${agencyName ? `执法单位：${agencyName}　` : ''}评查活动：${campaign.name}（${campaign.kindLabel}）　制表日期：${chinaDate(options.now)}`,
    columns: [
      { header: '序号', key: 'no', width: 6, numFmt: NUM_FMT.integer },
      { header: '执法单位', key: 'agency', width: 24 },
      { header: '案号', key: 'caseNumber', width: 26 },
      { header: '案由', key: 'cause', width: 24 },
      { header: '问题类别', key: 'category', width: 14 },
      { header: '问题描述', key: 'problem', width: 40 },
      { header: '扣分', key: 'deduction', width: 8, numFmt: NUM_FMT.score },
      { header: '依据', key: 'basis', width: 30 },
      { header: '整改要求', key: 'requirement', width: 30 },
      { header: '整改期限', key: 'deadline', width: 12 },
      { header: '整改状态', key: 'status', width: 10 },
      { header: '整改情况', key: 'answer', width: 40 },
    ],
  });

  type Row = Awaited<ReturnType<typeof page>>[number];
  // One agency's items in (case number, issue time, id) order: the index on case files
  // (campaign_id, agency_id, case_number) gives the case-number order from the last key on, and
  // only each case file's few items are sorted — no page sorts all of the agency's items.
  // (An item's campaign and agency are its case file's: both are copied at issue, and case
  // files are never moved.)
  const page = (agencyId: string, after: { case_number: string; created_at: string; id: string } | undefined, size: number) => {
    let q = db
      .selectFrom('case_files')
      .innerJoin('rectification_items as ri', 'ri.case_file_id', 'case_files.id')
      .innerJoin('agencies', 'agencies.id', 'ri.agency_id')
      .select([
        'ri.id',
        'ri.created_at',
        'agencies.name as agency_name',
        'case_files.case_number',
        'case_files.cause',
        'ri.section_title',
        'ri.item_title',
        'ri.problem',
        'ri.deduction',
        'ri.basis',
        'ri.requirement',
        'ri.deadline',
        'ri.status',
        'ri.answer_text',
        'ri.answered_at',
        'ri.return_reason',
        'ri.verified_at',
      ])
      .where('case_files.campaign_id', '=', campaignId)
      .where('case_files.agency_id', '=', agencyId)
      .where('ri.campaign_id', '=', campaignId)
      .where('ri.agency_id', '=', agencyId);
    if (after) {
      q = q
        .where('case_files.case_number', '>=', after.case_number)
        .where(sql<boolean>`(case_files.case_number > ${after.case_number} or (ri.created_at, ri.id) > (${after.created_at}, ${after.id}))`);
    }
    return q.orderBy('case_files.case_number').orderBy('ri.created_at').orderBy('ri.id').limit(size).execute();
  };
  // Agency by agency (index on campaign_id, agency_id), in name order: each page sorts one agency's items only.
  const agencies = options.agencyId
    ? [{ agency_id: options.agencyId }]
    : await db
        .selectFrom('rectification_items as ri')
        .innerJoin('agencies', 'agencies.id', 'ri.agency_id')
        .select(['ri.agency_id', 'agencies.name'])
        .distinct()
        .where('ri.campaign_id', '=', campaignId)
        .orderBy('agencies.name')
        .execute();
  async function* items(): AsyncGenerator<Row> {
    for (const a of agencies) yield* keysetPages<Row>((after, size) => page(a.agency_id, after, size));
  }

  let n = 0;
  for await (const r of items()) {
    const answer = [
      r.answer_text ? `${r.answer_text}${r.answered_at ? `（${chinaDate(new Date(r.answered_at))} 反馈）` : ''}` : '',
      r.status === 'returned' && r.return_reason ? `退回原因：${r.return_reason}` : '',
      r.status === 'verified' && r.verified_at ? `已于 ${chinaDate(new Date(r.verified_at))} 验收` : '',
    ].filter(Boolean);
    await sheet.addRow({
      no: ++n,
      agency: r.agency_name,
      caseNumber: r.case_number,
      cause: r.cause,
      category: r.section_title,
      problem: r.item_title && !r.problem.includes(r.item_title) ? `${r.item_title}：${r.problem}` : r.problem,
      deduction: r.deduction,
      basis: r.basis,
      requirement: r.requirement,
      deadline: r.deadline,
      status: RECTIFICATION_STATUS_LABELS[r.status] ?? r.status,
      answer: answer.join('；'),
    });
  }
  if (n === 0) await sheet.addNote(finalized ? '暂无整改事项' : NO_FINALIZED_FILES);
  await sheet.commit();
  await book.finish();
  return { campaign, agencyName, rows: n };
}
