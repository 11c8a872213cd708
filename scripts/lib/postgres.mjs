// A private Postgres server for development and tests, kept in a project folder (no system
// service, no Docker), plus helpers to create and drop databases with psql.
//
// A data folder holds:
//   pgdata/        the cluster (PGDATA)
//   password       the superuser's password, generated once (0600)
//   run/           the Unix-domain socket (the URLs given out connect through it)
//   postgres.log   the server log
//   owner.json     pid of the process that started the running server
//
// When a server from an earlier run is still up on the same data folder, startLocalPostgres
// reuses it if the process that started it is still alive (e.g. `npm run migrate` while
// `npm start` runs: stop() then leaves it running), and otherwise (a crashed run left it
// behind) stops it and starts a fresh one that the caller owns.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findFreePort, isPortFree, waitFor } from './ports.mjs';
import { isAlive, isExecutable, log, onProcessExit, run, which } from './proc.mjs';

const HOST = '127.0.0.1';
const SERVER_BINARIES = ['postgres', 'initdb', 'pg_ctl'];
const VERSIONED_ROOT = '/usr/lib/postgresql';
// Linux limits a unix socket path to 107 bytes.
const MAX_SOCKET_PATH = 100;

let cachedBinDir;

function hasServerBinaries(dir) {
  return SERVER_BINARIES.every((name) => isExecutable(path.join(dir, name)));
}

/** Bin dir with the server binaries, from PATH or Debian's versioned folders, or null. */
function locateBinDir() {
  const initdb = which('initdb');
  if (initdb) {
    // Debian puts symlinks or wrappers on PATH; the real folder also holds the matching psql.
    const dir = path.dirname(realpathSync(initdb));
    if (hasServerBinaries(dir)) return dir;
  }
  return newestVersionedBinDir();
}

function newestVersionedBinDir(version) {
  let versions;
  try {
    versions = readdirSync(VERSIONED_ROOT);
  } catch {
    return null;
  }
  const candidates = versions
    .filter((v) => /^\d+$/.test(v) && (version === undefined || v === String(version)))
    .sort((a, b) => Number(b) - Number(a))
    .map((v) => path.join(VERSIONED_ROOT, v, 'bin'));
  return candidates.find(hasServerBinaries) ?? null;
}

const isRoot = () => process.getuid?.() === 0;

