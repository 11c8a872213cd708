import { sql } from 'kysely';
import type { Db } from '../db/connection';
import { newId } from '../lib/ids';
import { registerUser, type TestApi } from './support/api-harness';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';

/**
 * Duration estimates (execute's `estimated_duration_seconds`, orchestrate's
 * `estimated_completion`) for an agent type without history: the deployment's typical run (the
 * median over every type), not a fixed 30 s. A new user's trial saw 48 minutes estimated for a
 * line of agents that each took 0.6 s. Its own database: the history is made here.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT }, { isolatedDatabase: true });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
});

/** Completed `general` runs of `seconds` each, written as history. */
async function history(userId: string, runs: number, seconds: number): Promise<void> {
  for (let i = 0; i < runs; i++) {
    const blob = newId('blob');
    await db.insertInto('blobs').values({ id: blob, user_id: userId, content_type: 'application/json', byte_size: 2, sha256: 'x', data: Buffer.from('{}') }).execute();
    await sql`insert into tasks (id, user_id, agent_type, status, task, input_blob_id, time_limit_seconds, started_at, completed_at)
      values (${newId('task')}, ${userId}, 'general', 'completed', 'history', ${blob}, 600, now() - make_interval(secs => ${seconds}), now())`.execute(db);
  }
}

it('estimates an agent type without history like the deployment typical run', async () => {
  const user = await registerUser(api, 'estimates');
  await db.updateTable('users').set({ tier: 'enterprise' }).where('id', '=', user.id).execute();
  await history(user.id, 5, 12);
  const script = { script: { steps: 1, delay_ms: 1 } };
  // test_gen has no history here: the median over every type (12 s), not the fixed 30 s.
  const task = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'estimate me', agent_type: 'test_gen', context: script } });
  expect(task.status).toBe(202);
  expect(task.body.estimated_duration_seconds).toBe(12);
  const orchestration = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'estimate me', strategy: 'sequential', agents: ['code_expert', 'security_expert'], context: script },
  });
  expect(orchestration.status).toBe(202);
  // Two agents one after the other, 12 s each.
  const seconds = (Date.parse(orchestration.body.estimated_completion) - Date.now()) / 1000;
  expect(seconds).toBeGreaterThan(20);
  expect(seconds).toBeLessThanOrEqual(24);
});
