import { proxyActivities, proxyLocalActivities, type ActivityOptions, type LocalActivityOptions } from '@temporalio/workflow';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';

/**
 * Options of bookkeeping activities (Postgres writes, signals): short attempts, retried while
 * the database or server is away, for at most 10 minutes in all. Past that the workflow fails
 * and the reconciler records its end (DESIGN.md "Keeping the projection true"): nothing retries
 * forever. Errors no retry can fix (a payload over Temporal's limit, a row this database does
 * not have) are not retried.
 */
export const BOOKKEEPING_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  scheduleToCloseTimeout: '10 minutes',
  retry: {
    initialInterval: '1 second',
    backoffCoefficient: 2,
    maximumInterval: '1 minute',
    nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES,
  },
};

/**
 * Bookkeeping activities whose calls carry `summary`, the one line the Temporal UI shows for
 * that step (e.g. "Record the task as completed").
 */
export function bookkeepingStep<A extends object>(summary: string): A {
  return proxyActivities<A>({ ...BOOKKEEPING_ACTIVITY, summary }) as A;
}

/**
 * Bookkeeping run as a local activity: in the workflow's own worker, within its workflow task,
 * with no round trip through a task queue. For a short write on the path between one agent and
 * the next (a task recording its start). Same bounds as BOOKKEEPING_ACTIVITY.
 */
export function localBookkeepingStep<A extends object>(summary: string): A {
  const options: LocalActivityOptions = {
    startToCloseTimeout: '1 minute',
    scheduleToCloseTimeout: '10 minutes',
    retry: BOOKKEEPING_ACTIVITY.retry,
    summary,
  };
  return proxyLocalActivities<A>(options) as A;
}
