import type { Db } from '../connection';
import type { Subscription, Tier } from '../database';

export async function findSubscriptionByUser(db: Db, userId: string): Promise<Subscription | undefined> {
  return db.selectFrom('subscriptions').selectAll().where('user_id', '=', userId).executeTakeFirst();
}

export async function insertSubscription(
  db: Db,
  input: { id: string; userId: string; tier: Tier; periodStart: Date; periodEnd: Date },
): Promise<Subscription> {
  return db
    .insertInto('subscriptions')
    .values({
      id: input.id,
      user_id: input.userId,
      tier: input.tier,
      status: 'active',
      current_period_start: input.periodStart,
      current_period_end: input.periodEnd,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}
