import path from 'node:path';
import type { Client } from '@temporalio/client';
import { listAgentTypes } from '../../agents/registry';
import type { ProjectionReconciler } from '../../activities/reconcile.activities';
import type { Config } from '../../config/env';
import type { SearchAttributesOnce } from '../../lib/search-attributes';
import type { Db } from '../../db/connection';
import { FINAL_TASK_STATUSES, type Task, type TaskStatus, type Tier } from '../../db/database';
import { TIER_LIMITS } from '../../lib/tiers';
import * as tasks from '../../db/repositories/task.repository';
import { serializeJson } from '../../db/repositories/task.repository';
import { appendEvents } from '../../db/repositories/stream-event.repository';
import type { StoredTaskInput } from '../../activities/task.activities';
import { newId } from '../../lib/ids';
import { workspacePathProblem } from '../../lib/workspace-paths';
import type { AgentResult } from '../../agents/protocol';
import { releaseIdempotencyKeys } from '../../db/repositories/idempotency.repository';
import { claimOrReplay } from '../http/idempotency';
import { pollUntil, runningForCancel } from '../../lib/workflow-start';
import { startAgentTask, type StartableTask } from '../../lib/workflow-starts';
import { ApiError } from '../errors';
import type { Quotas } from '../limits/quotas';
import type { Principal } from '../http/request-context';
import type { AgentSnapshot } from '../../lib/custom-agents';
import type { CustomAgentService } from '../agents/custom-agent.service';
import { getBlob } from '../../db/repositories/blob.repository';
import { RepositoryUrlError, type RepositoryPolicy } from '../../repositories/url-policy';

/** Without history, a guess of how long an agent type takes (seconds). */
const DEFAULT_ESTIMATE_SECONDS = 30;
/**
 * How long a DELETE waits for the cancellation to be done before answering 202 `cancelling`
 * (API.md: "When the agent has not stopped within a few seconds").
 */
export const CANCEL_WAIT_MS = 5_000;

/**
 * A task's repository, held to the rules of repository visualizations (REPOSITORY_ALLOWED_HOSTS,
 * resolved addresses, redirects). @throws ApiError INVALID_REQUEST naming `field`
 */
export async function checkRepository(policy: RepositoryPolicy, url: string, field: string): Promise<void> {
  try {
    await policy.probe(url);
  } catch (err) {
    if (err instanceof RepositoryUrlError) throw new ApiError('INVALID_REQUEST', `Invalid request: ${err.message.replace(/^repository_url/, field)}`, { field, reason: err.reason });
    throw err;
  }
}

/**
 * Checks what an execute or orchestrate request's `context` says about a repository checkout,
 * before anything is stored or charged: `branch` needs `repository`, and with a repository every
 * `files[i].path` must be a file inside the checkout (`workspacePathProblem`).
 * @throws ApiError INVALID_REQUEST naming the field (`context.branch`, `context.files.3.path`).
 */
export function checkWorkspaceContext(context: { files?: unknown; repository?: unknown; branch?: unknown } | undefined): void {
  if (!context) return;
  if (context.branch !== undefined && context.repository === undefined) {
    throw ApiError.invalid('context.branch', 'needs context.repository: a branch of which repository?');
  }
  if (context.repository === undefined || !Array.isArray(context.files)) return;
  const seen = new Map<string, number>();
  context.files.forEach((file: unknown, i) => {
    const rel = (file as { path?: unknown } | null)?.path;
    if (typeof rel !== 'string') return; // the body's schema says what is wrong with it
    const problem = workspacePathProblem(rel);
    if (problem) throw ApiError.invalid(`context.files.${i}.path`, problem);
    const normal = path.posix.normalize(rel.replace(/\\/g, '/'));
    const twice = seen.get(normal);
    if (twice !== undefined) throw ApiError.invalid(`context.files.${i}.path`, `names the same file as context.files.${twice}`);
    seen.set(normal, i);
  });
  // A path that is also a folder of another (`x` and `x/y`) cannot be both in one checkout.
  for (const [rel, i] of seen) {
    for (let cut = rel.lastIndexOf('/'); cut > 0; cut = rel.lastIndexOf('/', cut - 1)) {
      const other = seen.get(rel.slice(0, cut));
      if (other !== undefined) throw ApiError.invalid(`context.files.${i}.path`, `is inside ${rel.slice(0, cut)}, which context.files.${other} makes a file`);
    }
  }
}

/** The type a custom agent's task ran as (kept in its input; the row keeps the ID). */
function customType(task: Task): string {
  return task.agent_base_type ?? task.agent_type;
}

