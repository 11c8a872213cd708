import { ApplicationFailure, Context } from '@temporalio/activity';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import type { Database, Task } from '../db/database';
import type { Transaction } from 'kysely';
import { getJsonBlob } from '../db/repositories/blob.repository';
import { appendEvents, appendEventsInTransaction } from '../db/repositories/stream-event.repository';
import { refundAgentRuns } from '../db/repositories/usage.repository';
import { insertTaskWithInput } from '../db/repositories/task.repository';
import { findAgentVersion } from '../db/repositories/agent.repository';
import { parsePinnedAgentRef } from '../lib/custom-agents';
import { patchConflicts } from '../lib/patch-conflicts';
import { derivedId } from '../lib/ids';
import type { WorkerMetrics } from '../lib/metrics';
import type { Logger } from '../lib/logger';
import { storableText } from '../lib/storable-text';
import type { AgentTaskInput } from '../workflows/agent-task.definitions';
import type { AgentDefaults, OrchestrationStatus } from '../workflows/orchestration.definitions';
import { clip, MAX_MESSAGE_CHARS, MAX_SUMMARY_CHARS } from '../workflows/payload-bounds';
import type { AgentOutcome } from '../workflows/strategy-kit';
import { rowMissingFailure, RunOwnership, writableBy } from './projection';
import { activityRunId, type StoredTaskInput } from './task.activities';

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
  /** With a repository checkout: the paths its patch touches, those it changed itself, and where it started. */
  patched_files?: string[];
  modified_files?: string[];
  workspace?: { base_sha?: string; continued_from?: string };
}

const now = () => new Date().toISOString();

/** The aggregated summary's length at most (characters): it travels in the stream's last message. */
const AGGREGATED_SUMMARY_MAX_CHARS = 20_000;

/** A dedupe key stable across retries of one activity call, distinct between calls. */
function callKey(): string {
  const info = Context.current().info;
  return `${info.workflowExecution?.runId ?? ''}:${info.activityId}`;
}

/** What a strategy learns of an agent: small, whatever the agent's result holds (texts clipped). */
function outcomeOf(task: Task): AgentOutcome {
  const result = (task.result ?? {}) as AgentResultShape;
  const findings = Array.isArray(result.findings) ? result.findings : [];
  return {
    taskId: task.id,
    agentType: task.agent_type,
    status: task.status === 'completed' || task.status === 'failed' || task.status === 'cancelled' || task.status === 'timed_out' ? task.status : 'failed',
    summary: typeof result.summary === 'string' ? clip(result.summary, MAX_SUMMARY_CHARS) : null,
    error: task.error_code ? { code: task.error_code, message: clip(task.error_message ?? '', MAX_MESSAGE_CHARS) } : null,
    blockingFindings: findings.filter((f) => f.severity === 'high' || f.severity === 'critical').length,
    score: (typeof result.tests_generated === 'number' ? result.tests_generated : 0) + findings.length,
  };
}

/** Fills a strategy's task text: `{goal}` is the orchestration's goal, `{file}` the one file given. */
export function taskText(template: string | undefined, goal: string, files: { path: string }[] | undefined): string {
  const text = template ?? '{goal}';
  return text.replaceAll('{goal}', goal).replaceAll('{file}', files?.length === 1 ? files[0]!.path : `${files?.length ?? 0} files`);
}

export interface OrchestrationActivityDeps {
  db: Db;
  /** For asking Temporal which run of a workflow is current (see activities/projection.ts). */
  client: Client;
  logger: Logger;
  /** Prometheus metrics of orchestrations (started, finished, durations). */
  metrics?: WorkerMetrics;
}

/**
 * Activities of the `orchestration` workflow and its strategy kit. Idempotent, like all
 * activities here; the orchestration row is written only by the run that owns it.
 */
