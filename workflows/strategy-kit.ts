/**
 * The strategy kit: workflow-safe helpers that keep a strategy short. A strategy is an async
 * function of a `StrategyContext`; it runs agents (each a child `agentTask` workflow), reports
 * progress, may wait for approval, and returns which agents make up its result. The
 * orchestration workflow aggregates their results. See docs/strategies.md.
 */
import {
  CancellationScope,
  ChildWorkflowFailure,
  condition,
  continueAsNew,
  executeChild,
  isCancellation,
  ParentClosePolicy,
  patched,
} from '@temporalio/workflow';
import type { OrchestrationActivities } from '../activities/orchestration.activities';
import { bookkeepingStep } from './activity-options';
import type { AgentTaskInput } from './agent-task.definitions';
import type { OrchestrationInput } from './orchestration.definitions';
import { SearchAttr } from './search-attributes';

/**
 * One agent for a strategy to run. Everything here travels in Temporal payloads, so it holds
 * references, never the request's data: files by index, the goal as `{goal}`.
 */
export interface AgentRequest {
  agentType: string;
  /**
   * What the agent is asked, as a template: `{goal}` becomes the orchestration's goal and
   * `{file}` the path of the one file the agent is given. Default `{goal}`.
   */
  task?: string;
  /** Agents whose results this one receives as `context.previous_results`. */
  seeResultsOf?: string[];
  /** Only these files of the context, by index (0 … `fileCount()` − 1); `[]` for none. Default: all of them. */
  fileIndexes?: number[];
  /** Only the files with these paths. Prefer `fileIndexes`: paths grow with the request. */
  files?: string[];
}

/** What became of an agent, small enough to keep in workflow state. */
export interface AgentOutcome {
  taskId: string;
  agentType: string;
  status: 'completed' | 'failed' | 'cancelled' | 'timed_out';
  summary: string | null;
  error: { code: string; message: string } | null;
  /** High and critical findings: what a reviewer would block on. */
  blockingFindings: number;
  /** For picking a best result: tests generated plus findings reported. */
  score: number;
}

/** Agent error codes that say what was wrong with the request's repository: an orchestration keeps them. */
const REPOSITORY_ERROR_CODES: readonly string[] = ['REPOSITORY_NOT_FOUND', 'BRANCH_NOT_FOUND', 'REPOSITORY_URL_REFUSED', 'REPOSITORY_LIMIT', 'REPOSITORY_UNAVAILABLE'];

/**
 * The error code of an orchestration that failed because of `outcome`: the agent's own when it
 * names a repository problem (a missing branch is the request's fault, and says so), else
 * `AGENT_ERROR`.
 */
export function failureCode(outcome: Pick<AgentOutcome, 'error'>): string {
  const code = outcome.error?.code;
  return code && REPOSITORY_ERROR_CODES.includes(code) ? code : 'AGENT_ERROR';
}

export interface StrategyResult {
  /** `completed` when the strategy reached its goal. */
  status: 'completed' | 'failed';
  /** The agents whose results make up the answer (default: every agent). */
  resultTaskIds?: string[];
  error?: { code: string; message: string };
  /** Extra fields for the aggregated result (e.g. `rounds`, `selected_task_id`). */
  details?: Record<string, unknown>;
}

export interface StrategyContext {
  readonly input: OrchestrationInput;
  /** State saved by `continueAsNew` in the previous run, if any. */
  readonly checkpoint: unknown;
  /** Runs one agent to its end. Never throws for an agent's failure: look at `status`. */
  runAgent(request: AgentRequest): Promise<AgentOutcome>;
  /**
   * Runs agents with at most `concurrency` at once (default: all). With `failFast`, the first
   * failure cancels the others (their outcomes say `cancelled`) and no more are started.
   */
  runAgents(requests: AgentRequest[], options?: { concurrency?: number; failFast?: boolean }): Promise<AgentOutcome[]>;
  /** A progress message on the orchestration's stream. */
  progress(message: string, progress?: number): Promise<void>;
  /** How many files the request's context holds (agents get them by `fileIndexes`). */
  fileCount(): Promise<number>;
  /**
   * Pauses until a human approves or rejects (API `/approve`, `/reject`), or the timeout passes.
   * The orchestration shows `awaiting_approval` meanwhile and `in_progress` after an approval.
   * `endsOnRefusal`: the caller ends the orchestration when the answer is not an approval, so
   * after a rejection or a timeout the status stays `awaiting_approval` until that end is
   * recorded (it never shows `in_progress` for work that will not run).
   */
  waitForApproval(options?: { timeoutSeconds?: number; message?: string; endsOnRefusal?: boolean }): Promise<'approved' | 'rejected' | 'timed_out'>;
  /** Ends this run and starts a fresh one (short history) that resumes with `checkpoint`. */
  continueAsNew(checkpoint: unknown): Promise<never>;
}

