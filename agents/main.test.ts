/**
 * The agent program end to end: spawned as an executor spawns it, with the protocol read
 * back from its stdout, and a small OpenAI-compatible server on 127.0.0.1 standing in for
 * the model.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseAgentLine, type AgentLine, type AgentSpecInput } from './protocol';
import { listAgentTypes } from './registry';

jest.setTimeout(30_000);

const ROOT = path.resolve(__dirname, '..');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'agent-program-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface ProgramRun {
  lines: AgentLine[];
  stdout: string;
  stderr: string;
  code: number | null;
}

interface RunOptions {
  env?: Record<string, string>;
  /** Instead of `--spec`: `env` passes AGENT_SPEC_PATH, `stdin` pipes the spec. */
  via?: 'argv' | 'env' | 'stdin';
  onLine?: (line: AgentLine, child: ChildProcess) => void;
  /** Run as the local executor does: AGENT_LIFELINE=stdin, stdin left open (the test may close it). */
  lifeline?: boolean;
}

let specCount = 0;

/** Runs `node --import tsx agents/main.ts` on a spec; every stdout line must parse as protocol. */
function runProgram(spec: AgentSpecInput | string, options: RunOptions = {}): Promise<ProgramRun> {
  const text = typeof spec === 'string' ? spec : JSON.stringify(spec);
  const specPath = path.join(dir, `spec-${++specCount}.json`);
  writeFileSync(specPath, text);
  const via = options.via ?? 'argv';
  const child = spawn(process.execPath, ['--import', 'tsx', 'agents/main.ts', ...(via === 'argv' ? ['--spec', specPath] : [])], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      ...(via === 'env' ? { AGENT_SPEC_PATH: specPath } : {}),
      ...(options.lifeline ? { AGENT_LIFELINE: 'stdin' } : {}),
      ...options.env,
    },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (via === 'stdin') child.stdin.end(text);
  else if (!options.lifeline) child.stdin.end();
  let stdout = '';
  let stderr = '';
  let pending = '';
  const lines: AgentLine[] = [];
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    pending += chunk;
    let newline;
    while ((newline = pending.indexOf('\n')) !== -1) {
      const line = parseAgentLine(pending.slice(0, newline));
      pending = pending.slice(newline + 1);
      lines.push(line);
      options.onLine?.(line, child);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  // A hung program fails its test with what it wrote, instead of running into jest's timeout.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(deadline);
      resolve({ lines, stdout, stderr, code });
    });
  });
}

const FILES = [
  {
    path: 'src/db.ts',
    content: [
      'export async function byId(db: Db, id: string) {',
      '  return db.query(`SELECT * FROM users WHERE id = ${id}`);',
      '}',
      'const password = "hunter2!";',
      '',
    ].join('\n'),
  },
  { path: 'app/run.py', content: 'import os\n\n\ndef run(d):\n    os.system(f"ls {d}")\n' },
  { path: 'main.go', content: 'package main\n\nfunc main() {}\n' },
];

function spec(overrides: Partial<AgentSpecInput> = {}): AgentSpecInput {
  return { task_id: 'task_TEST1', agent_type: 'security_expert', task: 'Review this code for security vulnerabilities', context: { files: FILES }, ...overrides };
}

function expectWellFormed(run: ProgramRun): void {
  const progress = run.lines.filter((l) => l.type === 'progress');
  const values = progress.map((l) => (l.type === 'progress' ? l.progress : -1));
  expect(values.length).toBeGreaterThanOrEqual(2);
  values.forEach((v, i) => {
    expect(Number.isInteger(v)).toBe(true);
    expect(v).toBeGreaterThanOrEqual(0);
    expect(v).toBeLessThanOrEqual(100);
    if (i > 0) expect(v).toBeGreaterThan(values[i - 1] ?? -1);
  });
  const finals = run.lines.filter((l) => l.type !== 'progress');
  expect(finals).toHaveLength(1);
  expect(run.lines[run.lines.length - 1]).toBe(finals[0]);
}

