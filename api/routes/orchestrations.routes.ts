import { z } from 'zod';
import { BranchField, RepositoryField } from './tasks.routes';
import { Scope } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { listAgentTypes } from '../../agents/registry';
import type { StrategyDefinition } from '../../workflows/strategy-kit';
import { STRATEGIES } from '../../workflows/strategies/registry';
import { IdempotencyKeyHeader, IsoDateTime, nonBlankText, pageCursor } from '../http/schemas';
import type { OrchestrationService } from '../orchestrations/orchestration.service';

const STATUSES = ['in_progress', 'awaiting_approval', 'completed', 'failed', 'cancelled'] as const;
const TASK_STATUSES = ['queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out'] as const;
/** Any value: one that names none of the caller's orchestrations, whatever its form, is 404. */
const OrchestrationId = z
  .string()
  .min(1)
  .meta({ description: "An orchestration ID (orch_…); anything that names none of the caller's orchestrations is 404", example: 'orch_7K2M9QW4XH8TZ1RB' });
const AGENT_TYPES = listAgentTypes().map((a) => a.type) as [string, ...string[]];
const STRATEGY_NAMES = Object.keys(STRATEGIES) as [string, ...string[]];

/** A built-in agent type, or a custom agent (its ID, or the name of one of the caller's): resolved by the service. */
const AgentTypeName = z
  .string()
  .min(1)
  .max(100)
  .meta({ description: `A built-in agent type (${AGENT_TYPES.join(', ')}), or a custom agent: its ID (yours or a public one) or the name of one of yours` });
const ContextFile = z.object({ path: z.string().min(1).max(1024), content: z.string() });
const OrchestrateOptions = z
  .object({
    failure_policy: z.enum(['fail_fast', 'best_effort']).optional(),
    max_rounds: z.int().min(1).max(50).optional(),
    concurrency: z.int().min(1).max(100).optional(),
    max_mappers: z.int().min(1).max(500).optional().meta({ description: 'map_reduce: most mapper agents; past it each gets a run of files. Default 100' }),
    n: z.int().min(1).max(20).optional(),
    require_approval: z.boolean().optional(),
    approval_timeout_seconds: z.int().min(1).max(30 * 86_400).optional(),
  })
  .strict()
  .optional()
  .meta({ id: 'OrchestrateOptions' });

/** One strategy's request: its `agents` and `context` rules come from its definition (`request`). */
function strategyRequest(name: string, definition: StrategyDefinition) {
  const rules = definition.request ?? {};
  const min = rules.agents?.min ?? 1;
  const max = rules.agents?.max ?? 50;
  const reason = rules.agents?.roles ? `must be ${rules.agents.roles}` : `must list ${min} to ${max} agents`;
  const files = z.array(ContextFile).max(10_000);
  return z
    .object({
      goal: nonBlankText(100_000).meta({ example: 'Implement user authentication with JWT, write tests, and security review' }),
      strategy: z.literal(name).meta({ description: definition.description }),
      agents: z
        .array(AgentTypeName)
        .min(min, reason)
        .max(max, reason)
        .meta({ ...(rules.agents?.roles ? { description: `Agent types: ${rules.agents.roles}` } : {}), example: AGENT_TYPES.slice(0, Math.max(min, Math.min(max, 3))) }),
      context: rules.filesRequired
        ? z.looseObject({ files: files.min(1, 'must list the files to work over'), repository: RepositoryField, branch: BranchField }).meta({ description: `${name} works over context.files` })
        : z.looseObject({ files: files.optional(), repository: RepositoryField, branch: BranchField }).optional(),
      options: OrchestrateOptions,
    })
    .meta({ id: `OrchestrateRequest_${name}`, title: name });
}

