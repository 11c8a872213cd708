import { setTimeout as sleep } from 'node:timers/promises';
import type { V1Job, V1Pod } from './kubernetes-types';
import { readAgentLine, type AgentLine, type ProtocolViolation } from '../../agents/protocol';
import type { Logger } from '../../lib/logger';
import type { AgentExit, AgentRun, RunNotice } from '../agent-executor';
import { AsyncQueue } from './async-queue';
import { AGENT_CONTAINER, runSelector } from './job-spec';
import { apiStatus, isNotFound, type KubernetesApi } from './kubernetes-api';
import { PodLogReader } from './pod-log-reader';
import { isPodTerminal, jobOutcome, podCreationRefusal, podState, scheduledAfterMs, terminationFailure } from './pod-status';
import { ResourceWatch } from './resource-watch';

/** Non-protocol log lines (the agent's own logging) kept for the error message of a crash. */
const TAIL_LINES = 20;
/** A finished container's log stream that has not ended by then is read again from the start. */
const LOG_DRAIN_MS = 3_000;
/** Beyond the stop grace period: time for the kubelet to report the container's end. */
const STOP_MARGIN_MS = 5_000;
/** A wait for capacity this short, seen only in timestamps (by a worker that adopted the run), is not reported. */
const NOTABLE_WAIT_MS = 1_000;
/** While a Job has no pod, how often its events are read for a refused pod (FailedCreate). */
const ADMISSION_CHECK_MS = 1_000;

export interface KubernetesAgentRunOptions {
  api: KubernetesApi;
  runName: string;
  jobName: string;
  /** GPUs the pod asks for: "waiting for GPU capacity" rather than "cluster capacity". */
  gpus: number;
  /** The memory limit, for the OOMKilled message. */
  memory: string;
  logger: Logger;
}

interface LogFollow {
  pod: string;
  reader: PodLogReader;
  ended: boolean;
  drainTimer?: NodeJS.Timeout;
}

/**
 * One agent Job, watched: the Job and its pod through list+watch, the pod's log followed into
 * protocol lines, and the executor's own notices (waiting for capacity) beside them. The run
 * ends when the container has ended and its log is read, or at once when the pod cannot start
 * (not retryable) or was taken away by the cluster (retryable).
 */
export class KubernetesAgentRun implements AgentRun {
  readonly runName: string;
  readonly lines: AsyncIterable<AgentLine | RunNotice | ProtocolViolation>;
  readonly exited: Promise<AgentExit>;

  private readonly queue = new AsyncQueue<AgentLine | RunNotice | ProtocolViolation>();
  private resolveExited!: (exit: AgentExit) => void;
  private readonly log: Logger;
  private job?: V1Job;
  private jobGone = false;
  private readonly pods = new Map<string, V1Pod>();
  private readonly watches: { stop(): void }[] = [];
  private follow?: LogFollow;
  private readonly tail: string[] = [];
  private readonly noticed = new Set<string>();
  /** Local time each pod (by uid) was first seen unschedulable. */
  private readonly waitSeenAt = new Map<string, number>();
  private sawFinalLine = false;
  private finished = false;
  private stopping?: Promise<void>;
  /** The pending read of the Job's events while it has no pod. */
  private admissionCheck?: NodeJS.Timeout;
  /** The worker may not read events (RBAC): refused pods then show only at the Job's deadline. */
  private eventsForbidden = false;
  /** Local time a quota first refused this Job's pod. */
  private quotaWaitSince?: number;

  constructor(private readonly options: KubernetesAgentRunOptions) {
    this.runName = options.runName;
    this.lines = this.queue;
    this.exited = new Promise((resolve) => {
      this.resolveExited = resolve;
    });
    this.log = options.logger.child({ job: options.jobName });
  }

  /** Starts watching the Job and its pods. */
  start(): this {
    const { api, jobName } = this.options;
    const { namespace } = api;
    const fieldSelector = `metadata.name=${jobName}`;
    const jobs = new ResourceWatch<V1Job>(
      api.watch,
      {
        path: `/apis/batch/v1/namespaces/${namespace}/jobs`,
        fieldSelector,
        list: () => api.batch.listNamespacedJob({ namespace, fieldSelector }),
      },
      {
        onSync: (items) => {
          this.job = items[0];
          this.jobGone = !this.job;
          this.evaluate();
        },
        onEvent: (type, job) => {
          if (type === 'DELETED') this.jobGone = true;
          else this.job = job;
          this.evaluate();
        },
      },
      this.log,
    );
    const labelSelector = runSelector(jobName);
    const pods = new ResourceWatch<V1Pod>(
      api.watch,
      {
        path: `/api/v1/namespaces/${namespace}/pods`,
        labelSelector,
        list: () => api.core.listNamespacedPod({ namespace, labelSelector }),
      },
      {
        onSync: (items) => {
          this.pods.clear();
          for (const pod of items) this.pods.set(pod.metadata?.name ?? '', pod);
          this.evaluate();
        },
        onEvent: (type, pod) => {
          if (type === 'DELETED') this.pods.delete(pod.metadata?.name ?? '');
          else this.pods.set(pod.metadata?.name ?? '', pod);
          this.evaluate();
        },
      },
      this.log,
    );
    this.watches.push(jobs, pods);
    jobs.start();
    pods.start();
    return this;
  }

