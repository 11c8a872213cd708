import { z } from 'zod';
import { Scope } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { SEVERITIES } from '../../agents/protocol';
import { listAgentTypes } from '../../agents/registry';
import { IdempotencyKeyHeader, IsoDateTime, nonBlankText, pageCursor } from '../http/schemas';
import type { TaskService } from '../tasks/task.service';

const TASK_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out'] as const;
/** Any value: one that names none of the caller's tasks, whatever its form, is 404. */
const TaskId = z.string().min(1).meta({ description: "A task ID (task_…); anything that names none of the caller's tasks is 404", example: 'task_7K2M9QW4XH8TZ1RB' });

const AGENT_TYPES = listAgentTypes().map((a) => a.type);
/** A built-in agent type (agents/registry.ts), or a custom agent by ID or by the caller's own agent's name. */
const AgentType = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: `A built-in agent type (${AGENT_TYPES.join(', ')}), or a custom agent: its ID (yours or a public one) or the name of one of yours`, example: 'security_expert' });

/** `context.repository` of execute and orchestrate. */
export const RepositoryField = z
  .string()
  .max(2048)
  .optional()
  .meta({
    description:
      'A git repository to check out for the agents: an https:// URL of a public host, or a host in REPOSITORY_ALLOWED_HOSTS. Agents analyse the whole checkout; `files` are laid over it (paths relative to its root, never into .git); changes come back as `result.patch`',
    example: 'https://github.com/user/repo',
  });

/** `context.branch` of execute and orchestrate. */
export const BranchField = z
  .string()
  .max(255)
  .optional()
  .meta({ description: "The branch to check out (only with `repository`); default: the repository's default branch", example: 'main' });

/**
 * The fields of an execute body but `agent_type`. `limits` are the deployment's
 * (TASK_TIME_LIMIT_SECONDS, TASK_MAX_TIME_LIMIT_SECONDS), so the document states the bound the
 * API enforces.
 */
export const executeFields = (limits: TaskRouteLimits) => ({
    task: nonBlankText(100_000).meta({ example: 'Review this code for security vulnerabilities' }),
    context: z
      .looseObject({
        files: z
          .array(z.object({ path: z.string().min(1).max(1024), content: z.string() }))
          .max(10_000)
          .optional(),
        repository: RepositoryField,
        branch: BranchField,
      })
      .optional(),
    max_tokens: z.int().min(1).max(1_000_000).optional(),
    temperature: z.number().min(0).max(2).optional(),
    time_limit_seconds: z
      .int()
      .min(1)
      .max(limits.maxTimeLimitSeconds)
      .optional()
      .meta({ description: `Default: the custom agent's, else ${limits.defaultTimeLimitSeconds} (TASK_TIME_LIMIT_SECONDS); at most TASK_MAX_TIME_LIMIT_SECONDS` }),
});

/** The execute body. */
const executeBody = (limits: TaskRouteLimits) =>
  z.object({ ...executeFields(limits), agent_type: AgentType.optional().meta({ description: 'Default `general`' }) }).meta({ id: 'ExecuteRequest' });

/** The deployment's bounds on a task's time limit, in seconds (config/env.ts). */
export interface TaskRouteLimits {
  defaultTimeLimitSeconds: number;
  maxTimeLimitSeconds: number;
}

export const ExecuteAnswer = z
  .object({
    task_id: z.string(),
    status: z.enum(TASK_STATUSES),
    estimated_duration_seconds: z
      .number()
      .int()
      .meta({ description: "Seconds until the result: the median run of recent tasks of this agent type, plus the wait in line when the tier's parallel agents are busy" }),
    result_url: z.string(),
    websocket_url: z.string(),
    events_url: z.string().meta({ description: 'The same events as Server-Sent Events' }),
    workflow_id: z.string().meta({ description: 'The Temporal workflow ID (equal to task_id)' }),
  })
  .meta({ id: 'ExecuteResponse' });

const TaskAgent = z
  .object({ id: z.string(), name: z.string(), version: z.number().int(), type: z.string() })
  .nullable()
  .meta({ description: 'The custom agent and the version the task ran (edits after the start never change a run); null for a built-in agent type' });

