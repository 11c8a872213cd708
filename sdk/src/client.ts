import createClient, { type Client } from 'openapi-fetch';
import { CodexApiError } from './errors.js';
import type { components, operations, paths } from './generated/openapi.js';
import { streamMessages, type StreamMessage, type StreamOptions, type WebSocketConstructor } from './streams.js';
import { Transport, type RetryOptions, type Tokens } from './transport.js';

type Schemas = components['schemas'];
type Success<O extends keyof operations> = keyof operations[O]['responses'] & (200 | 201 | 202);
/** The JSON of an operation's successful answers (200, 201 and 202 together). */
type Json<O extends keyof operations> = { [S in Success<O>]: operations[O]['responses'][S] extends { content: { 'application/json': infer T } } ? T : never }[Success<O>];
type Query<O extends keyof operations> = operations[O]['parameters'] extends { query?: infer Q } ? NonNullable<Q> : never;

export type Task = Schemas['Task'];
export type ExecuteRequest = Schemas['ExecuteRequest'];
export type ExecuteResponse = Schemas['ExecuteResponse'];
export type Orchestration = Schemas['Orchestration'];
export type OrchestrateRequest = Schemas['OrchestrateRequest'];
export type OrchestrateResponse = Schemas['OrchestrateResponse'];
export type Agent = Schemas['Agent'];
export type BuiltInAgent = Schemas['BuiltInAgent'];
export type CreateAgentRequest = Schemas['CreateAgentRequest'];
export type UpdateAgentRequest = Schemas['UpdateAgentRequest'];
export type ExecuteAgentRequest = Schemas['ExecuteAgentRequest'];
export type Visualization = Schemas['Visualization'];
export type VisualizeRequest = Schemas['VisualizeRequest'];
export type VisualizeResponse = Schemas['VisualizeResponse'];
export type Me = Schemas['Me'];
export type Subscription = Schemas['Subscription'];
export type CreatedApiKey = Schemas['CreatedApiKey'];
export type TaskPage = Json<'listTasks'>;
export type OrchestrationPage = Json<'listOrchestrations'>;
export type AgentList = Json<'listAgents'>;
export type CommitPage = Json<'listVisualizationCommits'>;
export type { StreamMessage };

/** Options every call takes. */
export interface CallOptions {
  /** Cancels the call: it rejects with the signal's reason, and any retry or backoff stops. */
  signal?: AbortSignal;
}

/** Options of calls that start something: their `Idempotency-Key`. */
export interface StartOptions extends CallOptions {
  /**
   * Sent as `Idempotency-Key` (default: a random UUID per call). The SDK's own retries reuse it,
   * so a retried start answers the first one's task; give your own to make your retries safe too.
   */
  idempotencyKey?: string;
}

/** What `run` does while the work goes on. */
export interface RunOptions extends StartOptions, Omit<StreamOptions, 'signal' | 'after'> {
  /** Called with each stream message, in `seq` order, the final one included. */
  onMessage?: (message: StreamMessage) => void;
}

interface CommonOptions {
  /** The API's address, e.g. `https://api.codex.example` or `http://localhost:8080`. */
  baseUrl: string;
  /** Retries of failed requests (network errors, 5xx, 429). */
  retry?: RetryOptions;
  /** A fetch to send with (default `globalThis.fetch`). */
  fetch?: typeof fetch;
  /** The WebSocket class for streams with `transport: 'websocket'` where there is no global one (Node 20: the `ws` package). */
  WebSocket?: WebSocketConstructor;
  /** The default stream transport (default `sse`). */
  streamTransport?: 'sse' | 'websocket';
}

/**
 * How a client authenticates: an API key (`X-API-Key`), tokens from a login (renewed with the
 * refresh token when the access token expires; `onTokens` gets the new ones), or nothing yet
 * (then `auth.login` or `auth.register` signs in).
 */
export type CodexCloudOptions = CommonOptions &
  (
    | { apiKey: string; accessToken?: never; refreshToken?: never; onTokens?: never }
    | { apiKey?: never; accessToken: string; refreshToken?: string; onTokens?: (tokens: Tokens) => void | Promise<void> }
    | { apiKey?: never; accessToken?: never; refreshToken?: never; onTokens?: (tokens: Tokens) => void | Promise<void> }
  );

/** The error of a failed answer; the data of a good one. */
async function unwrap<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw CodexApiError.fromBody(response, error);
  return data as T;
}

const newKey = (): string => globalThis.crypto.randomUUID();

