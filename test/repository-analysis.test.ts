// analyseRepository's figures against git's own output for the same repository and branch,
// computed here with the git CLI on the working repository.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { analyseRepository, LogParser, percentages, type RepositoryAnalysis } from '../repositories/analysis';
import { AUTHORS, buildFixtureRepo } from './support/fixture-repo';
import type { WorkRepo } from './support/git-repos';

describe('analyseRepository (figures equal to git’s)', () => {
  let repo: WorkRepo;
  let gitDir: string;
  let main: RepositoryAnalysis;

  beforeAll(async () => {
    repo = buildFixtureRepo();
    gitDir = path.join(repo.dir, '.git');
    main = await analyseRepository({ gitDir, branch: 'main', maxCommits: 1000 });
  });
  afterAll(() => repo.remove());

  it('counts commits as git rev-list --count, files as git ls-tree -r, contributors as git shortlog -se', () => {
    expect(main.stats.total_commits).toBe(Number(repo.git(['rev-list', '--count', 'main'])));
    expect(main.stats.total_files).toBe(repo.git(['ls-tree', '-r', 'main']).split('\n').length);
    const shortlog = repo.git(['shortlog', '-se', 'main']).split('\n');
    expect(main.stats.total_contributors).toBe(shortlog.length);
    // .mailmap joined Ada's two identities: three people, not four.
    expect(main.stats.total_contributors).toBe(3);
    expect(main.contributors.map((c) => c.email).sort()).toEqual([AUTHORS.ada.email, AUTHORS.grace.email, AUTHORS.linus.email].sort());
    expect(main.head_sha).toBe(repo.git(['rev-parse', 'main']));
    expect(main.truncated).toBe(false);
  });

  it('counts lines of the text files at the head, binary files excluded', () => {
    let expected = 0;
    for (const file of repo.git(['ls-tree', '-r', '--name-only', 'main']).split('\n')) {
      const data = readFileSync(path.join(repo.dir, file));
      if (data.subarray(0, 8000).includes(0)) continue; // git's own binary test
      const newlines = data.filter((b) => b === 10).length;
      expected += newlines + (data.length > 0 && data[data.length - 1] !== 10 ? 1 : 0);
    }
    expect(main.stats.lines_of_code).toBe(expected);
    const logo = main.nodes.find((n) => n.path === 'assets/logo.png')!;
    expect(logo.lines).toBeNull();
    expect(main.nodes.find((n) => n.path === 'notes.txt')!.lines).toBe(1);
  });

  it('gives languages by bytes as linguist counts them: vendored, documentation, data and binary files left out', () => {
    const size = (file: string) => Number(repo.git(['cat-file', '-s', `main:${file}`]));
    const bytes = new Map([
      ['TypeScript', size('src/app.ts') + size('src/helpers.ts')],
      ['Python', size('tools/report.py')],
      ['Go', size('server/main.go')],
      ['C++', size('native/vec.h')],
    ]);
    const total = [...bytes.values()].reduce((a, b) => a + b, 0);
    expect(Object.keys(main.stats.languages).sort()).toEqual(['C++', 'Go', 'Python', 'TypeScript']);
    // Tenths, rounded so they sum to 100: each within 0.1 of the exact share.
    for (const [language, b] of bytes) expect(Math.abs(main.stats.languages[language]! - (100 * b) / total)).toBeLessThanOrEqual(0.1);
    expect(Object.values(main.stats.languages).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 5);
    expect(main.nodes.find((n) => n.path === 'vendor/lib/left-pad.js')!.language).toBeNull();
    expect(main.nodes.find((n) => n.path === 'src/app.ts')!.language).toBe('TypeScript');
  });

  it('lists the head’s directories and files, sizes adding up, first and last commit followed across a rename', () => {
    const files = main.nodes.filter((n) => n.type === 'file');
    expect(files.map((f) => f.path).sort()).toEqual(repo.git(['ls-tree', '-r', '--name-only', 'main']).split('\n').sort());
    const root = main.nodes.find((n) => n.path === '')!;
    expect(root.type).toBe('directory');
    expect(root.bytes).toBe(files.reduce((a, f) => a + f.bytes, 0));
    expect(main.nodes.filter((n) => n.type === 'directory').map((d) => d.path)).toEqual(['', 'assets', 'config', 'docs', 'native', 'server', 'src', 'tools', 'vendor', 'vendor/lib']);
    const helpers = main.nodes.find((n) => n.path === 'src/helpers.ts')!;
    // (git log --follow ignores --reverse: its oldest line is the last one.)
    const followed = repo.git(['log', '--format=%H', '--follow', '--', 'src/helpers.ts']).split('\n');
    expect(followed).toHaveLength(2);
    expect(helpers.first_commit).toBe(followed[followed.length - 1]);
    expect(helpers.last_commit).toBe(repo.git(['log', '-1', '--format=%H', '--', 'src/helpers.ts']));
  });

  it('reads each commit as git log --numstat does, with its changes (rename, delete, merge)', () => {
    expect(main.commits.map((c) => c.sha)).toEqual(repo.git(['log', '--format=%H', 'main']).split('\n'));
    for (const commit of main.commits) {
      const numstat = repo.git(['log', '-1', '--numstat', '--format=', commit.sha]).split('\n').filter(Boolean);
      expect(commit.files_changed).toBe(numstat.length);
      expect(commit.insertions).toBe(numstat.reduce((a, l) => a + (Number(l.split('\t')[0]) || 0), 0));
      expect(commit.deletions).toBe(numstat.reduce((a, l) => a + (Number(l.split('\t')[1]) || 0), 0));
      expect(commit.author_email).toBe(repo.git(['log', '-1', '--format=%aE', commit.sha]));
    }
    const rename = main.commits.find((c) => c.message === 'Rename util to helpers')!;
    expect(rename.changes).toEqual([{ status: 'R', from: 'src/util.ts', path: 'src/helpers.ts' }]);
    const drop = main.commits.find((c) => c.message === 'Grow the app, drop a file')!;
    expect(drop.changes).toEqual(
      expect.arrayContaining([
        { status: 'M', path: 'src/app.ts' },
        { status: 'D', path: 'tools/__init__.py' },
        { status: 'A', path: 'notes.txt' },
      ]),
    );
    const merge = main.commits.find((c) => c.message === 'Merge the Go server')!;
    expect(merge.parents).toHaveLength(2);
    // The first commit's author is shown after .mailmap.
    expect(main.commits[main.commits.length - 1]!.author_name).toBe(AUTHORS.ada.name);
  });

  it('reads another branch, and cuts the history at max_commits, saying so', async () => {
    const feature = await analyseRepository({ gitDir, branch: 'feature', maxCommits: 2 });
    expect(feature.stats.total_commits).toBe(Number(repo.git(['rev-list', '--count', 'feature'])));
    expect(feature.commits.map((c) => c.sha)).toEqual(repo.git(['log', '--format=%H', '-2', 'feature']).split('\n'));
    expect(feature.truncated).toBe(true);
    expect(feature.nodes.some((n) => n.path === 'server/extra.go')).toBe(true);
  });
});

