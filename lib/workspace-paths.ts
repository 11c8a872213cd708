import path from 'node:path';

/**
 * Why `rel` cannot be a file of a repository checkout, or undefined when it can: a path relative
 * to the checkout's root that stays inside it (no absolute path, no `..` out of it) and names no
 * `.git` folder at any depth, in any case (git itself refuses those: `verify_path` in git's
 * read-cache.c). Backslashes count as separators, as on Windows.
 */
export function workspacePathProblem(rel: string): string | undefined {
  if (rel.length === 0) return 'must not be empty';
  const normal = path.posix.normalize(rel.replace(/\\/g, '/'));
  if (path.posix.isAbsolute(normal) || /^[A-Za-z]:/.test(normal)) return 'must be relative to the repository root';
  if (normal === '..' || normal.startsWith('../')) return 'must stay inside the repository (no ..)';
  if (normal === '.' || normal.endsWith('/')) return 'must name a file';
  if (normal.split('/').some((part) => part.toLowerCase() === '.git')) return 'must not be inside a .git folder';
  return undefined;
}
