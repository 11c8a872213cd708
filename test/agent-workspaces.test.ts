// Agents that work on a repository checkout: a repository made here with the git CLI, served
// over HTTP on loopback by `git http-backend`, checked out by the worker for the real built-in
// agents (local processes), which hand back a patch that `git apply` takes.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sweepOrphanedRunDirs } from '../executors/local-process.executor';
import { expectError, registerUser, startTestApi, type TestApi } from './support/api-harness';
import { startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import { git, WorkRepo } from './support/git-repos';
import { collectSse, eventually } from './support/stream-client';
import { startTestWorkers, testSettings, type TestWorkers } from './support/worker-harness';

const AUTHOR = { name: 'Ada Lovelace', email: 'ada@example.test' };
/** The planted SQL injection: src/server/db.js, line 3. */
const DB_JS = ['// Users', 'async function find(db, name) {', "  return db.query(`SELECT * FROM users WHERE name = '${name}'`);", '}', 'module.exports = { find };', ''].join('\n');

let repo: WorkRepo;
let served: string;
let cacheDir: string;
let server: GitHttpServer;
let api: TestApi;
let workers: TestWorkers;
let head: string;
let repoUrl: string;

beforeAll(async () => {
  repo = new WorkRepo({ branch: 'main' });
  head = repo.commit('A small service', AUTHOR, {
    '.gitignore': 'build/\n*.log\n',
    'README.md': '# Service\n',
    'src/server/db.js': DB_JS,
    'src/math.ts': 'export function add(a: number, b: number): number {\n  return a + b;\n}\n\nexport function half(n: number): number {\n  return n / 2;\n}\n',
    'assets/logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48]),
  });
  // Ignored by .gitignore, so neither analysed nor in a patch: a copy of the injection.
  repo.write({ 'build/bundle.js': DB_JS, 'debug.log': 'noise\n' });
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-served-'));
  repo.publish(served, 'service');
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
  server = await startGitHttpServer(served);
  repoUrl = `${server.url}/service.git`;
  const settings = testSettings({ REPOSITORY_ALLOWED_HOSTS: server.hostPort, REPOSITORY_CACHE_DIR: cacheDir, AGENT_MAX_ATTEMPTS: '3' });
  [api, workers] = await Promise.all([startTestApi(settings), startTestWorkers(settings)]);
});

afterAll(async () => {
  await workers?.stop();
  await api?.close();
  await server?.close();
  repo?.remove();
  rmSync(served, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

type User = Awaited<ReturnType<typeof registerUser>>;

async function execute(user: User, body: Record<string, unknown>) {
  const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body });
  expect(res.status).toBe(202);
  return res.body.task_id as string;
}

async function finished(user: User, taskId: string) {
  return eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${taskId}`, { token: user.access });
    return ['completed', 'failed', 'cancelled', 'timed_out'].includes(t.body.status) ? t.body : undefined;
  }, 90_000, `task ${taskId} to finish`);
}

/** This process's agent run folders still on disk (the in-process worker's). */
function ourRunDirs(): string[] {
  return readdirSync(os.tmpdir())
    .filter((n) => n.startsWith('codex-agent-'))
    .filter((n) => {
      try {
        return readFileSync(path.join(os.tmpdir(), n, 'worker.pid'), 'utf8') === String(process.pid);
      } catch {
        return false;
      }
    });
}

/** A fresh clone of the served repository at `sha`, to try a patch on. */
function cloneAt(sha: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'codex-apply-'));
  git(dir, ['clone', '--quiet', path.join(served, 'service.git'), '.']);
  git(dir, ['checkout', '--quiet', '--detach', sha]);
  return dir;
}

it('security_expert analyses the whole checkout (.gitignore respected) and points at repository paths and lines', async () => {
  const user = await registerUser(api, 'ws-security');
  const id = await execute(user, { task: 'Review for security', agent_type: 'security_expert', context: { repository: repoUrl } });
  const task = await finished(user, id);
  expect(task.status).toBe('completed');
  const findings = task.result.findings as { rule_id: string; file: string; line: number; severity: string }[];
  // `name` is a parameter of a library function, not request data: an SQL string built from a
  // value of unknown origin is medium (it would be high if it came from a request).
  expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule_id: 'sql-injection', cwe: 'CWE-89', file: 'src/server/db.js', line: 3, severity: 'medium' })]));
  expect(findings.filter((f) => f.file.startsWith('build/'))).toEqual([]);
  // .gitignore, README, db.js, math.ts read; the binary logo skipped; nothing changed.
  expect(task.result.workspace).toEqual({ base_sha: head, files_read: 4, files_skipped: 1 });
  expect(task.result.patch).toBeUndefined();
  expect(task.result.files_modified).toBe(0);
  expectError(await api.request('GET', `/v1/agents/tasks/${id}/patch`, { token: user.access }), 404, 'NOT_FOUND');
  // The run's folder (spec and checkout) is gone.
  await eventually(async () => (ourRunDirs().length === 0 ? true : undefined), 10_000, 'the run folders to be removed');
});

it('test_gen writes its tests into the checkout and hands back a patch that applies to that commit', async () => {
  const user = await registerUser(api, 'ws-testgen');
  const id = await execute(user, { task: 'Write tests', agent_type: 'test_gen', context: { repository: repoUrl, branch: 'main' } });
  const task = await finished(user, id);
  expect(task.status).toBe('completed');
  // Tests for the exported functions: add and half in math.ts, find in db.js.
  expect(task.result.patched_files).toEqual(['src/math.test.ts', 'src/server/db.test.js']);
  expect(task.result.modified_files).toEqual(task.result.patched_files);
  expect(task.result.files_modified).toBe(2);
  expect(task.result.tests_generated).toBe(3);
  expect(task.result.patch_url).toBe(`/v1/agents/tasks/${id}/patch`);

  const served = await api.request('GET', `/v1/agents/tasks/${id}/patch`, { token: user.access });
  expect(served.status).toBe(200);
  expect(served.headers.get('content-type')).toMatch(/^text\/x-diff/);
  expect(served.text).toBe(task.result.patch);
  expect(served.text).toMatch(/^diff --git a\/src\/math\.test\.ts b\/src\/math\.test\.ts\nnew file mode 100644/);
  expect(task.result.patch_bytes).toBe(Buffer.byteLength(served.text));

  const dir = cloneAt(task.result.workspace.base_sha);
  try {
    writeFileSync(path.join(dir, 'change.diff'), served.text);
    execFileSync('git', ['apply', '--check', 'change.diff'], { cwd: dir });
    execFileSync('git', ['apply', 'change.diff'], { cwd: dir });
    expect(readFileSync(path.join(dir, 'src/math.test.ts'), 'utf8')).toMatch(/test\('add'[\s\S]*test\('half'/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  expectError(await api.request('GET', `/v1/agents/tasks/${id}/patch`, { token: (await registerUser(api, 'ws-other')).access }), 404, 'NOT_FOUND');
});

it('keeps the tests test_gen writes in its patch even where .gitignore would leave them out', async () => {
  const user = await registerUser(api, 'ws-ignored');
  const task = await finished(user, await execute(user, { task: 'Write tests', agent_type: 'test_gen', context: { repository: repoUrl, files: [{ path: '.gitignore', content: 'build/\n*.log\n*.test.ts\n' }] } }));
  expect(task.status).toBe('completed');
  expect(task.result.modified_files).toContain('src/math.test.ts');
  expect(task.result.tests_generated).toBeGreaterThan(0);
  expect(task.result.patch).toContain('+++ b/src/math.test.ts');
});

it("lays context.files over the checkout: they are analysed, and the patch carries them", async () => {
  const user = await registerUser(api, 'ws-overlay');
  const overlay = "const { exec } = require('child_process');\nfunction run(req) {\n  exec(`ls ${req.query.dir}`);\n}\n";
  const id = await execute(user, { task: 'Review', agent_type: 'security_expert', context: { repository: repoUrl, files: [{ path: 'src/server/run.js', content: overlay }] } });
  const task = await finished(user, id);
  expect(task.result.findings).toEqual(expect.arrayContaining([expect.objectContaining({ rule_id: 'command-injection', file: 'src/server/run.js', line: 3 })]));
  // The patch carries the request's file, so it applies to the commit; it is not the agent's own work.
  expect(task.result.patched_files).toEqual(['src/server/run.js']);
  expect(task.result).toMatchObject({ modified_files: [], files_modified: 0 });
});

it('links a patch over 64 KiB from the result instead of putting it there; the patch route serves it whole', async () => {
  const user = await registerUser(api, 'ws-large');
  const big = Array.from({ length: 2500 }, (_, i) => `export const value${i} = ${i}; // a line of generated data`).join('\n') + '\n';
  const id = await execute(user, { task: 'Review', agent_type: 'general', context: { repository: repoUrl, files: [{ path: 'src/generated/data.ts', content: big }] } });
  const task = await finished(user, id);
  expect(task.status).toBe('completed');
  expect(task.result.patch).toBeUndefined();
  expect(task.result.patch_url).toBe(`/v1/agents/tasks/${id}/patch`);
  expect(task.result.patch_bytes).toBeGreaterThan(64 * 1024);
  const served = await api.request('GET', `/v1/agents/tasks/${id}/patch`, { token: user.access });
  expect(Buffer.byteLength(served.text)).toBe(task.result.patch_bytes);
  expect(served.text).toContain('+export const value2499 = 2499;');
});

it('a sequential orchestration: the second agent starts from the tree the first left; the figures come from the final patch', async () => {
  const user = await registerUser(api, 'ws-seq');
  const res = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'Test and review', strategy: 'sequential', agents: ['test_gen', 'security_expert'], context: { repository: repoUrl } },
  });
  expect(res.status).toBe(202);
  const done = await eventually(async () => {
    const o = await api.request('GET', `/v1/agents/orchestrations/${res.body.orchestration_id}`, { token: user.access });
    return ['completed', 'failed', 'cancelled'].includes(o.body.status) ? o.body : undefined;
  }, 120_000, 'the orchestration to end');
  expect(done.status).toBe('completed');
  const [first, second] = await Promise.all(done.agents.map(async (a: { task_id: string }) => (await api.request('GET', `/v1/agents/tasks/${a.task_id}`, { token: user.access })).body));
  const tests = ['src/math.test.ts', 'src/server/db.test.js'];
  expect(first.result.patched_files).toEqual(tests);
  // The second read the first's test files too, and its patch (against the same commit) keeps them.
  expect(second.result.workspace).toEqual({ base_sha: head, files_read: 6, files_skipped: 1, continued_from: first.task_id });
  expect(second.result.patched_files).toEqual(tests);
  // …but they are the first agent's work, not the second's.
  expect(second.result).toMatchObject({ modified_files: [], files_modified: 0, tests_generated: 0 });
  expect(done.aggregated_result).toMatchObject({
    files_modified: 2,
    tests_generated: 3,
    security_issues: expect.any(Number),
    patches: [{ task_id: second.task_id, builds_on: [first.task_id], files: tests, patch_url: `/v1/agents/tasks/${second.task_id}/patch` }],
    conflicts: [],
  });
  expect(done.aggregated_result.security_issues).toBeGreaterThanOrEqual(1);
});

