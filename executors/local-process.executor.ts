import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AGENT_LIFELINE_ENV, AGENT_LIFELINE_STDIN, readAgentLine, type AgentLine, type ProtocolViolation } from '../agents/protocol';
import type { Logger } from '../lib/logger';
import { runGit } from '../repositories/git';
import type { AgentExecutor, AgentExit, AgentLaunch, AgentRun } from './agent-executor';

const PROJECT_ROOT = path.resolve(__dirname, existsSync(path.resolve(__dirname, '../package.json')) ? '..' : '../..');

/** Environment variables an agent may see: never the worker's database or signing secrets. */
const PASSED_ENV = /^(PATH|HOME|LANG|LC_[A-Z]+|TZ|TMPDIR|LLM_[A-Z0-9_]+)$/;

/**
 * The agent program's command: `command` when given (a JSON array of strings), else the built
 * agents (`dist/agents/main.js`) when built, else the TypeScript sources through tsx.
 */
export function resolveAgentCommand(command?: string): string[] {
  if (command) {
    const parsed: unknown = JSON.parse(command);
    if (!Array.isArray(parsed) || parsed.length === 0 || !parsed.every((p) => typeof p === 'string')) {
      throw new Error('LOCAL_AGENT_COMMAND must be a JSON array of strings');
    }
    return parsed as string[];
  }
  const built = path.join(PROJECT_ROOT, 'dist/agents/main.js');
  if (existsSync(built) && !__filename.endsWith('.ts')) return [process.execPath, built];
  return [process.execPath, '--import', 'tsx', path.join(PROJECT_ROOT, 'agents/main.ts')];
}

const RUN_DIR_PREFIX = 'codex-agent-';
const OWNER_FILE = 'worker.pid';

/**
 * Checks commit `sha` out into `dir` without a transport: a new repository that borrows the
 * clone's objects (`objects/info/alternates`), at `sha`, detached. Nothing is copied but the
 * files of the tree.
 */
async function checkOut(gitDir: string, sha: string, dir: string): Promise<void> {
  await runGit(['init', '--quiet', dir]);
  await fs.writeFile(path.join(dir, '.git/objects/info/alternates'), `${path.resolve(gitDir, 'objects')}\n`);
  await runGit(['checkout', '--quiet', '--detach', sha], { cwd: dir });
}

/**
 * Removes the run folders (spec, checkout) that a worker which died left behind: those whose
 * worker process is gone. A live worker's runs are never touched, whichever worker sweeps.
 */
export async function sweepOrphanedRunDirs(root = os.tmpdir()): Promise<number> {
  let removed = 0;
  for (const name of await fs.readdir(root).catch(() => [] as string[])) {
    if (!name.startsWith(RUN_DIR_PREFIX)) continue;
    const dir = path.join(root, name);
    const owner = Number(await fs.readFile(path.join(dir, OWNER_FILE), 'utf8').catch(() => 'NaN'));
    if (Number.isInteger(owner) && owner > 0 && processAlive(owner)) continue;
    // A folder without its owner file is one being made right now, or one from before owners were written: left to a day's age.
    if (!Number.isInteger(owner)) {
      const stat = await fs.stat(dir).catch(() => undefined);
      if (!stat || Date.now() - stat.mtimeMs < 86_400_000) continue;
    }
    await fs.rm(dir, { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs each agent as a child process of the worker: the default on one machine. */
export class LocalProcessExecutor implements AgentExecutor {
  readonly kind = 'local';
  private readonly command: string[];

  constructor(private readonly options: { logger: Logger; command?: string }) {
    this.command = resolveAgentCommand(options.command);
    // Run folders of workers that died (their agents died with them: the lifeline) are removed.
    sweepOrphanedRunDirs().then(
      (removed) => removed && options.logger.info({ removed }, 'removed the run folders of agents whose worker is gone'),
      (err: unknown) => options.logger.warn({ err }, 'could not sweep old agent run folders'),
    );
  }

  async launch(launch: AgentLaunch): Promise<AgentRun> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), RUN_DIR_PREFIX));
    // Whose run it is: a folder whose worker is gone is swept (sweepOrphanedRunDirs).
    await fs.writeFile(path.join(dir, OWNER_FILE), String(process.pid));
    let spec = launch.spec;
    try {
      if (launch.workspace) {
        const checkout = path.join(dir, 'workspace');
        await checkOut(launch.workspace.gitDir, launch.workspace.sha, checkout);
        spec = { ...spec, workspace: { path: checkout, base_sha: launch.workspace.sha, ...(launch.workspace.basePatch ? { base_patch: launch.workspace.basePatch } : {}) } };
      }
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true });
      throw err;
    }
    const specPath = path.join(dir, 'spec.json');
    await fs.writeFile(specPath, JSON.stringify(spec), { mode: 0o600 });

    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => PASSED_ENV.test(k)));
    const [cmd, ...args] = this.command as [string, ...string[]];
    const child = spawn(cmd, [...args, '--spec', specPath], {
      cwd: PROJECT_ROOT,
      env: { ...env, AGENT_TASK_ID: launch.taskId, AGENT_RUN_NAME: launch.runName, [AGENT_LIFELINE_ENV]: AGENT_LIFELINE_STDIN },
      // stdin is the agent's lifeline: never written, it closes when this worker dies, however it dies.
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdin.on('error', () => undefined); // the agent may exit without reading it
    const log = this.options.logger.child({ task_id: launch.taskId, run: launch.runName, pid: child.pid });

    let stderrTail = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      stderrTail = (stderrTail + chunk).slice(-4000);
    });

    const exited = new Promise<AgentExit>((resolve) => {
      child.once('error', (err) => {
        stderrTail += `\n${err.message}`;
      });
      child.once('close', (code, signal) => {
        void fs.rm(dir, { recursive: true, force: true });
        resolve({ code, signal, stderrTail: stderrTail.trim() });
      });
    });

    async function* lines(): AsyncGenerator<AgentLine | ProtocolViolation> {
      const rl = createInterface({ input: child.stdout, crlfDelay: Infinity });
      for await (const raw of rl) {
        if (!raw.trim()) continue;
        const read = readAgentLine(raw);
        if (read.kind === 'line') yield read.line;
        else if (read.kind === 'violation') yield read.violation;
        else log.warn({ line: raw.slice(0, 200) }, 'agent wrote a line outside the protocol; ignored');
      }
    }

    let stopping: Promise<void> | undefined;
    return {
      // A local agent dies with the worker that started it (its lifeline): there is never an earlier run to adopt.
      runName: launch.runName,
      lines: lines(),
      exited,
      stop(graceMs: number) {
        stopping ??= (async () => {
          if (child.exitCode !== null || child.signalCode !== null) return;
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          await exited;
          clearTimeout(timer);
        })();
        return stopping;
      },
    };
  }
}
