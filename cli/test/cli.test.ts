import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { registerUser } from '../../test/support/api-harness.js';
import { buildFixtureRepo } from '../../test/support/fixture-repo.js';
import { startGitHttpServer, type GitHttpServer } from '../../test/support/git-http-server.js';
import { git } from '../../test/support/git-repos.js';
import { VULNERABLE_JS } from '../../test/support/samples.js';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';

/**
 * The `codex` CLI as a user runs it: a child process (its --json output read back), and once in
 * a pseudo-terminal (`script`) to see the live bar and the findings table, against the real
 * stack with the built-in agents.
 */
const ROOT = path.resolve(__dirname, '..', '..');
const BIN = path.join(ROOT, 'cli', 'bin', 'codex.js');
let stack: TestStack;
let git$: GitHttpServer;
let served: string;
let cacheDir: string;
let work: string;
let repo: ReturnType<typeof buildFixtureRepo>;
let user: Awaited<ReturnType<typeof registerUser>>;

beforeAll(async () => {
  // The CLI and the SDK it imports run from their builds (npm test's set-up makes them).
  await promisify(execFile)(process.execPath, ['-e', "import('./scripts/setup.mjs').then((m) => m.buildPackages())"], { cwd: ROOT });
  repo = buildFixtureRepo();
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-cli-served-'));
  repo.publish(served, 'demo');
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cli-cache-'));
  git$ = await startGitHttpServer(served);
  stack = await startTestStack({ WORKER_QUEUES: 'general,agents,analysis', REPOSITORY_ALLOWED_HOSTS: git$.hostPort, REPOSITORY_CACHE_DIR: cacheDir });
  user = await registerUser(stack.api, 'cli');
  await stack.db.updateTable('users').set({ tier: 'pro' }).where('id', '=', user.id).execute();
  work = mkdtempSync(path.join(os.tmpdir(), 'codex-cli-work-'));
  mkdirSync(path.join(work, 'src'));
  writeFileSync(path.join(work, 'src', 'db.js'), VULNERABLE_JS);
  writeFileSync(path.join(work, 'src', 'logo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]));
}, 180_000);

afterAll(async () => {
  await stack?.close();
  await git$?.close();
  repo?.remove();
  for (const dir of [served, cacheDir, work]) if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `codex …` with its own config folder; `stdin` is written and closed. */
function codex(args: string[], options: { config: string; stdin?: string; env?: Record<string, string>; cwd?: string }): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd ?? work,
      env: { PATH: process.env.PATH ?? '', HOME: options.config, CODEX_CONFIG_DIR: options.config, CODEX_BASE_URL: stack.api.url, ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

const configFolder = () => mkdtempSync(path.join(os.tmpdir(), 'codex-cli-config-'));

async function loggedIn(): Promise<string> {
  const config = configFolder();
  const login = await codex(['login', '--email', user.email, '--password-stdin'], { config, stdin: `${user.password}\n` });
  expect(login).toMatchObject({ code: 0 });
  return config;
}

it('logs in (credentials mode 0600), says who you are, logs out; an API key and CODEX_API_KEY work too', async () => {
  const config = await loggedIn();
  const file = path.join(config, 'credentials.json');
  expect(statSync(file).mode & 0o777).toBe(0o600);
  expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ base_url: stack.api.url, email: user.email });
  const me = await codex(['whoami', '--json'], { config });
  expect(me.code).toBe(0);
  expect(JSON.parse(me.stdout)).toMatchObject({ email: user.email, tier: 'pro' });

  const key = await codex(['keys', 'create', 'cli-test', '--json'], { config });
  const created = JSON.parse(key.stdout) as { id: string; key: string };
  expect(created.key).toMatch(/^codex_sk_/);
  expect((await codex(['keys', 'ls'], { config })).stdout).toContain(created.id);

  await codex(['logout'], { config });
  expect(existsSync(file)).toBe(false);
  const refused = await codex(['whoami'], { config });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('codex login');

  const fresh = configFolder();
  const email = `cli-register-${Date.now()}@example.com`;
  expect((await codex(['register', '--email', email, '--password-stdin'], { config: fresh, stdin: 'a long enough password\n' })).code).toBe(0);
  expect(JSON.parse((await codex(['whoami', '--json'], { config: fresh })).stdout)).toMatchObject({ email, tier: 'free' });

  const viaEnv = await codex(['whoami', '--json'], { config, env: { CODEX_API_KEY: created.key } });
  expect(JSON.parse(viaEnv.stdout).email).toBe(user.email);
  const keyConfig = configFolder();
  expect((await codex(['login', '--api-key', created.key], { config: keyConfig })).code).toBe(0);
  expect((await codex(['whoami'], { config: keyConfig })).stdout).toContain(user.email);
  const revoked = await codex(['keys', 'revoke', created.id], { config: keyConfig });
  expect(revoked.code).toBe(0);
  const after = await codex(['whoami'], { config: keyConfig });
  expect(after.code).toBe(1);
  expect(after.stderr).toMatch(/UNAUTHORIZED 401, req_/);
});

it('runs an agent on files and folders: --json prints the finished task, exit 0; a failed run exits 1', async () => {
  const config = await loggedIn();
  const run = await codex(['run', 'security_expert', 'Review this code', 'src/', '--json'], { config });
  expect(run.code).toBe(0);
  const task = JSON.parse(run.stdout);
  expect(task).toMatchObject({ status: 'completed' });
  expect(task.result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ file: 'src/db.js', line: 3, severity: expect.stringMatching(/high|critical/) })]));
  expect(run.stderr).toContain('Left out (binary or over 1 MiB): src/logo.png');
  // Not a terminal: no bars and no colours anywhere.
  expect(run.stdout + run.stderr).not.toContain('\u001b[');

  const failed = await codex(['run', 'general', 'x', '--repo', `${git$.url}/demo.git`, '--branch', 'no-such-branch', '--json'], { config });
  expect(failed.code).toBe(1);
  expect(JSON.parse(failed.stdout)).toMatchObject({ status: 'failed', error: { code: 'BRANCH_NOT_FOUND' } });

  const bad = await codex(['run', 'security_expert', 'x', 'no/such/path'], { config });
  expect(bad.code).toBe(1);
  expect(bad.stderr).toContain('no/such/path: no such file or folder');
}, 120_000);

