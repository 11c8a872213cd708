import { ApplicationFailure, CancelledFailure, Context } from '@temporalio/activity';
import { agentTypeLabel, type WorkerMetrics } from '../lib/metrics';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { sql, type Transaction } from 'kysely';
import type { AgentSpecInput, TokenUsage } from '../agents/protocol';
import type { AgentSnapshot } from '../lib/custom-agents';
import { retryTransient, type Db } from '../db/connection';
import type { Database, TaskStatus } from '../db/database';
import { getBlob, getJsonBlob, putBlob, putJsonBlob } from '../db/repositories/blob.repository';
import { BranchNotFoundError, RepositoryLimitError, RepositoryNotFoundError, RepositoryUnavailableError, type RepositoryCache } from '../repositories/repository-cache';
import { RepositoryUrlError } from '../repositories/url-policy';
import { VisualizationFailureType } from '../workflows/visualization.definitions';
import { appendEvents, appendEventsInTransaction, type AppendEventInput } from '../db/repositories/stream-event.repository';
import { AgentLaunchError, type AgentExecutor, type AgentLaunch } from '../executors/agent-executor';
import type { Logger } from '../lib/logger';
import { storableJson, storableText } from '../lib/storable-text';
import { agentSlotsWorkflowId, releaseSlotSignal } from '../workflows/agent-slots.definitions';
import { clip, MAX_MESSAGE_CHARS, MAX_SUMMARY_CHARS } from '../workflows/payload-bounds';
import { RunOwnership, writableBy } from './projection';

export interface TaskActivityDeps {
  db: Db;
  executor: AgentExecutor;
  logger: Logger;
  /** For asking Temporal which run of a workflow is current (see activities/projection.ts). */
  client: Client;
  /** How long a cancelled agent may take to flush a partial result. Default 10 s. */
  cancelGraceMs?: number;
  /** The largest result sent whole on a stream (AGENT_RESULT_MAX_BYTES). Default 256 KiB. */
  streamResultMaxBytes?: number;
  /** The clone cache that repository checkouts come from (tasks with `context.repository`). */
  repositories?: RepositoryCache;
  /** A patch larger than this is linked from the result, not put in it (bytes). Default 64 KiB. */
  patchInlineMaxBytes?: number;
  /** Prometheus metrics of tasks (started, finished, durations, waits, usage). */
  metrics?: WorkerMetrics;
}

export interface RunAgentInput {
  taskId: string;
  orchestrationId?: string;
  userId: string;
  agentType: string;
  inputBlobId: string;
  timeLimitSeconds: number;
  maxAttempts: number;
}

export interface RunAgentOutput {
  resultBlobId: string;
  tokens: TokenUsage;
  costUsd: number;
  summary: string;
}

export interface FinishTaskInput {
  taskId: string;
  orchestrationId?: string;
  status: Exclude<TaskStatus, 'queued' | 'running'>;
  resultBlobId?: string;
  error?: { code: string; message: string };
  tokens?: TokenUsage;
  costUsd?: number;
  /** The user whose parallel-agent slot the task holds: given back once the end is recorded. */
  releaseSlotOf?: string;
}

/** What runAgent records in each heartbeat: a retry resumes from it. */
interface RunHeartbeat {
  progress: number;
  /** The launched agent's run name; absent before the launch (during the checkout). */
  runName?: string;
}

/** The request stored at execute time (the input blob). */
export interface StoredTaskInput {
  task: string;
  /** A built-in agent type, or the custom agent's ID. */
  agent_type: string;
  context?: AgentSpecInput['context'];
  max_tokens?: number;
  temperature?: number;
  /** The custom agent's version the task runs, copied when the task was made. */
  agent?: AgentSnapshot;
  /**
   * For an agent that continues another's work on a repository (a sequential orchestration):
   * the commit that agent checked out, and its patch, which this one starts from.
   */
  workspace_base?: { base_sha: string; patch_blob_id?: string; from_task_id: string };
}

/** Failure types the workflow and retry policies know. */
export const TaskFailureType = {
  /** The agent reported an error that retrying will not fix. */
  agentError: 'AgentError',
  /** The agent died without a final line: retried. */
  agentCrashed: 'AgentCrashed',
  /** The worker shut down under a run that outlives it: the retry adopts the run. */
  workerShutdown: 'WorkerShutdown',
  /** The agent could not be launched and never will be (bad image, invalid spec). */
  launchFailed: 'AgentLaunchFailed',
  /** The agent wrote a line that breaks the protocol (agents/protocol.ts): the same program would again. */
  protocolError: 'AgentProtocolError',
} as const;

