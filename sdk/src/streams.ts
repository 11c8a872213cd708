import { CodexApiError } from './errors.js';
import type { components } from './generated/openapi.js';
import { sleep, type Transport } from './transport.js';

/** One message of a task's, orchestration's or visualization's stream (API.md "WebSocket: live progress"). */
export type StreamMessage = components['schemas']['StreamMessage'];

/** A WebSocket class: the browser's, Node ≥ 22's global one, or the `ws` package's. */
export interface WebSocketConstructor {
  new (url: string, protocols?: string | string[], options?: { headers?: Record<string, string> }): WebSocketLike;
}

/** The part of the WebSocket interface the SDK uses. */
export interface WebSocketLike {
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  close(code?: number, reason?: string): void;
}

export interface StreamOptions {
  /** Start after this `seq` (default 0: from the first message). */
  after?: number;
  /** Ends the iteration: the loop's `for await` rejects with the signal's reason. */
  signal?: AbortSignal;
  /**
   * `sse` (default: `GET …/events` over fetch, Node ≥ 20 and browsers) or `websocket`
   * (`…/stream`; needs `options.WebSocket` where there is no global one, e.g. Node 20).
   * A WebSocket that cannot open falls back to SSE, which reports HTTP errors exactly.
   */
  transport?: 'sse' | 'websocket';
  /** Reconnects in a row without a message in between before giving up (default 10). */
  maxReconnects?: number;
  /** The WebSocket class for `transport: 'websocket'` (default: the client's, else the global one). */
  WebSocket?: WebSocketConstructor;
}

/** Where a stream lives and when it is over. */
export interface StreamTarget {
  /** `/v1/agents/tasks/task_…` (the stream is at `…/events` and `…/stream`). */
  path: string;
  /** True for the stream's last message (its result or error). */
  isFinal(message: StreamMessage): boolean;
}

type Received = { kind: 'message'; message: StreamMessage } | { kind: 'end' } | { kind: 'credential-ended'; reason: string };

/**
 * The messages of a stream, in `seq` order, each once, until its final message. A connection
 * that drops is opened again with `after` = the last `seq` seen, so none is lost or repeated; an
 * access token that expires mid-stream is refreshed (when the client has a refresh token) and
 * the stream goes on.
 *
 * @throws CodexApiError the handshake's error (401, 404, 400 for an `after` past a live stream's
 *   end), `UNAUTHORIZED` when the credential ends and cannot be renewed, `NETWORK_ERROR` after
 *   `maxReconnects` failed connections in a row.
 */
export async function* streamMessages(transport: Transport, target: StreamTarget, options: StreamOptions = {}): AsyncGenerator<StreamMessage, void, undefined> {
  const signal = options.signal ?? new AbortController().signal;
  const maxReconnects = options.maxReconnects ?? 10;
  let after = options.after ?? 0;
  let failures = 0;
  let useWebSocket = options.transport === 'websocket';
  for (;;) {
    let lastError: unknown;
    try {
      const connection = useWebSocket ? webSocketMessages(transport, target.path, after, signal, options) : sseMessages(transport, target.path, after, signal);
      for await (const received of connection) {
        if (received.kind === 'end') return;
        if (received.kind === 'credential-ended') {
          if (!transport.canRefresh() || !(await transport.refresh(signal))) {
            throw new CodexApiError({ status: 401, code: 'UNAUTHORIZED', message: `The stream was closed: ${received.reason}` });
          }
          break; // reconnect with the new token
        }
        failures = 0;
        const message = received.message;
        if (message.seq <= after) continue; // already delivered
        after = message.seq;
        yield message;
        if (target.isFinal(message)) return;
      }
    } catch (err) {
      if (signal.aborted) throw signal.reason;
      if (err instanceof WebSocketNotOpened) {
        useWebSocket = false;
        continue;
      }
      // A refusal for now (429, 5xx) is waited out like a dropped connection; any other answer is the error.
      const passing = err instanceof CodexApiError && (err.status === 429 || err.status >= 500);
      if (err instanceof CodexApiError && err.status !== 0 && !passing) throw err;
      lastError = err;
    }
    failures += 1;
    if (failures > maxReconnects) {
      if (lastError instanceof CodexApiError && lastError.status !== 0) throw lastError;
      throw CodexApiError.network(lastError ?? new Error('the stream kept closing before its end'), `stream ${target.path}`);
    }
    const retryAfter = lastError instanceof CodexApiError && lastError.retryAfter !== undefined ? lastError.retryAfter * 1000 : 0;
    await sleep(Math.max(transport.backoff(failures - 1), retryAfter), signal);
  }
}

