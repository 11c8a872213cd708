import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createDb, type Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { recordHistory } from './support/histories';
import { isolatedDatabase, type IsolatedDatabase } from './support/isolated-database';
import { childProcesses, killHard, spawnApiProcess } from './support/processes';
import { collectWebSocket, eventually } from './support/stream-client';
import { SCRIPTED_AGENT, spawnWorkerProcess, testSettings } from './support/worker-harness';

/**
 * A crash of any one process loses no task and no event: real worker and API processes are
 * killed with SIGKILL in the middle of a task.
 */
const settings = testSettings({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '3' });
let api: TestApi;
let db: Db;
let own: IsolatedDatabase;
const children: ChildProcess[] = [];

beforeAll(async () => {
  // A database of its own: a killed API leaves rows unstarted, for this suite's reconciler to find.
  own = await isolatedDatabase();
  settings.DATABASE_URL = own.url;
  api = await startTestApi(settings);
  db = createDb({ url: own.url, poolSize: 2 });
});

afterAll(async () => {
  await Promise.all(
    children.filter((c) => c.exitCode === null && c.signalCode === null).map((c) => {
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      return exited;
    }),
  );
  await api?.close();
  await db?.destroy();
  await own?.drop();
});

function track(child: ChildProcess): ChildProcess {
  children.push(child);
  return child;
}


async function progressEvents(taskId: string) {
  return (await readEvents(db, taskId, 0)).filter((e) => e.type === 'progress');
}

it('retries the run of a worker killed mid-task on another worker, keeping every event', async () => {
  const user = await registerUser(api, 'crash');
  const first = track(spawnWorkerProcess(settings));
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'survive a crash', context: { script: { steps: 30, delay_ms: 150 } } },
  });
  expect(res.status).toBe(202);
  const id = res.body.task_id as string;

  // Kill the worker once the agent has reported some progress.
  await eventually(async () => ((await progressEvents(id)).length >= 4 ? true : undefined), 60_000, 'first progress');
  await killHard(first);
  const beforeCrash = await readEvents(db, id, 0);

  track(spawnWorkerProcess(settings));
  const done = await eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    return ['completed', 'failed', 'timed_out'].includes(t.body.status) ? t.body : undefined;
  }, 90_000, 'the task to finish on the second worker');
  expect(done).toMatchObject({ status: 'completed', attempts: 2, progress: 100 });

  const events = await readEvents(db, id, 0);
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  // Everything written before the crash is still there, in place.
  expect(events.slice(0, beforeCrash.length)).toEqual(beforeCrash);
  const messages = events.map((e) => e.payload.message);
  expect(messages).toContain('Retrying the agent: attempt 2 of 3');
  expect(messages.filter((m) => m === 'step 30 of 30')).toHaveLength(1);
  expect(events.filter((e) => e.final)).toHaveLength(1);
  expect(events.at(-1)).toMatchObject({ type: 'result', final: true });
}, 180_000);

/** Running: exists and is not a zombie (an exited orphan waits for whoever adopted it to reap it). */
function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

it('a local agent does not outlive its worker killed with SIGKILL, even while it writes nothing', async () => {
  // Its own task queues, so no later worker of this file picks the task up again.
  const isolated = testSettings({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '3', DATABASE_URL: own.url });
  const isolatedApi = await startTestApi(isolated);
  try {
    const user = await registerUser(isolatedApi, 'orphan');
    const worker = track(spawnWorkerProcess(isolated));
    const res = await isolatedApi.request('POST', '/v1/agents/execute', {
      token: user.access,
      body: { task: 'go quiet', context: { script: { steps: 1, delay_ms: 10, silent_ms: 60_000 } } },
    });
    expect(res.status).toBe(202);
    await eventually(async () => ((await progressEvents(res.body.task_id)).length >= 1 ? true : undefined), 60_000, 'first progress');
    const agents = await eventually(async () => {
      const pids = childProcesses(worker.pid!, 'scripted-agent');
      return pids.length ? pids : undefined;
    }, 10_000, "the worker's agent process");
    await killHard(worker);
    // Silent for a minute, the agent would live on without its lifeline; it must go within seconds.
    await eventually(async () => (agents.some(alive) ? undefined : true), 10_000, 'the orphaned agent to exit');
  } finally {
    await isolatedApi.close();
  }
}, 120_000);

