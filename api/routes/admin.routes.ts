import { z } from 'zod';
import type { AdminService } from '../admin/admin.service';
import { Scope } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { endOfDateQuery, IsoDateQuery, IsoDateTime, pageCursor, TierName } from '../http/schemas';
import { ApiError } from '../errors';

const Role = z.enum(['user', 'admin'], { error: 'must be one of: user, admin' });
const Limit = z.coerce.number({ error: 'must be a whole number from 1 to 200' }).int('must be a whole number from 1 to 200').min(1, 'must be a whole number from 1 to 200').max(200, 'must be a whole number from 1 to 200').default(50);

const AdminUser = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string().nullable(),
    tier: TierName,
    role: Role,
    requests_per_minute: z.number().int().nullable().meta({ description: "The user's own per-minute limit; null: the tier's" }),
    suspended: z.boolean(),
    suspended_at: IsoDateTime.nullable(),
    created_at: IsoDateTime,
  })
  .meta({ id: 'AdminUser' });

const UserPatch = z
  .object({
    tier: TierName.optional(),
    requests_per_minute: z.number().int().min(1).max(1_000_000).nullable().optional().meta({ description: "Enterprise's custom per-minute limit; null: the tier's" }),
    suspended: z.boolean().optional().meta({ description: "true: every request of the user is refused (403), their API keys stop working, their running tasks are cancelled" }),
    role: Role.optional(),
  })
  .strict()
  .meta({ id: 'AdminUserPatch', description: 'Fields absent stay as they are; an empty object changes nothing (and is not audited)' });

const AdminTask = z
  .object({
    task_id: z.string(),
    user_id: z.string(),
    user_email: z.string(),
    agent_type: z.string(),
    status: z.string(),
    task: z.string(),
    orchestration_id: z.string().nullable(),
    attempts: z.number().int(),
    error: z.object({ code: z.string(), message: z.string() }).nullable().meta({ description: "The agent's own error message when it failed" }),
    created_at: IsoDateTime,
    started_at: IsoDateTime.nullable(),
    completed_at: IsoDateTime.nullable(),
    temporal_ui_url: z.string().meta({ description: 'The workflow in the Temporal UI (TEMPORAL_UI_URL)' }),
  })
  .meta({ id: 'AdminTask' });

const AuditEntry = z
  .object({
    id: z.string(),
    actor: z.object({ id: z.string().nullable(), email: z.string() }),
    action: z.string().meta({ example: 'user.update' }),
    target: z.object({ type: z.string(), id: z.string() }),
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    created_at: IsoDateTime,
  })
  .meta({ id: 'AuditEntry' });

const Stats = z
  .object({
    generated_at: IsoDateTime,
    window_minutes: z.number().int(),
    per_minute: z.array(z.object({ minute: IsoDateTime, started: z.number().int(), completed: z.number().int(), failed: z.number().int(), cancelled: z.number().int(), timed_out: z.number().int(), gpu_wait_seconds: z.number().meta({ description: 'Average time the tasks that ended this minute waited for GPU capacity' }) })),
    failure_rate: z.number().meta({ description: '(failed + timed_out) / ended, over the window' }),
    failures_by_code: z.array(z.object({ code: z.string(), count: z.number().int() })),
    queue_depth: z.array(z.object({ task_queue: z.string(), backlog: z.number().int(), age_seconds: z.number() })),
    agents_waiting_for_slot: z.array(z.object({ tier: z.string(), waiting: z.number().int() })),
    usage_by_tier: z.array(z.object({ tier: z.string(), users: z.number().int(), suspended: z.number().int(), agent_runs_this_month: z.number().int() })),
  })
  .meta({ id: 'AdminStats' });

const Page = <T extends z.ZodType>(key: string, item: T) => z.object({ [key]: z.array(item), has_more: z.boolean(), next_cursor: z.string().nullable() });

