import type { Kysely } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // The remote's branches when a visualization fetched it (for options.include_branches).
  await db.schema.alterTable('visualizations').addColumn('branches', 'jsonb').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('visualizations').dropColumn('branches').execute();
}
