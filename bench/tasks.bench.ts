// Benchmark (not a test): starts its own stack on this machine and prints figures beside their
// targets. Nothing here asserts; a missed target is reported, never retried or tuned away.
//
//   npm run bench      (= node scripts/setup.mjs && node --import tsx bench/tasks.bench.ts)
//
// Stack: a private Postgres (.data/bench-postgres, fsync off) with a fresh, migrated database; an
// in-memory headless Temporal dev server; the workers of createWorkers() in this process, running
// test/fixtures/scripted-agent.mjs as the agent; the API in this process (startApi) for (a) and
// (b), and as a separate `node --import tsx api/server.ts` process for (c), so that its RSS is
// its own. Everything listens on 127.0.0.1 only. See bench/README.md for what each figure means.
import { execFileSync, spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Client, Connection, WorkflowNotFoundError } from '@temporalio/client';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { sql } from 'kysely';
import { Client as PgClient } from 'pg';
import pino from 'pino';
import { chromium } from 'playwright-core';
import WebSocket from 'ws';
import { startApi, type RunningApi } from '../api/server';
import { agentDefaults } from '../lib/workflow-starts';
import { parseConfig, type Config } from '../config/env';
import { createDb, type Db } from '../db/connection';
import type { Tier } from '../db/database';
import { migrateToLatest } from '../db/migrate';
import { appendEvents, appendEventsInTransaction, createStream, STREAM_EVENTS_CHANNEL } from '../db/repositories/stream-event.repository';
import { insertTaskWithInput } from '../db/repositories/task.repository';
import { newId, randomBase32 } from '../lib/ids';
import { createLogger, type Logger } from '../lib/logger';
import { TIER_LIMITS } from '../lib/tiers';
import { taskQueues } from '../lib/temporal-connection';
import { quietRuntime, SCRIPTED_AGENT, workflowBundle } from '../test/support/worker-harness';
import { createWorkers } from '../workers/create-workers';
import { analyseRepository } from '../repositories/analysis';
import { startGitHttpServer } from '../test/support/git-http-server';
import { makeSyntheticRepo } from './lib/synthetic-repo';
import { ensureSearchAttributes } from '../lib/search-attributes';
import type { AgentTaskInput, AgentTaskOutcome } from '../workflows/agent-task.definitions';
import { SearchAttr } from '../workflows/search-attributes';

const ROOT = path.resolve(__dirname, '..');
const HOST = '127.0.0.1';

// Sizes. Bounded in count and in time: a phase that runs past its time budget stops issuing work
// and reports what it completed.
const START = { concurrency: 16, perSide: 900, rounds: 6, warmup: 32, budgetMs: 90_000 };
const E2E = { n: 100, warmup: 5, timeoutMs: 30_000, budgetMs: 110_000 };
const FANOUT = { subscribers: 1000, connectConcurrency: 50, warmupEvents: 10, events: 120, intervalMs: 100, budgetMs: 60_000 };
/**
 * (d) One free user (one agent at a time) with `agents` tasks in line. Each agent is the scripted
 * agent with `steps` progress lines `delayMs` apart (BENCH_LINE_STEPS, BENCH_LINE_DELAY_MS): the
 * overhead's share depends on how long agents run, so the run prints their length beside it.
 */
const LINE = {
  agents: 200,
  steps: Number(process.env.BENCH_LINE_STEPS ?? 5),
  delayMs: Number(process.env.BENCH_LINE_DELAY_MS ?? 100),
  budgetMs: 600_000,
};

const TARGETS = { startRatio: 0.8, addedP50Ms: 50, fanoutP99Ms: 100, rssMb: 300, handOffP50Ms: 100, lineOverhead: 0.1, analysisVsGitLog: 2, commitsPageP50Ms: 50 };

/** (f) Repository visualization: a history made with git fast-import (BENCH_VIZ_COMMITS, BENCH_VIZ_FILES). */
const VIZ = {
  commits: Number(process.env.BENCH_VIZ_COMMITS ?? 50_000),
  files: Number(process.env.BENCH_VIZ_FILES ?? 5_000),
  pageRequests: 200,
};

/** (e) The rate limiter's cost: the same request through an API with limits on and one with them off, alternately. */
const LIMITER = { n: 2000, warmup: 100 };

/**
 * `BENCH_CPU_PROFILE=DIR`: after (a)'s measured rounds, one more API run (not counted) is
 * profiled with V8's sampling profiler into `DIR/api-starts.cpuprofile` (open it in Chrome
 * DevTools or speedscope). The profile covers this process: the HTTP client and the API.
 */
const CPU_PROFILE_DIR = process.env.BENCH_CPU_PROFILE;

/** `BENCH_SECTIONS=a,c` runs only those sections (default: all eight). */
const SECTIONS = new Set((process.env.BENCH_SECTIONS ?? 'a,b,c,d,e,f,g,h').split(',').map((x) => x.trim().toLowerCase()));
/** Sections that need the stack (Postgres, Temporal, workers, API); (g) and (h) run the built-in agents alone. */
const STACK_SECTIONS = ['a', 'b', 'c', 'd', 'e', 'f'];

/**
 * Tiers of the bench users. (a) and (c) use `enterprise`, so no request limit caps the figures.
 * (b) uses `team` by default: like every tier but enterprise it has a parallel-agent limit, so
 * each task takes the per-user slot path, and its 1,000 requests/minute leave room for the run.
 */
const THROUGHPUT_TIER: Tier = 'enterprise';
const E2E_TIER = parseTier(process.env.BENCH_E2E_TIER ?? 'team');

function parseTier(value: string): Tier {
  if (!(value in TIER_LIMITS)) throw new Error(`BENCH_E2E_TIER=${value}: must be one of ${Object.keys(TIER_LIMITS).join(', ')}`);
  return value as Tier;
}

// ---------------------------------------------------------------------------------------------
// The dev-environment helpers are ES modules; a plain import() would be rewritten to require()
// by the TS→CommonJS transform, so it is hidden from it (as test/global-setup.ts does).

interface PostgresLib {
  startLocalPostgres(options: { dataDir: string; durable?: boolean }): Promise<{ url: string; reused: boolean; stop(): Promise<void> }>;
  createDatabase(url: string, name: string): Promise<void>;
  dropDatabase(url: string, name: string): Promise<void>;
  listDatabases(url: string): Promise<string[]>;
  withDatabase(url: string, name: string): string;
}
interface TemporalServerLib {
  startTemporalDevServer(options: { headless?: boolean; namespace?: string }): Promise<{ address: string; pid: number; stop(): Promise<void> }>;
}
interface PortsLib {
  findFreePort(host?: string): Promise<number>;
}
interface ProcLib {
  killGroupOnExit(child: ChildProcess): () => void;
  stopProcessGroup(child: ChildProcess, options?: { signal?: NodeJS.Signals; timeoutMs?: number }): Promise<void>;
}

const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;
function scriptLib<T>(name: string): Promise<T> {
  return nativeImport(pathToFileURL(path.join(ROOT, 'scripts', 'lib', name)).href) as Promise<T>;
}

// ---------------------------------------------------------------------------------------------
// Small helpers: output, statistics, HTTP.

const out = (line = '') => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const now = () => performance.now();
const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const load = () => os.loadavg().map((l) => l.toFixed(2)).join(' ');
const mb = (kb: number) => kb / 1024;

/** Nearest-rank percentile of an ascending array. */
function pct(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summary(values: readonly number[]) {
  const s = [...values].sort((a, b) => a - b);
  const mean = s.reduce((a, b) => a + b, 0) / (s.length || 1);
  return { n: s.length, p50: pct(s, 50), p90: pct(s, 90), p99: pct(s, 99), min: s[0] ?? NaN, max: s[s.length - 1] ?? NaN, mean };
}

function verdict(ok: boolean): string {
  return ok ? 'meets target' : 'MISSES target';
}

function section(title: string): void {
  out();
  out(`== ${title}`);
  out(`   (load average ${load()})`);
}

interface HttpAnswer {
  status: number;
  body: Record<string, unknown> | undefined;
  text: string;
}

const httpAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

function request(method: string, url: string, options: { body?: unknown; token?: string; timeoutMs?: number } = {}): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const data = options.body === undefined ? undefined : Buffer.from(JSON.stringify(options.body));
    const headers: Record<string, string | number> = {};
    if (data) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = data.length;
    }
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    const timeoutMs = options.timeoutMs ?? 15_000;
    const req = http.request(url, { method, agent: httpAgent, headers, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let body: Record<string, unknown> | undefined;
        try {
          body = text ? (JSON.parse(text) as Record<string, unknown>) : undefined;
        } catch {
          body = undefined;
        }
        resolve({ status: res.statusCode ?? 0, body, text });
      });
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end(data);
  });
}