export function createOrchestrationActivities(deps: OrchestrationActivityDeps) {
  const { db } = deps;
  const ownership = new RunOwnership(deps);

  const event = orchestrationEvent;

  return {
    /** Claims the row for this run and announces the start on the stream. */
    async startOrchestration(input: { orchestrationId: string }): Promise<void> {
      const runId = activityRunId();
      let first: string | undefined;
      await ownership.write('orchestration', input.orchestrationId, runId, () =>
        db.transaction().execute(async (trx) => {
          // One statement: the claim, and whether a run had claimed the row before (a first start
          // counts in the metrics; a retry's or a reset's does not).
          const before = trx.selectFrom('orchestrations as b').select(['b.id', 'b.workflow_run_id']).where('b.id', '=', input.orchestrationId).forUpdate('b').as('before');
          const row = await trx
            .updateTable('orchestrations')
            .from(before)
            .set({ workflow_run_id: runId, updated_at: new Date() })
            .whereRef('orchestrations.id', '=', 'before.id')
            .where('orchestrations.status', 'in', ['in_progress', 'awaiting_approval'])
            .where(writableBy(runId, 'orchestrations'))
            .returning(['orchestrations.strategy', 'orchestrations.agents', 'before.workflow_run_id as claimed_by'])
            .executeTakeFirst();
          if (!row) return false;
          await appendEventsInTransaction(trx, [
            event(input.orchestrationId, 'progress', { progress: 0, message: `Orchestration started: ${row.strategy} over ${row.agents.join(', ')}` }, `${runId}:started`),
          ]);
          if (row.claimed_by === null) first = row.strategy;
          return true;
        }),
      );
      if (first) deps.metrics?.orchestrationsStarted.inc({ strategy: first });
    },

    /**
     * Creates the task row (with its input, event stream and usage) of the orchestration's
     * `step`-th agent. The task ID derives from the orchestration and step, so a retry finds
     * the row the first try made. The task text is `task` with `{goal}` and `{file}` filled in
     * (default: the goal), so neither the goal nor file paths travel through the workflow.
     */
    async createAgentTask(input: {
      orchestrationId: string;
      userId: string;
      tier: string;
      step: number;
      agentType: string;
      /** A template (`{goal}`, `{file}`); workflows started before templates pass the text itself. */
      task?: string;
      contextBlobId: string;
      seeResultsOf: string[];
      /** The context files this agent gets, by path (default: all of them). */
      files?: string[];
      /** The context files this agent gets, by index in the request (default: all of them). */
      fileIndexes?: number[];
      defaults: AgentDefaults;
    }): Promise<AgentTaskInput> {
      const taskId = derivedId('task', input.orchestrationId, `step:${input.step}`);
      const orchestration = await db.selectFrom('orchestrations').select('goal').where('id', '=', input.orchestrationId).executeTakeFirst();
      if (!orchestration) throw rowMissingFailure('orchestration', input.orchestrationId);
      const context = await getJsonBlob<StoredOrchestrationContext>(db, input.contextBlobId);
      const previous = input.seeResultsOf.length
        ? await db.selectFrom('tasks').select(['id', 'agent_type', 'status', 'result', 'patch_blob_id']).where('id', 'in', input.seeResultsOf).execute()
        : [];
      const byId = new Map(previous.map((p) => [p.id, p]));
      const all = context.files ?? [];
      const files = input.fileIndexes
        ? input.fileIndexes.map((i) => all[i]).filter((f): f is { path: string; content: string } => f !== undefined)
        : input.files
          ? all.filter((f) => input.files!.includes(f.path))
          : context.files;
      const task = taskText(input.task, orchestration.goal, files);
      // A custom agent comes pinned to the version it had when the orchestration was requested.
      const pin = parsePinnedAgentRef(input.agentType);
      const agent = pin && (await findAgentVersion(db, pin.id, pin.version));
      if (pin && !agent) throw ApplicationFailure.create({ type: 'AgentVersionMissing', message: `Agent ${input.agentType} is not stored`, nonRetryable: true });
      const agentType = agent ? agent.id : input.agentType;
      // Its own time limit was held to TASK_MAX_TIME_LIMIT_SECONDS when it was saved.
      const timeLimitSeconds = agent?.time_limit_seconds ?? input.defaults.timeLimitSeconds;
      // On a repository, an agent that sees earlier agents' results starts from the tree the
      // latest of them left: the same commit, with its patch applied.
      const continued = context.repository
        ? [...input.seeResultsOf]
            .reverse()
            .map((id) => byId.get(id))
            .find((p) => p?.status === 'completed' && typeof (p.result as AgentResultShape | null)?.workspace?.base_sha === 'string')
        : undefined;
      const spec: StoredTaskInput = {
        task,
        agent_type: agentType,
        ...(agent ? { agent } : {}),
        ...(continued
          ? { workspace_base: { base_sha: (continued.result as AgentResultShape).workspace!.base_sha!, from_task_id: continued.id, ...(continued.patch_blob_id ? { patch_blob_id: continued.patch_blob_id } : {}) } }
          : {}),
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
        agentType,
        task,
        fileCount: files?.length ?? 0,
        timeLimitSeconds,
        ...(agent ? { agent: { id: agent.id, version: agent.version, name: agent.name, type: agent.type } } : {}),
        idempotencyKey: null,
        orchestrationId: input.orchestrationId,
        orchestrationStep: input.step,
        inputJson: spec,
      });
      const inputBlobId =
        created?.input_blob_id ?? (await db.selectFrom('tasks').select('input_blob_id').where('id', '=', taskId).executeTakeFirstOrThrow()).input_blob_id;
      await appendEvents(db, [
        event(input.orchestrationId, 'progress', { message: `Agent ${agent ? `${agent.name} (${agent.id} v${agent.version})` : agentType} queued`, task_id: taskId, step: input.step }, `${activityRunId()}:queued:${taskId}`),
      ]);
      return {
        taskId,
        userId: input.userId,
        tier: input.tier,
        agentType,
        inputBlobId,
        timeLimitSeconds,
        maxAttempts: input.defaults.maxAttempts,
        heartbeatTimeoutSeconds: input.defaults.heartbeatTimeoutSeconds,
        agentTaskQueue: input.defaults.agentTaskQueue,
        parallelAgentsLimit: input.defaults.parallelAgentsLimit,
        orchestrationId: input.orchestrationId,
        taskPreview: clip(task, 120),
      };
    },

    async agentOutcome(input: { taskId: string }): Promise<AgentOutcome> {
      const task = await db.selectFrom('tasks').selectAll().where('id', '=', input.taskId).executeTakeFirst();
      if (!task) throw rowMissingFailure('task', input.taskId);
      return outcomeOf(task);
    },

    /**
     * The paths of the request's context files. Workflows started before `contextFileCount`
     * call this; a list that grows with the request has no place in a payload (it is clipped).
     */
    async contextFiles(input: { contextBlobId: string }): Promise<string[]> {
      const context = await getJsonBlob<StoredOrchestrationContext>(db, input.contextBlobId);
      const paths: string[] = [];
      let size = 0;
      for (const f of context.files ?? []) {
        size += f.path.length + 3;
        if (size > 512 * 1024) break;
        paths.push(f.path);
      }
      return paths;
    },

    /** How many files the request's context holds (strategies address them by index). */
    async contextFileCount(input: { contextBlobId: string }): Promise<number> {
      const context = await getJsonBlob<StoredOrchestrationContext>(db, input.contextBlobId);
      return context.files?.length ?? 0;
    },

    async orchestrationProgress(input: { orchestrationId: string; message: string; progress?: number }): Promise<void> {
      await appendEvents(db, [
        event(input.orchestrationId, 'progress', { message: input.message, ...(input.progress !== undefined ? { progress: input.progress } : {}) }, callKey()),
      ]);
    },

    /**
     * Records a wait for approval (`awaiting`) or its end, with a progress event carrying
     * `message`. `ending`: the answer was not an approval and the workflow records the
     * orchestration's end next, so the status is left as it is (no `in_progress` in between) and
     * the event carries no status.
     */
    async setAwaitingApproval(input: { orchestrationId: string; awaiting: boolean; message: string; ending?: boolean }): Promise<void> {
      const status = input.awaiting ? 'awaiting_approval' : input.ending ? undefined : 'in_progress';
      await db.transaction().execute(async (trx) => {
        if (status) {
          await trx
            .updateTable('orchestrations')
            .set({ status, updated_at: new Date() })
            .where('id', '=', input.orchestrationId)
            .where('status', 'in', ['in_progress', 'awaiting_approval'])
            .execute();
        }
        await appendEventsInTransaction(trx, [event(input.orchestrationId, 'progress', { ...(status ? { status } : {}), message: input.message }, callKey())]);
      });
    },

    /** Aggregates the agents' results into the orchestration row and ends its stream. First call wins. */
    async finishOrchestration(input: FinishOrchestrationInput): Promise<void> {
      await recordOrchestrationFinal(db, ownership, { ...input, runId: activityRunId() }, (ended) => deps.metrics?.orchestrationFinished(ended));
    },
  };
}