/** The default largest patch kept inside a result (bytes); a larger one is only linked. */
export const PATCH_INLINE_MAX_BYTES = 64 * 1024;

const now = () => new Date().toISOString();

/**
 * Longest gap between a running agent's heartbeats. Cancellation reaches an activity only in
 * the answer to a heartbeat, so this bounds how long a cancelled agent keeps running.
 */
export const HEARTBEAT_EVERY_MS = 2_000;
/** How long a running agent's writes outlast an unreachable database before the attempt fails. */
const DB_OUTAGE_BUDGET_MS = 30_000;

/**
 * A task event for its own stream and, for an agent of an orchestration, for the
 * orchestration's stream too (where it is never the last event).
 */
function taskEvent(
  task: { taskId: string; orchestrationId?: string },
  type: string,
  body: Record<string, unknown>,
  dedupeKey: string,
  final = false,
): AppendEventInput[] {
  const payload = { type, task_id: task.taskId, ...(task.orchestrationId ? { orchestration_id: task.orchestrationId } : {}), ...body, timestamp: now() };
  const own: AppendEventInput = { streamId: task.taskId, type, payload, dedupeKey, final };
  if (!task.orchestrationId) return [own];
  return [own, { streamId: task.orchestrationId, type, payload, dedupeKey: `${task.taskId}:${dedupeKey}` }];
}

/**
 * The run of the workflow whose activity is executing (its writes are checked against the row's
 * owner). Throws for an activity started outside a workflow, which these never are.
 */
export function activityRunId(): string {
  const execution = Context.current().info.workflowExecution;
  if (!execution) throw ApplicationFailure.create({ type: 'NoWorkflow', message: 'this activity runs only within a workflow', nonRetryable: true });
  return execution.runId;
}

/** AGENT_RESULT_MAX_BYTES's default (config/env.ts). */
const DEFAULT_STREAM_RESULT_MAX_BYTES = 256 * 1024;

/**
 * The result as a stream carries it: whole up to `maxBytes` of JSON; past that, its summary and
 * where to read the whole (the task), so no message outgrows a slow client's buffer.
 */
export function streamableResult(taskId: string, result: unknown, maxBytes: number): unknown {
  const bytes = Buffer.byteLength(JSON.stringify(result ?? null));
  if (bytes <= maxBytes) return result;
  const summary = typeof (result as { summary?: unknown } | null)?.summary === 'string' ? (result as { summary: string }).summary : '';
  return { summary: clip(summary, MAX_SUMMARY_CHARS), truncated: true, result_bytes: bytes, result_url: `/v1/agents/tasks/${taskId}` };
}

/**
 * Records a task's final status, result and usage with its stream's last event, as workflow run
 * `runId` (a newer run wins, an older one never overwrites: see activities/projection.ts). Shared
 * by the workflow's `finishTask` and the reconciler, which records closes no activity recorded.
 */
