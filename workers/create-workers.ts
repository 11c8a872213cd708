import { createHash } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, type NativeConnection, Worker, type WorkerOptions } from '@temporalio/worker';
import { createOrchestrationActivities } from '../activities/orchestration.activities';
import { createReconcileActivities } from '../activities/reconcile.activities';
import { createSlotActivities } from '../activities/slot.activities';
import { createTaskActivities, HEARTBEAT_EVERY_MS } from '../activities/task.activities';
import { createVisualizationActivities } from '../activities/visualization.activities';
import { RepositoryCache } from '../repositories/repository-cache';
import { RepositoryPolicy } from '../repositories/url-policy';
import type { Config } from '../config/env';
import type { Db } from '../db/connection';
import type { AgentExecutor } from '../executors/agent-executor';
import { KubernetesJobExecutor } from '../executors/kubernetes-job.executor';
import { LocalProcessExecutor } from '../executors/local-process.executor';
import type { Logger } from '../lib/logger';
import type { WorkerMetrics } from '../lib/metrics';
import type { Tracing } from '../lib/tracing';
import { taskQueues } from '../lib/temporal-connection';
import { projectionReconcilerWorkflowId, type ProjectionReconcilerInput } from '../workflows/projection-reconciler.definitions';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  /** For activities that signal or start workflows (parallel-agent slots). */
  client: Client;
  db: Db;
  logger: Logger;
  /** Default: chosen by `EXECUTOR`. */
  executor?: AgentExecutor;
  /** A prebuilt workflow bundle (production); default bundles `workflows/` at start. */
  workflowBundle?: { code: string } | { codePath: string };
  /** Where the task and orchestration metrics go (served by the caller on WORKER_METRICS_PORT). */
  metrics?: WorkerMetrics;
  /**
   * OpenTelemetry tracing (lib/tracing.ts), when it is on: every worker gets its interceptors and
   * sinks (workflow and activity spans, in the trace of whoever started the workflow). The workflow
   * interceptors run in the sandbox, so the workflows are bundled with them at start, once for all
   * the workers; `workflowBundle` (built without them) is then not used.
   */
  tracing?: Tracing;
}

/**
 * The workers' Temporal identity: `<pid>@<host>` (Temporal's default), prefixed with
 * `codex-stack-<CODEX_STACK_ID>` when set (scripts/lib/temporal-pollers.mjs reads it back).
 */
export function workerIdentity(config: Pick<Config, 'CODEX_STACK_ID'>): string {
  const base = `${process.pid}@${os.hostname()}`;
  return config.CODEX_STACK_ID ? `codex-stack-${config.CODEX_STACK_ID} ${base}` : base;
}

export function createExecutor(config: Config, logger: Logger): AgentExecutor {
  switch (config.EXECUTOR) {
    case 'local':
      return new LocalProcessExecutor({ logger: logger.child({ executor: 'local' }), command: config.LOCAL_AGENT_COMMAND });
    case 'kubernetes':
      return new KubernetesJobExecutor({
        logger: logger.child({ executor: 'kubernetes' }),
        namespace: config.KUBERNETES_NAMESPACE,
        kubeconfigPath: config.KUBERNETES_KUBECONFIG,
        catalog: config.KUBERNETES_AGENT_CATALOG,
        stopGraceSeconds: config.AGENT_CANCEL_GRACE_SECONDS,
        jobTtlSeconds: config.KUBERNETES_JOB_TTL_SECONDS,
      });
  }
}

/**
 * The workers of this process, one per task queue in `WORKER_QUEUES`: `general` runs the
 * workflows and their bookkeeping activities; `agents` runs the agents themselves; `analysis`
 * runs repository visualizations.
 */
export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  deps = await withTracedBundle(deps);
  const { config, connection, db, logger } = deps;
  const queues = taskQueues(config);
  const activities = createTaskActivities({
    db,
    logger,
    client: deps.client,
    // Checkouts of tasks with context.repository come from the same clone cache as visualizations.
    repositories: config.WORKER_QUEUES.includes('agents') ? repositoryCache(config) : undefined,
    executor: deps.executor ?? createExecutor(config, logger),
    cancelGraceMs: config.AGENT_CANCEL_GRACE_SECONDS * 1000,
    streamResultMaxBytes: config.AGENT_RESULT_MAX_BYTES,
    ...(deps.metrics ? { metrics: deps.metrics } : {}),
  });
  const workers: Worker[] = [];
  if (config.WORKER_QUEUES.includes('general')) {
    const { runAgent: _agentsOnly, ...bookkeeping } = activities;
    const slots = createSlotActivities({ client: deps.client, taskQueue: queues.general, maxHistoryEvents: config.AGENT_LINE_MAX_HISTORY_EVENTS, db });
    const orchestrations = createOrchestrationActivities({ db, client: deps.client, logger, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
    const reconcile = createReconcileActivities({ db, client: deps.client, logger, config, ...(deps.metrics ? { metrics: deps.metrics } : {}) });
    workers.push(
      await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        identity: workerIdentity(config),
        taskQueue: queues.general,
        ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
        activities: { ...bookkeeping, ...slots, ...orchestrations, ...reconcile },
        ...tracingOptions(deps.tracing),
      }),
    );
    await startProjectionReconciler(deps);
  }
  if (config.WORKER_QUEUES.includes('analysis')) workers.push(...(await createAnalysisWorkers(deps)));
  if (config.WORKER_QUEUES.includes('agents')) {
    workers.push(
      await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        identity: workerIdentity(config),
        taskQueue: queues.agents,
        activities: { runAgent: activities.runAgent },
        // Agent runs are long and heavy: a bounded number at a time per worker process.
        maxConcurrentActivityTaskExecutions: config.WORKER_MAX_CONCURRENT_AGENTS,
        // Cancellation reaches an activity only in the answer to a heartbeat: send them often
        // enough that a cancelled or timed-out agent is stopped within a couple of seconds.
        maxHeartbeatThrottleInterval: `${HEARTBEAT_EVERY_MS} ms`,
        shutdownGraceTime: `${config.WORKER_SHUTDOWN_GRACE_SECONDS} seconds`,
        ...tracingOptions(deps.tracing),
      }),
    );
  }
  return workers;
}

