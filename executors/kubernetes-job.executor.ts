import type { V1Job } from './kubernetes/kubernetes-types';
import type { Logger } from '../lib/logger';
import { AgentLaunchError, type AgentExecutor, type AgentLaunch, type AgentRun } from './agent-executor';
import { EMPTY_AGENT_CATALOG, resolveAgentResources, type AgentCatalog, type AgentResources } from './kubernetes/agent-catalog';
import {
  ANNOTATIONS,
  buildAgentJob,
  WORKSPACE_DIR,
  buildSpecSecret,
  foreignJobReason,
  jobNameFor,
  runSelector,
  specSizeProblem,
  taskSelector,
} from './kubernetes/job-spec';
import { KubernetesAgentRun } from './kubernetes/kubernetes-agent-run';
import { apiStatus, connectKubernetes, isNotFound, type KubernetesApi } from './kubernetes/kubernetes-api';
import { jobOutcome } from './kubernetes/pod-status';

export interface KubernetesJobExecutorOptions {
  logger: Logger;
  /** Default: the kubeconfig context's namespace (in a cluster, the worker's own), else `default`. */
  namespace?: string;
  /** Default: in a pod, its service account; else $KUBECONFIG or ~/.kube/config. */
  kubeconfigPath?: string;
  /** Image and resources per agent type. Default: the built-in defaults for every type. */
  catalog?: AgentCatalog;
  /** The pod's termination grace period: time a stopped agent gets to flush a partial result. */
  stopGraceSeconds: number;
  /** Kubernetes deletes a finished Job (one a dead worker left behind) this long after it ends. */
  jobTtlSeconds: number;
}

/**
 * Runs each agent attempt as a `batch/v1` Job (DESIGN.md "Agents and executors"). The Job's
 * name derives from the run name (workflow, activity, attempt), so launching the same attempt
 * twice finds the first Job; a retry after a worker died adopts the Job that is still running.
 */
export class KubernetesJobExecutor implements AgentExecutor {
  readonly kind = 'kubernetes';
  private api?: Promise<KubernetesApi>;

  constructor(private readonly options: KubernetesJobExecutorOptions) {
    // Load the client now, not in the first run: loading it takes seconds on a busy machine, and
    // a launch is not heartbeating yet.
    this.connect().catch((err: unknown) => options.logger.warn({ err }, 'Kubernetes client not ready; the next launch tries again'));
  }

  async launch(launch: AgentLaunch): Promise<AgentRun> {
    // The pod checks the repository out itself (init containers) into /workspace.
    const ws = launch.workspace;
    const spec = ws ? { ...launch.spec, workspace: { path: WORKSPACE_DIR, base_sha: ws.sha, ...(ws.basePatch ? { base_patch: ws.basePatch } : {}) } } : launch.spec;
    const specJson = JSON.stringify(spec);
    const tooLarge = specSizeProblem(specJson);
    if (tooLarge) throw new AgentLaunchError(tooLarge, false);
    const api = await this.connect();
    const resources = resolveAgentResources(this.options.catalog ?? EMPTY_AGENT_CATALOG, launch.agentType, launch.customAgent);
    const log = this.options.logger.child({ task_id: launch.taskId, run: launch.runName });

    const adopted = await this.findLiveRun(api, launch);
    if (adopted) {
      log.info({ job: adopted.job.metadata?.name, adopted_run: adopted.runName }, 'adopting the running Job of an earlier attempt');
      await this.ensureSpecSecret(api, adopted.job, specJson);
      return this.watch(api, adopted.runName, resources, log);
    }

    const job = await this.createJob(api, launch, resources);
    try {
      await this.ensureSpecSecret(api, job, specJson);
    } catch (err) {
      await this.deleteJob(api, job.metadata?.name ?? '', log);
      throw err;
    }
    log.info({ job: job.metadata?.name, namespace: api.namespace, image: resources.image, gpus: resources.gpus }, 'agent Job created');
    return this.watch(api, launch.runName, resources, log);
  }

  private connect(): Promise<KubernetesApi> {
    this.api ??= connectKubernetes({ kubeconfigPath: this.options.kubeconfigPath, namespace: this.options.namespace }).catch((err: unknown) => {
      this.api = undefined;
      // A missing or broken kubeconfig stays broken until an operator fixes it.
      throw new AgentLaunchError(`Cannot load the Kubernetes configuration: ${err instanceof Error ? err.message : String(err)}`, false);
    });
    return this.api;
  }

  private watch(api: KubernetesApi, runName: string, resources: AgentResources, log: Logger): AgentRun {
    return new KubernetesAgentRun({ api, runName, jobName: jobNameFor(runName), gpus: resources.gpus, memory: resources.memory, logger: log }).start();
  }

