import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('orchestrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('strategy', 'text', (c) => c.notNull())
    .addColumn('goal', 'text', (c) => c.notNull())
    .addColumn('agents', sql`text[]`, (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('context_blob_id', 'text', (c) => c.notNull().references('blobs.id'))
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('in_progress'))
    .addColumn('idempotency_key', 'text')
    .addColumn('aggregated_result', 'jsonb')
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint(
      'orchestrations_status_check',
      sql`status in ('in_progress', 'awaiting_approval', 'completed', 'failed', 'cancelled')`,
    )
    .execute();
  await db.schema.createIndex('orchestrations_user_created_idx').on('orchestrations').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema
    .createIndex('orchestrations_idempotency_key')
    .unique()
    .on('orchestrations')
    .columns(['user_id', 'idempotency_key'])
    .where(sql.ref('idempotency_key'), 'is not', null)
    .execute();
  // Agents of an orchestration, in the order the strategy started them.
  await db.schema.alterTable('tasks').addColumn('orchestration_step', 'integer').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('orchestration_step').execute();
  await db.schema.dropTable('orchestrations').execute();
}