async function aptInstallPostgres() {
  log('Postgres is not installed: apt-get install postgresql (this takes a minute)');
  // Only the binaries are wanted: no system cluster started on port 5432.
  mkdirSync('/etc/postgresql-common', { recursive: true });
  const createClusterConf = '/etc/postgresql-common/createcluster.conf';
  if (!existsSync(createClusterConf)) writeFileSync(createClusterConf, 'create_main_cluster = false\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env, timeoutMs: 10 * 60_000 });
  await run(
    'apt-get',
    ['install', '-y', '-q', '--no-install-recommends', '-o', 'Dpkg::Options::=--force-confdef', '-o', 'Dpkg::Options::=--force-confold', 'postgresql'],
    { env, timeoutMs: 15 * 60_000 },
  );
}

/**
 * Bin dir holding `postgres`, `initdb`, `pg_ctl` and `psql`: from PATH, else the newest
 * /usr/lib/postgresql/<version>/bin, else installed with apt-get when running as root without a
 * terminal (CI). Throws with instructions otherwise.
 */
export async function ensurePostgresBinaries() {
  if (cachedBinDir) return cachedBinDir;
  let dir = locateBinDir();
  if (!dir && isRoot() && (process.env.CI || !process.stdin.isTTY) && which('apt-get')) {
    await aptInstallPostgres();
    dir = locateBinDir();
  }
  if (!dir) {
    throw new Error(
      'Postgres server binaries (postgres, initdb, pg_ctl) were not found. Install them ' +
        '(Debian/Ubuntu: `sudo apt-get install postgresql`; macOS: `brew install postgresql@16`) ' +
        'or set DATABASE_URL to a Postgres server you run yourself.',
    );
  }
  cachedBinDir = dir;
  return dir;
}

async function findPsql() {
  const local = cachedBinDir ?? locateBinDir();
  if (local && isExecutable(path.join(local, 'psql'))) return path.join(local, 'psql');
  const onPath = which('psql');
  if (onPath) return onPath;
  return path.join(await ensurePostgresBinaries(), 'psql');
}

// ---------------------------------------------------------------------------------------------
// Running as root: Postgres refuses to, so the server runs as an unprivileged system user.

const FALLBACK_USER = 'codex-postgres';

async function unprivilegedUser() {
  for (const name of ['postgres', FALLBACK_USER]) {
    const id = await run('id', ['-u', name], { allowFailure: true });
    if (id.code === 0) return name;
  }
  log(`creating system user ${FALLBACK_USER} to run Postgres (it refuses to run as root)`);
  await run('useradd', ['--system', '--user-group', '--no-create-home', '--home-dir', '/nonexistent', '--shell', '/usr/sbin/nologin', FALLBACK_USER]);
  return FALLBACK_USER;
}

/** Runs a server binary as `runAs` (via runuser) when we are root, else directly. */
function runServerTool(runAs, binary, args, options) {
  return runAs ? run('runuser', ['-u', runAs, '--', binary, ...args], options) : run(binary, args, options);
}


// ---------------------------------------------------------------------------------------------

function shellQuote(value) {
  return `'${String(value).replaceAll("'", `'\\''`)}'`;
}

/** The pid and port in a cluster folder's postmaster.pid (`null` when there is none). */
export function readPostmasterPid(pgdata) {
  try {
    const lines = readFileSync(path.join(pgdata, 'postmaster.pid'), 'utf8').split('\n');
    return { pid: Number(lines[0]), port: Number(lines[3]) };
  } catch {
    return null;
  }
}

function readOwner(dataDir) {
  try {
    return JSON.parse(readFileSync(path.join(dataDir, 'owner.json'), 'utf8'));
  } catch {
    return null;
  }
}

async function serverMajorVersion(binDir) {
  const { stdout } = await run(path.join(binDir, 'postgres'), ['--version']);
  const match = /(\d+)(?:\.\d+)?/.exec(stdout.replace(/^[^)]*\)/, ''));
  if (!match) throw new Error(`cannot read the Postgres version from "${stdout.trim()}"`);
  return match[1];
}

/**
 * The server's URL. With `socketDir`, clients that read `?host=` (node-postgres, libpq) connect
 * through the Unix-domain socket there: on one machine it costs less CPU per query than loopback
 * TCP (no TCP/IP stack on either side). Clients that ignore it use 127.0.0.1:`port`.
 */
function makeUrl({ user, password, port, database, socketDir }) {
  const base = `postgres://${encodeURIComponent(user)}:${encodeURIComponent(password)}@${HOST}:${port}/${encodeURIComponent(database)}`;
  return socketDir ? `${base}?host=${encodeURIComponent(socketDir)}` : base;
}

/**
 * Starts (initializing on first use) a Postgres server whose files live in `dataDir`,
 * listening on 127.0.0.1 and on a Unix-domain socket only, and makes sure database `database`
 * exists. The returned `url` names both: node-postgres and libpq use the socket (`?host=`).
 *
 * @param {object} options
 * @param {string} options.dataDir folder for the cluster, password, socket and log (created if absent)
 * @param {number} [options.port] TCP port (default: a free port); must be free
 * @param {string} [options.user] superuser name (default: 'codex')
 * @param {string} [options.database] database created if absent (default: 'codex')
 * @param {boolean} [options.durable] false trades crash safety for speed (fsync off), for tests (default: true)
 * @param {number} [options.startTimeoutMs] (default: 60000)
 * @returns {Promise<{ url: string, port: number, password: string, pid: number, reused: boolean, stop(): Promise<void> }>}
 *   `pid`: the postmaster's. `reused`: the server was already running for another live process;
 *   stop() then leaves it running.
 */
export async function startLocalPostgres({ dataDir, port, user = 'codex', database = 'codex', durable = true, startTimeoutMs = 60_000 }) {
  if (!dataDir) throw new Error('startLocalPostgres: dataDir is required');
  dataDir = path.resolve(dataDir);
  let binDir = await ensurePostgresBinaries();
  const pgdata = path.join(dataDir, 'pgdata');
  const passwordFile = path.join(dataDir, 'password');
  const logFile = path.join(dataDir, 'postgres.log');
  const ownerFile = path.join(dataDir, 'owner.json');
  // Parents keep the default mode: the server user must be able to traverse them.
  mkdirSync(path.dirname(dataDir), { recursive: true });
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });

  const runAs = isRoot() ? await unprivilegedUser() : null;
  const chownToServerUser = async (target) => {
    if (runAs) await run('chown', ['-R', `${runAs}:`, target]);
  };

  const initialized = existsSync(path.join(pgdata, 'PG_VERSION'));
  if (!existsSync(passwordFile)) {
    if (initialized) {
      throw new Error(`${passwordFile} is missing, so the superuser password of ${pgdata} is unknown; delete ${dataDir} to start over`);
    }
    writeFileSync(passwordFile, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(passwordFile, 0o600);
  const password = readFileSync(passwordFile, 'utf8').trim();
  await chownToServerUser(dataDir);
  if (runAs) {
    const access = await run('runuser', ['-u', runAs, '--', 'test', '-w', dataDir], { allowFailure: true });
    if (access.code !== 0) {
      throw new Error(
        `user ${runAs} (Postgres refuses to run as root) cannot write ${dataDir}: a parent folder is not ` +
          `accessible to it. Allow it (chmod o+x on the parents) or put the data elsewhere (DATA_DIR=/var/tmp/codex).`,
      );
    }
  }

  if (initialized) {
    // A cluster must be run by binaries of its own major version.
    const clusterVersion = readFileSync(path.join(pgdata, 'PG_VERSION'), 'utf8').trim();
    if ((await serverMajorVersion(binDir)) !== clusterVersion) {
      const matching = newestVersionedBinDir(clusterVersion);
      if (!matching) {
        throw new Error(`${pgdata} was created by Postgres ${clusterVersion}, whose binaries are not installed; delete ${dataDir} to recreate it`);
      }
      binDir = matching;
    }
  }
  const pgCtl = path.join(binDir, 'pg_ctl');
  const toolOptions = { cwd: dataDir, timeoutMs: startTimeoutMs };
  const stopServer = async (mode) =>
    runServerTool(runAs, pgCtl, ['stop', '-D', pgdata, '-m', mode, '-w', '-t', '30', '-s'], { ...toolOptions, allowFailure: true });

  const running = readPostmasterPid(pgdata);
  if (running && isAlive(running.pid)) {
    const owner = readOwner(dataDir);
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) {
      log(`reusing the Postgres server of process ${owner.pid} on port ${running.port}`);
      const socketDir = owner.socketDir && existsSync(path.join(owner.socketDir, `.s.PGSQL.${running.port}`)) ? owner.socketDir : undefined;
      const url = makeUrl({ user, password, port: running.port, database, socketDir });
      await ensureDatabase(url, database);
      return { url, port: running.port, password, pid: running.pid, reused: true, stop: async () => {} };
    }
    log(`stopping the Postgres server an earlier run left behind (pid ${running.pid})`);
    if ((await stopServer('fast')).code !== 0) await stopServer('immediate');
  }

  if (!initialized) {
    // An interrupted initdb leaves a partial folder that initdb refuses to reuse.
    rmSync(pgdata, { recursive: true, force: true });
    log(`initializing a Postgres cluster in ${pgdata}`);
    await runServerTool(
      runAs,
      path.join(binDir, 'initdb'),
      ['-D', pgdata, '-U', user, `--pwfile=${passwordFile}`, '-E', 'UTF8', '--locale=C', '--auth-local=scram-sha-256', '--auth-host=scram-sha-256'],
      toolOptions,
    );
  }

  let socketDir = path.join(dataDir, 'run');
  let temporarySocketDir = false;
  if (`${socketDir}/.s.PGSQL.65535`.length > MAX_SOCKET_PATH) {
    socketDir = mkdtempSync(path.join(os.tmpdir(), 'codex-pg-'));
    temporarySocketDir = true;
  }
  mkdirSync(socketDir, { recursive: true, mode: 0o700 });
  await chownToServerUser(socketDir);

  const serverPort = port ?? (await findFreePort(HOST));
  if (port !== undefined && !(await isPortFree(port, HOST))) {
    throw new Error(`port ${port} is already in use; choose another port for Postgres`);
  }
  const settings = {
    listen_addresses: HOST,
    port: serverPort,
    unix_socket_directories: socketDir,
    ...(durable ? {} : { fsync: 'off', synchronous_commit: 'off', full_page_writes: 'off' }),
  };
  const serverOptions = Object.entries(settings)
    .map(([key, value]) => `-c ${shellQuote(`${key}=${value}`)}`)
    .join(' ');
  // pg_ctl daemonizes the server in its own session: a Ctrl-C in the terminal does not reach it,
  // so the caller decides when it stops.
  await runServerTool(runAs, pgCtl, ['start', '-D', pgdata, '-l', logFile, '-w', '-t', String(Math.ceil(startTimeoutMs / 1000)), '-s', '-o', serverOptions], toolOptions).catch(
    (err) => {
      throw new Error(`${err.message}\n--- ${logFile} (tail) ---\n${tailOf(logFile)}`, { cause: err });
    },
  );
  writeFileSync(ownerFile, JSON.stringify({ pid: process.pid, port: serverPort, socketDir }));

  // If this process dies without calling stop(), do not leave the server behind.
  const cleanUp = () => {
    rmSync(ownerFile, { force: true });
    if (temporarySocketDir) rmSync(socketDir, { recursive: true, force: true });
  };
  // SIGINT asks the postmaster for a fast shutdown, like `pg_ctl stop -m fast` without waiting.
  const unregister = onProcessExit(() => {
    const postmaster = readPostmasterPid(pgdata);
    if (postmaster && isAlive(postmaster.pid)) process.kill(postmaster.pid, 'SIGINT');
    cleanUp();
  });
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      unregister();
      if ((await stopServer('fast')).code !== 0) await stopServer('immediate');
      cleanUp();
    })());

  const url = makeUrl({ user, password, port: serverPort, database, socketDir });
  try {
    await waitFor(async () => (await psql(url, 'SELECT 1', { database: 'postgres', allowFailure: true })).code === 0, {
      timeoutMs: startTimeoutMs,
      what: `Postgres on port ${serverPort}`,
    });
    await ensureDatabase(url, database);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, port: serverPort, password, pid: readPostmasterPid(pgdata)?.pid ?? 0, reused: false, stop };
}

