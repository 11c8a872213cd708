import type { Tier } from '../../db/database';

/** How often a plan is billed. */
export type BillingCycle = 'monthly' | 'yearly';
export const BILLING_CYCLES: readonly BillingCycle[] = ['monthly', 'yearly'];

/** Tiers a user can buy through the API (enterprise is sold by the sales team: 403). */
export const SELF_SERVE_TIERS = ['free', 'pro', 'team'] as const;

/**
 * The local provider's price table, in cents of USD per cycle: pro 15.00 a month, team 50.00
 * (the figures); a year costs ten months. With Stripe the prices come from Stripe (by
 * lookup key `codex_<tier>_<cycle>`), and these are not used.
 */
export const PRICE_TABLE_CENTS: Record<'pro' | 'team', Record<BillingCycle, number>> = {
  pro: { monthly: 1_500, yearly: 15_000 },
  team: { monthly: 5_000, yearly: 50_000 },
};

export const CURRENCY = 'usd';

/** The order of tiers: a move up is an upgrade (at once), down a downgrade (at the period's end). */
export function tierRank(tier: Tier | string): number {
  return { free: 0, pro: 1, team: 2, enterprise: 3 }[tier] ?? 0;
}

/** A plan's price per cycle in cents (0 for free). */
export function priceCents(tier: Tier | string, cycle: BillingCycle): number {
  return tier === 'pro' || tier === 'team' ? PRICE_TABLE_CENTS[tier][cycle] : 0;
}

/** The end of a billing period that starts at `start` (calendar arithmetic in UTC, as Stripe bills). */
export function periodEnd(start: Date, cycle: BillingCycle): Date {
  const end = new Date(start);
  if (cycle === 'yearly') end.setUTCFullYear(end.getUTCFullYear() + 1);
  else end.setUTCMonth(end.getUTCMonth() + 1);
  return end;
}

/**
 * What changing plans mid-period costs now, in cents, prorated by time as Stripe does (to the
 * second): the new plan for the rest of the period, less what is left of the old one. Negative
 * is a credit.
 */
export function prorationCents(input: { oldCents: number; newCents: number; periodStart: Date; periodEnd: Date; now: Date }): number {
  const total = input.periodEnd.getTime() - input.periodStart.getTime();
  if (total <= 0) return input.newCents;
  const left = Math.min(Math.max(input.periodEnd.getTime() - input.now.getTime(), 0), total) / total;
  return Math.round((input.newCents - input.oldCents) * left);
}

/** Cents as the API shows amounts: a number of the currency's main unit (15.00 → 15). */
export function toAmount(cents: number): number {
  return Math.round(cents) / 100;
}
