/**
 * The project's one error vocabulary. Every layer (config, ingest, services, HTTP) throws an AppError;
 * the HTTP layer renders it as RFC 9457 problem details and the CLIs print `detail` plus each issue.
 * Anything that is not an AppError is a bug and becomes a logged 500 (or exit code 1) without leaking internals.
 */

/** One problem with one input field or location. `path` is a field path (`["paragraphs", 2, "text"]`)
 * or, for text input, a location such as `["line", 14]`. */
export interface ErrorIssue {
  path: (string | number)[];
  message: string;
}

export type ErrorCode =
  | 'bad_request' // 400: malformed input (syntax, wrong type, unknown field)
  | 'unauthorized' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'method_not_allowed' // 405: the path exists, not with this method (Allow lists those it has)
  | 'not_acceptable' // 406: no representation the client's Accept allows
  | 'conflict' // 409: unique clash, still referenced, etc.
  | 'precondition_failed' // 412: stale If-Match
  | 'payload_too_large' // 413
  | 'unsupported_media_type' // 415
  | 'unprocessable' // 422: well-formed but semantically wrong (e.g. an article text that is only a related block)
  | 'precondition_required' // 428: missing If-Match
  | 'too_many_requests' // 429
  | 'unavailable' // 503: database unreachable or busy
  | 'invalid_config' // configuration refused at boot
  | 'internal'; // 500

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  precondition_required: 428,
  too_many_requests: 429,
  unavailable: 503,
  invalid_config: 500,
  internal: 500,
};

const TITLE: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  method_not_allowed: 'Method not allowed',
  not_acceptable: 'Not acceptable',
  conflict: 'Conflict',
  precondition_failed: 'Edited by someone else',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable content',
  precondition_required: 'If-Match required',
  too_many_requests: 'Too many requests',
  unavailable: 'Service unavailable',
  invalid_config: 'Invalid configuration',
  internal: 'Internal error',
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly title: string;
  readonly issues: ErrorIssue[];

  constructor(code: ErrorCode, detail: string, options: { issues?: ErrorIssue[]; cause?: unknown } = {}) {
    super(detail, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.status = STATUS[code];
    this.title = TITLE[code];
    this.issues = options.issues ?? [];
  }

  /** Human-readable text for CLIs and logs: the detail, then one line per issue. */
  describe(): string {
    const lines = this.issues.map((i) => `  - ${i.path.length ? `${i.path.join('.')}: ` : ''}${i.message}`);
    return [this.message, ...lines].join('\n');
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
