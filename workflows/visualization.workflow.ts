import {
  ActivityFailure,
  ApplicationFailure,
  CancellationScope,
  isCancellation,
  proxyActivities,
  setHandler,
  TimeoutFailure,
  upsertSearchAttributes,
} from '@temporalio/workflow';
import type { VisualizationActivities } from '../activities/visualization.activities';
import { bookkeepingStep } from './activity-options';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';
import { clip, MAX_MESSAGE_CHARS } from './payload-bounds';
import { SearchAttr } from './search-attributes';
import {
  VisualizationErrorCode,
  VisualizationFailureType,
  visualizationStateQuery,
  type FetchedForAnalysis,
  type VisualizationInput,
  type VisualizationState,
} from './visualization.definitions';

/** Failures no retry of the same step fixes. */
const FINAL_FAILURES = [
  ...NON_RETRYABLE_FAILURE_TYPES,
  VisualizationFailureType.repositoryNotFound,
  VisualizationFailureType.branchNotFound,
  VisualizationFailureType.repositoryUrlRefused,
  VisualizationFailureType.repositoryLimit,
  VisualizationFailureType.analysisFileMissing,
];

/** How many times the work moves to another worker when the one holding the clone is gone. */
const MAX_HOST_ATTEMPTS = 3;

/**
 * A repository visualization: fetch the repository into a worker's cache (the shared
 * `<prefix>-analysis` queue), then analyse and store it on that same worker (its own host
 * queue, where the clone is on disk). A stored analysis of the same user, URL, branch, head,
 * depth and commit limit is reused. When the worker holding the clone is gone (its queue has no
 * poller for a minute), the work starts again from the fetch, on another worker.
 */
export async function visualization(input: VisualizationInput): Promise<VisualizationState> {
  const state: VisualizationState = { visualizationId: input.visualizationId, status: 'processing', step: 'queued' };
  setHandler(visualizationStateQuery, () => state);

  const finish = async (
    status: VisualizationState['status'] & ('completed' | 'failed' | 'cancelled'),
    extra: { analysisId?: string; reused?: boolean; error?: { code: string; message: string }; branches?: { name: string; sha: string }[] } = {},
  ) => {
    state.step = `record ${status}`;
    await CancellationScope.nonCancellable(() =>
      bookkeepingStep<VisualizationActivities>(`Record the visualization as ${status}`).finishVisualization({ visualizationId: input.visualizationId, status, ...extra }),
    );
    state.status = status;
    state.error = extra.error;
    state.analysisId = extra.analysisId;
    state.reused = extra.reused;
    upsertSearchAttributes([{ key: SearchAttr.status, value: status }]);
  };

  try {
    for (let hostAttempt = 1; ; hostAttempt++) {
      state.step = 'fetch';
      const fetched = await proxyActivities<VisualizationActivities>({
        startToCloseTimeout: '1 hour',
        heartbeatTimeout: '30 seconds',
        retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 4, nonRetryableErrorTypes: FINAL_FAILURES },
        summary: 'Fetch the repository',
      }).fetchRepository({ visualizationId: input.visualizationId, repositoryUrl: input.repositoryUrl, branch: input.branch });
      state.headSha = fetched.headSha;

      state.step = 'find a stored analysis';
      const stored = await bookkeepingStep<VisualizationActivities>('Look for a stored analysis of this head').findStoredAnalysis({
        userId: input.userId,
        url: fetched.url,
        branch: fetched.branch,
        headSha: fetched.headSha,
        analysisDepth: input.analysisDepth,
        maxCommits: input.maxCommits,
      });
      if (stored) {
        await finish('completed', { analysisId: stored, reused: true, branches: fetched.branches });
        return state;
      }

      try {
        const analysisId = await analyseOnHost(input, fetched, state);
        await finish('completed', { analysisId, branches: fetched.branches });
        return state;
      } catch (err) {
        if (hostAttempt < MAX_HOST_ATTEMPTS && hostGone(err)) continue;
        throw err;
      }
    }
  } catch (err) {
    if (isCancellation(err)) {
      await finish('cancelled', { error: { code: VisualizationErrorCode.cancelled, message: 'The visualization was cancelled' } });
      throw err;
    }
    const error = { code: errorCode(err), message: failureMessage(err) };
    await finish('failed', { error });
    throw ApplicationFailure.create({ type: 'VisualizationFailed', message: error.message, nonRetryable: true, details: [error] });
  }
}

/** Analyse, then store, on the worker whose queue `fetched.hostQueue` names. */
async function analyseOnHost(input: VisualizationInput, fetched: FetchedForAnalysis, state: VisualizationState): Promise<string> {
  const onHost = (summary: string) =>
    proxyActivities<VisualizationActivities>({
      taskQueue: fetched.hostQueue,
      // No poller on the host queue for this long: that worker is gone.
      scheduleToStartTimeout: '1 minute',
      startToCloseTimeout: '1 hour',
      heartbeatTimeout: '30 seconds',
      retry: { initialInterval: '2 seconds', backoffCoefficient: 2, maximumInterval: '1 minute', maximumAttempts: 3, nonRetryableErrorTypes: FINAL_FAILURES },
      summary,
    });
  state.step = 'analyse';
  const analysed = await onHost('Analyse the repository').analyseRepository({
    visualizationId: input.visualizationId,
    gitDir: fetched.gitDir,
    branch: fetched.branch,
    maxCommits: input.maxCommits,
    analysisDepth: input.analysisDepth,
  });
  state.step = 'store';
  return onHost('Store the analysis').storeAnalysis({
    visualizationId: input.visualizationId,
    userId: input.userId,
    file: analysed.file,
    url: fetched.url,
    analysisDepth: input.analysisDepth,
    maxCommits: input.maxCommits,
  });
}

/** The worker that holds the clone is gone: its queue went unpolled, or its hand-off file with it. */
function hostGone(err: unknown): boolean {
  for (let current: unknown = err; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof TimeoutFailure && current.timeoutType === 'SCHEDULE_TO_START') return true;
    if (current instanceof ApplicationFailure && current.type === VisualizationFailureType.analysisFileMissing) return true;
  }
  return false;
}

function errorCode(err: unknown): string {
  const types: string[] = [];
  for (let current: unknown = err; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current instanceof ApplicationFailure && current.type) types.push(current.type);
  }
  const byType: Record<string, string> = {
    [VisualizationFailureType.repositoryNotFound]: VisualizationErrorCode.repositoryNotFound,
    [VisualizationFailureType.branchNotFound]: VisualizationErrorCode.branchNotFound,
    [VisualizationFailureType.repositoryUrlRefused]: VisualizationErrorCode.repositoryUrlRefused,
    [VisualizationFailureType.repositoryLimit]: VisualizationErrorCode.repositoryLimit,
    [VisualizationFailureType.repositoryUnavailable]: VisualizationErrorCode.repositoryUnavailable,
  };
  for (const type of types) if (byType[type]) return byType[type]!;
  return VisualizationErrorCode.analysisFailed;
}

/** The innermost failure's message (clipped: it travels in payloads). */
function failureMessage(err: unknown): string {
  let message = 'The analysis failed';
  for (let current: unknown = err; current instanceof Error; current = (current as { cause?: unknown }).cause) {
    if (current.message && !(current instanceof ActivityFailure)) message = current.message;
  }
  return clip(message, MAX_MESSAGE_CHARS);
}
