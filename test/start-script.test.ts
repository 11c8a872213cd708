import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';
import { childProcesses, freePort, processesMentioning } from './support/processes';
import { startTestWorkers, testSettings, ROOT, type TestWorkers } from './support/worker-harness';

/**
 * `npm start` (scripts/start.mjs) as a user runs it: it keeps the stack running through crashes
 * of its processes, and it refuses to share a Temporal server's task queues with another
 * deployment.
 */
interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

function startScript(env: Record<string, string>): Started {
  let output = '';
  // Its own process group, like a terminal's: the test signals it as a user's Ctrl-C would.
  const child = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** Waits until the script has printed `pattern`; fails at once if it exits first, showing what it printed. */
async function waitForOutput(started: Started, pattern: RegExp, timeoutMs: number): Promise<void> {
  let exited = false;
  void started.exited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (!pattern.test(started.output())) {
    if (exited || Date.now() > deadline) throw new Error(`npm start did not print ${pattern} (${exited ? 'it exited' : 'timed out'}); it printed:\n${started.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const running: Started[] = [];
afterAll(() => {
  for (const s of running) {
    try {
      process.kill(-s.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('npm start', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'codex-start-'));
    // Postgres runs as an unprivileged user when we are root: it must reach its folder.
    chmodSync(dataDir, 0o755);
  });
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('restarts a killed worker, API, Postgres and Temporal server, keeps serving, and stops everything on Ctrl-C', async () => {
    const ports = { PORT: await freePort(), TEMPORAL_PORT: await freePort(), TEMPORAL_UI_PORT: await freePort(), POSTGRES_PORT: await freePort() };
    const env = Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)]));
    const stack = startScript({ ...env, DATA_DIR: dataDir, DATABASE_URL: '', TEMPORAL_ADDRESS: '', TEMPORAL_TASK_QUEUE_PREFIX: '', JWT_SECRET: '' });
    running.push(stack);
    await waitForOutput(stack, /Codex Cloud is running/, 240_000);
    for (const [name, port] of Object.entries(ports)) expect({ name, printed: stack.output().includes(`:${port}`) }).toEqual({ name, printed: true });
    const api = `http://127.0.0.1:${ports.PORT}`;
    const pid = stack.child.pid!;

    const killAndWait = async (victims: number[], line: RegExp) => {
      expect(victims.length).toBeGreaterThan(0);
      for (const v of victims) process.kill(v, 'SIGKILL');
      await waitForOutput(stack, line, 60_000);
    };
    await killAndWait(childProcesses(pid, 'dist/workers/main.js'), /worker restarted/);
    await killAndWait(childProcesses(pid, 'dist/api/server.js'), /api restarted/);
    const postmaster = Number(readFileSync(path.join(dataDir, 'postgres/pgdata/postmaster.pid'), 'utf8').split('\n')[0]);
    await killAndWait([postmaster], /Postgres restarted/);
    await killAndWait(childProcesses(pid, 'start-dev'), /Temporal dev server restarted/);
    expect(stack.output()).toMatch(/worker stopped unexpectedly \(SIGKILL\); restarting it in 1 s/);

    // Still serving: a task runs to its end.
    await eventually(async () => ((await fetch(`${api}/readyz`).catch(() => undefined))?.status === 200 ? true : undefined), 60_000, 'readiness');
    const register = await fetch(`${api}/v1/auth/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `start.${Date.now()}@example.test`, password: 'correct horse battery staple' }),
    });
    const token = ((await register.json()) as { access_token: string }).access_token;
    const executed = await fetch(`${api}/v1/agents/execute`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ task: 'after the crashes', agent_type: 'code_expert', context: { files: [{ path: 'a.py', content: 'x = 1\n' }] } }),
    });
    expect(executed.status).toBe(202);
    const id = ((await executed.json()) as { task_id: string }).task_id;
    await eventually(async () => {
      const t = (await (await fetch(`${api}/v1/agents/tasks/${id}`, { headers: { authorization: `Bearer ${token}` } })).json()) as { status: string };
      return t.status === 'completed' ? true : undefined;
    }, 60_000, 'the task to complete');

    process.kill(pid, 'SIGINT');
    expect(await stack.exited).toBe(0);
    expect(stack.output()).toMatch(/\[start\] stopped/);
    expect(processesMentioning(dataDir)).toEqual([]);

    // Nothing changed since: the next start does not build again.
    const again = startScript({ ...env, DATA_DIR: dataDir, DATABASE_URL: '', TEMPORAL_ADDRESS: '', TEMPORAL_TASK_QUEUE_PREFIX: '', JWT_SECRET: '' });
    running.push(again);
    await waitForOutput(again, /build is up to date|building/, 60_000);
    expect(again.output()).toMatch(/build is up to date/);
    process.kill(again.child.pid!, 'SIGINT');
    await again.exited;
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 420_000);
});

describe('npm start on a Temporal server it did not start', () => {
  let workers: TestWorkers;
  let api: TestApi;
  beforeAll(async () => {
    const settings = testSettings();
    [workers, api] = await Promise.all([startTestWorkers(settings), startTestApi(settings)]);
  });
  afterAll(async () => {
    await workers?.stop();
    await api?.close();
  });

  it("refuses to share another deployment's task queues, and says which setting separates them", async () => {
    const prefix = workers.config.TEMPORAL_TASK_QUEUE_PREFIX;
    // Let the other deployment's pollers be seen by the server.
    await registerUser(api, 'shared');
    const stack = startScript({
      TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS!,
      TEMPORAL_TASK_QUEUE_PREFIX: prefix,
      DATABASE_URL: process.env.DATABASE_URL!,
      DATA_DIR: mkdtempSync(path.join(os.tmpdir(), 'codex-shared-')),
      PORT: String(await freePort()),
    });
    running.push(stack);
    expect(await stack.exited).toBe(1);
    const out = stack.output();
    expect(out).toContain(`using a Temporal server this command did not start: ${process.env.TEMPORAL_ADDRESS}`);
    expect(out).toMatch(new RegExp(`another deployment's workers poll these task queues in namespace default \\(${prefix}-general by "`));
    expect(out).toContain('Set TEMPORAL_TASK_QUEUE_PREFIX (or TEMPORAL_NAMESPACE)');
    expect(out).not.toMatch(/Codex Cloud is running/);
  }, 120_000);
});
