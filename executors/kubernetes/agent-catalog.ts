import { z } from 'zod';
import type { AgentResourceRequest } from '../../lib/custom-agents';

/**
 * The agent catalogue of the Kubernetes executor: per agent type, the image and what its pod
 * asks of the cluster. Given as JSON in `KUBERNETES_AGENT_CATALOG`:
 *
 *   {"defaults": {"image": "registry.example.com/codex-agent:1.4", "gpus": 1, "memory": "4Gi"},
 *    "agents": {"security_expert": {"memory": "8Gi", "nodeSelector": {"gpu": "a100"}}}}
 *
 * An agent type's entry is laid over `defaults` field by field, and `defaults` over
 * `BUILT_IN_AGENT_RESOURCES`; `env` merges variable by variable (an agent type's own win).
 */
const QUANTITY = /^\d+(\.\d+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const quantity = z
  .union([z.number().positive(), z.string().regex(QUANTITY, 'must be a Kubernetes quantity such as 500m, 2 or 8Gi')])
  .transform(String);
const objectName = z.string().max(253).regex(DNS_SUBDOMAIN, 'must be a Kubernetes object name (lowercase letters, digits, - and .)');

const tolerationSchema = z.strictObject({
  key: z.string().min(1).optional(),
  operator: z.enum(['Exists', 'Equal']).optional(),
  value: z.string().optional(),
  effect: z.enum(['NoSchedule', 'PreferNoSchedule', 'NoExecute']).optional(),
  tolerationSeconds: z.int().min(0).optional(),
});
export type Toleration = z.infer<typeof tolerationSchema>;

export const agentResourcesSchema = z.strictObject({
  /** The container image that runs the agent program (the agent protocol on stdout). */
  image: z.string().min(1).optional(),
  /** `nvidia.com/gpu` requested (and limited to). */
  gpus: z.int().min(0).max(64).optional(),
  /** CPU requested (not limited: a limit only throttles). */
  cpu: quantity.optional(),
  /** Memory requested and limited to; past it the container is OOMKilled (and retried). */
  memory: quantity.optional(),
  nodeSelector: z.record(z.string(), z.string()).optional(),
  /** Default: tolerate the `nvidia.com/gpu` taint when GPUs are requested, else none. */
  tolerations: z.array(tolerationSchema).optional(),
  runtimeClassName: objectName.optional(),
  priorityClassName: objectName.optional(),
  imagePullSecrets: z.array(objectName).optional(),
  /** Plain environment variables of the agent (e.g. `LLM_BASE_URL`, `LLM_MODEL`). */
  env: z.record(z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be an environment variable name'), z.string()).optional(),
  /** A Secret whose keys become environment variables of the agent (e.g. `LLM_API_KEY`). */
  envFromSecret: objectName.optional(),
});
export type AgentResourcesInput = z.infer<typeof agentResourcesSchema>;

export const agentCatalogSchema = z.strictObject({
  defaults: agentResourcesSchema.default({}),
  agents: z.record(z.string().min(1), agentResourcesSchema).default({}),
});
export type AgentCatalog = z.infer<typeof agentCatalogSchema>;

/** `KUBERNETES_AGENT_CATALOG`'s text: JSON of `agentCatalogSchema`. */
export const agentCatalogJson = z
  .string()
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: `is not valid JSON: ${(err as Error).message}` });
      return z.NEVER;
    }
  })
  .pipe(agentCatalogSchema);

/** What one agent type's pod gets: every field settled. */
export interface AgentResources {
  image: string;
  gpus: number;
  cpu: string;
  memory: string;
  nodeSelector: Record<string, string>;
  tolerations: Toleration[];
  runtimeClassName?: string;
  priorityClassName?: string;
  imagePullSecrets: string[];
  env: Record<string, string>;
  envFromSecret?: string;
}

/** Used where neither the agent type's entry nor `defaults` says otherwise. */
export const BUILT_IN_AGENT_RESOURCES = {
  /** Built from this repository's Dockerfile (`docker build -t codex-cloud-agent .`). */
  image: 'codex-cloud-agent:latest',
  gpus: 1,
  cpu: '1',
  memory: '2Gi',
} as const;

const GPU_TOLERATION: Toleration = { key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' };

export const EMPTY_AGENT_CATALOG: AgentCatalog = { defaults: {}, agents: {} };

/**
 * What the pod of `agentType` gets: `BUILT_IN_AGENT_RESOURCES`, under the catalogue's
 * `defaults`, under its entry for the type, under a custom agent's own image and resources
 * (checked against AGENT_IMAGE_ALLOWLIST and the tier's caps when the agent was saved).
 */
export function resolveAgentResources(
  catalog: AgentCatalog,
  agentType: string,
  custom?: { image: string | null; resources: AgentResourceRequest | null },
): AgentResources {
  const own = { image: custom?.image ?? undefined, gpus: custom?.resources?.gpus, cpu: custom?.resources?.cpu, memory: custom?.resources?.memory };
  const merged = { ...BUILT_IN_AGENT_RESOURCES, ...definedOnly(catalog.defaults), ...definedOnly(catalog.agents[agentType] ?? {}), ...definedOnly(own) };
  return {
    image: merged.image,
    gpus: merged.gpus,
    cpu: merged.cpu,
    memory: merged.memory,
    nodeSelector: merged.nodeSelector ?? {},
    tolerations: merged.tolerations ?? (merged.gpus > 0 ? [GPU_TOLERATION] : []),
    runtimeClassName: merged.runtimeClassName,
    priorityClassName: merged.priorityClassName,
    imagePullSecrets: merged.imagePullSecrets ?? [],
    // Environment variables merge: an agent type's own are laid over those of `defaults`.
    env: { ...catalog.defaults.env, ...catalog.agents[agentType]?.env },
    envFromSecret: merged.envFromSecret,
  };
}

/** Keeps a spread from overwriting a default with an explicit `undefined`. */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