it('sends files outside the current folder relative to the folder named, never with ..', async () => {
  const config = await loggedIn();
  const elsewhere = mkdtempSync(path.join(os.tmpdir(), 'codex-cli-elsewhere-'));
  try {
    mkdirSync(path.join(elsewhere, 'lib'));
    writeFileSync(path.join(elsewhere, 'lib', 'calc.py'), 'def add(a, b):\n    return a + b\n');
    const patchFile = path.join(elsewhere, 'out.diff');
    const run = await codex(['run', 'test_gen', 'Write tests', path.join(elsewhere, 'lib'), '--patch', patchFile, '--json'], { config });
    expect(run.code).toBe(0);
    const task = JSON.parse(run.stdout);
    expect(task.result.patched_files).toEqual(['tests/test_calc.py']);
    expect(readFileSync(task.result.files[0].path === 'tests/test_calc.py' ? patchFile : '', 'utf8')).toContain('+from calc import add');
  } finally {
    rmSync(elsewhere, { recursive: true, force: true });
  }
}, 60_000);

it('writes the patch an agent left on a repository checkout (--patch), which git apply takes', async () => {
  const config = await loggedIn();
  const patchFile = path.join(work, 'tests.diff');
  const run = await codex(['run', 'test_gen', 'Write tests', '--repo', `${git$.url}/demo.git`, '--patch', patchFile, '--json'], { config });
  expect(run.code).toBe(0);
  const task = JSON.parse(run.stdout);
  expect(task.result.tests_generated).toBeGreaterThan(0);
  const checkout = mkdtempSync(path.join(os.tmpdir(), 'codex-cli-apply-'));
  try {
    git(checkout, ['clone', '--quiet', path.join(served, 'demo.git'), '.']);
    git(checkout, ['checkout', '--quiet', '--detach', task.result.workspace.base_sha]);
    git(checkout, ['apply', '--check', patchFile]);
  } finally {
    rmSync(checkout, { recursive: true, force: true });
  }
}, 120_000);

