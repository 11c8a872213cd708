import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { expectError, registerUser, type TestApi, type TestResponse } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { TRIVIAL_AGENT } from './support/worker-harness';

/**
 * Monthly agent runs and storage (API.md "Rate limiting and quotas", the tier table), against
 * the real API, workers and Postgres. A user's earlier usage is arranged by writing its counter.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;

beforeAll(async () => {
  stack = await startTestStack({ QUOTAS_ENABLED: 'true', LOCAL_AGENT_COMMAND: TRIVIAL_AGENT });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
});

const monthStart = () => sql<Date>`date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'`;

/** The user has used `runs` agent runs this month already. */
async function setRunsUsed(userId: string, runs: number): Promise<void> {
  await sql`insert into quota_usage (user_id, period_start, agent_runs) values (${userId}, ${monthStart()}, ${runs})
            on conflict (user_id, period_start) do update set agent_runs = excluded.agent_runs`.execute(db);
}

async function count(table: 'tasks' | 'orchestrations' | 'blobs', userId: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function usage(token: string) {
  return (await api.request('GET', '/v1/auth/me', { token })).body.usage as { requests_this_month: number; requests_limit: number | null; storage_used_bytes: number; storage_limit_bytes: number | null };
}

function expect402(res: TestResponse, details: Record<string, unknown>) {
  expectError(res, 402, 'INSUFFICIENT_CREDITS');
  expect(res.body.error.details).toEqual({ ...details, upgrade_url: expect.stringMatching(/^http/) });
}

it('of 20 concurrent executes by a free user at 95 of 100, exactly 5 start; the rest are 402 and store nothing', async () => {
  const user = await registerUser(api, 'quota-burst');
  await setRunsUsed(user.id, 95);
  const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: `burst ${i}` } })));
  expect(answers.filter((r) => r.status === 202)).toHaveLength(5);
  const refused = answers.filter((r) => r.status !== 202);
  expect(refused).toHaveLength(15);
  for (const res of refused) expect402(res, { current_tier: 'free', requests_used: 100, requests_limit: 100 });
  expect(await count('tasks', user.id)).toBe(5);
  // Only the five tasks' inputs are stored.
  expect(await count('blobs', user.id)).toBe(5);
  expect(await usage(user.access)).toMatchObject({ requests_this_month: 100, requests_limit: 100 });

  // An upgrade lifts the quota at once.
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  const after = await eventually(async () => {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'after the upgrade' } });
    return res.status === 202 ? res : undefined;
  }, 5_000, 'the upgrade to reach the API');
  expect(after.status).toBe(202);
  expect(await usage(user.access)).toMatchObject({ requests_this_month: 101, requests_limit: 10_000 });
});

it('counts a replay of the same Idempotency-Key once', async () => {
  const user = await registerUser(api, 'quota-replay');
  await setRunsUsed(user.id, 99);
  const send = () => api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'once' }, headers: { 'Idempotency-Key': 'quota-replay-1' } });
  const first = await send();
  const again = await send();
  expect([first.status, again.status]).toEqual([202, 202]);
  expect(again.body.task_id).toBe(first.body.task_id);
  expect((await usage(user.access)).requests_this_month).toBe(100);
  // The 101st run is refused; a replay of the 100th still answers.
  expect402(await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'one more' } }), {
    current_tier: 'free',
    requests_used: 100,
    requests_limit: 100,
  });
  expect((await send()).body.task_id).toBe(first.body.task_id);
});

