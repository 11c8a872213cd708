// The admin API against a real stack: the admin role (ADMIN_EMAILS), 403 for everyone else,
// tier changes and suspensions that take effect at once (a running task cancelled, API keys
// refused), every user's tasks with their Temporal UI links, the last hour's figures, and the
// audit log of what admins did.
import http from 'node:http';
import { expectError, registerUser, startTestApi, uniqueEmail } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';
import { sql } from 'kysely';

const ADMIN_EMAIL = uniqueEmail('admin');
let stack: TestStack;
let admin: { id: string; access: string };

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, ADMIN_EMAILS: `someone@example.test, ${ADMIN_EMAIL.toUpperCase()}`, TEMPORAL_UI_URL: 'http://temporal-ui.example.test:8233' });
  const res = await stack.api.request('POST', '/v1/auth/register', { body: { email: ADMIN_EMAIL, password: 'correct horse battery staple' } });
  expect(res.status).toBe(201);
  const access = res.body.access_token as string;
  admin = { id: JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()).sub as string, access };
  // Registering an ADMIN_EMAILS address grants nothing (anyone could register it first): the
  // role comes at the next start, from the operator's setting.
  expectError(await stack.api.request('GET', '/v1/admin/stats', { token: access }), 403, 'FORBIDDEN');
  await restartGrants();
  await eventually(async () => ((await stack.api.request('GET', '/v1/admin/stats', { token: access })).status === 200 ? true : undefined), 10_000, 'the admin role');
});

/** Starts (and stops) another API process with the stack's settings: its start applies ADMIN_EMAILS. */
async function restartGrants(): Promise<void> {
  const again = await startTestApi(stack.settings);
  try {
    await eventually(async () => {
      const row = await stack.db.selectFrom('users').select(['role', 'suspended_at']).where(sql<string>`lower(email)`, '=', ADMIN_EMAIL.toLowerCase()).executeTakeFirst();
      return row?.role === 'admin' && !row.suspended_at ? true : undefined;
    }, 10_000, 'ADMIN_EMAILS to be applied');
  } finally {
    await again.close();
  }
}

afterAll(async () => {
  await stack?.close();
});

const as = (token: string) => ({
  get: (path: string) => stack.api.request('GET', path, { token }),
  patch: (path: string, body: unknown) => stack.api.request('PATCH', path, { token, body }),
});

/**
 * Sends a JSON request's headers and first bytes now, runs `meanwhile` 300 ms later, and only then
 * the rest of the body: the server has checked the credentials before `meanwhile` changes them.
 */
function sendBodyLate(method: string, url: URL, token: string, body: string, meanwhile: () => Promise<void>): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.write(body.slice(0, 5));
    setTimeout(() => meanwhile().then(() => req.end(body.slice(5)), reject), 300);
  });
}

async function taskStatus(id: string): Promise<string> {
  const row = await stack.db.selectFrom('tasks').select('status').where('id', '=', id).executeTakeFirst();
  return row?.status ?? 'missing';
}

it('answers 403 FORBIDDEN to every admin route for a user without the role, and 401 without credentials', async () => {
  const user = await registerUser(stack.api, 'not-admin');
  for (const path of ['/v1/admin/users', '/v1/admin/tasks', '/v1/admin/stats', '/v1/admin/audit']) {
    expectError(await as(user.access).get(path), 403, 'FORBIDDEN');
    expectError(await stack.api.request('GET', path), 401, 'UNAUTHORIZED');
  }
  expectError(await as(user.access).patch(`/v1/admin/users/${user.id}`, { tier: 'enterprise' }), 403, 'FORBIDDEN');
  // Nothing changed.
  expect((await as(user.access).get('/v1/auth/me')).body.tier).toBe('free');
});

