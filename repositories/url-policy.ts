// Which repository URLs the service may fetch, and where they lead (OWASP's SSRF prevention:
// an allow list of schemes, no credentials, every resolved address and every redirect checked).
import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Longest repository URL accepted (characters). */
export const MAX_REPOSITORY_URL_LENGTH = 2048;

/** Why a repository URL is refused; `message` is safe to show the caller. */
export class RepositoryUrlError extends Error {
  override readonly name = 'RepositoryUrlError';
  constructor(
    message: string,
    /** A short machine-readable reason: `scheme`, `credentials`, `address`, `redirect`, `host`, `syntax`. */
    readonly reason: string,
  ) {
    super(message);
  }
}

/** A repository URL that passed the syntactic rules: `https://`, or `http://` of an allowed host. */
export interface RepositoryUrl {
  /** The URL git is given: lower-case host, no trailing slash, no query or fragment. */
  url: string;
  protocol: 'https:' | 'http:';
  /** Host name as in the URL (IPv6 without brackets). */
  hostname: string;
  port: number;
  /** The host is in REPOSITORY_ALLOWED_HOSTS, so its addresses are not checked. */
  allowListed: boolean;
}

/** A repository URL whose addresses were checked, pinned so git connects to those alone. */
export interface CheckedRepository extends RepositoryUrl {
  /** Addresses the host resolved to, every one allowed. Git is pinned to the first. */
  addresses: string[];
  /** The URL asked for, when redirects led from it to `url`. */
  requestedUrl?: string;
}

/** Resolves a host name to its addresses (`dns.lookup(host, {all: true})`); replaceable in tests. */
export type ResolveHost = (hostname: string) => Promise<string[]>;

export interface RepositoryPolicyOptions {
  /** REPOSITORY_ALLOWED_HOSTS: `host` (any port) or `host:port` entries, IPv6 in brackets. */
  allowedHosts: readonly string[];
  resolve?: ResolveHost;
  /** Most redirects followed from the URL given (default 5, as browsers and git cap them). */
  maxRedirects?: number;
  /** Time limit of each probe request (ms, default 10000). */
  probeTimeoutMs?: number;
}

const defaultResolve: ResolveHost = async (hostname) => (await dnsLookup(hostname, { all: true, verbatim: true })).map((a) => a.address);

/** The suffix git's smart HTTP protocol asks for first; redirects of it move the repository. */
const INFO_REFS = '/info/refs?service=git-upload-pack';

/**
 * The rules every repository URL passes before git sees it:
 *
 * - `https://` only, or `http://` of a host in REPOSITORY_ALLOWED_HOSTS. `file://`, `ssh://`,
 *   `git://`, `ext::`, scp-like `user@host:path` and local paths are refused.
 * - No user name or password in the URL, no query, no fragment.
 * - Unless the host is allow-listed, every address it resolves to must be a public unicast one:
 *   loopback, private (RFC 1918, unique-local), link-local (including cloud metadata at
 *   169.254.169.254), carrier-grade NAT (100.64/10, Alibaba's metadata), multicast, reserved,
 *   and IPv6 forms that embed IPv4 (6to4, Teredo, NAT64) are refused. IPv4-mapped IPv6 is
 *   checked as the IPv4 address it carries. Ranges are ipaddr.js's (from IANA's registries).
 * - `probe` follows the redirects of `<url>/info/refs`, checking each hop by the same rules.
 */
export class RepositoryPolicy {
  private readonly allowed: { host: string; port?: number }[];
  private readonly resolveHost: ResolveHost;
  private readonly maxRedirects: number;
  private readonly probeTimeoutMs: number;

  /** @throws Error when an entry of `allowedHosts` is not `host` or `host:port`. */
  constructor(options: RepositoryPolicyOptions) {
    this.allowed = options.allowedHosts.map(parseAllowedHost);
    this.resolveHost = options.resolve ?? defaultResolve;
    this.maxRedirects = options.maxRedirects ?? 5;
    this.probeTimeoutMs = options.probeTimeoutMs ?? 10_000;
  }

