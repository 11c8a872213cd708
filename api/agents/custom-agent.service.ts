import { listAgentTypes } from '../../agents/registry';
import type { Config } from '../../config/env';
import type { Db } from '../../db/connection';
import * as agents from '../../db/repositories/agent.repository';
import type { AgentRow, AgentVisibility } from '../../db/repositories/agent.repository';
import { newId } from '../../lib/ids';
import { MODEL_AGENT_TYPE, resourcesOverCaps, type AgentDefinitionFields, type AgentResourceRequest, type AgentSnapshot, type ImageAllowList } from '../../lib/custom-agents';
import { ApiError } from '../errors';
import { claimOrReplay } from '../http/idempotency';
import type { Principal } from '../http/request-context';

/** The fields of a definition a request may set (null clears an optional one). */
export interface AgentFieldsInput {
  name?: string;
  description?: string;
  type?: string;
  instructions?: string | null;
  model?: string | null;
  temperature?: number | null;
  max_tokens?: number | null;
  time_limit_seconds?: number | null;
  image?: string | null;
  resources?: AgentResourceRequest | null;
  visibility?: AgentVisibility;
}

/** Whether the deployment has a model for the agents (LLM_BASE_URL, here or in the agent catalogue's env). */
export interface ModelEndpoint {
  configured: boolean;
  /** LLM_MODEL: the model used when an agent names none. */
  defaultModel?: string;
}

/**
 * Whether the workers' agents have a model: LLM_BASE_URL in this process's settings (the local
 * executor passes the workers' own LLM_* variables on), or, with the Kubernetes executor, in
 * the agent catalogue's `defaults.env` or its `model` entry's env.
 */
export function modelEndpointOf(config: Config): ModelEndpoint {
  const catalog = config.EXECUTOR === 'kubernetes' ? config.KUBERNETES_AGENT_CATALOG : undefined;
  const env = { ...catalog?.defaults.env, ...catalog?.agents[MODEL_AGENT_TYPE]?.env };
  const baseUrl = config.LLM_BASE_URL ?? env.LLM_BASE_URL;
  const defaultModel = config.LLM_MODEL ?? env.LLM_MODEL;
  return { configured: Boolean(baseUrl), ...(defaultModel ? { defaultModel } : {}) };
}

/** An agent as the API shows it. `instructions` only to the owner: a public agent's prompt is its owner's work. */
export interface AgentView extends AgentDefinitionFields {
  id: string;
  kind: 'custom';
  name: string;
  visibility: AgentVisibility;
  version: number;
  owner: { display_name: string; is_caller: boolean };
  runs: number;
  created_at: string;
  updated_at: string;
}

/** A built-in agent type as `GET /v1/agents` lists it beside the custom ones. */
export interface BuiltInAgentView {
  id: string;
  kind: 'built_in';
  name: string;
  type: string;
  description: string;
}

/** The strong entity tag of an agent's version (RFC 9110 §8.8.3): `"v3"`. */
export function agentEtag(version: number): string {
  return `"v${version}"`;
}

/**
 * Reads an If-Match header (RFC 9110 §13.1.1): `*`, or a list of entity tags of which one must
 * be the agent's current one. Answers `any` for `*`, else the versions the list names (strong
 * tags `"v<n>"` only: a weak or foreign tag names none, so the precondition fails).
 */
export function ifMatchVersions(header: string | undefined): number[] | 'any' | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return 'any';
  return header
    .split(',')
    .map((t) => /^"v(\d{1,9})"$/.exec(t.trim())?.[1])
    .filter((v): v is string => v !== undefined)
    .map(Number);
}

const BUILT_IN_TYPES = new Set(listAgentTypes().map((a) => a.type));

/** Custom agents: definitions, versions, the public catalogue, and what a run of one pins. */
export class CustomAgentService {
  constructor(
    private readonly deps: {
      db: Db;
      images: ImageAllowList;
      modelEndpoint: ModelEndpoint;
    },
  ) {}

  /** Every built-in agent type, as listed. */
  builtIns(): BuiltInAgentView[] {
    return listAgentTypes().map((a) => ({ id: a.type, kind: 'built_in' as const, name: a.type, type: a.type, description: a.description }));
  }

