import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GitError, runGit } from './git';

describe('runGit: git settings that do not depend on the machine or on the URL check', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it("ignores the caller's git environment and config (GIT_CONFIG_PARAMETERS, GIT_SSH_COMMAND, GIT_DIR)", async () => {
    process.env.GIT_CONFIG_PARAMETERS = "'core.hookspath'='/tmp/evil-hooks' 'protocol.allow'='always'";
    process.env.GIT_SSH_COMMAND = 'touch /tmp/evil';
    process.env.GIT_DIR = '/tmp/somewhere-else';
    const get = async (key: string) => (await runGit(['config', '--get', key], { okExitCodes: [0, 1] })).stdout.toString().trim();
    expect(await get('core.hookspath')).toBe('/dev/null');
    expect(await get('protocol.allow')).toBe('never');
    expect(await get('credential.helper')).toBe('');
    expect(await get('http.followredirects')).toBe('false');
  });

  it.each([
    ['ext::sh -c touch% /tmp/codex-ext-pwned', 'ext'],
    ['file:///etc', 'file'],
    ['/etc', 'file'],
    ['ssh://127.0.0.1/x.git', 'ssh'],
    ['git://127.0.0.1/x.git', 'git'],
    ['http://127.0.0.1:9/x.git', 'http'],
  ])('git itself refuses the %s transport, even if a URL got past the check', async (url, transport) => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'codex-git-'));
    try {
      const err = await runGit(['ls-remote', url], { cwd: dir, timeoutMs: 10_000 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(GitError);
      expect((err as GitError).stderr).toContain(`transport '${transport}' not allowed`);
      expect(existsSync('/tmp/codex-ext-pwned')).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reports a failure with its exit code and git’s own last line', async () => {
    const err = (await runGit(['rev-parse', '--verify', 'no-such-ref'], { cwd: os.tmpdir() }).catch((e: unknown) => e)) as GitError;
    expect(err).toBeInstanceOf(GitError);
    expect(err.exitCode).toBe(128);
    expect(err.message).toMatch(/^git rev-parse failed \(exit 128\): fatal: /);
  });
});