  /** The syntactic rules alone (no DNS). @throws RepositoryUrlError */
  parse(raw: string): RepositoryUrl {
    if (typeof raw !== 'string' || raw.length === 0) throw new RepositoryUrlError('repository_url is required', 'syntax');
    if (raw.length > MAX_REPOSITORY_URL_LENGTH) throw new RepositoryUrlError(`repository_url must be at most ${MAX_REPOSITORY_URL_LENGTH} characters`, 'syntax');
    // Git transports named in the URL's own syntax ("ext::cmd", "fd::3", "transport::address").
    if (/^[A-Za-z][A-Za-z0-9+.-]*::/.test(raw)) throw new RepositoryUrlError('repository_url must be an https:// URL (git remote helpers such as ext:: are not allowed)', 'scheme');
    // Control characters and spaces: WHATWG URL parsing would strip or encode some of them.
    // eslint-disable-next-line no-control-regex -- control characters are what this refuses
    if (/[\u0000-\u0020\u007f-\u009f]/.test(raw)) throw new RepositoryUrlError('repository_url must not contain spaces or control characters', 'syntax');
    let parsed: URL;
    try {
      parsed = new URL(raw);
    } catch {
      throw new RepositoryUrlError('repository_url must be an https:// URL (local paths and scp-like user@host:path addresses are not allowed)', 'syntax');
    }
    const protocol = parsed.protocol;
    if (protocol !== 'https:' && protocol !== 'http:') {
      throw new RepositoryUrlError(`repository_url must be an https:// URL, not ${protocol}//`, 'scheme');
    }
    if (parsed.username || parsed.password || /^[a-z]+:\/\/[^/]*@/i.test(raw)) {
      throw new RepositoryUrlError('repository_url must not contain a user name or password', 'credentials');
    }
    if (parsed.search || raw.includes('?')) throw new RepositoryUrlError('repository_url must not have a query string', 'syntax');
    if (parsed.hash || raw.includes('#')) throw new RepositoryUrlError('repository_url must not have a fragment', 'syntax');
    const hostname = parsed.hostname.replace(/^\[(.*)\]$/, '$1').toLowerCase();
    if (!hostname) throw new RepositoryUrlError('repository_url must name a host', 'host');
    const port = parsed.port ? Number(parsed.port) : protocol === 'https:' ? 443 : 80;
    const allowListed = this.isAllowListed(hostname, port);
    if (protocol === 'http:' && !allowListed) {
      throw new RepositoryUrlError('repository_url must be an https:// URL (http:// only for hosts in REPOSITORY_ALLOWED_HOSTS)', 'scheme');
    }
    const path = parsed.pathname.replace(/\/+$/, '');
    if (path === '') throw new RepositoryUrlError('repository_url must name a repository (a path after the host)', 'syntax');
    const hostPart = hostname.includes(':') ? `[${hostname}]` : hostname;
    const url = `${protocol}//${hostPart}${parsed.port ? `:${parsed.port}` : ''}${path}`;
    return { url, protocol, hostname, port, allowListed };
  }

  /**
   * `parse`, then the host's addresses (each must be allowed unless the host is allow-listed).
   * @throws RepositoryUrlError (also when the host does not resolve)
   */
  async check(raw: string): Promise<CheckedRepository> {
    const parsed = this.parse(raw);
    return { ...parsed, addresses: await this.addressesOf(parsed) };
  }

  /**
   * `check`, then the redirects of `<url>/info/refs?service=git-upload-pack` (what git asks for
   * first), each hop checked, at most `maxRedirects`. The answer names where the repository is
   * after them. A host that does not answer is not an error here (git will say so): only a
   * redirect that breaks the rules is.
   * @throws RepositoryUrlError
   */
  async probe(raw: string): Promise<CheckedRepository> {
    let current = await this.check(raw);
    for (let hop = 0; ; hop++) {
      let location: string | undefined;
      try {
        location = await this.redirectOf(current);
      } catch {
        return current; // unreachable or not HTTP: git reports it with its own message
      }
      if (location === undefined) return hop === 0 ? current : { ...current, requestedUrl: raw };
      if (hop >= this.maxRedirects) throw new RepositoryUrlError(`repository_url redirects more than ${this.maxRedirects} times`, 'redirect');
      const target = new URL(location, `${current.url}${INFO_REFS}`);
      const targetText = target.toString();
      if (!targetText.endsWith(INFO_REFS.slice(1)) || !target.pathname.endsWith('/info/refs')) {
        throw new RepositoryUrlError('repository_url redirects to a location that is not a git repository', 'redirect');
      }
      if (target.username || target.password) throw new RepositoryUrlError('repository_url redirects to a URL with a user name or password', 'redirect');
      const base = `${target.protocol}//${target.host}${target.pathname.slice(0, -'/info/refs'.length)}`;
      try {
        current = await this.check(base);
      } catch (err) {
        if (err instanceof RepositoryUrlError) throw new RepositoryUrlError(`repository_url redirects to a location that is not allowed: ${err.message}`, 'redirect');
        throw err;
      }
    }
  }