  /** The built-in agent type whose listed ID is `id` (`code_expert`, …), if it is one. */
  builtIn(id: string): BuiltInAgentView | undefined {
    return BUILT_IN_TYPES.has(id) ? this.builtIns().find((a) => a.id === id) : undefined;
  }

  /**
   * Creates an agent at version 1.
   * @throws ApiError INVALID_REQUEST (a rule of the definition), CONFLICT (the name is taken).
   */
  async create(principal: Principal, body: Required<Pick<AgentFieldsInput, 'name' | 'type'>> & AgentFieldsInput, idempotencyKey?: string): Promise<{ view: AgentView; etag: string }> {
    const definition = this.checked(principal.tier, { ...emptyDefinition(body.type), ...definitionPart(body) });
    const id = newId('agent');
    const insert = (into: Db) => agents.insertAgent(into, { id, userId: principal.userId, name: body.name, visibility: body.visibility ?? 'private', definition });
    // With an Idempotency-Key, the key is claimed with the agent: a replay answers the agent it made.
    const row = !idempotencyKey
      ? await insert(this.deps.db)
      : await this.deps.db.transaction().execute(async (trx) => {
          const existing = await claimOrReplay(trx, { userId: principal.userId, scope: 'create_agent', key: idempotencyKey, body, resourceId: id, idField: 'id' });
          if (existing) return (await agents.findOwnAgent(trx, principal.userId, existing)) ?? 'gone';
          const created = await insert(trx);
          // Rolls the claim back with the refused insert.
          if (!created) throw nameTaken(body.name);
          return created;
        });
    if (row === 'gone') throw ApiError.notFound('Agent');
    if (!row) throw nameTaken(body.name);
    return { view: toView(row, principal.userId), etag: agentEtag(row.version) };
  }

  /** The caller's agent, or any user's public one (read-only to others). @throws ApiError NOT_FOUND */
  async get(principal: Principal, id: string): Promise<{ view: AgentView; etag: string } | { view: BuiltInAgentView; etag?: undefined }> {
    const builtIn = this.builtIn(id);
    if (builtIn) return { view: builtIn };
    const row = id.startsWith('agent_') ? await agents.findRunnableAgent(this.deps.db, principal.userId, id) : undefined;
    if (!row) throw ApiError.notFound('Agent');
    return { view: toView(row, principal.userId), etag: agentEtag(row.version) };
  }

  /**
   * Without `visibility=public`: the built-in types (first page only) and the caller's agents;
   * with it, every user's public agents. Newest change first, keyset pages.
   */
  async list(principal: Principal, q: { visibility?: AgentVisibility; limit: number; cursor?: string }) {
    const publicOnly = q.visibility === 'public';
    const page = await agents.listAgents(this.deps.db, { userId: principal.userId, publicOnly, visibility: q.visibility, cursor: q.cursor, limit: q.limit });
    const last = page.agents[page.agents.length - 1];
    return {
      agents: [...(!q.visibility && !q.cursor ? this.builtIns() : []), ...page.agents.map((a) => toView(a, principal.userId))],
      has_more: page.hasMore,
      next_cursor: page.hasMore && last ? last.id : null,
    };
  }

  /**
   * Writes a new version with the fields given (null clears an optional one). A body that
   * changes nothing makes no version. With If-Match, refuses an edit of a version that is no
   * longer current.
   * @throws ApiError NOT_FOUND, FORBIDDEN (another user's public agent), CONFLICT (stale
   *   If-Match, or the name is taken), INVALID_REQUEST (a rule of the definition).
   */
  async update(principal: Principal, id: string, patch: AgentFieldsInput, ifMatch: string | undefined): Promise<{ view: AgentView; etag: string }> {
    const expected = ifMatchVersions(ifMatch);
    // The patch is laid over the version read, and written only if that version is still
    // current. Without If-Match, an edit that landed in between is simply read again.
    for (let tries = 1; ; tries++) {
      const current = await this.ownOrRefuse(principal, id);
      if (Array.isArray(expected) && !expected.includes(current.version)) throw stale(current.version, ifMatch);
      const definition = this.checked(principal.tier, { ...current.definition, ...definitionPart(patch) });
      const name = patch.name ?? current.name;
      const visibility = patch.visibility ?? current.visibility;
      if (name === current.name && visibility === current.visibility && sameDefinition(definition, current.definition)) {
        return { view: toView(current, principal.userId), etag: agentEtag(current.version) };
      }
      const updated = await agents.updateAgent(this.deps.db, { id: current.id, userId: principal.userId, expectedVersion: current.version, name, visibility, definition });
      if (updated === undefined) throw ApiError.notFound('Agent');
      if (updated === 'name_taken') throw nameTaken(name);
      if (updated !== 'stale') return { view: toView(updated, principal.userId), etag: agentEtag(updated.version) };
      if (expected !== undefined || tries >= 3) throw stale(current.version + 1);
    }
  }

