import type { Db } from '../../db/connection';
import type { Tier } from '../../db/database';
import { agentRunsThisPeriod, chargeAgentRuns, lockStorageUsed, storageUsedBytes, usagePeriod } from '../../db/repositories/usage.repository';
import { TIER_LIMITS } from '../../lib/tiers';
import { ApiError } from '../errors';

/** What `GET /v1/auth/me` and `GET /v1/subscription` show under `usage`. */
export interface UsageView {
  requests_this_month: number;
  /** null: unlimited (enterprise). */
  requests_limit: number | null;
  storage_used_bytes: number;
  storage_limit_bytes: number | null;
  parallel_agents_limit: number | null;
}

/**
 * The monthly agent-run quota and the storage quota of API.md ("Rate limiting and quotas", the
 * tier table). What counts: one run per task started by execute, one per agent of an
 * orchestration (reserved whole when it is asked for, settled to the agents it ran when it
 * ends). The month is the subscription's billing period, else the calendar month (UTC).
 *
 * Every check runs in the transaction that creates the work, and counts it in the same step,
 * so concurrent requests of a user can never pass a limit between them. With `enabled` false
 * (QUOTAS_ENABLED) usage is still counted and shown, and nothing is refused.
 */
export class Quotas {
  constructor(private readonly options: { enabled: boolean; upgradeUrl: string }) {}

  /**
   * Charges `runs` agent runs for `subjectId` (a task or an orchestration), or refuses them all.
   *
   * @throws ApiError INSUFFICIENT_CREDITS (402) with `details: {current_tier, requests_used,
   *   requests_limit, upgrade_url}` when the period's runs would pass the tier's limit; nothing is charged.
   */
  async chargeAgentRuns(trx: Db, caller: { userId: string; tier: string }, runs: number, subjectId: string): Promise<void> {
    const limit = this.options.enabled ? limitsOf(caller.tier).requestsPerMonth : null;
    const outcome = await chargeAgentRuns(trx, { userId: caller.userId, runs, limit, subjectId });
    if (outcome.charged) return;
    const left = Math.max(0, (limit ?? 0) - outcome.used);
    throw new ApiError(
      'INSUFFICIENT_CREDITS',
      runs === 1 || left === 0
        ? `Monthly agent runs used up (${outcome.used} of ${limit} on the ${caller.tier} tier): upgrade, or wait for the next period`
        : `This needs ${runs} agent runs and ${left} of this month's ${limit} are left (${caller.tier} tier): nothing was started`,
      { current_tier: caller.tier, requests_used: outcome.used, requests_limit: limit, upgrade_url: this.options.upgradeUrl },
    );
  }

  /**
   * Refuses a request that would store `addBytes` more than the tier allows. Locks the user's
   * storage row until the transaction ends, so requests of a user are checked one after another.
   *
   * @throws ApiError INSUFFICIENT_CREDITS (402) with `details: {current_tier, storage_used_bytes,
   *   storage_limit_bytes, upgrade_url}`.
   */
  async checkStorage(trx: Db, caller: { userId: string; tier: string }, addBytes: number): Promise<void> {
    const used = await lockStorageUsed(trx, caller.userId);
    const limit = limitsOf(caller.tier).storageBytes;
    if (!this.options.enabled || limit === null || used + addBytes <= limit) return;
    throw new ApiError('INSUFFICIENT_CREDITS', `Storage limit reached: this request needs ${addBytes} bytes and ${Math.max(0, limit - used)} of ${limit} are left (${caller.tier} tier)`, {
      current_tier: caller.tier,
      storage_used_bytes: used,
      storage_limit_bytes: limit,
      upgrade_url: this.options.upgradeUrl,
    });
  }

  /** The user's usage and limits now (their current tier), with the period they count in. */
  async usage(db: Db, userId: string, tier: string): Promise<UsageView & { period: { start: Date; end: Date } }> {
    const limits = limitsOf(tier);
    const [runs, storage, period] = await Promise.all([agentRunsThisPeriod(db, userId), storageUsedBytes(db, userId), usagePeriod(db, userId)]);
    return {
      requests_this_month: runs,
      requests_limit: limits.requestsPerMonth,
      storage_used_bytes: storage,
      storage_limit_bytes: limits.storageBytes,
      parallel_agents_limit: limits.parallelAgents,
      period,
    };
  }
}

function limitsOf(tier: string) {
  return TIER_LIMITS[tier as Tier] ?? TIER_LIMITS.free;
}
