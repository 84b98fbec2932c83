/** OpenAPI document at /docs/json and the Swagger UI at /docs, generated from the zod schemas. */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';

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
        { name: 'system', description: '运行状态' },
      ],
    },
    transform: (input) => {
      const transformed = jsonSchemaTransform(input);
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