describe('LogParser', () => {
  it('reads tokens split across chunks at any byte, including inside a multi-byte character', () => {
    const log = Buffer.from(
      '\u001eabc\u001fdef\u001fZoë\u001fz@x\u001f1700000000\u001fFix ünïcode\u0000\n:100644 100644 aaa bbb M\u0000dir/ü.txt\u0000' +
        ':100644 100644 aaa bbb R087\u0000old name\u0000new name\u0000' +
        '3\t1\tdir/ü.txt\u0000-\t-\t\u0000old name\u0000new name\u0000',
    );
    for (let cut = 1; cut < log.length; cut += 7) {
      const out: unknown[] = [];
      const parser = new LogParser((c) => out.push(c));
      parser.push(log.subarray(0, cut));
      parser.push(log.subarray(cut));
      parser.end();
      expect(out).toEqual([
        {
          sha: 'abc',
          parents: ['def'],
          author_name: 'Zoë',
          author_email: 'z@x',
          timestamp: 1_700_000_000,
          message: 'Fix ünïcode',
          files_changed: 2,
          insertions: 3,
          deletions: 1,
          changes: [
            { status: 'M', path: 'dir/ü.txt' },
            { status: 'R', from: 'old name', path: 'new name' },
          ],
        },
      ]);
    }
  });

  it('rounds percentages to tenths that sum to exactly 100', () => {
    const p = percentages(new Map([['A', 1], ['B', 1], ['C', 1]]));
    expect(Object.values(p).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    expect(p).toEqual({ A: 33.4, B: 33.3, C: 33.3 });
    expect(percentages(new Map())).toEqual({});
  });
});
