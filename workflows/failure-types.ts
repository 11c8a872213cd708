// Failure types that retrying cannot fix, named once for activities (which throw them) and
// workflows (whose retry policies list them). Plain constants: safe in workflow code.

export const NonRetryableFailureType = {
  /**
   * The Temporal SDK's own check of a payload against the limit (sdk-core
   * `PAYLOADS_TOO_LARGE_FAILURE_TYPE`). The SDK marks it retryable; no retry of the same input
   * fixes it.
   */
  payloadsTooLarge: 'PayloadsTooLarge',
  /** A bookkeeping activity found no row for its task or orchestration (activities/projection.ts). */
  projectionRowMissing: 'ProjectionRowMissing',
} as const;

/** For `retry.nonRetryableErrorTypes` of every activity call. */
export const NON_RETRYABLE_FAILURE_TYPES: string[] = Object.values(NonRetryableFailureType);
