import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { addressRange, RepositoryPolicy, RepositoryUrlError } from './url-policy';

/** A resolver that answers from a table, as DNS would (no network in tests). */
function table(entries: Record<string, string[]>) {
  return async (host: string) => {
    const found = entries[host];
    if (!found) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
    return found;
  };
}

const publicDns = table({
  'github.com': ['140.82.121.3'],
  'gitlab.example': ['2a02:26f0::1'],
  'rebind.example': ['140.82.121.3', '10.0.0.7'],
  'localhost.example': ['127.0.0.1'],
  'metadata.google.internal': ['169.254.169.254'],
  'v6local.example': ['fd00:ec2::254'],
  'mapped.example': ['::ffff:192.168.1.1'],
});

async function refusal(policy: RepositoryPolicy, url: string): Promise<RepositoryUrlError> {
  try {
    await policy.check(url);
  } catch (err) {
    if (err instanceof RepositoryUrlError) return err;
    throw err;
  }
  throw new Error(`${url} was accepted`);
}

describe('RepositoryPolicy: which URLs git may be given', () => {
  const policy = new RepositoryPolicy({ allowedHosts: [], resolve: publicDns });

  it('accepts https URLs of public hosts, normalised (lower-case host, no trailing slash)', async () => {
    const checked = await policy.check('https://GitHub.com/torvalds/linux.git/');
    expect(checked).toMatchObject({ url: 'https://github.com/torvalds/linux.git', protocol: 'https:', hostname: 'github.com', port: 443, addresses: ['140.82.121.3'] });
    expect((await policy.check('https://gitlab.example:8443/a/b')).url).toBe('https://gitlab.example:8443/a/b');
  });

  it.each([
    ['file:///etc/passwd', 'scheme'],
    ['ssh://git@github.com/a/b.git', 'scheme'],
    ['git://github.com/a/b.git', 'scheme'],
    ['ext::sh -c touch% /tmp/pwned', 'scheme'],
    ['ext::git-remote-ext', 'scheme'],
    ['fd::3', 'scheme'],
    ['git@github.com:a/b.git', 'syntax'],
    ['/srv/repos/a.git', 'syntax'],
    ['./a.git', 'syntax'],
    ['http://github.com/a/b', 'scheme'],
    ['https://user:secret@github.com/a/b', 'credentials'],
    ['https://token@github.com/a/b', 'credentials'],
    ['https://github.com/a/b?x=1', 'syntax'],
    ['https://github.com/a/b#main', 'syntax'],
    ['https://github.com', 'syntax'],
    ['https://github.com/a b', 'syntax'],
    ['', 'syntax'],
  ])('refuses %s (%s)', async (url, reason) => {
    const err = await refusal(policy, url);
    expect(err.reason).toBe(reason);
    // The message never echoes a password.
    expect(err.message).not.toContain('secret');
  });

  it.each([
    ['https://127.0.0.1/a/b', 'loopback'],
    ['https://[::1]/a/b', 'loopback'],
    ['https://10.1.2.3/a/b', 'private'],
    ['https://192.168.0.10/a/b', 'private'],
    ['https://172.16.5.4/a/b', 'private'],
    ['https://169.254.169.254/latest/meta-data', 'linkLocal'],
    ['https://100.100.100.200/a', 'carrierGradeNat'],
    ['https://0.0.0.0/a', 'unspecified'],
    ['https://[fe80::1]/a', 'linkLocal'],
    ['https://localhost.example/a/b', 'loopback'],
    ['https://metadata.google.internal/computeMetadata', 'linkLocal'],
    ['https://v6local.example/a', 'uniqueLocal'],
    ['https://mapped.example/a', 'private'],
    ['https://[::ffff:127.0.0.1]/a', 'loopback'],
    ['https://[2002:a00:1::]/a', '6to4'],
  ])('refuses %s: it resolves to a %s address', async (url, range) => {
    const err = await refusal(policy, url);
    expect(err.reason).toBe('address');
    expect(err.message).toContain(`a ${range} address`);
  });

  it('refuses a host when any one of its addresses is not public (no picking the good one)', async () => {
    expect((await refusal(policy, 'https://rebind.example/a/b')).message).toContain('private');
  });

  it('refuses a host that does not resolve, saying so', async () => {
    const err = await refusal(policy, 'https://nowhere.example/a/b');
    expect(err.reason).toBe('host');
    expect(err.message).toContain('does not resolve');
  });

  it('REPOSITORY_ALLOWED_HOSTS allows http and loopback for the hosts (and ports) it lists', async () => {
    const allowing = new RepositoryPolicy({ allowedHosts: ['127.0.0.1:8080', 'git.internal', '[::1]'], resolve: table({ 'git.internal': ['10.0.0.5'] }) });
    expect((await allowing.check('http://127.0.0.1:8080/r.git')).addresses).toEqual(['127.0.0.1']);
    expect((await allowing.check('http://git.internal:9000/r.git')).addresses).toEqual(['10.0.0.5']);
    expect((await allowing.check('https://[::1]/r.git')).url).toBe('https://[::1]/r.git');
    // Another port of a host listed with a port is not allowed.
    expect((await refusal(allowing, 'http://127.0.0.1:8081/r.git')).reason).toBe('scheme');
    expect((await refusal(allowing, 'https://127.0.0.1:8081/r.git')).reason).toBe('address');
    // The list never allows credentials or other transports.
    expect((await refusal(allowing, 'http://u:p@127.0.0.1:8080/r.git')).reason).toBe('credentials');
    expect((await refusal(allowing, 'file:///r.git')).reason).toBe('scheme');
  });

  it('refuses a malformed allow list at start', () => {
    expect(() => new RepositoryPolicy({ allowedHosts: ['http://x'] })).toThrow(/REPOSITORY_ALLOWED_HOSTS/);
    expect(() => new RepositoryPolicy({ allowedHosts: ['x:99999'] })).toThrow(/port/);
  });

  it('pins git to the checked address and forbids redirects', async () => {
    const checked = await policy.check('https://github.com/a/b');
    expect(policy.gitConfig(checked)).toEqual([
      ['http.followRedirects', 'false'],
      ['http.curloptResolve', 'github.com:443:140.82.121.3'],
    ]);
  });

  it('names ranges as ipaddr.js does', () => {
    expect(addressRange('8.8.8.8')).toBe('unicast');
    expect(addressRange('2606:4700::1111')).toBe('unicast');
    expect(addressRange('::ffff:10.0.0.1')).toBe('private');
  });
});

