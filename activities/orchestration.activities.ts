import { Context } from '@temporalio/activity';
import type { Db } from '../db/connection';
import type { Task } from '../db/database';
import { getJsonBlob } from '../db/repositories/blob.repository';
import { appendEvents, appendEventsInTransaction } from '../db/repositories/stream-event.repository';
import { insertTaskWithInput } from '../db/repositories/task.repository';
import { UsageKind } from '../db/repositories/usage.repository';
import { derivedId } from '../lib/ids';
import type { AgentTaskInput } from '../workflows/agent-task.definitions';
import type { AgentDefaults, OrchestrationStatus } from '../workflows/orchestration.definitions';
import type { AgentOutcome } from '../workflows/strategy-kit';
import type { StoredTaskInput } from './task.activities';

/** The request's context as stored at orchestrate time. */
export interface StoredOrchestrationContext {
  files?: { path: string; content: string }[];
  [key: string]: unknown;
}

interface AgentResultShape {
  summary?: string;
  findings?: { severity?: string }[];
  files?: unknown[];
  files_modified?: number;
  tests_generated?: number;
  security_issues?: number;
}

const now = () => new Date().toISOString();

/** A dedupe key stable across retries of one activity call, distinct between calls. */
function callKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.runId ?? ''}:${info.activityId}`;
}

function outcomeOf(task: Task): AgentOutcome {
  const result = (task.result ?? {}) as AgentResultShape;
  const findings = result.findings ?? [];
  return {
    taskId: task.id,
    agentType: task.agent_type,
    status: task.status === 'completed' || task.status === 'failed' || task.status === 'cancelled' || task.status === 'timed_out' ? task.status : 'failed',
    summary: result.summary ?? null,
    error: task.error_code ? { code: task.error_code, message: task.error_message ?? '' } : null,
    blockingFindings: findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length,
    score: (result.tests_generated ?? 0) + findings.length,
  };
}

/** Activities of the `orchestration` workflow and its strategy kit. Idempotent, like all activities here. */
export function createOrchestrationActivities(deps: { db: Db }) {
  const { db } = deps;

  const event = (orchestrationId: string, type: string, body: Record<string, unknown>, dedupeKey: string, final = false) => ({
    streamId: orchestrationId,
    type,
    payload: { type, orchestration_id: orchestrationId, ...body, timestamp: now() },
    dedupeKey,
    final,
  });

  return {
    async startOrchestration(input: { orchestrationId: string }): Promise<void> {
      const row = await db.selectFrom('orchestrations').select(['strategy', 'agents']).where('id', '=', input.orchestrationId).executeTakeFirstOrThrow();
      await appendEvents(db, [
        event(input.orchestrationId, 'progress', { progress: 0, message: `Orchestration started: ${row.strategy} over ${row.agents.join(', ')}` }, 'started'),
      ]);
    },

    /**
     * Creates the task row (with its input, event stream and usage) of the orchestration's
     * `step`-th agent. The task ID derives from the orchestration and step, so a retry finds
     * the row the first try made.
     */
    async createAgentTask(input: {
      orchestrationId: string;
      userId: string;
      tier: string;
      step: number;
      agentType: string;
      task: string;
      contextBlobId: string;
      seeResultsOf: string[];
      files?: string[];
      defaults: AgentDefaults;
    }): Promise<AgentTaskInput> {
      const taskId = derivedId('task', input.orchestrationId, `step:${input.step}`);
      const context = await getJsonBlob<StoredOrchestrationContext>(db, input.contextBlobId);
      const previous = input.seeResultsOf.length
        ? await db.selectFrom('tasks').select(['id', 'agent_type', 'status', 'result']).where('id', 'in', input.seeResultsOf).execute()
        : [];
      const byId = new Map(previous.map((p) => [p.id, p]));
      const files = input.files ? (context.files ?? []).filter((f) => input.files!.includes(f.path)) : context.files;
      const spec: StoredTaskInput = {
        task: input.task,
        agent_type: input.agentType,
        context: {
          ...context,
          files,
          previous_results: input.seeResultsOf.map((id) => {
            const p = byId.get(id);
            return { task_id: id, agent_type: p?.agent_type, status: p?.status, result: p?.result ?? null };
          }),
        },
      };
      // A retry finds the row the first try made (same task ID) and keeps its input.
      const created = await insertTaskWithInput(db, {
        id: taskId,
        userId: input.userId,
        agentType: input.agentType,
        task: input.task,
        fileCount: files?.length ?? 0,
        timeLimitSeconds: input.defaults.timeLimitSeconds,
        idempotencyKey: null,
        orchestrationId: input.orchestrationId,
        orchestrationStep: input.step,
        usageKind: UsageKind.agentRun,
        inputJson: spec,
      });
      const inputBlobId =
        created?.input_blob_id ?? (await db.selectFrom('tasks').select('input_blob_id').where('id', '=', taskId).executeTakeFirstOrThrow()).input_blob_id;
      await appendEvents(db, [
        event(input.orchestrationId, 'progress', { message: `Agent ${input.agentType} queued`, task_id: taskId, step: input.step }, `queued:${taskId}`),
      ]);
      return {
        taskId,
        userId: input.userId,
        tier: input.tier,
        agentType: input.agentType,
        inputBlobId,
        timeLimitSeconds: input.defaults.timeLimitSeconds,
        maxAttempts: input.defaults.maxAttempts,
        heartbeatTimeoutSeconds: input.defaults.heartbeatTimeoutSeconds,
        agentTaskQueue: input.defaults.agentTaskQueue,
        parallelAgentsLimit: input.defaults.parallelAgentsLimit,
        orchestrationId: input.orchestrationId,
      };
    },

    async agentOutcome(input: { taskId: string }): Promise<AgentOutcome> {
      return outcomeOf(await db.selectFrom('tasks').selectAll().where('id', '=', input.taskId).executeTakeFirstOrThrow());
    },

    async contextFiles(input: { contextBlobId: string }): Promise<string[]> {
      const context = await getJsonBlob<StoredOrchestrationContext>(db, input.contextBlobId);
      return (context.files ?? []).map((f) => f.path);
    },

    async orchestrationProgress(input: { orchestrationId: string; message: string; progress?: number }): Promise<void> {
      await appendEvents(db, [
        event(input.orchestrationId, 'progress', { message: input.message, ...(input.progress !== undefined ? { progress: input.progress } : {}) }, callKey()),
      ]);
    },

    async setAwaitingApproval(input: { orchestrationId: string; awaiting: boolean; message: string }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('orchestrations')
          .set({ status: input.awaiting ? 'awaiting_approval' : 'in_progress', updated_at: new Date() })
          .where('id', '=', input.orchestrationId)
          .where('status', 'in', ['in_progress', 'awaiting_approval'])
          .execute();
        await appendEventsInTransaction(trx, [
          event(input.orchestrationId, 'progress', { status: input.awaiting ? 'awaiting_approval' : 'in_progress', message: input.message }, callKey()),
        ]);
      });
    },

    /** Aggregates the agents' results into the orchestration row and ends its stream. First call wins. */
    async finishOrchestration(input: {
      orchestrationId: string;
      status: Exclude<OrchestrationStatus, 'in_progress' | 'awaiting_approval'>;
      resultTaskIds?: string[];
      error?: { code: string; message: string };
      details?: Record<string, unknown>;
    }): Promise<void> {
      await db.transaction().execute(async (trx) => {
        const orch = await trx.selectFrom('orchestrations').selectAll().where('id', '=', input.orchestrationId).forUpdate().executeTakeFirstOrThrow();
        if (orch.status !== 'in_progress' && orch.status !== 'awaiting_approval') return;
        const tasks = await trx.selectFrom('tasks').selectAll().where('orchestration_id', '=', input.orchestrationId).orderBy('orchestration_step').execute();
        const counted = tasks.filter((t) => t.status === 'completed' && (!input.resultTaskIds || input.resultTaskIds.includes(t.id)));
        const sum = (f: (r: AgentResultShape) => number) => counted.reduce((n, t) => n + f((t.result ?? {}) as AgentResultShape), 0);
        const completedCount = tasks.filter((t) => t.status === 'completed').length;
        const aggregated = {
          files_modified: sum((r) => r.files_modified ?? r.files?.length ?? 0),
          tests_generated: sum((r) => r.tests_generated ?? 0),
          security_issues: sum((r) => r.security_issues ?? 0),
          summary: [
            `${orch.strategy}: ${completedCount} of ${tasks.length} agents completed.`,
            ...counted.map((t) => `${t.agent_type}: ${((t.result ?? {}) as AgentResultShape).summary ?? 'done'}`),
          ].join(' '),
          ...input.details,
        };
        const completedAt = new Date();
        await trx
          .updateTable('orchestrations')
          .set({
            status: input.status,
            aggregated_result: JSON.stringify(aggregated),
            error_code: input.error?.code ?? null,
            error_message: input.error?.message ?? null,
            completed_at: completedAt,
            updated_at: completedAt,
          })
          .where('id', '=', input.orchestrationId)
          .execute();
        const body =
          input.status === 'completed'
            ? { status: input.status, aggregated_result: aggregated }
            : { status: input.status, aggregated_result: aggregated, error: input.error ?? { code: 'AGENT_ERROR', message: input.status } };
        await appendEventsInTransaction(trx, [event(input.orchestrationId, input.status === 'completed' ? 'result' : 'error', body, 'final', true)]);
      });
    },
  };
}

export type OrchestrationActivities = ReturnType<typeof createOrchestrationActivities>;
