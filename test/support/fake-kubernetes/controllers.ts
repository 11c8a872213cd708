import { randomBytes } from 'node:crypto';
import { isTerminal, setCondition } from './kubelet';
import { timestamp, type KubeObject, type ObjectStore, type Resource } from './object-store';

export const NODE_NAME = 'fake-gpu-node';
export const GPU = 'nvidia.com/gpu';

/** GPUs a pod asks for (requests, else limits, as the scheduler reads extended resources). */
export function podGpus(pod: KubeObject): number {
  let total = 0;
  for (const container of (pod.spec?.containers ?? []) as { resources?: { requests?: Record<string, string>; limits?: Record<string, string> } }[]) {
    total += Number(container.resources?.requests?.[GPU] ?? container.resources?.limits?.[GPU] ?? 0);
  }
  return total;
}

/**
 * One node with `gpus` GPUs. Pending pods are bound oldest first while their GPUs fit; the
 * others stay Pending with PodScheduled=False, reason Unschedulable. A pod holds its GPUs
 * from binding until it is terminal or gone.
 */
export class FakeScheduler {
  constructor(
    private readonly store: ObjectStore,
    private readonly gpus: number,
  ) {}

  sync(): void {
    const pods = this.store.all('pods');
    let free = this.gpus - pods.filter((p) => p.spec?.nodeName && !isTerminal(p)).reduce((n, p) => n + podGpus(p), 0);
    for (const pod of pods.filter((p) => !p.spec?.nodeName && !p.metadata.deletionTimestamp && !isTerminal(p))) {
      const wanted = podGpus(pod);
      if (wanted <= free) {
        free -= wanted;
        this.store.update('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
          p.spec.nodeName = NODE_NAME;
          setCondition(p, 'PodScheduled', 'True');
        });
      } else {
        this.store.update('pods', pod.metadata.namespace, pod.metadata.name, (p) => {
          setCondition(
            p,
            'PodScheduled',
            'False',
            'Unschedulable',
            `0/1 nodes are available: 1 Insufficient ${GPU}. preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.`,
          );
        });
      }
    }
  }
}

/**
 * The Job controller, for Jobs of one completion: makes the pod from the template, counts its
 * failure against backoffLimit unless a podFailurePolicy rule ignores it (then makes a new
 * pod), enforces activeDeadlineSeconds, writes status and conditions as batch/v1 does
 * (SuccessCriteriaMet + Complete, FailureTarget + Failed), and deletes finished Jobs after
 * ttlSecondsAfterFinished.
 */
export class FakeJobController {
  /** Per Job uid, the fate of each pod it made (pods can vanish before they are looked at again). */
  private readonly outcomes = new Map<string, Map<string, 'succeeded' | 'failed' | 'ignored'>>();
  private readonly timers = new Set<NodeJS.Timeout>();

  /** Jobs whose pod admission refused, with a retry pending. */
  private readonly retrying = new Set<string>();

