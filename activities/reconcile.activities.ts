import { Context } from '@temporalio/activity';
import { WorkflowNotFoundError, type Client, type WorkflowExecutionStatusName } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { sql } from 'kysely';
import type { Config } from '../config/env';
import type { Db } from '../db/connection';
import { FINAL_ORCHESTRATION_STATUSES, FINAL_TASK_STATUSES, type Orchestration, type Task, type TaskStatus } from '../db/database';
import { appendEventsInTransaction } from '../db/repositories/stream-event.repository';
import type { WorkerMetrics } from '../lib/metrics';
import type { Logger } from '../lib/logger';
import { taskQueues } from '../lib/temporal-connection';
import { startAgentTask, startOrchestration, startVisualization } from '../lib/workflow-starts';
import { finishVisualization } from '../db/repositories/visualization.repository';
import type { VisualizationState } from '../workflows/visualization.definitions';
import { agentSlotsWorkflowId, releaseSlotSignal } from '../workflows/agent-slots.definitions';
import type { AgentTaskOutcome } from '../workflows/agent-task.definitions';
import { clip, MAX_MESSAGE_CHARS } from '../workflows/payload-bounds';
import { recordOrchestrationFinal } from './orchestration.activities';
import { RunOwnership } from './projection';
import { recordTaskFinal } from './task.activities';

/**
 * What the reconciler corrects (DESIGN.md "Keeping the projection true"): rows that did not
 * follow their workflow because no activity recorded its end, and rows whose workflow was never
 * started.
 */
export const ProjectionCause = {
  /** Terminated (Temporal UI or CLI): no workflow code ran to record it. */
  closedTerminated: 'closed_terminated',
  /** The workflow's execution timeout passed. */
  closedTimedOut: 'closed_timed_out',
  /** Failed, cancelled or completed without its final record (a bookkeeping step that gave up, a reset run). */
  closedFailed: 'closed_failed',
  closedCanceled: 'closed_canceled',
  closedCompleted: 'closed_completed',
  /** A row whose workflow was never started (the API died between the insert and the start): started now. */
  orphanStarted: 'orphan_started',
  /** An orchestration's agent whose workflow was never started, the orchestration being over. */
  orphanAgentDropped: 'orphan_agent_dropped',
} as const;
export type ProjectionCause = (typeof ProjectionCause)[keyof typeof ProjectionCause];

/** One correction, as logged, stored in `projection_corrections` and reported to the workflow. */
export interface ProjectionCorrection {
  id: string;
  runId: string | null;
  cause: ProjectionCause;
  detail: string;
}

export interface ReconcilePassResult {
  /** Where the next pass starts reading closed workflows (ISO time; passes overlap a little). */
  nextSince: string;
  corrections: number;
  byCause: Partial<Record<ProjectionCause, number>>;
  /** The first few corrections, for the Temporal UI. */
  examples: ProjectionCorrection[];
  /** Closed workflows looked at. */
  scanned: number;
  /** Unstarted rows whose start failed this pass (tried again next pass; the others went on). */
  failed: number;
  /** The first few of them, `<id>: <error>`, for the Temporal UI. */
  failures: string[];
}

export interface ReconcilerDeps {
  db: Db;
  client: Client;
  logger: Logger;
  config: Config;
  /** Tasks the reconciler ends (a terminated workflow) are counted here, like those their workflow ended. */
  metrics?: WorkerMetrics;
}

const TASK_FINAL: readonly string[] = FINAL_TASK_STATUSES;
/** Statuses of a run that has ended for good (a continued-as-new run goes on in the next). */
const CLOSED: readonly WorkflowExecutionStatusName[] = ['COMPLETED', 'FAILED', 'CANCELLED', 'TERMINATED', 'TIMED_OUT'];
const ORCHESTRATION_FINAL: readonly string[] = FINAL_ORCHESTRATION_STATUSES;
/** Rows younger than this may still be on their way to their workflow's start. */
const UNSTARTED_GRACE_SECONDS = 15;
/** Passes read closes from this long before the previous pass began: visibility lags a little. */
const OVERLAP_MS = 30_000;
const BATCH = 200;

type WorkflowKind = 'task' | 'orchestration' | 'visualization';
const kindOf = (id: string): WorkflowKind | undefined =>
  id.startsWith('task_') ? 'task' : id.startsWith('orch_') ? 'orchestration' : id.startsWith('viz_') ? 'visualization' : undefined;