/** The orchestrate body: one schema per strategy, told apart by `strategy` (workflows/strategies/registry.ts). */
const OrchestrateBody = z
  .discriminatedUnion(
    'strategy',
    STRATEGY_NAMES.map((name) => strategyRequest(name, STRATEGIES[name]!)) as unknown as [ReturnType<typeof strategyRequest>, ...ReturnType<typeof strategyRequest>[]],
    {
      error: (issue) =>
        issue.code === 'invalid_union' ? ((issue.input as { strategy?: unknown } | undefined)?.strategy === undefined ? 'is required' : `must be one of: ${STRATEGY_NAMES.join(', ')}`) : undefined,
    },
  )
  .meta({ id: 'OrchestrateRequest' });

const OrchestrateAnswer = z
  .object({
    orchestration_id: z.string(),
    status: z.literal('in_progress'),
    agents_running: z.number().int().meta({ description: 'Agents that run at once (the strategy, capped by the tier)' }),
    estimated_completion: IsoDateTime,
    result_url: z.string(),
    websocket_url: z.string(),
    events_url: z.string(),
    workflow_id: z.string(),
  })
  .meta({ id: 'OrchestrateResponse' });

const OrchestrationView = z
  .object({
    orchestration_id: z.string(),
    status: z.enum(STATUSES),
    strategy: z.string(),
    goal: z.string(),
    agents: z.array(z.object({ agent_type: z.string(), task_id: z.string(), status: z.enum(TASK_STATUSES), duration_seconds: z.number().nullable() })),
    aggregated_result: z
      .looseObject({
        files_modified: z.number().int().meta({ description: 'Distinct files its agents changed (from their patches, with a repository)' }),
        tests_generated: z.number().int(),
        security_issues: z.number().int(),
        summary: z.string(),
        patches: z
          .array(
            z.object({
              task_id: z.string(),
              agent_type: z.string(),
              builds_on: z.array(z.string()).meta({ description: 'The earlier agents whose trees this patch includes (sequential), oldest first' }),
              files: z.array(z.string()),
              patch_url: z.string(),
            }),
          )
          .optional()
          .meta({ description: 'With `context.repository`: the patches to apply, each against the checked-out commit (a sequential chain gives one, its last)' }),
        conflicts: z
          .array(z.object({ task_ids: z.array(z.string()).length(2), files: z.array(z.string()) }))
          .optional()
          .meta({ description: 'Pairs of patches that cannot both be applied to the base, and the files where they collide' }),
      })
      .optional()
      .meta({ description: "Computed from the agents' results; strategies add their own fields (review_loop: `rounds`, `approved`)" }),
    error: z.object({ code: z.string(), message: z.string() }).optional(),
    total_duration_seconds: z.number().nullable(),
    total_tokens_used: z.number().int(),
    created_at: IsoDateTime,
    completed_at: IsoDateTime.nullable(),
    workflow_id: z.string(),
  })
  .meta({ id: 'Orchestration' });

