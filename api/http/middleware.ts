import type { ErrorRequestHandler, NextFunction, Request, RequestHandler, Response } from 'express';
import { newId } from '../../lib/ids';
import { redactUrl, type Logger } from '../../lib/logger';
import { ApiError, isApiError } from '../errors';
import { bodyNotAnObject } from './validation';

/** Gives every request a `req_…` ID, a child logger bound to it, and the `X-Request-Id` header. */
export function requestContext(logger: Logger): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    req.requestId = newId('request');
    req.log = logger.child({ request_id: req.requestId });
    res.setHeader('X-Request-Id', req.requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      req.log.info(
        { method: req.method, url: redactUrl(req.originalUrl), status: res.statusCode, duration_ms: Math.round(ms * 10) / 10, user_id: req.principal?.userId },
        'request',
      );
    });
    next();
  };
}

/** Unknown route → 404 NOT_FOUND in the contract's shape. */
export const notFound: RequestHandler = (req) => {
  throw new ApiError('NOT_FOUND', `No route for ${req.method} ${req.path}`);
};

/** An error in the contract's shape (API.md "Errors"): `{error: {code, message, details?, …extra, request_id, documentation_url}}`. */
export function errorBody(err: ApiError, requestId: string, docsBaseUrl: string) {
  return {
    error: {
      code: err.code,
      message: err.message,
      ...(err.details ? { details: err.details } : {}),
      ...err.extra,
      request_id: requestId,
      documentation_url: `${docsBaseUrl}/errors/${err.code}`,
    },
  };
}

/** Writes an error in the contract's shape (API.md "Errors"). */
export function sendError(res: Response, requestId: string, err: ApiError, docsBaseUrl: string): void {
  res.status(err.status).json(errorBody(err, requestId, docsBaseUrl));
}

/**
 * The one error middleware. ApiErrors are rendered as they are; body-parser's errors become
 * 400/413; anything else is logged whole and answered as SERVER_ERROR with no stack trace.
 */
export function errorHandler(docsBaseUrl: string): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const requestId = req.requestId ?? newId('request');
    if (!res.getHeader('X-Request-Id')) res.setHeader('X-Request-Id', requestId);
    const apiError = toApiError(err);
    // What we threw on purpose says enough; anything else is logged whole.
    if (apiError.code === 'SERVER_ERROR' && !isApiError(err)) {
      (req.log ?? console).error({ err }, 'unhandled error');
    }
    if (res.headersSent) {
      res.end();
      return;
    }
    sendError(res, requestId, apiError, docsBaseUrl);
  };
}

function toApiError(err: unknown): ApiError {
  if (isApiError(err)) return err;
  // The router could not decode a path parameter (`%ff`, `%ED%A0%80`: a lone surrogate's only
  // spelling in a URL): the client's mistake, said as such.
  if (err instanceof URIError) {
    return new ApiError('INVALID_REQUEST', 'Invalid path: a percent-escape does not decode to UTF-8 text', { field: 'path', reason: 'is not valid percent-encoded UTF-8' });
  }
  const type = (err as { type?: unknown } | null)?.type;
  if (type === 'entity.parse.failed') {
    // Strict JSON parsing takes objects and arrays only: valid JSON of another kind ("pro", null,
    // 5) is said as such, not called malformed.
    const kind = jsonKind((err as { body?: unknown }).body);
    if (kind) return bodyNotAnObject(kind);
    return new ApiError('INVALID_REQUEST', 'Malformed JSON in request body', { field: 'body', reason: 'malformed JSON' });
  }
  if (type === 'entity.too.large') {
    const limit = (err as { limit?: number }).limit;
    return new ApiError('PAYLOAD_TOO_LARGE', 'Request body is too large', { limit_bytes: limit });
  }
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return new ApiError('INVALID_REQUEST', 'Unsupported body encoding', { field: 'body', reason: String(type) });
  }
  // Any other error body-parser marks as the client's (4xx: a gzip or br body that does not
  // decompress, an aborted upload) is the client's: a 400, never a 500.
  const { status, expose } = (err ?? {}) as { status?: unknown; expose?: unknown };
  if (expose === true && typeof status === 'number' && status >= 400 && status < 500) {
    return new ApiError('INVALID_REQUEST', `The request body could not be read: ${(err as Error).message}`, { field: 'body', reason: typeof type === 'string' ? type : 'unreadable' });
  }
  return new ApiError('SERVER_ERROR', 'An unexpected error occurred');
}

/** `a string`, `null`, `a number` or `a boolean` for a body that is valid JSON of that kind; undefined otherwise. */
function jsonKind(body: unknown): string | undefined {
  if (typeof body !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (value === null) return 'null';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return `a ${typeof value}`;
  return undefined;
}
