import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { eventually } from './stream-client';
import { ROOT } from './worker-harness';

/** A TCP port on 127.0.0.1 that was free a moment ago (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** PIDs of the processes whose parent is `pid` and whose command line mentions `needle`. */
export function childProcesses(pid: number, needle: string): number[] {
  return processesWhere((entry) => {
    const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle);
  });
}

/** PIDs of the processes whose command line mentions `needle` (what a stack left behind). */
export function processesMentioning(needle: string): number[] {
  return processesWhere((entry) => readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(needle));
}

function processesWhere(test: (entry: string) => boolean): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (test(entry)) found.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return found;
}

/** An API in its own OS process (`api/server.ts` through tsx), to kill it for real; resolves once it answers. */
export async function spawnApiProcess(settings: Record<string, string>, logLevel = 'warn'): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, ...settings, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: logLevel },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  await eventually(async () => ((await fetch(`${url}/healthz`).catch(() => undefined))?.ok ? true : undefined), 30_000, 'API process');
  return { child, url };
}

/** SIGKILLs a child process (a crash) and waits until it has exited; nothing to do when it has already. */
export async function killHard(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