export function registerOrchestrationRoutes(routes: ApiRoutes, service: OrchestrationService): void {
  const tag = 'Orchestrations';
  const params = z.object({ orchestration_id: OrchestrationId });

  routes.add({
    method: 'post',
    path: '/v1/agents/orchestrate',
    operationId: 'orchestrate',
    startsWork: true,
    tag,
    summary: 'Run several agents under a strategy',
    description:
      'Starts an `orchestration` workflow; each agent is a child `agentTask` workflow. Unknown strategies and agent types are refused before anything starts. With an `Idempotency-Key` header, the same key and body return the same orchestration; the same key with another body is 409 (`details.reason: "idempotency_key_reused"`); keys are kept 24 hours.',
    scope: Scope.agentsWrite,
    body: OrchestrateBody,
    headers: IdempotencyKeyHeader,
    response: {
      status: 202,
      schema: OrchestrateAnswer,
      description: 'The orchestration was accepted',
      links: Object.fromEntries(
        (
          [
            ['GetOrchestration', 'getOrchestration', 'Read the orchestration'],
            ['CancelOrchestration', 'cancelOrchestration', 'Cancel it'],
            ['ApproveOrchestration', 'approveOrchestration', 'Approve it when it waits for approval'],
            ['RejectOrchestration', 'rejectOrchestration', 'Reject it when it waits for approval'],
            ['OrchestrationEvents', 'getOrchestrationEvents', 'Follow its events (SSE)'],
          ] as const
        ).map(([name, operationId, description]) => [name, { operationId, parameters: { orchestration_id: '$response.body#/orchestration_id' }, description }]),
      ),
    },
    errors: ['CONFLICT', 'INSUFFICIENT_CREDITS'],
    handler: async ({ principal, body, headers }) => service.orchestrate(principal, body, headers['Idempotency-Key'] as string | undefined),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/orchestrations',
    operationId: 'listOrchestrations',
    tag,
    summary: "The caller's orchestrations, newest first",
    scope: Scope.agentsRead,
    query: z.object({
      status: z.enum(STATUSES).optional(),
      strategy: z.string().min(1).max(100).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(20),
      cursor: pageCursor('orch_'),
    }),
    response: {
      schema: z.object({ orchestrations: z.array(z.object({ orchestration_id: z.string(), status: z.enum(STATUSES), strategy: z.string(), goal: z.string(), agents: z.array(z.string()), created_at: IsoDateTime, completed_at: IsoDateTime.nullable(), result_url: z.string() })), has_more: z.boolean(), next_cursor: z.string().nullable() }),
      description: 'A page of orchestrations',
    },
    handler: ({ principal, query }) => service.list(principal, query),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/orchestrations/{orchestration_id}',
    operationId: 'getOrchestration',
    tag,
    summary: 'An orchestration: status, its agents, the aggregated result',
    scope: Scope.agentsRead,
    params,
    response: { schema: OrchestrationView, description: 'The orchestration' },
    errors: ['NOT_FOUND'],
    handler: ({ principal, params: p }) => service.get(principal, p.orchestration_id),
  });

  routes.add({
    method: 'delete',
    path: '/v1/agents/orchestrations/{orchestration_id}',
    operationId: 'cancelOrchestration',
    tag,
    summary: 'Cancel an orchestration and every agent it runs',
    description: 'As for a task: 200 `cancelled` once done, 202 `cancelling` while its agents stop, 409 with `details.status` when it had already ended.',
    scope: Scope.agentsWrite,
    params,
    response: { schema: z.object({ success: z.literal(true), orchestration_id: z.string(), status: z.literal('cancelled') }), description: 'Cancelled' },
    otherResponses: [
      {
        status: 202,
        schema: z.object({ success: z.literal(true), orchestration_id: z.string(), status: z.literal('cancelling') }),
        description: 'The cancel is requested; its agents are still stopping (the stream says when it is cancelled)',
      },
    ],
    errors: ['NOT_FOUND', 'CONFLICT'],
    handler: async ({ principal, params: p, setStatus }) => {
      const answer = await service.cancel(principal, p.orchestration_id);
      setStatus(answer.status);
      // The 202 body is documented in otherResponses.
      return answer.body as { success: true; orchestration_id: string; status: 'cancelled' };
    },
  });

  for (const [verb, approved] of [['approve', true], ['reject', false]] as const) {
    routes.add({
      method: 'post',
      path: `/v1/agents/orchestrations/{orchestration_id}/${verb}`,
      operationId: `${verb}Orchestration`,
      tag,
      summary: approved ? 'Approve an orchestration waiting for approval' : 'Reject an orchestration waiting for approval',
      scope: Scope.agentsWrite,
      params,
      body: z.object({ comment: z.string().max(2000).optional() }),
      response: { schema: z.object({ success: z.literal(true), orchestration_id: z.string(), decision: z.enum(['approved', 'rejected']) }), description: 'The decision was delivered' },
      errors: ['NOT_FOUND', 'CONFLICT'],
      handler: ({ principal, params: p, body }) => service.decide(principal, p.orchestration_id, approved, body.comment),
    });
  }
}
