import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import express, { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { z } from 'zod';
import { hasScope, type Scope } from '../auth/scopes';
import type { RateLimits } from '../limits/rate-limits';
import { ApiError, ErrorCode } from '../errors';
import type { Principal } from './request-context';
import { ErrorResponse } from './schemas';
import { checkStorable, validate } from './validation';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';
type AnyObject = z.ZodObject<z.ZodRawShape>;

export interface HandlerContext<B, Q, P> {
  req: Request;
  res: Response;
  body: B;
  query: Q;
  params: P;
  /** The route's declared `headers`, validated, by their declared names. */
  headers: Record<string, unknown>;
  /** Set on authenticated routes (the default), unless the request came with a share token. */
  principal: Principal;
  /**
   * On `shareable` routes: the `X-Share-Token` the request came with instead of credentials
   * (then `principal` is not set). The handler decides what that token may read.
   */
  shareToken?: string;
  /** Answers with another status than the route's success status (e.g. 503 from /readyz). */
  setStatus: (status: number) => void;
}

/**
 * An OpenAPI link from a success answer to another operation: what a client (or a stateful
 * fuzzer) does next with what it got, e.g. `{ operationId: 'getTask', parameters: { task_id: '$response.body#/task_id' } }`.
 */
export interface RouteLink {
  operationId: string;
  parameters: Record<string, string>;
  description?: string;
}

export interface RouteSpec<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType> {
  method: Method;
  /** OpenAPI-style path: `/v1/auth/api-keys/{id}`. */
  path: string;
  /** The operation's name in the document (links refer to it), e.g. `getTask`. */
  operationId: string;
  summary: string;
  description?: string;
  tag: string;
  /** Whether a credential is required. Default true. */
  auth?: boolean;
  /**
   * The route starts agents (execute, orchestrate): when rate limits cannot be checked it is
   * refused rather than let through uncounted.
   */
  startsWork?: boolean;
  /** Counted against the per-minute limit but never refused (upgrading must stay possible at the limit). */
  rateLimitCountOnly?: boolean;
  /**
   * An unauthenticated route limited per client address (register, login, refresh), and per
   * email address when `email` reads one from the validated body.
   */
  anonymousLimit?: { email?: (body: z.output<B>) => string | undefined };
  /**
   * A read route a share link opens too: a request with `X-Share-Token` and no credentials
   * reaches the handler with `shareToken` set (limited per client address like the
   * unauthenticated routes).
   */
  shareable?: boolean;
  /** Scope the credential must carry (API keys can be limited); missing → 403 FORBIDDEN. */
  scope?: Scope;
  /** Role the caller's account must have (`admin`: the admin API); any other → 403 FORBIDDEN. */
  role?: 'admin';
  body?: B;
  query?: Q;
  params?: P;
  /**
   * Request headers the route reads, by their usual spelling (`Idempotency-Key`): documented and
   * validated like the query (a bad value is 400 with `details.field` naming the header).
   */
  headers?: z.ZodObject;
  /**
   * The success answer. Default status 200, JSON. With `contentType` (e.g. `text/x-diff`) the
   * handler's answer (a string or Buffer) is sent as is, with that type.
   */
  response: {
    status?: number;
    schema: R;
    description: string;
    links?: Record<string, RouteLink>;
    contentType?: string;
    /** Headers the answer carries (documented beside the rate-limit ones). */
    headers?: Record<string, { description: string; schema: { type: 'string' | 'integer' } }>;
  };
  /** Other success answers the handler may give with `setStatus` (for the document). */
  otherResponses?: { status: number; schema: z.ZodType; description: string }[];
  /** Error codes this route can answer with, for the document (401 is added on authenticated routes). */
  errors?: ErrorCode[];
  handler: (ctx: HandlerContext<z.output<B>, z.output<Q>, z.output<P>>) => Promise<z.input<R>>;
}

/** Resolves the caller of an authenticated route, or throws UNAUTHORIZED. */
export type Authenticate = (req: Request) => Promise<Principal>;

export interface ApiRoutesOptions {
  /** Largest JSON body (body-parser's `limit`, e.g. `10mb`). */
  bodyLimit: string;
  /** Per-minute limits; absent (RATE_LIMIT_ENABLED=false) nothing is counted. */
  rateLimits?: RateLimits;
}

/**
 * Declares routes once for both Express and the OpenAPI document, so the schemas that
 * validate a request are the ones the document shows.
 */
export class ApiRoutes {
  readonly router = Router();
  readonly registry = new OpenAPIRegistry();
  /** Methods of each path, for 405 answers with `Allow`. */
  private readonly methods = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  private readonly parseJson: RequestHandler;

  constructor(
    private readonly authenticate: Authenticate,
    private readonly options: ApiRoutesOptions,
  ) {
    // JSON, and the JSON-based types (`application/merge-patch+json`, RFC 7396, for PATCH).
    this.parseJson = express.json({ limit: options.bodyLimit, strict: true, type: ['application/json', 'application/*+json'] });
    this.registry.registerComponent('securitySchemes', 'bearerAuth', {
      type: 'http',
      scheme: 'bearer',
      bearerFormat: 'JWT',
    });
    this.registry.registerComponent('securitySchemes', 'apiKeyAuth', { type: 'apiKey', in: 'header', name: 'X-API-Key' });
    this.registry.registerComponent('securitySchemes', 'shareToken', {
      type: 'apiKey',
      in: 'header',
      name: 'X-Share-Token',
      description: "A share link's token: read access to that one visualization, its commits and comments, without an account",
    });
  }

  add<B extends z.ZodType, Q extends AnyObject, P extends AnyObject, R extends z.ZodType>(
    spec: RouteSpec<B, Q, P, R>,
  ): void {
    const auth = spec.auth ?? true;
    const status = spec.response.status ?? 200;
    const errorCodes = new Set<ErrorCode>(spec.errors ?? []);
    if (auth) errorCodes.add('UNAUTHORIZED');
    if (this.options.rateLimits && ((auth && !spec.rateLimitCountOnly) || spec.anonymousLimit)) errorCodes.add('RATE_LIMIT_EXCEEDED');
    if (spec.scope || spec.role) errorCodes.add('FORBIDDEN');
    if (spec.body || spec.query || spec.params || spec.headers) errorCodes.add('INVALID_REQUEST');
    if (spec.body) errorCodes.add('PAYLOAD_TOO_LARGE');
    errorCodes.add('SERVER_ERROR');
    this.allow(spec.path, [spec.method]);

    this.registry.registerPath({
      method: spec.method,
      path: spec.path,
      operationId: spec.operationId,
      summary: spec.summary,
      description: spec.description,
      tags: [spec.tag],
      security: auth ? [{ bearerAuth: [] }, { apiKeyAuth: [] }, ...(spec.shareable ? [{ shareToken: [] }] : [])] : [],
      request: {
        ...(spec.params ? { params: spec.params } : {}),
        ...(spec.query ? { query: spec.query } : {}),
        ...(spec.headers ? { headers: spec.headers } : {}),
        ...(spec.body ? { body: { content: { 'application/json': { schema: spec.body } }, required: true } } : {}),
      },
      responses: {
        [status]: {
          description: spec.response.description,
          ...(spec.response.headers || (this.options.rateLimits && auth)
            ? { headers: { ...(this.options.rateLimits && auth ? RATE_LIMIT_HEADERS : {}), ...spec.response.headers } }
            : {}),
          content: { [spec.response.contentType ?? 'application/json']: { schema: spec.response.schema } },
          ...(spec.response.links ? { links: spec.response.links } : {}),
        },
        ...Object.fromEntries(
          (spec.otherResponses ?? []).map((r) => [r.status, { description: r.description, content: { 'application/json': { schema: r.schema } } }]),
        ),
        ...errorResponses(errorCodes, Boolean(this.options.rateLimits && auth)),
      },
    });

    const expressPath = spec.path.replace(/\{(\w+)\}/g, ':$1');
    const { rateLimits } = this.options;
    // Who calls and whether they may, before the body is read: a refused caller's body is never parsed.
    const templated = /\{\w+\}/.test(spec.path);
    const admit = async (req: Request, res: Response, next: NextFunction) => {
      // A path that is also a literal route (POST /v1/visualize/repository) is not this template's
      // (GET /v1/visualize/{visualization_id}): OpenAPI matches concrete paths first.
      if (templated && this.isLiteralPath(req.path)) return next('route');
      const shareToken = spec.shareable && !req.headers.authorization && !req.headers['x-api-key'] ? req.get('x-share-token') : undefined;
      if (shareToken !== undefined) {
        req.shareToken = shareToken;
        await rateLimits?.admitShared(res, req.ip);
      } else if (auth) {
        const principal = await this.authenticate(req);
        req.principal = principal;
        await rateLimits?.admitUser(principal, res, { startsWork: spec.startsWork, countOnly: spec.rateLimitCountOnly });
      } else if (spec.anonymousLimit) {
        await rateLimits?.admitAnonymous(res, { ip: req.ip });
      }
      next();
    };
    this.router[spec.method](expressPath, admit, this.parseJson, async (req: Request, res: Response) => {
      const principal = req.principal;
      const shareToken = req.shareToken;
      if (principal && spec.role && principal.role !== spec.role) {
        throw new ApiError('FORBIDDEN', `This route needs the ${spec.role} role`, { reason: `not_${spec.role}` });
      }
      if (principal && spec.scope && !hasScope(principal.scopes, spec.scope)) {
        throw new ApiError('FORBIDDEN', `This credential lacks the ${spec.scope} scope`, { scope: spec.scope });
      }
      // Text Postgres cannot store, and bodies nested too deep, are refused before anything else.
      checkStorable(req.params, 'params');
      checkStorable(req.query, 'query');
      if (req.body !== undefined) checkStorable(req.body, 'body');
      // A body in another type was not parsed: refuse it rather than read it as empty.
      if (spec.body && req.body === undefined && hasBody(req)) {
        const type = req.get('content-type') ?? 'none';
        throw new ApiError('INVALID_REQUEST', `The body must be JSON, sent with Content-Type: application/json (this one is ${type})`, {
          field: 'Content-Type',
          reason: 'unsupported_media_type',
        });
      }
      // An operation without a body takes none: fields sent to it would be ignored in silence.
      if (!spec.body && req.body !== undefined && !isEmptyObject(req.body)) {
        const field = isPlainObject(req.body) ? Object.keys(req.body)[0]! : 'body';
        throw new ApiError('INVALID_REQUEST', `Invalid body: ${field} is not a known field (this operation takes no body)`, { field, reason: 'is not a known field' });
      }
      const params = spec.params ? validate(spec.params, req.params, 'params') : {};
      const query = spec.query ? validate(spec.query, req.query, 'query') : {};
      const body = spec.body ? validate(spec.body, req.body, 'body') : undefined;
      const headers = spec.headers ? validate(spec.headers, Object.fromEntries(Object.keys(spec.headers.shape).map((h) => [h, req.get(h)])), 'headers') : {};
      const email = spec.anonymousLimit?.email?.(body as z.output<B>);
      if (email) await rateLimits?.admitAnonymous(res, { email });
      let answerStatus = status;
      const result = await spec.handler({
        req,
        res,
        body: body as z.output<B>,
        query: query as z.output<Q>,
        params: params as z.output<P>,
        headers: headers as Record<string, unknown>,
        principal: principal as Principal,
        shareToken,
        setStatus: (s) => {
          answerStatus = s;
        },
      });
      if (spec.response.contentType) res.status(answerStatus).type(spec.response.contentType).send(result);
      else res.status(answerStatus).json(result);
    });
  }

  /** Records that `path` (OpenAPI style) answers these methods (routes served elsewhere: streams, docs). */
  allow(path: string, methods: readonly string[]): void {
    const entry = this.methods.get(path) ?? {
      pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{\w+\\?\}/g, '[^/]+')}/?$`),
      methods: new Set<string>(),
    };
    for (const m of methods) entry.methods.add(m.toUpperCase());
    if (entry.methods.has('GET')) entry.methods.add('HEAD');
    this.methods.set(path, entry);
  }

  /**
   * A request with a credential that no route serves (it ends as 404 or 405) is still an
   * authenticated request: counted against the caller's per-minute limit, with the
   * `X-RateLimit-*` headers on its answer, and refused with 429 past the limit (API.md: the limit
   * counts every authenticated request). A credential that does not authenticate changes nothing:
   * the answer stays 404 / 405, never 401 for a path that does not exist. Mount after every
   * route, before `methodNotAllowed`.
   */
  countUnrouted(): RequestHandler {
    return async (req, res, next) => {
      const { rateLimits } = this.options;
      if (!rateLimits || (!req.headers.authorization && !req.headers['x-api-key'])) return next();
      let principal: Principal;
      try {
        principal = await this.authenticate(req);
      } catch {
        return next();
      }
      await rateLimits.admitUser(principal, res);
      next();
    };
  }

  /**
   * Answers a known path asked with a method it does not serve: 405 METHOD_NOT_ALLOWED with an
   * `Allow` header listing those it does (RFC 9110 §15.5.6). Mount after every route.
   */
  methodNotAllowed(): RequestHandler {
    return (req, res, next) => {
      const methods = this.methodsOf(req.path);
      if (!methods || methods.has(req.method)) return next();
      const allowed = [...methods].sort().join(', ');
      res.setHeader('Allow', allowed);
      throw new ApiError('METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.path}: use ${allowed}`, { allow: [...methods].sort() });
    };
  }

  /**
   * OPTIONS of a known path: 200 with `Allow` naming its methods (RFC 9110 §9.3.7), the concrete
   * path's when a template matches it too. Mount before the routes.
   */
  answerOptions(): RequestHandler {
    return (req, res, next) => {
      if (req.method !== 'OPTIONS') return next();
      const methods = this.methodsOf(req.path);
      if (!methods) return next();
      const allowed = [...methods].sort().join(', ');
      res.setHeader('Allow', allowed);
      res.status(200).type('text/plain').send(allowed);
    };
  }

  /** The methods of the path a request names: a concrete path's before any template's. */
  private methodsOf(requestPath: string): Set<string> | undefined {
    let templated: Set<string> | undefined;
    for (const [path, { pattern, methods }] of this.methods) {
      if (!pattern.test(requestPath)) continue;
      if (!path.includes('{')) return methods;
      templated ??= methods;
    }
    return templated;
  }

  private isLiteralPath(requestPath: string): boolean {
    for (const [path, { pattern }] of this.methods) if (!path.includes('{') && pattern.test(requestPath)) return true;
    return false;
  }

  /** The OpenAPI 3.1 document of every route added so far. */
  document(info: { version: string; serverUrl: string }): object {
    return new OpenApiGeneratorV31(this.registry.definitions).generateDocument({
      openapi: '3.1.0',
      info: {
        title: 'Codex Cloud API',
        version: info.version,
        description:
          'Run AI coding agents durably. Authenticate with `Authorization: Bearer <access_token>` or `X-API-Key: codex_sk_live_…`. Every error has the shape of the `Error` schema, and every answer carries `X-Request-Id`.',
      },
      servers: [{ url: info.serverUrl }],
    });
  }
}

