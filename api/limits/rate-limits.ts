import { createHash } from 'node:crypto';
import { Pool } from 'pg';
import { RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../../lib/logger';
import { tierLimits } from '../../lib/tiers';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';

/**
 * Per-minute request limits (API.md "Rate limiting and quotas"), shared by every API process.
 *
 * Counters live in Postgres, in `rate-limiter-flexible`'s store (table `rate_limits`): each
 * request is one atomic upsert of its key's row, so two processes never admit more than the
 * limit between them. The algorithm is a fixed window of 60 s that opens at a key's first request
 * (the library's): one row per key, one statement per request, and `X-RateLimit-Reset` is simply
 * the window's end. Its known edge: a client that spends its limit at a window's end and again at
 * the next one's start gets up to twice the limit within those 60 s (a sliding log would not, at
 * a row per request).
 *
 * Keys: `user:<user id>` for authenticated requests (however authenticated), `auth-ip:<address>`
 * and `auth-email:<sha256 of the address>` for register, login and refresh, `share-ip:<address>`
 * for requests with a share link's token.
 *
 * When the store cannot be reached, requests that start work are refused (fail closed) and the
 * others pass without a count (fail open); the outage is logged once, and its end once.
 */
export class RateLimits {
  private readonly pool: Pool;
  /** One limiter per distinct limit; they share the table and the key prefix, so a count survives a tier change. */
  private readonly limiters = new Map<string, RateLimiterPostgres>();
  private storeDown = false;
  /** The points consumed in the window, by answer (for `retier`). */
  private readonly counted = new WeakMap<object, number>();

  constructor(private readonly options: RateLimitOptions) {
    this.pool = new Pool({
      connectionString: options.databaseUrl,
      max: 5,
      application_name: 'codex-cloud-rate-limits',
      // An unreachable store must answer fast: it decides between fail open and fail closed.
      connectionTimeoutMillis: 2_000,
      query_timeout: 2_000,
    });
    this.pool.on('error', () => undefined);
    this.pool.on('connect', (client) => client.on('error', () => undefined));
  }

  /** The per-minute limit of a caller: the operator's own for the user, else the tier's (API.md tier table). */
  limitOf(principal: Pick<Principal, 'tier' | 'requestsPerMinute'>): number {
    if (principal.requestsPerMinute) return principal.requestsPerMinute;
    if (principal.tier === 'enterprise') return this.options.enterpriseRequestsPerMinute;
    return tierLimits(principal.tier).requestsPerMinute;
  }

  /**
   * Counts one request of an authenticated caller and sets `X-RateLimit-Limit`, `-Remaining`,
   * `-Reset` (unix seconds) and `-Tier` on `res`.
   *
   * @param options.startsWork true for requests that start agents (execute, orchestrate):
   *   refused when the store is unreachable.
   * @param options.countOnly counted, never refused (buying a higher limit must stay possible
   *   for a user who has reached theirs).
   * @throws ApiError RATE_LIMIT_EXCEEDED (429, with `Retry-After` set) over the limit; the refused
   *   request is not counted. SERVER_ERROR when the store is unreachable and `startsWork`.
   */
  async admitUser(principal: Principal, res: HeaderSink, options: { startsWork?: boolean; countOnly?: boolean } = {}): Promise<void> {
    const limit = this.limitOf(principal);
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Tier', principal.tier);
    const outcome = await this.consume('user', `user:${principal.userId}`, limit, options.startsWork ?? false, !options.countOnly);
    if (!outcome) return;
    this.counted.set(res, outcome.consumed);
    res.setHeader('X-RateLimit-Remaining', String(outcome.remaining));
    res.setHeader('X-RateLimit-Reset', String(Math.ceil(outcome.resetAt.getTime() / 1000)));
    if (outcome.refused) {
      this.options.onRefused?.(principal.tier);
      throw tooManyRequests(res, limit, outcome.resetAt, principal.tier);
    }
  }

  /**
   * Rewrites the limit headers of an answer whose request changed the caller's tier at once (an
   * upgrade, a cancellation that takes effect now): `X-RateLimit-Limit` and `-Tier` become the new
   * tier's and `-Remaining` what the minute's count leaves of it, so a client that follows the
   * headers uses the new limit from the next request (which is counted against it). Does nothing
   * when the answer has no count (limits off, or the store was unreachable).
   */
  retier(res: HeaderSink, principal: Pick<Principal, 'requestsPerMinute'>, tier: string): void {
    const consumed = this.counted.get(res);
    if (consumed === undefined) return;
    const limit = this.limitOf({ tier, requestsPerMinute: principal.requestsPerMinute });
    res.setHeader('X-RateLimit-Limit', String(limit));
    res.setHeader('X-RateLimit-Tier', tier);
    res.setHeader('X-RateLimit-Remaining', String(Math.max(0, limit - consumed)));
  }

  /**
   * Counts an unauthenticated attempt (register, login, refresh) against the client address's
   * limit and, when given, the email address's.
   *
   * @throws ApiError RATE_LIMIT_EXCEEDED (429 without `tier`) when either is over; the attempt is
   *   not counted. Fails open when the store is unreachable (these routes start no work).
   */
  async admitAnonymous(res: HeaderSink, client: { ip?: string; email?: string }): Promise<void> {
    const checks: [string, string, number][] = [];
    if (client.ip) checks.push(['auth-ip', `auth-ip:${client.ip}`, this.options.authPerIp]);
    if (client.email) checks.push(['auth-email', `auth-email:${sha256(client.email.trim().toLowerCase())}`, this.options.authPerEmail]);
    for (const [kind, key, limit] of checks) {
      const outcome = await this.consume(kind, key, limit, false);
      if (outcome?.refused) {
        this.options.onRefused?.('none');
        throw tooManyRequests(res, limit, outcome.resetAt);
      }
    }
  }

  /**
   * Counts a request made with a share link's token (the 3D page and its API calls, no account)
   * against the client address's own limit: apart from the sign-in limit, so viewing a share does
   * not lock its viewer out of logging in.
   * @throws ApiError RATE_LIMIT_EXCEEDED (429 without `tier`); fails open when the store is unreachable.
   */
  async admitShared(res: HeaderSink, ip: string | undefined): Promise<void> {
    if (!ip) return;
    const limit = this.options.sharePerIp;
    const outcome = await this.consume('share-ip', `share-ip:${ip}`, limit, false);
    if (outcome?.refused) {
      this.options.onRefused?.('none');
      throw tooManyRequests(res, limit, outcome.resetAt);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private limiter(kind: string, limit: number): RateLimiterPostgres {
    const id = `${kind}:${limit}`;
    let limiter = this.limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterPostgres({
        storeClient: this.pool,
        storeType: 'pool',
        tableName: 'rate_limits',
        tableCreated: true, // by the migration 20261129030000_rate_limits
        keyPrefix: 'rl',
        points: limit,
        duration: 60,
      });
      this.limiters.set(id, limiter);
    }
    return limiter;
  }

  /** One atomic count; undefined when the store is unreachable and the request may pass uncounted. */
  private async consume(
    kind: string,
    key: string,
    limit: number,
    failClosed: boolean,
    refuse = true,
  ): Promise<{ refused: boolean; remaining: number; consumed: number; resetAt: Date } | undefined> {
    const limiter = this.limiter(kind, limit);
    try {
      const res = await limiter.consume(key, 1);
      this.storeIsUp();
      return { refused: false, remaining: res.remainingPoints, consumed: res.consumedPoints, resetAt: resetAt(res) };
    } catch (err) {
      if (err instanceof RateLimiterRes) {
        this.storeIsUp();
        if (!refuse) return { refused: false, remaining: 0, consumed: err.consumedPoints, resetAt: resetAt(err) };
        // A refused request changes nothing: its point is given back.
        await limiter.reward(key, 1).catch(() => undefined);
        return { refused: true, remaining: 0, consumed: err.consumedPoints - 1, resetAt: resetAt(err) };
      }
      this.storeIsDown(err);
      if (failClosed) {
        throw new ApiError('SERVER_ERROR', 'Rate limits cannot be checked right now, so no work is started: try again shortly', { reason: 'rate_limiter_unavailable' });
      }
      return undefined;
    }
  }

  private storeIsDown(err: unknown): void {
    if (this.storeDown) return;
    this.storeDown = true;
    this.options.logger.error({ err }, 'rate limiter store unreachable: requests that start work are refused, others pass uncounted');
  }

  private storeIsUp(): void {
    if (!this.storeDown) return;
    this.storeDown = false;
    this.options.logger.warn('rate limiter store reachable again: every request is counted');
  }
}

/** Where the limit's headers go: an Express response, or a WebSocket handshake's header lines. */
export interface HeaderSink {
  setHeader(name: string, value: string): unknown;
}

export interface RateLimitOptions {
  /** Postgres of the `rate_limits` table (RATE_LIMIT_DATABASE_URL, else DATABASE_URL). */
  databaseUrl: string;
  /** ENTERPRISE_REQUESTS_PER_MINUTE. */
  enterpriseRequestsPerMinute: number;
  /** AUTH_RATE_LIMIT_PER_IP, AUTH_RATE_LIMIT_PER_EMAIL: attempts per minute. */
  authPerIp: number;
  authPerEmail: number;
  /** SHARE_RATE_LIMIT_PER_IP: requests per minute with a share link's token, per client address. */
  sharePerIp: number;
  logger: Logger;
  /** Told of every 429, with the caller's tier (`none` on the unauthenticated and share-link limits): the refusal metric. */
  onRefused?: (tier: string) => void;
}

function resetAt(res: RateLimiterRes): Date {
  return new Date(Date.now() + Math.max(res.msBeforeNext, 0));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** API.md's 429: `retry_after`, `tier` (authenticated callers), `limit` and `reset_at` in the error object, and `Retry-After`. */
function tooManyRequests(res: HeaderSink, limit: number, reset: Date, tier?: string): ApiError {
  const retryAfter = Math.max(1, Math.ceil((reset.getTime() - Date.now()) / 1000));
  res.setHeader('Retry-After', String(retryAfter));
  return new ApiError('RATE_LIMIT_EXCEEDED', `Rate limit exceeded. Try again in ${retryAfter} seconds.`, undefined, {
    retry_after: retryAfter,
    ...(tier ? { tier } : {}),
    limit,
    reset_at: reset.toISOString(),
  });
}
