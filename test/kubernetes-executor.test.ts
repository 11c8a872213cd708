import type { ChildProcess } from 'node:child_process';
import { createDb, type Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import type { FakeKubernetes } from './support/fake-kubernetes/fake-kubernetes';
import { AGENT_NAMESPACE, IMAGES, startTestCluster } from './support/fake-kubernetes/test-cluster';
import { killHard } from './support/processes';
import { eventually } from './support/stream-client';
import { spawnWorkerProcess, testSettings } from './support/worker-harness';
import { startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import { WorkRepo } from './support/git-repos';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * `EXECUTOR=kubernetes` end to end: API → workflow → a worker process whose executor drives
 * the real @kubernetes/client-node against the fake API server → pods running agent programs.
 */
const TASK_LABEL = 'codex-cloud.io/task-id';
let fake: FakeKubernetes;
let api: TestApi;
let db: Db;
let worker: ChildProcess;
let gitServer: GitHttpServer;
let served: string;
let cacheDir: string;
let repoHead: string;

beforeAll(async () => {
  // A repository on loopback for the checkout test: the worker fetches it into its cache, the
  // pod's init containers clone it.
  const repo = new WorkRepo({ branch: 'main' });
  repoHead = repo.commit('service', { name: 'Ada', email: 'ada@example.test' }, { 'src/db.js': vulnerable, 'README.md': '# Service\n' });
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-served-'));
  repo.publish(served, 'service');
  repo.remove();
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
  gitServer = await startGitHttpServer(served);
  // Watches and log streams are cut short now and then, as API servers do: the executor must resume.
  const cluster = await startTestCluster({ watchTimeoutMs: 1_500, logStreamTimeoutMs: 700 });
  fake = cluster.fake;
  const settings = testSettings({
    ...cluster.settings,
    AGENT_HEARTBEAT_TIMEOUT_SECONDS: '5',
    AGENT_CANCEL_GRACE_SECONDS: '2',
    REPOSITORY_ALLOWED_HOSTS: gitServer.hostPort,
    REPOSITORY_CACHE_DIR: cacheDir,
  });
  api = await startTestApi(settings);
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
  worker = spawnWorkerProcess(settings);
}, 60_000);

afterAll(async () => {
  if (worker) await killHard(worker);
  await api?.close();
  await db?.destroy();
  await fake?.close();
  await gitServer?.close();
  rmSync(served, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function execute(user: User, body: Record<string, unknown>): Promise<string> {
  const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body });
  expect(res.status).toBe(202);
  return res.body.task_id as string;
}

async function finished(user: User, taskId: string) {
  return eventually(async () => {
    const res = await api.request('GET', `/v1/agents/tasks/${taskId}`, { token: user.access });
    return ['completed', 'failed', 'cancelled', 'timed_out'].includes(res.body.status) ? res.body : undefined;
  }, 90_000, `task ${taskId} to finish`);
}

async function messages(taskId: string): Promise<string[]> {
  return (await readEvents(db, taskId, 0)).map((e) => String(e.payload.message ?? ''));
}

function createdJobs(taskId: string) {
  return fake.created.filter((c) => c.resource === 'jobs' && c.object.metadata.labels?.[TASK_LABEL] === taskId).map((c) => c.object);
}

/** Nothing of the task is left in the cluster: no Job, no pod, no Secret. */
async function nothingLeft(taskId: string): Promise<void> {
  const selector = `${TASK_LABEL}=${taskId}`;
  await eventually(
    async () => (fake.list('jobs', selector).length + fake.list('pods', selector).length + fake.list('secrets', selector).length === 0 ? true : undefined),
    10_000,
    `the Job, pod and Secret of ${taskId} to be deleted`,
  );
}

const vulnerable = ['async function find(db, name) {', "  return db.query(`SELECT * FROM users WHERE name = '${name}'`);", '}', ''].join('\n');

it('runs a task as a GPU Job of the built-in agents, with progress from the pod log', async () => {
  const user = await registerUser(api, 'k8s');
  const id = await execute(user, {
    task: 'Review this code for security vulnerabilities',
    agent_type: 'security_expert',
    time_limit_seconds: 600,
    context: { files: [{ path: 'src/db.js', content: vulnerable }] },
  });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'completed', attempts: 1, progress: 100, capacity_wait_seconds: 0 });
  expect(done.result.findings.length).toBeGreaterThan(0);
  expect(done.result.findings[0]).toMatchObject({ file: 'src/db.js', line: expect.any(Number), severity: expect.any(String) });

  const events = await readEvents(db, id, 0);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  // The agent's own progress lines, read from the pod's log.
  expect(events.filter((e) => e.type === 'progress').length).toBeGreaterThanOrEqual(3);
  expect(events.at(-1)).toMatchObject({ type: 'result', final: true });

  const [job, ...others] = createdJobs(id);
  expect(others).toEqual([]);
  // task ID, the run ID's random tail (a reset run launches anew), activity ID, attempt, hash.
  expect(job!.metadata.name).toMatch(/^codex-task-[0-9a-z]{16}-[0-9a-f]{12}-\d+-1-[0-9a-f]{8}$/);
  expect(job!.metadata.labels).toMatchObject({
    'app.kubernetes.io/managed-by': 'codex-cloud',
    [TASK_LABEL]: id,
    'codex-cloud.io/user-id': user.id,
    'codex-cloud.io/agent-type': 'security_expert',
    'codex-cloud.io/attempt': '1',
  });
  expect(job!.spec).toMatchObject({ backoffLimit: 0, activeDeadlineSeconds: 660, ttlSecondsAfterFinished: 3600 });
  expect(job!.spec.template.spec.containers[0]).toMatchObject({ image: IMAGES.builtIn, resources: { limits: { 'nvidia.com/gpu': '1' } } });
  const secret = fake.created.find((c) => c.resource === 'secrets' && c.object.metadata.labels?.[TASK_LABEL] === id)!.object;
  expect(secret.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Job', name: job!.metadata.name, uid: job!.metadata.uid })]);
  // Watches resume from the resourceVersion they reached.
  expect(fake.requests.some((r) => r.query.watch === 'true' && Number(r.query.resourceVersion) > 0)).toBe(true);
  await nothingLeft(id);
}, 120_000);

it('checks a repository out in init containers into an emptyDir the agent reads, and hands back its findings by repository path', async () => {
  const user = await registerUser(api, 'k8s-repo');
  const repository = `${gitServer.url}/service.git`;
  const id = await execute(user, { task: 'Review', agent_type: 'security_expert', context: { repository } });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'completed', attempts: 1 });
  expect(done.result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule_id: 'sql-injection', file: 'src/db.js', line: 2 })]));
  expect(done.result.workspace).toEqual({ base_sha: repoHead, files_read: 2, files_skipped: 0 });

  const [job] = createdJobs(id);
  const pod = job!.spec.template.spec;
  expect(pod.volumes).toEqual(expect.arrayContaining([{ name: 'workspace', emptyDir: { sizeLimit: '4Gi' } }]));
  expect(pod.initContainers.map((c: { name: string; command: string[]; args: string[] }) => [c.name, c.command[0], c.args.slice(-2)])).toEqual([
    ['clone', 'git', [repository, '/workspace']],
    ['checkout', 'git', ['--detach', repoHead]],
  ]);
  expect(pod.containers[0].volumeMounts).toEqual(expect.arrayContaining([{ name: 'workspace', mountPath: '/workspace' }]));
  // The spec names the checkout, not the repository's content.
  const secret = fake.created.find((c) => c.resource === 'secrets' && c.object.metadata.labels?.[TASK_LABEL] === id)!.object;
  const spec = JSON.parse(Buffer.from((secret.data as Record<string, string>)['spec.json']!, 'base64').toString('utf8'));
  expect(spec.workspace).toEqual({ path: '/workspace', base_sha: repoHead });
  await nothingLeft(id);
}, 120_000);