export interface ExecuteRequest {
  task: string;
  context?: { files?: { path: string; content: string }[]; repository?: string; branch?: string; [k: string]: unknown };
  agent_type?: string;
  max_tokens?: number;
  temperature?: number;
  time_limit_seconds?: number;
}

/** What the services that start agents (tasks, orchestrations) work with. */
export interface AgentWorkDeps {
  db: Db;
  temporal: Client;
  config: Config;
  searchAttributes: SearchAttributesOnce;
  reconciler: ProjectionReconciler;
  quotas: Quotas;
  /** Resolves custom agents named as agent types. */
  agents: CustomAgentService;
  /** The repository URL rules (`context.repository`). */
  repositories: RepositoryPolicy;
}

/** Starting, reading, listing and cancelling agent tasks. */
export class TaskService {
  private readonly knownAgentTypes: Set<string>;
  private readonly estimates = new Map<string, { value: Promise<number>; expiresAt: number }>();

  constructor(private readonly deps: AgentWorkDeps) {
    this.knownAgentTypes = new Set(listAgentTypes().map((a) => a.type));
  }

  agentTypes(): string[] {
    return [...this.knownAgentTypes];
  }

  /**
   * Stores the request, then starts the `agentTask` workflow whose ID is the task ID. With an
   * idempotency key the task ID is derived from it, so a repeated request (even a concurrent
   * one) finds the same row and the same workflow, and Temporal starts it once.
   *
   * A custom agent (`agent_type` naming one, or `pinned` from `POST /v1/agents/{id}/execute`)
   * runs at its current version: a copy of it goes into the task's input, so later edits never
   * change the run.
   *
   * @throws ApiError INVALID_REQUEST (400) for an agent type that names nothing the caller may
   *   run; INSUFFICIENT_CREDITS (402) past the month's agent runs or the storage limit (nothing
   *   is stored); CONFLICT (409) for an Idempotency-Key reused with another body.
   */
  async execute(principal: Principal, body: ExecuteRequest, idempotencyKey?: string, pinned?: AgentSnapshot) {
    const { db, config } = this.deps;
    // The route's schema has bounded the time limit; the agent type is resolved here.
    checkWorkspaceContext(body.context);
    if (body.context?.repository !== undefined) await checkRepository(this.deps.repositories, body.context.repository, 'context.repository');
    const requested = body.agent_type ?? 'general';
    const agent = pinned ?? (await this.deps.agents.resolveForRun(principal, requested, 'agent_type'));
    const agentType = agent?.id ?? requested;
    const timeLimitSeconds = body.time_limit_seconds ?? Math.min(agent?.time_limit_seconds ?? config.TASK_TIME_LIMIT_SECONDS, config.TASK_MAX_TIME_LIMIT_SECONDS);
    const taskId = newId('task');
    const inputData = serializeJson({
      task: body.task,
      agent_type: agentType,
      context: body.context,
      max_tokens: body.max_tokens,
      temperature: body.temperature,
      ...(agent ? { agent } : {}),
    } satisfies StoredTaskInput);
    // The quotas' check-and-count is part of the statement that stores the task (one round trip).
    const admission = this.deps.quotas.admission(principal, 1, inputData.length);
    const insert = (into: Db) =>
      tasks.insertTaskWithInput(into, {
        id: taskId,
        userId: principal.userId,
        agentType,
        task: body.task,
        fileCount: body.context?.files?.length ?? 0,
        timeLimitSeconds,
        idempotencyKey: idempotencyKey ?? null,
        inputData,
        admission,
        ...(agent ? { agent: { id: agent.id, version: agent.version, name: agent.name, type: agent.type } } : {}),
      });
    let outcome: { created?: tasks.CreatedTask; existing?: string };
    try {
      outcome = !idempotencyKey
        ? { created: await insert(db) }
        : // The key is claimed with the task, in one transaction: a concurrent request with the
          // same key waits for it, then finds the task.
          await db.transaction().execute(async (trx) => {
            const existing = await claimOrReplay(trx, { userId: principal.userId, scope: 'execute', key: idempotencyKey, body, resourceId: taskId, idField: 'task_id' });
            // A replay is counted once, when it was created.
            return existing ? { existing } : { created: await insert(trx) };
          });
    } catch (err) {
      throw this.deps.quotas.refusal(err, principal, admission) ?? err;
    }
    const created: tasks.CreatedTask | undefined = outcome.created;
    const task = created ?? (outcome.existing ? await tasks.findUserTask(db, principal.userId, outcome.existing) : undefined);
    if (!task) throw new Error(`task ${taskId} was neither created nor found`);
    // The estimate reads history and the user's line only: it need not wait for the start.
    const estimating = this.estimateWithLine(principal, agentType, task.id);
    try {
      await this.startWorkflow(task, principal);
    } catch (err) {
      await estimating.catch(() => undefined);
      // Nothing may stay behind from a request that failed: undo what this request created.
      if (created) {
        await tasks.deleteUnstartedTask(db, created);
        await releaseIdempotencyKeys(db, created.id);
      }
      throw err;
    }
    const estimate = await estimating;
    return {
      task_id: task.id,
      status: task.status,
      estimated_duration_seconds: estimate,
      result_url: `/v1/agents/tasks/${task.id}`,
      websocket_url: `${config.PUBLIC_URL.replace(/^http/, 'ws')}/v1/agents/tasks/${task.id}/stream`,
      events_url: `/v1/agents/tasks/${task.id}/events`,
      workflow_id: task.id,
    };
  }

