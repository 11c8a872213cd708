import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // One analysis of a repository's branch at a head commit, shared by the visualizations of
  // the same user, URL, branch, head, depth and commit limit.
  await db.schema
    .createTable('repository_analyses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('url', 'text', (c) => c.notNull())
    .addColumn('branch', 'text', (c) => c.notNull())
    .addColumn('head_sha', 'text', (c) => c.notNull())
    .addColumn('analysis_depth', 'text', (c) => c.notNull())
    .addColumn('max_commits', 'integer', (c) => c.notNull())
    .addColumn('stats', 'jsonb', (c) => c.notNull())
    .addColumn('truncated', 'boolean', (c) => c.notNull())
    .addColumn('commit_count', 'integer', (c) => c.notNull())
    // Nodes, edges and contributors, as one JSON blob.
    .addColumn('data_blob_id', 'text', (c) => c.notNull().references('blobs.id'))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema
    .createIndex('repository_analyses_reuse')
    .unique()
    .on('repository_analyses')
    .columns(['user_id', 'url', 'branch', 'head_sha', 'analysis_depth', 'max_commits'])
    .execute();

  // The commits an analysis read; seq 0 is the oldest (the timeline's order).
  await db.schema
    .createTable('repository_commits')
    .addColumn('analysis_id', 'text', (c) => c.notNull().references('repository_analyses.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('sha', 'text', (c) => c.notNull())
    .addColumn('parents', sql`text[]`, (c) => c.notNull())
    .addColumn('author_name', 'text', (c) => c.notNull())
    .addColumn('author_email', 'text', (c) => c.notNull())
    .addColumn('authored_at', 'timestamptz', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('files_changed', 'integer', (c) => c.notNull())
    .addColumn('insertions', 'integer', (c) => c.notNull())
    .addColumn('deletions', 'integer', (c) => c.notNull())
    .addColumn('changes', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('repository_commits_pk', ['analysis_id', 'seq'])
    .execute();
  await db.schema.createIndex('repository_commits_sha').on('repository_commits').columns(['analysis_id', 'sha']).execute();
  await db.schema.createIndex('repository_commits_author').on('repository_commits').columns(['analysis_id', 'author_email', 'seq']).execute();
  await db.schema.createIndex('repository_commits_time').on('repository_commits').columns(['analysis_id', 'authored_at', 'seq']).execute();

  await db.schema
    .createTable('visualizations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('repository_url', 'text', (c) => c.notNull())
    .addColumn('branch', 'text')
    .addColumn('analysis_depth', 'text', (c) => c.notNull())
    .addColumn('options', 'jsonb', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('processing'))
    .addColumn('analysis_id', 'text', (c) => c.references('repository_analyses.id'))
    .addColumn('reused', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('error_code', 'text')
    .addColumn('error_message', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('completed_at', 'timestamptz')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('visualizations_status_check', sql`status in ('processing', 'completed', 'failed', 'cancelled')`)
    .execute();
  await db.schema.createIndex('visualizations_user_created').on('visualizations').columns(['user_id', 'created_at', 'id']).execute();
  await db.schema.createIndex('visualizations_analysis').on('visualizations').column('analysis_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visualizations').execute();
  await db.schema.dropTable('repository_commits').execute();
  await db.schema.dropTable('repository_analyses').execute();
}
