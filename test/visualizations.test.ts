// Repository visualization end to end: the API, the `visualization` workflow on the analysis
// queue, a repository made here with the git CLI and served over HTTP on loopback by
// `git http-backend`; every figure compared with git's own output.
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import type { Db } from '../db/connection';
import { insertVisualization } from '../db/repositories/visualization.repository';
import { newId } from '../lib/ids';
import { SearchAttr } from '../workflows/search-attributes';
import { expectError, registerUser, type TestApi } from './support/api-harness';
import { AUTHORS, buildFixtureRepo } from './support/fixture-repo';
import { startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import type { WorkRepo } from './support/git-repos';
import { recordHistory } from './support/histories';
import { collectWebSocket, eventually } from './support/stream-client';
import { startTestStack, type TestStack } from './support/test-stack';

let stack: TestStack;
let api: TestApi;
let db: Db;
let temporal: Client;
let server: GitHttpServer;
let repo: WorkRepo;
let served: string;
let cacheDir: string;
type User = Awaited<ReturnType<typeof registerUser>>;
let owner: User;

beforeAll(async () => {
  repo = buildFixtureRepo();
  served = mkdtempSync(path.join(os.tmpdir(), 'codex-served-'));
  repo.publish(served, 'demo');
  repo.publish(served, 'slow');
  cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
  server = await startGitHttpServer(served);
  stack = await startTestStack({
    WORKER_QUEUES: 'general,analysis',
    REPOSITORY_ALLOWED_HOSTS: server.hostPort,
    REPOSITORY_CACHE_DIR: cacheDir,
    RECONCILE_INTERVAL_SECONDS: '1',
  }, { isolatedDatabase: true }); // it leaves a row unstarted on purpose, for its own reconciler
  ({ api, db, temporal } = stack);
  owner = await registerUser(api, 'viz-owner');
});

afterAll(async () => {
  await stack?.close();
  await server?.close();
  repo?.remove();
  rmSync(served, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

async function visualize(user: User, body: Record<string, unknown>) {
  return api.request('POST', '/v1/visualize/repository', { token: user.access, body });
}

async function finished(user: User, id: string) {
  return eventually(
    async () => {
      const v = await api.request('GET', `/v1/visualize/${id}`, { token: user.access });
      return v.body.status !== 'processing' ? v.body : undefined;
    },
    60_000,
    `visualization ${id}`,
  );
}

describe('POST /v1/visualize/repository → GET /v1/visualize/{id}', () => {
  let id: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a JSON answer, read field by field
  let view: Record<string, any>;

  beforeAll(async () => {
    const res = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: 'main' });
    expect(res.status).toBe(202);
    id = res.body.visualization_id;
    view = await finished(owner, id);
    await recordHistory(id, 'visualization-completed');
  });

  it('answers 202 as API.md, with links to the result, the stream and the page', async () => {
    const res = await visualize(owner, { repository_url: `${server.url}/demo.git` });
    expect(res.status).toBe(202);
    expect(res.body).toMatchObject({
      visualization_id: expect.stringMatching(/^viz_[0-9A-Z]{16}$/),
      status: 'processing',
      estimated_duration_seconds: expect.any(Number),
      result_url: `/v1/visualize/${res.body.visualization_id}`,
      preview_url: expect.stringContaining(`/visualize/${res.body.visualization_id}`),
      events_url: `/v1/visualize/${res.body.visualization_id}/events`,
    });
    // No branch given: the repository's default branch (main).
    const done = await finished(owner, res.body.visualization_id);
    expect(done.branch).toBe('main');
  });

  it('completes with figures equal to git’s own for the branch', () => {
    expect({ status: view.status, error: view.error }).toEqual({ status: 'completed', error: undefined });
    expect(view.head_sha).toBe(repo.git(['rev-parse', 'main']));
    expect(view.stats).toMatchObject({
      total_commits: Number(repo.git(['rev-list', '--count', 'main'])),
      total_files: repo.git(['ls-tree', '-r', 'main']).split('\n').length,
      total_contributors: repo.git(['shortlog', '-se', 'main']).split('\n').length,
      truncated: false,
    });
    expect(view.stats.lines_of_code).toBe(
      repo
        .git(['diff', '--numstat', repo.git(['hash-object', '-t', 'tree', '/dev/null']), 'main'])
        .split('\n')
        .reduce((a: number, l: string) => a + (Number(l.split('\t')[0]) || 0), 0),
    );
    expect(Object.keys(view.stats.languages).sort()).toEqual(['C++', 'Go', 'Python', 'TypeScript']);
    expect(Object.values(view.stats.languages as Record<string, number>).reduce((a, b) => a + b, 0)).toBeCloseTo(100, 5);
    // Nodes are the head's files and directories; each edge joins a directory to a child.
    const files = view.data.nodes.filter((n: { type: string }) => n.type === 'file').map((n: { path: string }) => n.path);
    expect(files.sort()).toEqual(repo.git(['ls-tree', '-r', '--name-only', 'main']).split('\n').sort());
    expect(view.data.edges).toContainEqual({ source: 'src', target: 'src/helpers.ts' });
    expect(view.data.edges).toContainEqual({ source: '', target: 'src' });
    // The timeline plays oldest first, with each commit's changes.
    expect(view.data.timeline.map((c: { sha: string }) => c.sha)).toEqual(repo.git(['log', '--reverse', '--format=%H', 'main']).split('\n'));
    const rename = view.data.timeline.find((c: { message: string }) => c.message === 'Rename util to helpers');
    expect(rename.renamed).toEqual([{ from: 'src/util.ts', to: 'src/helpers.ts' }]);
    expect(view.data.contributors).toHaveLength(3);
  });

  it('streams its progress to the end, over WebSocket, with seq from 1', async () => {
    const res = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: 'feature' });
    const stream = await collectWebSocket(`${api.url.replace('http', 'ws')}/v1/visualize/${res.body.visualization_id}/stream?token=${owner.access}`);
    expect(stream.closeCode).toBe(1000);
    expect(stream.messages.map((m) => m.seq)).toEqual(stream.messages.map((_, i) => i + 1));
    expect(stream.messages.some((m) => m.type === 'progress' && String(m.message).startsWith('Fetching'))).toBe(true);
    expect(stream.messages[stream.messages.length - 1]).toMatchObject({ type: 'result', status: 'completed', visualization_id: res.body.visualization_id });
  });

  it('lists the repository’s branches when include_branches asks, and leaves out what the options exclude', async () => {
    const res = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: 'main', options: { include_branches: true, include_commits: false, include_contributors: false } });
    const done = await finished(owner, res.body.visualization_id);
    expect(done.data.branches).toEqual([
      { name: 'feature', head_sha: repo.git(['rev-parse', 'feature']) },
      { name: 'main', head_sha: repo.git(['rev-parse', 'main']) },
    ]);
    expect(done.data.timeline).toEqual([]);
    expect(done.data.contributors).toBeUndefined();
    expect(done.included).toEqual({ commits: false, contributors: false, branches: true, history: true });
    expect(view.data.branches).toBeUndefined();
    expect(view.included.branches).toBe(false);
  });

  it('pages the timeline', async () => {
    const page = await api.request('GET', `/v1/visualize/${id}?timeline_offset=2&timeline_limit=3`, { token: owner.access });
    expect(page.body.data.timeline.map((c: { seq: number }) => c.seq)).toEqual([2, 3, 4]);
    expect(page.body.data).toMatchObject({ timeline_offset: 2, timeline_total: view.stats.total_commits, timeline_has_more: true });
    // A further page alone: the same timeline, without the files read again.
    const only = await api.request('GET', `/v1/visualize/${id}?timeline_offset=2&timeline_limit=3&timeline_only=true`, { token: owner.access });
    expect(only.body.data.timeline).toEqual(page.body.data.timeline);
    expect(only.body.data.nodes).toBeUndefined();
  });

  it('with an Idempotency-Key, a repeated request answers the same visualization, and another body is 409', async () => {
    const headers = { 'idempotency-key': `viz-${Date.now()}` };
    const body = { repository_url: `${server.url}/demo.git`, branch: 'main' };
    const first = await api.request('POST', '/v1/visualize/repository', { token: owner.access, body, headers });
    expect(first.status).toBe(202);
    const again = await api.request('POST', '/v1/visualize/repository', { token: owner.access, body, headers });
    expect(again.status).toBe(202);
    expect(again.body.visualization_id).toBe(first.body.visualization_id);
    const other = await api.request('POST', '/v1/visualize/repository', { token: owner.access, body: { ...body, branch: 'feature' }, headers });
    expectError(other, 409, 'CONFLICT');
    expect(other.body.error.details).toMatchObject({ reason: 'idempotency_key_reused', visualization_id: first.body.visualization_id });
    await finished(owner, first.body.visualization_id);
  });

  it('reuses the stored analysis for the same repository, branch and head', async () => {
    const again = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: 'main' });
    const done = await finished(owner, again.body.visualization_id);
    expect(done).toMatchObject({ status: 'completed', reused: true, head_sha: view.head_sha, stats: view.stats });
    await recordHistory(again.body.visualization_id, 'visualization-reused');
    const rows = await db.selectFrom('repository_analyses').select('id').where('user_id', '=', owner.id).where('branch', '=', 'main').execute();
    expect(rows).toHaveLength(1);
  });

  it('lets ops find it in Temporal by repository, user and status', async () => {
    const description = await temporal.workflow.getHandle(id).describe();
    expect(description.taskQueue).toMatch(/-analysis$/);
    expect(description.typedSearchAttributes.get(SearchAttr.repository)).toBe(`${server.url}/demo.git`);
    expect(description.typedSearchAttributes.get(SearchAttr.userId)).toBe(owner.id);
    expect(description.typedSearchAttributes.get(SearchAttr.status)).toBe('completed');
  });

  describe('GET /v1/visualize/{id}/commits', () => {
    const commits = (query = '') => api.request('GET', `/v1/visualize/${id}/commits${query}`, { token: owner.access });

    it('lists commits newest first with git log --numstat figures', async () => {
      const res = await commits();
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(view.stats.total_commits);
      expect(res.body.has_more).toBe(false);
      expect(res.body.commits.map((c: { sha: string }) => c.sha)).toEqual(repo.git(['log', '--format=%H', 'main']).split('\n'));
      for (const c of res.body.commits) {
        const numstat = repo.git(['log', '-1', '--numstat', '--format=', c.sha]).split('\n').filter(Boolean);
        expect([c.files_changed, c.branch]).toEqual([numstat.length, 'main']);
      }
    });

    it('filters by author (after .mailmap), dates and branch, with total and has_more true to the filter', async () => {
      const ada = await commits(`?author=${encodeURIComponent(AUTHORS.ada.email)}`);
      const expected = repo.git(['log', '--format=%aE', 'main']).split('\n').filter((e) => e === AUTHORS.ada.email).length;
      expect(ada.body.total).toBe(expected);
      expect(expected).toBe(3); // two under her own email, one under the old one joined by .mailmap

      const times = repo.git(['log', '--format=%at', 'main']).split('\n').map(Number).sort((a, b) => a - b);
      const from = new Date(times[2]! * 1000).toISOString();
      const to = new Date(times[4]! * 1000).toISOString();
      const window = await commits(`?from=${from}&to=${to}&limit=2`);
      expect(window.body).toMatchObject({ total: 3, limit: 2, offset: 0, has_more: true });
      expect(window.body.commits).toHaveLength(2);
      const rest = await commits(`?from=${from}&to=${to}&limit=2&offset=2`);
      expect(rest.body).toMatchObject({ total: 3, has_more: false });
      expect(rest.body.commits).toHaveLength(1);

      // A date alone is its whole day: `to` the day of the last commit includes that commit.
      const lastDay = new Date(times.at(-1)! * 1000).toISOString().slice(0, 10);
      expect((await commits(`?to=${lastDay}`)).body.total).toBe(times.length);
      expect((await commits(`?from=${lastDay}&to=${lastDay}`)).body.total).toBe(times.filter((t) => new Date(t * 1000).toISOString().startsWith(lastDay)).length);

      expect((await commits('?branch=feature')).body).toMatchObject({ total: 0, commits: [], has_more: false });
    });

    it.each([
      ['?from=yesterday', 'from'],
      ['?to=2026-13-45', 'to'],
      ['?limit=10001', 'limit'],
      ['?limit=0', 'limit'],
      ['?offset=-1', 'offset'],
    ])('%s is 400 naming the field', async (query, field) => {
      const res = await commits(query);
      expectError(res, 400, 'INVALID_REQUEST');
      expect(res.body.error.details.field).toBe(field);
      // A date says which form it wants.
      if (field === 'from' || field === 'to') expect(res.body.error.details.reason).toContain('ISO 8601 date (2026-11-29)');
    });
  });

  it("is 404 to another user, as an unknown one is", async () => {
    const other = await registerUser(api, 'viz-other');
    for (const p of [`/v1/visualize/${id}`, `/v1/visualize/${id}/commits`]) expectError(await api.request('GET', p, { token: other.access }), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', `/v1/visualize/${id}`, { token: other.access }), 404, 'NOT_FOUND');
    expectError(await api.request('GET', '/v1/visualize/viz_0000000000000000', { token: owner.access }), 404, 'NOT_FOUND');
  });
});

