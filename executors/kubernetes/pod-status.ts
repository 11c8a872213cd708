import type { V1Job, V1Pod } from './kubernetes-types';
import { AGENT_CONTAINER } from './job-spec';

/** What the executor makes of an agent pod's status. */
export type PodState =
  /** Pending: no node has the free resources (GPUs) it asks for. Waits; never a failure. */
  | { kind: 'unschedulable'; message: string }
  /** Scheduled; the image is being pulled or the container created. */
  | { kind: 'starting' }
  /** Cannot start, and retrying the same spec will not help: fails the task at once. */
  | { kind: 'unstartable'; reason: string; message: string }
  | { kind: 'running' }
  | { kind: 'terminated'; exitCode: number; reason: string; message: string }
  /** Taken away by the cluster (eviction, preemption, a lost node): another attempt may succeed. */
  | { kind: 'disrupted'; reason: string; message: string };

/** Container waiting reasons that mean the spec or image is wrong. */
const UNSTARTABLE_REASONS = new Set([
  'ErrImagePull',
  'ImagePullBackOff',
  'InvalidImageName',
  'ErrImageNeverPull',
  'CreateContainerConfigError',
  'CreateContainerError',
]);

export function podState(pod: V1Pod, container = AGENT_CONTAINER): PodState {
  const status = pod.status ?? {};
  const conditions = status.conditions ?? [];
  const disruption = conditions.find((c) => c.type === 'DisruptionTarget' && c.status === 'True');
  if (disruption) return { kind: 'disrupted', reason: disruption.reason ?? 'DisruptionTarget', message: disruption.message ?? '' };
  if (status.phase === 'Failed' && status.reason === 'Evicted') return { kind: 'disrupted', reason: 'Evicted', message: status.message ?? '' };

  // An init container (the repository checkout) that failed: the pod never ran the agent.
  const failedInit = status.initContainerStatuses?.find((c) => c.state?.terminated && c.state.terminated.exitCode !== 0);
  if (failedInit?.state?.terminated) {
    const t = failedInit.state.terminated;
    return { kind: 'disrupted', reason: 'InitContainerFailed', message: `init container ${failedInit.name} exited with code ${t.exitCode}${t.message ? `: ${t.message.trim().split('\n').slice(-2).join(' | ')}` : ''}` };
  }
  const state = status.containerStatuses?.find((c) => c.name === container)?.state;
  if (state?.terminated) {
    const t = state.terminated;
    return { kind: 'terminated', exitCode: t.exitCode, reason: t.reason ?? (t.exitCode === 0 ? 'Completed' : 'Error'), message: t.message ?? '' };
  }
  if (state?.running) return { kind: 'running' };
  const waiting = state?.waiting;
  if (waiting?.reason && UNSTARTABLE_REASONS.has(waiting.reason)) {
    return { kind: 'unstartable', reason: waiting.reason, message: waiting.message ?? '' };
  }
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False' && scheduled.reason === 'Unschedulable') {
    return { kind: 'unschedulable', message: scheduled.message ?? '' };
  }
  if (status.phase === 'Failed') {
    return { kind: 'disrupted', reason: status.reason ?? 'Failed', message: status.message ?? 'the pod failed before its container ran' };
  }
  return { kind: 'starting' };
}

/** Milliseconds from the pod's creation to its binding to a node; undefined until it is bound. */
export function scheduledAfterMs(pod: V1Pod): number | undefined {
  const scheduled = pod.status?.conditions?.find((c) => c.type === 'PodScheduled' && c.status === 'True');
  const created = pod.metadata?.creationTimestamp;
  if (!scheduled?.lastTransitionTime || !created) return undefined;
  return Math.max(0, time(scheduled.lastTransitionTime) - time(created));
}

/** The Job's terminal condition, if it has one. */
export function jobOutcome(job: V1Job): { kind: 'complete' } | { kind: 'failed'; reason: string; message: string } | undefined {
  for (const c of job.status?.conditions ?? []) {
    if (c.status !== 'True') continue;
    if (c.type === 'Complete') return { kind: 'complete' };
    if (c.type === 'Failed') return { kind: 'failed', reason: c.reason ?? 'Failed', message: c.message ?? '' };
  }
  return undefined;
}

/**
 * How a terminated agent container ended the run when no final protocol line came: undefined
 * leaves it to the exit code (the agent crashed: retried).
 */
export function terminationFailure(state: Extract<PodState, { kind: 'terminated' }>, memory: string): { message: string; retryable: boolean } | undefined {
  if (state.reason === 'OOMKilled') {
    return { message: `The agent ran out of memory (OOMKilled at its ${memory} limit) without a result`, retryable: true };
  }
  if (state.reason === 'StartError' || state.reason === 'ContainerCannotRun') {
    return { message: `The agent's container could not run: ${state.reason}${state.message ? `: ${state.message}` : ''}`, retryable: false };
  }
  if (state.reason === 'DeadlineExceeded') {
    return { message: 'The agent passed its Job deadline (the task time limit)', retryable: false };
  }
  return undefined;
}

export function isPodTerminal(pod: V1Pod): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}

/** Watch events carry timestamps as strings; typed API answers as Dates. */
function time(value: Date | string): number {
  return new Date(value).getTime();
}

/**
 * What a Job's `FailedCreate` message (its pod was not created) means for the run:
 * - `quota`: a ResourceQuota is full; the pod is made once it has room (a wait, like GPUs);
 * - `refused`: admission said no (Pod Security, a webhook's denial, a missing RuntimeClass); a
 *   retry would be refused alike;
 * - `transient`: the API server could not decide (a webhook it could not call, a timeout); the
 *   Job controller tries again.
 */
export function podCreationRefusal(message: string): 'quota' | 'refused' | 'transient' {
  if (/exceeded quota/i.test(message)) return 'quota';
  if (/failed calling webhook|Internal error occurred|timeout|try again/i.test(message)) return 'transient';
  if (/is forbidden|denied the request|is invalid/i.test(message)) return 'refused';
  return 'transient';
}
