import {
  ApplicationFailure,
  CancellationScope,
  ContinueAsNew,
  isCancellation,
  setHandler,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { OrchestrationActivities } from '../activities/orchestration.activities';
import {
  approveSignal,
  OrchestrationErrorCode,
  orchestrationStateQuery,
  rejectSignal,
  type OrchestrationInput,
  type OrchestrationState,
  type OrchestrationStatus,
} from './orchestration.definitions';
import { bookkeepingStep } from './activity-options';
import { SearchAttr } from './search-attributes';
import { createStrategyContext, type ApprovalBox, type StrategyResult } from './strategy-kit';
import { STRATEGIES } from './strategies/registry';

/**
 * A multi-agent orchestration: dispatches to its strategy by name, then records the
 * aggregated result. Each agent is a child `agentTask` workflow; cancelling this workflow
 * cancels every agent still running.
 */
export async function orchestration(input: OrchestrationInput): Promise<void> {
  const state: OrchestrationState = {
    orchestrationId: input.orchestrationId,
    strategy: input.strategy,
    status: 'in_progress',
    taskIds: [],
    awaitingApproval: false,
  };
  const approval: ApprovalBox = {};
  setHandler(orchestrationStateQuery, () => state);
  setHandler(approveSignal, ({ by, comment }) => {
    approval.decision ??= { approved: true, by, note: comment };
  });
  setHandler(rejectSignal, ({ by, reason }) => {
    approval.decision ??= { approved: false, by, note: reason };
  });

  const definition = STRATEGIES[input.strategy];
  if (!definition) {
    // The API refuses unknown strategies; this guards workflows started some other way.
    throw ApplicationFailure.create({ type: 'UnknownStrategy', message: `Unknown strategy "${input.strategy}"`, nonRetryable: true });
  }

  const finish = async (status: Exclude<OrchestrationStatus, 'in_progress' | 'awaiting_approval'>, result?: StrategyResult) => {
    await CancellationScope.nonCancellable(() =>
      bookkeepingStep<OrchestrationActivities>(`Record the orchestration as ${status}`).finishOrchestration({
        orchestrationId: input.orchestrationId,
        status,
        resultTaskIds: result?.resultTaskIds,
        error: result?.error ?? (status === 'cancelled' ? { code: OrchestrationErrorCode.cancelled, message: 'Orchestration was cancelled' } : undefined),
        details: result?.details,
      }),
    );
    state.status = status;
    upsertSearchAttributes([{ key: SearchAttr.status, value: status }]);
  };

  try {
    if (!input.resume) await bookkeepingStep<OrchestrationActivities>('Record the orchestration as started').startOrchestration({ orchestrationId: input.orchestrationId });
    const ctx = createStrategyContext(input, approval, (taskId) => state.taskIds.push(taskId));
    let result = await definition.run(ctx);
    if (result.status === 'completed' && input.options.require_approval) {
      state.awaitingApproval = true;
      const verdict = await ctx.waitForApproval({ endsOnRefusal: true });
      state.awaitingApproval = false;
      if (verdict !== 'approved') {
        const error =
          verdict === 'rejected'
            ? { code: OrchestrationErrorCode.rejected, message: `Rejected${approval.decision?.note ? `: ${approval.decision.note}` : ''}` }
            : { code: OrchestrationErrorCode.approvalTimeout, message: 'No approval before the timeout' };
        result = { ...result, status: 'failed', error };
      }
    }
    await finish(result.status, result);
    if (result.status === 'failed') {
      throw ApplicationFailure.create({ type: 'OrchestrationFailed', message: result.error?.message ?? 'failed', nonRetryable: true, details: [result.error] });
    }
  } catch (err) {
    // A long strategy continuing as new is not an ending.
    if (err instanceof ContinueAsNew) throw err;
    if (isCancellation(err)) {
      await finish('cancelled');
      throw err;
    }
    if (err instanceof ApplicationFailure && err.type === 'OrchestrationFailed') throw err;
    const error = { code: OrchestrationErrorCode.agentError, message: err instanceof Error ? err.message : String(err) };
    await finish('failed', { status: 'failed', error });
    throw ApplicationFailure.create({ type: 'OrchestrationFailed', message: error.message, nonRetryable: true, details: [error] });
  }
}
