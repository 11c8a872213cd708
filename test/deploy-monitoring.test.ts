// deploy/monitoring (the Grafana dashboard, the alerts, the KEDA autoscaler) reads our metrics by
// name: a metric renamed or retyped in lib/metrics.ts must break this test rather than leave a
// dashboard blank, an alert silent or the workers unscaled. Also checks that the scrape wiring
// in deploy/ (ports, env, PodMonitors, NetworkPolicy) fits together. No servers needed.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { ApiMetrics, WorkerMetrics } from '../lib/metrics';

const deploy = path.resolve(__dirname, '../deploy');

function readYaml<T>(file: string): T {
  return parse(readFileSync(path.join(deploy, file), 'utf8')) as T;
}

function readYamlDocuments<T>(file: string): T[] {
  return parseAllDocuments(readFileSync(path.join(deploy, file), 'utf8')).map((d) => d.toJS() as T);
}

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
}

interface Container {
  name: string;
  ports?: { name: string; containerPort: number }[];
  env?: { name: string; value?: string }[];
}

interface Deployment extends Manifest {
  spec: { template: { metadata: { labels: Record<string, string> }; spec: { containers: Container[] } } };
}

interface PodMonitor extends Manifest {
  spec: { jobLabel?: string; selector: { matchLabels: Record<string, string> }; podMetricsEndpoints: { port: string; path?: string }[] };
}

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

interface PrometheusRule extends Manifest {
  spec: { groups: { name: string; rules: AlertRule[] }[] };
}

interface ScaledObject extends Manifest {
  spec: {
    scaleTargetRef: { kind?: string; name: string };
    minReplicaCount?: number;
    maxReplicaCount?: number;
    triggers: { type: string; metadata: Record<string, string> }[];
  };
}

interface NetworkPolicy extends Manifest {
  spec: {
    podSelector: { matchLabels: Record<string, string> };
    policyTypes: string[];
    ingress?: { from?: { namespaceSelector?: unknown; podSelector?: unknown }[]; ports?: { port: string | number }[] }[];
  };
}

interface GrafanaTarget {
  expr?: string;
  datasource?: { type?: string; uid?: string };
}

interface GrafanaPanel {
  id: number;
  type: string;
  title: string;
  datasource?: { type?: string; uid?: string };
  targets?: GrafanaTarget[];
  panels?: GrafanaPanel[];
}

interface GrafanaDashboard {
  schemaVersion: number;
  templating: { list: { name: string; type: string; query?: string }[] };
  panels: GrafanaPanel[];
}

type MetricType = 'counter' | 'gauge' | 'histogram' | 'summary';

/**
 * The Temporal SDK's worker metrics that deploy/monitoring reads, with their types, as the SDK's
 * Prometheus exporter names them with countersTotalSuffix, unitSuffix and useSecondsForDurations
 * (workers/main.ts). test/metrics.test.ts checks that a worker process serves the SDK's metrics;
 * add a name here only after seeing it in a worker's /metrics.
 */
const TEMPORAL_SDK_METRICS: Record<string, MetricType> = {
  temporal_num_pollers: 'gauge',
  temporal_worker_task_slots_used: 'gauge',
  temporal_worker_task_slots_available: 'gauge',
  temporal_activity_schedule_to_start_latency_seconds: 'histogram',
  temporal_workflow_task_schedule_to_start_latency_seconds: 'histogram',
};

/** Prometheus' own series: `up` of each scrape target. */
const PROMETHEUS_METRICS: Record<string, MetricType> = { up: 'gauge' };

/** Gauges every API replica reports with the same cluster-wide figure: never summed over replicas. */
const CLUSTER_WIDE_GAUGES = ['codex_task_queue_backlog', 'codex_task_queue_backlog_age_seconds', 'codex_agents_waiting_for_slot'];

