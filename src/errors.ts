/**
 * The one error type of the API. Every error reply has the shape
 * { "error": { "code", "message", "details" } } where `code` is one of ErrorCode (stable,
 * for programs), `message` is Chinese (for people) and `details` is a list of issues, each
 * with the field `path` it concerns where there is one.
 */
export type ErrorCode =
  | 'validation_failed'
  | 'unauthenticated'
  | 'forbidden'
  | 'too_many_auth_failures'
  | 'last_admin'
  | 'review_finalized'
  | 'review_submitted'
  | 'scheme_in_use'
  | 'bad_request'
  | 'conflict'
  | 'invalid_json'
  | 'unsupported_media_type'
  | 'not_found'
  | 'route_not_found'
  | 'duplicate_case_number'
  | 'duplicate_credit_code'
  | 'duplicate_file'
  | 'invalid_status_transition'
  | 'file_too_large'
  | 'too_many_files'
  | 'no_files'
  | 'empty_file'
  | 'not_pdf'
  | 'pdf_truncated'
  | 'pdf_corrupt'
  | 'pdf_encrypted'
  | 'import_failed'
  | 'request_too_large'
  | 'service_unavailable'
  | 'internal_error';

export interface ErrorDetail {
  /** Where the problem is: a field path such as `body.party.creditCode`, `files[1]` or a sheet cell. */
  path?: string;
  message: string;
  [extra: string]: unknown;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly statusCode: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }

  toJSON() {
    return { error: { code: this.code, message: this.message, details: this.details } };
  }
}

export const notFound = (what: string, id: string) =>
  new AppError(404, 'not_found', `${what}不存在：${id}`, [{ path: 'params.id', message: `未找到 ${id}` }]);

/** `['party', 'officers', 0, 'name']` → `party.officers[0].name`, prefixed with where it was (body, querystring …). */
export function formatPath(segments: readonly (string | number)[], prefix?: string): string {
  let out = prefix ?? '';
  for (const segment of segments) {
    if (typeof segment === 'number' || /^\d+$/.test(segment)) out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}
