import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { listAgentTypes } from '../../agents/registry';
import type { Config } from '../../config/env';
import type { SearchAttributesOnce } from '../../lib/search-attributes';
import type { Db } from '../../db/connection';
import { FINAL_TASK_STATUSES, type Task, type TaskStatus, type Tier } from '../../db/database';
import { TIER_LIMITS } from '../../lib/tiers';
import * as tasks from '../../db/repositories/task.repository';
import { UsageKind } from '../../db/repositories/usage.repository';
import type { StoredTaskInput } from '../../activities/task.activities';
import { derivedId, newId } from '../../lib/ids';
import { taskQueues } from '../../lib/temporal-connection';
import { pollUntil, startOnce } from '../../lib/workflow-start';
import type { AgentTaskInput } from '../../workflows/agent-task.definitions';
import type { AgentDefaults } from '../../workflows/orchestration.definitions';
import { SearchAttr } from '../../workflows/search-attributes';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';

/** Without history, a guess of how long an agent type takes (seconds). */
const DEFAULT_ESTIMATE_SECONDS = 30;
const CANCEL_WAIT_MS = 15_000;

export interface ExecuteRequest {
  task: string;
  context?: { files?: { path: string; content: string }[]; [k: string]: unknown };
  agent_type?: string;
  max_tokens?: number;
  temperature?: number;
  time_limit_seconds?: number;
}

/** Starting, reading, listing and cancelling agent tasks. */
export class TaskService {
  private readonly knownAgentTypes: Set<string>;
  private readonly estimates = new Map<string, { value: Promise<number>; expiresAt: number }>();

  constructor(
    private readonly deps: { db: Db; temporal: Client; config: Config; searchAttributes: SearchAttributesOnce },
  ) {
    this.knownAgentTypes = new Set(listAgentTypes().map((a) => a.type));
  }

  agentTypes(): string[] {
    return [...this.knownAgentTypes];
  }

