import { resolveAgentResources, EMPTY_AGENT_CATALOG } from './agent-catalog';
import { buildAgentJob, buildSpecSecret, foreignJobReason, jobNameFor, labelValue, MAX_SPEC_BYTES, specSizeProblem } from './job-spec';

const run = { runName: 'task_7K2M9QW4XH8TZ1RB-3-2', taskId: 'task_7K2M9QW4XH8TZ1RB', userId: 'user_01ABCDEF', agentType: 'security_expert', attempt: 2 };

function job(overrides: Partial<Parameters<typeof buildAgentJob>[0]> = {}) {
  return buildAgentJob({
    ...run,
    namespace: 'agents',
    timeLimitSeconds: 1800,
    resources: resolveAgentResources(EMPTY_AGENT_CATALOG, 'security_expert'),
    stopGraceSeconds: 10,
    ttlSecondsAfterFinished: 3600,
    ...overrides,
  });
}

describe('jobNameFor', () => {
  it('is a readable DNS-1123 label of at most 63 characters, the same for the same run', () => {
    expect(jobNameFor(run.runName)).toMatch(/^codex-task-7k2m9qw4xh8tz1rb-3-2-[0-9a-f]{8}$/);
    expect(jobNameFor(run.runName)).toBe(jobNameFor(run.runName));
    for (const name of ['x'.repeat(300), 'Orch_ABC/child:code_expert--7-1', '---', 'UPPER-case-99']) {
      expect(jobNameFor(name)).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
      expect(jobNameFor(name).length).toBeLessThanOrEqual(63);
    }
  });

  it('tells apart runs that differ only in case or in characters the slug drops', () => {
    expect(jobNameFor('task_ABC-1-1')).not.toBe(jobNameFor('task_abc-1-1'));
    expect(jobNameFor('a.b-1-1')).not.toBe(jobNameFor('a_b-1-1'));
    expect(jobNameFor(`${'x'.repeat(100)}-1`)).not.toBe(jobNameFor(`${'x'.repeat(100)}-2`));
  });
});

it('labelValue keeps allowed characters, at most 63, alphanumeric at both ends', () => {
  expect(labelValue('task_7K2M9QW4XH8TZ1RB')).toBe('task_7K2M9QW4XH8TZ1RB');
  expect(labelValue('-my agent/type_')).toBe('my-agent-type');
  expect(labelValue('a'.repeat(80))).toHaveLength(63);
});

describe('buildAgentJob', () => {
  it('leaves retries to Temporal, ignores disruptions, and bounds the Job by the time limit', () => {
    const spec = job().spec!;
    expect(spec).toMatchObject({
      backoffLimit: 0,
      completions: 1,
      parallelism: 1,
      activeDeadlineSeconds: 1860,
      ttlSecondsAfterFinished: 3600,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    });
    expect(spec.template.spec).toMatchObject({ restartPolicy: 'Never', terminationGracePeriodSeconds: 10, automountServiceAccountToken: false });
  });

  it('labels the Job and its pod with task, user, agent type and attempt, and keeps exact values in annotations', () => {
    const built = job();
    const labels = {
      'app.kubernetes.io/managed-by': 'codex-cloud',
      'codex-cloud.io/task-id': run.taskId,
      'codex-cloud.io/user-id': run.userId,
      'codex-cloud.io/agent-type': 'security_expert',
      'codex-cloud.io/attempt': '2',
      'codex-cloud.io/run': jobNameFor(run.runName),
    };
    expect(built.metadata).toMatchObject({ name: jobNameFor(run.runName), namespace: 'agents', labels, annotations: { 'codex-cloud.io/run-name': run.runName } });
    expect(built.spec!.template.metadata!.labels).toMatchObject(labels);
  });

  it('runs the agent unprivileged: non-root, no privilege escalation, every capability dropped', () => {
    const pod = job().spec!.template.spec!;
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, seccompProfile: { type: 'RuntimeDefault' } });
    expect(pod.containers[0]!.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
  });

  it('mounts the spec Secret and passes its path to the agent', () => {
    const built = job();
    const pod = built.spec!.template.spec!;
    expect(pod.volumes).toContainEqual({ name: 'spec', secret: { secretName: `${built.metadata!.name}-spec`, defaultMode: 0o440 } });
    expect(pod.containers[0]!.args).toEqual(['--spec', '/var/run/codex-agent/spec.json']);
    expect(pod.containers[0]!.volumeMounts).toContainEqual({ name: 'spec', mountPath: '/var/run/codex-agent', readOnly: true });
  });

  it('asks for the catalogue entry: image, GPUs, CPU, memory, node selector, tolerations, classes', () => {
    const resources = resolveAgentResources(
      {
        defaults: { image: 'registry.example/agent:1', memory: '4Gi' },
        agents: {
          security_expert: {
            gpus: 2,
            cpu: '4',
            nodeSelector: { 'nvidia.com/gpu.product': 'A100' },
            runtimeClassName: 'nvidia',
            priorityClassName: 'agents',
            imagePullSecrets: ['registry'],
            env: { LLM_MODEL: 'local' },
            envFromSecret: 'llm-credentials',
          },
        },
      },
      'security_expert',
    );
    const pod = job({ resources }).spec!.template.spec!;
    expect(pod).toMatchObject({
      nodeSelector: { 'nvidia.com/gpu.product': 'A100' },
      tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
      runtimeClassName: 'nvidia',
      priorityClassName: 'agents',
      imagePullSecrets: [{ name: 'registry' }],
    });
    const container = pod.containers[0]!;
    expect(container.image).toBe('registry.example/agent:1');
    expect(container.resources).toEqual({
      requests: { cpu: '4', memory: '4Gi', 'nvidia.com/gpu': '2' },
      limits: { cpu: '4', memory: '4Gi', 'nvidia.com/gpu': '2' },
    });
    expect(container.env).toContainEqual({ name: 'LLM_MODEL', value: 'local' });
    expect(container.envFrom).toEqual([{ secretRef: { name: 'llm-credentials' } }]);
  });

  it('asks for no GPU, and tolerates no GPU taint, for an agent type with gpus: 0', () => {
    const resources = resolveAgentResources({ defaults: {}, agents: { general: { gpus: 0 } } }, 'general');
    const pod = job({ resources }).spec!.template.spec!;
    expect(pod.tolerations).toBeUndefined();
    expect(pod.containers[0]!.resources!.limits).toEqual({ cpu: '1', memory: '2Gi' });
  });
});

