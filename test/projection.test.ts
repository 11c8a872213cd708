import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { insertTaskWithInput } from '../db/repositories/task.repository';
import { newId } from '../lib/ids';
import { taskQueues } from '../lib/temporal-connection';
import type { AgentTaskInput } from '../workflows/agent-task.definitions';
import { agentSlotsStateQuery, agentSlotsWorkflowId } from '../workflows/agent-slots.definitions';
import { projectionReconcilerStateQuery, projectionReconcilerWorkflowId } from '../workflows/projection-reconciler.definitions';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { recordHistory } from './support/histories';
import { collectSse, collectWebSocket, eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';

/**
 * The API always tells what Temporal knows: operators' terminates and resets, workflows that were
 * never started, and workflows that find no row. The reconciler runs every second here.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;
let temporal: Client;

beforeAll(async () => {
  // A database of its own: it leaves rows unstarted on purpose, for its own reconciler to find.
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, RECONCILE_INTERVAL_SECONDS: '1', AGENT_CANCEL_GRACE_SECONDS: '1' }, { isolatedDatabase: true });
  ({ api, db, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;

/** The Temporal CLI, as an operator runs it against this test's server. */
async function temporalCli(...args: string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.env.TEMPORAL_CLI_PATH ?? 'temporal', [
    ...args,
    '--address',
    process.env.TEMPORAL_ADDRESS!,
    '--namespace',
    process.env.TEMPORAL_NAMESPACE ?? 'default',
  ]);
  return stdout;
}

async function execute(user: User, script: Record<string, unknown>): Promise<string> {
  const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'work', context: { script } } });
  expect(res.status).toBe(202);
  return res.body.task_id as string;
}

