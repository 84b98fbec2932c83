/** OpenAPI document at /docs/json and the Swagger UI at /docs, generated from the zod schemas. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { PolicyConfig } from '../../auth/policy.js';

const ROLE_NAMES: Record<string, string> = { admin: '管理员', reviewer: '评查人员', agency: '执法单位' };

/** Appends who may call the route (from its policy) to its OpenAPI description. */
function withPolicyNote<T extends { schema: object }>(transformed: T, config: Partial<PolicyConfig> | undefined): T {
  const p = config?.policy;
  if (!p) return transformed;
  const who = p.allow === 'public' ? '公开，无需令牌' : p.allow.map((r) => ROLE_NAMES[r] ?? r).join('、');
  const note = `权限：${who}${p.scoping ? `；${p.scoping}` : ''}${p.resource ? '；无权查看的记录返回 404' : ''}`;
  const existing = (transformed.schema as { description?: string }).description;
  const description = existing ? `${existing}\n\n${note}` : note;
  return { ...transformed, schema: { ...transformed.schema, description, ...(p.allow === 'public' && { security: [] }) } };
}

/** Routes that take multipart uploads set `config.multipartFields`; zod cannot describe file parts. */
export interface MultipartDoc {
  multipartFields: Record<string, { description: string; multiple?: boolean }>;
}

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'pingcha 案卷评查 API',
        description: '行政执法案卷评查服务：执法单位、评查活动、案卷、卷内文书上传与文字抽取。错误统一为 { "error": { "code", "message", "details" } }。',
        version: '0.1.0',
      },
      tags: [
        { name: 'agencies', description: '执法单位' },
        { name: 'campaigns', description: '评查活动' },
        { name: 'case-files', description: '案卷' },
        { name: 'documents', description: '卷内文书与上传文件' },
        { name: 'jobs', description: '抽取任务' },
        { name: 'users', description: '用户与令牌' },
        { name: 'audit', description: '审计记录' },
        { name: 'schemes', description: '评查标准' },
        { name: 'reviews', description: '评查、比较、定稿' },
        { name: 'prechecks', description: '机检' },
        { name: 'registers', description: '案件台账' },
        { name: 'samplings', description: '抽查' },
        { name: 'rectification', description: '整改' },
        { name: 'exports', description: '报表导出' },
        { name: 'system', description: '运行状态' },
      ],
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'API 令牌（pc_ 开头）' } } },
      security: [{ bearerAuth: [] }],
    },
    transform: (input) => {
      const transformed = withPolicyNote(jsonSchemaTransform(input), input.route.config as Partial<PolicyConfig> | undefined);
      const fields = (input.route.config as Partial<MultipartDoc> | undefined)?.multipartFields;
      if (!fields) return transformed;
      const properties = Object.fromEntries(
        Object.entries(fields).map(([name, f]) => [
          name,
          f.multiple
            ? { type: 'array', items: { type: 'string', format: 'binary' }, description: f.description }
            : { type: 'string', format: 'binary', description: f.description },
        ]),
      );
      return {
        ...transformed,
        schema: { ...transformed.schema, consumes: ['multipart/form-data'], body: { type: 'object', properties, required: Object.keys(fields) } },
      };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
}