describe('RepositoryPolicy.probe: every redirect is checked', () => {
  let server: http.Server;
  let base: string;
  const routes = new Map<string, (res: http.ServerResponse) => void>();

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const route = routes.get(new URL(req.url!, 'http://x').pathname);
      if (route) route(res);
      else res.writeHead(404).end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const redirectTo = (location: string) => (res: http.ServerResponse) => res.writeHead(301, { location }).end();

  it('follows a redirect within allowed hosts and answers where the repository is', async () => {
    routes.set('/old.git/info/refs', redirectTo(`http://${base}/new.git/info/refs?service=git-upload-pack`));
    const policy = new RepositoryPolicy({ allowedHosts: [base] });
    const probed = await policy.probe(`http://${base}/old.git`);
    expect(probed.url).toBe(`http://${base}/new.git`);
    expect(probed.requestedUrl).toBe(`http://${base}/old.git`);
  });

  it('refuses a redirect to a private address, a host not allowed, or another scheme', async () => {
    const policy = new RepositoryPolicy({ allowedHosts: [base] });
    for (const [path, location] of [
      ['/to-metadata.git/info/refs', 'http://169.254.169.254/latest/meta-data/info/refs?service=git-upload-pack'],
      ['/to-private.git/info/refs', 'https://10.0.0.1/x.git/info/refs?service=git-upload-pack'],
      ['/to-file.git/info/refs', 'file:///etc/x.git/info/refs?service=git-upload-pack'],
      ['/to-creds.git/info/refs', `http://u:p@${base}/x.git/info/refs?service=git-upload-pack`],
    ] as const) {
      routes.set(path, redirectTo(location));
      const err = await policy.probe(`http://${base}${path.replace('/info/refs', '')}`).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(RepositoryUrlError);
      expect((err as RepositoryUrlError).reason).toBe('redirect');
    }
  });

  it('refuses a redirect away from a git repository, and a redirect loop', async () => {
    const policy = new RepositoryPolicy({ allowedHosts: [base], maxRedirects: 3 });
    routes.set('/login.git/info/refs', redirectTo(`http://${base}/sign-in`));
    await expect(policy.probe(`http://${base}/login.git`)).rejects.toThrow(/not a git repository/);
    routes.set('/loop.git/info/refs', redirectTo(`http://${base}/loop.git/info/refs?service=git-upload-pack`));
    await expect(policy.probe(`http://${base}/loop.git`)).rejects.toThrow(/more than 3 times/);
  });

  it('leaves an unreachable host to git (no refusal here)', async () => {
    const policy = new RepositoryPolicy({ allowedHosts: ['127.0.0.1:9'] });
    await expect(policy.probe('http://127.0.0.1:9/a.git')).resolves.toMatchObject({ url: 'http://127.0.0.1:9/a.git' });
  });
});
