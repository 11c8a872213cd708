import { createHash } from 'node:crypto';
import type { V1EnvVar, V1Job, V1Secret } from './kubernetes-types';
import type { AgentResources } from './agent-catalog';

/** Value of `app.kubernetes.io/managed-by` on everything the executor creates. */
export const MANAGED_BY = 'codex-cloud';

export const LABELS = {
  managedBy: 'app.kubernetes.io/managed-by',
  component: 'app.kubernetes.io/component',
  task: 'codex-cloud.io/task-id',
  user: 'codex-cloud.io/user-id',
  agentType: 'codex-cloud.io/agent-type',
  attempt: 'codex-cloud.io/attempt',
  /** The Job's name, on the Job, its pod and its Secret: the executor's selector for the pod. */
  run: 'codex-cloud.io/run',
} as const;

/** Exact values (labels must be shortened and sanitised; annotations need not be). */
export const ANNOTATIONS = {
  runName: 'codex-cloud.io/run-name',
  taskId: 'codex-cloud.io/task-id',
  userId: 'codex-cloud.io/user-id',
  agentType: 'codex-cloud.io/agent-type',
} as const;

export const AGENT_CONTAINER = 'agent';
export const SPEC_DIR = '/var/run/codex-agent';
export const SPEC_FILE = 'spec.json';
export const GPU_RESOURCE = 'nvidia.com/gpu';
/** The agent's user: the reference image's `node` user. */
export const AGENT_UID = 1000;
/** Kubernetes refuses a Secret whose data passes 1 MiB. */
export const MAX_SPEC_BYTES = 1024 * 1024;
/** The Job's deadline runs past the task's time limit by this much: the workflow's timer ends the task first. */
export const DEADLINE_MARGIN_SECONDS = 60;

const NAME_PREFIX = 'codex-';
const HASH_LENGTH = 8;
/** The Job controller copies the Job's name into a pod label, which holds at most 63 characters. */
const MAX_JOB_NAME = 63;

/**
 * The Job of a run: readable (the run name, lowercased, in a DNS-1123 label) and unique (a hash
 * of the exact run name, whose case and characters the slug may have lost), in ≤ 63 characters.
 */
export function jobNameFor(runName: string): string {
  const hash = createHash('sha256').update(runName).digest('hex').slice(0, HASH_LENGTH);
  const room = MAX_JOB_NAME - NAME_PREFIX.length - 1 - HASH_LENGTH;
  const slug = runName
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, room)
    .replace(/^-+|-+$/g, '');
  return `${NAME_PREFIX}${slug ? `${slug}-` : ''}${hash}`;
}

export function specSecretNameFor(jobName: string): string {
  return `${jobName}-spec`;
}

/** A label value from any string: allowed characters only, ≤ 63, alphanumeric at both ends. */
export function labelValue(raw: string): string {
  return raw
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .slice(0, 63)
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '');
}

export interface RunIdentity {
  runName: string;
  taskId: string;
  userId: string;
  agentType: string;
  attempt: number;
}

export function runLabels(run: RunIdentity): Record<string, string> {
  return {
    [LABELS.managedBy]: MANAGED_BY,
    [LABELS.component]: 'agent',
    [LABELS.task]: labelValue(run.taskId),
    [LABELS.user]: labelValue(run.userId),
    [LABELS.agentType]: labelValue(run.agentType),
    [LABELS.attempt]: String(run.attempt),
    [LABELS.run]: jobNameFor(run.runName),
  };
}

function runAnnotations(run: RunIdentity): Record<string, string> {
  return {
    [ANNOTATIONS.runName]: run.runName,
    [ANNOTATIONS.taskId]: run.taskId,
    [ANNOTATIONS.userId]: run.userId,
    [ANNOTATIONS.agentType]: run.agentType,
  };
}

/** The label selector of a run's pods. */
export function runSelector(jobName: string): string {
  return `${LABELS.run}=${jobName}`;
}

/** The label selector of every Job of a task. */
export function taskSelector(taskId: string): string {
  return `${LABELS.managedBy}=${MANAGED_BY},${LABELS.task}=${labelValue(taskId)}`;
}

/**
 * Why an existing Job is not the one this run would have created (a name clash with something
 * else in the namespace), or undefined when it is ours.
 */
