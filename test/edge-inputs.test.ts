import type { Db } from '../db/connection';
import { readEvents } from '../db/repositories/stream-event.repository';
import { connect } from 'node:net';
import WebSocket from 'ws';
import { expectError, registerUser, startTestApi, type TestApi } from './support/api-harness';
import { collectSse, collectWebSocket, eventually, handshakeStatus } from './support/stream-client';
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

describe('blank text', () => {
  // Found by the fuzzer: an API key named "\r" met the document's minLength 1 and was refused once trimmed.
  it('is 400 "must not be blank" wherever text is required, and the document says so (pattern \\S)', async () => {
    const user = await registerUser(api, 'blank');
    const before = await rows(user);
    const cases: { path: string; body: unknown; field: string; schema: string }[] = [
      { path: '/v1/auth/api-keys', body: { name: '\r' }, field: 'name', schema: 'CreateApiKeyRequest' },
      { path: '/v1/agents/execute', body: { task: ' \t\n' }, field: 'task', schema: 'ExecuteRequest' },
      { path: '/v1/agents/orchestrate', body: { goal: '\u00a0', strategy: 'parallel', agents: ['general'] }, field: 'goal', schema: 'OrchestrateRequest_parallel' },
    ];
    const doc = (await api.request('GET', '/v1/openapi.json')).body;
    for (const c of cases) {
      const res = await api.request('POST', c.path, { token: user.access, body: c.body });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.details).toEqual({ field: c.field, reason: 'must not be blank' });
      expect(doc.components.schemas[c.schema].properties[c.field].pattern).toBe('\\S');
    }
    const register = await api.request('POST', '/v1/auth/register', { body: { email: `blank.${Date.now()}@example.test`, password: 'a long password', name: '  ' } });
    expect(register.body.error.details).toEqual({ field: 'name', reason: 'must not be blank' });
    expect(await rows(user)).toEqual(before);
    // Text around the blanks is kept, trimmed.
    const named = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: '  ci  ' } });
    expect(named.body.name).toBe('ci');
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

  // Found by a hostile-client trial: these were 500, with or without credentials.
  it('a percent-escape that is not UTF-8 (a lone surrogate is spelt %ED%A0%80) is 400 naming the path', async () => {
    const user = await registerUser(api, 'ids-escape');
    for (const [method, path] of [
      ['GET', '/v1/agents/tasks/task_%ED%A0%80'],
      ['DELETE', '/v1/agents/tasks/%ff'],
      ['GET', '/v1/agents/orchestrations/orch_%E0%80'],
      ['DELETE', '/v1/auth/api-keys/key_%zz'],
    ] as const) {
      for (const token of [user.access, undefined]) {
        const res = await api.request(method, path, { token });
        expectError(res, 400, 'INVALID_REQUEST');
        expect(res.body.error.details).toEqual({ field: 'path', reason: 'is not valid percent-encoded UTF-8' });
      }
    }
  });

  it("a request Node's HTTP parser refuses (a control character in a header) gets the contract's error shape", async () => {
    const { port } = new URL(api.url);
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1', () => {
        socket.write('POST /v1/agents/execute HTTP/1.1\r\nHost: x\r\nIdempotency-Key: a\u0001b\r\nContent-Length: 2\r\n\r\n{}');
      });
      let text = '';
      socket.on('data', (c: Buffer) => (text += c.toString()));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(body.error).toMatchObject({ code: 'INVALID_REQUEST', request_id: expect.stringMatching(/^req_[0-9A-Z]{16}$/) });
    expect(answer).toContain(`X-Request-Id: ${body.error.request_id}`);
  });
});

describe('Idempotency-Key', () => {
  it('with another body is 409 idempotency_key_reused and starts nothing; with the same body (in any key order) the same task; after 24 h a new one', async () => {
    const user = await registerUser(api, 'idem-body');
    const key = `key-${Date.now()}`;
    const headers = { 'Idempotency-Key': key };
    const first = await api.request('POST', '/v1/agents/execute', { token: user.access, headers, body: { task: 'Review A', context: { script: { steps: 0 } } } });
    expect(first.status).toBe(202);
    const other = await api.request('POST', '/v1/agents/execute', { token: user.access, headers, body: { task: 'Completely different B', agent_type: 'test_gen' } });
    expectError(other, 409, 'CONFLICT');
    expect(other.body.error.details).toMatchObject({ reason: 'idempotency_key_reused', task_id: first.body.task_id });
    const same = await api.request('POST', '/v1/agents/execute', { token: user.access, headers, rawBody: '{"context":{"script":{"steps":0}},"task":"Review A"}' });
    expect(same.status).toBe(202);
    expect(same.body.task_id).toBe(first.body.task_id);
    expect((await rows(user)).tasks).toBe(1);

    // Keys are kept 24 hours: an expired one names a new request.
    await db.updateTable('idempotency_keys').set({ expires_at: new Date(Date.now() - 1000) }).where('user_id', '=', user.id).execute();
    const later = await api.request('POST', '/v1/agents/execute', { token: user.access, headers, body: { task: 'Completely different B', context: { script: { steps: 0 } } } });
    expect(later.status).toBe(202);
    expect(later.body.task_id).not.toBe(first.body.task_id);
    expect((await rows(user)).tasks).toBe(2);

    const orch = { goal: 'one', strategy: 'sequential', agents: ['general'], context: { script: { steps: 0 } } };
    const o1 = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, headers: { 'Idempotency-Key': `o-${key}` }, body: orch });
    expect(o1.status).toBe(202);
    const o2 = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, headers: { 'Idempotency-Key': `o-${key}` }, body: { ...orch, goal: 'two' } });
    expectError(o2, 409, 'CONFLICT');
    expect(o2.body.error.details).toMatchObject({ reason: 'idempotency_key_reused', orchestration_id: o1.body.orchestration_id });
    expect((await rows(user)).orchestrations).toBe(1);
  });
});