it('draws a live bar and then the findings table in a terminal', async () => {
  const config = await loggedIn();
  // script(1) runs the command in a pseudo-terminal and copies what it drew to stdout.
  const command = [process.execPath, BIN, 'run', 'security_expert', 'Review', 'src/db.js'].map((a) => `'${a}'`).join(' ');
  const { stdout } = await promisify(execFile)('script', ['-qfec', command, '/dev/null'], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: config, CODEX_CONFIG_DIR: config, CODEX_BASE_URL: stack.api.url, TERM: 'xterm-256color', COLUMNS: '140' },
  });
  expect(stdout).toContain('\u001b['); // colours, in a terminal
  // eslint-disable-next-line no-control-regex -- ANSI escape sequences are what is stripped
  const plain = stdout.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, '');
  expect(plain).toMatch(/security_expert\s+█+\s+100%/); // the bar, at its end
  expect(plain).toMatch(/┌─+┬/); // the findings table
  expect(plain).toMatch(/│ high\s+│ src\/db\.js:3\s+│ SQL injection/);
  expect(plain).toMatch(/tokens \d+/);

  // NO_COLOR (https://no-color.org): the same run in a terminal, without a colour.
  const { stdout: plainRun } = await promisify(execFile)('script', ['-qfec', command, '/dev/null'], {
    cwd: work,
    env: { PATH: process.env.PATH ?? '', HOME: config, CODEX_CONFIG_DIR: config, CODEX_BASE_URL: stack.api.url, TERM: 'xterm-256color', NO_COLOR: '1' },
  });
  expect(plainRun).toMatch(/┌─+┬/);
  expect(plainRun).not.toContain('█'); // no bar either: each message is a line
  // eslint-disable-next-line no-control-regex -- SGR colour sequences are what must be absent
  expect(plainRun).not.toMatch(/\u001b\[(3\d|9\d|1|2)m/);
}, 120_000);

it("never lets a repository's file name act on the terminal: escapes and bidi overrides are shown, not obeyed", async () => {
  const config = await loggedIn();
  // A name with an OSC 52 sequence (write the clipboard) and a right-to-left override.
  const hostile = `evil\u202e\u001b]52;c;aGVsbG8=\u0007.js`;
  writeFileSync(path.join(work, 'src', hostile), VULNERABLE_JS);
  try {
    const run = await codex(['run', 'security_expert', 'Review', `src/${hostile}`, '--quiet'], { config });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u202e');
    expect(run.stdout).not.toContain('\u001b]52');
    expect(run.stdout).not.toContain('\u0007');
    // The long path wraps inside its column, whole.
    const where = [...run.stdout.matchAll(/^│ [^│]*│ (\S*)\s*│/gm)].map((m) => m[1]).join('');
    expect(where).toContain('src/evil\\u{202e}\\u{1b}]52;c;aGVsbG8=\\u{7}.js:');
    // Escaped before the table is laid out: every row of the findings table is as wide as the others.
    const rows = run.stdout.split('\n').filter((l) => /^[│┌├└]/.test(l));
    expect(rows.length).toBeGreaterThan(3);
    expect(new Set(rows.map((l) => [...l].length)).size).toBe(1);
    // --json hands the data over as it is, for programs.
    const json = await codex(['run', 'security_expert', 'Review', `src/${hostile}`, '--json'], { config });
    expect(JSON.parse(json.stdout).result.findings[0].file).toBe(`src/${hostile}`);
  } finally {
    rmSync(path.join(work, 'src', hostile), { force: true });
  }
});

