import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { registerUser, type TestApi } from './support/api-harness';
import { startTestStack, type TestStack } from './support/test-stack';
import { TRIVIAL_AGENT } from './support/worker-harness';

/**
 * The OpenAPI document is the contract: schemathesis (PyPI, installed by set-up into .tools/)
 * reads /v1/openapi.json from the real stack and tries every operation with examples, boundary
 * values and fuzzed data, then follows the document's links (a task it created, then read, then
 * cancelled…). Any 5xx, an undocumented status, a response that breaks its schema, a valid request
 * refused or an invalid one accepted, or a wrong answer to an unsupported method fails the test.
 * A fixed seed and a bounded budget keep it repeatable.
 */
let stack: TestStack;
let api: TestApi;

beforeAll(async () => {
  // Limits on, so 429 and the X-RateLimit headers are part of what is checked; high enough for
  // the fuzzer's own pace (the enterprise user's 10,000 a minute; register and login from one address).
  stack = await startTestStack({
    LOCAL_AGENT_COMMAND: TRIVIAL_AGENT,
    RATE_LIMIT_ENABLED: 'true',
    AUTH_RATE_LIMIT_PER_IP: '100000',
    AUTH_RATE_LIMIT_PER_EMAIL: '100000',
    // Visualizations the fuzzer starts run (and end) like any other.
    WORKER_QUEUES: 'general,agents,analysis',
    REPOSITORY_CACHE_DIR: mkdtempSync(path.join(os.tmpdir(), 'codex-fuzz-cache-')),
  });
  api = stack.api;
});

afterAll(async () => {
  await stack?.close();
});

it('finds nothing wrong with any operation of the document', async () => {
  const user = await registerUser(api, 'fuzz');
  await stack.db.updateTable('users').set({ tier: 'enterprise' }).where('id', '=', user.id).execute();
  // An API key: the fuzzer's logout then cannot end the session it works with.
  const key = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'fuzzer' } });
  expect(key.status).toBe(201);
  const reports = mkdtempSync(path.join(os.tmpdir(), 'codex-fuzz-'));
  let keep = false;
  try {
    const args = [
      '--config-file',
      path.join(__dirname, 'schemathesis.toml'),
      '--no-color',
      'run',
      `${api.url}/v1/openapi.json`,
      '--checks',
      'all',
      // DELETE on a task or an orchestration cancels it (API.md): the record, status `cancelled`,
      // stays readable by design, which this check (made for a DELETE that removes) calls a failure.
      '--exclude-checks',
      'use_after_free',
      '--phases',
      'examples,coverage,fuzzing,stateful',
      '--report',
      'json,vcr',
      '--report-dir',
      reports,
    ];
    const result = await promisify(execFile)(process.env.SCHEMATHESIS_PATH!, args, { cwd: reports, env: { ...process.env, CODEX_FUZZ_API_KEY: key.body.key as string }, maxBuffer: 64 * 1024 * 1024, timeout: 540_000 }).then(
      (r) => ({ code: 0, output: r.stdout + r.stderr }),
      (err: { code?: number; stdout?: string; stderr?: string }) => ({ code: err.code ?? 1, output: `${err.stdout ?? ''}${err.stderr ?? ''}` }),
    );
    // On failure, the fuzzer's own report: each failure with its curl to reproduce it; the
    // reports (every request and answer as a VCR cassette) stay in the folder named here.
    if (result.code !== 0) keep = true;
    expect({ code: result.code, reports, report: result.code === 0 ? '' : result.output.slice(-20_000) }).toEqual({ code: 0, reports, report: '' });
    // The run reached every operation it selected and every phase ran (not skipped).
    const report = JSON.parse(readFileSync(path.join(reports, readdirSync(reports).find((f) => f.endsWith('.json'))!), 'utf8')) as {
      operations: { selected: number; tested: number; errored: number };
      phases: Record<string, { status: string }>;
      test_cases: { with_failures: number; errored: number };
    };
    expect(report.operations.tested).toBe(report.operations.selected);
    expect(report.operations.errored).toBe(0);
    expect(report.test_cases).toMatchObject({ with_failures: 0, errored: 0 });
    expect(Object.fromEntries(Object.entries(report.phases).map(([phase, p]) => [phase, p.status]))).toEqual({
      examples: 'success',
      coverage: 'success',
      fuzzing: 'success',
      stateful: 'success',
    });
  } finally {
    if (!keep) rmSync(reports, { recursive: true, force: true });
  }
}, 600_000);
