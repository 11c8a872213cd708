/**
 * A repository checkout an agent works in (`spec.workspace`): the executor leaves the commit
 * `base_sha` checked out at `path` (the local executor from the worker's clone cache, the
 * Kubernetes executor with an init container into an `emptyDir`). Here the agent lays the
 * request's files and the tree a previous agent left (`base_patch`) over it, reads the files
 * git tracks or would track (`.gitignore` respected) within size limits, writes what it
 * generates, and hands back everything changed as one unified diff against `base_sha`.
 */
import { promises as fs, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { workspacePathProblem } from '../lib/workspace-paths';
import { runGit } from '../repositories/git';
import type { GeneratedFile } from './protocol';

/** Limits on what an agent reads from a checkout. */
export interface WorkspaceReadLimits {
  /** Files read at most (the rest are skipped, and the summary says so). Default 20,000. */
  maxFiles: number;
  /** A file larger than this is skipped (bytes). Default 1 MiB. */
  maxFileBytes: number;
  /** Bytes read at most over all files (one at a time: they are not held together). Default 256 MiB. */
  maxTotalBytes: number;
}

export const DEFAULT_WORKSPACE_LIMITS: WorkspaceReadLimits = { maxFiles: 20_000, maxFileBytes: 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

/** Thrown when the workspace cannot be prepared as the spec asks (a path outside it, a patch that does not apply). */
export class WorkspaceError extends Error {
  override readonly name = 'WorkspaceError';
}

/** What there is to read: the files (each read when asked for), and what the limits left out. */
export interface WorkspaceFiles {
  files: { path: string; size: number; read(): string }[];
  skipped: { binary: number; tooLarge: number; overLimit: number };
}

/** The change an agent leaves: the diff against the base commit, and its own part of it. */
export interface WorkspaceChange {
  /**
   * `git diff --binary` of the whole tree against `base_sha` (empty when nothing changed): the
   * request's files and a previous agent's changes included, so it applies to that commit.
   */
  patch: string;
  /** Paths the patch adds, modifies, deletes or renames (new names), sorted. */
  files: string[];
  /** Paths this agent itself changed: against the tree it started from (`startTree`). */
  ownFiles: string[];
  /** Test cases this agent itself added to test files (a line that opens a test: `it(`, `def test_`, `func Test`, `#[test]`…). */
  ownTestsAdded: number;
}

/**
 * The tree the agent starts from (after `prepareWorkspace`), as git's tree ID: everything
 * staged (`git add -A`) and written, so the agent's own changes can be told apart later.
 */
export async function startTree(root: string): Promise<string> {
  await runGit(['add', '-A'], { cwd: root });
  return (await runGit(['write-tree'], { cwd: root })).stdout.toString('utf8').trim();
}

/** `rel` inside `root`, or a WorkspaceError: no absolute paths, no `..`, nothing under `.git` (`workspacePathProblem`). */
export function insideWorkspace(root: string, rel: string): string {
  const problem = workspacePathProblem(rel);
  if (problem) throw new WorkspaceError(`The path ${JSON.stringify(rel)} is outside the repository checkout: it ${problem}`);
  return path.join(root, path.posix.normalize(rel.replace(/\\/g, '/')));
}

/**
 * Lays the request's files over the checkout and applies `basePatch` (a previous agent's diff
 * against the same base commit) first, so the agent starts from the tree it left.
 * @throws WorkspaceError when a path leaves the checkout or the patch does not apply.
 */
export async function prepareWorkspace(root: string, overlay: readonly { path: string; content: string }[], basePatch?: string): Promise<void> {
  if (basePatch) {
    try {
      await runGit(['apply', '--whitespace=nowarn', '--binary', '-'], { cwd: root, input: basePatch });
    } catch (err) {
      throw new WorkspaceError(`The previous agent's patch does not apply to the checkout: ${(err as Error).message}`);
    }
  }
  for (const file of overlay) await writeInside(root, file.path, file.content);
}

/**
 * Writes `content` to the checkout's file `rel`, never through a symbolic link: a repository
 * may hold links to anywhere (`tests -> /root/.ssh`), and following one would write outside the
 * checkout. Each folder on the way is made or checked with lstat (a link or a file there is an
 * error), and the file is opened with O_NOFOLLOW (a link in its place fails, ELOOP).
 * @throws WorkspaceError for a path outside the checkout, through a link, or over a folder.
 */
export async function writeInside(root: string, rel: string, content: string): Promise<void> {
  const target = insideWorkspace(root, rel);
  const parts = path.relative(root, target).split(path.sep);
  let dir = root;
  for (const part of parts.slice(0, -1)) {
    dir = path.join(dir, part);
    const stat = await fs.lstat(dir).catch(() => undefined);
    if (!stat) await fs.mkdir(dir);
    else if (stat.isSymbolicLink()) throw new WorkspaceError(`Cannot write ${rel}: ${path.relative(root, dir)} is a symbolic link in the repository, and links are not followed`);
    else if (!stat.isDirectory()) throw new WorkspaceError(`Cannot write ${rel}: ${path.relative(root, dir)} is a file, not a folder`);
  }
  const existing = await fs.lstat(target).catch(() => undefined);
  if (existing?.isSymbolicLink()) throw new WorkspaceError(`Cannot write ${rel}: it is a symbolic link in the repository, and links are not followed`);
  if (existing?.isDirectory()) throw new WorkspaceError(`Cannot write ${rel}: it is a folder in the repository`);
  const { O_WRONLY, O_CREAT, O_TRUNC, O_NOFOLLOW } = fs.constants;
  const handle = await fs.open(target, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644);
  try {
    await handle.writeFile(content);
  } finally {
    await handle.close();
  }
}

/**
 * The files of the checkout an agent analyses: what `git ls-files --cached --others
 * --exclude-standard` lists (tracked and new files, `.gitignore` respected), text only, within
 * `limits`, in git's order.
 */
export async function readWorkspace(root: string, limits: WorkspaceReadLimits = DEFAULT_WORKSPACE_LIMITS): Promise<WorkspaceFiles> {
  const listed = await runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
  const paths = [...new Set(listed.stdout.toString('utf8').split('\0').filter(Boolean))];
  const files: WorkspaceFiles['files'] = [];
  const skipped = { binary: 0, tooLarge: 0, overLimit: 0 };
  let total = 0;
  for (const rel of paths) {
    if (files.length >= limits.maxFiles) {
      skipped.overLimit += 1;
      continue;
    }
    const full = path.join(root, rel);
    const stat = await fs.lstat(full).catch(() => undefined);
    // Deleted in the overlay, a symbolic link (its target may lie outside), a submodule: not read.
    if (!stat?.isFile()) continue;
    if (stat.size > limits.maxFileBytes) {
      skipped.tooLarge += 1;
      continue;
    }
    if (total + stat.size > limits.maxTotalBytes) {
      skipped.overLimit += 1;
      continue;
    }
    // git's own test for binary content: a NUL in the first 8,000 bytes. Only the head is read
    // here; the whole file is read when an agent gets to it.
    const head = await readHead(full, 8000);
    if (head.includes(0)) {
      skipped.binary += 1;
      continue;
    }
    total += stat.size;
    files.push({ path: rel, size: stat.size, read: () => readFileSync(full, 'utf8') });
  }
  return { files, skipped };
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await fs.open(file, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Writes an agent's generated files into the checkout (`writeInside`). @throws WorkspaceError for a path outside it or through a link. */
export async function writeGenerated(root: string, generated: readonly GeneratedFile[]): Promise<void> {
  for (const file of generated) await writeInside(root, file.path, file.content);
}

/** A line that opens a test case, in the test frameworks the built-in agents write for. */
const TEST_CASE = /^\s*(?:(?:it|test)(?:\.\w+)?\s*\(|def\s+test_\w*\s*\(|(?:async\s+)?fn\s+test_\w*|func\s+Test\w*\s*\(|#\[(?:tokio::)?test\]|@Test\b)/;
/** A path that holds tests, by the usual conventions of each ecosystem. */
const TEST_PATH = /(^|\/)(tests?|__tests__|spec)\/|(\.|_)(test|spec)\.[a-z]+$|(^|\/)test_[^/]+\.py$|_test\.go$/;

/** Whether `file` is a test file by its path. */
export function isTestPath(file: string): boolean {
  return TEST_PATH.test(file);
}

/**
 * Stages everything (`git add -A`, `.gitignore` respected, but the files in `written` always)
 * and answers the diff of the whole
 * tree against `baseSha` with the files it touches, and what changed since `start` (the tree
 * the agent started from): its own files and test cases.
 */
export async function workspaceChange(root: string, baseSha: string, start: string, written: readonly string[] = []): Promise<WorkspaceChange> {
  await runGit(['add', '-A'], { cwd: root });
  // What the agent wrote is its work even where .gitignore would leave it out (a `tests/` rule).
  if (written.length) await runGit(['add', '-f', '--', ...written.map((p) => path.posix.normalize(p.replace(/\\/g, '/')))], { cwd: root });
  const diff = (against: string, extra: string[]) =>
    runGit(['diff', '--cached', '--no-color', '--no-ext-diff', '--find-renames', ...extra, against], { cwd: root, maxOutputBytes: 256 * 1024 * 1024 });
  const names = (r: Awaited<ReturnType<typeof runGit>>) => r.stdout.toString('utf8').split('\0').filter(Boolean).sort();
  const [whole, wholeNames, own, ownNames] = await Promise.all([diff(baseSha, ['--binary']), diff(baseSha, ['--name-only', '-z']), diff(start, []), diff(start, ['--name-only', '-z'])]);
  return { patch: whole.stdout.toString('utf8'), files: names(wholeNames), ownFiles: names(ownNames), ownTestsAdded: countAddedTests(own.stdout.toString('utf8')) };
}

/**
 * The change `generated` makes to the files a request sent (`base`), for an agent that worked
 * without a repository: the same diff a checkout gives (`workspaceChange`), made in a scratch git
 * repository that holds only those files and is removed after. `git apply` takes the patch in
 * the folder the files came from. Undefined when a path cannot be laid out as a file tree.
 */
export async function scratchChange(base: readonly { path: string; content: string }[], generated: readonly GeneratedFile[]): Promise<WorkspaceChange | undefined> {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), 'codex-scratch-'));
  try {
    await runGit(['init', '--quiet'], { cwd: root });
    for (const file of base) await writeInside(root, file.path, file.content);
    const start = await startTree(root);
    await writeGenerated(root, generated);
    return await workspaceChange(root, start, start, generated.map((f) => f.path));
  } catch (err) {
    if (err instanceof WorkspaceError) return undefined;
    throw err;
  } finally {
    await fs.rm(root, { recursive: true, force: true });
  }
}

/** Test cases a unified diff adds: `+` lines that open a test, in files whose path says they hold tests. */
export function countAddedTests(patch: string): number {
  let inTestFile = false;
  let count = 0;
  for (const line of patch.split('\n')) {
    if (line.startsWith('+++ ')) {
      const target = line.slice(4).replace(/^b\//, '');
      inTestFile = target !== '/dev/null' && isTestPath(target);
    } else if (inTestFile && line.startsWith('+') && TEST_CASE.test(line.slice(1))) {
      count += 1;
    }
  }
  return count;
}
