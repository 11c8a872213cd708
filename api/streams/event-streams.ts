import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Request, Response, Router } from 'express';
import express from 'express';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';
import { WebSocketServer, type WebSocket } from 'ws';
import type { Db } from '../../db/connection';
import type { StoredEvent } from '../../db/repositories/stream-event.repository';
import { newId } from '../../lib/ids';
import { redactUrl, type Logger } from '../../lib/logger';
import type { AuthService } from '../auth/auth.service';
import type { HeaderSink, RateLimits } from '../limits/rate-limits';
import { hasScope, Scope } from '../auth/scopes';
import { ApiError, isApiError } from '../errors';
import { errorBody } from '../http/middleware';
import type { Principal } from '../http/request-context';
import { ErrorResponse } from '../http/schemas';
import type { CredentialWatch } from './credential-watch';
import type { EventHub } from './event-hub';

/**
 * WebSocket close codes. 4008: the client read too slowly and its buffer filled up. 4401: the
 * credential the stream was opened with ended (logout, a revoked session or key, expiry); the
 * reason says which.
 */
export const CloseCode = { normal: 1000, goingAway: 1001, slowConsumer: 4008, unauthorized: 4401 } as const;

export interface StreamOptions {
  db: Db;
  hub: EventHub;
  auth: AuthService;
  /** Ends streams whose credentials end. */
  credentials: CredentialWatch;
  logger: Logger;
  docsBaseUrl: string;
  /** Browser origins allowed besides the API's own. */
  allowedOrigins: readonly string[];
  /** Bytes a client may fall behind before it is cut off. Default 1 MiB. */
  maxBufferedBytes?: number;
  /** Keepalive interval. Default 25 s. */
  pingIntervalMs?: number;
  /** Milliseconds a client the server closes gets to read the close frame before the connection is cut. Default 5 s. */
  closeGraceMs?: number;
  /** Per-minute limits: every handshake counts as a request. Absent: nothing is counted. */
  rateLimits?: RateLimits;
  /**
   * Told of each event delivered live (stored after its subscriber joined): the transport and
   * the seconds from the event's `timestamp` to its delivery (the delivery-lag metric).
   */
  onDelivered?: (transport: 'websocket' | 'sse', lagSeconds: number) => void;
}

/** Seconds from an event's `timestamp` to now, when it was stored after `since` (ms); else undefined (a replayed event). */
function liveLag(event: StoredEvent, since: number): number | undefined {
  const stamped = Date.parse(String(event.payload.timestamp ?? ''));
  if (!Number.isFinite(stamped) || stamped < since) return undefined;
  return Math.max(0, (Date.now() - stamped) / 1000);
}


/**
 * Task, orchestration and visualization streams: `/v1/agents/tasks/{id}/stream|events`,
 * `/v1/agents/orchestrations/{id}/…`, `/v1/visualize/{id}/…`.
 */
const STREAM_PATH = /^\/v1\/(?:agents\/(tasks|orchestrations)|(visualize))\/([^/]+)\/(stream|events)$/;
/** The IDs a stream can have; any other is 404 like an unknown one (after the credentials are checked). */
const STREAM_ID: Record<string, RegExp> = { tasks: /^task_[0-9A-Z]{16}$/, orchestrations: /^orch_[0-9A-Z]{16}$/, visualize: /^viz_[0-9A-Z]{16}$/ };
/** The resource a collection's 404 names. */
const STREAM_OWNER: Record<string, string> = { tasks: 'Task', orchestrations: 'Orchestration', visualize: 'Visualization' };
const BEARER_PROTOCOL = /^bearer\.(.+)$/i;

// The hub hands the same event object to every subscriber of a stream: serialize it once.
const serialized = new WeakMap<StoredEvent, string>();

/** An event as clients receive it: its payload plus `seq`, as JSON. */
function messageText(event: StoredEvent): string {
  let text = serialized.get(event);
  if (text === undefined) {
    text = JSON.stringify({ ...event.payload, seq: event.seq });
    serialized.set(event, text);
  }
  return text;
}

