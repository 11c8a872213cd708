import type { ChildProcess } from 'node:child_process';
import { createDb, type Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import type { FakeKubernetes } from './support/fake-kubernetes/fake-kubernetes';
import { startTestCluster } from './support/fake-kubernetes/test-cluster';
import { killHard } from './support/processes';
import { eventually } from './support/stream-client';
import { spawnWorkerProcess, testSettings } from './support/worker-harness';

/**
 * A worker killed (SIGKILL) while it watches an agent Job: the retry on another worker adopts
 * that Job (its name came in the last heartbeat) instead of launching a second one, re-reads
 * the pod's log from the start, and writes no event twice.
 */
let fake: FakeKubernetes;
let api: TestApi;
let db: Db;
let settings: Record<string, string>;
const workers: ChildProcess[] = [];

beforeAll(async () => {
  const cluster = await startTestCluster();
  fake = cluster.fake;
  settings = testSettings({ ...cluster.settings, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '5', WORKER_SHUTDOWN_GRACE_SECONDS: '1' });
  api = await startTestApi(settings);
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
});

afterAll(async () => {
  await Promise.all(workers.filter((w) => w.exitCode === null && w.signalCode === null).map((w) => killHard(w)));
  await api?.close();
  await db?.destroy();
  await fake?.close();
});


function startWorker(): ChildProcess {
  const worker = spawnWorkerProcess(settings);
  workers.push(worker);
  return worker;
}

it('adopts the running Job after the watching worker is killed, launching no second Job', async () => {
  const user = await registerUser(api, 'k8scrash');
  const first = startWorker();
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'outlive the worker', context: { script: { steps: 60, delay_ms: 200 } } },
  });
  expect(res.status).toBe(202);
  const id = res.body.task_id as string;

  const progress = async () => (await readEvents(db, id, 0)).filter((e) => e.type === 'progress' && /^step /.test(String(e.payload.message)));
  await eventually(async () => ((await progress()).length >= 4 ? true : undefined), 60_000, 'the agent to report progress');
  await killHard(first);
  const beforeCrash = await readEvents(db, id, 0);

  startWorker();
  const done = await eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
  }, 90_000, 'the task to finish on the second worker');
  expect(done).toMatchObject({ status: 'completed', attempts: 2, progress: 100 });

  const jobs = fake.created.filter((c) => c.resource === 'jobs' && c.object.metadata.labels?.['codex-cloud.io/task-id'] === id);
  expect(jobs).toHaveLength(1);
  expect(fake.created.filter((c) => c.resource === 'pods' && c.object.metadata.labels?.['codex-cloud.io/task-id'] === id)).toHaveLength(1);

  const events = await readEvents(db, id, 0);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.slice(0, beforeCrash.length)).toEqual(beforeCrash);
  const messages = events.map((e) => String(e.payload.message ?? ''));
  expect(messages).toContain('Retrying the agent: attempt 2 of 3');
  for (let step = 1; step <= 60; step++) expect(messages.filter((m) => m === `step ${step} of 60`)).toHaveLength(1);
  expect(events.filter((e) => e.final)).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ type: 'result', final: true });

  await eventually(
    async () => (fake.list('jobs').length + fake.list('pods').length + fake.list('secrets').length === 0 ? true : undefined),
    10_000,
    'the adopted Job to be deleted',
  );
}, 180_000);

it('hands a running Job to the next worker when its worker shuts down gracefully', async () => {
  // Only this test's workers may take the task.
  await Promise.all(workers.splice(0).filter((w) => w.exitCode === null && w.signalCode === null).map((w) => killHard(w)));
  const user = await registerUser(api, 'k8sdrain');
  const first = startWorker();
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'outlive a rollout', context: { script: { steps: 40, delay_ms: 200 } } },
  });
  const id = res.body.task_id as string;
  const progress = async () => (await readEvents(db, id, 0)).filter((e) => e.type === 'progress' && /^step /.test(String(e.payload.message)));
  await eventually(async () => ((await progress()).length >= 3 ? true : undefined), 60_000, 'the agent to report progress');

  // A rollout: SIGTERM; after WORKER_SHUTDOWN_GRACE_SECONDS the worker lets go of the run and exits.
  const exited = new Promise((resolve) => first.once('exit', resolve));
  first.kill('SIGTERM');
  await exited;
  expect(fake.list('jobs').filter((j) => j.metadata.labels?.['codex-cloud.io/task-id'] === id)).toHaveLength(1);

  startWorker();
  const done = await eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
  }, 90_000, 'the task to finish on the next worker');
  expect(done).toMatchObject({ status: 'completed', attempts: 2 });
  expect(fake.created.filter((c) => c.resource === 'jobs' && c.object.metadata.labels?.['codex-cloud.io/task-id'] === id)).toHaveLength(1);
  const messages = (await readEvents(db, id, 0)).map((e) => String(e.payload.message ?? ''));
  for (let step = 1; step <= 40; step++) expect(messages.filter((m) => m === `step ${step} of 40`)).toHaveLength(1);
}, 180_000);
