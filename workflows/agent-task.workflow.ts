import {
  ActivityCancellationType,
  ApplicationFailure,
  CancellationScope,
  CancelledFailure,
  condition,
  getExternalWorkflowHandle,
  isCancellation,
  patched,
  proxyActivities,
  setHandler,
  sleep,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { SlotActivities } from '../activities/slot.activities';
import type { RunAgentOutput, TaskActivities } from '../activities/task.activities';
import { agentSlotsWorkflowId, releaseSlotSignal, slotGrantedSignal, slotQueuePositionSignal, type SlotQueuePosition } from './agent-slots.definitions';
import {
  TaskErrorCode,
  taskStateQuery,
  type AgentTaskInput,
  type AgentTaskOutcome,
  type AgentTaskState,
} from './agent-task.definitions';
import { bookkeepingStep, localBookkeepingStep } from './activity-options';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';
import { clip, MAX_MESSAGE_CHARS } from './payload-bounds';
import type { TaskStatus } from './statuses';
import { SearchAttr } from './search-attributes';
import { VisualizationErrorCode, VisualizationFailureType } from './visualization.definitions';


/**
 * One agent run, from queued to a final status. The task's own time limit ends it as
 * `timed_out`; cancellation stops the running agent and records `cancelled`.
 */
export async function agentTask(input: AgentTaskInput): Promise<AgentTaskOutcome> {
  const state: AgentTaskState = { taskId: input.taskId, status: 'queued', agentType: input.agentType };
  setHandler(taskStateQuery, () => state);

  const setStatus = (status: TaskStatus) => {
    state.status = status;
    upsertSearchAttributes([{ key: SearchAttr.status, value: status }]);
  };

  const finish = async (status: Exclude<TaskStatus, 'queued' | 'running'>, extra: Partial<AgentTaskOutcome> & { resultBlobId?: string } = {}) => {
    // The step that records the end also gives the slot back, at once: the next agent in line
    // starts without waiting for this workflow's next task.
    const releaseSlotOf = askedForSlot && releaseInFinish ? input.userId : undefined;
    // Runs even when the workflow is being cancelled: the final status must be recorded.
    await CancellationScope.nonCancellable(() =>
      bookkeepingStep<TaskActivities>(`Record the task as ${status}${releaseSlotOf ? ' and give its slot back' : ''}`).finishTask({
        taskId: input.taskId,
        orchestrationId: input.orchestrationId,
        status,
        resultBlobId: extra.resultBlobId,
        error: extra.error,
        tokens: extra.tokens,
        costUsd: extra.costUsd,
        releaseSlotOf,
      }),
    );
    if (releaseSlotOf) slotReleased = true;
    setStatus(status);
    state.error = extra.error;
  };

  let timedOut = false;
  // Workflows started before slots existed replay without them.
  const usesSlot = patched('parallel-agent-slots') && input.parallelAgentsLimit !== undefined && input.parallelAgentsLimit !== null;
  // Once a cancel is requested, the task ends cancelled however its agent's run then ends (a
  // dead worker's run ends by heartbeat timeout, not by cancellation). Runs started before keep
  // their old rule.
  const cancelWins = patched('cancel-wins');
  // Runs started before give the slot back by a signal from the workflow, after the final record.
  const releaseInFinish = patched('release-in-finish');
  let askedForSlot = false;
  let slotReleased = false;
  try {
    if (usesSlot) {
      askedForSlot = true;
      await waitForSlot(input);
    }
    // A local activity: recorded as soon as the slot is granted, no trip through a task queue
    // (runs started before ran it as a normal activity).
    const recordStart = patched('start-task-locally') ? localBookkeepingStep<TaskActivities> : bookkeepingStep<TaskActivities>;
    const started = await recordStart('Record the task as running').startTask({ taskId: input.taskId, agentType: input.agentType, orchestrationId: input.orchestrationId });
    state.startedAt = started.startedAt;
    setStatus('running');

    const output = await runWithinTimeLimit(input, () => {
      timedOut = true;
    });
    // The same rule when the agent finished anyway (its result came in while the cancel was on
    // its way): the task ends cancelled, keeping what the agent made and used. Runs started
    // before end completed, as they did.
    if (cancelWins && CancellationScope.current().consideredCancelled && patched('cancel-wins-over-a-result')) {
      await finish('cancelled', { resultBlobId: output.resultBlobId, tokens: output.tokens, costUsd: output.costUsd, error: { code: TaskErrorCode.cancelled, message: 'Task was cancelled' } });
      throw new CancelledFailure('Task was cancelled');
    }
    await finish('completed', { resultBlobId: output.resultBlobId, tokens: output.tokens, costUsd: output.costUsd });
    return { taskId: input.taskId, status: 'completed', tokens: output.tokens, costUsd: output.costUsd, summary: output.summary };
  } catch (err) {
    if (timedOut && isCancellation(err)) {
      const error = { code: TaskErrorCode.taskTimeout, message: `Task exceeded its time limit of ${input.timeLimitSeconds} seconds` };
      await finish('timed_out', { error });
      throw ApplicationFailure.create({ type: 'TaskTimeout', message: error.message, nonRetryable: true, details: [error] });
    }
    const cancelRequested = cancelWins && CancellationScope.current().consideredCancelled;
    if (isCancellation(err) || cancelRequested) {
      await finish('cancelled', { error: { code: TaskErrorCode.cancelled, message: 'Task was cancelled' } });
      throw isCancellation(err) ? err : new CancelledFailure('Task was cancelled');
    }
    const error = { code: errorCodeOf(err), message: failureMessage(err) };
    await finish('failed', { error });
    throw ApplicationFailure.create({ type: 'AgentError', message: error.message, nonRetryable: true, details: [error], cause: err as Error });
  } finally {
    // Unless the final record gave it back already (or never ran: a step that gave up).
    if (askedForSlot && !slotReleased) await releaseSlot(input);
  }
}

/**
 * Gives the slot back (or leaves the line). Sent as a signal from this workflow: no activity
 * between one agent's end and the next one's start. Runs started before send it from an activity.
 */
async function releaseSlot(input: AgentTaskInput): Promise<void> {
  await CancellationScope.nonCancellable(async () => {
    if (!patched('release-slot-by-signal')) {
      await bookkeepingStep<SlotActivities>('Give the parallel-agent slot back').releaseSlot({ userId: input.userId, workflowId: input.taskId });
      return;
    }
    try {
      await getExternalWorkflowHandle(agentSlotsWorkflowId(input.userId)).signal(releaseSlotSignal, { workflowId: input.taskId });
    } catch {
      // The line has ended (idle): there is no slot to give back.
    }
  });
}

/**
 * Waits in the user's line for a parallel-agent slot. The line tells the task its place when it
 * joins and when it is next; each is recorded for the API and the stream, without holding up
 * the start when the slot comes meanwhile.
 */
async function waitForSlot(input: AgentTaskInput): Promise<void> {
  let granted = false;
  let position: SlotQueuePosition | undefined;
  let reported: number | undefined;
  setHandler(slotGrantedSignal, () => {
    granted = true;
  });
  setHandler(slotQueuePositionSignal, (update) => {
    position = update;
  });
  await bookkeepingStep<SlotActivities>(`Ask for a parallel-agent slot (limit ${input.parallelAgentsLimit ?? 'none'})`).requestSlot({
    userId: input.userId,
    workflowId: input.taskId,
    limit: input.parallelAgentsLimit ?? null,
  });
  const inBackground = patched('queue-position-in-background');
  while (!granted) {
    await condition(() => granted || (position !== undefined && position.position !== reported));
    if (!granted && position && position.position !== reported) {
      reported = position.position;
      const record = bookkeepingStep<TaskActivities>(`Waiting for a slot: position ${position.position}`).recordQueuePosition({
        taskId: input.taskId,
        orchestrationId: input.orchestrationId,
        ...position,
      });
      if (inBackground) record.catch(() => undefined); // a place in line is shown at best effort
      else await record;
    }
  }
}

/** Runs the agent; when the time limit passes first, cancels it and calls `onTimeout`. */
async function runWithinTimeLimit(input: AgentTaskInput, onTimeout: () => void): Promise<RunAgentOutput> {
  const { runAgent } = proxyActivities<TaskActivities>({
    summary: `Run the ${input.agentType} agent (time limit ${input.timeLimitSeconds} s, up to ${input.maxAttempts} attempts)`,
    taskQueue: input.agentTaskQueue,
    // The time limit is enforced by the timer below; this bound only catches a lost activity.
    startToCloseTimeout: `${input.timeLimitSeconds + 60} seconds`,
    heartbeatTimeout: `${input.heartbeatTimeoutSeconds} seconds`,
    // Wait for the agent to be stopped before recording the cancellation.
    cancellationType: ActivityCancellationType.WAIT_CANCELLATION_COMPLETED,
    retry: {
      maximumAttempts: input.maxAttempts,
      initialInterval: '2 seconds',
      backoffCoefficient: 2,
      maximumInterval: '1 minute',
      nonRetryableErrorTypes: ['AgentLaunchFailed', ...NON_RETRYABLE_FAILURE_TYPES],
    },
  });

  const runScope = new CancellationScope();
  const timerScope = new CancellationScope();
  timerScope
    .run(() => sleep(`${input.timeLimitSeconds} seconds`, { summary: 'Task time limit' }))
    .then(
      () => {
        onTimeout();
        runScope.cancel();
      },
      () => undefined, // the timer was cancelled: the run ended first
    );
  try {
    return await runScope.run(() =>
      runAgent({
        taskId: input.taskId,
        userId: input.userId,
        agentType: input.agentType,
        inputBlobId: input.inputBlobId,
        timeLimitSeconds: input.timeLimitSeconds,
        maxAttempts: input.maxAttempts,
        orchestrationId: input.orchestrationId,
      }),
    );
  } finally {
    timerScope.cancel();
  }
}

/** A repository checkout's failure (activities/task.activities.ts) keeps the code visualizations give it. */
const REPOSITORY_ERROR_CODES: Record<string, string> = {
  [VisualizationFailureType.repositoryNotFound]: VisualizationErrorCode.repositoryNotFound,
  [VisualizationFailureType.branchNotFound]: VisualizationErrorCode.branchNotFound,
  [VisualizationFailureType.repositoryUrlRefused]: VisualizationErrorCode.repositoryUrlRefused,
  [VisualizationFailureType.repositoryLimit]: VisualizationErrorCode.repositoryLimit,
  [VisualizationFailureType.repositoryUnavailable]: VisualizationErrorCode.repositoryUnavailable,
};

/** The task's `error.code` for a failed run. */
function errorCodeOf(err: unknown): string {
  const types = failureTypes(err);
  const repository = types.map((t) => REPOSITORY_ERROR_CODES[t]).find((c) => c !== undefined);
  if (repository) return repository;
  return types.includes('AgentProtocolError') ? TaskErrorCode.protocolError : TaskErrorCode.agentError;
}

/** The types of the application failures in a chain of causes (outermost first). */
function failureTypes(err: unknown): string[] {
  const types: string[] = [];
  for (let current: unknown = err; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && current.type) types.push(current.type);
  }
  return types;
}

/** The agent's own message, from the innermost failure (clipped: it travels in payloads). */
function failureMessage(err: unknown): string {
  let current: unknown = err;
  let message = 'The agent failed';
  while (current instanceof Error) {
    if (current.message) message = current.message;
    current = (current as { cause?: unknown }).cause;
  }
  return clip(message, MAX_MESSAGE_CHARS);
}
