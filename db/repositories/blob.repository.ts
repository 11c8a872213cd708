import { createHash } from 'node:crypto';
import type { Db } from '../connection';
import { newId } from '../../lib/ids';

/** Stores a JSON value as a blob (task inputs and results: too large for Temporal payloads). */
export async function putJsonBlob(db: Db, userId: string, value: unknown): Promise<{ id: string; byteSize: number }> {
  return putJsonBlobData(db, userId, Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Stores JSON already serialized (UTF-8), when the caller measured it first (storage quota). */
export async function putJsonBlobData(db: Db, userId: string, data: Buffer): Promise<{ id: string; byteSize: number }> {
  const id = newId('blob');
  await db
    .insertInto('blobs')
    .values({ id, user_id: userId, content_type: 'application/json', byte_size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .execute();
  return { id, byteSize: data.length };
}

/** Stores bytes of any type (a task's patch: `text/x-diff`). */
export async function putBlob(db: Db, userId: string, data: Buffer, contentType: string): Promise<{ id: string; byteSize: number }> {
  const id = newId('blob');
  await db
    .insertInto('blobs')
    .values({ id, user_id: userId, content_type: contentType, byte_size: data.length, sha256: createHash('sha256').update(data).digest('hex'), data })
    .execute();
  return { id, byteSize: data.length };
}

/** A blob's bytes and type, or undefined. */
export async function getBlob(db: Db, id: string): Promise<{ data: Buffer; contentType: string } | undefined> {
  const row = await db.selectFrom('blobs').select(['data', 'content_type']).where('id', '=', id).executeTakeFirst();
  return row && { data: row.data, contentType: row.content_type };
}

export async function getJsonBlob<T>(db: Db, id: string): Promise<T> {
  const row = await db.selectFrom('blobs').select('data').where('id', '=', id).executeTakeFirstOrThrow();
  return JSON.parse(row.data.toString('utf8')) as T;
}
