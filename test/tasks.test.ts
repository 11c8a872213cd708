import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { defaultPayloadConverter } from '@temporalio/common';
import type { temporal as proto } from '@temporalio/proto';
import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { taskStateQuery } from '../workflows/agent-task.definitions';
import { SearchAttr } from '../workflows/search-attributes';
import { recordHistory } from './support/histories';
import { startTestStack, type TestStack } from './support/test-stack';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { collectSse, collectWebSocket, eventually, handshakeStatus } from './support/stream-client';
import { SCRIPTED_AGENT, workerDbName } from './support/worker-harness';

let api: TestApi;
let db: Db;
let user: Awaited<ReturnType<typeof registerUser>>;
let temporal: Client;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, AGENT_HEARTBEAT_TIMEOUT_SECONDS: '5', TASK_ESTIMATE_CACHE_SECONDS: '0' });
  ({ api, db, temporal } = stack);
  user = await registerUser(api, 'tasks');
});

afterAll(async () => {
  await stack?.close();
});

function script(s: Record<string, unknown>) {
  return { script: s };
}

async function execute(body: Record<string, unknown>, token = user.access, headers: Record<string, string> = {}) {
  return api.request('POST', '/v1/agents/execute', { token, body, headers });
}

async function waitForStatus(taskId: string, statuses: string[], token = user.access) {
  return eventually(async () => {
    const res = await api.request('GET', `/v1/agents/tasks/${taskId}`, { token });
    return statuses.includes(res.body.status) ? res.body : undefined;
  }, 60_000, `task ${taskId} to reach ${statuses.join('/')}`);
}

function wsUrl(taskId: string, query = '') {
  return `${api.url.replace('http', 'ws')}/v1/agents/tasks/${taskId}/stream${query}`;
}