/**
 * A client of the Codex Cloud API (API.md). Every method returns the answer's JSON, typed from
 * the server's OpenAPI document, and throws `CodexApiError` for an error answer.
 *
 * @example
 * const codex = new CodexCloud({ baseUrl: 'http://localhost:8080', apiKey: process.env.CODEX_API_KEY! });
 * const task = await codex.tasks.run({ task: 'Review', agent_type: 'security_expert', context: { files } },
 *   { onMessage: (m) => console.log(m.seq, m.message ?? m.type) });
 */
export class CodexCloud {
  /** The typed `openapi-fetch` client underneath, for anything the resources below do not cover. */
  readonly api: Client<paths>;
  readonly auth: AuthResource;
  readonly apiKeys: ApiKeysResource;
  readonly tasks: TasksResource;
  readonly orchestrations: OrchestrationsResource;
  readonly agents: AgentsResource;
  readonly visualizations: VisualizationsResource;
  readonly subscription: SubscriptionResource;
  /** @internal */
  readonly transport: Transport;
  /** @internal */
  readonly streamDefaults: Pick<StreamOptions, 'transport' | 'WebSocket'>;

  constructor(options: CodexCloudOptions) {
    if (!options.baseUrl) throw new TypeError('baseUrl is required');
    this.transport = new Transport({
      baseUrl: options.baseUrl,
      credentials: { apiKey: options.apiKey, accessToken: options.accessToken, refreshToken: options.refreshToken },
      retry: options.retry,
      onTokens: options.onTokens,
      fetch: options.fetch,
    });
    this.streamDefaults = { transport: options.streamTransport, WebSocket: options.WebSocket };
    this.api = createClient<paths>({ baseUrl: this.transport.baseUrl, fetch: this.transport.fetch });
    this.auth = new AuthResource(this);
    this.apiKeys = new ApiKeysResource(this);
    this.tasks = new TasksResource(this);
    this.orchestrations = new OrchestrationsResource(this);
    this.agents = new AgentsResource(this);
    this.visualizations = new VisualizationsResource(this);
    this.subscription = new SubscriptionResource(this);
  }

  /** The stream of `path` (`/v1/agents/tasks/task_…`, …) with this client's defaults. @internal */
  stream(path: string, isFinal: (m: StreamMessage) => boolean, options: StreamOptions = {}): AsyncGenerator<StreamMessage, void, undefined> {
    return streamMessages(this.transport, { path, isFinal }, { ...this.streamDefaults, ...options });
  }
}

const finalOf = (m: StreamMessage) => m.type === 'result' || m.type === 'error';
/** An orchestration's stream also carries its agents' results (with their `task_id`): only its own ends it. */
const orchestrationFinal = (m: StreamMessage) => finalOf(m) && !m.task_id;
const path = (template: string, id: string) => template.replace(/\{[a-z_]+\}/, encodeURIComponent(id));

/** Accounts and tokens: `/v1/auth/*`. */
export class AuthResource {
  constructor(private readonly c: CodexCloud) {}

  /** Creates an account and signs this client in with its tokens (reported to `onTokens`). @throws CodexApiError 409 for a taken email, 400 for a weak password */
  async register(body: Schemas['RegisterRequest'], options: CallOptions = {}): Promise<Schemas['TokenResponse']> {
    const tokens = await unwrap(this.c.api.POST('/v1/auth/register', { body, signal: options.signal }));
    await this.c.transport.setTokens({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in });
    return tokens;
  }

  /** Signs in with email and password; the client then uses the tokens (reported to `onTokens`). @throws CodexApiError 401 for wrong credentials */
  async login(body: Schemas['LoginRequest'], options: CallOptions = {}): Promise<Schemas['TokenResponse']> {
    const tokens = await unwrap(this.c.api.POST('/v1/auth/login', { body, signal: options.signal }));
    await this.c.transport.setTokens({ accessToken: tokens.access_token, refreshToken: tokens.refresh_token, expiresIn: tokens.expires_in });
    return tokens;
  }

  /** Renews the access token now with the refresh token (the SDK also does it by itself on a 401). @returns false when refused */
  refresh(options: CallOptions = {}): Promise<boolean> {
    return this.c.transport.refresh(options.signal);
  }

  /** Ends the session: the access token and its refresh token stop working, and the client forgets them. */
  async logout(options: CallOptions = {}): Promise<Json<'logout'>> {
    const answer = await unwrap(this.c.api.POST('/v1/auth/logout', { signal: options.signal }));
    this.c.transport.clearTokens();
    return answer;
  }

  /** The caller: tier, subscription and the month's usage. */
  me(options: CallOptions = {}): Promise<Me> {
    return unwrap(this.c.api.GET('/v1/auth/me', { signal: options.signal }));
  }
}

