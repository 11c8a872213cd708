import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('tasks')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('orchestration_id', 'text')
    .addColumn('agent_type', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('queued'))
    .addColumn('progress', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('task', 'text', (c) => c.notNull())
    .addColumn('input_blob_id', 'text', (c) => c.notNull().references('blobs.id'))
    .addColumn('file_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('time_limit_seconds', 'integer', (c) => c.notNull())
    .addColumn('idempotency_key', 'text')
    .addColumn('result', 'jsonb')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('tokens_prompt', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_completion', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('cost_usd', sql`numeric(12, 6)`, (c) => c.notNull().defaultTo(0))
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('queue_position', 'integer')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('started_at', 'timestamptz')
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'tasks_status_check',
      sql`status in ('queued', 'running', 'completed', 'failed', 'cancelled', 'timed_out')`,
    )
    .execute();
  await db.schema.createIndex('tasks_user_created_idx').on('tasks').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('tasks_agent_type_done_idx').on('tasks').columns(['agent_type', 'completed_at']).execute();
  await db.schema.createIndex('tasks_orchestration_idx').on('tasks').column('orchestration_id').execute();
  await db.schema
    .createIndex('tasks_idempotency_key')
    .unique()
    .on('tasks')
    .columns(['user_id', 'idempotency_key'])
    .where(sql.ref('idempotency_key'), 'is not', null)
    .execute();

  // One row per event stream (a task or an orchestration). Taking its row lock to bump
  // last_seq serializes writers of that stream, so commit order equals seq order.
  await db.schema
    .createTable('event_streams')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('closed', 'boolean', (c) => c.notNull().defaultTo(false))
    .execute();

  await db.schema
    .createTable('stream_events')
    .addColumn('stream_id', 'text', (c) => c.notNull().references('event_streams.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('payload', 'jsonb', (c) => c.notNull())
    .addColumn('dedupe_key', 'text')
    .addColumn('final', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('stream_events_pkey', ['stream_id', 'seq'])
    .execute();
  // Retried activities write the same event again: the dedupe key makes that a no-op.
  await db.schema
    .createIndex('stream_events_dedupe_key')
    .unique()
    .on('stream_events')
    .columns(['stream_id', 'dedupe_key'])
    .where(sql.ref('dedupe_key'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('stream_events').execute();
  await db.schema.dropTable('event_streams').execute();
  await db.schema.dropTable('tasks').execute();
}
