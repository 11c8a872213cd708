import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expectError, registerUser, startTestApi, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestWorkers, testSettings, type TestWorkers } from './support/worker-harness';

/**
 * Custom agents through the whole path: the API, the workflow, the real agent program in a
 * local process, and an OpenAI-compatible model served on loopback that records what it is
 * asked (its system prompt is the agent's instructions).
 */

interface ModelRequest {
  model: string;
  temperature?: number;
  max_tokens?: number;
  messages: { role: string; content: string }[];
}

class FakeModel {
  readonly requests: ModelRequest[] = [];
  private held: (() => void)[] = [];
  private holding = false;
  private readonly server: Server;
  url = '';

  constructor() {
    this.server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const request = JSON.parse(body) as ModelRequest;
        this.requests.push(request);
        const answer = () =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(
            JSON.stringify({
              id: 'chatcmpl-test',
              object: 'chat.completion',
              choices: [{ index: 0, message: { role: 'assistant', content: `Answer to: ${request.messages.at(-1)?.content.slice(0, 40)}` }, finish_reason: 'stop' }],
              usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
            }),
          );
        if (this.holding) this.held.push(answer);
        else answer();
      });
    });
  }

  async start(): Promise<void> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v1`;
  }

  /** Holds every answer until `release`. */
  hold(): void {
    this.holding = true;
  }

  release(): void {
    this.holding = false;
    for (const answer of this.held.splice(0)) answer();
  }

  /** The system prompt of the requests whose last message mentions `marker`. */
  systemPromptsFor(marker: string): string[] {
    return this.requests.filter((r) => r.messages.some((m) => m.content.includes(marker))).map((r) => r.messages.find((m) => m.role === 'system')?.content ?? '');
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}

let api: TestApi;
let workers: TestWorkers;
const model = new FakeModel();
const savedEnv = { LLM_BASE_URL: process.env.LLM_BASE_URL, LLM_MODEL: process.env.LLM_MODEL };

beforeAll(async () => {
  await model.start();
  // The local executor hands the worker's own LLM_* variables to the agent program.
  process.env.LLM_BASE_URL = model.url;
  process.env.LLM_MODEL = 'house-model';
  const settings = testSettings({
    LLM_BASE_URL: model.url,
    LLM_MODEL: 'house-model',
    QUOTAS_ENABLED: 'true',
    AGENT_IMAGE_ALLOWLIST: 'registry.example.com/agents/*:*',
  });
  [api, workers] = await Promise.all([startTestApi(settings), startTestWorkers(settings)]);
});

afterAll(async () => {
  await workers?.stop();
  await api?.close();
  await model.stop();
  Object.assign(process.env, savedEnv);
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function createAgent(user: User, body: Record<string, unknown>) {
  return api.request('POST', '/v1/agents', { token: user.access, body });
}

async function finished(user: User, taskId: string) {
  return eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${taskId}`, { token: user.access });
    return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
  }, 60_000, `task ${taskId} to finish`);
}