describe('POST /v1/agents/execute → result', () => {
  it('accepts the task, runs it, and answers every field of the contract', async () => {
    const res = await execute({ task: 'Review this', agent_type: 'code_expert', context: script({ steps: 3, delay_ms: 20 }) });
    expect(res.status).toBe(202);
    const id = res.body.task_id as string;
    expect(res.body).toEqual({
      task_id: expect.stringMatching(/^task_[0-9A-Z]{16}$/),
      status: 'queued',
      estimated_duration_seconds: expect.any(Number),
      result_url: `/v1/agents/tasks/${id}`,
      websocket_url: `ws://localhost:0/v1/agents/tasks/${id}/stream`.replace('localhost:0', new URL(api.config.PUBLIC_URL).host),
      events_url: `/v1/agents/tasks/${id}/events`,
      workflow_id: id,
    });

    const done = await waitForStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({
      task_id: id,
      status: 'completed',
      agent_type: 'code_expert',
      progress: 100,
      result: { summary: 'did 3 steps over 0 files (0 bytes) for: Review this', findings: [] },
      tokens_used: { prompt: 10, completion: 5, total: 15 },
      cost_usd: 0.0012,
      attempts: 1,
      workflow_id: id,
    });
    expect(done.error).toBeUndefined();
    expect(Date.parse(done.completed_at)).toBeGreaterThanOrEqual(Date.parse(done.started_at));
    expect(Date.parse(done.started_at)).toBeGreaterThanOrEqual(Date.parse(done.created_at));
    expect(done.duration_seconds).toBeGreaterThanOrEqual(0);

    // The whole log, replayed after the fact, over both transports.
    const ws = await collectWebSocket(wsUrl(id, `?token=${user.access}`));
    expect(ws.closeCode).toBe(1000);
    expect(ws.messages.map((m) => m.seq)).toEqual(ws.messages.map((_, i) => i + 1));
    expect(ws.messages.map((m) => m.type)).toEqual(['progress', 'progress', 'progress', 'progress', 'result']);
    expect(ws.messages.at(-1)).toMatchObject({ type: 'result', task_id: id, status: 'completed', result: done.result, timestamp: expect.any(String) });
    const sse = await collectSse(`${api.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}` });
    expect(sse.status).toBe(200);
    expect(sse.events.map((e) => e.data)).toEqual(ws.messages);
    expect(sse.events.map((e) => Number(e.id))).toEqual(ws.messages.map((m) => m.seq));
    await recordHistory(id, 'agent-task-completed');
  });

  it('names every step for ops in the Temporal UI: the workflow, each activity and the time limit', async () => {
    const res = await execute({ task: 'Summaries please', agent_type: 'test_gen', context: script({ steps: 1, delay_ms: 1 }) });
    const id = res.body.task_id as string;
    const handle = temporal.workflow.getHandle(id);
    await handle.result();
    const history = await handle.fetchHistory();
    const summaryOf = (payload: proto.api.common.v1.IPayload | null | undefined) =>
      payload ? defaultPayloadConverter.fromPayload<string>(payload) : undefined;
    const events = history.events ?? [];
    expect(summaryOf(events[0]?.userMetadata?.summary)).toBe('test_gen: Summaries please');
    // Activities, local activities (markers naming their type) and timers, in order.
    const localActivityType = (e: (typeof events)[number]) => {
      const data = e.markerRecordedEventAttributes?.details?.data?.payloads?.[0];
      return data ? `${defaultPayloadConverter.fromPayload<{ activity_type: string }>(data).activity_type} (local)` : undefined;
    };
    const steps = events
      .filter((e) => e.activityTaskScheduledEventAttributes || e.timerStartedEventAttributes || e.markerRecordedEventAttributes?.markerName === 'core_local_activity')
      .map((e) => [e.activityTaskScheduledEventAttributes?.activityType?.name ?? localActivityType(e) ?? 'timer', summaryOf(e.userMetadata?.summary)]);
    expect(steps).toEqual([
      ['requestSlot', 'Ask for a parallel-agent slot (limit 1)'],
      ['startTask (local)', 'Record the task as running'],
      ['timer', 'Task time limit'],
      ['runAgent', `Run the test_gen agent (time limit ${api.config.TASK_TIME_LIMIT_SECONDS} s, up to ${api.config.AGENT_MAX_ATTEMPTS} attempts)`],
      ['finishTask', 'Record the task as completed and give its slot back'],
    ]);
    // The step that records the end gave the slot back: the workflow sends nothing more.
    expect(events.filter((e) => e.signalExternalWorkflowExecutionInitiatedEventAttributes)).toEqual([]);
    const line = await temporal.workflow.getHandle(`agent-slots-${user.id}`).fetchHistory();
    const releases = line.events!.filter((e) => e.workflowExecutionSignaledEventAttributes?.signalName === 'releaseSlot');
    const released = releases.map((e) => defaultPayloadConverter.fromPayload<{ workflowId: string }>(e.workflowExecutionSignaledEventAttributes!.input!.payloads![0]!).workflowId);
    expect(released).toContain(id);
  });

  it('estimates the duration from the history of the agent type', async () => {
    const agentType = 'test_gen';
    const first = await execute({ task: 'a', agent_type: agentType, context: script({ steps: 1, delay_ms: 1 }) });
    await waitForStatus(first.body.task_id, ['completed']);
    const row = await db.selectFrom('tasks').select(['started_at', 'completed_at']).where('id', '=', first.body.task_id).executeTakeFirstOrThrow();
    // Rewrite that run (and every earlier one of this type) to have taken 95 s.
    await db
      .updateTable('tasks')
      .set({ completed_at: new Date(row.started_at!.getTime() + 95_000) })
      .where('agent_type', '=', agentType)
      .where('status', '=', 'completed')
      .execute();
    await db.updateTable('tasks').set({ started_at: row.started_at }).where('agent_type', '=', agentType).where('status', '=', 'completed').execute();
    const second = await execute({ task: 'b', agent_type: agentType, context: script({ steps: 1, delay_ms: 1 }) });
    expect(second.body.estimated_duration_seconds).toBe(95);
  });

  it('carries a 5 MB file set through Postgres, never through Temporal payloads', async () => {
    const content = 'x'.repeat(1024 * 1024);
    const files = Array.from({ length: 5 }, (_, i) => ({ path: `big/${i}.txt`, content }));
    const res = await execute({ task: 'big input', context: { files, ...script({ steps: 1, delay_ms: 1 }) } });
    expect(res.status).toBe(202);
    const done = await waitForStatus(res.body.task_id, ['completed', 'failed']);
    expect(done.status).toBe('completed');
    expect(done.result.summary).toBe(`did 1 steps over 5 files (${5 * 1024 * 1024} bytes) for: big input`);
  });

  it('shows a retried attempt in the events and still completes', async () => {
    const marker = path.join(tmpdir(), `crash-once-${randomUUID()}`);
    const res = await execute({ task: 'flaky', context: script({ steps: 4, delay_ms: 20, crash_once_marker: marker }) });
    const done = await waitForStatus(res.body.task_id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', attempts: 2 });
    const ws = await collectWebSocket(wsUrl(res.body.task_id, `?token=${user.access}`));
    const messages = ws.messages.map((m) => m.message);
    expect(messages).toContain('Retrying the agent: attempt 2 of 3');
    expect(ws.messages.map((m) => m.seq)).toEqual(ws.messages.map((_, i) => i + 1));
    await recordHistory(res.body.task_id, 'agent-task-retried');
  });

  it("records the agent's own error as failed with AGENT_ERROR, without retrying a non-retryable one", async () => {
    const res = await execute({ task: 'doomed', context: script({ steps: 1, delay_ms: 1, fail: { message: 'the repository is empty', retryable: false } }) });
    const done = await waitForStatus(res.body.task_id, ['failed', 'completed']);
    expect(done).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_ERROR', message: 'the repository is empty' } });
    expect(done.result).toBeUndefined();
    const ws = await collectWebSocket(wsUrl(res.body.task_id, `?token=${user.access}`));
    expect(ws.messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'AGENT_ERROR', message: 'the repository is empty' } });
    await recordHistory(res.body.task_id, 'agent-task-failed');
  });

  it('ends a task past its time limit as timed_out with TASK_TIMEOUT', async () => {
    const res = await execute({ task: 'slow', time_limit_seconds: 2, context: script({ steps: 100, delay_ms: 100 }) });
    const done = await waitForStatus(res.body.task_id, ['timed_out', 'completed', 'failed']);
    expect(done).toMatchObject({ status: 'timed_out', error: { code: 'TASK_TIMEOUT' } });
    const ws = await collectWebSocket(wsUrl(res.body.task_id, `?token=${user.access}`));
    expect(ws.messages.at(-1)).toMatchObject({ type: 'error', status: 'timed_out', error: { code: 'TASK_TIMEOUT' } });
    await recordHistory(res.body.task_id, 'agent-task-timed-out');
  });
});

