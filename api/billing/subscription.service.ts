import { sql } from 'kysely';
import type { Db } from '../../db/connection';
import type { Subscription, Tier } from '../../db/database';
import type { Logger } from '../../lib/logger';
import { monthStart } from '../../lib/tiers';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';
import type { Quotas } from '../limits/quotas';
import type { BillingProvider } from './billing-provider';
import { CURRENCY, periodEnd, priceCents, tierRank, toAmount, type BillingCycle } from './plans';

const DAY_MS = 86_400_000;

/**
 * Subscriptions (API.md "Subscription"): the rules, whatever the provider.
 *
 * - An upgrade (a higher tier) takes effect at once: the user's tier changes in the same
 *   transaction, and Postgres announces it to every API process (limits, quotas, and the
 *   parallel-agent line: see tier-changes.ts).
 * - A downgrade, or a change of cycle on the same tier, takes effect at the period's end.
 * - 409 CONFLICT: upgrading to the current plan, cancelling the free tier or a subscription
 *   already set to cancel, reactivating one that is not set to cancel. 403 FORBIDDEN: enterprise
 *   (sold by the sales team).
 * - `sweep` ends periods that have passed: renews, applies a scheduled change or a cancellation,
 *   and moves a user whose payment has been overdue for BILLING_GRACE_DAYS back to free.
 */
export class SubscriptionService {
  constructor(private readonly deps: { db: Db; provider: BillingProvider; quotas: Quotas; logger: Logger; graceDays: number }) {}

  /** `GET /v1/subscription`. */
  async get(principal: Principal) {
    const { db } = this.deps;
    const sub = await this.current(db, principal.userId);
    const tier = await this.tierOf(principal.userId);
    const usage = await this.deps.quotas.usage(db, principal.userId, tier);
    const paid = sub.tier !== 'free' && sub.status !== 'canceled';
    return {
      subscription_id: sub.id,
      tier,
      status: sub.status,
      billing_cycle: sub.billing_cycle as BillingCycle,
      amount: toAmount(paid ? sub.amount_cents : 0),
      currency: sub.currency,
      current_period_start: (paid ? sub.current_period_start : usage.period.start).toISOString(),
      current_period_end: (paid ? sub.current_period_end : usage.period.end).toISOString(),
      cancel_at_period_end: sub.cancel_at_period_end,
      ...(sub.pending_tier ? { scheduled_change: { tier: sub.pending_tier, billing_cycle: sub.pending_billing_cycle, effective_date: sub.current_period_end.toISOString() } } : {}),
      usage: {
        requests_this_month: usage.requests_this_month,
        requests_limit: usage.requests_limit,
        storage_used_bytes: usage.storage_used_bytes,
        storage_limit_bytes: usage.storage_limit_bytes,
        parallel_agents_limit: usage.parallel_agents_limit,
      },
      payment_method: sub.payment_method ?? null,
    };
  }

