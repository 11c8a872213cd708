// What a repository's branch holds and how it came to be, read with the git CLI from a bare
// repository (the cache's): figures equal to git's own, languages as GitHub's linguist counts them.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load as loadYaml } from 'js-yaml';
import linguist from 'linguist-js';
import { runGit, type RunGitOptions } from './git';

/** One file or directory of the branch's head, for the 3D page. */
export interface TreeNode {
  /** Path from the repository's root; `""` for the root directory. */
  path: string;
  name: string;
  type: 'directory' | 'file';
  /** Bytes (a directory: of every file under it). */
  bytes: number;
  /** Lines of a text file (git's own count: `git diff --numstat` from the empty tree); null for binary files. A directory: the sum. */
  lines: number | null;
  /** Linguist's language of a file (its group, as GitHub's language bar); null when none or excluded. */
  language: string | null;
  /** The oldest and newest commit read that touched it (after renames); null if not in the history read. */
  first_commit: string | null;
  last_commit: string | null;
}

/** One change of a commit, as `git log --raw -M` reports it. */
export interface FileChange {
  /** A added, M modified, D deleted, R renamed (T type changed and C copied read as M and A). */
  status: 'A' | 'M' | 'D' | 'R';
  path: string;
  /** The path before a rename. */
  from?: string;
}

/** One commit, with the figures of `git log --numstat`. */
export interface CommitRecord {
  sha: string;
  parents: string[];
  /** Author after .mailmap (`%aN`, `%aE`). */
  author_name: string;
  author_email: string;
  /** Author time, unix seconds. */
  timestamp: number;
  /** The subject line. */
  message: string;
  /** Numstat's figures: files changed, lines added and removed (binary files count 0 lines). */
  files_changed: number;
  insertions: number;
  deletions: number;
  changes: FileChange[];
}

export interface Contributor {
  name: string;
  email: string;
  commits: number;
}

export interface RepositoryStats {
  /** `git rev-list --count <branch>`. */
  total_commits: number;
  /** Entries of `git ls-tree -r <branch>`. */
  total_files: number;
  /** Lines of `git shortlog -se <branch>` (distinct authors after .mailmap). */
  total_contributors: number;
  /** Lines of the text files at the head (binary files excluded). */
  lines_of_code: number;
  /** Percent of bytes per language, linguist's rules, one decimal, summing to 100 (empty when none). */
  languages: Record<string, number>;
}

export interface RepositoryAnalysis {
  branch: string;
  head_sha: string;
  stats: RepositoryStats;
  /** Commits read, newest first (at most `maxCommits`). */
  commits: CommitRecord[];
  /** True when `maxCommits` cut the history (`commits.length < stats.total_commits`). */
  truncated: boolean;
  /** Directories and files of the head. */
  nodes: TreeNode[];
  contributors: Contributor[];
  /** Linguist's colour of each language found (`#rrggbb`), as GitHub's language bar draws them. */
  language_colors: Record<string, string>;
}

export interface AnalyseOptions {
  gitDir: string;
  /** Branch name (refs/heads/<branch> must exist in gitDir). */
  branch: string;
  /** Most commits read into `commits` (the newest ones). */
  maxCommits: number;
  signal?: AbortSignal;
  /** Called between steps, for heartbeats and progress messages. */
  onProgress?: (message: string) => void;
  /** Time limit of each git command (ms). */
  timeoutMs?: number;
}

/** Bytes of a file's start given to linguist's heuristics (they read the first lines). */
const CONTENT_SAMPLE_BYTES = 64 * 1024;

/**
 * Reads the branch: its figures, its files and directories, its commits (newest first, at most
 * `maxCommits`, each with its changes) and its contributors.
 * @throws GitError when git fails (a missing branch, a stop by `signal` or time limit)
 */
