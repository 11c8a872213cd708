// Whether dist/ was built from the sources as they are: a hash of every file the build reads,
// written into dist/ by `npm run build` and compared by `npm start`, which then skips a build
// that would change nothing (about 25 s).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Folders whose TypeScript the build compiles (tsconfig.build.json), and the files that steer it. */
const SOURCE_DIRS = ['activities', 'agents', 'api', 'config', 'db', 'executors', 'lib', 'repositories', 'workers', 'workflows', 'web'];
const SOURCE_FILES = ['tsconfig.json', 'tsconfig.build.json', 'package-lock.json', 'scripts/build-web.mjs'];
const STAMP = path.join('dist', '.build-stamp');

function listSources(root) {
  const files = [...SOURCE_FILES.filter((f) => existsSync(path.join(root, f)))];
  for (const dir of SOURCE_DIRS) {
    if (!existsSync(path.join(root, dir))) continue;
    for (const entry of readdirSync(path.join(root, dir), { recursive: true })) {
      const file = path.join(dir, String(entry));
      if (/\.(ts|json|mjs|js|css|html)$/.test(file) && !/\.test\.ts$/.test(file)) files.push(file);
    }
  }
  return files.sort();
}

/** SHA-256 over the build's inputs: their paths and contents. */
export function sourceStamp(root) {
  const hash = createHash('sha256');
  for (const file of listSources(root)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** True when dist/ holds a build of exactly these sources. */
export function buildIsCurrent(root) {
  const stampFile = path.join(root, STAMP);
  return existsSync(stampFile) && readFileSync(stampFile, 'utf8').trim() === sourceStamp(root);
}

/** Records that dist/ now holds a build of these sources (called at the end of `npm run build`). */
export function writeBuildStamp(root) {
  writeFileSync(path.join(root, STAMP), `${sourceStamp(root)}\n`);
}
