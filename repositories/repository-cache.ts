// Clones of remote repositories, kept as bare repositories under one folder and keyed by URL:
// the first use clones, later ones fetch only what is new.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lockfile from 'proper-lockfile';
import { GitError, lastLine, runGit } from './git';
import type { CheckedRepository, RepositoryPolicy } from './url-policy';

/** The repository does not exist, or is not public (git could not read it without credentials). */
export class RepositoryNotFoundError extends Error {
  override readonly name = 'RepositoryNotFoundError';
}

/** The repository exists but has no such branch. */
export class BranchNotFoundError extends Error {
  override readonly name = 'BranchNotFoundError';
}

/** A limit of the cache was reached: clone time or size on disk. `limit` names the setting. */
export class RepositoryLimitError extends Error {
  override readonly name = 'RepositoryLimitError';
  constructor(
    message: string,
    readonly limit: 'REPOSITORY_CLONE_TIMEOUT_SECONDS' | 'REPOSITORY_MAX_SIZE_MB',
  ) {
    super(message);
  }
}

/** The host could not be reached or answered with something git could not use. */
export class RepositoryUnavailableError extends Error {
  override readonly name = 'RepositoryUnavailableError';
}

export interface RepositoryCacheOptions {
  /** Folder of the bare repositories (REPOSITORY_CACHE_DIR). Created if absent. */
  dir: string;
  policy: RepositoryPolicy;
  /** Longest a clone or fetch may take (ms, REPOSITORY_CLONE_TIMEOUT_SECONDS). */
  cloneTimeoutMs: number;
  /** Largest repository on disk (bytes, REPOSITORY_MAX_SIZE_MB). */
  maxSizeBytes: number;
  /** How often the size on disk is read during a fetch (ms, default 500). */
  sizeCheckIntervalMs?: number;
}

/** What `fetch` leaves ready to read: a bare repository with the branch at `headSha`. */
export interface FetchedRepository {
  /** The bare repository (for `git --git-dir`). */
  gitDir: string;
  /** The repository's URL as git was given it (after redirects). */
  url: string;
  /** The branch read: the one asked for, else the repository's default branch. */
  branch: string;
  /** Its head commit (40 hex digits). */
  headSha: string;
  /** Every branch of the remote and its head, by name (what `git ls-remote --heads` lists). */
  branches: { name: string; sha: string }[];
  /** Git settings for reading it (none needed beyond the safe defaults today). */
  checked: CheckedRepository;
}

/** Progress of a fetch, from git's own progress lines ("Receiving objects: 45% (450/1000)"). */
export interface FetchProgress {
  phase: string;
  percent?: number;
}

export interface FetchOptions {
  /** Branch name (without refs/heads/); default: the remote's default branch (its HEAD). */
  branch?: string;
  signal?: AbortSignal;
  onProgress?: (progress: FetchProgress) => void;
}

/**
 * One bare repository per URL under `dir`. Concurrent fetches of the same repository and branch
 * in this process share one run of git; across processes a lock file (proper-lockfile, stale
 * after 30 s without its owner's refresh) queues them, so one clone is made and the rest fetch.
 */
export class RepositoryCache {
  private readonly inFlight = new Map<string, SharedFetch>();
  private readonly sizeCheckIntervalMs: number;

  constructor(private readonly options: RepositoryCacheOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.sizeCheckIntervalMs = options.sizeCheckIntervalMs ?? 500;
  }

  /** The folder a URL is (or will be) cloned into. */
  gitDirOf(url: string): string {
    return path.join(this.options.dir, `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.git`);
  }

