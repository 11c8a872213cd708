import { randomBytes } from 'node:crypto';
import { createServer, request as httpRequest, type Server } from 'node:http';
import Stripe from 'stripe';
import type { Db } from '../db/connection';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { TRIVIAL_AGENT } from './support/worker-harness';

/**
 * Billing through Stripe: the real `stripe` SDK against stripe-mock (started by the test setup),
 * through a proxy that records what the product asks Stripe. stripe-mock keeps no state, so the
 * state machine is driven by signed webhook events, as Stripe drives it.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;
let proxy: Server;
const sent: { method: string; path: string; body: URLSearchParams; idempotencyKey?: string }[] = [];
const WEBHOOK_SECRET = `whsec_${randomBytes(16).toString('hex')}`;
const stripe = new Stripe('sk_test_codex');

beforeAll(async () => {
  const target = new URL(process.env.STRIPE_MOCK_URL!);
  proxy = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const url = new URL(req.url ?? '/', 'http://x');
      sent.push({
        method: req.method ?? '',
        path: url.pathname,
        body: new URLSearchParams(req.method === 'GET' ? url.search : body.toString()),
        idempotencyKey: req.headers['idempotency-key'] as string | undefined,
      });
      const forward = httpRequest({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers }, (upstream) => {
        res.writeHead(upstream.statusCode ?? 502, upstream.headers);
        upstream.pipe(res);
      });
      forward.end(body);
    });
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const address = proxy.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  stack = await startTestStack({
    LOCAL_AGENT_COMMAND: TRIVIAL_AGENT,
    QUOTAS_ENABLED: 'true',
    STRIPE_SECRET_KEY: 'sk_test_codex',
    STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STRIPE_API_BASE: `http://127.0.0.1:${port}`,
    BILLING_SWEEP_INTERVAL_SECONDS: '1',
    BILLING_GRACE_DAYS: '3',
  });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
  await new Promise((r) => proxy?.close(r));
});

type User = Awaited<ReturnType<typeof registerUser>>;
const meTier = async (user: User) => (await api.request('GET', '/v1/auth/me', { token: user.access })).body.tier as string;
const subRow = (userId: string) => db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).executeTakeFirstOrThrow();

/** Stripe's fixture price as stripe-mock serves it (what a lookup key resolves to there). */
async function fixturePrice(): Promise<Stripe.Price> {
  return (await stripeMock().prices.list({ limit: 1 })).data[0]!;
}
function stripeMock(): Stripe {
  const base = new URL(process.env.STRIPE_MOCK_URL!);
  return new Stripe('sk_test_codex', { host: base.hostname, port: base.port, protocol: 'http' });
}

function requestsSince(mark: number) {
  return sent.slice(mark).map((r) => ({ ...r, body: Object.fromEntries(r.body) }));
}

it('upgrades through Stripe: a customer, a subscription to the price found by lookup key, every change with an idempotency key', async () => {
  const user = await registerUser(api, 'stripe-up');
  const price = await fixturePrice();
  const mark = sent.length;
  const res = await api.request('POST', '/v1/subscription/upgrade', { token: user.access, body: { new_tier: 'pro', billing_cycle: 'monthly' } });
  expect(res.status).toBe(200);
  expect(res.body).toMatchObject({ tier: 'pro', status: 'active', amount: price.unit_amount! / 100, proration_amount: price.unit_amount! / 100 });
  expect(await meTier(user)).toBe('pro');

  const calls = requestsSince(mark);
  expect(calls.find((c) => c.method === 'GET' && c.path === '/v1/prices')?.body).toMatchObject({ 'lookup_keys[0]': 'codex_pro_monthly' });
  const customer = calls.find((c) => c.method === 'POST' && c.path === '/v1/customers');
  expect(customer?.body).toMatchObject({ email: user.email, 'metadata[user_id]': user.id });
  const created = calls.find((c) => c.method === 'POST' && c.path === '/v1/subscriptions');
  expect(created?.body).toMatchObject({ 'items[0][price]': price.id, 'metadata[user_id]': user.id });
  for (const call of calls.filter((c) => c.method !== 'GET')) expect(call.idempotencyKey).toMatch(/^codex-/);
  const row = await subRow(user.id);
  expect(row.stripe_customer_id).toMatch(/^cus_/);
  expect(row.stripe_subscription_id).toMatch(/^sub_/);

  // pro → team: Stripe's preview of the proration invoice is the charge shown, then the change.
  const before = sent.length;
  const team = await api.request('POST', '/v1/subscription/upgrade', { token: user.access, body: { new_tier: 'team', billing_cycle: 'monthly' } });
  expect(team.status).toBe(200);
  const changes = requestsSince(before);
  const preview = changes.find((c) => c.path === '/v1/invoices/create_preview');
  expect(preview?.body).toMatchObject({ subscription: row.stripe_subscription_id, 'subscription_details[proration_behavior]': 'always_invoice' });
  const previewed = await stripeMock().invoices.createPreview({ customer: row.stripe_customer_id!, subscription: row.stripe_subscription_id! });
  expect(team.body.proration_amount).toBe(previewed.amount_due / 100);
  const update = changes.find((c) => c.method === 'POST' && c.path === `/v1/subscriptions/${row.stripe_subscription_id}`);
  expect(update?.body).toMatchObject({ 'items[0][price]': price.id, proration_behavior: 'always_invoice', cancel_at_period_end: 'false' });
  expect(update?.idempotencyKey).toMatch(/^codex-upgrade-/);

  // Cancel at the period's end, reactivate, cancel now.
  const c1 = sent.length;
  expect((await api.request('POST', '/v1/subscription/cancel', { token: user.access, body: {} })).status).toBe(200);
  expect(requestsSince(c1).find((c) => c.method === 'POST')?.body).toEqual({ cancel_at_period_end: 'true' });
  const c2 = sent.length;
  expect((await api.request('POST', '/v1/subscription/reactivate', { token: user.access })).status).toBe(200);
  expect(requestsSince(c2).find((c) => c.method === 'POST')?.body).toEqual({ cancel_at_period_end: 'false' });
  const c3 = sent.length;
  expect((await api.request('POST', '/v1/subscription/cancel', { token: user.access, body: { cancel_at_period_end: false } })).status).toBe(200);
  expect(requestsSince(c3).find((c) => c.method === 'DELETE')?.path).toBe(`/v1/subscriptions/${row.stripe_subscription_id}`);
  expect(await meTier(user)).toBe('free');
});

