import { createServer, type Server } from 'node:http';
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import { expectError, registerUser, startTestApi, uniqueEmail, type TestApi } from './support/api-harness';

/** A stand-in identity provider: serves a JWKS on loopback and signs RS256 tokens. */
class FakeIssuer {
  readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  readonly kid = 'test-key-1';
  private server!: Server;
  url!: string;

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      if (req.url === '/.well-known/jwks.json') {
        const jwk = (this.keys.publicKey as KeyObject).export({ format: 'jwk' });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ keys: [{ ...jwk, kid: this.kid, use: 'sig', alg: 'RS256' }] }));
      } else {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/`;
  }

  stop(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  sign(claims: Record<string, unknown>, options: jwt.SignOptions = {}): string {
    return jwt.sign(claims, this.keys.privateKey, {
      algorithm: 'RS256',
      keyid: this.kid,
      issuer: this.url,
      audience: 'codex-external',
      expiresIn: 600,
      ...options,
    });
  }
}

let issuer: FakeIssuer;
let api: TestApi;

beforeAll(async () => {
  issuer = new FakeIssuer();
  await issuer.start();
  api = await startTestApi({ OIDC_ISSUER: issuer.url, OIDC_AUDIENCE: 'codex-external' });
});

afterAll(async () => {
  await api?.close();
  await issuer?.stop();
});

describe('external OIDC issuer', () => {
  it('accepts an RS256 token from the configured issuer and provisions the user once', async () => {
    const email = uniqueEmail('oidc');
    const token = issuer.sign({ email, email_verified: true, name: 'Grace' }, { subject: 'auth0|abc123', jwtid: 'j1' });
    const first = await api.request('GET', '/v1/auth/me', { token });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ email, name: 'Grace', tier: 'free' });
    const second = await api.request('GET', '/v1/auth/me', { token: issuer.sign({ email }, { subject: 'auth0|abc123' }) });
    expect(second.body.id).toBe(first.body.id);
  });

  it('still accepts built-in tokens beside the external ones', async () => {
    const user = await registerUser(api, 'builtin');
    expect((await api.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200);
  });

  it('refuses a wrong audience, an expired token, an unknown key and a foreign signer', async () => {
    const email = uniqueEmail('oidcbad');
    const cases = [
      issuer.sign({ email }, { subject: 's1', audience: 'someone-else' }),
      jwt.sign({ email, exp: Math.floor(Date.now() / 1000) - 5 }, issuer.keys.privateKey, {
        algorithm: 'RS256', keyid: issuer.kid, issuer: issuer.url, audience: 'codex-external', subject: 's1',
      }),
      issuer.sign({ email }, { subject: 's1', keyid: 'unknown-kid' }),
      jwt.sign({ email }, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey, {
        algorithm: 'RS256', keyid: issuer.kid, issuer: issuer.url, audience: 'codex-external', subject: 's1', expiresIn: 600,
      }),
    ];
    for (const token of cases) expectError(await api.request('GET', '/v1/auth/me', { token }), 401, 'UNAUTHORIZED');
  });

  it('refuses HS/RS confusion: an HS256 token keyed with the public key', async () => {
    const publicPem = (issuer.keys.publicKey as KeyObject).export({ type: 'spki', format: 'pem' }).toString();
    const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT', kid: issuer.kid })).toString('base64url');
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({ sub: 's2', email: uniqueEmail('confused'), iss: issuer.url, aud: 'codex-external', iat: now, exp: now + 600 }),
    ).toString('base64url');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha256', publicPem).update(`${header}.${payload}`).digest('base64url');
    expectError(await api.request('GET', '/v1/auth/me', { token: `${header}.${payload}.${signature}` }), 401, 'UNAUTHORIZED');
  });

  it('logout ends an external token too', async () => {
    const token = issuer.sign({ email: uniqueEmail('oidcout') }, { subject: 'auth0|logout', jwtid: 'logout-jti' });
    expect((await api.request('GET', '/v1/auth/me', { token })).status).toBe(200);
    expect((await api.request('POST', '/v1/auth/logout', { token })).status).toBe(200);
    expectError(await api.request('GET', '/v1/auth/me', { token }), 401, 'UNAUTHORIZED');
  });
});