it('finishes 5 tasks on a 2-GPU cluster, never more than 2 pods running at once, the others waiting for GPUs', async () => {
  fake.stats.maxRunningPods = 0;
  // Five users: the free tier runs one agent per user at a time.
  const users = await Promise.all([1, 2, 3, 4, 5].map((i) => registerUser(api, `gpu${i}`)));
  const ids = await Promise.all(users.map((user) => execute(user, { task: 'share the GPUs', context: { script: { steps: 3, delay_ms: 150 } } })));
  const done = await Promise.all(ids.map((id, i) => finished(users[i]!, id)));
  expect(done.map((t) => t.status)).toEqual(['completed', 'completed', 'completed', 'completed', 'completed']);
  expect(fake.stats.maxRunningPods).toBe(2);

  const waited = [];
  for (const [i, id] of ids.entries()) {
    const log = await messages(id);
    if (log.includes('Waiting for GPU capacity')) waited.push({ log, task: done[i] });
  }
  expect(waited.length).toBeGreaterThanOrEqual(1);
  for (const { log, task } of waited) {
    expect(log.some((m) => /^GPU capacity found after \d+(\.\d)? s$/.test(m))).toBe(true);
    expect(task.capacity_wait_seconds).toBeGreaterThan(0);
  }
  for (const id of ids) await nothingLeft(id);
}, 120_000);

