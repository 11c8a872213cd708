// The repository cache against real git: a repository served over smart HTTP on loopback by
// `git http-backend`, fetched into the cache with the git CLI.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { BranchNotFoundError, directorySize, RepositoryCache, RepositoryLimitError, RepositoryNotFoundError } from '../repositories/repository-cache';
import { RepositoryPolicy, RepositoryUrlError } from '../repositories/url-policy';
import { startGitHttpServer, type GitHttpServer } from './support/git-http-server';
import { git, WorkRepo } from './support/git-repos';

const ada = { name: 'Ada', email: 'ada@example.test' };

/** Objects in a repository, loose and packed (`git count-objects -v`). */
function objectCount(gitDir: string): number {
  const out = git(gitDir, ['count-objects', '-v']);
  const field = (name: string) => Number(new RegExp(`^${name}: (\\d+)$`, 'm').exec(out)?.[1] ?? 0);
  return field('count') + field('in-pack');
}

/** Resolves once `condition` holds (polled every 20 ms; gives up after 10 s). */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 20) {
    if (waited > 10_000) throw new Error('condition not met within 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('RepositoryCache (git over HTTP on loopback)', () => {
  let root: string;
  let cacheDir: string;
  let server: GitHttpServer;
  let work: WorkRepo;
  let published: string;
  let policy: RepositoryPolicy;

  beforeAll(async () => {
    root = mkdtempSync(path.join(os.tmpdir(), 'codex-served-'));
    cacheDir = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
    work = new WorkRepo({ branch: 'trunk' });
    work.commit('first', ada, { 'README.md': '# hello\n', 'src/a.ts': 'export const a = 1;\n' });
    work.git(['branch', 'feature']);
    work.commit('second', ada, { 'src/b.ts': 'export const b = 2;\n' });
    published = work.publish(root, 'demo');
    server = await startGitHttpServer(root);
    policy = new RepositoryPolicy({ allowedHosts: [server.hostPort] });
  });

  afterAll(async () => {
    await server.close();
    work.remove();
    rmSync(root, { recursive: true, force: true });
    rmSync(cacheDir, { recursive: true, force: true });
  });

  const cache = (options: Partial<ConstructorParameters<typeof RepositoryCache>[0]> = {}) =>
    new RepositoryCache({ dir: cacheDir, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 64 * 1024 * 1024, ...options });

  it('clones the default branch on first use, then fetches only what is new', async () => {
    const c = cache();
    const first = await c.fetch(`${server.url}/demo.git`);
    expect(first.branch).toBe('trunk');
    expect(first.headSha).toBe(work.git(['rev-parse', 'trunk']));
    expect(git(first.gitDir, ['rev-list', '--count', 'trunk'])).toBe('2');
    const objectsBefore = objectCount(first.gitDir);

    const third = work.commit('third', ada, { 'src/c.ts': 'export const c = 3;\n' });
    work.push(published);
    const again = await c.fetch(`${server.url}/demo.git`);
    expect(again.gitDir).toBe(first.gitDir);
    expect(again.headSha).toBe(third);
    // The second fetch brought the new commit, its two trees and its blob, nothing more.
    expect(objectCount(first.gitDir) - objectsBefore).toBe(4);
  });

  it('reads a branch by name, and says which branch does not exist', async () => {
    const c = cache();
    const feature = await c.fetch(`${server.url}/demo.git`, { branch: 'feature' });
    expect(feature.headSha).toBe(work.git(['rev-parse', 'feature']));
    const err = await c.fetch(`${server.url}/demo.git`, { branch: 'no-such-branch' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(BranchNotFoundError);
    expect((err as Error).message).toBe(`branch "no-such-branch" does not exist in ${server.url}/demo.git`);
  });

  it('says which repository does not exist', async () => {
    const err = await cache().fetch(`${server.url}/missing.git`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryNotFoundError);
    expect((err as Error).message).toBe(`repository ${server.url}/missing.git does not exist`);
  });

  it('shares one clone among concurrent requests, in one process and across processes', async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
    try {
      const a = new RepositoryCache({ dir: fresh, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 64 << 20 });
      const b = new RepositoryCache({ dir: fresh, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 64 << 20 }); // as another process would
      const before = server.requests.length;
      const results = await Promise.all([...Array.from({ length: 4 }, () => a.fetch(`${server.url}/demo.git`)), b.fetch(`${server.url}/demo.git`)]);
      expect(new Set(results.map((r) => r.gitDir)).size).toBe(1);
      expect(new Set(results.map((r) => r.headSha))).toEqual(new Set([work.git(['rev-parse', 'trunk'])]));
      // A's four requests share one run of git; B's waits for the lock. The first to hold it
      // clones: ls-remote (one ls-refs POST), then fetch (ls-refs, fetch). The other finds, after
      // its ls-refs, that it has everything: no fetch POST. Five requests would have made 15.
      const uploads = server.requests.slice(before).filter((r) => r.startsWith('POST') && r.includes('git-upload-pack'));
      expect(uploads).toHaveLength(5);
      expect(readdirSync(fresh).filter((f) => f.endsWith('.git'))).toHaveLength(1);
      git(results[0]!.gitDir, ['fsck', '--no-progress']);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("stops one caller's wait on its signal, and the shared git run only when every caller has gone", async () => {
    const fresh = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
    const fresher = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
    let release = server.hold('/demo.git/git-upload-pack');
    try {
      const c = new RepositoryCache({ dir: fresh, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 64 << 20 });
      const leaving = new AbortController();
      const staying = new AbortController();
      const earlier = server.requests.length;
      const first = c.fetch(`${server.url}/demo.git`, { signal: leaving.signal });
      const second = c.fetch(`${server.url}/demo.git`, { signal: staying.signal });
      await waitUntil(() => server.requests.slice(earlier).some((r) => r.startsWith('POST /demo.git/git-upload-pack')));
      leaving.abort(new Error('task cancelled'));
      // The caller that left is answered at once, while the host still holds git's request.
      await expect(first).rejects.toThrow('task cancelled');
      release();
      // The other caller's clone went on and completed.
      const fetched = await second;
      expect(fetched.headSha).toBe(work.git(['rev-parse', 'trunk']));

      // A lone caller that leaves stops git: the next fetch clones afresh and completes.
      release = server.hold('/demo.git/git-upload-pack');
      const alone = new AbortController();
      const c2 = new RepositoryCache({ dir: fresher, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 64 << 20 });
      const posts = server.requests.length;
      const lone = c2.fetch(`${server.url}/demo.git`, { signal: alone.signal });
      await waitUntil(() => server.requests.slice(posts).some((r) => r.startsWith('POST /demo.git/git-upload-pack')));
      alone.abort(new Error('gone'));
      await expect(lone).rejects.toThrow('gone');
      release();
      const again = await c2.fetch(`${server.url}/demo.git`);
      expect(again.headSha).toBe(work.git(['rev-parse', 'trunk']));
      // A signal already aborted is refused before anything runs.
      const before = server.requests.length;
      await expect(c2.fetch(`${server.url}/demo.git`, { signal: AbortSignal.abort(new Error('already')) })).rejects.toThrow('already');
      expect(server.requests.length).toBe(before);
    } finally {
      release();
      rmSync(fresh, { recursive: true, force: true });
      rmSync(fresher, { recursive: true, force: true });
    }
  });

  it('stops a fetch past the size limit, leaving no partial pack behind', async () => {
    const big = new WorkRepo();
    big.commit('big', ada, { 'blob.bin': randomBytes(3 * 1024 * 1024) });
    big.publish(root, 'big');
    const small = mkdtempSync(path.join(os.tmpdir(), 'codex-cache-'));
    try {
      const c = new RepositoryCache({ dir: small, policy, cloneTimeoutMs: 30_000, maxSizeBytes: 512 * 1024, sizeCheckIntervalMs: 20 });
      const err = await c.fetch(`${server.url}/big.git`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RepositoryLimitError);
      expect((err as RepositoryLimitError).limit).toBe('REPOSITORY_MAX_SIZE_MB');
      expect((err as Error).message).toMatch(/larger than the limit/);
      // Nothing of it stays on disk.
      expect(directorySize(small)).toBeLessThan(64 * 1024);
    } finally {
      big.remove();
      rmSync(small, { recursive: true, force: true });
    }
  });

  it('stops a clone that takes longer than its time limit', async () => {
    // A host that accepts the connection and never answers.
    const silent = http.createServer(() => undefined);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const hostPort = `127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const c = new RepositoryCache({
        dir: cacheDir,
        policy: new RepositoryPolicy({ allowedHosts: [hostPort], probeTimeoutMs: 300 }),
        cloneTimeoutMs: 1500,
        maxSizeBytes: 1 << 20,
      });
      const err = await c.fetch(`http://${hostPort}/slow.git`).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(RepositoryLimitError);
      expect((err as RepositoryLimitError).limit).toBe('REPOSITORY_CLONE_TIMEOUT_SECONDS');
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it('refuses loopback without the allow list, before git runs', async () => {
    const strict = new RepositoryCache({ dir: cacheDir, policy: new RepositoryPolicy({ allowedHosts: [] }), cloneTimeoutMs: 5000, maxSizeBytes: 1 << 20 });
    const before = server.requests.length;
    const err = await strict.fetch(`${server.url}/demo.git`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryUrlError);
    expect(server.requests.length).toBe(before);
  });

  it('refuses a redirect to a host that is not allowed, before git runs', async () => {
    server.redirect('/moved.git', 'http://169.254.169.254/x.git');
    const err = await cache().fetch(`${server.url}/moved.git`).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RepositoryUrlError);
    expect((err as RepositoryUrlError).reason).toBe('redirect');
    expect(server.requests.filter((r) => r.includes('moved.git'))).toHaveLength(1); // the probe alone
  });
});
