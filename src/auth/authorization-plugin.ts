/**
 * Authentication and authorization for every route:
 *   onRequest     — bearer token → principal (401 for a malformed, unknown or revoked token;
 *                   429 after too many failures); then the route's policy: anonymous → 401,
 *                   wrong role → 403. A route without a policy answers nobody (403).
 *                   Resolved tokens are remembered (principal-cache.ts) until users or
 *                   tokens change; a revocation takes effect on the very next request.
 *   preValidation — the record named by `:id` must be visible to the caller, else 404.
 * It also gives each request `audit(db, event)`, which records an audit event in the
 * caller's transaction, and checks that every successful state-changing request did.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { diffChanges, type Snapshot } from '../audit/changes.js';
import type { Database } from '../db/schema.js';
import { nowTimestamp } from '../db/mappers.js';
import { AppError } from '../errors.js';
import { insertAuditEvents } from '../repositories/audit-events.js';
import { findUserByTokenHash, touchToken } from '../repositories/users.js';
import { campaignOfRecord, canAccess, isChiefOnCampaign } from './access.js';
import { createFailureLimiter } from './failure-limiter.js';
import type { RoutePolicy } from './policy.js';
import { ANONYMOUS, type AuthenticatedUser, type Principal } from './principal.js';
import type { PrincipalCache } from './principal-cache.js';
import { hashToken, isWellFormedToken } from './tokens.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    policy?: RoutePolicy;
  }
  interface FastifyRequest {
    principal: Principal;
    /** Set once an audit event has been written for this request. */
    audited: boolean;
    /** The authenticated user; throws 401 for anonymous callers (never happens behind a role policy). */
    user(): AuthenticatedUser;
    audit(db: Kysely<Database>, event: AuditRecord): Promise<void>;
  }
  interface FastifyInstance {
    /** Every route with its policy, as registered: the authorization matrix test walks it. */
    routeRegistry: RegisteredRoute[];
  }
}

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId: string;
  before?: Snapshot | null;
  after?: Snapshot | null;
}

export interface RegisteredRoute {
  method: string;
  url: string;
  policy: RoutePolicy | undefined;
}

export interface AuthorizationOptions {
  db: Kysely<Database>;
  /** Remembers resolved tokens; its watchPlugin must be installed on `db`. */
  principals: PrincipalCache;
  failureLimit: number;
  failureWindowMs: number;
  /** Answer 500 when a successful state-changing request wrote no audit event (tests). */
  strictAudit: boolean;
}

const PUBLIC: RoutePolicy = { allow: 'public' };
/** Last-used times are written at most this often per token (so they are accurate to a minute). */
const TOUCH_INTERVAL_MS = 60_000;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

const unauthenticated = (message: string) => new AppError(401, 'unauthenticated', message);

