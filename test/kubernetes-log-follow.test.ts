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
 * The pod log's connection is cut (a reset, with no end) every 700 ms while the agent runs: the
 * executor opens it again from where it was, so progress keeps arriving while the pod runs, and
 * every line arrives once, in order.
 */
let fake: FakeKubernetes;
let api: TestApi;
let db: Db;
let worker: ChildProcess;

beforeAll(async () => {
  const cluster = await startTestCluster({ logStreamCutMs: 700 });
  fake = cluster.fake;
  // The worker in its own process, as in test/kubernetes-executor.test.ts (the client is an ES module).
  const settings = testSettings({ ...cluster.settings, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '10' });
  api = await startTestApi(settings);
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
  worker = spawnWorkerProcess(settings);
}, 60_000);

afterAll(async () => {
  if (worker) await killHard(worker);
  await api?.close();
  await db?.destroy();
  await fake?.close();
});

it('reopens a cut log stream from where it was: live progress, every line once, in order', async () => {
  const user = await registerUser(api, 'log-cut');
  const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'slow and steady', context: { script: { steps: 20, delay_ms: 250 } } } });
  expect(res.status).toBe(202);
  const id = res.body.task_id as string;
  const message = async (text: string) => (await readEvents(db, id, 0)).some((e) => e.payload.message === text);

  // Step 8 is read while the agent is still at work (before, a cut stream fell silent to the end).
  await eventually(async () => ((await message('step 8 of 20')) ? true : undefined), 60_000, 'step 8');
  expect((await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body.status).toBe('running');
  expect(await message('step 20 of 20')).toBe(false);

  await eventually(async () => {
    const t = (await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body;
    return ['completed', 'failed'].includes(t.status) ? t : undefined;
  }, 60_000, 'the task');
  const steps = (await readEvents(db, id, 0)).map((e) => String(e.payload.message ?? '')).filter((m) => m.startsWith('step '));
  expect(steps).toEqual(Array.from({ length: 20 }, (_, i) => `step ${i + 1} of 20`));
}, 120_000);