export async function analyseRepository(options: AnalyseOptions): Promise<RepositoryAnalysis> {
  const { gitDir, branch } = options;
  const ref = `refs/heads/${branch}`;
  const git = (args: string[], extra: RunGitOptions = {}) => runGit(args, { gitDir, signal: options.signal, timeoutMs: options.timeoutMs, maxOutputBytes: 1024 * 1024 * 1024, ...extra });
  const text = async (args: string[], extra: RunGitOptions = {}) => (await git(args, extra)).stdout.toString('utf8');

  const head = (await text(['rev-parse', '--verify', `${ref}^{commit}`])).trim();
  // The branch's own .mailmap (a bare repository has no work tree to read it from).
  const mailmap: RunGitOptions = { config: [['mailmap.blob', `${head}:.mailmap`]] };

  // Three independent reads at once: git works in its own processes while this one classifies
  // languages, so on more than one core the history's log costs little more than alone.
  const counting = (async () => {
    options.onProgress?.('Counting commits and contributors');
    const totalCommits = Number((await text(['rev-list', '--count', head])).trim());
    const shortlog = (await text(['shortlog', '-s', '-e', '-n', head], mailmap)).split('\n').filter((l) => l.trim());
    return { totalCommits, contributors: shortlog.map(parseShortlogLine) };
  })();
  const reading = (async () => {
    options.onProgress?.('Reading the tree');
    const entries = parseLsTree(await git(['ls-tree', '-r', '-l', '-z', head]).then((r) => r.stdout));
    const lines = parseNumstatTree(await git(['diff', '--numstat', '-z', '--no-renames', await emptyTree(git), head]).then((r) => r.stdout));
    options.onProgress?.('Detecting languages');
    const textBlobs = entries.filter((e) => e.type === 'blob' && e.mode !== '120000' && lines.get(e.path) !== null && lines.has(e.path));
    const { languageOf, colours } = await classifyLanguages(textBlobs, git);
    const languageBytes = new Map<string, number>();
    for (const entry of textBlobs) {
      const language = languageOf.get(entry.path);
      if (language) languageBytes.set(language, (languageBytes.get(language) ?? 0) + entry.size);
    }
    return { entries, lines, languageOf, colours, languageBytes };
  })();
  const history = (async () => {
    options.onProgress?.(`Reading history (up to ${options.maxCommits} commits)`);
    const commits: CommitRecord[] = [];
    const parser = new LogParser((c) => commits.push(c));
    await git(
      ['log', '-z', '--raw', '--numstat', '-M', '--no-abbrev', `--max-count=${options.maxCommits}`, '--format=%x1e%H%x1f%P%x1f%aN%x1f%aE%x1f%at%x1f%s', head, '--'],
      { ...mailmap, onStdout: (chunk) => parser.push(chunk) },
    );
    parser.end();
    return commits;
  })();
  // All settle before any error is thrown: no git left running behind a failure.
  const settled = await Promise.allSettled([counting, reading, history]);
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  const [{ totalCommits, contributors }, { entries, lines, languageOf, colours, languageBytes }, commits] = await Promise.all([counting, reading, history]);

  let linesOfCode = 0;
  for (const entry of entries) {
    const n = lines.get(entry.path);
    if (entry.type === 'blob' && typeof n === 'number') linesOfCode += n;
  }

  const nodes = buildNodes(entries, lines, languageOf, commits);
  return {
    branch,
    head_sha: head,
    stats: {
      total_commits: totalCommits,
      total_files: entries.length,
      total_contributors: contributors.length,
      lines_of_code: linesOfCode,
      languages: percentages(languageBytes),
    },
    commits,
    truncated: commits.length < totalCommits,
    nodes,
    contributors,
    language_colors: Object.fromEntries([...languageBytes.keys()].filter((l) => colours[l]).map((l) => [l, colours[l]!])),
  };
}

interface TreeEntry {
  mode: string;
  type: 'blob' | 'commit' | 'tree';
  sha: string;
  /** Bytes of a blob; 0 for a submodule. */
  size: number;
  path: string;
}

async function emptyTree(git: (args: string[], extra?: RunGitOptions) => Promise<{ stdout: Buffer }>): Promise<string> {
  // The empty tree's ID in this repository's hash (SHA-1 or SHA-256).
  return (await git(['hash-object', '-t', 'tree', '--stdin'], { input: '' })).stdout.toString('utf8').trim();
}

/** `git ls-tree -r -l -z`: "<mode> SP <type> SP <object> SP+ <size> TAB <path> NUL". */
function parseLsTree(out: Buffer): TreeEntry[] {
  const entries: TreeEntry[] = [];
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [mode, type, sha, size] = record.slice(0, tab).split(/ +/);
    entries.push({ mode: mode!, type: type as TreeEntry['type'], sha: sha!, size: size === '-' ? 0 : Number(size), path: record.slice(tab + 1) });
  }
  return entries;
}

