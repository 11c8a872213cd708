import type { BatchV1Api, CoreV1Api, KubeConfig, Log, Watch } from './kubernetes-types';

/** The API clients the executor uses, bound to one cluster and namespace. */
export interface KubernetesApi {
  kubeConfig: KubeConfig;
  namespace: string;
  batch: BatchV1Api;
  core: CoreV1Api;
  watch: Watch;
  log: Log;
}

export interface KubernetesConnectOptions {
  /** A kubeconfig file; default: $KUBECONFIG, ~/.kube/config, or the pod's service account in a cluster. */
  kubeconfigPath?: string;
  /** Default: the kubeconfig context's namespace (in a cluster: the worker's own), else `default`. */
  namespace?: string;
}

/**
 * Loads the client and the credentials. `@kubernetes/client-node` is an ES module, loaded on
 * first use: a worker that runs agents locally never needs it.
 */
export async function connectKubernetes(options: KubernetesConnectOptions): Promise<KubernetesApi> {
  const k8s = await import('@kubernetes/client-node');
  const kubeConfig = new k8s.KubeConfig();
  if (options.kubeconfigPath) kubeConfig.loadFromFile(options.kubeconfigPath);
  else kubeConfig.loadFromDefault();
  if (!kubeConfig.getCurrentCluster()) throw new Error('No Kubernetes cluster in the kubeconfig (KUBERNETES_KUBECONFIG)');
  const namespace = options.namespace ?? kubeConfig.getContextObject(kubeConfig.getCurrentContext())?.namespace ?? 'default';
  return {
    kubeConfig,
    namespace,
    batch: kubeConfig.makeApiClient(k8s.BatchV1Api),
    core: kubeConfig.makeApiClient(k8s.CoreV1Api),
    watch: new k8s.Watch(kubeConfig),
    log: new k8s.Log(kubeConfig),
  };
}

/** The `Status` of a failed API call: its HTTP code, reason (`AlreadyExists`, `NotFound`, …) and message. */
export interface ApiStatus {
  code: number;
  reason?: string;
  message: string;
}

/** The API server's answer inside a client error (`ApiException`); undefined for other errors. */
export function apiStatus(err: unknown): ApiStatus | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, body } = err as Error & { code?: unknown; body?: unknown };
  if (typeof code !== 'number') return undefined;
  let status: { reason?: unknown; message?: unknown } = {};
  try {
    const parsed: unknown = typeof body === 'string' ? JSON.parse(body) : body;
    if (parsed && typeof parsed === 'object') status = parsed;
  } catch {
    // not a Status object: the code alone tells
  }
  return {
    code,
    reason: typeof status.reason === 'string' ? status.reason : undefined,
    message: typeof status.message === 'string' ? status.message : `HTTP ${code}`,
  };
}

export function isNotFound(err: unknown): boolean {
  return apiStatus(err)?.code === 404;
}
