import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { agentSlotsWorkflowId } from '../workflows/agent-slots.definitions';
import { registerUser, type TestApi } from './support/api-harness';
import { recordHistory } from './support/histories';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { TRIVIAL_AGENT } from './support/worker-harness';

/**
 * A free user's parallel-agent line with real agent tasks: 500 tasks of trivial agents, all
 * asking for the user's one slot at once. The line continues as new (every 1,000 events here)
 * while they wait; each agent runs once, one at a time, and is told its place at most once.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;
let temporal: Client;
const MAX_LINE_EVENTS = 1000;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: TRIVIAL_AGENT, AGENT_LINE_MAX_HISTORY_EVENTS: String(MAX_LINE_EVENTS) });
  ({ api, db, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

/** Every run of the user's line with its history length (visibility knows a run's only once it has closed). */
async function lineRuns(userId: string) {
  const runs = [];
  for await (const run of temporal.workflow.list({ query: `WorkflowId = '${agentSlotsWorkflowId(userId)}'` })) {
    const events = run.status.name === 'RUNNING' ? (await temporal.workflow.getHandle(run.workflowId, run.runId).describe()).historyLength : run.historyLength;
    runs.push({ runId: run.runId, startTime: run.startTime, events });
  }
  return runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
}

it('runs 500 waiting agents of a free user one at a time, each once, while the line continues as new', async () => {
  const user = await registerUser(api, 'line');
  const count = 500;
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < count) {
        next += 1;
        const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: `in line ${next}` } });
        expect(res.status).toBe(202);
        ids.push(res.body.task_id as string);
      }
    }),
  );

  // While the line is long, a waiting task knows its place, and it moves up. The place counts
  // the tickets ahead that are recorded; those records run in the background, in any order, so
  // the place is read once every waiting task's ticket is recorded (before, it may still grow).
  const waiting = await eventually(async () => {
    const rows = await db.selectFrom('tasks').select(['id', 'line_ticket']).where('user_id', '=', user.id).where('status', '=', 'queued').orderBy('line_ticket', 'desc').execute();
    // At most one queued task without a ticket: the one granted the slot and not yet running.
    const unrecorded = rows.filter((r) => r.line_ticket === null).length;
    const inLine = rows.filter((r) => r.line_ticket !== null);
    return unrecorded <= 1 && inLine.length >= 20 ? inLine[0] : undefined;
  }, 120_000, 'a long line with every ticket recorded');
  const first = (await api.request('GET', `/v1/agents/tasks/${waiting.id}`, { token: user.access })).body.queue_position as number;
  expect(first).toBeGreaterThan(1);
  const later = await eventually(async () => {
    const t = (await api.request('GET', `/v1/agents/tasks/${waiting.id}`, { token: user.access })).body;
    return t.status !== 'queued' || t.queue_position < first ? t : undefined;
  }, 60_000, 'the place in line to move up');
  if (later.status === 'queued') expect(later.queue_position).toBeLessThan(first);

  const tasks = await eventually(async () => {
    const rows = await db.selectFrom('tasks').select(['id', 'status', 'attempts', 'started_at', 'completed_at']).where('user_id', '=', user.id).execute();
    return rows.every((t) => t.status !== 'queued' && t.status !== 'running') ? rows : undefined;
  }, 240_000, 'every task to end');
  expect(tasks).toHaveLength(count);
  expect(tasks.filter((t) => t.status !== 'completed' || t.attempts !== 1)).toEqual([]);
  // Never two at once: each started after the one before it ended.
  const byStart = [...tasks].sort((a, b) => a.started_at!.getTime() - b.started_at!.getTime());
  for (let i = 1; i < byStart.length; i++) expect(byStart[i]!.started_at!.getTime()).toBeGreaterThanOrEqual(byStart[i - 1]!.completed_at!.getTime());

  // Each agent ran once, and was told its place at most once.
  const events = await db
    .selectFrom('stream_events')
    .select(['stream_id', 'payload'])
    .where('stream_id', 'in', ids)
    .execute();
  const started = new Map<string, number>();
  const told = new Map<string, number>();
  for (const e of events) {
    if (typeof e.payload.message === 'string' && e.payload.message.endsWith(' started')) started.set(e.stream_id, (started.get(e.stream_id) ?? 0) + 1);
    if (e.payload.queue_position !== undefined) told.set(e.stream_id, (told.get(e.stream_id) ?? 0) + 1);
  }
  expect(ids.filter((id) => started.get(id) !== 1)).toEqual([]);
  expect(Math.max(...told.values())).toBe(1);

  // The line continued as new while agents waited. A run is bounded by its bound plus what a
  // burst of requests adds while it hands over (3 events each), whatever the number of hand-offs.
  const runs = await lineRuns(user.id);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  for (const run of runs) expect(run.events).toBeLessThan(MAX_LINE_EVENTS + 3 * count);
  await recordHistory(agentSlotsWorkflowId(user.id), 'agent-slots-continued-as-new', runs[1]!.runId);
  await recordHistory(byStart[250]!.id, 'agent-task-queued-long-line');
}, 360_000);

it("a free user's parallel orchestration of 50 agents: each agent told its place at most once, estimates counting the line", async () => {
  const user = await registerUser(api, 'line50');
  // Alone, a task's estimate is one run; with three ahead of it in a one-slot line, four runs.
  const alone = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'alone', agent_type: 'test_gen' } });
  const run = alone.body.estimated_duration_seconds as number;
  await eventually(async () => ((await api.request('GET', `/v1/agents/tasks/${alone.body.task_id}`, { token: user.access })).body.status === 'completed' ? true : undefined), 30_000, 'the first task');

  const res = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'fifty at once', strategy: 'parallel', agents: Array.from({ length: 50 }, () => 'test_gen'), options: { failure_policy: 'best_effort' } },
  });
  expect(res.status).toBe(202);
  const id = res.body.orchestration_id as string;
  // Every agent's task exists (the orchestration creates them one by one): from now on the line only shrinks.
  await eventually(async () => {
    const n = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('orchestration_id', '=', id).executeTakeFirstOrThrow();
    return Number(n.n) === 50 ? true : undefined;
  }, 30_000, 'the agents in line');
  const behind = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'behind the line', agent_type: 'test_gen' } });
  const active = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', user.id).where('status', 'in', ['queued', 'running']).where('id', '!=', behind.body.task_id).executeTakeFirstOrThrow();
  // Counted a moment after the API did, so at most as many as it counted.
  expect(behind.body.estimated_duration_seconds).toBeGreaterThanOrEqual(run * (1 + Number(active.n)));

  const done = await eventually(async () => {
    const o = (await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access })).body;
    return ['completed', 'failed', 'cancelled'].includes(o.status) ? o : undefined;
  }, 120_000, 'the orchestration to end');
  expect(done.status).toBe('completed');
  const events = await readEvents(db, id, 0);
  const waitingMessages = events.filter((e) => typeof e.payload.message === 'string' && e.payload.message.startsWith('Waiting for a free agent slot'));
  // Before: 1,205 of 1,458 events of this stream said where an agent was in line.
  expect(waitingMessages.length).toBeLessThanOrEqual(50);
  for (const r of await lineRuns(user.id)) expect(r.events).toBeLessThan(MAX_LINE_EVENTS + 3 * 50);
}, 180_000);