interface RunResult {
  ok: number;
  failed: number;
  elapsedMs: number;
  latencies: number[];
  errors: string[];
  stoppedByBudget: boolean;
}

/** Runs op(0..n-1) with `concurrency` in flight; stops issuing new ops after `budgetMs`. */
async function runConcurrent(n: number, concurrency: number, budgetMs: number, op: (i: number) => Promise<void>): Promise<RunResult> {
  const result: RunResult = { ok: 0, failed: 0, elapsedMs: 0, latencies: [], errors: [], stoppedByBudget: false };
  const started = now();
  const deadline = started + budgetMs;
  let next = 0;
  const loop = async () => {
    while (next < n) {
      if (now() > deadline) {
        result.stoppedByBudget = true;
        return;
      }
      const i = next++;
      const t0 = now();
      try {
        await op(i);
        result.latencies.push(now() - t0);
        result.ok += 1;
      } catch (err) {
        result.failed += 1;
        if (result.errors.length < 3) result.errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, loop));
  result.elapsedMs = now() - started;
  return result;
}

function readProcStatus(pid: number): { rssKb: number; hwmKb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}

let clockTicks: number | undefined;
/** CPU time (user + system) of a process so far, in ms; 0 once it is gone. */
function processCpuMs(pid: number): number {
  clockTicks ??= Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / clockTicks;
  } catch {
    return 0;
  }
}

/** CPU time of the Postgres backends serving `database` (pooled connections: they persist). */
/** CPU ms so far of each Postgres backend serving the database, by pid. */
function postgresCpuMs(database: string): Map<number, number> {
  const byPid = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.startsWith('postgres: ') && cmdline.includes(` ${database} `)) byPid.set(Number(entry), processCpuMs(Number(entry)));
    } catch {
      // gone meanwhile
    }
  }
  return byPid;
}

interface CpuSnapshot {
  node: number;
  temporal: number;
  postgres: number;
}

interface CpuReading {
  node: number;
  temporal: number;
  postgres: Map<number, number>;
}

function cpuSnapshot(stack: Stack): CpuReading {
  const self = process.cpuUsage();
  return { node: (self.user + self.system) / 1000, temporal: processCpuMs(stack.temporalPid), postgres: postgresCpuMs(stack.databaseName) };
}

/**
 * CPU used between two readings. Postgres counts the backends alive at the second reading (one
 * that exited meanwhile, say an idle pool connection, takes its CPU with it: never negative).
 */
function cpuDelta(from: CpuReading, to: CpuReading): CpuSnapshot {
  let postgres = 0;
  for (const [pid, ms] of to.postgres) postgres += ms - (from.postgres.get(pid) ?? 0);
  return { node: to.node - from.node, temporal: to.temporal - from.temporal, postgres };
}

function printMachine(): void {
  const cpuinfo = readFileSync('/proc/cpuinfo', 'utf8');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown';
  const openFiles = /^Max open files\s+(\S+)\s+(\S+)/m.exec(readFileSync('/proc/self/limits', 'utf8'));
  out('Codex Cloud benchmark: bench/tasks.bench.ts');
  out(`  date        ${new Date().toISOString()}`);
  out(`  cpu         ${model}, ${os.cpus().length} cores (${os.availableParallelism()} available)`);
  out(`  memory      ${fmt(os.totalmem() / 1024 ** 3)} GiB total, ${fmt(os.freemem() / 1024 ** 3)} GiB free`);
  out(`  node        ${process.version} (${os.platform()} ${os.release()})`);
  out(`  open files  soft ${openFiles?.[1] ?? '?'} / hard ${openFiles?.[2] ?? '?'} (fan-out needs ~${FANOUT.subscribers + 200} in each process)`);
  const load1 = os.loadavg()[0] ?? 0;
  out(`  load avg    ${load()}${load1 > 1.5 ? '   <-- the machine is busy: figures will be noisy' : ''}`);
  const soft = Number(openFiles?.[1]);
  if (Number.isFinite(soft) && soft < FANOUT.subscribers + 200) {
    out(`  WARNING: open-file limit ${soft} is below what ${FANOUT.subscribers} WebSocket clients need; raise it with ulimit -n`);
  }
}

// ---------------------------------------------------------------------------------------------
// The stack.

/** Production-like logging (level info, pino, synchronous) into /dev/null, not into the report. */
function devNullLogger(name: string): Logger {
  return createLogger({ level: 'info', name, destination: pino.destination({ dest: '/dev/null', sync: true }) });
}

interface Stack {
  adminUrl: string;
  databaseName: string;
  databaseUrl: string;
  temporalAddress: string;
  temporalPid: number;
  jwtSecret: string;
  db: Db;
}

/** Undo steps, run in reverse order at the end (or after a failure). */
const cleanups: { name: string; run: () => Promise<void> }[] = [];
function onCleanup(name: string, run: () => Promise<void>): void {
  cleanups.push({ name, run });
}

async function startStack(): Promise<Stack> {
  const [pg, temporalServer] = await Promise.all([scriptLib<PostgresLib>('postgres.mjs'), scriptLib<TemporalServerLib>('temporal-server.mjs')]);
  const t0 = now();
  // Bundling the workflows (webpack) takes seconds of CPU: start it now, alongside the servers.
  const bundling = workflowBundle();
  bundling.catch(() => undefined);

  const startPostgres = async () => {
    const local = await pg.startLocalPostgres({ dataDir: path.join(ROOT, '.data', 'bench-postgres'), durable: false });
    onCleanup('postgres', () => local.stop());
    // Databases of bench runs that died before their cleanup.
    for (const name of await pg.listDatabases(local.url)) {
      const created = Number(/^codex_bench_(\d+)_/.exec(name)?.[1]);
      if (created > 0 && Date.now() - created > 60 * 60 * 1000) await pg.dropDatabase(local.url, name);
    }
    const databaseName = `codex_bench_${Date.now()}_${randomBytes(3).toString('hex')}`;
    await pg.createDatabase(local.url, databaseName);
    onCleanup('bench database', () => pg.dropDatabase(local.url, databaseName));
    return { adminUrl: local.url, databaseName, databaseUrl: pg.withDatabase(local.url, databaseName) };
  };
  const startTemporal = async () => {
    const server = await temporalServer.startTemporalDevServer({ headless: true, namespace: 'default' });
    onCleanup('temporal dev server', () => server.stop());
    return server;
  };
  const [pgResult, temporalResult] = await Promise.allSettled([startPostgres(), startTemporal()]);
  if (pgResult.status === 'rejected') throw pgResult.reason;
  if (temporalResult.status === 'rejected') throw temporalResult.reason;

  const db = createDb({ url: pgResult.value.databaseUrl, poolSize: 20, applicationName: 'codex-bench' });
  onCleanup('bench db pool', () => db.destroy());
  const migrated = await migrateToLatest(db);
  if (migrated.error) throw new Error(`migration failed: ${String(migrated.error)}`);
  await bundling;
  const version = await db.selectNoFrom((eb) => eb.fn<string>('version', []).as('v')).executeTakeFirstOrThrow();
  out(`  postgres    ${version.v.split(' on ')[0]} (database ${pgResult.value.databaseName})`);
  out(`  temporal    dev server on ${temporalResult.value.address}, pid ${temporalResult.value.pid} (in memory, headless)`);
  out(`  stack up in ${fmt((now() - t0) / 1000)} s (incl. workflow bundle)`);
  return { ...pgResult.value, temporalAddress: temporalResult.value.address, temporalPid: temporalResult.value.pid, jwtSecret: randomBytes(48).toString('base64url'), db };
}

function appConfig(stack: Stack, queuePrefix: string, extra: Record<string, string> = {}): Config {
  return parseConfig({
    HOST,
    PORT: '0',
    LOG_LEVEL: 'info',
    DATABASE_URL: stack.databaseUrl,
    TEMPORAL_ADDRESS: stack.temporalAddress,
    TEMPORAL_NAMESPACE: 'default',
    TEMPORAL_TASK_QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: stack.jwtSecret,
    LOCAL_AGENT_COMMAND: SCRIPTED_AGENT,
    // The API's caches can be turned off to measure without them (0).
    ...Object.fromEntries(PASSED_SETTINGS.flatMap((k) => (process.env[k] === undefined ? [] : [[k, process.env[k]!]]))),
    ...extra,
  });
}

