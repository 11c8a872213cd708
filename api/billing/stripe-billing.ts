import Stripe from 'stripe';
import type { PaymentMethodJson, Subscription, Tier } from '../../db/database';
import type { BillingProvider, PlanStart } from './billing-provider';
import type { BillingCycle } from './plans';

/** Stripe's price lookup key of a plan: `codex_<tier>_<cycle>`, e.g. `codex_pro_monthly` (set it on the price in Stripe). */
export function priceLookupKey(tier: Tier | string, cycle: BillingCycle): string {
  return `codex_${tier}_${cycle}`;
}

/** The plan a price stands for, from its lookup key; undefined for a price that is not ours. */
export function planOfLookupKey(key: string | null | undefined): { tier: Tier; cycle: BillingCycle } | undefined {
  const match = /^codex_(pro|team)_(monthly|yearly)$/.exec(key ?? '');
  return match ? { tier: match[1] as Tier, cycle: match[2] as BillingCycle } : undefined;
}

/** Where the Stripe API is: Stripe itself, or stripe-mock in tests (`STRIPE_API_BASE`). */
export function stripeClient(secretKey: string, apiBase?: string): Stripe {
  const base = apiBase ? new URL(apiBase) : undefined;
  return new Stripe(secretKey, {
    maxNetworkRetries: 2,
    timeout: 20_000,
    ...(base ? { host: base.hostname, port: base.port || (base.protocol === 'https:' ? 443 : 80), protocol: base.protocol.replace(':', '') as 'http' | 'https' } : {}),
  });
}

/** A subscription's period: on its first item since Stripe's API 2025-03-31 (on the subscription before). */
export function stripePeriod(sub: Stripe.Subscription): { start: Date; end: Date } | undefined {
  const item = sub.items?.data?.[0] as (Stripe.SubscriptionItem & { current_period_start?: number; current_period_end?: number }) | undefined;
  const legacy = sub as unknown as { current_period_start?: number; current_period_end?: number };
  const start = item?.current_period_start ?? legacy.current_period_start;
  const end = item?.current_period_end ?? legacy.current_period_end;
  return start && end ? { start: new Date(start * 1000), end: new Date(end * 1000) } : undefined;
}

/**
 * Billing through Stripe (STRIPE_SECRET_KEY): one customer per user, a price per tier and cycle
 * found by lookup key, subscriptions created and changed with proration (the charge shown is
 * Stripe's preview of the proration invoice), cancellation at the period's end, reactivation,
 * and the default card. Every call that changes something carries an idempotency key derived
 * from what it does, so a retried request never acts twice. Stripe's state comes back through
 * webhooks (api/billing/stripe-webhooks.ts).
 */
export class StripeBilling implements BillingProvider {
  readonly name = 'stripe' as const;
  private readonly prices = new Map<string, Promise<Stripe.Price>>();

  constructor(private readonly stripe: Stripe) {}

  async upgradeNow(input: { subscription: Subscription; userId: string; email: string; tier: Tier; cycle: BillingCycle; now: Date }): Promise<PlanStart> {
    const { subscription: sub, userId, tier, cycle, now } = input;
    const price = await this.price(tier, cycle);
    const customerId = sub.stripe_customer_id ?? (await this.customer(userId, input.email));
    const paymentMethod = await this.defaultCard(customerId);
    const live = sub.stripe_subscription_id && sub.status !== 'canceled' ? await this.stripe.subscriptions.retrieve(sub.stripe_subscription_id) : undefined;
    if (!live || live.status === 'canceled') {
      const created = await this.stripe.subscriptions.create(
        { customer: customerId, items: [{ price: price.id }], metadata: { user_id: userId }, payment_behavior: 'allow_incomplete' },
        { idempotencyKey: `codex-subscribe-${userId}-${tier}-${cycle}-${sub.updated_at.getTime()}` },
      );
      const period = stripePeriod(created) ?? { start: now, end: now };
      return { periodStart: period.start, periodEnd: period.end, amountCents: price.unit_amount ?? 0, prorationCents: price.unit_amount ?? 0, paymentMethod, customerId, subscriptionId: created.id };
    }
    const item = live.items.data[0]!;
    const prorationDate = Math.floor(now.getTime() / 1000);
    const preview = await this.stripe.invoices.createPreview({
      customer: customerId,
      subscription: live.id,
      subscription_details: { items: [{ id: item.id, price: price.id }], proration_behavior: 'always_invoice', proration_date: prorationDate },
    });
    const updated = await this.stripe.subscriptions.update(
      live.id,
      { items: [{ id: item.id, price: price.id }], proration_behavior: 'always_invoice', proration_date: prorationDate, cancel_at_period_end: false },
      { idempotencyKey: `codex-upgrade-${live.id}-${tier}-${cycle}-${sub.updated_at.getTime()}` },
    );
    const period = stripePeriod(updated) ?? { start: sub.current_period_start, end: sub.current_period_end };
    return { periodStart: period.start, periodEnd: period.end, amountCents: price.unit_amount ?? 0, prorationCents: preview.amount_due, paymentMethod, customerId, subscriptionId: live.id };
  }