export function registerAuthorization(app: FastifyInstance, options: AuthorizationOptions): void {
  const { db, principals } = options;
  const limiter = createFailureLimiter({ limit: options.failureLimit, windowMs: options.failureWindowMs });
  app.decorate('routeRegistry', [] as RegisteredRoute[]);
  // Set for every request in onRequest below; null only before that hook has run.
  app.decorateRequest('principal', null as never);
  app.decorateRequest('audited', false);
  app.decorateRequest('user', function (this: FastifyRequest) {
    if (this.principal?.kind !== 'user') throw unauthenticated('需要登录（Authorization: Bearer <令牌>）');
    return this.principal.user;
  });
  app.decorateRequest('audit', async function (this: FastifyRequest, trxOrDb: Kysely<Database>, event: AuditRecord) {
    const actor = this.principal?.kind === 'user' ? { id: this.principal.user.id, name: this.principal.user.name, role: this.principal.user.role } : null;
    await insertAuditEvents(trxOrDb, [
      { actor, requestId: this.id, action: event.action, entityType: event.entityType, entityId: event.entityId, changes: diffChanges(event.before ?? null, event.after ?? null) },
    ]);
    this.audited = true;
  });

  app.addHook('onRoute', (route) => {
    // The documentation routes come from a plugin and are public by nature.
    if (route.url.startsWith('/docs') && !route.config?.policy) route.config = { ...route.config, policy: PUBLIC };
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      app.routeRegistry.push({ method, url: route.url, policy: route.config?.policy });
    }
  });

  async function authenticate(request: FastifyRequest): Promise<Principal> {
    const header = request.headers.authorization;
    if (header === undefined) return ANONYMOUS;
    const wait = limiter.blockedFor(request.ip);
    if (wait > 0) throw new AppError(429, 'too_many_auth_failures', `认证失败次数过多，请 ${wait} 秒后再试`);
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const token = match?.[1];
    if (!token || !isWellFormedToken(token)) {
      limiter.recordFailure(request.ip);
      throw unauthenticated('Authorization 头格式错误，应为 Bearer <令牌>');
    }
    const tokenHash = hashToken(token);
    await principals.checkExternalChanges(db);
    let owner = principals.get(tokenHash);
    if (!owner) {
      const generation = principals.generation;
      const found = await findUserByTokenHash(db, tokenHash);
      if (!found) {
        limiter.recordFailure(request.ip);
        throw unauthenticated('令牌无效、已吊销或其用户已删除');
      }
      owner = { tokenId: found.tokenId, user: found.user, lastUsedWrittenMs: found.lastUsedAt ? Date.parse(found.lastUsedAt) : 0 };
      principals.set(tokenHash, owner, generation);
    }
    const now = Date.now();
    if (now - owner.lastUsedWrittenMs > TOUCH_INTERVAL_MS) {
      // Claimed before the write, so that concurrent requests do not all write it.
      owner.lastUsedWrittenMs = now;
      await touchToken(db, owner.tokenId, nowTimestamp());
    }
    return { kind: 'user', user: owner.user, tokenId: owner.tokenId };
  }

  app.addHook('onRequest', async (request) => {
    request.principal = ANONYMOUS;
    if (request.is404) return;
    request.principal = await authenticate(request);
    const routePolicy = request.routeOptions.config.policy;
    if (!routePolicy) {
      request.log.error({ url: request.routeOptions.url }, 'route has no access policy');
      throw new AppError(403, 'forbidden', '该接口未声明访问策略，拒绝访问');
    }
    if (routePolicy.allow === 'public') return;
    if (request.principal.kind === 'anonymous') throw unauthenticated('需要登录（Authorization: Bearer <令牌>）');
    if (!routePolicy.allow.includes(request.principal.user.role)) {
      throw new AppError(403, 'forbidden', `当前角色（${request.principal.user.role}）无权执行此操作`);
    }
  });

  app.addHook('preValidation', async (request) => {
    const resource = request.routeOptions.config.policy?.resource;
    const id = (request.params as Record<string, unknown> | undefined)?.id;
    if (!resource || typeof id !== 'string' || request.principal?.kind !== 'user') return;
    const user = request.principal.user;
    if (!(await canAccess(db, user, resource, id))) {
      throw new AppError(404, 'not_found', `记录不存在：${id}`, [{ path: 'params.id', message: `未找到 ${id}` }]);
    }
    const must = request.routeOptions.config.policy?.reviewerMust;
    if (user.role !== 'reviewer' || !must) return;
    if (must === 'own_review') {
      const review = await db.selectFrom('reviews').select('reviewer_id').where('id', '=', id).executeTakeFirst();
      if (review?.reviewer_id !== user.id) throw new AppError(403, 'forbidden', '只能修改自己的评查记录');
    } else {
      const campaignId = await campaignOfRecord(db, resource, id);
      if (!campaignId || !(await isChiefOnCampaign(db, campaignId, user.id))) throw new AppError(403, 'forbidden', '只有本次评查活动的评查组长或管理员可以执行此操作');
    }
  });

  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!MUTATING.has(request.method) || reply.statusCode >= 300 || request.audited || request.is404) return payload;
    request.log.error({ url: request.routeOptions.url, method: request.method }, 'state-changing request wrote no audit event');
    if (options.strictAudit) {
      reply.code(500);
      return JSON.stringify(new AppError(500, 'internal_error', `未写入审计事件：${request.method} ${request.routeOptions.url}`).toJSON());
    }
    return payload;
  });
}
