// The 3D page in headless Chromium (Debian's, driven by playwright-core): opened from a share
// link without an account, it draws the repository, plays its history to the last commit, and
// shows a file's details and comments on click. A screenshot is saved to .data/screenshots/.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { registerUser, type TestApi } from './support/api-harness';
import { AUTHORS, buildFixtureRepo } from './support/fixture-repo';
import { startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import { WorkRepo } from './support/git-repos';
import { eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';

let stack: TestStack;
let api: TestApi;
let server: GitHttpServer;
let repo: WorkRepo;
let served: string;
let cacheDir: string;
let browser: Browser;
let vizId: string;
let share: { url: string; token: string; share_id: string };
let access: string;

const SCREENSHOTS = path.resolve(__dirname, '..', '.data', 'screenshots');

/** What the page exposes (web/visualize/main.ts), as seen from code that page.evaluate runs there. */
interface PageGlobals {
  codexViz?: {
    frames(): number;
    state(): { index: number; atHead: boolean; playing: boolean; loaded: number; total: number; files: number };
    screenPositionOf(path: string): { x: number; y: number } | null;
    colourCount(): number;
  };
  document: { getElementById(id: string): { textContent: string | null } | null };
}

beforeAll(async () => {
  repo = buildFixtureRepo();
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-served-'));
  repo.publish(served, 'demo');
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
  server = await startGitHttpServer(served);
  stack = await startTestStack({ WORKER_QUEUES: 'general,analysis', REPOSITORY_ALLOWED_HOSTS: server.hostPort, REPOSITORY_CACHE_DIR: cacheDir });
  api = stack.api;
  const user = await registerUser(api, 'viz-page');
  access = user.access;
  const res = await api.request('POST', '/v1/visualize/repository', { token: access, body: { repository_url: `${server.url}/demo.git`, branch: 'main' } });
  vizId = res.body.visualization_id;
  await eventually(async () => ((await api.request('GET', `/v1/visualize/${vizId}`, { token: access })).body.status === 'completed' ? true : undefined), 60_000, 'the visualization');
  share = (await api.request('POST', `/v1/visualize/${vizId}/share`, { token: access, body: { expires_in_days: 7 } })).body;
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    // WebGL without a GPU: Chromium's software rasteriser.
    args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--no-sandbox'],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await stack?.close();
  await server?.close();
  repo?.remove();
  rmSync(served, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

/** Opens the share link's page (on this test's API: PUBLIC_URL is not its port), collecting errors. */
async function openShared(query = ''): Promise<{ page: Page; errors: string[]; status: number; csp: string }> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  const response = await page.goto(`${api.url}/shared/${share.token}${query}`);
  return { page, errors, status: response!.status(), csp: (await response!.headerValue('content-security-policy')) ?? '' };
}

it('opens from a share link without an account, draws the repository and plays its history to the last commit', async () => {
  const { page, errors, status, csp } = await openShared();
  try {
    expect(status).toBe(200);
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('stats')?.textContent ?? '').includes('commits'), undefined, { timeout: 30_000 });
    expect(await page.textContent('#stats')).toContain(`${repo.git(['rev-list', '--count', 'main'])} commits`);
    expect(await page.textContent('#legend')).toContain('TypeScript');
    // The WebGL canvas is not blank: the sampled pixels of a frame are of many colours.
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).codexViz?.frames() ?? 0) > 0);
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).codexViz!.colourCount())).toBeGreaterThan(4);

    await page.selectOption('#speed', '100');
    await page.click('#play');
    await page.waitForFunction(() => {
      const s = (globalThis as unknown as PageGlobals).codexViz!.state();
      return !s.playing && s.index === s.total - 1;
    }, undefined, { timeout: 30_000 });
    expect(await page.textContent('#commit-sha')).toBe(repo.git(['rev-parse', 'main']).slice(0, 12));
    expect(await page.textContent('#commit-message')).toBe('Merge the Go server');

    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'visualization.png') });
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('shows a file’s details and its last commit’s comments on click', async () => {
  const last = repo.git(['log', '-1', '--format=%H', 'main', '--', 'src/app.ts']);
  const comment = await api.request('POST', `/v1/visualize/${vizId}/comment`, { token: access, body: { commit_sha: last, content: 'twice(21) reads better' } });
  expect(comment.status).toBe(201);
  const { page, errors } = await openShared();
  try {
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).codexViz?.state().files ?? 0) > 0, undefined, { timeout: 30_000 });
    await page.click('#top-view');
    await page.waitForTimeout(300); // the orbit controls settle
    const at = await page.evaluate(() => (globalThis as unknown as PageGlobals).codexViz!.screenPositionOf('src/app.ts'));
    expect(at).not.toBeNull();
    await page.mouse.click(at!.x, at!.y);
    await page.waitForSelector('#details:not([hidden])');
    expect(await page.textContent('#details-title')).toBe('src/app.ts');
    expect(await page.textContent('#details-list')).toContain('TypeScript');
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('details-comments')?.textContent ?? '').includes('twice(21)'));
    await page.screenshot({ path: path.join(SCREENSHOTS, 'visualization-details.png') });
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('loads a long history page by page: the footer names the head meanwhile, and files that came and went get their place', async () => {
  // A file that came and went after the first page of history: the first layout cannot know it.
  const history = new WorkRepo({ branch: 'main', start: 1_700_100_000 });
  history.commit('One', AUTHORS.ada, { 'a.ts': 'export const a = 1;\n' });
  history.commit('Two', AUTHORS.ada, { 'b.ts': 'export const b = 2;\n' });
  history.commit('Three: a scratch file', AUTHORS.grace, { 'tmp/scratch.ts': 'export const s = 3;\n' });
  history.commit('Four: scratch gone', AUTHORS.grace, { 'tmp/scratch.ts': null });
  history.commit('Five', AUTHORS.ada, { 'a.ts': 'export const a = 5;\n' });
  history.publish(served, 'came-and-went');
  history.remove();
  const started = await api.request('POST', '/v1/visualize/repository', { token: access, body: { repository_url: `${server.url}/came-and-went.git`, branch: 'main' } });
  const id = started.body.visualization_id as string;
  const done = await eventually(async () => {
    const v = await api.request('GET', `/v1/visualize/${id}`, { token: access });
    return v.body.status === 'completed' ? v.body : undefined;
  }, 60_000, 'the visualization');
  const link = (await api.request('POST', `/v1/visualize/${id}/share`, { token: access, body: { expires_in_days: 1 } })).body;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  try {
    await page.goto(`${api.url}/shared/${link.token}?timeline_page=2`);
    const total = 5;
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).codexViz?.state().loaded === n, total, { timeout: 30_000 });
    await page.waitForFunction((sha) => (globalThis as unknown as PageGlobals).document.getElementById('commit-sha')?.textContent === sha, (done.head_sha as string).slice(0, 12));
    expect(await page.textContent('#commit-position')).toBe(`${total} / ${total}`);
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).codexViz!.state().files === 3);
    // Played, the scratch file stands at commit three and is gone at four.
    await page.fill('#scrub', '2');
    await page.dispatchEvent('#scrub', 'input');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).codexViz!.screenPositionOf('tmp/scratch.ts'))).not.toBeNull();
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('loads the fixture history in pages of two with the head in the footer', async () => {
  const { page, errors } = await openShared('?timeline_page=2');
  try {
    const total = Number(repo.git(['rev-list', '--count', 'main']));
    await page.waitForFunction((n) => (globalThis as unknown as PageGlobals).codexViz?.state().loaded === n, total, { timeout: 30_000 });
    // At the head: its commit, at the end of the whole history, whatever was loaded first.
    await page.waitForFunction((sha) => (globalThis as unknown as PageGlobals).document.getElementById('commit-sha')?.textContent === sha, repo.git(['rev-parse', 'main']).slice(0, 12));
    expect(await page.textContent('#commit-position')).toBe(`${total} / ${total}`);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('orbits on a drag without opening a file, and selects on a click', async () => {
  const { page, errors } = await openShared();
  try {
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).codexViz?.state().files ?? 0) > 0, undefined, { timeout: 30_000 });
    await page.click('#top-view');
    await page.waitForTimeout(300);
    const at = (await page.evaluate(() => (globalThis as unknown as PageGlobals).codexViz!.screenPositionOf('src/app.ts')))!;
    await page.mouse.move(at.x, at.y);
    await page.mouse.down();
    await page.mouse.move(at.x + 80, at.y + 40, { steps: 8 });
    await page.mouse.up();
    await page.waitForTimeout(200);
    expect(await page.isHidden('#details')).toBe(true);
    expect(errors).toEqual([]);
  } finally {
    await page.close();
  }
});

