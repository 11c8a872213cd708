import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime, bundleWorkflowCode, type Worker } from '@temporalio/worker';
import { parseConfig, type Config } from '../../config/env';
import { createDb } from '../../db/connection';
import { randomBase32 } from '../../lib/ids';
import { createLogger } from '../../lib/logger';
import { serveMetrics, WorkerMetrics } from '../../lib/metrics';
import { createWorkers } from '../../workers/create-workers';
import { ensureSearchAttributes } from '../../lib/search-attributes';

export const ROOT = path.resolve(__dirname, '../..');
export const SCRIPTED_AGENT = JSON.stringify([process.execPath, path.join(ROOT, 'test/fixtures/scripted-agent.mjs')]);
/** An agent that answers at once (a shell printing one result line): for tests of what surrounds agents. */
export const TRIVIAL_AGENT = JSON.stringify([
  '/bin/sh',
  '-c',
  `printf '%s\\n' '${JSON.stringify({ type: 'result', result: { summary: 'done', findings: [] }, tokens_used: { prompt: 0, completion: 0, total: 0 }, cost_usd: 0 })}'`,
]);

let bundle: Promise<{ code: string }> | undefined;
let runtimeQuiet = false;

/** The workflow bundle, built once per test file (webpack takes seconds). */
export function workflowBundle(): Promise<{ code: string }> {
  bundle ??= bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: quietLogger });
  return bundle;
}

const quietLogger = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

/** Settings for a test: its own task queues, so test files never take each other's work. */
export function testSettings(overrides: Record<string, string> = {}): Record<string, string> {
  // The analysis queue's workers (repository visualizations) only where a test asks for them.
  return { TEMPORAL_TASK_QUEUE_PREFIX: `t-${randomBase32(8).toLowerCase()}`, AGENT_CANCEL_GRACE_SECONDS: '2', WORKER_QUEUES: 'general,agents', ...overrides };
}

/** The application_name of the in-process test workers' database connections. */
export function workerDbName(): string {
  return `codex-worker-test-${process.pid}`;
}

export interface TestWorkers {
  config: Config;
  /** The workers' task and orchestration metrics. */
  metrics: WorkerMetrics;
  /** `http://127.0.0.1:<port>/metrics` when the settings have WORKER_METRICS_PORT (0: any free port). */
  metricsUrl?: string;
  stop(): Promise<void>;
}

/** Runs the workers of `createWorkers` in this process against the test Temporal server. */
/** Keeps Temporal's native runtime from logging into the test output (once per process). */
export function quietRuntime(): void {
  if (runtimeQuiet) return;
  Runtime.install({ logger: quietLogger, shutdownSignals: [] });
  runtimeQuiet = true;
}

export async function startTestWorkers(settings: Record<string, string>): Promise<TestWorkers> {
  quietRuntime();
  const config = parseConfig({ ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...settings });
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'worker-test' });
  // Named per process, so a test can cut this worker's database connections and no one else's.
  const db = createDb({ url: config.DATABASE_URL, poolSize: 4, applicationName: workerDbName() });
  const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, logger);
  const client = new Client({ connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }), namespace: config.TEMPORAL_NAMESPACE });
  const metrics = new WorkerMetrics();
  const workers: Worker[] = await createWorkers({ config, connection, client, db, logger, workflowBundle: await workflowBundle(), metrics });
  const running = Promise.all(workers.map((w) => w.run()));
  const metricsServer =
    config.WORKER_METRICS_PORT !== undefined ? await serveMetrics({ host: '127.0.0.1', port: config.WORKER_METRICS_PORT, registries: [metrics.registry], token: config.METRICS_TOKEN }) : undefined;
  return {
    config,
    metrics,
    ...(metricsServer ? { metricsUrl: `http://127.0.0.1:${metricsServer.port}/metrics` } : {}),
    async stop() {
      await metricsServer?.close();
      for (const w of workers) w.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await db.destroy();
    },
  };
}

/** A worker in its own OS process (`workers/main.ts` through tsx), to kill it for real. */
export function spawnWorkerProcess(settings: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'workers/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn', ...settings },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}
