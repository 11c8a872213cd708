import { CodexApiError } from './errors.js';

/** How the SDK retries a request that failed for a reason that may pass. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3; 0 turns retries off). */
  maxRetries?: number;
  /** The first backoff, in ms (default 500); it doubles on each retry, with jitter. */
  initialDelayMs?: number;
  /** The longest backoff, in ms (default 20,000). */
  maxDelayMs?: number;
  /** A 429 whose `Retry-After` is longer than this (seconds, default 60) is not waited for: it is thrown. */
  maxRetryAfterSeconds?: number;
  /** Told before each retry: why, and how long the SDK waits (ms). For a progress line, say. */
  onRetry?: (retry: RetryNotice) => void;
}

/** One retry about to happen. */
export interface RetryNotice {
  /** `METHOD /path`. */
  request: string;
  /** 1 for the first retry. */
  attempt: number;
  delayMs: number;
  /** The status that caused it (429, 5xx), or undefined for a network error. */
  status?: number;
}

/** Tokens the server issued (login, register, refresh). */
export interface Tokens {
  accessToken: string;
  /** Rotated on every refresh: keep the newest. */
  refreshToken?: string;
  /** Seconds the access token is valid for. */
  expiresIn?: number;
}

/** What a request is sent with: an API key, or an access token (and a refresh token to renew it). */
export interface Credentials {
  apiKey?: string;
  accessToken?: string;
  refreshToken?: string;
}

export interface TransportOptions {
  baseUrl: string;
  credentials: Credentials;
  retry?: RetryOptions;
  /** Called with new tokens after a login, a register or a refresh: store them. */
  onTokens?: (tokens: Tokens) => void | Promise<void>;
  /** A fetch to send with (default `globalThis.fetch`). */
  fetch?: typeof fetch;
}

/** Statuses worth another attempt: the server refused for now (429) or failed on its side. */
const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
/** Routes that must never trigger a refresh: they are how one gets tokens. */
const TOKEN_ROUTES = /\/v1\/auth\/(login|register|refresh)$/;

/**
 * Sends the SDK's requests: credentials, retries with backoff (network errors, 5xx, 429 with
 * its `Retry-After`), one refresh of an expired access token, and cancellation.
 *
 * Retry rules: a request that changes nothing or changes the same thing twice (GET, HEAD, PUT,
 * PATCH, DELETE), or a POST that carries an `Idempotency-Key`, is retried on any of these; other
 * POSTs only on 429, which the API answers before doing anything (API.md "Rate limiting").
 */
export class Transport {
  readonly baseUrl: string;
  private credentials: Credentials;
  private readonly retry: Required<Omit<RetryOptions, 'onRetry'>> & Pick<RetryOptions, 'onRetry'>;
  private readonly send: typeof fetch;
  private refreshing: Promise<boolean> | undefined;

  constructor(private readonly options: TransportOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.credentials = { ...options.credentials };
    this.retry = {
      maxRetries: options.retry?.maxRetries ?? 3,
      initialDelayMs: options.retry?.initialDelayMs ?? 500,
      maxDelayMs: options.retry?.maxDelayMs ?? 20_000,
      maxRetryAfterSeconds: options.retry?.maxRetryAfterSeconds ?? 60,
      onRetry: options.retry?.onRetry,
    };
    const f = options.fetch ?? globalThis.fetch;
    if (!f) throw new TypeError('No fetch: pass options.fetch (Node ≥ 20 and browsers have one)');
    this.send = f.bind(globalThis);
  }

  /** The fetch `openapi-fetch` calls (a `Request` in, the final `Response` out). */
  readonly fetch = (request: Request): Promise<Response> => this.request(request);

  /** The current credentials (after any refresh). */
  get current(): Readonly<Credentials> {
    return this.credentials;
  }

  /** Replaces the access and refresh tokens (after a login) and reports them to `onTokens`. */
  async setTokens(tokens: Tokens): Promise<void> {
    this.credentials = { ...this.credentials, accessToken: tokens.accessToken, refreshToken: tokens.refreshToken ?? this.credentials.refreshToken };
    await this.options.onTokens?.(tokens);
  }

  /** Forgets the tokens (after a logout). */
  clearTokens(): void {
    this.credentials = { apiKey: this.credentials.apiKey };
  }

  /** Headers that authenticate a request now: `X-API-Key`, or `Authorization: Bearer`. */
  authHeaders(): Record<string, string> {
    if (this.credentials.apiKey) return { 'X-API-Key': this.credentials.apiKey };
    if (this.credentials.accessToken) return { Authorization: `Bearer ${this.credentials.accessToken}` };
    return {};
  }