const Finding = z
  .looseObject({
    severity: z.enum(SEVERITIES),
    title: z.string(),
    description: z.string(),
    file: z.string().meta({ description: 'Path of the file (in the repository, for a task with `context.repository`)' }),
    line: z.number().int().meta({ description: '1-based' }),
    suggestion: z.string(),
    rule_id: z.string().optional(),
    cwe: z.string().optional().meta({ description: 'The weakness class from MITRE\'s CWE list (`CWE-89`), on security findings' }),
    source: z
      .object({ line: z.number().int(), code: z.string() })
      .optional()
      .meta({ description: 'Where the untrusted input enters (security findings that follow input): 1-based line and the code there' }),
    sink: z
      .object({ line: z.number().int(), code: z.string() })
      .optional()
      .meta({ description: 'Where the input does harm: the call or statement it reaches' }),
  })
  .meta({ id: 'Finding' });

const TaskResult = z
  .looseObject({
    summary: z.string(),
    findings: z.array(Finding),
    files: z
      .array(z.object({ path: z.string(), content: z.string(), action: z.enum(['create', 'modify']) }))
      .optional()
      .meta({ description: 'Files the agent wrote (test_gen), whole' }),
    files_modified: z.number().int().optional(),
    tests_generated: z.number().int().optional(),
    security_issues: z.number().int().optional(),
    model_output: z.string().optional().meta({ description: "The model's answer, when a model is configured" }),
    patch: z
      .string()
      .optional()
      .meta({ description: 'With `context.repository`: every change the agent left, one unified diff against `workspace.base_sha` (`git apply` takes it); absent when over the inline limit (then `patch_url`)' }),
    patch_url: z.string().optional().meta({ description: '`/v1/agents/tasks/{task_id}/patch`: the whole diff as text/x-diff' }),
    patch_bytes: z.number().int().optional(),
    patched_files: z.array(z.string()).optional().meta({ description: "Paths the patch touches (the request's files and earlier agents' changes included)" }),
    modified_files: z.array(z.string()).optional().meta({ description: 'Paths this agent itself changed (`files_modified` counts them)' }),
    workspace: z
      .object({
        base_sha: z.string().meta({ description: 'The commit checked out' }),
        files_read: z.number().int(),
        files_skipped: z.number().int().meta({ description: 'Files left out: ignored, binary, or over the size limits' }),
        continued_from: z.string().optional().meta({ description: "In a sequential orchestration: the task whose tree this agent started from" }),
      })
      .optional(),
  })
  .meta({ id: 'TaskResult', description: 'What the agent found and did' });

const Tokens = z.object({ prompt: z.number().int(), completion: z.number().int(), total: z.number().int() });
const TaskView = z
  .object({
    task_id: z.string(),
    status: z.enum(TASK_STATUSES),
    agent_type: z.string().meta({ description: 'The built-in agent type, or the custom agent’s ID' }),
    agent: TaskAgent,
    progress: z.number().int().min(0).max(100),
    created_at: IsoDateTime,
    started_at: IsoDateTime.nullable(),
    completed_at: IsoDateTime.nullable(),
    duration_seconds: z.number().nullable(),
    result: TaskResult.optional(),
    error: z
      .object({ code: z.string(), message: z.string() })
      .optional()
      .meta({
        description:
          'Set on failed, cancelled and timed_out tasks. Codes: AGENT_ERROR, AGENT_TIMEOUT, CANCELLED, TERMINATED, and for `context.repository` REPOSITORY_NOT_FOUND, BRANCH_NOT_FOUND, REPOSITORY_UNAVAILABLE (the host could not be reached; tried again first), REPOSITORY_LIMIT (over a size, time or commit limit)',
      }),
    tokens_used: Tokens,
    cost_usd: z.number(),
    attempts: z.number().int(),
    queue_position: z.number().int().nullable().meta({ description: "While the task waits for one of its tier's parallel-agent slots: its place in line (1 = next); null otherwise" }),
    capacity_wait_seconds: z.number().meta({ description: 'Time the agent waited for cluster capacity (GPUs) before it started, over all attempts' }),
    workflow_id: z.string(),
  })
  .meta({ id: 'Task' });

const TaskSummary = z.object({
  task_id: z.string(),
  status: z.enum(TASK_STATUSES),
  agent_type: z.string(),
  agent: TaskAgent,
  task: z.string(),
  progress: z.number().int(),
  created_at: IsoDateTime,
  completed_at: IsoDateTime.nullable(),
  result_url: z.string(),
});