/** Settings taken from the environment, so a run can compare them. */
const PASSED_SETTINGS = ['AUTH_SESSION_CACHE_SECONDS', 'TASK_ESTIMATE_CACHE_SECONDS', 'RATE_LIMIT_ENABLED', 'QUOTAS_ENABLED', 'DATABASE_PREPARED_STATEMENTS'] as const;

async function startWorkers(stack: Stack, config: Config): Promise<void> {
  const logger = devNullLogger('worker-bench');
  const db = createDb({ url: stack.databaseUrl, poolSize: 10, applicationName: 'codex-bench-worker' });
  const connection = await NativeConnection.connect({ address: stack.temporalAddress });
  // The workers' own client (slot activities signal and start workflows), as in workers/main.ts.
  const client = new Client({ connection: await Connection.connect({ address: stack.temporalAddress }), namespace: config.TEMPORAL_NAMESPACE });
  await ensureSearchAttributes(connection, config.TEMPORAL_NAMESPACE, logger);
  const workers: Worker[] = await createWorkers({ config, connection, client, db, logger, workflowBundle: await workflowBundle() });
  const running = Promise.all(workers.map((w) => w.run()));
  running.catch(() => undefined);
  onCleanup('workers', async () => {
    for (const w of workers) w.shutdown();
    await running;
    await connection.close();
    await client.connection.close();
    await db.destroy();
  });
}

async function startInProcessApi(config: Config): Promise<RunningApi> {
  const api = await startApi(config, devNullLogger('api-bench'));
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await api.close();
  };
  onCleanup(`api ${api.url}`, close);
  return { ...api, close };
}

interface BenchUser {
  token: string;
  userId: string;
  tier: Tier;
}

/** A user registered through the API (tier `free`), then moved to `tier` in the database. */
async function registerBenchUser(apiUrl: string, db: Db, tier: Tier): Promise<BenchUser> {
  const email = `bench.${tier}.${process.pid}.${Date.now()}@example.test`;
  const reg = await request('POST', `${apiUrl}/v1/auth/register`, { body: { email, password: 'correct horse battery staple', name: 'Bench' } });
  if (reg.status !== 201 || typeof reg.body?.access_token !== 'string') throw new Error(`register failed: ${reg.status} ${reg.text}`);
  const token = reg.body.access_token;
  const me = await request('GET', `${apiUrl}/v1/auth/me`, { token });
  if (me.status !== 200 || typeof me.body?.id !== 'string') throw new Error(`GET /v1/auth/me failed: ${me.status} ${me.text}`);
  const userId = me.body.id;
  // Limits stay on (the API counts every request) but never cap a figure: an operator's own
  // per-minute limit, far above what a section sends.
  await db.updateTable('users').set({ tier, requests_per_minute: 1_000_000 }).where('id', '=', userId).execute();
  await db.updateTable('subscriptions').set({ tier }).where('user_id', '=', userId).execute();
  return { token, userId, tier };
}

// ---------------------------------------------------------------------------------------------
// Raw Temporal: the same agentTask start as TaskService.startWorkflow, rows made beforehand.

interface PreparedTask {
  id: string;
  input: AgentTaskInput;
  task: string;
  agentType: string;
  fileCount: number;
}

const TRIVIAL_BODY = { task: 'bench: trivial agent', agent_type: 'general', context: { script: { steps: 0 } } };

/** What POST /v1/agents/execute writes for a task, done outside any timed section. */
async function prepareTask(db: Db, user: BenchUser, config: Config): Promise<PreparedTask> {
  const id = newId('task');
  const agentType = TRIVIAL_BODY.agent_type;
  const task = await insertTaskWithInput(db, {
    id,
    userId: user.userId,
    agentType,
    task: TRIVIAL_BODY.task,
    fileCount: 0,
    timeLimitSeconds: config.TASK_TIME_LIMIT_SECONDS,
    idempotencyKey: null,
    inputJson: { task: TRIVIAL_BODY.task, agent_type: agentType, context: TRIVIAL_BODY.context },
  });
  if (!task) throw new Error(`task ${id} exists already`);
  return {
    id,
    task: task.task,
    agentType,
    fileCount: task.file_count,
    // Built as TaskService.startWorkflow builds it (agentDefaults: limits, queues, the tier's
    // parallel-agent limit).
    input: {
      ...agentDefaults(config, user.tier, task.time_limit_seconds),
      taskId: task.id,
      userId: task.user_id,
      tier: user.tier,
      agentType: task.agent_type,
      inputBlobId: task.input_blob_id,
    },
  };
}

/** client.workflow.start with the options TaskService.startWorkflow passes (through startOnce). */
function startRaw(client: Client, config: Config, t: PreparedTask) {
  return client.workflow.start('agentTask', {
    workflowId: t.id,
    taskQueue: taskQueues(config).general,
    args: [t.input],
    workflowIdConflictPolicy: 'FAIL',
    workflowIdReusePolicy: 'REJECT_DUPLICATE',
    typedSearchAttributes: [
      { key: SearchAttr.userId, value: t.input.userId },
      { key: SearchAttr.tier, value: t.input.tier },
      { key: SearchAttr.agentType, value: t.agentType },
      { key: SearchAttr.status, value: 'queued' },
    ],
    memo: { task: t.task.slice(0, 500), files: t.fileCount, agent_type: t.agentType, user_id: t.input.userId },
    staticSummary: `${t.agentType}: ${t.task.slice(0, 120)}`,
  });
}

async function executeViaApi(apiUrl: string, token: string): Promise<{ taskId: string }> {
  const res = await request('POST', `${apiUrl}/v1/agents/execute`, { body: TRIVIAL_BODY, token });
  if (res.status !== 202 || typeof res.body?.task_id !== 'string') throw new Error(`execute answered ${res.status}: ${res.text.slice(0, 300)}`);
  return { taskId: res.body.task_id };
}

// ---------------------------------------------------------------------------------------------
// (a) Task starts per second.

