import { proxyActivities, type ActivityOptions } from '@temporalio/workflow';

/**
 * Options of bookkeeping activities (Postgres writes, signals): short, and retried until the
 * database or server answers again, since giving up would leave rows behind the workflow.
 */
export const BOOKKEEPING_ACTIVITY: ActivityOptions = {
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', backoffCoefficient: 2, maximumInterval: '1 minute' },
};

/**
 * Bookkeeping activities whose calls carry `summary`, the one line the Temporal UI shows for
 * that step (e.g. "Record the task as completed").
 */
export function bookkeepingStep<A extends object>(summary: string): A {
  return proxyActivities<A>({ ...BOOKKEEPING_ACTIVITY, summary }) as A;
}