it('cancelling stops the pod with a grace period, keeps the partial result, and deletes the Job and its Secret', async () => {
  const user = await registerUser(api, 'k8scancel');
  const id = await execute(user, { task: 'long', context: { script: { steps: 200, delay_ms: 50 } } });
  await eventually(async () => ((await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body.progress > 0 ? true : undefined), 60_000, 'progress');
  const cancelled = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
  expect(cancelled.body).toEqual({ success: true, task_id: id, status: 'cancelled' });
  const task = await finished(user, id);
  expect(task).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' }, result: { partial: true } });
  expect(task.result.summary).toMatch(/^stopped after \d+ steps$/);

  const job = createdJobs(id)[0]!;
  const deletes = fake.requests.filter((r) => r.method === 'DELETE');
  expect(deletes).toContainEqual(expect.objectContaining({ path: expect.stringMatching(new RegExp(`/namespaces/${AGENT_NAMESPACE}/pods/${job.metadata.name}-`)), query: expect.objectContaining({ gracePeriodSeconds: '2' }) }));
  expect(deletes).toContainEqual(expect.objectContaining({ path: `/apis/batch/v1/namespaces/${AGENT_NAMESPACE}/jobs/${job.metadata.name}`, query: expect.objectContaining({ propagationPolicy: 'Background' }) }));
  await nothingLeft(id);
}, 120_000);

it('cancelling a task that waits for GPUs deletes its pending pod and Job, and counts the wait', async () => {
  const [a, b, c] = await Promise.all(['hogA', 'hogB', 'waiter'].map((label) => registerUser(api, label)));
  const long = { task: 'hold a GPU', context: { script: { steps: 200, delay_ms: 50 } } };
  const hogs = [await execute(a!, long), await execute(b!, long)];
  await eventually(async () => (fake.list('pods').filter((p) => p.status?.phase === 'Running').length === 2 ? true : undefined), 60_000, 'both GPUs taken');
  const id = await execute(c!, { task: 'wait in line', context: { script: { steps: 2, delay_ms: 50 } } });
  await eventually(async () => ((await messages(id)).includes('Waiting for GPU capacity') ? true : undefined), 60_000, 'the wait to show');
  await new Promise((resolve) => setTimeout(resolve, 1_200));
  expect((await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: c!.access })).status).toBe(200);
  const task = await finished(c!, id);
  expect(task).toMatchObject({ status: 'cancelled' });
  expect(task.capacity_wait_seconds).toBeGreaterThanOrEqual(1);
  expect((await messages(id)).some((m) => /^Stopped after waiting \d+(\.\d)? s for GPU capacity$/.test(m))).toBe(true);
  await nothingLeft(id);
  await Promise.all([a!, b!].map((user, i) => api.request('DELETE', `/v1/agents/tasks/${hogs[i]}`, { token: user.access })));
  for (const hog of hogs) await nothingLeft(hog);
}, 120_000);

