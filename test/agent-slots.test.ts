import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createSlotActivities } from '../activities/slot.activities';
import { agentSlotsStateQuery, agentSlotsWorkflowId, releaseSlotSignal } from '../workflows/agent-slots.definitions';
import { recordHistory } from './support/histories';
import { quietRuntime } from './support/worker-harness';
import { holderStateQuery, releasingHolder, slotHolder } from './support/slot-test-workflows';

/**
 * The slots workflow on the time-skipping test server: its once-a-minute audit of holders runs
 * in a moment here. The activities are the real ones, talking to that server.
 */
let env: TestWorkflowEnvironment;

beforeAll(async () => {
  quietRuntime();
  env = await TestWorkflowEnvironment.createTimeSkipping({
    server: process.env.TEMPORAL_TEST_SERVER_PATH ? { executable: { type: 'existing-path', path: process.env.TEMPORAL_TEST_SERVER_PATH } } : {},
  });
});

afterAll(async () => {
  await env?.teardown();
});

async function eventually<T>(read: () => Promise<T | undefined>, what: string): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('frees the slot of a holder an operator terminated at the next audit, and never a live holder’s', async () => {
  const taskQueue = 'slots-test';
  const slots = createSlotActivities({ client: env.client, taskQueue });
  const worker = await Worker.create({
    connection: env.nativeConnection,
    taskQueue,
    workflowsPath: require.resolve('./support/slot-test-workflows'),
    activities: slots,
  });
  await worker.runUntil(async () => {
    const userId = 'user_SLOTSTEST0000001';
    const a = await env.client.workflow.start(slotHolder, { taskQueue, workflowId: 'holder-a' });
    const b = await env.client.workflow.start(slotHolder, { taskQueue, workflowId: 'holder-b' });
    const manager = env.client.workflow.getHandle(agentSlotsWorkflowId(userId));
    await slots.requestSlot({ userId, workflowId: a.workflowId, limit: 1 });
    await slots.requestSlot({ userId, workflowId: b.workflowId, limit: 1 });

    await eventually(async () => ((await a.query(holderStateQuery)).granted ? true : undefined), 'A to hold the slot');
    await eventually(async () => ((await b.query(holderStateQuery)).position === 1 ? true : undefined), 'B to be told it is first in line');
    expect(await manager.query(agentSlotsStateQuery)).toMatchObject({ limit: 1, holders: ['holder-a'], waiting: ['holder-b'] });

    // An audit with A alive changes nothing.
    await env.sleep('65s');
    expect(await manager.query(agentSlotsStateQuery)).toMatchObject({ holders: ['holder-a'], waiting: ['holder-b'] });
    expect((await b.query(holderStateQuery)).granted).toBe(false);

    // A is terminated without giving its slot back: the next audit hands the slot to B.
    await a.terminate('operator');
    await env.sleep('65s');
    await eventually(async () => ((await b.query(holderStateQuery)).granted ? true : undefined), 'B to get the slot');
    expect(await manager.query(agentSlotsStateQuery)).toMatchObject({ holders: ['holder-b'], waiting: [] });
    await b.terminate('test over');
  });
});

describe('the line at scale, on the dev server', () => {
  let dev: TestWorkflowEnvironment;
  beforeAll(async () => {
    dev = await TestWorkflowEnvironment.createFromExistingServer({ address: process.env.TEMPORAL_ADDRESS! });
  });
  afterAll(async () => {
    await dev?.teardown();
  });

  it('gives 200 waiting tasks the slot one at a time, each once and in order, telling each its place once, and continues as new while they wait', async () => {
    const taskQueue = `line-test-${Date.now()}`;
    const maxHistoryEvents = 300;
    const slots = createSlotActivities({ client: dev.client, taskQueue, maxHistoryEvents });
    const worker = await Worker.create({
      connection: dev.nativeConnection,
      taskQueue,
      workflowsPath: require.resolve('./support/slot-test-workflows'),
      activities: slots,
    });
    const userId = `user_LINE${Date.now()}`;
    const lineId = agentSlotsWorkflowId(userId);
    const count = 200;
    await worker.runUntil(async () => {
      // One holder keeps the slot while the line forms behind it.
      const blocker = await dev.client.workflow.start(slotHolder, { taskQueue, workflowId: `${userId}-blocker` });
      await slots.requestSlot({ userId, workflowId: blocker.workflowId, limit: 1 });
      await eventually(async () => ((await blocker.query(holderStateQuery)).granted ? true : undefined), 'the blocker to hold the slot');
      const holders = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          dev.client.workflow.start(releasingHolder, { taskQueue, workflowId: `${userId}-h${String(i).padStart(3, '0')}`, args: [userId, 1] }),
        ),
      );
      await eventually(async () => ((await dev.client.workflow.getHandle(lineId).query(agentSlotsStateQuery)).waiting.length === count ? true : undefined), 'the whole line to form');

      await blocker.terminate('the line may go');
      await dev.client.workflow.getHandle(lineId).signal(releaseSlotSignal, { workflowId: blocker.workflowId });
      const results = await Promise.all(holders.map((h) => h.result()));

      // Each ran once, and each was told its place once, on joining: one signal per task, however long the line.
      expect(results.every((r) => r.grants === 1)).toBe(true);
      expect(results.every((r) => r.positions.length === 1)).toBe(true);
      const joinedAt = results.map((r) => r.positions[0]!);
      expect(new Set(joinedAt).size).toBe(count);
      expect(Math.min(...joinedAt)).toBe(1);
      expect(Math.max(...joinedAt)).toBe(count);

      // The line's runs, oldest first: every history under its limit, grants in joining order.
      const runs = [];
      for await (const run of dev.client.workflow.list({ query: `WorkflowId = '${lineId}'` })) runs.push(run);
      runs.sort((a, b) => a.startTime.getTime() - b.startTime.getTime());
      expect(runs.length).toBeGreaterThanOrEqual(3);
      const granted: string[] = [];
      for (const run of runs) {
        const history = await dev.client.workflow.getHandle(lineId, run.runId).fetchHistory();
        // A run continues as new once past maxHistoryEvents. Requests that arrive meanwhile are
        // still recorded, at most 3 events each (the request, the place told and its delivery):
        // a run is bounded by the bound plus 3 × the burst, whatever the number of hand-offs.
        expect(history.events!.length).toBeLessThan(maxHistoryEvents + 3 * count);
        for (const e of history.events!) {
          const sent = e.signalExternalWorkflowExecutionInitiatedEventAttributes;
          if (sent?.signalName === 'slotGranted') granted.push(sent.workflowExecution!.workflowId!);
        }
      }
      const byJoin = holders.map((h, i) => ({ id: h.workflowId, at: joinedAt[i]! })).sort((a, b) => a.at - b.at).map((h) => h.id);
      expect(granted).toEqual([blocker.workflowId, ...byJoin]);
      await recordHistory(lineId, 'agent-slots-continued', runs[1]!.runId);
    });
  }, 180_000);
});
