// Process helpers for the dev-environment scripts: finding executables, running commands,
// stopping process groups, and making sure servers we started die with us.
import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import path from 'node:path';

/** Short progress line on stderr, so stdout stays usable for machine-readable output. */
export function log(message) {
  process.stderr.write(`[codex] ${message}\n`);
}

/** Absolute path of an executable named `name` on PATH, or null. */
export function which(name, searchPath = process.env.PATH ?? '') {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    if (isExecutable(candidate)) return candidate;
  }
  return null;
}

export function isExecutable(file) {
  try {
    accessSync(file, constants.X_OK);
    return statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * Runs a command to completion and resolves to `{ code, stdout, stderr }`.
 * Rejects on a non-zero exit unless `allowFailure`; the error message carries the output tail.
 * `inherit: true` streams output to our stderr instead of capturing it (for long installs).
 */
export function run(command, args, { env, cwd, input, timeoutMs, allowFailure = false, inherit = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: env ?? process.env,
      cwd,
      stdio: [input === undefined ? 'ignore' : 'pipe', inherit ? process.stderr : 'pipe', inherit ? process.stderr : 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout?.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr?.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    if (input !== undefined) child.stdin.end(input);
    const timer = timeoutMs
      ? setTimeout(() => {
          stderr += `\n(killed after ${timeoutMs} ms)`;
          child.kill('SIGKILL');
        }, timeoutMs)
      : undefined;
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${command}: ${err.message}`));
    });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      const result = { code: code ?? 128, stdout, stderr };
      if (result.code === 0 || allowFailure) return resolve(result);
      const tail = (stderr.trim() || stdout.trim()).split('\n').slice(-15).join('\n');
      const how = signal ? `signal ${signal}` : `exit code ${code}`;
      reject(new Error(`${path.basename(command)} ${args.join(' ')} failed (${how})${tail ? `:\n${tail}` : ''}`));
    });
  });
}

/** True while `pid` names a live process (signal 0 tests existence without sending anything). */
export function isAlive(pid) {
  if (!pid || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** Sends `signal` to the process group led by `pid` (children spawned with `detached: true`). */
export function signalGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a child spawned with `detached: true`: `signal` to its whole process group, then
 * SIGKILL if it has not exited after `timeoutMs`. Resolves once it has exited.
 */
export async function stopProcessGroup(child, { signal = 'SIGTERM', timeoutMs = 10_000 } = {}) {
  if (!child.pid) return; // never started (spawn error)
  if (child.exitCode !== null || child.signalCode !== null) {
    signalGroup(child.pid, 'SIGKILL'); // grandchildren that outlived the leader
    return;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  signalGroup(child.pid, signal);
  // A plain timer, cleared on exit: a pending one would keep the caller's process alive.
  const timer = setTimeout(() => signalGroup(child.pid, 'SIGKILL'), timeoutMs);
  await exited;
  clearTimeout(timer);
  signalGroup(child.pid, 'SIGKILL');
}

// Synchronous cleanups run when this process exits or is killed by a signal nobody else handles,
// so a crash of the parent never leaves a dev server behind.
const cleanups = new Set();
let hooksInstalled = false;
const fatalSignals = ['SIGINT', 'SIGTERM', 'SIGHUP'];

function runCleanups() {
  for (const cleanup of [...cleanups]) {
    cleanups.delete(cleanup);
    try {
      cleanup();
    } catch {
      // best effort: the process is going away
    }
  }
}

function onFatalSignal(signal) {
  // Someone else (e.g. the start supervisor) handles this signal and will stop things in order.
  if (process.listenerCount(signal) > 1) return;
  runCleanups();
  process.removeListener(signal, onFatalSignal);
  process.kill(process.pid, signal);
}

/** Registers a synchronous cleanup for process exit; returns a function that unregisters it. */
export function onProcessExit(cleanup) {
  if (!hooksInstalled) {
    hooksInstalled = true;
    process.on('exit', runCleanups);
    for (const signal of fatalSignals) process.on(signal, onFatalSignal);
  }
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

/** Kills the process group of `child` if this process exits first; returns the unregister function. */
export function killGroupOnExit(child) {
  const unregister = onProcessExit(() => signalGroup(child.pid, 'SIGKILL'));
  child.once('exit', unregister);
  return unregister;
}
