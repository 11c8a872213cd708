import { defaultPayloadConverter } from '@temporalio/common';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { SearchAttr } from '../workflows/search-attributes';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { recordHistory } from './support/histories';
import { startTestStack, type TestStack } from './support/test-stack';
import { collectWebSocket, eventually } from './support/stream-client';
import { SCRIPTED_AGENT } from './support/worker-harness';

let api: TestApi;
let db: Db;
let temporal: Client;
let stack: TestStack;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, WORKER_MAX_CONCURRENT_AGENTS: '24' });
  ({ api, db, temporal } = stack);
});

afterAll(async () => {
  await stack?.close();
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function proUser(label: string): Promise<User> {
  const user = await registerUser(api, label);
  await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  return user;
}

async function orchestrate(user: User, body: Record<string, unknown>) {
  return api.request('POST', '/v1/agents/orchestrate', { token: user.access, body });
}

async function finished(user: User, id: string, statuses = ['completed', 'failed', 'cancelled']) {
  return eventually(async () => {
    const o = await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access });
    return statuses.includes(o.body.status) ? o.body : undefined;
  }, 90_000, `orchestration ${id}`);
}

function streamOf(user: User, id: string) {
  return collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/orchestrations/${id}/stream?token=${user.access}`);
}

/** The most of these tasks that ran at the same time. */
async function maxOverlap(where: { orchestrationIds: string[] }): Promise<number> {
  const rows = await db.selectFrom('tasks').select(['started_at', 'completed_at']).where('orchestration_id', 'in', where.orchestrationIds).where('started_at', 'is not', null).execute();
  const points = rows.flatMap((r) => [
    { t: r.started_at!.getTime(), d: 1 },
    { t: (r.completed_at ?? new Date()).getTime(), d: -1 },
  ]);
  points.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const p of points) max = Math.max(max, (now += p.d));
  return max;
}

const quick = { script: { steps: 2, delay_ms: 20 } };

describe('parallel', () => {
  it('runs every agent as a child workflow and streams their events and the aggregated result', async () => {
    const user = await proUser('par');
    const res = await orchestrate(user, {
      goal: 'Implement auth, write tests, review security',
      strategy: 'parallel',
      agents: ['code_expert', 'test_gen', 'security_expert'],
      context: { language: 'rust', script: { steps: 2, delay_ms: 20, by_agent: { test_gen: { tests: 4 } } } },
    });
    expect(res.status).toBe(202);
    const id = res.body.orchestration_id as string;
    expect(res.body).toEqual({
      orchestration_id: expect.stringMatching(/^orch_[0-9A-Z]{16}$/),
      status: 'in_progress',
      agents_running: 3,
      estimated_completion: expect.any(String),
      result_url: `/v1/agents/orchestrations/${id}`,
      websocket_url: expect.stringMatching(new RegExp(`^ws://.*/v1/agents/orchestrations/${id}/stream$`)),
      events_url: `/v1/agents/orchestrations/${id}/events`,
      workflow_id: id,
    });
    const done = await finished(user, id);
    expect(done).toMatchObject({
      orchestration_id: id,
      status: 'completed',
      strategy: 'parallel',
      aggregated_result: { files_modified: 0, tests_generated: 4, security_issues: 0, summary: expect.stringContaining('3 of 3 agents completed') },
      total_tokens_used: 45,
    });
    expect(done.agents.map((a: { agent_type: string }) => a.agent_type).sort()).toEqual(['code_expert', 'security_expert', 'test_gen']);
    expect(done.total_duration_seconds).toBeGreaterThan(0);

    const stream = await streamOf(user, id);
    expect(stream.messages.map((m) => m.seq)).toEqual(stream.messages.map((_, i) => i + 1));
    const last = stream.messages.at(-1)!;
    expect(last).toMatchObject({ type: 'result', orchestration_id: id, status: 'completed', aggregated_result: done.aggregated_result });
    for (const agent of done.agents as { task_id: string }[]) {
      const own = stream.messages.filter((m) => m.task_id === agent.task_id);
      expect(own.length).toBeGreaterThanOrEqual(3);
      expect(own.every((m) => m.orchestration_id === id)).toBe(true);
      expect(own.some((m) => m.type === 'result')).toBe(true);
      // Each agent is a child workflow of the orchestration, and its task links back.
      const child = await temporal.workflow.getHandle(agent.task_id).describe();
      expect(child.raw.workflowExecutionInfo?.parentExecution?.workflowId).toBe(id);
      expect(child.typedSearchAttributes.get(SearchAttr.orchestrationId)).toBe(id);
      expect(await child.staticSummary()).toMatch(new RegExp(`^(code_expert|test_gen|security_expert) \\(agent [123] of ${id}\\): `));
      const task = await api.request('GET', `/v1/agents/tasks/${agent.task_id}`, { token: user.access });
      expect(task.body.status).toBe('completed');
    }
    const description = await temporal.workflow.getHandle(id).describe();
    expect(description.typedSearchAttributes.get(SearchAttr.strategy)).toBe('parallel');
    // Each step of the orchestration is named in the Temporal UI.
    const history = await temporal.workflow.getHandle(id).fetchHistory();
    const steps = (history.events ?? [])
      .map((e) => e.activityTaskScheduledEventAttributes && e.userMetadata?.summary)
      .filter((p): p is NonNullable<typeof p> => Boolean(p))
      .map((p) => defaultPayloadConverter.fromPayload<string>(p));
    expect(steps[0]).toBe('Record the orchestration as started');
    expect(steps.filter((x) => /^Create the task of agent [123] \((code_expert|test_gen|security_expert)\)$/.test(x))).toHaveLength(3);
    expect(steps.at(-1)).toBe('Record the orchestration as completed');
    expect((await api.request('GET', '/v1/auth/me', { token: user.access })).body.usage.requests_this_month).toBe(3);
    await recordHistory(id, 'orchestration-parallel');
  });

  it('fail-fast cancels the others at the first failure; best-effort keeps what succeeded', async () => {
    const user = await proUser('policy');
    const script = { steps: 30, delay_ms: 100, by_agent: { test_gen: { steps: 1, delay_ms: 1, fail: { message: 'cannot', retryable: false } } } };
    const body = { goal: 'g', strategy: 'parallel', agents: ['code_expert', 'test_gen', 'security_expert'], context: { script } };
    const fast = await orchestrate(user, { ...body, options: { failure_policy: 'fail_fast' } });
    const effort = await orchestrate(user, { ...body, options: { failure_policy: 'best_effort' } });
    const f = await finished(user, fast.body.orchestration_id);
    expect(f).toMatchObject({ status: 'failed', error: { code: 'AGENT_ERROR' } });
    expect(f.agents.map((a: { status: string }) => a.status).sort()).toEqual(['cancelled', 'cancelled', 'failed']);
    const e = await finished(user, effort.body.orchestration_id);
    expect(e.status).toBe('completed');
    expect(e.agents.map((a: { status: string }) => a.status).sort()).toEqual(['completed', 'completed', 'failed']);
    expect(e.aggregated_result.summary).toContain('2 of 3 agents completed');
    await recordHistory(fast.body.orchestration_id, 'orchestration-parallel-fail-fast');
  });
});

