import type { Db } from '../connection';
import type { ApiKey } from '../database';

export async function insertApiKey(
  db: Db,
  input: { id: string; userId: string; name: string; prefix: string; keyHash: string; scopes: string[] },
): Promise<ApiKey> {
  return db
    .insertInto('api_keys')
    .values({ id: input.id, user_id: input.userId, name: input.name, prefix: input.prefix, key_hash: input.keyHash, scopes: input.scopes })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Live (unrevoked) keys with that prefix: usually one; the caller compares hashes. */
export async function findActiveApiKeysByPrefix(db: Db, prefix: string): Promise<ApiKey[]> {
  return db.selectFrom('api_keys').selectAll().where('prefix', '=', prefix).where('revoked_at', 'is', null).execute();
}

export async function listApiKeys(db: Db, userId: string): Promise<ApiKey[]> {
  return db
    .selectFrom('api_keys')
    .selectAll()
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Revokes one of the user's keys; false when there is no such live key of theirs. */
export async function revokeApiKey(db: Db, userId: string, id: string): Promise<boolean> {
  const result = await db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return result.numUpdatedRows > 0n;
}

/** Records use; skipped when it was recorded in the last minute, so busy keys don't write on every request. */
export async function touchApiKey(db: Db, id: string): Promise<void> {
  await db
    .updateTable('api_keys')
    .set({ last_used_at: new Date() })
    .where('id', '=', id)
    .where((eb) => eb.or([eb('last_used_at', 'is', null), eb('last_used_at', '<', new Date(Date.now() - 60_000))]))
    .execute();
}
