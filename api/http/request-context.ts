import type { Logger } from '../../lib/logger';

/** Who is calling: set by the authenticate middleware. */
export interface Principal {
  userId: string;
  email: string;
  tier: string;
  /** `admin` may use the admin routes; absent means `user`. */
  role?: 'user' | 'admin';
  /** An operator's per-minute request limit for this user (users.requests_per_minute); null: the tier's. */
  requestsPerMinute?: number | null;
  /** How the caller proved who they are. */
  method: 'access_token' | 'api_key' | 'oidc';
  /** Session of a built-in access token; logout revokes it. */
  sessionId?: string;
  /** `jti` of the access token, or the API key's ID. */
  credentialId: string;
  scopes: string[];
  /** Access token expiry (unix seconds), when the credential is a token. */
  expiresAt?: number;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** `req_…`, also sent back as `X-Request-Id`. */
      requestId: string;
      log: Logger;
      principal?: Principal;
      /** The share token of a request to a shareable route that came without credentials. */
      shareToken?: string;
    }
  }
}