describe('refusals and failures', () => {
  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ext::sh -c id', 'scheme'],
    ['http://github.com/a/b', 'scheme'],
    ['https://127.0.0.1/a.git', 'address'],
    ['https://10.0.0.8/a.git', 'address'],
    ['https://169.254.169.254/latest', 'address'],
    ['https://user:pw@github.com/a/b', 'credentials'],
    ['git@github.com:a/b.git', 'syntax'],
  ])('refuses %s with 400 on repository_url, starting nothing', async (url, reason) => {
    const before = await db.selectFrom('visualizations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    const res = await visualize(owner, { repository_url: url });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details).toMatchObject({ field: 'repository_url', reason });
    expect(res.text).not.toContain(':pw@');
    const after = await db.selectFrom('visualizations').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it('refuses a repository that redirects to a private address', async () => {
    server.redirect('/moved.git', 'http://10.0.0.1/x.git');
    const res = await visualize(owner, { repository_url: `${server.url}/moved.git` });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details).toMatchObject({ field: 'repository_url', reason: 'redirect' });
  });

  it('ends as failed, saying which, for a repository or a branch that does not exist', async () => {
    const missing = await visualize(owner, { repository_url: `${server.url}/missing.git` });
    expect(missing.status).toBe(202);
    expect(await finished(owner, missing.body.visualization_id)).toMatchObject({
      status: 'failed',
      error: { code: 'REPOSITORY_NOT_FOUND', message: `repository ${server.url}/missing.git does not exist` },
    });
    const branch = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: 'no-such-branch' });
    expect(await finished(owner, branch.body.visualization_id)).toMatchObject({
      status: 'failed',
      error: { code: 'BRANCH_NOT_FOUND', message: `branch "no-such-branch" does not exist in ${server.url}/demo.git` },
    });
    await recordHistory(branch.body.visualization_id, 'visualization-branch-not-found');
  });

  it('serves /v1/visualize/repository as the concrete path it is, not as a visualization ID', async () => {
    const get = await api.request('GET', '/v1/visualize/repository', { token: owner.access });
    expectError(get, 405, 'METHOD_NOT_ALLOWED');
    expect(get.headers.get('allow')).toBe('POST');
    const options = await api.request('OPTIONS', '/v1/visualize/repository', { token: owner.access });
    expect(options.headers.get('allow')).toBe('POST');
    expect((await api.request('OPTIONS', '/v1/visualize/viz_0000000000000000', { token: owner.access })).headers.get('allow')).toBe('DELETE, GET, HEAD');
  });

  it('refuses a branch name git would refuse, before anything starts', async () => {
    const res = await visualize(owner, { repository_url: `${server.url}/demo.git`, branch: '--upload-pack=touch /tmp/x' });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details.field).toBe('branch');
  });
});

