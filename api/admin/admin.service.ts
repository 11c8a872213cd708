import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/connection';
import type { Database, Tier } from '../../db/database';
import { TIERS } from '../../lib/tiers';
import { newId } from '../../lib/ids';
import type { Logger } from '../../lib/logger';
import type { QueueDepth } from '../../lib/queue-depth';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';

/** What an admin may change on a user (PATCH /v1/admin/users/{id}); absent fields stay. */
export interface UserChange {
  tier?: Tier;
  /** The user's own per-minute limit (enterprise's "custom"); null: the tier's. */
  requests_per_minute?: number | null;
  suspended?: boolean;
  role?: 'user' | 'admin';
}

/** A user as the admin API shows them. */
export interface AdminUserView {
  id: string;
  email: string;
  name: string | null;
  tier: Tier;
  role: 'user' | 'admin';
  requests_per_minute: number | null;
  suspended: boolean;
  suspended_at: string | null;
  created_at: string;
}

const TERMINAL = ['completed', 'failed', 'cancelled', 'timed_out'] as const;

/**
 * The operators' view of the service (issue 14): every user, every task, the last hour's figures,
 * and the audit log of what admins did. Its routes admit admins only (`role: 'admin'` in
 * api/routes/admin.routes.ts); a change checks the actor's role again in its own transaction.
 */
export class AdminService {
  constructor(
    private readonly deps: {
      db: Db;
      temporal: Client;
      queueDepth: QueueDepth;
      logger: Logger;
      /** Base of links to a workflow (TEMPORAL_UI_URL) and its namespace. */
      temporalUiUrl: string;
      namespace: string;
    },
  ) {}

  /**
   * Gives the admin role to the existing accounts with these emails (ADMIN_EMAILS, at start), and
   * lifts their suspension: the operator's way back in when no admin is left. Each change is
   * audited (actor: ADMIN_EMAILS). Returns how many accounts changed. Accounts registered later get
   * the role at the next start, never at registration (no one can claim an admin email first).
   */
  async grantAdmins(emails: readonly string[]): Promise<number> {
    if (!emails.length) return 0;
    const lowered = emails.map((e) => e.trim().toLowerCase());
    return this.deps.db.transaction().execute(async (trx) => {
      const rows = await trx
        .selectFrom('users')
        .selectAll()
        .where(sql<string>`lower(email)`, 'in', lowered)
        .where((eb) => eb.or([eb('role', '<>', 'admin'), eb('suspended_at', 'is not', null)]))
        .forUpdate()
        .execute();
      for (const before of rows) {
        const after = await trx.updateTable('users').set({ role: 'admin', suspended_at: null, updated_at: new Date() }).where('id', '=', before.id).returningAll().executeTakeFirstOrThrow();
        await recordUserChange(trx, { id: null, email: 'ADMIN_EMAILS' }, 'user.grant_admin', before, after);
      }
      return rows.length;
    });
  }

  /** Users, newest first, filtered by email (substring, case-insensitive), tier and status. */
  async listUsers(q: { email?: string; tier?: Tier; status?: 'active' | 'suspended'; limit: number; cursor?: string }) {
    let query = this.deps.db.selectFrom('users').selectAll();
    if (q.email) query = query.where(sql<string>`lower(email)`, 'like', `%${escapeLike(q.email.toLowerCase())}%`);
    if (q.tier) query = query.where('tier', '=', q.tier);
    if (q.status === 'suspended') query = query.where('suspended_at', 'is not', null);
    if (q.status === 'active') query = query.where('suspended_at', 'is', null);
    if (q.cursor) query = query.where(await this.after('users', q.cursor));
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    return { users: page.map(userView), has_more: rows.length > q.limit, next_cursor: rows.length > q.limit ? page.at(-1)!.id : null };
  }

