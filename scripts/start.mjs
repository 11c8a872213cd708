#!/usr/bin/env node
// `npm start`: runs Codex Cloud on one machine and keeps it running. Installs what is missing,
// builds when the sources changed, starts the Temporal dev server and a local Postgres (unless
// TEMPORAL_ADDRESS / DATABASE_URL point elsewhere), migrates, then runs the worker and the API.
// A process that stops is restarted with back-off (the API, the worker, and the servers this
// command started); Ctrl-C stops everything.
//
// Environment (all optional):
//   PORT                API port (default 8080)
//   TEMPORAL_PORT       Temporal dev server frontend port (default 7233)
//   TEMPORAL_UI_PORT    Temporal UI port (default 8233)
//   POSTGRES_PORT       local Postgres port (default 5433)
//   DATA_DIR            state folder: Temporal's SQLite file, the Postgres cluster, generated secrets (default .data)
//   TEMPORAL_ADDRESS    use this Temporal server instead of starting the dev server
//   TEMPORAL_NAMESPACE  (default "default")
//   TEMPORAL_TASK_QUEUE_PREFIX  (default "codex"): deployments sharing a Temporal need their own
//   DATABASE_URL        use this Postgres instead of the local one
//   JWT_SECRET          (default: generated once into DATA_DIR/jwt-secret)
//   METRICS_PORT        the API's Prometheus /metrics (default 9464; skipped with a warning when taken)
//   WORKER_METRICS_PORT the worker's /metrics, with the Temporal SDK's own (default 9465; likewise)
//   ADMIN_EMAILS        accounts given the admin role (the dashboard at /admin)
// Everything else in the environment is passed through to the worker and the API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { buildIsCurrent } from './lib/build-stamp.mjs';
import { isPortFree, sleep, waitFor } from './lib/ports.mjs';
import { ensurePostgresBinaries, maskPassword, readPostmasterPid, startLocalPostgres } from './lib/postgres.mjs';
import { isAlive, killGroupOnExit, stopProcessGroup } from './lib/proc.mjs';
import { Supervised } from './lib/supervisor.mjs';
import { ensureTemporalCli, projectRoot } from './lib/temporal-cli.mjs';
import { foreignPollers } from './lib/temporal-pollers.mjs';
import { startTemporalDevServer } from './lib/temporal-server.mjs';
import { ensureNodeModules } from './setup.mjs';

const READY_TIMEOUT_MS = 90_000;

const root = projectRoot();
const say = (message) => process.stdout.write(`[start] ${message}\n`);
const warn = (message) => process.stderr.write(`[start] ${message}\n`);

/** A port setting: a whole number in 1-65535, or the default. */
function portSetting(name, fallback) {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`${name}=${raw} is not a port number`);
  return port;
}

// What runs, stopped in this order: the API first so no new work comes in, then the worker,
// then the servers they depend on.
const supervised = { api: null, worker: null, temporal: null, postgres: null };
let currentStep = null; // a one-shot command (build, migrate) in progress
let shuttingDown = null;
let startup; // main(): shutdown lets it reach its next checkpoint before stopping things
let rejectWaits; // ends waits in progress (readiness) when something dies
const stopRequested = new Promise((_, reject) => (rejectWaits = reject));
stopRequested.catch(() => {});

/** Called after every startup step: once a stop began, start nothing more. */
function checkpoint() {
  if (shuttingDown) throw new Error('stopping');
}

/** Writes each output line of `stream` to `out`, prefixed with the process name. */
function prefixLines(name, stream, out) {
  const label = `${name.padEnd(8)}| `;
  readline.createInterface({ input: stream }).on('line', (line) => out.write(`${label}${line}\n`));
}