/** Issue 14's admin API: users, every task, the last hour's figures, the audit log. Admins only (403 otherwise). */
export function registerAdminRoutes(routes: ApiRoutes, admin: AdminService): void {
  const tag = 'Admin';
  routes.add({
    method: 'get',
    path: '/v1/admin/users',
    operationId: 'adminListUsers',
    tag,
    role: 'admin',
    scope: Scope.adminRead,
    // Counted, never refused: an operator's dashboard must work on any tier.
    rateLimitCountOnly: true,
    summary: 'Users, newest first: search by email, filter by tier and status',
    query: z.object({
      email: z.string().max(320).optional().meta({ description: 'Part of the email address (case-insensitive)' }),
      tier: TierName.optional(),
      status: z.enum(['active', 'suspended'], { error: 'must be one of: active, suspended' }).optional(),
      limit: Limit,
      cursor: pageCursor('user_'),
    }),
    response: { schema: Page('users', AdminUser), description: 'A page of users' },
    errors: ['FORBIDDEN'],
    handler: ({ query }) => admin.listUsers(query),
  });
  routes.add({
    method: 'patch',
    path: '/v1/admin/users/{user_id}',
    operationId: 'adminUpdateUser',
    tag,
    role: 'admin',
    scope: Scope.adminWrite,
    // Counted, never refused: an operator's dashboard must work on any tier.
    rateLimitCountOnly: true,
    summary: 'Change a user: tier, per-minute limit, suspension, role (recorded in the audit log)',
    params: z.object({ user_id: z.string().min(1).max(255).meta({ description: 'A user ID (user_…); anything that names no user is 404', example: 'user_7K2M9QW4XH8TZ1RB' }) }),
    body: UserPatch,
    response: { schema: AdminUser.extend({ cancelled: z.number().int().meta({ description: 'Workflows cancelled by a suspension' }) }), description: 'The user after the change' },
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CONFLICT'],
    handler: ({ principal, params, body }) => admin.updateUser(principal, params.user_id, body),
  });
  routes.add({
    method: 'get',
    path: '/v1/admin/tasks',
    operationId: 'adminListTasks',
    tag,
    role: 'admin',
    scope: Scope.adminRead,
    // Counted, never refused: an operator's dashboard must work on any tier.
    rateLimitCountOnly: true,
    summary: "Every user's tasks, newest first, each with its Temporal UI link",
    query: z.object({
      status: z.enum(['queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out'], { error: 'must be one of: queued, running, completed, failed, cancelled, timed_out' }).optional(),
      agent_type: z.string().max(100).optional(),
      user_id: z.string().regex(/^user_[0-9A-Z]{8,64}$/, 'must be a user ID (user_…)').optional(),
      from: IsoDateQuery.optional().meta({ description: 'Created at or after (ISO 8601)' }),
      to: IsoDateQuery.optional().meta({ description: 'Created at or before (ISO 8601); a date alone is its whole day (UTC)' }),
      limit: Limit,
      cursor: pageCursor('task_'),
    }),
    response: { schema: Page('tasks', AdminTask), description: 'A page of tasks' },
    errors: ['FORBIDDEN'],
    handler: async ({ query }) => {
      const from = query.from ? new Date(query.from) : undefined;
      const to = query.to ? endOfDateQuery(query.to) : undefined;
      if (from && to && from > to) throw ApiError.invalid('from', 'must not be after `to`');
      return admin.listTasks({ ...query, from, to });
    },
  });
  routes.add({
    method: 'get',
    path: '/v1/admin/stats',
    operationId: 'adminStats',
    tag,
    role: 'admin',
    scope: Scope.adminRead,
    // Counted, never refused: an operator's dashboard must work on any tier.
    rateLimitCountOnly: true,
    summary: 'The last hour: tasks per minute, failures by code, queue depth, slot waits, usage by tier',
    response: { schema: Stats, description: 'The figures' },
    errors: ['FORBIDDEN'],
    handler: () => admin.stats(),
  });
  routes.add({
    method: 'get',
    path: '/v1/admin/audit',
    operationId: 'adminAuditLog',
    tag,
    role: 'admin',
    scope: Scope.adminRead,
    // Counted, never refused: an operator's dashboard must work on any tier.
    rateLimitCountOnly: true,
    summary: 'What admins did: who, what, when, before and after; newest first',
    query: z.object({ target_id: z.string().max(100).optional(), limit: Limit, cursor: pageCursor('aud_') }),
    response: { schema: Page('entries', AuditEntry), description: 'A page of the audit log' },
    errors: ['FORBIDDEN'],
    handler: ({ query }) => admin.audit(query),
  });
}