it('finds users by email, tier and status; a tier change takes effect at once and is audited', async () => {
  const user = await registerUser(stack.api, 'tier-change');
  const found = await as(admin.access).get(`/v1/admin/users?email=${encodeURIComponent(user.email.slice(0, 20).toUpperCase())}`);
  expect(found.status).toBe(200);
  expect(found.body.users.map((u: { id: string }) => u.id)).toContain(user.id);
  expect(found.body.users.find((u: { id: string }) => u.id === user.id)).toMatchObject({ email: user.email, tier: 'free', role: 'user', suspended: false });

  const changed = await as(admin.access).patch(`/v1/admin/users/${user.id}`, { tier: 'team', requests_per_minute: 5000 });
  expect(changed.status).toBe(200);
  expect(changed.body).toMatchObject({ id: user.id, tier: 'team', requests_per_minute: 5000 });
  // The user's next request already runs under the new tier and limit.
  const me = await eventually(async () => {
    const r = await as(user.access).get('/v1/auth/me');
    return r.body.tier === 'team' ? r : undefined;
  }, 10_000, 'the tier change to reach the API');
  expect(me.body.usage.requests_limit).toBe(100_000);
  const teams = await as(admin.access).get('/v1/admin/users?tier=team&limit=200');
  expect(teams.body.users.map((u: { id: string }) => u.id)).toContain(user.id);

  const audit = await as(admin.access).get(`/v1/admin/audit?target_id=${user.id}`);
  expect(audit.status).toBe(200);
  expect(audit.body.entries).toHaveLength(1);
  expect(audit.body.entries[0]).toMatchObject({
    actor: { id: admin.id, email: ADMIN_EMAIL },
    action: 'user.update',
    target: { type: 'user', id: user.id },
    before: { tier: 'free', requests_per_minute: null, suspended: false, role: 'user' },
    after: { tier: 'team', requests_per_minute: 5000, suspended: false, role: 'user' },
  });
  expect(Date.parse(audit.body.entries[0].created_at)).toBeGreaterThan(Date.now() - 60_000);
});

it("a suspension cancels the user's running task, refuses their tokens and API keys; lifting it lets them back", async () => {
  const user = await registerUser(stack.api, 'suspend-me');
  const key = await stack.api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'ci' } });
  expect(key.status).toBe(201);
  const run = await stack.api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'long', agent_type: 'general', context: { script: { steps: 300, delay_ms: 100 } } } });
  expect(run.status).toBe(202);
  const taskId = run.body.task_id as string;
  await eventually(async () => ((await taskStatus(taskId)) === 'running' ? true : undefined), 30_000, 'the task to run');

  const suspended = await as(admin.access).patch(`/v1/admin/users/${user.id}`, { suspended: true });
  expect(suspended.status).toBe(200);
  expect(suspended.body).toMatchObject({ suspended: true, cancelled: 1 });
  expect(await eventually(async () => ((await taskStatus(taskId)) === 'cancelled' ? 'cancelled' : undefined), 30_000, 'the task to be cancelled')).toBe('cancelled');

  const byToken = await eventually(async () => {
    const r = await as(user.access).get('/v1/auth/me');
    return r.status === 403 ? r : undefined;
  }, 10_000, 'the suspension to reach the API');
  expectError(byToken, 403, 'FORBIDDEN');
  expect(byToken.body.error.details.reason).toBe('suspended');
  expectError(await stack.api.request('GET', '/v1/auth/me', { apiKey: key.body.key }), 403, 'FORBIDDEN');
  expectError(await stack.api.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } }), 403, 'FORBIDDEN');
  expectError(await stack.api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } }), 403, 'FORBIDDEN');
  const listed = await as(admin.access).get('/v1/admin/users?status=suspended&limit=200');
  expect(listed.body.users.map((u: { id: string }) => u.id)).toContain(user.id);

  expect((await as(admin.access).patch(`/v1/admin/users/${user.id}`, { suspended: false })).body.suspended).toBe(false);
  // The refused refresh spent nothing: the same refresh token works once the suspension is lifted.
  await eventually(async () => ((await stack.api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } })).status === 200 ? true : undefined), 10_000, 'the refresh token to work again');
  await eventually(async () => ((await stack.api.request('GET', '/v1/auth/me', { apiKey: key.body.key })).status === 200 ? true : undefined), 10_000, 'the key to work again');
  const audit = await as(admin.access).get(`/v1/admin/audit?target_id=${user.id}`);
  expect(audit.body.entries.map((e: { after: { suspended: boolean } }) => e.after.suspended)).toEqual([false, true]);
});

