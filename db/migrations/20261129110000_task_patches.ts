import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The diff an agent left in its repository checkout (agents/workspace.ts), whole, as a blob.
  await db.schema
    .alterTable('tasks')
    .addColumn('patch_blob_id', 'text', (c) => c.references('blobs.id'))
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('patch_blob_id').execute();
}
