import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Streams end with their credentials: besides sessions and users (20261123060000), Postgres
 * announces on `codex_auth_changes` an API key revoked or deleted (`apikey:<id>`) and an external
 * token revoked by logout (`token:<jti>`), so every API process closes the streams they opened.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create trigger api_keys_changed after update on api_keys for each row
    when (old.revoked_at is distinct from new.revoked_at)
    execute function codex_notify_auth_change('apikey')`.execute(db);
  await sql`
    create trigger api_keys_deleted after delete on api_keys for each row
    execute function codex_notify_auth_change('apikey')`.execute(db);
  await sql`
    create function codex_notify_token_revoked() returns trigger language plpgsql as $$
    begin
      perform pg_notify('codex_auth_changes', 'token:' || new.jti);
      return null;
    end $$`.execute(db);
  await sql`
    create trigger revoked_tokens_added after insert on revoked_tokens for each row
    execute function codex_notify_token_revoked()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop trigger revoked_tokens_added on revoked_tokens`.execute(db);
  await sql`drop function codex_notify_token_revoked()`.execute(db);
  await sql`drop trigger api_keys_deleted on api_keys`.execute(db);
  await sql`drop trigger api_keys_changed on api_keys`.execute(db);
}
