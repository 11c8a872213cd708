/**
 * How fast `security_expert` reads a large repository: a 10,000-file tree of real code found on
 * this machine (CPython's standard library, Go's own sources, JavaScript and TypeScript under
 * node_modules, the JDK's sources from src.zip, and the corpus's Rust), about a million lines,
 * run through the agent itself (`AgentRunner` on a workspace checkout, as a task with a
 * repository runs it). Prints files, lines, seconds, lines per second and the peak resident
 * memory. Target (issue 15): under 60 s, with memory bounded because files are read one at a
 * time and each file's syntax tree is dropped once it is analysed.
 *
 *   npx tsx bench/security-speed.bench.ts [--files 10000] [--dir /tmp/codex-bench-repo]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { AgentRunner } from '../agents/agent-runner';
import { agentSpecSchema } from '../agents/protocol';
import { getAgent } from '../agents/registry';

const argv = process.argv.slice(2);
const option = (flag: string, fallback: string) => {
  const i = argv.indexOf(flag);
  return i === -1 ? fallback : (argv[i + 1] ?? fallback);
};
const WANTED = Number(option('--files', '10000'));
const DIR = option('--dir', '/tmp/codex-bench-repo');

/** Where real code of each language lives on this kind of machine. */
function sources(): { language: string; root: string; ext: RegExp }[] {
  const python = path.dirname(execFileSync('python3', ['-c', 'import os; print(os.__file__)'], { encoding: 'utf8' }).trim());
  const goroot = execFileSync('go', ['env', 'GOROOT'], { encoding: 'utf8' }).trim();
  return [
    { language: 'python', root: python, ext: /\.py$/ },
    { language: 'go', root: path.join(goroot, 'src'), ext: /\.go$/ },
    { language: 'javascript', root: path.join(__dirname, '..', 'node_modules'), ext: /\.(?:js|mjs|cjs)$/ },
    { language: 'typescript', root: path.join(__dirname, '..', 'node_modules'), ext: /(?<!\.d)\.ts$/ },
    { language: 'rust', root: path.join(__dirname, 'security-corpus', 'rust'), ext: /\.rs$/ },
  ];
}

function* walkFiles(root: string, ext: RegExp): Generator<string> {
  const stack = [root];
  while (stack.length) {
    const dir = stack.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!/^(?:testdata|\.git|__pycache__|\.bin)$/.test(e.name)) stack.push(full);
      } else if (e.isFile() && ext.test(e.name)) yield full;
    }
  }
}

/** Builds the repository once (kept in DIR): real files of 20–250 lines, round-robin over languages. */
function buildRepository(): void {
  const marker = `${DIR}.complete`;
  if (existsSync(marker) && readFileSync(marker, 'utf8') === String(WANTED)) return;
  rmSync(DIR, { recursive: true, force: true });
  mkdirSync(DIR, { recursive: true });
  const iterators = sources().map((s) => ({ ...s, files: walkFiles(s.root, s.ext), done: false }));
  // The JDK's own sources, unpacked once.
  const jdkSrc = existsSync('/usr/lib/jvm') ? readdirSync('/usr/lib/jvm').map((d) => path.join('/usr/lib/jvm', d, 'lib', 'src.zip')).find((f) => existsSync(f)) : undefined;
  const javaDir = `${DIR}-jdk`;
  if (jdkSrc) {
    if (!existsSync(javaDir)) execFileSync('unzip', ['-q', '-o', jdkSrc, 'java.base/java/util/*', 'java.base/java/io/*', 'java.base/java/net/*', 'java.sql/*', 'java.xml/*', '-d', javaDir]);
    iterators.push({ language: 'java', root: javaDir, ext: /\.java$/, files: walkFiles(javaDir, /\.java$/), done: false });
  }
  let count = 0;
  while (count < WANTED && iterators.some((i) => !i.done)) {
    for (const it of iterators) {
      if (it.done || count >= WANTED) continue;
      const next = it.files.next();
      if (next.done) {
        it.done = true;
        continue;
      }
      const size = statSync(next.value).size;
      if (size > 64 * 1024) continue;
      const text = readFileSync(next.value, 'utf8');
      const lines = text.split('\n').length;
      // Files of ordinary size (the corpus's short Rust cases excepted): about a million lines in all.
      if ((lines < 20 || lines > 250) && it.language !== 'rust') continue;
      const target = path.join(DIR, it.language, `${String(count).padStart(5, '0')}-${path.basename(next.value)}`);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, text);
      count += 1;
    }
  }
  writeFileSync(marker, String(WANTED));
}

async function main(): Promise<void> {
  buildRepository();
  execFileSync('git', ['init', '-q'], { cwd: DIR });
  execFileSync('git', ['add', '-A'], { cwd: DIR });
  execFileSync('git', ['-c', 'user.email=bench@example.com', '-c', 'user.name=bench', 'commit', '-q', '--allow-empty', '-m', 'bench'], { cwd: DIR });
  const baseSha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: DIR, encoding: 'utf8' }).trim();
  const byLanguage = new Map<string, { files: number; lines: number }>();
  for (const language of readdirSync(DIR)) {
    const dir = path.join(DIR, language);
    if (language.startsWith('.') || !statSync(dir).isDirectory()) continue;
    const entry = { files: 0, lines: 0 };
    for (const f of readdirSync(dir)) {
      entry.files += 1;
      entry.lines += readFileSync(path.join(dir, f), 'utf8').split('\n').length;
    }
    byLanguage.set(language, entry);
  }
  const files = [...byLanguage.values()].reduce((n, e) => n + e.files, 0);
  const lines = [...byLanguage.values()].reduce((n, e) => n + e.lines, 0);
  console.log(`repository: ${DIR}: ${files} files, ${lines.toLocaleString('en')} lines (${[...byLanguage].map(([l, e]) => `${l} ${e.files}`).join(', ')})`);

  const spec = agentSpecSchema.parse({
    task_id: 'bench',
    agent_type: 'security_expert',
    task: 'Find vulnerabilities',
    workspace: { path: DIR, base_sha: baseSha },
  });
  let peakRss = 0;
  const sampler = setInterval(() => {
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }, 100);
  const started = performance.now();
  const runner = new AgentRunner(spec, getAgent('security_expert')!, { emit: () => undefined });
  const final = await runner.run();
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  if (final.type !== 'result') {
    console.log(`the agent failed: ${JSON.stringify(final).slice(0, 500)}`);
    process.exitCode = 1;
    return;
  }
  const result = final.result;
  console.log(`security_expert: ${seconds.toFixed(1)} s, ${Math.round(lines / seconds).toLocaleString('en')} lines/s, peak RSS ${(peakRss / 1024 / 1024).toFixed(0)} MiB, ${result.findings.length} findings, files read ${result.workspace?.files_read ?? '?'} (skipped ${result.workspace?.files_skipped ?? '?'})`);
  console.log(`summary: ${result.summary}`);
}

void main();
