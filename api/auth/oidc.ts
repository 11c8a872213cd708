import jwt, { type JwtHeader, type JwtPayload } from 'jsonwebtoken';
import { JwksClient } from 'jwks-rsa';
import { InvalidTokenError } from './tokens';

export interface OidcSettings {
  issuer: string;
  audience: string;
  /** Default `<issuer>/.well-known/jwks.json`. */
  jwksUrl?: string;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
  scope: string;
  jti: string;
  exp: number;
}

/**
 * Verifies tokens of an external OIDC issuer (Auth0-style): RS256 only, keys fetched from its
 * JWKS URL by `kid` (cached, rate-limited), `iss`/`aud`/`exp` checked.
 */
export class OidcVerifier {
  private readonly jwks: JwksClient;
  readonly issuer: string;

  constructor(private readonly settings: OidcSettings) {
    this.issuer = settings.issuer;
    const base = settings.issuer.replace(/\/$/, '');
    this.jwks = new JwksClient({
      jwksUri: settings.jwksUrl ?? `${base}/.well-known/jwks.json`,
      cache: true,
      cacheMaxAge: 10 * 60_000,
      rateLimit: true,
      jwksRequestsPerMinute: 10,
      timeout: 5_000,
    });
  }

  /** True when the token's `iss` is this issuer. */
  accepts(token: string): boolean {
    const decoded = jwt.decode(token, { json: true });
    const iss = decoded?.iss;
    return typeof iss === 'string' && iss.replace(/\/$/, '') === this.issuer.replace(/\/$/, '');
  }

  async verify(token: string): Promise<OidcIdentity> {
    const payload = await new Promise<JwtPayload>((resolve, reject) => {
      jwt.verify(
        token,
        (header: JwtHeader, callback) => {
          if (header.alg !== 'RS256' || !header.kid) {
            callback(new Error('unexpected algorithm or missing kid'));
            return;
          }
          this.jwks.getSigningKey(header.kid).then(
            (key) => callback(null, key.getPublicKey()),
            (err: unknown) => callback(err instanceof Error ? err : new Error(String(err))),
          );
        },
        { algorithms: ['RS256'], issuer: this.settings.issuer, audience: this.settings.audience },
        (err, decoded) => {
          if (err || !decoded || typeof decoded === 'string') reject(new InvalidTokenError(err?.message ?? 'unverifiable'));
          else resolve(decoded);
        },
      );
    });
    if (typeof payload.sub !== 'string' || typeof payload.exp !== 'number') throw new InvalidTokenError('missing claims');
    return {
      issuer: this.settings.issuer,
      subject: payload.sub,
      email: typeof payload.email === 'string' ? payload.email : null,
      emailVerified: payload.email_verified === true,
      name: typeof payload.name === 'string' ? payload.name : null,
      scope: typeof payload.scope === 'string' ? payload.scope : '',
      jti: typeof payload.jti === 'string' ? payload.jti : `${payload.sub}:${payload.iat ?? payload.exp}`,
      exp: payload.exp,
    };
  }
}
