import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import type { KubeConfig } from './kubernetes-types';

/** A follow request that has seen no byte this long is ended and opened again (a quiet agent costs one request per period). */
export const LOG_RESYNC_MS = 30_000;

/** A log line's timestamp as the kubelet writes it (RFC 3339 with nanoseconds), as nanoseconds since the epoch. */
function timestampNanos(stamp: string): bigint | undefined {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(stamp);
  if (!m) return undefined;
  const seconds = Date.parse(`${m[1]}${m[3]}`);
  if (Number.isNaN(seconds)) return undefined;
  return BigInt(seconds) * 1_000_000n + BigInt((m[2] ?? '').padEnd(9, '0'));
}

/** The error of a follow request the API server refused: its HTTP code and Status body. */
export class PodLogError extends Error {
  override readonly name = 'PodLogError';
  constructor(
    readonly code: number,
    readonly body: string,
  ) {
    super(`reading the pod log failed: HTTP ${code}`);
  }
}

/**
 * Follows a container's log (`pods/log?follow=true&timestamps=true`) line by line. A follow
 * request can end before the container does (the API server or kubelet closed it) or be cut (a
 * connection reset, which the client library's own log call never reports), or fall silent on a
 * half-open connection; the next `follow()` asks for the log from the second of the last line
 * read (`sinceTime`) and skips what it has already delivered by timestamp, so every line arrives
 * once, in order, and live progress stalls no longer than a reconnect (at most LOG_RESYNC_MS).
 */
export class PodLogReader {
  /** Timestamp of the last line delivered, and how many delivered lines carried exactly it. */
  private last?: { nanos: bigint; stamp: string; count: number };
  /** Lines of the last delivered instant met so far in the current request. */
  private seenAtLast = 0;
  private current?: { abort: () => void };

  constructor(
    private readonly kubeConfig: KubeConfig,
    private readonly target: { namespace: string; pod: string; container: string },
    private readonly onLine: (line: string) => void,
    private readonly options: { resyncMs?: number } = {},
  ) {}

  /**
   * One follow request: `ended` when the server ended the stream, `aborted` after `abort()` or a
   * silence of LOG_RESYNC_MS. Throws PodLogError for a refused request (400 while the container
   * is waiting, 404 once the pod is gone) and the network error of a cut connection.
   */
  async follow(): Promise<'ended' | 'aborted'> {
    const cluster = this.kubeConfig.getCurrentCluster();
    if (!cluster) throw new Error('No currently active cluster');
    const { namespace, pod, container } = this.target;
    const url = new URL(`${cluster.server}/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(pod)}/log`);
    url.searchParams.set('container', container);
    url.searchParams.set('follow', 'true');
    url.searchParams.set('timestamps', 'true');
    // The API server takes whole seconds; lines of that second already delivered are skipped below.
    if (this.last) url.searchParams.set('sinceTime', `${this.last.stamp.slice(0, 19)}Z`);
    const options: https.RequestOptions = { method: 'GET', headers: {} };
    await this.kubeConfig.applyToHTTPSOptions(options);
    const request = (url.protocol === 'https:' ? https : http).request(url, options);
    this.seenAtLast = 0;

    return new Promise<'ended' | 'aborted'>((resolve, reject) => {
      let settled = false;
      const settle = (how: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(silence);
        if (this.current === handle) this.current = undefined;
        how();
      };
      let silence: NodeJS.Timeout;
      const resyncMs = this.options.resyncMs ?? LOG_RESYNC_MS;
      const quietFor = () => {
        clearTimeout(silence);
        silence = setTimeout(() => {
          request.destroy();
          settle(() => resolve('aborted'));
        }, resyncMs);
        silence.unref();
      };
      const handle = {
        abort: () => {
          request.destroy();
          settle(() => resolve('aborted'));
        },
      };
      this.current = handle;
      quietFor();
      request.on('error', (err) => settle(() => reject(err)));
      request.on('response', (response: IncomingMessage) => {
        if (response.statusCode !== 200) {
          let body = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (body += chunk));
          response.on('end', () => settle(() => reject(new PodLogError(response.statusCode ?? 0, body))));
          response.on('error', (err) => settle(() => reject(err)));
          return;
        }
        let partial = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          quietFor();
          partial += chunk;
          let newline = partial.indexOf('\n');
          while (newline >= 0) {
            this.deliver(partial.slice(0, newline).replace(/\r$/, ''));
            partial = partial.slice(newline + 1);
            newline = partial.indexOf('\n');
          }
        });
        // A cut connection: no end. The half-read line is read again next time.
        response.on('aborted', () => settle(() => reject(new Error('the pod log connection was cut'))));
        response.on('error', (err) => settle(() => reject(err)));
        response.on('end', () => {
          // The server ended the stream: a last line without a newline is still a line.
          if (partial) this.deliver(partial);
          settle(() => resolve('ended'));
        });
      });
      request.end();
    });
  }

  /** Ends the current `follow()` now (the container ended but its stream did not). */
  abort(): void {
    this.current?.abort();
  }

  /** Hands a line on unless an earlier request delivered it already (by its timestamp). */
  private deliver(raw: string): void {
    const space = raw.indexOf(' ');
    const stamp = space > 0 ? raw.slice(0, space) : '';
    const nanos = timestampNanos(stamp);
    if (nanos === undefined) {
      // No timestamp (an API server that ignores timestamps=true): the line as it is.
      this.onLine(raw);
      return;
    }
    const line = raw.slice(space + 1);
    const last = this.last;
    if (last && nanos < last.nanos) return;
    if (last && nanos === last.nanos) {
      // Delivered lines of this exact instant come first again: skip that many.
      const seen = (this.seenAtLast += 1);
      if (seen <= last.count) return;
      last.count += 1;
      this.onLine(line);
      return;
    }
    this.last = { nanos, stamp, count: 1 };
    this.seenAtLast = 1;
    this.onLine(line);
  }
}
