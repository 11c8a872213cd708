// Prometheus metrics of a real stack (API, workers, Temporal, Postgres): after known work (a
// completed, a failed and a cancelled task, a wait in line, a refused request), the figures,
// their types and labels are what an operator's dashboards and alerts read.
import { startTestApi, registerUser, type TestApi } from './support/api-harness';
import { parsePrometheusText, scrape, type Scrape } from './support/prometheus-text';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT, spawnWorkerProcess, testSettings } from './support/worker-harness';
import { freeLoopbackPort } from '../lib/ports';

const TOKEN = 'metrics-token-for-tests-0123456789';
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack(
    {
      LOCAL_AGENT_COMMAND: SCRIPTED_AGENT,
      METRICS_PORT: '0',
      WORKER_METRICS_PORT: '0',
      METRICS_TOKEN: TOKEN,
      METRICS_BACKLOG_CACHE_SECONDS: '0',
      RATE_LIMIT_ENABLED: 'true',
      AUTH_RATE_LIMIT_PER_IP: '1000',
    },
    { isolatedDatabase: true },
  );
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function asPro(user: User): Promise<void> {
  await stack.db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  // Tier changes reach the API through its listener; wait until it answers as pro.
  await eventually(async () => {
    const me = await stack.api.request('GET', '/v1/auth/me', { token: user.access });
    return me.body?.tier === 'pro' ? true : undefined;
  }, 10_000, 'the tier change to reach the API');
}

async function execute(user: User, body: Record<string, unknown>): Promise<string> {
  const res = await stack.api.request('POST', '/v1/agents/execute', { token: user.access, body });
  expect(res.status).toBe(202);
  return res.body.task_id as string;
}

/** Waits for a task to end, reading Postgres (not the API: a free user has 5 requests a minute). */
async function ended(taskId: string): Promise<string> {
  return eventually(async () => {
    const row = await stack.db.selectFrom('tasks').select('status').where('id', '=', taskId).executeTakeFirst();
    return row && ['completed', 'failed', 'cancelled', 'timed_out'].includes(row.status) ? row.status : undefined;
  }, 60_000, `task ${taskId} to end`);
}

/** No label value may be an ID (users, tasks, requests, orchestrations, API keys): unbounded series. */
function expectNoIdLabels(s: Scrape): void {
  const ids = s.samples.flatMap((x) => Object.values(x.labels)).filter((v) => /\b(usr|user|task|req|orch|viz|key|agt)_[0-9A-Za-z]{8,}/.test(v) || /[0-9a-f]{8}-[0-9a-f]{4}-/.test(v));
  expect(ids).toEqual([]);
}