describe('webhooks', () => {
  /** A user whose subscription Stripe knows as `sub_<suffix>` (customer `cus_<suffix>`). */
  async function stripeUser(label: string, tier: 'pro' | 'team') {
    const user = await registerUser(api, label);
    const suffix = randomBytes(6).toString('hex');
    await db.updateTable('users').set({ tier }).where('id', '=', user.id).execute();
    const start = new Date(Math.floor(Date.now() / 1000 - 86_400) * 1000);
    await db
      .updateTable('subscriptions')
      .set({ tier, status: 'active', stripe_subscription_id: `sub_${suffix}`, stripe_customer_id: `cus_${suffix}`, current_period_start: start, current_period_end: new Date(start.getTime() + 30 * 86_400_000) })
      .where('user_id', '=', user.id)
      .execute();
    return { user, subId: `sub_${suffix}`, customer: `cus_${suffix}`, start: Math.floor(start.getTime() / 1000) };
  }

  function subscriptionEvent(type: string, o: { subId: string; customer: string; tier: string; periodStart: number; created: number; status?: string; cancelAtPeriodEnd?: boolean; id?: string }) {
    return {
      id: o.id ?? `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type,
      created: o.created,
      data: {
        object: {
          id: o.subId,
          object: 'subscription',
          customer: o.customer,
          status: o.status ?? 'active',
          cancel_at_period_end: o.cancelAtPeriodEnd ?? false,
          metadata: {},
          items: {
            object: 'list',
            data: [
              {
                id: 'si_1',
                object: 'subscription_item',
                current_period_start: o.periodStart,
                current_period_end: o.periodStart + 30 * 86_400,
                price: { id: `price_${o.tier}`, object: 'price', lookup_key: `codex_${o.tier}_monthly`, unit_amount: o.tier === 'team' ? 5000 : 1500, currency: 'usd' },
              },
            ],
          },
        },
      },
    };
  }

  function invoiceEvent(type: string, o: { subId: string; customer: string; created: number }) {
    return {
      id: `evt_${randomBytes(8).toString('hex')}`,
      object: 'event',
      type,
      created: o.created,
      data: { object: { id: `in_${randomBytes(6).toString('hex')}`, object: 'invoice', customer: o.customer, parent: { subscription_details: { subscription: o.subId } } } },
    };
  }

  async function deliver(event: object, signature?: string) {
    const payload = JSON.stringify(event);
    const header = signature ?? stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET });
    const res = await fetch(`${api.url}/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload });
    return { status: res.status, body: (await res.json()) as Record<string, unknown> & { error?: { code: string; details?: Record<string, unknown> } } };
  }

  it('refuses a missing or wrong signature with 400 and changes nothing', async () => {
    const s = await stripeUser('wh-signature', 'pro');
    const event = subscriptionEvent('customer.subscription.updated', { ...s, tier: 'team', periodStart: s.start, created: Math.floor(Date.now() / 1000) });
    const forged = stripe.webhooks.generateTestHeaderString({ payload: JSON.stringify(event), secret: 'whsec_not_ours' });
    const wrong = await deliver(event, forged);
    expect(wrong.status).toBe(400);
    expect(wrong.body.error).toMatchObject({ code: 'INVALID_REQUEST', details: { field: 'Stripe-Signature' } });
    const missing = await fetch(`${api.url}/v1/webhooks/stripe`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(missing.status).toBe(400);
    expect(await meTier(s.user)).toBe('pro');
    expect(await db.selectFrom('billing_events').select('id').where('id', '=', event.id).executeTakeFirst()).toBeUndefined();
  });

  it('handles each event once and in any order: an older event never overwrites newer state', async () => {
    const s = await stripeUser('wh-order', 'pro');
    const now = Math.floor(Date.now() / 1000);
    const newer = subscriptionEvent('customer.subscription.updated', { ...s, tier: 'team', periodStart: s.start, created: now });
    const older = subscriptionEvent('customer.subscription.updated', { ...s, tier: 'pro', periodStart: s.start, created: now - 60, cancelAtPeriodEnd: true });
    expect((await deliver(newer)).body).toEqual({ received: true });
    await eventually(async () => ((await meTier(s.user)) === 'team' ? true : undefined), 5_000, 'the upgrade');
    expect((await deliver(newer)).body).toEqual({ received: true, duplicate: true });
    expect((await deliver(older)).body).toEqual({ received: true, ignored: 'older than the state applied' });
    const row = await subRow(s.user.id);
    expect(row).toMatchObject({ tier: 'team', cancel_at_period_end: false, amount_cents: 5000 });
  });

  it('keeps a move down within the period for its end, then applies it when Stripe starts the next period', async () => {
    const s = await stripeUser('wh-down', 'team');
    const now = Math.floor(Date.now() / 1000);
    await deliver(subscriptionEvent('customer.subscription.updated', { ...s, tier: 'pro', periodStart: s.start, created: now }));
    expect(await subRow(s.user.id)).toMatchObject({ tier: 'team', pending_tier: 'pro' });
    expect(await meTier(s.user)).toBe('team');
    const next = s.start + 30 * 86_400;
    await deliver(subscriptionEvent('customer.subscription.updated', { ...s, tier: 'pro', periodStart: next, created: now + 1 }));
    expect(await subRow(s.user.id)).toMatchObject({ tier: 'pro', pending_tier: null, amount_cents: 1500 });
    await eventually(async () => ((await meTier(s.user)) === 'pro' ? true : undefined), 5_000, 'the downgrade');
  });

  it('marks a failed payment past_due, recovers on invoice.paid, and returns the user to free after the grace days', async () => {
    const s = await stripeUser('wh-dunning', 'pro');
    const now = Math.floor(Date.now() / 1000);
    expect((await deliver(invoiceEvent('invoice.payment_failed', { ...s, created: now }))).body).toEqual({ received: true });
    const view = await api.request('GET', '/v1/subscription', { token: s.user.access });
    expect(view.body).toMatchObject({ tier: 'pro', status: 'past_due' });
    await deliver(invoiceEvent('invoice.paid', { ...s, created: now + 1 }));
    expect(await subRow(s.user.id)).toMatchObject({ status: 'active', past_due_since: null });

    await deliver(invoiceEvent('invoice.payment_failed', { ...s, created: now + 2 }));
    // Four days overdue, against BILLING_GRACE_DAYS=3: the sweep moves the user to free.
    await db.updateTable('subscriptions').set({ past_due_since: new Date(Date.now() - 4 * 86_400_000) }).where('user_id', '=', s.user.id).execute();
    await eventually(async () => ((await meTier(s.user)) === 'free' ? true : undefined), 10_000, 'the grace days to pass');
    expect(await subRow(s.user.id)).toMatchObject({ tier: 'free', status: 'canceled' });
  });

  it('ends the plan on customer.subscription.deleted, and an upgrade then starts a new subscription', async () => {
    const s = await stripeUser('wh-deleted', 'team');
    await deliver(subscriptionEvent('customer.subscription.deleted', { ...s, tier: 'team', periodStart: s.start, created: Math.floor(Date.now() / 1000), status: 'canceled' }));
    await eventually(async () => ((await meTier(s.user)) === 'free' ? true : undefined), 5_000, 'the end of the plan');
    expectError(await api.request('POST', '/v1/subscription/cancel', { token: s.user.access, body: {} }), 409, 'CONFLICT');
    const mark = sent.length;
    expect((await api.request('POST', '/v1/subscription/upgrade', { token: s.user.access, body: { new_tier: 'pro', billing_cycle: 'yearly' } })).status).toBe(200);
    expect(requestsSince(mark).find((c) => c.method === 'POST' && c.path === '/v1/subscriptions')).toBeDefined();
    expect(requestsSince(mark).find((c) => c.method === 'GET' && c.path === '/v1/prices')?.body).toMatchObject({ 'lookup_keys[0]': 'codex_pro_yearly' });
  });
});