  /**
   * `POST /v1/subscription/upgrade`: a move up now (prorated), a move down or a cycle change at
   * the period's end.
   *
   * @throws ApiError FORBIDDEN for enterprise; CONFLICT for the current plan (or the change already scheduled).
   */
  async upgrade(principal: Principal, body: { new_tier: Tier; billing_cycle?: BillingCycle }) {
    const { new_tier: tier } = body;
    if (tier === 'enterprise') {
      throw new ApiError('FORBIDDEN', 'The enterprise tier is not sold through the API: contact sales', { tier });
    }
    return this.deps.db.transaction().execute(async (trx) => {
      const sub = await this.lockCurrent(trx, principal.userId);
      const user = await trx.selectFrom('users').select(['tier', 'email']).where('id', '=', principal.userId).executeTakeFirstOrThrow();
      const current = user.tier;
      const paid = current !== 'free' && sub.status !== 'canceled';
      // No cycle asked for: a paid plan keeps its own (a yearly subscriber is never moved to
      // monthly by omission); from free, monthly.
      const cycle: BillingCycle = body.billing_cycle ?? (paid ? (sub.billing_cycle as BillingCycle) : 'monthly');
      const now = new Date();
      if (tier === current && (!paid || sub.billing_cycle === cycle) && !sub.pending_tier) {
        throw ApiError.conflict(`Already on the ${tier} tier${paid ? ` (${cycle})` : ''}`, { tier, billing_cycle: cycle });
      }
      if (tier === current && paid && sub.billing_cycle === cycle && sub.pending_tier) {
        // Back to the plan the user has: the change scheduled for the period's end is withdrawn.
        await this.deps.provider.scheduleChange({ subscription: sub, tier, cycle });
        await trx.updateTable('subscriptions').set({ pending_tier: null, pending_billing_cycle: null, cancel_at_period_end: false, updated_at: now }).where('id', '=', sub.id).execute();
        return {
          subscription_id: sub.id,
          tier,
          status: sub.status,
          amount: toAmount(sub.amount_cents),
          proration_amount: 0,
          message: `Staying on ${tier} (${cycle}): the change scheduled for the end of the period is withdrawn`,
          effective_date: now.toISOString(),
        };
      }
      if (tierRank(tier) > tierRank(current)) {
        const start = await this.deps.provider.upgradeNow({ subscription: sub, userId: principal.userId, email: user.email, tier, cycle, now });
        await trx
          .updateTable('subscriptions')
          .set({
            tier,
            status: 'active',
            billing_cycle: cycle,
            amount_cents: start.amountCents,
            currency: CURRENCY,
            current_period_start: start.periodStart,
            current_period_end: start.periodEnd,
            cancel_at_period_end: false,
            pending_tier: null,
            pending_billing_cycle: null,
            canceled_at: null,
            past_due_since: null,
            ...(start.paymentMethod ? { payment_method: JSON.stringify(start.paymentMethod) } : {}),
            ...(start.customerId !== undefined ? { stripe_customer_id: start.customerId } : {}),
            ...(start.subscriptionId !== undefined ? { stripe_subscription_id: start.subscriptionId } : {}),
            updated_at: now,
          })
          .where('id', '=', sub.id)
          .execute();
        await setUserTier(trx, principal.userId, tier);
        return {
          subscription_id: sub.id,
          tier,
          status: 'active',
          amount: toAmount(start.amountCents),
          proration_amount: toAmount(start.prorationCents),
          message: `Upgraded to ${tier} (${cycle}): its limits apply now`,
          effective_date: now.toISOString(),
        };
      }
      // Down, or the same tier on another cycle: at the end of the period paid for.
      if (sub.pending_tier === tier && sub.pending_billing_cycle === cycle) {
        throw ApiError.conflict(`A change to ${tier} (${cycle}) is already scheduled for ${sub.current_period_end.toISOString()}`, { tier, billing_cycle: cycle });
      }
      if (!paid) throw ApiError.conflict(`Already on the ${current} tier`, { tier: current });
      await this.deps.provider.scheduleChange({ subscription: sub, tier, cycle });
      await trx
        .updateTable('subscriptions')
        .set({ pending_tier: tier, pending_billing_cycle: cycle, cancel_at_period_end: tier === 'free', updated_at: now })
        .where('id', '=', sub.id)
        .execute();
      const when = sub.current_period_end.toISOString();
      return {
        subscription_id: sub.id,
        tier,
        status: sub.status,
        amount: toAmount(priceCents(tier, cycle)),
        proration_amount: 0,
        message:
          tier === current
            ? `Billing moves to ${cycle} at the end of the current period (${when})`
            : `Downgrade to ${tier} takes effect at the end of the current period (${when}); until then the ${current} tier's limits apply`,
        effective_date: when,
      };
    });
  }

