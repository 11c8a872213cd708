import type { Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';

/**
 * Inputs at the edge that once answered 500 or were accepted and failed later: text Postgres
 * cannot store, bodies nested too deep, IDs of any form. Each is refused with the contract's
 * error and changes nothing, or is accepted and works.
 */
let stack: TestStack;
let api: TestApi;
let db: Db;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT });
  ({ api, db } = stack);
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function rows(user: User) {
  const [tasks, orchestrations, keys] = await Promise.all([
    db.selectFrom('tasks').select('id').where('user_id', '=', user.id).execute(),
    db.selectFrom('orchestrations').select('id').where('user_id', '=', user.id).execute(),
    db.selectFrom('api_keys').select('id').where('user_id', '=', user.id).execute(),
  ]);
  return { tasks: tasks.length, orchestrations: orchestrations.length, keys: keys.length };
}

describe('text Postgres cannot store', () => {
  it('is refused wherever it would be stored: 400 naming the field, and nothing changes', async () => {
    const user = await registerUser(api, 'nul');
    const before = await rows(user);
    const cases: { method: string; path: string; body?: unknown; field: string }[] = [
      { method: 'POST', path: '/v1/agents/execute', body: { task: 'Review\u0000 this' }, field: 'task' },
      { method: 'POST', path: '/v1/agents/execute', body: { task: 'ok', context: { files: [{ path: 'src/a\u0000b.py', content: 'x' }] } }, field: 'context.files.0.path' },
      { method: 'POST', path: '/v1/agents/execute', body: { task: 'ok', context: { files: [{ path: 'src/\ud800x.py', content: 'x' }] } }, field: 'context.files.0.path' },
      { method: 'POST', path: '/v1/agents/execute', body: { task: 'ok', context: { note: 'a\udc00' } }, field: 'context.note' },
      { method: 'POST', path: '/v1/agents/orchestrate', body: { goal: 'Goal\u0000', strategy: 'parallel', agents: ['general'] }, field: 'goal' },
      { method: 'POST', path: '/v1/auth/api-keys', body: { name: 'key\u0000' }, field: 'name' },
      { method: 'GET', path: '/v1/agents/tasks?agent_type=%00', field: 'agent_type' },
      { method: 'GET', path: '/v1/agents/orchestrations?strategy=%00', field: 'strategy' },
      { method: 'DELETE', path: '/v1/auth/api-keys/%00', field: 'id' },
      { method: 'GET', path: '/v1/agents/tasks/%00', field: 'task_id' },
    ];
    for (const c of cases) {
      const res = await api.request(c.method, c.path, { token: user.access, body: c.body });
      expect({ path: c.path, status: res.status, field: res.body?.error?.details?.field }).toEqual({ path: c.path, status: 400, field: c.field });
      expectError(res, 400, 'INVALID_REQUEST');
    }
    const register = await api.request('POST', '/v1/auth/register', { body: { email: `nul.${Date.now()}@example.test`, password: 'a long password', name: 'A\u0000' } });
    expectError(register, 400, 'INVALID_REQUEST');
    expect(register.body.error.details.field).toBe('name');
    expect(await rows(user)).toEqual(before);
  });

  it('is taken as it is in file contents, stored byte-exact, and the agent gets every character', async () => {
    const user = await registerUser(api, 'content');
    const content = 'a\u0000b\ud800c';
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'read it', context: { files: [{ path: 'x.bin', content }], script: { steps: 1, delay_ms: 1 } } } });
    expect(res.status).toBe(202);
    const done = await eventually(async () => {
      const t = (await api.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access })).body;
      return ['completed', 'failed'].includes(t.status) ? t : undefined;
    }, 30_000, 'the task');
    expect(done.status).toBe('completed');
    expect(done.result.summary).toContain(`over 1 files (${content.length} bytes)`);
  });

  it('that an agent prints is cleaned where it is written: the task completes', async () => {
    const user = await registerUser(api, 'agent-text');
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'odd output', context: { script: { steps: 2, delay_ms: 1, unstorable_text: true } } } });
    expect(res.status).toBe(202);
    const id = res.body.task_id as string;
    const done = await eventually(async () => {
      const t = (await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body;
      return ['completed', 'failed'].includes(t.status) ? t : undefined;
    }, 30_000, 'the task');
    expect(done).toMatchObject({ status: 'completed', attempts: 1 });
    expect(done.result.summary).toMatch(/ \uFFFD$/);
    expect(done.result.findings[0]).toMatchObject({ title: 'odd  text \uFFFD', file: 'a.py' });
    const messages = (await readEvents(db, id, 0)).map((e) => e.payload.message);
    expect(messages).toContain('step 1 of 2 nul \uFFFDlone');
  });
});

describe('deep nesting', () => {
  /** JSON text nested `levels` deep, written by hand: JSON.stringify itself overflows on it. */
  const nestedText = (levels: number) => `${'{"n":'.repeat(levels)}"bottom"${'}'.repeat(levels)}`;
  const nested = (levels: number): unknown => JSON.parse(nestedText(levels));

  it('is refused past 64 levels, on execute and orchestrate alike, before anything of ours recurses', async () => {
    const user = await registerUser(api, 'deep');
    const before = await rows(user);
    const bodies = [
      ['/v1/agents/execute', `{"task":"deep","context":${nestedText(5000)}}`],
      ['/v1/agents/orchestrate', `{"goal":"deep","strategy":"parallel","agents":["general"],"context":${nestedText(5000)}}`],
    ] as const;
    for (const [path, rawBody] of bodies) {
      expect(rawBody.length).toBeGreaterThan(30_000);
      const res = await api.request('POST', path, { token: user.access, rawBody });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.details.reason).toBe('is nested deeper than 64 levels');
      expect(res.body.error.details.field).toMatch(/^context(\.n)+$/);
    }
    expect(await rows(user)).toEqual(before);
    // 60 levels are fine.
    const ok = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'not so deep', context: { deep: nested(60), script: { steps: 0 } } } });
    expect(ok.status).toBe(202);
  });
});

describe('IDs', () => {
  it('a path ID that names nothing of the caller is 404, whatever its form', async () => {
    const user = await registerUser(api, 'ids');
    for (const [method, path] of [
      ['GET', '/v1/agents/tasks/task_doesnotexist'],
      ['GET', '/v1/agents/tasks/whatever'],
      ['DELETE', '/v1/agents/tasks/task_00000000000000000000000000'],
      ['GET', '/v1/agents/orchestrations/orch_nope'],
      ['DELETE', '/v1/agents/orchestrations/12345'],
      ['POST', '/v1/agents/orchestrations/x/approve'],
      ['DELETE', '/v1/auth/api-keys/key_unknown'],
    ] as const) {
      const res = await api.request(method, path, { token: user.access, body: method === 'POST' ? {} : undefined });
      expect({ path, status: res.status }).toEqual({ path, status: 404 });
      expectError(res, 404, 'NOT_FOUND');
    }
  });
});
