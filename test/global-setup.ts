// Jest global setup: real servers for the whole run. A Postgres (kept in .data/test-postgres
// between runs, or the server of DATABASE_URL) with a fresh database per run, migrated; and an
// in-memory Temporal dev server (or TEMPORAL_TEST_ADDRESS). Values set on process.env here
// reach every test worker. global-teardown.ts undoes it.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ISOLATED_DATABASE_ENV } from './support/isolated-database';

const root = path.resolve(__dirname, '..');

/** Handles that global-teardown.ts needs; kept on globalThis (setup and teardown share a process). */
export interface TestServers {
  adminUrl?: string;
  databaseName?: string;
  stopPostgres?: () => Promise<void>;
  stopTemporal?: () => Promise<void>;
  stopStripeMock?: () => Promise<void>;
}

export const TEST_SERVERS_KEY = '__codexTestServers';

interface PostgresLib {
  startLocalPostgres(options: { dataDir: string; port?: number; durable?: boolean }): Promise<{ url: string; stop(): Promise<void> }>;
  createDatabase(url: string, name: string, options?: { template?: string }): Promise<void>;
  dropDatabase(url: string, name: string): Promise<void>;
  listDatabases(url: string): Promise<string[]>;
  databasesInUse(url: string): Promise<string[]>;
  withDatabase(url: string, name: string): string;
}

interface TemporalServerLib {
  startTemporalDevServer(options: { headless?: boolean; namespace?: string }): Promise<{ address: string; stop(): Promise<void> }>;
}

interface TemporalCliLib {
  ensureTemporalCli(): Promise<string>;
  ensureTestServer(): Promise<string>;
  ensureSchemathesis(): Promise<string>;
  ensureStripeMock(): Promise<string>;
}

// The helpers are ES modules; a plain import() would be rewritten to require() by the TS→CommonJS
// transform, so it is hidden from it.
const nativeImport = new Function('specifier', 'return import(specifier)') as (specifier: string) => Promise<unknown>;

export function importScriptLib<T>(name: string): Promise<T> {
  return nativeImport(pathToFileURL(path.join(root, 'scripts', 'lib', name)).href) as Promise<T>;
}

const TEST_DATABASE_PREFIX = 'codex_test_';
// Databases of runs that crashed before their teardown are dropped once this old.
const STALE_DATABASE_MS = 24 * 60 * 60 * 1000;

async function dropStaleDatabases(pg: PostgresLib, adminUrl: string): Promise<void> {
  for (const name of await pg.listDatabases(adminUrl)) {
    const created = Number(name.slice(TEST_DATABASE_PREFIX.length).split('_')[0]);
    if (name.startsWith(TEST_DATABASE_PREFIX) && created > 0 && Date.now() - created > STALE_DATABASE_MS) {
      await pg.dropDatabase(adminUrl, name);
    }
  }
}