it('a parallel orchestration: each agent starts from the checkout, and the result says which patches conflict', async () => {
  const user = await registerUser(api, 'ws-par');
  const res = await api.request('POST', '/v1/agents/orchestrate', {
    token: user.access,
    body: { goal: 'Tests twice', strategy: 'parallel', agents: ['test_gen', 'test_gen', 'security_expert'], context: { repository: repoUrl } },
  });
  const done = await eventually(async () => {
    const o = await api.request('GET', `/v1/agents/orchestrations/${res.body.orchestration_id}`, { token: user.access });
    return ['completed', 'failed', 'cancelled'].includes(o.body.status) ? o.body : undefined;
  }, 120_000, 'the orchestration to end');
  expect(done.status).toBe('completed');
  const [a, b] = done.agents.map((x: { task_id: string }) => x.task_id);
  expect(done.aggregated_result.conflicts).toEqual([{ task_ids: [a, b], files: ['src/math.test.ts', 'src/server/db.test.js'] }]);
  expect(done.aggregated_result.files_modified).toBe(2);
  expect(done.aggregated_result.tests_generated).toBe(6);
});

it('fails the task with a clear error and no retries for a missing branch or repository; refuses a URL the policy forbids', async () => {
  const user = await registerUser(api, 'ws-errors');
  const noBranch = await finished(user, await execute(user, { task: 'x', agent_type: 'general', context: { repository: repoUrl, branch: 'no-such-branch' } }));
  expect(noBranch).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'BRANCH_NOT_FOUND' } });
  expect(noBranch.error.message).toMatch(/no-such-branch/);
  const noRepo = await finished(user, await execute(user, { task: 'x', agent_type: 'general', context: { repository: `${server.url}/missing.git` } }));
  expect(noRepo).toMatchObject({ status: 'failed', attempts: 1, error: { code: 'REPOSITORY_NOT_FOUND' } });
  expect(noRepo.error.message).toMatch(/not found|does not exist/i);

  for (const repository of ['file:///etc', 'https://user:secret@example.com/r.git', 'http://127.0.0.2:9/r.git']) {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', context: { repository } } });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details.field).toBe('context.repository');
  }
  const orch = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'x', strategy: 'parallel', agents: ['general'], context: { repository: 'ssh://git@example.com/r.git' } } });
  expectError(orch, 400, 'INVALID_REQUEST');
  expect(orch.body.error.details.field).toBe('context.repository');

  // An orchestration on a missing branch fails with the same code its agents did.
  // Two agents: fail-fast cancels one when the other fails; the code is the failure's, not the cancellation's.
  const parallel = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'x', strategy: 'parallel', agents: ['general', 'code_expert', 'general'], context: { repository: repoUrl, branch: 'no-such-branch' } } });
  expect(parallel.status).toBe(202);
  const ended = await eventually(async () => {
    const o = await api.request('GET', `/v1/agents/orchestrations/${parallel.body.orchestration_id}`, { token: user.access });
    return o.body.status === 'in_progress' ? undefined : o.body;
  }, 60_000, 'the orchestration to end');
  expect(ended).toMatchObject({ status: 'failed', error: { code: 'BRANCH_NOT_FOUND' } });
});

