import type { Client } from '@temporalio/client';
import type { Config } from '../config/env';
import type { Orchestration, Task, Tier, Visualization } from '../db/database';
import type { AnalysisDepth, VisualizationInput } from '../workflows/visualization.definitions';
import type { AgentTaskInput } from '../workflows/agent-task.definitions';
import type { AgentDefaults, OrchestrationInput, StrategyOptions } from '../workflows/orchestration.definitions';
import { SearchAttr } from '../workflows/search-attributes';
import { taskQueues } from './temporal-connection';
import { TIER_LIMITS } from './tiers';
import { startOnce } from './workflow-start';

/**
 * How a task's or an orchestration's workflow is started, from its row alone: the API starts it
 * after inserting the row, and the reconciler starts a row whose start was lost (the API died in
 * between). The workflow ID is the row's ID, so a second start is harmless.
 */

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

/** The columns of a task row that its workflow's start reads. */
export type StartableTask = Pick<Task, 'id' | 'user_id' | 'agent_type' | 'task' | 'input_blob_id' | 'file_count' | 'time_limit_seconds'>;

/** Starts the `agentTask` workflow of a task row (once: a repeated start attaches to the first); true when this call started it. */
export async function startAgentTask(client: Client, config: Config, task: StartableTask, tier: string): Promise<boolean> {
  const input: AgentTaskInput = {
    ...agentDefaults(config, tier, task.time_limit_seconds),
    taskId: task.id,
    userId: task.user_id,
    tier,
    agentType: task.agent_type,
    inputBlobId: task.input_blob_id,
  };
  return startOnce(client, 'agentTask', {
    workflowId: task.id,
    taskQueue: taskQueues(config).general,
    args: [input],
    typedSearchAttributes: [
      { key: SearchAttr.userId, value: task.user_id },
      { key: SearchAttr.tier, value: tier },
      { key: SearchAttr.agentType, value: task.agent_type },
      { key: SearchAttr.status, value: 'queued' },
    ],
    memo: { task: task.task.slice(0, 500), files: task.file_count, agent_type: task.agent_type, user_id: task.user_id },
    staticSummary: `${task.agent_type}: ${task.task.slice(0, 120)}`,
  });
}

/**
 * Starts the `orchestration` workflow of an orchestration row (once). Its input holds references
 * only: the goal and the context stay in Postgres.
 */
export async function startOrchestration(client: Client, config: Config, orchestration: Orchestration, tier: string): Promise<boolean> {
  const input: OrchestrationInput = {
    orchestrationId: orchestration.id,
    userId: orchestration.user_id,
    tier,
    strategy: orchestration.strategy,
    agents: orchestration.agents,
    options: orchestration.options as StrategyOptions,
    contextBlobId: orchestration.context_blob_id,
    agentDefaults: agentDefaults(config, tier),
  };
  return startOnce(client, 'orchestration', {
    workflowId: orchestration.id,
    taskQueue: taskQueues(config).general,
    args: [input],
    typedSearchAttributes: [
      { key: SearchAttr.userId, value: orchestration.user_id },
      { key: SearchAttr.tier, value: tier },
      { key: SearchAttr.strategy, value: orchestration.strategy },
      { key: SearchAttr.status, value: 'in_progress' },
    ],
    memo: { goal: orchestration.goal.slice(0, 500), agents: orchestration.agents, strategy: orchestration.strategy, user_id: orchestration.user_id },
    staticSummary: `${orchestration.strategy} × ${orchestration.agents.length}: ${orchestration.goal.slice(0, 100)}`,
  });
}

/**
 * Starts the `visualization` workflow of a stored visualization (workflow ID = its ID, on
 * `<prefix>-analysis`), once: true when this call started it (see `startOnce`).
 */
export async function startVisualization(client: Client, config: Config, v: Visualization): Promise<boolean> {
  const options = v.options as { max_commits: number };
  const input: VisualizationInput = {
    visualizationId: v.id,
    userId: v.user_id,
    repositoryUrl: v.repository_url,
    branch: v.branch,
    analysisDepth: v.analysis_depth as AnalysisDepth,
    maxCommits: options.max_commits,
  };
  return startOnce(client, 'visualization', {
    workflowId: v.id,
    taskQueue: taskQueues(config).analysis,
    args: [input],
    typedSearchAttributes: [
      { key: SearchAttr.userId, value: v.user_id },
      { key: SearchAttr.status, value: 'processing' },
      { key: SearchAttr.repository, value: v.repository_url.slice(0, 2048) },
    ],
    memo: { repository_url: v.repository_url, branch: v.branch, user_id: v.user_id },
    staticSummary: `Visualize ${v.repository_url.slice(0, 200)}${v.branch ? ` (${v.branch.slice(0, 100)})` : ''}`,
  });
}