export type Strategy = (ctx: StrategyContext) => Promise<StrategyResult>;

/**
 * What a request must give a strategy, as data: the API checks it before anything starts (400
 * INVALID_REQUEST naming the field) and the OpenAPI document shows it, one request schema per
 * strategy, so clients and schema fuzzers know what each accepts.
 */
export interface StrategyRequestRules {
  /**
   * How many agents the request lists (default 1 to 50) and what each position is for, shown in
   * the 400 and the document, e.g. `{ min: 2, max: 2, roles: '[mapper, reducer]' }`.
   */
  agents?: { min?: number; max?: number; roles?: string };
  /** The request must list `context.files` (at least one): the strategy works over them. */
  filesRequired?: boolean;
}

/** What a strategy registers: its function, its one-line description and its request rules. */
export interface StrategyDefinition {
  run: Strategy;
  description: string;
  /** What a request must give it; default: 1 to 50 agents, files optional. */
  request?: StrategyRequestRules;
  /** How many agents run at once and in all (for `agents_running` and the estimate). */
  shape(request: { agents: string[]; options: OrchestrationInput['options']; fileCount: number }): { atOnce: number; total: number };
}

/** Approval decisions arrive by signal; the orchestration workflow feeds them in here. */
export interface ApprovalBox {
  decision?: { approved: boolean; by: string; note?: string };
}