describe('sequential', () => {
  it('gives each agent the results of those before it and stops at the first failure', async () => {
    const user = await proUser('seq');
    const ok = await orchestrate(user, { goal: 'g', strategy: 'sequential', agents: ['code_expert', 'test_gen', 'security_expert'], context: quick });
    const done = await finished(user, ok.body.orchestration_id);
    expect(done.status).toBe('completed');
    const results = await db.selectFrom('tasks').select(['agent_type', 'result']).where('orchestration_id', '=', ok.body.orchestration_id).orderBy('orchestration_step').execute();
    const summaries = results.map((r) => (r.result as { summary: string }).summary);
    expect(summaries[0]).not.toContain('previous results');
    expect(summaries[1]).toContain('saw 1 previous results');
    expect(summaries[2]).toContain('saw 2 previous results');
    await recordHistory(ok.body.orchestration_id, 'orchestration-sequential');

    const failing = await orchestrate(user, {
      goal: 'g',
      strategy: 'sequential',
      agents: ['code_expert', 'test_gen', 'security_expert'],
      context: { script: { steps: 1, delay_ms: 1, by_agent: { test_gen: { fail: { message: 'nope', retryable: false } } } } },
    });
    const failed = await finished(user, failing.body.orchestration_id);
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'AGENT_ERROR' } });
    expect(failed.agents.map((a: { agent_type: string; status: string }) => [a.agent_type, a.status])).toEqual([
      ['code_expert', 'completed'],
      ['test_gen', 'failed'],
    ]);
  });
});