/**
 * The `Worker.create` options of tracing: the activity interceptors and the sinks of the workflow
 * spans (the workflow interceptors are in the bundle: `withTracedBundle`); none when it is off.
 */
function tracingOptions(tracing: Tracing | undefined): Pick<WorkerOptions, 'interceptors' | 'sinks'> {
  return tracing ? { interceptors: { activity: tracing.workerInterceptors().activity }, sinks: tracing.workerSinks() } : {};
}

/**
 * With tracing on, the deps with a workflow bundle that has the tracing workflow interceptors
 * (bundled here, once for all the workers: webpack takes seconds); otherwise the deps as given.
 */
async function withTracedBundle(deps: WorkerDeps): Promise<WorkerDeps> {
  if (!deps.tracing) return deps;
  const log = deps.logger.child({ component: 'workflow-bundler' });
  const { code } = await bundleWorkflowCode({
    workflowsPath: require.resolve('../workflows'),
    workflowInterceptorModules: deps.tracing.workerInterceptors().workflowModules,
    logger: {
      log: (_level, message, meta) => log.debug(meta ?? {}, message),
      trace: (message, meta) => log.trace(meta ?? {}, message),
      debug: (message, meta) => log.debug(meta ?? {}, message),
      info: (message, meta) => log.debug(meta ?? {}, message),
      warn: (message, meta) => log.warn(meta ?? {}, message),
      error: (message, meta) => log.error(meta ?? {}, message),
    },
  });
  log.info({ prebuilt_bundle_unused: Boolean(deps.workflowBundle) }, 'tracing on: workflows bundled with the tracing interceptors');
  return { ...deps, workflowBundle: { code } };
}

/** The clone cache under REPOSITORY_CACHE_DIR, with the URL policy and limits of the settings. */
function repositoryCache(config: Config): RepositoryCache {
  return new RepositoryCache({
    dir: path.resolve(config.REPOSITORY_CACHE_DIR),
    policy: new RepositoryPolicy({ allowedHosts: config.REPOSITORY_ALLOWED_HOSTS }),
    cloneTimeoutMs: config.REPOSITORY_CLONE_TIMEOUT_SECONDS * 1000,
    maxSizeBytes: config.REPOSITORY_MAX_SIZE_MB * 1024 * 1024,
  });
}

/**
 * The workers of repository visualizations: the shared `<prefix>-analysis` queue (the
 * `visualization` workflow, its bookkeeping, and fetching into this host's repository cache),
 * and this host's own queue, where a clone fetched here is analysed and stored.
 */
async function createAnalysisWorkers(deps: WorkerDeps): Promise<Worker[]> {
  const { config, connection, db, logger } = deps;
  const cacheDir = path.resolve(config.REPOSITORY_CACHE_DIR);
  const activities = createVisualizationActivities({
    db,
    logger: logger.child({ component: 'visualizations' }),
    cache: repositoryCache(config),
    hostQueue: analysisHostQueue(config, cacheDir),
    workDir: path.join(cacheDir, '.analyses'),
  });
  const common = { connection, namespace: config.TEMPORAL_NAMESPACE, identity: workerIdentity(config), activities, ...tracingOptions(deps.tracing) };
  return [
    await Worker.create({
      ...common,
      taskQueue: taskQueues(config).analysis,
      ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
    }),
    await Worker.create({ ...common, taskQueue: analysisHostQueue(config, cacheDir) }),
  ];
}

/**
 * The task queue of the workers that share one repository cache: `<prefix>-analysis@<host>-<hash
 * of the cache folder>`. Processes on one machine with one cache folder share it (any of them
 * can read the clone); a restarted worker polls the same queue again.
 */
export function analysisHostQueue(config: Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX'>, cacheDir: string): string {
  return `${taskQueues(config).analysis}@${os.hostname()}-${createHash('sha256').update(cacheDir).digest('hex').slice(0, 8)}`;
}

/**
 * Starts this deployment's `projectionReconciler` workflow unless it runs already (every worker
 * of the general queue asks; Temporal keeps one). An operator who terminates it gets it back at
 * the next worker start.
 */
export async function startProjectionReconciler(deps: Pick<WorkerDeps, 'client' | 'config' | 'logger'>): Promise<void> {
  const { config } = deps;
  const input: ProjectionReconcilerInput = { intervalSeconds: config.RECONCILE_INTERVAL_SECONDS, lookbackSeconds: config.RECONCILE_LOOKBACK_SECONDS };
  const handle = await deps.client.workflow.start('projectionReconciler', {
    workflowId: projectionReconcilerWorkflowId(config.TEMPORAL_TASK_QUEUE_PREFIX),
    taskQueue: taskQueues(config).general,
    args: [input],
    workflowIdConflictPolicy: 'USE_EXISTING',
    staticSummary: `Keeps the Postgres projection true to Temporal (every ${config.RECONCILE_INTERVAL_SECONDS} s)`,
  });
  deps.logger.info({ workflow_id: handle.workflowId }, 'projection reconciler running');
}
