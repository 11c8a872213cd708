import { defineQuery, defineSignal } from '@temporalio/workflow';
import type { OrchestrationStatus } from './statuses';

/** Options a request may set; each strategy reads the ones it knows (defaults in its file). */
export interface StrategyOptions {
  /** `parallel`: `fail_fast` cancels the rest at the first failure; `best_effort` aggregates what succeeded. Default `fail_fast`. */
  failure_policy?: 'fail_fast' | 'best_effort';
  /** `review_loop`: rounds before giving up. Default 3. */
  max_rounds?: number;
  /** `map_reduce`: mappers at once. Default 4. */
  concurrency?: number;
  /** `map_reduce`: most mappers in all; past it each mapper gets a share of the files. Default 100. */
  max_mappers?: number;
  /** `best_of_n`: attempts. Default 3. */
  n?: number;
  /** Any strategy: pause for a human's approve/reject before finishing. Default false. */
  require_approval?: boolean;
  /** How long to wait for that decision. Default 86400 (a day). */
  approval_timeout_seconds?: number;
}

/** Settings every agent of the orchestration runs with (from the server's configuration). */
export interface AgentDefaults {
  timeLimitSeconds: number;
  maxAttempts: number;
  heartbeatTimeoutSeconds: number;
  agentTaskQueue: string;
  parallelAgentsLimit: number | null;
}

/** What the API starts an `orchestration` workflow with. The context itself stays in Postgres. */
export interface OrchestrationInput {
  orchestrationId: string;
  userId: string;
  tier: string;
  strategy: string;
  /**
   * The goal, in runs started before 2026-11-29 only: it grows with the request, so it stays in
   * Postgres and agents' task texts name it as `{goal}` (AgentRequest.task).
   */
  goal?: string;
  agents: string[];
  options: StrategyOptions;
  contextBlobId: string;
  agentDefaults: AgentDefaults;
  /** Set when a long strategy continued as new: where it was. */
  resume?: { nextStep: number; checkpoint: unknown };
}

export { OrchestrationStatus } from './statuses';

export interface OrchestrationState {
  orchestrationId: string;
  strategy: string;
  status: OrchestrationStatus;
  /** Agent tasks started so far, in order. */
  taskIds: string[];
  awaitingApproval: boolean;
}

export const orchestrationStateQuery = defineQuery<OrchestrationState>('state');
/** A human approves an orchestration that waits for approval. */
export const approveSignal = defineSignal<[{ by: string; comment?: string }]>('approve');
/** A human rejects it: it ends as failed with `REJECTED`. */
export const rejectSignal = defineSignal<[{ by: string; reason?: string }]>('reject');

/** Error codes an orchestration records. */
export const OrchestrationErrorCode = {
  agentError: 'AGENT_ERROR',
  rejected: 'REJECTED',
  approvalTimeout: 'APPROVAL_TIMEOUT',
  cancelled: 'CANCELLED',
} as const;