async function benchStarts(stack: Stack, user: BenchUser, client: Client): Promise<void> {
  // A task queue no worker polls: the figure is the start path alone, not the start path
  // competing for these 2 cores with 600 agent runs. The workflows are terminated afterwards.
  const config = appConfig(stack, `bench-starts-${randomBase32(6).toLowerCase()}`);
  const api = await startInProcessApi(config);
  section(`(a) task starts per second: concurrency ${START.concurrency}, N = ${START.perSide} per side in ${START.rounds} interleaved rounds (tier ${user.tier})`);
  out(`   task queue ${taskQueues(config).general} has no poller (start path only); warm-up ${START.warmup} per side, not counted`);
  out(
    `   one user, one token: sessions cached ${config.AUTH_SESSION_CACHE_SECONDS} s, estimates cached ${config.TASK_ESTIMATE_CACHE_SECONDS} s ` +
      '(AUTH_SESSION_CACHE_SECONDS=0 TASK_ESTIMATE_CACHE_SECONDS=0 measures without)',
  );

  const started: string[] = [];
  const total = START.perSide + START.warmup;
  const tPrep = now();
  const prepared: PreparedTask[] = [];
  for (let i = 0; i < total; i++) prepared.push(await prepareTask(stack.db, user, config));
  out(`   raw baseline: ${total} task rows/blobs/streams pre-created through db/repositories in ${fmt((now() - tPrep) / 1000)} s (not timed)`);
  let rawNext = 0;

  const apiRun = (n: number, budgetMs: number) =>
    runConcurrent(n, START.concurrency, budgetMs, async () => {
      const { taskId } = await executeViaApi(api.url, user.token);
      started.push(taskId);
    });
  const rawRun = (n: number, budgetMs: number) =>
    runConcurrent(n, START.concurrency, budgetMs, async () => {
      const t = prepared[rawNext++];
      if (!t) throw new Error('ran out of prepared tasks');
      await startRaw(client, config, t);
      started.push(t.id);
    });

  const warmApi = await apiRun(START.warmup, START.budgetMs);
  const warmRaw = await rawRun(START.warmup, START.budgetMs);
  if (warmApi.ok === 0) throw new Error(`every warm-up execute failed: ${warmApi.errors.join('; ')}`);
  if (warmRaw.ok === 0) throw new Error(`every warm-up workflow.start failed: ${warmRaw.errors.join('; ')}`);

  const perRound = Math.ceil(START.perSide / START.rounds);
  const apiRounds: RunResult[] = [];
  const rawRounds: RunResult[] = [];
  const apiCpu: CpuSnapshot = { node: 0, temporal: 0, postgres: 0 };
  const rawCpu: CpuSnapshot = { node: 0, temporal: 0, postgres: 0 };
  const budgetPerRun = START.budgetMs / (2 * START.rounds);
  const measured = async (run: () => Promise<RunResult>, into: RunResult[], cpu: CpuSnapshot) => {
    const before = cpuSnapshot(stack);
    into.push(await run());
    const d = cpuDelta(before, cpuSnapshot(stack));
    cpu.node += d.node;
    cpu.temporal += d.temporal;
    cpu.postgres += d.postgres;
  };
  for (let r = 0; r < START.rounds; r++) {
    // Alternate which side goes first, so drift in the machine's load hits both alike.
    const api = () => measured(() => apiRun(perRound, budgetPerRun), apiRounds, apiCpu);
    const raw = () => measured(() => rawRun(perRound, budgetPerRun), rawRounds, rawCpu);
    if (r % 2 === 0) {
      await api();
      await raw();
    } else {
      await raw();
      await api();
    }
  }

  const combine = (runs: RunResult[]) => {
    const ok = runs.reduce((a, r) => a + r.ok, 0);
    const ms = runs.reduce((a, r) => a + r.elapsedMs, 0);
    return {
      ok,
      failed: runs.reduce((a, r) => a + r.failed, 0),
      seconds: ms / 1000,
      rate: ok / (ms / 1000),
      lat: summary(runs.flatMap((r) => r.latencies)),
      rounds: runs.map((r) => fmt(r.ok / (r.elapsedMs / 1000))).join(', '),
      errors: runs.flatMap((r) => r.errors).slice(0, 3),
      budget: runs.some((r) => r.stoppedByBudget),
    };
  };
  const a = combine(apiRounds);
  const b = combine(rawRounds);
  const line = (label: string, c: ReturnType<typeof combine>) =>
    out(
      `   ${label.padEnd(32)} ${fmt(c.rate).padStart(7)} starts/s   (${c.ok} ok, ${c.failed} failed, ${fmt(c.seconds, 2)} s; rounds ${c.rounds} /s; ` +
        `per-request latency p50 ${fmt(c.lat.p50)} ms, p99 ${fmt(c.lat.p99)} ms)${c.budget ? '  [stopped by time budget]' : ''}`,
    );
  line('POST /v1/agents/execute', a);
  line('raw client.workflow.start', b);
  for (const err of [...a.errors, ...b.errors]) out(`   error: ${err}`);
  const ratio = a.rate / b.rate;
  out(`   ratio API / raw                  ${fmt(ratio, 2).padStart(7)}             target >= ${TARGETS.startRatio}: ${verdict(ratio >= TARGETS.startRatio)}`);
  const cpuLine = (label: string, cpu: CpuSnapshot, n: number) =>
    out(
      `   ${label.padEnd(32)} node ${fmt(cpu.node / n, 2)} ms  temporal ${fmt(cpu.temporal / n, 2)} ms  postgres ${fmt(cpu.postgres / n, 2)} ms  ` +
        `= ${fmt((cpu.node + cpu.temporal + cpu.postgres) / n, 2)} ms of CPU per start`,
    );
  out('   CPU per start (node = this process: HTTP client + API, or the Temporal client alone):');
  cpuLine('  API', apiCpu, Math.max(1, a.ok));
  cpuLine('  raw', rawCpu, Math.max(1, b.ok));

  if (CPU_PROFILE_DIR) {
    const session = new Session();
    session.connect();
    await session.post('Profiler.enable');
    await session.post('Profiler.start');
    const profiled = await apiRun(perRound, START.budgetMs);
    const { profile } = await session.post('Profiler.stop');
    session.disconnect();
    mkdirSync(CPU_PROFILE_DIR, { recursive: true });
    const file = path.join(CPU_PROFILE_DIR, 'api-starts.cpuprofile');
    writeFileSync(file, JSON.stringify(profile));
    out(`   CPU profile of ${profiled.ok} more executes (not counted): ${file}`);
  }

  await api.close();
  // Terminate what was started so nothing of it is left for (b).
  const tTerm = now();
  const ids = [...new Set(started)];
  let next = 0;
  let notFound = 0;
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (next < ids.length) {
        const id = ids[next++]!;
        try {
          await client.workflow.getHandle(id).terminate('benchmark: start throughput only');
        } catch (err) {
          if (err instanceof WorkflowNotFoundError) notFound += 1;
          else throw err;
        }
      }
    }),
  );
  out(`   cleanup: terminated ${ids.length - notFound} workflows in ${fmt((now() - tTerm) / 1000)} s`);
}

// ---------------------------------------------------------------------------------------------
// (b) End-to-end latency of a trivial agent.

/** POST execute, then the task's WebSocket (opened once the POST answered) until `result`. */
async function e2eViaApi(apiUrl: string, token: string): Promise<{ total: number; post: number; open: number }> {
  const t0 = now();
  const { taskId } = await executeViaApi(apiUrl, token);
  const tPost = now();
  let tOpen = NaN;
  await new Promise<void>((resolve, reject) => {
    const ws = new WebSocket(`${apiUrl.replace(/^http/, 'ws')}/v1/agents/tasks/${taskId}/stream?token=${encodeURIComponent(token)}`);
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`no result for ${taskId} within ${E2E.timeoutMs} ms`));
    }, E2E.timeoutMs);
    const fail = (err: Error) => {
      clearTimeout(timer);
      ws.terminate();
      reject(err);
    };
    ws.on('open', () => {
      tOpen = now();
    });
    ws.on('message', (data: WebSocket.RawData) => {
      const message = JSON.parse(data.toString()) as { type?: string; status?: string };
      if (message.type === 'result') {
        clearTimeout(timer);
        ws.close();
        if (message.status === 'completed') resolve();
        else reject(new Error(`task ${taskId} ended ${message.status}`));
      } else if (message.type === 'error') {
        fail(new Error(`task ${taskId} failed: ${JSON.stringify(message)}`));
      }
    });
    ws.on('unexpected-response', (_req, res) => fail(new Error(`stream handshake refused: ${res.statusCode}`)));
    ws.on('error', fail);
    ws.on('close', () => {
      clearTimeout(timer);
      reject(new Error(`stream of ${taskId} closed before its result`)); // no-op once settled
    });
  });
  const t1 = now();
  return { total: t1 - t0, post: tPost - t0, open: tOpen - tPost };
}

/**
 * Sees final stream events committed, straight from Postgres (LISTEN plus one read, as the
 * API's EventHub does), to time the raw path to the same moment the API's `result` leaves from.
 */
class FinalEventWatcher {
  private readonly waiters = new Map<string, () => void>();
  private constructor(private readonly listener: PgClient, private readonly db: Db) {}

  static async start(databaseUrl: string, db: Db): Promise<FinalEventWatcher> {
    const listener = new PgClient({ connectionString: databaseUrl, application_name: 'codex-bench-listen' });
    await listener.connect();
    const watcher = new FinalEventWatcher(listener, db);
    listener.on('notification', (msg) => watcher.onNotification(msg.payload));
    await listener.query(`LISTEN ${STREAM_EVENTS_CHANNEL}`);
    return watcher;
  }

  /** Resolves with the time the stream's final event was seen (NaN after `timeoutMs`). */
  watch(streamId: string, timeoutMs: number): Promise<number> {
    return new Promise<number>((resolve) => {
      const timer = setTimeout(() => {
        this.waiters.delete(streamId);
        resolve(NaN);
      }, timeoutMs);
      this.waiters.set(streamId, () => {
        clearTimeout(timer);
        this.waiters.delete(streamId);
        resolve(now());
      });
    });
  }

  private onNotification(payload: string | undefined): void {
    if (!payload) return;
    const { s, q } = JSON.parse(payload) as { s: string; q: number };
    const waiter = this.waiters.get(s);
    if (!waiter) return;
    void this.db
      .selectFrom('stream_events')
      .select('final')
      .where('stream_id', '=', s)
      .where('seq', '=', String(q))
      .executeTakeFirst()
      .then(
        (row) => {
          if (row?.final) waiter();
        },
        () => undefined,
      );
  }

  private closed = false;
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.listener.end();
  }
}

/** workflow.start → handle.result() of the same workflow, its rows made beforehand. */
async function e2eRaw(client: Client, config: Config, t: PreparedTask, watcher: FinalEventWatcher): Promise<{ total: number; start: number; finalEvent: number }> {
  const finalSeen = watcher.watch(t.id, E2E.timeoutMs);
  const t0 = now();
  const handle = await startRaw(client, config, t);
  const tStart = now();
  const outcome = (await handle.result()) as AgentTaskOutcome;
  const t1 = now();
  if (outcome.status !== 'completed') throw new Error(`workflow ${t.id} ended ${outcome.status}`);
  const tFinal = await finalSeen;
  return { total: t1 - t0, start: tStart - t0, finalEvent: tFinal - t0 };
}

