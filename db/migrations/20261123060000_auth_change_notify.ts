import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * API processes may cache a session's user for a few seconds. Any change that must end or alter
 * that (a session revoked or deleted, a user's tier or email changed, a user deleted), whether the
 * API or an operator's SQL makes it, is announced on the `codex_auth_changes` channel when it
 * commits, so every process forgets what it cached.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function codex_notify_auth_change() returns trigger language plpgsql as $$
    begin
      perform pg_notify('codex_auth_changes', tg_argv[0] || ':' || old.id);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger auth_sessions_changed after update on auth_sessions for each row
    when (old.revoked_at is distinct from new.revoked_at or old.user_id is distinct from new.user_id)
    execute function codex_notify_auth_change('session')`.execute(db);
  await sql`
    create trigger auth_sessions_deleted after delete on auth_sessions for each row
    execute function codex_notify_auth_change('session')`.execute(db);
  await sql`
    create trigger users_changed after update on users for each row
    when (old.tier is distinct from new.tier or old.email is distinct from new.email)
    execute function codex_notify_auth_change('user')`.execute(db);
  await sql`
    create trigger users_deleted after delete on users for each row
    execute function codex_notify_auth_change('user')`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function codex_notify_auth_change() cascade`.execute(db);
}