/** How a closed run ended, read from its close event. */
interface CloseFacts {
  statusName: WorkflowExecutionStatusName;
  message: string;
  failureType?: string;
  outcome?: AgentTaskOutcome;
  /** A visualization's final state (its workflow's result). */
  visualization?: VisualizationState;
}

/**
 * Brings rows in line with Temporal: records the ends no activity recorded, starts rows whose
 * start was lost, and reports each correction (logged with the row's ID and cause, stored in
 * `projection_corrections`). Used by the `projectionReconciler` workflow's passes, and by the
 * API for one workflow at a time (a DELETE of a task whose workflow has closed).
 */
export class ProjectionReconciler {
  private readonly ownership: RunOwnership;

  constructor(private readonly deps: ReconcilerDeps) {
    this.ownership = new RunOwnership(deps);
  }

  /**
   * Brings the row of one workflow ID up to date with its current run: a closed run's end is
   * recorded, a running one claims a row no run owns yet. Returns the corrections made.
   */
  async reconcileWorkflow(workflowId: string): Promise<ProjectionCorrection[]> {
    const kind = kindOf(workflowId);
    if (!kind) return [];
    let description;
    try {
      description = await this.deps.client.workflow.getHandle(workflowId).describe();
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return [];
      throw err;
    }
    const status = description.status.name;
    if (status === 'RUNNING' || status === 'PAUSED') {
      if (kind !== 'visualization') await this.claim(kind, workflowId, description.runId);
      return [];
    }
    if (!CLOSED.includes(status)) return [];
    const correction = await this.recordClose(kind, workflowId, description.runId, status);
    return correction ? [correction] : [];
  }

  /**
   * One pass: every agentTask and orchestration workflow of this deployment's queue that closed
   * since `since` (default: `lookbackSeconds` ago) and whose row did not follow, then every row
   * old enough that no run has claimed.
   */
  async pass(since: string | undefined, lookbackSeconds: number, heartbeat: () => void = () => undefined): Promise<ReconcilePassResult> {
    const began = Date.now();
    const from = since ? new Date(since) : new Date(began - lookbackSeconds * 1000);
    const corrections: ProjectionCorrection[] = [];
    const scanned = (await this.closedSince(from, corrections, heartbeat)) + (await this.closedVisualizationsSince(from, corrections, heartbeat));
    const failures: string[] = [];
    await this.unstartedRows(corrections, failures, heartbeat);
    const byCause: Partial<Record<ProjectionCause, number>> = {};
    for (const c of corrections) byCause[c.cause] = (byCause[c.cause] ?? 0) + 1;
    return {
      nextSince: new Date(Math.max(from.getTime(), began - OVERLAP_MS)).toISOString(),
      corrections: corrections.length,
      byCause,
      examples: corrections.slice(0, 10),
      scanned,
      failed: failures.length,
      failures: failures.slice(0, 5),
    };
  }

