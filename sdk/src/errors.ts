/**
 * Every failure the SDK reports: the API's error object (API.md "Errors"), or a request that
 * never got an answer (`status` 0, `code` `NETWORK_ERROR`). A call cancelled through its
 * `AbortSignal` rejects with the signal's reason (an `AbortError` `DOMException`) instead.
 */
export class CodexApiError extends Error {
  override readonly name = 'CodexApiError';
  /** The HTTP status; 0 when no answer came (network error, after the retries). */
  readonly status: number;
  /** API.md's error code: `INVALID_REQUEST`, `UNAUTHORIZED`, `NOT_FOUND`, `RATE_LIMIT_EXCEEDED`, …, or `NETWORK_ERROR`. */
  readonly code: string;
  /** The error's `details` (e.g. `{field, reason}` for `INVALID_REQUEST`). */
  readonly details: Record<string, unknown> | undefined;
  /** The server's `request_id` (`req_…`, also the `X-Request-Id` header): quote it to support. */
  readonly requestId: string | undefined;
  /** The server's `documentation_url` for this code. */
  readonly documentationUrl: string | undefined;
  /** Seconds to wait before trying again (429's `retry_after`, or the `Retry-After` header). */
  readonly retryAfter: number | undefined;
  /** The whole error object as the server sent it (429 adds `tier`, `limit`, `reset_at`). */
  readonly body: Record<string, unknown> | undefined;

  constructor(init: {
    status: number;
    code: string;
    message: string;
    details?: Record<string, unknown>;
    requestId?: string;
    documentationUrl?: string;
    retryAfter?: number;
    body?: Record<string, unknown>;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.status = init.status;
    this.code = init.code;
    this.details = init.details;
    this.requestId = init.requestId;
    this.documentationUrl = init.documentationUrl;
    this.retryAfter = init.retryAfter;
    this.body = init.body;
  }

  /**
   * The error an answer carries. A body that is not API.md's shape (a proxy's HTML page, say)
   * still gives an error: code from the status, message from the status text.
   */
  static async fromResponse(response: Response): Promise<CodexApiError> {
    const text = await response.text().catch(() => '');
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // not JSON: kept as text
    }
    return CodexApiError.fromBody(response, parsed);
  }

  /** The error of an answer whose body was read already (`body`: parsed JSON, or the text). */
  static fromBody(response: Response, body: unknown): CodexApiError {
    const text = typeof body === 'string' ? body : '';
    const wrapped = isRecord(body) ? body.error : undefined;
    const error = isRecord(wrapped) ? wrapped : undefined;
    const header = response.headers.get('retry-after');
    const retryAfter = typeof error?.retry_after === 'number' ? error.retry_after : header && /^\d+$/.test(header) ? Number(header) : undefined;
    return new CodexApiError({
      status: response.status,
      code: typeof error?.code === 'string' ? error.code : codeOfStatus(response.status),
      message: typeof error?.message === 'string' ? error.message : `${response.status} ${response.statusText || 'error'}${text && !error ? `: ${text.slice(0, 200)}` : ''}`,
      details: isRecord(error?.details) ? error.details : undefined,
      requestId: typeof error?.request_id === 'string' ? error.request_id : (response.headers.get('x-request-id') ?? undefined),
      documentationUrl: typeof error?.documentation_url === 'string' ? error.documentation_url : undefined,
      retryAfter,
      body: error,
    });
  }

  /** A request that got no answer (connection refused or cut, DNS), after the SDK's retries. */
  static network(cause: unknown, what: string): CodexApiError {
    const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
    return new CodexApiError({ status: 0, code: 'NETWORK_ERROR', message: `${what}: no answer (${reason})`, cause });
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** API.md's code for an HTTP status, for answers that carry no error object. */
function codeOfStatus(status: number): string {
  const codes: Record<number, string> = {
    400: 'INVALID_REQUEST',
    401: 'UNAUTHORIZED',
    402: 'INSUFFICIENT_CREDITS',
    403: 'FORBIDDEN',
    404: 'NOT_FOUND',
    405: 'METHOD_NOT_ALLOWED',
    408: 'TASK_TIMEOUT',
    409: 'CONFLICT',
    413: 'PAYLOAD_TOO_LARGE',
    429: 'RATE_LIMIT_EXCEEDED',
  };
  return codes[status] ?? (status >= 500 ? 'SERVER_ERROR' : 'INVALID_REQUEST');
}

/** Any error of this SDK (an API error or a request that got no answer). */
export function isCodexApiError(error: unknown): error is CodexApiError {
  return error instanceof CodexApiError;
}

const hasCode = (code: string) => (error: unknown): error is CodexApiError => error instanceof CodexApiError && error.code === code;

/** 400 `INVALID_REQUEST`: `details.field` names the field, `details.reason` says why. */
export const isInvalidRequestError = hasCode('INVALID_REQUEST');
/** 401 `UNAUTHORIZED`: missing, invalid or expired credentials (after one refresh, when the SDK has a refresh token). */
export const isUnauthorizedError = hasCode('UNAUTHORIZED');
/** 402 `INSUFFICIENT_CREDITS`: the month's agent runs are used up (`details.requests_used`, `requests_limit`, `upgrade_url`). */
export const isInsufficientCreditsError = hasCode('INSUFFICIENT_CREDITS');
/** 403 `FORBIDDEN`. */
export const isForbiddenError = hasCode('FORBIDDEN');
/** 404 `NOT_FOUND` (also another user's resource). */
export const isNotFoundError = hasCode('NOT_FOUND');
/** 409 `CONFLICT`: a finished task, a stale `If-Match`, an `Idempotency-Key` reused with another body, … */
export const isConflictError = hasCode('CONFLICT');
/** 429 `RATE_LIMIT_EXCEEDED`, once the SDK's retries are spent: `retryAfter` says how long to wait. */
export const isRateLimitError = hasCode('RATE_LIMIT_EXCEEDED');
/** No answer came (status 0). */
export const isNetworkError = hasCode('NETWORK_ERROR');
