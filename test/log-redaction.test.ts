import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { createLogger } from '../lib/logger';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';

/** Secrets never reach logs: every credential a request can carry is used, then the log is searched. */
let api: TestApi;
const lines: string[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  api = await startTestApi({ LOG_LEVEL: 'trace' }, { logTo: sink });
});

afterAll(async () => {
  await api?.close();
});

it('logs requests without passwords, tokens or API keys', async () => {
  const user = await registerUser(api, 'redact');
  await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: user.password } });
  await api.request('POST', '/v1/auth/login', { body: { email: user.email, password: 'wrong-password-123' } });
  const key = (await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'k' } })).body.key as string;
  await api.request('GET', '/v1/auth/me', { apiKey: key });
  await api.request('GET', '/v1/auth/me', { apiKey: `${key.slice(0, -4)}XXXX` });
  await api.request('POST', '/v1/auth/refresh', { body: { refresh_token: user.refresh } });
  await api.request('GET', `/v1/agents/tasks?token=${user.access}`, { token: user.access });
  // A stream handshake with the token in the query string (refused: no such task).
  await new Promise<void>((resolve) => {
    const ws = new WebSocket(`${api.url.replace('http', 'ws')}/v1/agents/tasks/task_0000000000000000/stream?token=${user.access}`);
    ws.on('unexpected-response', () => resolve());
    ws.on('error', () => resolve());
  });

  // A share link's token, as a header and as a page path (neither names a live share here).
  const shareToken = 'S'.repeat(43);
  await api.request('GET', '/v1/visualize/viz_0000000000000000', { headers: { 'x-share-token': shareToken } });
  await api.request('GET', `/shared/${shareToken}?embed=1`);

  const log = lines.join('');
  expect(log).not.toContain(shareToken);
  expect(log).toContain('"url":"/shared/[Redacted]?embed=1"');
  expect(lines.length).toBeGreaterThan(8);
  expect(log).toContain('"url":"/v1/agents/tasks?token=[Redacted]"');
  for (const secret of [user.password, 'wrong-password-123', user.access, user.refresh, key, key.slice(0, -4)]) {
    expect(log).not.toContain(secret);
  }
});

it("keeps Temporal's activity task tokens out of the worker's log", () => {
  const out: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      out.push(chunk.toString());
      done();
    },
  });
  const logger = createLogger({ level: 'info', name: 'worker', destination: sink });
  // The shape of the SDK's "Activity failed" record, as the worker's runtime logger passes it on.
  logger.warn({ sdkComponent: 'worker', activityType: 'runAgent', taskToken: 'CiQwMWEyMDY1Yi1TOKEN', attempt: 1 }, 'Activity failed');
  logger.warn({ activity: { taskToken: 'CiQwMWEyMDY1Yi1NESTED' } }, 'nested');
  const log = out.join('');
  expect(log).toContain('"taskToken":"[Redacted]"');
  expect(log).not.toContain('CiQwMWEyMDY1Yi1TOKEN');
  expect(log).not.toContain('CiQwMWEyMDY1Yi1NESTED');
  expect(log).toContain('"activityType":"runAgent"');
});