  /** True when a 401 may be cured by a refresh. */
  canRefresh(): boolean {
    return !this.credentials.apiKey && Boolean(this.credentials.refreshToken);
  }

  /**
   * Exchanges the refresh token for new tokens (once at a time, however many requests ask).
   * @returns false when there is no refresh token or the server refused it.
   */
  refresh(signal?: AbortSignal): Promise<boolean> {
    this.refreshing ??= this.doRefresh(signal).finally(() => {
      this.refreshing = undefined;
    });
    return this.refreshing;
  }

  private async doRefresh(signal?: AbortSignal): Promise<boolean> {
    const refreshToken = this.credentials.refreshToken;
    if (!refreshToken) return false;
    let res: Response;
    try {
      res = await this.send(`${this.baseUrl}/v1/auth/refresh`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ refresh_token: refreshToken }),
        signal,
      });
    } catch {
      if (signal?.aborted) throw signal.reason;
      return false;
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      return false;
    }
    const body = (await res.json()) as { access_token: string; refresh_token?: string; expires_in?: number };
    await this.setTokens({ accessToken: body.access_token, refreshToken: body.refresh_token, expiresIn: body.expires_in });
    return true;
  }

  /**
   * Sends `request` with credentials, retrying and refreshing as the class says.
   * @returns the final answer, whatever its status (the caller turns errors into `CodexApiError`).
   * @throws CodexApiError `NETWORK_ERROR` when no answer came after the retries; the signal's
   *   reason when the request is cancelled.
   */
  async request(request: Request, options: { maxRetries?: number } = {}): Promise<Response> {
    const maxRetries = options.maxRetries ?? this.retry.maxRetries;
    const what = `${request.method.toUpperCase()} ${new URL(request.url).pathname}`;
    const notify = (attempt: number, delayMs: number, status?: number) => this.retry.onRetry?.({ request: what, attempt: attempt + 1, delayMs, ...(status ? { status } : {}) });
    const signal = request.signal;
    const body = request.body ? await request.arrayBuffer() : undefined;
    const method = request.method.toUpperCase();
    const safeToRepeat = method !== 'POST' || request.headers.has('idempotency-key');
    const explicitAuth = request.headers.has('authorization') || request.headers.has('x-api-key');
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const headers = new Headers(request.headers);
      if (!explicitAuth) for (const [k, v] of Object.entries(this.authHeaders())) headers.set(k, v);
      let res: Response;
      try {
        res = await this.send(request.url, { method, headers, body, signal, redirect: request.redirect });
      } catch (err) {
        if (signal.aborted) throw signal.reason;
        if (!safeToRepeat || attempt >= maxRetries) throw CodexApiError.network(err, what);
        const delay = this.backoff(attempt);
        notify(attempt, delay);
        await sleep(delay, signal);
        continue;
      }
      if (res.status === 401 && !refreshed && !explicitAuth && this.canRefresh() && !TOKEN_ROUTES.test(new URL(request.url).pathname)) {
        refreshed = true;
        if (!(await this.refresh(signal))) return res; // the 401, as it came
        await res.body?.cancel().catch(() => undefined);
        attempt -= 1; // the retry after a refresh is not one of the budget's
        continue;
      }
      if (!RETRYABLE_STATUS.has(res.status) || attempt >= maxRetries) return res;
      if (res.status !== 429 && !safeToRepeat) return res;
      let wait = this.backoff(attempt);
      if (res.status === 429) {
        const after = retryAfterSeconds(res);
        if (after !== undefined && after > this.retry.maxRetryAfterSeconds) return res;
        if (after !== undefined) wait = after * 1000;
      }
      await res.body?.cancel().catch(() => undefined);
      notify(attempt, wait, res.status);
      await sleep(wait, signal);
    }
  }

  /** Exponential backoff with jitter: between half and all of `initial × 2^attempt`, capped. */
  backoff(attempt: number): number {
    const ceiling = Math.min(this.retry.maxDelayMs, this.retry.initialDelayMs * 2 ** attempt);
    return Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
  }
}

/** `Retry-After` in seconds (delta-seconds or an HTTP date), if the answer has one. */
function retryAfterSeconds(res: Response): number | undefined {
  const header = res.headers.get('retry-after');
  if (!header) return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/**
 * Resolves after `ms`, or rejects with the signal's reason as soon as it aborts.
 * @throws the signal's reason (an `AbortError` unless the caller gave another).
 */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
