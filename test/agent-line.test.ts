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
 * A free user's parallel-agent line with real agent tasks: a map_reduce of 100 mappers, all
 * asking for the user's one slot at once. The line continues as new (every 300 events here)
 * while they wait; each agent runs once, one at a time, and is told its place at most once.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;
let temporal: Client;
const MAX_LINE_EVENTS = 300;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: TRIVIAL_AGENT, AGENT_LINE_MAX_HISTORY_EVENTS: String(MAX_LINE_EVENTS) });
  ({ api, db, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

it('runs 100 waiting agents of a free user one at a time, each once, while the line continues as new', async () => {
  const user = await registerUser(api, 'line');
  const files = Array.from({ length: 100 }, (_, i) => ({ path: `f${i}.py`, content: `x = ${i}\n` }));
  const res = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'map them', strategy: 'map_reduce', agents: ['code_expert', 'general'], options: { concurrency: 100 }, context: { files } },
  });
  expect(res.status).toBe(202);
  expect(res.body.agents_running).toBe(1);
  const id = res.body.orchestration_id as string;

  // While the line is long, a waiting task knows its place, and it moves up.
  const waiting = await eventually(async () => {
    const rows = await db.selectFrom('tasks').select(['id', 'line_ticket']).where('orchestration_id', '=', id).where('status', '=', 'queued').where('line_ticket', 'is not', null).orderBy('line_ticket', 'desc').execute();
    return rows.length >= 50 ? rows[0] : undefined;
  }, 60_000, 'a long line');
  const first = (await api.request('GET', `/v1/agents/tasks/${waiting.id}`, { token: user.access })).body.queue_position as number;
  expect(first).toBeGreaterThan(1);
  const later = await eventually(async () => {
    const t = (await api.request('GET', `/v1/agents/tasks/${waiting.id}`, { token: user.access })).body;
    return t.status !== 'queued' || t.queue_position < first ? t : undefined;
  }, 60_000, 'the place in line to move up');
  if (later.status === 'queued') expect(later.queue_position).toBeLessThan(first);

  const done = await eventually(async () => {
    const o = (await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access })).body;
    return ['completed', 'failed', 'cancelled'].includes(o.status) ? o : undefined;
  }, 180_000, 'the orchestration to end');
  expect(done.status).toBe('completed');
  expect(done.agents).toHaveLength(101);

  const tasks = await db.selectFrom('tasks').select(['id', 'status', 'attempts', 'started_at', 'completed_at']).where('orchestration_id', '=', id).execute();
  expect(tasks.every((t) => t.status === 'completed' && t.attempts === 1)).toBe(true);
  // Never two at once: each started after the one before it ended.
  const byStart = [...tasks].sort((a, b) => a.started_at!.getTime() - b.started_at!.getTime());
  for (let i = 1; i < byStart.length; i++) expect(byStart[i]!.started_at!.getTime()).toBeGreaterThanOrEqual(byStart[i - 1]!.completed_at!.getTime());

  for (const t of tasks) {
    const events = await readEvents(db, t.id, 0);
    expect(events.filter((e) => typeof e.payload.message === 'string' && e.payload.message.endsWith('started'))).toHaveLength(1);
    expect(events.filter((e) => e.payload.queue_position !== undefined).length).toBeLessThanOrEqual(1);
  }

  // The line continued as new while agents waited; no run's history grew past twice its bound.
  const runs = [];
  for await (const run of temporal.workflow.list({ query: `WorkflowId = '${agentSlotsWorkflowId(user.id)}'` })) runs.push(run);
  expect(runs.length).toBeGreaterThanOrEqual(2);
  for (const run of runs) expect(run.historyLength).toBeLessThan(MAX_LINE_EVENTS * 2);
  runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
  await recordHistory(agentSlotsWorkflowId(user.id), 'agent-slots-continued-as-new', runs[1]!.runId);
  await recordHistory(byStart[50]!.id, 'agent-task-queued-long-line');
}, 240_000);

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
  const runs = [];
  for await (const r of temporal.workflow.list({ query: `WorkflowId = '${agentSlotsWorkflowId(user.id)}'` })) runs.push(r);
  for (const r of runs) expect(r.historyLength).toBeLessThan(MAX_LINE_EVENTS * 2);
}, 180_000);
