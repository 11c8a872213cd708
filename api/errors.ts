/** The contract's error codes (API.md "Errors") with their HTTP status. */
export const ErrorCode = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  INSUFFICIENT_CREDITS: 402,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  TASK_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMIT_EXCEEDED: 429,
  AGENT_ERROR: 500,
  SERVER_ERROR: 500,
} as const;
export type ErrorCode = keyof typeof ErrorCode;

/**
 * The one error type of the API. Thrown anywhere in a request; the error middleware renders
 * it in the contract's shape. Anything that is not an `ApiError` becomes `SERVER_ERROR`.
 */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    /** Extra members of the `error` object itself (e.g. `retry_after` on 429). */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
    this.status = ErrorCode[code];
  }

  static invalid(field: string, reason: string, message = `Invalid request: ${field} ${reason}`): ApiError {
    return new ApiError('INVALID_REQUEST', message, { field, reason });
  }

  static unauthorized(message = 'Missing, invalid or expired credentials'): ApiError {
    return new ApiError('UNAUTHORIZED', message);
  }

  static notFound(what = 'Resource'): ApiError {
    return new ApiError('NOT_FOUND', `${what} not found`);
  }

  static conflict(message: string, details?: Record<string, unknown>): ApiError {
    return new ApiError('CONFLICT', message, details);
  }
}

export function isApiError(err: unknown): err is ApiError {
  return err instanceof ApiError;
}
