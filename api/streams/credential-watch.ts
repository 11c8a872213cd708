import type { Db } from '../../db/connection';
import { AUTH_CHANGES_CHANNEL, findLiveSessionUser, isTokenIdRevoked } from '../../db/repositories/auth-session.repository';
import type { Logger } from '../../lib/logger';
import type { PgListener } from '../../lib/pg-listener';
import type { Principal } from '../http/request-context';

/** Why a stream's credential no longer holds, as the client is told. */
export type EndReason = 'session ended (logout or revocation)' | 'API key revoked' | 'token revoked' | 'access token expired' | 'user no longer exists' | 'account suspended';

interface Watched {
  principal: Principal;
  end: (reason: EndReason) => void;
  timer?: NodeJS.Timeout;
}

/** setTimeout's largest delay (about 24.8 days); a later expiry is checked again then. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Ends streams whose credentials end (DESIGN.md: a stream is a request that lasts). Each open
 * stream is watched under its credential: its session (`session:<id>`), its API key
 * (`apikey:<id>`), its external token (`token:<jti>`) and its user (`user:<id>`). Postgres
 * announces every revocation on commit, on the channel the session cache hears too, so a logout
 * on any API process ends the streams of every process; an access token's expiry ends its
 * streams by timer. After the listener reconnects (announcements may have been missed) every
 * watched credential is checked again.
 */
export class CredentialWatch {
  private readonly byKey = new Map<string, Set<Watched>>();

  constructor(private readonly deps: { db: Db; listener: PgListener; logger: Logger }) {
    deps.listener.on(AUTH_CHANGES_CHANNEL, (change) => void this.recheck(this.byKey.get(change)));
    deps.listener.onConnected(() => void this.recheck(new Set([...this.byKey.values()].flatMap((set) => [...set]))));
  }

  /** Watches `principal` for as long as its stream lasts; returns the function that stops watching. */
  watch(principal: Principal, end: (reason: EndReason) => void): () => void {
    const entry: Watched = { principal, end };
    for (const key of keysOf(principal)) {
      let set = this.byKey.get(key);
      if (!set) this.byKey.set(key, (set = new Set()));
      set.add(entry);
    }
    if (principal.expiresAt) this.armExpiry(entry);
    return () => this.unwatch(entry);
  }

  get size(): number {
    return new Set([...this.byKey.values()].flatMap((set) => [...set])).size;
  }

  private armExpiry(entry: Watched): void {
    const ms = entry.principal.expiresAt! * 1000 - Date.now();
    if (ms <= 0) {
      this.finish(entry, 'access token expired');
      return;
    }
    entry.timer = setTimeout(() => (ms > MAX_TIMER_MS ? this.armExpiry(entry) : this.finish(entry, 'access token expired')), Math.min(ms, MAX_TIMER_MS));
    entry.timer.unref();
  }

  private unwatch(entry: Watched): void {
    clearTimeout(entry.timer);
    for (const key of keysOf(entry.principal)) {
      const set = this.byKey.get(key);
      set?.delete(entry);
      if (set?.size === 0) this.byKey.delete(key);
    }
  }

  private finish(entry: Watched, reason: EndReason): void {
    this.unwatch(entry);
    entry.end(reason);
  }

  /** Checks these streams' credentials against the database; ends those that no longer hold. */
  private async recheck(entries: Iterable<Watched> | undefined): Promise<void> {
    for (const entry of [...(entries ?? [])]) {
      try {
        const reason = await this.invalidReason(entry.principal);
        if (reason) this.finish(entry, reason);
      } catch (err) {
        this.deps.logger.warn({ err, user_id: entry.principal.userId }, 'could not check a stream credential; checking again at the next change');
      }
    }
  }

  private async invalidReason(p: Principal): Promise<EndReason | undefined> {
    const { db } = this.deps;
    if (p.sessionId) {
      const live = await findLiveSessionUser(db, p.sessionId, p.userId);
      if (!live) return 'session ended (logout or revocation)';
      return live.suspended_at ? 'account suspended' : undefined;
    }
    if (p.method === 'api_key') {
      const key = await db.selectFrom('api_keys').select('revoked_at').where('id', '=', p.credentialId).executeTakeFirst();
      if (!key || key.revoked_at) return 'API key revoked';
    }
    if (p.method === 'oidc' && (await isTokenIdRevoked(db, p.credentialId))) return 'token revoked';
    const user = await db.selectFrom('users').select(['id', 'suspended_at']).where('id', '=', p.userId).executeTakeFirst();
    if (!user) return 'user no longer exists';
    return user.suspended_at ? 'account suspended' : undefined;
  }
}

/** The announcements (see AUTH_CHANGES_CHANNEL) that concern this credential. */
function keysOf(p: Principal): string[] {
  const keys = [`user:${p.userId}`];
  if (p.sessionId) keys.push(`session:${p.sessionId}`);
  if (p.method === 'api_key') keys.push(`apikey:${p.credentialId}`);
  if (p.method === 'oidc') keys.push(`token:${p.credentialId}`);
  return keys;
}