  /**
   * Deletes the pod with `graceMs` to go (SIGTERM now, SIGKILL after), reads what the agent
   * writes meanwhile (its partial result), then deletes the Job with propagation Background,
   * which takes the pod and the spec Secret with it.
   */
  stop(graceMs: number): Promise<void> {
    this.stopping ??= this.stopNow(graceMs);
    return this.stopping;
  }

  /** Stops watching and leaves the Job running: the worker is going away, the next attempt adopts it. */
  detach(): void {
    this.stopping ??= Promise.resolve();
    this.finish({ failure: { message: 'The worker shut down; the next attempt takes over the running agent', retryable: true } });
  }

  private async stopNow(graceMs: number): Promise<void> {
    const pod = this.currentPod();
    if (!this.finished && !pod && this.quotaWaitSince !== undefined) {
      const waited = Date.now() - this.quotaWaitSince;
      this.notice({ key: 'quota-abandoned', message: `Stopped after waiting ${seconds(waited)} for namespace quota`, capacityWaitMs: waited });
    }
    if (!this.finished && pod && !isPodTerminal(pod) && !this.sawFinalLine) {
      if (podState(pod).kind === 'unschedulable') this.noticeAbandonedWait(pod);
      await this.deletePod(pod, Math.ceil(graceMs / 1000));
      await Promise.race([this.exited, sleep(graceMs + STOP_MARGIN_MS, undefined, { ref: false })]);
    }
    await this.deleteJob();
    this.finish({ failure: { message: 'The agent was stopped', retryable: true } });
  }

  /** The pod whose log is followed, else the Job's newest pod. */
  private currentPod(): V1Pod | undefined {
    if (this.follow) return this.pods.get(this.follow.pod);
    let newest: V1Pod | undefined;
    for (const pod of this.pods.values()) {
      if (!newest || created(pod) > created(newest)) newest = pod;
    }
    return newest;
  }

  private evaluate(): void {
    if (this.finished) return;
    const pod = this.currentPod();
    if (!pod) {
      // A followed pod that vanished ends its log stream by itself (404): wait for that.
      if (this.follow && !this.follow.ended) return;
      if (this.stopping) return this.finish({ failure: { message: 'The agent was stopped', retryable: true } });
      if (this.jobGone) return this.finish({ failure: { message: "The agent's Job was deleted before the agent finished", retryable: true } });
      const outcome = this.job && jobOutcome(this.job);
      if (outcome?.kind === 'failed') {
        const message = `The agent's Job failed: ${outcome.reason}${outcome.message ? `: ${outcome.message}` : ''}`;
        return this.finish({ failure: { message, retryable: outcome.reason !== 'DeadlineExceeded' } });
      }
      if (this.follow) {
        return this.finish({ failure: { message: "The agent's pod was deleted before the agent finished (its node may have been lost)", retryable: true } });
      }
      // The Job controller has not made the pod yet, or admission (a quota, Pod Security) refused it.
      if (this.job) this.scheduleAdmissionCheck();
      return;
    }
    this.noticeQuotaLifted();
    this.noticeCapacity(pod);
    const state = podState(pod);
    switch (state.kind) {
      case 'unschedulable':
      case 'starting':
        return;
      case 'unstartable':
        return this.finish({
          failure: { message: `The agent could not start: ${state.reason}${state.message ? `: ${state.message}` : ''}`, retryable: false },
        });
      case 'disrupted':
        return this.finish({
          failure: {
            message: `The agent's pod was stopped by the cluster (${state.reason})${state.message ? `: ${state.message}` : ''}`,
            retryable: true,
          },
        });
      case 'running':
        this.followLog(pod);
        return;
      case 'terminated': {
        const follow = this.followLog(pod);
        if (!follow.ended) {
          follow.drainTimer ??= setTimeout(() => follow.reader.abort(), LOG_DRAIN_MS).unref();
          return;
        }
        return this.finish({
          code: state.exitCode,
          failure: this.sawFinalLine ? undefined : terminationFailure(state, this.options.memory),
        });
      }
    }
  }

