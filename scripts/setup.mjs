#!/usr/bin/env node
// Prepares this checkout for tests and `npm start`: npm packages, the Temporal CLI and test
// server and the schema fuzzer (into .tools/), Postgres binaries, the web pages' bundles, and (with
// --browser, for the page tests) Debian's chromium. Idempotent and silent when nothing is missing.
//
//   node scripts/setup.mjs [--no-temporal] [--no-postgres] [--browser]
//
// Postgres binaries are skipped when DATABASE_URL points at a server of your own.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ensurePostgresBinaries } from './lib/postgres.mjs';
import { log, run } from './lib/proc.mjs';
import { ensureSchemathesis, ensureStripeMock, ensureTemporalCli, ensureTestServer, projectRoot } from './lib/temporal-cli.mjs';
import { buildWeb, webBuildStale } from './build-web.mjs';

const mtime = (file) => statSync(file).mtimeMs;

/**
 * Runs `npm ci` when node_modules is missing or older than package-lock.json. When npm ci
 * refuses the lockfile, falls back to `npm install --no-save`, which installs the locked versions
 * without rewriting package-lock.json (a tracked file: set-up must leave a clone clean). The
 * committed lockfile lists every platform's optional packages, so npm ci accepts it; a lockfile
 * regenerated against a mirror that lacks some (@swc/core-darwin-arm64…) would not be.
 */
export async function ensureNodeModules(root = projectRoot()) {
  const nodeModules = path.join(root, 'node_modules');
  const lockfile = path.join(root, 'package-lock.json');
  // npm rewrites this file at the end of every successful install.
  const installedLock = path.join(nodeModules, '.package-lock.json');
  const npmArgs = ['--no-audit', '--no-fund'];
  if (existsSync(lockfile)) {
    if (existsSync(installedLock) && mtime(installedLock) >= mtime(lockfile)) return false;
    log('installing npm packages (npm ci)');
    const ci = await run('npm', ['ci', ...npmArgs], { cwd: root, allowFailure: true });
    if (ci.code === 0) return true;
    if (!/package-lock\.json .*in sync|EUSAGE/.test(ci.stderr + ci.stdout)) {
      process.stderr.write(ci.stderr || ci.stdout);
      throw new Error(`npm ci failed (exit code ${ci.code})`);
    }
    log('npm ci found the lockfile out of sync with this registry; using npm install --no-save');
    await run('npm', ['install', '--no-save', ...npmArgs], { cwd: root, inherit: true });
    return true;
  }
  if (existsSync(nodeModules)) return false;
  log('installing npm packages (npm install)');
  await run('npm', ['install', ...npmArgs], { cwd: root, inherit: true });
  return true;
}

/**
 * Everything `npm test` and `npm start` need before they run.
 * @returns {Promise<{ temporalCli?: string, testServer?: string, schemathesis?: string, stripeMock?: string, postgresBinDir?: string }>}
 */
export async function runSetup({ temporal = true, postgres = true, browser = false } = {}) {
  await ensureNodeModules();
  const result = {};
  if (temporal) {
    result.temporalCli = await ensureTemporalCli();
    result.testServer = await ensureTestServer();
    result.schemathesis = await ensureSchemathesis();
    result.stripeMock = await ensureStripeMock();
  }
  if (postgres && !process.env.DATABASE_URL) result.postgresBinDir = await ensurePostgresBinaries();
  if (webBuildStale()) {
    log('building the web pages (esbuild: dist/web)');
    await buildWeb();
  }
  await buildPackages();
  if (browser) result.chromium = await ensureChromium();
  return result;
}

/** The npm workspaces that ship a build (the SDK first: the CLI imports it). */
const PACKAGES = ['sdk', 'cli'];

/** Newest modification time of the files under `dir` (0 when it does not exist). */
function newest(dir) {
  if (!existsSync(dir)) return 0;
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, mtime(path.join(entry.parentPath ?? entry.path, entry.name)));
  }
  return latest;
}

/**
 * Builds the SDK and the CLI (`tsc` into their dist/) when a source is newer than the build, so
 * `npx codex` and the packages' tests run from a fresh clone.
 */
export async function buildPackages(root = projectRoot()) {
  for (const name of PACKAGES) {
    const dir = path.join(root, name);
    if (!existsSync(path.join(dir, 'package.json')) || !existsSync(path.join(dir, 'src'))) continue;
    const built = newest(path.join(dir, 'dist'));
    if (built > 0 && built >= Math.max(newest(path.join(dir, 'src')), mtime(path.join(dir, 'package.json')), mtime(path.join(dir, 'tsconfig.json')))) continue;
    log(`building ${name}/ (tsc: ${name}/dist)`);
    await run('npm', ['run', 'build', '--silent', '-w', name], { cwd: root, inherit: true });
  }
}

/**
 * Debian's `chromium`, for the page tests (driven by playwright-core): CHROMIUM_PATH, else
 * /usr/bin/chromium, installed with apt-get when this runs as root and it is missing.
 * @returns {Promise<string>} the executable
 */
export async function ensureChromium() {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (found) return found;
  if (process.getuid?.() !== 0) {
    throw new Error("Chromium is missing: install Debian's chromium package (sudo apt-get install chromium) or set CHROMIUM_PATH");
  }
  log("installing Debian's chromium package (apt-get), for the page tests");
  await run('apt-get', ['update'], { inherit: true });
  await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { inherit: true, env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
  if (!existsSync('/usr/bin/chromium')) throw new Error('apt-get installed chromium, but /usr/bin/chromium is not there');
  return '/usr/bin/chromium';
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const args = new Set(process.argv.slice(2));
  const unknown = [...args].filter((arg) => !['--no-temporal', '--no-postgres', '--browser'].includes(arg));
  if (unknown.length > 0) {
    console.error(`usage: node scripts/setup.mjs [--no-temporal] [--no-postgres] [--browser] (unknown: ${unknown.join(' ')})`);
    process.exit(2);
  }
  try {
    await runSetup({ temporal: !args.has('--no-temporal'), postgres: !args.has('--no-postgres'), browser: args.has('--browser') });
  } catch (err) {
    console.error(`setup failed: ${err.message}`);
    process.exit(1);
  }
}
