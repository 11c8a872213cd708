import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import express, { type Request, type Response, type Router } from 'express';
import { z } from 'zod';
import type Stripe from 'stripe';
import type { Db } from '../../db/connection';
import type { Subscription } from '../../db/database';
import type { Logger } from '../../lib/logger';
import { ApiError } from '../errors';
import { ErrorResponse } from '../http/schemas';
import { CURRENCY, tierRank } from './plans';
import { planOfLookupKey, stripePeriod } from './stripe-billing';
import { endPaidPlan, setUserTier } from './subscription.service';

/** Stripe statuses after which the paid plan is over. */
const ENDED = ['canceled', 'incomplete_expired'];

/** What a handled event changed. */
type Outcome = { applied: true } | { applied: false; reason: string };

/**
 * `POST /v1/webhooks/stripe`: Stripe's events, with the signature checked over the raw body
 * (STRIPE_WEBHOOK_SECRET; a bad or missing one is 400 and changes nothing). Each event is handled
 * once (its ID is stored with the change, in one transaction), in any order: an event older than
 * the newest one applied to a subscription is recorded and ignored.
 *
 * Handled: `customer.subscription.created`/`updated`/`deleted`, `invoice.paid`,
 * `invoice.payment_failed` (status `past_due`; the sweep moves the user to free after
 * BILLING_GRACE_DAYS). A move up takes effect at once; a move down to another price within the
 * period is kept as the change scheduled for its end.
 */
export class StripeWebhooks {
  constructor(private readonly deps: { db: Db; stripe: Stripe; secret: string; logger: Logger }) {}

  /** Adds the endpoint to the OpenAPI document. */
  document(registry: OpenAPIRegistry): void {
    registry.registerPath({
      method: 'post',
      path: '/v1/webhooks/stripe',
      operationId: 'stripeWebhook',
      tags: ['Subscription'],
      summary: "Stripe's events (for Stripe, not for clients)",
      description:
        'Signed by Stripe (`Stripe-Signature`, checked over the raw body with STRIPE_WEBHOOK_SECRET). Each event is handled once, in any order; handled: customer.subscription.created/updated/deleted, invoice.paid, invoice.payment_failed.',
      security: [],
      request: {
        headers: z.object({ 'Stripe-Signature': z.string().meta({ description: 't=<unix seconds>,v1=<HMAC-SHA256>' }) }),
        body: { content: { 'application/json': { schema: z.object({ id: z.string(), type: z.string(), created: z.int(), data: z.object({ object: z.record(z.string(), z.unknown()) }) }).meta({ id: 'StripeEvent' }) } }, required: true },
      },
      responses: {
        200: {
          description: 'Received (also when ignored: a duplicate, an older event, a type not handled)',
          content: { 'application/json': { schema: z.object({ received: z.literal(true), duplicate: z.literal(true).optional(), ignored: z.string().optional() }) } },
        },
        400: { description: 'INVALID_REQUEST: a missing or wrong signature; nothing changes', content: { 'application/json': { schema: ErrorResponse } } },
        413: { description: 'PAYLOAD_TOO_LARGE', content: { 'application/json': { schema: ErrorResponse } } },
        500: { description: 'SERVER_ERROR (Stripe retries)', content: { 'application/json': { schema: ErrorResponse } } },
      },
    });
  }

  router(): Router {
    const router = express.Router();
    router.post('/v1/webhooks/stripe', express.raw({ type: () => true, limit: '1mb' }), async (req: Request, res: Response) => {
      const raw = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      const answer = await this.handle(raw, req.get('stripe-signature'));
      res.status(200).json(answer);
    });
    return router;
  }

  /**
   * Verifies and applies one delivery.
   *
   * @throws ApiError INVALID_REQUEST (`details.field: "Stripe-Signature"`) when the signature is missing or wrong.
   */
  async handle(raw: Buffer, signature: string | undefined): Promise<{ received: true; duplicate?: true; ignored?: string }> {
    if (!signature) throw ApiError.invalid('Stripe-Signature', 'is required', 'Missing Stripe-Signature header');
    let event: Stripe.Event;
    try {
      event = this.deps.stripe.webhooks.constructEvent(raw, signature, this.deps.secret);
    } catch {
      throw ApiError.invalid('Stripe-Signature', 'does not match the body (or is too old)', 'Invalid Stripe-Signature');
    }
    let duplicate = false;
    const outcome = await this.deps.db.transaction().execute(async (trx): Promise<Outcome> => {
      const fresh = await trx.insertInto('billing_events').values({ id: event.id, type: event.type }).onConflict((oc) => oc.column('id').doNothing()).returning('id').executeTakeFirst();
      if (!fresh) {
        duplicate = true;
        return { applied: false, reason: 'already handled' };
      }
      return this.apply(trx, event);
    });
    if (duplicate) return { received: true, duplicate: true };
    if (!outcome.applied) {
      this.deps.logger.info({ event_id: event.id, type: event.type, reason: outcome.reason }, 'stripe event ignored');
      return { received: true, ignored: outcome.reason };
    }
    return { received: true };
  }

