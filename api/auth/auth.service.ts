import type { Request } from 'express';
import type { Db } from '../../db/connection';
import type { Tier, User } from '../../db/database';
import * as apiKeys from '../../db/repositories/api-key.repository';
import * as sessions from '../../db/repositories/auth-session.repository';
import { findSubscriptionByUser, insertSubscription } from '../../db/repositories/subscription.repository';
import * as users from '../../db/repositories/user.repository';
import { newId } from '../../lib/ids';
import type { Quotas } from '../limits/quotas';
import type { Logger } from '../../lib/logger';
import { monthStart } from '../../lib/tiers';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';
import { apiKeyHashMatches, apiKeyPrefix, generateApiKey, hashApiKey, isWellFormedApiKey, type ApiKeyMode } from './api-keys';
import type { OidcVerifier } from './oidc';
import { hashPassword, verifyPasswordOrDummy } from './passwords';
import { WILDCARD_SCOPE } from './scopes';
import type { SessionCache } from './session-cache';
import { InvalidTokenError, type TokenIssuer } from './tokens';

export interface LoginAnswer {
  access_token: string;
  token_type: 'Bearer';
  expires_in: number;
  refresh_token: string;
}

const INVALID_API_KEY = 'Invalid API key';
const INVALID_TOKEN = 'Invalid or expired access token';

export interface AuthServiceDeps {
  db: Db;
  tokens: TokenIssuer;
  oidc?: OidcVerifier;
  apiKeyMode: ApiKeyMode;
  logger: Logger;
  /** Short-lived memory of live sessions (none: every request reads the session). */
  sessionCache?: SessionCache;
  /** Usage and limits for `me`. */
  quotas: Quotas;
}

/**
 * Refuses every credential of a suspended account (an admin's `suspended: true`).
 * @throws ApiError FORBIDDEN with `details.reason: "suspended"`
 */
function refuseSuspended(user: { suspended_at?: Date | null }): void {
  if (user.suspended_at) throw new ApiError('FORBIDDEN', 'This account is suspended: contact the operator of this service', { reason: 'suspended' });
}

/** Accounts, sessions, tokens and API keys (API.md "Authentication"). */
export class AuthService {
  constructor(private readonly deps: AuthServiceDeps) {}

  async register(input: { email: string; password: string; name?: string }): Promise<LoginAnswer> {
    const { db } = this.deps;
    const passwordHash = await hashPassword(input.password);
    const user = await db.transaction().execute(async (trx) => {
      const created = await users.insertUser(trx, {
        id: newId('user'),
        email: input.email,
        name: input.name ?? null,
        password_hash: passwordHash,
        external_subject: null,
      });
      if (!created) return undefined;
      await this.createFreeSubscription(trx, created.id);
      return created;
    });
    if (!user) throw ApiError.conflict('An account with this email already exists', { field: 'email' });
    return this.startSession(user);
  }

  async login(input: { email: string; password: string }): Promise<LoginAnswer> {
    const user = await users.findUserByEmail(this.deps.db, input.email);
    const ok = await verifyPasswordOrDummy(input.password, user?.password_hash);
    if (!user || !ok) throw ApiError.unauthorized('Invalid email or password');
    refuseSuspended(user);
    return this.startSession(user);
  }

  /** Rotates a refresh token. Presenting an already-rotated one revokes its whole session. */
  async refresh(refreshToken: string): Promise<LoginAnswer> {
    const { db, tokens } = this.deps;
    let claims;
    try {
      claims = tokens.verifyRefreshToken(refreshToken);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw ApiError.unauthorized('Invalid or expired refresh token');
      throw err;
    }
    const session = await sessions.findSession(db, claims.sid);
    if (!session || session.revoked_at || session.user_id !== claims.sub) {
      throw ApiError.unauthorized('Invalid or expired refresh token');
    }
    // A suspended account is refused before its refresh token is spent: lifting the suspension
    // leaves the session as it was.
    const user = await users.findUserById(db, claims.sub);
    if (!user) throw ApiError.unauthorized('Invalid or expired refresh token');
    refuseSuspended(user);
    const used = await sessions.useRefreshToken(db, claims.jti);
    if (!used || used.session_id !== session.id) {
      await sessions.revokeSession(db, session.id, 'refresh_token_reuse');
      this.deps.sessionCache?.forget(`session:${session.id}`);
      this.deps.logger.warn({ session_id: session.id, user_id: session.user_id }, 'refresh token reuse: session revoked');
      throw ApiError.unauthorized('Refresh token was already used; the session has been revoked');
    }
    return this.issuePair(user, session.id);
  }

