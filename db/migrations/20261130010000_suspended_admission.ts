import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * A suspended account starts no agent: `codex_admit_agent_runs` (every execute and orchestrate
 * calls it in the statement that stores the work) takes a share lock on the user's row and
 * refuses with `codex_account_suspended:0` when the account is suspended. The lock orders it
 * against a suspension (an UPDATE of that row): work admitted before the suspension commits is
 * committed first, so the suspension's cancel sweep finds it; work asked for after it is refused.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    create or replace function codex_admit_agent_runs(p_user text, p_subject text, p_runs integer, p_runs_limit integer, p_bytes bigint, p_storage_limit bigint)
    returns timestamptz language plpgsql volatile as $$
    declare
      v_bytes bigint;
      v_start timestamptz := codex_usage_period_start(p_user);
      v_used integer;
      v_suspended timestamptz;
    begin
      select suspended_at into v_suspended from users where id = p_user for share;
      if v_suspended is not null then
        raise exception 'codex_account_suspended:0';
      end if;
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
  await sql`
    create or replace function codex_admit_agent_runs(p_user text, p_subject text, p_runs integer, p_runs_limit integer, p_bytes bigint, p_storage_limit bigint)
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