describe('metrics after known work', () => {
  let apiScrape: Scrape;
  let workerScrape: Scrape;
  let taskQueues: { general: string; agents: string };

  beforeAll(async () => {
    const pro = await registerUser(stack.api, 'metrics-pro');
    await asPro(pro);
    const completed = await execute(pro, { task: 'ok', agent_type: 'code_expert', context: { script: { steps: 2, delay_ms: 20 } } });
    const failed = await execute(pro, { task: 'fails', agent_type: 'general', context: { script: { fail: { message: 'the model refused', retryable: false } } } });
    const cancelled = await execute(pro, { task: 'long', agent_type: 'general', context: { script: { steps: 200, delay_ms: 100 } } });
    expect(await ended(completed)).toBe('completed');
    expect(await ended(failed)).toBe('failed');
    await eventually(async () => ((await stack.db.selectFrom('tasks').select('status').where('id', '=', cancelled).executeTakeFirst())?.status === 'running' ? true : undefined), 30_000, 'the long task to run');
    const del = await stack.api.request('DELETE', `/v1/agents/tasks/${cancelled}`, { token: pro.access });
    expect([200, 202]).toContain(del.status);
    expect(await ended(cancelled)).toBe('cancelled');

    // A free user runs one agent at a time: the second waits in line for the first.
    const free = await registerUser(stack.api, 'metrics-free');
    const first = await execute(free, { task: 'first', agent_type: 'general', context: { script: { steps: 10, delay_ms: 100 } } });
    const second = await execute(free, { task: 'second', agent_type: 'general', context: { script: { steps: 1, delay_ms: 10 } } });
    // While it waits, the API's gauge shows it under the free tier.
    await eventually(async () => {
      const s = await scrape(stack.api.metricsUrl!, TOKEN);
      return s.value('codex_agents_waiting_for_slot', { tier: 'free' }) === 1 ? true : undefined;
    }, 30_000, 'the waiting agent to show');
    expect(await ended(first)).toBe('completed');
    expect(await ended(second)).toBe('completed');
    // Two executes and three reads are the free tier's 5 a minute; the sixth request is refused.
    for (let i = 0; i < 3; i++) expect((await stack.api.request('GET', '/v1/auth/me', { token: free.access })).status).toBe(200);
    expect((await stack.api.request('GET', '/v1/auth/me', { token: free.access })).status).toBe(429);

    taskQueues = { general: `${stack.settings.TEMPORAL_TASK_QUEUE_PREFIX}-general`, agents: `${stack.settings.TEMPORAL_TASK_QUEUE_PREFIX}-agents` };
    apiScrape = await scrape(stack.api.metricsUrl!, TOKEN);
    workerScrape = await scrape(stack.workers.metricsUrl!, TOKEN);
  });

  it('counts tasks started and finished by agent type and status, with durations, attempts and slot waits', () => {
    const w = workerScrape;
    expect(w.types.get('codex_tasks_finished_total')).toBe('counter');
    expect(w.types.get('codex_task_duration_seconds')).toBe('histogram');
    expect(w.value('codex_tasks_finished_total', { agent_type: 'code_expert', status: 'completed' })).toBe(1);
    expect(w.value('codex_tasks_finished_total', { agent_type: 'general', status: 'failed' })).toBe(1);
    expect(w.value('codex_tasks_finished_total', { agent_type: 'general', status: 'cancelled' })).toBe(1);
    expect(w.value('codex_tasks_finished_total', { agent_type: 'general', status: 'completed' })).toBe(2);
    expect(w.value('codex_tasks_finished_total')).toBe(5);
    expect(w.value('codex_tasks_started_total')).toBe(5);
    expect(w.value('codex_task_duration_seconds_count')).toBe(5);
    // The long task ran at least a few of its 100 ms steps before it was cancelled.
    expect(w.value('codex_task_duration_seconds_sum', { status: 'cancelled' })).toBeGreaterThan(0.1);
    // Each task's agent ran once (a non-retryable failure is not retried).
    expect(w.value('codex_agent_attempts_total')).toBe(5);
    expect(w.value('codex_agent_retries_total')).toBe(0);
    // One task waited in line, under the free tier; it waited at least part of the first's second.
    expect(w.types.get('codex_task_slot_wait_seconds')).toBe('histogram');
    expect(w.value('codex_task_slot_wait_seconds_count', { tier: 'free' })).toBe(1);
    expect(w.value('codex_task_slot_wait_seconds_sum', { tier: 'free' })).toBeGreaterThan(0.2);
    expect(w.value('codex_task_capacity_wait_seconds_count')).toBe(5);
    // Node's process metrics come with them.
    expect(w.has('codex_worker_process_resident_memory_bytes')).toBe(true);
  });

  it('counts the API answers by route template, and refusals by tier; streams and queues are gauged', () => {
    const a = apiScrape;
    expect(a.types.get('codex_http_requests_total')).toBe('counter');
    expect(a.value('codex_http_requests_total', { route: '/v1/agents/execute', method: 'POST', status: '202' })).toBe(5);
    expect(a.value('codex_http_requests_total', { route: '/v1/agents/tasks/:task_id', method: 'DELETE' })).toBe(1);
    expect(a.value('codex_http_request_duration_seconds_count', { route: '/v1/agents/execute', method: 'POST', status: '202' })).toBe(5);
    expect(a.value('codex_rate_limit_refusals_total', { tier: 'free' })).toBe(1);
    expect(a.types.get('codex_stream_subscribers')).toBe('gauge');
    expect(a.samples.filter((s) => s.name === 'codex_stream_subscribers').map((s) => s.labels.transport).sort()).toEqual(['sse', 'websocket']);
    // Temporal's backlog of this stack's queues: every task was handed to a worker.
    expect(a.types.get('codex_task_queue_backlog')).toBe('gauge');
    expect(a.value('codex_task_queue_backlog', { task_queue: taskQueues.general })).toBe(0);
    expect(a.samples.some((s) => s.name === 'codex_task_queue_backlog' && s.labels.task_queue === taskQueues.agents)).toBe(true);
    expect(a.value('codex_agents_waiting_for_slot', { tier: 'free' })).toBe(0);
  });

  it('never labels a series with an ID, and names follow the conventions (units, _total counters)', () => {
    for (const s of [apiScrape, workerScrape]) {
      expectNoIdLabels(s);
      for (const [name, type] of s.types) {
        if (!name.startsWith('codex_')) continue;
        if (type === 'counter') expect(name).toMatch(/_total$/);
        if (type === 'histogram') expect(name).toMatch(/_(seconds|bytes)$/);
      }
    }
  });
});