describe('review_loop, map_reduce, best_of_n', () => {
  it('review_loop alternates until the reviewer approves (continuing as new on the way), or gives up after max_rounds', async () => {
    const user = await proUser('review');
    const counter = path.join(tmpdir(), `review-${randomUUID()}`);
    const res = await orchestrate(user, {
      goal: 'g',
      strategy: 'review_loop',
      agents: ['code_expert', 'security_expert'],
      options: { max_rounds: 4 },
      context: { script: { steps: 1, delay_ms: 1, by_agent: { security_expert: { block: { times: 2, counter } } } } },
    });
    const done = await finished(user, res.body.orchestration_id);
    expect(done).toMatchObject({ status: 'completed', aggregated_result: { rounds: 3, approved: true } });
    expect(done.agents).toHaveLength(6);
    const runs = [];
    for await (const run of temporal.workflow.list({ query: `WorkflowId = '${res.body.orchestration_id}'` })) runs.push(run);
    expect(runs.length).toBeGreaterThanOrEqual(2); // continued as new after two rounds

    const stubborn = await orchestrate(user, {
      goal: 'g',
      strategy: 'review_loop',
      agents: ['code_expert', 'security_expert'],
      options: { max_rounds: 1 },
      context: { script: { steps: 1, delay_ms: 1, by_agent: { security_expert: { block: { times: 5, counter: `${counter}-2` } } } } },
    });
    expect(await finished(user, stubborn.body.orchestration_id)).toMatchObject({ status: 'failed', aggregated_result: { rounds: 1, approved: false } });
    await recordHistory(stubborn.body.orchestration_id, 'orchestration-review-loop');
  });

  it('map_reduce fans one agent over the files with a concurrency cap, then reduces', async () => {
    const user = await proUser('mapred');
    const files = ['a.ts', 'b.ts', 'c.ts', 'd.ts'].map((p) => ({ path: p, content: `export const ${p[0]} = 1;\n` }));
    const res = await orchestrate(user, {
      goal: 'Review each file',
      strategy: 'map_reduce',
      agents: ['code_expert', 'general'],
      options: { concurrency: 2 },
      context: { files, script: { steps: 3, delay_ms: 100 } },
    });
    expect(res.body.agents_running).toBe(2);
    const done = await finished(user, res.body.orchestration_id);
    expect(done).toMatchObject({ status: 'completed', aggregated_result: { mapped: 4, mapped_ok: 4 } });
    expect(done.agents.map((a: { agent_type: string }) => a.agent_type)).toEqual(['code_expert', 'code_expert', 'code_expert', 'code_expert', 'general']);
    const rows = await db.selectFrom('tasks').select(['file_count', 'result']).where('orchestration_id', '=', res.body.orchestration_id).orderBy('orchestration_step').execute();
    expect(rows.slice(0, 4).map((r) => r.file_count)).toEqual([1, 1, 1, 1]);
    expect((rows[4]!.result as { summary: string }).summary).toContain('saw 4 previous results');
    // The reducer overlaps nothing; the mappers ran at most two at a time.
    expect(await maxOverlap({ orchestrationIds: [res.body.orchestration_id] })).toBeLessThanOrEqual(2);
    await recordHistory(res.body.orchestration_id, 'orchestration-map-reduce');

    expectError(await orchestrate(user, { goal: 'g', strategy: 'map_reduce', agents: ['code_expert', 'general'] }), 400, 'INVALID_REQUEST');
  });

  it('best_of_n runs N attempts and a judge, and keeps the best-scoring attempt', async () => {
    const user = await proUser('bestof');
    const res = await orchestrate(user, { goal: 'g', strategy: 'best_of_n', agents: ['test_gen', 'code_expert'], options: { n: 3 }, context: quick });
    const done = await finished(user, res.body.orchestration_id);
    expect(done.status).toBe('completed');
    expect(done.agents.map((a: { agent_type: string }) => a.agent_type)).toEqual(['test_gen', 'test_gen', 'test_gen', 'code_expert']);
    expect(done.agents.slice(0, 3).map((a: { task_id: string }) => a.task_id)).toContain(done.aggregated_result.selected_task_id);
    await recordHistory(res.body.orchestration_id, 'orchestration-best-of-n');
  });
});

