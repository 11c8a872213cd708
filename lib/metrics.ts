// Prometheus metrics of the API and the workers (prom-client), in the Prometheus text format.
// Names and labels follow Prometheus' conventions (https://prometheus.io/docs/practices/naming/):
// the unit in the name (`_seconds`, `_usd`), `_total` on counters, base units, and no label whose
// values are unbounded (no user, task or request IDs; routes by template, never by raw path).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { listAgentTypes } from '../agents/registry';
import { MODEL_AGENT_TYPE } from './custom-agents';
import { TIERS } from './tiers';

/** Every metric of ours starts with this. */
export const METRICS_PREFIX = 'codex_';

const BUILT_IN_AGENT_TYPES = new Set([...listAgentTypes().map((a) => a.type), MODEL_AGENT_TYPE]);

/**
 * The `agent_type` label of an agent: its built-in type, or `custom` for anything else (a
 * custom agent's own ID would be an unbounded label value).
 */
export function agentTypeLabel(type: string | null | undefined): string {
  return type && BUILT_IN_AGENT_TYPES.has(type) ? type : 'custom';
}

/** Task and agent durations: 1 s to 2 h (agents run for seconds to hours). */
const TASK_SECONDS_BUCKETS = [1, 5, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200];
/** Waits in line or for capacity: 0.1 s to 1 h. */
const WAIT_SECONDS_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];
/** HTTP answers: 5 ms to 10 s (Prometheus' client default buckets, finer at the low end). */
const HTTP_SECONDS_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
/** Stream delivery lag: 1 ms to 10 s. */
const LAG_SECONDS_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10];

/** Figures read at scrape time from Temporal and Postgres (cached by their owner). */
export interface BacklogSource {
  /** Approximate backlog (tasks not yet handed to a worker) and its age in seconds, per task queue (Temporal's DescribeTaskQueue stats). */
  taskQueueBacklogs(): Promise<{ taskQueue: string; backlog: number; ageSeconds: number }[]>;
  /** Agents waiting for a parallel-agent slot now, by their user's tier. */
  agentsWaitingBySlotTier(): Promise<{ tier: string; waiting: number }[]>;
}

/** The API process's metrics. `registry` holds them, with Node's process metrics. */
export class ApiMetrics {
  readonly registry = new Registry();
  /** Answers by route template (`/v1/agents/tasks/:task_id`), method and status. */
  readonly httpRequests: Counter<'route' | 'method' | 'status'>;
  readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  /** 429 answers of the rate limiter, by tier (`none` for the unauthenticated routes). */
  readonly rateLimitRefusals: Counter<'tier'>;
  /** Seconds from an event's commit to its delivery to a live subscriber. */
  readonly streamDeliveryLag: Histogram<'transport'>;
  private subscriberCounts: () => { websocket: number; sse: number } = () => ({ websocket: 0, sse: 0 });
  private backlogSource?: BacklogSource;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: `${METRICS_PREFIX}api_` });
    const registers = [this.registry];
    this.httpRequests = new Counter({ name: `${METRICS_PREFIX}http_requests_total`, help: 'HTTP requests answered, by route template, method and status code', labelNames: ['route', 'method', 'status'], registers });
    this.httpDuration = new Histogram({
      name: `${METRICS_PREFIX}http_request_duration_seconds`,
      help: 'Time to answer an HTTP request (to the end of the response; a stream counts until it closes)',
      labelNames: ['route', 'method', 'status'],
      buckets: HTTP_SECONDS_BUCKETS,
      registers,
    });
    this.rateLimitRefusals = new Counter({ name: `${METRICS_PREFIX}rate_limit_refusals_total`, help: 'Requests refused with 429 by the per-minute limit, by tier (none: unauthenticated routes, per IP or email)', labelNames: ['tier'], registers });
    this.streamDeliveryLag = new Histogram({
      name: `${METRICS_PREFIX}stream_delivery_lag_seconds`,
      help: 'Seconds from an event being stored to its delivery to a subscriber that was listening when it was stored',
      labelNames: ['transport'],
      buckets: LAG_SECONDS_BUCKETS,
      registers,
    });
    const counts = () => this.subscriberCounts();
    new Gauge({
      name: `${METRICS_PREFIX}stream_subscribers`,
      help: 'Open event streams, by transport (websocket, sse)',
      labelNames: ['transport'],
      registers,
      collect() {
        const now = counts();
        this.set({ transport: 'websocket' }, now.websocket);
        this.set({ transport: 'sse' }, now.sse);
      },
    });
    // Figures read at scrape time (BacklogSource): each gauge is set afresh from its rows.
    const source = () => this.backlogSource;
    const readAtScrape = <L extends string>(name: string, help: string, label: L, rows: (from: BacklogSource) => Promise<{ key: string; value: number }[]>) =>
      new Gauge({
        name: `${METRICS_PREFIX}${name}`,
        help,
        labelNames: [label],
        registers,
        async collect() {
          const from = source();
          if (!from) return;
          this.reset();
          for (const row of await rows(from)) this.set({ [label]: row.key } as Record<L, string>, row.value);
        },
      });
    readAtScrape('task_queue_backlog', "Tasks waiting in a Temporal task queue for a worker (DescribeTaskQueue's approximate backlog count): what an autoscaler scales workers on", 'task_queue', async (from) =>
      (await from.taskQueueBacklogs()).map((q) => ({ key: q.taskQueue, value: q.backlog })),
    );
    readAtScrape('task_queue_backlog_age_seconds', "Age of the oldest task waiting in a Temporal task queue (DescribeTaskQueue's approximate backlog age)", 'task_queue', async (from) =>
      (await from.taskQueueBacklogs()).map((q) => ({ key: q.taskQueue, value: q.ageSeconds })),
    );
    // Every tier has a series (0 when nobody waits), so max() and alerts never read "no data".
    readAtScrape('agents_waiting_for_slot', "Agents waiting for a parallel-agent slot of their user's tier, by tier", 'tier', async (from) => {
      const rows = await from.agentsWaitingBySlotTier();
      return TIERS.map((tier) => ({ key: tier, value: rows.find((r) => r.tier === tier)?.waiting ?? 0 }));
    });
  }

  /** Where the stream subscriber gauge reads its figures (the process's EventStreams). */
  countSubscribersWith(counts: () => { websocket: number; sse: number }): void {
    this.subscriberCounts = counts;
  }

  /** Where the queue-depth gauges read their figures. */
  readBacklogFrom(source: BacklogSource): void {
    this.backlogSource = source;
  }
}

