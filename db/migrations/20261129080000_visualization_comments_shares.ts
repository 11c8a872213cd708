import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visualization_comments')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visualization_id', 'text', (c) => c.notNull().references('visualizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('commit_sha', 'text', (c) => c.notNull())
    .addColumn('content', 'text', (c) => c.notNull())
    // The caller's name when the comment was made (what the page shows).
    .addColumn('author', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('visualization_comments_page').on('visualization_comments').columns(['visualization_id', 'id']).execute();
  await db.schema.createIndex('visualization_comments_commit').on('visualization_comments').columns(['visualization_id', 'commit_sha', 'id']).execute();

  // Share links: the token itself is never stored, only its SHA-256 (OWASP: store secrets hashed).
  await db.schema
    .createTable('visualization_shares')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('visualization_id', 'text', (c) => c.notNull().references('visualizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('token_sha256', 'text', (c) => c.notNull().unique())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addCheckConstraint('visualization_shares_permissions_check', sql`permissions in ('read')`)
    .execute();
  await db.schema.createIndex('visualization_shares_visualization').on('visualization_shares').column('visualization_id').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('visualization_shares').execute();
  await db.schema.dropTable('visualization_comments').execute();
}