it('prints only the result with --quiet', async () => {
  const config = await loggedIn();
  const run = await codex(['run', 'security_expert', 'Review', 'src/db.js', '--quiet'], { config });
  expect(run.code).toBe(0);
  // No queued line and no progress percentages (a suggestion may mention `%s` placeholders).
  expect(run.stdout).not.toMatch(/queued|\d+%/);
  expect(run.stdout).toMatch(/^task_\w+ completed/);
  expect(run.stdout).toContain('src/db.js:3');
}, 60_000);

it('asks at Ctrl-C whether to cancel the run or detach, in a terminal, and cancels it when told', async () => {
  const config = await loggedIn();
  // The checkout waits on the git server: the task stays running until the user decides.
  const release = git$.hold('/held.git');
  repo.publish(served, 'held');
  try {
    const command = [process.execPath, BIN, 'run', 'general', 'Wait', '--repo', `${git$.url}/held.git`].map((a) => `'${a}'`).join(' ');
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: work,
      env: { PATH: process.env.PATH ?? '', HOME: config, CODEX_CONFIG_DIR: config, CODEX_BASE_URL: stack.api.url, TERM: 'xterm-256color' },
    });
    let screen = '';
    child.stdout.on('data', (d: Buffer) => (screen += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('close', resolve));
    const waitFor = async (pattern: RegExp) => {
      const deadline = Date.now() + 30_000;
      while (!pattern.test(screen)) {
        if (Date.now() > deadline) throw new Error(`never saw ${pattern}: ${screen}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    await waitFor(/task_\w+ queued/);
    const taskId = /(task_\w+) queued/.exec(screen)![1]!;
    await waitFor(/general/); // the bar is up
    child.stdin.write('\u0003'); // Ctrl-C, through the terminal
    await waitFor(/cancel it on the server, or detach/);
    child.stdin.write('\u001b[B'); // down: "Cancel it"
    child.stdin.write('\r');
    expect(await exited).toBe(130);
    // The agent is stuck in its checkout: the server answers that it is stopping it.
    expect(screen).toMatch(new RegExp(`Cancel(led|ling) task ${taskId}`));
    release();
    const deadline = Date.now() + 30_000;
    let status = '';
    while (status !== 'cancelled' && Date.now() < deadline) {
      status = JSON.parse((await codex(['tasks', 'get', taskId, '--json'], { config })).stdout).status;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('cancelled');
  } finally {
    release();
  }
}, 90_000);

it('orchestrates with one bar per agent, and lists, shows and follows tasks', async () => {
  const config = await loggedIn();
  const run = await codex(['orchestrate', '--strategy', 'parallel', 'security_expert', 'code_expert', 'Review it', '--files', 'src/db.js', '--json'], { config });
  expect(run.code).toBe(0);
  const orchestration = JSON.parse(run.stdout);
  expect(orchestration).toMatchObject({ status: 'completed', strategy: 'parallel' });
  const taskId = orchestration.agents[0].task_id as string;
  const listed = await codex(['tasks', 'ls', '--json'], { config });
  expect(JSON.parse(listed.stdout).tasks.map((t: { task_id: string }) => t.task_id)).toContain(taskId);
  const logs = await codex(['tasks', 'logs', taskId, '-f'], { config });
  expect(logs.code).toBe(0);
  expect(logs.stdout.trim().split('\n').at(-1)).toMatch(/ result /);
  const shown = await codex(['tasks', 'get', taskId], { config });
  expect(shown.stdout).toContain(taskId);
  const cancel = await codex(['tasks', 'cancel', taskId], { config });
  expect(cancel.code).toBe(1);
  expect(cancel.stderr).toContain('CONFLICT 409');
}, 120_000);

it('manages agents, the subscription and visualizations', async () => {
  const config = await loggedIn();
  const created = JSON.parse((await codex(['agents', 'create', '--name', `cli-agent-${Date.now()}`, '--type', 'security_expert', '--instructions', 'Be strict', '--json'], { config })).stdout);
  expect(created).toMatchObject({ version: 1, visibility: 'private' });
  expect((await codex(['agents', 'edit', created.id, '--description', 'Stricter', '--if-match', '1'], { config })).code).toBe(0);
  const stale = await codex(['agents', 'edit', created.id, '--description', 'Lost', '--if-match', '1'], { config });
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('CONFLICT');
  expect((await codex(['agents', 'publish', created.id], { config })).stdout).toContain('is public');
  expect((await codex(['agents', 'ls', '--public'], { config })).stdout).toContain(created.id);

  expect((await codex(['subscription', 'upgrade', 'team'], { config })).code).toBe(0);
  expect(JSON.parse((await codex(['subscription', '--json'], { config })).stdout)).toMatchObject({ tier: 'team' });
  expect((await codex(['subscription', 'cancel'], { config })).code).toBe(0);
  expect((await codex(['subscription', 'reactivate'], { config })).code).toBe(0);

  const viz = await codex(['viz', `${git$.url}/demo.git`, '--branch', 'main', '--json'], { config });
  expect(viz.code).toBe(0);
  expect(JSON.parse(viz.stdout).stats.total_commits).toBe(Number(repo.git(['rev-list', '--count', 'main'])));
}, 120_000);

it('has --help with an example for every command, and a usage error exits 2', async () => {
  const config = configFolder();
  const commands = [
    ['login'], ['register'], ['logout'], ['whoami'], ['run'], ['orchestrate'], ['tasks', 'ls'], ['tasks', 'get'], ['tasks', 'cancel'], ['tasks', 'logs'],
    ['agents', 'ls'], ['agents', 'create'], ['agents', 'edit'], ['agents', 'publish'], ['keys', 'create'], ['keys', 'ls'], ['keys', 'revoke'],
    ['viz'], ['subscription'], ['subscription', 'upgrade'], ['subscription', 'cancel'], ['subscription', 'reactivate'],
  ];
  for (const command of commands) {
    const help = await codex([...command, '--help'], { config });
    expect({ command, code: help.code, example: /Examples?:\n\s+\$ codex /.test(help.stdout) }).toEqual({ command, code: 0, example: true });
  }
  const usage = await codex(['run'], { config });
  expect(usage.code).toBe(2);
  expect(usage.stderr).toContain("missing required argument 'agent'");
  const misuses: [string[], RegExp][] = [
    [['tasks', 'ls', '--limit', 'abc'], /whole number/],
    [['run', 'general', 'x', '--time-limit', '0'], /whole number of at least 1/],
    [['agents', 'create', '--name', 'y', '--type', 'general', '--temperature', 'hot'], /from 0 to 2/],
    [['agents', 'edit', 'agent_X'], /Nothing to change/],
    [['subscription', 'upgrade', 'platinum'], /Allowed choices are free, pro, team/],
    [['subscription', 'upgrade', 'team', '--yearly', '--monthly'], /cannot be used with/],
    [['--base-url', 'notaurl', 'whoami'], /http:\/\/ or https:\/\/ URL/],
    [['orchestrate', '-s', 'parallel', 'Review'], /Name at least one agent/],
    [['login', '--email', 'a@example.com'], /--password-stdin/],
  ];
  for (const [args, message] of misuses) {
    const res = await codex(args, { config });
    expect({ args, code: res.code, said: message.test(res.stderr) }).toEqual({ args, code: 2, said: true });
  }
});

it('packs the SDK and the CLI for publishing: exports, types, README, the bin', async () => {
  const { stdout } = await promisify(execFile)('npm', ['pack', '--dry-run', '--json', '-w', '@codex-cloud/sdk', '-w', '@codex-cloud/cli'], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  const packs = JSON.parse(stdout) as { name: string; files: { path: string }[] }[];
  const filesOf = (name: string) => packs.find((p) => p.name === name)!.files.map((f) => f.path);
  expect(filesOf('@codex-cloud/sdk')).toEqual(expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/generated/openapi.d.ts']));
  expect(filesOf('@codex-cloud/sdk').some((f) => f.startsWith('src/') || f.startsWith('test/'))).toBe(false);
  expect(filesOf('@codex-cloud/cli')).toEqual(expect.arrayContaining(['package.json', 'README.md', 'bin/codex.js', 'dist/bin.js', 'dist/program.js']));
}, 120_000);