/** The headers of every authenticated answer when limits are on (API.md "Rate limiting and quotas"). */
const RATE_LIMIT_HEADERS = {
  'X-RateLimit-Limit': { description: 'Requests allowed per minute', schema: { type: 'integer' as const } },
  'X-RateLimit-Remaining': { description: 'Requests left in the current window (absent while the limiter cannot be reached)', schema: { type: 'integer' as const } },
  'X-RateLimit-Reset': { description: 'When the window resets, in unix seconds', schema: { type: 'integer' as const } },
  'X-RateLimit-Tier': { description: "The caller's tier", schema: { type: 'string' as const } },
};

/** What some errors carry, for the document. */
const ERROR_NOTES: Partial<Record<ErrorCode, string>> = {
  INSUFFICIENT_CREDITS:
    'INSUFFICIENT_CREDITS: past the month\'s agent runs, `details: {current_tier, requests_used, requests_limit, upgrade_url}`; past the storage, `details: {current_tier, storage_used_bytes, storage_limit_bytes, upgrade_url}`. Nothing was started or stored.',
  RATE_LIMIT_EXCEEDED: 'RATE_LIMIT_EXCEEDED: `retry_after`, `tier` (absent on register, login and refresh), `limit` and `reset_at` in the error object; the request was not counted.',
};

function errorResponses(codes: Set<ErrorCode>, rateHeaders: boolean) {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) {
    const status = ErrorCode[code];
    byStatus.set(status, [...(byStatus.get(status) ?? []), code]);
  }
  return Object.fromEntries(
    [...byStatus].map(([status, list]) => [
      status,
      {
        description: list.map((code) => ERROR_NOTES[code] ?? code).join(' or '),
        headers: {
          ...(rateHeaders ? RATE_LIMIT_HEADERS : {}),
          ...(status === 429 ? { 'Retry-After': { description: 'Seconds until the window resets (equal to `error.retry_after`)', schema: { type: 'integer' as const } } } : {}),
        },
        content: { 'application/json': { schema: ErrorResponse } },
      },
    ]),
  );
}

/** True when the request carries a body (RFC 9112 §6.3: a Content-Length over 0, or Transfer-Encoding). */
function hasBody(req: Request): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && Number(length) > 0);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEmptyObject(value: unknown): boolean {
  return isPlainObject(value) && Object.keys(value).length === 0;
}