/** Series name → its family's type, for every series our registries and the SDK expose. */
async function knownSeries(): Promise<Map<string, { family: string; type: MetricType; counterLike: boolean }>> {
  const families = new Map<string, MetricType>();
  for (const registry of [new ApiMetrics().registry, new WorkerMetrics().registry]) {
    for (const metric of await registry.getMetricsAsJSON()) families.set(metric.name, String(metric.type) as MetricType);
  }
  for (const [name, type] of Object.entries({ ...TEMPORAL_SDK_METRICS, ...PROMETHEUS_METRICS })) families.set(name, type);
  const series = new Map<string, { family: string; type: MetricType; counterLike: boolean }>();
  for (const [family, type] of families) {
    if (type === 'histogram' || type === 'summary') {
      // The family name itself is no series: its _bucket (histograms), _sum and _count are, all counters.
      for (const suffix of type === 'histogram' ? ['_bucket', '_sum', '_count'] : ['_sum', '_count']) series.set(`${family}${suffix}`, { family, type, counterLike: true });
    } else {
      series.set(family, { family, type, counterLike: type === 'counter' });
    }
  }
  return series;
}

/** One metric named in a PromQL expression, with the functions and aggregations around it, outermost first. */
interface MetricReference {
  name: string;
  enclosing: string[];
}

const AGGREGATIONS = new Set(['sum', 'min', 'max', 'avg', 'group', 'stddev', 'stdvar', 'count', 'count_values', 'bottomk', 'topk', 'quantile', 'limitk', 'limit_ratio']);
/** Keywords followed by a list of label names in parentheses. */
const LABEL_LIST_KEYWORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right']);
const KEYWORDS = new Set([...LABEL_LIST_KEYWORDS, 'and', 'or', 'unless', 'bool', 'offset', 'atan2']);

/**
 * The metric names of a PromQL expression, each with the function calls and aggregations that
 * enclose it (`sum by (x) (rate(m[5m]))` gives `m` inside `['sum', 'rate']`). A small lexer: it
 * skips strings, label matchers `{…}`, ranges `[…]`, numbers and label lists of `by (…)` and the
 * like, so only metric names are left as bare identifiers. Grafana's `$__rate_interval` sits in a
 * range and is skipped with it.
 */
function metricReferences(expr: string): MetricReference[] {
  const found: MetricReference[] = [];
  const stack: string[] = [];
  let i = 0;
  // The function or aggregation whose `(` comes next: `rate` in `rate(`, `sum` in `sum by (x) (`.
  let pendingCall = '';
  const skipPast = (close: string) => {
    while (i < expr.length && expr[i] !== close) {
      if (expr[i] === '"' || expr[i] === "'" || expr[i] === '`') skipString();
      else i += 1;
    }
    i += 1;
  };
  const skipString = () => {
    const quote = expr[i];
    i += 1;
    while (i < expr.length && expr[i] !== quote) i += expr[i] === '\\' ? 2 : 1;
    i += 1;
  };
  const nextNonSpace = (from: number) => {
    let j = from;
    while (j < expr.length && /\s/.test(expr[j]!)) j += 1;
    return j;
  };
  while (i < expr.length) {
    const c = expr[i]!;
    if (/\s/.test(c)) {
      i += 1;
    } else if (c === '#') {
      skipPast('\n');
    } else if (c === '"' || c === "'" || c === '`') {
      skipString();
    } else if (c === '{') {
      skipPast('}');
    } else if (c === '[') {
      skipPast(']');
    } else if (c === '(') {
      stack.push(pendingCall);
      pendingCall = '';
      i += 1;
    } else if (c === ')') {
      stack.pop();
      i += 1;
    } else if (/[0-9.]/.test(c)) {
      while (i < expr.length && /[0-9a-zA-Z.+]/.test(expr[i]!) && !(expr[i] === '+' && !/[eE]/.test(expr[i - 1]!))) i += 1;
    } else if (/[a-zA-Z_:]/.test(c)) {
      const start = i;
      while (i < expr.length && /[a-zA-Z0-9_:]/.test(expr[i]!)) i += 1;
      const word = expr.slice(start, i);
      const after = nextNonSpace(i);
      if (LABEL_LIST_KEYWORDS.has(word) && expr[after] === '(') {
        i = after + 1;
        skipPast(')');
      } else if (AGGREGATIONS.has(word) || expr[after] === '(') {
        pendingCall = word;
      } else if (!KEYWORDS.has(word)) {
        found.push({ name: word, enclosing: [...stack] });
      }
    } else {
      i += 1;
    }
  }
  return found;
}