it('finishes a task whose API process was killed, and a client resumes on another API with nothing lost', async () => {
  const user = await registerUser(api, 'apicrash');
  track(spawnWorkerProcess(settings));
  const spawned = await spawnApiProcess(settings);
  const doomed = track(spawned.child);
  const doomedUrl = spawned.url;

  const res = await fetch(`${doomedUrl}/v1/agents/execute`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access}` },
    body: JSON.stringify({ task: 'outlive the API', context: { script: { steps: 20, delay_ms: 100 } } }),
  });
  expect(res.status).toBe(202);
  const id = ((await res.json()) as { task_id: string }).task_id;

  // A client follows on the doomed API, then it dies under the client.
  const seen: number[] = [];
  const { WebSocket } = await import('ws');
  const ws = new WebSocket(`${doomedUrl.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
  ws.on('message', (d) => seen.push((JSON.parse(d.toString()) as { seq: number }).seq));
  ws.on('error', () => undefined);
  await eventually(async () => (seen.length >= 3 ? true : undefined), 60_000, 'first messages');
  await killHard(doomed);
  const lastSeen = Math.max(...seen);

  const resumed = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}&after=${lastSeen}`);
  const all = [...seen, ...resumed.messages.map((m) => m.seq)];
  expect(all).toEqual(all.map((_, i) => i + 1));
  expect(resumed.messages.at(-1)).toMatchObject({ type: 'result', status: 'completed' });
}, 180_000);

it('a task cancelled after its worker was killed ends cancelled, and the DELETE says only what happened', async () => {
  // Its own queues: no other worker of this file may take the task.
  const isolated = testSettings({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '3', DATABASE_URL: own.url });
  const isolatedApi = await startTestApi(isolated);
  try {
    const user = await registerUser(isolatedApi, 'cancel-dead');
    await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
    const worker = track(spawnWorkerProcess(isolated));
    const res = await isolatedApi.request('POST', '/v1/agents/execute', {
      token: user.access,
      body: { task: 'lose my worker', context: { script: { steps: 200, delay_ms: 100 } } },
    });
    const id = res.body.task_id as string;
    await eventually(async () => ((await progressEvents(id)).length >= 3 ? true : undefined), 60_000, 'first progress');
    await killHard(worker);

    // No worker is left to record anything: the cancel is requested, not done.
    const del = await isolatedApi.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(del.status).toBe(202);
    expect(del.body).toEqual({ success: true, task_id: id, status: 'cancelling' });
    expect((await isolatedApi.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body.status).toBe('running');

    // A worker comes back: the agent's run ends by heartbeat timeout, and the task is cancelled, not failed.
    track(spawnWorkerProcess(isolated));
    const done = await eventually(async () => {
      const t = await isolatedApi.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
      return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
    }, 60_000, 'the task to end');
    expect(done).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    const events = await readEvents(db, id, 0);
    expect(events.find((e) => e.payload.status === 'cancelling')).toBeDefined();
    expect(events.at(-1)).toMatchObject({ type: 'error', final: true, payload: { status: 'cancelled' } });
    const again = await isolatedApi.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(again.status).toBe(409);
    expect(again.body.error.details).toEqual({ status: 'cancelled' });
    await recordHistory(id, 'agent-task-cancelled-dead-worker');
  } finally {
    await isolatedApi.close();
  }
}, 120_000);

it('an API killed during a burst of executes leaves no row without its workflow: every task runs to its end', async () => {
  const isolated = testSettings({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, RECONCILE_INTERVAL_SECONDS: '1', DATABASE_URL: own.url });
  const spawned = await spawnApiProcess(isolated, 'error');
  const doomed = track(spawned.child);
  const url = spawned.url;
  const user = await registerUser(api, 'burst');
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  track(spawnWorkerProcess(isolated));

  // 60 executes, 8 in flight, no Idempotency-Key; the API dies 0.7 s in.
  let next = 0;
  const answers: number[] = [];
  const sender = async () => {
    while (next < 60) {
      next += 1;
      const res = await fetch(`${url}/v1/agents/execute`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.access}` },
        body: JSON.stringify({ task: `burst ${next}`, context: { script: { steps: 1, delay_ms: 1 } } }),
      }).catch(() => undefined);
      if (!res) return;
      answers.push(res.status);
    }
  };
  const senders = Promise.all(Array.from({ length: 8 }, sender));
  await new Promise((r) => setTimeout(r, 700));
  await killHard(doomed);
  await senders;
  // An insert the dead API had sent may still commit a moment after it died.
  await new Promise((r) => setTimeout(r, 1000));

  const rows = await db.selectFrom('tasks').select(['id', 'status']).where('user_id', '=', user.id).execute();
  expect(rows.length).toBeGreaterThan(0);
  // Every stored task reaches its end, orphans included (the reconciler starts them within seconds).
  const final = await eventually(async () => {
    const now = await db.selectFrom('tasks').select(['id', 'status']).where('user_id', '=', user.id).execute();
    return now.every((r) => r.status === 'completed') ? now : undefined;
  }, 90_000, 'every stored task to complete');
  expect(final.length).toBe(rows.length);
  const orphans = await db.selectFrom('projection_corrections').select('subject_id').where('cause', '=', 'orphan_started').where('subject_id', 'in', rows.map((r) => r.id)).execute();
  // Those answered 202 were started by the API; the others, if any, by the reconciler.
  expect(rows.length - answers.filter((s) => s === 202).length).toBeGreaterThanOrEqual(orphans.length);
}, 180_000);
