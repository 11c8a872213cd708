#!/usr/bin/env node
// `npm start`: runs Codex Cloud on one machine. Installs what is missing, builds, starts the
// Temporal dev server and a local Postgres (unless TEMPORAL_ADDRESS / DATABASE_URL point
// elsewhere), migrates, then runs the worker and the API until Ctrl-C.
//
// Environment (all optional):
//   PORT                API port (default 8080)
//   DATA_DIR            state folder: Temporal's SQLite file, Postgres cluster, JWT secret (default .data)
//   TEMPORAL_ADDRESS    use this Temporal server instead of starting the dev server on 7233 (UI 8233)
//   TEMPORAL_NAMESPACE  (default "default")
//   DATABASE_URL        use this Postgres instead of the local one on 5433 (or a free port)
//   JWT_SECRET          (default: generated once into DATA_DIR/jwt-secret)
// Everything else in the environment is passed through to the worker and the API.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { isPortFree, sleep, waitFor } from './lib/ports.mjs';
import { ensurePostgresBinaries, maskPassword, startLocalPostgres } from './lib/postgres.mjs';
import { isAlive, killGroupOnExit, stopProcessGroup } from './lib/proc.mjs';
import { ensureTemporalCli, projectRoot } from './lib/temporal-cli.mjs';
import { startTemporalDevServer } from './lib/temporal-server.mjs';
import { ensureNodeModules } from './setup.mjs';

const TEMPORAL_PORT = 7233;
const TEMPORAL_UI_PORT = 8233;
const POSTGRES_PORT = 5433;
const READY_TIMEOUT_MS = 90_000;

const root = projectRoot();
const say = (message) => process.stdout.write(`[start] ${message}\n`);
const warn = (message) => process.stderr.write(`[start] ${message}\n`);

// What is running, stopped in this order: the API first so no new work comes in, then the
// worker, then the servers they depend on.
const running = { api: null, worker: null, temporal: null, postgres: null };
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

