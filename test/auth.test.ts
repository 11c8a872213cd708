import { generateKeyPairSync, createHash } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { createDb, type Db } from '../db/connection';
import { newId } from '../lib/ids';
import { expectError, registerUser, startTestApi, uniqueEmail, type TestApi } from './support/api-harness';

let api: TestApi;
let db: Db;

beforeAll(async () => {
  api = await startTestApi();
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
});

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

describe('register and login', () => {
  it('registers, answering 201 with tokens shaped like login', async () => {
    const email = uniqueEmail('reg');
    const res = await api.request('POST', '/v1/auth/register', { body: { email, password: 'long enough pw', name: 'Ada' } });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 86400,
      refresh_token: expect.any(String),
    });
    const claims = jwt.decode(res.body.access_token) as Record<string, unknown>;
    expect(claims).toMatchObject({
      sub: expect.stringMatching(/^user_/),
      email,
      email_verified: false,
      iss: api.config.JWT_ISSUER,
      aud: api.config.JWT_AUDIENCE,
      scope: '*',
      codex_tier: 'free',
      codex_subscription_id: expect.stringMatching(/^sub_/),
      token_use: 'access',
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(86400);
  });

  it('refuses a duplicate email, whatever its case, with 409 CONFLICT and creates nothing', async () => {
    const email = uniqueEmail('dup');
    await api.request('POST', '/v1/auth/register', { body: { email, password: 'long enough pw' } });
    const res = await api.request('POST', '/v1/auth/register', { body: { email: email.toUpperCase(), password: 'another pw 123' } });
    expectError(res, 409, 'CONFLICT');
    const rows = await db.selectFrom('users').select('id').where('email', 'ilike', email).execute();
    expect(rows).toHaveLength(1);
  });

  it.each([
    [{ password: 'long enough pw' }, 'email', 'is required'],
    [{ email: 'not-an-email', password: 'long enough pw' }, 'email', undefined],
    [{ email: 'a@example.com', password: 'short' }, 'password', 'must be at least 8 characters'],
    [{ email: 'a@example.com', password: 12345678 }, 'password', undefined],
  ])('rejects %j with 400 naming the field', async (body, field, reason) => {
    const res = await api.request('POST', '/v1/auth/register', { body });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details.field).toBe(field);
    if (reason) expect(res.body.error.details.reason).toBe(reason);
  });

  it('logs in with the right password and refuses a wrong one or an unknown email alike', async () => {
    const user = await registerUser(api, 'login');
    const ok = await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect(ok.status).toBe(200);
    expect(ok.body.token_type).toBe('Bearer');

    const wrong = await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong password' } });
    const unknown = await api.request('POST', '/v1/auth/login', { body: { email: uniqueEmail('nobody'), password: 'wrong password' } });
    expectError(wrong, 401, 'UNAUTHORIZED');
    expectError(unknown, 401, 'UNAUTHORIZED');
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('stores the password as a salted scrypt hash, never in clear', async () => {
    const user = await registerUser(api, 'hash');
    const row = await db.selectFrom('users').select('password_hash').where('email', '=', user.email).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row.password_hash).not.toContain(user.password);
  });
});

describe('me', () => {
  it('answers the user, subscription and real usage figures', async () => {
    const user = await registerUser(api, 'me');
    const me = await api.request('GET', '/v1/auth/me', { token: user.access });
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      id: expect.stringMatching(/^user_/),
      email: user.email,
      name: 'Test User',
      tier: 'free',
      subscription: { id: expect.stringMatching(/^sub_/), status: 'active', current_period_end: expect.any(String), cancel_at_period_end: false },
      usage: { requests_this_month: 0, requests_limit: 100, storage_used_bytes: 0, storage_limit_bytes: 1024 ** 3 },
      created_at: expect.any(String),
    });

    // Two agent runs this month, one last month; a 1,234-byte stored input.
    const userId = me.body.id as string;
    const thisMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), 1));
    const lastMonth = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 1, 1));
    await db
      .insertInto('quota_usage')
      .values([
        { user_id: userId, period_start: thisMonth, agent_runs: 2 },
        { user_id: userId, period_start: lastMonth, agent_runs: 1 },
      ])
      .execute();
    const data = Buffer.alloc(1234, 7);
    await db
      .insertInto('blobs')
      .values({ id: newId('blob'), user_id: userId, content_type: 'application/json', byte_size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
      .execute();

    const after = await api.request('GET', '/v1/auth/me', { token: user.access });
    expect(after.body.usage).toMatchObject({ requests_this_month: 2, storage_used_bytes: 1234 });
  });

  it('refuses a missing, malformed or garbage credential with 401', async () => {
    expectError(await api.request('GET', '/v1/auth/me'), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { headers: { authorization: 'Basic abc' } }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: 'not.a.jwt' }), 401, 'UNAUTHORIZED');
  });
});