it('retries an OOMKilled first attempt in a new Job, and succeeds', async () => {
  const user = await registerUser(api, 'k8soom');
  const id = await execute(user, { task: 'hungry', context: { fault: 'oom_once', script: { steps: 4, delay_ms: 50 } } });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'completed', attempts: 2 });
  expect(await messages(id)).toContain('Retrying the agent: attempt 2 of 3');
  expect(createdJobs(id).map((j) => j.metadata.labels?.['codex-cloud.io/attempt'])).toEqual(['1', '2']);
  await nothingLeft(id);
}, 120_000);

it('retries an evicted pod in a new Job', async () => {
  const user = await registerUser(api, 'k8sevict');
  const id = await execute(user, { task: 'evicted', context: { fault: 'evict_once', script: { steps: 4, delay_ms: 50 } } });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'completed', attempts: 2 });
  expect(createdJobs(id)).toHaveLength(2);
  await nothingLeft(id);
}, 120_000);

it('fails at once with AGENT_ERROR and the reason when the image cannot be pulled (ErrImagePull/ImagePullBackOff)', async () => {
  const user = await registerUser(api, 'k8spull');
  const id = await execute(user, { task: 'no image', agent_type: 'code_expert' });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_ERROR' } });
  expect(done.error.message).toMatch(/^The agent could not start: (ErrImagePull|ImagePullBackOff): .*registry\.fake\/codex\/no-such-agent:1/);
  expect(createdJobs(id)).toHaveLength(1);
  await nothingLeft(id);
}, 120_000);