/** `git diff --numstat -z` from the empty tree: path → lines (null for a binary file). */
function parseNumstatTree(out: Buffer): Map<string, number | null> {
  const lines = new Map<string, number | null>();
  for (const record of out.toString('utf8').split('\0')) {
    if (!record) continue;
    const m = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(record);
    if (m) lines.set(m[3]!, m[1] === '-' ? null : Number(m[1]));
  }
  return lines;
}

/** "  12\tAda Lovelace <ada@example.com>" */
function parseShortlogLine(line: string): Contributor {
  const m = /^\s*(\d+)\t(.*?)\s*<([^>]*)>\s*$/.exec(line);
  if (!m) return { name: line.trim(), email: '', commits: 0 };
  return { commits: Number(m[1]), name: m[2]!, email: m[3]! };
}

/**
 * Linguist's path rules for files left out of language statistics (vendor.yml,
 * documentation.yml, and the path patterns of generated.rb), as shipped in linguist-js's `ext/`
 * folder: one case-insensitive expression per list, compiled once. Patterns JavaScript cannot
 * compile are skipped, as linguist-js skips them.
 */
let excludedPaths: RegExp | undefined;
function linguistExclusions(): RegExp {
  if (excludedPaths) return excludedPaths;
  const ext = path.join(path.dirname(require.resolve('linguist-js/package.json')), 'ext');
  const yamlList = (file: string) => (loadYaml(readFileSync(path.join(ext, file), 'utf8')) as string[]) ?? [];
  // generated.rb's path rules: `name.match(/…/)` (what linguist-js's own parser reads).
  const generated = readFileSync(path.join(ext, 'generated.rb'), 'utf8').match(/(?<=name\.match\(\/).+?(?=(?<!\\)\/)/gm) ?? [];
  const sources = [...yamlList('vendor.yml'), ...yamlList('documentation.yml'), ...generated].filter((p) => {
    try {
      new RegExp(p, 'i');
      return true;
    } catch {
      return false;
    }
  });
  excludedPaths = new RegExp(sources.map((p) => `(?:${p})`).join('|'), 'i');
  return excludedPaths;
}

/**
 * Linguist's language of each text file (its group), or none for files linguist leaves out of a
 * repository's language statistics: vendored, generated and documentation paths, and languages
 * whose type is data or prose (GitHub's language bar counts programming and markup only).
 *
 * The paths linguist leaves out are matched here with linguist's own lists (see
 * `linguistExclusions`): linguist-js 2.9 compiles each pattern again for each file (3.6 s for
 * 5,000 files), and given content for every path it pairs contents and paths by position after
 * dropping the excluded ones, so it would read the wrong file's content. The files kept are then
 * classified by linguist-js with their content (extensions, file names, heuristics, shebangs,
 * modelines).
 */
async function classifyLanguages(
  blobs: TreeEntry[],
  git: (args: string[], extra?: RunGitOptions) => Promise<{ stdout: Buffer }>,
): Promise<{ languageOf: Map<string, string>; colours: Record<string, string> }> {
  const result = new Map<string, string>();
  const colours: Record<string, string> = {};
  if (blobs.length === 0) return { languageOf: result, colours };
  const excluded = linguistExclusions();
  const kept = blobs.filter((b) => !excluded.test(b.path));
  if (kept.length === 0) return { languageOf: result, colours };
  const contents = await readBlobStarts(
    kept.map((b) => b.sha),
    git,
  );
  const second = await linguist(
    kept.map((b) => b.path),
    { fileContent: kept.map((b) => contents.get(b.sha) ?? ''), offline: true, calculateLines: false, keepVendored: true, keepBinary: true, categories: ['programming', 'markup'] },
  );
  for (const [file, language] of Object.entries(second.files.results)) if (language) result.set(file, language);
  for (const [language, info] of Object.entries(second.languages.results)) if (info.color) colours[language] = info.color;
  return { languageOf: result, colours };
}

/** The first CONTENT_SAMPLE_BYTES of each blob, through one `git cat-file --batch`. */
async function readBlobStarts(shas: string[], git: (args: string[], extra?: RunGitOptions) => Promise<{ stdout: Buffer }>): Promise<Map<string, string>> {
  const unique = [...new Set(shas)];
  const contents = new Map<string, string>();
  let pending: Buffer = Buffer.alloc(0);
  let index = 0;
  // Output: "<sha> blob <size>\n<content>\n" per object, in the order asked.
  await git(['cat-file', '--batch'], {
    input: unique.join('\n') + '\n',
    onStdout: (chunk) => {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      for (;;) {
        const nl = pending.indexOf(10);
        if (nl < 0) return;
        const header = pending.subarray(0, nl).toString('latin1');
        const size = Number(header.split(' ')[2]);
        if (!Number.isFinite(size)) {
          pending = pending.subarray(nl + 1); // "<sha> missing"
          index++;
          continue;
        }
        if (pending.length < nl + 1 + size + 1) return;
        const sha = unique[index++]!;
        contents.set(sha, pending.subarray(nl + 1, nl + 1 + Math.min(size, CONTENT_SAMPLE_BYTES)).toString('utf8'));
        pending = pending.subarray(nl + 1 + size + 1);
      }
    },
  });
  return contents;
}

/**
 * Percentages to one decimal by the largest-remainder method, so they sum to exactly 100.0;
 * largest first.
 */
export function percentages(bytes: Map<string, number>): Record<string, number> {
  const total = [...bytes.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return {};
  const tenths = [...bytes].map(([name, b]) => {
    const exact = (b * 1000) / total;
    return { name, floor: Math.floor(exact), rest: exact - Math.floor(exact), bytes: b };
  });
  let missing = 1000 - tenths.reduce((a, t) => a + t.floor, 0);
  for (const t of [...tenths].sort((a, b) => b.rest - a.rest || b.bytes - a.bytes)) {
    if (missing <= 0) break;
    t.floor += 1;
    missing -= 1;
  }
  const out: Record<string, number> = {};
  for (const t of tenths.sort((a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name))) if (t.floor > 0) out[t.name] = t.floor / 10;
  return out;
}

/** Directories and files of the head, with each file's first and last commit in `commits`. */
function buildNodes(entries: TreeEntry[], lines: Map<string, number | null>, languageOf: Map<string, string>, commits: CommitRecord[]): TreeNode[] {
  // Walk the history oldest first, carrying a file's first commit across renames.
  const first = new Map<string, string>();
  const last = new Map<string, string>();
  for (let i = commits.length - 1; i >= 0; i--) {
    const commit = commits[i]!;
    for (const change of commit.changes) {
      if (change.status === 'R' && change.from !== undefined) {
        const origin = first.get(change.from);
        first.delete(change.from);
        first.set(change.path, origin ?? commit.sha);
      } else if (change.status === 'D') {
        first.delete(change.path);
      } else if (!first.has(change.path)) {
        first.set(change.path, commit.sha);
      }
      last.set(change.path, commit.sha);
    }
  }
  const dirs = new Map<string, TreeNode>();
  const dir = (p: string): TreeNode => {
    let node = dirs.get(p);
    if (!node) {
      node = { path: p, name: p === '' ? '' : p.slice(p.lastIndexOf('/') + 1), type: 'directory', bytes: 0, lines: 0, language: null, first_commit: null, last_commit: null };
      dirs.set(p, node);
      if (p !== '') dir(parentOf(p));
    }
    return node;
  };
  dir('');
  const files: TreeNode[] = [];
  for (const entry of entries) {
    const n = lines.get(entry.path);
    const fileLines = entry.type === 'blob' && typeof n === 'number' ? n : null;
    files.push({
      path: entry.path,
      name: entry.path.slice(entry.path.lastIndexOf('/') + 1),
      type: 'file',
      bytes: entry.size,
      lines: fileLines,
      language: languageOf.get(entry.path) ?? null,
      first_commit: first.get(entry.path) ?? null,
      last_commit: last.get(entry.path) ?? null,
    });
    // Sizes add up to every directory above.
    for (let p = parentOf(entry.path), done = false; !done; p = parentOf(p)) {
      const d = dir(p);
      d.bytes += entry.size;
      d.lines = (d.lines ?? 0) + (fileLines ?? 0);
      done = p === '';
    }
  }
  return [...[...dirs.values()].sort((a, b) => a.path.localeCompare(b.path)), ...files];
}

/** "a/b/c" → "a/b"; "c" → "". */
export function parentOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/**
 * Parses `git log -z --raw --numstat --format=%x1e…` as it streams: each commit starts with
 * U+001E and its fields are split by U+001F; then raw entries (":modes shas status\0path\0
 * [path\0]") and numstat entries ("added\tdeleted\tpath\0", or "…\t\0from\0to\0" for a rename).
 * Tokens are read by position, so paths may hold any byte git allows.
 */
export class LogParser {
  private pending = '';
  private decoder = new TextDecoder('utf-8');
  private current: CommitRecord | undefined;
  /** What the next token is: a header or entry, or the paths an entry still expects. */
  private expect: { kind: 'entry' } | { kind: 'raw-paths'; status: string; count: number; paths: string[] } | { kind: 'numstat-paths'; added: number; deleted: number; paths: string[] } = { kind: 'entry' };

  constructor(private readonly emit: (commit: CommitRecord) => void) {}

  push(chunk: Buffer): void {
    this.pending += this.decoder.decode(chunk, { stream: true });
    let start = 0;
    for (;;) {
      const nul = this.pending.indexOf('\0', start);
      if (nul < 0) break;
      this.token(this.pending.slice(start, nul));
      start = nul + 1;
    }
    this.pending = this.pending.slice(start);
  }

  end(): void {
    this.pending += this.decoder.decode();
    if (this.pending) this.token(this.pending);
    this.pending = '';
    this.flush();
  }

  private flush(): void {
    if (this.current) this.emit(this.current);
    this.current = undefined;
  }

  private token(raw: string): void {
    const e = this.expect;
    if (e.kind === 'raw-paths') {
      e.paths.push(raw);
      if (e.paths.length === e.count) {
        this.addRaw(e.status, e.paths);
        this.expect = { kind: 'entry' };
      }
      return;
    }
    if (e.kind === 'numstat-paths') {
      e.paths.push(raw);
      if (e.paths.length === 2) this.addNumstat(e.added, e.deleted);
      if (e.paths.length === 2) this.expect = { kind: 'entry' };
      return;
    }
    const t = raw.replace(/^\n+/, '');
    if (t === '') return;
    if (t.startsWith('\u001e')) {
      this.flush();
      const [sha, parents, name, email, time, ...subject] = t.slice(1).split('\u001f');
      this.current = {
        sha: sha!,
        parents: parents ? parents.split(' ').filter(Boolean) : [],
        author_name: name ?? '',
        author_email: email ?? '',
        timestamp: Number(time),
        message: subject.join('\u001f'),
        files_changed: 0,
        insertions: 0,
        deletions: 0,
        changes: [],
      };
      return;
    }
    if (t.startsWith(':')) {
      // ":100644 100644 <sha> <sha> M" (merges with -c would have more colons; not asked for)
      const status = t.split(' ').pop() ?? 'M';
      this.expect = { kind: 'raw-paths', status, count: /^[RC]/.test(status) ? 2 : 1, paths: [] };
      return;
    }
    const m = /^(\d+|-)\t(\d+|-)\t([\s\S]*)$/.exec(t);
    if (m) {
      const added = m[1] === '-' ? 0 : Number(m[1]);
      const deleted = m[2] === '-' ? 0 : Number(m[2]);
      if (m[3] === '') this.expect = { kind: 'numstat-paths', added, deleted, paths: [] };
      else this.addNumstat(added, deleted);
    }
  }

  private addRaw(status: string, paths: string[]): void {
    if (!this.current) return;
    const letter = status[0];
    if (letter === 'R') this.current.changes.push({ status: 'R', from: paths[0]!, path: paths[1]! });
    else if (letter === 'C') this.current.changes.push({ status: 'A', path: paths[1]! });
    else if (letter === 'A' || letter === 'D') this.current.changes.push({ status: letter, path: paths[0]! });
    else this.current.changes.push({ status: 'M', path: paths[0]! });
  }

  private addNumstat(added: number, deleted: number): void {
    if (!this.current) return;
    this.current.files_changed += 1;
    this.current.insertions += added;
    this.current.deletions += deleted;
  }
}