describe('refresh tokens', () => {
  it('rotates: the new pair works and the old refresh token does not', async () => {
    const user = await registerUser(api, 'rotate');
    const res = await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ access_token: expect.any(String), expires_in: 86400, refresh_token: expect.any(String) });
    expect(res.body.refresh_token).not.toBe(user.refresh);
    expect((await api.request('GET', '/v1/auth/me', { token: res.body.access_token })).status).toBe(200);
  });

  it('revokes the whole family when a rotated refresh token is reused', async () => {
    const user = await registerUser(api, 'reuse');
    const first = await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } });
    expect(first.status).toBe(200);

    const replay = await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } });
    expectError(replay, 401, 'UNAUTHORIZED');

    // Everything issued in that session is now dead: the newest refresh token and both access tokens.
    expectError(await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: first.body.refresh_token } }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: first.body.access_token }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: user.access }), 401, 'UNAUTHORIZED');

    // Another login of the same user is a separate family and still works.
    const again = await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
    expect((await api.request('GET', '/v1/auth/me', { token: again.body.access_token })).status).toBe(200);
  });

  it('never accepts a refresh token as an access token, nor the reverse', async () => {
    const user = await registerUser(api, 'types');
    expectError(await api.request('GET', '/v1/auth/me', { token: user.refresh }), 401, 'UNAUTHORIZED');
    expectError(await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.access } }), 401, 'UNAUTHORIZED');
  });

  it('validates the body', async () => {
    const res = await api.request('POST', '/v1/auth/refresh', { body: {} });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details).toEqual({ field: 'refresh_token', reason: 'is required' });
  });
});

describe('logout', () => {
  it('ends both the access token and its refresh token', async () => {
    const user = await registerUser(api, 'logout');
    const res = await api.request('POST', '/v1/auth/logout', { token: user.access });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Logged out successfully' });
    expectError(await api.request('GET', '/v1/auth/me', { token: user.access }), 401, 'UNAUTHORIZED');
    expectError(await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } }), 401, 'UNAUTHORIZED');
  });
});