describe('a strategy added by following docs/strategies.md', () => {
  it('panel_review runs the panel, then the reviewer over their results', async () => {
    const user = await proUser('panel');
    const res = await orchestrate(user, { goal: 'g', strategy: 'panel_review', agents: ['code_expert', 'test_gen', 'security_expert'], context: quick });
    expect(res.body.agents_running).toBe(2);
    const done = await finished(user, res.body.orchestration_id);
    expect(done).toMatchObject({ status: 'completed', aggregated_result: { panel: 2 } });
    const reviewer = await db.selectFrom('tasks').select('result').where('id', '=', done.agents[2].task_id).executeTakeFirstOrThrow();
    expect((reviewer.result as { summary: string }).summary).toContain('saw 2 previous results');
    await recordHistory(res.body.orchestration_id, 'orchestration-panel-review');
  });
});

describe('approval', () => {
  async function waitingForApproval(user: User) {
    const res = await orchestrate(user, { goal: 'g', strategy: 'parallel', agents: ['code_expert'], options: { require_approval: true }, context: quick });
    const id = res.body.orchestration_id as string;
    await finished(user, id, ['awaiting_approval']);
    return id;
  }

  it('waits for a human: approve completes it, reject fails it, and nothing else can decide', async () => {
    const user = await proUser('approve');
    const approved = await waitingForApproval(user);
    const yes = await api.request('POST', `/v1/agents/orchestrations/${approved}/approve`, { token: user.access, body: { comment: 'ship it' } });
    expect(yes.body).toEqual({ success: true, orchestration_id: approved, decision: 'approved' });
    expect((await finished(user, approved)).status).toBe('completed');
    expectError(await api.request('POST', `/v1/agents/orchestrations/${approved}/approve`, { token: user.access, body: {} }), 409, 'CONFLICT');
    await recordHistory(approved, 'orchestration-approved');

    const rejected = await waitingForApproval(user);
    const stranger = await proUser('stranger');
    expectError(await api.request('POST', `/v1/agents/orchestrations/${rejected}/reject`, { token: stranger.access, body: {} }), 404, 'NOT_FOUND');
    await api.request('POST', `/v1/agents/orchestrations/${rejected}/reject`, { token: user.access, body: { comment: 'not like this' } });
    expect(await finished(user, rejected)).toMatchObject({ status: 'failed', error: { code: 'REJECTED', message: 'Rejected: not like this' } });
    // A rejection ends the orchestration: it never goes back to in_progress on its way there
    // (found when a client polling after /reject saw in_progress).
    const statuses = (await db.selectFrom('stream_events').select('payload').where('stream_id', '=', rejected).orderBy('seq').execute())
      .map((e) => e.payload as { status?: string; message?: string; task_id?: string })
      .filter((p) => !p.task_id && (p.status !== undefined || p.message?.startsWith('Rejected')));
    const asked = statuses.findIndex((p) => p.status === 'awaiting_approval');
    expect(asked).toBeGreaterThanOrEqual(0);
    expect(statuses.slice(asked + 1).map((p) => p.status)).not.toContain('in_progress');
    expect(statuses.slice(asked + 1).some((p) => p.message?.startsWith('Rejected by'))).toBe(true);
  });

  it('fails with APPROVAL_TIMEOUT when nobody decides in time', async () => {
    const user = await proUser('timeout');
    const res = await orchestrate(user, { goal: 'g', strategy: 'sequential', agents: ['code_expert'], options: { require_approval: true, approval_timeout_seconds: 2 }, context: quick });
    expect(await finished(user, res.body.orchestration_id)).toMatchObject({ status: 'failed', error: { code: 'APPROVAL_TIMEOUT' } });
    await recordHistory(res.body.orchestration_id, 'orchestration-approval-timeout');
  });
});

