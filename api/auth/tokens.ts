import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt, { type JwtPayload } from 'jsonwebtoken';
import { randomBase32 } from '../../lib/ids';

/** The `token_use` claim: a refresh token is never accepted where an access token is expected. */
export const TokenUse = { access: 'access', refresh: 'refresh' } as const;
export type TokenUse = (typeof TokenUse)[keyof typeof TokenUse];

// The built-in issuer signs with HS256 only; pinning the algorithm on verify rejects `alg: none`
// and RS/HS confusion tokens.
const ALGORITHM = 'HS256' as const;
/** How many verified access tokens a process remembers (about 1 kB each). */
const VERIFIED_TOKENS_KEPT = 10_000;

export interface TokenSettings {
  secret: string;
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlSeconds: number;
}

export interface AccessClaims {
  sub: string;
  email: string;
  email_verified: boolean;
  scope: string;
  codex_tier: string;
  codex_subscription_id: string | null;
  sid: string;
}

export interface VerifiedAccessToken extends AccessClaims {
  jti: string;
  exp: number;
  iat: number;
}

export interface VerifiedRefreshToken {
  sub: string;
  sid: string;
  jti: string;
  exp: number;
}

/** Thrown by the verify functions for any token that must not be accepted; the reason is for logs only. */
export class InvalidTokenError extends Error {
  override readonly name = 'InvalidTokenError';
  constructor(readonly reason: string) {
    super(`invalid token: ${reason}`);
  }
}

export class TokenIssuer {
  /**
   * The secret as a KeyObject, made once: given a string, jsonwebtoken first tries (and fails)
   * to parse it as a public key on every call, which costs more than the HMAC itself.
   */
  private readonly key: KeyObject;

  constructor(private readonly settings: TokenSettings) {
    this.key = createSecretKey(Buffer.from(settings.secret, 'utf8'));
  }

  /** Access tokens already verified, oldest first (bounded: VERIFIED_TOKENS_KEPT). */
  private readonly verifiedAccess = new Map<string, VerifiedAccessToken>();

  get accessTtlSeconds(): number {
    return this.settings.accessTtlSeconds;
  }

  get refreshTtlSeconds(): number {
    return this.settings.refreshTtlSeconds;
  }

  issueAccessToken(claims: AccessClaims): { token: string; jti: string } {
    const jti = randomBase32(20);
    const token = jwt.sign({ ...claims, token_use: TokenUse.access }, this.key, {
      algorithm: ALGORITHM,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      expiresIn: this.settings.accessTtlSeconds,
      jwtid: jti,
    });
    return { token, jti };
  }

  /** `jti` is the refresh token row's ID: rotation and reuse detection key on it. */
  issueRefreshToken(input: { sub: string; sid: string; jti: string }): string {
    return jwt.sign({ sid: input.sid, token_use: TokenUse.refresh }, this.key, {
      algorithm: ALGORITHM,
      issuer: this.settings.issuer,
      audience: this.settings.audience,
      subject: input.sub,
      expiresIn: this.settings.refreshTtlSeconds,
      jwtid: input.jti,
    });
  }

  /** True when the token claims to come from this issuer (decides which verifier applies). */
  isOwnToken(token: string): boolean {
    const decoded = jwt.decode(token, { json: true });
    return decoded?.iss === this.settings.issuer;
  }

  /**
   * Verifies an access token. A token this process verified before is not checked again (the
   * same text, key and settings give the same answer) except for its expiry, which is.
   */
  verifyAccessToken(token: string): VerifiedAccessToken {
    const known = this.verifiedAccess.get(token);
    if (known) {
      if (Math.floor(Date.now() / 1000) < known.exp) return known;
      this.verifiedAccess.delete(token);
      throw new InvalidTokenError('jwt expired');
    }
    const payload = this.verify(token, TokenUse.access);
    if (typeof payload.sid !== 'string' || typeof payload.email !== 'string') {
      throw new InvalidTokenError('missing claims');
    }
    const verified = Object.freeze(payload) as unknown as VerifiedAccessToken;
    this.verifiedAccess.set(token, verified);
    if (this.verifiedAccess.size > VERIFIED_TOKENS_KEPT) {
      const oldest = this.verifiedAccess.keys().next();
      if (!oldest.done) this.verifiedAccess.delete(oldest.value);
    }
    return verified;
  }

  verifyRefreshToken(token: string): VerifiedRefreshToken {
    const payload = this.verify(token, TokenUse.refresh);
    if (typeof payload.sid !== 'string') throw new InvalidTokenError('missing claims');
    return payload as unknown as VerifiedRefreshToken;
  }

  private verify(token: string, use: TokenUse): JwtPayload {
    let payload: string | JwtPayload;
    try {
      payload = jwt.verify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: this.settings.issuer,
        audience: this.settings.audience,
      });
    } catch (err) {
      throw new InvalidTokenError(err instanceof Error ? err.message : 'unverifiable');
    }
    if (typeof payload === 'string') throw new InvalidTokenError('not a JSON payload');
    if (payload.token_use !== use) throw new InvalidTokenError(`token_use is not ${use}`);
    if (typeof payload.sub !== 'string' || typeof payload.jti !== 'string' || typeof payload.exp !== 'number') {
      throw new InvalidTokenError('missing claims');
    }
    return payload;
  }
}