describe('custom agents: CRUD', () => {
  let owner: User;
  let other: User;

  beforeAll(async () => {
    [owner, other] = await Promise.all([registerUser(api, 'agents-owner'), registerUser(api, 'agents-other')]);
  });

  it('creates an agent at version 1 with its ETag and lists it after the built-in types', async () => {
    const res = await createAgent(owner, {
      name: 'Strict Reviewer',
      description: 'Reviews with our house rules',
      type: 'security_expert',
      instructions: 'Be strict.',
      temperature: 0.1,
      resources: { gpus: 1, memory: '4Gi' },
      image: 'registry.example.com/agents/reviewer:1.2',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"v1"');
    expect(res.headers.get('location')).toBe(`/v1/agents/${res.body.id}`);
    expect(res.body).toEqual({
      id: expect.stringMatching(/^agent_[0-9A-Z]{16}$/),
      kind: 'custom',
      name: 'Strict Reviewer',
      description: 'Reviews with our house rules',
      type: 'security_expert',
      instructions: 'Be strict.',
      model: null,
      temperature: 0.1,
      max_tokens: null,
      time_limit_seconds: null,
      image: 'registry.example.com/agents/reviewer:1.2',
      resources: { gpus: 1, memory: '4Gi' },
      visibility: 'private',
      version: 1,
      owner: { display_name: 'Test User', is_caller: true },
      runs: 0,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });

    const list = await api.request('GET', '/v1/agents', { token: owner.access });
    expect(list.status).toBe(200);
    const kinds = (list.body.agents as { kind: string; id: string }[]).map((a) => `${a.kind}:${a.id}`);
    expect(kinds.slice(0, 4)).toEqual(['built_in:general', 'built_in:code_expert', 'built_in:test_gen', 'built_in:security_expert']);
    expect(kinds).toContain(`custom:${res.body.id}`);
    // Another user sees neither it in their list nor it by ID.
    const theirs = await api.request('GET', '/v1/agents', { token: other.access });
    expect((theirs.body.agents as { id: string }[]).map((a) => a.id)).not.toContain(res.body.id);
    expectError(await api.request('GET', `/v1/agents/${res.body.id}`, { token: other.access }), 404, 'NOT_FOUND');
  });

  it('refuses bad definitions with 400 naming the field, and a taken name with 409', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ name: 'security_expert', type: 'general' }, 'name'],
      [{ name: 'agent_lookalike', type: 'general' }, 'name'],
      [{ name: '-dash', type: 'general' }, 'name'],
      [{ name: 'x', type: 'nonsense' }, 'type'],
      [{ name: 'x', type: 'model' }, 'instructions'],
      [{ name: 'x', type: 'general', image: 'docker.io/evil/miner:latest' }, 'image'],
      [{ name: 'x', type: 'general', resources: { gpus: 2 } }, 'resources.gpus'],
      [{ name: 'x', type: 'general', resources: { memory: '64Gi' } }, 'resources.memory'],
      [{ name: 'x', type: 'general', resources: { cpu: 'lots' } }, 'resources.cpu'],
      [{ name: 'x', type: 'general', resources: { cpu: '0' } }, 'resources.cpu'],
      [{ name: 'x', type: 'general', resources: { memory: '0Mi' } }, 'resources.memory'],
      [{ name: 'x', type: 'general', command: ['/bin/sh'] }, 'command'],
      [{ name: 'x', type: 'general', temperature: 3 }, 'temperature'],
    ];
    for (const [body, field] of cases) {
      const res = await createAgent(owner, body);
      expectError(res, 400, 'INVALID_REQUEST');
      expect({ body, field: res.body.error.details?.field }).toEqual({ body, field });
    }
    await createAgent(owner, { name: 'Unique One', type: 'general' });
    const again = await createAgent(owner, { name: 'unique one', type: 'code_expert' });
    expectError(again, 409, 'CONFLICT');
    expect(again.body.error.details).toMatchObject({ field: 'name', reason: 'name_taken' });
    // With an Idempotency-Key a retried create answers the agent it made; another body with the key is 409.
    const headers = { 'Idempotency-Key': 'create-once' };
    const first = await api.request('POST', '/v1/agents', { token: owner.access, body: { name: 'Once', type: 'general' }, headers });
    const replay = await api.request('POST', '/v1/agents', { token: owner.access, body: { name: 'Once', type: 'general' }, headers });
    expect([first.status, replay.status, replay.body.id]).toEqual([201, 201, first.body.id]);
    const reused = await api.request('POST', '/v1/agents', { token: owner.access, body: { name: 'Twice', type: 'general' }, headers });
    expectError(reused, 409, 'CONFLICT');
    expect(reused.body.error.details.reason).toBe('idempotency_key_reused');
    const listed = await api.request('GET', '/v1/agents?visibility=private&limit=100', { token: owner.access });
    expect(listed.body.agents.filter((a: { name: string }) => ['Once', 'Twice'].includes(a.name)).map((a: { id: string }) => a.id)).toEqual([first.body.id]);
    // The same name is another user's to take.
    expect((await createAgent(other, { name: 'Unique One', type: 'general' })).status).toBe(201);
  });

  it('pages through the list with every agent once, even one edited between two pages', async () => {
    const user = await registerUser(api, 'agents-pages');
    const ids: string[] = [];
    for (const name of ['page-a', 'page-b', 'page-c']) ids.push((await createAgent(user, { name, type: 'general' })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res = await api.request('GET', `/v1/agents?visibility=private&limit=1${cursor ? `&cursor=${cursor}` : ''}`, { token: user.access });
      seen.push(...res.body.agents.map((a: { id: string }) => a.id));
      // Between the first and second page, the oldest agent is edited (it used to jump ahead of the cursor).
      if (page === 0) expect((await api.request('PATCH', `/v1/agents/${ids[0]}`, { token: user.access, body: { description: 'touched' } })).status).toBe(200);
      cursor = res.body.next_cursor;
      if (!cursor) break;
    }
    expect(seen).toEqual([...ids].reverse());
  });

  it('takes a JSON merge patch, and refuses a body that is not JSON without reading it as empty', async () => {
    const id = (await createAgent(owner, { name: 'Media Types', type: 'general' })).body.id as string;
    const merge = await api.request('PATCH', `/v1/agents/${id}`, {
      token: owner.access,
      rawBody: JSON.stringify({ description: 'merged' }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(merge.status).toBe(200);
    expect(merge.body).toMatchObject({ description: 'merged', version: 2 });
    for (const type of ['text/plain', 'application/x-www-form-urlencoded']) {
      const res = await api.request('PATCH', `/v1/agents/${id}`, { token: owner.access, rawBody: JSON.stringify({ description: 'lost' }), headers: { 'content-type': type } });
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.details).toEqual({ field: 'Content-Type', reason: 'unsupported_media_type' });
    }
    const create = await api.request('POST', '/v1/agents', { token: owner.access, rawBody: JSON.stringify({ name: 'Plain', type: 'general' }), headers: { 'content-type': 'text/plain' } });
    expect(create.body.error.details.field).toBe('Content-Type');
    expect((await api.request('GET', `/v1/agents/${id}`, { token: owner.access })).body).toMatchObject({ description: 'merged', version: 2 });
  });

  it('serves the built-in types by their listed IDs: read and run, never changed', async () => {
    const one = await api.request('GET', '/v1/agents/code_expert', { token: owner.access });
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ id: 'code_expert', kind: 'built_in', type: 'code_expert' });
    const run = await api.request('POST', '/v1/agents/code_expert/execute', { token: owner.access, body: { task: 'Review', context: { files: [{ path: 'a.ts', content: 'export const a = 1;\n' }] } } });
    expect(run.status).toBe(202);
    expect((await finished(owner, run.body.task_id)).agent_type).toBe('code_expert');
    for (const method of ['PATCH', 'DELETE']) {
      const res = await api.request(method, '/v1/agents/code_expert', { token: owner.access, body: method === 'PATCH' ? { description: 'mine now' } : undefined });
      expectError(res, 403, 'FORBIDDEN');
    }
  });

  it('makes a new version on every change, refuses a stale If-Match with 409 and changes nothing', async () => {
    const created = await createAgent(owner, { name: 'Versioned', type: 'code_expert', instructions: 'v1 rules' });
    const id = created.body.id as string;
    const url = `/v1/agents/${id}`;

    const v2 = await api.request('PATCH', url, { token: owner.access, body: { instructions: 'v2 rules' }, headers: { 'If-Match': '"v1"' } });
    expect(v2.status).toBe(200);
    expect(v2.headers.get('etag')).toBe('"v2"');
    expect(v2.body).toMatchObject({ version: 2, instructions: 'v2 rules', type: 'code_expert' });

    const stale = await api.request('PATCH', url, { token: owner.access, body: { instructions: 'lost edit' }, headers: { 'If-Match': '"v1"' } });
    expectError(stale, 409, 'CONFLICT');
    expect(stale.body.error.details).toEqual({ reason: 'stale_version', current_version: 2 });
    const now = await api.request('GET', url, { token: owner.access });
    expect(now.headers.get('etag')).toBe('"v2"');
    expect(now.body).toMatchObject({ version: 2, instructions: 'v2 rules' });

    // A body that changes nothing makes no version; null clears an optional field.
    const same = await api.request('PATCH', url, { token: owner.access, body: { instructions: 'v2 rules' } });
    expect(same.body.version).toBe(2);
    const cleared = await api.request('PATCH', url, { token: owner.access, body: { instructions: null, temperature: 0.5 }, headers: { 'If-Match': '*' } });
    expect(cleared.body).toMatchObject({ version: 3, instructions: null, temperature: 0.5 });

    // A weak or foreign tag never matches (If-Match compares strongly); a list matches by any member.
    for (const tag of ['W/"v3"', '"3"', '"v2", "v1"']) {
      const res = await api.request('PATCH', url, { token: owner.access, body: { description: 'x' }, headers: { 'If-Match': tag } });
      expectError(res, 409, 'CONFLICT');
      expect(res.body.error.message).toContain(`is at version 3 (ETag "v3"), which If-Match ${tag} does not name`);
    }
    // Not an entity tag at all (unquoted): 400 naming the header.
    const unquoted = await api.request('PATCH', url, { token: owner.access, body: { description: 'x' }, headers: { 'If-Match': 'v3' } });
    expectError(unquoted, 400, 'INVALID_REQUEST');
    expect(unquoted.body.error.details.field).toBe('If-Match');
    expect((await api.request('PATCH', url, { token: owner.access, body: { description: 'listed' }, headers: { 'If-Match': '"v1", "v3"' } })).body.version).toBe(4);
    expectError(await api.request('PATCH', url, { token: owner.access, body: { type: 'model' } }), 400, 'INVALID_REQUEST');
    expectError(await api.request('PATCH', url, { token: other.access, body: { description: 'mine now' } }), 404, 'NOT_FOUND');
    expect((await api.request('GET', url, { token: owner.access })).body.version).toBe(4);

    expectError(await api.request('DELETE', url, { token: owner.access, headers: { 'If-Match': '"v3"' } }), 409, 'CONFLICT');
    const deleted = await api.request('DELETE', url, { token: owner.access, headers: { 'If-Match': '"v4"' } });
    expect(deleted.body).toEqual({ success: true, id });
    expectError(await api.request('GET', url, { token: owner.access }), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', url, { token: owner.access }), 404, 'NOT_FOUND');
    // Its name is free again.
    expect((await createAgent(owner, { name: 'Versioned', type: 'general' })).status).toBe(201);
  });
});

