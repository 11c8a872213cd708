import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import WebSocket from 'ws';
import { createDb, type Db } from '../db/connection';
import { appendEvents, createStream } from '../db/repositories/stream-event.repository';
import { newId } from '../lib/ids';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { collectSse, collectWebSocket, eventually, handshakeStatus, type StreamMessage } from './support/stream-client';
import { ROOT } from './support/worker-harness';

let api: TestApi;
let db: Db;
let user: Awaited<ReturnType<typeof registerUser>>;
let userId: string;

beforeAll(async () => {
  // A long close grace: the slow client below resumes reading only after the fast one has read
  // everything, which on a loaded machine takes longer than the default 5 s.
  api = await startTestApi({ ALLOWED_ORIGINS: 'https://app.example.com', STREAM_MAX_BUFFER_BYTES: '65536', STREAM_CLOSE_GRACE_MS: '120000' });
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 10 });
  user = await registerUser(api, 'streams');
  userId = (await api.request('GET', '/v1/auth/me', { token: user.access })).body.id;
});

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

/** A task stream written directly, as the worker's activities write it. */
async function newStream(): Promise<string> {
  const id = newId('task');
  await createStream(db, { id, userId });
  return id;
}

const progress = (streamId: string, n: number, size = 0) => ({
  streamId,
  type: 'progress',
  payload: { type: 'progress', task_id: streamId, progress: n % 100, message: `event ${n}${'.'.repeat(size)}`, timestamp: new Date().toISOString() },
});
const final = (streamId: string) => ({
  streamId,
  type: 'result',
  final: true,
  payload: { type: 'result', task_id: streamId, status: 'completed', result: { summary: 'done' }, timestamp: new Date().toISOString() },
});

function url(path: string, query = ''): string {
  return `${api.url.replace('http', 'ws')}${path}${query}`;
}

function expectDense(messages: StreamMessage[], from: number, to: number): void {
  expect(messages.map((m) => m.seq)).toEqual(Array.from({ length: to - from + 1 }, (_, i) => from + i));
}

