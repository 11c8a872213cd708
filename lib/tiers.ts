import type { Tier } from '../db/database';

export interface TierLimits {
  /** Agent runs per calendar month (UTC); null = unlimited. */
  requestsPerMonth: number | null;
  /** Authenticated requests per minute. */
  requestsPerMinute: number;
  /** Agents running at once across all of a user's tasks and orchestrations; null = unlimited. */
  parallelAgents: number | null;
  storageBytes: number | null;
}

const GB = 1024 ** 3;

/** API.md "Subscription": tiers and their limits. */
export const TIER_LIMITS: Record<Tier, TierLimits> = {
  free: { requestsPerMonth: 100, requestsPerMinute: 5, parallelAgents: 1, storageBytes: 1 * GB },
  pro: { requestsPerMonth: 10_000, requestsPerMinute: 100, parallelAgents: 10, storageBytes: 10 * GB },
  team: { requestsPerMonth: 100_000, requestsPerMinute: 1_000, parallelAgents: 50, storageBytes: 100 * GB },
  enterprise: { requestsPerMonth: null, requestsPerMinute: 10_000, parallelAgents: null, storageBytes: null },
};

/** Every tier, cheapest first (the keys of TIER_LIMITS). */
export const TIERS = Object.keys(TIER_LIMITS) as Tier[];

/** A tier's limits; an unknown tier (none should reach here) is held to free's. */
export function tierLimits(tier: string): TierLimits {
  return TIER_LIMITS[tier as Tier] ?? TIER_LIMITS.free;
}

/** Start of the current usage month (calendar month, UTC). */
export function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}
