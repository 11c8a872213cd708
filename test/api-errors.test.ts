import { request } from 'node:http';
import { createServer } from 'node:net';
import { expectError, startTestApi, type TestApi } from './support/api-harness';

let api: TestApi;

beforeAll(async () => {
  api = await startTestApi({ BODY_LIMIT: '64kb' });
});

afterAll(async () => {
  await api?.close();
});

describe('error shape and request IDs', () => {
  it('answers an unknown route with 404 NOT_FOUND', async () => {
    expectError(await api.request('GET', '/v1/nope'), 404, 'NOT_FOUND');
    expectError(await api.request('POST', '/v1/nope/deeper'), 404, 'NOT_FOUND');
  });

  it('answers a method a known route does not serve with 405 METHOD_NOT_ALLOWED and the Allow header', async () => {
    const res = await api.request('POST', '/v1/auth/me');
    expectError(res, 405, 'METHOD_NOT_ALLOWED');
    expect(res.headers.get('allow')).toBe('GET, HEAD'); // Express answers HEAD for every GET route
  });

  it('answers malformed JSON with 400 INVALID_REQUEST', async () => {
    const res = await api.request('POST', '/v1/auth/login', { rawBody: '{"email": "a@b.c", ' });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details).toEqual({ field: 'body', reason: 'malformed JSON' });
  });

  it('answers a body that claims a compression it does not have with 400, not 500', async () => {
    for (const encoding of ['gzip', 'deflate', 'br']) {
      const res = await api.request('POST', '/v1/auth/login', { rawBody: '{"email": "a@b.c", "password": "x"}', headers: { 'content-encoding': encoding } });
      expectError(res, 400, 'INVALID_REQUEST');
      expect({ encoding, field: res.body.error.details.field }).toEqual({ encoding, field: 'body' });
    }
  });

  it('answers a body over the limit with 413', async () => {
    const res = await api.request('POST', '/v1/auth/login', { body: { email: 'a@b.c', password: 'x'.repeat(100_000) } });
    expectError(res, 413, 'PAYLOAD_TOO_LARGE');
  });

  it('answers a wrong type with 400 naming the field', async () => {
    const res = await api.request('POST', '/v1/auth/login', { body: { email: ['a@b.c'], password: 'x' } });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details.field).toBe('email');
  });

  it('puts a fresh req_ ID on every answer, successes included', async () => {
    const a = await api.request('GET', '/healthz');
    const b = await api.request('GET', '/healthz');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ status: 'ok' });
    expect(a.headers.get('x-request-id')).toMatch(/^req_[0-9A-Z]{16}$/);
    expect(a.headers.get('x-request-id')).not.toBe(b.headers.get('x-request-id'));
  });

  it('refuses a WebSocket upgrade on a path with no stream', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${api.url}/v1/nope/stream`, {
        headers: { connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' },
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('upgrade', () => reject(new Error('upgraded')));
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(404);
  });
});

describe('health and documentation', () => {
  it('reports ready when Postgres and Temporal answer', async () => {
    const res = await api.request('GET', '/readyz');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ready', checks: { database: { ok: true }, temporal: { ok: true } } });
  });

  it('serves an OpenAPI 3.1 document generated from the request schemas', async () => {
    const res = await api.request('GET', '/v1/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe('3.1.0');
    for (const path of ['/v1/auth/register', '/v1/auth/login', '/v1/auth/refresh', '/v1/auth/logout', '/v1/auth/me', '/v1/auth/api-keys', '/v1/auth/api-keys/{id}', '/healthz', '/readyz']) {
      expect(res.body.paths).toHaveProperty([path]);
    }
    const register = res.body.components.schemas.RegisterRequest;
    expect(register.required).toEqual(expect.arrayContaining(['email', 'password']));
    expect(register.properties.password.minLength).toBe(8);
    expect(res.body.components.schemas.Error.properties.error.properties.code.enum).toContain('RATE_LIMIT_EXCEEDED');
    expect(res.body.paths['/v1/auth/me'].get.responses['401']).toBeDefined();
  });

  it('serves the interactive explorer and a page per error code', async () => {
    const page = await api.request('GET', '/v1/docs');
    expect(page.status).toBe(200);
    expect(page.text).toContain('swagger-ui-bundle.js');
    const bundle = await fetch(`${api.url}/v1/docs/assets/swagger-ui-bundle.js`);
    expect(bundle.status).toBe(200);
    await bundle.arrayBuffer();
    const help = await api.request('GET', '/v1/docs/errors/CONFLICT');
    expect(help.status).toBe(200);
    expect(help.text).toContain('CONFLICT');
  });
});

describe('when dependencies are down', () => {
  let down: TestApi;
  let closedPort: number;

  beforeAll(async () => {
    // A port that nothing listens on: take one, then release it.
    closedPort = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });
    down = await startTestApi({
      DATABASE_URL: `postgres://nobody:nothing@127.0.0.1:${closedPort}/none`,
      TEMPORAL_ADDRESS: `127.0.0.1:${closedPort}`,
    });
  });

  afterAll(async () => {
    await down?.close();
  });

  it('reports not ready with 503 and names what failed', async () => {
    const res = await down.request('GET', '/readyz');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'not_ready', checks: { database: { ok: false }, temporal: { ok: false } } });
  });

  it('answers 500 SERVER_ERROR with no stack trace and no internal detail', async () => {
    const res = await down.request('POST', '/v1/auth/login', { body: { email: 'a@example.com', password: 'whatever1' } });
    expectError(res, 500, 'SERVER_ERROR');
    expect(res.body.error.message).toBe('An unexpected error occurred');
    expect(res.text).not.toContain(String(closedPort));
    expect(res.text).not.toContain('ECONNREFUSED');
  });
});