describe('credentials and handshake', () => {
  it('accepts the token in the query, the Authorization header, the subprotocol or X-API-Key', async () => {
    const id = await newStream();
    await appendEvents(db, [progress(id, 1), final(id)]);
    const key = await api.request('POST', '/v1/auth/api-keys', { token: user.access, body: { name: 'stream' } });

    const viaQuery = await collectWebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}`));
    const viaHeader = await collectWebSocket(url(`/v1/agents/tasks/${id}/stream`), { headers: { authorization: `Bearer ${user.access}` } });
    const viaKey = await collectWebSocket(url(`/v1/agents/tasks/${id}/stream`), { headers: { 'x-api-key': key.body.key } });
    const protocolWs = new WebSocket(url(`/v1/agents/tasks/${id}/stream`), ['codex.v1', `bearer.${user.access}`]);
    const viaProtocol = await new Promise<{ protocol: string; messages: StreamMessage[] }>((resolve, reject) => {
      const messages: StreamMessage[] = [];
      protocolWs.on('message', (d) => messages.push(JSON.parse(d.toString()) as StreamMessage));
      protocolWs.on('close', () => resolve({ protocol: protocolWs.protocol, messages }));
      protocolWs.on('error', reject);
    });
    for (const s of [viaQuery, viaHeader, viaKey]) {
      expect(s.closeCode).toBe(1000);
      expectDense(s.messages, 1, 2);
    }
    expect(viaProtocol.protocol).toBe('codex.v1');
    expectDense(viaProtocol.messages, 1, 2);

    // The token's subprotocol alone: the answer must name an offered protocol (RFC 6455), or a
    // standard client (a browser, ws) fails the connection.
    const alone = new WebSocket(url(`/v1/agents/tasks/${id}/stream`), [`bearer.${user.access}`]);
    const aloneMessages = await new Promise<StreamMessage[]>((resolve, reject) => {
      const messages: StreamMessage[] = [];
      alone.on('message', (d) => messages.push(JSON.parse(d.toString()) as StreamMessage));
      alone.on('close', (code) => (code === 1000 ? resolve(messages) : reject(new Error(`closed ${code}`))));
      alone.on('error', reject);
    });
    expectDense(aloneMessages, 1, 2);
  });

  it('answers an upgrade to no stream with 404 in the contract shape, after the credentials for a stream path', async () => {
    const expectContract404 = (res: { status: number; body: string }) => {
      expect(res.status).toBe(404);
      expect(JSON.parse(res.body).error).toMatchObject({ code: 'NOT_FOUND', request_id: expect.stringMatching(/^req_[0-9A-Z]{16}$/), documentation_url: expect.stringMatching(/NOT_FOUND$/) });
    };
    expectContract404(await handshakeStatus(url('/v1/nothing/here', `?token=${user.access}`)));
    for (const id of ['task_nope', 'task_doesnotexist', 'x', 'task_%00', 'task_0000000000000000']) {
      const path = `/v1/agents/tasks/${id}/stream`;
      expect((await handshakeStatus(url(path))).status).toBe(401);
      const res = await handshakeStatus(url(path, `?token=${user.access}`));
      expectContract404(res);
      expect(JSON.parse(res.body).error.message).toBe('Task not found');
      const sse = await fetch(`${api.url}/v1/agents/orchestrations/${id}/events`, { headers: { authorization: `Bearer ${user.access}` } });
      expect(sse.status).toBe(404);
      expect(((await sse.json()) as { error: { message: string } }).error.message).toBe('Orchestration not found');
    }
  });

  it('refuses before the upgrade: 401 without or with a bad credential, 400 for a bad after', async () => {
    const id = await newStream();
    const path = `/v1/agents/tasks/${id}/stream`;
    const none = await handshakeStatus(url(path));
    expect(none.status).toBe(401);
    expect(JSON.parse(none.body).error).toMatchObject({ code: 'UNAUTHORIZED', request_id: expect.stringMatching(/^req_/) });
    expect((await handshakeStatus(url(path, '?token=garbage'))).status).toBe(401);
    expect((await handshakeStatus(url(path), { 'x-api-key': 'codex_sk_live_nope' })).status).toBe(401);
    expect((await handshakeStatus(url(path, `?token=${user.access}&after=-1`))).status).toBe(400);
    expect((await handshakeStatus(url(path, `?token=${user.refresh}`))).status).toBe(401);
  });

  it('refuses origins that are not allowed with 403 and accepts configured or same origins', async () => {
    const id = await newStream();
    await appendEvents(db, [final(id)]);
    const path = `/v1/agents/tasks/${id}/stream`;
    expect((await handshakeStatus(url(path, `?token=${user.access}`), { origin: 'https://evil.example' })).status).toBe(403);
    expect((await handshakeStatus(url(path, `?token=${user.access}`), { origin: 'https://app.example.com' })).status).toBe(101);
    expect((await handshakeStatus(url(path, `?token=${user.access}`), { origin: api.url })).status).toBe(101);
    const sse = await collectSse(`${api.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}`, origin: 'https://evil.example' });
    expect(sse.status).toBe(403);
  });

  it('sends keepalive pings', async () => {
    const id = await newStream();
    const pinging = await startTestApi({ STREAM_PING_INTERVAL_MS: '200' });
    const ws = new WebSocket(`${pinging.url.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
    const pings = await new Promise<number>((resolve) => {
      let n = 0;
      ws.on('ping', () => {
        n += 1;
        if (n === 3) resolve(n);
      });
    });
    ws.close();
    await pinging.close();
    expect(pings).toBe(3);
  });
});

