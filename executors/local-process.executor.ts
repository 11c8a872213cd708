import { spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { AGENT_LIFELINE_ENV, AGENT_LIFELINE_STDIN, readAgentLine, type AgentLine, type ProtocolViolation } from '../agents/protocol';
import type { Logger } from '../lib/logger';
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

/** Runs each agent as a child process of the worker: the default on one machine. */
export class LocalProcessExecutor implements AgentExecutor {
  readonly kind = 'local';
  private readonly command: string[];

  constructor(private readonly options: { logger: Logger; command?: string }) {
    this.command = resolveAgentCommand(options.command);
  }

  async launch(launch: AgentLaunch): Promise<AgentRun> {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'codex-agent-'));
    const specPath = path.join(dir, 'spec.json');
    await fs.writeFile(specPath, JSON.stringify(launch.spec), { mode: 0o600 });

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