describe('idempotency', () => {
  it('returns the same task for a repeated key, even for concurrent requests, and counts one run', async () => {
    const other = await registerUser(api, 'idem');
    const key = `key-${randomUUID()}`;
    const body = { task: 'once', context: script({ steps: 1, delay_ms: 1 }) };
    const answers = await Promise.all([1, 2, 3].map(() => execute(body, other.access, { 'Idempotency-Key': key })));
    expect(answers.map((a) => a.status)).toEqual([202, 202, 202]);
    const ids = new Set(answers.map((a) => a.body.task_id));
    expect(ids.size).toBe(1);
    const [id] = [...ids] as [string];
    await waitForStatus(id, ['completed'], other.access);
    const again = await execute(body, other.access, { 'Idempotency-Key': key });
    expect(again.body.task_id).toBe(id);

    const list = await api.request('GET', '/v1/agents/tasks', { token: other.access });
    expect(list.body.tasks).toHaveLength(1);
    const me = await api.request('GET', '/v1/auth/me', { token: other.access });
    expect(me.body.usage.requests_this_month).toBe(1);
    const attempts = await db.selectFrom('tasks').select('attempts').where('id', '=', id).executeTakeFirstOrThrow();
    expect(attempts.attempts).toBe(1);
  });

  it('gives different users with the same key different tasks', async () => {
    const a = await registerUser(api, 'idemA');
    const b = await registerUser(api, 'idemB');
    const body = { task: 'x', context: script({ steps: 1, delay_ms: 1 }) };
    const ra = await execute(body, a.access, { 'Idempotency-Key': 'shared' });
    const rb = await execute(body, b.access, { 'Idempotency-Key': 'shared' });
    expect(ra.body.task_id).not.toBe(rb.body.task_id);
  });
});