it("lists every user's tasks with their Temporal UI links, and the last hour's figures", async () => {
  const user = await registerUser(stack.api, 'tasks-of');
  const failing = await stack.api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'fail', agent_type: 'general', context: { script: { fail: { message: 'the model refused to answer', retryable: false } } } } });
  const id = failing.body.task_id as string;
  await eventually(async () => ((await taskStatus(id)) === 'failed' ? true : undefined), 30_000, 'the task to fail');

  const tasks = await as(admin.access).get(`/v1/admin/tasks?status=failed&user_id=${user.id}`);
  expect(tasks.status).toBe(200);
  expect(tasks.body.tasks).toHaveLength(1);
  expect(tasks.body.tasks[0]).toMatchObject({
    task_id: id,
    user_email: user.email,
    status: 'failed',
    error: { message: expect.stringContaining('the model refused to answer') },
    temporal_ui_url: `http://temporal-ui.example.test:8233/namespaces/default/workflows/${id}`,
  });
  // A page of one, then the next by cursor.
  const all = await as(admin.access).get('/v1/admin/tasks?limit=1');
  expect(all.body).toMatchObject({ has_more: true });
  const next = await as(admin.access).get(`/v1/admin/tasks?limit=1&cursor=${all.body.next_cursor}`);
  expect(next.body.tasks[0].task_id).not.toBe(all.body.tasks[0].task_id);

  const stats = await as(admin.access).get('/v1/admin/stats');
  expect(stats.status).toBe(200);
  expect(stats.body.per_minute.length).toBeGreaterThanOrEqual(59);
  expect(stats.body.per_minute.reduce((n: number, m: { started: number }) => n + m.started, 0)).toBeGreaterThanOrEqual(2);
  expect(stats.body.per_minute.reduce((n: number, m: { failed: number }) => n + m.failed, 0)).toBeGreaterThanOrEqual(1);
  expect(stats.body.failure_rate).toBeGreaterThan(0);
  expect(stats.body.failures_by_code.map((f: { code: string }) => f.code)).toContain('AGENT_ERROR');
  expect(stats.body.queue_depth.map((q: { task_queue: string }) => q.task_queue)).toContain(`${stack.settings.TEMPORAL_TASK_QUEUE_PREFIX}-agents`);
  expect(stats.body.usage_by_tier.find((t: { tier: string }) => t.tier === 'free').users).toBeGreaterThanOrEqual(1);
});