async function benchEndToEnd(stack: Stack, user: BenchUser, client: Client, config: Config, api: RunningApi): Promise<void> {
  const limit = TIER_LIMITS[user.tier].parallelAgents;
  section(`(b) end-to-end latency, trivial agent (scripted, {steps: 0}): sequential, N = ${E2E.n} per side after ${E2E.warmup} warm-up, interleaved`);
  out(`   tier ${user.tier}: ${limit === null ? 'no parallel-agent limit, so no slot' : `parallel-agent limit ${limit}, so every task takes a slot (never waits: one at a time)`}`);
  const apiTotals: number[] = [];
  const apiPosts: number[] = [];
  const apiOpens: number[] = [];
  const rawTotals: number[] = [];
  const rawStarts: number[] = [];
  const rawFinals: number[] = [];
  const watcher = await FinalEventWatcher.start(stack.databaseUrl, stack.db);
  onCleanup('final-event listener', () => watcher.close());
  const errors: string[] = [];
  let failed = 0;
  const deadline = now() + E2E.budgetMs;
  let stoppedByBudget = false;
  for (let i = 0; i < E2E.warmup + E2E.n; i++) {
    if (now() > deadline) {
      stoppedByBudget = true;
      break;
    }
    const counted = i >= E2E.warmup;
    const prepared = await prepareTask(stack.db, user, config); // not timed
    const sides = [
      async () => {
        const r = await e2eViaApi(api.url, user.token);
        if (counted) {
          apiTotals.push(r.total);
          apiPosts.push(r.post);
          apiOpens.push(r.open);
        }
      },
      async () => {
        const r = await e2eRaw(client, config, prepared, watcher);
        if (counted) {
          rawTotals.push(r.total);
          rawStarts.push(r.start);
          if (Number.isFinite(r.finalEvent)) rawFinals.push(r.finalEvent);
        }
      },
    ];
    // Alternate the order, so neither side always follows the other's leftovers.
    if (i % 2 === 1) sides.reverse();
    for (const side of sides) {
      try {
        await side();
      } catch (err) {
        failed += 1;
        if (errors.length < 3) errors.push(err instanceof Error ? err.message : String(err));
      }
    }
  }
  await watcher.close();
  const a = summary(apiTotals);
  const r = summary(rawTotals);
  const f = summary(rawFinals);
  const row = (label: string, s: ReturnType<typeof summary>) =>
    out(`   ${label.padEnd(46)} n=${String(s.n).padEnd(3)} p50 ${fmt(s.p50).padStart(6)} ms   p90 ${fmt(s.p90).padStart(6)} ms   p99 ${fmt(s.p99).padStart(6)} ms   (min ${fmt(s.min)}, max ${fmt(s.max)}, mean ${fmt(s.mean)})`);
  row('API: POST execute -> WS `result`', a);
  row('raw: workflow.start -> handle.result()', r);
  row('raw: workflow.start -> final event NOTIFY (ref)', f);
  out('   breakdown (p50):');
  out(`     API  POST answered (202)             ${fmt(summary(apiPosts).p50)} ms`);
  out(`     API  202 -> WebSocket open            ${fmt(summary(apiOpens).p50)} ms`);
  out(`     raw  workflow.start resolved          ${fmt(summary(rawStarts).p50)} ms`);
  if (failed > 0) out(`   ${failed} samples failed: ${errors.join('; ')}`);
  if (stoppedByBudget) out('   [stopped by time budget]');
  const added = a.p50 - r.p50;
  out(`   added by the API at p50 (vs handle.result()): ${fmt(added)} ms (p90 ${fmt(a.p90 - r.p90)} ms)   target <= ${TARGETS.addedP50Ms} ms: ${verdict(added <= TARGETS.addedP50Ms)}`);
  out(
    `   added by the API at p50 (vs the final event's NOTIFY, like for like): ${fmt(a.p50 - f.p50)} ms (p90 ${fmt(a.p90 - f.p90)} ms)` +
      `   target <= ${TARGETS.addedP50Ms} ms: ${verdict(a.p50 - f.p50 <= TARGETS.addedP50Ms)}`,
  );
  out("   (the WS `result` is written by the finishTask activity; handle.result() returns one workflow task later, when the workflow closes)");
  out(`   (with n=${a.n}, p99 is the ${a.n >= 100 ? '99th percentile' : 'largest or second-largest sample'}; p99 needs n >= 100 to mean much)`);
}

// ---------------------------------------------------------------------------------------------
// (c) 1,000 WebSocket subscribers on one task, API in its own process.

async function spawnApiProcess(stack: Stack): Promise<{ child: ChildProcess; url: string; stop(): Promise<void> }> {
  const [ports, proc] = await Promise.all([scriptLib<PortsLib>('ports.mjs'), scriptLib<ProcLib>('proc.mjs')]);
  const port = await ports.findFreePort(HOST);
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: String(port),
      HOST,
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      JWT_SECRET: stack.jwtSecret,
      // Production-like logging; stdout (pino) goes to /dev/null.
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: true,
  });
  proc.killGroupOnExit(child);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://${HOST}:${port}`;
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await proc.stopProcessGroup(child, { signal: 'SIGTERM', timeoutMs: 10_000 });
  };
  onCleanup('api process', stop);
  const deadline = now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`api process exited (${child.exitCode}) during startup:\n${stderr}`);
    const ok = await request('GET', `${url}/healthz`, { timeoutMs: 2000 }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) break;
    if (now() > deadline) throw new Error(`api process not healthy after 60 s:\n${stderr}`);
    await sleep(200);
  }
  return { child, url, stop };
}