  async logout(principal: Principal): Promise<void> {
    if (principal.sessionId) {
      await sessions.revokeSession(this.deps.db, principal.sessionId, 'logout');
      // Other API processes forget it when Postgres announces the revocation; this one, now.
      this.deps.sessionCache?.forget(`session:${principal.sessionId}`);
    } else if (principal.method === 'oidc' && principal.expiresAt) {
      await sessions.revokeTokenId(this.deps.db, principal.credentialId, new Date(principal.expiresAt * 1000));
    } else {
      throw new ApiError('FORBIDDEN', 'An API key has no session to end: revoke it with DELETE /v1/auth/api-keys/{id}', { credential: 'api_key' });
    }
  }

  /**
   * Resolves the caller from `X-API-Key` or `Authorization: Bearer`, or throws UNAUTHORIZED. When a
   * request carries both, the API key is the credential (a CLI with a key and a stale token still works).
   */
  async authenticate(req: Request): Promise<Principal> {
    const apiKey = req.get('x-api-key');
    if (apiKey !== undefined) return this.authenticateApiKey(apiKey);
    const header = req.get('authorization');
    if (!header) throw ApiError.unauthorized('Missing credentials: send Authorization: Bearer <token> or X-API-Key');
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!match) throw ApiError.unauthorized('Authorization header must be "Bearer <token>"');
    return this.authenticateToken(match[1]!);
  }

  /** Verifies a bearer token (built-in or external issuer); used by HTTP and streaming handshakes. */
  async authenticateToken(token: string): Promise<Principal> {
    const { oidc } = this.deps;
    if (oidc && oidc.accepts(token)) return this.authenticateOidc(oidc, token);
    let claims;
    try {
      claims = this.deps.tokens.verifyAccessToken(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw ApiError.unauthorized(INVALID_TOKEN);
      throw err;
    }
    // Every authenticated request runs this: one round trip for the session and its user,
    // unless this process saw the session live a moment ago (SessionCache).
    const load = () => sessions.findLiveSessionUser(this.deps.db, claims.sid, claims.sub);
    const user = this.deps.sessionCache ? await this.deps.sessionCache.lookup(claims.sid, claims.sub, load) : await load();
    if (!user) throw ApiError.unauthorized(INVALID_TOKEN);
    refuseSuspended(user);
    return {
      userId: user.id,
      email: user.email,
      tier: user.tier,
      role: user.role,
      requestsPerMinute: user.requests_per_minute,
      method: 'access_token',
      sessionId: claims.sid,
      credentialId: claims.jti,
      scopes: claims.scope.split(' ').filter(Boolean),
      expiresAt: claims.exp,
    };
  }

  async authenticateApiKey(key: string): Promise<Principal> {
    // Unknown, revoked and malformed keys all get the same answer.
    if (!isWellFormedApiKey(key)) throw ApiError.unauthorized(INVALID_API_KEY);
    const presented = hashApiKey(key);
    const candidates = await apiKeys.findActiveApiKeysByPrefix(this.deps.db, apiKeyPrefix(key));
    const row = candidates.find((c) => apiKeyHashMatches(presented, c.key_hash));
    if (!row) throw ApiError.unauthorized(INVALID_API_KEY);
    const user = await users.findUserById(this.deps.db, row.user_id);
    if (!user) throw ApiError.unauthorized(INVALID_API_KEY);
    refuseSuspended(user);
    await apiKeys.touchApiKey(this.deps.db, row.id);
    return { userId: user.id, email: user.email, tier: user.tier, role: user.role, requestsPerMinute: user.requests_per_minute, method: 'api_key', credentialId: row.id, scopes: row.scopes };
  }

  async me(principal: Principal) {
    const { db } = this.deps;
    const user = await users.findUserById(db, principal.userId);
    if (!user) throw ApiError.unauthorized(INVALID_TOKEN);
    const [subscription, usage] = await Promise.all([findSubscriptionByUser(db, user.id), this.deps.quotas.usage(db, user.id, user.tier)]);
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      tier: user.tier,
      subscription: subscription
        ? {
            id: subscription.id,
            status: subscription.status,
            current_period_end: subscription.tier === 'free' ? usage.period.end.toISOString() : subscription.current_period_end.toISOString(),
            cancel_at_period_end: subscription.cancel_at_period_end,
          }
        : null,
      usage: {
        requests_this_month: usage.requests_this_month,
        requests_limit: usage.requests_limit,
        storage_used_bytes: usage.storage_used_bytes,
        storage_limit_bytes: usage.storage_limit_bytes,
      },
      created_at: user.created_at.toISOString(),
    };
  }

  async createApiKey(principal: Principal, input: { name: string; scopes?: string[] }) {
    const generated = generateApiKey(this.deps.apiKeyMode);
    const scopes = input.scopes ?? [WILDCARD_SCOPE];
    // A key can't grant more than its creator holds.
    if (!principal.scopes.includes(WILDCARD_SCOPE) && !scopes.every((s) => principal.scopes.includes(s))) {
      throw new ApiError('FORBIDDEN', 'An API key cannot carry scopes its creator does not have', { field: 'scopes' });
    }
    const row = await apiKeys.insertApiKey(this.deps.db, {
      id: newId('apiKey'),
      userId: principal.userId,
      name: input.name,
      prefix: generated.prefix,
      keyHash: generated.hash,
      scopes,
    });
    return { id: row.id, name: row.name, key: generated.key, prefix: row.prefix, scopes: row.scopes, created_at: row.created_at.toISOString() };
  }

  async listApiKeys(principal: Principal) {
    const rows = await apiKeys.listApiKeys(this.deps.db, principal.userId);
    return {
      api_keys: rows.map((r) => ({
        id: r.id,
        name: r.name,
        prefix: r.prefix,
        scopes: r.scopes,
        created_at: r.created_at.toISOString(),
        last_used_at: r.last_used_at?.toISOString() ?? null,
      })),
    };
  }

  async revokeApiKey(principal: Principal, id: string): Promise<void> {
    if (!(await apiKeys.revokeApiKey(this.deps.db, principal.userId, id))) throw ApiError.notFound('API key');
  }

  private async authenticateOidc(oidc: OidcVerifier, token: string): Promise<Principal> {
    let identity;
    try {
      identity = await oidc.verify(token);
    } catch (err) {
      if (err instanceof InvalidTokenError) throw ApiError.unauthorized(INVALID_TOKEN);
      throw err;
    }
    if (await sessions.isTokenIdRevoked(this.deps.db, identity.jti)) throw ApiError.unauthorized(INVALID_TOKEN);
    const user = await this.userForExternalIdentity(identity);
    refuseSuspended(user);
    return {
      userId: user.id,
      email: user.email,
      tier: user.tier,
      role: user.role,
      requestsPerMinute: user.requests_per_minute,
      method: 'oidc',
      credentialId: identity.jti,
      scopes: [WILDCARD_SCOPE],
      expiresAt: identity.exp,
    };
  }

  /**
   * Maps an external identity to a user: by `iss|sub` first; else, when the issuer vouches for
   * the email, the account with that email is linked; else a new account is made.
   */
  private async userForExternalIdentity(identity: { issuer: string; subject: string; email: string | null; emailVerified: boolean; name: string | null }): Promise<User> {
    const { db } = this.deps;
    const subject = `${identity.issuer}|${identity.subject}`;
    const known = await users.findUserByExternalSubject(db, subject);
    if (known) return known;
    if (!identity.email) throw ApiError.unauthorized('The identity provider did not supply an email');
    return db.transaction().execute(async (trx) => {
      const existing = await users.findUserByEmail(trx, identity.email!);
      if (existing) {
        if (!identity.emailVerified || existing.external_subject) {
          throw new ApiError('FORBIDDEN', 'This email belongs to another account');
        }
        return trx
          .updateTable('users')
          .set({ external_subject: subject, email_verified: true, updated_at: new Date() })
          .where('id', '=', existing.id)
          .returningAll()
          .executeTakeFirstOrThrow();
      }
      const created = await users.insertUser(trx, {
        id: newId('user'),
        email: identity.email!,
        name: identity.name,
        password_hash: null,
        external_subject: subject,
        email_verified: identity.emailVerified,
      });
      if (!created) throw ApiError.conflict('An account with this email already exists');
      await this.createFreeSubscription(trx, created.id);
      return created;
    });
  }

  private async createFreeSubscription(db: Db, userId: string): Promise<void> {
    const start = monthStart();
    const end = new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1));
    await insertSubscription(db, { id: newId('subscription'), userId, tier: 'free' satisfies Tier, periodStart: start, periodEnd: end });
  }

  private async startSession(user: User): Promise<LoginAnswer> {
    const sessionId = newId('session');
    await sessions.insertSession(this.deps.db, {
      id: sessionId,
      userId: user.id,
      expiresAt: new Date(Date.now() + this.deps.tokens.refreshTtlSeconds * 1000),
    });
    return this.issuePair(user, sessionId);
  }

  private async issuePair(user: User, sessionId: string): Promise<LoginAnswer> {
    const { tokens, db } = this.deps;
    const subscription = await findSubscriptionByUser(db, user.id);
    const { token: accessToken } = tokens.issueAccessToken({
      sub: user.id,
      email: user.email,
      email_verified: user.email_verified,
      scope: WILDCARD_SCOPE,
      codex_tier: user.tier,
      codex_subscription_id: subscription?.id ?? null,
      sid: sessionId,
    });
    const refreshId = newId('refreshToken');
    await sessions.insertRefreshToken(db, {
      id: refreshId,
      sessionId,
      expiresAt: new Date(Date.now() + tokens.refreshTtlSeconds * 1000),
    });
    return {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: tokens.accessTtlSeconds,
      refresh_token: tokens.issueRefreshToken({ sub: user.id, sid: sessionId, jti: refreshId }),
    };
  }
}