/** Runs a command to completion with prefixed output; rejects on failure. */
function runStep(name, command, args, env = process.env) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    currentStep = child;
    killGroupOnExit(child);
    prefixLines(name, child.stdout, process.stdout);
    prefixLines(name, child.stderr, process.stderr);
    child.once('error', (err) => reject(new Error(`cannot run ${command}: ${err.message}`)));
    child.once('close', (code, signal) => {
      currentStep = null;
      if (code === 0) resolve();
      else reject(new Error(`${name} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

/** Launches a Node service of dist/ in its own process group (a terminal Ctrl-C reaches only us). */
function nodeService(name, entry, env, stopTimeoutMs) {
  return async () => {
    const file = path.join(root, entry);
    if (!existsSync(file)) throw new Error(`${entry} does not exist: did the build succeed?`);
    const child = spawn(process.execPath, [file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    killGroupOnExit(child);
    prefixLines(name, child.stdout, process.stdout);
    prefixLines(name, child.stderr, process.stderr);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ?? `exit code ${code}`)));
    return { pid: child.pid, exited, stop: () => stopProcessGroup(child, { timeoutMs: stopTimeoutMs }) };
  };
}

/** The local Postgres as a supervised process: it "exits" when its postmaster is gone for good. */
function postgresService(dataDir, port) {
  return async () => {
    const server = await startLocalPostgres({ dataDir, port });
    const pgdata = path.join(dataDir, 'pgdata');
    let watched = server.pid;
    let stopWatching;
    const exited = new Promise((resolve) => {
      let missing = 0;
      const timer = setInterval(() => {
        const current = readPostmasterPid(pgdata)?.pid;
        if (current && isAlive(current)) {
          // Restarted by someone else (`pg_ctl restart`): follow the new postmaster.
          if (current !== watched) say(`Postgres was restarted (pid ${current}); the services reconnect`);
          watched = current;
          missing = 0;
          return;
        }
        // A restart in progress leaves no postmaster for a moment.
        if (++missing >= 3) {
          clearInterval(timer);
          resolve(`postmaster ${watched} is gone`);
        }
      }, 1000);
      timer.unref();
      stopWatching = () => clearInterval(timer);
    });
    return {
      pid: server.pid,
      url: server.url,
      exited,
      stop: async () => {
        stopWatching();
        await server.stop();
      },
    };
  };
}

function loadOrCreateSecret(file) {
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret) return secret;
  }
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return secret;
}

async function shutdown(code, reason) {
  if (shuttingDown) return shuttingDown;
  shuttingDown = (async () => {
    if (reason) (code === 0 ? say : warn)(reason);
    rejectWaits(new Error(reason ?? 'stopping'));
    if (currentStep) await stopProcessGroup(currentStep, { timeoutMs: 5000 });
    await startup?.catch(() => {});
    for (const name of ['api', 'worker', 'temporal', 'postgres']) {
      const target = supervised[name];
      if (!target) continue;
      supervised[name] = null;
      try {
        await target.stop();
      } catch (err) {
        warn(`stopping ${name}: ${err.message}`);
      }
    }
    say('stopped');
    process.exit(code);
  })();
  return shuttingDown;
}

function onSignal(signal) {
  if (shuttingDown) {
    // A second Ctrl-C: do not wait for graceful stops any more.
    warn(`${signal} again: killing everything`);
    process.exit(1); // exit hooks SIGKILL the children and stop Postgres
  }
  void shutdown(0, `${signal} received, stopping (Ctrl-C again to force)`);
}

const hooks = {
  say,
  warn,
  onGiveUp: (reason) => void shutdown(1, reason),
};

/** Refuses ports something else holds, naming the setting that moves ours. */
async function requireFreePort(port, what, setting) {
  if (!(await isPortFree(port))) throw new Error(`port ${port} (${what}) is already in use: stop what uses it, or set ${setting} to another port`);
}

async function main() {
  const ownTemporal = !process.env.TEMPORAL_ADDRESS;
  const ownPostgres = !process.env.DATABASE_URL;
  const ports = {
    api: portSetting('PORT', 8080),
    temporal: portSetting('TEMPORAL_PORT', 7233),
    temporalUi: portSetting('TEMPORAL_UI_PORT', 8233),
    postgres: portSetting('POSTGRES_PORT', 5433),
  };
  await ensureNodeModules(root);
  const temporalCli = ownTemporal ? await ensureTemporalCli() : null;
  if (ownPostgres) await ensurePostgresBinaries();
  checkpoint();

  if (buildIsCurrent(root)) {
    say('build is up to date (dist/ matches the sources)');
  } else {
    say('building (npm run build)');
    await runStep('build', 'npm', ['run', '--silent', 'build']);
  }
  checkpoint();

  const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, '.data'));
  mkdirSync(dataDir, { recursive: true });
  await requireFreePort(ports.api, 'API', 'PORT');
  checkpoint();

  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  const queuePrefix = process.env.TEMPORAL_TASK_QUEUE_PREFIX || 'codex';
  const queues = [`${queuePrefix}-general`, `${queuePrefix}-agents`, `${queuePrefix}-analysis`];
  // Names this deployment in its workers' Temporal identity, to tell them from another's.
  const stackId = loadOrCreateSecret(path.join(dataDir, 'stack-id')).slice(0, 12);
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = null;
  if (ownTemporal) {
    await requireFreePort(ports.temporal, 'Temporal frontend', 'TEMPORAL_PORT (and TEMPORAL_UI_PORT) to run a second dev server');
    await requireFreePort(ports.temporalUi, 'Temporal UI', 'TEMPORAL_UI_PORT');
    say('starting the Temporal dev server');
    const logFile = path.join(dataDir, 'temporal.log');
    const launch = async () => {
      const server = await startTemporalDevServer({
        cli: temporalCli,
        port: ports.temporal,
        uiPort: ports.temporalUi,
        dbFilename: path.join(dataDir, 'temporal.db'),
        namespace,
        logFile,
        // The full log goes to the file; errors also show here while we run.
        onOutput: (line) => {
          if (!shuttingDown && /level=ERROR/.test(line)) process.stderr.write(`temporal| ${line}\n`);
        },
      });
      return { ...server, exited: server.exited.then(({ code, signal }) => `${signal ?? `exit code ${code}`}; see ${logFile}`) };
    };
    supervised.temporal = new Supervised('the Temporal dev server', launch, hooks);
    const server = await supervised.temporal.start();
    temporalAddress = server.address;
    temporalUi = server.uiUrl;
    checkpoint();
  } else {
    say(
      `using a Temporal server this command did not start: ${temporalAddress} (namespace ${namespace}, task queues ${queues.join(', ')}). ` +
        'Deployments that share a Temporal server need their own TEMPORAL_NAMESPACE or TEMPORAL_TASK_QUEUE_PREFIX.',
    );
    const others = await foreignPollers({
      address: temporalAddress,
      namespace,
      taskQueues: queues,
      stackId,
      tls: ['true', '1', 'yes'].includes(process.env.TEMPORAL_TLS ?? ''),
      apiKey: process.env.TEMPORAL_API_KEY,
    });
    if (others.length > 0) {
      const seen = others.map((o) => `${o.taskQueue} by "${o.identity}" ${o.secondsAgo} s ago`).join('; ');
      throw new Error(
        `another deployment's workers poll these task queues in namespace ${namespace} (${seen}). Sharing them would mix both ` +
          "deployments' work. Set TEMPORAL_TASK_QUEUE_PREFIX (or TEMPORAL_NAMESPACE) to one of this deployment's own and start again.",
      );
    }
    checkpoint();
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (ownPostgres) {
    await requireFreePort(ports.postgres, 'Postgres', 'POSTGRES_PORT');
    say('starting Postgres');
    supervised.postgres = new Supervised('Postgres', postgresService(path.join(dataDir, 'postgres'), ports.postgres), hooks);
    databaseUrl = (await supervised.postgres.start()).url;
    checkpoint();
  }

  // Metrics on their own loopback ports by default; a port something else holds only turns them off.
  const metricsPorts = {};
  for (const [setting, fallback, what] of [['METRICS_PORT', 9464, 'API metrics'], ['WORKER_METRICS_PORT', 9465, 'worker metrics']]) {
    const port = portSetting(setting, fallback);
    if (await isPortFree(port)) metricsPorts[setting] = String(port);
    else warn(`port ${port} (${what}) is in use: ${what} are off; set ${setting} to another port`);
  }
  const env = {
    ...process.env,
    ...metricsPorts,
    // Links from the admin dashboard to a workflow open the UI this command started.
    ...(temporalUi && !process.env.TEMPORAL_UI_URL ? { TEMPORAL_UI_URL: temporalUi } : {}),
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    TEMPORAL_TASK_QUEUE_PREFIX: queuePrefix,
    JWT_SECRET: process.env.JWT_SECRET || loadOrCreateSecret(path.join(dataDir, 'jwt-secret')),
    CODEX_STACK_ID: stackId,
    PORT: String(ports.api),
    // Clones of the repositories visualizations read, beside the stack's other state.
    REPOSITORY_CACHE_DIR: process.env.REPOSITORY_CACHE_DIR || path.join(dataDir, 'repositories'),
  };

  say('migrating the database');
  await runStep('migrate', process.execPath, [path.join(root, 'dist/db/migrate.js')], env);
  checkpoint();

  supervised.worker = new Supervised('worker', nodeService('worker', 'dist/workers/main.js', env, 30_000), hooks);
  supervised.api = new Supervised('api', nodeService('api', 'dist/api/server.js', env, 10_000), hooks);
  await supervised.worker.start();
  await supervised.api.start();

  const readyUrl = `http://127.0.0.1:${ports.api}/readyz`;
  await waitFor(
    async () => {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      return response.status === 200;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 500, what: readyUrl, abort: stopRequested },
  );
  checkpoint();

  const apiUrl = `http://localhost:${ports.api}`;
  const lines = [
    '',
    'Codex Cloud is running:',
    `  API          ${apiUrl}`,
    `  API docs     ${apiUrl}/v1/docs`,
    `  Admin        ${apiUrl}/admin${process.env.ADMIN_EMAILS ? '' : ' (register, then start with ADMIN_EMAILS=<your email>)'}`,
    `  Metrics      ${metricsPorts.METRICS_PORT ? `http://127.0.0.1:${metricsPorts.METRICS_PORT}/metrics` : '(off)'} (API), ${metricsPorts.WORKER_METRICS_PORT ? `http://127.0.0.1:${metricsPorts.WORKER_METRICS_PORT}/metrics` : '(off)'} (worker)`,
    `  Temporal UI  ${temporalUi ?? '(external Temporal server)'}`,
    `  Temporal     ${temporalAddress} (namespace ${namespace}, task queues ${queues.join(', ')})`,
    `  Postgres     ${maskPassword(databaseUrl)}`,
    `  Data         ${dataDir}`,
    'A process that stops is restarted. Press Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, onSignal);
// npm does not pass a SIGTERM on to us when it is killed itself: when our parent goes away
// (we get re-parented), stop as if we had been told to.
const parentPid = process.ppid;
if (parentPid > 1) {
  setInterval(() => {
    if (process.ppid !== parentPid && !shuttingDown) void shutdown(0, 'parent process exited, stopping');
  }, 1000).unref();
}
startup = main();
startup.catch(async (err) => {
  if (shuttingDown) return;
  // Lets the last output of a failed child arrive before the summary line.
  await sleep(100);
  void shutdown(1, `failed: ${err.message}`);
});
