import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';

/**
 * Subscriptions on the local provider (API.md "Subscription"): every transition and its 409s,
 * periods that end, and a tier change that reaches limits, quotas and the parallel-agent line.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;

beforeAll(async () => {
  stack = await startTestStack({ QUOTAS_ENABLED: 'true', LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, BILLING_SWEEP_INTERVAL_SECONDS: '1' });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;
const sub = async (user: User) => (await api.request('GET', '/v1/subscription', { token: user.access })).body;
const upgrade = (user: User, body: unknown) => api.request('POST', '/v1/subscription/upgrade', { token: user.access, body });
const cancel = (user: User, body: unknown = {}) => api.request('POST', '/v1/subscription/cancel', { token: user.access, body });
const reactivate = (user: User) => api.request('POST', '/v1/subscription/reactivate', { token: user.access });
const meTier = async (user: User) => (await api.request('GET', '/v1/auth/me', { token: user.access })).body.tier as string;

it("shows a new user's free plan: every field of API.md, the calendar month, usage and limits", async () => {
  const user = await registerUser(api, 'sub-free');
  const now = new Date();
  const monthStart = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const nextMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1));
  expect(await sub(user)).toEqual({
    subscription_id: expect.stringMatching(/^sub_/),
    tier: 'free',
    status: 'active',
    billing_cycle: 'monthly',
    amount: 0,
    currency: 'usd',
    current_period_start: monthStart.toISOString(),
    current_period_end: nextMonth.toISOString(),
    cancel_at_period_end: false,
    usage: { requests_this_month: 0, requests_limit: 100, storage_used_bytes: 0, storage_limit_bytes: 1024 ** 3, parallel_agents_limit: 1 },
    payment_method: null,
  });
});

it('upgrades at once (prorated mid-period), refuses the current plan, enterprise and unknown plans, and lifts the quota', async () => {
  const user = await registerUser(api, 'sub-up');
  await sql`insert into quota_usage (user_id, period_start, agent_runs) values (${user.id}, date_trunc('month', now() at time zone 'UTC') at time zone 'UTC', 100)`.execute(db);
  expectError(await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'over' } }), 402, 'INSUFFICIENT_CREDITS');

  const before = Date.now();
  const pro = await upgrade(user, { new_tier: 'pro', billing_cycle: 'monthly' });
  expect(pro.status).toBe(200);
  expect(pro.body).toMatchObject({ tier: 'pro', status: 'active', amount: 15, proration_amount: 15, message: expect.stringMatching(/Upgraded to pro/) });
  expect(Date.parse(pro.body.effective_date)).toBeGreaterThanOrEqual(before - 1000);
  expect(await meTier(user)).toBe('pro');
  const view = await sub(user);
  expect(view).toMatchObject({ tier: 'pro', billing_cycle: 'monthly', amount: 15, usage: { requests_limit: 10_000, parallel_agents_limit: 10 } });
  // A paid period starts now and lasts a calendar month.
  const start = new Date(view.current_period_start);
  const end = new Date(start);
  end.setUTCMonth(end.getUTCMonth() + 1);
  expect(view.current_period_end).toBe(end.toISOString());
  // The new tier's quota applies to the next request, on this process and (by Postgres's announcement) every other.
  const after = await eventually(async () => {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'after the upgrade', context: { script: { steps: 1 } } } });
    return res.status === 202 ? res : undefined;
  }, 5_000, 'the upgrade to apply');
  expect(after.status).toBe(202);

  expectError(await upgrade(user, { new_tier: 'pro', billing_cycle: 'monthly' }), 409, 'CONFLICT');
  const enterprise = await upgrade(user, { new_tier: 'enterprise', billing_cycle: 'yearly' });
  expectError(enterprise, 403, 'FORBIDDEN');
  expect(enterprise.body.error.message).toMatch(/contact sales/);
  const gold = await upgrade(user, { new_tier: 'gold', billing_cycle: 'monthly' });
  expectError(gold, 400, 'INVALID_REQUEST');
  expect(gold.body.error.details).toEqual({ field: 'new_tier', reason: 'must be one of: free, pro, team, enterprise' });
  const weekly = await upgrade(user, { new_tier: 'team', billing_cycle: 'weekly' });
  expectError(weekly, 400, 'INVALID_REQUEST');
  expect(weekly.body.error.details.field).toBe('billing_cycle');
  expect(await meTier(user)).toBe('pro');

  // pro → team a third of the way through the period: two thirds of the difference now.
  const third = new Date(Date.now() - (end.getTime() - start.getTime()) / 3);
  await db.updateTable('subscriptions').set({ current_period_start: third, current_period_end: new Date(third.getTime() + (end.getTime() - start.getTime())) }).where('user_id', '=', user.id).execute();
  const team = await upgrade(user, { new_tier: 'team', billing_cycle: 'monthly' });
  expect(team.body).toMatchObject({ tier: 'team', amount: 50 });
  expect(team.body.proration_amount).toBeCloseTo((35 * 2) / 3, 1);
});

it('downgrades at the end of the period, and the change can be withdrawn', async () => {
  const user = await registerUser(api, 'sub-down');
  expect((await upgrade(user, { new_tier: 'team', billing_cycle: 'monthly' })).status).toBe(200);
  const periodEnd = (await sub(user)).current_period_end as string;
  const down = await upgrade(user, { new_tier: 'pro', billing_cycle: 'monthly' });
  expect(down.status).toBe(200);
  expect(down.body).toMatchObject({ tier: 'pro', proration_amount: 0, effective_date: periodEnd, message: expect.stringMatching(/end of the current period/) });
  expect(await meTier(user)).toBe('team');
  expect((await sub(user)).scheduled_change).toEqual({ tier: 'pro', billing_cycle: 'monthly', effective_date: periodEnd });
  expectError(await upgrade(user, { new_tier: 'pro', billing_cycle: 'monthly' }), 409, 'CONFLICT');
  // Cancelling and reactivating keeps the scheduled change (found by a new-user trial: it was dropped).
  expect((await cancel(user)).status).toBe(200);
  const back = await reactivate(user);
  expect(back.body.message).toMatch(/renews as pro/);
  expect((await sub(user)).scheduled_change).toEqual({ tier: 'pro', billing_cycle: 'monthly', effective_date: periodEnd });
  const stay = await upgrade(user, { new_tier: 'team', billing_cycle: 'monthly' });
  expect(stay.body.message).toMatch(/withdrawn/);
  expect((await sub(user)).scheduled_change).toBeUndefined();
});

it('keeps the billing cycle when a change names none: a yearly subscriber is never moved to monthly by omission', async () => {
  // From free, no cycle is monthly.
  const monthly = await registerUser(api, 'sub-cycle-m');
  expect((await upgrade(monthly, { new_tier: 'pro' })).body).toMatchObject({ tier: 'pro', amount: 15, message: expect.stringMatching(/\(monthly\)/) });
  const user = await registerUser(api, 'sub-cycle-y');
  expect((await upgrade(user, { new_tier: 'pro', billing_cycle: 'yearly' })).status).toBe(200);
  // The current plan, asked for without a cycle, is the current plan: 409, nothing scheduled.
  expectError(await upgrade(user, { new_tier: 'pro' }), 409, 'CONFLICT');
  expect((await sub(user)).scheduled_change).toBeUndefined();
  // Up a tier without a cycle stays yearly.
  const team = await upgrade(user, { new_tier: 'team' });
  expect(team.body).toMatchObject({ tier: 'team', message: expect.stringMatching(/\(yearly\)/) });
  expect(await sub(user)).toMatchObject({ tier: 'team', billing_cycle: 'yearly' });
});

it('refuses fields sent to an operation that takes no body, and JSON that is not an object', async () => {
  const user = await registerUser(api, 'sub-nobody');
  const extra = await api.request('POST', '/v1/subscription/reactivate', { token: user.access, body: { tier: 'enterprise' } });
  expectError(extra, 400, 'INVALID_REQUEST');
  expect(extra.body.error.details).toEqual({ field: 'tier', reason: 'is not a known field' });
  // An empty object, or no body at all, is no body.
  expectError(await api.request('POST', '/v1/subscription/reactivate', { token: user.access, body: {} }), 409, 'CONFLICT');
  for (const [raw, kind] of [['"pro"', 'a string'], ['null', 'null'], ['5', 'a number'], ['true', 'a boolean'], ['[]', 'an array']] as const) {
    const res = await api.request('POST', '/v1/subscription/upgrade', { token: user.access, rawBody: raw });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message).toBe(`The body must be a JSON object, not ${kind}`);
  }
  expect(await sub(user)).toMatchObject({ tier: 'free', cancel_at_period_end: false });
});

it('cancels at the end of the period or now, reactivates, and answers 409 where nothing can change', async () => {
  const user = await registerUser(api, 'sub-cancel');
  const free = await cancel(user);
  expectError(free, 409, 'CONFLICT');
  expectError(await reactivate(user), 409, 'CONFLICT');

  await upgrade(user, { new_tier: 'pro', billing_cycle: 'yearly' });
  const { current_period_end: periodEnd, amount } = await sub(user);
  expect(amount).toBe(150);
  const later = await cancel(user, { reason: 'too expensive', feedback: 'fine otherwise' });
  expect(later.status).toBe(200);
  expect(later.body).toMatchObject({ status: 'active', cancel_at_period_end: true, cancels_at: periodEnd });
  expect(await meTier(user)).toBe('pro');
  expectError(await cancel(user), 409, 'CONFLICT');
  const back = await reactivate(user);
  expect(back.status).toBe(200);
  expect(back.body).toMatchObject({ status: 'active', cancel_at_period_end: false });
  expectError(await reactivate(user), 409, 'CONFLICT');

  const now = await cancel(user, { cancel_at_period_end: false });
  expect(now.body).toMatchObject({ status: 'canceled', cancel_at_period_end: false });
  expect(now.body.message).not.toMatch(/against its \d/);
  expect(await meTier(user)).toBe('free');
  expect(await sub(user)).toMatchObject({ tier: 'free', status: 'canceled', amount: 0 });
  expectError(await cancel(user), 409, 'CONFLICT');
});

it('ends passed periods: renews, applies a scheduled downgrade, or returns a cancelled plan to free', async () => {
  const past = () => ({ current_period_start: new Date(Date.now() - 31 * 86_400_000), current_period_end: new Date(Date.now() - 1000) });
  const renewing = await registerUser(api, 'sub-renew');
  const downgrading = await registerUser(api, 'sub-renew-down');
  const cancelling = await registerUser(api, 'sub-renew-cancel');
  for (const u of [renewing, downgrading, cancelling]) await upgrade(u, { new_tier: 'team', billing_cycle: 'monthly' });
  await upgrade(downgrading, { new_tier: 'pro', billing_cycle: 'monthly' });
  await cancel(cancelling);
  for (const u of [renewing, downgrading, cancelling]) await db.updateTable('subscriptions').set(past()).where('user_id', '=', u.id).execute();

  await eventually(async () => ((await meTier(cancelling)) === 'free' && (await meTier(downgrading)) === 'pro' ? true : undefined), 10_000, 'the periods to end');
  const renewed = await sub(renewing);
  expect(renewed).toMatchObject({ tier: 'team', status: 'active', amount: 50 });
  expect(Date.parse(renewed.current_period_end)).toBeGreaterThan(Date.now());
  expect(await sub(downgrading)).toMatchObject({ tier: 'pro', amount: 15 });
  expect((await sub(downgrading)).scheduled_change).toBeUndefined();
  expect(await sub(cancelling)).toMatchObject({ tier: 'free', status: 'canceled' });
});

it('refuses billing changes to an API key without the billing scopes', async () => {
  const user = await registerUser(api, 'sub-scope');
  const key = (await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'agents only', scopes: ['agents:read', 'agents:write'] } })).body.key as string;
  expectError(await api.request('GET', '/v1/subscription', { apiKey: key }), 403, 'FORBIDDEN');
  expectError(await api.request('POST', '/v1/subscription/upgrade', { apiKey: key, body: { new_tier: 'pro' } }), 403, 'FORBIDDEN');
  expect(await meTier(user)).toBe('free');
});

/** Three slow agents of a free user (one runs, two wait); `raise` moves the user to pro; all three then run at once. */
async function expectWaitingAgentsStart(label: string, raise: (user: User) => Promise<void>): Promise<void> {
  const user = await registerUser(api, label);
  const slow = { steps: 40, delay_ms: 200 }; // about 8 s each
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: `in line ${i}`, context: { script: slow } } });
    expect(res.status).toBe(202);
    ids.push(res.body.task_id);
  }
  const statuses = async () => Promise.all(ids.map(async (id) => (await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body.status as string));
  // One runs, two wait (free: one agent at a time).
  await eventually(async () => {
    const s = await statuses();
    return s.filter((x) => x === 'running').length === 1 && s.filter((x) => x === 'queued').length === 2 ? s : undefined;
  }, 30_000, 'one running, two waiting');

  await raise(user);
  // All three run at once, long before the first (8 s) could have ended.
  const running = await eventually(async () => {
    const s = await statuses();
    return s.every((x) => x === 'running') ? s : undefined;
  }, 5_000, 'the waiting agents to start');
  expect(running).toEqual(['running', 'running', 'running']);
  for (const id of ids) await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
}

it("an upgrade from free to pro lets agents waiting in the user's line start now", async () => {
  await expectWaitingAgentsStart('sub-line', async (user) => {
    expect((await upgrade(user, { new_tier: 'pro', billing_cycle: 'monthly' })).status).toBe(200);
  });
}, 60_000);

it("an operator's tier change in the database reaches the line too (Postgres announces it)", async () => {
  await expectWaitingAgentsStart('sub-line-operator', async (user) => {
    await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  });
}, 60_000);