it('fails at once with AGENT_ERROR when Kubernetes rejects the Job spec', async () => {
  const user = await registerUser(api, 'k8sinvalid');
  const id = await execute(user, { task: 'bad spec', agent_type: 'test_gen' });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_ERROR' } });
  expect(done.error.message).toMatch(/^Kubernetes rejected the agent's Job: Job\.batch ".+" is invalid: spec\.template\.spec\.nodeSelector: Invalid value: "gpu type"/);
  expect(createdJobs(id)).toHaveLength(0);
}, 120_000);

describe('pods refused by admission', () => {
  const USER_LABEL = 'codex-cloud.io/user-id';
  afterEach(() => {
    fake.admission = undefined;
  });

  /** Admission refuses the user's pods with `message` until the returned function is called. */
  function refusePodsOf(user: User, message: string): () => void {
    let refusing = true;
    fake.admission = (pod) => (refusing && pod.metadata.labels?.[USER_LABEL] === user.id ? message : undefined);
    return () => {
      refusing = false;
    };
  }

  function messageStartingWith(id: string, prefix: string): Promise<true> {
    return eventually(async () => ((await messages(id)).some((m) => m.startsWith(prefix)) ? true : undefined), 30_000, `a message "${prefix}…"`);
  }

  it('fails at once with AGENT_ERROR and the refusal when Pod Security refuses the pod', async () => {
    const user = await registerUser(api, 'k8spsa');
    refusePodsOf(user, 'violates PodSecurity "restricted:latest": seccompProfile (pod or container "agent" must set securityContext.seccompProfile.type to "RuntimeDefault" or "Localhost")');
    const id = await execute(user, { task: 'never admitted', context: { script: { steps: 2, delay_ms: 10 } } });
    const done = await finished(user, id);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_ERROR' } });
    expect(done.error.message).toMatch(/^The cluster refused the agent's pod: pods ".+" is forbidden: violates PodSecurity "restricted:latest": seccompProfile/);
    expect(createdJobs(id)).toHaveLength(1);
    expect(fake.created.some((c) => c.resource === 'pods' && c.object.metadata.labels?.[TASK_LABEL] === id)).toBe(false);
    await nothingLeft(id);
  }, 120_000);

  it('waits while a quota refuses the pod, then runs the task once the quota allows it, counting the wait', async () => {
    const user = await registerUser(api, 'k8squota');
    const freeQuota = refusePodsOf(user, 'exceeded quota: gpu-quota, requested: requests.nvidia.com/gpu=1, used: requests.nvidia.com/gpu=2, limited: requests.nvidia.com/gpu=2');
    const id = await execute(user, { task: 'wait for quota', context: { script: { steps: 2, delay_ms: 10 } } });
    await messageStartingWith(id, 'Waiting for namespace quota: pods');
    await new Promise((r) => setTimeout(r, 1_500));
    const waiting = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(waiting.body.status).toBe('running');
    freeQuota();
    const done = await finished(user, id);
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
    expect(done.capacity_wait_seconds).toBeGreaterThanOrEqual(1);
    expect((await messages(id)).some((m) => /^Namespace quota allowed the agent's pod after \d/.test(m))).toBe(true);
    expect(createdJobs(id)).toHaveLength(1);
  }, 120_000);

  it('keeps waiting while a webhook cannot be called, and runs the task once it can', async () => {
    const user = await registerUser(api, 'k8swebhook');
    const webhookBack = refusePodsOf(user, 'Internal error occurred: failed calling webhook "validate.policy.example": context deadline exceeded');
    const id = await execute(user, { task: 'webhook down', context: { script: { steps: 2, delay_ms: 10 } } });
    await messageStartingWith(id, "Kubernetes has not created the agent's pod yet: Internal error");
    webhookBack();
    const done = await finished(user, id);
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
  }, 120_000);
});

it('without the events permission, a refused pod ends at the time limit, and events are asked for once', async () => {
  const cluster = await startTestCluster({ forbidEvents: true });
  const settings = testSettings({ ...cluster.settings, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '5', AGENT_CANCEL_GRACE_SECONDS: '1' });
  const forbiddenApi = await startTestApi(settings);
  const forbiddenWorker = spawnWorkerProcess(settings);
  try {
    cluster.fake.admission = () => 'violates PodSecurity "restricted:latest": privileged';
    const user = await registerUser(forbiddenApi, 'k8snoevents');
    const res = await forbiddenApi.request('POST', '/v1/agents/execute', {
      token: user.access,
      body: { task: 'refused, unseen', time_limit_seconds: 4, context: { script: { steps: 1, delay_ms: 10 } } },
    });
    expect(res.status).toBe(202);
    const done = await eventually(async () => {
      const t = await forbiddenApi.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access });
      return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
    }, 60_000, 'the task to end');
    expect(done).toMatchObject({ status: 'timed_out', error: { code: 'TASK_TIMEOUT' } });
    expect(cluster.fake.requests.filter((r) => r.path.endsWith('/events'))).toHaveLength(1);
  } finally {
    const exited = new Promise((resolve) => forbiddenWorker.once('exit', resolve));
    forbiddenWorker.kill('SIGKILL');
    await exited;
    await forbiddenApi.close();
    await cluster.fake.close();
  }
}, 120_000);

it('fails at once with AGENT_ERROR when the task spec is too large for a Secret', async () => {
  const user = await registerUser(api, 'k8sbig');
  const id = await execute(user, { task: 'big', context: { files: [{ path: 'big.txt', content: 'x'.repeat(1_100_000) }] } });
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_ERROR' } });
  expect(done.error.message).toMatch(/too large to run on Kubernetes.*at most 1\.00 MiB/);
  expect(createdJobs(id)).toHaveLength(0);
}, 120_000);

it('lists again and resumes when its watch resourceVersion has expired (410 Gone)', async () => {
  const user = await registerUser(api, 'k8s410');
  const id = await execute(user, { task: 'watch me', context: { script: { steps: 10, delay_ms: 150 } } });
  await eventually(async () => ((await messages(id)).includes('step 2 of 10') ? true : undefined), 60_000, 'progress');
  const listsBefore = fake.requests.filter((r) => r.method === 'GET' && r.query.watch === undefined && r.path.endsWith('/pods')).length;
  const expiredBefore = fake.stats.expiredWatches;
  fake.expireWatches();
  const done = await finished(user, id);
  expect(done).toMatchObject({ status: 'completed', attempts: 1 });
  expect(fake.stats.expiredWatches).toBeGreaterThan(expiredBefore);
  expect(fake.requests.filter((r) => r.method === 'GET' && r.query.watch === undefined && r.path.endsWith('/pods')).length).toBeGreaterThan(listsBefore);
  const steps = (await messages(id)).filter((m) => /^step \d+ of 10$/.test(m));
  expect(steps).toEqual(Array.from({ length: 10 }, (_, i) => `step ${i + 1} of 10`));
  await nothingLeft(id);
}, 120_000);