/**
 * The orchestration's figures when its agents worked on a repository checkout: files modified
 * are the distinct paths the agents changed themselves, tests generated the test cases they
 * added (each agent counted for its own work, so two agents that wrote the same test count
 * twice, and their patches show as a conflict); the final patches are those no later agent
 * continued from (a sequential chain's last, which holds the whole chain: `builds_on`; each
 * parallel agent's own), and conflicts are the pairs of final patches that cannot both apply.
 * Undefined when no agent worked on a checkout.
 */
async function patchFigures(trx: Transaction<Database>, completed: Task[]) {
  const shape = (t: Task) => (t.result ?? {}) as AgentResultShape;
  const worked = completed.filter((t) => Array.isArray(shape(t).patched_files));
  if (!worked.length) return undefined;
  const patched = worked.filter((t) => t.patch_blob_id);
  const continuedFrom = (t: Task) => shape(t).workspace?.continued_from;
  const continued = new Set(patched.map(continuedFrom).filter((id): id is string => typeof id === 'string'));
  const finals = patched.filter((t) => !continued.has(t.id));
  const byId = new Map(completed.map((t) => [t.id, t]));
  const chainOf = (t: Task): string[] => {
    const chain: string[] = [];
    for (let from = continuedFrom(t); from && !chain.includes(from); from = byId.get(from) && continuedFrom(byId.get(from)!)) chain.unshift(from);
    return chain;
  };
  const texts = await trx
    .selectFrom('blobs')
    .select(['id', 'data'])
    .where('id', 'in', finals.map((t) => t.patch_blob_id!))
    .execute();
  const byBlob = new Map(texts.map((b) => [b.id, b.data.toString('utf8')]));
  return {
    filesModified: new Set(worked.flatMap((t) => shape(t).modified_files ?? [])).size,
    testsGenerated: worked.reduce((n, t) => n + (typeof shape(t).tests_generated === 'number' ? shape(t).tests_generated! : 0), 0),
    patches: finals.map((t) => ({ task_id: t.id, agent_type: t.agent_type, builds_on: chainOf(t), files: shape(t).patched_files ?? [], patch_url: `/v1/agents/tasks/${t.id}/patch` })),
    conflicts: patchConflicts(finals.map((t) => ({ taskId: t.id, patch: byBlob.get(t.patch_blob_id!) ?? '' }))),
  };
}

