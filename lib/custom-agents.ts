/**
 * Custom agents (API.md "Custom agents (CRUD)"): what a definition holds, the copy of one
 * version a task runs, and the operator's rules a definition must keep (the image allow list,
 * the tier's resource caps, a model endpoint for `model` agents). Shared by the API (which
 * checks and pins a version at execute) and the worker (which runs the pinned copy).
 */
import picomatch from 'picomatch';
import type { Tier } from '../db/database';

/** The type of an agent driven by its instructions alone, on the configured model. */
export const MODEL_AGENT_TYPE = 'model';

/** What a pod of a custom agent asks for (Kubernetes executor); each field caps at the tier's. */
export interface AgentResourceRequest {
  /** `nvidia.com/gpu`. */
  gpus?: number;
  /** A Kubernetes quantity: `500m`, `2`. */
  cpu?: string;
  /** A Kubernetes quantity: `512Mi`, `8Gi`. */
  memory?: string;
}

/** A version's settings: every field but the agent's name and visibility. Null: not set. */
export interface AgentDefinitionFields {
  description: string;
  /** A built-in agent type the agent builds on, or `model`. */
  type: string;
  /** The system prompt (replaces the built-in's when a model is configured). */
  instructions: string | null;
  model: string | null;
  temperature: number | null;
  max_tokens: number | null;
  time_limit_seconds: number | null;
  /** Kubernetes executor: the container image (must match AGENT_IMAGE_ALLOWLIST). */
  image: string | null;
  resources: AgentResourceRequest | null;
}

/**
 * One version of a custom agent as a task runs it: copied into the task's input when the task
 * is created, so later edits, unpublishing or deletion never change a run that has begun.
 */
export interface AgentSnapshot extends AgentDefinitionFields {
  id: string;
  name: string;
  version: number;
}

/** Writes `agent_…@<version>`: a custom agent pinned to one version, as orchestrations carry it. */
export function pinnedAgentRef(id: string, version: number): string {
  return `${id}@${version}`;
}

/** Reads `agent_…@<version>`; undefined for anything else (a built-in agent type). */
export function parsePinnedAgentRef(ref: string): { id: string; version: number } | undefined {
  const match = /^(agent_[0-9A-Z]+)@(\d+)$/.exec(ref);
  return match ? { id: match[1]!, version: Number(match[2]) } : undefined;
}

/** The most a tier's custom agent may ask of the cluster, per pod. */
export interface ResourceCaps {
  gpus: number;
  /** Cores. */
  cpu: number;
  /** Bytes. */
  memoryBytes: number;
}

const GI = 1024 ** 3;

/** Per-pod caps by tier: a free user gets no more than one GPU (issue 12; figures ours). */
export const TIER_RESOURCE_CAPS: Record<Tier, ResourceCaps> = {
  free: { gpus: 1, cpu: 2, memoryBytes: 8 * GI },
  pro: { gpus: 2, cpu: 8, memoryBytes: 32 * GI },
  team: { gpus: 4, cpu: 16, memoryBytes: 64 * GI },
  enterprise: { gpus: 8, cpu: 64, memoryBytes: 256 * GI },
};

const QUANTITY = /^(\d+(?:\.\d+)?)(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const SUFFIX: Record<string, number> = {
  '': 1,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 1024,
  Mi: 1024 ** 2,
  Gi: 1024 ** 3,
  Ti: 1024 ** 4,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
};

/**
 * A Kubernetes quantity's value (`500m` → 0.5, `8Gi` → 8 × 2³⁰); undefined when it is not one.
 * Suffixes as Kubernetes' resource.Quantity (decimal SI and binary), no exponent forms.
 */
export function quantityValue(text: string): number | undefined {
  const match = QUANTITY.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * SUFFIX[match[2] ?? '']!;
}

/**
 * What in `resources` is zero or passes the tier's caps, as `{field, message}` (empty: none).
 * Quantities must already be well formed.
 */
export function resourcesOverCaps(resources: AgentResourceRequest | null | undefined, tier: string): { field: string; message: string }[] {
  if (!resources) return [];
  // An unknown tier (none should reach here) is held to free's.
  const caps = TIER_RESOURCE_CAPS[tier as Tier] ?? TIER_RESOURCE_CAPS.free;
  const over: { field: string; message: string }[] = [];
  if (resources.gpus !== undefined && resources.gpus > caps.gpus) {
    over.push({ field: 'resources.gpus', message: `the ${tier} tier allows at most ${caps.gpus} GPU${caps.gpus === 1 ? '' : 's'} per agent` });
  }
  const cpu = resources.cpu === undefined ? undefined : quantityValue(resources.cpu);
  if (cpu !== undefined && cpu <= 0) over.push({ field: 'resources.cpu', message: 'must be more than 0' });
  if (cpu !== undefined && cpu > caps.cpu) over.push({ field: 'resources.cpu', message: `the ${tier} tier allows at most ${caps.cpu} CPUs per agent` });
  const memory = resources.memory === undefined ? undefined : quantityValue(resources.memory);
  if (memory !== undefined && memory <= 0) over.push({ field: 'resources.memory', message: 'must be more than 0' });
  if (memory !== undefined && memory > caps.memoryBytes) {
    over.push({ field: 'resources.memory', message: `the ${tier} tier allows at most ${caps.memoryBytes / GI}Gi of memory per agent` });
  }
  return over;
}

/**
 * The operator's allow list of agent images (AGENT_IMAGE_ALLOWLIST): glob patterns, matched
 * with picomatch against the whole image reference (`*` stops at `/`, `**` does not), e.g.
 * `registry.example.com/agents/*:*`. Empty: no custom image is allowed.
 */
export class ImageAllowList {
  private readonly matchers: ((image: string) => boolean)[];

  constructor(readonly patterns: readonly string[]) {
    this.matchers = patterns.map((p) => picomatch(p, { dot: true, nonegate: true, noextglob: true }));
  }

  allows(image: string): boolean {
    return this.matchers.some((m) => m(image));
  }
}