  /**
   * Deletes the caller's agent: it runs no more and is listed nowhere; finished and running
   * tasks keep the version they ran. @throws ApiError NOT_FOUND, FORBIDDEN, CONFLICT (stale If-Match)
   */
  async remove(principal: Principal, id: string, ifMatch: string | undefined): Promise<{ success: true; id: string }> {
    const expected = ifMatchVersions(ifMatch);
    const current = await this.ownOrRefuse(principal, id);
    if (Array.isArray(expected) && !expected.includes(current.version)) throw stale(current.version, ifMatch);
    const done = await agents.deleteAgent(this.deps.db, { id: current.id, userId: principal.userId, expectedVersion: Array.isArray(expected) ? current.version : undefined });
    if (done === 'stale') throw stale(current.version);
    if (!done) throw ApiError.notFound('Agent');
    return { success: true, id: current.id };
  }

  /**
   * What an execute or orchestrate runs for `ref`: undefined for a built-in agent type, else the
   * current version of the custom agent it names (ID, or the caller's own agent's name).
   * @throws ApiError INVALID_REQUEST naming `field` when `ref` names nothing the caller may run,
   *   or a `model` agent when the deployment has no model.
   */
  async resolveForRun(principal: Principal, ref: string, field: string): Promise<AgentSnapshot | undefined> {
    if (BUILT_IN_TYPES.has(ref)) return undefined;
    const snapshot = await this.runnable(principal, ref, field);
    if (!snapshot) {
      throw ApiError.invalid(
        field,
        'names no agent you may run',
        `Invalid request: ${field} "${ref}" is neither a built-in agent type (${[...BUILT_IN_TYPES].join(', ')}) nor one of your agents or a public agent (by ID, or your own by name)`,
      );
    }
    return snapshot;
  }

  /** The custom agent `id` the caller may run (POST /v1/agents/{id}/execute). @throws ApiError NOT_FOUND, INVALID_REQUEST */
  async runnableById(principal: Principal, id: string): Promise<AgentSnapshot> {
    const snapshot = id.startsWith('agent_') ? await this.runnable(principal, id, 'agent_id') : undefined;
    if (!snapshot) throw ApiError.notFound('Agent');
    return snapshot;
  }

  /** The current version of the agent `ref` names, checked runnable; undefined when it names none the caller may run. */
  private async runnable(principal: Principal, ref: string, field: string): Promise<AgentSnapshot | undefined> {
    const snapshot = await agents.findRunnableSnapshot(this.deps.db, principal.userId, ref);
    if (snapshot) this.checkRunnable(snapshot, field);
    return snapshot;
  }

  /** A `model` agent needs a model endpoint and a model: refused at execute, not at run time. */
  private checkRunnable(agent: AgentSnapshot, field: string): void {
    if (agent.type !== MODEL_AGENT_TYPE) return;
    const { configured, defaultModel } = this.deps.modelEndpoint;
    if (!configured || !(agent.model ?? defaultModel)) {
      throw ApiError.invalid(
        field,
        'needs a model endpoint',
        `Agent "${agent.name}" is of type model: it is driven by its instructions alone and needs a model endpoint, which this deployment does not have (the operator sets LLM_BASE_URL, and LLM_MODEL or the agent's model)`,
      );
    }
  }

