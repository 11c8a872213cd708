import { sql } from 'kysely';
import type { Db } from '../connection';

/** Kinds of metered usage. `agent_run` is what the monthly quota counts (API.md "What counts"). */
export const UsageKind = { agentRun: 'agent_run' } as const;
export type UsageKind = (typeof UsageKind)[keyof typeof UsageKind];

/**
 * The start of a user's current usage period, in SQL: the billing period of a paid subscription
 * that covers now, else the calendar month (UTC). (Postgres function of migration 20261129060000.)
 */
function periodStartOf(userId: string) {
  return sql<Date>`codex_usage_period_start(${userId})`;
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

/** What the user may still use: agent runs this period and bytes stored; null = no limit. */
export interface Admission {
  runs: number;
  runsLimit: number | null;
  bytes: number;
  storageLimit: number | null;
}

/** Why `codex_admit_agent_runs` refused, with the figure it found; undefined for any other error. */
export function admissionRefusal(err: unknown): { kind: 'quota'; runsUsed: number } | { kind: 'storage'; bytesUsed: number } | { kind: 'suspended' } | undefined {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (code !== 'P0001' || typeof message !== 'string') return undefined;
  if (message === 'codex_account_suspended:0') return { kind: 'suspended' };
  const match = /^codex_(quota|storage)_exceeded:(\d+)$/.exec(message);
  if (!match) return undefined;
  return match[1] === 'quota' ? { kind: 'quota', runsUsed: Number(match[2]) } : { kind: 'storage', bytesUsed: Number(match[2]) };
}

/** The call that checks and counts (a SQL expression): use it in the statement that stores the subject. */
export function admitAgentRunsSql(userId: string, subjectId: string, a: Admission) {
  return sql<Date>`codex_admit_agent_runs(${userId}, ${subjectId}, ${a.runs}::int, ${a.runsLimit}::int, ${a.bytes}::bigint, ${a.storageLimit}::bigint)`;
}

/**
 * Checks and counts in its own statement: locks the user's storage row, refuses `bytes` more past
 * the storage limit, charges `runs` to the period's counter only within its limit, and records the
 * charge against `subjectId`. Run it in the transaction that creates the subject.
 *
 * @throws the Postgres error `admissionRefusal` reads, when a limit would be passed (nothing charged).
 */
export async function admitAgentRuns(db: Db, userId: string, subjectId: string, a: Admission): Promise<void> {
  await sql`select ${admitAgentRunsSql(userId, subjectId, a)}`.execute(db);
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

/** Bytes the user stores (kept by triggers on `blobs`). */
export async function storageUsedBytes(db: Db, userId: string): Promise<number> {
  const row = await db.selectFrom('storage_usage').select('bytes').where('user_id', '=', userId).executeTakeFirst();
  return Number(row?.bytes ?? 0);
}
