import type { V1Pod } from './kubernetes-types';
import { jobOutcome, podCreationRefusal, podState, scheduledAfterMs, terminationFailure } from './pod-status';

function pod(status: V1Pod['status'], created = '2026-11-23T10:00:00Z'): V1Pod {
  return { metadata: { name: 'p', creationTimestamp: created as unknown as Date }, status };
}

function waiting(reason: string, message = '') {
  return pod({ phase: 'Pending', containerStatuses: [{ name: 'agent', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason, message } } }] });
}

describe('podState', () => {
  it('reads Pending with PodScheduled=False/Unschedulable as waiting for capacity', () => {
    const state = podState(pod({ phase: 'Pending', conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: '0/3 nodes: Insufficient nvidia.com/gpu' }] }));
    expect(state).toEqual({ kind: 'unschedulable', message: '0/3 nodes: Insufficient nvidia.com/gpu' });
  });

  it.each(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'CreateContainerConfigError'])('reads %s as unstartable, with its message', (reason) => {
    expect(podState(waiting(reason, 'pull access denied'))).toEqual({ kind: 'unstartable', reason, message: 'pull access denied' });
  });

  it('reads a failed init container (the repository checkout) as a disruption naming it and its last output, retried', () => {
    const state = podState(
      pod({
        phase: 'Failed',
        initContainerStatuses: [
          { name: 'clone', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 128, reason: 'Error', message: "Cloning into '/workspace'...\nfatal: unable to access 'https://git.example.com/r.git/': Could not resolve host\n" } } },
        ],
        containerStatuses: [{ name: 'agent', image: 'i', imageID: '', ready: false, restartCount: 0, state: { waiting: { reason: 'PodInitializing' } } }],
      }),
    );
    expect(state).toEqual({
      kind: 'disrupted',
      reason: 'InitContainerFailed',
      message: "init container clone exited with code 128: Cloning into '/workspace'... | fatal: unable to access 'https://git.example.com/r.git/': Could not resolve host",
    });
  });

  it('reads ContainerCreating as starting and a running container as running', () => {
    expect(podState(waiting('ContainerCreating'))).toEqual({ kind: 'starting' });
    expect(podState(pod({ phase: 'Running', containerStatuses: [{ name: 'agent', image: 'i', imageID: '', ready: true, restartCount: 0, state: { running: {} } }] }))).toEqual({ kind: 'running' });
  });

  it('reads OOMKilled as terminated, and a retryable failure without a result', () => {
    const state = podState(
      pod({ phase: 'Failed', containerStatuses: [{ name: 'agent', image: 'i', imageID: '', ready: false, restartCount: 0, state: { terminated: { exitCode: 137, reason: 'OOMKilled' } } }] }),
    );
    expect(state).toEqual({ kind: 'terminated', exitCode: 137, reason: 'OOMKilled', message: '' });
    expect(terminationFailure(state as Extract<typeof state, { kind: 'terminated' }>, '2Gi')).toEqual({
      message: 'The agent ran out of memory (OOMKilled at its 2Gi limit) without a result',
      retryable: true,
    });
  });

  it('reads eviction, preemption and node loss as disruptions', () => {
    expect(podState(pod({ phase: 'Failed', reason: 'Evicted', message: 'The node was low on resource: memory.' }))).toEqual({
      kind: 'disrupted',
      reason: 'Evicted',
      message: 'The node was low on resource: memory.',
    });
    expect(podState(pod({ phase: 'Running', conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] }))).toMatchObject({
      kind: 'disrupted',
      reason: 'DeletionByTaintManager',
    });
  });
});

it('scheduledAfterMs measures creation to binding, from strings or Dates', () => {
  const bound = pod({ conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-23T10:00:42Z' as unknown as Date }] });
  expect(scheduledAfterMs(bound)).toBe(42_000);
  expect(scheduledAfterMs(pod({ conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' }] }))).toBeUndefined();
});

it('jobOutcome reads the Complete and Failed conditions', () => {
  expect(jobOutcome({ status: { conditions: [{ type: 'Complete', status: 'True' }] } })).toEqual({ kind: 'complete' });
  expect(jobOutcome({ status: { conditions: [{ type: 'Failed', status: 'True', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' }] } })).toEqual({
    kind: 'failed',
    reason: 'DeadlineExceeded',
    message: 'Job was active longer than specified deadline',
  });
  expect(jobOutcome({ status: {} })).toBeUndefined();
});

describe('podCreationRefusal', () => {
  // Messages as the Job controller writes them in FailedCreate events (without "Error creating: ").
  it.each([
    ['pods "j-x" is forbidden: exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=2, limited: requests.nvidia.com/gpu=2', 'quota'],
    ['pods "j-x" is forbidden: violates PodSecurity "restricted:latest": allowPrivilegeEscalation != false', 'refused'],
    ['admission webhook "validate.kyverno.svc-fail" denied the request: policy require-labels failed', 'refused'],
    ['pods "j-x" is forbidden: pod rejected: RuntimeClass "nvidia" not found', 'refused'],
    ['Internal error occurred: failed calling webhook "validate.kyverno.svc-fail": context deadline exceeded', 'transient'],
    ['the server was unable to return a response in the time allotted, but may still be processing the request', 'transient'],
  ])('%s → %s', (message, kind) => {
    expect(podCreationRefusal(message)).toBe(kind);
  });
});
