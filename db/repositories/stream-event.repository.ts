import { sql, type Transaction } from 'kysely';
import type { Database } from '../database';
import type { Db } from '../connection';

/** Postgres NOTIFY channel on which every appended event is announced as `{"s": streamId, "q": seq}`. */
export const STREAM_EVENTS_CHANNEL = 'codex_stream_events';

export interface AppendEventInput {
  streamId: string;
  type: string;
  /** The message body clients receive (without `seq`, which is assigned here). */
  payload: Record<string, unknown>;
  /** Makes the append idempotent: a second append with the same key is a no-op. */
  dedupeKey?: string;
  /** This is the stream's last event: later appends to it are dropped. */
  final?: boolean;
}

export interface StoredEvent {
  streamId: string;
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  /** The stream's last event. */
  final: boolean;
}

export async function createStream(db: Db, input: { id: string; userId: string }): Promise<void> {
  await db.insertInto('event_streams').values({ id: input.id, user_id: input.userId }).onConflict((oc) => oc.column('id').doNothing()).execute();
}

/**
 * Appends events (to one or several streams) in one transaction, with NOTIFY. Each stream's row
 * lock is held until commit, so a stream's events commit in `seq` order and a reader that has
 * seen seq n never later finds a smaller one appear. Returns the events actually written.
 */
export async function appendEvents(db: Db, inputs: AppendEventInput[]): Promise<StoredEvent[]> {
  return db.transaction().execute((trx) => appendEventsInTransaction(trx, inputs));
}

/** `appendEvents` inside a transaction the caller owns (to commit events with other writes). */
export async function appendEventsInTransaction(trx: Transaction<Database>, inputs: AppendEventInput[]): Promise<StoredEvent[]> {
  const written: StoredEvent[] = [];
  // Lock in a fixed order so two writers touching the same streams can't deadlock.
  const ordered = [...inputs].sort((a, b) => (a.streamId < b.streamId ? -1 : a.streamId > b.streamId ? 1 : 0));
  for (const input of ordered) {
    const stream = await trx
      .selectFrom('event_streams')
      .select(['last_seq', 'closed'])
      .where('id', '=', input.streamId)
      .forUpdate()
      .executeTakeFirst();
    if (!stream) throw new Error(`no event stream ${input.streamId}`);
    if (stream.closed) continue;
    if (input.dedupeKey) {
      const seen = await trx
        .selectFrom('stream_events')
        .select('seq')
        .where('stream_id', '=', input.streamId)
        .where('dedupe_key', '=', input.dedupeKey)
        .executeTakeFirst();
      if (seen) continue;
    }
    const seq = Number(stream.last_seq) + 1;
    await trx
      .insertInto('stream_events')
      .values({ stream_id: input.streamId, seq, type: input.type, payload: JSON.stringify(input.payload), dedupe_key: input.dedupeKey ?? null, final: input.final ?? false })
      .execute();
    await trx
      .updateTable('event_streams')
      .set({ last_seq: seq, ...(input.final ? { closed: true } : {}) })
      .where('id', '=', input.streamId)
      .execute();
    await sql`select pg_notify(${STREAM_EVENTS_CHANNEL}, ${JSON.stringify({ s: input.streamId, q: seq })})`.execute(trx);
    written.push({ streamId: input.streamId, seq, type: input.type, payload: input.payload, final: input.final ?? false });
  }
  return written;
}

/** Events of a stream after `afterSeq`, in order, at most `limit`. */
export async function readEvents(db: Db, streamId: string, afterSeq: number, limit = 1000): Promise<StoredEvent[]> {
  const rows = await db
    .selectFrom('stream_events')
    .select(['seq', 'type', 'payload', 'final'])
    .where('stream_id', '=', streamId)
    .where('seq', '>', String(afterSeq))
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ streamId, seq: Number(r.seq), type: r.type, payload: r.payload, final: r.final }));
}
