import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { promisify } from 'node:util';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import {
  CodexApiError,
  CodexCloud,
  isConflictError,
  isInvalidRequestError,
  isNetworkError,
  isNotFoundError,
  isUnauthorizedError,
  type StreamMessage,
  type Tokens,
  type WebSocketConstructor,
} from '../src/index.js';
import { startTestApi, type TestApi } from '../../test/support/api-harness.js';
import { buildFixtureRepo } from '../../test/support/fixture-repo.js';
import { startGitHttpServer, type GitHttpServer } from '../../test/support/git-http-server.js';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';
import { SCRIPTED_AGENT } from '../../test/support/worker-harness.js';

/**
 * The SDK against the real stack (API, workers, Postgres, Temporal, git over HTTP): every
 * resource, streams resumed across a cut connection, retries that start one task, a refresh.
 */
let stack: TestStack;
let git: GitHttpServer;
let served: string;
let cacheDir: string;
let repo: ReturnType<typeof buildFixtureRepo>;
let n = 0;

beforeAll(async () => {
  repo = buildFixtureRepo();
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-sdk-served-'));
  repo.publish(served, 'demo');
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-sdk-cache-'));
  git = await startGitHttpServer(served);
  stack = await startTestStack({
    LOCAL_AGENT_COMMAND: SCRIPTED_AGENT,
    WORKER_QUEUES: 'general,agents,analysis',
    REPOSITORY_ALLOWED_HOSTS: git.hostPort,
    REPOSITORY_CACHE_DIR: cacheDir,
  });
});

