import { promises as fs } from 'node:fs';
import path from 'node:path';
import { context, isSpanContextValid, propagation, SpanKind, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { Client, Connection } from '@temporalio/client';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import type { DestinationStream } from 'pino';
import { parseConfig } from '../config/env';
import { createDb } from '../db/connection';
import { createLogger } from '../lib/logger';
import { ensureSearchAttributes } from '../lib/search-attributes';
import { activeTracing, startTracing, TRACING_WORKFLOW_MODULES, tracesUrl, type Tracing } from '../lib/tracing';
import { createWorkers } from '../workers/create-workers';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { HISTORIES_DIR } from './support/histories';
import { eventually } from './support/stream-client';
import { quietRuntime, SCRIPTED_AGENT, testSettings, workflowBundle } from './support/worker-harness';

/** Log lines written to a pino destination, parsed. */
function logCapture(): { stream: DestinationStream; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, stream: { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) } };
}

describe('tracing off (no OTEL_EXPORTER_OTLP_ENDPOINT)', () => {
  it('starts nothing and registers nothing: no tracer provider, no propagator, no trace fields in logs', () => {
    expect(startTracing({ serviceName: 'codex-api' })).toBeUndefined();
    expect(startTracing({ serviceName: 'codex-api', endpoint: '' })).toBeUndefined();
    expect(startTracing({ serviceName: 'codex-worker', endpoint: '  ' })).toBeUndefined();
    expect(activeTracing()).toBeUndefined();

    // The OpenTelemetry API has only its no-op provider: spans are non-recording with an invalid context.
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    expect(isSpanContextValid(span.spanContext())).toBe(false);
    // No propagator: nothing would be injected into a workflow's headers.
    const carrier: Record<string, string> = {};
    context.with(trace.setSpan(context.active(), span), () => propagation.inject(context.active(), carrier));
    expect(carrier).toEqual({});
    span.end();

    const log = logCapture();
    createLogger({ level: 'info', name: 'untraced', destination: log.stream }).info({ a: 1 }, 'untraced line');
    expect(log.lines).toHaveLength(1);
    expect(log.lines[0]).not.toHaveProperty('trace_id');
    expect(log.lines[0]).not.toHaveProperty('span_id');
  });

  it('sends OTLP spans to <OTEL_EXPORTER_OTLP_ENDPOINT>/v1/traces', () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('http://collector:4318/')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('https://otel.example/v1/traces')).toBe('https://otel.example/v1/traces');
  });
});

