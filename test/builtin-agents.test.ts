import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { VULNERABLE_JS } from './support/samples';
import { collectWebSocket, eventually } from './support/stream-client';
import { startTestWorkers, testSettings, type TestWorkers } from './support/worker-harness';

/** The built-in agents through the whole path: API → workflow → local agent process → result. */
let api: TestApi;
let workers: TestWorkers;

beforeAll(async () => {
  const settings = testSettings();
  [api, workers] = await Promise.all([startTestApi(settings), startTestWorkers(settings)]);
});

afterAll(async () => {
  await workers?.stop();
  await api?.close();
});

const vulnerable = VULNERABLE_JS;

it('security_expert finds the vulnerabilities with file, line, severity and suggestion', async () => {
  const user = await registerUser(api, 'builtin');
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'Review this code for security vulnerabilities', agent_type: 'security_expert', context: { files: [{ path: 'src/db.js', content: vulnerable }] } },
  });
  expect(res.status).toBe(202);
  const stream = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${res.body.task_id}/stream?token=${user.access}`);
  expect(stream.messages.filter((m) => m.type === 'progress').length).toBeGreaterThanOrEqual(2);
  const final = stream.messages.at(-1)!;
  expect(final).toMatchObject({ type: 'result', status: 'completed' });
  const findings = (final.result as { findings: { rule_id: string; line: number; file: string; severity: string; suggestion: string }[] }).findings;
  expect(findings).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ rule_id: 'sql-injection', file: 'src/db.js', line: 3, severity: 'high', suggestion: expect.any(String) }),
      expect.objectContaining({ rule_id: 'command-injection', file: 'src/db.js', line: 6 }),
    ]),
  );
  const task = await eventually(async () => {
    const t = await api.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access });
    return t.body.status === 'completed' ? t.body : undefined;
  });
  expect(task.tokens_used).toEqual({ prompt: 0, completion: 0, total: 0 });
  expect(task.cost_usd).toBe(0);
});

it('test_gen writes test skeletons for the exported functions', async () => {
  const user = await registerUser(api, 'testgen');
  const res = await api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'Write tests', agent_type: 'test_gen', context: { files: [{ path: 'src/math.ts', content: 'export function add(a: number, b: number) {\n  return a + b;\n}\n' }] } },
  });
  const stream = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/${res.body.task_id}/stream?token=${user.access}`);
  const result = stream.messages.at(-1)!.result as { tests_generated: number; files: { path: string; content: string }[] };
  expect(result.tests_generated).toBe(1);
  expect(result.files[0]!.content).toContain('add(');
  // Without a repository too, the change comes back as a patch against the files sent.
  const task = (await api.request('GET', `/v1/agents/tasks/${res.body.task_id}`, { token: user.access })).body;
  expect(task.result).toMatchObject({ files_modified: 1, modified_files: [result.files[0]!.path], patched_files: [result.files[0]!.path] });
  const patch = await api.request('GET', `/v1/agents/tasks/${res.body.task_id}/patch`, { token: user.access });
  expect(patch.status).toBe(200);
  expect(patch.headers.get('content-type')).toMatch(/^text\/x-diff/);
  expect(patch.text).toBe(task.result.patch);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'codex-testgen-'));
  try {
    mkdirSync(path.join(dir, 'src'));
    writeFileSync(path.join(dir, 'src', 'math.ts'), 'export function add(a: number, b: number) {\n  return a + b;\n}\n');
    writeFileSync(path.join(dir, 'tests.diff'), patch.text);
    execFileSync('git', ['apply', 'tests.diff'], { cwd: dir });
    expect(readFileSync(path.join(dir, result.files[0]!.path), 'utf8')).toBe(result.files[0]!.content);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
