import { sql } from 'kysely';
import { FINAL_ORCHESTRATION_STATUSES, type Orchestration } from '../../db/database';
import { putJsonBlobData } from '../../db/repositories/blob.repository';
import { refundAgentRuns } from '../../db/repositories/usage.repository';
import { appendEvents, createStream } from '../../db/repositories/stream-event.repository';
import { countActiveTasks, medianDurationSeconds } from '../../db/repositories/task.repository';
import { newId } from '../../lib/ids';
import { releaseIdempotencyKeys } from '../../db/repositories/idempotency.repository';
import { claimOrReplay } from '../http/idempotency';
import { pollUntil, runningForCancel } from '../../lib/workflow-start';
import { agentDefaults, startOrchestration } from '../../lib/workflow-starts';
import { approveSignal, rejectSignal, type StrategyOptions } from '../../workflows/orchestration.definitions';
import { STRATEGIES } from '../../workflows/strategies/registry';
import { ApiError } from '../errors';
import type { Principal } from '../http/request-context';
import { CANCEL_WAIT_MS, checkRepository, checkWorkspaceContext, type AgentWorkDeps } from '../tasks/task.service';
import { parsePinnedAgentRef, pinnedAgentRef } from '../../lib/custom-agents';

const DEFAULT_AGENT_SECONDS = 30;

/** What finishOrchestration stores (activities/orchestration.activities.ts), plus strategy details. */
interface AggregatedResult {
  files_modified: number;
  tests_generated: number;
  security_issues: number;
  summary: string;
  [detail: string]: unknown;
}

export interface OrchestrateRequest {
  goal: string;
  strategy: string;
  agents: string[];
  context?: { files?: { path: string; content: string }[]; [k: string]: unknown };
  options?: StrategyOptions;
}

/** Multi-agent orchestrations: one `orchestration` workflow each, its agents child `agentTask`s. */
export class OrchestrationService {
  constructor(private readonly deps: AgentWorkDeps) {}

  /**
   * Stores the orchestration and starts its workflow. Each custom agent in `agents` is pinned
   * to its current version (`agent_…@<version>`): an edit during the run changes none of it.
   *
   * @throws ApiError INVALID_REQUEST (an agent names nothing the caller may run),
   *   INSUFFICIENT_CREDITS (past the month's agent runs, refused whole), CONFLICT (a reused key).
   */
  async orchestrate(principal: Principal, request: OrchestrateRequest, idempotencyKey?: string) {
    const { db, config } = this.deps;
    checkWorkspaceContext(request.context);
    const repository = request.context?.repository;
    if (repository !== undefined) {
      if (typeof repository !== 'string') throw ApiError.invalid('context.repository', 'must be a string');
      await checkRepository(this.deps.repositories, repository, 'context.repository');
    }
    const pinned = await Promise.all(
      request.agents.map(async (ref, i) => {
        const agent = await this.deps.agents.resolveForRun(principal, ref, `agents.${i}`);
        return agent ? pinnedAgentRef(agent.id, agent.version) : ref;
      }),
    );
    // The idempotency key is checked against the request as sent; the workflow gets the pinned agents.
    const sent = request;
    const body = { ...request, agents: pinned };
    // The route's schema has checked the strategy, the agent types and the strategy's request rules.
    const definition = STRATEGIES[body.strategy]!;
    const options = body.options ?? {};
    const fileCount = body.context?.files?.length ?? 0;

    const newIdForThis = newId('orchestration');
    // The most agent runs the strategy may start: reserved whole now (or refused whole), settled
    // to the agents it ran when it ends.
    const shape = definition.shape({ agents: body.agents, options, fileCount });
    const contextData = Buffer.from(JSON.stringify(body.context ?? {}), 'utf8');
    let existingId: string | undefined;
    const created = await db.transaction().execute(async (trx) => {
      if (idempotencyKey) {
        existingId = await claimOrReplay(trx, { userId: principal.userId, scope: 'orchestrate', key: idempotencyKey, body: sent, resourceId: newIdForThis, idField: 'orchestration_id' });
        if (existingId) return undefined;
      }
      await this.deps.quotas.admit(trx, principal, shape.total, contextData.length, newIdForThis);
      const blob = await putJsonBlobData(trx, principal.userId, contextData);
      const row = await trx
        .insertInto('orchestrations')
        .values({
          id: newIdForThis,
          user_id: principal.userId,
          strategy: body.strategy,
          goal: body.goal,
          agents: body.agents,
          options: JSON.stringify(options),
          context_blob_id: blob.id,
          idempotency_key: idempotencyKey ?? null,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await createStream(trx, { id: row.id, userId: principal.userId });
      return row;
    });
    const orchestration = created ?? (await this.find(principal, existingId!));
    const id = orchestration.id;
    try {
      await this.startWorkflow(orchestration, principal);
    } catch (err) {
      if (created) {
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('event_streams').where('id', '=', id).execute();
          await trx.deleteFrom('orchestrations').where('id', '=', id).execute();
          await trx.deleteFrom('blobs').where('id', '=', created.context_blob_id).execute();
          await refundAgentRuns(trx, id);
          await releaseIdempotencyKeys(trx, id);
        });
      }
      throw err;
    }

    const limit = agentDefaults(config, principal.tier).parallelAgentsLimit;
    const atOnce = Math.max(1, Math.min(shape.atOnce, limit ?? shape.atOnce));
    const [perAgent, active] = await Promise.all([this.perAgentSeconds(body.agents.map((a) => parsePinnedAgentRef(a)?.id ?? a)), limit === null ? 0 : countActiveTasks(db, principal.userId, '')]);
    // The user's agents already running or waiting go first: with every slot taken, ours wait for them.
    const lineSeconds = limit !== null && active >= limit ? Math.ceil((active - limit + 1) / limit) * perAgent : 0;
    const estimateSeconds = lineSeconds + Math.ceil(shape.total / atOnce) * perAgent;
    return {
      orchestration_id: id,
      status: 'in_progress' as const,
      agents_running: atOnce,
      estimated_completion: new Date(orchestration.created_at.getTime() + estimateSeconds * 1000).toISOString(),
      result_url: `/v1/agents/orchestrations/${id}`,
      websocket_url: `${config.PUBLIC_URL.replace(/^http/, 'ws')}/v1/agents/orchestrations/${id}/stream`,
      events_url: `/v1/agents/orchestrations/${id}/events`,
      workflow_id: id,
    };
  }