export async function recordTaskFinal(
  db: Db,
  ownership: RunOwnership,
  input: FinishTaskInput & { runId: string },
  /** The largest result sent whole on the stream (AGENT_RESULT_MAX_BYTES). */
  streamResultMaxBytes = DEFAULT_STREAM_RESULT_MAX_BYTES,
  /** Told once, by the write that ended the task, of the row as it ended (the task metrics). */
  onEnded?: (task: EndedTask) => void,
): Promise<'written' | 'already' | 'stale'> {
  let ended: EndedTask | undefined;
  const error = input.error && { code: input.error.code, message: clip(storableText(input.error.message), MAX_MESSAGE_CHARS) };
  return ownership.write('task', input.taskId, input.runId, () =>
    db.transaction().execute(async (trx) => {
      const updated = await trx
        .updateTable('tasks')
        .set({
          status: input.status,
          ...(input.resultBlobId ? { result: sql`(select convert_from(data, 'UTF8')::jsonb from blobs where id = ${input.resultBlobId})` } : {}),
          ...(input.status === 'completed' ? { progress: 100 } : {}),
          error_code: error?.code ?? null,
          error_message: error?.message ?? null,
          ...(input.tokens ? { tokens_prompt: input.tokens.prompt, tokens_completion: input.tokens.completion } : {}),
          ...(input.costUsd !== undefined ? { cost_usd: input.costUsd } : {}),
          completed_at: new Date(),
          queue_position: null,
          line_ticket: null,
          workflow_run_id: input.runId,
          updated_at: new Date(),
        })
        .where('id', '=', input.taskId)
        .where('status', 'in', ['queued', 'running'])
        .where(writableBy(input.runId))
        .returning(['id', 'result', 'status', 'agent_type', 'agent_base_type', 'started_at', 'completed_at', 'attempts', 'capacity_wait_ms', 'tokens_prompt', 'tokens_completion', 'cost_usd'])
        .executeTakeFirst();
      if (!updated) return false;
      ended = {
        agentType: updated.agent_base_type ?? updated.agent_type,
        status: updated.status,
        startedAt: updated.started_at,
        completedAt: updated.completed_at ?? new Date(),
        attempts: updated.attempts,
        capacityWaitMs: updated.capacity_wait_ms,
        tokensPrompt: updated.tokens_prompt,
        tokensCompletion: updated.tokens_completion,
        costUsd: Number(updated.cost_usd),
      };
      const events =
        input.status === 'completed'
          ? taskEvent(input, 'result', { status: input.status, result: streamableResult(input.taskId, updated.result, streamResultMaxBytes) }, `${input.runId}:final`, true)
          : taskEvent(input, 'error', { status: input.status, error: error ?? { code: 'AGENT_ERROR', message: input.status } }, `${input.runId}:final`, true);
      await appendEventsInTransaction(trx, events);
      return true;
    }),
  ).then((outcome) => {
    if (outcome === 'written' && ended) onEnded?.(ended);
    return outcome;
  });
}

/** A task as the write that ended it left it: what the task metrics record. */
export type EndedTask = Parameters<WorkerMetrics['taskFinished']>[0];

/**
 * Activities of the `agentTask` workflow. Every one is idempotent: a retry or a replayed
 * workflow writes the same rows and events again without harm (dedupe keys, guarded updates).
 * Every write names the workflow run: only the run that owns the task row writes to it.
 */
