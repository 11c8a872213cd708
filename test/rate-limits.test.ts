import { Writable } from 'node:stream';
import type { Db } from '../db/connection';
import { expectError, registerUser, startTestApi, uniqueEmail, type TestApi, type TestResponse } from './support/api-harness';
import { freePort } from './support/processes';
import { collectSse, eventually, handshakeStatus } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { testSettings, TRIVIAL_AGENT } from './support/worker-harness';

/**
 * Per-minute rate limits (API.md "Rate limiting and quotas"), counted in Postgres, against real
 * API processes. Every test has its own user (or client address), so their windows never meet.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;
const LIMITS_ON = { RATE_LIMIT_ENABLED: 'true', AUTH_RATE_LIMIT_PER_IP: '10000' };

beforeAll(async () => {
  stack = await startTestStack({ ...LIMITS_ON, LOCAL_AGENT_COMMAND: TRIVIAL_AGENT });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
});

function rateHeaders(res: TestResponse) {
  return {
    limit: res.headers.get('x-ratelimit-limit'),
    remaining: res.headers.get('x-ratelimit-remaining'),
    reset: Number(res.headers.get('x-ratelimit-reset')),
    tier: res.headers.get('x-ratelimit-tier'),
  };
}

/** API.md's 429, exactly: the error object's members, `Retry-After` equal to `retry_after`. */
function expect429(res: TestResponse, limit: number, tier: string | undefined) {
  expectError(res, 429, 'RATE_LIMIT_EXCEEDED');
  const error = res.body.error;
  const expected = ['code', 'documentation_url', 'limit', 'message', 'request_id', 'reset_at', 'retry_after', ...(tier ? ['tier'] : [])].sort();
  expect(Object.keys(error).sort()).toEqual(expected);
  expect(error.message).toBe(`Rate limit exceeded. Try again in ${error.retry_after} seconds.`);
  expect(error.retry_after).toBeGreaterThanOrEqual(1);
  expect(error.retry_after).toBeLessThanOrEqual(60);
  expect(res.headers.get('retry-after')).toBe(String(error.retry_after));
  expect(error.limit).toBe(limit);
  expect(error.tier).toBe(tier);
  expect(Math.abs(Date.parse(error.reset_at) - (Date.now() + error.retry_after * 1000))).toBeLessThan(2_000);
  expect(error.documentation_url).toMatch(/\/errors\/RATE_LIMIT_EXCEEDED$/);
}

async function taskCount(userId: string): Promise<number> {
  const row = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

it('admits a free user 5 requests a minute with the X-RateLimit headers, and answers the 6th with 429', async () => {
  const user = await registerUser(api, 'rl-free');
  const before = Math.floor(Date.now() / 1000);
  for (let i = 1; i <= 5; i++) {
    const res = await api.request('GET', '/v1/auth/me', { token: user.access });
    expect(res.status).toBe(200);
    const h = rateHeaders(res);
    expect(h).toMatchObject({ limit: '5', remaining: String(5 - i), tier: 'free' });
    expect(h.reset).toBeGreaterThanOrEqual(before + 59);
    expect(h.reset).toBeLessThanOrEqual(before + 62);
  }
  const refused = await api.request('GET', '/v1/auth/me', { token: user.access });
  expect429(refused, 5, 'free');
  expect(rateHeaders(refused)).toMatchObject({ limit: '5', remaining: '0', tier: 'free' });
  // Errors of an authenticated caller carry the headers too (this one counted, and was refused).
  const notFound = await api.request('GET', '/v1/agents/tasks/task_0000000000000000', { token: user.access });
  expect429(notFound, 5, 'free');
});

it('counts JWT and API-key requests of a user together, and a refused execute starts nothing and is not counted', async () => {
  const user = await registerUser(api, 'rl-mixed');
  const key = (await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'ci' } })).body.key as string;
  expect(rateHeaders(await api.request('GET', '/v1/auth/api-keys', { apiKey: key })).remaining).toBe('3');
  expect(rateHeaders(await api.request('GET', '/v1/auth/me', { token: user.access })).remaining).toBe('2');
  expect((await api.request('POST', '/v1/agents/execute', { apiKey: key, body: { task: 'counted' } })).status).toBe(202);
  expect((await api.request('GET', '/v1/auth/me', { apiKey: key })).status).toBe(200);
  for (let i = 0; i < 3; i++) {
    const refused = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'refused' } });
    expect429(refused, 5, 'free');
  }
  expect(await taskCount(user.id)).toBe(1);

  // An upgrade lifts the limit at once (the session cache hears the change from Postgres); the
  // window's count goes on: 5 admitted, the 3 refused not counted, so 94 of 100 remain.
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  // Postgres announces the change as it commits; a request racing the announcement is refused, uncounted.
  const after = await eventually(async () => {
    const res = await api.request('GET', '/v1/auth/me', { token: user.access });
    return res.status === 200 ? res : undefined;
  }, 5_000, 'the upgrade to reach the API');
  expect(rateHeaders(after)).toMatchObject({ limit: '100', remaining: '94', tier: 'pro' });
});