/** Starts a long-running Node process; its unexpected exit stops everything. */
function startService(name, entry, env) {
  const file = path.join(root, entry);
  if (!existsSync(file)) throw new Error(`${entry} does not exist: did the build succeed?`);
  // Own process group, so a terminal Ctrl-C reaches only this supervisor, which stops the
  // services in order.
  const child = spawn(process.execPath, [file], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  killGroupOnExit(child);
  prefixLines(name, child.stdout, process.stdout);
  prefixLines(name, child.stderr, process.stderr);
  child.once('exit', (code, signal) => {
    if (!shuttingDown) void shutdown(1, `${name} exited unexpectedly (${signal ?? `exit code ${code}`})`);
  });
  return child;
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
    const steps = [
      ['api', (c) => stopProcessGroup(c, { timeoutMs: 10_000 })],
      ['worker', (c) => stopProcessGroup(c, { timeoutMs: 30_000 })],
      ['temporal', (t) => t.stop()],
      ['postgres', (p) => p.stop()],
    ];
    for (const [name, stop] of steps) {
      const target = running[name];
      if (!target) continue;
      running[name] = null;
      try {
        await stop(target);
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

async function main() {
  const ownTemporal = !process.env.TEMPORAL_ADDRESS;
  const ownPostgres = !process.env.DATABASE_URL;
  await ensureNodeModules(root);
  const temporalCli = ownTemporal ? await ensureTemporalCli() : null;
  if (ownPostgres) await ensurePostgresBinaries();
  checkpoint();

  say('building (npm run build)');
  await runStep('build', 'npm', ['run', '--silent', 'build']);
  checkpoint();

  const dataDir = path.resolve(process.env.DATA_DIR || path.join(root, '.data'));
  mkdirSync(dataDir, { recursive: true });
  const apiPort = Number(process.env.PORT || 8080);
  if (!Number.isInteger(apiPort) || apiPort <= 0) throw new Error(`PORT=${process.env.PORT} is not a port number`);
  if (!(await isPortFree(apiPort))) throw new Error(`port ${apiPort} is already in use: stop what uses it or set PORT`);
  checkpoint();

  const namespace = process.env.TEMPORAL_NAMESPACE || 'default';
  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  let temporalUi = null;
  if (ownTemporal) {
    for (const [port, what] of [
      [TEMPORAL_PORT, 'Temporal frontend'],
      [TEMPORAL_UI_PORT, 'Temporal UI'],
    ]) {
      if (!(await isPortFree(port))) {
        throw new Error(
          `port ${port} (${what}) is already in use. If it is a Temporal server you want to use, run ` +
            `TEMPORAL_ADDRESS=127.0.0.1:${TEMPORAL_PORT} npm start; otherwise stop it.`,
        );
      }
    }
    say('starting the Temporal dev server');
    const logFile = path.join(dataDir, 'temporal.log');
    running.temporal = await startTemporalDevServer({
      cli: temporalCli,
      port: TEMPORAL_PORT,
      uiPort: TEMPORAL_UI_PORT,
      dbFilename: path.join(dataDir, 'temporal.db'),
      namespace,
      logFile,
      // The full log goes to the file; errors also show here while we run.
      onOutput: (line) => {
        if (!shuttingDown && /level=ERROR/.test(line)) process.stderr.write(`temporal| ${line}\n`);
      },
    });
    running.temporal.exited.then(({ code, signal }) => {
      if (!shuttingDown) void shutdown(1, `the Temporal dev server exited unexpectedly (${signal ?? `exit code ${code}`}); see ${logFile}`);
    });
    temporalAddress = running.temporal.address;
    temporalUi = running.temporal.uiUrl;
    checkpoint();
  }

  let databaseUrl = process.env.DATABASE_URL;
  if (ownPostgres) {
    say('starting Postgres');
    const port = (await isPortFree(POSTGRES_PORT)) ? POSTGRES_PORT : undefined;
    running.postgres = await startLocalPostgres({ dataDir: path.join(dataDir, 'postgres'), port });
    databaseUrl = running.postgres.url;
    const postmaster = running.postgres.pid;
    const watch = setInterval(() => {
      if (!shuttingDown && postmaster && !isAlive(postmaster)) void shutdown(1, 'Postgres stopped unexpectedly');
    }, 2000);
    watch.unref();
    checkpoint();
  }

  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: temporalAddress,
    TEMPORAL_NAMESPACE: namespace,
    JWT_SECRET: process.env.JWT_SECRET || loadOrCreateSecret(path.join(dataDir, 'jwt-secret')),
    PORT: String(apiPort),
  };

  say('migrating the database');
  await runStep('migrate', process.execPath, [path.join(root, 'dist/db/migrate.js')], env);
  checkpoint();

  running.worker = startService('worker', 'dist/workers/main.js', env);
  running.api = startService('api', 'dist/api/server.js', env);

  const readyUrl = `http://127.0.0.1:${apiPort}/readyz`;
  await waitFor(
    async () => {
      const response = await fetch(readyUrl, { signal: AbortSignal.timeout(2000) });
      return response.status === 200;
    },
    { timeoutMs: READY_TIMEOUT_MS, intervalMs: 500, what: readyUrl, abort: stopRequested },
  );
  checkpoint();

  const apiUrl = `http://localhost:${apiPort}`;
  const lines = [
    '',
    'Codex Cloud is running:',
    `  API          ${apiUrl}`,
    `  API docs     ${apiUrl}/v1/docs`,
    `  Temporal UI  ${temporalUi ?? '(external Temporal server)'}`,
    `  Temporal     ${temporalAddress} (namespace ${namespace})`,
    `  Postgres     ${maskPassword(databaseUrl)}`,
    `  Data         ${dataDir}`,
    'Press Ctrl-C to stop.',
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