export function createTaskActivities(deps: TaskActivityDeps) {
  const { db, executor } = deps;
  const cancelGraceMs = deps.cancelGraceMs ?? 10_000;
  const patchInlineMax = deps.patchInlineMaxBytes ?? PATCH_INLINE_MAX_BYTES;
  const ownership = new RunOwnership({ db, client: deps.client, logger: deps.logger });

  return {
    /** Marks the task running (first call wins) and announces it on the stream. */
    async startTask(input: { taskId: string; agentType: string; orchestrationId?: string }): Promise<{ startedAt: string }> {
      const runId = activityRunId();
      let startedAt: Date | null = null;
      let firstStart: { waited: boolean; created_at: Date; agent_type: string; agent_base_type: string | null; tier: string } | undefined;
      await ownership.write('task', input.taskId, runId, () =>
        db.transaction().execute(async (trx) => {
          // One statement: the row as it was (`before`: a first start counts, a wait in line is
          // timed, for the metrics) and the row as this start leaves it.
          const before = trx
            .selectFrom('tasks as b')
            .innerJoin('users', 'users.id', 'b.user_id')
            .select(['b.id', 'b.started_at', 'b.line_ticket', 'users.tier'])
            .where('b.id', '=', input.taskId)
            .forUpdate('b')
            .as('before');
          const row = await trx
            .updateTable('tasks')
            .from(before)
            .set({ status: 'running', started_at: sql`coalesce(tasks.started_at, now())`, queue_position: null, line_ticket: null, workflow_run_id: runId, updated_at: new Date() })
            .whereRef('tasks.id', '=', 'before.id')
            .where('tasks.status', 'in', ['queued', 'running'])
            .where(writableBy(runId, 'tasks'))
            .returning(['tasks.started_at', 'tasks.created_at', 'tasks.agent_type', 'tasks.agent_base_type', 'before.started_at as was_started_at', 'before.line_ticket as was_in_line', 'before.tier'])
            .executeTakeFirst();
          if (!row) return false;
          startedAt = row.started_at;
          if (!row.was_started_at) firstStart = { waited: row.was_in_line !== null, created_at: row.created_at, agent_type: row.agent_type, agent_base_type: row.agent_base_type, tier: row.tier };
          await appendEventsInTransaction(trx, taskEvent(input, 'progress', { progress: 0, message: `Agent ${input.agentType} started` }, `${runId}:started`));
          return true;
        }),
      );
      if (firstStart && startedAt) {
        deps.metrics?.tasksStarted.inc({ agent_type: agentTypeLabel(firstStart.agent_base_type ?? firstStart.agent_type) });
        // A task that waited in its user's line: from its creation to its slot.
        if (firstStart.waited) deps.metrics?.slotWait.observe({ tier: firstStart.tier }, Math.max(0, ((startedAt as Date).getTime() - firstStart.created_at.getTime()) / 1000));
      }
      return { startedAt: (startedAt ?? new Date()).toISOString() };
    },

    /**
     * Launches the agent and relays its protocol lines: each progress line is a heartbeat and a
     * task event; the result is stored as a blob and only its ID returns to the workflow.
     */
    async runAgent(input: RunAgentInput): Promise<RunAgentOutput> {
      const ctx = Context.current();
      const { attempt, activityId } = ctx.info;
      const workflowId = ctx.info.workflowExecution?.workflowId ?? input.taskId;
      const runId = activityRunId();
      const log = deps.logger.child({ task_id: input.taskId, workflow_id: workflowId, attempt });
      // A database restart or failover around the agent's run must not cost the run: these
      // writes are idempotent, so they are tried again (heartbeats go on meanwhile).
      const outlastDbOutage = <T>(write: () => Promise<T>) =>
        retryTransient(write, {
          budgetMs: DB_OUTAGE_BUDGET_MS,
          onRetry: (err, n) => log.warn({ err, retry: n }, 'database unreachable while the agent runs; trying again'),
        });

      await outlastDbOutage(() => db.updateTable('tasks').set({ attempts: attempt, updated_at: new Date() }).where('id', '=', input.taskId).where(writableBy(runId)).execute());
      const previous = ctx.info.heartbeatDetails as RunHeartbeat | undefined;
      let progress = previous?.progress ?? 0;
      if (attempt > 1) {
        const retrying = taskEvent(input, 'progress', { progress, message: `Retrying the agent: attempt ${attempt} of ${input.maxAttempts}`, attempt }, `${runId}:attempt:${attempt}`);
        await outlastDbOutage(() => appendEvents(db, retrying));
      }

      const stored = await outlastDbOutage(() => getJsonBlob<StoredTaskInput>(db, input.inputBlobId));
      const agent = stored.agent;
      // Cancellation reaches an activity only in the answer to a heartbeat: beat while the
      // repository is fetched, so a task cancelled then stops before its agent starts.
      const beatWhile = async <T>(work: () => Promise<T>): Promise<T> => {
        const beat = () => ctx.heartbeat({ progress, ...(previous?.runName ? { runName: previous.runName } : {}) } satisfies RunHeartbeat);
        beat();
        const ticker = setInterval(beat, heartbeatEveryMs(ctx.info.heartbeatTimeoutMs));
        try {
          return await work();
        } catch (err) {
          if (ctx.cancellationSignal.aborted) throw new CancelledFailure('cancelled while the repository was checked out');
          throw err;
        } finally {
          clearInterval(ticker);
        }
      };
      const workspace = stored.context?.repository ? await beatWhile(() => checkoutFor(stored, deps.repositories, db, ctx.cancellationSignal)) : undefined;
      if (ctx.cancellationSignal.aborted) throw new CancelledFailure('cancelled before the agent started');
      if (workspace) {
        const checkedOut = taskEvent(input, 'progress', { progress, message: `Checked out ${workspace.url} at ${workspace.sha.slice(0, 12)}` }, `${runId}:checkout:${attempt}`);
        await outlastDbOutage(() => appendEvents(db, checkedOut));
      }
      // A custom agent runs as the type it builds on, with its own settings; the request's win.
      const agentType = agent?.type ?? input.agentType;
      let run;
      try {
        run = await executor.launch({
          // The run ID's random tail tells a reset run's launches from the first run's (activity IDs restart at 1).
          runName: `${workflowId}-${runId.slice(-12)}-${activityId}-${attempt}`,
          taskId: input.taskId,
          userId: input.userId,
          agentType,
          attempt,
          timeLimitSeconds: input.timeLimitSeconds,
          adoptRunName: previous?.runName,
          ...(agent ? { customAgent: { id: agent.id, version: agent.version, image: agent.image, resources: agent.resources } } : {}),
          ...(workspace ? { workspace } : {}),
          spec: {
            task_id: input.taskId,
            agent_type: agentType,
            task: stored.task,
            context: stored.context,
            max_tokens: stored.max_tokens ?? agent?.max_tokens ?? undefined,
            temperature: stored.temperature ?? agent?.temperature ?? undefined,
            time_limit_seconds: input.timeLimitSeconds,
            ...(agent?.model ? { model: agent.model } : {}),
            ...(agent?.instructions ? { instructions: agent.instructions } : {}),
            ...(agent ? { agent_name: agent.name } : {}),
          },
        });
      } catch (err) {
        if (err instanceof AgentLaunchError && !err.retryable) {
          throw ApplicationFailure.create({ type: TaskFailureType.launchFailed, message: clip(err.message, MAX_MESSAGE_CHARS), nonRetryable: true });
        }
        throw err;
      }

      // Heartbeat on a timer as well as on every line: a quiet agent must not look dead, and
      // cancellation only reaches an activity through its heartbeats.
      const heartbeat = () => ctx.heartbeat({ progress, runName: run.runName } satisfies RunHeartbeat);
      const ticker = setInterval(heartbeat, heartbeatEveryMs(ctx.info.heartbeatTimeoutMs));
      // A worker shutting down cancels its activities with WORKER_SHUTDOWN. A run that outlives
      // the worker is left running for the next attempt to adopt; any other run is stopped.
      let detached = false;
      const onCancel = () => {
        const reason = ctx.cancellationSignal.reason as { message?: string } | undefined;
        if (reason?.message === 'WORKER_SHUTDOWN' && run.detach) {
          log.info('worker shutting down: leaving the agent running for the next attempt');
          detached = true;
          run.detach();
          return;
        }
        log.info('cancellation requested: stopping the agent');
        void run.stop(cancelGraceMs);
      };
      ctx.cancellationSignal.addEventListener('abort', onCancel);
      let lineNo = 0;
      try {
        for await (const line of run.lines) {
          if (line.type === 'notice') {
            heartbeat();
            await outlastDbOutage(() => db.transaction().execute(async (trx) => {
              if (!(await ownsTask(trx, input.taskId, runId))) return;
              const written = await appendEventsInTransaction(trx, [
                {
                  streamId: input.taskId,
                  type: 'progress',
                  dedupeKey: `${run.runName}:${line.key}`,
                  payload: { type: 'progress', task_id: input.taskId, progress, message: clip(storableText(line.message), MAX_MESSAGE_CHARS), timestamp: now() },
                },
              ]);
              // Counted with its event, so a notice re-read by an adopting worker counts once.
              if (line.capacityWaitMs && written.length > 0) {
                await trx
                  .updateTable('tasks')
                  .set((eb) => ({ capacity_wait_ms: eb('capacity_wait_ms', '+', line.capacityWaitMs ?? 0), updated_at: new Date() }))
                  .where('id', '=', input.taskId)
                  .execute();
              }
            }));
            continue;
          }
          lineNo += 1;
          if (line.type === 'progress') {
            progress = Math.max(progress, line.progress);
            heartbeat();
            const progressNow = progress;
            const key = `${run.runName}:l${lineNo}`;
            await outlastDbOutage(() =>
              db.transaction().execute(async (trx) => {
                const owned = await trx.updateTable('tasks').set({ progress: progressNow, updated_at: new Date() }).where('id', '=', input.taskId).where(writableBy(runId)).executeTakeFirst();
                // A superseded run (reset while its agent ran) no longer writes to the task's stream.
                if (owned.numUpdatedRows === 0n) return;
                // Keyed by run and line: re-reading an adopted run's output writes nothing twice.
                await appendEventsInTransaction(trx, taskEvent(input, 'progress', { progress: progressNow, message: clip(storableText(line.message), MAX_MESSAGE_CHARS) }, key));
              }),
            );
          } else if (line.type === 'protocol_violation') {
            log.warn({ problem: line.problem, line: line.line }, 'the agent broke the protocol: the attempt ends, not retried');
            throw ApplicationFailure.create({
              type: TaskFailureType.protocolError,
              message: clip(storableText(`The agent broke the protocol (agents/protocol.schema.json): ${line.problem}, in the line ${line.line}`), MAX_MESSAGE_CHARS),
              nonRetryable: true,
            });
          } else if (line.type === 'result') {
            // No agent can fail its task by what it prints: text Postgres cannot store is cleaned here.
            let result = storableJson(line.result) as typeof line.result & { patch_url?: string; patch_bytes?: number };
            if (typeof result.patch === 'string') {
              // The whole patch is its own blob (GET …/patch); the result keeps it only when small.
              const patch = Buffer.from(result.patch, 'utf8');
              const patchBlob = await outlastDbOutage(() => putBlob(db, input.userId, patch, 'text/x-diff'));
              await outlastDbOutage(() => db.updateTable('tasks').set({ patch_blob_id: patchBlob.id }).where('id', '=', input.taskId).where(writableBy(runId)).execute());
              const { patch: text, ...rest } = result;
              result = { ...rest, ...(patch.length <= patchInlineMax ? { patch: text } : {}), patch_url: `/v1/agents/tasks/${input.taskId}/patch`, patch_bytes: patch.length };
            }
            // Whose tree this agent started from: the orchestration's figures count the last patch of a chain.
            if (result.workspace && stored.workspace_base) result = { ...result, workspace: { ...result.workspace, continued_from: stored.workspace_base.from_task_id } as typeof result.workspace };
            const blob = await outlastDbOutage(() => putJsonBlob(db, input.userId, result));
            return { resultBlobId: blob.id, tokens: line.tokens_used, costUsd: line.cost_usd, summary: clip(result.summary, MAX_SUMMARY_CHARS) };
          } else if (line.code === 'CANCELLED') {
            // The agent flushed what it had: keep it with the task.
            const partial = JSON.stringify({ ...(storableJson(line.partial_result ?? {}) as object), partial: true });
            await outlastDbOutage(() => db.updateTable('tasks').set({ result: partial, updated_at: new Date() }).where('id', '=', input.taskId).where(writableBy(runId)).execute());
          } else {
            throw ApplicationFailure.create({
              type: TaskFailureType.agentError,
              message: clip(storableText(line.message), MAX_MESSAGE_CHARS),
              nonRetryable: !line.retryable,
              details: [{ code: line.code }],
            });
          }
        }
        const exit = await run.exited;
        if (detached) {
          throw ApplicationFailure.create({ type: TaskFailureType.workerShutdown, message: 'The worker shut down; the next attempt takes over the running agent' });
        }
        if (ctx.cancellationSignal.aborted) throw new CancelledFailure('agent stopped on cancellation');
        if (exit.failure && !exit.failure.retryable) {
          throw ApplicationFailure.create({ type: TaskFailureType.launchFailed, message: clip(exit.failure.message, MAX_MESSAGE_CHARS), nonRetryable: true });
        }
        const how = exit.signal ? `was killed by ${exit.signal}` : `exited with code ${exit.code}`;
        throw ApplicationFailure.create({
          type: TaskFailureType.agentCrashed,
          message: clip(
            exit.failure?.message ?? `The agent ${how} without a result${exit.stderrTail ? `: ${exit.stderrTail.split('\n').slice(-3).join(' | ')}` : ''}`,
            MAX_MESSAGE_CHARS,
          ),
        });
      } finally {
        clearInterval(ticker);
        ctx.cancellationSignal.removeEventListener('abort', onCancel);
        if (!detached) await run.stop(cancelGraceMs);
      }
    },

    /**
     * Shows a waiting task's place in the user's line for a parallel-agent slot (on entering the
     * line, and when it is next). `ticket` orders the line: the API counts the waiting tasks
     * ahead of this one for a live `queue_position`.
     */
    async recordQueuePosition(input: { taskId: string; orchestrationId?: string; position: number; limit: number; ticket?: number }): Promise<void> {
      const runId = activityRunId();
      await ownership.write('task', input.taskId, runId, () =>
        db.transaction().execute(async (trx) => {
          const row = await trx
            .updateTable('tasks')
            .set({ queue_position: input.position, line_ticket: input.ticket ?? null, workflow_run_id: runId, updated_at: new Date() })
            .where('id', '=', input.taskId)
            .where('status', '=', 'queued')
            .where(writableBy(runId))
            .returning('id')
            .executeTakeFirst();
          if (!row) return false;
          const agents = input.limit === 1 ? '1 agent' : `${input.limit} agents`;
          const message =
            input.position === 1
              ? `Waiting for a free agent slot: next in line (your tier runs ${agents} at a time)`
              : `Waiting for a free agent slot: position ${input.position} in line (your tier runs ${agents} at a time)`;
          await appendEventsInTransaction(
            trx,
            taskEvent(input, 'progress', { progress: 0, status: 'queued', queue_position: input.position, message }, `${runId}:queue:${input.position}`),
          );
          return true;
        }),
      );
    },

    /**
     * Records the final status, result and usage (first call wins) with the stream's last event;
     * then gives the task's slot back to the user's line (`releaseSlotOf`), straight from here so
     * the next agent in line starts one workflow task sooner.
     */
    async finishTask(input: FinishTaskInput): Promise<void> {
      await recordTaskFinal(db, ownership, { ...input, runId: activityRunId() }, deps.streamResultMaxBytes, (ended) => deps.metrics?.taskFinished(ended));
      if (input.releaseSlotOf) {
        await deps.client.workflow
          .getHandle(agentSlotsWorkflowId(input.releaseSlotOf))
          .signal(releaseSlotSignal, { workflowId: input.taskId })
          .catch((err: unknown) => {
            // The line has ended (idle): there is no slot to give back.
            if (!(err instanceof WorkflowNotFoundError)) throw err;
          });
      }
    },
  };
}