describe('DELETE /v1/visualize/{id}', () => {
  it('deletes a finished visualization and its analysis; then it is 404', async () => {
    const user = await registerUser(api, 'viz-delete');
    const res = await visualize(user, { repository_url: `${server.url}/demo.git`, branch: 'feature' });
    await finished(user, res.body.visualization_id);
    const del = await api.request('DELETE', `/v1/visualize/${res.body.visualization_id}`, { token: user.access });
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ success: true, visualization_id: res.body.visualization_id, status: 'deleted' });
    expectError(await api.request('GET', `/v1/visualize/${res.body.visualization_id}`, { token: user.access }), 404, 'NOT_FOUND');
    const left = await db.selectFrom('repository_analyses').select('id').where('user_id', '=', user.id).execute();
    expect(left).toEqual([]);
  });
});

describe('cancel, and what operators do in Temporal', () => {
  /** A visualization of `slow.git` whose fetch waits at the git server until released. */
  async function heldVisualization(user: User) {
    const release = server.hold('/slow.git/git-upload-pack');
    const res = await visualize(user, { repository_url: `${server.url}/slow.git` });
    expect(res.status).toBe(202);
    const id = res.body.visualization_id as string;
    await eventually(async () => {
      const events = await db.selectFrom('stream_events').select('payload').where('stream_id', '=', id).execute();
      return events.some((e) => String((e.payload as { message?: string }).message).startsWith('Fetching')) ? true : undefined;
    }, 30_000, 'the fetch to start');
    return { id, release };
  }

  it('DELETE of a running visualization cancels it; the stream ends with the error', async () => {
    const user = await registerUser(api, 'viz-cancel');
    const { id, release } = await heldVisualization(user);
    try {
      const del = await api.request('DELETE', `/v1/visualize/${id}`, { token: user.access });
      expect([200, 202]).toContain(del.status);
      expect(del.body).toMatchObject({ success: true, visualization_id: id });
      const done = await finished(user, id);
      expect(done).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
      const last = await db.selectFrom('stream_events').select(['type', 'final']).where('stream_id', '=', id).orderBy('seq', 'desc').limit(1).executeTakeFirstOrThrow();
      expect(last).toEqual({ type: 'error', final: true });
    } finally {
      release();
    }
  });

  it('records a visualization an operator terminated in Temporal as failed, within seconds', async () => {
    const user = await registerUser(api, 'viz-terminate');
    const { id, release } = await heldVisualization(user);
    try {
      await temporal.workflow.getHandle(id).terminate('stuck clone');
      const done = await finished(user, id);
      expect(done).toMatchObject({ status: 'failed', error: { code: 'TERMINATED', message: 'Terminated by an operator: stuck clone' } });
      // A DELETE now deletes it.
      const del = await api.request('DELETE', `/v1/visualize/${id}`, { token: user.access });
      expect(del.body.status).toBe('deleted');
    } finally {
      release();
    }
  });

  it('starts a visualization whose row was stored but whose workflow never started', async () => {
    const user = await registerUser(api, 'viz-orphan');
    const id = newId('visualization');
    await insertVisualization(db, {
      id,
      userId: user.id,
      repositoryUrl: `${server.url}/demo.git`,
      branch: 'main',
      analysisDepth: 'full',
      options: { include_commits: true, include_branches: false, include_contributors: true, max_commits: 50_000 },
    });
    await db.updateTable('visualizations').set({ created_at: new Date(Date.now() - 120_000) } as never).where('id', '=', id).execute();
    expect(await finished(user, id)).toMatchObject({ status: 'completed', head_sha: repo.git(['rev-parse', 'main']) });
    const corrections = await db.selectFrom('projection_corrections').select('cause').where('subject_id', '=', id).execute();
    expect(corrections.map((c) => c.cause)).toContain('orphan_started');
  });
});