  private followLog(pod: V1Pod): LogFollow {
    const name = pod.metadata?.name ?? '';
    if (this.follow?.pod === name) return this.follow;
    const reader = new PodLogReader(this.options.api.kubeConfig, { namespace: this.options.api.namespace, pod: name, container: AGENT_CONTAINER }, (line) =>
      this.onLogLine(line),
    );
    const follow: LogFollow = { pod: name, reader, ended: false };
    this.follow = follow;
    void this.readLog(follow);
    return follow;
  }

  /** Follows the log until the container has ended and every line is read. */
  private async readLog(follow: LogFollow): Promise<void> {
    let failures = 0;
    while (!this.finished) {
      let ended = false;
      try {
        ended = (await follow.reader.follow()) === 'ended';
        failures = 0;
      } catch (err) {
        // 404: the pod, and its log with it, is gone. 400: the container has not started yet.
        if (isNotFound(err)) break;
        failures += 1;
        if (apiStatus(err)?.code !== 400) this.log.warn({ err, failures }, 'reading the agent log failed; retrying');
      }
      const pod = this.pods.get(follow.pod);
      if (!pod) break;
      const kind = podState(pod).kind;
      if (ended && (kind === 'terminated' || kind === 'disrupted' || isPodTerminal(pod))) break;
      // Ended early (the server closed it, or the container's end is not reported yet): read again.
      await sleep(failures > 0 ? Math.min(250 * 2 ** failures, 5_000) : 200, undefined, { ref: false });
    }
    clearTimeout(follow.drainTimer);
    follow.ended = true;
    this.evaluate();
  }

  private onLogLine(raw: string): void {
    if (this.finished || !raw.trim()) return;
    const read = readAgentLine(raw);
    if (read.kind === 'other') {
      // The agent's own logging (stderr shares the pod log): kept for a crash's message.
      this.tail.push(raw.slice(0, 500));
      if (this.tail.length > TAIL_LINES) this.tail.shift();
      return;
    }
    const line = read.kind === 'line' ? read.line : read.violation;
    if (line.type !== 'progress') this.sawFinalLine = true;
    this.queue.push(line);
  }

  private scheduleAdmissionCheck(): void {
    if (this.admissionCheck || this.eventsForbidden || this.finished) return;
    this.admissionCheck = setTimeout(() => void this.checkAdmission(), ADMISSION_CHECK_MS);
    this.admissionCheck.unref();
  }

  /**
   * Reads the Job's `FailedCreate` events: a pod refused by a quota waits, like a pod waiting
   * for GPUs ("Waiting for namespace quota"); refused for any other reason (Pod Security, an
   * admission webhook, a missing RuntimeClass) it will never start, and the run fails now.
   */
  private async checkAdmission(): Promise<void> {
    const { api, jobName } = this.options;
    let refusal: string | undefined;
    try {
      const events = await api.core.listNamespacedEvent({
        namespace: api.namespace,
        fieldSelector: `involvedObject.kind=Job,involvedObject.name=${jobName}`,
      });
      const uid = this.job?.metadata?.uid;
      const failed = events.items
        .filter((e) => e.reason === 'FailedCreate' && (!uid || !e.involvedObject.uid || e.involvedObject.uid === uid))
        .sort((a, b) => eventTime(b) - eventTime(a))[0];
      refusal = failed?.message?.replace(/^Error creating: /, '');
    } catch (err) {
      if (apiStatus(err)?.code === 403) {
        this.eventsForbidden = true;
        this.log.warn("the worker may not list events (RBAC): a pod refused by admission will show only at the Job's deadline");
      } else {
        this.log.warn({ err }, 'reading the Job events failed; trying again');
      }
    }
    this.admissionCheck = undefined;
    if (this.finished || this.currentPod()) return;
    const kind = refusal === undefined ? undefined : podCreationRefusal(refusal);
    if (kind === 'quota') {
      if (this.quotaWaitSince === undefined) {
        this.quotaWaitSince = Date.now();
        this.log.info({ refusal }, 'agent pod waits for namespace quota');
      }
      this.notice({ key: 'quota-wait', message: `Waiting for namespace quota: ${refusal}` });
    } else if (kind === 'refused') {
      return this.finish({ failure: { message: `The cluster refused the agent's pod: ${refusal}`, retryable: false } });
    } else if (kind === 'transient' && !this.noticed.has('pod-not-created')) {
      this.log.warn({ refusal }, 'Kubernetes could not create the agent pod yet; the Job controller tries again');
      this.notice({ key: 'pod-not-created', message: `Kubernetes has not created the agent's pod yet: ${refusal}` });
    }
    this.scheduleAdmissionCheck();
  }

