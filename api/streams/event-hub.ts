import type { Db } from '../../db/connection';
import { readEvents, STREAM_EVENTS_CHANNEL, type StoredEvent } from '../../db/repositories/stream-event.repository';
import type { Logger } from '../../lib/logger';
import type { PgListener } from '../../lib/pg-listener';

/** A reader of one stream: gets every event with seq > its position, in order, once. */
export interface StreamSubscriber {
  /** Delivers one event; returns false when the subscriber can take no more (it is then dropped). */
  deliver(event: StoredEvent): boolean;
  /** Called once when the hub drops the subscriber (slow client, hub closing). */
  onDrop?(reason: 'slow' | 'closing'): void;
}

interface Subscription {
  subscriber: StreamSubscriber;
  lastSeq: number;
}

interface StreamState {
  subs: Set<Subscription>;
  pumping: boolean;
  again: boolean;
}

const PAGE = 500;

/**
 * Fans stream events out to this process's subscribers. One Postgres connection LISTENs for
 * appends from any process; per stream, one query serves every subscriber. Delivery is by
 * sequence number from the database, so a subscriber that joins with `after = n` sees n+1,
 * n+2, … with no gap and no repeat, whether an event was committed before or after it joined.
 */
export class EventHub {
  private readonly streams = new Map<string, StreamState>();

  constructor(private readonly deps: { db: Db; listener: PgListener; logger: Logger }) {
    deps.listener.on(STREAM_EVENTS_CHANNEL, (payload) => {
      try {
        const { s } = JSON.parse(payload) as { s: string };
        if (this.streams.has(s)) this.pump(s);
      } catch {
        this.deps.logger.warn({ payload }, 'unreadable stream notification');
      }
    });
    // Notifications sent while nobody listened are lost: catch every stream up from the database.
    deps.listener.onConnected(() => {
      for (const streamId of this.streams.keys()) this.pump(streamId);
    });
  }

  /** Subscribes from `afterSeq`; returns the unsubscribe function. */
  subscribe(streamId: string, afterSeq: number, subscriber: StreamSubscriber): () => void {
    let state = this.streams.get(streamId);
    if (!state) {
      state = { subs: new Set(), pumping: false, again: false };
      this.streams.set(streamId, state);
    }
    const sub: Subscription = { subscriber, lastSeq: afterSeq };
    state.subs.add(sub);
    this.pump(streamId);
    return () => this.remove(streamId, sub);
  }

  subscriberCount(): number {
    let n = 0;
    for (const s of this.streams.values()) n += s.subs.size;
    return n;
  }

  /** Drops every subscriber (the listener is closed by its owner). */
  close(): void {
    for (const [streamId, state] of this.streams) {
      for (const sub of state.subs) {
        this.remove(streamId, sub);
        sub.subscriber.onDrop?.('closing');
      }
    }
  }

  private remove(streamId: string, sub: Subscription): void {
    const state = this.streams.get(streamId);
    if (!state) return;
    state.subs.delete(sub);
    if (state.subs.size === 0 && !state.pumping) this.streams.delete(streamId);
  }

  /** Reads what the stream's slowest subscriber lacks and hands each subscriber its part. */
  private pump(streamId: string): void {
    const state = this.streams.get(streamId);
    if (!state) return;
    if (state.pumping) {
      state.again = true;
      return;
    }
    state.pumping = true;
    void (async () => {
      try {
        do {
          state.again = false;
          while (state.subs.size > 0) {
            let from = Infinity;
            for (const sub of state.subs) from = Math.min(from, sub.lastSeq);
            const events = await readEvents(this.deps.db, streamId, from, PAGE);
            if (events.length === 0) break;
            for (const sub of [...state.subs]) this.deliver(streamId, sub, events);
            if (events.length < PAGE) break;
          }
        } while (state.again && state.subs.size > 0);
      } catch (err) {
        this.deps.logger.error({ err, stream_id: streamId }, 'stream pump failed; retrying');
        setTimeout(() => this.pump(streamId), 500);
      } finally {
        state.pumping = false;
        if (state.subs.size === 0) this.streams.delete(streamId);
      }
    })();
  }

  private deliver(streamId: string, sub: Subscription, events: StoredEvent[]): void {
    for (const event of events) {
      if (event.seq <= sub.lastSeq) continue;
      if (event.seq !== sub.lastSeq + 1) return; // never skip: wait for the missing one
      sub.lastSeq = event.seq;
      if (!sub.subscriber.deliver(event)) {
        this.remove(streamId, sub);
        sub.subscriber.onDrop?.('slow');
        return;
      }
    }
  }
}