/** API keys for automation: `/v1/auth/api-keys`. */
export class ApiKeysResource {
  constructor(private readonly c: CodexCloud) {}

  /** Creates a key; its `key` is in this answer only. */
  create(body: Schemas['CreateApiKeyRequest'], options: CallOptions = {}): Promise<CreatedApiKey> {
    return unwrap(this.c.api.POST('/v1/auth/api-keys', { body, signal: options.signal }));
  }

  list(options: CallOptions = {}): Promise<Json<'listApiKeys'>> {
    return unwrap(this.c.api.GET('/v1/auth/api-keys', { signal: options.signal }));
  }

  /** The key stops working at once. */
  revoke(id: string, options: CallOptions = {}): Promise<Json<'revokeApiKey'>> {
    return unwrap(this.c.api.DELETE('/v1/auth/api-keys/{id}', { params: { path: { id } }, signal: options.signal }));
  }
}

/** Agent tasks: `/v1/agents/execute` and `/v1/agents/tasks`. */
export class TasksResource {
  constructor(private readonly c: CodexCloud) {}

  /** Starts a task (202). @throws CodexApiError 400 (bad body), 402 (monthly runs used up), 429 (after retries) */
  execute(body: ExecuteRequest, options: StartOptions = {}): Promise<ExecuteResponse> {
    return unwrap(this.c.api.POST('/v1/agents/execute', { body, headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() }, signal: options.signal }));
  }

  get(taskId: string, options: CallOptions = {}): Promise<Task> {
    return unwrap(this.c.api.GET('/v1/agents/tasks/{task_id}', { params: { path: { task_id: taskId } }, signal: options.signal }));
  }

  /** A page of the caller's tasks, newest first; pass `next_cursor` as `cursor` for the next. */
  list(query: Query<'listTasks'> = {}, options: CallOptions = {}): Promise<TaskPage> {
    return unwrap(this.c.api.GET('/v1/agents/tasks', { params: { query }, signal: options.signal }));
  }

  /** Cancels a queued or running task. @throws CodexApiError 409 when it has finished (`details.status`) */
  cancel(taskId: string, options: CallOptions = {}): Promise<Json<'cancelTask'>> {
    return unwrap(this.c.api.DELETE('/v1/agents/tasks/{task_id}', { params: { path: { task_id: taskId } }, signal: options.signal }));
  }

  /** The unified diff the task's agent left (`git apply` takes it). @throws CodexApiError 404 when it changed no code */
  patch(taskId: string, options: CallOptions = {}): Promise<string> {
    return unwrap(this.c.api.GET('/v1/agents/tasks/{task_id}/patch', { params: { path: { task_id: taskId } }, parseAs: 'text', signal: options.signal })) as Promise<string>;
  }

  /** The task's messages from `after` on, each once, until its result or error (see `streamMessages`). */
  stream(taskId: string, options: StreamOptions = {}): AsyncGenerator<StreamMessage, void, undefined> {
    return this.c.stream(path('/v1/agents/tasks/{id}', taskId), finalOf, options);
  }

  /** Execute, follow the stream to its end, and return the finished task. */
  async run(body: ExecuteRequest, options: RunOptions = {}): Promise<Task> {
    const started = await this.execute(body, options);
    for await (const message of this.stream(started.task_id, options)) options.onMessage?.(message);
    return this.get(started.task_id, options);
  }
}

/** Multi-agent orchestrations: `/v1/agents/orchestrate` and `/v1/agents/orchestrations`. */
export class OrchestrationsResource {
  constructor(private readonly c: CodexCloud) {}