  /**
   * Changes a user and records the change in the audit log, in one transaction. A suspension
   * takes effect at once in every API process (the session caches hear it): the user's tokens,
   * refresh tokens and API keys are refused with 403, their streams close, their share links open
   * nothing, nothing new of theirs is admitted, and their queued and running tasks, orchestrations
   * and visualizations are cancelled. A tier change reaches rate limits, quotas and the
   * parallel-agent line like any other.
   * @throws ApiError FORBIDDEN (the actor is no longer an active admin), NOT_FOUND (no such user),
   *   CONFLICT (an admin removing their own role or suspending themselves)
   */
  async updateUser(actor: Principal, userId: string, change: UserChange): Promise<AdminUserView & { cancelled: number }> {
    if (userId === actor.userId && (change.suspended === true || change.role === 'user')) {
      throw ApiError.conflict('An admin cannot suspend themselves or drop their own admin role', { field: change.suspended === true ? 'suspended' : 'role' });
    }
    const { before, after } = await this.deps.db.transaction().execute(async (trx) => {
      // Every admin's row and the target's, locked in one order: two admins changing each other
      // at once are serialised, and the second sees what the first did.
      const locked = await trx
        .selectFrom('users')
        .selectAll()
        .where((eb) => eb.or([eb('role', '=', 'admin'), eb('id', '=', userId)]))
        .orderBy('id')
        .forUpdate()
        .execute();
      // The caller's role and suspension now, not when the request came in (its body may have
      // taken a while to arrive).
      const me = locked.find((u) => u.id === actor.userId);
      if (!me || me.role !== 'admin' || me.suspended_at) throw new ApiError('FORBIDDEN', 'This route needs the admin role', { reason: 'not_admin' });
      const current = locked.find((u) => u.id === userId);
      if (!current) throw ApiError.notFound('User');
      const next = {
        tier: change.tier ?? current.tier,
        role: change.role ?? current.role,
        requests_per_minute: change.requests_per_minute !== undefined ? change.requests_per_minute : current.requests_per_minute,
        suspended_at: change.suspended === undefined ? current.suspended_at : change.suspended ? (current.suspended_at ?? new Date()) : null,
      };
      // Nothing changes: nothing written, nothing audited.
      if (JSON.stringify(auditedFields(next)) === JSON.stringify(auditedFields(current))) return { before: current, after: current };
      // No change leaves no active admin: the actor is one, and cannot remove themselves (above).
      const updated = await trx.updateTable('users').set({ ...next, updated_at: new Date() }).where('id', '=', userId).returningAll().executeTakeFirstOrThrow();
      await recordUserChange(trx, { id: actor.userId, email: me.email }, 'user.update', current, updated);
      return { before: current, after: updated };
    });
    const cancelled = after.suspended_at && !before.suspended_at ? await this.cancelWorkOf(userId) : 0;
    if (after !== before) this.deps.logger.info({ actor_id: actor.userId, user_id: userId, change, cancelled }, 'admin changed a user');
    return { ...userView(after), cancelled };
  }

  /** Every user's tasks, newest first, each with a link to its workflow in the Temporal UI. */
  async listTasks(q: { status?: string; agent_type?: string; user_id?: string; from?: Date; to?: Date; limit: number; cursor?: string }) {
    let query = this.deps.db
      .selectFrom('tasks')
      .innerJoin('users', 'users.id', 'tasks.user_id')
      .select([
        'tasks.id',
        'tasks.user_id',
        'users.email as user_email',
        'tasks.agent_type',
        'tasks.status',
        'tasks.task',
        'tasks.orchestration_id',
        'tasks.attempts',
        'tasks.error_code',
        'tasks.error_message',
        'tasks.created_at',
        'tasks.started_at',
        'tasks.completed_at',
      ]);
    if (q.status) query = query.where('tasks.status', '=', q.status as never);
    if (q.agent_type) query = query.where('tasks.agent_type', '=', q.agent_type);
    if (q.user_id) query = query.where('tasks.user_id', '=', q.user_id);
    if (q.from) query = query.where('tasks.created_at', '>=', q.from);
    if (q.to) query = query.where('tasks.created_at', '<=', q.to);
    if (q.cursor) query = query.where(await this.after('tasks', q.cursor));
    const rows = await query.orderBy('tasks.created_at', 'desc').orderBy('tasks.id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    return {
      tasks: page.map((t) => ({
        task_id: t.id,
        user_id: t.user_id,
        user_email: t.user_email,
        agent_type: t.agent_type,
        status: t.status,
        task: t.task.length > 200 ? `${t.task.slice(0, 199)}…` : t.task,
        orchestration_id: t.orchestration_id,
        attempts: t.attempts,
        error: t.error_code ? { code: t.error_code, message: t.error_message ?? '' } : null,
        created_at: t.created_at.toISOString(),
        started_at: t.started_at?.toISOString() ?? null,
        completed_at: t.completed_at?.toISOString() ?? null,
        temporal_ui_url: this.workflowUrl(t.id),
      })),
      has_more: rows.length > q.limit,
      next_cursor: rows.length > q.limit ? page.at(-1)!.id : null,
    };
  }

