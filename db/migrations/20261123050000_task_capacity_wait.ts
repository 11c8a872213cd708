import { type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/** Time a task's agent waited for cluster capacity (GPUs) before it started, over all attempts. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('tasks')
    .addColumn('capacity_wait_ms', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('capacity_wait_ms').execute();
}
