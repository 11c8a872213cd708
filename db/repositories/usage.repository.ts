import { sql } from 'kysely';
import type { Db } from '../connection';

/** Kinds of metered usage. `agent_run` is what the monthly quota counts (API.md "What counts"). */
export const UsageKind = { agentRun: 'agent_run' } as const;
export type UsageKind = (typeof UsageKind)[keyof typeof UsageKind];

/** Subscription statuses whose billing period is the usage period (others fall back to the calendar month). */
const BILLED_STATUSES = ['active', 'trialing', 'past_due'];

/**
 * The start of a user's current usage period, in SQL: the billing period of a paid subscription
 * that covers now, else the calendar month (UTC).
 */
function periodStartOf(userId: string) {
  return sql<Date>`coalesce(
    (select s.current_period_start from subscriptions s
      where s.user_id = ${userId} and s.tier <> 'free' and s.status in (${sql.join(BILLED_STATUSES)})
        and s.current_period_start <= now() and now() < s.current_period_end
      order by s.current_period_start desc limit 1),
    date_trunc('month', now() at time zone 'UTC') at time zone 'UTC')`;
}

/** A user's usage period: `[start, end)`; `end` is the billing period's end, or the next month's first instant (UTC). */
export async function usagePeriod(db: Db, userId: string): Promise<{ start: Date; end: Date }> {
  const row = await sql<{ start: Date; end: Date }>`
    select p.start,
           coalesce((select s.current_period_end from subscriptions s
                      where s.user_id = ${userId} and s.current_period_start = p.start and s.tier <> 'free'
                      order by s.current_period_end desc limit 1),
                    p.start + interval '1 month') as end
      from (select ${periodStartOf(userId)} as start) p`.execute(db);
  return row.rows[0]!;
}

/**
 * Charges `runs` agent runs to the user's current period, only if the period's total stays
 * within `limit` (null: no limit), and records the charge against `subjectId` (a task or an
 * orchestration). One statement: concurrent charges of a user queue on the period's row, so
 * their sum never passes the limit. Run it in the transaction that creates the subject.
 *
 * @returns `charged: false` (nothing written) when the limit would be passed; `used` is the
 *   period's total after the charge, or as it stands when refused.
 */
export async function chargeAgentRuns(
  db: Db,
  input: { userId: string; runs: number; limit: number | null; subjectId: string },
): Promise<{ charged: boolean; used: number; periodStart: Date }> {
  const { userId, runs, limit, subjectId } = input;
  const within = limit === null ? sql`true` : sql`quota_usage.agent_runs + excluded.agent_runs <= ${limit}::int`;
  const firstWithin = limit === null ? sql`true` : sql`${runs}::int <= ${limit}::int`;
  const charged = await sql<{ used: number; period_start: Date }>`
    with p as (select ${periodStartOf(userId)} as start),
    q as (
      insert into quota_usage (user_id, period_start, agent_runs)
      select ${userId}, p.start, ${runs}::int from p where ${firstWithin}
      on conflict (user_id, period_start) do update set agent_runs = quota_usage.agent_runs + excluded.agent_runs where ${within}
      returning agent_runs, period_start
    ),
    e as (
      insert into usage_events (user_id, kind, quantity, subject_id, period_start)
      select ${userId}, ${UsageKind.agentRun}, ${runs}, ${subjectId}, q.period_start from q
      returning id
    )
    select q.agent_runs as used, q.period_start from q`.execute(db);
  const row = charged.rows[0];
  if (row) return { charged: true, used: row.used, periodStart: row.period_start };
  const current = await sql<{ used: number | null; period_start: Date }>`
    select (select agent_runs from quota_usage where user_id = ${userId} and period_start = p.start) as used, p.start as period_start
      from (select ${periodStartOf(userId)} as start) p`.execute(db);
  const now = current.rows[0]!;
  return { charged: false, used: now.used ?? 0, periodStart: now.period_start };
}

/** Agent runs charged to the user in the current period. */
export async function agentRunsThisPeriod(db: Db, userId: string): Promise<number> {
  const row = await sql<{ used: number | null }>`
    select (select agent_runs from quota_usage where user_id = ${userId} and period_start = ${periodStartOf(userId)}) as used`.execute(db);
  return row.rows[0]?.used ?? 0;
}

/**
 * Gives back what was charged for `subjectId` beyond `actualRuns` (default 0: all of it): a task
 * whose workflow never started, an orchestration that ran fewer agents than it reserved.
 * Idempotent: a second call finds nothing more to give back.
 */
export async function refundAgentRuns(db: Db, subjectId: string, actualRuns = 0): Promise<void> {
  await sql`
    with charge as (
      select id, user_id, period_start, quantity - ${actualRuns} as excess from usage_events
       where subject_id = ${subjectId} and kind = ${UsageKind.agentRun} and quantity > ${actualRuns}
       for update
    ),
    settled as (
      update usage_events u set quantity = ${actualRuns} from charge where u.id = charge.id returning u.id
    )
    update quota_usage q set agent_runs = greatest(q.agent_runs - charge.excess, 0)
      from charge where q.user_id = charge.user_id and q.period_start = charge.period_start`.execute(db);
  if (actualRuns === 0) await db.deleteFrom('usage_events').where('subject_id', '=', subjectId).where('quantity', '=', 0).execute();
}

/**
 * Locks the user's storage row and answers the bytes they store (task inputs and results, and
 * later repository data). Run it in the transaction that stores more: concurrent requests of a
 * user then queue, and the check that follows is exact.
 */
export async function lockStorageUsed(db: Db, userId: string): Promise<number> {
  const row = await sql<{ bytes: string }>`
    insert into storage_usage (user_id, bytes) values (${userId}, 0)
    on conflict (user_id) do update set bytes = storage_usage.bytes
    returning bytes`.execute(db);
  return Number(row.rows[0]!.bytes);
}

/** Bytes the user stores (kept by triggers on `blobs`). */
export async function storageUsedBytes(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('storage_usage').select('bytes').where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.bytes ?? 0);
}
