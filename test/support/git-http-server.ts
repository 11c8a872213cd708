// Serves the bare repositories under a folder over git's smart HTTP protocol on loopback, through
// `git http-backend` (the CGI program git ships), for tests. Redirects can be added per path.
import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface GitHttpServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, as REPOSITORY_ALLOWED_HOSTS names it. */
  hostPort: string;
  /** Answers requests whose path starts with `prefix` with a 302 to `location + rest of the path`. */
  redirect(prefix: string, location: string): void;
  /** Holds requests whose path starts with `prefix` until the returned function is called. */
  hold(prefix: string): () => void;
  /** Every request's method and path, in order. */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the server; `root` holds the bare repositories (`<root>/<name>.git`). */
export async function startGitHttpServer(root: string): Promise<GitHttpServer> {
  const redirects = new Map<string, string>();
  const holds = new Map<string, { released: Promise<void>; release: () => void }>();
  const requests: string[] = [];
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(`${req.method} ${url.pathname}${url.search}`);
    for (const [prefix, gate] of holds) if (url.pathname.startsWith(prefix)) await gate.released;
    // The client went away while held (git stopped by a cancelled task): nothing to answer.
    if (req.socket.destroyed) return;
    for (const [prefix, location] of redirects) {
      if (url.pathname.startsWith(prefix)) {
        res.writeHead(302, { location: `${location}${url.pathname.slice(prefix.length)}${url.search}` });
        res.end();
        return;
      }
    }
    const child = spawn('git', ['http-backend'], {
      env: {
        PATH: process.env.PATH,
        GIT_PROJECT_ROOT: root,
        GIT_HTTP_EXPORT_ALL: '1',
        GIT_CONFIG_NOSYSTEM: '1',
        GIT_CONFIG_GLOBAL: '/dev/null',
        PATH_INFO: decodeURIComponent(url.pathname),
        QUERY_STRING: url.search.slice(1),
        REQUEST_METHOD: req.method ?? 'GET',
        CONTENT_TYPE: req.headers['content-type'] ?? '',
        REMOTE_ADDR: req.socket.remoteAddress ?? '',
        ...(req.headers['content-encoding'] ? { HTTP_CONTENT_ENCODING: String(req.headers['content-encoding']) } : {}),
        ...(req.headers['git-protocol'] ? { GIT_PROTOCOL: String(req.headers['git-protocol']) } : {}),
      },
      stdio: ['pipe', 'pipe', 'ignore'],
    });
    // A client that went away (git stopped by a cancelled task) leaves no backend running.
    res.on('close', () => {
      if (!res.writableFinished) child.kill();
    });
    req.pipe(child.stdin);
    child.stdin.on('error', () => undefined);
    let head = Buffer.alloc(0);
    let headersDone = false;
    child.stdout.on('data', (chunk: Buffer) => {
      if (headersDone) {
        res.write(chunk);
        return;
      }
      head = Buffer.concat([head, chunk]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      headersDone = true;
      let status = 200;
      const headers: Record<string, string> = {};
      for (const line of head.subarray(0, end).toString('latin1').split('\r\n')) {
        const i = line.indexOf(':');
        if (i < 0) continue;
        const name = line.slice(0, i).trim();
        const value = line.slice(i + 1).trim();
        if (name.toLowerCase() === 'status') status = Number(value.split(' ')[0]);
        else headers[name] = value;
      }
      res.writeHead(status, headers);
      res.write(head.subarray(end + 4));
    });
    child.on('close', () => {
      if (!headersDone) res.writeHead(500).end();
      else res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    hostPort: `127.0.0.1:${port}`,
    redirect: (prefix, location) => void redirects.set(prefix, location),
    hold: (prefix) => {
      let release!: () => void;
      const released = new Promise<void>((r) => (release = r));
      holds.set(prefix, { released, release });
      return () => {
        holds.delete(prefix);
        release();
      };
    },
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