describe('cancel', () => {
  it('cancels every agent still running and leaves no child running', async () => {
    const user = await proUser('cancelorch');
    const res = await orchestrate(user, { goal: 'g', strategy: 'parallel', agents: ['code_expert', 'test_gen', 'security_expert'], context: { script: { steps: 300, delay_ms: 50 } } });
    const id = res.body.orchestration_id as string;
    await eventually(async () => {
      const o = await api.request('GET', `/v1/agents/orchestrations/${id}`, { token: user.access });
      return o.body.agents.length === 3 && o.body.agents.every((a: { status: string }) => a.status === 'running') ? true : undefined;
    }, 60_000, 'three running agents');
    const del = await api.request('DELETE', `/v1/agents/orchestrations/${id}`, { token: user.access });
    expect(del.body).toEqual({ success: true, orchestration_id: id, status: 'cancelled' });
    const done = await finished(user, id);
    expect(done.status).toBe('cancelled');
    expect(done.agents.map((a: { status: string }) => a.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    for (const agent of done.agents as { task_id: string }[]) {
      expect((await temporal.workflow.getHandle(agent.task_id).describe()).status.name).not.toBe('RUNNING');
    }
    expectError(await api.request('DELETE', `/v1/agents/orchestrations/${id}`, { token: user.access }), 409, 'CONFLICT');
    await recordHistory(id, 'orchestration-cancelled');
  });
});

describe('validation and limits', () => {
  it('refuses an unknown strategy or agent type with 400 before anything starts', async () => {
    const user = await proUser('badorch');
    const bad = await orchestrate(user, { goal: 'g', strategy: 'telepathy', agents: ['code_expert'] });
    expectError(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.error.details.field).toBe('strategy');
    const badAgent = await orchestrate(user, { goal: 'g', strategy: 'parallel', agents: ['code_expert', 'wizard'] });
    expect(badAgent.body.error.details.field).toBe('agents.1');
    expectError(await orchestrate(user, { strategy: 'parallel', agents: ['code_expert'] }), 400, 'INVALID_REQUEST');
    expectError(await orchestrate(user, { goal: 'g', strategy: 'review_loop', agents: ['code_expert'] }), 400, 'INVALID_REQUEST');
    const rows = await db.selectFrom('orchestrations').select('id').where('user_id', '=', user.id).execute();
    expect(rows).toEqual([]);
  });

  it("runs a free user's 3-agent parallel orchestration one agent at a time, to completion", async () => {
    const user = await registerUser(api, 'freeorch');
    const res = await orchestrate(user, { goal: 'g', strategy: 'parallel', agents: ['code_expert', 'test_gen', 'security_expert'], context: { script: { steps: 3, delay_ms: 50 } } });
    expect(res.body.agents_running).toBe(1);
    expect((await finished(user, res.body.orchestration_id)).status).toBe('completed');
    expect(await maxOverlap({ orchestrationIds: [res.body.orchestration_id] })).toBe(1);
  });

  it("never runs more than 10 of a pro user's agents at once across two orchestrations", async () => {
    const user = await proUser('tenmax');
    const body = { goal: 'g', strategy: 'parallel', agents: Array.from({ length: 8 }, () => 'code_expert'), context: { script: { steps: 8, delay_ms: 100 } } };
    const [a, b] = await Promise.all([orchestrate(user, body), orchestrate(user, body)]);
    const ids = [a.body.orchestration_id as string, b.body.orchestration_id as string];
    for (const id of ids) expect((await finished(user, id)).status).toBe('completed');
    const overlap = await maxOverlap({ orchestrationIds: ids });
    expect(overlap).toBeLessThanOrEqual(10);
    expect(overlap).toBeGreaterThan(1);
  }, 120_000);
});