  async get(principal: Principal, id: string) {
    const orchestration = await this.find(principal, id);
    const agents = await this.deps.db
      .selectFrom('tasks')
      .select(['id', 'agent_type', 'status', 'started_at', 'completed_at', 'tokens_prompt', 'tokens_completion'])
      .where('orchestration_id', '=', id)
      .orderBy('orchestration_step')
      .execute();
    const totalTokens = agents.reduce((n, a) => n + a.tokens_prompt + a.tokens_completion, 0);
    return {
      orchestration_id: orchestration.id,
      status: orchestration.status,
      strategy: orchestration.strategy,
      goal: orchestration.goal,
      agents: agents.map((a) => ({
        agent_type: a.agent_type,
        task_id: a.id,
        status: a.status,
        duration_seconds: a.started_at && a.completed_at ? Math.round((a.completed_at.getTime() - a.started_at.getTime()) / 100) / 10 : null,
      })),
      ...(orchestration.aggregated_result ? { aggregated_result: orchestration.aggregated_result as AggregatedResult } : {}),
      ...(orchestration.error_code ? { error: { code: orchestration.error_code, message: orchestration.error_message ?? '' } } : {}),
      total_duration_seconds: orchestration.completed_at ? Math.round((orchestration.completed_at.getTime() - orchestration.created_at.getTime()) / 100) / 10 : null,
      total_tokens_used: totalTokens,
      created_at: orchestration.created_at.toISOString(),
      completed_at: orchestration.completed_at?.toISOString() ?? null,
      workflow_id: orchestration.id,
    };
  }

  async list(principal: Principal, q: { limit: number; cursor?: string; status?: string; strategy?: string }) {
    let query = this.deps.db.selectFrom('orchestrations').selectAll().where('user_id', '=', principal.userId);
    if (q.status) query = query.where('status', '=', q.status as Orchestration['status']);
    if (q.strategy) query = query.where('strategy', '=', q.strategy);
    if (q.cursor) {
      const after = q.cursor; // the route's schema checked its form
      // Compared in the database: its timestamps keep microseconds, which a JS Date would lose.
      query = query.where(
        (eb) => sql<boolean>`(${eb.ref('created_at')}, ${eb.ref('id')}) < (select o.created_at, o.id from orchestrations o where o.id = ${after} and o.user_id = ${principal.userId})`,
      );
    }
    const rows = await query.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(q.limit + 1).execute();
    const page = rows.slice(0, q.limit);
    const last = page[page.length - 1];
    return {
      orchestrations: page.map((o) => ({
        orchestration_id: o.id,
        status: o.status,
        strategy: o.strategy,
        goal: o.goal,
        agents: o.agents,
        created_at: o.created_at.toISOString(),
        completed_at: o.completed_at?.toISOString() ?? null,
        result_url: `/v1/agents/orchestrations/${o.id}`,
      })),
      has_more: rows.length > q.limit,
      next_cursor: rows.length > q.limit && last ? last.id : null,
    };
  }