/** What a stream handshake resolved: the caller, the stream, where to resume. */
interface StreamTarget {
  principal: Principal;
  streamId: string;
  afterSeq: number;
  /** The stream has ended and the client has every event: it ends at once. */
  complete: boolean;
}

/**
 * Task and orchestration event streams over WebSocket (`…/stream`) and Server-Sent Events (`…/events`): the same
 * log, the same `seq`, the same resume rules. The caller is checked before the upgrade.
 */
export class EventStreams {
  private readonly wss = new WebSocketServer({
    noServer: true,
    maxPayload: 4096,
    // A token sent as the subprotocol `bearer.<token>` (browsers cannot set headers) is
    // accepted. RFC 6455 §4.2.2: the answer must name one protocol the client offered, or a
    // client that offered some fails the connection; the one that is not the token (e.g.
    // `codex.v1`) is preferred, else the token's own is named (back to the client that sent it).
    handleProtocols: (protocols) => {
      for (const p of protocols) if (!BEARER_PROTOCOL.test(p)) return p;
      const [only] = protocols;
      return only ?? false;
    },
  });
  private readonly maxBuffered: number;
  private readonly closeGraceMs: number;
  private readonly pingIntervalMs: number;
  private readonly sse = new Set<Response>();

  /** Headers a handshake set (rate limits), written with the 101 answer. */
  private readonly upgradeHeaders = new WeakMap<IncomingMessage, Map<string, string>>();

  constructor(private readonly options: StreamOptions) {
    this.maxBuffered = options.maxBufferedBytes ?? 1024 * 1024;
    this.closeGraceMs = options.closeGraceMs ?? 5_000;
    this.pingIntervalMs = options.pingIntervalMs ?? 25_000;
    this.wss.on('headers', (lines, req) => {
      for (const [name, value] of this.upgradeHeaders.get(req) ?? []) lines.push(`${name}: ${value}`);
    });
  }

  /** Open streams of this process, by transport (the subscriber gauge). */
  subscriberCounts(): { websocket: number; sse: number } {
    return { websocket: this.wss.clients.size, sse: this.sse.size };
  }

  private delivered(transport: 'websocket' | 'sse', event: StoredEvent, since: number): void {
    if (!this.options.onDelivered) return;
    const lag = liveLag(event, since);
    if (lag !== undefined) this.options.onDelivered(transport, lag);
  }

  /** True when this module serves that upgrade path. */
  handles(url: string | undefined): boolean {
    return STREAM_PATH.test((url ?? '').split('?')[0] ?? '');
  }

