import { z } from 'zod';
import { listAgentTypes } from '../../agents/registry';
import { MODEL_AGENT_TYPE } from '../../lib/custom-agents';
import { Scope } from '../auth/scopes';
import type { ApiRoutes } from '../http/routes';
import { IdempotencyKeyHeader, IsoDateTime } from '../http/schemas';
import type { CustomAgentService } from '../agents/custom-agent.service';
import type { TaskService } from '../tasks/task.service';
import { ExecuteAnswer, executeFields, type TaskRouteLimits } from './tasks.routes';

const BUILT_IN_TYPES = listAgentTypes().map((a) => a.type);
const AGENT_BASE_TYPES: [string, ...string[]] = [MODEL_AGENT_TYPE, ...BUILT_IN_TYPES];
const RESERVED_NAMES = new Set(AGENT_BASE_TYPES.map((t) => t.toLowerCase()));

/** Any value: one that names none of the caller's agents (nor a public one), whatever its form, is 404. */
/** The `ETag` of an agent's answers: its version, as a strong tag (RFC 9110 §8.8.3). */
const ETAG_HEADER = { description: 'The version, as a strong entity tag: `"v3"`. Send it back as `If-Match`', schema: { type: 'string' as const } };

const AgentId = z.string().min(1).meta({ description: 'An agent ID (agent_…), or a built-in type as listed (code_expert…)', example: 'agent_7K2M9QW4XH8TZ1RB' });

const AgentName = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9][A-Za-z0-9 _.-]*$/, 'must start with a letter or digit and hold only letters, digits, spaces, _ . and -')
  .refine((n) => !RESERVED_NAMES.has(n.toLowerCase()), 'must not be a built-in agent type')
  .refine((n) => !n.toLowerCase().startsWith('agent_'), 'must not start with agent_ (IDs do)')
  .meta({ description: 'Unique among your agents (whatever the case); usable as `agent_type` in execute and orchestrate', example: 'strict-reviewer' });

const Quantity = z.string().regex(/^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/, 'must be a Kubernetes quantity such as 500m, 2 or 8Gi');
const Resources = z
  .strictObject({
    gpus: z.int().min(0).max(64).optional().meta({ description: '`nvidia.com/gpu` of the pod' }),
    cpu: Quantity.optional().meta({ description: 'CPU requested, e.g. `2` or `500m`' }),
    memory: Quantity.optional().meta({ description: 'Memory requested and limited to, e.g. `8Gi`' }),
  })
  .meta({ id: 'AgentResources', description: "Kubernetes executor: what the agent's pod asks for, at most the tier's caps (free: 1 GPU, 2 CPUs, 8Gi)" });

/** The settable fields; `nullable` lets PATCH clear an optional one. */
const fields = (maxTimeLimitSeconds: number) => ({
  name: AgentName,
  description: z.string().max(2000),
  type: z.enum(AGENT_BASE_TYPES, { error: `must be one of: ${AGENT_BASE_TYPES.join(', ')}` }).meta({
    description: `The built-in behaviour the agent builds on, or \`${MODEL_AGENT_TYPE}\`: driven by its instructions alone (needs the deployment's model)`,
  }),
  instructions: z.string().min(1).max(50_000).nullable().meta({ description: "The system prompt: replaces the type's own when a model is configured; required for type model" }),
  model: z.string().min(1).max(200).nullable().meta({ description: 'The model to ask (default: the deployment’s LLM_MODEL)' }),
  temperature: z.number().min(0).max(2).nullable(),
  max_tokens: z.int().min(1).max(1_000_000).nullable(),
  time_limit_seconds: z.int().min(1).max(maxTimeLimitSeconds).nullable().meta({ description: `Default for its runs; at most ${maxTimeLimitSeconds} (TASK_MAX_TIME_LIMIT_SECONDS)` }),
  image: z.string().min(1).max(512).nullable().meta({ description: 'Kubernetes executor: the container image; must match the deployment’s AGENT_IMAGE_ALLOWLIST' }),
  resources: Resources.nullable(),
  visibility: z.enum(['private', 'public']).meta({ description: '`public` lists it in the catalogue (`GET /v1/agents?visibility=public`): anyone may run it, billed to them' }),
});