it('measures stream delivery lag for live subscribers', async () => {
  const user = await registerUser(stack.api, 'metrics-stream');
  await asPro(user);
  const id = await execute(user, { task: 'stream me', agent_type: 'general', context: { script: { steps: 5, delay_ms: 200 } } });
  const before = (await scrape(stack.api.metricsUrl!, TOKEN)).value('codex_stream_delivery_lag_seconds_count', { transport: 'sse' });
  const res = await fetch(`${stack.api.url}/v1/agents/tasks/${id}/events`, { headers: { authorization: `Bearer ${user.access}` } });
  expect(res.status).toBe(200);
  await res.text(); // until the final event ends the stream
  const after = (await scrape(stack.api.metricsUrl!, TOKEN)).value('codex_stream_delivery_lag_seconds_count', { transport: 'sse' });
  // Events stored while the client listened were timed (the steps after it joined, and the result).
  expect(after - before).toBeGreaterThanOrEqual(2);
});

it('shows a backlog when no worker polls a queue: the figure an autoscaler scales on', async () => {
  // An API on queues no worker polls: the task's workflow waits in Temporal's backlog.
  const lonely = await startTestApi(testSettings({ DATABASE_URL: stack.settings.DATABASE_URL!, METRICS_PORT: '0', METRICS_BACKLOG_CACHE_SECONDS: '0' }));
  try {
    const user = await registerUser(lonely, 'metrics-backlog');
    const res = await lonely.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'nobody runs me', agent_type: 'general' } });
    expect(res.status).toBe(202);
    const queue = `${lonely.config.TEMPORAL_TASK_QUEUE_PREFIX}-general`;
    await eventually(async () => ((await scrape(lonely.metricsUrl!)).value('codex_task_queue_backlog', { task_queue: queue }) >= 1 ? true : undefined), 30_000, 'the backlog to show');
    const failedBefore = (await scrape(stack.workers.metricsUrl!, TOKEN)).value('codex_tasks_finished_total', { status: 'failed' });
    // An operator's terminate: the reconciler (this stack's worker, same database) records the end and counts it.
    await stack.temporal.workflow.getHandle(res.body.task_id).terminate('test over');
    await eventually(async () => ((await scrape(stack.workers.metricsUrl!, TOKEN)).value('codex_tasks_finished_total', { status: 'failed' }) === failedBefore + 1 ? true : undefined), 30_000, 'the terminated task to be counted');
  } finally {
    await lonely.close();
  }
});