  /**
   * A Job of an earlier attempt of this task that still runs (or finished with its log still
   * there): first the one the last heartbeat named, then any other, since a worker that died
   * between creating its Job and its first heartbeat left no name behind.
   */
  private async findLiveRun(api: KubernetesApi, launch: AgentLaunch): Promise<{ runName: string; job: V1Job } | undefined> {
    const candidates: V1Job[] = [];
    if (launch.adoptRunName && launch.adoptRunName !== launch.runName) {
      const named = await this.readJob(api, jobNameFor(launch.adoptRunName));
      if (named && !foreignJobReason(named, { runName: launch.adoptRunName, taskId: launch.taskId })) candidates.push(named);
    }
    const listed = await api.batch.listNamespacedJob({ namespace: api.namespace, labelSelector: taskSelector(launch.taskId) });
    const others = listed.items
      .filter((job) => !candidates.some((c) => c.metadata?.name === job.metadata?.name))
      .sort((a, b) => timeOf(b.metadata?.creationTimestamp) - timeOf(a.metadata?.creationTimestamp));
    for (const job of [...candidates, ...others]) {
      const runName = job.metadata?.annotations?.[ANNOTATIONS.runName];
      if (!runName || runName === launch.runName) continue;
      if (await this.isAdoptable(api, job)) return { runName, job };
    }
    return undefined;
  }

  /** Alive and not being stopped, or complete with its pod (and so its log and result) still there. */
  private async isAdoptable(api: KubernetesApi, job: V1Job): Promise<boolean> {
    if (job.metadata?.deletionTimestamp) return false;
    const outcome = jobOutcome(job);
    if (outcome?.kind === 'failed') return false;
    const pods = await api.core.listNamespacedPod({ namespace: api.namespace, labelSelector: runSelector(job.metadata?.name ?? '') });
    if (pods.items.some((pod) => pod.metadata?.deletionTimestamp)) return false;
    return outcome?.kind !== 'complete' || pods.items.length > 0;
  }

  private async createJob(api: KubernetesApi, launch: AgentLaunch, resources: AgentResources): Promise<V1Job> {
    const body = buildAgentJob({
      ...launch,
      ...(launch.workspace ? { checkout: { url: launch.workspace.url, sha: launch.workspace.sha, allowHttp: launch.workspace.allowHttp } } : {}),
      namespace: api.namespace,
      resources,
      stopGraceSeconds: this.options.stopGraceSeconds,
      ttlSecondsAfterFinished: this.options.jobTtlSeconds,
    });
    const name = body.metadata?.name ?? '';
    try {
      return await api.batch.createNamespacedJob({ namespace: api.namespace, body });
    } catch (err) {
      if (apiStatus(err)?.code !== 409) throw launchError(err, 'Job', api.namespace);
      // This attempt was launched before: that Job is this run, if it is ours at all.
      const existing = await api.batch.readNamespacedJob({ name, namespace: api.namespace });
      const foreign = foreignJobReason(existing, launch);
      if (foreign) {
        throw new AgentLaunchError(
          `A Job named ${name} already exists in namespace ${api.namespace} and was not made for this run: ${foreign}. Delete it, or run agents in another namespace.`,
          false,
        );
      }
      return existing;
    }
  }

  /** The spec's Secret, owned by the Job; made here for an adopted Job too, whose worker may have died before making it. */
  private async ensureSpecSecret(api: KubernetesApi, job: V1Job, specJson: string): Promise<void> {
    const body = buildSpecSecret({ job, specJson });
    const name = body.metadata?.name ?? '';
    try {
      await api.core.createNamespacedSecret({ namespace: api.namespace, body });
    } catch (err) {
      if (apiStatus(err)?.code !== 409) throw launchError(err, 'Secret', api.namespace);
      const existing = await api.core.readNamespacedSecret({ name, namespace: api.namespace });
      if (!existing.metadata?.ownerReferences?.some((owner) => owner.uid === job.metadata?.uid)) {
        // Left by an earlier Job of the same name and not yet garbage-collected: try again later.
        throw new AgentLaunchError(`The Secret ${name} in namespace ${api.namespace} belongs to another Job`, true);
      }
    }
  }

  private async readJob(api: KubernetesApi, name: string): Promise<V1Job | undefined> {
    try {
      return await api.batch.readNamespacedJob({ name, namespace: api.namespace });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  private async deleteJob(api: KubernetesApi, name: string, log: Logger): Promise<void> {
    try {
      await api.batch.deleteNamespacedJob({ name, namespace: api.namespace, propagationPolicy: 'Background' });
    } catch (err) {
      if (!isNotFound(err)) log.warn({ err, job: name }, 'deleting the agent Job failed');
    }
  }
}

/** Errors that retrying cannot fix become non-retryable launch errors; the rest stay as they are. */
function launchError(err: unknown, what: string, namespace: string): unknown {
  const status = apiStatus(err);
  if (status?.code === 400 || status?.code === 422) {
    return new AgentLaunchError(`Kubernetes rejected the agent's ${what}: ${status.message}`, false);
  }
  if (status?.code === 401 || status?.code === 403) {
    return new AgentLaunchError(`The worker may not create the agent's ${what} in namespace ${namespace}: ${status.message}`, false);
  }
  return err;
}

function timeOf(value: Date | string | undefined): number {
  return value ? new Date(value).getTime() : 0;
}
