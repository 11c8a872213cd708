import { readFileSync } from 'node:fs';
import type { Config } from '../config/env';

/** TLS and credentials for Temporal, shared by the client (API) and the worker's native connection. */
export interface TemporalConnectOptions {
  address: string;
  tls?: { clientCertPair?: { crt: Buffer; key: Buffer } } | boolean;
  apiKey?: string;
}

export function temporalConnectOptions(config: Config): TemporalConnectOptions {
  const clientCertPair =
    config.TEMPORAL_TLS_CERT_PATH && config.TEMPORAL_TLS_KEY_PATH
      ? { crt: readFileSync(config.TEMPORAL_TLS_CERT_PATH), key: readFileSync(config.TEMPORAL_TLS_KEY_PATH) }
      : undefined;
  const useTls = config.TEMPORAL_TLS || Boolean(clientCertPair) || Boolean(config.TEMPORAL_API_KEY);
  return {
    address: config.TEMPORAL_ADDRESS,
    ...(useTls ? { tls: clientCertPair ? { clientCertPair } : true } : {}),
    ...(config.TEMPORAL_API_KEY ? { apiKey: config.TEMPORAL_API_KEY } : {}),
  };
}

/** Task queues, split by kind of work so each can be scaled on its own (DESIGN.md). */
export function taskQueues(config: Pick<Config, 'TEMPORAL_TASK_QUEUE_PREFIX'>) {
  const p = config.TEMPORAL_TASK_QUEUE_PREFIX;
  return { agents: `${p}-agents`, general: `${p}-general`, analysis: `${p}-analysis` } as const;
}
