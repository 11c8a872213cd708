import { defineQuery } from '@temporalio/workflow';
import type { TaskStatus } from './statuses';

/**
 * What the API sends to start an `agentTask` workflow. Small by design: the task's files and
 * options live in Postgres (`inputBlobId`), so no payload nears Temporal's 2 MB limit.
 */
export interface AgentTaskInput {
  taskId: string;
  userId: string;
  tier: string;
  agentType: string;
  inputBlobId: string;
  timeLimitSeconds: number;
  /** Retries of the agent run (the first attempt included). */
  maxAttempts: number;
  /** A running agent's activity that stops heartbeating this long is retried elsewhere. */
  heartbeatTimeoutSeconds: number;
  /** Task queue of the workers that launch agents. */
  agentTaskQueue: string;
  /**
   * Agents the user may run at once (their tier's limit, API.md); past it the task waits in
   * line for a slot. Null: unlimited. Absent in workflows started before slots existed.
   */
  parallelAgentsLimit?: number | null;
  /** Set when the task is one agent of an orchestration: its events go to that stream too. */
  orchestrationId?: string;
  /** The task's text, clipped to 120 characters: for the Temporal UI's summary of the workflow. */
  taskPreview?: string;
}


export interface AgentTaskState {
  taskId: string;
  status: TaskStatus;
  agentType: string;
  startedAt?: string;
  completedAt?: string;
  error?: { code: string; message: string };
}

/** The workflow's result: small, the agent's full result is in the task row. */
export interface AgentTaskOutcome {
  taskId: string;
  status: TaskStatus;
  error?: { code: string; message: string };
  tokens: { prompt: number; completion: number; total: number };
  costUsd: number;
  summary?: string;
}

/** Current state, for ops (Temporal UI "Queries") and the API. */
export const taskStateQuery = defineQuery<AgentTaskState>('state');

/** Error codes the workflow records (API.md "Errors"). */
export const TaskErrorCode = {
  agentError: 'AGENT_ERROR',
  /** The agent wrote a line that breaks the protocol (agents/protocol.schema.json). */
  protocolError: 'AGENT_PROTOCOL_ERROR',
  taskTimeout: 'TASK_TIMEOUT',
  cancelled: 'CANCELLED',
} as const;