/** A worker process's metrics of tasks and orchestrations, with Node's process metrics. */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly tasksStarted: Counter<'agent_type'>;
  readonly tasksFinished: Counter<'agent_type' | 'status'>;
  /** Seconds from the task's start (its agent's first launch) to its end, by agent type and status. */
  readonly taskDuration: Histogram<'agent_type' | 'status'>;
  /** Seconds a task waited in its user's line for a parallel-agent slot, by tier. */
  readonly slotWait: Histogram<'tier'>;
  /** Seconds an agent waited for cluster capacity (GPUs) before it ran, over its attempts. */
  readonly capacityWait: Histogram<'agent_type'>;
  /** Attempts (runs of the agent) of finished tasks: `attempts - 1` are retries. */
  readonly agentAttempts: Counter<'agent_type'>;
  readonly agentRetries: Counter<'agent_type'>;
  readonly tokens: Counter<'agent_type' | 'kind'>;
  readonly costUsd: Counter<'agent_type'>;
  readonly orchestrationsStarted: Counter<'strategy'>;
  readonly orchestrationsFinished: Counter<'strategy' | 'status'>;
  readonly orchestrationDuration: Histogram<'strategy' | 'status'>;

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: `${METRICS_PREFIX}worker_` });
    const registers = [this.registry];
    this.tasksStarted = new Counter({ name: `${METRICS_PREFIX}tasks_started_total`, help: 'Tasks whose agent started (first start only), by agent type (custom: a custom agent)', labelNames: ['agent_type'], registers });
    this.tasksFinished = new Counter({ name: `${METRICS_PREFIX}tasks_finished_total`, help: 'Tasks that ended, by agent type and final status (completed, failed, cancelled, timed_out)', labelNames: ['agent_type', 'status'], registers });
    this.taskDuration = new Histogram({ name: `${METRICS_PREFIX}task_duration_seconds`, help: 'Seconds from a task start to its end, by agent type and final status', labelNames: ['agent_type', 'status'], buckets: TASK_SECONDS_BUCKETS, registers });
    this.slotWait = new Histogram({ name: `${METRICS_PREFIX}task_slot_wait_seconds`, help: "Seconds a task waited in its user's line for a parallel-agent slot before it started (tasks that waited), by tier", labelNames: ['tier'], buckets: WAIT_SECONDS_BUCKETS, registers });
    this.capacityWait = new Histogram({ name: `${METRICS_PREFIX}task_capacity_wait_seconds`, help: 'Seconds an agent waited for cluster capacity (GPUs) before it ran, over its attempts, by agent type (finished tasks)', labelNames: ['agent_type'], buckets: WAIT_SECONDS_BUCKETS, registers });
    this.agentAttempts = new Counter({ name: `${METRICS_PREFIX}agent_attempts_total`, help: 'Runs of agents of finished tasks (first attempts and retries), by agent type', labelNames: ['agent_type'], registers });
    this.agentRetries = new Counter({ name: `${METRICS_PREFIX}agent_retries_total`, help: 'Runs of agents after their first attempt failed, by agent type', labelNames: ['agent_type'], registers });
    this.tokens = new Counter({ name: `${METRICS_PREFIX}agent_tokens_total`, help: 'Model tokens used by finished tasks, by agent type and kind (prompt, completion)', labelNames: ['agent_type', 'kind'], registers });
    this.costUsd = new Counter({ name: `${METRICS_PREFIX}agent_cost_usd_total`, help: 'Model cost of finished tasks in US dollars, by agent type', labelNames: ['agent_type'], registers });
    this.orchestrationsStarted = new Counter({ name: `${METRICS_PREFIX}orchestrations_started_total`, help: 'Orchestrations started, by strategy', labelNames: ['strategy'], registers });
    this.orchestrationsFinished = new Counter({ name: `${METRICS_PREFIX}orchestrations_finished_total`, help: 'Orchestrations that ended, by strategy and final status', labelNames: ['strategy', 'status'], registers });
    this.orchestrationDuration = new Histogram({ name: `${METRICS_PREFIX}orchestration_duration_seconds`, help: 'Seconds from an orchestration start to its end, by strategy and final status', labelNames: ['strategy', 'status'], buckets: TASK_SECONDS_BUCKETS, registers });
  }

  /** Records an orchestration's end once (the caller calls it only for the write that ended it). */
  orchestrationFinished(o: { strategy: string; status: string; createdAt: Date; completedAt: Date }): void {
    this.orchestrationsFinished.inc({ strategy: o.strategy, status: o.status });
    this.orchestrationDuration.observe({ strategy: o.strategy, status: o.status }, Math.max(0, (o.completedAt.getTime() - o.createdAt.getTime()) / 1000));
  }

  /** Records a task's end once (the caller calls it only for the write that ended the task). */
  taskFinished(task: { agentType: string; status: string; startedAt: Date | null; completedAt: Date; attempts: number; capacityWaitMs: number; tokensPrompt: number; tokensCompletion: number; costUsd: number }): void {
    const agent_type = agentTypeLabel(task.agentType);
    this.tasksFinished.inc({ agent_type, status: task.status });
    if (task.startedAt) this.taskDuration.observe({ agent_type, status: task.status }, Math.max(0, (task.completedAt.getTime() - task.startedAt.getTime()) / 1000));
    if (task.attempts > 0) {
      this.agentAttempts.inc({ agent_type }, task.attempts);
      if (task.attempts > 1) this.agentRetries.inc({ agent_type }, task.attempts - 1);
      this.capacityWait.observe({ agent_type }, task.capacityWaitMs / 1000);
    }
    if (task.tokensPrompt > 0) this.tokens.inc({ agent_type, kind: 'prompt' }, task.tokensPrompt);
    if (task.tokensCompletion > 0) this.tokens.inc({ agent_type, kind: 'completion' }, task.tokensCompletion);
    if (task.costUsd > 0) this.costUsd.inc({ agent_type }, task.costUsd);
  }
}

