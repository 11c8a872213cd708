import type { Db } from '../connection';

/** Kinds of metered usage. `agent_run` is what the monthly quota counts (API.md "What counts"). */
export const UsageKind = { agentRun: 'agent_run' } as const;
export type UsageKind = (typeof UsageKind)[keyof typeof UsageKind];

export async function countUsageSince(db: Db, userId: string, kind: UsageKind, since: Date): Promise<number> {
  const row = await db
    .selectFrom('usage_events')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('quantity'), eb.lit(0)).as('total'))
    .where('user_id', '=', userId)
    .where('kind', '=', kind)
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}

/** Bytes the user stores (task inputs and results kept as blobs). */
export async function storageUsedBytes(db: Db, userId: string): Promise<number> {
  const row = await db
    .selectFrom('blobs')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<string>('byte_size'), eb.lit(0)).as('total'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(row.total);
}