function tailOf(file) {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-20).join('\n');
  } catch {
    return '(no log)';
  }
}

// ---------------------------------------------------------------------------------------------
// Client side: psql over TCP with the credentials of a connection URL.

function connectionEnv(url, database) {
  const parsed = new URL(url);
  if (!/^postgres(ql)?:$/.test(parsed.protocol)) throw new Error(`not a Postgres URL: ${parsed.protocol}//…`);
  const env = {
    ...process.env,
    PGHOST: decodeURIComponent(parsed.hostname) || HOST,
    PGPORT: parsed.port || '5432',
    PGUSER: decodeURIComponent(parsed.username),
    PGPASSWORD: decodeURIComponent(parsed.password),
    PGDATABASE: database ?? (decodeURIComponent(parsed.pathname.slice(1)) || 'postgres'),
    PGCONNECT_TIMEOUT: '5',
  };
  const sslmode = parsed.searchParams.get('sslmode');
  if (sslmode) env.PGSSLMODE = sslmode;
  for (const key of Object.keys(env)) if (env[key] === '') delete env[key];
  return env;
}

async function psql(url, sql, { database, allowFailure = false } = {}) {
  return run(await findPsql(), ['-X', '-q', '-t', '-A', '-v', 'ON_ERROR_STOP=1', '-c', sql], {
    env: connectionEnv(url, database),
    allowFailure,
    timeoutMs: 60_000,
  });
}

