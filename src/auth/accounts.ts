/**
 * Creating a user together with their first token, for the API, the CLI and the first start.
 * The plain token exists only in the return value.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import type { NewUserInput } from '../domain/user.js';
import { AppError } from '../errors.js';
import { findAgency } from '../repositories/agencies.js';
import { insertAuditEvents, type AuditActor } from '../repositories/audit-events.js';
import { countUsers, insertUser, issueToken, type ApiToken, type User } from '../repositories/users.js';
import { diffChanges } from '../audit/changes.js';

export interface CreatedAccount {
  user: User;
  token: string;
  tokenRecord: ApiToken;
}

/** What the audit trail keeps of a token: never the token or its hash. */
export const tokenForAudit = (t: ApiToken) => ({ tokenId: t.id, prefix: t.prefix, label: t.label });

export async function createAccount(trx: Kysely<Database>, input: NewUserInput): Promise<CreatedAccount> {
  if (input.agencyId && !(await findAgency(trx, input.agencyId))) {
    throw new AppError(404, 'not_found', `执法单位不存在：${input.agencyId}`, [{ path: 'body.agencyId', message: '执法单位不存在' }]);
  }
  const { tokenLabel, ...fields } = input;
  const user = await insertUser(trx, fields);
  const issued = await issueToken(trx, user.id, tokenLabel ?? null);
  return { user, token: issued.token, tokenRecord: issued.record };
}

/** Creates an account outside any HTTP request (CLI, first start) and audits it. */
export async function createAccountAudited(db: Kysely<Database>, input: NewUserInput, actor: AuditActor | null, action: string): Promise<CreatedAccount> {
  return db.transaction().execute(async (trx) => {
    const account = await createAccount(trx, input);
    await insertAuditEvents(trx, [
      { actor, requestId: null, action, entityType: 'user', entityId: account.user.id, changes: diffChanges(null, { ...account.user, token: tokenForAudit(account.tokenRecord) }) },
    ]);
    return account;
  });
}

/** On a database with no users at all, creates the first admin; otherwise does nothing. */
export async function ensureFirstAdmin(db: Kysely<Database>): Promise<CreatedAccount | null> {
  if ((await countUsers(db)) > 0) return null;
  return createAccountAudited(db, { name: '管理员', role: 'admin', tokenLabel: '首次启动' }, null, 'user.bootstrap');
}