  constructor(
    private readonly store: ObjectStore,
    private readonly deleteObject: (resource: Resource, namespace: string, name: string, propagationPolicy: string) => void,
    private readonly admit: (pod: KubeObject) => string | undefined = () => undefined,
  ) {}

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }

  /** Notes the fate of a pod of a Job when it turns terminal or is deleted. */
  observePod(pod: KubeObject, deleted: boolean): void {
    const owner = pod.metadata.ownerReferences?.find((o) => o.kind === 'Job' && o.controller);
    if (!owner) return;
    const outcomes = this.outcomes.get(owner.uid) ?? new Map<string, 'succeeded' | 'failed' | 'ignored'>();
    this.outcomes.set(owner.uid, outcomes);
    if (outcomes.has(pod.metadata.uid)) return;
    if (pod.status?.phase === 'Succeeded') outcomes.set(pod.metadata.uid, 'succeeded');
    else if (pod.status?.phase === 'Failed' || deleted) {
      const job = this.store.findByUid(owner.uid)?.object;
      outcomes.set(pod.metadata.uid, job && ignoredByPolicy(job, pod) ? 'ignored' : 'failed');
    }
  }

  sync(): void {
    for (const job of this.store.all('jobs')) this.syncJob(job);
  }

  private syncJob(job: KubeObject): void {
    const { namespace, name, uid } = job.metadata;
    if (job.metadata.deletionTimestamp) return;
    const status = job.status ?? {};
    const conditions = (status.conditions ?? []) as { type: string; status: string }[];
    if (conditions.some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')) return;

    const pods = this.store.all('pods').filter((p) => p.metadata.ownerReferences?.some((o) => o.uid === uid));
    for (const pod of pods) if (isTerminal(pod)) this.observePod(pod, false);
    const outcomes = [...(this.outcomes.get(uid)?.values() ?? [])];
    const succeeded = outcomes.filter((o) => o === 'succeeded').length;
    const failed = outcomes.filter((o) => o === 'failed').length;
    // With a podFailurePolicy, a pod counts only once terminal (podReplacementPolicy: Failed).
    const active = pods.filter((p) => !isTerminal(p));
    const startTime: string = status.startTime ?? timestamp();
    const deadline = job.spec.activeDeadlineSeconds as number | undefined;
    const now = timestamp();

    let finish: { type: 'Complete' | 'Failed'; reason?: string; message?: string } | undefined;
    if (succeeded >= 1) finish = { type: 'Complete' };
    else if (failed > (job.spec.backoffLimit ?? 6)) finish = { type: 'Failed', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    else if (deadline !== undefined && Date.now() >= Date.parse(startTime) + deadline * 1000) {
      finish = { type: 'Failed', reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
    }

    if (finish) {
      for (const pod of active) this.deleteObject('pods', namespace, pod.metadata.name, 'Background');
      this.store.update('jobs', namespace, name, (j) => {
        j.status = { ...j.status, startTime, active: 0, succeeded, failed, ready: 0 };
        if (finish.type === 'Complete') {
          setCondition(j, 'SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
          setCondition(j, 'Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods');
          j.status.completionTime = now;
        } else {
          setCondition(j, 'FailureTarget', 'True', finish.reason, finish.message);
          setCondition(j, 'Failed', 'True', finish.reason, finish.message);
        }
      });
      const ttl = job.spec.ttlSecondsAfterFinished as number | undefined;
      if (ttl !== undefined) this.later(ttl * 1000, () => this.deleteObject('jobs', namespace, name, 'Background'));
      return;
    }

    if (active.length === 0 && !this.retrying.has(uid)) this.createPod(job);
    this.store.update('jobs', namespace, name, (j) => {
      j.status = {
        ...j.status,
        startTime,
        active: Math.max(active.length, 1),
        ready: active.filter((p) => p.status?.phase === 'Running').length,
        succeeded,
        failed,
      };
    });
    if (deadline !== undefined && !status.startTime) this.later(deadline * 1000 + 50, () => this.sync());
  }

  private createPod(job: KubeObject): void {
    const template = structuredClone(job.spec.template);
    const suffix = randomBytes(3).toString('hex').slice(0, 5);
    const pod: KubeObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        ...template.metadata,
        name: `${job.metadata.name}-${suffix}`,
        namespace: job.metadata.namespace,
        labels: {
          ...template.metadata?.labels,
          'batch.kubernetes.io/job-name': job.metadata.name,
          'job-name': job.metadata.name,
          'batch.kubernetes.io/controller-uid': job.metadata.uid,
        },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: job.metadata.name, uid: job.metadata.uid, controller: true, blockOwnerDeletion: true }],
      } as KubeObject['metadata'],
      spec: { ...template.spec, terminationGracePeriodSeconds: template.spec.terminationGracePeriodSeconds ?? 30 },
      status: { phase: 'Pending', qosClass: 'Burstable' },
    };
    const refused = this.admit(pod);
    if (refused === undefined) {
      this.store.create('pods', pod);
      return;
    }
    // As the API server words them: a refusal (403) names the pod; an internal error (500) does not.
    this.recordFailedCreate(job, refused.startsWith('Internal error') ? refused : `pods "${pod.metadata.name}" is forbidden: ${refused}`);
    // As the real controller, try again later (its backoff starts at 1 s; shorter here).
    if (this.retrying.has(job.metadata.uid)) return;
    this.retrying.add(job.metadata.uid);
    this.later(300, () => {
      this.retrying.delete(job.metadata.uid);
      const current = this.store.findByUid(job.metadata.uid)?.object;
      if (current) this.syncJob(current);
    });
  }

  /** A `FailedCreate` Warning event on the Job, counted up when it repeats (as events aggregate). */
  private recordFailedCreate(job: KubeObject, message: string): void {
    const { namespace, name, uid } = job.metadata;
    const eventName = `${name}.failedcreate`;
    const existing = this.store.get('events', namespace, eventName);
    const now = timestamp();
    const event = {
      involvedObject: { apiVersion: 'batch/v1', kind: 'Job', name, namespace, uid },
      reason: 'FailedCreate',
      message: `Error creating: ${message}`,
      source: { component: 'job-controller' },
      reportingComponent: 'job-controller',
      type: 'Warning',
      count: Number(existing?.count ?? 0) + 1,
      firstTimestamp: existing?.firstTimestamp ?? now,
      lastTimestamp: now,
    };
    if (existing) this.store.update('events', namespace, eventName, (e) => Object.assign(e, event));
    else this.store.create('events', { apiVersion: 'v1', kind: 'Event', metadata: { name: eventName, namespace } as KubeObject['metadata'], ...event });
  }

  private later(ms: number, run: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      run();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }
}

function ignoredByPolicy(job: KubeObject, pod: KubeObject): boolean {
  const rules = (job.spec.podFailurePolicy?.rules ?? []) as { action: string; onPodConditions?: { type: string; status?: string }[] }[];
  const conditions = (pod.status?.conditions ?? []) as { type: string; status: string }[];
  return rules.some(
    (rule) =>
      rule.action === 'Ignore' &&
      (rule.onPodConditions ?? []).some((pattern) => conditions.some((c) => c.type === pattern.type && c.status === (pattern.status ?? 'True'))),
  );
}

/**
 * The garbage collector: an object whose owner (by uid) no longer exists is deleted. Deleting
 * an owner with propagation Background is exactly that; Orphan strips the references first.
 */
export class FakeGarbageCollector {
  constructor(
    private readonly store: ObjectStore,
    private readonly deleteObject: (resource: Resource, namespace: string, name: string, propagationPolicy: string) => void,
  ) {}

  sync(): void {
    for (const resource of ['pods', 'secrets', 'jobs'] as const) {
      for (const object of this.store.all(resource)) {
        const owners = object.metadata.ownerReferences ?? [];
        if (owners.length > 0 && owners.every((owner) => !this.store.findByUid(owner.uid)) && !object.metadata.deletionTimestamp) {
          this.deleteObject(resource, object.metadata.namespace, object.metadata.name, 'Background');
        }
      }
    }
  }
}