/** Where a PromQL expression of deploy/monitoring lives, for the failure messages. */
interface Expression {
  where: string;
  expr: string;
}

function panelsOf(panels: GrafanaPanel[]): GrafanaPanel[] {
  return panels.flatMap((p) => [p, ...panelsOf(p.panels ?? [])]);
}

const dashboard = JSON.parse(readFileSync(path.join(deploy, 'monitoring/grafana-dashboard.json'), 'utf8')) as GrafanaDashboard;
const panels = panelsOf(dashboard.panels).filter((p) => p.type !== 'row');
const rules = readYaml<PrometheusRule>('monitoring/prometheus-rules.yaml');
const alerts = rules.spec.groups.flatMap((g) => g.rules).filter((r) => r.alert);
const scaledObject = readYaml<ScaledObject>('monitoring/keda-scaledobject.yaml');
const api = readYamlDocuments<Deployment>('api.yaml').find((d) => d.kind === 'Deployment')!;
const worker = readYamlDocuments<Deployment>('worker.yaml').find((d) => d.kind === 'Deployment')!;
const podMonitors = readYamlDocuments<PodMonitor>('monitoring/pod-monitor.yaml');

const expressions: Expression[] = [
  ...panels.flatMap((p) => (p.targets ?? []).map((t) => ({ where: `dashboard panel "${p.title}"`, expr: t.expr ?? '' }))),
  ...rules.spec.groups.flatMap((g) => g.rules.map((r) => ({ where: `rule ${r.alert ?? r.record}`, expr: r.expr }))),
  ...scaledObject.spec.triggers.map((t, n) => ({ where: `ScaledObject trigger ${n}`, expr: t.metadata.query ?? '' })),
];