describe('agent program: protocol', () => {
  it('reports increasing progress, then one result, and exits 0', async () => {
    const run = await runProgram(spec());
    expectWellFormed(run);
    expect(run.code).toBe(0);
    const final = run.lines[run.lines.length - 1];
    expect(final).toMatchObject({
      type: 'result',
      tokens_used: { prompt: 0, completion: 0, total: 0 },
      cost_usd: 0,
      // run.py's `d` and db.ts's `id` are parameters of ordinary functions: their origin is
      // unknown, so the command and the query built from them are medium (critical and high are
      // for input that comes from a request).
      result: { summary: 'Found 1 high, 2 medium severity issues in 3 files (TypeScript, Python, Go).', security_issues: 3 },
    });
    if (final?.type !== 'result') throw new Error('expected a result');
    expect(final.result.findings.map((f) => `${f.file}:${f.line}:${f.rule_id}`)).toEqual([
      'src/db.ts:4:hardcoded-secret',
      'app/run.py:5:command-injection',
      'src/db.ts:2:sql-injection',
    ]);
    expect(final.result.model_output).toBeUndefined();
  });

  it.each(listAgentTypes().map((a) => a.type))('runs the %s agent', async (agentType) => {
    const run = await runProgram(spec({ agent_type: agentType }));
    expectWellFormed(run);
    expect(run.code).toBe(0);
    expect(run.lines[run.lines.length - 1]?.type).toBe('result');
  });

  it('defaults to the general agent and answers an empty file set gracefully', async () => {
    const run = await runProgram({ task_id: 'task_EMPTY', task: 'What does this do?' });
    expect(run.code).toBe(0);
    expect(run.lines[0]).toEqual({ type: 'progress', progress: 1, message: 'Starting general on 0 files' });
    expect(run.lines[run.lines.length - 1]).toMatchObject({ type: 'result', result: { summary: expect.stringMatching(/^Nothing to analyse/), findings: [] } });
  });

  it('reads the spec from AGENT_SPEC_PATH and from stdin', async () => {
    for (const via of ['env', 'stdin'] as const) {
      const run = await runProgram(spec({ agent_type: 'code_expert' }), { via });
      expect(run.code).toBe(0);
      expect(run.lines[run.lines.length - 1]?.type).toBe('result');
    }
  });

  it.each([
    ['malformed JSON', '{"task_id": "t", '],
    ['a missing task', JSON.stringify({ task_id: 'task_X', agent_type: 'general' })],
    ['an unknown agent type', JSON.stringify({ task_id: 'task_X', agent_type: 'poet', task: 'x' })],
    ['a bad review threshold', JSON.stringify({ task_id: 'task_X', agent_type: 'code_expert', task: 'x', context: { max_function_lines: 0 } })],
  ])('answers %s with INVALID_SPEC and exit 1', async (_, text) => {
    const run = await runProgram(text);
    expect(run.code).toBe(1);
    expect(run.lines[run.lines.length - 1]).toMatchObject({ type: 'error', code: 'INVALID_SPEC', retryable: false });
    expect(run.lines.filter((l) => l.type !== 'progress')).toHaveLength(1);
  });

  it('answers a missing spec file with INVALID_SPEC', async () => {
    const run = await runProgram(spec(), { via: 'env', env: { AGENT_SPEC_PATH: path.join(dir, 'missing.json') } });
    expect(run.code).toBe(1);
    expect(run.lines).toEqual([expect.objectContaining({ type: 'error', code: 'INVALID_SPEC', message: expect.stringContaining('ENOENT') })]);
  });
});

// ---------------------------------------------------------------- the model

interface RecordedRequest {
  url: string;
  headers: IncomingHttpHeaders;
  body: {
    model?: string;
    max_tokens?: number;
    temperature?: number;
    messages?: { role: string; content: string }[];
  };
}

const API_KEY = 'sk-test-0123456789abcdef';
let server: Server;
let baseUrl: string;
let requests: RecordedRequest[] = [];
let respond: (res: ServerResponse) => void;

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8').on('data', (chunk: string) => (body += chunk));
    req.on('end', () => {
      requests.push({ url: req.url ?? '', headers: req.headers, body: JSON.parse(body || '{}') as RecordedRequest['body'] });
      respond(res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = [];
});

function json(status: number, body: unknown) {
  return (res: ServerResponse): void => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

const MODEL_ANSWER = [
  'The query in src/db.ts is injectable, and the shell call too.',
  '```json',
  JSON.stringify([
    { severity: 'high', title: 'SQL injection', description: 'dup of static', file: 'src/db.ts', line: 2, suggestion: 'bind', rule_id: 'sqli' },
    { severity: 'Medium', title: 'Missing authorization', description: 'byId returns any user', file: 'src/db.ts', line: 1, suggestion: 'check ownership', rule_id: 'authz' },
    { severity: 'severe', title: 'dropped: not a severity' },
  ]),
  '```',
].join('\n');

function modelEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    LLM_BASE_URL: baseUrl,
    LLM_API_KEY: API_KEY,
    LLM_MODEL: 'test-model',
    LLM_PRICE_PROMPT_PER_1K: '0.01',
    LLM_PRICE_COMPLETION_PER_1K: '0.03',
    ...extra,
  };
}

