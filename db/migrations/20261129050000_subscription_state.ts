import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Subscriptions as a state machine (API.md "Subscription"): what a user pays (`amount_cents`,
 * `currency`), a change scheduled for the period's end (`pending_tier`, `pending_billing_cycle`:
 * downgrades), how it was cancelled, since when a payment is overdue (`past_due_since`), the card
 * on file, and the time of the newest billing event applied (`provider_updated_at`: an older
 * Stripe event never overwrites newer state). `billing_events` keeps each Stripe event's ID, so
 * an event is handled once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('subscriptions')
    .addColumn('amount_cents', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('currency', 'text', (c) => c.notNull().defaultTo('usd'))
    .addColumn('pending_tier', 'text')
    .addColumn('pending_billing_cycle', 'text')
    .addColumn('canceled_at', 'timestamptz')
    .addColumn('cancel_reason', 'text')
    .addColumn('cancel_feedback', 'text')
    .addColumn('past_due_since', 'timestamptz')
    .addColumn('payment_method', 'jsonb')
    .addColumn('provider_updated_at', 'timestamptz')
    .execute();
  await db.schema
    .createTable('billing_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('billing_events').execute();
  for (const column of ['amount_cents', 'currency', 'pending_tier', 'pending_billing_cycle', 'canceled_at', 'cancel_reason', 'cancel_feedback', 'past_due_since', 'payment_method', 'provider_updated_at']) {
    await db.schema.alterTable('subscriptions').dropColumn(column).execute();
  }
}