  /**
   * Stores the request, then starts the `agentTask` workflow whose ID is the task ID. With an
   * idempotency key the task ID is derived from it, so a repeated request (even a concurrent
   * one) finds the same row and the same workflow, and Temporal starts it once.
   */
  async execute(principal: Principal, body: ExecuteRequest, idempotencyKey?: string) {
    const { db, config } = this.deps;
    const agentType = body.agent_type ?? 'general';
    if (!this.knownAgentTypes.has(agentType)) {
      throw ApiError.invalid('agent_type', `must be one of: ${[...this.knownAgentTypes].join(', ')}`, `Unknown agent_type "${agentType}"`);
    }
    const timeLimitSeconds = body.time_limit_seconds ?? config.TASK_TIME_LIMIT_SECONDS;
    if (timeLimitSeconds > config.TASK_MAX_TIME_LIMIT_SECONDS) {
      throw ApiError.invalid('time_limit_seconds', `must be at most ${config.TASK_MAX_TIME_LIMIT_SECONDS}`);
    }
    const taskId = idempotencyKey ? derivedId('task', principal.userId, idempotencyKey) : newId('task');

    const created = await tasks.insertTaskWithInput(db, {
      id: taskId,
      userId: principal.userId,
      agentType,
      task: body.task,
      fileCount: body.context?.files?.length ?? 0,
      timeLimitSeconds,
      idempotencyKey: idempotencyKey ?? null,
      usageKind: UsageKind.agentRun,
      inputJson: {
        task: body.task,
        agent_type: agentType,
        context: body.context,
        max_tokens: body.max_tokens,
        temperature: body.temperature,
      } satisfies StoredTaskInput,
    });
    const task = created ?? (await tasks.findUserTask(db, principal.userId, taskId));
    if (!task) {
      // The key's derived ID is taken by another user's task: astronomically unlikely.
      throw ApiError.conflict('Idempotency-Key collides with another task; use another key');
    }
    // The estimate reads history only: it need not wait for the start.
    const estimating = this.estimateSeconds(agentType);
    try {
      await this.startWorkflow(task, principal);
    } catch (err) {
      await estimating.catch(() => undefined);
      // Nothing may stay behind from a request that failed: undo what this request created.
      if (created) await tasks.deleteUnstartedTask(db, created);
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
    return toTaskView(task);
  }

  async list(principal: Principal, q: { limit: number; cursor?: string; status?: TaskStatus; agent_type?: string }) {
    const page = await tasks.listUserTasks(this.deps.db, {
      userId: principal.userId,
      limit: q.limit,
      status: q.status,
      agentType: q.agent_type,
      afterTaskId: q.cursor ? decodeCursor(q.cursor) : undefined,
    });
    const last = page.tasks[page.tasks.length - 1];
    return {
      tasks: page.tasks.map(toTaskSummary),
      has_more: page.hasMore,
      next_cursor: page.hasMore && last ? encodeCursor(last) : null,
    };
  }

  /**
   * Cancels a queued or running task: the workflow stops the agent and records `cancelled`.
   * Waits (briefly) for that, so the answer tells the truth; a finished task is left as it was.
   */
  async cancel(principal: Principal, taskId: string) {
    const { db, temporal } = this.deps;
    const task = await tasks.findUserTask(db, principal.userId, taskId);
    if (!task) throw ApiError.notFound('Task');
    if (FINAL_TASK_STATUSES.includes(task.status)) {
      throw ApiError.conflict(`Task already ${task.status}`, { status: task.status });
    }
    const handle = temporal.workflow.getHandle(task.id);
    try {
      await handle.cancel();
    } catch (err) {
      if (!(err instanceof WorkflowNotFoundError)) throw err;
      await tasks.cancelOrphanTask(db, task.id);
    }
    const final = await this.waitForFinal(task.id);
    if (final && final.status !== 'cancelled') {
      throw ApiError.conflict(`Task already ${final.status}`, { status: final.status });
    }
    return { success: true as const, task_id: task.id, status: 'cancelled' as const };
  }

  private async waitForFinal(taskId: string): Promise<Task | undefined> {
    return pollUntil(async () => {
      const row = await this.deps.db.selectFrom('tasks').selectAll().where('id', '=', taskId).executeTakeFirst();
      return row && FINAL_TASK_STATUSES.includes(row.status) ? row : undefined;
    }, CANCEL_WAIT_MS);
  }

  private async startWorkflow(task: Task, principal: Principal): Promise<void> {
    const { temporal, config } = this.deps;
    // Workflows can't start with search attributes the namespace lacks.
    await this.deps.searchAttributes.ensure();
    const queues = taskQueues(config);
    const input: AgentTaskInput = {
      ...agentDefaults(config, principal.tier, task.time_limit_seconds),
      taskId: task.id,
      userId: task.user_id,
      tier: principal.tier,
      agentType: task.agent_type,
      inputBlobId: task.input_blob_id,
    };
    await startOnce(temporal, 'agentTask', {
      workflowId: task.id,
      taskQueue: queues.general,
      args: [input],
      typedSearchAttributes: [
        { key: SearchAttr.userId, value: task.user_id },
        { key: SearchAttr.tier, value: principal.tier },
        { key: SearchAttr.agentType, value: task.agent_type },
        { key: SearchAttr.status, value: 'queued' },
      ],
      memo: { task: task.task.slice(0, 500), files: task.file_count, agent_type: task.agent_type, user_id: task.user_id },
      staticSummary: `${task.agent_type}: ${task.task.slice(0, 120)}`,
    });
  }

  /**
   * The median of the agent type's recent runs, read at most once per
   * TASK_ESTIMATE_CACHE_SECONDS by this process (concurrent requests share one read).
   */
  private estimateSeconds(agentType: string): Promise<number> {
    const ttlMs = this.deps.config.TASK_ESTIMATE_CACHE_SECONDS * 1000;
    const cached = this.estimates.get(agentType);
    if (cached && Date.now() < cached.expiresAt) return cached.value;
    const value = tasks.medianDurationSeconds(this.deps.db, agentType).then((median) =>
      median === null ? DEFAULT_ESTIMATE_SECONDS : Math.max(1, Math.round(median)),
    );
    if (ttlMs > 0) {
      this.estimates.set(agentType, { value, expiresAt: Date.now() + ttlMs });
      // A failed read is not kept: the next request tries again.
      value.catch(() => this.estimates.get(agentType)?.value === value && this.estimates.delete(agentType));
    }
    return value;
  }
}

/** How every agent of a user runs, from the server's settings and the user's tier. */
export function agentDefaults(config: Config, tier: string, timeLimitSeconds = config.TASK_TIME_LIMIT_SECONDS): AgentDefaults {
  return {
    timeLimitSeconds,
    maxAttempts: config.AGENT_MAX_ATTEMPTS,
    heartbeatTimeoutSeconds: config.AGENT_HEARTBEAT_TIMEOUT_SECONDS,
    agentTaskQueue: taskQueues(config).agents,
    parallelAgentsLimit: TIER_LIMITS[tier as Tier]?.parallelAgents ?? null,
  };
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
    progress: task.progress,
    created_at: task.created_at.toISOString(),
    started_at: task.started_at?.toISOString() ?? null,
    completed_at: task.completed_at?.toISOString() ?? null,
    duration_seconds: seconds(task.started_at, task.completed_at),
    ...(task.result !== null && task.result !== undefined ? { result: task.result } : {}),
    ...(failed ? { error: { code: task.error_code ?? 'AGENT_ERROR', message: task.error_message ?? task.status } } : {}),
    tokens_used: { prompt, completion, total: prompt + completion },
    cost_usd: Number(task.cost_usd),
    attempts: task.attempts,
    queue_position: task.queue_position,
    capacity_wait_seconds: task.capacity_wait_ms / 1000,
    workflow_id: task.id,
  };
}

function toTaskSummary(task: Task) {
  return {
    task_id: task.id,
    status: task.status,
    agent_type: task.agent_type,
    task: task.task.length > 200 ? `${task.task.slice(0, 200)}…` : task.task,
    progress: task.progress,
    created_at: task.created_at.toISOString(),
    completed_at: task.completed_at?.toISOString() ?? null,
    result_url: `/v1/agents/tasks/${task.id}`,
  };
}

/** Opaque to clients: the last task of the page. */
function encodeCursor(task: Task): string {
  return Buffer.from(task.id).toString('base64url');
}

function decodeCursor(cursor: string): string {
  const id = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!/^task_[0-9A-Z]{16}$/.test(id)) throw ApiError.invalid('cursor', 'is not a cursor this API returned');
  return id;
}

