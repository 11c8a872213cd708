import { existsSync } from 'node:fs';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Runtime } from '@temporalio/worker';
import { loadConfig } from '../config/env';
import { createDb } from '../db/connection';
import { createLogger } from '../lib/logger';
import { temporalConnectOptions } from '../lib/temporal-connection';
import { WORKFLOW_BUNDLE_PATH } from './bundle-workflows';
import { createWorkers } from './create-workers';
import { ensureSearchAttributes } from '../lib/search-attributes';
import { serveMetrics, WorkerMetrics } from '../lib/metrics';
import { freeLoopbackPort } from '../lib/ports';
import { startTracing } from '../lib/tracing';

/** The worker process: polls the task queues in WORKER_QUEUES until SIGINT/SIGTERM. */
async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'worker' });
  // OpenTelemetry traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set; otherwise none at all.
  const tracing = startTracing({ serviceName: 'codex-worker', endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
  if (tracing) logger.info('tracing on: spans exported over OTLP/HTTP to OTEL_EXPORTER_OTLP_ENDPOINT');
  // Temporal's native runtime logs through our logger, at our level. A worker of the agents queue
  // runs no workflows by design: the SDK's warning about it is only information here.
  const expected = (message: string) => message.startsWith('No workflows registered');
  // The Temporal SDK's own worker metrics (its runtime's Prometheus exporter, on a loopback port
  // of its own) are served together with ours on WORKER_METRICS_PORT: one scrape target.
  const sdkMetricsAddress = config.WORKER_METRICS_PORT !== undefined ? `127.0.0.1:${await freeLoopbackPort()}` : undefined;
  Runtime.install({
    ...(sdkMetricsAddress
      ? { telemetryOptions: { metrics: { prometheus: { bindAddress: sdkMetricsAddress, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } } } }
      : {}),
    logger: {
      log: (level, message, meta) =>
        logger[level === 'TRACE' ? 'trace' : level === 'WARN' && expected(message) ? 'debug' : (level.toLowerCase() as 'debug' | 'info' | 'warn' | 'error')](meta ?? {}, message),
      trace: (message, meta) => logger.trace(meta ?? {}, message),
      debug: (message, meta) => logger.debug(meta ?? {}, message),
      info: (message, meta) => logger.info(meta ?? {}, message),
      warn: (message, meta) => (expected(message) ? logger.debug(meta ?? {}, message) : logger.warn(meta ?? {}, message)),
      error: (message, meta) => logger.error(meta ?? {}, message),
    },
    shutdownSignals: [],
  });

  const db = createDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName: 'codex-worker', prepareStatements: config.DATABASE_PREPARED_STATEMENTS });
  const connection = await NativeConnection.connect(temporalConnectOptions(config));
  const client = new Client({
    connection: await Connection.connect(temporalConnectOptions(config)),
    namespace: config.TEMPORAL_NAMESPACE,
    ...(tracing ? { interceptors: { workflow: tracing.workflowClientInterceptors() } } : {}),
  });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, logger);
  // Built by `npm run build`; without it (running from the sources), or with tracing (whose
  // workflow interceptors it lacks), the worker bundles at start.
  const workflowBundle = !tracing && existsSync(WORKFLOW_BUNDLE_PATH) && __filename.endsWith('.js') ? { codePath: WORKFLOW_BUNDLE_PATH } : undefined;
  const metrics = new WorkerMetrics();
  const workers = await createWorkers({ config, connection, client, db, logger, workflowBundle, metrics, ...(tracing ? { tracing } : {}) });
  const metricsServer =
    config.WORKER_METRICS_PORT !== undefined
      ? await serveMetrics({
          host: config.METRICS_HOST,
          port: config.WORKER_METRICS_PORT,
          registries: [metrics.registry],
          token: config.METRICS_TOKEN,
          extra: async () => (await fetch(`http://${sdkMetricsAddress}/metrics`, { signal: AbortSignal.timeout(2_000) })).text(),
        })
      : undefined;
  if (metricsServer) logger.info({ url: `http://${config.METRICS_HOST}:${metricsServer.port}/metrics` }, 'metrics listening');

  const stop = (signal: string) => {
    logger.info({ signal }, 'worker stopping: finishing in-flight tasks');
    for (const worker of workers) worker.shutdown();
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));

  logger.info({ queues: config.WORKER_QUEUES, namespace: config.TEMPORAL_NAMESPACE, executor: config.EXECUTOR }, 'worker running');
  try {
    await Promise.all(workers.map((w) => w.run()));
  } finally {
    await metricsServer?.close();
    await connection.close();
    await client.connection.close();
    await db.destroy();
    // The spans of the last tasks still go out (the batch is flushed).
    await tracing?.shutdown();
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`worker failed: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  process.exit(1);
});
