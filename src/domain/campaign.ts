/** Review campaigns (评查活动): kinds, the status life cycle and validation. Pure. */
import { z } from 'zod';
import { isoDate } from './case-file.js';

export const CAMPAIGN_KINDS = {
  self_check: '自查',
  concentrated: '集中评查',
  spot_check: '抽查',
  cross: '交叉评查',
} as const;
export type CampaignKind = keyof typeof CAMPAIGN_KINDS;

export const CAMPAIGN_STATUSES = {
  draft: '草稿',
  open: '收卷中',
  reviewing: '评查中',
  closed: '已结束',
} as const;
export type CampaignStatus = keyof typeof CAMPAIGN_STATUSES;

/** draft → open → reviewing → closed; a campaign may go back from reviewing to open to take in late files. */
const TRANSITIONS: Record<CampaignStatus, readonly CampaignStatus[]> = {
  draft: ['open'],
  open: ['reviewing'],
  reviewing: ['open', 'closed'],
  closed: [],
};

export function canTransition(from: CampaignStatus, to: CampaignStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export function allowedTransitions(from: CampaignStatus): readonly CampaignStatus[] {
  return TRANSITIONS[from];
}

export const campaignKind = z.enum(Object.keys(CAMPAIGN_KINDS) as [CampaignKind, ...CampaignKind[]]);
export const campaignStatus = z.enum(Object.keys(CAMPAIGN_STATUSES) as [CampaignStatus, ...CampaignStatus[]]);

export const campaignInputSchema = z
  .object({
    name: z.string().trim().min(2, '活动名称不能为空').max(200),
    year: z.number().int().min(2000).max(2100),
    kind: campaignKind,
    scopeStart: isoDate.optional(),
    scopeEnd: isoDate.optional(),
    description: z.string().trim().max(2000).optional(),
    /** Days agencies get to rectify each problem found (default 30). */
    rectificationDays: z.number().int().min(1).max(365).optional(),
  })
  .strict()
  .refine((c) => !c.scopeStart || !c.scopeEnd || c.scopeStart <= c.scopeEnd, {
    path: ['scopeEnd'],
    message: '案卷范围的结束日期早于开始日期',
  });
export type CampaignInput = z.infer<typeof campaignInputSchema>;
