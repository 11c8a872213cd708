/**
 * Which agents' patches conflict, when several agents changed the same checkout independently
 * (a `parallel` orchestration on a repository). Patches are read with parse-diff.
 */
import parseDiff from 'parse-diff';

/** One agent's patch, against the same base commit as the others. */
export interface AgentPatch {
  taskId: string;
  patch: string;
}

/** Two agents' patches that cannot both be applied to the base: the files where they collide. */
export interface PatchConflict {
  task_ids: [string, string];
  files: string[];
}

/** Lines of context `git apply` wants around a hunk: hunks this close to each other collide. */
const CONTEXT_LINES = 3;

interface FileChange {
  /** The file's path in the base (its old name, or its new one for a file the patch adds). */
  path: string;
  /** Added, deleted, renamed, mode or binary changes: any other change to the file collides. */
  whole: boolean;
  /** Old-side line ranges the hunks change, [start, end] inclusive. */
  ranges: [number, number][];
}

function fileChanges(patch: string): FileChange[] {
  return parseDiff(patch).map((f) => {
    const from = f.from && f.from !== '/dev/null' ? f.from : undefined;
    const to = f.to && f.to !== '/dev/null' ? f.to : undefined;
    const path = from ?? to ?? '';
    const whole = Boolean(f.new || f.deleted || (from && to && from !== to) || f.chunks.length === 0);
    const ranges = f.chunks.map((c): [number, number] => [c.oldStart, c.oldStart + Math.max(0, c.oldLines - 1)]);
    return { path, whole, ranges };
  });
}

function collide(a: FileChange, b: FileChange): boolean {
  if (a.whole || b.whole) return true;
  return a.ranges.some(([s1, e1]) => b.ranges.some(([s2, e2]) => s1 <= e2 + CONTEXT_LINES && s2 <= e1 + CONTEXT_LINES));
}

/**
 * Every pair of patches that collide: both change a file where one adds, deletes or renames it
 * (or changes it as binary), or where their hunks overlap or lie within three lines of each
 * other (git apply's context). Pairs in the order given; files sorted.
 */
export function patchConflicts(patches: readonly AgentPatch[]): PatchConflict[] {
  const parsed = patches.map((p) => ({ taskId: p.taskId, files: new Map(fileChanges(p.patch).map((f) => [f.path, f])) }));
  const conflicts: PatchConflict[] = [];
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      const a = parsed[i]!;
      const b = parsed[j]!;
      const files = [...a.files.values()].filter((fa) => {
        const fb = b.files.get(fa.path);
        return fb !== undefined && collide(fa, fb);
      });
      if (files.length) conflicts.push({ task_ids: [a.taskId, b.taskId], files: files.map((f) => f.path).sort() });
    }
  }
  return conflicts;
}