  /** Git's own settings that pin it to `checked`'s first address and refuse redirects. */
  gitConfig(checked: CheckedRepository): [string, string][] {
    const entries: [string, string][] = [['http.followRedirects', 'false']];
    const address = checked.addresses[0];
    if (address) {
      const host = checked.hostname.includes(':') ? `[${checked.hostname}]` : checked.hostname;
      entries.push(['http.curloptResolve', `${host}:${checked.port}:${address.includes(':') ? `[${address}]` : address}`]);
    }
    return entries;
  }

  private isAllowListed(hostname: string, port: number): boolean {
    return this.allowed.some((a) => a.host === hostname && (a.port === undefined || a.port === port));
  }

  private async addressesOf(parsed: RepositoryUrl): Promise<string[]> {
    let addresses: string[];
    if (ipaddr.isValid(parsed.hostname)) addresses = [parsed.hostname];
    else {
      try {
        addresses = await this.resolveHost(parsed.hostname);
      } catch {
        throw new RepositoryUrlError(`repository_url's host ${parsed.hostname} does not resolve`, 'host');
      }
      if (addresses.length === 0) throw new RepositoryUrlError(`repository_url's host ${parsed.hostname} does not resolve`, 'host');
    }
    if (!parsed.allowListed) {
      for (const address of addresses) {
        const range = addressRange(address);
        if (range !== 'unicast') {
          throw new RepositoryUrlError(
            `repository_url's host ${parsed.hostname} resolves to a ${range} address; only public hosts are allowed (REPOSITORY_ALLOWED_HOSTS lists others)`,
            'address',
          );
        }
      }
    }
    return addresses;
  }

  /** The Location of a redirect answered to GET <url>/info/refs, or undefined for any other answer. */
  private redirectOf(checked: CheckedRepository): Promise<string | undefined> {
    const pinned: LookupFunction = (_host, options, callback) => {
      const address = checked.addresses[0]!;
      const family = address.includes(':') ? 6 : 4;
      if ((options as { all?: boolean }).all) (callback as (e: null, a: { address: string; family: number }[]) => void)(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const client = checked.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const req = client.request(
        `${checked.url}${INFO_REFS}`,
        { method: 'GET', lookup: pinned, timeout: this.probeTimeoutMs, headers: { 'user-agent': 'git/2 (codex-cloud probe)', 'git-protocol': 'version=2' } },
        (res) => {
          res.resume();
          const status = res.statusCode ?? 0;
          const location = res.headers.location;
          resolve(status >= 300 && status < 400 && typeof location === 'string' ? location : undefined);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timed out')));
      req.on('error', reject);
      req.end();
    });
  }
}

/** ipaddr.js's range name of an address (`unicast` for a public one); IPv4-mapped IPv6 as IPv4. */
export function addressRange(address: string): string {
  return ipaddr.process(address).range();
}

function parseAllowedHost(entry: string): { host: string; port?: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]\s]+))(?::(\d{1,5}))?$/.exec(entry.trim());
  if (!m) throw new Error(`REPOSITORY_ALLOWED_HOSTS: "${entry}" is not host or host:port`);
  const port = m[3] === undefined ? undefined : Number(m[3]);
  if (port !== undefined && (port < 1 || port > 65535)) throw new Error(`REPOSITORY_ALLOWED_HOSTS: "${entry}" has a port out of range`);
  return { host: (m[1] ?? m[2]!).toLowerCase(), port };
}