it('counts WebSocket and SSE handshakes, and refuses a handshake over the limit with 429 and Retry-After', async () => {
  const user = await registerUser(api, 'rl-streams');
  const created = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'stream me' } });
  const id = created.body.task_id as string;
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/v1/agents/tasks/${id}/stream`;
  const sseUrl = `${api.url}/v1/agents/tasks/${id}/events`;
  expect((await handshakeStatus(wsUrl, { authorization: `Bearer ${user.access}` })).status).toBe(101);
  expect([200, 204]).toContain((await collectSse(sseUrl, { authorization: `Bearer ${user.access}` })).status);
  // 3 used: execute, WebSocket, SSE.
  expect(rateHeaders(await api.request('GET', '/v1/auth/me', { token: user.access })).remaining).toBe('1');
  expect(rateHeaders(await api.request('GET', '/v1/auth/me', { token: user.access })).remaining).toBe('0');

  const ws = await handshakeStatus(wsUrl, { authorization: `Bearer ${user.access}` });
  expect(ws.status).toBe(429);
  const wsError = JSON.parse(ws.body).error;
  expect(wsError).toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', tier: 'free', limit: 5 });
  const sse = await fetch(sseUrl, { headers: { accept: 'text/event-stream', authorization: `Bearer ${user.access}` } });
  expect(sse.status).toBe(429);
  expect(sse.headers.get('retry-after')).toBe(String(((await sse.json()) as { error: { retry_after: number } }).error.retry_after));
});

it('holds the limit across two API processes: of 40 concurrent requests, exactly the limit is admitted', async () => {
  const second = await startTestApi(testSettings(LIMITS_ON));
  try {
    const free = await registerUser(api, 'rl-two-free');
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => (i % 2 ? api : second).request('GET', '/v1/auth/me', { token: free.access })),
    );
    expect(answers.filter((r) => r.status === 200)).toHaveLength(5);
    expect(answers.filter((r) => r.status === 429)).toHaveLength(35);

    const pro = await registerUser(api, 'rl-two-pro');
    await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', pro.id).execute();
    const burst = await Promise.all(
      Array.from({ length: 130 }, (_, i) => (i % 2 ? api : second).request('GET', '/v1/auth/api-keys', { token: pro.access })),
    );
    expect(burst.filter((r) => r.status === 200)).toHaveLength(100);
    expect(burst.filter((r) => r.status === 429).every((r) => r.body.error.tier === 'pro' && r.body.error.limit === 100)).toBe(true);
  } finally {
    await second.close();
  }
});

it('counts an upgrade at the limit but never refuses it: a user can always buy a higher limit', async () => {
  const user = await registerUser(api, 'rl-upgrade');
  for (let i = 0; i < 5; i++) expect((await api.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200);
  expect429(await api.request('GET', '/v1/subscription', { token: user.access }), 5, 'free');
  const upgraded = await api.request('POST', '/v1/subscription/upgrade', { token: user.access, body: { new_tier: 'pro', billing_cycle: 'monthly' } });
  expect(upgraded.status).toBe(200);
  // The upgrade's own answer already gives the new limit (a new user's trial found the old one
  // there, which told a client that follows the headers to wait out the minute): 5 + the upgrade
  // counted, of 100.
  expect(rateHeaders(upgraded)).toMatchObject({ limit: '100', remaining: '94', tier: 'pro' });
  const after = await eventually(async () => {
    const res = await api.request('GET', '/v1/auth/me', { token: user.access });
    return res.status === 200 ? res : undefined;
  }, 5_000, 'the upgrade to reach the API');
  // 5 + the upgrade counted; the 429 was not.
  expect(rateHeaders(after)).toMatchObject({ limit: '100', remaining: '93', tier: 'pro' });
  // Cancelled now: the answer already gives the free tier's limit, spent (8 counted of 5).
  const cancelled = await api.request('POST', '/v1/subscription/cancel', { token: user.access, body: { cancel_at_period_end: false } });
  expect(cancelled.status).toBe(200);
  expect(rateHeaders(cancelled)).toMatchObject({ limit: '5', remaining: '0', tier: 'free' });
});

it('counts a request with a credential that no route serves (404, 405): the limit headers, and 429 past the limit', async () => {
  const user = await registerUser(api, 'rl-unrouted');
  const unknown = await api.request('GET', '/v1/no-such-thing', { token: user.access });
  expectError(unknown, 404, 'NOT_FOUND');
  expect(rateHeaders(unknown)).toMatchObject({ limit: '5', remaining: '4', tier: 'free' });
  const wrongMethod = await api.request('PUT', '/v1/subscription', { token: user.access, body: {} });
  expectError(wrongMethod, 405, 'METHOD_NOT_ALLOWED');
  expect(rateHeaders(wrongMethod)).toMatchObject({ limit: '5', remaining: '3', tier: 'free' });
  // A credential that does not authenticate changes nothing: still 404, no headers, not counted.
  const stranger = await api.request('GET', '/v1/no-such-thing', { headers: { authorization: 'Bearer not-a-token' } });
  expectError(stranger, 404, 'NOT_FOUND');
  expect(stranger.headers.get('x-ratelimit-limit')).toBeNull();
  for (let i = 0; i < 3; i++) expect((await api.request('GET', '/v1/no-such-thing', { token: user.access })).status).toBe(404);
  expect429(await api.request('GET', '/v1/no-such-thing', { token: user.access }), 5, 'free');
});

it("uses an operator's per-user limit (users.requests_per_minute) and the enterprise default", async () => {
  const user = await registerUser(api, 'rl-enterprise');
  await db.updateTable('users').set({ tier: 'enterprise' }).where('id', '=', user.id).execute();
  const enterprise = await eventually(async () => {
    const res = await api.request('GET', '/v1/auth/me', { token: user.access });
    return rateHeaders(res).tier === 'enterprise' ? res : undefined;
  }, 5_000, 'the enterprise tier to reach the API');
  expect(rateHeaders(enterprise)).toMatchObject({ limit: '10000', tier: 'enterprise' });
  await db.updateTable('users').set({ requests_per_minute: 3 }).where('id', '=', user.id).execute();
  // The change reaches the API's session cache by a Postgres notification, milliseconds later; a
  // request sent before it lands still sees 10,000 (and is counted). CI caught that race once.
  const first = await eventually(async () => {
    const res = await api.request('GET', '/v1/auth/me', { token: user.access });
    return rateHeaders(res).limit === '3' ? res : undefined;
  }, 5_000, 'the operator limit to reach the API');
  // At least two requests of this minute are counted (an enterprise one and this one).
  const remaining = Number(rateHeaders(first).remaining);
  expect(remaining).toBeLessThanOrEqual(1);
  for (let i = 0; i < remaining; i++) expect((await api.request('GET', '/v1/auth/me', { token: user.access })).status).toBe(200);
  expect429(await api.request('GET', '/v1/auth/me', { token: user.access }), 3, 'enterprise');
});

describe('register, login and refresh', () => {
  it('slows password guessing: the 6th login for one email in a minute is 429 (no tier), even with the right password', async () => {
    const user = await registerUser(api, 'rl-login');
    for (let i = 0; i < 4; i++) {
      expectError(await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong password!' } }), 401, 'UNAUTHORIZED');
    }
    // Register counted once for this address: 5 attempts so far.
    const refused = await api.request('POST', '/v1/auth/login', { body: { email: user.email.toUpperCase(), password: user.password } });
    expect429(refused, 5, undefined);
    expect(refused.headers.get('x-ratelimit-tier')).toBeNull();
    // Another address is not held back.
    const other = await registerUser(api, 'rl-login-other');
    expect((await api.request('POST', '/v1/auth/login', { body: { email: other.email, password: other.password } })).status).toBe(200);
  });

  it('limits each client address; X-Forwarded-For names the client only behind a trusted proxy', async () => {
    const trusting = await startTestApi(testSettings({ RATE_LIMIT_ENABLED: 'true', AUTH_RATE_LIMIT_PER_IP: '3', TRUST_PROXY: 'loopback' }));
    const untrusting = await startTestApi(testSettings({ RATE_LIMIT_ENABLED: 'true', AUTH_RATE_LIMIT_PER_IP: '3' }));
    try {
      // Behind a trusted proxy: a client address of its own (TEST-NET-3, random per run).
      const client = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
      const refresh = (target: TestApi, forwardedFor: string) =>
        target.request('POST', '/v1/auth/refresh', { body: { refresh_token: 'not-a-token' }, headers: { 'x-forwarded-for': forwardedFor } });
      for (let i = 0; i < 3; i++) expectError(await refresh(trusting, client), 401, 'UNAUTHORIZED');
      expect429(await refresh(trusting, client), 3, undefined);
      expectError(await refresh(trusting, `198.51.100.${1 + Math.floor(Math.random() * 250)}`), 401, 'UNAUTHORIZED');

      // Not trusted: a forged X-Forwarded-For changes nothing, the connection's address is counted.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await refresh(untrusting, `192.0.2.${i + 1}`)).status);
      expect(statuses).toContain(429);
      // The refused attempt registers no user either.
      const email = uniqueEmail('rl-ip');
      const res = await untrusting.request('POST', '/v1/auth/register', { body: { email, password: 'long enough password' } });
      expect429(res, 3, undefined);
      expect(await db.selectFrom('users').select('id').where('email', '=', email).executeTakeFirst()).toBeUndefined();
    } finally {
      await trusting.close();
      await untrusting.close();
    }
  });

  it('counts share-link requests apart from sign-ins: viewing a share never locks its viewer out of logging in', async () => {
    const limited = await startTestApi(testSettings({ RATE_LIMIT_ENABLED: 'true', AUTH_RATE_LIMIT_PER_IP: '3', SHARE_RATE_LIMIT_PER_IP: '4', TRUST_PROXY: 'loopback' }));
    try {
      const client = `203.0.113.${1 + Math.floor(Math.random() * 250)}`;
      const headers = { 'x-forwarded-for': client, 'x-share-token': 'not-a-share-token' };
      // A share token on a shareable route: counted under the share limit (4), refused at the 5th.
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await limited.request('GET', '/v1/visualize/viz_NOSUCHVIZ0000000', { headers })).status);
      expect(statuses.slice(0, 4)).not.toContain(429);
      expect429({ ...(await limited.request('GET', '/v1/visualize/viz_NOSUCHVIZ0000000', { headers })) }, 4, undefined);
      // The same address still has its three sign-in attempts.
      for (let i = 0; i < 3; i++) {
        expectError(await limited.request('POST', '/v1/auth/refresh', { body: { refresh_token: 'not-a-token' }, headers: { 'x-forwarded-for': client } }), 401, 'UNAUTHORIZED');
      }
    } finally {
      await limited.close();
    }
  });
});

it('with its store unreachable, refuses work (execute) and lets reads through, logging the outage once', async () => {
  const lines: string[] = [];
  const logTo = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  // A port nothing listens on.
  const port = await freePort();
  const broken = await startTestApi(
    testSettings({ RATE_LIMIT_ENABLED: 'true', RATE_LIMIT_DATABASE_URL: `postgres://nobody@127.0.0.1:${port}/none`, LOG_LEVEL: 'warn' }),
    { logTo },
  );
  try {
    const user = await registerUser(broken, 'rl-down');
    for (let i = 0; i < 8; i++) {
      const me = await broken.request('GET', '/v1/auth/me', { token: user.access });
      expect(me.status).toBe(200);
      expect(rateHeaders(me)).toMatchObject({ limit: '5', tier: 'free' });
      expect(me.headers.get('x-ratelimit-remaining')).toBeNull();
    }
    const refused = await broken.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'no count, no start' } });
    expectError(refused, 500, 'SERVER_ERROR');
    expect(refused.body.error.details).toEqual({ reason: 'rate_limiter_unavailable' });
    expect(await taskCount(user.id)).toBe(0);
    expect(lines.filter((l) => l.includes('rate limiter store unreachable'))).toHaveLength(1);
    expect(lines.join('')).not.toContain('unhandled error');
  } finally {
    await broken.close();
  }
});

it('documents 429 on every limited operation', async () => {
  const doc = (await api.request('GET', '/v1/openapi.json')).body;
  for (const [path, op] of [
    ['/v1/auth/me', 'get'],
    ['/v1/agents/execute', 'post'],
    ['/v1/auth/login', 'post'],
    ['/v1/agents/tasks/{task_id}/events', 'get'],
  ] as const) {
    expect(doc.paths[path][op].responses['429']).toBeDefined();
  }
  expect(doc.paths['/healthz'].get.responses['429']).toBeUndefined();
});