it('a task cancelled while its repository is being fetched stops there: its agent never starts', async () => {
  const user = await registerUser(api, 'ws-cancel-checkout');
  const before = server.requests.length;
  // The host holds git's requests: the checkout cannot end until the test lets it.
  const release = server.hold('/service.git/git-upload-pack');
  try {
    const id = await execute(user, { task: 'Review', agent_type: 'security_expert', context: { repository: repoUrl } });
    await eventually(async () => (server.requests.slice(before).some((r) => r.startsWith('POST /service.git/git-upload-pack')) ? true : undefined), 30_000, 'git to ask the host');
    const cancel = await api.request('DELETE', `/v1/agents/tasks/${id}`, { token: user.access });
    expect([200, 202]).toContain(cancel.status);
    // Cancelled while the host still holds the fetch: the checkout did not have to end first.
    const task = await finished(user, id);
    expect(task).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(task.result ?? null).toBeNull();
    const sse = await collectSse(`${api.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}` });
    const messages = sse.events.map((e) => e.data);
    expect(messages.map((m) => String((m.data as { message?: string } | undefined)?.message ?? '')).filter((m) => /Checked out/.test(m))).toEqual([]);
    expect(messages.at(-1)).toMatchObject({ type: 'error', error: { code: 'CANCELLED' } });
  } finally {
    release();
  }
  // The repository is not left half-fetched: the next task checks it out and completes.
  const next = await finished(user, await execute(user, { task: 'Review', agent_type: 'security_expert', context: { repository: repoUrl } }));
  expect(next.status).toBe('completed');
});