describe('the PromQL of deploy/monitoring', () => {
  it('finds the metric names of an expression and what encloses them', () => {
    expect(metricReferences('histogram_quantile(0.95, sum by (le, route) (rate(codex_x_bucket{route!~".*/events", a="b(c"}[$__rate_interval])))')).toEqual([
      { name: 'codex_x_bucket', enclosing: ['histogram_quantile', 'sum', 'rate'] },
    ]);
    expect(metricReferences('sum by (s) (increase(a_total{s=~"x|y"}[15m])) / ignoring (s) group_left sum(increase(a_total[15m])) > 0.2 and b >= 1e3')).toEqual([
      { name: 'a_total', enclosing: ['sum', 'increase'] },
      { name: 'a_total', enclosing: ['sum', 'increase'] },
      { name: 'b', enclosing: [] },
    ]);
    expect(metricReferences('max(q) + (sum(u{w="A"}) or vector(0)) unless on (t) deriv(max by (t) (g)[30m:1m]) * 3600')).toEqual([
      { name: 'q', enclosing: ['max'] },
      { name: 'u', enclosing: ['', 'sum'] },
      { name: 'g', enclosing: ['deriv', 'max'] },
    ]);
  });

  it('has an expression everywhere one is expected', () => {
    expect(expressions.length).toBeGreaterThan(30);
    for (const { where, expr } of expressions) expect({ where, empty: expr.trim() === '' }).toEqual({ where, empty: false });
  });

  it('names only metrics that lib/metrics.ts registers (or the Temporal SDK and Prometheus expose)', async () => {
    const known = await knownSeries();
    const unknown = expressions.flatMap(({ where, expr }) => metricReferences(expr).filter((r) => !known.has(r.name)).map((r) => `${where}: ${r.name}`));
    expect(unknown).toEqual([]);
    // Every family of ours that an operator needs is on the dashboard.
    const onDashboard = new Set(expressions.filter((e) => e.where.startsWith('dashboard')).flatMap((e) => metricReferences(e.expr).map((r) => known.get(r.name)?.family)));
    const ours = [...new Set([...known.values()].map((s) => s.family))].filter((f) => f.startsWith('codex_') && !/^codex_(api|worker)_/.test(f));
    expect(ours.filter((f) => !onDashboard.has(f) && f !== 'codex_agent_attempts_total' && f !== 'codex_orchestration_duration_seconds')).toEqual([]);
  });

  it('reads counters (and histogram buckets, sums and counts) only through rate() or increase(), gauges never', async () => {
    const known = await knownSeries();
    const misuse: string[] = [];
    for (const { where, expr } of expressions) {
      for (const ref of metricReferences(expr)) {
        const series = known.get(ref.name);
        if (!series) continue;
        const inner = ref.enclosing.at(-1) ?? '';
        const rated = inner === 'rate' || inner === 'increase';
        if (series.counterLike && !rated) misuse.push(`${where}: counter ${ref.name} inside ${inner || 'nothing'}()`);
        if (!series.counterLike && ref.enclosing.some((f) => f === 'rate' || f === 'increase' || f === 'irate')) misuse.push(`${where}: gauge ${ref.name} inside rate/increase`);
      }
    }
    expect(misuse).toEqual([]);
  });

  it('takes quantiles of histograms summed by le (and only of _bucket series)', () => {
    for (const { where, expr } of expressions) {
      const calls = expr.split('histogram_quantile(').length - 1;
      const withLe = [...expr.matchAll(/histogram_quantile\(\s*0?\.\d+\s*,\s*sum\s+by\s*\(([^)]*)\)\s*\(\s*rate\(\s*(\w+)/g)].filter((m) => m[1]!.split(',').map((l) => l.trim()).includes('le') && m[2]!.endsWith('_bucket'));
      expect({ where, calls: withLe.length }).toEqual({ where, calls });
    }
  });

  it('never sums the queue figures that every API replica reports alike', () => {
    const summed = expressions.flatMap(({ where, expr }) => metricReferences(expr).filter((r) => CLUSTER_WIDE_GAUGES.includes(r.name) && !['max', 'min', 'avg'].includes(r.enclosing.at(-1) ?? '')).map((r) => `${where}: ${r.name}`));
    expect(summed).toEqual([]);
  });
});

describe('monitoring/grafana-dashboard.json', () => {
  it('is a Grafana dashboard of schema 38 or later with the data source as a variable', () => {
    expect(dashboard.schemaVersion).toBeGreaterThanOrEqual(38);
    expect(dashboard.templating.list).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'datasource', type: 'datasource', query: 'prometheus' })]));
    // No data source UID of some Grafana: every panel and query uses the variable.
    for (const p of panels) {
      expect({ panel: p.title, uid: p.datasource?.uid }).toEqual({ panel: p.title, uid: '${datasource}' });
      for (const t of p.targets ?? []) expect({ panel: p.title, uid: t.datasource?.uid }).toEqual({ panel: p.title, uid: '${datasource}' });
    }
    const ids = panelsOf(dashboard.panels).map((p) => p.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has the panels an operator looks for', () => {
    expect(panels.map((p) => p.title)).toEqual(
      expect.arrayContaining([
        'Tasks per minute',
        'Task failure rate',
        'Task duration p50 / p95 by agent type',
        'Queue backlog per task queue',
        'Queue backlog age',
        'Agents waiting for a slot by tier',
        'Slot wait p95 by tier',
        'GPU (capacity) wait p95 by agent type',
        'Agent retries per hour by agent type',
        'Tokens per hour by agent type',
        'Cost per hour by agent type (USD)',
        'HTTP request rate by route',
        'HTTP p95 latency by route',
        'HTTP 5xx rate',
        'Rate-limit refusals by tier',
        'Stream subscribers',
        'Stream delivery lag p95',
        'Temporal pollers per task queue',
      ]),
    );
    for (const p of panels) expect({ panel: p.title, queries: (p.targets ?? []).length > 0 }).toEqual({ panel: p.title, queries: true });
  });
});