describe('resume cursors', () => {
  it('at or past the end of a finished stream end it at once; past the end of a live one are 400 with the last seq', async () => {
    const user = await registerUser(api, 'cursor');
    const done = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'short', context: { script: { steps: 2, delay_ms: 1 } } } });
    const id = done.body.task_id as string;
    await eventually(async () => ((await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access })).body.status === 'completed' ? true : undefined), 30_000, 'the task');
    const last = (await readEvents(db, id, 0)).length;
    const ws = api.url.replace('http', 'ws');
    for (const after of [last, last + 1, 999999999999999]) {
      const started = Date.now();
      const got = await collectWebSocket(`${ws}/v1/agents/tasks/${id}/stream?token=${user.access}&after=${after}`);
      expect({ after, messages: got.messages, code: got.closeCode }).toEqual({ after, messages: [], code: 1000 });
      expect(Date.now() - started).toBeLessThan(5_000);
      const sse = await fetch(`${api.url}/v1/agents/tasks/${id}/events?after=${after}`, { headers: { authorization: `Bearer ${user.access}` } });
      expect({ after, status: sse.status }).toEqual({ after, status: 204 });
    }
    // One before the end: the last event, then the end.
    const tail = await collectWebSocket(`${ws}/v1/agents/tasks/${id}/stream?token=${user.access}&after=${last - 1}`);
    expect(tail.messages.map((m) => m.seq)).toEqual([last]);

    const live = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'long', context: { script: { steps: 100, delay_ms: 100 } } } });
    const liveId = live.body.task_id as string;
    await eventually(async () => ((await readEvents(db, liveId, 0)).length >= 2 ? true : undefined), 30_000, 'events');
    const past = await fetch(`${api.url}/v1/agents/tasks/${liveId}/events?after=999999`, { headers: { authorization: `Bearer ${user.access}` } });
    expect(past.status).toBe(400);
    const body = (await past.json()) as { error: { code: string; details: { field: string; last_seq: number } } };
    expect(body.error.code).toBe('INVALID_REQUEST');
    expect(body.error.details.field).toBe('after');
    expect(body.error.details.last_seq).toBeGreaterThanOrEqual(2);
    expect((await handshakeStatus(`${ws}/v1/agents/tasks/${liveId}/stream?token=${user.access}&after=999999`)).status).toBe(400);
    await api.request('DELETE', `/v1/agents/tasks/${liveId}`, { token: user.access });
  });
});

