// The admin dashboard in headless Chromium (Debian's, driven by playwright-core): an admin signs
// in on /admin, the charts draw, the last hour's failing task shows with the agent's own message
// and its Temporal UI link, and a tier changed in the user table takes effect. A screenshot is
// saved to .data/screenshots/admin.png.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerUser, startTestApi, uniqueEmail } from './support/api-harness';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';
import { SCRIPTED_AGENT } from './support/worker-harness';

const SCREENSHOTS = path.resolve(__dirname, '..', '.data', 'screenshots');
const ADMIN_EMAIL = uniqueEmail('page-admin');
const PASSWORD = 'correct horse battery staple';
let stack: TestStack;
let browser: Browser;
let user: Awaited<ReturnType<typeof registerUser>>;
let failedTaskId: string;

beforeAll(async () => {
  stack = await startTestStack({ LOCAL_AGENT_COMMAND: SCRIPTED_AGENT, ADMIN_EMAILS: ADMIN_EMAIL, TEMPORAL_UI_URL: 'http://127.0.0.1:8233' });
  expect((await stack.api.request('POST', '/v1/auth/register', { body: { email: ADMIN_EMAIL, password: PASSWORD } })).status).toBe(201);
  // ADMIN_EMAILS is applied at start: another API process's start gives the account its role.
  const granting = await startTestApi(stack.settings);
  await eventually(async () => ((await stack.db.selectFrom('users').select('role').where('email', '=', ADMIN_EMAIL).executeTakeFirst())?.role === 'admin' ? true : undefined), 10_000, 'the admin role');
  await granting.close();
  user = await registerUser(stack.api, 'page-user');
  // A valid email as long as addresses get (251 characters): the user table must still fit.
  const longEmail = `${'a'.repeat(64)}@${'b'.repeat(60)}.${'b'.repeat(60)}.${'b'.repeat(60)}.com`;
  expect((await stack.api.request('POST', '/v1/auth/register', { body: { email: longEmail, password: PASSWORD } })).status).toBe(201);
  const ok = await stack.api.request('POST', '/v1/agents/execute', { token: user.access, body: { task: 'fine', agent_type: 'general', context: { script: { steps: 1, delay_ms: 10 } } } });
  const failing = await stack.api.request('POST', '/v1/agents/execute', {
    token: user.access,
    body: { task: 'fails', agent_type: 'code_expert', context: { script: { fail: { message: 'model endpoint answered 503 Service Unavailable', retryable: false } } } },
  });
  failedTaskId = failing.body.task_id;
  for (const id of [ok.body.task_id as string, failedTaskId]) {
    await eventually(async () => {
      const t = await stack.api.request('GET', `/v1/agents/tasks/${id}`, { token: user.access });
      return ['completed', 'failed'].includes(t.body.status) ? true : undefined;
    }, 60_000, `task ${id} to end`);
  }
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
});

async function signIn(email: string, password: string): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  const res = await page.goto(`${stack.api.url}/admin`);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
  await page.fill('#email', email);
  await page.fill('#password', password);
  await page.click('#login button[type=submit]');
  return { page, errors };
}

it('shows an admin the last hour: charts drawn, the failing task with its message and Temporal UI link', async () => {
  const { page, errors } = await signIn(ADMIN_EMAIL, PASSWORD);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  // Four uPlot charts, each a canvas with something drawn on it.
  expect(await page.locator('.uplot').count()).toBe(4);
  // Counted in the page: the canvases' pixels that are not transparent.
  const drawn = await page.$$eval('.uplot canvas', (canvases) =>
    canvases.map((c) => {
      const canvas = c as unknown as { width: number; height: number; getContext(kind: '2d'): { getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } | null };
      const ctx = canvas.getContext('2d');
      if (!ctx || !canvas.width || !canvas.height) return 0;
      const pixels = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      let painted = 0;
      for (let i = 3; i < pixels.length; i += 4) if (pixels[i]! > 0) painted += 1;
      return painted;
    }),
  );
  expect(drawn).toHaveLength(4);
  for (const painted of drawn) expect(painted).toBeGreaterThan(100);
  await expect(page.locator('#chart-tasks .u-title').textContent()).resolves.toBe('Tasks per minute');

  const row = page.locator('#failures-body tr', { hasText: failedTaskId });
  await row.waitFor({ timeout: 15_000 });
  await expect(row.locator('td.message').textContent()).resolves.toContain('model endpoint answered 503 Service Unavailable');
  await expect(row.locator('a.temporal-link').getAttribute('href')).resolves.toBe(`http://127.0.0.1:8233/namespaces/default/workflows/${failedTaskId}`);
  await expect(row.locator('a.temporal-link').getAttribute('target')).resolves.toBe('_blank');
  await expect(page.locator('#failure-codes').textContent()).resolves.toContain('AGENT_ERROR');

  // Nothing is pushed out of the page sideways (the user table holds a 251-character email).
  await page.locator('#users-body tr').nth(2).waitFor({ timeout: 10_000 });
  expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1400);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, 'admin.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

it('changes a tier from the user table, and the user is on it at once', async () => {
  const { page, errors } = await signIn(ADMIN_EMAIL, PASSWORD);
  await page.waitForSelector('body[data-ready="1"]', { timeout: 30_000 });
  await page.fill('#user-search', user.email);
  const row = page.locator(`#users-body tr[data-user-id="${user.id}"]`);
  await row.waitFor({ timeout: 10_000 });
  await expect(page.locator('#users-body tr').count()).resolves.toBe(1);
  // The page asks before it changes what a user is billed and limited by.
  const asked: string[] = [];
  page.on('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.accept();
  });
  await row.locator('select.tier-select').selectOption('pro');
  await page.locator('#status', { hasText: 'is now pro' }).waitFor({ timeout: 10_000 });
  expect(asked).toEqual([`Change ${user.email} from free to pro? Their limits change at once.`]);
  const me = await eventually(async () => {
    const r = await stack.api.request('GET', '/v1/auth/me', { token: user.access });
    return r.body.tier === 'pro' ? r : undefined;
  }, 10_000, 'the tier change to take effect');
  expect(me.body.usage.requests_limit).toBe(10_000);
  // The audit log has it, made by the admin.
  const admin = await stack.api.request('POST', '/v1/auth/login', { body: { email: ADMIN_EMAIL, password: PASSWORD } });
  const audit = await stack.api.request('GET', `/v1/admin/audit?target_id=${user.id}`, { token: admin.body.access_token });
  expect(audit.body.entries[0]).toMatchObject({ actor: { email: ADMIN_EMAIL }, before: { tier: 'free' }, after: { tier: 'pro' } });
  expect(errors).toEqual([]);
  await page.close();
});

it('tells a signed-in user without the admin role that the dashboard is not for them', async () => {
  const { page } = await signIn(user.email, user.password);
  await page.locator('#login-error', { hasText: 'not an admin' }).waitFor({ timeout: 10_000 });
  expect(await page.locator('#dashboard').isHidden()).toBe(true);
  await page.close();
});