  /**
   * Brings `rawUrl`'s branch up to date in the cache: checks the URL (policy, redirects), clones
   * on first use, else fetches what is new.
   *
   * Callers asking for the same repository and branch at once share one run of git. Each
   * caller's `signal` stops only its own wait (it rejects at once with the signal's reason); the
   * shared git run is stopped when every caller waiting on it has gone.
   * @throws RepositoryUrlError, RepositoryNotFoundError, BranchNotFoundError, RepositoryLimitError,
   *   RepositoryUnavailableError, GitError; the signal's reason when it aborts
   */
  async fetch(rawUrl: string, options: FetchOptions = {}): Promise<FetchedRepository> {
    options.signal?.throwIfAborted();
    const checked = await this.options.policy.probe(rawUrl);
    const key = `${checked.url}\u0000${options.branch ?? ''}`;
    let shared = this.inFlight.get(key);
    // A run every caller left is stopping: a new caller starts a run of its own.
    if (!shared || shared.controller.signal.aborted) {
      const controller = new AbortController();
      const work = this.fetchLocked(checked, { ...options, signal: controller.signal }).finally(() => {
        if (this.inFlight.get(key) === entry) this.inFlight.delete(key);
      });
      const entry: SharedFetch = { work, controller, waiters: 0 };
      // A shared run whose every caller left still settles; nobody is left to see its error.
      work.catch(() => undefined);
      this.inFlight.set(key, entry);
      shared = entry;
    }
    return waitFor(shared, options.signal);
  }
  private async fetchLocked(checked: CheckedRepository, options: FetchOptions): Promise<FetchedRepository> {
    const gitDir = this.gitDirOf(checked.url);
    const lockTarget = `${gitDir}.lock-target`;
    if (!existsSync(lockTarget)) writeFileSync(lockTarget, checked.url);
    const release = await lockfile.lock(lockTarget, {
      stale: 30_000,
      update: 10_000,
      retries: { retries: Math.ceil(this.options.cloneTimeoutMs / 1000) + 30, factor: 1, minTimeout: 1000, maxTimeout: 1000 },
      // A lock lost meanwhile (its file removed, or taken over as stale) is not worth crashing
      // the process for: git's own ref locks keep the repository consistent.
      onCompromised: () => undefined,
    });
    try {
      return await this.fetchInto(gitDir, checked, options);
    } finally {
      await release().catch(() => undefined);
    }
  }

  private async fetchInto(gitDir: string, checked: CheckedRepository, options: FetchOptions): Promise<FetchedRepository> {
    const allowHttp = checked.protocol === 'http:';
    const config = this.options.policy.gitConfig(checked);
    const remote = { allowHttp, config, signal: options.signal };
    const startedAt = Date.now();
    const timeLeft = () => this.options.cloneTimeoutMs - (Date.now() - startedAt);

    // What the remote has: its default branch, and whether the branch asked for exists.
    options.onProgress?.({ phase: 'Reading the remote' });
    let listing: string;
    try {
      listing = (await runGit(['ls-remote', '--symref', checked.url, 'HEAD', 'refs/heads/*'], { ...remote, timeoutMs: timeLeft() })).stdout.toString('utf8');
    } catch (err) {
      throw classify(err, checked.url, this.options.cloneTimeoutMs);
    }
    const defaultBranch = /^ref: refs\/heads\/(\S+)\tHEAD$/m.exec(listing)?.[1];
    const branch = options.branch ?? defaultBranch;
    if (!branch) throw new BranchNotFoundError(`repository ${checked.url} has no default branch (is it empty?)`);
    const refLine = new RegExp(`^([0-9a-f]{40,64})\\trefs/heads/${escapeRegExp(branch)}$`, 'm');
    if (options.branch && !refLine.test(listing)) throw new BranchNotFoundError(`branch "${branch}" does not exist in ${checked.url}`);

    if (!existsSync(path.join(gitDir, 'HEAD'))) {
      rmSync(gitDir, { recursive: true, force: true });
      await runGit(['init', '--bare', '--quiet', gitDir]);
      writeFileSync(path.join(gitDir, 'description'), `${checked.url}\n`);
    }
    const before = directorySize(gitDir);
    if (before > this.options.maxSizeBytes) throw sizeError(this.options.maxSizeBytes);

    const controller = new AbortController();
    const forward = () => controller.abort();
    options.signal?.addEventListener('abort', forward, { once: true });
    let tooBig = false;
    const watcher = setInterval(() => {
      if (directorySize(gitDir) > this.options.maxSizeBytes) {
        tooBig = true;
        controller.abort();
      }
    }, this.sizeCheckIntervalMs);
    try {
      await runGit(['fetch', '--progress', '--prune', '--no-tags', '--update-head-ok', checked.url, `+refs/heads/${branch}:refs/heads/${branch}`], {
        ...remote,
        gitDir,
        signal: controller.signal,
        timeoutMs: Math.max(1, timeLeft()),
        onStderr: options.onProgress ? (text) => reportProgress(text, options.onProgress!) : undefined,
      });
    } catch (err) {
      removeTemporaryPacks(gitDir);
      if (tooBig) {
        // Nothing over the limit stays on disk: the next request clones again (and stops again).
        rmSync(gitDir, { recursive: true, force: true });
        throw sizeError(this.options.maxSizeBytes);
      }
      if (options.signal?.aborted) throw err;
      throw classify(err, checked.url, this.options.cloneTimeoutMs);
    } finally {
      clearInterval(watcher);
      options.signal?.removeEventListener('abort', forward);
    }
    if (directorySize(gitDir) > this.options.maxSizeBytes) {
      rmSync(gitDir, { recursive: true, force: true });
      throw sizeError(this.options.maxSizeBytes);
    }
    await runGit(['symbolic-ref', 'HEAD', `refs/heads/${branch}`], { gitDir });
    const headSha = (await runGit(['rev-parse', '--verify', `refs/heads/${branch}^{commit}`], { gitDir })).stdout.toString('utf8').trim();
    const branches = [...listing.matchAll(/^([0-9a-f]{40,64})\trefs\/heads\/(.+)$/gm)].map((m) => ({ name: m[2]!, sha: m[1]! }));
    return { gitDir, url: checked.url, branch, headSha, checked, branches };
  }
}