  /**
   * `POST /v1/subscription/cancel`: at the period's end (the default) or now (back to free at once).
   *
   * @throws ApiError CONFLICT for the free tier, or a subscription already set to cancel.
   */
  async cancel(principal: Principal, body: { cancel_at_period_end?: boolean; reason?: string; feedback?: string }) {
    const atPeriodEnd = body.cancel_at_period_end ?? true;
    return this.deps.db.transaction().execute(async (trx) => {
      const sub = await this.lockCurrent(trx, principal.userId);
      if (sub.tier === 'free' || sub.status === 'canceled') throw ApiError.conflict('The free tier has nothing to cancel', { tier: 'free' });
      if (sub.cancel_at_period_end && atPeriodEnd) {
        throw ApiError.conflict(`Already set to cancel at the end of the period (${sub.current_period_end.toISOString()})`, { cancel_at_period_end: true });
      }
      await this.deps.provider.cancel({ subscription: sub, atPeriodEnd });
      const now = new Date();
      const reason = { cancel_reason: body.reason ?? null, cancel_feedback: body.feedback ?? null, updated_at: now };
      if (atPeriodEnd) {
        // A change scheduled for the period's end stays: a reactivation brings it back.
        await trx.updateTable('subscriptions').set({ ...reason, cancel_at_period_end: true }).where('id', '=', sub.id).execute();
        return {
          subscription_id: sub.id,
          status: sub.status,
          cancel_at_period_end: true,
          cancels_at: sub.current_period_end.toISOString(),
          message: `The ${sub.tier} tier stays until ${sub.current_period_end.toISOString()}, then the account is on free; reactivate before then to keep it`,
        };
      }
      await endPaidPlan(trx, sub, now, reason);
      return {
        subscription_id: sub.id,
        status: 'canceled',
        cancel_at_period_end: false,
        cancels_at: now.toISOString(),
        message: "Cancelled now: the account is on the free tier, whose limits apply from the next request (this minute's requests count against its per-minute limit)",
      };
    });
  }

  /**
   * `POST /v1/subscription/reactivate`: keeps a subscription that was set to cancel at the period's end.
   *
   * @throws ApiError CONFLICT when it is not set to cancel.
   */
  async reactivate(principal: Principal) {
    return this.deps.db.transaction().execute(async (trx) => {
      const sub = await this.lockCurrent(trx, principal.userId);
      if (!sub.cancel_at_period_end || sub.status === 'canceled' || sub.tier === 'free') {
        throw ApiError.conflict('This subscription is not set to cancel: nothing to reactivate', { cancel_at_period_end: false, status: sub.status });
      }
      await this.deps.provider.reactivate({ subscription: sub });
      // A downgrade to free was the cancellation itself; another scheduled change stays.
      const keeps = sub.pending_tier && sub.pending_tier !== 'free' ? { tier: sub.pending_tier, cycle: sub.pending_billing_cycle } : undefined;
      await trx
        .updateTable('subscriptions')
        .set({
          cancel_at_period_end: false,
          ...(keeps ? {} : { pending_tier: null, pending_billing_cycle: null }),
          cancel_reason: null,
          cancel_feedback: null,
          updated_at: new Date(),
        })
        .where('id', '=', sub.id)
        .execute();
      const when = sub.current_period_end.toISOString();
      return {
        subscription_id: sub.id,
        status: sub.status,
        cancel_at_period_end: false as const,
        message: keeps
          ? `Reactivated: on ${when} the subscription renews as ${keeps.tier} (${keeps.cycle ?? sub.billing_cycle}), the change scheduled before`
          : `The ${sub.tier} tier renews on ${when}`,
      };
    });
  }

