import { continueAsNew, log, proxyActivities, setHandler, sleep, workflowInfo } from '@temporalio/workflow';
import type { ReconcileActivities } from '../activities/reconcile.activities';
import { NON_RETRYABLE_FAILURE_TYPES } from './failure-types';
import {
  projectionReconcilerStateQuery,
  type ProjectionReconcilerInput,
  type ProjectionReconcilerState,
} from './projection-reconciler.definitions';

/** Passes per run before continuing as new: about 11 events each, so a run stays near 2,200. */
const PASSES_PER_RUN = 200;

const { reconcileProjection } = proxyActivities<ReconcileActivities>({
  summary: 'Find rows that did not follow their workflow, and correct them',
  startToCloseTimeout: '5 minutes',
  heartbeatTimeout: '1 minute',
  retry: { maximumAttempts: 3, initialInterval: '1 second', nonRetryableErrorTypes: NON_RETRYABLE_FAILURE_TYPES },
});

/**
 * Keeps the Postgres projection true to Temporal (DESIGN.md "Keeping the projection true"): every
 * `intervalSeconds` a pass records the ends no activity recorded (a terminate from the Temporal UI,
 * a run whose last bookkeeping step gave up) and starts rows whose workflow was never started.
 * Each correction is logged by the worker and stored in `projection_corrections`; the totals are
 * this workflow's `state` query. A failed pass is reported and the next one tries again.
 */
export async function projectionReconciler(input: ProjectionReconcilerInput): Promise<void> {
  const state: ProjectionReconcilerState = { passes: input.passes ?? 0, totals: { ...input.totals }, lastCorrections: [] };
  setHandler(projectionReconcilerStateQuery, () => state);
  let since = input.since;
  for (let pass = 0; pass < PASSES_PER_RUN && !workflowInfo().continueAsNewSuggested; pass++) {
    try {
      const result = await reconcileProjection({ since, lookbackSeconds: input.lookbackSeconds });
      since = result.nextSince;
      state.lastCorrections = result.examples;
      state.lastError = undefined;
      state.lastRowFailures = result.failures.length > 0 ? result.failures : undefined;
      for (const [cause, n] of Object.entries(result.byCause)) state.totals[cause] = (state.totals[cause] ?? 0) + (n ?? 0);
    } catch (err) {
      state.lastError = err instanceof Error ? err.message : String(err);
      log.warn('reconciliation pass failed; the next pass tries again', { error: state.lastError });
    }
    state.passes += 1;
    state.lastPassAt = new Date().toISOString();
    await sleep(`${input.intervalSeconds} seconds`, { summary: 'Until the next reconciliation pass' });
  }
  await continueAsNew<typeof projectionReconciler>({ ...input, since, totals: state.totals, passes: state.passes });
}
