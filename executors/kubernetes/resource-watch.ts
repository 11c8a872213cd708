import type { KubernetesObject, Watch } from './kubernetes-types';
import type { Logger } from '../../lib/logger';
import { apiStatus } from './kubernetes-api';

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface WatchedCollection<T extends KubernetesObject> {
  /** The collection's API path, e.g. `/api/v1/namespaces/agents/pods`. */
  path: string;
  labelSelector?: string;
  fieldSelector?: string;
  /** Lists the collection with the same selectors. */
  list(): Promise<{ items: T[]; metadata?: { resourceVersion?: string } }>;
}

export interface WatchHandlers<T> {
  /** Every object there is: after the first list and after each re-list. */
  onSync(items: T[]): void;
  onEvent(type: WatchEventType, item: T): void;
}

/** Server-side timeout of one watch request; it is then resumed from the last resourceVersion. */
const WATCH_TIMEOUT_SECONDS = 240;
const MAX_BACKOFF_MS = 5_000;
/**
 * A watch that has carried nothing (no event, no bookmark) for this long is taken for a dead
 * connection (half-open, nothing to end it): it is dropped and the collection listed again. API
 * servers send bookmarks about once a minute on a live watch.
 */
export const WATCH_RESYNC_MS = 150_000;

/**
 * List, then watch from the list's resourceVersion; resume each ended watch from the last
 * resourceVersion seen (events and bookmarks); list again when the server answers 410 Gone
 * (that version has been compacted away), so no change is missed.
 */
export class ResourceWatch<T extends KubernetesObject> {
  private stopped = false;
  private controller?: AbortController;
  private resourceVersion?: string;
  private wake?: () => void;

  /** Set when this process dropped a silent watch: the next round lists again. */
  private silenced = false;

  constructor(
    private readonly watch: Watch,
    private readonly collection: WatchedCollection<T>,
    private readonly handlers: WatchHandlers<T>,
    private readonly log: Logger,
    private readonly options: { resyncMs?: number } = {},
  ) {}

  start(): void {
    void this.run();
  }

  stop(): void {
    this.stopped = true;
    this.controller?.abort();
    this.wake?.();
  }

  private async run(): Promise<void> {
    let relist = true;
    let failures = 0;
    while (!this.stopped) {
      try {
        if (relist) {
          const list = await this.collection.list();
          if (this.stopped) return;
          this.resourceVersion = list.metadata?.resourceVersion;
          this.handlers.onSync(list.items);
          relist = false;
        }
        const started = Date.now();
        relist = (await this.watchOnce()) === 'expired' || this.silenced;
        this.silenced = false;
        failures = 0;
        // A server that closes watches at once must not make this spin.
        if (Date.now() - started < 100) await this.pause(100);
      } catch (err) {
        if (this.stopped) return;
        if (this.silenced || apiStatus(err)?.code === 410 || (err as { statusCode?: number }).statusCode === 410) {
          if (this.silenced) this.log.info({ path: this.collection.path }, 'Kubernetes watch silent past its resync period: listing again');
          this.silenced = false;
          relist = true;
          continue;
        }
        failures += 1;
        this.log.warn({ err, path: this.collection.path, failures }, 'Kubernetes watch failed; retrying');
        await this.pause(Math.min(200 * 2 ** failures, MAX_BACKOFF_MS));
      }
    }
  }

  /** One watch request, until the server ends it: `expired` when it said 410 Gone. */
  private watchOnce(): Promise<'expired' | 'ended'> {
    return new Promise((resolve, reject) => {
      let expired = false;
      const query = {
        resourceVersion: this.resourceVersion,
        allowWatchBookmarks: true,
        timeoutSeconds: WATCH_TIMEOUT_SECONDS,
        ...(this.collection.labelSelector ? { labelSelector: this.collection.labelSelector } : {}),
        ...(this.collection.fieldSelector ? { fieldSelector: this.collection.fieldSelector } : {}),
      };
      const resyncMs = this.options.resyncMs ?? WATCH_RESYNC_MS;
      let silence: NodeJS.Timeout | undefined;
      const heard = () => {
        clearTimeout(silence);
        silence = setTimeout(() => {
          this.silenced = true;
          this.controller?.abort();
          onDone(undefined);
        }, resyncMs);
        silence.unref();
      };
      heard();
      let done = false;
      const onEvent = (type: string, object: T & { code?: number }) => {
        if (this.stopped || done) return;
        heard();
        if (type === 'ERROR') {
          // A Status object: 410 means the resourceVersion is too old to resume from.
          if (object.code === 410) expired = true;
          else this.log.warn({ status: object }, 'Kubernetes watch reported an error');
          return;
        }
        if (object.metadata?.resourceVersion) this.resourceVersion = object.metadata.resourceVersion;
        if (type === 'ADDED' || type === 'MODIFIED' || type === 'DELETED') this.handlers.onEvent(type, object);
      };
      const onDone = (err: unknown) => {
        if (done) return;
        done = true;
        clearTimeout(silence);
        if (err && !this.stopped && !expired && !this.silenced) reject(err instanceof Error ? err : new Error(String(err)));
        else resolve(expired ? 'expired' : 'ended');
      };
      this.watch.watch(this.collection.path, query, onEvent, onDone).then(
        (controller) => {
          this.controller = controller;
          if (this.stopped) controller.abort();
        },
        (err: unknown) => onDone(err ?? new Error('watch failed')),
      );
    });
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
