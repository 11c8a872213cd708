import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import type { OrchestrationActivities } from '../activities/orchestration.activities';
import type { SlotActivities } from '../activities/slot.activities';
import type { OrchestrationInput } from '../workflows/orchestration.definitions';
import type { AgentOutcome } from '../workflows/strategy-kit';
import { createLogger } from '../lib/logger';
import { ensureSearchAttributes } from '../lib/search-attributes';
import { quietRuntime } from './support/worker-harness';

/**
 * The strategy test template of docs/strategies.md: the orchestration workflow on the test run's
 * Temporal dev server, with the activities mocked and a stand-in agentTask child. No Postgres,
 * no agents. (Not the time-skipping test server: it has no operator API, so the custom search
 * attributes that agents are started with cannot be registered there.)
 */
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS! });
  await ensureSearchAttributes(env.connection, 'default', createLogger({ level: 'silent' }));
});

afterAll(async () => {
  await env?.teardown();
});

/** Mocked activities: every agent "completes" with a score, and the calls are recorded. */
function mockActivities(scoreOf: (agentType: string, step: number) => number = () => 0) {
  const calls: { name: string; input: unknown }[] = [];
  const types = new Map<string, string>();
  const activities: Partial<OrchestrationActivities & SlotActivities> = {
    async startOrchestration(input) {
      calls.push({ name: 'startOrchestration', input });
    },
    async createAgentTask(input) {
      calls.push({ name: 'createAgentTask', input });
      const taskId = `task_STEP${String(input.step).padStart(12, '0')}`;
      types.set(taskId, `${input.agentType}:${input.step}`);
      return { ...input.defaults, taskId, userId: input.userId, tier: input.tier, agentType: input.agentType, inputBlobId: 'blob_X', orchestrationId: input.orchestrationId };
    },
    async agentOutcome({ taskId }): Promise<AgentOutcome> {
      const [agentType, step] = types.get(taskId)!.split(':') as [string, string];
      const score = scoreOf(agentType, Number(step));
      return { taskId, agentType, status: 'completed', summary: 'ok', error: null, blockingFindings: 0, score };
    },
    async contextFileCount() {
      return 0;
    },
    async orchestrationProgress(input) {
      calls.push({ name: 'orchestrationProgress', input });
    },
    async setAwaitingApproval(input) {
      calls.push({ name: 'setAwaitingApproval', input });
    },
    async finishOrchestration(input) {
      calls.push({ name: 'finishOrchestration', input });
    },
  };
  return { activities, calls };
}

function input(strategy: string, agents: string[], options: OrchestrationInput['options'] = {}): OrchestrationInput {
  return {
    orchestrationId: 'orch_TEST00000000000',
    userId: 'user_TEST',
    tier: 'pro',
    strategy,
    agents,
    options,
    contextBlobId: 'blob_CTX',
    agentDefaults: { timeLimitSeconds: 60, maxAttempts: 1, heartbeatTimeoutSeconds: 30, agentTaskQueue: 'agents', parallelAgentsLimit: null },
  };
}

async function run(orchestrationInput: OrchestrationInput, activities: object) {
  const taskQueue = `strategy-test-${Date.now()}`;
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('./support/strategy-test-workflows'),
    activities,
  });
  return worker.runUntil(
    env.client.workflow.execute('orchestration', { taskQueue, workflowId: `orch-test-${Date.now()}-${Math.floor(Math.random() * 1e9)}`, args: [orchestrationInput] }),
  );
}

it('best_of_n keeps the best-scoring attempt', async () => {
  const { activities, calls } = mockActivities((agentType, step) => (agentType === 'test_gen' ? [3, 9, 5][step]! : 0));
  await run(input('best_of_n', ['test_gen', 'code_expert'], { n: 3 }), activities);
  const finish = calls.find((c) => c.name === 'finishOrchestration')!.input as { status: string; details: { selected_task_id: string } };
  expect(finish.status).toBe('completed');
  expect(finish.details.selected_task_id).toBe('task_STEP000000000001');
});

it('waits for approval, then fails with APPROVAL_TIMEOUT when nobody decides', async () => {
  const { activities, calls } = mockActivities();
  await expect(run(input('sequential', ['code_expert'], { require_approval: true, approval_timeout_seconds: 1 }), activities)).rejects.toThrow();
  const finish = calls.find((c) => c.name === 'finishOrchestration')!.input as { status: string; error: { code: string } };
  expect(finish).toMatchObject({ status: 'failed', error: { code: 'APPROVAL_TIMEOUT' } });
  // The end follows a refusal: the decision step leaves the status for finishOrchestration.
  expect(calls.filter((c) => c.name === 'setAwaitingApproval').map((c) => c.input)).toMatchObject([{ awaiting: true }, { awaiting: false, ending: true }]);
});

// The example of docs/strategies.md, as written there.
it('panel_review hands the panel results to the reviewer', async () => {
  const { activities, calls } = mockActivities();
  await run(input('panel_review', ['code_expert', 'test_gen', 'security_expert']), activities);
  const created = calls.filter((c) => c.name === 'createAgentTask').map((c) => c.input as { agentType: string; seeResultsOf: string[] });
  expect(created.map((c) => c.agentType)).toEqual(['code_expert', 'test_gen', 'security_expert']);
  expect(created[2]!.seeResultsOf).toHaveLength(2);
});