export function foreignJobReason(job: V1Job, expected: { runName: string; taskId: string }): string | undefined {
  const labels = job.metadata?.labels ?? {};
  if (labels[LABELS.managedBy] !== MANAGED_BY) {
    return `its label ${LABELS.managedBy} is ${JSON.stringify(labels[LABELS.managedBy] ?? null)}, not "${MANAGED_BY}"`;
  }
  if (labels[LABELS.task] !== labelValue(expected.taskId)) {
    return `its label ${LABELS.task} is ${JSON.stringify(labels[LABELS.task] ?? null)}, not "${labelValue(expected.taskId)}"`;
  }
  const runName = job.metadata?.annotations?.[ANNOTATIONS.runName];
  if (runName !== expected.runName) return `it was made for run ${JSON.stringify(runName ?? null)}, not "${expected.runName}"`;
  return undefined;
}

/** Why a spec cannot travel in a Secret, or undefined when it can. */
export function specSizeProblem(specJson: string): string | undefined {
  const bytes = Buffer.byteLength(specJson);
  if (bytes <= MAX_SPEC_BYTES) return undefined;
  const mib = (n: number) => `${(n / (1024 * 1024)).toFixed(2)} MiB`;
  return `The task's input is too large to run on Kubernetes: its spec is ${mib(bytes)}, and a Kubernetes Secret holds at most ${mib(MAX_SPEC_BYTES)}. Send fewer or smaller files.`;
}

/** Where a pod's repository checkout is mounted (an `emptyDir` the init containers fill). */
export const WORKSPACE_DIR = '/workspace';
/** The checkout's largest size on the node's disk. */
export const WORKSPACE_SIZE_LIMIT = '4Gi';

/** A repository for the pod to check out before the agent starts. */
export interface JobCheckout {
  url: string;
  sha: string;
  /** The URL is `http://` (an allow-listed host): git must be told it may use it. */
  allowHttp: boolean;
}

/**
 * Git as the init containers run it: no system or global config, no prompt, no credential
 * helper, no hooks, https only (and http for an allow-listed host), no redirects. The same
 * rules as the worker's own git (repositories/git.ts).
 */
function gitCommand(checkout: JobCheckout, args: string[]): string[] {
  const config = [
    'protocol.allow=never',
    'protocol.https.allow=always',
    ...(checkout.allowHttp ? ['protocol.http.allow=always'] : []),
    'credential.helper=',
    'core.hooksPath=/dev/null',
    'core.fsmonitor=false',
    'submodule.recurse=false',
    'http.followRedirects=false',
    'advice.detachedHead=false',
  ];
  return ['git', ...config.flatMap((c) => ['-c', c]), ...args];
}

const GIT_ENV: V1EnvVar[] = [
  { name: 'HOME', value: '/tmp' },
  { name: 'GIT_CONFIG_NOSYSTEM', value: '1' },
  { name: 'GIT_CONFIG_GLOBAL', value: '/dev/null' },
  { name: 'GIT_TERMINAL_PROMPT', value: '0' },
];

export interface AgentJobInput extends RunIdentity {
  namespace: string;
  /** Check this repository out at `/workspace` first (two init containers: clone, checkout). */
  checkout?: JobCheckout;
  timeLimitSeconds: number;
  resources: AgentResources;
  /** The pod's terminationGracePeriodSeconds: time the agent gets to flush a partial result. */
  stopGraceSeconds: number;
  ttlSecondsAfterFinished: number;
}

/**
 * The Job that runs one attempt of an agent. Temporal owns retries (`backoffLimit: 0`); a
 * disruption (eviction, preemption, node drain) is ignored by the Job, which starts the pod
 * again, so a Job left alone by a dead worker still finishes for the retry that adopts it.
 */