const AgentView = z
  .object({
    id: z.string(),
    kind: z.literal('custom'),
    name: z.string(),
    description: z.string(),
    type: z.string(),
    instructions: z.string().nullable().meta({ description: "Shown to the owner only (null to others): a public agent's prompt is its owner's work" }),
    model: z.string().nullable(),
    temperature: z.number().nullable(),
    max_tokens: z.number().int().nullable(),
    time_limit_seconds: z.number().int().nullable(),
    image: z.string().nullable(),
    resources: Resources.nullable(),
    visibility: z.enum(['private', 'public']),
    version: z.number().int().meta({ description: '1, then +1 on every change; the ETag is `"v<version>"`' }),
    owner: z.object({ display_name: z.string(), is_caller: z.boolean() }),
    runs: z.number().int().meta({ description: 'Tasks that ran it, every user’s' }),
    created_at: IsoDateTime,
    updated_at: IsoDateTime,
  })
  .meta({ id: 'Agent' });

const BuiltInAgentView = z
  .object({ id: z.string(), kind: z.literal('built_in'), name: z.string(), type: z.string(), description: z.string() })
  .meta({ id: 'BuiltInAgent' });

const IfMatchHeader = z.object({
  'If-Match': z
    .string()
    .max(1024)
    // RFC 9110 §13.1.1: `*`, or a list of entity tags, each quoted (weak ones with W/).
    .regex(/^\s*(\*|(W\/)?"[^"]*"(\s*,\s*(W\/)?"[^"]*")*)\s*$/, 'must be * or entity tags in quotes, as ETag answers them (e.g. "v3")')
    .optional()
    .meta({
      description:
        'The ETag of the version the edit starts from (`"v3"`), or `*`: unless it names the current version (strong comparison, RFC 9110 §13.1.1), the answer is 409 and nothing changes',
    }),
});