  /** Starts an orchestration (202); refused whole (402) when its agents would pass the month's runs. */
  create(body: OrchestrateRequest, options: StartOptions = {}): Promise<OrchestrateResponse> {
    return unwrap(this.c.api.POST('/v1/agents/orchestrate', { body, headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() }, signal: options.signal }));
  }

  get(orchestrationId: string, options: CallOptions = {}): Promise<Orchestration> {
    return unwrap(this.c.api.GET('/v1/agents/orchestrations/{orchestration_id}', { params: { path: { orchestration_id: orchestrationId } }, signal: options.signal }));
  }

  list(query: Query<'listOrchestrations'> = {}, options: CallOptions = {}): Promise<OrchestrationPage> {
    return unwrap(this.c.api.GET('/v1/agents/orchestrations', { params: { query }, signal: options.signal }));
  }

  /** Cancels the orchestration and its agents. */
  cancel(orchestrationId: string, options: CallOptions = {}): Promise<Json<'cancelOrchestration'>> {
    return unwrap(this.c.api.DELETE('/v1/agents/orchestrations/{orchestration_id}', { params: { path: { orchestration_id: orchestrationId } }, signal: options.signal }));
  }

  /** Lets an orchestration started with `require_approval` go on. */
  approve(orchestrationId: string, body: { comment?: string } = {}, options: CallOptions = {}): Promise<Json<'approveOrchestration'>> {
    return unwrap(this.c.api.POST('/v1/agents/orchestrations/{orchestration_id}/approve', { params: { path: { orchestration_id: orchestrationId } }, body, signal: options.signal }));
  }

  /** Stops an orchestration that waits for approval. */
  reject(orchestrationId: string, body: { comment?: string } = {}, options: CallOptions = {}): Promise<Json<'rejectOrchestration'>> {
    return unwrap(this.c.api.POST('/v1/agents/orchestrations/{orchestration_id}/reject', { params: { path: { orchestration_id: orchestrationId } }, body, signal: options.signal }));
  }

  /** Its messages and its agents' (those carry `task_id`), until the orchestration's own result or error. */
  stream(orchestrationId: string, options: StreamOptions = {}): AsyncGenerator<StreamMessage, void, undefined> {
    return this.c.stream(path('/v1/agents/orchestrations/{id}', orchestrationId), orchestrationFinal, options);
  }

  /** Orchestrate, follow the stream to its end, and return the finished orchestration. */
  async run(body: OrchestrateRequest, options: RunOptions = {}): Promise<Orchestration> {
    const started = await this.create(body, options);
    for await (const message of this.stream(started.orchestration_id, options)) options.onMessage?.(message);
    return this.get(started.orchestration_id, options);
  }
}

/** Custom agents and the public catalogue: `/v1/agents`. */
export class AgentsResource {
  constructor(private readonly c: CodexCloud) {}

  /** The built-in types and the caller's agents; `{visibility: 'public'}` lists every user's public agents. */
  list(query: Query<'listAgents'> = {}, options: CallOptions = {}): Promise<AgentList> {
    return unwrap(this.c.api.GET('/v1/agents', { params: { query }, signal: options.signal }));
  }

  /** One of the caller's agents, a public agent, or a built-in type by its listed ID (`code_expert`; `kind: 'built_in'`). */
  get(agentId: string, options: CallOptions = {}): Promise<Agent | BuiltInAgent> {
    return unwrap(this.c.api.GET('/v1/agents/{agent_id}', { params: { path: { agent_id: agentId } }, signal: options.signal }));
  }

  /** Defines an agent (version 1). @throws CodexApiError 400 (an image off the allow list, resources over the tier's caps), 409 (a name taken) */
  create(body: CreateAgentRequest, options: StartOptions = {}): Promise<Agent> {
    return unwrap(this.c.api.POST('/v1/agents', { body, headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() }, signal: options.signal }));
  }

  /**
   * Changes an agent (a new version). With `ifMatch` (the agent's `version`, or its ETag `"vN"`),
   * an edit that does not start from the current version is refused with 409 and changes nothing.
   */
  update(agentId: string, body: UpdateAgentRequest, options: CallOptions & { ifMatch?: number | string } = {}): Promise<Agent> {
    const ifMatch = typeof options.ifMatch === 'number' ? `"v${options.ifMatch}"` : options.ifMatch;
    return unwrap(
      this.c.api.PATCH('/v1/agents/{agent_id}', {
        params: { path: { agent_id: agentId }, header: ifMatch ? { 'If-Match': ifMatch } : undefined },
        body,
        signal: options.signal,
      }),
    );
  }

  /** Deletes the definition; finished tasks keep showing its name and version. */
  delete(agentId: string, options: CallOptions = {}): Promise<Json<'deleteAgent'>> {
    return unwrap(this.c.api.DELETE('/v1/agents/{agent_id}', { params: { path: { agent_id: agentId } }, signal: options.signal }));
  }

  /** Runs the agent (one of the caller's, or a public one): execute's body without `agent_type`. */
  execute(agentId: string, body: ExecuteAgentRequest, options: StartOptions = {}): Promise<ExecuteResponse> {
    return unwrap(
      this.c.api.POST('/v1/agents/{agent_id}/execute', {
        params: { path: { agent_id: agentId } },
        body,
        headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() },
        signal: options.signal,
      }),
    );
  }
}

/** Repository visualizations: `/v1/visualize`. */
export class VisualizationsResource {
  constructor(private readonly c: CodexCloud) {}