  private async closedSince(from: Date, out: ProjectionCorrection[], heartbeat: () => void): Promise<number> {
    const queue = taskQueues(this.deps.config).general;
    const query =
      `TaskQueue = '${queue}' AND WorkflowType IN ('agentTask', 'orchestration') AND ExecutionStatus != 'Running' ` +
      `AND ExecutionStatus != 'ContinuedAsNew' AND CloseTime >= '${from.toISOString()}'`;
    let scanned = 0;
    let batch: { workflowId: string; runId: string }[] = [];
    const flush = async () => {
      const ids = [...new Set(batch.map((b) => b.workflowId))];
      const rows = await this.unfollowedRows(ids, batch);
      batch = [];
      for (const id of rows) out.push(...(await this.reconcileWorkflow(id)));
      heartbeat();
    };
    for await (const execution of this.deps.client.workflow.list({ query, pageSize: 500 })) {
      scanned += 1;
      batch.push({ workflowId: execution.workflowId, runId: execution.runId });
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return scanned;
  }

  /** Visualizations (on the analysis queue) that closed since `from` with their row still processing. */
  private async closedVisualizationsSince(from: Date, out: ProjectionCorrection[], heartbeat: () => void): Promise<number> {
    const query =
      `TaskQueue = '${taskQueues(this.deps.config).analysis}' AND WorkflowType = 'visualization' AND ExecutionStatus != 'Running' ` +
      `AND ExecutionStatus != 'ContinuedAsNew' AND CloseTime >= '${from.toISOString()}'`;
    let scanned = 0;
    let batch: string[] = [];
    const flush = async () => {
      const open = batch.length
        ? await this.deps.db.selectFrom('visualizations').select('id').where('id', 'in', batch).where('status', '=', 'processing').execute()
        : [];
      batch = [];
      for (const row of open) out.push(...(await this.reconcileWorkflow(row.id)));
      heartbeat();
    };
    for await (const execution of this.deps.client.workflow.list({ query, pageSize: 500 })) {
      scanned += 1;
      batch.push(execution.workflowId);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return scanned;
  }

  /** Of these closed runs, the workflow IDs whose row is not final for that run. */
  private async unfollowedRows(ids: string[], runs: { workflowId: string; runId: string }[]): Promise<string[]> {
    const taskIds = ids.filter((id) => kindOf(id) === 'task');
    const orchestrationIds = ids.filter((id) => kindOf(id) === 'orchestration');
    const rows = [
      ...(taskIds.length ? await this.deps.db.selectFrom('tasks').select(['id', 'status', 'workflow_run_id']).where('id', 'in', taskIds).execute() : []).map((r) => ({
        ...r,
        final: TASK_FINAL.includes(r.status),
      })),
      ...(orchestrationIds.length
        ? await this.deps.db.selectFrom('orchestrations').select(['id', 'status', 'workflow_run_id']).where('id', 'in', orchestrationIds).execute()
        : []
      ).map((r) => ({ ...r, final: ORCHESTRATION_FINAL.includes(r.status) })),
    ];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const out = new Set<string>();
    for (const run of runs) {
      const row = byId.get(run.workflowId);
      if (!row) continue; // not this database's (or deleted with its user)
      if (!row.final || (row.workflow_run_id !== null && row.workflow_run_id !== run.runId)) out.add(run.workflowId);
    }
    return [...out];
  }

  /**
   * Rows old enough that no run has claimed them: started now (or followed, if a run exists).
   * One row that cannot be started is logged and counted and the pass goes on, so it never keeps
   * the rows behind it waiting.
   */
  private async unstartedRows(out: ProjectionCorrection[], failures: string[], heartbeat: () => void): Promise<void> {
    const { db } = this.deps;
    const before = sql<Date>`now() - make_interval(secs => ${UNSTARTED_GRACE_SECONDS})`;
    const each = async <T extends { id: string }>(rows: T[], correct: (row: T) => Promise<ProjectionCorrection | undefined>) => {
      for (const row of rows) {
        try {
          const correction = await correct(row);
          if (correction) out.push(correction);
        } catch (err) {
          const message = err instanceof Error ? err.message : String(err);
          failures.push(`${row.id}: ${message}`);
          this.deps.logger.warn({ id: row.id, err }, 'reconciler: starting an unstarted row failed; the next pass tries again');
        }
        heartbeat();
      }
    };
    const tasks = await db
      .selectFrom('tasks')
      .selectAll()
      .where('status', '=', 'queued')
      .where('workflow_run_id', 'is', null)
      .where('created_at', '<', before)
      // An orchestration starts its own agents: only once it is over is an unstarted one an orphan.
      .where((eb) =>
        eb.or([
          eb('orchestration_id', 'is', null),
          eb.not(
            eb.exists(
              eb
                .selectFrom('orchestrations as o')
                .select('o.id')
                .whereRef('o.id', '=', 'tasks.orchestration_id')
                .where('o.status', 'not in', [...FINAL_ORCHESTRATION_STATUSES]),
            ),
          ),
        ]),
      )
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    await each(tasks, (task) => this.unclaimedTask(task));
    const orchestrations = await db
      .selectFrom('orchestrations')
      .selectAll()
      .where('status', '=', 'in_progress')
      .where('workflow_run_id', 'is', null)
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    await each(orchestrations, (orchestration) => this.unclaimedOrchestration(orchestration));
    const visualizations = await db
      .selectFrom('visualizations')
      .selectAll()
      .where('status', '=', 'processing')
      .where('created_at', '<', before)
      .orderBy('created_at')
      .limit(BATCH)
      .execute();
    await each(visualizations, async (v) => {
      if (await this.exists(v.id)) return undefined; // running, or closed: the pass over closed runs follows it
      if (!(await startVisualization(this.deps.client, this.deps.config, v))) return undefined;
      return this.correction({
        id: v.id,
        runId: null,
        cause: ProjectionCause.orphanStarted,
        detail: 'The workflow was never started (the API stopped between storing the visualization and starting it): started now',
      });
    });
  }

  private async unclaimedTask(task: Task): Promise<ProjectionCorrection | undefined> {
    if (await this.exists(task.id)) return (await this.reconcileWorkflow(task.id))[0];
    if (task.orchestration_id) {
      // The orchestration starts its agents; only once it is over is an unstarted agent an orphan.
      const orchestration = await this.deps.db.selectFrom('orchestrations').select('status').where('id', '=', task.orchestration_id).executeTakeFirst();
      if (orchestration && !ORCHESTRATION_FINAL.includes(orchestration.status)) return undefined;
      const detail = 'The orchestration ended before this agent started';
      const dropped = await this.deps.db.transaction().execute(async (trx) => {
        const row = await trx
          .updateTable('tasks')
          .set({ status: 'cancelled', error_code: 'CANCELLED', error_message: detail, completed_at: new Date(), queue_position: null, updated_at: new Date() })
          .where('id', '=', task.id)
          .where('status', '=', 'queued')
          .where('workflow_run_id', 'is', null)
          .returning('id')
          .executeTakeFirst();
        if (!row) return false;
        await appendEventsInTransaction(trx, [
          {
            streamId: task.id,
            type: 'error',
            final: true,
            dedupeKey: 'orphan:final',
            payload: { type: 'error', task_id: task.id, status: 'cancelled', error: { code: 'CANCELLED', message: detail }, timestamp: new Date().toISOString() },
          },
        ]);
        return true;
      });
      return dropped ? this.correction({ id: task.id, runId: null, cause: ProjectionCause.orphanAgentDropped, detail }) : undefined;
    }
    const tier = await this.tierOf(task.user_id);
    if (tier === undefined) return undefined;
    // The API may start it between our look and our start: then it was no orphan.
    const started = await startAgentTask(this.deps.client, this.deps.config, task, tier);
    const followed = (await this.reconcileWorkflow(task.id))[0]; // claims the row for the run
    if (!started) return followed;
    return this.correction({ id: task.id, runId: null, cause: ProjectionCause.orphanStarted, detail: 'The workflow was never started (the API stopped between storing the task and starting it): started now' });
  }

  private async unclaimedOrchestration(orchestration: Orchestration): Promise<ProjectionCorrection | undefined> {
    if (await this.exists(orchestration.id)) return (await this.reconcileWorkflow(orchestration.id))[0];
    const tier = await this.tierOf(orchestration.user_id);
    if (tier === undefined) return undefined;
    const started = await startOrchestration(this.deps.client, this.deps.config, orchestration, tier);
    const followed = (await this.reconcileWorkflow(orchestration.id))[0];
    if (!started) return followed;
    return this.correction({
      id: orchestration.id,
      runId: null,
      cause: ProjectionCause.orphanStarted,
      detail: 'The workflow was never started (the API stopped between storing the orchestration and starting it): started now',
    });
  }

  private async exists(workflowId: string): Promise<boolean> {
    try {
      await this.deps.client.workflow.getHandle(workflowId).describe();
      return true;
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return false;
      throw err;
    }
  }

  private async tierOf(userId: string): Promise<string | undefined> {
    return (await this.deps.db.selectFrom('users').select('tier').where('id', '=', userId).executeTakeFirst())?.tier;
  }

  /** A running run claims a row no run owns yet (so later passes need not look at it). */
  private async claim(kind: WorkflowKind, id: string, runId: string): Promise<void> {
    const table = kind === 'task' ? 'tasks' : 'orchestrations';
    await this.deps.db.updateTable(table).set({ workflow_run_id: runId }).where('id', '=', id).where('workflow_run_id', 'is', null).execute();
  }

  /** Records how a closed run ended, as that run; undefined when the row had followed already. */
  private async recordClose(kind: WorkflowKind, id: string, runId: string, statusName: WorkflowExecutionStatusName): Promise<ProjectionCorrection | undefined> {
    const facts = await this.closeFacts(id, runId, statusName, kind);
    const cause = causeOf(statusName);
    if (kind === 'visualization') {
      const end = visualizationEnd(facts);
      const timestamp = new Date().toISOString();
      const written = await finishVisualization(this.deps.db, {
        id,
        status: end.status,
        analysisId: end.analysisId,
        reused: end.reused,
        error: end.error,
        event:
          end.status === 'completed'
            ? { type: 'result', dedupeKey: 'reconciled:final', payload: { type: 'result', visualization_id: id, status: 'completed', progress: 100, result_url: `/v1/visualize/${id}`, timestamp } }
            : { type: 'error', dedupeKey: 'reconciled:final', payload: { type: 'error', visualization_id: id, status: end.status, error: end.error, timestamp } },
      });
      return written ? this.correction({ id, runId, cause, detail: `${end.status}: ${end.error?.message ?? 'completed'}` }) : undefined;
    }
    if (kind === 'task') {
      const row = await this.deps.db.selectFrom('tasks').select(['user_id', 'orchestration_id', 'status', 'workflow_run_id']).where('id', '=', id).executeTakeFirst();
      if (!row || (TASK_FINAL.includes(row.status) && (row.workflow_run_id === runId || row.workflow_run_id === null))) return undefined;
      const { status, error } = taskEnd(facts);
      const written = await recordTaskFinal(this.deps.db, this.ownership, {
        taskId: id,
        orchestrationId: row.orchestration_id ?? undefined,
        status,
        error,
        runId,
        ...(facts.outcome ? { tokens: facts.outcome.tokens, costUsd: facts.outcome.costUsd } : {}),
      }, undefined, (ended) => this.deps.metrics?.taskFinished(ended));
      if (written !== 'written') return undefined;
      // A run that ended without giving its slot back (terminated) gives it back now.
      await this.deps.client.workflow
        .getHandle(agentSlotsWorkflowId(row.user_id))
        .signal(releaseSlotSignal, { workflowId: id })
        .catch((err: unknown) => {
          if (!(err instanceof WorkflowNotFoundError)) throw err;
        });
      return this.correction({ id, runId, cause, detail: `${status}: ${error?.message ?? 'completed'}` });
    }
    const row = await this.deps.db.selectFrom('orchestrations').select(['status', 'workflow_run_id']).where('id', '=', id).executeTakeFirst();
    if (!row || (ORCHESTRATION_FINAL.includes(row.status) && (row.workflow_run_id === runId || row.workflow_run_id === null))) return undefined;
    const end = orchestrationEnd(facts);
    const written = await recordOrchestrationFinal(this.deps.db, this.ownership, { orchestrationId: id, status: end.status, error: end.error, runId });
    if (written !== 'written') return undefined;
    return this.correction({ id, runId, cause, detail: `${end.status}: ${end.error?.message ?? 'completed'}` });
  }

  /** The close event's facts: the operator's reason, the failure's message and type, the result. */
  private async closeFacts(workflowId: string, runId: string, statusName: WorkflowExecutionStatusName, kind: WorkflowKind): Promise<CloseFacts> {
    const { client } = this.deps;
    const history = await client.workflowService.getWorkflowExecutionHistory({
      namespace: client.options.namespace,
      execution: { workflowId, runId },
      historyEventFilterType: temporal.api.enums.v1.HistoryEventFilterType.HISTORY_EVENT_FILTER_TYPE_CLOSE_EVENT,
    });
    const event = history.history?.events?.[0];
    const facts: CloseFacts = { statusName, message: '' };
    if (event?.workflowExecutionTerminatedEventAttributes) {
      const { reason } = event.workflowExecutionTerminatedEventAttributes;
      facts.message = reason ? `Terminated by an operator: ${reason}` : 'Terminated by an operator';
    } else if (event?.workflowExecutionFailedEventAttributes) {
      let failure = event.workflowExecutionFailedEventAttributes.failure;
      facts.failureType = failure?.applicationFailureInfo?.type ?? undefined;
      while (failure?.cause) failure = failure.cause;
      facts.message = failure?.message || 'The workflow failed';
    } else if (event?.workflowExecutionTimedOutEventAttributes) {
      facts.message = "The workflow's execution timeout passed";
    } else if (event?.workflowExecutionCanceledEventAttributes) {
      facts.message = kind === 'task' ? 'Task was cancelled' : kind === 'orchestration' ? 'Orchestration was cancelled' : 'The visualization was cancelled';
    } else if (event?.workflowExecutionCompletedEventAttributes && kind === 'task') {
      facts.outcome = await client.workflow.getHandle<() => Promise<AgentTaskOutcome>>(workflowId, runId).result();
    } else if (event?.workflowExecutionCompletedEventAttributes && kind === 'visualization') {
      facts.visualization = await client.workflow.getHandle<() => Promise<VisualizationState>>(workflowId, runId).result();
    }
    facts.message = clip(facts.message, MAX_MESSAGE_CHARS);
    return facts;
  }

  private async correction(c: ProjectionCorrection): Promise<ProjectionCorrection> {
    await this.deps.db.insertInto('projection_corrections').values({ subject_id: c.id, workflow_run_id: c.runId, cause: c.cause, detail: clip(c.detail, MAX_MESSAGE_CHARS) }).execute();
    const kind = kindOf(c.id);
    const key = kind === 'orchestration' ? 'orchestration_id' : kind === 'visualization' ? 'visualization_id' : 'task_id';
    this.deps.logger.info({ [key]: c.id, workflow_id: c.id, run_id: c.runId, cause: c.cause, detail: c.detail }, 'projection corrected');
    return c;
  }
}

function causeOf(statusName: WorkflowExecutionStatusName): ProjectionCause {
  switch (statusName) {
    case 'TERMINATED':
      return ProjectionCause.closedTerminated;
    case 'TIMED_OUT':
      return ProjectionCause.closedTimedOut;
    case 'CANCELLED':
      return ProjectionCause.closedCanceled;
    case 'COMPLETED':
      return ProjectionCause.closedCompleted;
    default:
      return ProjectionCause.closedFailed;
  }
}

/** A task's final status and error from how its workflow closed. */
function taskEnd(facts: CloseFacts): { status: Exclude<TaskStatus, 'queued' | 'running'>; error?: { code: string; message: string } } {
  switch (facts.statusName) {
    case 'COMPLETED': {
      const status = facts.outcome?.status;
      return status && status !== 'queued' && status !== 'running' ? { status, error: facts.outcome?.error } : { status: 'completed' };
    }
    case 'CANCELLED':
      return { status: 'cancelled', error: { code: 'CANCELLED', message: facts.message } };
    case 'TIMED_OUT':
      return { status: 'timed_out', error: { code: 'TASK_TIMEOUT', message: facts.message } };
    case 'TERMINATED':
      return { status: 'failed', error: { code: 'TERMINATED', message: facts.message } };
    default:
      return facts.failureType === 'TaskTimeout'
        ? { status: 'timed_out', error: { code: 'TASK_TIMEOUT', message: facts.message } }
        : { status: 'failed', error: { code: 'AGENT_ERROR', message: facts.message } };
  }
}

function orchestrationEnd(facts: CloseFacts): { status: 'completed' | 'failed' | 'cancelled'; error?: { code: string; message: string } } {
  switch (facts.statusName) {
    case 'COMPLETED':
      return { status: 'completed' };
    case 'CANCELLED':
      return { status: 'cancelled', error: { code: 'CANCELLED', message: facts.message } };
    case 'TERMINATED':
      return { status: 'failed', error: { code: 'TERMINATED', message: facts.message } };
    default:
      return { status: 'failed', error: { code: 'AGENT_ERROR', message: facts.message } };
  }
}

/** A visualization's final status from how its workflow closed. */
function visualizationEnd(facts: CloseFacts): { status: 'completed' | 'failed' | 'cancelled'; analysisId?: string; reused?: boolean; error?: { code: string; message: string } } {
  switch (facts.statusName) {
    case 'COMPLETED': {
      const state = facts.visualization;
      if (state?.status === 'completed' && state.analysisId) return { status: 'completed', analysisId: state.analysisId, reused: state.reused };
      if (state?.status === 'failed' || state?.status === 'cancelled') return { status: state.status, error: state.error };
      return { status: 'failed', error: { code: 'ANALYSIS_FAILED', message: 'The workflow completed without an analysis' } };
    }
    case 'CANCELLED':
      return { status: 'cancelled', error: { code: 'CANCELLED', message: facts.message } };
    case 'TERMINATED':
      return { status: 'failed', error: { code: 'TERMINATED', message: facts.message } };
    default:
      return { status: 'failed', error: { code: 'ANALYSIS_FAILED', message: facts.message } };
  }
}

/** The reconciler's activity, for the `projectionReconciler` workflow. */
export function createReconcileActivities(deps: ReconcilerDeps) {
  const reconciler = new ProjectionReconciler(deps);
  return {
    /** One reconciliation pass (see ProjectionReconciler.pass). */
    async reconcileProjection(input: { since?: string; lookbackSeconds: number }): Promise<ReconcilePassResult> {
      return reconciler.pass(input.since, input.lookbackSeconds, () => Context.current().heartbeat());
    },
  };
}

export type ReconcileActivities = ReturnType<typeof createReconcileActivities>;
