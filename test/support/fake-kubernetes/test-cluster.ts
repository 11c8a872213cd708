import path from 'node:path';
import type { AgentCatalog } from '../../../executors/kubernetes/agent-catalog';
import type { FaultPicker, ImageBehaviour } from './kubelet';
import { startFakeKubernetes, type FakeKubernetes, type FakeKubernetesOptions } from './fake-kubernetes';

/** What the end-to-end tests run on the fake cluster, and the worker settings that point at it. */
const ROOT = path.resolve(__dirname, '../../..');

export const AGENT_NAMESPACE = 'codex-agents';

export const IMAGES = {
  /** test/fixtures/scripted-agent.mjs: behaviour from the spec's `context.script`. */
  scripted: 'registry.fake/codex/scripted-agent:1',
  /** The built-in agents (agents/main.ts): what the Dockerfile's image runs. */
  builtIn: 'registry.fake/codex/agent:1',
  /** Not in the fake registry: its pull fails. */
  missing: 'registry.fake/codex/no-such-agent:1',
} as const;

const images: Record<string, ImageBehaviour> = {
  [IMAGES.scripted]: { run: [process.execPath, path.join(ROOT, 'test/fixtures/scripted-agent.mjs')] },
  [IMAGES.builtIn]: { run: [process.execPath, '--import', 'tsx', path.join(ROOT, 'agents/main.ts')] },
};

/**
 * Faults a task asks for in its spec, `context.fault`, on its first attempt only:
 * `oom_once` (OOMKilled after 2 lines), `evict_once` (evicted after 2 lines).
 */
const specFaults: FaultPicker = (pod, files) => {
  if (pod.metadata.labels?.['codex-cloud.io/attempt'] !== '1' || !files['spec.json']) return undefined;
  const fault = (JSON.parse(files['spec.json']) as { context?: { fault?: string } }).context?.fault;
  if (fault === 'oom_once') return { oomKillAfterLines: 2 };
  if (fault === 'evict_once') return { evictAfterLines: 2 };
  return undefined;
};

/**
 * Agent types on the fake cluster: `general` runs the scripted agent, `security_expert` the
 * built-in agents, `code_expert` an image that cannot be pulled, `test_gen` a spec Kubernetes
 * rejects (a node selector key with a space).
 */
export const TEST_CATALOG: AgentCatalog = {
  defaults: { image: IMAGES.scripted, gpus: 1, cpu: '100m', memory: '256Mi' },
  agents: {
    security_expert: { image: IMAGES.builtIn },
    code_expert: { image: IMAGES.missing },
    test_gen: { nodeSelector: { 'gpu type': 'a100' } },
  },
};

export async function startTestCluster(options: FakeKubernetesOptions = {}): Promise<{ fake: FakeKubernetes; settings: Record<string, string> }> {
  const fake = await startFakeKubernetes({ gpus: 2, images, faults: specFaults, ...options });
  const kubeconfig = await fake.writeKubeconfig(AGENT_NAMESPACE);
  return {
    fake,
    settings: {
      EXECUTOR: 'kubernetes',
      KUBERNETES_KUBECONFIG: kubeconfig,
      KUBERNETES_AGENT_CATALOG: JSON.stringify(TEST_CATALOG),
    },
  };
}
