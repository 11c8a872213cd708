import { agentCatalogJson, resolveAgentResources, EMPTY_AGENT_CATALOG } from './agent-catalog';

it('defaults every agent type to the reference image with one GPU (and its taint tolerated)', () => {
  expect(resolveAgentResources(EMPTY_AGENT_CATALOG, 'general')).toEqual({
    image: 'codex-cloud-agent:latest',
    gpus: 1,
    cpu: '1',
    memory: '2Gi',
    nodeSelector: {},
    tolerations: [{ key: 'nvidia.com/gpu', operator: 'Exists', effect: 'NoSchedule' }],
    imagePullSecrets: [],
    env: {},
  });
});

it('lays an agent type over the defaults, field by field', () => {
  const catalog = agentCatalogJson.parse(
    JSON.stringify({ defaults: { image: 'r/agent:2', memory: '4Gi', tolerations: [] }, agents: { test_gen: { gpus: 0, cpu: 0.5 } } }),
  );
  expect(resolveAgentResources(catalog, 'test_gen')).toMatchObject({ image: 'r/agent:2', memory: '4Gi', gpus: 0, cpu: '0.5', tolerations: [] });
  expect(resolveAgentResources(catalog, 'code_expert')).toMatchObject({ image: 'r/agent:2', gpus: 1, cpu: '1' });
});

it('rejects bad JSON, unknown fields and malformed quantities with the reason', () => {
  expect(agentCatalogJson.safeParse('{').error?.issues[0]?.message).toMatch(/not valid JSON/);
  expect(agentCatalogJson.safeParse('{"defaults":{"gpu":1}}').success).toBe(false);
  expect(agentCatalogJson.safeParse('{"agents":{"x":{"memory":"lots"}}}').error?.issues[0]?.message).toMatch(/Kubernetes quantity/);
  expect(agentCatalogJson.safeParse('{"agents":{"x":{"runtimeClassName":"Not_Valid"}}}').success).toBe(false);
});

it("merges an agent type's environment over the defaults' rather than replacing it", () => {
  const catalog = agentCatalogJson.parse(
    JSON.stringify({ defaults: { env: { LLM_BASE_URL: 'http://llm:8000/v1', LLM_MODEL: 'small' } }, agents: { security_expert: { env: { LLM_MODEL: 'large' } } } }),
  );
  expect(resolveAgentResources(catalog, 'security_expert').env).toEqual({ LLM_BASE_URL: 'http://llm:8000/v1', LLM_MODEL: 'large' });
  expect(resolveAgentResources(catalog, 'general').env).toEqual({ LLM_BASE_URL: 'http://llm:8000/v1', LLM_MODEL: 'small' });
});

it("lays a custom agent's image and resources over its type's entry, and drops the GPU toleration with its GPUs", () => {
  const catalog = agentCatalogJson.parse(JSON.stringify({ defaults: { image: 'r/agent:2', memory: '4Gi' }, agents: { security_expert: { cpu: '2', nodeSelector: { pool: 'gpu' } } } }));
  const custom = { image: 'registry.example.com/agents/reviewer:1.2', resources: { gpus: 0, memory: '1Gi' } };
  expect(resolveAgentResources(catalog, 'security_expert', custom)).toMatchObject({
    image: 'registry.example.com/agents/reviewer:1.2',
    gpus: 0,
    cpu: '2',
    memory: '1Gi',
    nodeSelector: { pool: 'gpu' },
    tolerations: [],
  });
  // Unset fields of the custom agent keep the catalogue's.
  expect(resolveAgentResources(catalog, 'security_expert', { image: null, resources: null })).toMatchObject({ image: 'r/agent:2', gpus: 1, cpu: '2', memory: '4Gi' });
});