/** Builds the kit for one run of the orchestration workflow. */
export function createStrategyContext(input: OrchestrationInput, approval: ApprovalBox, onTaskStarted: (taskId: string) => void): StrategyContext {
  let nextStep = input.resume?.nextStep ?? 0;
  const taskIdOf = new Map<AgentRequest, string>();

  const runAgent = async (request: AgentRequest): Promise<AgentOutcome> => {
    const step = nextStep++;
    const taskInput: AgentTaskInput = await bookkeepingStep<OrchestrationActivities>(`Create the task of agent ${step + 1} (${request.agentType})`).createAgentTask({
      orchestrationId: input.orchestrationId,
      userId: input.userId,
      tier: input.tier,
      step,
      agentType: request.agentType,
      task: request.task,
      contextBlobId: input.contextBlobId,
      seeResultsOf: request.seeResultsOf ?? [],
      files: request.files,
      fileIndexes: request.fileIndexes,
      defaults: input.agentDefaults,
    });
    onTaskStarted(taskInput.taskId);
    taskIdOf.set(request, taskInput.taskId);
    try {
      await executeChild('agentTask', {
        workflowId: taskInput.taskId,
        args: [taskInput],
        // If the orchestration is terminated, its agents are asked to stop too.
        parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
        typedSearchAttributes: [
          { key: SearchAttr.userId, value: input.userId },
          { key: SearchAttr.tier, value: input.tier },
          { key: SearchAttr.agentType, value: request.agentType },
          { key: SearchAttr.status, value: 'queued' },
          { key: SearchAttr.orchestrationId, value: input.orchestrationId },
        ],
        memo: { orchestration_id: input.orchestrationId, step, agent_type: request.agentType },
        // What the Temporal UI shows for the child, as for a task started through the API.
        staticSummary: `${request.agentType} (agent ${step + 1} of ${input.orchestrationId})${taskInput.taskPreview ? `: ${taskInput.taskPreview}` : ''}`,
      });
    } catch (err) {
      if (isCancellation(err)) throw err;
      if (!(err instanceof ChildWorkflowFailure)) throw err;
      // The agent failed; its task row says how.
    }
    return bookkeepingStep<OrchestrationActivities>(`Read how agent ${step + 1} (${request.agentType}) ended`).agentOutcome({ taskId: taskInput.taskId });
  };

  return {
    input,
    checkpoint: input.resume?.checkpoint,
    runAgent,

    async runAgents(requests, options = {}) {
      const concurrency = Math.max(1, options.concurrency ?? requests.length);
      const outcomes: (AgentOutcome | undefined)[] = requests.map(() => undefined);
      let stopped = false;
      const scope = new CancellationScope();
      try {
        await scope.run(async () => {
          let next = 0;
          const lane = async () => {
            while (next < requests.length && !stopped) {
              const i = next++;
              const outcome = await runAgent(requests[i]!);
              outcomes[i] = outcome;
              if (options.failFast && outcome.status !== 'completed' && !stopped) {
                stopped = true;
                scope.cancel();
              }
            }
          };
          // Wait for every lane, even after one fails: a cancelled agent is only done once its
          // child workflow has stopped, and the orchestration must not end before that.
          const lanes = await Promise.allSettled(Array.from({ length: Math.min(concurrency, requests.length) }, lane));
          const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
          if (failure) throw failure.reason;
        });
      } catch (err) {
        // Our own fail-fast cancellation ends here; the orchestration's cancellation goes on up.
        if (!(stopped && isCancellation(err) && !CancellationScope.current().consideredCancelled)) throw err;
      }
      // Agents stopped by fail-fast: their task rows say how they ended. Never-started ones are left out.
      for (let i = 0; i < outcomes.length; i++) {
        const taskId = taskIdOf.get(requests[i]!);
        if (outcomes[i] === undefined && taskId) outcomes[i] = await bookkeepingStep<OrchestrationActivities>(`Read how the stopped ${requests[i]!.agentType} agent ended`).agentOutcome({ taskId });
      }
      return outcomes.filter((o): o is AgentOutcome => o !== undefined);
    },

    async progress(message, progress) {
      await bookkeepingStep<OrchestrationActivities>(`Progress: ${message.slice(0, 100)}`).orchestrationProgress({ orchestrationId: input.orchestrationId, message, progress });
    },

    async fileCount() {
      // Runs started before counting read the list of paths (which grows with the request).
      if (!patched('context-file-count')) {
        return (await bookkeepingStep<OrchestrationActivities>('List the context files').contextFiles({ contextBlobId: input.contextBlobId })).length;
      }
      return bookkeepingStep<OrchestrationActivities>('Count the context files').contextFileCount({ contextBlobId: input.contextBlobId });
    },

    async waitForApproval(options = {}) {
      const timeoutSeconds = options.timeoutSeconds ?? input.options.approval_timeout_seconds ?? 86_400;
      await bookkeepingStep<OrchestrationActivities>('Ask for approval').setAwaitingApproval({
        orchestrationId: input.orchestrationId,
        awaiting: true,
        message: options.message ?? `Waiting for approval (up to ${timeoutSeconds} s): POST /v1/agents/orchestrations/${input.orchestrationId}/approve or /reject`,
      });
      const decided = await condition(() => approval.decision !== undefined, `${timeoutSeconds} seconds`);
      const verdict = !decided ? 'timed_out' : approval.decision!.approved ? 'approved' : 'rejected';
      await bookkeepingStep<OrchestrationActivities>(`Record the approval decision: ${verdict}`).setAwaitingApproval({
        orchestrationId: input.orchestrationId,
        awaiting: false,
        ...(options.endsOnRefusal && verdict !== 'approved' ? { ending: true } : {}),
        message:
          verdict === 'timed_out'
            ? 'No decision before the approval timeout'
            : `${verdict === 'approved' ? 'Approved' : 'Rejected'} by ${approval.decision!.by}${approval.decision!.note ? `: ${approval.decision!.note}` : ''}`,
      });
      return verdict;
    },

    async continueAsNew(checkpoint) {
      return continueAsNew<(i: OrchestrationInput) => Promise<void>>({ ...input, resume: { nextStep, checkpoint } });
    },
  };
}
