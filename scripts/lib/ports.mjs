// Port and polling helpers shared by the dev-environment scripts (no npm dependencies: these
// run before `npm install`).
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

export { sleep };

/** Resolves to a TCP port that was free on `host` a moment ago (the OS picks it). */
export function findFreePort(host = '127.0.0.1') {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host, exclusive: true }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * True when nothing listens on `port`: we can bind it on `host` and nothing answers a connect
 * (a server bound to another address of this machine would not block the bind alone).
 */
export async function isPortFree(port, host = '127.0.0.1') {
  const bindable = await new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
  return bindable && !(await canConnect(port, host));
}

/** True when a TCP connection to host:port succeeds within `timeoutMs`. */
export function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Calls `fn` until it returns a truthy value (which is returned) or `timeoutMs` passes.
 * A throw from `fn` counts as "not yet"; the last one is reported on timeout.
 * `abort` (optional) is a promise that ends the wait early with its rejection, e.g. the exit
 * of the process being waited for.
 */
export async function waitFor(fn, { timeoutMs = 30_000, intervalMs = 200, what = 'condition', abort } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  let aborted;
  abort?.catch((err) => {
    aborted = err;
  });
  for (;;) {
    if (aborted) throw aborted;
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      lastError = err;
    }
    if (aborted) throw aborted;
    if (Date.now() >= deadline) {
      const detail = lastError ? `: ${lastError.message ?? lastError}` : '';
      throw new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}${detail}`);
    }
    await sleep(intervalMs);
  }
}
