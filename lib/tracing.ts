import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, type Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { envDetectorSync, Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, SimpleSpanProcessor, type SpanExporter, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { WorkflowClientInterceptor } from '@temporalio/client';
import { OpenTelemetryWorkflowClientInterceptor } from '@temporalio/interceptors-opentelemetry/lib/client';
import {
  makeWorkflowExporter,
  OpenTelemetryActivityInboundInterceptor,
  OpenTelemetryActivityOutboundInterceptor,
} from '@temporalio/interceptors-opentelemetry/lib/worker';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { onceAnswered, routeTemplate } from './http-route';
import { redactUrl } from './logger';

/**
 * The module of Temporal's OpenTelemetry workflow interceptors (inbound: a `RunWorkflow:<type>`
 * span per run, continuing the starter's trace from the workflow's headers; outbound: a
 * `StartActivity:<type>` span per scheduled activity, whose context travels in the activity's
 * headers). It runs inside the workflow sandbox, so it must be bundled with the workflows
 * (`workflowInterceptorModules` of `bundleWorkflowCode`); its spans leave the sandbox through
 * the `exporter` sink of {@link Tracing.workerSinks}. Deterministic: span and trace IDs come from
 * the workflow's seeded `Math.random`, and the sinks are not called during replay.
 */
export const TRACING_WORKFLOW_MODULES: readonly string[] = [require.resolve('@temporalio/interceptors-opentelemetry/lib/workflow-interceptors')];

/** What {@link startTracing} needs. */
export interface TracingOptions {
  /** The `service.name` of every span of this process: `codex-api` or `codex-worker`. */
  serviceName: string;
  /**
   * The OTLP/HTTP base URL (the value of `OTEL_EXPORTER_OTLP_ENDPOINT`, e.g.
   * `http://collector:4318`): spans are sent to `<endpoint>/v1/traces` in batches. An endpoint
   * that already ends in `/v1/traces` is used as it is. Empty or absent: no OTLP export.
   */
  endpoint?: string;
  /**
   * Where spans go instead of (or besides) OTLP, one by one as each span ends (a
   * `SimpleSpanProcessor`): tests give an `InMemorySpanExporter`.
   */
  exporter?: SpanExporter;
}

/**
 * The tracing of this process, registered globally (the OpenTelemetry API's tracer provider,
 * the AsyncLocalStorage context manager and the W3C trace-context propagator) by
 * {@link startTracing}.
 */
export interface Tracing {
  /** The tracer provider, registered as the global one. */
  readonly provider: NodeTracerProvider;
  /** The resource of every span of this process (its `service.name` among the attributes). */
  readonly resource: Resource;
  /**
   * Interceptors for a Temporal `Client` (`interceptors: { workflow: … }`): starting, signalling,
   * querying… a workflow is a client span (`StartWorkflow:<type>`, child of the active span), and
   * its context travels to the workflow in the request's headers. A new array each call.
   */
  workflowClientInterceptors(): WorkflowClientInterceptor[];
  /**
   * Interceptors for `Worker.create`: the workflow interceptor module
   * ({@link TRACING_WORKFLOW_MODULES}; used only when the worker bundles the workflows itself)
   * and the activity interceptors (a `RunActivity:<type>` span around each activity, child of the
   * workflow's `StartActivity` span and active while the activity runs, so its log lines carry
   * its trace; trace fields on the SDK's own activity log lines too).
   */
  workerInterceptors(): Required<Pick<WorkerInterceptors, 'workflowModules' | 'activity'>>;
  /** The sinks for `Worker.create` (`sinks`): the workflow spans' way out of the sandbox. */
  workerSinks(): InjectedSinks<OpenTelemetrySinks>;
  /**
   * An Express middleware that wraps each request in a SERVER span (see {@link traceHttpRequests},
   * which is the same middleware gated on the tracing of the process).
   */
  httpMiddleware(): RequestHandler;
  /** Exports every ended span now. Resolves when they are sent (or the export failed: never rejects). */
  forceFlush(): Promise<void>;
  /**
   * Flushes, stops the span processors and the exporter, and unregisters the global provider,
   * context manager and propagator (the process runs untraced afterwards). Never rejects.
   */
  shutdown(): Promise<void>;
}

/** The tracing started by {@link startTracing} and not shut down yet. */
let active: Tracing | undefined;

/** The tracing of this process, or undefined when it is off (see {@link startTracing}). */
export function activeTracing(): Tracing | undefined {
  return active;
}

/**
 * Starts OpenTelemetry tracing for this process when there is somewhere to send the spans: an
 * OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`, read by the caller) or an exporter. Without
 * either it does nothing at all and returns undefined: no provider is registered, the logger's
 * trace fields stay empty, Temporal interceptors are not installed, and the HTTP middleware only
 * checks {@link activeTracing} per request.
 *
 * The resource has `service.name` = `options.serviceName`, the SDK's default attributes, and
 * those of `OTEL_RESOURCE_ATTRIBUTES` (which cannot change `service.name`).
 *
 * @throws Error when tracing is running already in this process (shut it down first).
 */
export function startTracing(options: TracingOptions): Tracing | undefined {
  const endpoint = options.endpoint?.trim();
  if (!endpoint && !options.exporter) return undefined;
  if (active) throw new Error('tracing is running already in this process');

  const resource = new Resource({
    ...Resource.default().attributes,
    ...envDetectorSync.detect().attributes,
    'service.name': options.serviceName,
  });
  const spanProcessors: SpanProcessor[] = [];
  if (endpoint) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(endpoint) })));
  if (options.exporter) spanProcessors.push(new SimpleSpanProcessor(options.exporter));
  const provider = new NodeTracerProvider({ resource, mergeResourceWithDefaults: false, spanProcessors });
  // The global provider, the AsyncLocalStorage context manager, the W3C trace-context propagator.
  provider.register();
  const httpTracer = provider.getTracer('codex-cloud/http');
  const middleware: RequestHandler = (req, res, next) => traceRequest(httpTracer, req, res, next);
  // Workflow spans arrive from the sandbox as plain data and go through the same processors.
  const workflowProcessor: SpanProcessor = {
    onStart: () => undefined,
    onEnd: (span) => spanProcessors.forEach((p) => p.onEnd(span)),
    forceFlush: async () => undefined,
    shutdown: async () => undefined,
  };

  const tracing: Tracing = {
    provider,
    resource,
    workflowClientInterceptors: () => [new OpenTelemetryWorkflowClientInterceptor()],
    workerInterceptors: () => ({
      workflowModules: [...TRACING_WORKFLOW_MODULES],
      activity: [(ctx) => ({ inbound: new OpenTelemetryActivityInboundInterceptor(ctx), outbound: new OpenTelemetryActivityOutboundInterceptor(ctx) })],
    }),
    workerSinks: () => ({ exporter: makeWorkflowExporter(workflowProcessor, resource) }),
    httpMiddleware: () => middleware,
    forceFlush: () => provider.forceFlush().catch(() => undefined),
    async shutdown() {
      if (active === tracing) active = undefined;
      await provider.shutdown().catch(() => undefined);
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
  active = tracing;
  return tracing;
}

/** `<endpoint>/v1/traces` (OTEL_EXPORTER_OTLP_ENDPOINT is a base URL); an endpoint that names the path already, as it is. */
export function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

/**
 * The Express middleware of HTTP server spans, for `app.use` before the routes: while tracing
 * is off ({@link activeTracing} undefined) a request costs one check. While it is on, each
 * request is a SERVER span named `<METHOD> <route template>` (`POST /v1/agents/execute`; only
 * `<METHOD>` when no route matched), continuing the caller's trace when the request has a
 * `traceparent` header, with the attributes `http.request.method`, `http.route`,
 * `http.response.status_code`, `url.path` (credentials removed) and `codex.request_id`; status
 * ERROR for a 5xx answer. The span is the active one for all the request's work (the Temporal
 * client's spans become its children; log lines carry its trace). It ends when the answer is
 * sent or the connection closes.
 */
export function traceHttpRequests(): RequestHandler {
  return (req, res, next) => {
    if (!active) {
      next();
      return;
    }
    active.httpMiddleware()(req, res, next);
  };
}

function traceRequest(tracer: Tracer, req: Request, res: Response, next: NextFunction): void {
  const parent = propagation.extract(ROOT_CONTEXT, req.headers);
  const span = tracer.startSpan(
    req.method,
    {
      kind: SpanKind.SERVER,
      attributes: {
        'http.request.method': req.method,
        'url.path': redactUrl(req.path),
        ...(req.requestId ? { 'codex.request_id': req.requestId } : {}),
      },
    },
    parent,
  );
  const spanContext = trace.setSpan(parent, span);
  onceAnswered(res, () => {
    // The route template is known only once the router has matched (as for the HTTP metrics).
    const template = routeTemplate(req);
    if (template) {
      span.updateName(`${req.method} ${template}`);
      span.setAttribute('http.route', template);
    }
    span.setAttribute('http.response.status_code', res.statusCode);
    if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
    if (!res.writableFinished) span.setAttribute('codex.response.aborted', true);
    span.end();
  });
  // Body parsing and the like run in the listeners of the request's streams, which Node calls
  // outside this request's async context: bind them to it.
  context.bind(spanContext, req);
  context.bind(spanContext, res);
  context.with(spanContext, next);
}