/** One SSE connection: `GET <path>/events?after=N`, parsed per the WHATWG event-stream rules. */
async function* sseMessages(transport: Transport, path: string, after: number, signal: AbortSignal): AsyncGenerator<Received> {
  const url = `${transport.baseUrl}${path}/events?after=${after}`;
  // One attempt: the stream's own loop reconnects (maxReconnects), with the backoff.
  const res = await transport.request(new Request(url, { headers: { accept: 'text/event-stream' }, signal }), { maxRetries: 0 });
  if (res.status === 204) {
    yield { kind: 'end' };
    return;
  }
  if (!res.ok) throw await CodexApiError.fromResponse(res);
  if (!res.body) throw new Error('the event stream has no body');
  const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let data: string[] = [];
  let event = 'message';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let newline: number;
      while ((newline = buffer.search(/\r\n|\r|\n/)) >= 0) {
        const line = buffer.slice(0, newline);
        buffer = buffer.slice(newline + (buffer.startsWith('\r\n', newline) ? 2 : 1));
        if (line === '') {
          if (data.length > 0) {
            const message = JSON.parse(data.join('\n')) as StreamMessage;
            if (message.type === 'error' && message.error?.code === 'UNAUTHORIZED' && message.seq === undefined) {
              yield { kind: 'credential-ended', reason: message.error.message };
            } else {
              yield { kind: 'message', message };
            }
          }
          data = [];
          event = 'message';
          continue;
        }
        if (line.startsWith(':')) continue; // a comment (keep-alive)
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'data') data.push(text);
        else if (field === 'event') event = text;
      }
      void event;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
  }
}

/** Thrown when a WebSocket closes before it opened: the stream goes on over SSE. */
class WebSocketNotOpened extends Error {}

/** One WebSocket connection: `<path>/stream?after=N`, the token as the `bearer.<token>` subprotocol. */
async function* webSocketMessages(transport: Transport, path: string, after: number, signal: AbortSignal, options: StreamOptions): AsyncGenerator<Received> {
  const WS = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!WS) throw new WebSocketNotOpened('no WebSocket class');
  const url = `${transport.baseUrl.replace(/^http/, 'ws')}${path}/stream?after=${after}`;
  const { apiKey, accessToken } = transport.current;
  const protocols = accessToken && !apiKey ? ['codex.v1', `bearer.${accessToken}`] : ['codex.v1'];
  // Browsers ignore the third argument; the `ws` package sends these headers.
  const socket = new WS(url, protocols, { headers: apiKey ? { 'X-API-Key': apiKey } : {} });
  const queue: Received[] = [];
  let opened = false;
  let closed: { code: number; reason: string } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  socket.onopen = () => {
    opened = true;
  };
  socket.onmessage = (event) => {
    queue.push({ kind: 'message', message: JSON.parse(String(event.data)) as StreamMessage });
    notify();
  };
  socket.onclose = (event) => {
    closed = { code: event.code, reason: event.reason };
    notify();
  };
  socket.onerror = () => notify();
  const onAbort = () => socket.close(1000, 'aborted');
  signal.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (closed) {
        if (closed.code === 4401) yield { kind: 'credential-ended', reason: closed.reason || 'credential ended' };
        else if (!opened) throw new WebSocketNotOpened(`closed before it opened (${closed.code})`);
        // 1000: the server ended the stream (after its final message, or an `after` at its end).
        else if (closed.code === 1000) yield { kind: 'end' };
        return; // any other close: the caller connects again from the last seq
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    if (!closed) socket.close(1000, 'done');
  }
}
