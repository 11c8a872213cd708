import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Per-minute rate limits (API.md "Rate limiting and quotas"), counted in Postgres so every API
 * process shares them.
 *
 * - `rate_limits`: the table `rate-limiter-flexible`'s Postgres store reads and writes (its own
 *   layout: `key`, `points` consumed in the window, `expire` in ms since the epoch), created here
 *   so migrations own the schema. One row per limited key (`user:<id>`, `auth-ip:<ip>`, ...).
 * - `users.requests_per_minute`: an operator's per-user limit (enterprise's "custom"); null takes
 *   the tier's. A change is announced like a tier change, so cached sessions are forgotten.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('rate_limits')
    .addColumn('key', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('points', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('expire', 'bigint')
    .execute();
  await db.schema.createIndex('rate_limits_expire_idx').on('rate_limits').column('expire').execute();
  await db.schema
    .alterTable('users')
    .addColumn('requests_per_minute', 'integer', (c) => c.check(sql`requests_per_minute > 0`))
    .execute();
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`
    create trigger users_changed after update on users for each row
    when (old.tier is distinct from new.tier or old.email is distinct from new.email
          or old.requests_per_minute is distinct from new.requests_per_minute)
    execute function codex_notify_auth_change('user')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`
    create trigger users_changed after update on users for each row
    when (old.tier is distinct from new.tier or old.email is distinct from new.email)
    execute function codex_notify_auth_change('user')`.execute(db);
  await db.schema.alterTable('users').dropColumn('requests_per_minute').execute();
  await db.schema.dropTable('rate_limits').execute();
}
