// The git CLI, spawned with argument arrays (never a shell) and an environment that ignores the
// machine's and the user's git configuration.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** A git command that failed: its exit code or signal and the tail of its standard error. */
export class GitError extends Error {
  override readonly name = 'GitError';
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly stderr: string,
    /** Why it was stopped by us, if it was: `timeout`, `size`, `aborted`, `output`. */
    readonly stopped?: 'timeout' | 'size' | 'aborted' | 'output',
  ) {
    super(message);
  }
}

/** Settings every spawned git gets (`-c`), whatever the repository's own config says. */
const SAFE_CONFIG: [string, string][] = [
  // Transports: https only (http is added per call for allow-listed hosts).
  ['protocol.allow', 'never'],
  ['protocol.https.allow', 'always'],
  // No credentials asked for, stored or sent.
  ['credential.helper', ''],
  ['core.askPass', ''],
  // No hooks, no fsmonitor, no external programs named by a repository's config.
  ['core.hooksPath', '/dev/null'],
  ['core.fsmonitor', 'false'],
  ['core.sshCommand', 'false'],
  ['submodule.recurse', 'false'],
  ['http.followRedirects', 'false'],
  ['gc.auto', '0'],
  ['maintenance.auto', 'false'],
  ['advice.detachedHead', 'false'],
];

/** Environment variables passed through to git from ours (proxies an operator set, PATH). */
const PASSED_ENV = ['PATH', 'HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy', 'ALL_PROXY', 'all_proxy', 'TZ'];

let emptyHome: string | undefined;

/** Process groups of the git commands running now, stopped if this process exits first. */
const runningGroups = new Set<number>();
process.once('exit', () => {
  for (const group of runningGroups) {
    try {
      process.kill(-group, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/**
 * The environment of a spawned git: no system or global config (GIT_CONFIG_NOSYSTEM,
 * GIT_CONFIG_GLOBAL=/dev/null, an empty HOME), no terminal prompt, no askpass program, the
 * allowed transports in GIT_ALLOW_PROTOCOL (which also binds submodules and remote helpers).
 */
export function gitEnvironment(options: { allowHttp?: boolean } = {}): NodeJS.ProcessEnv {
  emptyHome ??= (() => {
    const dir = path.join(os.tmpdir(), `codex-git-home-${process.getuid?.() ?? 'u'}`);
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    return dir;
  })();
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASSED_ENV) if (process.env[key] !== undefined) env[key] = process.env[key];
  return {
    ...env,
    HOME: emptyHome,
    XDG_CONFIG_HOME: emptyHome,
    LANG: 'C',
    LC_ALL: 'C',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_TERMINAL_PROMPT: '0',
    GIT_ASKPASS: '/bin/false',
    SSH_ASKPASS: '/bin/false',
    GIT_ALLOW_PROTOCOL: options.allowHttp ? 'https:http' : 'https',
    GIT_PROTOCOL_FROM_USER: '0',
    GIT_NO_REPLACE_OBJECTS: '1',
  };
}

export interface RunGitOptions {
  /** Working directory, or the repository as `--git-dir` (a bare repository). */
  gitDir?: string;
  cwd?: string;
  /** More `-c key=value` settings (after the safe ones, so they may add, e.g. a pinned address). */
  config?: [string, string][];
  allowHttp?: boolean;
  /** Stop after this long (ms); the error's `stopped` is `timeout`. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Largest standard output kept (bytes, default 64 MiB); past it git is stopped. */
  maxOutputBytes?: number;
  /** Called with each chunk of standard error (progress lines of fetch). */
  onStderr?: (text: string) => void;
  /** Called with each chunk of standard output instead of keeping it (streaming readers). */
  onStdout?: (chunk: Buffer) => void;
  /** Written to git's standard input, then closed. */
  input?: string | Buffer;
  /** Exit codes that are not failures (default [0]). */
  okExitCodes?: number[];
}

/** What a finished git command printed. */
export interface GitResult {
  stdout: Buffer;
  stderr: string;
  exitCode: number;
}

/**
 * Runs `git <args>` and collects its output.
 * @throws GitError when git exits with a code not in `okExitCodes`, is stopped (timeout, signal,
 *   output limit) or cannot be spawned.
 */
export function runGit(args: readonly string[], options: RunGitOptions = {}): Promise<GitResult> {
  const configArgs = [...SAFE_CONFIG, ...(options.allowHttp ? ([['protocol.http.allow', 'always']] as [string, string][]) : []), ...(options.config ?? [])].flatMap(
    ([k, v]) => ['-c', `${k}=${v}`],
  );
  const full = [...configArgs, ...(options.gitDir ? [`--git-dir=${options.gitDir}`] : []), ...args];
  const maxOutput = options.maxOutputBytes ?? 64 * 1024 * 1024;
  const okCodes = options.okExitCodes ?? [0];
  return new Promise((resolve, reject) => {
    const child = spawn('git', full, {
      cwd: options.cwd ?? options.gitDir ?? os.tmpdir(),
      env: gitEnvironment({ allowHttp: options.allowHttp }),
      stdio: [options.input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a stop reaches the helpers it spawns (git-remote-http,
      // index-pack), which would otherwise keep its pipes open.
      detached: true,
    });
    const group = child.pid;
    if (group !== undefined) runningGroups.add(group);
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (group !== undefined) process.kill(-group, signal);
      } catch {
        // already gone
      }
    };
    let stopped: GitError['stopped'];
    const stop = (why: NonNullable<GitError['stopped']>) => {
      if (stopped) return;
      stopped = why;
      signalGroup('SIGTERM');
      setTimeout(() => signalGroup('SIGKILL'), 2000).unref();
    };
    const timer = options.timeoutMs ? setTimeout(() => stop('timeout'), options.timeoutMs) : undefined;
    const onAbort = () => stop('aborted');
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) stop('aborted');

    const out: Buffer[] = [];
    let outBytes = 0;
    child.stdout!.on('data', (chunk: Buffer) => {
      if (options.onStdout) return options.onStdout(chunk);
      outBytes += chunk.length;
      if (outBytes > maxOutput) return stop('output');
      out.push(chunk);
    });
    let err = '';
    child.stderr!.on('data', (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      options.onStderr?.(text);
      err = (err + text).slice(-16_384);
    });
    if (options.input !== undefined) {
      child.stdin!.on('error', () => undefined); // git may exit before reading it all
      child.stdin!.end(options.input);
    }
    child.on('error', (e) => {
      if (group !== undefined) runningGroups.delete(group);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      reject(new GitError(`git could not be started: ${e.message}`, args, null, ''));
    });
    child.on('close', (code, signal) => {
      if (group !== undefined) runningGroups.delete(group);
      clearTimeout(timer);
      options.signal?.removeEventListener('abort', onAbort);
      const stderr = err.trim();
      if (stopped) {
        reject(new GitError(`git ${args[0]} was stopped (${stopped})`, args, code, stderr, stopped));
      } else if (code === null || !okCodes.includes(code)) {
        reject(new GitError(`git ${args[0]} failed (${code === null ? `signal ${signal}` : `exit ${code}`}): ${lastLine(stderr)}`, args, code, stderr));
      } else {
        resolve({ stdout: Buffer.concat(out), stderr, exitCode: code });
      }
    });
  });
}

/** The last non-empty line of git's standard error ("fatal: …"), for messages. */
export function lastLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n|\r/)
    .map((l) => l.trim())
    .filter(Boolean);
  return lines[lines.length - 1] ?? '';
}
