import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { ProjectionReconciler } from '../activities/reconcile.activities';
import { ConfigError, loadConfig, type Config } from '../config/env';
import { createDb } from '../db/connection';
import { createLogger, type Logger } from '../lib/logger';
import { temporalConnectOptions } from '../lib/temporal-connection';
import { activeTracing, startTracing } from '../lib/tracing';
import { newId } from '../lib/ids';
import { createApp } from './app';
import { Quotas } from './limits/quotas';
import { LocalBilling } from './billing/billing-provider';
import { SubscriptionService } from './billing/subscription.service';
import { StripeBilling, stripeClient } from './billing/stripe-billing';
import { StripeWebhooks } from './billing/stripe-webhooks';
import { watchTierChanges } from './billing/tier-changes';
import { RateLimits } from './limits/rate-limits';
import { AuthService } from './auth/auth.service';
import { OidcVerifier } from './auth/oidc';
import { TokenIssuer } from './auth/tokens';
import { EventHub } from './streams/event-hub';
import { PgListener } from '../lib/pg-listener';
import { SessionCache } from './auth/session-cache';
import { CredentialWatch } from './streams/credential-watch';
import { EventStreams } from './streams/event-streams';
import { TaskService } from './tasks/task.service';
import { VisualizationService } from './visualizations/visualization.service';
import { RepositoryPolicy } from '../repositories/url-policy';
import { OrchestrationService } from './orchestrations/orchestration.service';
import { CustomAgentService, modelEndpointOf } from './agents/custom-agent.service';
import { ImageAllowList } from '../lib/custom-agents';
import { SearchAttributesOnce } from '../lib/search-attributes';
import { ApiMetrics, serveMetrics } from '../lib/metrics';
import { QueueDepth } from '../lib/queue-depth';
import { AdminService } from './admin/admin.service';
import { taskQueues } from '../lib/temporal-connection';

export interface RunningApi {
  server: Server;
  url: string;
  /** This process's Prometheus metrics. */
  metrics: ApiMetrics;
  /** `http://host:port/metrics` when METRICS_PORT is set. */
  metricsUrl?: string;
  close(): Promise<void>;
}