afterAll(async () => {
  await stack?.close();
  await git?.close();
  repo?.remove();
  rmSync(served, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

const email = (label: string) => `sdk-${label}-${Date.now()}-${++n}@example.com`;
const PASSWORD = 'correct horse battery staple';

/** A client signed in as a new user. */
async function signedIn(label: string, options: Partial<ConstructorParameters<typeof CodexCloud>[0]> = {}): Promise<{ codex: CodexCloud; email: string }> {
  const codex = new CodexCloud({ baseUrl: stack.api.url, ...options } as ConstructorParameters<typeof CodexCloud>[0]);
  const address = email(label);
  await codex.auth.register({ email: address, password: PASSWORD, name: 'SDK User' });
  return { codex, email: address };
}

const script = (steps: number, delayMs: number) => ({ script: { steps, delay_ms: delayMs } });

/** A TCP proxy in front of the API whose connections the test can cut. */
async function startCuttableProxy(target: string): Promise<{ url: string; cut(): void; connections: number; close(): Promise<void> }> {
  const { hostname, port } = new URL(target);
  const open = new Set<net.Socket>();
  const state = { connections: 0 };
  const server = net.createServer((client) => {
    state.connections += 1;
    const upstream = net.connect(Number(port), hostname);
    open.add(client).add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut: () => {
      for (const socket of open) socket.destroy();
      open.clear();
    },
    get connections() {
      return state.connections;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

describe('auth and API keys', () => {
  it('registers, reads me, makes an API key that works, revokes it, logs out', async () => {
    const tokens: Tokens[] = [];
    const { codex, email: address } = await signedIn('auth', { onTokens: (t: Tokens) => void tokens.push(t) });
    expect(tokens).toHaveLength(1);
    const me = await codex.auth.me();
    expect(me).toMatchObject({ email: address, tier: 'free' });

    const key = await codex.apiKeys.create({ name: 'ci' });
    expect(key.key).toMatch(/^codex_sk_(live|test)_/);
    expect((await codex.apiKeys.list()).api_keys.map((k) => k.id)).toContain(key.id);
    const byKey = new CodexCloud({ baseUrl: stack.api.url, apiKey: key.key });
    expect((await byKey.auth.me()).id).toBe(me.id);
    await codex.apiKeys.revoke(key.id);
    const refused = await byKey.auth.me().catch((e: unknown) => e);
    expect(isUnauthorizedError(refused)).toBe(true);
    expect(refused).toMatchObject({ status: 401, code: 'UNAUTHORIZED', requestId: expect.stringMatching(/^req_/) });

    await codex.auth.logout();
    await expect(codex.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    // The old password still signs in a fresh client.
    const again = new CodexCloud({ baseUrl: stack.api.url });
    await again.auth.login({ email: address, password: PASSWORD });
    expect((await again.auth.me()).id).toBe(me.id);
  });

  it('reports an error answer as one CodexApiError with the contract fields', async () => {
    const codex = new CodexCloud({ baseUrl: stack.api.url });
    const err = await codex.auth.register({ email: 'not-an-email', password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodexApiError);
    expect(isInvalidRequestError(err)).toBe(true);
    expect(err).toMatchObject({ status: 400, details: { field: 'email' }, documentationUrl: expect.stringMatching(/INVALID_REQUEST$/) });
  });

  it('renews an expired access token once, retries, and reports the new tokens', async () => {
    const shortLived: TestApi = await startTestApi({ ...stack.settings, ACCESS_TOKEN_TTL_SECONDS: '1' });
    try {
      const tokens: Tokens[] = [];
      const codex = new CodexCloud({ baseUrl: shortLived.url, onTokens: (t) => void tokens.push(t) });
      await codex.auth.register({ email: email('refresh'), password: PASSWORD });
      await new Promise((r) => setTimeout(r, 2_100));
      const me = await codex.auth.me();
      expect(me.tier).toBe('free');
      expect(tokens).toHaveLength(2);
      expect(tokens[1]!.accessToken).not.toBe(tokens[0]!.accessToken);
      expect(tokens[1]!.refreshToken).toBeDefined();

      // A stream outlives its token: the server ends it (4401 / UNAUTHORIZED), the SDK renews and resumes.
      const started = await codex.tasks.execute({ task: 'outlive the token', context: script(12, 250) });
      const seqs: number[] = [];
      for await (const m of codex.tasks.stream(started.task_id)) seqs.push(m.seq);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(tokens.length).toBeGreaterThanOrEqual(3);
      expect((await codex.tasks.get(started.task_id)).status).toBe('completed');

      // A refresh token that no longer works: the 401 comes back as it was.
      const stale = new CodexCloud({ baseUrl: shortLived.url, accessToken: tokens[0]!.accessToken, refreshToken: tokens[0]!.refreshToken! });
      await expect(stale.auth.me()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    } finally {
      await shortLived.close();
    }
  }, 60_000);
});

describe('tasks', () => {
  it('executes, lists, gets, streams and runs; cancels and answers 409 on a finished task', async () => {
    const { codex } = await signedIn('tasks');
    await codex.subscription.upgrade({ new_tier: 'pro', billing_cycle: 'monthly' });
    const messages: StreamMessage[] = [];
    const task = await codex.tasks.run({ task: 'Review', agent_type: 'security_expert', context: script(4, 20) }, { onMessage: (m) => messages.push(m) });
    expect(task).toMatchObject({ status: 'completed', progress: 100 });
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(messages.at(-1)).toMatchObject({ type: 'result', status: 'completed' });

    const long = await codex.tasks.execute({ task: 'long', context: script(200, 100) });
    const page = await codex.tasks.list({ limit: 10 });
    expect(page.tasks.map((t) => t.task_id)).toEqual(expect.arrayContaining([task.task_id, long.task_id]));
    await codex.tasks.stream(long.task_id)[Symbol.asyncIterator]().next(); // it has started
    const cancelled = await codex.tasks.cancel(long.task_id);
    expect(['cancelled', 'cancelling']).toContain(cancelled.status);
    const final = await waitFor(() => codex.tasks.get(long.task_id), (t) => t.status === 'cancelled');
    expect(final.status).toBe('cancelled');
    const again = await codex.tasks.cancel(long.task_id).catch((e: unknown) => e);
    expect(isConflictError(again)).toBe(true);
    expect(again).toMatchObject({ status: 409, details: { status: 'cancelled' } });

    const noPatch = await codex.tasks.patch(task.task_id).catch((e: unknown) => e);
    expect(isNotFoundError(noPatch)).toBe(true);
    await expect(codex.tasks.get('task_NOSUCHTASK00000')).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  }, 60_000);

  it.each(['sse', 'websocket'] as const)('resumes a %s stream across a cut connection: every message once, in order', async (transport) => {
    const proxy = await startCuttableProxy(stack.api.url);
    try {
      const { codex } = await signedIn(`cut-${transport}`);
      const started = await codex.tasks.execute({ task: 'stream me', context: script(16, 120) });
      const viaProxy = new CodexCloud({
        baseUrl: proxy.url,
        accessToken: codex.transport.current.accessToken!,
        WebSocket: WebSocket as unknown as WebSocketConstructor,
        streamTransport: transport,
        retry: { initialDelayMs: 50 },
      });
      const seqs: number[] = [];
      let cuts = 0;
      for await (const m of viaProxy.tasks.stream(started.task_id)) {
        seqs.push(m.seq);
        if (m.seq === 3 || m.seq === 9) {
          proxy.cut();
          cuts += 1;
        }
      }
      expect(cuts).toBe(2);
      expect(proxy.connections).toBeGreaterThanOrEqual(3);
      expect(seqs).toEqual(seqs.map((_, i) => i + 1));
      expect(seqs.length).toBeGreaterThanOrEqual(17);
    } finally {
      await proxy.close();
    }
  }, 60_000);

  it('retries a start whose answer was lost with the same Idempotency-Key: one task', async () => {
    const { codex } = await signedIn('retry');
    const posts: string[] = [];
    let dropped = false;
    const lossy = new CodexCloud({
      baseUrl: stack.api.url,
      accessToken: codex.transport.current.accessToken!,
      retry: { initialDelayMs: 20 },
      fetch: async (input, init) => {
        const url = String(input);
        if (init?.method === 'POST' && url.endsWith('/v1/agents/execute')) {
          posts.push(new Headers(init.headers).get('idempotency-key') ?? '');
          const res = await fetch(input, init);
          if (!dropped) {
            dropped = true; // the server did it; the answer never arrives
            await res.text();
            throw new TypeError('fetch failed');
          }
          return res;
        }
        return fetch(input, init);
      },
    });
    const started = await lossy.tasks.execute({ task: 'only once', context: script(1, 1) });
    expect(posts).toHaveLength(2);
    expect(posts[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(posts[1]).toBe(posts[0]);
    const page = await codex.tasks.list();
    expect(page.tasks.map((t) => t.task_id)).toEqual([started.task_id]);
  });

  it('waits out a 429 for its Retry-After, retries 5xx with backoff, and gives up when told', async () => {
    const { codex } = await signedIn('backoff');
    const seen: number[] = [];
    const answers = [
      () => new Response(JSON.stringify({ error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded. Try again in 1 seconds.', retry_after: 1 } }), { status: 429, headers: { 'retry-after': '1' } }),
      () => new Response('bad gateway', { status: 502 }),
    ];
    const flaky = new CodexCloud({
      baseUrl: stack.api.url,
      accessToken: codex.transport.current.accessToken!,
      retry: { initialDelayMs: 10 },
      fetch: async (input, init) => {
        seen.push(Date.now());
        const next = answers.shift();
        return next ? next() : fetch(input, init);
      },
    });
    const t0 = Date.now();
    expect((await flaky.auth.me()).tier).toBe('free');
    expect(seen).toHaveLength(3);
    expect(seen[1]! - t0).toBeGreaterThanOrEqual(1_000);

    // A Retry-After over the client's limit is thrown at once, with the figures.
    const impatient = new CodexCloud({
      baseUrl: stack.api.url,
      apiKey: 'codex_sk_test_unused',
      retry: { maxRetryAfterSeconds: 5 },
      fetch: async () => new Response(JSON.stringify({ error: { code: 'RATE_LIMIT_EXCEEDED', message: 'Rate limit exceeded. Try again in 42 seconds.', retry_after: 42 } }), { status: 429, headers: { 'retry-after': '42' } }),
    });
    await expect(impatient.auth.me()).rejects.toMatchObject({ code: 'RATE_LIMIT_EXCEEDED', retryAfter: 42 });

    // No answer at all: bounded retries, then NETWORK_ERROR.
    let tries = 0;
    const unreachable = new CodexCloud({
      baseUrl: 'http://127.0.0.1:9',
      apiKey: 'codex_sk_test_unused',
      retry: { maxRetries: 2, initialDelayMs: 5 },
      fetch: async (input, init) => {
        tries += 1;
        return fetch(input, init);
      },
    });
    const err = await unreachable.auth.me().catch((e: unknown) => e);
    expect(isNetworkError(err)).toBe(true);
    expect(tries).toBe(3);
  });

  it('cancels any call through its AbortSignal, in a request, in a backoff, in a stream', async () => {
    const { codex } = await signedIn('abort');
    const aborted = new AbortController();
    aborted.abort();
    await expect(codex.auth.me({ signal: aborted.signal })).rejects.toMatchObject({ name: 'AbortError' });

    const backingOff = new CodexCloud({
      baseUrl: stack.api.url,
      accessToken: codex.transport.current.accessToken!,
      retry: { initialDelayMs: 60_000 },
      fetch: async () => new Response('unavailable', { status: 503 }),
    });
    const during = new AbortController();
    const t0 = Date.now();
    setTimeout(() => during.abort(), 100);
    await expect(backingOff.auth.me({ signal: during.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(Date.now() - t0).toBeLessThan(10_000);

    const started = await codex.tasks.execute({ task: 'slow', context: script(50, 200) });
    const streaming = new AbortController();
    const got: number[] = [];
    const loop = (async () => {
      for await (const m of codex.tasks.stream(started.task_id, { signal: streaming.signal })) {
        got.push(m.seq);
        if (m.seq === 2) streaming.abort();
      }
    })();
    await expect(loop).rejects.toMatchObject({ name: 'AbortError' });
    expect(got).toEqual([1, 2]);
    await codex.tasks.cancel(started.task_id);
  });
});

describe('orchestrations', () => {
  it('runs one to its end with its agents on one stream; approves, rejects, cancels, lists', async () => {
    const { codex } = await signedIn('orch');
    await codex.subscription.upgrade({ new_tier: 'pro', billing_cycle: 'monthly' });
    const messages: StreamMessage[] = [];
    const done = await codex.orchestrations.run(
      { goal: 'Ship it', strategy: 'sequential', agents: ['code_expert', 'test_gen'], context: script(2, 10) },
      { onMessage: (m) => messages.push(m) },
    );
    expect(done).toMatchObject({ status: 'completed', strategy: 'sequential' });
    expect(done.agents.map((a) => a.agent_type)).toEqual(['code_expert', 'test_gen']);
    expect(messages.map((m) => m.seq)).toEqual(messages.map((_, i) => i + 1));
    expect(new Set(messages.filter((m) => m.task_id).map((m) => m.task_id))).toEqual(new Set(done.agents.map((a) => a.task_id)));
    expect(messages.at(-1)).toMatchObject({ type: 'result', orchestration_id: done.orchestration_id });

    const gated = await codex.orchestrations.create({ goal: 'Gated', strategy: 'parallel', agents: ['general'], context: script(1, 1), options: { require_approval: true } });
    await waitFor(() => codex.orchestrations.get(gated.orchestration_id), (o) => o.status === 'awaiting_approval');
    await codex.orchestrations.approve(gated.orchestration_id, { comment: 'go' });
    expect((await waitFor(() => codex.orchestrations.get(gated.orchestration_id), (o) => o.status === 'completed')).status).toBe('completed');

    const refused = await codex.orchestrations.create({ goal: 'No', strategy: 'parallel', agents: ['general'], context: script(1, 1), options: { require_approval: true } });
    await waitFor(() => codex.orchestrations.get(refused.orchestration_id), (o) => o.status === 'awaiting_approval');
    await codex.orchestrations.reject(refused.orchestration_id, { comment: 'not now' });
    expect((await waitFor(() => codex.orchestrations.get(refused.orchestration_id), (o) => o.status !== 'awaiting_approval')).status).toBe('failed');

    const long = await codex.orchestrations.create({ goal: 'Long', strategy: 'parallel', agents: ['general', 'general'], context: script(200, 100) });
    await codex.orchestrations.cancel(long.orchestration_id);
    expect((await waitFor(() => codex.orchestrations.get(long.orchestration_id), (o) => o.status === 'cancelled')).status).toBe('cancelled');

    const page = await codex.orchestrations.list({ limit: 10 });
    expect(page.orchestrations.map((o) => o.orchestration_id)).toEqual(expect.arrayContaining([done.orchestration_id, long.orchestration_id]));
  }, 90_000);
});

describe('the README example', () => {
  it('runs sdk/examples/orchestrate.ts (ten lines) as a program: it prints the stream and the result', async () => {
    const { codex } = await signedIn('example');
    const key = await codex.apiKeys.create({ name: 'example' });
    const example = path.join(__dirname, '..', 'examples', 'orchestrate.ts');
    expect(readFileSync(example, 'utf8').trim().split('\n').length).toBeLessThanOrEqual(10);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', example], {
      cwd: path.join(__dirname, '..'),
      env: { ...process.env, CODEX_BASE_URL: stack.api.url, CODEX_API_KEY: key.key },
    });
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^1 orchestration /);
    expect(lines.some((l) => /^\d+ task_/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/^completed sequential: 2 of 2 agents completed/);
  }, 60_000);
});

describe('custom agents', () => {
  it('creates, reads, edits with If-Match (a stale one is 409), runs, publishes and deletes', async () => {
    const { codex } = await signedIn('agents');
    const builtIns = await codex.agents.list();
    expect(builtIns.agents.filter((a) => a.kind === 'built_in').map((a) => a.name)).toEqual(expect.arrayContaining(['security_expert', 'test_gen', 'code_expert']));
    const agent = await codex.agents.create({ name: `reviewer-${n}`, description: 'Reviews', type: 'security_expert', instructions: 'Be strict.' });
    expect(agent).toMatchObject({ version: 1, visibility: 'private' });
    expect((await codex.agents.get(agent.id)).name).toBe(agent.name);
    expect(await codex.agents.get('test_gen')).toMatchObject({ kind: 'built_in', type: 'test_gen' });
    const v2 = await codex.agents.update(agent.id, { description: 'Reviews harder' }, { ifMatch: 1 });
    expect(v2.version).toBe(2);
    const stale = await codex.agents.update(agent.id, { description: 'Lost edit' }, { ifMatch: 1 }).catch((e: unknown) => e);
    expect(isConflictError(stale)).toBe(true);
    expect((await codex.agents.get(agent.id)).description).toBe('Reviews harder');

    const started = await codex.agents.execute(agent.id, { task: 'Review', context: script(1, 1) });
    const task = await waitFor(() => codex.tasks.get(started.task_id), (t) => t.status === 'completed');
    expect(task.agent).toMatchObject({ id: agent.id, version: 2 });

    await codex.agents.update(agent.id, { visibility: 'public' });
    const { codex: other } = await signedIn('agents-other');
    const catalogue = await other.agents.list({ visibility: 'public' });
    expect(catalogue.agents.map((a) => a.id)).toContain(agent.id);
    await codex.agents.delete(agent.id);
    await expect(codex.agents.get(agent.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);
});

describe('visualizations and subscription', () => {
  it('visualizes a repository to its end on the stream; commits, comments, shares, deletes', async () => {
    const { codex } = await signedIn('viz');
    const messages: StreamMessage[] = [];
    const viz = await codex.visualizations.run({ repository_url: `${git.url}/demo.git`, branch: 'main' }, { onMessage: (m) => messages.push(m) });
    expect(viz.status).toBe('completed');
    expect(viz.stats?.total_commits).toBe(Number(repo.git(['rev-list', '--count', 'main'])));
    expect(messages.at(-1)).toMatchObject({ type: 'result' });
    const commits = await codex.visualizations.commits(viz.visualization_id, { limit: 1 });
    expect(commits).toMatchObject({ limit: 1, total: viz.stats!.total_commits, has_more: true });
    const sha = commits.commits[0]!.sha;
    const comment = await codex.visualizations.comment(viz.visualization_id, { commit_sha: sha, content: 'Nice', author: 'Ann' });
    expect((await codex.visualizations.comments(viz.visualization_id, { commit_sha: sha })).comments.map((c) => c.comment_id)).toEqual([comment.comment_id]);
    const share = await codex.visualizations.share(viz.visualization_id, { permissions: 'read', expires_in_days: 1 });
    expect(share).toMatchObject({ share_id: expect.stringMatching(/^shr_/), permissions: 'read', url: expect.stringContaining('/shared/') });
    await codex.visualizations.revokeShare(viz.visualization_id, share.share_id);
    await codex.visualizations.delete(viz.visualization_id);
    await expect(codex.visualizations.get(viz.visualization_id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  }, 60_000);

  it('reads, upgrades, cancels and reactivates the subscription', async () => {
    const { codex } = await signedIn('sub');
    expect((await codex.subscription.get()).tier).toBe('free');
    expect(await codex.subscription.upgrade({ new_tier: 'team', billing_cycle: 'monthly' })).toMatchObject({ tier: 'team' });
    expect(await codex.subscription.cancel({ cancel_at_period_end: true, reason: 'testing' })).toMatchObject({ cancel_at_period_end: true });
    expect(await codex.subscription.reactivate()).toMatchObject({ cancel_at_period_end: false });
    expect((await codex.auth.me()).tier).toBe('team');
  });
});

/** Polls `read` until `done` holds (10 s at most). */
async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out; last: ${JSON.stringify(value).slice(0, 300)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