  /**
   * The last hour, per minute: tasks started and finished (by status); failures by error code;
   * Temporal's backlog per task queue; agents waiting for a slot by tier; users and this month's
   * agent runs by tier.
   */
  async stats() {
    const { db } = this.deps;
    const since = new Date(Date.now() - 60 * 60 * 1000);
    const [created, finished, failures, backlogs, waiting, users, runs] = await Promise.all([
      db
        .selectFrom('tasks')
        .select([sql<Date>`date_trunc('minute', created_at)`.as('minute'), sql<string>`count(*)`.as('n')])
        .where('created_at', '>=', since)
        .groupBy(sql`1`)
        .execute(),
      db
        .selectFrom('tasks')
        .select([sql<Date>`date_trunc('minute', completed_at)`.as('minute'), 'status', sql<string>`count(*)`.as('n'), sql<string>`sum(capacity_wait_ms)`.as('wait_ms')])
        .where('completed_at', '>=', since)
        .groupBy([sql`1`, 'status'])
        .execute(),
      db
        .selectFrom('tasks')
        .select(['error_code', sql<string>`count(*)`.as('n')])
        .where('completed_at', '>=', since)
        .where('status', 'in', ['failed', 'timed_out'])
        .groupBy('error_code')
        .execute(),
      this.deps.queueDepth.taskQueueBacklogs(),
      this.deps.queueDepth.agentsWaitingBySlotTier(),
      db.selectFrom('users').select(['tier', sql<string>`count(*)`.as('n'), sql<string>`count(*) filter (where suspended_at is not null)`.as('suspended')]).groupBy('tier').execute(),
      db
        .selectFrom('tasks')
        .innerJoin('users', 'users.id', 'tasks.user_id')
        .select(['users.tier', sql<string>`count(*)`.as('n')])
        .where('tasks.created_at', '>=', sql<Date>`date_trunc('month', now() at time zone 'utc') at time zone 'utc'`)
        .groupBy('users.tier')
        .execute(),
    ]);
    const minutes: { minute: string; started: number; completed: number; failed: number; cancelled: number; timed_out: number; gpu_wait_seconds: number }[] = [];
    const waitMs = new Map<number, number>();
    const start = Math.floor(since.getTime() / 60_000) * 60_000;
    const index = new Map<number, (typeof minutes)[number]>();
    for (let t = start + 60_000; t <= Date.now(); t += 60_000) {
      const row = { minute: new Date(t).toISOString(), started: 0, completed: 0, failed: 0, cancelled: 0, timed_out: 0, gpu_wait_seconds: 0 };
      minutes.push(row);
      index.set(t, row);
    }
    for (const r of created) {
      const row = index.get(new Date(r.minute).getTime());
      if (row) row.started += Number(r.n);
    }
    for (const r of finished) {
      const row = index.get(new Date(r.minute).getTime());
      if (row && (TERMINAL as readonly string[]).includes(r.status)) {
        row[r.status as (typeof TERMINAL)[number]] += Number(r.n);
        waitMs.set(new Date(r.minute).getTime(), (waitMs.get(new Date(r.minute).getTime()) ?? 0) + Number(r.wait_ms ?? 0));
      }
    }
    // The average GPU (capacity) wait of the tasks that ended in each minute.
    for (const [t, ms] of waitMs) {
      const row = index.get(t)!;
      const ended = row.completed + row.failed + row.cancelled + row.timed_out;
      row.gpu_wait_seconds = ended ? ms / ended / 1000 : 0;
    }
    const ended = minutes.reduce((n, m) => n + m.completed + m.failed + m.cancelled + m.timed_out, 0);
    const failed = minutes.reduce((n, m) => n + m.failed + m.timed_out, 0);
    return {
      generated_at: new Date().toISOString(),
      window_minutes: 60,
      per_minute: minutes,
      failure_rate: ended ? failed / ended : 0,
      failures_by_code: failures.map((f) => ({ code: f.error_code ?? 'AGENT_ERROR', count: Number(f.n) })).sort((a, b) => b.count - a.count),
      queue_depth: backlogs.map((b) => ({ task_queue: b.taskQueue, backlog: b.backlog, age_seconds: b.ageSeconds })),
      agents_waiting_for_slot: waiting,
      usage_by_tier: TIERS.map((tier) => ({
        tier,
        users: Number(users.find((u) => u.tier === tier)?.n ?? 0),
        suspended: Number(users.find((u) => u.tier === tier)?.suspended ?? 0),
        agent_runs_this_month: Number(runs.find((r) => r.tier === tier)?.n ?? 0),
      })),
    };
  }

  /** The audit log, newest first. */
  async audit(q: { limit: number; cursor?: string; target_id?: string }) {
    let query = this.deps.db.selectFrom('admin_audit_log').selectAll();
    if (q.target_id) query = query.where('target_id', '=', q.target_id);
    if (q.cursor) query = query.where(await this.after('admin_audit_log', q.cursor));
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    return {
      entries: page.map((r) => ({
        id: r.id,
        actor: { id: r.actor_id, email: r.actor_email },
        action: r.action,
        target: { type: r.target_type, id: r.target_id },
        before: r.before,
        after: r.after,
        created_at: r.created_at.toISOString(),
      })),
      has_more: rows.length > q.limit,
      next_cursor: rows.length > q.limit ? page.at(-1)!.id : null,
    };
  }

