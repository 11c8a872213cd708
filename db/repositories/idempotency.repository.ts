import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../connection';

/** How long an Idempotency-Key is kept (API.md: 24 hours); then it may be used again. */
export const IDEMPOTENCY_KEY_TTL_HOURS = 24;

/**
 * JSON with object keys sorted at every level: two bodies that differ only in key order hash
 * alike. Bodies are at most 64 levels deep (the edge refuses deeper ones), so recursion is safe.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** SHA-256 (hex) of a request body's canonical JSON. */
export function requestHash(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/** What claiming a key found. */
export type KeyClaim =
  | { claimed: true }
  | { claimed: false; resourceId: string; sameRequest: boolean };

/**
 * Claims `key` (in `scope`) for `resourceId`, unless a live claim exists: then answers which
 * resource it names and whether the request was the same. An expired claim is taken over. Call
 * inside the transaction that creates the resource: a concurrent claim of the same key waits for
 * it to commit, then finds it.
 */
export async function claimIdempotencyKey(
  db: Db,
  input: { userId: string; scope: string; key: string; requestSha256: string; resourceId: string },
): Promise<KeyClaim> {
  const claimed = await db
    .insertInto('idempotency_keys')
    .values({
      user_id: input.userId,
      scope: input.scope,
      key: input.key,
      request_sha256: input.requestSha256,
      resource_id: input.resourceId,
      expires_at: sql`now() + make_interval(hours => ${IDEMPOTENCY_KEY_TTL_HOURS})`,
    })
    .onConflict((oc) =>
      oc
        .columns(['user_id', 'scope', 'key'])
        .doUpdateSet((eb) => ({
          request_sha256: eb.ref('excluded.request_sha256'),
          resource_id: eb.ref('excluded.resource_id'),
          created_at: sql`now()`,
          expires_at: eb.ref('excluded.expires_at'),
        }))
        .where('idempotency_keys.expires_at', '<=', sql<Date>`now()`),
    )
    .returning('resource_id')
    .executeTakeFirst();
  if (claimed) return { claimed: true };
  const existing = await db
    .selectFrom('idempotency_keys')
    .select(['resource_id', 'request_sha256'])
    .where('user_id', '=', input.userId)
    .where('scope', '=', input.scope)
    .where('key', '=', input.key)
    .executeTakeFirstOrThrow();
  return { claimed: false, resourceId: existing.resource_id, sameRequest: existing.request_sha256 === input.requestSha256 };
}

/** Forgets the claims on a resource that was undone (its workflow could not be started). */
export async function releaseIdempotencyKeys(db: Db, resourceId: string): Promise<void> {
  await db.deleteFrom('idempotency_keys').where('resource_id', '=', resourceId).execute();
}