it('refuses bad changes with a clear error and changes nothing', async () => {
  const user = await registerUser(stack.api, 'bad-input');
  const a = as(admin.access);
  // An empty change is answered with the user as they are, and not audited.
  const empty = await a.patch(`/v1/admin/users/${user.id}`, {});
  expect(empty.status).toBe(200);
  expect(empty.body).toMatchObject({ id: user.id, tier: 'free', suspended: false, cancelled: 0 });
  expectError(await a.patch(`/v1/admin/users/${user.id}`, { tier: 'platinum' }), 400, 'INVALID_REQUEST');
  expectError(await a.patch(`/v1/admin/users/${user.id}`, { suspended: 'yes' }), 400, 'INVALID_REQUEST');
  expectError(await a.patch(`/v1/admin/users/${user.id}`, { owner: true }), 400, 'INVALID_REQUEST');
  expectError(await a.patch('/v1/admin/users/user_0000000000000000', { tier: 'pro' }), 404, 'NOT_FOUND');
  // Whatever the form of the ID: 404 (API.md), not a validation error.
  for (const id of ['task_ABCDEFGH12', 'user_lowercase1', `user_${'A'.repeat(70)}`, 'x']) expectError(await a.patch(`/v1/admin/users/${id}`, { tier: 'pro' }), 404, 'NOT_FOUND');
  expectError(await a.patch(`/v1/admin/users/${admin.id}`, { suspended: true }), 409, 'CONFLICT');
  expectError(await a.patch(`/v1/admin/users/${admin.id}`, { role: 'user' }), 409, 'CONFLICT');
  expectError(await a.get('/v1/admin/tasks?from=yesterday'), 400, 'INVALID_REQUEST');
  expectError(await a.get('/v1/admin/tasks?from=2026-02-30'), 400, 'INVALID_REQUEST');
  expect((await a.get('/v1/admin/tasks?from=2026-02-28&to=2026-03-01T00:00:00Z')).status).toBe(200);
  expectError(await a.get('/v1/admin/users?limit=0'), 400, 'INVALID_REQUEST');
  expectError(await a.get('/v1/admin/audit?cursor=aud_0000000000000000'), 400, 'INVALID_REQUEST');
  // None of it touched the user or the log.
  const audit = await a.get(`/v1/admin/audit?target_id=${user.id}`);
  expect(audit.body.entries).toEqual([]);
  expect((await as(user.access).get('/v1/auth/me')).body.tier).toBe('free');
});

it('an admin can make another user an admin, who then reaches the admin routes', async () => {
  const user = await registerUser(stack.api, 'new-admin');
  expectError(await as(user.access).get('/v1/admin/stats'), 403, 'FORBIDDEN');
  expect((await as(admin.access).patch(`/v1/admin/users/${user.id}`, { role: 'admin' })).body.role).toBe('admin');
  await eventually(async () => ((await as(user.access).get('/v1/admin/stats')).status === 200 ? true : undefined), 10_000, 'the role to reach the API');
});

it('limits API keys to their scopes on the admin routes: admin:read reads, admin:write changes', async () => {
  const user = await registerUser(stack.api, 'scoped-target');
  const key = async (scopes: string[]) => (await stack.api.request('POST', '/v1/auth/api-keys', { token: admin.access, body: { name: scopes.join(' '), scopes } })).body.key as string;
  const agentsOnly = await key(['agents:read']);
  const reader = await key(['admin:read']);
  expectError(await stack.api.request('GET', '/v1/admin/users', { apiKey: agentsOnly }), 403, 'FORBIDDEN');
  expectError(await stack.api.request('PATCH', `/v1/admin/users/${user.id}`, { apiKey: agentsOnly, body: { tier: 'enterprise' } }), 403, 'FORBIDDEN');
  expect((await stack.api.request('GET', '/v1/admin/users', { apiKey: reader })).status).toBe(200);
  expectError(await stack.api.request('PATCH', `/v1/admin/users/${user.id}`, { apiKey: reader, body: { tier: 'enterprise' } }), 403, 'FORBIDDEN');
  expect((await as(user.access).get('/v1/auth/me')).body.tier).toBe('free');
});

it("checks the caller's role again when a change is made: a request whose body arrived after its sender was demoted changes nothing", async () => {
  const second = await registerUser(stack.api, 'second-admin');
  const target = await registerUser(stack.api, 'slow-target');
  expect((await as(admin.access).patch(`/v1/admin/users/${second.id}`, { role: 'admin' })).status).toBe(200);
  await eventually(async () => ((await as(second.access).get('/v1/admin/stats')).status === 200 ? true : undefined), 10_000, 'the role');
  // The second admin sends the headers now and the body later.
  const body = JSON.stringify({ tier: 'enterprise' });
  const url = new URL(`${stack.api.url}/v1/admin/users/${target.id}`);
  // Meanwhile the first admin demotes the second.
  const answer = sendBodyLate('PATCH', url, second.access, body, async () => {
    expect((await as(admin.access).patch(`/v1/admin/users/${second.id}`, { role: 'user' })).status).toBe(200);
  });
  const res = await answer;
  expect(res.status).toBe(403);
  expect((await as(target.access).get('/v1/auth/me')).body.tier).toBe('free');
});

