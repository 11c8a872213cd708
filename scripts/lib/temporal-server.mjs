// Runs `temporal server start-dev` (Temporal server + UI in one process, SQLite storage) as a
// child of the calling script, and tells when it is ready.
import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { canConnect, findFreePort, isPortFree, waitFor } from './ports.mjs';
import { killGroupOnExit, run, stopProcessGroup } from './proc.mjs';
import { ensureTemporalCli } from './temporal-cli.mjs';

const HOST = '127.0.0.1';

/**
 * Dynamic config of every dev server started here. The dev server has one history shard, whose
 * transfer queue (signals between workflows, workflow and activity task dispatch) is read at most
 * `history.transferProcessorMaxPollRPS` times a second: 20 by default, which adds up to 50 ms to
 * every hop between workflows (measured: 75-100 ms per signal round trip, 19 ms at 1000). A
 * hand-off in the parallel-agent line takes two such hops.
 */
export const DEV_SERVER_DYNAMIC_CONFIG = { 'history.transferProcessorMaxPollRPS': 1000 };

// TEMPORAL_ADDRESS, TEMPORAL_API_KEY, TEMPORAL_TLS… in the caller's environment are meant for the
// app and would point our CLI calls at another server, so they are left out.
function cliEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TEMPORAL_')));
}

async function choosePort(requested, what) {
  if (requested === undefined || requested === null) return findFreePort(HOST);
  if (!(await isPortFree(requested, HOST))) {
    throw new Error(`${what} port ${requested} is already in use (another Temporal server?); stop it or choose another port`);
  }
  return requested;
}

/**
 * Starts a Temporal dev server and resolves once it serves requests in `namespace`.
 *
 * @param {object} [options]
 * @param {string} [options.cli] path of the `temporal` binary (default: ensureTemporalCli())
 * @param {number} [options.port] frontend gRPC port (default: a free port); must be free
 * @param {number} [options.uiPort] Web UI port (default: a free port); ignored when headless
 * @param {string} [options.dbFilename] SQLite file that keeps state across runs (default: in memory)
 * @param {string} [options.namespace] namespace created at launch besides `default` (default: 'default')
 * @param {boolean} [options.headless] no Web UI (default: false)
 * @param {string} [options.logFile] file that receives the server's output (default: none)
 * @param {(line: string) => void} [options.onOutput] receives each output line (default: none)
 * @param {Record<string, string>} [options.searchAttributes] name → type (Keyword, Text, Int, …) to register (default: none)
 * @param {Record<string, unknown>} [options.dynamicConfig] dynamic config key → JSON value, on top of
 *   DEV_SERVER_DYNAMIC_CONFIG (default: none)
 * @param {number} [options.startTimeoutMs] how long to wait for readiness (default: 60000)
 * @returns {Promise<{ address: string, port: number, uiUrl: string | null, namespace: string,
 *   pid: number, exited: Promise<{ code: number | null, signal: string | null }>, stop(): Promise<void> }>}
 */
export async function startTemporalDevServer({
  cli,
  port,
  uiPort,
  dbFilename,
  namespace = 'default',
  headless = false,
  logFile,
  onOutput,
  searchAttributes = {},
  dynamicConfig = {},
  startTimeoutMs = 60_000,
} = {}) {
  const binary = cli ?? (await ensureTemporalCli());
  const grpcPort = await choosePort(port, 'Temporal frontend');
  const webPort = headless ? null : await choosePort(uiPort, 'Temporal UI');

  const args = ['server', 'start-dev', '--ip', HOST, '--port', String(grpcPort), '--log-level', 'warn'];
  if (webPort !== null) args.push('--ui-port', String(webPort));
  if (headless) args.push('--headless');
  if (dbFilename) {
    mkdirSync(path.dirname(path.resolve(dbFilename)), { recursive: true });
    args.push('--db-filename', path.resolve(dbFilename));
  }
  // `default` always exists; naming it again is harmless but noisy.
  if (namespace !== 'default') args.push('--namespace', namespace);
  for (const [name, type] of Object.entries(searchAttributes)) args.push('--search-attribute', `${name}=${type}`);
  for (const [key, value] of Object.entries({ ...DEV_SERVER_DYNAMIC_CONFIG, ...dynamicConfig })) {
    args.push('--dynamic-config-value', `${key}=${JSON.stringify(value)}`);
  }

  // The last lines of output explain a failed start.
  const tail = [];
  const remember = (line) => {
    tail.push(line);
    if (tail.length > 30) tail.shift();
    onOutput?.(line);
  };

  let logFd;
  if (logFile) {
    mkdirSync(path.dirname(path.resolve(logFile)), { recursive: true });
    logFd = openSync(logFile, 'a');
  }
  const piped = !logFile || onOutput;
  // Own process group: a Ctrl-C in the terminal reaches only our supervisor, which stops the
  // server in its turn; and stop() can signal the server with everything it spawned.
  const child = spawn(binary, args, {
    cwd: dbFilename ? path.dirname(path.resolve(dbFilename)) : undefined,
    env: cliEnv(),
    detached: true,
    stdio: ['ignore', piped ? 'pipe' : logFd, piped ? 'pipe' : logFd],
  });
  killGroupOnExit(child);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    readline.createInterface({ input: stream }).on('line', (line) => {
      if (logFd !== undefined) writeSync(logFd, `${line}\n`);
      remember(line);
    });
  }

  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  // 'close' comes after the last output line was handled.
  child.once('close', () => {
    if (logFd !== undefined) closeSync(logFd);
    logFd = undefined;
  });
  const spawnFailed = new Promise((_, reject) => child.once('error', reject));
  const describeFailure = () => {
    const output = logFile && !piped ? readTail(logFile) : tail.join('\n');
    return output ? `:\n${output}` : '';
  };
  const earlyExit = Promise.race([
    spawnFailed,
    exited.then(({ code, signal }) => {
      throw new Error(`temporal server exited during startup (${signal ?? `code ${code}`})${describeFailure()}`);
    }),
  ]);
  earlyExit.catch(() => {});

  let stopping;
  const stop = () => (stopping ??= stopProcessGroup(child, { signal: 'SIGTERM', timeoutMs: 10_000 }));

  const address = `${HOST}:${grpcPort}`;
  try {
    await waitFor(
      async () => {
        if (!(await canConnect(grpcPort, HOST))) return false;
        const common = ['--address', address, '--log-level', 'never', '--color', 'never'];
        const health = await run(binary, ['operator', 'cluster', 'health', ...common], { env: cliEnv(), allowFailure: true, timeoutMs: 5000 });
        if (health.code !== 0 || !health.stdout.includes('SERVING')) return false;
        const ns = await run(binary, ['operator', 'namespace', 'describe', '--namespace', namespace, ...common], {
          env: cliEnv(),
          allowFailure: true,
          timeoutMs: 5000,
        });
        return ns.code === 0;
      },
      { timeoutMs: startTimeoutMs, intervalMs: 250, what: `Temporal dev server on ${address}`, abort: earlyExit },
    );
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    address,
    port: grpcPort,
    uiUrl: webPort === null ? null : `http://localhost:${webPort}`,
    namespace,
    pid: child.pid,
    exited,
    stop,
  };
}

function readTail(file) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
  } catch {
    return '';
  }
}