describe('monitoring/prometheus-rules.yaml', () => {
  it('is a PrometheusRule with the alerts of the runbook', () => {
    expect(rules.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(rules.kind).toBe('PrometheusRule');
    expect(alerts.map((a) => a.alert)).toEqual(
      expect.arrayContaining([
        'CodexTaskFailureRateHigh',
        'CodexTaskQueueBacklogStale',
        'CodexTaskQueueBacklogGrowing',
        'CodexGpuWaitHigh',
        'CodexTaskQueueNoPollers',
        'CodexApi5xxRateHigh',
        'CodexMetricsTargetDown',
      ]),
    );
    expect(new Set(alerts.map((a) => a.alert)).size).toBe(alerts.length);
  });

  it('gives every alert a duration, a severity, a summary, a description and a runbook hint', () => {
    for (const a of alerts) {
      expect({
        alert: a.alert,
        for: a.for,
        severity: a.labels?.severity,
        summary: a.annotations?.summary?.trim().length,
        description: a.annotations?.description?.trim().length,
        runbook: (a.annotations?.runbook ?? a.annotations?.runbook_url)?.trim().length,
      }).toEqual({
        alert: a.alert,
        for: expect.stringMatching(/^\d+[smh]$/),
        severity: expect.stringMatching(/^(critical|warning|info)$/),
        summary: expect.any(Number),
        description: expect.any(Number),
        runbook: expect.any(Number),
      });
    }
  });

  it('requires a minimum volume before a ratio alert fires', () => {
    for (const name of ['CodexTaskFailureRateHigh', 'CodexApi5xxRateHigh']) {
      expect({ name, guarded: /\band\b[\s\S]*(>=?)\s*[\d.]+\s*$/.test(alerts.find((a) => a.alert === name)!.expr.trim()) }).toEqual({ name, guarded: true });
    }
  });
});

describe('monitoring/keda-scaledobject.yaml', () => {
  it('scales the worker Deployment of worker.yaml, never below one worker', () => {
    expect(scaledObject.apiVersion).toBe('keda.sh/v1alpha1');
    expect(scaledObject.kind).toBe('ScaledObject');
    expect(scaledObject.metadata.namespace).toBe(worker.metadata.namespace);
    expect(scaledObject.spec.scaleTargetRef.name).toBe(worker.metadata.name);
    expect(scaledObject.spec.minReplicaCount).toBeGreaterThanOrEqual(1);
    expect(scaledObject.spec.maxReplicaCount).toBeGreaterThan(scaledObject.spec.minReplicaCount!);
  });

  it('scales on the agents queue backlog that the API reports, with a numeric threshold', () => {
    expect(scaledObject.spec.triggers.length).toBeGreaterThan(0);
    for (const t of scaledObject.spec.triggers) {
      expect(t.type).toBe('prometheus');
      expect(t.metadata.serverAddress).toMatch(/^https?:\/\//);
      expect(Number(t.metadata.threshold)).toBeGreaterThan(0);
    }
    const agents = scaledObject.spec.triggers.find((t) => /codex_task_queue_backlog\{task_queue="codex-agents"\}/.test(t.metadata.query ?? ''));
    expect(agents).toBeDefined();
  });
});

describe('the scrape wiring in deploy/', () => {
  const containerOf = (d: Deployment) => d.spec.template.spec.containers[0]!;
  const env = (d: Deployment, name: string) => containerOf(d).env?.find((e) => e.name === name)?.value;
  const metricsPort = (d: Deployment) => containerOf(d).ports?.find((p) => p.name === 'metrics')?.containerPort;

  it('opens a metrics port on every interface of the API and worker pods, as their settings say', () => {
    expect(metricsPort(api)).toBeDefined();
    expect(env(api, 'METRICS_PORT')).toBe(String(metricsPort(api)));
    expect(env(api, 'METRICS_HOST')).toBe('0.0.0.0');
    expect(metricsPort(worker)).toBeDefined();
    expect(env(worker, 'WORKER_METRICS_PORT')).toBe(String(metricsPort(worker)));
    expect(env(worker, 'METRICS_HOST')).toBe('0.0.0.0');
  });

  it('has a PodMonitor per Deployment, on its metrics port, with the job names the rules use', () => {
    for (const d of [api, worker]) {
      const labels = d.spec.template.metadata.labels;
      const monitor = podMonitors.find((m) => Object.entries(m.spec.selector.matchLabels).every(([k, v]) => labels[k] === v));
      expect(monitor?.apiVersion).toBe('monitoring.coreos.com/v1');
      expect(monitor?.metadata.namespace).toBe(d.metadata.namespace);
      expect(monitor?.spec.podMetricsEndpoints.map((e) => e.port)).toEqual(['metrics']);
      expect(labels[monitor!.spec.jobLabel!]).toMatch(/^codex-(api|worker)$/);
    }
    const jobs = alerts.find((a) => a.alert === 'CodexMetricsTargetDown')!.expr;
    for (const d of [api, worker]) expect(jobs).toContain(d.spec.template.metadata.labels['app.kubernetes.io/name']);
  });

  it('lets only the monitoring namespace reach the metrics ports, and keeps the API port open', () => {
    const policies = readYamlDocuments<NetworkPolicy>('metrics-network-policy.yaml');
    for (const d of [api, worker]) {
      const labels = d.spec.template.metadata.labels;
      const policy = policies.find((p) => p.metadata.namespace === d.metadata.namespace && Object.entries(p.spec.podSelector.matchLabels).every(([k, v]) => labels[k] === v));
      expect(policy?.spec.policyTypes).toEqual(['Ingress']);
      const metricsRules = policy!.spec.ingress!.filter((r) => r.ports?.some((p) => p.port === 'metrics'));
      expect(metricsRules.length).toBe(1);
      expect(metricsRules[0]!.from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]);
    }
    const apiPolicy = policies.find((p) => p.spec.podSelector.matchLabels['app.kubernetes.io/name'] === 'codex-api')!;
    expect(apiPolicy.spec.ingress).toEqual(expect.arrayContaining([{ ports: [{ protocol: 'TCP', port: 'http' }] }]));
  });

  it('keeps the Prometheus Operator and KEDA kinds out of `kubectl apply -k deploy/`, in a kustomization of their own', () => {
    const root = readYaml<{ resources: string[] }>('kustomization.yaml');
    expect(root.resources).toContain('metrics-network-policy.yaml');
    for (const file of root.resources) {
      expect(existsSync(path.join(deploy, file))).toBe(true);
      for (const doc of readYamlDocuments<Manifest>(file)) expect({ file, apiVersion: doc.apiVersion }).toEqual({ file, apiVersion: expect.not.stringMatching(/monitoring\.coreos\.com|keda\.sh/) });
    }
    const monitoring = readYaml<{ resources: string[]; configMapGenerator: { files: string[] }[] }>('monitoring/kustomization.yaml');
    expect(monitoring.resources).toEqual(expect.arrayContaining(['pod-monitor.yaml', 'prometheus-rules.yaml']));
    expect(monitoring.resources).not.toContain('keda-scaledobject.yaml');
    const files = [...monitoring.resources, ...monitoring.configMapGenerator.flatMap((g) => g.files.map((f) => f.split('=').at(-1)!))];
    for (const file of files) expect({ file, exists: existsSync(path.join(deploy, 'monitoring', file)) }).toEqual({ file, exists: true });
    expect(files).toContain('grafana-dashboard.json');
  });
});