function quoteIdentifier(name) {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid database name: ${name}`);
  return `"${name}"`;
}

async function ensureDatabase(url, name) {
  quoteIdentifier(name);
  const { stdout } = await psql(url, `SELECT 1 FROM pg_database WHERE datname = '${name}'`, { database: 'postgres' });
  if (stdout.trim() !== '1') await createDatabase(url, name);
}

/** Creates database `name` on the server of `url` (connecting to its `postgres` database). */
export async function createDatabase(url, name, options = {}) {
  // A template is copied file by file: fast, and it needs no client connected to it meanwhile.
  const template = options.template ? ` TEMPLATE ${quoteIdentifier(options.template)}` : '';
  await psql(url, `CREATE DATABASE ${quoteIdentifier(name)}${template}`, { database: 'postgres' });
}

/** Drops database `name` on the server of `url` if it exists, closing its open connections. */
export async function dropDatabase(url, name) {
  await psql(url, `DROP DATABASE IF EXISTS ${quoteIdentifier(name)} WITH (FORCE)`, { database: 'postgres' });
}

/** Names of the databases on the server of `url`, templates excepted. */
export async function listDatabases(url) {
  const { stdout } = await psql(url, 'SELECT datname FROM pg_database WHERE NOT datistemplate ORDER BY 1', { database: 'postgres' });
  return stdout.split('\n').filter(Boolean);
}

/** Databases that some client is connected to right now. */
export async function databasesInUse(url) {
  const { stdout } = await psql(url, 'SELECT DISTINCT datname FROM pg_stat_activity WHERE datname IS NOT NULL AND pid <> pg_backend_pid() ORDER BY 1', { database: 'postgres' });
  return stdout.split('\n').filter(Boolean);
}

/** `url` with its database replaced by `name`. */
export function withDatabase(url, name) {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** `url` with its password replaced by `****`, for printing. */
export function maskPassword(url) {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '****';
  return parsed.toString();
}
