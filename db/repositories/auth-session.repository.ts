import type { Db } from '../connection';
import type { AuthSession, RefreshToken, User } from '../database';

export async function insertSession(db: Db, input: { id: string; userId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('auth_sessions').values({ id: input.id, user_id: input.userId, expires_at: input.expiresAt }).execute();
}

/**
 * Where Postgres announces (by trigger, on commit) a revoked or deleted session
 * (`session:<id>`), a user whose tier or email changed or who was deleted (`user:<id>`), a
 * revoked or deleted API key (`apikey:<id>`) and a revoked external token (`token:<jti>`).
 */
export const AUTH_CHANGES_CHANNEL = 'codex_auth_changes';

/** The user of a session that is neither revoked nor owned by someone else; undefined otherwise. */
export async function findLiveSessionUser(db: Db, sessionId: string, userId: string): Promise<Pick<User, 'id' | 'email' | 'tier' | 'requests_per_minute' | 'role' | 'suspended_at'> | undefined> {
  return db
    .selectFrom('auth_sessions as s')
    .innerJoin('users as u', 'u.id', 's.user_id')
    .select(['u.id', 'u.email', 'u.tier', 'u.requests_per_minute', 'u.role', 'u.suspended_at'])
    .where('s.id', '=', sessionId)
    .where('s.user_id', '=', userId)
    .where('s.revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findSession(db: Db, id: string): Promise<AuthSession | undefined> {
  return db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Revokes a session (idempotent: the first reason is kept). */
export async function revokeSession(db: Db, id: string, reason: string): Promise<void> {
  await db
    .updateTable('auth_sessions')
    .set({ revoked_at: new Date(), revoked_reason: reason })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .execute();
}

export async function insertRefreshToken(db: Db, input: { id: string; sessionId: string; expiresAt: Date }): Promise<void> {
  await db.insertInto('refresh_tokens').values({ id: input.id, session_id: input.sessionId, expires_at: input.expiresAt }).execute();
}

/**
 * Marks a refresh token used, atomically. Returns the row when this call used it, undefined
 * when it was already used (a replay) or does not exist.
 */
export async function useRefreshToken(db: Db, id: string): Promise<RefreshToken | undefined> {
  return db
    .updateTable('refresh_tokens')
    .set({ used_at: new Date() })
    .where('id', '=', id)
    .where('used_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function revokeTokenId(db: Db, jti: string, expiresAt: Date): Promise<void> {
  await db.insertInto('revoked_tokens').values({ jti, expires_at: expiresAt }).onConflict((oc) => oc.column('jti').doNothing()).execute();
}

export async function isTokenIdRevoked(db: Db, jti: string): Promise<boolean> {
  const row = await db.selectFrom('revoked_tokens').select('jti').where('jti', '=', jti).executeTakeFirst();
  return row !== undefined;
}
