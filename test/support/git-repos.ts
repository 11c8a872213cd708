// Repositories made by tests with the git CLI: commits with chosen authors and dates.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BASE_ENV = {
  PATH: process.env.PATH,
  HOME: os.tmpdir(),
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
  LANG: 'C',
  TZ: 'UTC',
};

/** Runs git in `dir` and answers its standard output (trimmed). @throws when git fails */
export function git(dir: string, args: string[], env: Record<string, string> = {}): string {
  return execFileSync('git', args, { cwd: dir, env: { ...BASE_ENV, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).trim();
}

export interface Author {
  name: string;
  email: string;
}

/** A working repository in a temporary folder, with helpers to commit as someone at some time. */
export class WorkRepo {
  readonly dir: string;
  private clock: number;

  /** `start`: the first commit's time (unix seconds). */
  constructor(options: { branch?: string; start?: number } = {}) {
    this.dir = mkdtempSync(path.join(os.tmpdir(), 'codex-repo-'));
    this.clock = options.start ?? 1_700_000_000;
    git(this.dir, ['init', '--quiet', `--initial-branch=${options.branch ?? 'main'}`]);
  }

  /** Writes files (path → content; null deletes). */
  write(files: Record<string, string | Buffer | null>): void {
    for (const [file, content] of Object.entries(files)) {
      const full = path.join(this.dir, file);
      if (content === null) rmSync(full, { force: true });
      else {
        mkdirSync(path.dirname(full), { recursive: true });
        writeFileSync(full, content);
      }
    }
  }

  /** Stages everything and commits as `author`, one hour after the previous commit. Answers the sha. */
  commit(message: string, author: Author, files: Record<string, string | Buffer | null> = {}): string {
    this.write(files);
    git(this.dir, ['add', '-A']);
    return this.commitStaged(message, author);
  }

  /** Commits what is staged (e.g. after `git mv`). */
  commitStaged(message: string, author: Author, extraArgs: string[] = []): string {
    this.clock += 3600;
    const date = `${this.clock} +0000`;
    git(this.dir, ['commit', '--quiet', '--allow-empty', '-m', message, ...extraArgs], {
      GIT_AUTHOR_NAME: author.name,
      GIT_AUTHOR_EMAIL: author.email,
      GIT_AUTHOR_DATE: date,
      GIT_COMMITTER_NAME: author.name,
      GIT_COMMITTER_EMAIL: author.email,
      GIT_COMMITTER_DATE: date,
    });
    return git(this.dir, ['rev-parse', 'HEAD']);
  }

  /** Runs git here. */
  git(args: string[], env: Record<string, string> = {}): string {
    return git(this.dir, args, env);
  }

  /** Publishes the repository as `<root>/<name>.git` (a bare copy, ready for http-backend). */
  publish(root: string, name: string): string {
    const target = path.join(root, `${name}.git`);
    rmSync(target, { recursive: true, force: true });
    git(root, ['clone', '--quiet', '--bare', '--no-local', this.dir, target]);
    git(target, ['update-server-info']);
    return target;
  }

  /** Pushes every branch to the published copy made by `publish`. */
  push(target: string): void {
    git(this.dir, ['push', '--quiet', '--force', target, '--all']);
    git(target, ['update-server-info']);
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
