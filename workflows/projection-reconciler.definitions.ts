import { defineQuery } from '@temporalio/workflow';
import type { ProjectionCorrection } from '../activities/reconcile.activities';

/** Workflow ID of a deployment's reconciler: one per task-queue prefix (and namespace). */
export const projectionReconcilerWorkflowId = (taskQueuePrefix: string) => `${taskQueuePrefix}-projection-reconciler`;

export interface ProjectionReconcilerInput {
  /** Seconds between passes. */
  intervalSeconds: number;
  /** How far back the first pass reads closed workflows (seconds). */
  lookbackSeconds: number;
  /** Carried from run to run: where the next pass reads from, and what was corrected so far. */
  since?: string;
  totals?: Record<string, number>;
  passes?: number;
}

/** What ops read in the Temporal UI ("Queries" → `state`). */
export interface ProjectionReconcilerState {
  passes: number;
  /** Corrections by cause since the reconciler started (across continued runs). */
  totals: Record<string, number>;
  lastPassAt?: string;
  /** The first few corrections of the last pass. */
  lastCorrections: ProjectionCorrection[];
  lastError?: string;
  /** Unstarted rows the last pass could not start (`<id>: <error>`, the first few); the pass went on without them. */
  lastRowFailures?: string[];
}

export const projectionReconcilerStateQuery = defineQuery<ProjectionReconcilerState>('state');
