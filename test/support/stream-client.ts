import WebSocket from 'ws';

export interface StreamMessage {
  type: string;
  seq: number;
  [k: string]: unknown;
}

export interface CollectedStream {
  messages: StreamMessage[];
  closeCode: number;
}

/** Opens a task's WebSocket stream and collects every message until the server closes it. */
export function collectWebSocket(url: string, options: { headers?: Record<string, string>; protocols?: string[] } = {}): Promise<CollectedStream> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, options.protocols ?? [], { headers: options.headers });
    const messages: StreamMessage[] = [];
    ws.on('message', (data) => messages.push(JSON.parse(data.toString()) as StreamMessage));
    ws.on('close', (code) => resolve({ messages, closeCode: code }));
    ws.on('unexpected-response', (_req, res) => reject(new Error(`handshake refused: ${res.statusCode}`)));
    ws.on('error', reject);
  });
}

/** The HTTP status a WebSocket handshake is refused with (or 101 when it is accepted). */
export function handshakeStatus(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    ws.on('open', () => {
      ws.close();
      resolve({ status: 101, body: '' });
    });
    ws.on('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

export interface SseEvent {
  id: string;
  event: string;
  data: StreamMessage;
}

/** Reads a task's Server-Sent Events until the server ends the response. */
export async function collectSse(url: string, headers: Record<string, string>): Promise<{ status: number; events: SseEvent[] }> {
  const res = await fetch(url, { headers: { accept: 'text/event-stream', ...headers } });
  const text = await res.text();
  if (res.status !== 200) return { status: res.status, events: [] };
  const events: SseEvent[] = [];
  for (const block of text.split('\n\n')) {
    const fields = Object.fromEntries(
      block
        .split('\n')
        .filter((l) => l && !l.startsWith(':'))
        .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 1).trimStart()]),
    ) as Record<string, string>;
    if (fields.data) events.push({ id: fields.id ?? '', event: fields.event ?? 'message', data: JSON.parse(fields.data) as StreamMessage });
  }
  return { status: res.status, events };
}

/** Polls `check` until it returns a value, or fails after `timeoutMs`. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
