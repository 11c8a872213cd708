import express, { type Express } from 'express';
import type { Config } from '../config/env';
import type { Db } from '../db/connection';
import type { Logger } from '../lib/logger';
import type { AuthService } from './auth/auth.service';
import type { RateLimits } from './limits/rate-limits';
import type { SubscriptionService } from './billing/subscription.service';
import type { StripeWebhooks } from './billing/stripe-webhooks';
import { registerSubscriptionRoutes } from './routes/subscription.routes';
import { errorHandler, notFound, requestContext } from './http/middleware';
import { ApiRoutes } from './http/routes';
import { registerAuthRoutes } from './routes/auth.routes';
import { docsRouter } from './routes/docs.routes';
import { registerHealthRoutes, type ReadinessProbe } from './routes/health.routes';
import { registerOrchestrationRoutes } from './routes/orchestrations.routes';
import { registerTaskRoutes } from './routes/tasks.routes';
import type { OrchestrationService } from './orchestrations/orchestration.service';
import type { EventStreams } from './streams/event-streams';
import type { TaskService } from './tasks/task.service';
import type { VisualizationService } from './visualizations/visualization.service';
import { registerVisualizationRoutes } from './routes/visualization.routes';
import { pageRouter } from './routes/page.routes';
import type { CustomAgentService } from './agents/custom-agent.service';
import { registerCustomAgentRoutes } from './routes/custom-agents.routes';
import { answerMetrics, hasMetricsToken, type ApiMetrics } from '../lib/metrics';
import { ApiError } from './errors';
import { traceHttpRequests } from '../lib/tracing';
import { onceAnswered, routeTemplate } from '../lib/http-route';
import type { AdminService } from './admin/admin.service';
import { registerAdminRoutes } from './routes/admin.routes';

export interface AppDeps {
  config: Config;
  logger: Logger;
  db: Db;
  auth: AuthService;
  /** Per-minute limits; absent when RATE_LIMIT_ENABLED is false. */
  rateLimits?: RateLimits;
  subscriptions: SubscriptionService;
  /** POST /v1/webhooks/stripe, when billing runs on Stripe. */
  stripeWebhooks?: StripeWebhooks;
  tasks: TaskService;
  orchestrations: OrchestrationService;
  visualizations: VisualizationService;
  agents: CustomAgentService;
  streams: EventStreams;
  /** Resolves when Temporal answers (for /readyz). */
  temporalProbe: ReadinessProbe;
  version?: string;
  /** Prometheus metrics of this process; `/metrics` on the API port answers only with METRICS_TOKEN. */
  metrics?: ApiMetrics;
  /** The admin API (/v1/admin/*). */
  admin?: AdminService;
}

/** The Express application: every route of API.md, one error middleware, the OpenAPI document. */
export function createApp(deps: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  // No automatic (weak) ETags on JSON answers: the only ETags are those a route means, a custom
  // agent's "v<version>", which If-Match compares strongly. Page assets keep sendFile's own.
  app.set('etag', false);
  // X-Forwarded-For names the client only behind the proxies TRUST_PROXY names (default none).
  app.set('trust proxy', deps.config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(requestContext(deps.logger));
  app.use(traceHttpRequests());
  if (deps.metrics) app.use(recordHttpMetrics(deps.metrics));
  // /metrics on the API port only behind METRICS_TOKEN (else 404 like any unknown path): never public by accident.
  const metricsToken = deps.config.METRICS_TOKEN;
  if (deps.metrics && metricsToken) {
    const registry = deps.metrics.registry;
    app.get('/metrics', (req, res, next) => {
      // The API port answers in the contract's shape; the metrics port in plain text.
      if (!hasMetricsToken(req.get('authorization'), metricsToken)) return next(ApiError.unauthorized('metrics need Authorization: Bearer <METRICS_TOKEN>'));
      void answerMetrics(req, res, [registry], {});
    });
  }

  // Bodies are parsed per route, after the caller is admitted (ApiRoutes).
  const routes = new ApiRoutes((req) => deps.auth.authenticate(req), { bodyLimit: deps.config.BODY_LIMIT, rateLimits: deps.rateLimits });
  registerHealthRoutes(routes, { db: deps.db, temporalProbe: deps.temporalProbe });
  registerAuthRoutes(routes, deps.auth);
  registerTaskRoutes(routes, deps.tasks, {
    defaultTimeLimitSeconds: deps.config.TASK_TIME_LIMIT_SECONDS,
    maxTimeLimitSeconds: deps.config.TASK_MAX_TIME_LIMIT_SECONDS,
  });
  registerOrchestrationRoutes(routes, deps.orchestrations);
  registerCustomAgentRoutes(routes, deps.agents, deps.tasks, {
    defaultTimeLimitSeconds: deps.config.TASK_TIME_LIMIT_SECONDS,
    maxTimeLimitSeconds: deps.config.TASK_MAX_TIME_LIMIT_SECONDS,
  });
  registerSubscriptionRoutes(routes, deps.subscriptions, deps.rateLimits);
  registerVisualizationRoutes(routes, deps.visualizations, { maxCommits: deps.config.REPOSITORY_MAX_COMMITS });
  if (deps.admin) registerAdminRoutes(routes, deps.admin);
  deps.streams.document(routes.registry);

  let document: object | undefined;
  app.get('/v1/openapi.json', (_req, res) => {
    document ??= routes.document({ version: deps.version ?? '0.1.0', serverUrl: deps.config.PUBLIC_URL });
    res.json(document);
  });
  if (deps.stripeWebhooks) {
    app.use(deps.stripeWebhooks.router());
    routes.allow('/v1/webhooks/stripe', ['post']);
    deps.stripeWebhooks.document(routes.registry);
  }
  app.use(routes.answerOptions());
  app.use(docsRouter());
  app.use(pageRouter(deps.visualizations));
  app.use(deps.streams.router());
  app.use(routes.router);

  // Paths served outside the routes table, for 405 answers: streams, the document, the explorer.
  for (const kind of ['agents/tasks/{task_id}', 'agents/orchestrations/{orchestration_id}', 'visualize/{visualization_id}']) {
    routes.allow(`/v1/${kind}/events`, ['get']);
    routes.allow(`/v1/${kind}/stream`, ['get']);
  }
  routes.allow('/v1/openapi.json', ['get']);
  routes.allow('/v1/docs', ['get']);
  app.use(routes.countUnrouted());
  app.use(routes.methodNotAllowed());
  app.use(notFound);
  app.use(errorHandler(deps.config.DOCS_BASE_URL));
  return app;
}

/** The methods of RFC 9110 and PATCH (RFC 5789); any other (WebDAV's, …) is counted as `other`. */
const STANDARD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);

/**
 * Counts each answer and its time by route template (`/v1/agents/tasks/:task_id`), method and
 * status. A request no route matched counts as `unmatched`: raw paths would be unbounded labels.
 */
function recordHttpMetrics(metrics: ApiMetrics): express.RequestHandler {
  return (req, res, next) => {
    const started = process.hrtime.bigint();
    onceAnswered(res, () => {
      const labels = { route: routeTemplate(req) ?? 'unmatched', method: STANDARD_METHODS.has(req.method) ? req.method : 'other', status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  };
}