export function buildAgentJob(input: AgentJobInput): V1Job {
  const jobName = jobNameFor(input.runName);
  const labels = runLabels(input);
  const annotations = runAnnotations(input);
  const { resources } = input;
  const gpu: Record<string, string> = resources.gpus > 0 ? { [GPU_RESOURCE]: String(resources.gpus) } : {};
  const containerSecurity = {
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
  };
  const checkout = input.checkout;
  // The repository is fetched by git alone, with the agent's image and nothing of the task's
  // spec: the URL and commit go as arguments (no shell), the agent container then mounts it.
  const initContainers = checkout
    ? [
        { name: 'clone', args: gitCommand(checkout, ['clone', '--quiet', '--no-checkout', '--', checkout.url, WORKSPACE_DIR]) },
        { name: 'checkout', args: gitCommand(checkout, ['-C', WORKSPACE_DIR, 'checkout', '--quiet', '--detach', checkout.sha]) },
      ].map((c) => ({
        name: c.name,
        image: resources.image,
        command: [c.args[0]!],
        args: c.args.slice(1),
        env: GIT_ENV,
        resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
        securityContext: containerSecurity,
        volumeMounts: [
          { name: 'workspace', mountPath: WORKSPACE_DIR },
          { name: 'tmp', mountPath: '/tmp' },
        ],
      }))
    : undefined;
  const env: V1EnvVar[] = [
    { name: 'AGENT_TASK_ID', value: input.taskId },
    { name: 'AGENT_RUN_NAME', value: input.runName },
    ...Object.entries(resources.env).map(([name, value]) => ({ name, value })),
  ];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: jobName, namespace: input.namespace, labels, annotations },
    spec: {
      backoffLimit: 0,
      completions: 1,
      parallelism: 1,
      activeDeadlineSeconds: input.timeLimitSeconds + DEADLINE_MARGIN_SECONDS,
      ttlSecondsAfterFinished: input.ttlSecondsAfterFinished,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
      template: {
        metadata: { labels, annotations },
        spec: {
          restartPolicy: 'Never',
          // The agent runs untrusted input: no API credentials, no service discovery.
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          terminationGracePeriodSeconds: input.stopGraceSeconds,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: AGENT_UID,
            runAsGroup: AGENT_UID,
            fsGroup: AGENT_UID,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          ...(Object.keys(resources.nodeSelector).length > 0 ? { nodeSelector: resources.nodeSelector } : {}),
          ...(resources.tolerations.length > 0 ? { tolerations: resources.tolerations } : {}),
          ...(resources.runtimeClassName ? { runtimeClassName: resources.runtimeClassName } : {}),
          ...(resources.priorityClassName ? { priorityClassName: resources.priorityClassName } : {}),
          ...(resources.imagePullSecrets.length > 0 ? { imagePullSecrets: resources.imagePullSecrets.map((name) => ({ name })) } : {}),
          volumes: [
            // Group-readable by fsGroup: the agent is not root.
            { name: 'spec', secret: { secretName: specSecretNameFor(jobName), defaultMode: 0o440 } },
            { name: 'tmp', emptyDir: { sizeLimit: '1Gi' } },
            ...(checkout ? [{ name: 'workspace', emptyDir: { sizeLimit: WORKSPACE_SIZE_LIMIT } }] : []),
          ],
          ...(initContainers ? { initContainers } : {}),
          containers: [
            {
              name: AGENT_CONTAINER,
              image: resources.image,
              args: ['--spec', `${SPEC_DIR}/${SPEC_FILE}`],
              env,
              ...(resources.envFromSecret ? { envFrom: [{ secretRef: { name: resources.envFromSecret } }] } : {}),
              resources: {
                // Limits equal to the requests: a tier's CPU cap holds on the node too (a CPU request
                // alone lets a container use every idle core), and the pod gets Guaranteed QoS.
                requests: { cpu: resources.cpu, memory: resources.memory, ...gpu },
                limits: { cpu: resources.cpu, memory: resources.memory, ...gpu },
              },
              securityContext: containerSecurity,
              volumeMounts: [
                { name: 'spec', mountPath: SPEC_DIR, readOnly: true },
                { name: 'tmp', mountPath: '/tmp' },
                ...(checkout ? [{ name: 'workspace', mountPath: WORKSPACE_DIR }] : []),
              ],
            },
          ],
        },
      },
    },
  };
}

/**
 * The Secret that carries the task spec into the pod. Owned by the Job, so deleting the Job
 * (propagation Background) deletes it too. `blockOwnerDeletion` stays unset: setting it needs
 * the `jobs/finalizers` permission, which the worker has no other use for.
 */
export function buildSpecSecret(input: { job: V1Job; specJson: string }): V1Secret {
  const jobName = input.job.metadata?.name ?? '';
  const uid = input.job.metadata?.uid;
  if (!uid) throw new Error(`Job ${jobName} has no uid: it must be read from the API server first`);
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'Opaque',
    immutable: true,
    metadata: {
      name: specSecretNameFor(jobName),
      namespace: input.job.metadata?.namespace,
      labels: { ...input.job.metadata?.labels },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: jobName, uid, controller: true }],
    },
    data: { [SPEC_FILE]: Buffer.from(input.specJson).toString('base64') },
  };
}