describe('who can read /metrics', () => {
  it('the metrics ports ask for the token when one is set; the API port serves metrics only with it', async () => {
    expect((await fetch(stack.api.metricsUrl!)).status).toBe(401);
    expect((await fetch(stack.workers.metricsUrl!)).status).toBe(401);
    expect((await fetch(stack.api.metricsUrl!, { headers: { authorization: 'Bearer wrong-token-wrong-token-xx' } })).status).toBe(401);
    // The API's own port: with the token, the same figures; without, 401.
    expect((await fetch(`${stack.api.url}/metrics`)).status).toBe(401);
    const viaApi = await fetch(`${stack.api.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(viaApi.status).toBe(200);
    expect(parsePrometheusText(await viaApi.text()).has('codex_http_requests_total')).toBe(true);
    // A method outside HTTP's standard ones is counted as `other` (no label per method a client invents).
    await fetch(`${stack.api.url}/v1/auth/me`, { method: 'PROPFIND' });
    const after = await scrape(stack.api.metricsUrl!, TOKEN);
    expect(after.samples.filter((x) => x.name === 'codex_http_requests_total').map((x) => x.labels.method)).toContain('other');
    expect(after.samples.some((x) => x.labels.method === 'PROPFIND')).toBe(false);
    // Anything but GET /metrics on the metrics port is 404.
    expect((await fetch(stack.api.metricsUrl!.replace('/metrics', '/v1/auth/me'))).status).toBe(404);
  });

  it('without METRICS_TOKEN the API port has no /metrics at all', async () => {
    const plain = await startTestApi(testSettings({ DATABASE_URL: stack.settings.DATABASE_URL! }));
    try {
      const res = await plain.request('GET', '/metrics');
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe('NOT_FOUND');
    } finally {
      await plain.close();
    }
  });
});

it('counts refusals of the unauthenticated routes under tier none', async () => {
  const api: TestApi = await startTestApi(testSettings({ DATABASE_URL: stack.settings.DATABASE_URL!, RATE_LIMIT_ENABLED: 'true', AUTH_RATE_LIMIT_PER_IP: '1', METRICS_PORT: '0' }));
  try {
    const body = { email: 'nobody@example.test', password: 'not the password at all' };
    // This address has signed in before in this file (its count is shared): at least the second attempt is refused.
    const statuses = [(await api.request('POST', '/v1/auth/login', { body })).status, (await api.request('POST', '/v1/auth/login', { body })).status];
    expect(statuses[1]).toBe(429);
    const refusals = statuses.filter((s) => s === 429).length;
    const s = await scrape(api.metricsUrl!);
    expect(s.value('codex_rate_limit_refusals_total', { tier: 'none' })).toBe(refusals);
    expect(s.value('codex_http_requests_total', { route: '/v1/auth/login', method: 'POST', status: '429' })).toBe(refusals);
  } finally {
    await api.close();
  }
});

it("a worker process serves the Temporal SDK's own worker metrics beside ours on WORKER_METRICS_PORT", async () => {
  const port = await freeLoopbackPort();
  const worker = spawnWorkerProcess({ ...testSettings({ DATABASE_URL: stack.settings.DATABASE_URL! }), WORKER_METRICS_PORT: String(port), LOG_LEVEL: 'warn' });
  try {
    const s = await eventually(async () => {
      try {
        const got = await scrape(`http://127.0.0.1:${port}/metrics`);
        // The SDK's pollers report once the workers poll.
        return got.samples.some((x) => x.name.startsWith('temporal_')) ? got : undefined;
      } catch {
        return undefined;
      }
    }, 60_000, 'the worker to serve its metrics');
    expect(s.has('codex_worker_process_resident_memory_bytes')).toBe(true);
    expect(s.types.get('codex_tasks_finished_total')).toBe('counter');
    const sdk = [...new Set(s.samples.map((x) => x.name).filter((n) => n.startsWith('temporal_')))];
    expect(sdk).toEqual(expect.arrayContaining([expect.stringMatching(/^temporal_(num_pollers|worker_task_slots_available)/)]));
  } finally {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  }
});

it('counts orchestrations started and finished by strategy, once each', async () => {
  const user = await registerUser(stack.api, 'metrics-orch');
  await asPro(user);
  const before = await scrape(stack.workers.metricsUrl!, TOKEN);
  const res = await stack.api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'review', strategy: 'parallel', agents: ['general', 'code_expert'], context: { script: { steps: 1, delay_ms: 10 } } },
  });
  expect(res.status).toBe(202);
  await eventually(async () => {
    const o = await stack.api.request('GET', `/v1/agents/orchestrations/${res.body.orchestration_id}`, { token: user.access });
    return o.body.status === 'completed' ? true : undefined;
  }, 60_000, 'the orchestration to complete');
  const after = await eventually(async () => {
    const s = await scrape(stack.workers.metricsUrl!, TOKEN);
    return s.value('codex_orchestrations_finished_total') > before.value('codex_orchestrations_finished_total') ? s : undefined;
  }, 10_000, 'the orchestration to be counted');
  const delta = (name: string, labels: Record<string, string> = {}) => after.value(name, labels) - before.value(name, labels);
  expect(delta('codex_orchestrations_started_total', { strategy: 'parallel' })).toBe(1);
  expect(delta('codex_orchestrations_finished_total', { strategy: 'parallel', status: 'completed' })).toBe(1);
  expect(delta('codex_orchestration_duration_seconds_count', { strategy: 'parallel' })).toBe(1);
  expect(delta('codex_tasks_started_total')).toBe(2);
  expect(delta('codex_tasks_finished_total', { status: 'completed' })).toBe(2);
});
