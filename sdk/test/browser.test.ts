import path from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import type * as Sdk from '../src/index.js';
import { registerUser } from '../../test/support/api-harness.js';
import { startTestStack, type TestStack } from '../../test/support/test-stack.js';
import { SCRIPTED_AGENT } from '../../test/support/worker-harness.js';

/**
 * The SDK in a browser (headless Chromium): bundled as a browser would load it, it calls the API
 * from a page of the API's own origin with the browser's fetch and WebSocket (which can set no
 * headers: the token goes as the `bearer.<token>` subprotocol).
 */
let stack: TestStack;
let browser: Browser;
let bundle: string;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT });
  const built = await build({
    entryPoints: [path.join(__dirname, '..', 'src', 'index.ts')],
    bundle: true,
    format: 'iife',
    globalName: 'CodexSdk',
    platform: 'browser',
    target: ['es2022'],
    write: false,
    logLevel: 'silent',
  });
  bundle = built.outputFiles[0]!.text;
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

it('runs a task and streams it over SSE and over WebSocket in the browser, every message once', async () => {
  const user = await registerUser(stack.api, 'browser');
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    // An empty page on the API's origin: the SDK's requests are same-origin.
    await page.route(`${stack.api.url}/__sdk_test`, (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>sdk</title>' }));
    await page.goto(`${stack.api.url}/__sdk_test`);
    await page.addScriptTag({ content: bundle });
    const outcome = await page.evaluate(async (accessToken) => {
      const { CodexCloud } = (globalThis as unknown as { CodexSdk: typeof Sdk }).CodexSdk;
      const origin = (globalThis as unknown as { location: { origin: string } }).location.origin;
      const script = { script: { steps: 6, delay_ms: 40 } };
      const sse = new CodexCloud({ baseUrl: origin, accessToken });
      const a = await sse.tasks.execute({ task: 'in a browser', context: script });
      const overSse: number[] = [];
      for await (const m of sse.tasks.stream(a.task_id)) overSse.push(m.seq);
      const ws = new CodexCloud({ baseUrl: origin, accessToken, streamTransport: 'websocket' });
      const b = await ws.tasks.execute({ task: 'in a browser, by WebSocket', context: script });
      const overWs: { seq: number; type: string }[] = [];
      for await (const m of ws.tasks.stream(b.task_id)) overWs.push({ seq: m.seq, type: m.type });
      const missing = await sse.tasks.get('task_NOSUCHTASK00000').catch((e: { code: string; status: number }) => `${e.status} ${e.code}`);
      return { overSse, overWs, status: (await sse.tasks.get(b.task_id)).status, missing };
    }, user.access);
    expect(outcome.overSse).toEqual(outcome.overSse.map((_, i) => i + 1));
    expect(outcome.overSse.length).toBeGreaterThanOrEqual(7);
    expect(outcome.overWs.map((m) => m.seq)).toEqual(outcome.overWs.map((_, i) => i + 1));
    expect(outcome.overWs.at(-1)?.type).toBe('result');
    expect(outcome.status).toBe('completed');
    expect(outcome.missing).toBe('404 NOT_FOUND');
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
}, 90_000);