  async get(principal: Principal, taskId: string) {
    const task = await tasks.findUserTask(this.deps.db, principal.userId, taskId);
    if (!task) throw ApiError.notFound('Task');
    // A waiting task's place moves as the line does: counted now from the tickets of those ahead.
    const position = task.status === 'queued' && task.line_ticket !== null ? await tasks.linePosition(this.deps.db, task) : task.queue_position;
    return { ...toTaskView(task), queue_position: position };
  }

  /** The task's patch as the agent left it (text/x-diff). @throws ApiError NOT_FOUND (no such task, or no patch) */
  async patch(principal: Principal, taskId: string): Promise<string> {
    const task = await tasks.findUserTask(this.deps.db, principal.userId, taskId);
    if (!task) throw ApiError.notFound('Task');
    const blob = task.patch_blob_id ? await getBlob(this.deps.db, task.patch_blob_id) : undefined;
    if (!blob) throw new ApiError('NOT_FOUND', 'This task has no patch: its agent changed no file (yet)');
    return blob.data.toString('utf8');
  }

  async list(principal: Principal, q: { limit: number; cursor?: string; status?: TaskStatus; agent_type?: string }) {
    const page = await tasks.listUserTasks(this.deps.db, {
      userId: principal.userId,
      limit: q.limit,
      status: q.status,
      agentType: q.agent_type,
      afterTaskId: q.cursor,
    });
    const last = page.tasks[page.tasks.length - 1];
    return {
      tasks: page.tasks.map(toTaskSummary),
      has_more: page.hasMore,
      next_cursor: page.hasMore && last ? last.id : null,
    };
  }

  /**
   * Cancels a queued or running task: the workflow stops the agent and records `cancelled`.
   * Answers only what happened (API.md): `cancelled` once the workflow has recorded it, 202
   * `cancelling` when that takes longer than a few seconds (the stream tells when it is done),
   * 409 with the real status when the task ended otherwise. A workflow that closed without its
   * row knowing (terminated in the Temporal UI) is recorded first; a task whose workflow was
   * never started (the API died in between) is started, then cancelled, so nothing can start it later.
   */
  async cancel(principal: Principal, taskId: string): Promise<{ status: 200 | 202; body: { success: true; task_id: string; status: 'cancelled' | 'cancelling' } }> {
    const { db, temporal, config } = this.deps;
    const task = await tasks.findUserTask(db, principal.userId, taskId);
    if (!task) throw ApiError.notFound('Task');
    if (FINAL_TASK_STATUSES.includes(task.status)) {
      throw ApiError.conflict(`Task already ${task.status}`, { status: task.status });
    }
    const handle = temporal.workflow.getHandle(task.id);
    const running = await runningForCancel(handle, () => startAgentTask(temporal, config, task, principal.tier));
    if (!running) {
      await this.deps.reconciler.reconcileWorkflow(task.id);
      const now = await tasks.findUserTask(db, principal.userId, taskId);
      if (now && FINAL_TASK_STATUSES.includes(now.status)) throw ApiError.conflict(`Task already ${now.status}`, { status: now.status });
    }
    await handle.cancel();
    await appendEvents(db, [
      {
        streamId: task.id,
        type: 'progress',
        dedupeKey: 'cancel-requested',
        payload: { type: 'progress', task_id: task.id, status: 'cancelling', progress: task.progress, message: 'Cancellation requested: stopping the agent', timestamp: new Date().toISOString() },
      },
    ]);
    const final = await this.waitForFinal(task.id);
    if (!final) return { status: 202, body: { success: true, task_id: task.id, status: 'cancelling' } };
    if (final.status !== 'cancelled') {
      throw ApiError.conflict(`Task already ${final.status}`, { status: final.status });
    }
    return { status: 200, body: { success: true, task_id: task.id, status: 'cancelled' } };
  }