describe('custom agents: runs', () => {
  it('runs by name, ID and its own route with its settings, pinned to the version it started with', async () => {
    const user = await registerUser(api, 'agents-run');
    const created = await createAgent(user, { name: 'house-voice', type: 'model', instructions: 'INSTRUCTIONS-V1: answer like our team', model: 'team-model', temperature: 0.3 });
    const id = created.body.id as string;

    model.hold();
    const first = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'Explain marker-first', agent_type: 'house-voice' } });
    expect(first.status).toBe(202);
    // The model has been asked (the agent runs); the agent changes, then is deleted, meanwhile.
    await eventually(async () => (model.systemPromptsFor('marker-first').length > 0 ? true : undefined), 60_000, 'the model to be asked');
    const edited = await api.request('PATCH', `/v1/agents/${id}`, { token: user.access, body: { instructions: 'INSTRUCTIONS-V2: answer tersely' } });
    expect(edited.body.version).toBe(2);
    model.release();
    const firstTask = await finished(user, first.body.task_id);
    expect(firstTask).toMatchObject({ status: 'completed', agent_type: id, agent: { id, name: 'house-voice', version: 1, type: 'model' }, tokens_used: { total: 19 } });
    expect(firstTask.result.model_output).toContain('marker-first');
    expect(model.systemPromptsFor('marker-first')).toEqual(['INSTRUCTIONS-V1: answer like our team']);
    const asked = model.requests.find((r) => r.messages.some((m) => m.content.includes('marker-first')))!;
    expect({ model: asked.model, temperature: asked.temperature }).toEqual({ model: 'team-model', temperature: 0.3 });

    // By ID through its own route: the new version.
    const second = await api.request('POST', `/v1/agents/${id}/execute`, { token: user.access, body: { task: 'Explain marker-second' } });
    expect(second.status).toBe(202);
    expect(await finished(user, second.body.task_id)).toMatchObject({ status: 'completed', agent: { id, version: 2 } });
    expect(model.systemPromptsFor('marker-second')).toEqual(['INSTRUCTIONS-V2: answer tersely']);

    // Deleted: it runs no more, and its finished tasks still name it.
    await api.request('DELETE', `/v1/agents/${id}`, { token: user.access });
    const refused = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', agent_type: id } });
    expectError(refused, 400, 'INVALID_REQUEST');
    expect(refused.body.error.details.field).toBe('agent_type');
    expectError(await api.request('POST', `/v1/agents/${id}/execute`, { token: user.access, body: { task: 'x' } }), 404, 'NOT_FOUND');
    expect((await api.request('GET', `/v1/agents/tasks/${first.body.task_id}`, { token: user.access })).body.agent).toEqual({ id, name: 'house-voice', version: 1, type: 'model' });
    // The task list names the agent and version too.
    const listed = await api.request('GET', '/v1/agents/tasks?limit=10', { token: user.access });
    expect(listed.body.tasks.find((t: { task_id: string }) => t.task_id === first.body.task_id).agent).toEqual({ id, name: 'house-voice', version: 1, type: 'model' });
  });

  it('a built-in type with instructions finds what the built-in finds and asks the model with its instructions', async () => {
    const user = await registerUser(api, 'agents-builtin');
    await createAgent(user, { name: 'sec-house', type: 'security_expert', instructions: 'HOUSE-SECURITY-PROMPT' });
    const res = await api.request('POST', '/v1/agents/execute', {
      token: user.access,
      body: { task: 'Review marker-sqli', agent_type: 'SEC-HOUSE', context: { files: [{ path: 'src/db.js', content: "function f(db, name) {\n  return db.query(`SELECT * FROM users WHERE name = '${name}'`);\n}\n" }] } },
    });
    expect(res.status).toBe(202);
    const task = await finished(user, res.body.task_id);
    expect(task.status).toBe('completed');
    expect(task.result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule_id: 'sql-injection', file: 'src/db.js', line: 2 })]));
    expect(model.systemPromptsFor('marker-sqli')).toEqual(['HOUSE-SECURITY-PROMPT']);
  });

  it('a public agent is listed for everyone, run by another user and billed to them; unpublished, it is theirs no more', async () => {
    const [owner, caller] = await Promise.all([registerUser(api, 'pub-owner'), registerUser(api, 'pub-caller')]);
    const created = await createAgent(owner, { name: 'shared-explainer', description: 'Explains code', type: 'model', instructions: 'SECRET-HOUSE-PROMPT', visibility: 'public' });
    const id = created.body.id as string;

    const catalogue = await api.request('GET', '/v1/agents?visibility=public&limit=100', { token: caller.access });
    const listed = (catalogue.body.agents as { id: string }[]).find((a) => a.id === id);
    expect(listed).toMatchObject({ id, name: 'shared-explainer', description: 'Explains code', version: 1, runs: 0, instructions: null, owner: { display_name: 'Test User', is_caller: false } });
    expect(catalogue.body.agents.every((a: { kind: string; visibility: string }) => a.kind === 'custom' && a.visibility === 'public')).toBe(true);

    const usageOf = async (u: User) => (await api.request('GET', '/v1/auth/me', { token: u.access })).body.usage.requests_this_month as number;
    const [ownerBefore, callerBefore] = await Promise.all([usageOf(owner), usageOf(caller)]);
    const run = await api.request('POST', '/v1/agents/execute', { token: caller.access, body: { task: 'Explain marker-public', agent_type: id } });
    expect(run.status).toBe(202);
    expect(await finished(caller, run.body.task_id)).toMatchObject({ status: 'completed', agent: { id, version: 1 } });
    // The caller's task and the caller's bill; the owner sees neither.
    expectError(await api.request('GET', `/v1/agents/tasks/${run.body.task_id}`, { token: owner.access }), 404, 'NOT_FOUND');
    expect(await usageOf(caller)).toBe(callerBefore + 1);
    expect(await usageOf(owner)).toBe(ownerBefore);
    expect((await api.request('GET', `/v1/agents/${id}`, { token: caller.access })).body).toMatchObject({ runs: 1, instructions: null });
    // The owner alone edits it.
    expectError(await api.request('PATCH', `/v1/agents/${id}`, { token: caller.access, body: { description: 'hijacked' } }), 403, 'FORBIDDEN');
    expectError(await api.request('DELETE', `/v1/agents/${id}`, { token: caller.access }), 403, 'FORBIDDEN');
    // A name resolves among the caller's own agents only.
    expectError(await api.request('POST', '/v1/agents/execute', { token: caller.access, body: { task: 'x', agent_type: 'shared-explainer' } }), 400, 'INVALID_REQUEST');

    await api.request('PATCH', `/v1/agents/${id}`, { token: owner.access, body: { visibility: 'private' } });
    expectError(await api.request('POST', '/v1/agents/execute', { token: caller.access, body: { task: 'x', agent_type: id } }), 400, 'INVALID_REQUEST');
    expectError(await api.request('GET', `/v1/agents/${id}`, { token: caller.access }), 404, 'NOT_FOUND');
  });

  it('orchestrates custom agents mixed with built-ins, each pinned to its version', async () => {
    const user = await registerUser(api, 'agents-orch');
    const created = await createAgent(user, { name: 'planner', type: 'model', instructions: 'PLANNER-PROMPT' });
    const id = created.body.id as string;
    const res = await api.request('POST', '/v1/agents/orchestrate', {
      token: user.access,
      body: { goal: 'Plan marker-orch', strategy: 'sequential', agents: ['planner', 'code_expert'], context: { files: [{ path: 'a.ts', content: 'export const a = 1;\n' }] } },
    });
    expect(res.status).toBe(202);
    const done = await eventually(async () => {
      const o = await api.request('GET', `/v1/agents/orchestrations/${res.body.orchestration_id}`, { token: user.access });
      return ['completed', 'failed', 'cancelled'].includes(o.body.status) ? o.body : undefined;
    }, 90_000, 'the orchestration to end');
    expect(done.status).toBe('completed');
    expect(done.agents.map((a: { agent_type: string }) => a.agent_type)).toEqual([id, 'code_expert']);
    const first = await api.request('GET', `/v1/agents/tasks/${done.agents[0].task_id}`, { token: user.access });
    expect(first.body.agent).toEqual({ id, name: 'planner', version: 1, type: 'model' });
    expect(model.systemPromptsFor('marker-orch')[0]).toBe('PLANNER-PROMPT');

    const unknown = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'x', strategy: 'parallel', agents: ['code_expert', 'nobody-agent'] } });
    expectError(unknown, 400, 'INVALID_REQUEST');
    expect(unknown.body.error.details.field).toBe('agents.1');
  });
});

describe('custom agents: a deployment without a model', () => {
  let bare: TestApi;

  beforeAll(async () => {
    bare = await startTestApi(testSettings({ LLM_BASE_URL: '', LLM_MODEL: '' }));
  });
  afterAll(async () => {
    await bare?.close();
  });

  it('refuses a model agent at execute with 400 saying a model endpoint is needed; built-in types still run', async () => {
    const user = await registerUser(bare, 'no-model');
    const created = await bare.request('POST', '/v1/agents', { token: user.access, body: { name: 'talker', type: 'model', instructions: 'Talk.' } });
    expect(created.status).toBe(201);
    const res = await bare.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', agent_type: 'talker' } });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.message).toMatch(/needs a model endpoint/);
    expect(res.body.error.details).toMatchObject({ field: 'agent_type', reason: 'needs a model endpoint' });
    const tasks = await bare.request('GET', '/v1/agents/tasks', { token: user.access });
    expect(tasks.body.tasks).toEqual([]);
  });
});
