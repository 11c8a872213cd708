import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

/** Files larger than this are left out of a request (bytes): the agents read text, and bodies have a limit. */
export const MAX_FILE_BYTES = 1024 * 1024;
/** Folders never sent. */
const SKIPPED = ['**/node_modules/**', '**/.git/**', '**/dist/**', '**/build/**', '**/.venv/**', '**/__pycache__/**'];

/**
 * The files `args` name, read for `context.files`: a file, a folder (everything under it but
 * SKIPPED), or a glob (`src/**\/*.ts`, by tinyglobby). Paths are relative to `cwd` (outside it: to
 * the folder named, or the named file's folder), with `/`.
 * Binary files (a NUL byte) and files over MAX_FILE_BYTES are left out and named in `skipped`.
 * @throws Error when an argument names nothing.
 */
export async function collectFiles(args: string[], cwd = process.cwd()): Promise<{ files: { path: string; content: string }[]; skipped: string[] }> {
  // Absolute path → the name it is sent under: relative to `cwd` when inside it, else to the
  // folder the argument names (or the named file's folder), never with `..`.
  const paths = new Map<string, string>();
  for (const arg of args) {
    const full = path.resolve(cwd, arg);
    const info = await stat(full).catch(() => undefined);
    let found: string[];
    let base: string;
    if (info?.isFile()) {
      found = [full];
      base = path.dirname(full);
    } else if (info?.isDirectory()) {
      found = await glob('**/*', { cwd: full, absolute: true, dot: true, ignore: SKIPPED, onlyFiles: true });
      base = full;
    } else if (isDynamicPattern(arg)) {
      found = await glob(arg, { cwd, absolute: true, dot: true, ignore: SKIPPED, onlyFiles: true });
      base = cwd;
    } else {
      throw new Error(`${arg}: no such file or folder`);
    }
    if (found.length === 0) throw new Error(`${arg}: matches no file`);
    for (const f of found) {
      const inCwd = path.relative(cwd, f);
      const rel = inCwd.startsWith('..') || path.isAbsolute(inCwd) ? path.relative(base, f) : inCwd;
      paths.set(f, rel.split(path.sep).join('/'));
    }
  }
  const files: { path: string; content: string }[] = [];
  const skipped: string[] = [];
  for (const [full, rel] of [...paths].sort((a, b) => a[1].localeCompare(b[1]))) {
    const bytes = await readFile(full);
    if (bytes.length > MAX_FILE_BYTES || bytes.subarray(0, 8000).includes(0)) {
      skipped.push(rel);
      continue;
    }
    files.push({ path: rel, content: bytes.toString('utf8') });
  }
  return { files, skipped };
}