/** Starts stripe-mock on a free loopback port; resolves once it answers. */
async function startStripeMockServer(binary: string): Promise<{ url: string; stop(): Promise<void> }> {
  // Two ports held open at once, so they differ.
  const probes = [createServer(), createServer()];
  const [port, httpsPort] = await Promise.all(
    probes.map(
      (probe) =>
        new Promise<number>((resolve, reject) => {
          probe.once('error', reject);
          probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            resolve(typeof address === 'object' && address ? address.port : 0);
          });
        }),
    ),
  );
  await Promise.all(probes.map((probe) => new Promise((r) => probe.close(r))));
  // Both addresses explicit: given only one, stripe-mock also opens its default HTTPS port
  // (12112 on every interface), which a second run on this machine would find taken.
  const child = spawn(binary, ['-http-addr', `127.0.0.1:${port}`, '-https-addr', `127.0.0.1:${httpsPort}`], { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`stripe-mock exited (${child.exitCode}): ${output}`);
    const ok = await fetch(`${url}/v1/customers`, { headers: { authorization: 'Bearer sk_test_123' } }).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`stripe-mock did not answer on ${url}: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function migrate(env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [require.resolve('tsx/cli'), 'db/migrate.ts'], {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`db/migrate.ts failed (exit code ${code}):\n${output}`));
    });
  });
}

export default async function globalSetup(): Promise<void> {
  const servers: TestServers = {};
  (globalThis as Record<string, unknown>)[TEST_SERVERS_KEY] = servers;

  process.env.NODE_ENV = 'test';
  process.env.LOG_LEVEL = 'silent';
  // Suites about other things make more requests a minute than a free user may: the rate-limit
  // suite (and the fuzzer) turn limits back on for their own API processes.
  process.env.RATE_LIMIT_ENABLED = 'false';
  // Likewise the monthly runs of a free user (100): the quota suite turns quotas on.
  process.env.QUOTAS_ENABLED = 'false';
  process.env.JWT_SECRET = randomBytes(48).toString('base64url');

  const [pg, temporalServer, temporalCli] = await Promise.all([
    importScriptLib<PostgresLib>('postgres.mjs'),
    importScriptLib<TemporalServerLib>('temporal-server.mjs'),
    importScriptLib<TemporalCliLib>('temporal-cli.mjs'),
  ]);

  try {
    const startPostgres = async (): Promise<void> => {
      let adminUrl = process.env.DATABASE_URL;
      if (!adminUrl) {
        // fsync off: a crash may lose test data, which is recreated every run anyway.
        const local = await pg.startLocalPostgres({ dataDir: path.join(root, '.data', 'test-postgres'), durable: false });
        servers.stopPostgres = () => local.stop();
        adminUrl = local.url;
        await dropStaleDatabases(pg, adminUrl);
      }
      const databaseName = `${TEST_DATABASE_PREFIX}${Date.now()}_${randomBytes(3).toString('hex')}`;
      await pg.createDatabase(adminUrl, databaseName);
      servers.adminUrl = adminUrl;
      servers.databaseName = databaseName;
      process.env.DATABASE_URL = pg.withDatabase(adminUrl, databaseName);
    };

    const startTemporal = async (): Promise<void> => {
      if (process.env.TEMPORAL_TEST_ADDRESS) {
        process.env.TEMPORAL_ADDRESS = process.env.TEMPORAL_TEST_ADDRESS;
      } else {
        const temporal = await temporalServer.startTemporalDevServer({ headless: true, namespace: 'default' });
        servers.stopTemporal = () => temporal.stop();
        process.env.TEMPORAL_ADDRESS = temporal.address;
      }
      process.env.TEMPORAL_NAMESPACE = 'default';
      // For TestWorkflowEnvironment, which would otherwise download these binaries.
      process.env.TEMPORAL_TEST_SERVER_PATH = await temporalCli.ensureTestServer();
      process.env.TEMPORAL_CLI_PATH = await temporalCli.ensureTemporalCli();
      // The schema fuzzer of test/openapi-fuzz.test.ts.
      process.env.SCHEMATHESIS_PATH = await temporalCli.ensureSchemathesis();
    };

    // Stripe's API as stripe-mock serves it (stateless: the billing tests drive state by webhooks).
    const startStripeMock = async (): Promise<void> => {
      const binary = await temporalCli.ensureStripeMock();
      const mock = await startStripeMockServer(binary);
      servers.stopStripeMock = mock.stop;
      process.env.STRIPE_MOCK_URL = mock.url;
    };

    // Settled, not all(): a failure of one must not leave the other half-started and forgotten.
    const started = await Promise.allSettled([startPostgres(), startTemporal(), startStripeMock()]);
    for (const result of started) if (result.status === 'rejected') throw result.reason;
    await migrate(process.env);
    // A migrated copy that suites needing a database of their own are made from (see
    // test/support/isolated-database.ts). Named after the run's database: its teardown drops both.
    const template = `${servers.databaseName}_template`;
    await pg.createDatabase(servers.adminUrl!, template, { template: servers.databaseName });
    process.env[ISOLATED_DATABASE_ENV.adminUrl] = servers.adminUrl;
    process.env[ISOLATED_DATABASE_ENV.template] = template;
  } catch (err) {
    // Jest skips the teardown when the setup fails: stop what was started here.
    (globalThis as Record<string, unknown>)[TEST_SERVERS_KEY] = undefined;
    await stopTestServers(servers).catch(() => {});
    throw err;
  }
}

/** Drops the run's database and stops the servers this setup started; reports every failure. */
export async function stopTestServers(servers: TestServers): Promise<void> {
  const problems: unknown[] = [];
  const attempt = async (step: () => Promise<void>): Promise<void> => {
    try {
      await step();
    } catch (err) {
      problems.push(err);
    }
  };
  const { adminUrl, databaseName } = servers;
  if (adminUrl && databaseName) {
    const pg = await importScriptLib<PostgresLib>('postgres.mjs');
    // The run's database, its template and the suites' copies of it.
    const names = await pg.listDatabases(adminUrl).catch(() => [databaseName]);
    for (const name of names.filter((n) => n === databaseName || n.startsWith(`${databaseName}_`))) {
      await attempt(() => pg.dropDatabase(adminUrl, name));
    }
  }
  // Another jest run started at the same time shares this Postgres: leave it to that run.
  let stopPostgres = servers.stopPostgres;
  if (stopPostgres && adminUrl) {
    const pg = await importScriptLib<PostgresLib>('postgres.mjs');
    const inUse = await pg.databasesInUse(adminUrl).catch(() => [] as string[]);
    if (inUse.some((name) => name.startsWith(TEST_DATABASE_PREFIX) && name !== databaseName)) stopPostgres = undefined;
  }
  await Promise.all([
    servers.stopTemporal && attempt(servers.stopTemporal),
    stopPostgres && attempt(stopPostgres),
    servers.stopStripeMock && attempt(servers.stopStripeMock),
  ]);
  if (problems.length > 0) {
    throw new AggregateError(problems, `stopping the test servers: ${problems.map((err) => String(err)).join('; ')}`);
  }
}