  /**
   * Keyset pagination, newest first: the rows of `table` after the one whose ID is `cursor` (the
   * previous page's last), by (created_at, id).
   * @throws ApiError INVALID_REQUEST when no row has that ID
   */
  private async after(table: 'users' | 'tasks' | 'admin_audit_log', cursor: string) {
    const at = await this.deps.db.selectFrom(table).select(['created_at', 'id']).where('id', '=', cursor).executeTakeFirst();
    if (!at) throw ApiError.invalid('cursor', 'must be a next_cursor this API returned');
    return sql<boolean>`(${sql.ref(`${table}.created_at`)}, ${sql.ref(`${table}.id`)}) < (${at.created_at}, ${at.id})`;
  }

  /** The Temporal UI's page of a workflow. */
  workflowUrl(workflowId: string): string {
    return `${this.deps.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(this.deps.namespace)}/workflows/${encodeURIComponent(workflowId)}`;
  }

  /**
   * Cancels a suspended user's queued and running work: standalone tasks, orchestrations and
   * visualizations. Returns how many workflows it cancelled now. Work admitted just before the
   * suspension committed may have its row stored but its workflow not yet started: such rows are
   * looked at again a few times over the next seconds (SUSPENSION_SWEEPS).
   */
  private async cancelWorkOf(userId: string, sweep = 1): Promise<number> {
    const { db, temporal } = this.deps;
    const [tasks, orchestrations, visualizations] = await Promise.all([
      db.selectFrom('tasks').select('id').where('user_id', '=', userId).where('orchestration_id', 'is', null).where('status', 'in', ['queued', 'running']).execute(),
      db.selectFrom('orchestrations').select('id').where('user_id', '=', userId).where('status', 'in', ['in_progress', 'awaiting_approval']).execute(),
      db.selectFrom('visualizations').select('id').where('user_id', '=', userId).where('status', '=', 'processing').execute(),
    ]);
    let cancelled = 0;
    let notStarted = 0;
    for (const { id } of [...tasks, ...orchestrations, ...visualizations]) {
      try {
        await temporal.workflow.getHandle(id).cancel();
        cancelled += 1;
      } catch (err) {
        if (err instanceof WorkflowNotFoundError) notStarted += 1;
        else this.deps.logger.warn({ err, workflow_id: id }, 'could not cancel the work of a suspended user');
      }
    }
    if (notStarted > 0 && sweep < SUSPENSION_SWEEPS) {
      setTimeout(() => {
        this.cancelWorkOf(userId, sweep + 1).catch((err: unknown) => this.deps.logger.warn({ err, user_id: userId }, 'could not sweep the work of a suspended user again'));
      }, SUSPENSION_SWEEP_INTERVAL_MS).unref();
    }
    return cancelled;
  }
}

/** How many times a suspension looks for work whose workflow had not started yet, and how far apart (ms). */
const SUSPENSION_SWEEPS = 5;
const SUSPENSION_SWEEP_INTERVAL_MS = 2_000;

function userView(u: { id: string; email: string; name: string | null; tier: Tier; role: 'user' | 'admin'; requests_per_minute: number | null; suspended_at: Date | null; created_at: Date }): AdminUserView {
  return {
    id: u.id,
    email: u.email,
    name: u.name,
    tier: u.tier,
    role: u.role,
    requests_per_minute: u.requests_per_minute,
    suspended: u.suspended_at !== null,
    suspended_at: u.suspended_at?.toISOString() ?? null,
    created_at: u.created_at.toISOString(),
  };
}

/** One row of the audit log: `actor` changed user `before` into `after` (`action`: user.update, user.grant_admin). */
async function recordUserChange(trx: Transaction<Database>, actor: { id: string | null; email: string }, action: string, before: AuditedUser, after: AuditedUser): Promise<void> {
  await trx
    .insertInto('admin_audit_log')
    .values({
      id: newId('audit'),
      // The time the change was made (its row lock held), not the transaction's start: the log's
      // order is the order the changes were applied in.
      created_at: sql<Date>`clock_timestamp()`,
      actor_id: actor.id,
      actor_email: actor.email,
      action,
      target_type: 'user',
      target_id: after.id,
      before: JSON.stringify(auditedFields(before)),
      after: JSON.stringify(auditedFields(after)),
    })
    .execute();
}

type AuditedUser = { id: string; tier: Tier; role: 'user' | 'admin'; requests_per_minute: number | null; suspended_at: Date | null };

/** The fields of a user an admin can change: what the audit log records before and after. */
function auditedFields(u: { tier: Tier; role: 'user' | 'admin'; requests_per_minute: number | null; suspended_at: Date | null }): { tier: Tier; role: 'user' | 'admin'; requests_per_minute: number | null; suspended: boolean } {
  return { tier: u.tier, role: u.role, requests_per_minute: u.requests_per_minute, suspended: u.suspended_at !== null };
}

/** Escapes LIKE's wildcards (`%`, `_`, `\`) in user input. */
function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
