import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

/**
 * The projection follows Temporal: each task and orchestration row records the workflow run that
 * owns it (a newer run, e.g. after a reset, takes it over; an older one never overwrites it), a
 * waiting task's ticket in its user's parallel-agent line, and every correction the reconciler
 * makes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').addColumn('workflow_run_id', 'text').addColumn('line_ticket', 'bigint').execute();
  await db.schema.alterTable('orchestrations').addColumn('workflow_run_id', 'text').execute();
  // The reconciler's scans and a waiting task's live place in line read only unfinished rows.
  await db.schema
    .createIndex('tasks_unfinished_idx')
    .on('tasks')
    .columns(['created_at'])
    .where(sql.ref('status'), 'in', ['queued', 'running'])
    .execute();
  await db.schema
    .createIndex('tasks_line_idx')
    .on('tasks')
    .columns(['user_id', 'line_ticket'])
    .where(sql<boolean>`status = 'queued' and line_ticket is not null`)
    .execute();
  await db.schema
    .createIndex('orchestrations_unfinished_idx')
    .on('orchestrations')
    .columns(['created_at'])
    .where(sql.ref('status'), 'in', ['in_progress', 'awaiting_approval'])
    .execute();

  await db.schema
    .createTable('projection_corrections')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('subject_id', 'text', (c) => c.notNull())
    .addColumn('workflow_run_id', 'text')
    .addColumn('cause', 'text', (c) => c.notNull())
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('projection_corrections_created_idx').on('projection_corrections').column('created_at').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('projection_corrections').execute();
  await db.schema.dropIndex('orchestrations_unfinished_idx').execute();
  await db.schema.dropIndex('tasks_line_idx').execute();
  await db.schema.dropIndex('tasks_unfinished_idx').execute();
  await db.schema.alterTable('orchestrations').dropColumn('workflow_run_id').execute();
  await db.schema.alterTable('tasks').dropColumn('line_ticket').dropColumn('workflow_run_id').execute();
}