  async scheduleChange(input: { subscription: Subscription; tier: Tier; cycle: BillingCycle }): Promise<void> {
    const { subscription: sub, tier, cycle } = input;
    if (!sub.stripe_subscription_id) return;
    const key = `codex-schedule-${sub.stripe_subscription_id}-${tier}-${cycle}-${sub.updated_at.getTime()}`;
    if (tier === 'free') {
      await this.stripe.subscriptions.update(sub.stripe_subscription_id, { cancel_at_period_end: true }, { idempotencyKey: key });
      return;
    }
    // The next invoice uses the new price; nothing is prorated, so the tier paid for lasts the period.
    const live = await this.stripe.subscriptions.retrieve(sub.stripe_subscription_id);
    const price = await this.price(tier, cycle);
    await this.stripe.subscriptions.update(
      sub.stripe_subscription_id,
      { items: [{ id: live.items.data[0]!.id, price: price.id }], proration_behavior: 'none', cancel_at_period_end: false },
      { idempotencyKey: key },
    );
  }

  async cancel(input: { subscription: Subscription; atPeriodEnd: boolean }): Promise<void> {
    const { subscription: sub, atPeriodEnd } = input;
    if (!sub.stripe_subscription_id) return;
    const key = `codex-cancel-${sub.stripe_subscription_id}-${atPeriodEnd ? 'at-period-end' : 'now'}-${sub.updated_at.getTime()}`;
    if (atPeriodEnd) await this.stripe.subscriptions.update(sub.stripe_subscription_id, { cancel_at_period_end: true }, { idempotencyKey: key });
    else await this.stripe.subscriptions.cancel(sub.stripe_subscription_id, { prorate: true }, { idempotencyKey: key });
  }

  async reactivate(input: { subscription: Subscription }): Promise<void> {
    const { subscription: sub } = input;
    if (!sub.stripe_subscription_id) return;
    await this.stripe.subscriptions.update(sub.stripe_subscription_id, { cancel_at_period_end: false }, { idempotencyKey: `codex-reactivate-${sub.stripe_subscription_id}-${sub.updated_at.getTime()}` });
  }

  /** The price of a plan, by lookup key (cached per process). */
  private price(tier: Tier, cycle: BillingCycle): Promise<Stripe.Price> {
    const key = priceLookupKey(tier, cycle);
    let price = this.prices.get(key);
    if (!price) {
      price = this.stripe.prices.list({ lookup_keys: [key], active: true, limit: 1 }).then((list) => {
        const found = list.data[0];
        if (!found) throw new Error(`no active Stripe price has the lookup key ${key}`);
        return found;
      });
      price.catch(() => this.prices.delete(key));
      this.prices.set(key, price);
    }
    return price;
  }

  /** The user's Stripe customer, created once (the idempotency key is the user's). */
  private async customer(userId: string, email: string): Promise<string> {
    const created = await this.stripe.customers.create({ email, metadata: { user_id: userId } }, { idempotencyKey: `codex-customer-${userId}` });
    return created.id;
  }

  /** The customer's default card, as API.md's `payment_method`. */
  private async defaultCard(customerId: string): Promise<PaymentMethodJson | null> {
    const customer = await this.stripe.customers.retrieve(customerId, { expand: ['invoice_settings.default_payment_method'] });
    if ('deleted' in customer && customer.deleted) return null;
    const method = (customer as Stripe.Customer).invoice_settings?.default_payment_method;
    if (!method || typeof method === 'string') return null;
    return {
      type: method.type,
      last4: method.card?.last4 ?? null,
      brand: method.card?.brand ?? null,
      exp_month: method.card?.exp_month ?? null,
      exp_year: method.card?.exp_year ?? null,
    };
  }
}
