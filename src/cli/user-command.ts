/**
 * `pingcha user add --role <admin|reviewer|agency> --name <姓名> [--agency <id>] [--affiliation <机构>]`:
 * creates a user directly in the database and prints their token once — for bootstrapping,
 * or when no admin token is at hand.
 */
import { parseArgs } from 'node:util';
import { createAccountAudited } from '../auth/accounts.js';
import type { Config } from '../config.js';
import { withDatabase } from './with-database.js';
import { newUserSchema } from '../domain/user.js';
import { formatPath } from '../errors.js';

const USAGE = '用法: pingcha user add --role <admin|reviewer|agency> --name <姓名> [--agency <执法单位id>] [--affiliation <所属机构>] [--label <令牌备注>]';

export async function runUserCommand(config: Config, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== 'add') {
    console.error(USAGE);
    return 1;
  }
  const { values } = parseArgs({
    args: rest,
    options: { role: { type: 'string' }, name: { type: 'string' }, agency: { type: 'string' }, affiliation: { type: 'string' }, label: { type: 'string' } },
  });
  const parsed = newUserSchema.safeParse({ name: values.name, role: values.role, agencyId: values.agency, affiliation: values.affiliation, tokenLabel: values.label ?? '命令行创建' });
  if (!parsed.success) {
    const flag: Record<string, string> = { agencyId: 'agency', tokenLabel: 'label' };
    for (const issue of parsed.error.issues) {
      const field = formatPath(issue.path as string[]);
      console.error(`  --${flag[field] ?? field}: ${issue.message}`);
    }
    console.error(USAGE);
    return 1;
  }
  return withDatabase(config, async (db) => {
    const account = await createAccountAudited(db, parsed.data, null, 'user.create_cli');
    console.log(`已创建用户：${account.user.name}（${account.user.role}） id=${account.user.id}`);
    console.log(`令牌（只显示这一次）：${account.token}`);
    return 0;
  });
}