describe('buildAgentJob with a repository checkout', () => {
  const checkout = { url: 'https://git.example.com/team/service.git', sha: 'a'.repeat(40), allowHttp: false };

  it('clones into an emptyDir with git alone (arguments, no shell) and mounts it in the agent container', () => {
    const pod = job({ checkout }).spec!.template.spec!;
    expect(pod.volumes).toEqual(expect.arrayContaining([{ name: 'workspace', emptyDir: { sizeLimit: '4Gi' } }]));
    const [clone, checkOut] = pod.initContainers!;
    expect(clone).toMatchObject({ name: 'clone', image: 'codex-cloud-agent:latest', command: ['git'] });
    expect(clone!.args!.slice(-6)).toEqual(['clone', '--quiet', '--no-checkout', '--', checkout.url, '/workspace']);
    expect(checkOut!.args!.slice(-6)).toEqual(['-C', '/workspace', 'checkout', '--quiet', '--detach', checkout.sha]);
    for (const c of [clone!, checkOut!]) {
      // https only, no credentials, no hooks, no redirects; no system or global git config.
      expect(c.args).toEqual(expect.arrayContaining(['protocol.allow=never', 'protocol.https.allow=always', 'credential.helper=', 'core.hooksPath=/dev/null', 'http.followRedirects=false']));
      expect(c.args).not.toContain('protocol.http.allow=always');
      expect(c.env).toEqual(expect.arrayContaining([{ name: 'GIT_CONFIG_NOSYSTEM', value: '1' }, { name: 'GIT_TERMINAL_PROMPT', value: '0' }]));
      expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      expect(c.volumeMounts).toEqual(expect.arrayContaining([{ name: 'workspace', mountPath: '/workspace' }]));
    }
    expect(pod.containers[0]!.volumeMounts).toEqual(expect.arrayContaining([{ name: 'workspace', mountPath: '/workspace' }]));
    // http only for an allow-listed host.
    expect(job({ checkout: { ...checkout, allowHttp: true } }).spec!.template.spec!.initContainers![0]!.args).toContain('protocol.http.allow=always');
  });

  it('has no init container, and no workspace volume, without a repository', () => {
    const pod = job().spec!.template.spec!;
    expect(pod.initContainers).toBeUndefined();
    expect(pod.volumes!.map((v) => v.name)).toEqual(['spec', 'tmp']);
  });
});

describe('buildSpecSecret', () => {
  it('is owned by the Job, so deleting the Job deletes it', () => {
    const built = job();
    built.metadata!.uid = 'b9d7c0de-0000-4000-8000-000000000001';
    const secret = buildSpecSecret({ job: built, specJson: '{"task":"x"}' });
    expect(secret.metadata!.name).toBe(`${built.metadata!.name}-spec`);
    expect(secret.metadata!.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: built.metadata!.name, uid: built.metadata!.uid, controller: true }]);
    expect(Buffer.from(secret.data!['spec.json']!, 'base64').toString()).toBe('{"task":"x"}');
    expect(secret.immutable).toBe(true);
  });
});

it('specSizeProblem refuses a spec larger than a Secret holds, with a clear message', () => {
  expect(specSizeProblem('x'.repeat(MAX_SPEC_BYTES))).toBeUndefined();
  expect(specSizeProblem('x'.repeat(MAX_SPEC_BYTES + 1))).toMatch(/too large to run on Kubernetes: its spec is 1\.00 MiB.*at most 1\.00 MiB/);
});

describe('foreignJobReason', () => {
  it('accepts our Job of the same run and names what differs otherwise', () => {
    const ours = job();
    expect(foreignJobReason(ours, run)).toBeUndefined();
    expect(foreignJobReason(ours, { ...run, runName: 'task_7K2M9QW4XH8TZ1RB-3-1' })).toMatch(/made for run "task_7K2M9QW4XH8TZ1RB-3-2"/);
    expect(foreignJobReason(ours, { ...run, taskId: 'task_OTHER' })).toMatch(/codex-cloud.io\/task-id/);
    expect(foreignJobReason({ metadata: { name: ours.metadata!.name, labels: { app: 'batch' } } }, run)).toMatch(/managed-by is null/);
  });
});