/** Who may read `/metrics`: everyone who reaches the port, or only callers with this bearer token. */
export interface MetricsAccess {
  /** When set, `Authorization: Bearer <token>` is required (401 otherwise). */
  token?: string;
}

/** True when the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasMetricsToken(authorization: string | undefined, token: string): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (!m) return false;
  const given = Buffer.from(m[1]!);
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

/**
 * Answers GET /metrics with every registry's metrics (and `extra` text, such as the Temporal
 * runtime's own exporter's), in the Prometheus text format 0.0.4.
 */
export async function answerMetrics(req: IncomingMessage, res: ServerResponse, registries: Registry[], access: MetricsAccess, extra?: () => Promise<string>): Promise<void> {
  if (access.token && !hasMetricsToken(req.headers.authorization, access.token)) {
    res.writeHead(401, { 'content-type': 'text/plain; charset=utf-8', 'www-authenticate': 'Bearer realm="metrics"' }).end('metrics need Authorization: Bearer <METRICS_TOKEN>\n');
    return;
  }
  try {
    const merged = Registry.merge(registries);
    const parts = [await merged.metrics()];
    if (extra) parts.push(await extra().catch(() => ''));
    res.writeHead(200, { 'content-type': merged.contentType }).end(parts.filter(Boolean).join('\n'));
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`metrics could not be collected: ${(err as Error).message}\n`);
  }
}

/**
 * Serves `/metrics` on its own port (METRICS_PORT, WORKER_METRICS_PORT), apart from the API:
 * the port is opened to the scraper only (a NetworkPolicy, or no Service port), never public.
 * Any other path answers 404.
 * @param options.port 0 picks a free port (tests); the listening port is in the result.
 */
export async function serveMetrics(options: { host: string; port: number; registries: Registry[]; token?: string; extra?: () => Promise<string> }): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' || path !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found: metrics are at GET /metrics\n');
      return;
    }
    void answerMetrics(req, res, options.registries, { token: options.token }, options.extra);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  return {
    server,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