  /** The caller's own agent `id`; another user's public one is 403, anything else 404. */
  private async ownOrRefuse(principal: Principal, id: string): Promise<AgentRow> {
    if (BUILT_IN_TYPES.has(id)) {
      throw new ApiError('FORBIDDEN', `${id} is a built-in agent and cannot be changed: create an agent of your own with "type": "${id}"`, { agent_id: id });
    }
    const own = await agents.findOwnAgent(this.deps.db, principal.userId, id);
    if (own) return own;
    if (id.startsWith('agent_') && (await agents.findRunnableSnapshot(this.deps.db, principal.userId, id))) {
      throw new ApiError('FORBIDDEN', 'Only the owner of an agent may change it', { agent_id: id });
    }
    throw ApiError.notFound('Agent');
  }

  /** The definition, held to the rules a request's schema cannot check alone. @throws ApiError INVALID_REQUEST */
  private checked(tier: string, d: AgentDefinitionFields): AgentDefinitionFields {
    if (d.type === MODEL_AGENT_TYPE && !d.instructions?.trim()) {
      throw ApiError.invalid('instructions', 'is required for type model', 'Invalid request: an agent of type model is driven by its instructions alone: instructions is required');
    }
    if (d.image !== null && !this.deps.images.allows(d.image)) {
      const patterns = this.deps.images.patterns;
      throw ApiError.invalid(
        'image',
        'is not allowed',
        patterns.length
          ? `Invalid request: image "${d.image}" matches none of the images this deployment allows (AGENT_IMAGE_ALLOWLIST: ${patterns.join(', ')})`
          : 'Invalid request: this deployment allows no custom agent images (AGENT_IMAGE_ALLOWLIST is empty)',
      );
    }
    const over = resourcesOverCaps(d.resources, tier);
    if (over.length) throw ApiError.invalid(over[0]!.field, over[0]!.message, `Invalid request: ${over[0]!.field} ${over[0]!.message}`);
    return d;
  }
}

function emptyDefinition(type: string): AgentDefinitionFields {
  return { description: '', type, instructions: null, model: null, temperature: null, max_tokens: null, time_limit_seconds: null, image: null, resources: null };
}

/** The definition fields a request sets (absent ones left out, null kept to clear). */
function definitionPart(input: AgentFieldsInput): Partial<AgentDefinitionFields> {
  const keys = ['description', 'type', 'instructions', 'model', 'temperature', 'max_tokens', 'time_limit_seconds', 'image', 'resources'] as const;
  return Object.fromEntries(keys.filter((k) => input[k] !== undefined).map((k) => [k, input[k]])) as Partial<AgentDefinitionFields>;
}

function sameDefinition(a: AgentDefinitionFields, b: AgentDefinitionFields): boolean {
  const canonical = (d: AgentDefinitionFields) => JSON.stringify(Object.entries(d).sort(([x], [y]) => x.localeCompare(y)));
  return canonical(a) === canonical(b);
}

function nameTaken(name: string): ApiError {
  return ApiError.conflict(`You already have an agent named "${name}"`, { field: 'name', reason: 'name_taken' });
}

/**
 * 409 for an edit whose precondition failed: If-Match (`ifMatch`) names another version than the
 * current one, or (none given) the agent changed while the edit was being made.
 */
function stale(currentVersion: number, ifMatch?: string): ApiError {
  const current = `version ${currentVersion} (ETag ${agentEtag(currentVersion)})`;
  const weak = ifMatch !== undefined && /W\//.test(ifMatch) ? ' (a weak tag W/"…" never matches: If-Match compares strongly)' : '';
  const message =
    ifMatch !== undefined
      ? `The agent is at ${current}, which If-Match ${ifMatch.trim()} does not name${weak}: read it again and retry`
      : `The agent changed while this edit was made: it is at ${current}; read it again and retry`;
  return ApiError.conflict(message, {
    reason: 'stale_version',
    current_version: currentVersion,
  });
}

function toView(row: AgentRow, callerId: string): AgentView {
  const own = row.user_id === callerId;
  const d = row.definition;
  return {
    id: row.id,
    kind: 'custom',
    name: row.name,
    description: d.description,
    type: d.type,
    instructions: own ? d.instructions : null,
    model: d.model,
    temperature: d.temperature,
    max_tokens: d.max_tokens,
    time_limit_seconds: d.time_limit_seconds,
    image: d.image,
    resources: d.resources,
    visibility: row.visibility,
    version: row.version,
    owner: { display_name: row.owner_name?.trim() || 'Anonymous', is_caller: own },
    runs: row.runs,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