describe('streams end with their credentials', () => {
  /** A task that runs long enough to stream, cancelled by the caller when the test is done. */
  async function longTask(user: User): Promise<string> {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'long', context: { script: { steps: 300, delay_ms: 100 } } } });
    expect(res.status).toBe(202);
    await eventually(async () => ((await readEvents(db, res.body.task_id, 0)).length >= 1 ? true : undefined), 30_000, 'a first event');
    return res.body.task_id as string;
  }

  it('a logout, on this API or another, closes the WebSocket with 4401 and ends the SSE stream with UNAUTHORIZED', async () => {
    const user = await registerUser(api, 'revoked');
    const id = await longTask(user);
    const other = await startTestApi({ TEMPORAL_TASK_QUEUE_PREFIX: api.config.TEMPORAL_TASK_QUEUE_PREFIX });
    try {
      // Opened on the other API process: the logout happens on this one.
      const ws = new WebSocket(`${other.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      await new Promise((r) => ws.once('message', r));
      const sse = collectSse(`${other.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}` });
      await new Promise((r) => setTimeout(r, 300));
      expect((await api.request('POST', '/v1/auth/logout', { token: user.access })).status).toBe(200);
      expect(await closed).toEqual({ code: 4401, reason: 'unauthorized: session ended (logout or revocation)' });
      const ended = await sse;
      expect(ended.events.at(-1)).toMatchObject({ event: 'error', id: '', data: { type: 'error', error: { code: 'UNAUTHORIZED' } } });
    } finally {
      await other.close();
      await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: (await login(user)).access });
    }
  });

  it('a deleted API key closes the WebSocket opened with it', async () => {
    const user = await registerUser(api, 'key-revoked');
    const id = await longTask(user);
    const created = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'streamer' } });
    expect(created.status).toBe(201);
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream`, { headers: { 'x-api-key': created.body.key } });
    const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
    await new Promise((r) => ws.once('message', r));
    expect((await api.request('DELETE', `/v1/auth/api-keys/${created.body.id}`, { token: user.access })).status).toBe(200);
    expect(await closed).toEqual({ code: 4401, reason: 'unauthorized: API key revoked' });
    await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
  });

  it("a suspension of the account closes its streams, whatever the credential", async () => {
    const user = await registerUser(api, 'suspended');
    const id = await longTask(user);
    const created = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'streamer' } });
    const byToken = new WebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
    const byKey = new WebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream`, { headers: { 'x-api-key': created.body.key } });
    const closes = [byToken, byKey].map((ws) => new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() }))));
    await Promise.all([byToken, byKey].map((ws) => new Promise((r) => ws.once('message', r))));
    // What an admin's suspension writes (PATCH /v1/admin/users/{id}); here the task is left running.
    await db.updateTable('users').set({ suspended_at: new Date() }).where('id', '=', user.id).execute();
    try {
      expect(await Promise.all(closes)).toEqual([
        { code: 4401, reason: 'unauthorized: account suspended' },
        { code: 4401, reason: 'unauthorized: account suspended' },
      ]);
    } finally {
      await db.updateTable('users').set({ suspended_at: null }).where('id', '=', user.id).execute();
      await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    }
  });

  it("an access token's expiry closes its stream", async () => {
    const shortLived = await startTestApi({ TEMPORAL_TASK_QUEUE_PREFIX: api.config.TEMPORAL_TASK_QUEUE_PREFIX, ACCESS_TOKEN_TTL_SECONDS: '3' });
    try {
      const user = await registerUser(shortLived, 'expiring');
      const res = await shortLived.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'long', context: { script: { steps: 300, delay_ms: 100 } } } });
      const id = res.body.task_id as string;
      const ws = new WebSocket(`${shortLived.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
      const closed = new Promise<{ code: number; reason: string }>((resolve) => ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
      expect(await closed).toEqual({ code: 4401, reason: 'unauthorized: access token expired' });
    } finally {
      await shortLived.close();
    }
  });
});

async function login(user: User): Promise<{ access: string }> {
  const res = await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
  return { access: res.body.access_token as string };
}

describe('the agent protocol', () => {
  async function runLines(user: User, lines: string[]) {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'protocol', context: { script: { steps: 0, raw_lines: lines } } } });
    expect(res.status).toBe(202);
    return eventually(async () => {
      const t = (await api.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access })).body;
      return ['completed', 'failed', 'timed_out'].includes(t.status) ? t : undefined;
    }, 60_000, 'the task');
  }

  it('takes lines that leave out what has an obvious value, and names the field of one that breaks it (not retried)', async () => {
    const user = await registerUser(api, 'protocol');
    expect(await runLines(user, ['{"type":"result","result":{"summary":"done","findings":[]},"tokens_used":{"prompt":1,"completion":1,"total":2}}'])).toMatchObject({
      status: 'completed',
      result: { summary: 'done' },
      tokens_used: { prompt: 1, completion: 1, total: 2 },
      cost_usd: 0,
      attempts: 1,
    });
    expect(await runLines(user, ['{"type":"error","error":"failure"}'])).toMatchObject({ status: 'failed', error: { code: 'AGENT_ERROR', message: 'failure' }, attempts: 1 });
    const broken = await runLines(user, ['just a log line', '{"type":"result","result":{"summary":"x","findings":[{"title":"no severity"}]}}']);
    expect(broken).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'AGENT_PROTOCOL_ERROR' } });
    expect(broken.error.message).toMatch(/^The agent broke the protocol \(agents\/protocol\.schema\.json\): result\.findings\.0\.severity: .*, in the line \{"type":"result"/);
  });
});

describe('large agent output', () => {
  it('an 8 MB result is kept whole with the task while the stream carries where to read it, no message past the slow-client cap', async () => {
    const user = await registerUser(api, 'large');
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'big', context: { script: { steps: 1, delay_ms: 1, result_bytes: 8_000_000 } } } });
    expect(res.status).toBe(202);
    const id = res.body.task_id as string;
    const stream = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
    const final = stream.messages.at(-1)!;
    expect(final).toMatchObject({ type: 'result', status: 'completed', result: { truncated: true, result_url: `/v1/agents/tasks/${id}` } });
    expect(final.result).toMatchObject({ result_bytes: expect.any(Number) });
    expect((final.result as { result_bytes: number }).result_bytes).toBeGreaterThan(8_000_000);
    const largest = Math.max(...(await readEvents(db, id, 0)).map((e) => Buffer.byteLength(JSON.stringify(e.payload))));
    expect(largest).toBeLessThan(api.config.STREAM_MAX_BUFFER_BYTES);
    const task = await api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
    expect(task.body.result.model_output).toHaveLength(8_000_000);
  });
});
