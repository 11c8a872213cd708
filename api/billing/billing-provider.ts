import type { PaymentMethodJson, Subscription, Tier } from '../../db/database';
import { periodEnd, priceCents, prorationCents, type BillingCycle } from './plans';

/** What a provider answers when a plan starts or moves up now. */
export interface PlanStart {
  periodStart: Date;
  periodEnd: Date;
  /** The new plan's price per cycle, in cents. */
  amountCents: number;
  /** Charged (or, negative, credited) now for the change, in cents. */
  prorationCents: number;
  paymentMethod: PaymentMethodJson | null;
  /** The provider's own IDs, when it has them (Stripe's customer and subscription). */
  customerId?: string | null;
  subscriptionId?: string | null;
}

/**
 * Where money is handled. The subscription service owns the rules (what is an upgrade, what is
 * refused, what the user's tier is); a provider carries a decision out and says what it costs.
 * Two implementations, chosen at start: Stripe (STRIPE_SECRET_KEY set) and local (a price table,
 * no card: `npm start` works offline).
 */
export interface BillingProvider {
  readonly name: 'local' | 'stripe';
  /** Starts a paid plan, or moves a paid one up, now; prorated when a period is under way. */
  upgradeNow(input: { subscription: Subscription; userId: string; email: string; tier: Tier; cycle: BillingCycle; now: Date }): Promise<PlanStart>;
  /** Schedules a move down (or to another cycle) for the end of the current period. */
  scheduleChange(input: { subscription: Subscription; tier: Tier; cycle: BillingCycle }): Promise<void>;
  /** Cancels at the period's end, or now. */
  cancel(input: { subscription: Subscription; atPeriodEnd: boolean }): Promise<void>;
  /** Undoes a cancellation set for the period's end. */
  reactivate(input: { subscription: Subscription }): Promise<void>;
}

/**
 * The provider of `npm start` and of deployments without Stripe: the same state machine, with
 * amounts from the price table (plans.ts) and no card. Moving up mid-period is prorated by time;
 * a new paid plan starts its period now.
 */
export class LocalBilling implements BillingProvider {
  readonly name = 'local' as const;

  async upgradeNow(input: { subscription: Subscription; tier: Tier; cycle: BillingCycle; now: Date }): Promise<PlanStart> {
    const { subscription: sub, tier, cycle, now } = input;
    const amountCents = priceCents(tier, cycle);
    const paidNow = sub.tier !== 'free' && sub.status !== 'canceled' && sub.current_period_end > now;
    if (paidNow && sub.billing_cycle === cycle) {
      // The period goes on; the difference for its rest is charged now.
      return {
        periodStart: sub.current_period_start,
        periodEnd: sub.current_period_end,
        amountCents,
        prorationCents: prorationCents({ oldCents: sub.amount_cents, newCents: amountCents, periodStart: sub.current_period_start, periodEnd: sub.current_period_end, now }),
        paymentMethod: null,
      };
    }
    // A new period starts now: the full price, less what is left of a paid period (credited).
    const credit = paidNow ? -prorationCents({ oldCents: sub.amount_cents, newCents: 0, periodStart: sub.current_period_start, periodEnd: sub.current_period_end, now }) : 0;
    return { periodStart: now, periodEnd: periodEnd(now, cycle), amountCents, prorationCents: amountCents - credit, paymentMethod: null };
  }

  async scheduleChange(): Promise<void> {}

  async cancel(): Promise<void> {}

  async reactivate(): Promise<void> {}
}