async function benchFanout(stack: Stack, user: BenchUser): Promise<void> {
  section(
    `(c) ${FANOUT.subscribers} WebSocket subscribers on one task: ${FANOUT.events} events at 1 per ${FANOUT.intervalMs} ms (+${FANOUT.warmupEvents} warm-up), API in its own process`,
  );
  const t0 = now();
  const api = await spawnApiProcess(stack);
  const pid = api.child.pid!;
  out(`   api process pid ${pid} (node --import tsx api/server.ts) healthy in ${fmt((now() - t0) / 1000)} s`);
  // A few requests, then a moment of quiet, so "idle" is a warmed-up process.
  for (let i = 0; i < 20; i++) await request('GET', `${api.url}/healthz`);
  await sleep(1000);
  const idle = readProcStatus(pid);

  const streamId = newId('task');
  await createStream(stack.db, { id: streamId, userId: user.userId });
  const wsUrl = `${api.url.replace(/^http/, 'ws')}/v1/agents/tasks/${streamId}/stream?token=${encodeURIComponent(user.token)}`;

  // seq → commit time (Postgres clock_timestamp() read last thing before COMMIT) and the time the
  // append was called, both as wall-clock ms; receipts are wall-clock ms too (same host clock).
  const committedAt = new Map<number, number>();
  const calledAt = new Map<number, number>();
  const wallNow = () => performance.timeOrigin + performance.now();
  const arrivals: { seq: number; at: number }[] = [];
  const sockets: WebSocket[] = [];
  const closed: Promise<number>[] = [];
  let messageErrors = 0;
  let firstMeasuredSeq = Infinity;

  const handshakes: number[] = [];
  const connectFailures: string[] = [];
  const tConnect = now();
  let nextIndex = 0;
  await Promise.all(
    Array.from({ length: FANOUT.connectConcurrency }, async () => {
      while (nextIndex < FANOUT.subscribers) {
        nextIndex += 1;
        const started = now();
        try {
          const ws = await new Promise<WebSocket>((resolve, reject) => {
            const socket = new WebSocket(wsUrl, { perMessageDeflate: false });
            socket.once('open', () => resolve(socket));
            socket.once('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
            socket.once('error', reject);
          });
          handshakes.push(now() - started);
          ws.on('message', (data: WebSocket.RawData) => {
            const at = wallNow();
            try {
              const seq = (JSON.parse(data.toString()) as { seq: number }).seq;
              arrivals.push({ seq, at });
            } catch {
              messageErrors += 1;
            }
          });
          ws.on('error', () => {
            messageErrors += 1;
          });
          closed.push(new Promise<number>((resolve) => ws.once('close', (code) => resolve(code))));
          sockets.push(ws);
        } catch (err) {
          if (connectFailures.length < 3) connectFailures.push(err instanceof Error ? err.message : String(err));
        }
      }
    }),
  );
  const connectSeconds = (now() - tConnect) / 1000;
  const hs = summary(handshakes);
  out(
    `   connected ${sockets.length}/${FANOUT.subscribers} in ${fmt(connectSeconds, 2)} s (${FANOUT.connectConcurrency} at a time; handshake p50 ${fmt(hs.p50)} ms, p99 ${fmt(hs.p99)} ms)` +
      (connectFailures.length ? `; failures: ${connectFailures.join('; ')}` : ''),
  );
  if (sockets.length === 0) throw new Error('no WebSocket subscriber could connect');
  await sleep(500);
  const connected = readProcStatus(pid);

  // Sample the API's RSS while the events flow.
  let peakRssKb = connected.rssKb;
  const sampler = setInterval(() => {
    try {
      peakRssKb = Math.max(peakRssKb, readProcStatus(pid).rssKb);
    } catch {
      // process gone: reported below
    }
  }, 200);

  const totalEvents = FANOUT.warmupEvents + FANOUT.events;
  const tEvents = now();
  let lateTicks = 0;
  for (let k = 0; k < totalEvents; k++) {
    const due = tEvents + k * FANOUT.intervalMs;
    const wait = due - now();
    if (wait > 0) await sleep(wait);
    else if (wait < -FANOUT.intervalMs) lateTicks += 1;
    if (now() - tEvents > FANOUT.budgetMs) break;
    const before = wallNow();
    // appendEvents() is this same function inside a transaction; the extra select stamps the commit.
    const { stored, commitMs } = await stack.db.transaction().execute(async (trx) => {
      const [event] = await appendEventsInTransaction(trx, [
        {
          streamId,
          type: 'progress',
          payload: {
            type: 'progress',
            task_id: streamId,
            progress: Math.floor((k * 100) / (totalEvents + 1)),
            message: `bench step ${k + 1} of ${totalEvents}`,
            timestamp: new Date().toISOString(),
          },
        },
      ]);
      const stamp = await sql<{ ms: string }>`select (extract(epoch from clock_timestamp()) * 1000)::text as ms`.execute(trx);
      return { stored: event, commitMs: Number(stamp.rows[0]?.ms) };
    });
    if (!stored) throw new Error('appendEvents wrote nothing');
    committedAt.set(stored.seq, commitMs);
    calledAt.set(stored.seq, before);
    if (k === FANOUT.warmupEvents) firstMeasuredSeq = stored.seq;
  }
  const lastSeq = Math.max(...committedAt.keys());
  // Let the last events arrive (bounded).
  const expectedPerSub = lastSeq;
  const waitUntil = now() + 10_000;
  while (arrivals.length < expectedPerSub * sockets.length && now() < waitUntil) await sleep(50);
  clearInterval(sampler);
  const during = readProcStatus(pid);
  peakRssKb = Math.max(peakRssKb, during.rssKb);

  // The final event closes every subscriber (code 1000).
  await appendEvents(stack.db, [
    {
      streamId,
      type: 'result',
      final: true,
      payload: { type: 'result', task_id: streamId, status: 'completed', result: { summary: 'bench done' }, timestamp: new Date().toISOString() },
    },
  ]);
  const closeCodes = await Promise.race([Promise.all(closed), sleep(15_000).then(() => undefined)]);
  for (const ws of sockets) if (ws.readyState !== WebSocket.CLOSED) ws.terminate();
  const afterClose = readProcStatus(pid);

  const fromCommit: number[] = [];
  const fromCall: number[] = [];
  let measuredArrivals = 0;
  for (const { seq, at } of arrivals) {
    if (seq < firstMeasuredSeq || seq > lastSeq) continue;
    measuredArrivals += 1;
    fromCommit.push(at - committedAt.get(seq)!);
    fromCall.push(at - calledAt.get(seq)!);
  }
  const measuredEvents = lastSeq - firstMeasuredSeq + 1;
  const expected = measuredEvents * sockets.length;
  const lc = summary(fromCommit);
  const lcall = summary(fromCall);
  const early = fromCommit.filter((v) => v < 0).length;
  out(`   deliveries measured: ${measuredArrivals} of ${expected} expected (${measuredEvents} events x ${sockets.length} subscribers); unreadable messages/errors ${messageErrors}`);
  out(`   event rate achieved: ${fmt((lastSeq - 1) / ((committedAt.get(lastSeq)! - committedAt.get(1)!) / 1000))} events/s${lateTicks ? ` (${lateTicks} ticks late)` : ''}`);
  out('   (receipt = when the message handler of that client ran in this process; all 1,000 clients share one event loop here)');
  out(
    `   latency commit -> subscriber:  p50 ${fmt(lc.p50)} ms   p90 ${fmt(lc.p90)} ms   p99 ${fmt(lc.p99)} ms   max ${fmt(lc.max)} ms` +
      `   target p99 < ${TARGETS.fanoutP99Ms} ms: ${verdict(lc.p99 < TARGETS.fanoutP99Ms)}`,
  );
  out(`   latency append call -> subscriber (adds the insert transaction): p50 ${fmt(lcall.p50)} ms   p99 ${fmt(lcall.p99)} ms`);
  if (early > 0) out(`   (${early} deliveries stamped before their commit time: clock skew; counted as negative latencies)`);
  out(
    `   api RSS: idle ${fmt(mb(idle.rssKb))} MB -> ${sockets.length} connected ${fmt(mb(connected.rssKb))} MB -> peak while streaming ${fmt(mb(peakRssKb))} MB (sampled every 200 ms)` +
      `   target < ${TARGETS.rssMb} MB: ${verdict(mb(peakRssKb) < TARGETS.rssMb)}`,
  );
  out(
    `   api VmHWM (lifetime peak RSS) ${fmt(mb(afterClose.hwmKb))} MB; after all closed ${fmt(mb(afterClose.rssKb))} MB; ` +
      `~${fmt((connected.rssKb - idle.rssKb) / Math.max(1, sockets.length), 1)} kB per connection`,
  );
  if (closeCodes) {
    const normal = closeCodes.filter((c) => c === 1000).length;
    out(`   stream end: ${normal}/${closeCodes.length} subscribers closed with 1000 after the final event`);
  } else {
    out('   stream end: not every subscriber was closed within 15 s of the final event');
  }
  await api.stop();
}

// ---------------------------------------------------------------------------------------------

/**
 * (d) The parallel-agent line: a free user's `LINE.agents` tasks, all asked for at once, run one
 * at a time. A hand-off is the time from one agent's end (its row's completed_at) to the next
 * one's start (started_at): release of the slot, the grant, the start of the next task.
 */
async function benchLine(stack: Stack, client: Client, api: RunningApi, config: Config): Promise<void> {
  section(`(d) hand-offs in a free user's line: ${LINE.agents} tasks asked for at once, one agent at a time (scripted agent, ${LINE.steps} steps ${LINE.delayMs} ms apart)`);
  const user = await registerBenchUser(api.url, stack.db, 'free');
  const t0 = now();
  const body = { task: 'bench: the line', agent_type: 'general', context: { script: { steps: LINE.steps, delay_ms: LINE.delayMs } } };
  const posted = await runConcurrent(LINE.agents, 16, 60_000, async () => {
    const res = await request('POST', `${api.url}/v1/agents/execute`, { token: user.token, body });
    if (res.status !== 202) throw new Error(`execute answered ${res.status}: ${res.text.slice(0, 200)}`);
  });
  out(`   ${posted.ok} tasks accepted in ${fmt(posted.elapsedMs / 1000)} s${posted.failed ? `; ${posted.failed} refused (${posted.errors.join('; ')})` : ''}`);
  const deadline = now() + LINE.budgetMs;
  let rows: { started_at: Date | null; completed_at: Date | null; status: string }[];
  for (;;) {
    rows = await stack.db.selectFrom('tasks').select(['started_at', 'completed_at', 'status']).where('user_id', '=', user.userId).execute();
    if (rows.every((r) => r.status !== 'queued' && r.status !== 'running')) break;
    if (now() > deadline) {
      out(`   stopped by the ${LINE.budgetMs / 1000} s budget: ${rows.filter((r) => r.completed_at).length} of ${rows.length} done`);
      break;
    }
    await sleep(500);
  }
  const done = rows.filter((r) => r.started_at && r.completed_at).sort((a, b) => a.started_at!.getTime() - b.started_at!.getTime());
  const notCompleted = rows.filter((r) => r.status !== 'completed').length;
  const handOffs: number[] = [];
  let overlaps = 0;
  for (let i = 1; i < done.length; i++) {
    const gap = done[i]!.started_at!.getTime() - done[i - 1]!.completed_at!.getTime();
    if (gap < 0) overlaps += 1;
    handOffs.push(gap);
  }
  const durations = done.map((r) => r.completed_at!.getTime() - r.started_at!.getTime());
  const summed = durations.reduce((a, b) => a + b, 0);
  const total = done.length ? done[done.length - 1]!.completed_at!.getTime() - done[0]!.started_at!.getTime() : NaN;
  const overhead = (total - summed) / summed;
  const h = summary(handOffs);
  const d = summary(durations);
  out(`   all done ${fmt((now() - t0) / 1000)} s after the first request; ${notCompleted} not completed; ${overlaps} overlaps (must be 0)`);
  out(`   hand-off, one agent's end -> the next one's start (n=${h.n}): p50 ${fmt(h.p50, 0)} ms, p90 ${fmt(h.p90, 0)} ms, p99 ${fmt(h.p99, 0)} ms, max ${fmt(h.max, 0)} ms   target p50 < ${TARGETS.handOffP50Ms} ms: ${verdict(h.p50 < TARGETS.handOffP50Ms)}`);
  out(`   agent run (started_at -> completed_at, p50): ${fmt(d.p50, 0)} ms`);
  out(
    `   first start -> last end ${fmt(total / 1000)} s, agents' own time summed ${fmt(summed / 1000)} s: overhead ${fmt(overhead * 100)} %   target < ${TARGETS.lineOverhead * 100} %: ${verdict(overhead < TARGETS.lineOverhead)}`,
  );
  const lengths: number[] = [];
  for await (const run of client.workflow.list({ query: `WorkflowId = 'agent-slots-${user.userId}'` })) {
    // Visibility knows a run's length once it has closed; a running one is described.
    lengths.push(run.status.name === 'RUNNING' ? (await client.workflow.getHandle(run.workflowId, run.runId).describe()).historyLength : run.historyLength);
  }
  out(`   the user's line: ${lengths.length} workflow run(s), longest history ${Math.max(...lengths)} events (continues as new past ${config.AGENT_LINE_MAX_HISTORY_EVENTS})`);
  const slowest = handOffs.map((ms, i) => ({ ms, i: i + 1 })).sort((a, b) => b.ms - a.ms).slice(0, 5);
  out(`   slowest hand-offs (ms @ place in line): ${slowest.map((x) => `${x.ms} @ ${x.i}`).join(', ')}`);
}

async function main(): Promise<void> {
  const tMain = now();
  printMachine();
  quietRuntime();
  if (STACK_SECTIONS.some((x) => SECTIONS.has(x))) await stackSections();
  if (SECTIONS.has('g')) {
    section('(g) security_expert on the labelled corpus (bench/security-corpus): TPR − FPR per class, target average ≥ 50, no class below 0');
    runScript('bench/security-corpus.bench.ts');
  }
  if (SECTIONS.has('h')) {
    section('(h) security_expert on a 10,000-file repository of real code (~1 M lines), through the agent runner: target < 60 s, memory bounded');
    runScript('bench/security-speed.bench.ts');
  }
  out();
  out(`total run time ${fmt((now() - tMain) / 1000)} s; load average at the end ${load()}`);
}

/** Runs a benchmark script of its own (a child process, so its memory figures are its own) and prints what it prints. */
function runScript(script: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: path.join(__dirname, '..'), encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const line of `${result.stdout}${result.stderr}`.trimEnd().split('\n')) out(line);
  if (result.status !== 0) throw new Error(`${script} exited with ${result.status}`);
}