describe('resume without gaps or repeats', () => {
  it('replays after the given seq, then continues live, on WebSocket and SSE', async () => {
    const id = await newStream();
    await appendEvents(db, [1, 2, 3, 4, 5].map((n) => progress(id, n)));
    const ws = collectWebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}&after=3`));
    const sse = collectSse(`${api.url}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}`, 'last-event-id': '2' });
    await new Promise((r) => setTimeout(r, 300));
    await appendEvents(db, [6, 7].map((n) => progress(id, n)));
    await appendEvents(db, [final(id)]);
    const [w, s] = await Promise.all([ws, sse]);
    expectDense(w.messages, 4, 8);
    expect(w.messages.at(-1)?.type).toBe('result');
    expectDense(s.events.map((e) => e.data), 3, 8);
  });

  it('delivers every event exactly once while many writers commit concurrently and readers join at random points', async () => {
    const id = await newStream();
    const total = 400;
    const writers = 8;
    const readers: Promise<{ from: number; messages: StreamMessage[] }>[] = [];
    let written = 0;
    // Events known committed: a client resumes only from a seq it has seen.
    let committed = 0;
    const write = async () => {
      while (written < total) {
        written += 1;
        await appendEvents(db, [progress(id, written)]);
        committed += 1;
      }
    };
    const joinLater = async (delayMs: number) => {
      await new Promise((r) => setTimeout(r, delayMs));
      const from = Math.max(0, committed - 5);
      const collected = await collectWebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}&after=${from}`));
      return { from, messages: collected.messages };
    };
    for (const delay of [0, 20, 50, 100, 150, 250]) readers.push(joinLater(delay));
    await Promise.all(Array.from({ length: writers }, write));
    await appendEvents(db, [final(id)]);
    for (const { from, messages } of await Promise.all(readers)) {
      expectDense(messages, from + 1, total + 1);
    }
  });
});

describe('slow clients', () => {
  it('closes a client that stops reading with 4008 and keeps serving the others', async () => {
    const id = await newStream();
    const slow = new WebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}`));
    await new Promise((r) => slow.once('open', r));
    // Stop reading from the socket: the server's send buffer fills.
    (slow as unknown as { _socket: { pause(): void } })._socket.pause();
    const slowClosed = new Promise<number>((resolve) => slow.once('close', (code) => resolve(code)));
    const fast = collectWebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}`));

    const events = 600;
    for (let n = 1; n <= events; n += 50) {
      await appendEvents(db, Array.from({ length: 50 }, (_, i) => progress(id, n + i, 32 * 1024)));
    }
    await appendEvents(db, [final(id)]);
    const f = await fast;
    expectDense(f.messages, 1, events + 1);
    (slow as unknown as { _socket: { resume(): void } })._socket.resume();
    expect(await slowClosed).toBe(4008);
  });
});

describe('two API processes', () => {
  let other: ChildProcess;
  let otherUrl: string;

  beforeAll(async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    other = spawn(process.execPath, ['--import', 'tsx', 'api/server.ts'], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    otherUrl = `http://127.0.0.1:${port}`;
    await eventually(async () => {
      const res = await fetch(`${otherUrl}/healthz`).catch(() => undefined);
      return res?.ok ? true : undefined;
    }, 30_000, 'the second API process');
  });

  afterAll(async () => {
    if (other && other.exitCode === null) {
      const exited = new Promise((r) => other.once('exit', r));
      other.kill('SIGTERM');
      await exited;
    }
  });

  it('serves the same log to subscribers of either process', async () => {
    const id = await newStream();
    const onA = collectWebSocket(url(`/v1/agents/tasks/${id}/stream`, `?token=${user.access}`));
    const onB = collectWebSocket(`${otherUrl.replace('http', 'ws')}/v1/agents/tasks/${id}/stream?token=${user.access}`);
    const onBSse = collectSse(`${otherUrl}/v1/agents/tasks/${id}/events`, { authorization: `Bearer ${user.access}` });
    await new Promise((r) => setTimeout(r, 300));
    for (let n = 1; n <= 20; n++) await appendEvents(db, [progress(id, n)]);
    await appendEvents(db, [final(id)]);
    const [a, b, s] = await Promise.all([onA, onB, onBSse]);
    expectDense(a.messages, 1, 21);
    expect(b.messages).toEqual(a.messages);
    expect(s.events.map((e) => e.data)).toEqual(a.messages);
  });
});
