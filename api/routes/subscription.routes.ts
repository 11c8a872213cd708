import { z } from 'zod';
import { Scope } from '../auth/scopes';
import type { SubscriptionService } from '../billing/subscription.service';
import { BILLING_CYCLES } from '../billing/plans';
import type { ApiRoutes } from '../http/routes';
import type { RateLimits } from '../limits/rate-limits';
import { IsoDateTime, TierName } from '../http/schemas';

const Cycle = z.enum(BILLING_CYCLES as [string, ...string[]], { error: `must be one of: ${BILLING_CYCLES.join(', ')}` });
const Amount = z.number().meta({ description: 'In the currency\'s main unit (15 = 15.00 USD)', example: 15 });

const SubscriptionView = z
  .object({
    subscription_id: z.string().meta({ example: 'sub_7K2M9QW4XH8TZ1RB' }),
    tier: TierName,
    status: z.string().meta({ description: '`active`, `past_due` (a payment failed; back to free after BILLING_GRACE_DAYS), `canceled`, `trialing`', example: 'active' }),
    billing_cycle: Cycle,
    amount: Amount,
    currency: z.string().meta({ example: 'usd' }),
    current_period_start: IsoDateTime,
    current_period_end: IsoDateTime,
    cancel_at_period_end: z.boolean(),
    scheduled_change: z
      .object({ tier: TierName, billing_cycle: Cycle.nullable(), effective_date: IsoDateTime })
      .optional()
      .meta({ description: 'A downgrade or cycle change that takes effect at the end of the period' }),
    usage: z.object({
      requests_this_month: z.number().int(),
      requests_limit: z.number().int().nullable(),
      storage_used_bytes: z.number().int(),
      storage_limit_bytes: z.number().int().nullable(),
      parallel_agents_limit: z.number().int().nullable(),
    }),
    payment_method: z
      .object({ type: z.string(), last4: z.string().nullable(), brand: z.string().nullable(), exp_month: z.number().int().nullable(), exp_year: z.number().int().nullable() })
      .nullable()
      .meta({ description: 'The default card (Stripe); null with the local provider or without a card' }),
  })
  .meta({ id: 'Subscription' });

const UpgradeBody = z
  .object({
    new_tier: TierName,
    billing_cycle: Cycle.optional().meta({ description: "Default: the current paid plan's cycle (a tier change keeps it); `monthly` from the free tier" }),
  })
  .strict()
  .meta({ id: 'UpgradeSubscriptionRequest' });
const UpgradeAnswer = z
  .object({
    subscription_id: z.string(),
    tier: TierName.meta({ description: 'The tier asked for (from `effective_date`)' }),
    status: z.string(),
    amount: Amount,
    proration_amount: Amount.meta({ description: 'Charged now for the rest of the period (negative: credited); 0 for changes at the period end' }),
    message: z.string(),
    effective_date: IsoDateTime,
  })
  .meta({ id: 'UpgradeSubscriptionResponse' });

const CancelBody = z
  .object({
    cancel_at_period_end: z.boolean().default(true).meta({ description: 'Default true: keep the tier until the period ends. false: back to free now' }),
    reason: z.string().max(500).optional(),
    feedback: z.string().max(5000).optional(),
  })
  .strict()
  .meta({ id: 'CancelSubscriptionRequest' });
const CancelAnswer = z
  .object({ subscription_id: z.string(), status: z.string(), cancel_at_period_end: z.boolean(), cancels_at: IsoDateTime, message: z.string() })
  .meta({ id: 'CancelSubscriptionResponse' });
const ReactivateAnswer = z
  .object({ subscription_id: z.string(), status: z.string(), cancel_at_period_end: z.literal(false), message: z.string() })
  .meta({ id: 'ReactivateSubscriptionResponse' });

/**
 * API.md "Subscription": the caller's plan, its usage, and the changes a user can make.
 * `rateLimits`: a change that takes effect at once gets the new tier's limit headers.
 */
export function registerSubscriptionRoutes(routes: ApiRoutes, service: SubscriptionService, rateLimits?: RateLimits): void {
  const tag = 'Subscription';
  routes.add({
    method: 'get',
    path: '/v1/subscription',
    operationId: 'getSubscription',
    tag,
    summary: 'The plan, its period, usage and limits, and the card on file',
    scope: Scope.billingRead,
    response: { schema: SubscriptionView, description: 'The subscription' },
    handler: ({ principal }) => service.get(principal),
  });
  routes.add({
    method: 'post',
    path: '/v1/subscription/upgrade',
    operationId: 'upgradeSubscription',
    tag,
    summary: 'Change plan: up at once (prorated), down at the end of the period',
    description:
      'A higher tier takes effect at once, with its limits (rate, monthly runs, storage, parallel agents: agents waiting in line start); the charge for the rest of the period is `proration_amount`. A lower tier, or another cycle, takes effect at the end of the period paid for. `enterprise` is sold by the sales team (403).',
    scope: Scope.billingWrite,
    // A user at their per-minute limit can still buy a higher one: counted, never refused.
    rateLimitCountOnly: true,
    body: UpgradeBody,
    response: { schema: UpgradeAnswer, description: 'The change, and when it takes effect' },
    errors: ['FORBIDDEN', 'CONFLICT'],
    handler: async ({ principal, body, res }) => {
      const answer = await service.upgrade(principal, body as { new_tier: 'free' | 'pro' | 'team' | 'enterprise'; billing_cycle?: 'monthly' | 'yearly' });
      // An upgrade is in force from this answer on: its headers give the new tier's limit.
      if (answer.tier !== principal.tier && Date.parse(answer.effective_date) <= Date.now()) rateLimits?.retier(res, principal, answer.tier);
      return answer;
    },
  });
  routes.add({
    method: 'post',
    path: '/v1/subscription/cancel',
    operationId: 'cancelSubscription',
    tag,
    summary: 'Cancel: at the end of the period (default), or now',
    scope: Scope.billingWrite,
    body: CancelBody,
    response: { schema: CancelAnswer, description: 'When the paid tier ends' },
    errors: ['CONFLICT'],
    handler: async ({ principal, body, res }) => {
      const answer = await service.cancel(principal, body);
      if (answer.status === 'canceled' && principal.tier !== 'free') rateLimits?.retier(res, principal, 'free');
      return answer;
    },
  });
  routes.add({
    method: 'post',
    path: '/v1/subscription/reactivate',
    operationId: 'reactivateSubscription',
    tag,
    summary: 'Keep a subscription that is set to cancel at the end of the period',
    scope: Scope.billingWrite,
    response: { schema: ReactivateAnswer, description: 'The subscription renews' },
    errors: ['CONFLICT'],
    handler: ({ principal }) => service.reactivate(principal),
  });
}