describe('sessions cached by API processes', () => {
  let a: TestApi;
  let b: TestApi;

  beforeAll(async () => {
    // A cache so long that only Postgres's announcement of the revocation can end it in time.
    a = await startTestApi({ AUTH_SESSION_CACHE_SECONDS: '300' });
    b = await startTestApi({ AUTH_SESSION_CACHE_SECONDS: '300' });
  });

  afterAll(async () => {
    await Promise.all([a?.close(), b?.close()]);
  });

  /** Polls GET /me for up to 5 s (far less than the cache's 300 s) until it is no longer 200. */
  async function statusOnceRefused(api: TestApi, token: string): Promise<number> {
    const deadline = Date.now() + 5_000;
    for (;;) {
      const { status } = await api.request('GET', '/v1/auth/me', { token });
      if (status !== 200 || Date.now() > deadline) return status;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('a logout on one process ends the access token on every other at once', async () => {
    const user = await registerUser(a, 'cachelogout');
    expect((await b.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200); // b now has it cached
    expect((await b.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200);
    expect((await a.request('POST', '/v1/auth/logout', { token: user.access })).status).toBe(200);
    expect(await statusOnceRefused(b, user.access)).toBe(401);
  });

  it('a session revoked by hand in SQL ends too', async () => {
    const user = await registerUser(a, 'cachesql');
    expect((await b.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200);
    const sid = (jwt.decode(user.access) as { sid: string }).sid;
    await db.updateTable('auth_sessions').set({ revoked_at: new Date(), revoked_reason: 'operator' }).where('id', '=', sid).execute();
    expect(await statusOnceRefused(b, user.access)).toBe(401);
  });
});

describe('hostile access tokens', () => {
  let claims: Record<string, unknown>;
  let token: string;

  beforeAll(async () => {
    const user = await registerUser(api, 'hostile');
    token = user.access;
    claims = jwt.decode(token) as Record<string, unknown>;
  });

  function forge(overrides: Record<string, unknown>, secret: string = api.config.JWT_SECRET!): string {
    const { iat: _iat, exp: _exp, ...rest } = claims;
    return jwt.sign({ ...rest, ...overrides }, secret, { algorithm: 'HS256', expiresIn: 3600 });
  }

  function base64url(value: object): string {
    return Buffer.from(JSON.stringify(value)).toString('base64url');
  }

  it('accepts the genuine token (control)', async () => {
    expect((await api.request('GET', '/v1/auth/me', { token })).status).toBe(200);
    expect((await api.request('GET', '/v1/auth/me', { token: forge({}) })).status).toBe(200);
  });

  it('refuses alg: none', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
    expectError(await api.request('GET', '/v1/auth/me', { token: unsigned }), 401, 'UNAUTHORIZED');
  });

  it('refuses RS256 tokens and HS256 tokens signed with another secret', async () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const rs = jwt.sign(rest, privateKey, { algorithm: 'RS256', expiresIn: 3600 });
    expectError(await api.request('GET', '/v1/auth/me', { token: rs }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: forge({}, 'x'.repeat(48)) }), 401, 'UNAUTHORIZED');
  });

  it('refuses an expired token, a wrong audience and a wrong issuer', async () => {
    const { iat: _iat, exp: _exp, ...rest } = claims;
    const expiredToken = jwt.sign({ ...rest, exp: Math.floor(Date.now() / 1000) - 10 }, api.config.JWT_SECRET!, { algorithm: 'HS256' });
    expectError(await api.request('GET', '/v1/auth/me', { token: expiredToken }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: forge({ aud: 'someone-else' }) }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { token: forge({ iss: 'https://evil.example' }) }), 401, 'UNAUTHORIZED');
  });

  it('refuses a token of a session that does not exist', async () => {
    expectError(await api.request('GET', '/v1/auth/me', { token: forge({ sid: 'ses_NOSUCHSESSION00' }) }), 401, 'UNAUTHORIZED');
  });
});

describe('API keys', () => {
  it('creates a key shown once, lists it by prefix only, authenticates with it, and revokes it at once', async () => {
    const user = await registerUser(api, 'keys');
    const created = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'ci' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.stringMatching(/^key_/),
      name: 'ci',
      key: expect.stringMatching(/^codex_sk_live_[0-9A-Za-z]{40}$/),
      prefix: expect.stringMatching(/^codex_sk_live_[0-9A-Za-z]{8}$/),
      scopes: ['*'],
      created_at: expect.any(String),
    });
    const { key, prefix, id } = created.body as { key: string; prefix: string; id: string };
    expect(key.startsWith(prefix)).toBe(true);

    const stored = await db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(JSON.stringify(stored)).not.toContain(key);

    const me = await api.request('GET', '/v1/auth/me', { apiKey: key });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(user.email);

    const list = await api.request('GET', '/v1/auth/api-keys', { token: user.access });
    expect(list.body.api_keys).toEqual([
      { id, name: 'ci', prefix, scopes: ['*'], created_at: expect.any(String), last_used_at: expect.any(String) },
    ]);
    expect(list.text).not.toContain(key);

    const revoked = await api.request('DELETE', `/v1/auth/api-keys/${id}`, { token: user.access });
    expect(revoked.status).toBe(200);
    expect(revoked.body).toEqual({ success: true, id });

    const after = await api.request('GET', '/v1/auth/me', { apiKey: key });
    const unknown = await api.request('GET', '/v1/auth/me', { apiKey: `${prefix}${'A'.repeat(32)}` });
    const malformed = await api.request('GET', '/v1/auth/me', { apiKey: 'codex_sk_live_short' });
    for (const res of [after, unknown, malformed]) expectError(res, 401, 'UNAUTHORIZED');
    expect(new Set([after.body.error.message, unknown.body.error.message, malformed.body.error.message]).size).toBe(1);
    expect((await api.request('GET', '/v1/auth/api-keys', { token: user.access })).body.api_keys).toEqual([]);
  });

  it("answers 404 for another user's key and leaves it working", async () => {
    const owner = await registerUser(api, 'owner');
    const other = await registerUser(api, 'other');
    const created = await api.request('POST', '/v1/auth/api-keys', { token: owner.access, body: { name: 'mine' } });
    const res = await api.request('DELETE', `/v1/auth/api-keys/${created.body.id}`, { token: other.access });
    expectError(res, 404, 'NOT_FOUND');
    expect((await api.request('GET', '/v1/auth/me', { apiKey: created.body.key })).status).toBe(200);
    expect((await api.request('GET', '/v1/auth/api-keys', { token: other.access })).body.api_keys).toEqual([]);
  });

  it('limits a key to its scopes', async () => {
    const user = await registerUser(api, 'scopes');
    const created = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'read only', scopes: ['agents:read'] } });
    expect(created.body.scopes).toEqual(['agents:read']);
    const res = await api.request('POST', '/v1/auth/api-keys', { apiKey: created.body.key, body: { name: 'escalate' } });
    expectError(res, 403, 'FORBIDDEN');
    expect((await api.request('GET', '/v1/auth/me', { apiKey: created.body.key })).status).toBe(200);

    const bad = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'x', scopes: ['root'] } });
    expectError(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.error.details.field).toBe('scopes.0');
  });

  it('refuses logout with an API key, since a key is revoked on its own route', async () => {
    const user = await registerUser(api, 'keylogout');
    const created = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'k' } });
    // The key is authenticated (so not 401) but may not do this (403); it stays usable.
    const res = await api.request('POST', '/v1/auth/logout', { apiKey: created.body.key });
    expectError(res, 403, 'FORBIDDEN');
    expect(res.body.error.message).toMatch(/DELETE \/v1\/auth\/api-keys/);
    expect((await api.request('GET', '/v1/auth/me', { apiKey: created.body.key })).status).toBe(200);
  });
});