/** One run of git shared by every caller fetching the same repository and branch at once. */
interface SharedFetch {
  work: Promise<FetchedRepository>;
  /** Stops the run; aborted when the last waiter leaves. */
  controller: AbortController;
  waiters: number;
}

/** Waits for a shared fetch until it settles or `signal` aborts; the last waiter out stops it. */
function waitFor(shared: SharedFetch, signal: AbortSignal | undefined): Promise<FetchedRepository> {
  shared.waiters += 1;
  if (!signal) return shared.work;
  return new Promise<FetchedRepository>((resolve, reject) => {
    const leave = () => {
      shared.waiters -= 1;
      if (shared.waiters === 0) shared.controller.abort(signal.reason);
      reject(signal.reason);
    };
    // The signal may have aborted while the URL was checked, before this wait began.
    if (signal.aborted) {
      leave();
      return;
    }
    signal.addEventListener('abort', leave, { once: true });
    shared.work.then(
      (value) => {
        signal.removeEventListener('abort', leave);
        resolve(value);
      },
      (err: unknown) => {
        signal.removeEventListener('abort', leave);
        reject(err);
      },
    );
  });
}

function sizeError(max: number): RepositoryLimitError {
  return new RepositoryLimitError(`the repository is larger than the limit of ${Math.round(max / (1024 * 1024))} MB on disk (REPOSITORY_MAX_SIZE_MB)`, 'REPOSITORY_MAX_SIZE_MB');
}

/** A git failure as one of this module's errors, by git's own messages. */
function classify(err: unknown, url: string, timeoutMs: number): Error {
  if (!(err instanceof GitError)) return err as Error;
  if (err.stopped === 'timeout') {
    return new RepositoryLimitError(`cloning ${url} took longer than ${Math.round(timeoutMs / 1000)} s (REPOSITORY_CLONE_TIMEOUT_SECONDS)`, 'REPOSITORY_CLONE_TIMEOUT_SECONDS');
  }
  const text = err.stderr;
  if (/repository '.*' not found|Repository not found|HTTP 404|returned error: 404|does not appear to be a git repository|not valid: is this a git repository/i.test(text)) {
    return new RepositoryNotFoundError(`repository ${url} does not exist`);
  }
  if (/could not read Username|Authentication failed|HTTP 401|HTTP 403|returned error: 40[13]|terminal prompts disabled/i.test(text)) {
    return new RepositoryNotFoundError(`repository ${url} does not exist or is not public (it asks for credentials)`);
  }
  if (/Could not resolve host|Failed to connect|Connection refused|timed out|SSL|TLS|certificate|Empty reply|HTTP 5\d\d|returned error: 5\d\d/i.test(text)) {
    return new RepositoryUnavailableError(`could not fetch ${url}: ${lastLine(text)}`);
  }
  if (/redirect/i.test(text)) return new RepositoryUnavailableError(`${url} redirects, and git may not follow redirects: ${lastLine(text)}`);
  return err;
}

/** Bytes of every file under `dir` (what the repository takes on disk, before block rounding). */
export function directorySize(dir: string): number {
  let total = 0;
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return 0;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) total += directorySize(full);
    else if (entry.isFile()) {
      try {
        total += statSync(full).size;
      } catch {
        // removed meanwhile (git renames temporary files)
      }
    }
  }
  return total;
}

/** Git's temporary files of a stopped fetch (objects/pack/tmp_pack_*, incoming packs). */
function removeTemporaryPacks(gitDir: string): void {
  for (const sub of ['objects/pack', 'objects']) {
    const dir = path.join(gitDir, sub);
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      continue;
    }
    for (const name of names) if (/^tmp_|^incoming-/.test(name)) rmSync(path.join(dir, name), { recursive: true, force: true });
  }
}

function reportProgress(text: string, onProgress: (p: FetchProgress) => void): void {
  for (const line of text.split(/\r|\n/)) {
    const m = /^(?:remote: )?([A-Z][A-Za-z ]+):\s+(\d+)%/.exec(line.trim());
    if (m) onProgress({ phase: m[1]!, percent: Number(m[2]) });
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