/** `/v1/agents` and `/v1/agents/{agent_id}`: custom agents and the public catalogue (API.md "Custom agents (CRUD)"). */
export function registerCustomAgentRoutes(routes: ApiRoutes, service: CustomAgentService, tasks: TaskService, limits: TaskRouteLimits): void {
  const tag = 'Custom agents';
  const f = fields(limits.maxTimeLimitSeconds);
  const params = z.object({ agent_id: AgentId });

  routes.add({
    method: 'post',
    path: '/v1/agents',
    operationId: 'createAgent',
    tag,
    summary: 'Define an agent',
    description:
      'Creates a custom agent at version 1. The answer carries its `ETag`. With `Idempotency-Key`, a retried request answers the agent the first one made (as it is now; 404 once deleted); the same key with another body is 409.',
    scope: Scope.agentsWrite,
    body: z
      .strictObject(f)
      .partial()
      .extend({ name: f.name, type: f.type, description: f.description.default(''), visibility: f.visibility.default('private') })
      .meta({ id: 'CreateAgentRequest' }),
    headers: IdempotencyKeyHeader,
    response: { status: 201, schema: AgentView, description: 'The agent', headers: { ETag: ETAG_HEADER, Location: { description: 'Its URL: `/v1/agents/{id}`', schema: { type: 'string' } } } },
    errors: ['CONFLICT'],
    handler: async ({ principal, body, headers, res }) => {
      const { view, etag } = await service.create(principal, body, headers['Idempotency-Key'] as string | undefined);
      res.setHeader('ETag', etag);
      res.setHeader('Location', `/v1/agents/${view.id}`);
      return view;
    },
  });

  routes.add({
    method: 'get',
    path: '/v1/agents',
    operationId: 'listAgents',
    tag,
    summary: 'The built-in agent types and your agents, or the public catalogue',
    description:
      'Without `visibility`: the built-in agent types (on the first page) and your agents. `visibility=private` narrows to your private agents; `visibility=public` lists every user’s public agents (yours included). Newest change first.',
    scope: Scope.agentsRead,
    query: z.object({
      visibility: z.enum(['private', 'public']).optional(),
      limit: z.coerce.number().int().min(1).max(100).default(50),
      cursor: z
        .string()
        .regex(/^agent_[0-9A-Z]{8,64}$/, 'must be a next_cursor this API returned (agent_…)')
        .optional()
        .meta({ description: '`next_cursor` of the previous page (agents come newest first by creation; edits do not move them)' }),
    }),
    response: {
      schema: z.object({ agents: z.array(z.union([BuiltInAgentView, AgentView])), has_more: z.boolean(), next_cursor: z.string().nullable() }),
      description: 'A page of agents',
    },
    handler: ({ principal, query }) => service.list(principal, query),
  });

  routes.add({
    method: 'get',
    path: '/v1/agents/{agent_id}',
    operationId: 'getAgent',
    tag,
    summary: 'One of your agents, a public agent, or a built-in type',
    scope: Scope.agentsRead,
    params,
    response: { schema: z.union([AgentView, BuiltInAgentView]), description: 'The agent (for a custom agent, its `ETag` header names the version)', headers: { ETag: ETAG_HEADER } },
    errors: ['NOT_FOUND'],
    handler: async ({ principal, params: p, res }) => {
      const { view, etag } = await service.get(principal, p.agent_id);
      if (etag) res.setHeader('ETag', etag);
      return view;
    },
  });

  routes.add({
    method: 'patch',
    path: '/v1/agents/{agent_id}',
    operationId: 'updateAgent',
    tag,
    summary: 'Change your agent: a new version (built-in types are 403)',
    description:
      'Sets the fields given (`null` clears an optional one) and makes a new version; a body that changes nothing makes none. With `If-Match`, an edit of a version that is no longer current is 409 (`details.reason: "stale_version"`) and changes nothing. Tasks already started keep the version they started with.',
    scope: Scope.agentsWrite,
    params,
    headers: IfMatchHeader,
    body: z.strictObject(f).partial().meta({ id: 'UpdateAgentRequest' }),
    response: { schema: AgentView, description: 'The agent at its new version', headers: { ETag: ETAG_HEADER } },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
    handler: async ({ principal, params: p, body, headers, res }) => {
      const { view, etag } = await service.update(principal, p.agent_id, body, headers['If-Match'] as string | undefined);
      res.setHeader('ETag', etag);
      return view;
    },
  });

  routes.add({
    method: 'delete',
    path: '/v1/agents/{agent_id}',
    operationId: 'deleteAgent',
    tag,
    summary: 'Delete your agent',
    description:
      'It runs no more and is listed nowhere, and its name is free again. Tasks that ran it keep its name and version; a running one finishes. With `If-Match`, only at that version (else 409).',
    scope: Scope.agentsWrite,
    params,
    headers: IfMatchHeader,
    response: { schema: z.object({ success: z.literal(true), id: z.string() }), description: 'The agent is deleted' },
    errors: ['NOT_FOUND', 'FORBIDDEN', 'CONFLICT'],
    handler: ({ principal, params: p, headers }) => service.remove(principal, p.agent_id, headers['If-Match'] as string | undefined),
  });

  routes.add({
    method: 'post',
    path: '/v1/agents/{agent_id}/execute',
    operationId: 'executeAgent',
    startsWork: true,
    tag,
    summary: 'Run this agent on a task',
    description: 'The body of `POST /v1/agents/execute` without `agent_type`: runs this agent (yours, a public one, billed to you, or a built-in type by its listed ID) at its current version.',
    scope: Scope.agentsWrite,
    params,
    body: z.strictObject(executeFields(limits)).meta({ id: 'ExecuteAgentRequest' }),
    headers: IdempotencyKeyHeader,
    response: { status: 202, schema: ExecuteAnswer, description: 'The task was accepted' },
    errors: ['NOT_FOUND', 'CONFLICT', 'INSUFFICIENT_CREDITS'],
    handler: async ({ principal, params: p, body, headers }) => {
      const key = headers['Idempotency-Key'] as string | undefined;
      if (service.builtIn(p.agent_id)) return tasks.execute(principal, { ...body, agent_type: p.agent_id }, key);
      const agent = await service.runnableById(principal, p.agent_id);
      return tasks.execute(principal, { ...body, agent_type: agent.id }, key, agent);
    },
  });
}
