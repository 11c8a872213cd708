// A workflow for the payload-limit test: one bookkeeping activity (the options every bookkeeping
// step uses) whose result is over Temporal's payload limit.
import { ActivityFailure, ApplicationFailure } from '@temporalio/workflow';
import { bookkeepingStep } from '../../workflows/activity-options';

export interface OversizedOutcome {
  failureType?: string;
  nonRetryable?: boolean;
}

export async function oversizedResult(): Promise<OversizedOutcome> {
  try {
    await bookkeepingStep<{ hugeResult(): Promise<string> }>('Return more than a payload may hold').hugeResult();
    return {};
  } catch (err) {
    const cause = err instanceof ActivityFailure ? err.cause : undefined;
    return cause instanceof ApplicationFailure ? { failureType: cause.type ?? undefined, nonRetryable: cause.nonRetryable ?? undefined } : { failureType: String(err) };
  }
}