  /**
   * Ends the periods that have passed, for subscriptions the local provider keeps (Stripe's end
   * through its webhooks): renews them, or applies the change or cancellation scheduled; and
   * moves users whose payment is overdue past the grace days back to free. Safe to run from every
   * API process at once (each row is locked and re-read). Returns how many subscriptions changed.
   */
  async sweep(now = new Date()): Promise<number> {
    const { db } = this.deps;
    const due = await db
      .selectFrom('subscriptions')
      .select('id')
      .where('tier', '<>', 'free')
      .where('status', '<>', 'canceled')
      .where((eb) =>
        eb.or([
          eb.and([eb('current_period_end', '<=', now), eb('stripe_subscription_id', 'is', null)]),
          eb('past_due_since', '<=', new Date(now.getTime() - this.deps.graceDays * DAY_MS)),
        ]),
      )
      .limit(500)
      .execute();
    let changed = 0;
    for (const { id } of due) {
      const done = await db.transaction().execute(async (trx) => {
        const sub = await trx.selectFrom('subscriptions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
        if (!sub || sub.tier === 'free' || sub.status === 'canceled') return false;
        if (sub.past_due_since && sub.past_due_since.getTime() <= now.getTime() - this.deps.graceDays * DAY_MS) {
          await endPaidPlan(trx, sub, now, { updated_at: now });
          this.deps.logger.warn({ subscription_id: sub.id, user_id: sub.user_id }, 'payment overdue past the grace days: back to free');
          return true;
        }
        if (sub.stripe_subscription_id || sub.current_period_end > now) return false;
        if (sub.cancel_at_period_end || sub.pending_tier === 'free') {
          await endPaidPlan(trx, sub, sub.current_period_end, { updated_at: now });
          return true;
        }
        let tier = sub.tier;
        let cycle = sub.billing_cycle as BillingCycle;
        if (sub.pending_tier) {
          tier = sub.pending_tier;
          cycle = (sub.pending_billing_cycle as BillingCycle | null) ?? cycle;
        }
        let start = sub.current_period_end;
        let end = periodEnd(start, cycle);
        while (end <= now) {
          start = end;
          end = periodEnd(start, cycle);
        }
        await trx
          .updateTable('subscriptions')
          .set({ tier, billing_cycle: cycle, amount_cents: priceCents(tier, cycle), current_period_start: start, current_period_end: end, pending_tier: null, pending_billing_cycle: null, updated_at: now })
          .where('id', '=', sub.id)
          .execute();
        if (tier !== sub.tier) await setUserTier(trx, sub.user_id, tier);
        return true;
      });
      if (done) changed += 1;
    }
    return changed;
  }

  private async current(db: Db, userId: string): Promise<Subscription> {
    const sub = await db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).executeTakeFirst();
    if (!sub) throw ApiError.notFound('Subscription');
    return sub;
  }

  private async lockCurrent(trx: Db, userId: string): Promise<Subscription> {
    const sub = await trx.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).forUpdate().executeTakeFirst();
    if (!sub) throw ApiError.notFound('Subscription');
    return sub;
  }

  private async tierOf(userId: string): Promise<Tier> {
    return (await this.deps.db.selectFrom('users').select('tier').where('id', '=', userId).executeTakeFirstOrThrow()).tier;
  }
}

/** Back to free: the subscription row becomes the free tier's (calendar-month usage). */
export async function endPaidPlan(trx: Db, sub: Subscription, at: Date, extra: Record<string, unknown>): Promise<void> {
  const start = monthStart(at);
  await trx
    .updateTable('subscriptions')
    .set({
      ...extra,
      tier: 'free',
      status: 'canceled',
      billing_cycle: 'monthly',
      amount_cents: 0,
      cancel_at_period_end: false,
      pending_tier: null,
      pending_billing_cycle: null,
      past_due_since: null,
      canceled_at: at,
      current_period_start: start,
      current_period_end: periodEnd(start, 'monthly'),
    })
    .where('id', '=', sub.id)
    .execute();
  await setUserTier(trx, sub.user_id, 'free');
}

/**
 * Sets a user's tier. Postgres announces the change when the transaction commits (trigger
 * `users_changed`): every API process forgets the cached session, and workers tell the user's
 * parallel-agent line its new limit.
 */
export async function setUserTier(trx: Db, userId: string, tier: Tier): Promise<void> {
  await trx.updateTable('users').set({ tier, updated_at: sql<Date>`now()` }).where('id', '=', userId).where('tier', '<>', tier).execute();
}
