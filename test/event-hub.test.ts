import { sql } from 'kysely';
import { EventHub } from '../api/streams/event-hub';
import { createDb, type Db } from '../db/connection';
import { appendEvents, createStream, type StoredEvent } from '../db/repositories/stream-event.repository';
import { newId } from '../lib/ids';
import { createLogger } from '../lib/logger';
import { PgListener } from '../lib/pg-listener';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';
import { eventually } from './support/stream-client';

/**
 * The stream fan-out when Postgres drops the LISTEN connection (a restart, a failover, an idle
 * kill): notifications sent meanwhile are lost, and subscribers must still get every event,
 * once, in order.
 */
let api: TestApi;
let db: Db;
let userId: string;
const logger = createLogger({ level: 'silent', name: 'event-hub-test' });
const LISTENER_NAME = `event-hub-test-${process.pid}`;

beforeAll(async () => {
  api = await startTestApi();
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 4 });
  userId = (await registerUser(api, 'hub')).id;
});

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

const progress = (streamId: string, n: number) => ({ streamId, type: 'progress', payload: { type: 'progress', progress: n % 100, message: `step ${n}` } });

it('delivers every event exactly once, in order, across a lost and restored LISTEN connection', async () => {
  const listener = new PgListener({ databaseUrl: process.env.DATABASE_URL!, logger, applicationName: LISTENER_NAME });
  const hub = new EventHub({ db, listener, logger });
  await listener.start();
  try {
    const streamId = newId('task');
    await createStream(db, { id: streamId, userId });
    const received: StoredEvent[] = [];
    const unsubscribe = hub.subscribe(streamId, 0, { deliver: (e) => (received.push(e), true) });

    const total = 300;
    let written = 0;
    const writer = (async () => {
      while (written < total) {
        written += 1;
        await appendEvents(db, [progress(streamId, written)]);
        if (written % 20 === 0) await new Promise((r) => setTimeout(r, 10));
      }
    })();
    // Cut the listener twice while events are being written.
    for (const after of [60, 180]) {
      await eventually(async () => (written >= after ? true : undefined), 30_000, `${after} events written`);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_NAME}`.execute(db);
      await eventually(async () => (listener.listening ? undefined : true), 10_000, 'the listener to notice');
    }
    await writer;
    // The last events are written while nobody listens, and nothing comes after them: only the
    // catch-up on reconnect can deliver them.
    await eventually(async () => (received.length >= total ? true : undefined), 15_000, 'the events so far');
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = ${LISTENER_NAME}`.execute(db);
    await eventually(async () => (listener.listening ? undefined : true), 10_000, 'the listener to notice');
    await appendEvents(db, Array.from({ length: 50 }, (_, i) => progress(streamId, total + i + 1)));
    await eventually(async () => (received.length >= total + 50 ? true : undefined), 15_000, 'the events written while not listening');
    expect(received.map((e) => e.seq)).toEqual(Array.from({ length: total + 50 }, (_, i) => i + 1));
    expect(listener.listening).toBe(true);
    unsubscribe();
  } finally {
    hub.close();
    await listener.close();
  }
}, 60_000);
