/**
 * Turns every error into the one reply shape { error: { code, message, details } }.
 * 5xx replies never carry internal messages; they are logged instead.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { ZodError } from 'zod';
import { AppError, formatPath, type ErrorCode } from '../../errors.js';

const LOCATION: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Errors raised by Fastify and its plugins, by their `code`. */
const FRAMEWORK_ERRORS: Record<string, { status: number; code: ErrorCode; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'invalid_json', message: '请求体不是合法的 JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'invalid_json', message: '请求体为空，应为 JSON' },
  FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'request_too_large', message: '请求体过大' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'unsupported_media_type', message: '不支持的 Content-Type' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'bad_request', message: 'Content-Length 与请求体不符' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: { status: 415, code: 'unsupported_media_type', message: '上传文件须使用 multipart/form-data' },
  FST_REQ_FILE_TOO_LARGE: { status: 413, code: 'file_too_large', message: '文件超过大小上限' },
  FST_FILES_LIMIT: { status: 413, code: 'too_many_files', message: '文件数量超过上限' },
  FST_PARTS_LIMIT: { status: 413, code: 'too_many_files', message: '表单分段数量超过上限' },
  FST_FIELDS_LIMIT: { status: 413, code: 'request_too_large', message: '表单字段数量超过上限' },
  FST_PROTO_VIOLATION: { status: 400, code: 'invalid_json', message: '请求体包含不允许的属性（__proto__）' },
};

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | AppError | ZodError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.statusCode).send(error.toJSON());
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const where = LOCATION[error.validationContext ?? 'body'] ?? 'body';
      const details = error.validation.map((issue) => ({
        path: formatPath(issue.instancePath.split('/').filter(Boolean), where),
        message: issue.message,
      }));
      return reply.status(400).send(new AppError(400, 'validation_failed', `请求参数校验失败：${details[0]?.path ?? where}：${details[0]?.message ?? ''}`, details).toJSON());
    }
    if (error instanceof ZodError) {
      const details = error.issues.map((issue) => ({ path: formatPath(issue.path as (string | number)[]), message: issue.message }));
      return reply.status(400).send(new AppError(400, 'validation_failed', `校验失败：${details[0]?.path ?? ''}：${details[0]?.message ?? ''}`, details).toJSON());
    }
    if (isResponseSerializationError(error)) {
      request.log.error({ err: error, issues: error.cause.issues }, 'response did not match its schema');
      return reply.status(500).send(new AppError(500, 'internal_error', '服务器内部错误').toJSON());
    }
    if ('code' in error && error.code === 'SQLITE_CONSTRAINT_UNIQUE') {
      // A race the route's own checks could not see (two identical requests at once).
      return reply.status(409).send(new AppError(409, 'conflict', '与已有记录冲突，请刷新后重试').toJSON());
    }
    const known = 'code' in error && typeof error.code === 'string' ? FRAMEWORK_ERRORS[error.code] : undefined;
    if (known) {
      return reply.status(known.status).send(new AppError(known.status, known.code, known.message).toJSON());
    }
    if (error instanceof SyntaxError && (error as FastifyError).statusCode === 400) {
      return reply.status(400).send(new AppError(400, 'invalid_json', `请求体不是合法的 JSON：${error.message}`).toJSON());
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'unhandled error');
      const code: ErrorCode = status === 503 ? 'service_unavailable' : 'internal_error';
      return reply.status(status).send(new AppError(status, code, status === 503 ? '服务暂不可用' : '服务器内部错误').toJSON());
    }
    return reply.status(status).send(new AppError(status, 'bad_request', error.message).toJSON());
  });

  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send(new AppError(404, 'route_not_found', `接口不存在：${request.method} ${request.url.split('?')[0]}`).toJSON()),
  );
}
