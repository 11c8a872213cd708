// A large repository made with `git fast-import` for the benchmarks: `commits` commits over
// `files` files in nested directories, several authors, each commit adding, changing, renaming
// or deleting a few files. Deterministic (a seeded generator), so runs compare.
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface SyntheticRepoOptions {
  dir: string;
  commits: number;
  files: number;
  seed?: number;
}

/** A small deterministic PRNG (mulberry32). */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const EXTENSIONS = ['ts', 'ts', 'ts', 'py', 'py', 'go', 'rs', 'java', 'md', 'json'];
const AUTHORS = Array.from({ length: 40 }, (_, i) => ({ name: `Author ${i}`, email: `author${i}@example.test` }));

/** Creates a bare repository at `dir` (branch main) and answers when fast-import is done. */
export async function makeSyntheticRepo(options: SyntheticRepoOptions): Promise<void> {
  mkdirSync(options.dir, { recursive: true });
  const rnd = random(options.seed ?? 42);
  const init = spawn('git', ['init', '--bare', '--quiet', '--initial-branch=main', options.dir]);
  await new Promise((resolve, reject) => init.on('exit', (code) => (code === 0 ? resolve(undefined) : reject(new Error(`git init: ${code}`)))));
  const child = spawn('git', ['fast-import', '--quiet', '--done'], { cwd: options.dir, env: { ...process.env, GIT_DIR: options.dir }, stdio: ['pipe', 'ignore', 'inherit'] });
  const done = new Promise<void>((resolve, reject) => child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`git fast-import: exit ${code}`)))));
  const out = child.stdin!;
  let buffered: string[] = [];
  let size = 0;
  const write = async (text: string) => {
    buffered.push(text);
    size += text.length;
    if (size > 1 << 20) await flush();
  };
  const flush = async () => {
    const chunk = buffered.join('');
    buffered = [];
    size = 0;
    if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
  };

  const live: string[] = [];
  let nextFile = 0;
  const newPath = () => {
    const n = nextFile++;
    return `src/m${n % 20}/p${Math.floor(n / 20) % 25}/file${n}.${EXTENSIONS[n % EXTENSIONS.length]}`;
  };
  const content = (path: string, version: number) => {
    const lines = 5 + Math.floor(rnd() * 60);
    const body = Array.from({ length: lines }, (_, i) => `// ${path} v${version} line ${i} ${Math.floor(rnd() * 1e6)}`).join('\n');
    return `${body}\n`;
  };
  let time = 1_500_000_000;
  for (let c = 0; c < options.commits; c++) {
    const author = AUTHORS[Math.floor(rnd() * AUTHORS.length)]!;
    time += 60 + Math.floor(rnd() * 3600);
    const ops: string[] = [];
    const changes = 1 + Math.floor(rnd() * 4);
    for (let k = 0; k < changes; k++) {
      const r = rnd();
      if (live.length < options.files && (r < 0.35 || live.length === 0)) {
        const p = newPath();
        live.push(p);
        const data = content(p, c);
        ops.push(`M 100644 inline ${p}\ndata ${Buffer.byteLength(data)}\n${data}\n`);
      } else if (r < 0.9 || live.length < 10) {
        const p = live[Math.floor(rnd() * live.length)]!;
        const data = content(p, c);
        ops.push(`M 100644 inline ${p}\ndata ${Buffer.byteLength(data)}\n${data}\n`);
      } else if (r < 0.95) {
        const i = Math.floor(rnd() * live.length);
        const from = live[i]!;
        const to = newPath();
        live[i] = to;
        ops.push(`R ${from} ${to}\n`);
      } else {
        const i = Math.floor(rnd() * live.length);
        ops.push(`D ${live[i]!}\n`);
        live.splice(i, 1);
      }
    }
    const message = `Change ${c}: ${changes} file(s)`;
    await write(
      `commit refs/heads/main\nmark :${c + 1}\nauthor ${author.name} <${author.email}> ${time} +0000\ncommitter ${author.name} <${author.email}> ${time} +0000\n` +
        `data ${Buffer.byteLength(message)}\n${message}\n${c > 0 ? `from :${c}\n` : ''}${ops.join('')}\n`,
    );
  }
  await write('done\n');
  await flush();
  out.end();
  await done;
}