  private async waitForFinal(taskId: string): Promise<Task | undefined> {
    return pollUntil(async () => {
      const row = await this.deps.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
      return row && FINAL_TASK_STATUSES.includes(row.status) ? row : undefined;
    }, CANCEL_WAIT_MS);
  }

  private async startWorkflow(task: StartableTask, principal: Principal): Promise<void> {
    // Workflows can't start with search attributes the namespace lacks.
    await this.deps.searchAttributes.ensure();
    await startAgentTask(this.deps.temporal, this.deps.config, task, principal.tier);
  }

  /**
   * Seconds until the result: the agent type's median run, plus the wait in the user's line when
   * their tier's parallel-agent slots are taken (the tasks ahead share the slots).
   */
  private async estimateWithLine(principal: Principal, agentType: string, taskId: string): Promise<number> {
    const limit = TIER_LIMITS[principal.tier as Tier]?.parallelAgents ?? null;
    const [run, active] = await Promise.all([this.estimateSeconds(agentType), limit === null ? 0 : tasks.countActiveTasks(this.deps.db, principal.userId, taskId)]);
    if (limit === null || active < limit) return run;
    return run + Math.ceil(((active - limit + 1) * run) / limit);
  }

  /**
   * The median of the agent type's recent runs, read at most once per
   * TASK_ESTIMATE_CACHE_SECONDS by this process (concurrent requests share one read).
   */
  private estimateSeconds(agentType: string): Promise<number> {
    const ttlMs = this.deps.config.TASK_ESTIMATE_CACHE_SECONDS * 1000;
    const cached = this.estimates.get(agentType);
    if (cached && Date.now() < cached.expiresAt) return cached.value;
    // An agent type without history is estimated like the deployment's typical run, then 30 s.
    const value = tasks
      .medianDurationSeconds(this.deps.db, agentType)
      .then((median) => (median === null ? tasks.medianDurationSeconds(this.deps.db, null) : median))
      .then((median) => (median === null ? DEFAULT_ESTIMATE_SECONDS : Math.max(1, Math.round(median))));
    if (ttlMs > 0) {
      this.estimates.set(agentType, { value, expiresAt: Date.now() + ttlMs });
      // A failed read is not kept: the next request tries again.
      value.catch(() => this.estimates.get(agentType)?.value === value && this.estimates.delete(agentType));
    }
    return value;
  }
}

function seconds(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.round((to.getTime() - from.getTime()) / 100) / 10 : null;
}

export function toTaskView(task: Task) {
  const prompt = task.tokens_prompt;
  const completion = task.tokens_completion;
  const failed = task.status === 'failed' || task.status === 'cancelled' || task.status === 'timed_out';
  return {
    task_id: task.id,
    status: task.status,
    agent_type: task.agent_type,
    agent: agentOf(task),
    progress: task.progress,
    created_at: task.created_at.toISOString(),
    started_at: task.started_at?.toISOString() ?? null,
    completed_at: task.completed_at?.toISOString() ?? null,
    duration_seconds: seconds(task.started_at, task.completed_at),
    ...(task.result !== null && task.result !== undefined ? { result: task.result as AgentResult } : {}),
    ...(failed ? { error: { code: task.error_code ?? 'AGENT_ERROR', message: task.error_message ?? task.status } } : {}),
    tokens_used: { prompt, completion, total: prompt + completion },
    cost_usd: Number(task.cost_usd),
    attempts: task.attempts,
    queue_position: task.queue_position,
    capacity_wait_seconds: task.capacity_wait_ms / 1000,
    workflow_id: task.id,
  };
}

/** The custom agent and version a task ran; null for a built-in type. */
function agentOf(task: Task): { id: string; name: string; version: number; type: string } | null {
  return task.agent_id && task.agent_version !== null ? { id: task.agent_id, name: task.agent_name ?? task.agent_id, version: task.agent_version, type: customType(task) } : null;
}

function toTaskSummary(task: Task) {
  return {
    task_id: task.id,
    status: task.status,
    agent_type: task.agent_type,
    agent: agentOf(task),
    task: task.task.length > 200 ? `${task.task.slice(0, 200)}…` : task.task,
    progress: task.progress,
    created_at: task.created_at.toISOString(),
    completed_at: task.completed_at?.toISOString() ?? null,
    result_url: `/v1/agents/tasks/${task.id}`,
  };
}

