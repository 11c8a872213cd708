import { parseConfig, type Config } from '../../config/env';
import { startApi, type RunningApi } from '../../api/server';
import type { DestinationStream } from 'pino';
import { createLogger } from '../../lib/logger';

/** A real API process-in-a-test: real Postgres and Temporal from the jest global setup. */
export interface TestApi extends RunningApi {
  config: Config;
  request(method: string, path: string, options?: RequestOptions): Promise<TestResponse>;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is (for malformed JSON tests). */
  rawBody?: string;
  token?: string;
  apiKey?: string;
  headers?: Record<string, string>;
}

export interface TestResponse {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function startTestApi(overrides: Record<string, string> = {}, options: { logTo?: DestinationStream } = {}): Promise<TestApi> {
  const config = parseConfig({ ...process.env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent', ...overrides });
  const api = await startApi(config, createLogger({ level: config.LOG_LEVEL, name: 'api-test', destination: options.logTo }));
  return {
    ...api,
    config,
    async request(method, path, options = {}) {
      const headers: Record<string, string> = { ...options.headers };
      let body: string | undefined;
      if (options.rawBody !== undefined) {
        body = options.rawBody;
        headers['content-type'] ??= 'application/json';
      } else if (options.body !== undefined) {
        body = JSON.stringify(options.body);
        headers['content-type'] ??= 'application/json';
      }
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      if (options.apiKey) headers['x-api-key'] = options.apiKey;
      const res = await fetch(api.url + path, { method, headers, body });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON: `text` has it
      }
      return { status: res.status, headers: res.headers, body: parsed, text };
    },
  };
}

let counter = 0;
/** A unique email per call, so tests never collide in the shared database. */
export function uniqueEmail(label = 'user'): string {
  counter += 1;
  return `${label}.${process.pid}.${Date.now()}.${counter}@example.test`;
}

/** Registers a new user and returns its tokens. */
export async function registerUser(api: TestApi, label?: string): Promise<{ id: string; email: string; password: string; access: string; refresh: string }> {
  const email = uniqueEmail(label);
  const password = 'correct horse battery staple';
  const res = await api.request('POST', '/v1/auth/register', { body: { email, password, name: 'Test User' } });
  if (res.status !== 201) throw new Error(`register failed: ${res.status} ${res.text}`);
  const access = res.body.access_token as string;
  const id = JSON.parse(Buffer.from(access.split('.')[1]!, 'base64url').toString()).sub as string;
  return { id, email, password, access, refresh: res.body.refresh_token };
}

/** Asserts the contract's error shape and that the header and body request IDs agree. */
export function expectError(res: TestResponse, status: number, code: string): void {
  expect({ status: res.status, code: res.body?.error?.code }).toEqual({ status, code });
  expect(typeof res.body.error.message).toBe('string');
  expect(res.body.error.request_id).toMatch(/^req_[0-9A-Z]{16}$/);
  expect(res.headers.get('x-request-id')).toBe(res.body.error.request_id);
  expect(res.body.error.documentation_url).toMatch(new RegExp(`/errors/${code}$`));
  expect(res.text).not.toMatch(/\n\s+at /); // no stack trace
}