describe('agent program: the model', () => {
  it('asks the model, merges its findings and reports its usage and cost', async () => {
    respond = json(200, {
      choices: [{ message: { role: 'assistant', content: MODEL_ANSWER } }],
      usage: { prompt_tokens: 1200, completion_tokens: 300, total_tokens: 1500 },
    });
    const run = await runProgram(spec({ max_tokens: 777, temperature: 0.2 }), { env: modelEnv() });
    expectWellFormed(run);
    expect(run.code).toBe(0);

    expect(requests).toHaveLength(1);
    const request = requests[0];
    expect(request?.url).toBe('/v1/chat/completions');
    expect(request?.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(request?.body).toMatchObject({ model: 'test-model', max_tokens: 777, temperature: 0.2 });
    expect(request?.body.messages?.map((m) => m.role)).toEqual(['system', 'user']);
    expect(request?.body.messages?.[0]?.content).toMatch(/security engineer/);
    expect(request?.body.messages?.[1]?.content).toContain('Task: Review this code for security vulnerabilities');
    expect(request?.body.messages?.[1]?.content).toContain('os.system(f"ls {d}")');

    const final = run.lines[run.lines.length - 1];
    if (final?.type !== 'result') throw new Error('expected a result');
    expect(final.tokens_used).toEqual({ prompt: 1200, completion: 300, total: 1500 });
    expect(final.cost_usd).toBeCloseTo(1.2 * 0.01 + 0.3 * 0.03, 10);
    expect(final.result.model_output).toBe(MODEL_ANSWER);
    // The model's duplicate of a static finding is dropped; its new one is added.
    expect(final.result.findings.filter((f) => f.rule_id.startsWith('llm:'))).toEqual([
      { severity: 'medium', title: 'Missing authorization', description: 'byId returns any user', file: 'src/db.ts', line: 1, suggestion: 'check ownership', rule_id: 'llm:authz' },
    ]);
    expect(final.result.summary).toBe('Found 1 high, 3 medium severity issues in 3 files (TypeScript, Python, Go).');
    expect(run.stdout).not.toContain(API_KEY);
    expect(run.stderr).not.toContain(API_KEY);
  });

  it('lets the spec choose the model', async () => {
    respond = json(200, { choices: [{ message: { content: 'fine' } }] });
    const run = await runProgram(spec({ model: 'spec-model' }), { env: modelEnv() });
    expect(run.code).toBe(0);
    expect(requests[0]?.body.model).toBe('spec-model');
    expect(run.lines[run.lines.length - 1]).toMatchObject({ tokens_used: { prompt: 0, completion: 0, total: 0 }, cost_usd: 0 });
  });

  it.each([
    [500, true],
    [503, true],
    [429, true],
    [400, false],
    [401, false],
  ])('turns HTTP %i into LLM_ERROR with retryable %s, never showing the key', async (status, retryable) => {
    respond = json(status, { error: { message: `rejected key ${API_KEY}` } });
    const run = await runProgram(spec(), { env: modelEnv() });
    expect(run.code).toBe(1);
    const final = run.lines[run.lines.length - 1];
    expect(final).toMatchObject({ type: 'error', code: 'LLM_ERROR', retryable, message: expect.stringContaining(`HTTP ${status}`) });
    expect(run.stdout).not.toContain(API_KEY);
    expect(run.stderr).not.toContain(API_KEY);
  });

  it('treats an unreachable endpoint as a retryable LLM_ERROR', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const run = await runProgram(spec(), { env: modelEnv({ LLM_BASE_URL: `http://127.0.0.1:${port}/v1` }) });
    expect(run.code).toBe(1);
    expect(run.lines[run.lines.length - 1]).toMatchObject({ type: 'error', code: 'LLM_ERROR', retryable: true });
  });

  it('stops at once, writing nothing more, when its launcher dies (the stdin lifeline closes)', async () => {
    respond = () => undefined; // the model never answers: without the lifeline the run would hang
    const run = await runProgram(spec(), {
      env: modelEnv(),
      lifeline: true,
      onLine: (line, child) => {
        if (line.type === 'progress' && line.message.startsWith('Asking the model')) child.stdin!.destroy();
      },
    });
    expect(run.code).toBe(1);
    expect(run.lines.every((l) => l.type === 'progress')).toBe(true);
    expect(run.stderr).toContain('the launcher is gone');
  });

  it('keeps running with its lifeline open, and reads a spec piped to stdin despite AGENT_LIFELINE', async () => {
    respond = json(200, { choices: [{ message: { content: '[]' } }], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } });
    const held = await runProgram(spec(), { env: modelEnv(), lifeline: true });
    expect(held.code).toBe(0);
    expect(held.lines.at(-1)).toMatchObject({ type: 'result' });
    const piped = await runProgram(spec(), { via: 'stdin', env: { AGENT_LIFELINE: 'stdin' } });
    expect(piped.code).toBe(0);
    expect(piped.lines.at(-1)).toMatchObject({ type: 'result' });
  });

  it('on SIGTERM flushes the findings so far as a CANCELLED line and exits 143', async () => {
    // The model never answers, so the run is certainly still going when the signal comes.
    respond = () => undefined;
    const run = await runProgram(spec(), {
      env: modelEnv(),
      onLine: (line, child) => {
        if (line.type === 'progress' && line.message.startsWith('Asking the model')) child.kill('SIGTERM');
      },
    });
    expect(run.code).toBe(143);
    const final = run.lines[run.lines.length - 1];
    expect(run.lines.filter((l) => l.type !== 'progress')).toHaveLength(1);
    expect(final).toMatchObject({ type: 'error', code: 'CANCELLED', message: 'Stopped by SIGTERM' });
    if (final?.type !== 'error' || final.code !== 'CANCELLED') throw new Error('expected CANCELLED');
    expect(final.partial_result.findings.map((f) => f.rule_id).sort()).toEqual(['command-injection', 'hardcoded-secret', 'sql-injection']);
  });
});