/** Sections (a) to (f): one stack, shared. */
async function stackSections(): Promise<void> {
  const stack = await startStack();

  const e2eConfig = appConfig(stack, `bench-${randomBase32(6).toLowerCase()}`);
  await startWorkers(stack, e2eConfig);
  const api = await startInProcessApi(e2eConfig);
  const user = await registerBenchUser(api.url, stack.db, THROUGHPUT_TIER);
  const e2eUser = await registerBenchUser(api.url, stack.db, E2E_TIER);

  const connection = await Connection.connect({ address: stack.temporalAddress });
  onCleanup('temporal client', () => connection.close());
  const client = new Client({ connection, namespace: 'default' });

  if (SECTIONS.has('a')) await benchStarts(stack, user, client);
  if (SECTIONS.has('b')) await benchEndToEnd(stack, e2eUser, client, e2eConfig, api);
  if (SECTIONS.has('e')) await benchLimiter(stack, user, api);
  if (SECTIONS.has('d')) {
    // The line is measured without limits: its 200 runs of a free user are past that tier's
    // 5 requests a minute and 100 runs a month. Same queues, so the same workers serve it.
    const lineApi = await startInProcessApi(appConfig(stack, e2eConfig.TEMPORAL_TASK_QUEUE_PREFIX, { RATE_LIMIT_ENABLED: 'false', QUOTAS_ENABLED: 'false' }));
    await benchLine(stack, client, lineApi, e2eConfig);
    await lineApi.close();
  }
  // The in-process API and workers are done: they would only compete with (c) for the CPU.
  await api.close();
  await runCleanup('workers');
  if (SECTIONS.has('c')) await benchFanout(stack, user);
  if (SECTIONS.has('f')) await benchVisualization(stack);
}

/**
 * (e) What the rate limiter adds to a request: `GET /v1/auth/me` of the same user, sequentially,
 * alternating between the API under test (limits on: one upsert in Postgres per request) and an
 * API in the same process with limits off, so both see the same machine at the same moment.
 */
async function benchLimiter(stack: Stack, user: BenchUser, limited: RunningApi): Promise<void> {
  section(`(e) the rate limiter's cost per request: GET /v1/auth/me, sequential, N = ${LIMITER.n} per side after ${LIMITER.warmup} warm-up, alternating`);
  const unlimited = await startInProcessApi(appConfig(stack, `bench-${randomBase32(6).toLowerCase()}`, { RATE_LIMIT_ENABLED: 'false' }));
  const on: number[] = [];
  const off: number[] = [];
  for (let i = 0; i < LIMITER.warmup + LIMITER.n; i++) {
    for (const [target, into] of i % 2 ? ([[limited, on], [unlimited, off]] as const) : ([[unlimited, off], [limited, on]] as const)) {
      const t0 = now();
      const res = await request('GET', `${target.url}/v1/auth/me`, { token: user.token });
      const ms = now() - t0;
      if (res.status !== 200) throw new Error(`GET /v1/auth/me answered ${res.status}: ${res.text.slice(0, 200)}`);
      if (i >= LIMITER.warmup) into.push(ms);
    }
  }
  await unlimited.close();
  const a = summary(on);
  const b = summary(off);
  out(`   limits on   p50 ${fmt(a.p50, 2)} ms   p99 ${fmt(a.p99, 2)} ms   mean ${fmt(a.mean, 2)} ms`);
  out(`   limits off  p50 ${fmt(b.p50, 2)} ms   p99 ${fmt(b.p99, 2)} ms   mean ${fmt(b.mean, 2)} ms`);
  out(`   added by the limiter: p50 ${fmt(a.p50 - b.p50, 2)} ms, p99 ${fmt(a.p99 - b.p99, 2)} ms (no target; for the record)`);
}

