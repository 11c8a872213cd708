import { TestWorkflowEnvironment } from '@temporalio/testing';
import { Worker } from '@temporalio/worker';
import { createSlotActivities } from '../activities/slot.activities';
import { agentSlotsStateQuery, agentSlotsWorkflowId } from '../workflows/agent-slots.definitions';
import { quietRuntime } from './support/worker-harness';
import { holderStateQuery, slotHolder } from './support/slot-test-workflows';

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