describe('a database outage while the agent runs', () => {
  it("does not cost the run: the worker writes its progress again until Postgres answers", async () => {
    const res = await execute({ task: 'through an outage', context: script({ steps: 40, delay_ms: 50 }) });
    const id = res.body.task_id as string;
    await eventually(async () => {
      const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
      return t.body.progress > 0 ? true : undefined;
    });
    // For 1.5 s, every connection of this process's worker is killed as soon as it shows up.
    const until = Date.now() + 1_500;
    let killed = 0;
    while (Date.now() < until) {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${workerDbName()}) k`.execute(db);
      killed += rows[0]?.n ?? 0;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(killed).toBeGreaterThan(0);
    const done = await waitForStatus(id, ['completed', 'failed']);
    expect(done).toMatchObject({ status: 'completed', attempts: 1, progress: 100 });
    const ws = await collectWebSocket(wsUrl(id, `?token=${user.access}`));
    expect(ws.messages.map((m) => m.seq)).toEqual(ws.messages.map((_, i) => i + 1));
    expect(ws.messages.filter((m) => m.type === 'progress' && /^step \d+ of 40$/.test(String(m.message)))).toHaveLength(40);
  }, 60_000);
});

describe('cancel', () => {
  it('stops a running agent, records cancelled, and keeps its partial result', async () => {
    const res = await execute({ task: 'long', context: script({ steps: 200, delay_ms: 50 }) });
    const id = res.body.task_id as string;
    await eventually(async () => {
      const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
      return t.body.progress > 0 ? t : undefined;
    });
    // What ops see in the Temporal UI: state query, search attributes, memo.
    const handle = temporal.workflow.getHandle(id);
    expect(await handle.query(taskStateQuery)).toMatchObject({ taskId: id, status: 'running', agentType: 'general', startedAt: expect.any(String) });
    const description = await handle.describe();
    expect(description.typedSearchAttributes.get(SearchAttr.userId)).toBe(user.id);
    expect(description.typedSearchAttributes.get(SearchAttr.tier)).toBe('free');
    expect(description.typedSearchAttributes.get(SearchAttr.agentType)).toBe('general');
    expect(description.typedSearchAttributes.get(SearchAttr.status)).toBe('running');
    expect(await description.memo).toMatchObject({ task: 'long', agent_type: 'general', files: 0 });

    const cancelled = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ success: true, task_id: id, status: 'cancelled' });
    const task = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(task.body).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' }, result: { partial: true } });
    expect(task.body.result.summary).toMatch(/^stopped after \d+ steps$/);

    const again = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expectError(again, 409, 'CONFLICT');
    expect(again.body.error.details).toEqual({ status: 'cancelled' });
    // The row is final before the workflow closes (it still releases the agent slot): wait for the close.
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
    expect((await handle.describe()).typedSearchAttributes.get(SearchAttr.status)).toBe('cancelled');
    await recordHistory(id, 'agent-task-cancelled');
  });

  it('ends cancelled when the agent hands in its result while the cancel is on its way, keeping the result', async () => {
    // The agent ignores SIGTERM and finishes its last steps within the stop grace (2 s here).
    const res = await execute({ task: 'finishing', context: script({ steps: 8, delay_ms: 100, ignore_sigterm: true }) });
    const id = res.body.task_id as string;
    await eventually(async () => {
      const t = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
      return t.body.progress > 0 ? t : undefined;
    });
    const cancelled = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toEqual({ success: true, task_id: id, status: 'cancelled' });
    const task = await waitForStatus(id, ['cancelled', 'completed']);
    expect(task).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    // Whatever the agent made (here its whole result) stays with the task.
    expect(task.result).toBeTruthy();
    const handle = temporal.workflow.getHandle(id);
    await expect(handle.result()).rejects.toThrow();
    expect((await handle.describe()).status.name).toBe('CANCELLED');
  });

  it('leaves a finished task as it was: 409 CONFLICT with its final status', async () => {
    const res = await execute({ task: 'quick', context: script({ steps: 1, delay_ms: 1 }) });
    await waitForStatus(res.body.task_id, ['completed']);
    const del = await api.request('DELETE', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access });
    expectError(del, 409, 'CONFLICT');
    expect(del.body.error.details).toEqual({ status: 'completed' });
    expect((await api.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access })).body.status).toBe('completed');
  });
});

describe('validation changes nothing', () => {
  async function taskCount(userId: string) {
    const r = await db.selectFrom('tasks').select((eb) => eb.fn.countAll<string>().as('n')).where('user_id', '=', userId).executeTakeFirstOrThrow();
    return Number(r.n);
  }

  it('answers bad requests with the contract error and starts nothing', async () => {
    const fresh = await registerUser(api, 'bad');
    const me = await api.request('GET', '/v1/auth/me', { token: fresh.access });
    const missing = await execute({ agent_type: 'code_expert' }, fresh.access);
    expectError(missing, 400, 'INVALID_REQUEST');
    expect(missing.body.error.details).toEqual({ field: 'task', reason: 'is required' });

    const unknown = await execute({ task: 'x', agent_type: 'wizard' }, fresh.access);
    expectError(unknown, 400, 'INVALID_REQUEST');
    expect(unknown.body.error.details.field).toBe('agent_type');

    for (const body of [{ task: 42 }, { task: 'x', temperature: 'hot' }, { task: 'x', context: { files: [{ path: 'a' }] } }, { task: 'x', max_tokens: -1 }]) {
      expectError(await execute(body, fresh.access), 400, 'INVALID_REQUEST');
    }
    expectError(await api.request('POST', '/v1/agents/execute', { token: fresh.access, rawBody: '{"task": ' }), 400, 'INVALID_REQUEST');
    const huge = await execute({ task: 'x', context: { files: [{ path: 'a', content: 'y'.repeat(11 * 1024 * 1024) }] } }, fresh.access);
    expectError(huge, 413, 'PAYLOAD_TOO_LARGE');
    expectError(await execute({ task: 'x' }, fresh.access, { 'Idempotency-Key': 'ä' }), 400, 'INVALID_REQUEST');
    const tooLong = await execute({ task: 'x', time_limit_seconds: 10 ** 6 }, fresh.access);
    expectError(tooLong, 400, 'INVALID_REQUEST');
    expect(tooLong.body.error.details).toEqual({ field: 'time_limit_seconds', reason: 'must be at most 21600' });
    expectError(await api.request('POST', '/v1/agents/execute', { body: { task: 'x' } }), 401, 'UNAUTHORIZED');

    expect(await taskCount(me.body.id)).toBe(0);
    expect((await api.request('GET', '/v1/auth/me', { token: fresh.access })).body.usage.requests_this_month).toBe(0);
  });
});

describe('ownership', () => {
  it("answers 404 for another user's task on REST, WebSocket and SSE", async () => {
    const res = await execute({ task: 'private', context: script({ steps: 1, delay_ms: 1 }) });
    const id = res.body.task_id as string;
    const stranger = await registerUser(api, 'stranger');
    expectError(await api.request('GET', `/v1/agents/tasks/${id}`, { token: stranger.access }), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: stranger.access }), 404, 'NOT_FOUND');
    expect((await handshakeStatus(wsUrl(id, `?token=${stranger.access}`))).status).toBe(404);
    expect((await collectSse(`${api.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${stranger.access}` })).status).toBe(404);
    expect((await api.request('GET', '/v1/agents/tasks', { token: stranger.access })).body.tasks).toEqual([]);
    expectError(await api.request('GET', '/v1/agents/tasks/task_0000000000000000', { token: user.access }), 404, 'NOT_FOUND');
  });
});

describe('GET /v1/agents/tasks', () => {
  it('lists newest first with cursor pagination and filters', async () => {
    const lister = await registerUser(api, 'lister');
    const ids: string[] = [];
    for (const agent_type of ['code_expert', 'test_gen', 'code_expert', 'security_expert', 'code_expert']) {
      const r = await execute({ task: `t-${agent_type}`, agent_type, context: script({ steps: 1, delay_ms: 1 }) }, lister.access);
      ids.push(r.body.task_id);
    }
    const newestFirst = [...ids].reverse();
    const page1 = await api.request('GET', '/v1/agents/tasks?limit=2', { token: lister.access });
    expect(page1.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual(newestFirst.slice(0, 2));
    expect(page1.body.has_more).toBe(true);
    const page2 = await api.request('GET', `/v1/agents/tasks?limit=2&cursor=${page1.body.next_cursor}`, { token: lister.access });
    expect(page2.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual(newestFirst.slice(2, 4));
    const page3 = await api.request('GET', `/v1/agents/tasks?limit=2&cursor=${page2.body.next_cursor}`, { token: lister.access });
    expect(page3.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(page3.body.tasks.map((t: { task_id: string }) => t.task_id)).toEqual(newestFirst.slice(4));

    const experts = await api.request('GET', '/v1/agents/tasks?agent_type=code_expert', { token: lister.access });
    expect(experts.body.tasks).toHaveLength(3);
    for (const id of ids) await waitForStatus(id, ['completed'], lister.access);
    const completed = await api.request('GET', '/v1/agents/tasks?status=completed&limit=100', { token: lister.access });
    expect(completed.body.tasks).toHaveLength(5);
    expect((await api.request('GET', '/v1/agents/tasks?status=running', { token: lister.access })).body.tasks).toEqual([]);

    expectError(await api.request('GET', '/v1/agents/tasks?status=bogus', { token: lister.access }), 400, 'INVALID_REQUEST');
    expectError(await api.request('GET', '/v1/agents/tasks?limit=1000', { token: lister.access }), 400, 'INVALID_REQUEST');
    expectError(await api.request('GET', '/v1/agents/tasks?cursor=nonsense', { token: lister.access }), 400, 'INVALID_REQUEST');
  });
});