async function runCleanup(name?: string): Promise<string[]> {
  const problems: string[] = [];
  for (let i = cleanups.length - 1; i >= 0; i--) {
    const step = cleanups[i]!;
    if (name !== undefined && step.name !== name) continue;
    cleanups.splice(i, 1);
    try {
      await Promise.race([
        step.run(),
        sleep(30_000).then(() => {
          throw new Error('timed out after 30 s');
        }),
      ]);
    } catch (err) {
      problems.push(`${step.name}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return problems;
}

void (async () => {
  let code = 0;
  try {
    await main();
  } catch (err) {
    code = 1;
    process.stderr.write(`benchmark failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  const problems = await runCleanup();
  for (const p of problems) process.stderr.write(`shutdown: ${p}\n`);
  if (problems.length > 0) code = code || 1;
  else out('shut down cleanly');
  httpAgent.destroy();
  // Native Temporal runtime threads and pino's destination would keep the process up a little longer.
  process.exit(code);
})();

// ---------------------------------------------------------------------------------------------
// (f) Repository visualization on a long history.

/** The page's globals (web/visualize/main.ts), as code run in the page sees them. */
interface PageWindow {
  codexViz?: { frames(): number; frameCost(n: number): number; state(): { index: number; loaded: number; total: number; files: number } };
}

/** Peak and current resident memory of a process (Linux: VmHWM and VmRSS), MB. */
function processMemoryMb(pid: number): { peak: number; now: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { peak: kb('VmHWM') / 1024, now: kb('VmRSS') / 1024 };
}

/**
 * (f) A repository of VIZ.commits commits over VIZ.files files made with `git fast-import`,
 * served by `git http-backend` on loopback, visualized through the API by a worker in its own
 * process (WORKER_QUEUES=analysis):
 * - the analysis (repositories/analysis.ts on the worker's clone, as the activity runs it)
 *   against `git log --numstat` alone on the same clone, alternately, three times each;
 * - the whole visualization (clone, analyse, store) and the worker's peak RSS;
 * - `GET …/commits?limit=1000` latency (sequential, after a warm-up);
 * - the page's frames per second in headless Chromium (software WebGL), idle and playing.
 */
async function benchVisualization(stack: Stack): Promise<void> {
  section(`(f) repository visualization: ${VIZ.commits} commits over ${VIZ.files} files (git fast-import), served by git http-backend on loopback`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'codex-bench-viz-'));
  onCleanup('visualization files', async () => rmSync(work, { recursive: true, force: true }));
  const served = path.join(work, 'served');
  const tMake = now();
  await makeSyntheticRepo({ dir: path.join(served, 'big.git'), commits: VIZ.commits, files: VIZ.files });
  execFileSync('git', ['--git-dir', path.join(served, 'big.git'), 'update-server-info']);
  out(`   repository made in ${fmt((now() - tMake) / 1000)} s (not timed)`);
  const server = await startGitHttpServer(served);
  onCleanup('git server', () => server.close());

  const cacheDir = path.join(work, 'cache');
  const config = appConfig(stack, `bench-viz-${randomBase32(6).toLowerCase()}`, {
    REPOSITORY_ALLOWED_HOSTS: server.hostPort,
    REPOSITORY_CACHE_DIR: cacheDir,
    RATE_LIMIT_ENABLED: 'false',
  });
  // The worker in its own process, so its memory is its own.
  const worker = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      DATABASE_URL: stack.databaseUrl,
      TEMPORAL_ADDRESS: stack.temporalAddress,
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE_PREFIX: config.TEMPORAL_TASK_QUEUE_PREFIX,
      WORKER_QUEUES: 'general,analysis',
      REPOSITORY_ALLOWED_HOSTS: server.hostPort,
      REPOSITORY_CACHE_DIR: cacheDir,
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  onCleanup('visualization worker', async () => {
    worker.kill('SIGTERM');
    await new Promise((r) => worker.once('exit', r));
  });
  const api = await startInProcessApi(config);
  const user = await registerBenchUser(api.url, stack.db, 'enterprise');
  const restBefore = processMemoryMb(worker.pid!);

  const tViz = now();
  const created = await request('POST', `${api.url}/v1/visualize/repository`, { token: user.token, body: { repository_url: `${server.url}/big.git`, branch: 'main' } });
  if (created.status !== 202) throw new Error(`visualize answered ${created.status}: ${created.text.slice(0, 300)}`);
  const id = String(created.body!.visualization_id);
  let view: Record<string, unknown> | undefined;
  for (const deadline = now() + 900_000; now() < deadline; await sleep(250)) {
    const res = await request('GET', `${api.url}/v1/visualize/${id}?timeline_limit=0`, { token: user.token });
    if (res.body?.status !== 'processing') {
      view = res.body;
      break;
    }
  }
  const vizSeconds = (now() - tViz) / 1000;
  if (view?.status !== 'completed') throw new Error(`visualization ended ${String(view?.status)}: ${JSON.stringify(view?.error)}`);
  const memory = processMemoryMb(worker.pid!);
  out(`   whole visualization (probe, clone over HTTP, analyse, store ${VIZ.commits} commits): ${fmt(vizSeconds)} s`);
  out(`   worker peak RSS ${fmt(memory.peak)} MB (at rest before: ${fmt(restBefore.now)} MB)`);

  // The analysis alone, on the worker's clone, against git log --numstat on the same clone.
  const gitDir = readdirSync(cacheDir).filter((f) => f.endsWith('.git')).map((f) => path.join(cacheDir, f))[0]!;
  const gitLog = () =>
    new Promise<number>((resolve, reject) => {
      const t0 = now();
      const child = spawn('git', ['--git-dir', gitDir, 'log', '--numstat', 'main'], { stdio: ['ignore', 'pipe', 'inherit'] });
      child.stdout!.resume();
      child.on('exit', (code) => (code === 0 ? resolve(now() - t0) : reject(new Error(`git log: ${code}`))));
    });
  const analysis = async () => {
    const t0 = now();
    await analyseRepository({ gitDir, branch: 'main', maxCommits: VIZ.commits });
    return now() - t0;
  };
  const gitTimes: number[] = [];
  const analysisTimes: number[] = [];
  for (let i = 0; i < 3; i++) {
    gitTimes.push(await gitLog());
    analysisTimes.push(await analysis());
  }
  const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)]!;
  const ratio = median(analysisTimes) / median(gitTimes);
  out(`   git log --numstat alone      ${analysisTimes.map((_, i) => fmt(gitTimes[i]! / 1000, 2)).join(', ')} s (median ${fmt(median(gitTimes) / 1000, 2)} s)`);
  out(`   analysis (figures, languages, history) ${analysisTimes.map((t) => fmt(t / 1000, 2)).join(', ')} s (median ${fmt(median(analysisTimes) / 1000, 2)} s)`);
  out(`   ratio analysis / git log     ${fmt(ratio, 2).padStart(7)}             target <= ${TARGETS.analysisVsGitLog}: ${verdict(ratio <= TARGETS.analysisVsGitLog)}`);

  // GET …/commits?limit=1000, sequential.
  const pageLatency: number[] = [];
  for (let i = 0; i < VIZ.pageRequests + 20; i++) {
    const offset = (i * 997) % Math.max(1, VIZ.commits - 1000);
    const t0 = now();
    const res = await request('GET', `${api.url}/v1/visualize/${id}/commits?limit=1000&offset=${offset}`, { token: user.token });
    if (res.status !== 200 || (res.body?.commits as unknown[]).length !== 1000) throw new Error(`commits answered ${res.status}`);
    if (i >= 20) pageLatency.push(now() - t0);
  }
  const pages = summary(pageLatency);
  out(`   GET /commits?limit=1000      p50 ${fmt(pages.p50)} ms, p99 ${fmt(pages.p99)} ms (n=${pageLatency.length}, offsets across the history)   target p50 < ${TARGETS.commitsPageP50Ms}: ${verdict(pages.p50 < TARGETS.commitsPageP50Ms)}`);

  // The page in headless Chromium: frames per second idle, then playing at 1,000 commits/s.
  const share = await request('POST', `${api.url}/v1/visualize/${id}/share`, { token: user.token, body: { expires_in_days: 1 } });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'] });
  onCleanup('chromium', () => browser.close());
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const tLoad = now();
  await page.goto(`${api.url}/shared/${String(share.body!.token)}`);
  // Function forms: playwright runs them outside the page's CSP (a string would be eval'd, and refused).
  await page.waitForFunction(() => ((globalThis as unknown as PageWindow).codexViz?.state().files ?? 0) > 0, undefined, { timeout: 120_000 });
  const loadSeconds = (now() - tLoad) / 1000;
  const fps = async (ms: number) => {
    const f0 = await page.evaluate(() => (globalThis as unknown as PageWindow).codexViz!.frames());
    await sleep(ms);
    return ((await page.evaluate(() => (globalThis as unknown as PageWindow).codexViz!.frames())) - f0) / (ms / 1000);
  };
  // The page draws only when something changes; one frame's cost is measured by drawing 20 in a row.
  const frameMs = await page.evaluate(() => (globalThis as unknown as PageWindow).codexViz!.frameCost(20));
  await page.selectOption('#speed', '1000');
  await page.click('#play');
  const playing = await fps(5000);
  const state = await page.evaluate(() => (globalThis as unknown as PageWindow).codexViz!.state());
  out(
    `   page: first draw ${fmt(loadSeconds, 1)} s (${state.files} boxes); one frame ${fmt(frameMs, 1)} ms (${fmt(1000 / frameMs, 1)} fps at most); ` +
      `${fmt(playing, 1)} fps playing 1,000 commits/s (reached commit ${state.index + 1} of ${state.loaded} loaded, ${state.total} in all); headless Chromium, software WebGL (SwiftShader), 1280x800`,
  );
  await browser.close();
  await api.close();
}
