import { SessionCache, type SessionUser } from '../api/auth/session-cache';
import { createDb, type Db } from '../db/connection';
import { findLiveSessionUser } from '../db/repositories/auth-session.repository';
import { createLogger } from '../lib/logger';
import { PgListener } from '../lib/pg-listener';
import jwt from 'jsonwebtoken';
import { sql } from 'kysely';
import { registerUser, startTestApi, type TestApi } from './support/api-harness';

let api: TestApi;
let db: Db;
const logger = createLogger({ level: 'silent', name: 'session-cache-test' });

beforeAll(async () => {
  api = await startTestApi();
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
});

afterAll(async () => {
  await api?.close();
  await db?.destroy();
});

/** A cache over the real session lookup that counts its database reads. */
function countingLookup(cache: SessionCache, sid: string, userId: string) {
  let reads = 0;
  const lookup = () =>
    cache.lookup(sid, userId, () => {
      reads += 1;
      return findLiveSessionUser(db, sid, userId);
    });
  return { lookup, reads: () => reads };
}

async function newSession(label: string): Promise<{ sid: string; userId: string }> {
  const user = await registerUser(api, label);
  return { sid: (jwt.decode(user.access) as { sid: string }).sid, userId: user.id };
}

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

describe('SessionCache', () => {
  let listener: PgListener;
  let cache: SessionCache;

  beforeEach(async () => {
    listener = new PgListener({ databaseUrl: process.env.DATABASE_URL!, logger, applicationName: 'session-cache-test' });
    cache = new SessionCache({ ttlMs: 300_000, listener });
    await listener.start();
  });

  afterEach(async () => {
    await listener.close();
  });

  it('reads a live session once, then serves it from memory', async () => {
    const { sid, userId } = await newSession('cache-hit');
    const c = countingLookup(cache, sid, userId);
    expect(await c.lookup()).toMatchObject({ id: userId, tier: 'free' });
    expect(await c.lookup()).toMatchObject({ id: userId, tier: 'free' });
    expect(c.reads()).toBe(1);
    // Another user's ID with the same session ID is never answered from the cache.
    expect(await cache.lookup(sid, 'user_SOMEONEELSE00000', () => findLiveSessionUser(db, sid, 'user_SOMEONEELSE00000'))).toBeUndefined();
  });

  it('sees a tier changed by SQL at once: Postgres announces it', async () => {
    const { sid, userId } = await newSession('cache-tier');
    const c = countingLookup(cache, sid, userId);
    expect((await c.lookup())?.tier).toBe('free');
    await db.updateTable('users').set({ tier: 'pro' }).where('id', '=', userId).execute();
    expect(await until(async () => (await c.lookup())?.tier === 'pro')).toBe(true);
  });

  it('forgets a deleted session', async () => {
    const { sid, userId } = await newSession('cache-delete');
    const c = countingLookup(cache, sid, userId);
    expect(await c.lookup()).toBeDefined();
    await db.deleteFrom('refresh_tokens').where('session_id', '=', sid).execute();
    await db.deleteFrom('auth_sessions').where('id', '=', sid).execute();
    expect(await until(async () => (await c.lookup()) === undefined)).toBe(true);
  });

  it('caches nothing while it is not listening, and starts empty after a reconnect', async () => {
    const { sid, userId } = await newSession('cache-offline');
    const offline = new SessionCache({
      ttlMs: 300_000,
      listener: new PgListener({ databaseUrl: process.env.DATABASE_URL!, logger, applicationName: 'never-started' }),
    });
    const c = countingLookup(offline, sid, userId);
    await c.lookup();
    await c.lookup();
    expect(c.reads()).toBe(2);
    expect(offline.size).toBe(0);

    // Postgres drops the listener's connection: the cache empties, and fills again once the
    // listener is back.
    const live = countingLookup(cache, sid, userId);
    await live.lookup();
    await live.lookup();
    expect(live.reads()).toBe(1);
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'session-cache-test'`.execute(db);
    expect(await until(async () => cache.size === 0)).toBe(true);
    expect(await until(async () => listener.listening)).toBe(true);
    await live.lookup();
    await live.lookup();
    expect(live.reads()).toBe(2);
  });

  it('does not store what it read while a revocation was announced', async () => {
    const { sid, userId } = await newSession('cache-race');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const reading = cache.lookup(sid, userId, async () => {
      const user = await findLiveSessionUser(db, sid, userId);
      await gate; // the read is done; the revocation lands before it is stored
      return user;
    });
    cache.forget(`session:${sid}`);
    release();
    expect((await reading) as SessionUser | undefined).toBeDefined();
    expect(cache.size).toBe(0);
  });
});
