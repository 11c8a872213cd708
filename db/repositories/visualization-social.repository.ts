import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../connection';
import { newId } from '../../lib/ids';

/** SHA-256 of a share token, hex: what is stored and looked up. */
export function shareTokenHash(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

export interface CommentRow {
  id: string;
  visualization_id: string;
  commit_sha: string;
  content: string;
  author: string;
  created_at: Date;
}

/** Stores a comment on a commit of a visualization; answers it. */
export async function insertComment(db: Db, c: { visualizationId: string; userId: string; commitSha: string; content: string; author: string }): Promise<CommentRow> {
  return db
    .insertInto('visualization_comments')
    .values({ id: newId('comment'), visualization_id: c.visualizationId, user_id: c.userId, commit_sha: c.commitSha, content: c.content, author: c.author })
    .returning(['id', 'visualization_id', 'commit_sha', 'content', 'author', 'created_at'])
    .executeTakeFirstOrThrow();
}

/**
 * A page of a visualization's comments, oldest first (a conversation's order), after the comment
 * `cursor` (keyset on created_at, id), optionally on one commit. One more than `limit` is read to
 * tell whether there is more.
 */
export async function listComments(db: Db, q: { visualizationId: string; commitSha?: string; cursor?: string; limit: number }) {
  let query = db
    .selectFrom('visualization_comments')
    .select(['id', 'visualization_id', 'commit_sha', 'content', 'author', 'created_at'])
    .where('visualization_id', '=', q.visualizationId);
  if (q.commitSha) query = query.where('commit_sha', '=', q.commitSha);
  if (q.cursor) {
    // Compared in Postgres: its timestamps have microseconds, a JavaScript Date has not.
    const cursor = q.cursor;
    const exists = await db.selectFrom('visualization_comments').select('id').where('id', '=', cursor).where('visualization_id', '=', q.visualizationId).executeTakeFirst();
    if (!exists) return { comments: [], hasMore: false };
    query = query.where(sql<boolean>`(created_at, id) > (select c.created_at, c.id from visualization_comments c where c.id = ${cursor})`);
  }
  const rows = await query.orderBy('created_at').orderBy('id').limit(q.limit + 1).execute();
  return { comments: rows.slice(0, q.limit), hasMore: rows.length > q.limit };
}

export interface ShareRow {
  id: string;
  visualization_id: string;
  permissions: string;
  expires_at: Date;
  revoked_at: Date | null;
  created_at: Date;
}

/** Creates a share link's row for `token` (only its hash is kept). */
export async function insertShare(db: Db, s: { visualizationId: string; userId: string; token: string; permissions: 'read'; expiresAt: Date }): Promise<ShareRow> {
  return db
    .insertInto('visualization_shares')
    .values({ id: newId('share'), visualization_id: s.visualizationId, user_id: s.userId, token_sha256: shareTokenHash(s.token), permissions: s.permissions, expires_at: s.expiresAt })
    .returning(['id', 'visualization_id', 'permissions', 'expires_at', 'revoked_at', 'created_at'])
    .executeTakeFirstOrThrow();
}

/** The live share of `token` (not revoked, not expired), or undefined. */
export async function findLiveShare(db: Db, token: string): Promise<ShareRow | undefined> {
  return db
    .selectFrom('visualization_shares')
    .innerJoin('visualizations', 'visualizations.id', 'visualization_shares.visualization_id')
    .innerJoin('users', 'users.id', 'visualizations.user_id')
    .select(['visualization_shares.id', 'visualization_shares.visualization_id', 'visualization_shares.permissions', 'visualization_shares.expires_at', 'visualization_shares.revoked_at', 'visualization_shares.created_at'])
    .where('visualization_shares.token_sha256', '=', shareTokenHash(token))
    .where('visualization_shares.revoked_at', 'is', null)
    .where('visualization_shares.expires_at', '>', new Date())
    // A suspended owner's links open nothing while the suspension lasts.
    .where('users.suspended_at', 'is', null)
    .executeTakeFirst();
}

/** Revokes a share of the visualization; false when it names none (or was revoked already). */
export async function revokeShare(db: Db, visualizationId: string, shareId: string): Promise<boolean> {
  const res = await db
    .updateTable('visualization_shares')
    .set({ revoked_at: new Date() })
    .where('id', '=', shareId)
    .where('visualization_id', '=', visualizationId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) > 0;
}