  private noticeQuotaLifted(): void {
    if (this.quotaWaitSince === undefined) return;
    const waited = Date.now() - this.quotaWaitSince;
    this.notice({ key: 'quota-found', message: `Namespace quota allowed the agent's pod after ${seconds(waited)}`, capacityWaitMs: waited });
  }

  /** "Waiting for GPU capacity" while the pod is unschedulable, then how long it waited. */
  private noticeCapacity(pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? pod.metadata?.name ?? '';
    const state = podState(pod);
    if (state.kind === 'unschedulable') {
      if (!this.waitSeenAt.has(uid)) {
        this.waitSeenAt.set(uid, Date.now());
        this.log.info({ pod: pod.metadata?.name, scheduler: state.message }, 'agent pod waits for capacity');
      }
      this.notice({ key: `capacity-wait:${uid}`, message: `Waiting for ${this.capacityKind()}` });
      return;
    }
    const after = scheduledAfterMs(pod);
    if (after === undefined) return;
    const seenAt = this.waitSeenAt.get(uid);
    if (seenAt === undefined && after < NOTABLE_WAIT_MS) return;
    // Timestamps have whole seconds; the local clock measures a wait this worker saw itself.
    const waited = Math.max(after, seenAt === undefined ? 0 : Date.now() - seenAt);
    this.notice({ key: `capacity-found:${uid}`, message: `${capitalized(this.capacityKind())} found after ${seconds(waited)}`, capacityWaitMs: waited });
  }

  private noticeAbandonedWait(pod: V1Pod): void {
    const uid = pod.metadata?.uid ?? pod.metadata?.name ?? '';
    const waited = Date.now() - Math.min(this.waitSeenAt.get(uid) ?? Date.now(), created(pod) || Date.now());
    this.notice({ key: `capacity-abandoned:${uid}`, message: `Stopped after waiting ${seconds(waited)} for ${this.capacityKind()}`, capacityWaitMs: waited });
  }

  private capacityKind(): string {
    return this.options.gpus > 0 ? 'GPU capacity' : 'cluster capacity';
  }

  private notice(notice: Omit<RunNotice, 'type'>): void {
    if (this.noticed.has(notice.key)) return;
    this.noticed.add(notice.key);
    this.queue.push({ type: 'notice', ...notice });
  }

  private finish(end: { code?: number; failure?: AgentExit['failure'] }): void {
    if (this.finished) return;
    this.finished = true;
    clearTimeout(this.admissionCheck);
    for (const watch of this.watches) watch.stop();
    if (this.follow) {
      clearTimeout(this.follow.drainTimer);
      this.follow.reader.abort();
    }
    this.queue.close();
    if (end.failure && !this.stopping) this.log.info({ failure: end.failure }, 'agent run ended without a result');
    this.resolveExited({ code: end.code ?? null, signal: null, stderrTail: this.tail.join('\n'), failure: end.failure });
  }

  private async deletePod(pod: V1Pod, gracePeriodSeconds: number): Promise<void> {
    const { api } = this.options;
    try {
      await api.core.deleteNamespacedPod({ name: pod.metadata?.name ?? '', namespace: api.namespace, gracePeriodSeconds });
    } catch (err) {
      if (!isNotFound(err)) this.log.warn({ err }, 'deleting the agent pod failed');
    }
  }

  private async deleteJob(): Promise<void> {
    const { api, jobName } = this.options;
    try {
      await api.batch.deleteNamespacedJob({ name: jobName, namespace: api.namespace, propagationPolicy: 'Background' });
    } catch (err) {
      // Left to the Job's ttlSecondsAfterFinished (or its deadline, if it still runs).
      if (!isNotFound(err)) this.log.warn({ err }, 'deleting the agent Job failed');
    }
  }
}

function created(pod: V1Pod): number {
  const at = pod.metadata?.creationTimestamp;
  return at ? new Date(at).getTime() : 0;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** When an event last happened (events.k8s.io's eventTime, else core's lastTimestamp). */
function eventTime(event: { lastTimestamp?: Date; eventTime?: Date; metadata?: { creationTimestamp?: Date } }): number {
  const at = event.lastTimestamp ?? event.eventTime ?? event.metadata?.creationTimestamp;
  return at ? new Date(at).getTime() : 0;
}
