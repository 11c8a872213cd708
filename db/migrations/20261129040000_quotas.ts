import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Monthly and storage quotas (API.md "Rate limiting and quotas"), checked and counted in one step.
 *
 * - `quota_usage`: agent runs a user has been charged in one usage period (the subscription's
 *   billing period, else the calendar month in UTC). Charging is one conditional upsert (the
 *   count goes up only while it stays within the limit), so concurrent requests can never pass
 *   the limit between them. Filled from `usage_events` of the current calendar month.
 * - `usage_events.period_start`: the period a charge went to (an orchestration's reservation is
 *   settled there when it ends).
 * - `storage_usage`: bytes of the user's blobs, kept by triggers on `blobs`, so the check before a
 *   request stores anything reads one row.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('quota_usage')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('period_start', 'timestamptz', (c) => c.notNull())
    .addColumn('agent_runs', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('quota_usage_pkey', ['user_id', 'period_start'])
    .execute();
  await db.schema.alterTable('usage_events').addColumn('period_start', 'timestamptz').execute();
  await sql`
    insert into quota_usage (user_id, period_start, agent_runs)
    select user_id, date_trunc('month', now() at time zone 'UTC') at time zone 'UTC', sum(quantity)
      from usage_events
     where kind = 'agent_run' and created_at >= date_trunc('month', now() at time zone 'UTC') at time zone 'UTC'
     group by user_id`.execute(db);

  await db.schema
    .createTable('storage_usage')
    .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
    .addColumn('bytes', 'bigint', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`insert into storage_usage (user_id, bytes) select user_id, sum(byte_size) from blobs group by user_id`.execute(db);
  await sql`
    create function codex_count_storage() returns trigger language plpgsql as $$
    begin
      if tg_op = 'INSERT' then
        insert into storage_usage (user_id, bytes) values (new.user_id, new.byte_size)
          on conflict (user_id) do update set bytes = storage_usage.bytes + excluded.bytes;
      else
        update storage_usage set bytes = bytes - old.byte_size where user_id = old.user_id;
      end if;
      return null;
    end $$`.execute(db);
  await sql`create trigger blobs_counted after insert or delete on blobs for each row execute function codex_count_storage()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger blobs_counted on blobs`.execute(db);
  await sql`drop function codex_count_storage()`.execute(db);
  await db.schema.dropTable('storage_usage').execute();
  await db.schema.alterTable('usage_events').dropColumn('period_start').execute();
  await db.schema.dropTable('quota_usage').execute();
}
