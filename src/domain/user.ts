/** Users: the input rules shared by the API and the CLI. Pure. */
import { z } from 'zod';
import { ROLE_CODES } from '../auth/principal.js';

export const newUserSchema = z
  .object({
    name: z.string().trim().min(1, '姓名不能为空').max(100),
    role: z.enum(ROLE_CODES),
    /** Required for agency users; for a reviewer, the agency they work for (recusal). */
    agencyId: z.string().min(1).optional(),
    /** For external reviewers: 律师事务所, 检察院, 专家 … */
    affiliation: z.string().trim().min(1).max(100).optional(),
    tokenLabel: z.string().trim().max(100).optional(),
  })
  .strict()
  .superRefine((u, ctx) => {
    if (u.role === 'agency' && !u.agencyId) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: '执法单位用户必须指定所属执法单位' });
    if (u.role === 'admin' && u.agencyId) ctx.addIssue({ code: 'custom', path: ['agencyId'], message: '管理员不属于执法单位' });
  });
export type NewUserInput = z.infer<typeof newUserSchema>;