describe('tracing on: one trace from the HTTP request to the agent run', () => {
  const exporter = new InMemorySpanExporter();
  const apiLog = logCapture();
  const workerLog = logCapture();
  let tracing: Tracing;
  let api: TestApi;
  let stopWorkers: () => Promise<void>;
  let temporal: Client;

  beforeAll(async () => {
    quietRuntime();
    tracing = startTracing({ serviceName: 'codex-test', exporter })!;
    expect(tracing).toBeDefined();
    expect(activeTracing()).toBe(tracing);
    expect(() => startTracing({ serviceName: 'again', exporter })).toThrow(/running already/);

    const settings = testSettings({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, LOG_LEVEL: 'info', TASK_ESTIMATE_CACHE_SECONDS: '0' });
    api = await startTestApi(settings, { logTo: apiLog.stream });

    // The workers of createWorkers in this process, as test/support/worker-harness.ts runs them,
    // with the tracing handle and their log lines captured.
    const config = parseConfig({ ...process.env, ...settings });
    const logger = createLogger({ level: 'info', name: 'worker-test', destination: workerLog.stream });
    const db = createDb({ url: config.DATABASE_URL, poolSize: 4, applicationName: `codex-worker-tracing-test-${process.pid}` });
    const connection = await NativeConnection.connect({ address: config.TEMPORAL_ADDRESS });
    await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, logger);
    const client = new Client({
      connection: await Connection.connect({ address: config.TEMPORAL_ADDRESS }),
      namespace: config.TEMPORAL_NAMESPACE,
      interceptors: { workflow: tracing.workflowClientInterceptors() },
    });
    const workers = await createWorkers({ config, connection, client, db, logger, tracing });
    const running = Promise.all(workers.map((w) => w.run()));
    temporal = client;
    stopWorkers = async () => {
      for (const w of workers) w.shutdown();
      await running;
      await connection.close();
      await client.connection.close();
      await db.destroy();
    };
  }, 120_000);

  afterAll(async () => {
    await stopWorkers?.();
    await api?.close();
    await tracing?.shutdown();
    // Shut down, the process is untraced again.
    expect(activeTracing()).toBeUndefined();
    expect(trace.getTracer('probe').startSpan('probe').isRecording()).toBe(false);
  });

  it('covers the HTTP request, the workflow start, the workflow, its activities and the agent run, with the trace ID in their log lines', async () => {
    const user = await registerUser(api, 'tracing');
    const resultLine = JSON.stringify({ type: 'result', result: { summary: 'traced', findings: [] }, tokens_used: { prompt: 1, completion: 1, total: 2 }, cost_usd: 0 });
    const res = await api.request('POST', '/v1/agents/execute', {
      token: user.access,
      // A line outside the agent protocol makes the runAgent activity log a warning (then the result).
      body: { task: 'Trace this', agent_type: 'code_expert', context: { script: { steps: 2, delay_ms: 10, raw_lines: ['plain text, not a protocol line', resultLine] } } },
    });
    expect(res.status).toBe(202);
    const taskId = res.body.task_id as string;
    const done = await eventually(
      async () => {
        const got = await api.request('GET', `/v1/agents/tasks/${taskId}`, { token: user.access });
        return ['completed', 'failed', 'cancelled', 'timed_out'].includes(got.body.status) ? got.body : undefined;
      },
      60_000,
      `task ${taskId} to end`,
    );
    expect(done).toMatchObject({ status: 'completed', result: { summary: 'traced' } });

    // The workflow's span ends with the workflow, after the task's final record.
    await temporal.workflow.getHandle(taskId).result();
    const spans = await eventually(async () => {
      await tracing.forceFlush();
      const all = exporter.getFinishedSpans();
      const http = all.find((s) => s.name === 'POST /v1/agents/execute' && s.attributes['codex.request_id'] === res.headers.get('x-request-id'));
      const traceId = http?.spanContext().traceId;
      const inTrace = all.filter((s) => s.spanContext().traceId === traceId);
      return inTrace.some((s) => s.name === 'RunWorkflow:agentTask') && inTrace.some((s) => s.name === 'RunActivity:finishTask') ? inTrace : undefined;
    }, 15_000, 'the spans of the task');

    const one = (name: string): ReadableSpan => {
      const found = spans.filter((s) => s.name === name);
      expect({ name, count: found.length }).toEqual({ name, count: 1 });
      return found[0]!;
    };
    const childOf = (child: ReadableSpan, parent: ReadableSpan) => expect({ span: child.name, parent: child.parentSpanId }).toEqual({ span: child.name, parent: parent.spanContext().spanId });

    // The HTTP server span is the trace's root.
    const http = one('POST /v1/agents/execute');
    expect(http.kind).toBe(SpanKind.SERVER);
    expect(http.parentSpanId).toBeUndefined();
    expect(http.attributes).toMatchObject({ 'http.request.method': 'POST', 'http.route': '/v1/agents/execute', 'http.response.status_code': 202, 'url.path': '/v1/agents/execute' });
    const traceId = http.spanContext().traceId;
    expect(http.resource.attributes['service.name']).toBe('codex-test');

    // The API's workflow start, a child of the request's span; the workflow continues it.
    const start = one('StartWorkflow:agentTask');
    childOf(start, http);
    expect(start.attributes).toMatchObject({ temporalWorkflowId: taskId });
    const run = one('RunWorkflow:agentTask');
    childOf(run, start);

    // Each activity: scheduled by the workflow (StartActivity, in the sandbox), run by a worker (RunActivity).
    for (const activity of ['startTask', 'runAgent', 'finishTask']) {
      const scheduled = one(`StartActivity:${activity}`);
      childOf(scheduled, run);
      const ran = one(`RunActivity:${activity}`);
      childOf(ran, scheduled);
      expect(ran.attributes).toMatchObject({ temporalWorkflowId: taskId });
    }
    const agentRun = one('RunActivity:runAgent');

    // Every span of the trace hangs off another of the trace (the root aside): no broken links.
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    expect(spans.filter((s) => s !== http && !ids.has(s.parentSpanId ?? '')).map((s) => s.name)).toEqual([]);
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    // The log line the agent run wrote carries the trace, and the activity's span.
    const warning = workerLog.lines.find((l) => l.msg === 'agent wrote a line outside the protocol; ignored' && l.task_id === taskId);
    expect(warning).toMatchObject({ trace_id: traceId, span_id: agentRun.spanContext().spanId });
    // And so does the API's line about the request.
    const requestLine = apiLog.lines.find((l) => l.msg === 'request' && l.url === '/v1/agents/execute' && l.request_id === res.headers.get('x-request-id'));
    expect(requestLine).toMatchObject({ trace_id: traceId, span_id: http.spanContext().spanId });
    // Lines outside any span have no trace fields.
    expect(apiLog.lines.find((l) => l.msg === 'api listening')).not.toHaveProperty('trace_id');

    // Turning tracing off is safe for runs traced so far: the traced history replays on the bundle without the interceptors.
    const history = await temporal.workflow.getHandle(taskId).fetchHistory();
    await Worker.runReplayHistory({ workflowBundle: await workflowBundle(), replayName: 'tracing-off' }, history, taskId);
  }, 120_000);

  it('continues the trace of a caller that sends a traceparent header', async () => {
    const callerTrace = '4bf92f3577b34e0ea8d0b6c3a1b2c3d4';
    const callerSpan = '00f067aa0ba902b7';
    const res = await api.request('GET', '/healthz', { headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` } });
    expect(res.status).toBe(200);
    const span = await eventually(async () => exporter.getFinishedSpans().find((s) => s.name === 'GET /healthz' && s.spanContext().traceId === callerTrace), 5_000, 'the span of GET /healthz');
    expect(span.parentSpanId).toBe(callerSpan);
    expect(span.attributes).toMatchObject({ 'http.route': '/healthz', 'http.response.status_code': 200 });

    // No route: the span is named by the method only, with no http.route.
    const missing = await api.request('GET', '/no/such/path', { headers: { traceparent: `00-${callerTrace}-${callerSpan}-01` } });
    expect(missing.status).toBe(404);
    const unmatched = await eventually(async () => exporter.getFinishedSpans().find((s) => s.spanContext().traceId === callerTrace && s.attributes['url.path'] === '/no/such/path'), 5_000, 'the span of the 404');
    expect(unmatched.name).toBe('GET');
    expect(unmatched.attributes).not.toHaveProperty('http.route');
    expect(unmatched.attributes['http.response.status_code']).toBe(404);
  });

  it('turning tracing on is safe for runs in flight: every recorded history replays with the tracing interceptors', async () => {
    const { code } = await bundleWorkflowCode({
      workflowsPath: require.resolve('../workflows'),
      workflowInterceptorModules: [...TRACING_WORKFLOW_MODULES],
      logger: { log: () => undefined, trace: () => undefined, debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined },
    });
    const files = (await fs.readdir(HISTORIES_DIR, { recursive: true })).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(10);
    const histories = await Promise.all(
      files.map(async (file) => ({ workflowId: file.replace(/\.json$/, ''), history: historyFromJSON(JSON.parse(await fs.readFile(path.join(HISTORIES_DIR, file), 'utf8'))) })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { code }, replayName: 'tracing-on', sinks: tracing.workerSinks() }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