  /** Starts an analysis of a repository's branch (202); the same head commit reuses a stored one. */
  create(body: VisualizeRequest, options: StartOptions = {}): Promise<VisualizeResponse> {
    return unwrap(this.c.api.POST('/v1/visualize/repository', { body, headers: { 'Idempotency-Key': options.idempotencyKey ?? newKey() }, signal: options.signal }));
  }

  get(visualizationId: string, options: CallOptions = {}): Promise<Visualization> {
    return unwrap(this.c.api.GET('/v1/visualize/{visualization_id}', { params: { path: { visualization_id: visualizationId } }, signal: options.signal }));
  }

  /** Cancels a running analysis, or deletes a finished one. */
  delete(visualizationId: string, options: CallOptions = {}): Promise<Json<'deleteVisualization'>> {
    return unwrap(this.c.api.DELETE('/v1/visualize/{visualization_id}', { params: { path: { visualization_id: visualizationId } }, signal: options.signal }));
  }

  /** A page of the analysed commits (filters `from`, `to`, `author`, `branch`; `limit` ≤ 10,000). */
  commits(visualizationId: string, query: Query<'listVisualizationCommits'> = {}, options: CallOptions = {}): Promise<CommitPage> {
    return unwrap(this.c.api.GET('/v1/visualize/{visualization_id}/commits', { params: { path: { visualization_id: visualizationId }, query }, signal: options.signal }));
  }

  comment(visualizationId: string, body: Schemas['CommentRequest'], options: CallOptions = {}): Promise<Schemas['VisualizationComment']> {
    return unwrap(this.c.api.POST('/v1/visualize/{visualization_id}/comment', { params: { path: { visualization_id: visualizationId } }, body, signal: options.signal }));
  }

  comments(visualizationId: string, query: Query<'listVisualizationComments'> = {}, options: CallOptions = {}): Promise<Json<'listVisualizationComments'>> {
    return unwrap(this.c.api.GET('/v1/visualize/{visualization_id}/comments', { params: { path: { visualization_id: visualizationId }, query }, signal: options.signal }));
  }

  /** A link that opens the 3D page without an account, until `expires_at` or revocation. */
  share(visualizationId: string, body: Schemas['ShareRequest'] = {}, options: CallOptions = {}): Promise<Schemas['Share']> {
    return unwrap(this.c.api.POST('/v1/visualize/{visualization_id}/share', { params: { path: { visualization_id: visualizationId } }, body, signal: options.signal }));
  }

  revokeShare(visualizationId: string, shareId: string, options: CallOptions = {}): Promise<Json<'revokeVisualizationShare'>> {
    return unwrap(
      this.c.api.DELETE('/v1/visualize/{visualization_id}/share/{share_id}', { params: { path: { visualization_id: visualizationId, share_id: shareId } }, signal: options.signal }),
    );
  }

  /** The analysis's progress messages until its result or error. */
  stream(visualizationId: string, options: StreamOptions = {}): AsyncGenerator<StreamMessage, void, undefined> {
    return this.c.stream(path('/v1/visualize/{id}', visualizationId), finalOf, options);
  }

  /** Visualize, follow the stream to its end, and return the finished visualization. */
  async run(body: VisualizeRequest, options: RunOptions = {}): Promise<Visualization> {
    const started = await this.create(body, options);
    for await (const message of this.stream(started.visualization_id, options)) options.onMessage?.(message);
    return this.get(started.visualization_id, options);
  }
}

/** The caller's subscription: `/v1/subscription`. */
export class SubscriptionResource {
  constructor(private readonly c: CodexCloud) {}

  get(options: CallOptions = {}): Promise<Subscription> {
    return unwrap(this.c.api.GET('/v1/subscription', { signal: options.signal }));
  }

  /** Moves to another tier: at once for an upgrade, at the period's end for a downgrade. @throws CodexApiError 403 for `enterprise` */
  upgrade(body: Schemas['UpgradeSubscriptionRequest'], options: CallOptions = {}): Promise<Schemas['UpgradeSubscriptionResponse']> {
    return unwrap(this.c.api.POST('/v1/subscription/upgrade', { body, signal: options.signal }));
  }

  cancel(body: Schemas['CancelSubscriptionRequest'] = {}, options: CallOptions = {}): Promise<Schemas['CancelSubscriptionResponse']> {
    return unwrap(this.c.api.POST('/v1/subscription/cancel', { body, signal: options.signal }));
  }

  reactivate(options: CallOptions = {}): Promise<Schemas['ReactivateSubscriptionResponse']> {
    return unwrap(this.c.api.POST('/v1/subscription/reactivate', { signal: options.signal }));
  }
}
