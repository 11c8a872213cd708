import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Idempotency keys with the request they came with: the same key and body return what the first
 * request made; the same key with another body is refused; a key is kept 24 hours, then may be
 * used again (so the per-user unique index on tasks' key goes).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('idempotency_keys')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('request_sha256', 'text', (c) => c.notNull())
    .addColumn('resource_id', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('idempotency_keys_pkey', ['user_id', 'scope', 'key'])
    .execute();
  await db.schema.createIndex('idempotency_keys_expires_idx').on('idempotency_keys').column('expires_at').execute();
  await db.schema.dropIndex('tasks_idempotency_key').execute();
  await db.schema.createIndex('tasks_idempotency_key').on('tasks').columns(['user_id', 'idempotency_key']).where(sql.ref('idempotency_key'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_idempotency_key').execute();
  await db.schema
    .createIndex('tasks_idempotency_key')
    .unique()
    .on('tasks')
    .columns(['user_id', 'idempotency_key'])
    .where(sql.ref('idempotency_key'), 'is not', null)
    .execute();
  await db.schema.dropTable('idempotency_keys').execute();
}
