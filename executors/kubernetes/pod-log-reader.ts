import { Writable } from 'node:stream';
import type { Log } from './kubernetes-types';

/**
 * Follows a container's log (`pods/log?follow=true`) line by line. A stream can end before the
 * container does (the API server or kubelet closed it); the next `follow()` reads the log again
 * from its start and skips the lines already delivered, so every line arrives once, in order.
 */
export class PodLogReader {
  /** Complete lines handed to `onLine` so far. */
  private delivered = 0;
  private current?: FollowRequest;

  constructor(
    private readonly log: Log,
    private readonly target: { namespace: string; pod: string; container: string },
    private readonly onLine: (line: string) => void,
  ) {}

  /**
   * One follow request: `ended` when the server ended the stream, `aborted` after `abort()`.
   * Throws the API's error (400 while the container is waiting, 404 once the pod is gone).
   */
  async follow(): Promise<'ended' | 'aborted'> {
    let seen = 0;
    let partial = '';
    let finished!: (how: 'ended' | 'aborted') => void;
    let failed!: (err: Error) => void;
    const done = new Promise<'ended' | 'aborted'>((resolve, reject) => {
      finished = resolve;
      failed = reject;
    });
    const current: FollowRequest = { closed: false, end: () => finished('aborted') };
    this.current = current;
    const deliver = (line: string) => {
      if (current.closed) return;
      seen += 1;
      if (seen <= this.delivered) return;
      this.delivered += 1;
      this.onLine(line);
    };
    const sink = new Writable({
      decodeStrings: false,
      write: (chunk: Buffer | string, _encoding, callback) => {
        partial += chunk.toString();
        let newline = partial.indexOf('\n');
        while (newline >= 0) {
          deliver(partial.slice(0, newline).replace(/\r$/, ''));
          partial = partial.slice(newline + 1);
          newline = partial.indexOf('\n');
        }
        callback();
      },
      final: (callback) => {
        // The server ended the stream: a last line without a newline is still a line.
        if (partial) deliver(partial);
        partial = '';
        callback();
        finished('ended');
      },
    });
    sink.once('error', failed);
    try {
      current.controller = await this.log.log(this.target.namespace, this.target.pod, this.target.container, sink, {
        follow: true,
        pretty: false,
        timestamps: false,
      });
      if (current.closed) current.controller.abort();
      return await done;
    } finally {
      // Whatever this request still writes is ignored: a half-read line is read again next time.
      current.closed = true;
      if (this.current === current) this.current = undefined;
    }
  }

  /** Ends the current `follow()` now (the container ended but its stream did not). */
  abort(): void {
    const current = this.current;
    if (!current) return;
    current.closed = true;
    current.controller?.abort();
    current.end();
  }
}

interface FollowRequest {
  closed: boolean;
  controller?: AbortController;
  end: () => void;
}
