import { temporal as proto } from '@temporalio/proto';
import { Worker } from '@temporalio/worker';
import type { Client } from '@temporalio/client';
import { registerUser, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { quietRuntime, SCRIPTED_AGENT } from './support/worker-harness';
import { NativeConnection } from '@temporalio/worker';

/**
 * Nothing in a payload grows with user input: requests ten times over Temporal's 2 MB payload
 * limit go through every strategy, and an activity result over the limit is not retried.
 */
let stack: TestStack;
let api: TestApi;
let temporal: Client;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, BODY_LIMIT: '64mb' });
  ({ api, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

const FILES = 2_500;
/** 2,500 files with 1,000-character paths and 7,000 characters each: a 20 MB request. */
function hugeContext() {
  return {
    files: Array.from({ length: FILES }, (_, i) => ({
      path: `src/${'deep/'.repeat(196)}module_${String(i).padStart(5, '0')}.py`,
      content: `# file ${i}\n${'x = 1  # padding\n'.repeat(411)}`,
    })),
    script: { steps: 1, delay_ms: 1 },
  };
}

const STRATEGIES: { strategy: string; agents: string[]; options?: Record<string, unknown> }[] = [
  { strategy: 'parallel', agents: ['code_expert', 'test_gen'] },
  { strategy: 'sequential', agents: ['code_expert', 'test_gen'] },
  { strategy: 'review_loop', agents: ['code_expert', 'security_expert'], options: { max_rounds: 1 } },
  { strategy: 'map_reduce', agents: ['code_expert', 'general'], options: { concurrency: 10 } },
  { strategy: 'best_of_n', agents: ['test_gen', 'general'], options: { n: 2 } },
  { strategy: 'panel_review', agents: ['code_expert', 'general'] },
];

it('runs a 20 MB request with a 100,000-character goal through every strategy, every payload and history small', async () => {
  const user = await registerUser(api, 'huge');
  await stack.db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  const context = hugeContext();
  const goal = 'Review everything. '.repeat(5_263).slice(0, 100_000);
  const body = (s: (typeof STRATEGIES)[number]) => JSON.stringify({ goal, strategy: s.strategy, agents: s.agents, options: s.options, context });
  expect(body(STRATEGIES[0]!).length).toBeGreaterThan(20 * 1024 * 1024);

  const ids: string[] = [];
  for (const s of STRATEGIES) {
    const res = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, rawBody: body(s) });
    expect({ strategy: s.strategy, status: res.status }).toEqual({ strategy: s.strategy, status: 202 });
    ids.push(res.body.orchestration_id as string);
  }
  for (const [i, id] of ids.entries()) {
    const done = await eventually(async () => {
      const o = (await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access })).body;
      return ['completed', 'failed', 'cancelled'].includes(o.status) ? o : undefined;
    }, 240_000, `${STRATEGIES[i]!.strategy} to end`);
    expect({ strategy: STRATEGIES[i]!.strategy, status: done.status, error: done.error }).toEqual({ strategy: STRATEGIES[i]!.strategy, status: 'completed', error: undefined });
    if (STRATEGIES[i]!.strategy === 'map_reduce') expect(done.aggregated_result).toMatchObject({ mapped: 100, mapped_ok: 100 });

    // The orchestration's history and its agents' histories: no failed step, nothing large.
    for (const workflowId of [id, ...done.agents.map((a: { task_id: string }) => a.task_id)]) {
      const history = await temporal.workflow.getHandle(workflowId).fetchHistory();
      const events = history.events ?? [];
      expect(events.filter((e) => e.activityTaskFailedEventAttributes || e.workflowTaskFailedEventAttributes)).toEqual([]);
      const largest = Math.max(...events.map((e) => proto.api.history.v1.HistoryEvent.encode(e).finish().length));
      expect({ workflowId, largest: largest < 64 * 1024 }).toEqual({ workflowId, largest: true });
    }
  }
}, 300_000);

it('an activity result over the payload limit fails its step at the first attempt, not forever', async () => {
  quietRuntime();
  const connection = await NativeConnection.connect({ address: process.env.TEMPORAL_ADDRESS! });
  const taskQueue = `payload-test-${Date.now()}`;
  const worker = await Worker.create({
    connection,
    taskQueue,
    workflowsPath: require.resolve('./support/payload-test-workflows'),
    activities: { hugeResult: async () => 'x'.repeat(3 * 1024 * 1024) },
  });
  try {
    await worker.runUntil(async () => {
      const handle = await temporal.workflow.start('oversizedResult', { taskQueue, workflowId: taskQueue });
      expect(await handle.result()).toEqual({ failureType: 'PayloadsTooLarge', nonRetryable: false });
      const history = await handle.fetchHistory();
      const attempts = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes).map((e) => e.activityTaskStartedEventAttributes!.attempt);
      expect(attempts).toEqual([1]);
    });
  } finally {
    await connection.close();
  }
});