/** The origin of a URL. */
const read0 = (url: string) => new URL(url).origin;

describe('comments and share links', () => {
  let user: User;
  let id: string;
  let head: string;

  beforeAll(async () => {
    user = await registerUser(api, 'viz-social');
    const res = await visualize(user, { repository_url: `${server.url}/demo.git`, branch: 'main' });
    id = res.body.visualization_id;
    await finished(user, id);
    head = repo.git(['rev-parse', 'main']);
  });

  const post = (body: Record<string, unknown>, token = user.access) => api.request('POST', `/v1/visualize/${id}/comment`, { token, body });

  it('stores a comment on a commit as the caller’s, whatever author says, and lists them by commit, paginated', async () => {
    const first = await post({ commit_sha: head, content: 'Why merge this now?', author: 'Somebody Else' });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ comment_id: expect.stringMatching(/^cmt_/), visualization_id: id, commit_sha: head, content: 'Why merge this now?', author: 'Test User' });
    const older = repo.git(['rev-list', '--max-parents=0', 'main']);
    await post({ commit_sha: older, content: 'The first commit' });
    await post({ commit_sha: head, content: 'Because the Go server is ready' });

    const all = await api.request('GET', `/v1/visualize/${id}/comments?limit=2`, { token: user.access });
    expect(all.body.comments.map((c: { content: string }) => c.content)).toEqual(['Why merge this now?', 'The first commit']);
    expect(all.body.has_more).toBe(true);
    const next = await api.request('GET', `/v1/visualize/${id}/comments?limit=2&cursor=${all.body.next_cursor}`, { token: user.access });
    expect(next.body).toMatchObject({ has_more: false, next_cursor: null });
    expect(next.body.comments.map((c: { content: string }) => c.content)).toEqual(['Because the Go server is ready']);
    const onHead = await api.request('GET', `/v1/visualize/${id}/comments?commit_sha=${head}`, { token: user.access });
    expect(onHead.body.comments).toHaveLength(2);
  });

  it('is 404 for a commit the visualization did not analyse, 400 for a malformed one or blank content', async () => {
    const featureOnly = repo.git(['rev-parse', 'feature']);
    expectError(await post({ commit_sha: featureOnly, content: 'not here' }), 404, 'NOT_FOUND');
    const bad = await post({ commit_sha: 'HEAD', content: 'x' });
    expectError(bad, 400, 'INVALID_REQUEST');
    expect(bad.body.error.details.field).toBe('commit_sha');
    expectError(await post({ commit_sha: head, content: '   ' }), 400, 'INVALID_REQUEST');
    const other = await registerUser(api, 'viz-social-other');
    expectError(await post({ commit_sha: head, content: 'mine now' }, other.access), 404, 'NOT_FOUND');
  });

  it('a share link reads the visualization, its commits and comments without an account, and nothing else', async () => {
    const share = await api.request('POST', `/v1/visualize/${id}/share`, { token: user.access, body: { permissions: 'read', expires_in_days: 7 } });
    expect(share.status).toBe(201);
    expect(share.body).toMatchObject({ share_id: expect.stringMatching(/^shr_/), permissions: 'read', url: expect.stringMatching(/\/shared\/[A-Za-z0-9_-]{43}$/) });
    // This API's own page (PUBLIC_URL), the token as the link's last part.
    expect(share.body.url).toBe(`${read0(share.body.url)}/shared/${share.body.token}`);
    expect(share.body.embed_code).toContain(`src="${share.body.url}?embed=1"`);
    expect(new Date(share.body.expires_at).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    const headers = { 'x-share-token': share.body.token };
    const read = await api.request('GET', `/v1/visualize/${id}`, { headers });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ visualization_id: id, status: 'completed', share_url: share.body.url });
    expect((await api.request('GET', `/v1/visualize/${id}/commits?limit=1`, { headers })).body.total).toBe(Number(repo.git(['rev-list', '--count', 'main'])));
    expect((await api.request('GET', `/v1/visualize/${id}/comments`, { headers })).body.comments.length).toBeGreaterThan(0);
    // Nothing else: writing, deleting, another visualization, the account.
    expectError(await api.request('POST', `/v1/visualize/${id}/comment`, { headers, body: { commit_sha: head, content: 'hi' } }), 401, 'UNAUTHORIZED');
    expectError(await api.request('DELETE', `/v1/visualize/${id}`, { headers }), 401, 'UNAUTHORIZED');
    expectError(await api.request('GET', '/v1/auth/me', { headers }), 401, 'UNAUTHORIZED');
    const another = await visualize(user, { repository_url: `${server.url}/demo.git`, branch: 'feature' });
    expectError(await api.request('GET', `/v1/visualize/${another.body.visualization_id}`, { headers }), 404, 'NOT_FOUND');
    // The token is stored only as its hash.
    const stored = await db.selectFrom('visualization_shares').selectAll().where('id', '=', share.body.share_id).executeTakeFirstOrThrow();
    expect(JSON.stringify(stored)).not.toContain(share.body.token);
  });

  it('is 404 once revoked or expired, and a guessed token reads nothing', async () => {
    const share = await api.request('POST', `/v1/visualize/${id}/share`, { token: user.access, body: { expires_in_days: 1 } });
    const headers = { 'x-share-token': share.body.token };
    expect((await api.request('GET', `/v1/visualize/${id}`, { headers })).status).toBe(200);
    const revoke = await api.request('DELETE', `/v1/visualize/${id}/share/${share.body.share_id}`, { token: user.access });
    expect(revoke.body).toEqual({ success: true, share_id: share.body.share_id, revoked: true });
    expectError(await api.request('GET', `/v1/visualize/${id}`, { headers }), 404, 'NOT_FOUND');
    expectError(await api.request('DELETE', `/v1/visualize/${id}/share/${share.body.share_id}`, { token: user.access }), 404, 'NOT_FOUND');

    const expiring = await api.request('POST', `/v1/visualize/${id}/share`, { token: user.access, body: { expires_in_days: 1 } });
    await db.updateTable('visualization_shares').set({ expires_at: new Date(Date.now() - 1000) }).where('id', '=', expiring.body.share_id).execute();
    expectError(await api.request('GET', `/v1/visualize/${id}/commits`, { headers: { 'x-share-token': expiring.body.token } }), 404, 'NOT_FOUND');

    expectError(await api.request('GET', `/v1/visualize/${id}`, { headers: { 'x-share-token': 'A'.repeat(43) } }), 404, 'NOT_FOUND');

    // While its owner's account is suspended, a live link opens nothing (the API and the page).
    const live = await api.request('POST', `/v1/visualize/${id}/share`, { token: user.access, body: { expires_in_days: 1 } });
    await db.updateTable('users').set({ suspended_at: new Date() }).where('id', '=', user.id).execute();
    try {
      expectError(await api.request('GET', `/v1/visualize/${id}`, { headers: { 'x-share-token': live.body.token } }), 404, 'NOT_FOUND');
      expect((await fetch(`${api.url}/shared/${live.body.token}`)).status).toBe(404);
    } finally {
      await db.updateTable('users').set({ suspended_at: null }).where('id', '=', user.id).execute();
    }
    expect((await api.request('GET', `/v1/visualize/${id}`, { headers: { 'x-share-token': live.body.token } })).status).toBe(200);
  });

  it.each([
    [{ expires_in_days: 0 }, 'expires_in_days'],
    [{ expires_in_days: 366 }, 'expires_in_days'],
    [{ permissions: 'write' }, 'permissions'],
  ])('refuses a share request %j with 400 naming %s', async (body, field) => {
    const res = await api.request('POST', `/v1/visualize/${id}/share`, { token: user.access, body });
    expectError(res, 400, 'INVALID_REQUEST');
    expect(res.body.error.details.field).toBe(field);
  });
});