  /**
   * Cancels the orchestration and every agent still running, and answers what happened, as for a
   * task: 200 `cancelled`, 202 `cancelling` while its agents stop, 409 with the real status.
   */
  async cancel(principal: Principal, id: string): Promise<{ status: 200 | 202; body: { success: true; orchestration_id: string; status: 'cancelled' | 'cancelling' } }> {
    const { db, temporal, config } = this.deps;
    const orchestration = await this.find(principal, id);
    if (FINAL_ORCHESTRATION_STATUSES.includes(orchestration.status)) {
      throw ApiError.conflict(`Orchestration already ${orchestration.status}`, { status: orchestration.status });
    }
    const handle = temporal.workflow.getHandle(id);
    const running = await runningForCancel(handle, () => startOrchestration(temporal, config, orchestration, principal.tier));
    if (!running) {
      await this.deps.reconciler.reconcileWorkflow(id);
      const now = await this.find(principal, id);
      if (FINAL_ORCHESTRATION_STATUSES.includes(now.status)) throw ApiError.conflict(`Orchestration already ${now.status}`, { status: now.status });
    }
    await handle.cancel();
    await appendEvents(db, [
      {
        streamId: id,
        type: 'progress',
        dedupeKey: 'cancel-requested',
        payload: { type: 'progress', orchestration_id: id, status: 'cancelling', message: 'Cancellation requested: stopping its agents', timestamp: new Date().toISOString() },
      },
    ]);
    const final = await this.waitForEnd(id);
    if (!final) return { status: 202, body: { success: true, orchestration_id: id, status: 'cancelling' } };
    if (final.status !== 'cancelled') throw ApiError.conflict(`Orchestration already ${final.status}`, { status: final.status });
    return { status: 200, body: { success: true, orchestration_id: id, status: 'cancelled' } };
  }

  /** Approves or rejects an orchestration that waits for approval. */
  async decide(principal: Principal, id: string, approved: boolean, note?: string) {
    const orchestration = await this.find(principal, id);
    if (orchestration.status !== 'awaiting_approval') {
      throw ApiError.conflict(`Orchestration is ${orchestration.status}, not awaiting approval`, { status: orchestration.status });
    }
    const handle = this.deps.temporal.workflow.getHandle(id);
    if (approved) await handle.signal(approveSignal, { by: principal.email, comment: note });
    else await handle.signal(rejectSignal, { by: principal.email, reason: note });
    return { success: true as const, orchestration_id: id, decision: approved ? ('approved' as const) : ('rejected' as const) };
  }

  private async find(principal: Principal, id: string): Promise<Orchestration> {
    const row = await this.deps.db.selectFrom('orchestrations').selectAll().where('id', '=', id).where('user_id', '=', principal.userId).executeTakeFirst();
    if (!row) throw ApiError.notFound('Orchestration');
    return row;
  }

  private async waitForEnd(id: string): Promise<Orchestration | undefined> {
    return pollUntil(async () => {
      const row = await this.deps.db.selectFrom('orchestrations').selectAll().where('id', '=', id).executeTakeFirst();
      return row && FINAL_ORCHESTRATION_STATUSES.includes(row.status) ? row : undefined;
    }, CANCEL_WAIT_MS);
  }

  private async perAgentSeconds(agents: string[]): Promise<number> {
    const types = [...new Set(agents)];
    let medians = await Promise.all(types.map((a) => medianDurationSeconds(this.deps.db, a)));
    // Agent types without history are estimated like the deployment's typical run.
    if (medians.includes(null)) {
      const typical = await medianDurationSeconds(this.deps.db, null);
      medians = medians.map((m) => m ?? typical);
    }
    const known = medians.filter((m): m is number => m !== null);
    return known.length ? Math.max(1, Math.round(Math.max(...known))) : DEFAULT_AGENT_SECONDS;
  }

  private async startWorkflow(orchestration: Orchestration, principal: Principal): Promise<void> {
    await this.deps.searchAttributes.ensure();
    await startOrchestration(this.deps.temporal, this.deps.config, orchestration, principal.tier);
  }
}
