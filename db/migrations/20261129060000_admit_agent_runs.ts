import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The quotas' check-and-count in one call, so an execute stays one statement (one round trip):
 *
 * - `codex_usage_period_start(user)`: the start of a user's usage period (the billing period of a
 *   paid subscription that covers now, else the calendar month in UTC).
 * - `codex_admit_agent_runs(user, subject, runs, runs_limit, bytes, storage_limit)`: locks the
 *   user's storage row and refuses `bytes` more past `storage_limit`; charges `runs` to the
 *   period's counter only while it stays within `runs_limit` (null: no limit) and records the
 *   charge against `subject`. A refusal raises `codex_storage_exceeded:<bytes used>` or
 *   `codex_quota_exceeded:<runs used>` (SQLSTATE P0001), which aborts the statement that called it,
 *   so nothing of the request is stored. The row locks queue a user's concurrent requests.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create function codex_usage_period_start(p_user text) returns timestamptz language sql stable as $$
      select coalesce(
        (select s.current_period_start from subscriptions s
          where s.user_id = p_user and s.tier <> 'free' and s.status in ('active', 'trialing', 'past_due')
            and s.current_period_start <= now() and now() < s.current_period_end
          order by s.current_period_start desc limit 1),
        date_trunc('month', now() at time zone 'UTC') at time zone 'UTC')
    $$`.execute(db);
  await sql`
    create function codex_admit_agent_runs(p_user text, p_subject text, p_runs integer, p_runs_limit integer, p_bytes bigint, p_storage_limit bigint)
    returns timestamptz language plpgsql volatile as $$
    declare
      v_bytes bigint;
      v_start timestamptz := codex_usage_period_start(p_user);
      v_used integer;
    begin
      insert into storage_usage (user_id, bytes) values (p_user, 0)
        on conflict (user_id) do update set bytes = storage_usage.bytes
        returning bytes into v_bytes;
      if p_storage_limit is not null and v_bytes + p_bytes > p_storage_limit then
        raise exception 'codex_storage_exceeded:%', v_bytes;
      end if;
      if p_runs_limit is not null and p_runs > p_runs_limit then
        select coalesce((select agent_runs from quota_usage where user_id = p_user and period_start = v_start), 0) into v_used;
        raise exception 'codex_quota_exceeded:%', v_used;
      end if;
      insert into quota_usage (user_id, period_start, agent_runs) values (p_user, v_start, p_runs)
        on conflict (user_id, period_start) do update set agent_runs = quota_usage.agent_runs + excluded.agent_runs
          where p_runs_limit is null or quota_usage.agent_runs + excluded.agent_runs <= p_runs_limit
        returning agent_runs into v_used;
      if not found then
        select agent_runs into v_used from quota_usage where user_id = p_user and period_start = v_start;
        raise exception 'codex_quota_exceeded:%', v_used;
      end if;
      insert into usage_events (user_id, kind, quantity, subject_id, period_start) values (p_user, 'agent_run', p_runs, p_subject, v_start);
      return v_start;
    end $$`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`drop function codex_admit_agent_runs(text, text, integer, integer, bigint, bigint)`.execute(db);
  await sql`drop function codex_usage_period_start(text)`.execute(db);
}
