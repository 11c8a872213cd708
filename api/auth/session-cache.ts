import type { User } from '../../db/database';
import { AUTH_CHANGES_CHANNEL } from '../../db/repositories/auth-session.repository';
import type { PgListener } from '../../lib/pg-listener';

export type SessionUser = Pick<User, 'id' | 'email' | 'tier' | 'requests_per_minute' | 'role' | 'suspended_at'>;

/**
 * Remembers, for a few seconds, that a session is live and whose it is, so a client's burst of
 * requests costs one session lookup rather than one each.
 *
 * It never outlives a revocation: Postgres announces every revoked session and every changed
 * user on commit (a trigger), and each API process forgets them on hearing it. While this
 * process is not listening (not yet connected, or reconnecting) nothing is served from the cache,
 * and on every (re)connect it is emptied, since announcements may have been missed.
 */
export class SessionCache {
  private readonly entries = new Map<string, { user: SessionUser; expiresAt: number }>();
  /** Bumped by every forget: a lookup that raced with one does not store what it read. */
  private generation = 0;

  constructor(
    private readonly opts: { ttlMs: number; maxEntries?: number; listener?: PgListener },
  ) {
    const { listener } = opts;
    listener?.on(AUTH_CHANGES_CHANNEL, (payload) => this.forget(payload));
    listener?.onConnected(() => this.clear());
    listener?.onDisconnected(() => this.clear());
  }

  /** The session's user: from the cache, else from `load` (undefined: no live session). */
  async lookup(sessionId: string, userId: string, load: () => Promise<SessionUser | undefined>): Promise<SessionUser | undefined> {
    const enabled = this.enabled();
    if (enabled) {
      const hit = this.entries.get(sessionId);
      if (hit && hit.user.id === userId && hit.expiresAt > Date.now()) return hit.user;
    }
    const generation = this.generation;
    const user = await load();
    if (user && enabled && this.enabled() && generation === this.generation) {
      this.entries.delete(sessionId); // re-inserted last: the oldest entries are evicted first
      this.entries.set(sessionId, { user, expiresAt: Date.now() + this.opts.ttlMs });
      if (this.entries.size > (this.opts.maxEntries ?? 10_000)) {
        const oldest = this.entries.keys().next();
        if (!oldest.done) this.entries.delete(oldest.value);
      }
    }
    return user;
  }

  /** Forgets `session:<id>` or every session of `user:<id>`. */
  forget(change: string): void {
    this.generation += 1;
    const colon = change.indexOf(':');
    const kind = change.slice(0, colon);
    const id = change.slice(colon + 1);
    if (kind === 'session') {
      this.entries.delete(id);
    } else if (kind === 'user') {
      for (const [sessionId, entry] of this.entries) if (entry.user.id === id) this.entries.delete(sessionId);
    } else if (kind !== 'apikey' && kind !== 'token') {
      // API keys and external tokens are never cached here; anything unknown empties the cache.
      this.entries.clear();
    }
  }

  clear(): void {
    this.generation += 1;
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }

  private enabled(): boolean {
    return this.opts.ttlMs > 0 && (this.opts.listener?.listening ?? false);
  }
}