it('shows a failed visualization as failed, with no controls that do nothing', async () => {
  const failed = await api.request('POST', '/v1/visualize/repository', { token: access, body: { repository_url: `${server.url}/demo.git`, branch: 'no-such-branch' } });
  const id = failed.body.visualization_id as string;
  await eventually(async () => ((await api.request('GET', `/v1/visualize/${id}`, { token: access })).body.status === 'failed' ? true : undefined), 60_000, 'the visualization to fail');
  const link = (await api.request('POST', `/v1/visualize/${id}/share`, { token: access, body: { expires_in_days: 1 } })).body;
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${api.url}/shared/${link.token}`);
    await page.waitForFunction(() => ((globalThis as unknown as PageGlobals).document.getElementById('status')?.textContent ?? '').includes('failed'), undefined, { timeout: 30_000 });
    expect(await page.textContent('#status')).toContain('no-such-branch');
    for (const control of ['#play', '#speed', '#scrub', '#top-view', '#legend']) expect(await page.isHidden(control)).toBe(true);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'visualization-failed.png') });
  } finally {
    await page.close();
  }
});

it('is embeddable in its embed mode only, and 404 once the link is revoked', async () => {
  const embedded = await openShared('?embed=1');
  expect(embedded.csp).toContain('frame-ancestors *');
  await embedded.page.close();
  await api.request('DELETE', `/v1/visualize/${vizId}/share/${share.share_id}`, { token: access });
  const gone = await openShared();
  expect(gone.status).toBe(404);
  expect(await gone.page.textContent('body')).toContain('expired');
  await gone.page.close();
});
