import type { Db } from '../../db/connection';
import { admissionRefusal, admitAgentRuns, agentRunsThisPeriod, storageUsedBytes, usagePeriod, type Admission } from '../../db/repositories/usage.repository';
import { tierLimits } from '../../lib/tiers';
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
 * Every check runs in the statement (or transaction) that creates the work, and counts it in the
 * same step (Postgres function `codex_admit_agent_runs`: the user's rows locked, so concurrent
 * requests of a user can never pass a limit between them). With `enabled` false
 * (QUOTAS_ENABLED) usage is still counted and shown, and nothing is refused.
 */
export class Quotas {
  constructor(private readonly options: { enabled: boolean; upgradeUrl: string }) {}

  /**
   * What a request of `runs` agent runs and `bytes` to store asks of the caller's limits, for
   * `admitAgentRunsSql` in the statement that stores it (one round trip: execute's hot path).
   * Translate what that statement throws with `refusal`.
   */
  admission(caller: { tier: string }, runs: number, bytes: number): Admission {
    const limits = tierLimits(caller.tier);
    return {
      runs,
      runsLimit: this.options.enabled ? limits.requestsPerMonth : null,
      bytes,
      storageLimit: this.options.enabled ? limits.storageBytes : null,
    };
  }

  /**
   * Checks and counts in its own statement (run it in the transaction that creates `subjectId`).
   *
   * @throws ApiError INSUFFICIENT_CREDITS (402), as `refusal` describes.
   */
  async admit(trx: Db, caller: { userId: string; tier: string }, runs: number, bytes: number, subjectId: string): Promise<void> {
    const admission = this.admission(caller, runs, bytes);
    try {
      await admitAgentRuns(trx, caller.userId, subjectId, admission);
    } catch (err) {
      throw this.refusal(err, caller, admission) ?? err;
    }
  }

  /**
   * The 402 for a refused admission, or undefined when `err` is not one. Past the month's runs:
   * `details: {current_tier, requests_used, requests_limit, upgrade_url}`; past the storage:
   * `details: {current_tier, storage_used_bytes, storage_limit_bytes, upgrade_url}`.
   */
  refusal(err: unknown, caller: { tier: string }, admission: Admission): ApiError | undefined {
    const refused = admissionRefusal(err);
    if (!refused) return undefined;
    // The account was suspended while this request was on its way (its credentials were checked before).
    if (refused.kind === 'suspended') return new ApiError('FORBIDDEN', 'This account is suspended: contact the operator of this service', { reason: 'suspended' });
    const { upgradeUrl } = this.options;
    if (refused.kind === 'storage') {
      const limit = admission.storageLimit ?? 0;
      return new ApiError('INSUFFICIENT_CREDITS', `Storage limit reached: this request needs ${admission.bytes} bytes and ${Math.max(0, limit - refused.bytesUsed)} of ${limit} are left (${caller.tier} tier)`, {
        current_tier: caller.tier,
        storage_used_bytes: refused.bytesUsed,
        storage_limit_bytes: limit,
        upgrade_url: upgradeUrl,
      });
    }
    const limit = admission.runsLimit ?? 0;
    const left = Math.max(0, limit - refused.runsUsed);
    return new ApiError(
      'INSUFFICIENT_CREDITS',
      admission.runs === 1 || left === 0
        ? `Monthly agent runs used up (${refused.runsUsed} of ${limit} on the ${caller.tier} tier): upgrade, or wait for the next period`
        : `This needs ${admission.runs} agent runs and ${left} of this month's ${limit} are left (${caller.tier} tier): nothing was started`,
      { current_tier: caller.tier, requests_used: refused.runsUsed, requests_limit: limit, upgrade_url: upgradeUrl },
    );
  }

  /** The user's usage and limits now (their current tier), with the period they count in. */
  async usage(db: Db, userId: string, tier: string): Promise<UsageView & { period: { start: Date; end: Date } }> {
    const limits = tierLimits(tier);
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
