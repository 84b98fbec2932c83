/** /api/v1/users, /api/v1/me, /api/v1/tokens — accounts and their API tokens. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ADMIN_ONLY, ALL_ROLES, policy } from '../../auth/policy.js';
import { ROLE_CODES } from '../../auth/principal.js';
import { createAccount, tokenForAudit } from '../../auth/accounts.js';
import { newUserSchema } from '../../domain/user.js';
import { AppError, notFound } from '../../errors.js';
import { pageQuerySchema, pageSchema } from '../../repositories/pagination.js';
import {
  countActiveAdmins,
  findToken,
  findUser,
  issueToken,
  listTokensOfUser,
  listUsers,
  revokeToken,
  softDeleteUser,
  updateUser,
} from '../../repositories/users.js';
import { idParamsSchema, withErrors } from '../schemas.js';

const userSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(ROLE_CODES),
  agencyId: z.string().nullable(),
  affiliation: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  deletedAt: z.string().nullable(),
});

const tokenSchema = z.object({
  id: z.string(),
  userId: z.string(),
  prefix: z.string(),
  label: z.string().nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

/** The one reply that carries a token in clear: right after it is made. */
const issuedTokenSchema = tokenSchema.extend({ token: z.string().describe('令牌明文，只在此时显示一次') });


export const userRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.services;

  app.post(
    '/users',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['users'],
        summary: '新建用户，同时签发一个令牌（令牌明文只返回这一次）',
        description: '角色：admin 司法局管理员；reviewer 评查人员（可属于某执法单位，用于回避，或为外部人员，填 affiliation）；agency 执法单位用户（必须指定 agencyId）。',
        body: newUserSchema,
        response: withErrors({ 201: z.object({ user: userSchema, token: issuedTokenSchema }) }, 400, 404),
      },
    },
    async (request, reply) => {
      const created = await db.transaction().execute(async (trx) => {
        const { user, token, tokenRecord } = await createAccount(trx, request.body);
        await request.audit(trx, { action: 'user.create', entityType: 'user', entityId: user.id, after: { ...user, token: tokenForAudit(tokenRecord) } });
        return { user, token: { ...tokenRecord, token } };
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/users',
    {
      config: policy({ allow: ADMIN_ONLY }),
      schema: {
        tags: ['users'],
        summary: '用户列表',
        querystring: pageQuerySchema.extend({
          role: z.enum(ROLE_CODES).optional(),
          agencyId: z.string().optional(),
          includeDeleted: z.enum(['true', 'false']).transform((v) => v === 'true').optional(),
        }),
        response: withErrors({ 200: pageSchema(userSchema) }, 400),
      },
    },
    async (request) => listUsers(db, request.query),
  );

  app.get(
    '/me',
    { config: policy({ allow: ALL_ROLES }), schema: { tags: ['users'], summary: '当前用户', response: withErrors({ 200: userSchema }, 401) } },
    async (request) => (await findUser(db, request.user().id))!,
  );

  app.get(
    '/users/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'user', scoping: '非管理员只能查看自己' }),
      schema: { tags: ['users'], summary: '用户详情', params: idParamsSchema, response: withErrors({ 200: userSchema }, 404) },
    },
    async (request) => (await findUser(db, request.params.id))!,
  );

  app.patch(
    '/users/:id',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'user' }),
      schema: {
        tags: ['users'],
        summary: '修改用户姓名或所属机构（角色和执法单位不可修改，请新建用户）',
        params: idParamsSchema,
        body: z.object({ name: z.string().trim().min(1).max(100).optional(), affiliation: z.string().trim().max(100).nullable().optional() }).strict(),
        response: withErrors({ 200: userSchema }, 400, 404),
      },
    },
    async (request) =>
      db.transaction().execute(async (trx) => {
        const before = (await findUser(trx, request.params.id))!;
        if (before.deletedAt) throw notFound('用户', request.params.id);
        const after = await updateUser(trx, before.id, request.body);
        await request.audit(trx, { action: 'user.update', entityType: 'user', entityId: before.id, before, after });
        return after;
      }),
  );

  app.delete(
    '/users/:id',
    {
      config: policy({ allow: ADMIN_ONLY, resource: 'user' }),
      schema: {
        tags: ['users'],
        summary: '删除用户（保留记录以供审计，吊销其全部令牌）',
        params: idParamsSchema,
        response: withErrors({ 200: userSchema }, 404, 409),
      },
    },
    async (request) =>
      db.transaction().execute(async (trx) => {
        const before = (await findUser(trx, request.params.id))!;
        if (before.deletedAt) throw notFound('用户', request.params.id);
        if (before.role === 'admin' && (await countActiveAdmins(trx)) <= 1) {
          throw new AppError(409, 'last_admin', '不能删除最后一个管理员', [{ path: 'params.id', message: '最后一个管理员' }]);
        }
        const after = await softDeleteUser(trx, before.id);
        await request.audit(trx, { action: 'user.delete', entityType: 'user', entityId: before.id, before: { deletedAt: null }, after: { deletedAt: after.deletedAt } });
        return after;
      }),
  );

  app.get(
    '/users/:id/tokens',
    {
      config: policy({ allow: ALL_ROLES, resource: 'user', scoping: '非管理员只能查看自己的令牌' }),
      schema: { tags: ['users'], summary: '用户的令牌（不含明文）', params: idParamsSchema, response: withErrors({ 200: z.object({ items: z.array(tokenSchema) }) }, 404) },
    },
    async (request) => ({ items: await listTokensOfUser(db, request.params.id) }),
  );

  app.post(
    '/users/:id/tokens',
    {
      config: policy({ allow: ALL_ROLES, resource: 'user', scoping: '非管理员只能为自己签发令牌' }),
      schema: {
        tags: ['users'],
        summary: '签发新令牌（明文只返回这一次）',
        params: idParamsSchema,
        body: z.object({ label: z.string().trim().max(100).optional() }).strict(),
        response: withErrors({ 201: issuedTokenSchema }, 400, 404),
      },
    },
    async (request, reply) => {
      const issued = await db.transaction().execute(async (trx) => {
        const user = (await findUser(trx, request.params.id))!;
        if (user.deletedAt) throw notFound('用户', request.params.id);
        const token = await issueToken(trx, user.id, request.body.label ?? null);
        await request.audit(trx, { action: 'token.issue', entityType: 'user', entityId: user.id, after: tokenForAudit(token.record) });
        return token;
      });
      return reply.status(201).send({ ...issued.record, token: issued.token });
    },
  );

  app.delete(
    '/tokens/:id',
    {
      config: policy({ allow: ALL_ROLES, resource: 'token', scoping: '非管理员只能吊销自己的令牌' }),
      schema: { tags: ['users'], summary: '吊销令牌', params: idParamsSchema, response: withErrors({ 200: tokenSchema }, 404) },
    },
    async (request) =>
      db.transaction().execute(async (trx) => {
        const before = (await findToken(trx, request.params.id))!;
        const after = await revokeToken(trx, before.id);
        await request.audit(trx, { action: 'token.revoke', entityType: 'user', entityId: before.userId, before: { ...tokenForAudit(before), revokedAt: before.revokedAt }, after: { ...tokenForAudit(after), revokedAt: after.revokedAt } });
        return after;
      }),
  );
};