/**
 * The checkout of a task with `context.repository`: the branch (default: the repository's
 * default branch) fetched into the clone cache, at its head, or at the commit the agent whose
 * work this one continues checked out, with that agent's patch to apply first.
 * @throws ApplicationFailure of the visualizations' repository failure types (the task's
 *   `error.code` is then theirs: REPOSITORY_NOT_FOUND, BRANCH_NOT_FOUND, …): not retried, but for
 *   RepositoryUnavailable (the host did not answer), retried within the task's attempts.
 */
async function checkoutFor(stored: StoredTaskInput, cache: RepositoryCache | undefined, db: Db, signal: AbortSignal): Promise<NonNullable<AgentLaunch['workspace']>> {
  const url = stored.context!.repository!;
  const branch = stored.context?.branch || undefined;
  if (!cache) throw ApplicationFailure.create({ type: VisualizationFailureType.repositoryUnavailable, message: 'This worker has no repository cache', nonRetryable: true });
  let fetched;
  try {
    fetched = await cache.fetch(url, { ...(branch ? { branch } : {}), signal });
  } catch (err) {
    const message = clip((err as Error).message, MAX_MESSAGE_CHARS);
    const final = (type: string) => ApplicationFailure.create({ type, message, nonRetryable: true });
    if (err instanceof RepositoryUnavailableError) throw ApplicationFailure.create({ type: VisualizationFailureType.repositoryUnavailable, message });
    if (err instanceof RepositoryNotFoundError) throw final(VisualizationFailureType.repositoryNotFound);
    if (err instanceof BranchNotFoundError) throw final(VisualizationFailureType.branchNotFound);
    if (err instanceof RepositoryLimitError) throw final(VisualizationFailureType.repositoryLimit);
    if (err instanceof RepositoryUrlError) throw final(VisualizationFailureType.repositoryUrlRefused);
    throw err;
  }
  const base = stored.workspace_base;
  const basePatch = base?.patch_blob_id ? (await getBlob(db, base.patch_blob_id))?.data.toString('utf8') : undefined;
  return { url: fetched.url, gitDir: fetched.gitDir, sha: base?.base_sha ?? fetched.headSha, allowHttp: fetched.checked.protocol === 'http:', ...(basePatch ? { basePatch } : {}) };
}

/**
 * Milliseconds between timer heartbeats: HEARTBEAT_EVERY_MS, or a third of the activity's
 * heartbeat timeout (default 30 s) when that is shorter, and never under 200 ms.
 */
function heartbeatEveryMs(heartbeatTimeoutMs: number | undefined): number {
  return Math.max(200, Math.min(HEARTBEAT_EVERY_MS, Math.floor((heartbeatTimeoutMs ?? 30_000) / 3)));
}

/** True when `runId` may write the task (it owns the row, or no run does yet). */
async function ownsTask(trx: Transaction<Database>, taskId: string, runId: string): Promise<boolean> {
  const row = await trx.selectFrom('tasks').select('id').where('id', '=', taskId).where(writableBy(runId)).executeTakeFirst();
  return row !== undefined;
}

export type TaskActivities = ReturnType<typeof createTaskActivities>;