/** Starts the API (HTTP and WebSocket on one server) with real dependencies. */
export async function startApi(config: Config, logger: Logger = createLogger({ level: config.LOG_LEVEL, name: 'api' })): Promise<RunningApi> {
  const jwtSecret = config.JWT_SECRET;
  if (!jwtSecret) throw new ConfigError(['JWT_SECRET: is required by the API']);
  const db = createDb({ url: config.DATABASE_URL, poolSize: config.DATABASE_POOL_SIZE, applicationName: 'codex-api', prepareStatements: config.DATABASE_PREPARED_STATEMENTS });
  // Connection.lazy: the API starts (and /readyz reports) even while Temporal is still coming up.
  const connection = Connection.lazy(temporalConnectOptions(config));
  const listener = new PgListener({ databaseUrl: config.DATABASE_URL, logger, applicationName: 'codex-api-listen' });
  const quotas = new Quotas({ enabled: config.QUOTAS_ENABLED, upgradeUrl: config.BILLING_UPGRADE_URL });
  const auth = new AuthService({
    db,
    quotas,
    logger,
    sessionCache: new SessionCache({ ttlMs: config.AUTH_SESSION_CACHE_SECONDS * 1000, listener }),
    apiKeyMode: config.API_KEY_MODE,
    tokens: new TokenIssuer({
      secret: jwtSecret,
      issuer: config.JWT_ISSUER,
      audience: config.JWT_AUDIENCE,
      accessTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      refreshTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
    }),
    ...(config.OIDC_ISSUER && config.OIDC_AUDIENCE
      ? { oidc: new OidcVerifier({ issuer: config.OIDC_ISSUER, audience: config.OIDC_AUDIENCE, jwksUrl: config.OIDC_JWKS_URL }) }
      : {}),
  });
  // With tracing on, a workflow start is a span of the request's trace, continued by the workflow.
  const tracing = activeTracing();
  const temporal = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE, ...(tracing ? { interceptors: { workflow: tracing.workflowClientInterceptors() } } : {}) });
  const searchAttributes = new SearchAttributesOnce(connection, config.TEMPORAL_NAMESPACE, logger);
  // A DELETE of a task whose workflow has closed records what Temporal knows before answering.
  const reconciler = new ProjectionReconciler({ db, client: temporal, logger, config });
  // A readiness probe can outlive its HTTP answer (it is raced with a timeout); closing the
  // connection under it would make its pending gRPC retry throw.
  const probesInFlight = new Set<Promise<unknown>>();
  // One LISTEN connection per process: stream appends, and revoked sessions for the session cache.
  const hub = new EventHub({ db, listener, logger });
  const metrics = new ApiMetrics();
  const queueDepth = new QueueDepth({
    connection,
    namespace: config.TEMPORAL_NAMESPACE,
    taskQueues: Object.values(taskQueues(config)),
    db,
    cacheMs: config.METRICS_BACKLOG_CACHE_SECONDS * 1000,
  });
  metrics.readBacklogFrom(queueDepth);
  const rateLimits = config.RATE_LIMIT_ENABLED
    ? new RateLimits({
        databaseUrl: config.RATE_LIMIT_DATABASE_URL ?? config.DATABASE_URL,
        enterpriseRequestsPerMinute: config.ENTERPRISE_REQUESTS_PER_MINUTE,
        authPerIp: config.AUTH_RATE_LIMIT_PER_IP,
        sharePerIp: config.SHARE_RATE_LIMIT_PER_IP,
        authPerEmail: config.AUTH_RATE_LIMIT_PER_EMAIL,
        logger,
        onRefused: (tier) => metrics.rateLimitRefusals.inc({ tier }),
      })
    : undefined;
  const streams = new EventStreams({
    rateLimits,
    db,
    hub,
    auth,
    credentials: new CredentialWatch({ db, listener, logger }),
    logger,
    docsBaseUrl: config.DOCS_BASE_URL,
    allowedOrigins: config.ALLOWED_ORIGINS,
    maxBufferedBytes: config.STREAM_MAX_BUFFER_BYTES,
    pingIntervalMs: config.STREAM_PING_INTERVAL_MS,
    closeGraceMs: config.STREAM_CLOSE_GRACE_MS,
    onDelivered: (transport, lag) => metrics.streamDeliveryLag.observe({ transport }, lag),
  });
  metrics.countSubscribersWith(() => streams.subscriberCounts());
  const stripe = config.STRIPE_SECRET_KEY ? stripeClient(config.STRIPE_SECRET_KEY, config.STRIPE_API_BASE) : undefined;
  const subscriptions = new SubscriptionService({
    db,
    provider: stripe ? new StripeBilling(stripe) : new LocalBilling(),
    quotas,
    logger,
    graceDays: config.BILLING_GRACE_DAYS,
  });
  watchTierChanges({ listener, db, temporal, logger });
  const stripeWebhooks =
    stripe && config.STRIPE_WEBHOOK_SECRET ? new StripeWebhooks({ db, stripe, secret: config.STRIPE_WEBHOOK_SECRET, logger }) : undefined;
  // Periods that end are ended by whichever API process looks first (each row is locked).
  const sweep = setInterval(() => {
    subscriptions.sweep().catch((err: unknown) => logger.warn({ err }, 'subscription sweep failed; the next pass tries again'));
  }, config.BILLING_SWEEP_INTERVAL_SECONDS * 1000);
  sweep.unref();
  const repositoryPolicy = new RepositoryPolicy({ allowedHosts: config.REPOSITORY_ALLOWED_HOSTS });
  const admin = new AdminService({ db, temporal, queueDepth, logger, temporalUiUrl: config.TEMPORAL_UI_URL, namespace: config.TEMPORAL_NAMESPACE });
  const agents = new CustomAgentService({ db, images: new ImageAllowList(config.AGENT_IMAGE_ALLOWLIST), modelEndpoint: modelEndpointOf(config) });
  const app = createApp({
    subscriptions,
    stripeWebhooks,
    config,
    logger,
    db,
    auth,
    rateLimits,
    tasks: new TaskService({ db, temporal, config, searchAttributes, reconciler, quotas, agents, repositories: repositoryPolicy }),
    orchestrations: new OrchestrationService({ db, temporal, config, searchAttributes, reconciler, quotas, agents, repositories: repositoryPolicy }),
    agents,
    visualizations: new VisualizationService({ db, temporal, config, searchAttributes, reconciler, policy: repositoryPolicy }),
    streams,
    metrics,
    admin,
    temporalProbe: () => {
      const probe = connection.withDeadline(Date.now() + 2_500, () => connection.workflowService.getSystemInfo({}));
      probesInFlight.add(probe);
      probe.then(
        () => probesInFlight.delete(probe),
        () => probesInFlight.delete(probe),
      );
      return probe;
    },
  });

  // The API serves (and /readyz reports) while Postgres is still coming up; streams catch up once it is.
  await listener.start();
  if (config.ADMIN_EMAILS.length) {
    admin.grantAdmins(config.ADMIN_EMAILS).then(
      (granted) => granted && logger.info({ granted }, 'admin role given to ADMIN_EMAILS'),
      (err: unknown) => logger.warn({ err }, 'could not give ADMIN_EMAILS the admin role now; they get it at the next start'),
    );
  }

  const server = createServer(app);
  // A request Node's HTTP parser refuses (a control character in a header, a malformed request
  // line) is answered in the contract's shape instead of a bare 400.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || (err as { code?: string }).code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const requestId = newId('request');
    const body = JSON.stringify({
      error: { code: 'INVALID_REQUEST', message: 'Malformed HTTP request (a header or the request line could not be parsed)', details: { field: 'headers', reason: 'could not be parsed' }, request_id: requestId, documentation_url: `${config.DOCS_BASE_URL}/errors/INVALID_REQUEST` },
    });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nX-Request-Id: ${requestId}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  server.on('upgrade', (req, socket, head) => {
    if (streams.handles(req.url)) {
      void streams.handleUpgrade(req, socket, head);
      return;
    }
    // No WebSocket route matched: refuse before the upgrade.
    streams.refuseUnknownUpgrade(req, socket);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.PORT;
  const url = `http://${config.HOST === '0.0.0.0' ? '127.0.0.1' : config.HOST}:${port}`;
  logger.info({ url }, 'api listening');
  const metricsServer =
    config.METRICS_PORT !== undefined ? await serveMetrics({ host: config.METRICS_HOST, port: config.METRICS_PORT, registries: [metrics.registry], token: config.METRICS_TOKEN }) : undefined;
  const metricsUrl = metricsServer ? `http://${config.METRICS_HOST === '0.0.0.0' ? '127.0.0.1' : config.METRICS_HOST}:${metricsServer.port}/metrics` : undefined;
  if (metricsUrl) logger.info({ url: metricsUrl }, 'metrics listening');

  return {
    server,
    url,
    metrics,
    ...(metricsUrl ? { metricsUrl } : {}),
    async close() {
      clearInterval(sweep);
      await metricsServer?.close();
      await streams.close();
      hub.close();
      await listener.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      await Promise.allSettled([...probesInFlight]);
      await connection.close();
      await rateLimits?.close();
      await db.destroy();
    },
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger({ level: config.LOG_LEVEL, name: 'api' });
  // OpenTelemetry traces over OTLP/HTTP when OTEL_EXPORTER_OTLP_ENDPOINT is set (flushed at stop); otherwise none at all.
  const tracing = startTracing({ serviceName: 'codex-api', endpoint: process.env.OTEL_EXPORTER_OTLP_ENDPOINT });
  const api = await startApi(config, logger);
  const closeApi = api.close.bind(api);
  if (tracing) api.close = async () => (await closeApi(), await tracing.shutdown());
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'api stopping');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    api.close().then(
      () => {
        clearTimeout(force);
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'api stop failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

if (require.main === module) {
  main().catch((err: unknown) => {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`api failed to start: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exit(1);
  });
}