  private async apply(trx: Db, event: Stripe.Event): Promise<Outcome> {
    const at = new Date(event.created * 1000);
    const object = event.data.object as unknown as Record<string, unknown>;
    const found = await this.subscriptionOf(trx, event.type, object);
    if (!found) return { applied: false, reason: 'no subscription of ours' };
    const sub = found;
    if (sub.provider_updated_at && at < sub.provider_updated_at) return { applied: false, reason: 'older than the state applied' };
    const stamp = { provider_updated_at: at, updated_at: new Date() };

    switch (event.type) {
      case 'customer.subscription.created':
      case 'customer.subscription.updated':
        return this.applySubscription(trx, sub, event.data.object as Stripe.Subscription, at, stamp);
      case 'customer.subscription.deleted':
        if (sub.tier === 'free' && sub.status === 'canceled') return { applied: false, reason: 'already on free' };
        await endPaidPlan(trx, sub, at, stamp);
        return { applied: true };
      case 'invoice.paid':
        if (sub.status === 'canceled') return { applied: false, reason: 'subscription has ended' };
        await trx.updateTable('subscriptions').set({ ...stamp, status: 'active', past_due_since: null }).where('id', '=', sub.id).execute();
        return { applied: true };
      case 'invoice.payment_failed':
        if (sub.status === 'canceled') return { applied: false, reason: 'subscription has ended' };
        await trx
          .updateTable('subscriptions')
          .set({ ...stamp, status: 'past_due', past_due_since: sub.past_due_since ?? at })
          .where('id', '=', sub.id)
          .execute();
        return { applied: true };
      default:
        return { applied: false, reason: `${event.type} is not handled` };
    }
  }

  private async applySubscription(trx: Db, sub: Subscription, stripeSub: Stripe.Subscription, at: Date, stamp: Record<string, unknown>): Promise<Outcome> {
    if (ENDED.includes(stripeSub.status)) {
      await endPaidPlan(trx, sub, at, { ...stamp, stripe_subscription_id: stripeSub.id });
      return { applied: true };
    }
    const price = stripeSub.items?.data?.[0]?.price;
    const plan = planOfLookupKey(price?.lookup_key);
    if (!plan) return { applied: false, reason: `price ${price?.id ?? '(none)'} has no codex_<tier>_<cycle> lookup key` };
    const period = stripePeriod(stripeSub) ?? { start: sub.current_period_start, end: sub.current_period_end };
    const wasPaid = sub.tier !== 'free' && sub.status !== 'canceled';
    const newPeriod = period.start.getTime() > sub.current_period_start.getTime();
    // Up, a first plan, or a new period: the price's tier applies now. Down within the period: at its end.
    const now = !wasPaid || newPeriod || tierRank(plan.tier) >= tierRank(sub.tier);
    const pastDue = stripeSub.status === 'past_due' || stripeSub.status === 'unpaid';
    await trx
      .updateTable('subscriptions')
      .set({
        ...stamp,
        status: pastDue ? 'past_due' : stripeSub.status,
        past_due_since: pastDue ? (sub.past_due_since ?? at) : null,
        cancel_at_period_end: stripeSub.cancel_at_period_end,
        stripe_subscription_id: stripeSub.id,
        stripe_customer_id: typeof stripeSub.customer === 'string' ? stripeSub.customer : stripeSub.customer.id,
        currency: price?.currency ?? CURRENCY,
        ...(now
          ? {
              tier: plan.tier,
              billing_cycle: plan.cycle,
              amount_cents: price?.unit_amount ?? 0,
              current_period_start: period.start,
              current_period_end: period.end,
              pending_tier: null,
              pending_billing_cycle: null,
              canceled_at: null,
            }
          : { pending_tier: plan.tier, pending_billing_cycle: plan.cycle, current_period_start: period.start, current_period_end: period.end }),
      })
      .where('id', '=', sub.id)
      .execute();
    if (now) await setUserTier(trx, sub.user_id, plan.tier);
    return { applied: true };
  }

  /** Our subscription an event is about: by Stripe subscription ID, else by customer, else by the user named in its metadata. */
  private async subscriptionOf(trx: Db, type: string, object: Record<string, unknown>): Promise<Subscription | undefined> {
    const invoiceSub = (object.parent as { subscription_details?: { subscription?: string } } | undefined)?.subscription_details?.subscription ?? (object.subscription as string | undefined);
    const subscriptionId = type.startsWith('customer.subscription.') ? (object.id as string) : invoiceSub;
    const customer = typeof object.customer === 'string' ? object.customer : (object.customer as { id?: string } | undefined)?.id;
    const userId = (object.metadata as Record<string, string> | undefined)?.user_id;
    const base = trx.selectFrom('subscriptions').selectAll().forUpdate();
    if (subscriptionId) {
      const bySub = await base.where('stripe_subscription_id', '=', subscriptionId).executeTakeFirst();
      if (bySub) return bySub;
    }
    if (customer) {
      const byCustomer = await base.where('stripe_customer_id', '=', customer).executeTakeFirst();
      if (byCustomer) return byCustomer;
    }
    if (userId && type.startsWith('customer.subscription.')) return base.where('user_id', '=', userId).executeTakeFirst();
    return undefined;
  }
}