it('refuses, before anything is stored or charged, file paths outside the checkout and a branch without a repository', async () => {
  const user = await registerUser(api, 'ws-paths');
  const before = (await api.request('GET', '/v1/auth/me', { token: user.access })).body.usage.requests_this_month;
  for (const bad of ['../../../tmp/x.py', '/etc/x.py', '.git/config', '.GIT/config', 'src/.Git/hooks/pre-commit', 'src/../../x', 'C:/x.py']) {
    const res = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', agent_type: 'test_gen', context: { repository: repoUrl, files: [{ path: 'ok.py', content: '' }, { path: bad, content: 'x' }] } } });
    expectError(res, 400, 'INVALID_REQUEST');
    expect({ bad, field: res.body.error.details.field }).toEqual({ bad, field: 'context.files.1.path' });
  }
  const orch = await api.request('POST', '/v1/agents/orchestrate', { token: user.access, body: { goal: 'x', strategy: 'parallel', agents: ['general'], context: { repository: repoUrl, files: [{ path: '../x', content: '' }] } } });
  expect(orch.body.error?.details?.field).toBe('context.files.0.path');
  const twice = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', context: { repository: repoUrl, files: [{ path: 'a.py', content: '' }, { path: './a.py', content: '' }] } } });
  expectError(twice, 400, 'INVALID_REQUEST');
  expect(twice.body.error.details.field).toBe('context.files.1.path');
  // A file and a folder of the same name cannot both be laid over the checkout.
  const clash = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', context: { repository: repoUrl, files: [{ path: 'x', content: '' }, { path: 'x/y', content: '' }] } } });
  expectError(clash, 400, 'INVALID_REQUEST');
  expect(clash.body.error.details.field).toBe('context.files.1.path');
  const branchOnly = await api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'x', context: { branch: 'main', files: [{ path: 'a.py', content: '' }] } } });
  expectError(branchOnly, 400, 'INVALID_REQUEST');
  expect(branchOnly.body.error.details.field).toBe('context.branch');
  expect((await api.request('GET', '/v1/agents/tasks', { token: user.access })).body.tasks).toEqual([]);
  expect((await api.request('GET', '/v1/auth/me', { token: user.access })).body.usage.requests_this_month).toBe(before);
});

