import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { agentSlotsStateQuery, agentSlotsWorkflowId } from '../workflows/agent-slots.definitions';
import { registerUser, type TestApi } from './support/api-harness';
import { recordHistory } from './support/histories';
import { startTestStack, type TestStack } from './support/test-stack';
import { eventually } from './support/stream-client';
import { SCRIPTED_AGENT } from './support/worker-harness';

/** The tier's parallel-agents limit: past it agents wait in line, and slots never leak. */
let api: TestApi;
let db: Db;
let temporal: Client;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT });
  ({ api, db, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function execute(user: User, script: Record<string, unknown>) {
  const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'work', context: { script } } });
  expect(res.status).toBe(202);
  return res.body.task_id as string;
}

async function task(user: User, id: string) {
  return (await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body;
}

async function waitFor(user: User, id: string, statuses: string[]) {
  return eventually(async () => {
    const t = await task(user, id);
    return statuses.includes(t.status) ? t : undefined;
  }, 60_000, `${id} to be ${statuses.join('/')}`);
}

/** The most tasks of the list that ran at the same time, from their recorded run intervals. */
async function maxOverlap(ids: string[]): Promise<number> {
  const rows = await db.selectFrom('tasks').select(['started_at', 'completed_at']).where('id', 'in', ids).execute();
  const points = rows.flatMap((r) => [
    { t: r.started_at!.getTime(), d: 1 },
    { t: r.completed_at!.getTime(), d: -1 },
  ]);
  points.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const p of points) max = Math.max(max, (now += p.d));
  return max;
}

it('runs a free user’s tasks one at a time, the others waiting in line with their position', async () => {
  const user = await registerUser(api, 'free');
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) ids.push(await execute(user, { steps: 4, delay_ms: 100 }));
  // Which task waits depends on the order their workflows ask for a slot.
  const queued = await eventually(async () => {
    for (const id of ids) {
      const t = await task(user, id);
      if (t.status === 'queued' && t.queue_position !== null) return t;
    }
    return undefined;
  }, 30_000, 'a queued task with a position');
  expect(queued.queue_position).toBeGreaterThanOrEqual(1);
  for (const id of ids) expect(await waitFor(user, id, ['completed', 'failed'])).toMatchObject({ status: 'completed', queue_position: null });
  expect(await maxOverlap(ids)).toBe(1);

  const events = await readEvents(db, queued.task_id, 0);
  // Told its place once, on joining: "next in line" or "position N in line".
  const told = events.filter((e) => e.payload.queue_position !== undefined).map((e) => e.payload.message as string);
  expect(told).toHaveLength(1);
  expect(told[0]).toMatch(/^Waiting for a free agent slot: (next in line|position \d+ in line) \(your tier runs 1 agent at a time\)$/);
  expect(events.find((e) => e.payload.queue_position !== undefined)?.payload).toMatchObject({ type: 'progress', status: 'queued', task_id: queued.task_id });
  await recordHistory(queued.task_id, 'agent-task-queued');
  await recordHistory(agentSlotsWorkflowId(user.id), 'agent-slots');
});

it('frees the slot of a task that is cancelled, fails or times out, and of one cancelled while it waits', async () => {
  const user = await registerUser(api, 'noleak');
  const long = await execute(user, { steps: 400, delay_ms: 50 });
  await waitFor(user, long, ['running']);
  const waiting = await execute(user, { steps: 1, delay_ms: 1 });
  await eventually(async () => ((await task(user, waiting)).queue_position === 1 ? true : undefined), 30_000, 'the second task in line');

  // Cancelled while waiting in line: it leaves the line.
  expect((await api.request('DELETE', `/v1/agents/tasks/${waiting}`, { token: user.access })).status).toBe(200);
  // Cancelled while running: its slot is freed.
  expect((await api.request('DELETE', `/v1/agents/tasks/${long}`, { token: user.access })).status).toBe(200);

  const failing = await execute(user, { steps: 1, delay_ms: 1, fail: { message: 'no', retryable: false } });
  expect((await waitFor(user, failing, ['failed', 'completed'])).status).toBe('failed');
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'slow', time_limit_seconds: 1, context: { script: { steps: 100, delay_ms: 100 } } },
  });
  expect((await waitFor(user, res.body.task_id, ['timed_out', 'completed'])).status).toBe('timed_out');

  const after = await execute(user, { steps: 1, delay_ms: 1 });
  expect((await waitFor(user, after, ['completed', 'failed'])).status).toBe('completed');
  // The last task gives its slot back just after it records its result.
  const slots = await eventually(async () => {
    const state = await temporal.workflow.getHandle(agentSlotsWorkflowId(user.id)).query(agentSlotsStateQuery);
    return state.holders.length === 0 ? state : undefined;
  }, 10_000, 'the last slot to be released');
  expect(slots).toMatchObject({ limit: 1, holders: [], waiting: [] });
});
