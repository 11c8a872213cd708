import { type NativeConnection, Worker } from '@temporalio/worker';
import { createTaskActivities } from '../activities/task.activities';
import type { Config } from '../config/env';
import type { Db } from '../db/connection';
import type { AgentExecutor } from '../executors/agent-executor';
import { LocalProcessExecutor } from '../executors/local-process.executor';
import type { Logger } from '../lib/logger';
import { taskQueues } from '../lib/temporal-connection';

export interface WorkerDeps {
  config: Config;
  connection: NativeConnection;
  db: Db;
  logger: Logger;
  /** Default: chosen by `EXECUTOR`. */
  executor?: AgentExecutor;
  /** A prebuilt workflow bundle (production); default bundles `workflows/` at start. */
  workflowBundle?: { code: string } | { codePath: string };
}

export function createExecutor(config: Config, logger: Logger): AgentExecutor {
  switch (config.EXECUTOR) {
    case 'local':
      return new LocalProcessExecutor({ logger: logger.child({ executor: 'local' }), command: config.LOCAL_AGENT_COMMAND });
  }
}

/**
 * The workers of this process, one per task queue in `WORKER_QUEUES`: `general` runs the
 * workflows and their bookkeeping activities; `agents` runs the agents themselves.
 */
export async function createWorkers(deps: WorkerDeps): Promise<Worker[]> {
  const { config, connection, db, logger } = deps;
  const queues = taskQueues(config);
  const activities = createTaskActivities({
    db,
    logger,
    executor: deps.executor ?? createExecutor(config, logger),
    cancelGraceMs: config.AGENT_CANCEL_GRACE_SECONDS * 1000,
  });
  const workers: Worker[] = [];
  if (config.WORKER_QUEUES.includes('general')) {
    const { runAgent: _agentsOnly, ...bookkeeping } = activities;
    workers.push(
      await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: queues.general,
        ...(deps.workflowBundle ? { workflowBundle: deps.workflowBundle } : { workflowsPath: require.resolve('../workflows') }),
        activities: bookkeeping,
      }),
    );
  }
  if (config.WORKER_QUEUES.includes('agents')) {
    workers.push(
      await Worker.create({
        connection,
        namespace: config.TEMPORAL_NAMESPACE,
        taskQueue: queues.agents,
        activities: { runAgent: activities.runAgent },
        // Agent runs are long and heavy: a few at a time per worker process.
        maxConcurrentActivityTaskExecutions: 8,
      }),
    );
  }
  return workers;
}