it('never writes through a symbolic link of the repository: the task fails, nothing lands outside the checkout', async () => {
  const user = await registerUser(api, 'ws-links');
  const outside = mkdtempSync(path.join(os.tmpdir(), 'codex-outside-'));
  const outsideFile = path.join(outside, 'precious.txt');
  writeFileSync(outsideFile, 'ORIGINAL\n');
  // A repository whose links point out of it: a folder, a file, and the folder test_gen writes to.
  const linked = new WorkRepo({ branch: 'main' });
  try {
    // Python sources: test_gen writes their tests under tests/, here a link out of the repository.
    linked.commit('Links out', AUTHOR, { 'app/util.py': 'def add(a, b):\n    return a + b\n' });
    symlinkSync(outside, path.join(linked.dir, 'outside_dir'));
    symlinkSync(outsideFile, path.join(linked.dir, 'outside_file.txt'));
    symlinkSync(outside, path.join(linked.dir, 'tests'));
    linked.git(['add', '-A']);
    linked.git(['commit', '--quiet', '-m', 'links'], { GIT_AUTHOR_NAME: AUTHOR.name, GIT_AUTHOR_EMAIL: AUTHOR.email, GIT_COMMITTER_NAME: AUTHOR.name, GIT_COMMITTER_EMAIL: AUTHOR.email });
    linked.publish(served, 'links');
  } finally {
    linked.remove();
  }
  const url = `${server.url}/links.git`;
  const throughDir = await finished(user, await execute(user, { task: 'x', agent_type: 'security_expert', context: { repository: url, files: [{ path: 'outside_dir/pwned.txt', content: 'x' }] } }));
  expect(throughDir).toMatchObject({ status: 'failed' });
  expect(throughDir.error.message).toMatch(/symbolic link/);
  const overFile = await finished(user, await execute(user, { task: 'x', agent_type: 'security_expert', context: { repository: url, files: [{ path: 'outside_file.txt', content: 'OVERWRITTEN\n' }] } }));
  expect(overFile).toMatchObject({ status: 'failed' });
  const tests = await finished(user, await execute(user, { task: 'Write tests', agent_type: 'test_gen', context: { repository: url } }));
  expect(tests.status).toBe('failed');
  expect(tests.error.message).toMatch(/symbolic link/);
  expect(readdirSync(outside)).toEqual(['precious.txt']);
  expect(readFileSync(outsideFile, 'utf8')).toBe('ORIGINAL\n');
  rmSync(outside, { recursive: true, force: true });
});

it('removes the run folders a dead worker left, and never a live worker’s', async () => {
  const root = mkdtempSync(path.join(os.tmpdir(), 'codex-sweep-'));
  try {
    const dead = path.join(root, 'codex-agent-dead');
    const live = path.join(root, 'codex-agent-live');
    for (const [dir, pid] of [[dead, '2147483646'], [live, String(process.pid)]] as const) {
      mkdirSync(path.join(dir, 'workspace'), { recursive: true });
      writeFileSync(path.join(dir, 'worker.pid'), pid);
    }
    expect(await sweepOrphanedRunDirs(root)).toBe(1);
    expect([existsSync(dead), existsSync(live)]).toEqual([false, true]);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