export interface FinishOrchestrationInput {
  orchestrationId: string;
  status: Exclude<OrchestrationStatus, 'in_progress' | 'awaiting_approval'>;
  resultTaskIds?: string[];
  error?: { code: string; message: string };
  details?: Record<string, unknown>;
}

/**
 * Records an orchestration's end as workflow run `runId`: the aggregated result of its agents,
 * the status, and the stream's last event. Shared by the workflow's `finishOrchestration` and
 * the reconciler. A newer run wins; an older one never overwrites (activities/projection.ts).
 */
export async function recordOrchestrationFinal(
  db: Db,
  ownership: RunOwnership,
  input: FinishOrchestrationInput & { runId: string },
  /** Told once, by the write that ended the orchestration (the orchestration metrics). */
  onEnded?: (ended: { strategy: string; status: string; createdAt: Date; completedAt: Date }) => void,
): Promise<'written' | 'already' | 'stale'> {
  let ended: { strategy: string; status: string; createdAt: Date; completedAt: Date } | undefined;
  const error = input.error && { code: input.error.code, message: clip(storableText(input.error.message), MAX_MESSAGE_CHARS) };
  return ownership.write('orchestration', input.orchestrationId, input.runId, () =>
    db.transaction().execute(async (trx) => {
      const orch = await trx
        .selectFrom('orchestrations')
        .selectAll()
        .where('id', '=', input.orchestrationId)
        .where('status', 'in', ['in_progress', 'awaiting_approval'])
        .where(writableBy(input.runId))
        .forUpdate()
        .executeTakeFirst();
      if (!orch) return false;
      const tasks = await trx.selectFrom('tasks').selectAll().where('orchestration_id', '=', input.orchestrationId).orderBy('orchestration_step').execute();
      const counted = tasks.filter((t) => t.status === 'completed' && (!input.resultTaskIds || input.resultTaskIds.includes(t.id)));
      const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
      const sum = (f: (r: AgentResultShape) => number) => counted.reduce((n, t) => n + f((t.result ?? {}) as AgentResultShape), 0);
      const completedCount = tasks.filter((t) => t.status === 'completed').length;
      const fromPatches = await patchFigures(trx, counted);
      const aggregated = {
        files_modified: fromPatches?.filesModified ?? sum((r) => num(r.files_modified ?? (Array.isArray(r.files) ? r.files.length : 0))),
        tests_generated: fromPatches?.testsGenerated ?? sum((r) => num(r.tests_generated)),
        security_issues: sum((r) => num(r.security_issues)),
        // Each agent's summary, clipped, and the whole bounded: it is sent on the stream.
        summary: clip(
          [
            `${orch.strategy}: ${completedCount} of ${tasks.length} agents completed.`,
            ...counted.map((t) => `${t.agent_type}: ${clip(String(((t.result ?? {}) as AgentResultShape).summary ?? 'done'), MAX_SUMMARY_CHARS)}`),
          ].join(' '),
          AGGREGATED_SUMMARY_MAX_CHARS,
        ),
        ...(fromPatches ? { patches: fromPatches.patches, conflicts: fromPatches.conflicts } : {}),
        ...input.details,
      };
      const completedAt = new Date();
      await trx
        .updateTable('orchestrations')
        .set({
          status: input.status,
          aggregated_result: JSON.stringify(aggregated),
          error_code: error?.code ?? null,
          error_message: error?.message ?? null,
          workflow_run_id: input.runId,
          completed_at: completedAt,
          updated_at: completedAt,
        })
        .where('id', '=', input.orchestrationId)
        .execute();
      // The agent runs reserved when it was asked for, settled to those it started.
      await refundAgentRuns(trx, input.orchestrationId, tasks.length);
      const body =
        input.status === 'completed'
          ? { status: input.status, aggregated_result: aggregated }
          : { status: input.status, aggregated_result: aggregated, error: error ?? { code: 'AGENT_ERROR', message: input.status } };
      await appendEventsInTransaction(trx, [orchestrationEvent(input.orchestrationId, input.status === 'completed' ? 'result' : 'error', body, `${input.runId}:final`, true)]);
      ended = { strategy: orch.strategy, status: input.status, createdAt: orch.created_at, completedAt };
      return true;
    }),
  ).then((outcome) => {
    if (outcome === 'written' && ended) onEnded?.(ended);
    return outcome;
  });
}

function orchestrationEvent(orchestrationId: string, type: string, body: Record<string, unknown>, dedupeKey: string, final = false) {
  return { streamId: orchestrationId, type, payload: { type, orchestration_id: orchestrationId, ...body, timestamp: now() }, dedupeKey, final };
}

export type OrchestrationActivities = ReturnType<typeof createOrchestrationActivities>;