it('refuses an orchestration that would pass the quota whole, and settles a reservation to the agents that ran', async () => {
  const user = await registerUser(api, 'quota-orch');
  await setRunsUsed(user.id, 98);
  const three = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'three at once', strategy: 'parallel', agents: ['general', 'test_gen', 'general'] } });
  expect402(three, { current_tier: 'free', requests_used: 98, requests_limit: 100 });
  expect(three.body.error.message).toMatch(/needs 3 agent runs and 2 .* are left/);
  expect(await count('orchestrations', user.id)).toBe(0);
  expect(await count('tasks', user.id)).toBe(0);
  expect((await usage(user.access)).requests_this_month).toBe(98);

  const two = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'two at once', strategy: 'parallel', agents: ['general', 'test_gen'] } });
  expect({ status: two.status, body: two.status === 202 ? undefined : two.body }).toEqual({ status: 202, body: undefined });
  expect((await usage(user.access)).requests_this_month).toBe(100);

  // review_loop may run 2 × max_rounds agents: all are reserved, those not run are given back.
  const pro = await registerUser(api, 'quota-orch-pro');
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', pro.id).execute();
  const loop = await eventually(async () => {
    const res = await api.request('POST', '/v1/agents/orchestrate', {
      token: pro.access,
      body: { goal: 'loop', strategy: 'review_loop', agents: ['general', 'code_expert'], options: { max_rounds: 4 } },
    });
    return res.status === 202 ? res : undefined;
  }, 5_000, 'the pro tier');
  expect((await usage(pro.access)).requests_this_month).toBe(8);
  const id = loop.body.orchestration_id as string;
  await eventually(async () => {
    const o = await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: pro.access });
    return ['completed', 'failed', 'cancelled'].includes(o.body.status) ? true : undefined;
  }, 60_000, 'the review loop to end');
  const ran = await db.selectFrom('tasks').select('id').where('orchestration_id', '=', id).execute();
  // The reviewer approved in the first round: 2 of the 8 reserved ran, 6 are given back.
  expect(ran).toHaveLength(2);
  expect((await usage(pro.access)).requests_this_month).toBe(ran.length);
});

it('counts what a user stores and refuses a request that would pass the storage limit', async () => {
  const user = await registerUser(api, 'quota-storage');
  const first = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'measure me' } });
  expect(first.status).toBe(202);
  await eventually(async () => ((await api.request('GET', `/v1/agents/tasks/${first.body.task_id}`, { token: user.access })).body.status === 'completed' ? true : undefined), 30_000, 'the task');
  const stored = await db.selectFrom('blobs').select((eb) => eb.fn.sum<string>('byte_size').as('bytes')).where('user_id', '=', user.id).executeTakeFirstOrThrow();
  const me = await usage(user.access);
  // Its input and its result.
  expect(me.storage_used_bytes).toBe(Number(stored.bytes));
  expect(me.storage_limit_bytes).toBe(1024 ** 3);

  // A kilobyte short of the limit (as if the user kept much more): a 2 KB request is refused.
  const nearly = 1024 ** 3 - 1024;
  await db.updateTable('storage_usage').set({ bytes: nearly }).where('user_id', '=', user.id).execute();
  const blobs = await count('blobs', user.id);
  const big = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x'.repeat(2048) } });
  expect402(big, { current_tier: 'free', storage_used_bytes: nearly, storage_limit_bytes: 1024 ** 3 });
  const orch = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'too much', strategy: 'parallel', agents: ['general'], context: { files: [{ path: 'a.py', content: 'x'.repeat(2048) }] } },
  });
  expect402(orch, { current_tier: 'free', storage_used_bytes: nearly, storage_limit_bytes: 1024 ** 3 });
  expect(await count('blobs', user.id)).toBe(blobs);
  expect((await usage(user.access)).storage_used_bytes).toBe(nearly);
});

it("counts in the subscription's billing period when there is one", async () => {
  const user = await registerUser(api, 'quota-period');
  const start = new Date(Date.now() - 3 * 86_400_000);
  const end = new Date(Date.now() + 27 * 86_400_000);
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  await db.updateTable('subscriptions').set({ tier: 'pro', current_period_start: start, current_period_end: end }).where('user_id', '=', user.id).execute();
  // Runs of the calendar month before the billing period began do not count in it.
  await setRunsUsed(user.id, 40);
  const res = await eventually(async () => {
    const r = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'in the period' } });
    return r.status === 202 ? r : undefined;
  }, 5_000, 'the pro tier');
  expect(res.status).toBe(202);
  const rows = await db.selectFrom('quota_usage').select(['period_start', 'agent_runs']).where('user_id', '=', user.id).orderBy('period_start').execute();
  expect(rows.find((r) => r.period_start.getTime() === start.getTime())).toMatchObject({ agent_runs: 1 });
  const me = (await api.request('GET', '/v1/auth/me', { token: user.access })).body;
  expect(me.usage).toMatchObject({ requests_this_month: 1, requests_limit: 10_000 });
  expect(me.subscription.current_period_end).toBe(end.toISOString());
});