  async handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const requestId = newId('request');
    const log = this.options.logger.child({ request_id: requestId });
    const headers = new Map<string, string>();
    this.upgradeHeaders.set(req, headers);
    try {
      const target = await this.resolve(req, 'stream', { setHeader: (name, value) => headers.set(name, value) });
      this.wss.handleUpgrade(req, socket, head, (ws) => this.serveWebSocket(ws, target, log));
      log.info({ url: redactUrl(req.url ?? ''), user_id: target.principal.userId, after: target.afterSeq }, 'websocket stream opened');
    } catch (err) {
      const apiError = isApiError(err) ? err : new ApiError('SERVER_ERROR', 'An unexpected error occurred');
      if (!isApiError(err)) log.error({ err }, 'stream handshake failed');
      this.refuse(socket, apiError, requestId, headers);
    }
  }

  /** Refuses an upgrade to a path no stream serves: 404 in the contract's shape, with `X-Request-Id`. */
  refuseUnknownUpgrade(req: IncomingMessage, socket: Duplex): void {
    this.refuse(socket, new ApiError('NOT_FOUND', `No stream at ${(req.url ?? '').split('?')[0]}`), newId('request'), new Map());
  }

  /** Answers a handshake with an error before any upgrade (RFC 6455 §4.2.2: any status but 101 refuses it). */
  private refuse(socket: Duplex, apiError: ApiError, requestId: string, headers: Map<string, string>): void {
    const body = JSON.stringify(errorBody(apiError, requestId, this.options.docsBaseUrl));
    socket.end(
      `HTTP/1.1 ${apiError.status} ${STATUS_CODES[apiError.status] ?? apiError.code}\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\n` +
        [...headers].map(([name, value]) => `${name}: ${value}\r\n`).join('') +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }

  /** The SSE route (`GET /v1/agents/tasks/{task_id}/events`). */
  router(): Router {
    const router = express.Router();
    const sse = async (req: Request, res: Response) => {
      const target = await this.resolve(req, 'events', res);
      this.serveSse(req, res, target);
    };
    router.get('/v1/agents/tasks/:task_id/events', sse);
    router.get('/v1/agents/orchestrations/:orchestration_id/events', sse);
    router.get('/v1/visualize/:visualization_id/events', sse);
    // A plain GET of a WebSocket path (no Upgrade): the same checks as the handshake, then 400
    // naming the header (the contract has no 426), with `Upgrade: websocket` as RFC 9110 §7.8 asks.
    const notUpgraded = async (req: Request, res: Response) => {
      await this.resolve(req, 'stream', res);
      res.setHeader('Upgrade', 'websocket');
      throw new ApiError('INVALID_REQUEST', 'This path is a WebSocket: send Upgrade: websocket, or read the same events as Server-Sent Events from …/events', {
        field: 'Upgrade',
        reason: 'must be websocket',
      });
    };
    router.get('/v1/agents/tasks/:task_id/stream', notUpgraded);
    router.get('/v1/agents/orchestrations/:orchestration_id/stream', notUpgraded);
    router.get('/v1/visualize/:visualization_id/stream', notUpgraded);
    return router;
  }

  /** Adds the stream endpoints to the OpenAPI document. */
  document(registry: OpenAPIRegistry): void {
    const params = z.object({ task_id: z.string().meta({ example: 'task_7K2M9QW4XH8TZ1RB' }) });
    const query = z.object({
      after: z
        .string()
        .regex(/^\d{1,15}$/)
        .optional()
        .meta({
          description:
            'Resume after this seq (SSE: or the Last-Event-ID header). At or past the last seq of a finished stream, the stream ends at once (WebSocket close 1000, SSE 204); past the last seq of a live stream it is 400 with `details.last_seq`.',
        }),
      token: z.string().optional().meta({ description: 'Access token, for clients that cannot set headers' }),
    });
    const message = z
      .object({
        type: z.enum(['progress', 'result', 'error']),
        seq: z.number().int().meta({ description: '1 for the stream\'s first message, then +1' }),
        task_id: z.string().optional(),
        orchestration_id: z.string().optional(),
        visualization_id: z.string().optional(),
        aggregated_result: z.unknown().optional(),
        progress: z.number().int().optional(),
        message: z.string().optional(),
        status: z.string().optional(),
        result: z.unknown().optional(),
        error: z.object({ code: z.string(), message: z.string() }).optional(),
        timestamp: z.string(),
      })
      .meta({ id: 'StreamMessage' });
    // One Server-Sent Event as a client's parser gives it (OpenAPI 3.1: the media type's schema
    // describes each event; 3.2 would call it itemSchema): `data` is a StreamMessage as JSON text.
    const sseEvent = z
      .object({
        id: z.string().regex(/^\d+$/).optional().meta({ description: "The message's seq (absent on the final UNAUTHORIZED error)" }),
        event: z.enum(['progress', 'result', 'error']),
        data: z.string().meta({ contentMediaType: 'application/json', contentSchema: { $ref: '#/components/schemas/StreamMessage' } }),
        retry: z.int().optional().meta({ description: 'Milliseconds an EventSource waits before it reconnects' }),
      })
      .meta({ id: 'StreamEvent' });
    const errors = {
      400: { description: 'INVALID_REQUEST (`after` is not a seq, or past the last event of a live stream; on …/stream, a request without `Upgrade: websocket`)', content: { 'application/json': { schema: ErrorResponse } } },
      401: { description: 'UNAUTHORIZED', content: { 'application/json': { schema: ErrorResponse } } },
      403: { description: 'FORBIDDEN (origin not allowed)', content: { 'application/json': { schema: ErrorResponse } } },
      404: { description: 'NOT_FOUND (also another user\'s task)', content: { 'application/json': { schema: ErrorResponse } } },
      405: { description: 'METHOD_NOT_ALLOWED (only GET)', content: { 'application/json': { schema: ErrorResponse } } },
      ...(this.options.rateLimits ? { 429: { description: 'RATE_LIMIT_EXCEEDED (a handshake counts as a request)', content: { 'application/json': { schema: ErrorResponse } } } } : {}),
      500: { description: 'SERVER_ERROR', content: { 'application/json': { schema: ErrorResponse } } },
    };
    registry.registerPath({
      method: 'get',
      path: '/v1/agents/tasks/{task_id}/stream',
      operationId: 'streamTask',
      tags: ['Streams'],
      summary: 'Live progress over WebSocket',
      description:
        'Upgrade to a WebSocket. Credentials: `?token=`, `Authorization: Bearer`, `X-API-Key`, or the subprotocol `bearer.<token>` (offered with `codex.v1`, which the server then names in its answer). One JSON message per frame; the socket closes (1000) after the result or error message, with 4008 when the client reads too slowly, or with 4401 when the credential it was opened with ends (logout, a revoked session or API key, the access token\'s expiry; the close reason says which).',
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params, query },
      responses: { 101: { description: 'Switching protocols; then StreamMessage frames', content: { 'application/json': { schema: message } } }, ...errors },
    });
    registry.registerPath({
      method: 'get',
      path: '/v1/agents/tasks/{task_id}/events',
      operationId: 'getTaskEvents',
      tags: ['Streams'],
      summary: 'Live progress as Server-Sent Events',
      description:
        'The same log as the WebSocket: `id:` is the seq, `event:` the type, `data:` the StreamMessage. Ends after the final message; a client that comes back with the last seq gets 204 (nothing more will come: an EventSource stops reconnecting). When the credential it was opened with ends, an `error` event with code `UNAUTHORIZED` (no `id:`) ends it.',
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params, query },
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: sseEvent } } }, 204: { description: 'The stream has ended and the client has every event' }, ...errors },
    });
    const orchParams = z.object({ orchestration_id: z.string().meta({ example: 'orch_7K2M9QW4XH8TZ1RB' }) });
    const orchestrationNote =
      "The orchestration's own messages (with `orchestration_id`) and its agents' messages (with their `task_id` and the `orchestration_id`), ending with the orchestration's `result` (with `aggregated_result`) or `error`.";
    registry.registerPath({
      method: 'get',
      path: '/v1/agents/orchestrations/{orchestration_id}/stream',
      operationId: 'streamOrchestration',
      tags: ['Streams'],
      summary: 'Live progress of an orchestration over WebSocket',
      description: `${orchestrationNote} Same credentials, seq and resume rules as task streams.`,
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params: orchParams, query },
      responses: { 101: { description: 'Switching protocols; then StreamMessage frames', content: { 'application/json': { schema: message } } }, ...errors },
    });
    registry.registerPath({
      method: 'get',
      path: '/v1/agents/orchestrations/{orchestration_id}/events',
      operationId: 'getOrchestrationEvents',
      tags: ['Streams'],
      summary: 'Live progress of an orchestration as Server-Sent Events',
      description: `${orchestrationNote} Same resume rules as task streams.`,
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params: orchParams, query },
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: sseEvent } } }, 204: { description: 'The stream has ended and the client has every event' }, ...errors },
    });
    const vizParams = z.object({ visualization_id: z.string().meta({ example: 'viz_7K2M9QW4XH8TZ1RB' }) });
    const vizNote = "A visualization's progress (fetch, analysis, store), ending with its `result` or `error`.";
    registry.registerPath({
      method: 'get',
      path: '/v1/visualize/{visualization_id}/stream',
      operationId: 'streamVisualization',
      tags: ['Streams'],
      summary: 'Live progress of a visualization over WebSocket',
      description: `${vizNote} Same credentials, seq and resume rules as task streams.`,
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params: vizParams, query },
      responses: { 101: { description: 'Switching protocols; then StreamMessage frames', content: { 'application/json': { schema: message } } }, ...errors },
    });
    registry.registerPath({
      method: 'get',
      path: '/v1/visualize/{visualization_id}/events',
      operationId: 'getVisualizationEvents',
      tags: ['Streams'],
      summary: 'Live progress of a visualization as Server-Sent Events',
      description: `${vizNote} Same resume rules as task streams.`,
      security: [{ bearerAuth: [] }, { apiKeyAuth: [] }],
      request: { params: vizParams, query },
      responses: { 200: { description: 'An event stream', content: { 'text/event-stream': { schema: sseEvent } } }, 204: { description: 'The stream has ended and the client has every event' }, ...errors },
    });
  }

  async close(): Promise<void> {
    for (const ws of this.wss.clients) ws.close(CloseCode.goingAway, 'server shutting down');
    for (const res of this.sse) res.end();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  /** Origin, credentials, ownership and resume position; throws the answer to refuse with. */
  private async resolve(req: IncomingMessage, kind: 'stream' | 'events', headers: HeaderSink): Promise<StreamTarget> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = STREAM_PATH.exec(url.pathname);
    if (!match || match[4] !== kind) throw ApiError.notFound('Stream');
    const collection = (match[1] ?? match[2])!;
    const rawId = match[3]!;
    const what = STREAM_OWNER[collection]!;

    const origin = req.headers.origin;
    if (origin && !this.originAllowed(origin, req.headers.host)) {
      throw new ApiError('FORBIDDEN', 'Origin not allowed', { origin });
    }

    const principal = await this.authenticate(req, url);
    // A handshake is a request like any other (API.md "What counts"); a stream starts no work.
    await this.options.rateLimits?.admitUser(principal, headers);
    if (!hasScope(principal.scopes, Scope.agentsRead)) {
      throw new ApiError('FORBIDDEN', `This credential lacks the ${Scope.agentsRead} scope`, { scope: Scope.agentsRead });
    }
    // An ID of no possible form names nothing: 404 like an unknown one (the path is decoded once).
    let streamId: string;
    try {
      streamId = decodeURIComponent(rawId);
    } catch {
      throw ApiError.notFound(what);
    }
    if (!STREAM_ID[collection]!.test(streamId)) throw ApiError.notFound(what);
    const owned = await this.options.db
      .selectFrom('event_streams')
      .select(['last_seq', 'closed'])
      .where('id', '=', streamId)
      .where('user_id', '=', principal.userId)
      .executeTakeFirst();
    if (!owned) throw ApiError.notFound(what);

    const raw = url.searchParams.get('after') ?? (req.headers['last-event-id'] as string | undefined) ?? '0';
    if (!/^\d{1,15}$/.test(raw)) throw ApiError.invalid('after', 'must be a non-negative integer (a seq already received)');
    const afterSeq = Number(raw);
    const lastSeq = Number(owned.last_seq);
    // A cursor at or past the end of a finished stream has nothing to wait for; past the end of
    // a live one it names an event that does not exist (yet): a client's mistake, said at once.
    if (!owned.closed && afterSeq > lastSeq) {
      throw new ApiError('INVALID_REQUEST', `Invalid query: after is past the last event of this stream (${lastSeq})`, {
        field: 'after',
        reason: 'is past the last event of this stream',
        last_seq: lastSeq,
      });
    }
    return { principal, streamId, afterSeq, complete: owned.closed && afterSeq >= lastSeq };
  }

  private originAllowed(origin: string, host: string | undefined): boolean {
    if (this.options.allowedOrigins.includes(origin)) return true;
    try {
      return new URL(origin).host === host;
    } catch {
      return false;
    }
  }

  private async authenticate(req: IncomingMessage, url: URL): Promise<Principal> {
    const { auth } = this.options;
    const apiKey = req.headers['x-api-key'];
    if (typeof apiKey === 'string') return auth.authenticateApiKey(apiKey);
    const query = url.searchParams.get('token');
    if (query) return auth.authenticateToken(query);
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!m) throw ApiError.unauthorized('Authorization header must be "Bearer <token>"');
      return auth.authenticateToken(m[1]!);
    }
    const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((p) => p.trim());
    for (const p of protocols) {
      const m = BEARER_PROTOCOL.exec(p);
      if (m) return auth.authenticateToken(m[1]!);
    }
    throw ApiError.unauthorized('Missing credentials: pass ?token=, Authorization: Bearer, or the subprotocol bearer.<token>');
  }

  private serveWebSocket(ws: WebSocket, target: StreamTarget, log: Logger): void {
    if (target.complete) {
      ws.close(CloseCode.normal, 'stream complete');
      return;
    }
    let alive = true;
    ws.on('pong', () => {
      alive = true;
    });
    const ping = setInterval(() => {
      if (!alive) {
        ws.terminate();
        return;
      }
      alive = false;
      ws.ping();
    }, this.pingIntervalMs);

    const since = Date.now();
    const unsubscribe = this.options.hub.subscribe(target.streamId, target.afterSeq, {
      deliver: (event: StoredEvent) => {
        if (ws.readyState !== ws.OPEN) return false;
        if (ws.bufferedAmount > this.maxBuffered) return false;
        ws.send(messageText(event));
        this.delivered('websocket', event, since);
        if (event.final) ws.close(CloseCode.normal, 'stream complete');
        return true;
      },
      onDrop: (reason) => {
        if (reason === 'slow') {
          log.warn({ stream_id: target.streamId }, 'websocket client too slow: closing');
          ws.close(CloseCode.slowConsumer, 'slow consumer: send buffer full');
          // A client that does not read will not read the close frame either.
          setTimeout(() => ws.terminate(), this.closeGraceMs).unref();
        } else {
          ws.close(CloseCode.goingAway, 'server shutting down');
        }
      },
    });
    const unwatch = this.options.credentials.watch(target.principal, (reason) => {
      log.info({ stream_id: target.streamId, reason }, 'websocket stream closed: its credential ended');
      ws.close(CloseCode.unauthorized, `unauthorized: ${reason}`);
      setTimeout(() => ws.terminate(), this.closeGraceMs).unref();
    });
    ws.on('close', () => {
      clearInterval(ping);
      unsubscribe();
      unwatch();
    });
    ws.on('error', () => ws.terminate());
  }

  private serveSse(req: IncomingMessage, res: ServerResponse & Response, target: StreamTarget): void {
    // Nothing more will come: 204 tells an EventSource to stop reconnecting (HTML, "Server-sent events").
    if (target.complete) {
      res.status(204).end();
      return;
    }
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    this.sse.add(res);
    const ping = setInterval(() => res.write(': ping\n\n'), this.pingIntervalMs);
    const since = Date.now();
    const unsubscribe = this.options.hub.subscribe(target.streamId, target.afterSeq, {
      deliver: (event: StoredEvent) => {
        if (res.writableEnded) return false;
        if (res.writableLength > this.maxBuffered) return false;
        res.write(`id: ${event.seq}\nevent: ${event.type}\ndata: ${messageText(event)}\n\n`);
        this.delivered('sse', event, since);
        if (event.final) res.end();
        return true;
      },
      onDrop: () => res.end(),
    });
    const unwatch = this.options.credentials.watch(target.principal, (reason) => {
      if (res.writableEnded) return;
      // Not part of the log (no id: a resume position stays where it was): the last word.
      const error = { type: 'error', error: { code: 'UNAUTHORIZED', message: `The stream's credential ended: ${reason}` }, timestamp: new Date().toISOString() };
      res.write(`event: error\ndata: ${JSON.stringify(error)}\n\n`);
      res.end();
    });
    req.on('close', () => {
      clearInterval(ping);
      this.sse.delete(res);
      unsubscribe();
      unwatch();
    });
  }
}