export function registerTaskRoutes(routes: ApiRoutes, service: TaskService, limits: TaskRouteLimits): void {
  const tag = 'Agents and tasks';

  routes.add({
    method: 'post',
    path: '/v1/agents/execute',
    operationId: 'executeTask',
    startsWork: true,
    tag,
    summary: 'Run one agent on a task',
    description:
      'Starts an `agentTask` Temporal workflow (workflow ID = task ID). Send `Idempotency-Key` to make a retried request return the same task instead of starting another: the same key and body return the same task; the same key with another body is 409 (`details.reason: "idempotency_key_reused"`); keys are kept 24 hours.',
    scope: Scope.agentsWrite,
    body: executeBody(limits),
    headers: IdempotencyKeyHeader,
    response: {
      status: 202,
      schema: ExecuteAnswer,
      description: 'The task was accepted',
      links: {
        GetTask: { operationId: 'getTask', parameters: { task_id: '$response.body#/task_id' }, description: 'Read the task' },
        CancelTask: { operationId: 'cancelTask', parameters: { task_id: '$response.body#/task_id' }, description: 'Cancel the task' },
        TaskEvents: { operationId: 'getTaskEvents', parameters: { task_id: '$response.body#/task_id' }, description: 'Follow its events (SSE)' },
      },
    },
    errors: ['CONFLICT', 'INSUFFICIENT_CREDITS'],
    handler: async ({ principal, body, headers }) => service.execute(principal, body, headers['Idempotency-Key'] as string | undefined),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/tasks',
    operationId: 'listTasks',
    tag,
    summary: "The caller's tasks, newest first",
    scope: Scope.agentsRead,
    query: z.object({
      status: z.enum(TASK_STATUSES).optional(),
      agent_type: z.string().min(1).max(100).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: pageCursor('task_'),
    }),
    response: {
      schema: z.object({ tasks: z.array(TaskSummary), has_more: z.boolean(), next_cursor: z.string().nullable() }),
      description: 'A page of tasks',
    },
    handler: ({ principal, query }) => service.list(principal, query),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/tasks/{task_id}',
    operationId: 'getTask',
    tag,
    summary: 'A task: status, progress, result or error, usage',
    scope: Scope.agentsRead,
    params: z.object({ task_id: TaskId }),
    response: { schema: TaskView, description: 'The task' },
    errors: ['NOT_FOUND'],
    handler: ({ principal, params }) => service.get(principal, params.task_id),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/tasks/{task_id}/patch',
    operationId: 'getTaskPatch',
    tag,
    summary: 'The diff the agent left in its repository checkout',
    description:
      'For a task with `context.repository` whose agent changed files: every change as one unified diff against the commit it checked out (`result.workspace.base_sha`), which `git apply` takes. 404 when the task has none.',
    scope: Scope.agentsRead,
    params: z.object({ task_id: TaskId }),
    response: { schema: z.string().meta({ description: 'A unified diff (git format, with binary changes)' }), description: 'The patch', contentType: 'text/x-diff' },
    errors: ['NOT_FOUND'],
    handler: ({ principal, params }) => service.patch(principal, params.task_id),
  });

  routes.add({
    method: 'delete',
    path: '/v1/agents/tasks/{task_id}',
    operationId: 'cancelTask',
    tag,
    summary: 'Cancel a queued or running task',
    description:
      'Stops the running agent and answers what happened: 200 `cancelled` once the task is cancelled; 202 `cancelling` when the agent has not stopped within a few seconds (the stream tells when it has); 409 with `details.status` when the task had already ended (a task whose workflow an operator terminated included).',
    scope: Scope.agentsWrite,
    params: z.object({ task_id: TaskId }),
    response: {
      schema: z.object({ success: z.literal(true), task_id: z.string(), status: z.literal('cancelled') }),
      description: 'The task is cancelled',
    },
    otherResponses: [
      {
        status: 202,
        schema: z.object({ success: z.literal(true), task_id: z.string(), status: z.literal('cancelling') }),
        description: 'The cancel is requested; the agent is still stopping (the stream says when the task is cancelled)',
      },
    ],
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: async ({ principal, params, setStatus }) => {
      const answer = await service.cancel(principal, params.task_id);
      setStatus(answer.status);
      // The 202 body is documented in otherResponses.
      return answer.body as { success: true; task_id: string; status: 'cancelled' };
    },
  });
}