it('serialises two admins suspending each other: one wins, the other is refused; ADMIN_EMAILS at the next start brings its admins back', async () => {
  const second = await registerUser(stack.api, 'rival-admin');
  expect((await as(admin.access).patch(`/v1/admin/users/${second.id}`, { role: 'admin' })).status).toBe(200);
  await eventually(async () => ((await as(second.access).get('/v1/admin/stats')).status === 200 ? true : undefined), 10_000, 'the role');
  const [a, b] = await Promise.all([as(admin.access).patch(`/v1/admin/users/${second.id}`, { suspended: true }), as(second.access).patch(`/v1/admin/users/${admin.id}`, { suspended: true })]);
  expect([a.status, b.status].sort()).toEqual([200, 403]);
  // Whoever lost, the operator's setting brings the ADMIN_EMAILS account back, audited.
  await restartGrants();
  await eventually(async () => ((await as(admin.access).get('/v1/admin/stats')).status === 200 ? true : undefined), 10_000, 'the admin to be back');
  if (b.status === 200) {
    const audit = await as(admin.access).get(`/v1/admin/audit?target_id=${admin.id}`);
    expect(audit.body.entries[0]).toMatchObject({ actor: { id: null, email: 'ADMIN_EMAILS' }, action: 'user.grant_admin', after: { suspended: false, role: 'admin' } });
  }
  await as(admin.access).patch(`/v1/admin/users/${second.id}`, { suspended: false, role: 'user' });
});

it('an execute whose body arrives after its user was suspended starts nothing (403)', async () => {
  const user = await registerUser(stack.api, 'slow-execute');
  const body = JSON.stringify({ task: 'late', agent_type: 'general', context: { script: { steps: 1, delay_ms: 10 } } });
  const answer = sendBodyLate('POST', new URL(`${stack.api.url}/v1/agents/execute`), user.access, body, async () => {
    expect((await as(admin.access).patch(`/v1/admin/users/${user.id}`, { suspended: true })).status).toBe(200);
  });
  const res = await answer;
  expect(res.status).toBe(403);
  expect(JSON.parse(res.text).error.details.reason).toBe('suspended');
  const rows = await stack.db.selectFrom('tasks').select('id').where('user_id', '=', user.id).execute();
  expect(rows).toEqual([]);
});

it('keeps the audit log in the order concurrent changes were applied', async () => {
  const user = await registerUser(stack.api, 'audit-order');
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => as(admin.access).patch(`/v1/admin/users/${user.id}`, { requests_per_minute: 1000 + i })));
  expect(answers.map((r) => r.status)).toEqual(Array(20).fill(200));
  const audit = await as(admin.access).get(`/v1/admin/audit?target_id=${user.id}&limit=200`);
  const entries = [...(audit.body.entries as { before: { requests_per_minute: number | null }; after: { requests_per_minute: number } }[])].reverse();
  expect(entries).toHaveLength(20);
  // Oldest first, each change starts from the state the one before it left.
  expect(entries[0]!.before.requests_per_minute).toBeNull();
  for (let i = 1; i < entries.length; i++) expect(entries[i]!.before.requests_per_minute).toBe(entries[i - 1]!.after.requests_per_minute);
  // And the user is as the newest entry says.
  const listed = await as(admin.access).get(`/v1/admin/users?email=${encodeURIComponent(user.email)}`);
  expect(listed.body.users[0].requests_per_minute).toBe(entries.at(-1)!.after.requests_per_minute);
});