async function task(user: User, id: string) {
  return (await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body;
}

async function waitFor(user: User, id: string, statuses: string[], timeoutMs = 60_000) {
  return eventually(async () => {
    const t = await task(user, id);
    return statuses.includes(t.status) ? t : undefined;
  }, timeoutMs, `${id} to be ${statuses.join('/')}`);
}

async function setTier(user: User, tier: string) {
  await db.updateTable('users').set({ tier: tier as 'pro' }).where('id', '=', user.id).execute();
}

it('records a task an operator terminated: status, streams, the slot and a DELETE all follow within seconds', async () => {
  const user = await registerUser(api, 'terminated');
  const a = await execute(user, { steps: 100, delay_ms: 100 });
  await waitFor(user, a, ['running']);
  const b = await execute(user, { steps: 2, delay_ms: 20 });
  const c = await execute(user, { steps: 2, delay_ms: 20 });
  const ws = collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${a}/stream?token=${user.access}`);
  const sse = collectSse(`${api.url}/v1/agents/tasks/${a}/events`, { authorization: `Bearer ${user.access}` });
  await eventually(async () => ((await readEvents(db, a, 0)).length >= 3 ? true : undefined), 10_000, 'the agent to report progress');

  const terminatedAt = Date.now();
  await temporalCli('workflow', 'terminate', '--workflow-id', a, '--reason', 'stuck agent');

  const ended = await waitFor(user, a, ['failed', 'completed', 'cancelled'], 15_000);
  expect(ended).toMatchObject({ status: 'failed', error: { code: 'TERMINATED', message: 'Terminated by an operator: stuck agent' }, queue_position: null });
  expect(ended.completed_at).not.toBeNull();
  const [wsDone, sseDone] = await Promise.all([ws, sse]);
  const last = { type: 'error', status: 'failed', error: { code: 'TERMINATED', message: 'Terminated by an operator: stuck agent' } };
  expect(wsDone.closeCode).toBe(1000);
  expect(wsDone.messages.at(-1)).toMatchObject(last);
  expect(sseDone.events.at(-1)?.data).toMatchObject(last);

  // The slot A never gave back is freed at once, not at the line's once-a-minute audit.
  for (const id of [b, c]) expect((await waitFor(user, id, ['completed', 'failed'], 30_000)).status).toBe('completed');
  expect(Date.now() - terminatedAt).toBeLessThan(30_000);

  // A DELETE says what happened: nothing to cancel.
  const del = await api.request('DELETE', `/v1/agents/tasks/${a}`, { token: user.access });
  expectError(del, 409, 'CONFLICT');
  expect(del.body.error.details).toEqual({ status: 'failed' });

  const corrections = await db.selectFrom('projection_corrections').selectAll().where('subject_id', '=', a).execute();
  expect(corrections.map((x) => x.cause)).toEqual(['closed_terminated']);
  const reconcilerId = projectionReconcilerWorkflowId(api.config.TEMPORAL_TASK_QUEUE_PREFIX);
  const reconciler = await temporal.workflow.getHandle(reconcilerId).query(projectionReconcilerStateQuery);
  expect(reconciler.totals.closed_terminated).toBeGreaterThanOrEqual(1);
  await recordHistory(reconcilerId, 'projection-reconciler');
}, 90_000);

it('a DELETE of a task terminated a moment before answers 409 with what Temporal says, without waiting for the reconciler', async () => {
  const user = await registerUser(api, 'terminated-delete');
  await setTier(user, 'pro');
  const id = await execute(user, { steps: 100, delay_ms: 100 });
  await waitFor(user, id, ['running']);
  await temporal.workflow.getHandle(id).terminate('gone');
  const started = Date.now();
  const del = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
  expectError(del, 409, 'CONFLICT');
  expect(del.body.error.details).toEqual({ status: 'failed' });
  expect(Date.now() - started).toBeLessThan(4_000);
  expect(await task(user, id)).toMatchObject({ status: 'failed', error: { code: 'TERMINATED', message: 'Terminated by an operator: gone' } });
});

it('follows a reset: a cancelled task reset to its first workflow task runs again and ends completed, stream included', async () => {
  const user = await registerUser(api, 'reset');
  await setTier(user, 'pro');
  const id = await execute(user, { steps: 100, delay_ms: 50 });
  await waitFor(user, id, ['running']);
  await eventually(async () => ((await readEvents(db, id, 0)).length >= 3 ? true : undefined), 10_000, 'progress');
  const del = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
  expect([200, 202]).toContain(del.status);
  const cancelled = await waitFor(user, id, ['cancelled']);
  expect(cancelled.result).toMatchObject({ partial: true });
  const firstRun = (await temporal.workflow.getHandle(id).describe()).runId;

  await temporalCli('workflow', 'reset', '--workflow-id', id, '--type', 'FirstWorkflowTask', '--reason', 'run it after all', '--yes');

  const done = await waitFor(user, id, ['completed', 'failed'], 30_000);
  expect(done).toMatchObject({ status: 'completed', progress: 100 });
  expect(done.error).toBeUndefined();
  expect(done.result.partial).toBeUndefined();
  // The row is final first; the workflow closes a moment later (after giving its slot back).
  await temporal.workflow.getHandle(id).result();
  const description = await temporal.workflow.getHandle(id).describe();
  expect(description.status.name).toBe('COMPLETED');
  expect(description.runId).not.toBe(firstRun);
  const row = await db.selectFrom('tasks').select('workflow_run_id').where('id', '=', id).executeTakeFirstOrThrow();
  expect(row.workflow_run_id).toBe(description.runId);

  // The stream tells the whole story and ends with the new run's result.
  const replay = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
  const messages = replay.messages;
  expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
  expect(messages.find((m) => m.type === 'error')).toMatchObject({ status: 'cancelled' });
  expect(messages.some((m) => typeof m.message === 'string' && m.message.includes('took over'))).toBe(true);
  expect(messages.at(-1)).toMatchObject({ type: 'result', status: 'completed' });
  expect(replay.closeCode).toBe(1000);
  await recordHistory(id, 'agent-task-reset-run');
}, 90_000);

it('follows a reset of a running task of a free user: the new run gets the slot the old one held, and the line goes on', async () => {
  const user = await registerUser(api, 'reset-running');
  const id = await execute(user, { steps: 60, delay_ms: 50 });
  await waitFor(user, id, ['running']);
  const behind = await execute(user, { steps: 1, delay_ms: 1 });
  await eventually(async () => ((await readEvents(db, id, 0)).length >= 3 ? true : undefined), 10_000, 'progress');

  // Without the old run's signals: the new run asks for the slot the old one holds, and is
  // granted it again (with signals reapplied, the old grant would reach it anyway).
  await temporalCli('workflow', 'reset', '--workflow-id', id, '--type', 'FirstWorkflowTask', '--reason', 'start over', '--reapply-exclude', 'Signal', '--yes');

  expect((await waitFor(user, id, ['completed', 'failed'], 30_000)).status).toBe('completed');
  expect((await waitFor(user, behind, ['completed', 'failed'], 30_000)).status).toBe('completed');
  const events = await readEvents(db, id, 0);
  expect(events.filter((e) => typeof e.payload.message === 'string' && e.payload.message.endsWith(' started')).length).toBe(2);
  const state = await eventually(async () => {
    const s = await temporal.workflow.getHandle(agentSlotsWorkflowId(user.id)).query(agentSlotsStateQuery);
    return s.holders.length === 0 ? s : undefined;
  }, 10_000, 'the slot to be given back');
  expect(state.waiting).toEqual([]);
}, 90_000);

it('starts, within seconds, a task whose row was stored but whose workflow was never started, past one that cannot be started', async () => {
  const user = await registerUser(api, 'orphan');
  await setTier(user, 'pro');
  // Older, and refused by Temporal at every start (a search attribute value over its size limit):
  // it is reported, and does not keep the rows behind it waiting.
  const poison = newId('task');
  await insertTaskWithInput(db, {
    id: poison,
    userId: user.id,
    agentType: 'x'.repeat(5000),
    task: 'cannot start',
    fileCount: 0,
    timeLimitSeconds: 60,
    idempotencyKey: null,
    inputJson: { task: 'cannot start', agent_type: 'general' },
  });
  await db.updateTable('tasks').set({ created_at: new Date(Date.now() - 120_000) } as never).where('id', '=', poison).execute();
  // What an API process killed between the insert and the start leaves behind.
  const id = newId('task');
  await insertTaskWithInput(db, {
    id,
    userId: user.id,
    agentType: 'general',
    task: 'left behind',
    fileCount: 0,
    timeLimitSeconds: 60,
    idempotencyKey: null,
    inputJson: { task: 'left behind', agent_type: 'general', context: { script: { steps: 2, delay_ms: 10 } } },
  });
  await db.updateTable('tasks').set({ created_at: new Date(Date.now() - 60_000) } as never).where('id', '=', id).execute();
  expect((await waitFor(user, id, ['completed', 'failed'], 20_000)).status).toBe('completed');
  const corrections = await db.selectFrom('projection_corrections').select('cause').where('subject_id', '=', id).execute();
  expect(corrections.map((x) => x.cause)).toEqual(['orphan_started']);
  const reconciler = temporal.workflow.getHandle(projectionReconcilerWorkflowId(api.config.TEMPORAL_TASK_QUEUE_PREFIX));
  const failures = await eventually(async () => (await reconciler.query(projectionReconcilerStateQuery)).lastRowFailures, 10_000, 'the failed start to be reported');
  expect(failures.some((f) => f.startsWith(`${poison}: `))).toBe(true);
  expect((await db.selectFrom('tasks').select('status').where('id', '=', poison).executeTakeFirstOrThrow()).status).toBe('queued');
  await db.deleteFrom('tasks').where('id', '=', poison).execute();
});

it('a workflow that finds no row for its task fails at once and loudly, never as if done', async () => {
  const config = api.config;
  const id = newId('task');
  const input: AgentTaskInput = {
    taskId: id,
    userId: 'user_ELSEWHERE0000001',
    tier: 'enterprise',
    agentType: 'general',
    inputBlobId: 'blob_ELSEWHERE000001',
    timeLimitSeconds: 60,
    maxAttempts: 3,
    heartbeatTimeoutSeconds: 30,
    agentTaskQueue: taskQueues(config).agents,
    parallelAgentsLimit: null,
  };
  const handle = await temporal.workflow.start('agentTask', { workflowId: id, taskQueue: taskQueues(config).general, args: [input] });
  await expect(handle.result()).rejects.toThrow();
  const history = await handle.fetchHistory();
  const failures = (history.events ?? []).filter((e) => e.activityTaskFailedEventAttributes);
  expect(failures.length).toBeGreaterThanOrEqual(1);
  for (const f of failures) {
    expect(f.activityTaskFailedEventAttributes?.failure?.applicationFailureInfo).toMatchObject({ type: 'ProjectionRowMissing', nonRetryable: true });
  }
  const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
  expect(started.every((e) => e.activityTaskStartedEventAttributes?.attempt === 1)).toBe(true);
});

it('keeps the line’s state whatever happens: after all this no slot is held', async () => {
  const user = await registerUser(api, 'line-after');
  const id = await execute(user, { steps: 1, delay_ms: 1 });
  await waitFor(user, id, ['completed']);
  const state = await eventually(async () => {
    const s = await temporal.workflow.getHandle(agentSlotsWorkflowId(user.id)).query(agentSlotsStateQuery);
    return s.holders.length === 0 ? s : undefined;
  }, 10_000, 'the slot to be given back');
  expect(state.waiting).toEqual([]);
});

it('records an orchestration an operator terminated, and its agents end too', async () => {
  const user = await registerUser(api, 'orch-terminated');
  await setTier(user, 'pro');
  const res = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'long work', strategy: 'parallel', agents: ['code_expert', 'test_gen'], context: { script: { steps: 200, delay_ms: 100 } } },
  });
  expect(res.status).toBe(202);
  const id = res.body.orchestration_id as string;
  await eventually(async () => {
    const o = (await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access })).body;
    return o.agents.length === 2 && o.agents.every((a: { status: string }) => a.status === 'running') ? true : undefined;
  }, 30_000, 'both agents running');
  await temporalCli('workflow', 'terminate', '--workflow-id', id, '--reason', 'wrong goal');
  const done = await eventually(async () => {
    const o = (await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access })).body;
    return o.status !== 'in_progress' && o.agents.every((a: { status: string }) => !['queued', 'running'].includes(a.status)) ? o : undefined;
  }, 30_000, 'the orchestration and its agents to end');
  expect(done).toMatchObject({ status: 'failed', error: { code: 'TERMINATED', message: 'Terminated by an operator: wrong goal' } });
  // Its agents were asked to stop (the parent close policy) and say so.
  expect(done.agents.map((a: { status: string }) => a.status)).toEqual(['cancelled', 'cancelled']);
  const events = await readEvents(db, id, 0);
  expect(events.at(-1)).toMatchObject({ type: 'error', final: true, payload: { status: 'failed', error: { code: 'TERMINATED' } } });
}, 60_000);
