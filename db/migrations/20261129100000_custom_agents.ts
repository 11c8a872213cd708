import { type Kysely, sql } from 'kysely';

// Frozen in time: never import application code here.

export async function up(db: Kysely<any>): Promise<void> {
  // A user's agent definitions. The row holds the current version; every version, the current
  // one included, is kept in agent_versions, so a task can always read the one it ran.
  await db.schema
    .createTable('agents')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private').check(sql`visibility in ('private', 'public')`))
    .addColumn('version', 'integer', (c) => c.notNull())
    // Every field of the definition but name and visibility (description, type, instructions, …).
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    // Deleted agents stay, so finished tasks still name them; they run no more and list nowhere.
    .addColumn('deleted_at', 'timestamptz')
    .execute();
  // Names are unique per user among live agents, whatever their case.
  await sql`create unique index agents_user_name on agents (user_id, lower(name)) where deleted_at is null`.execute(db);
  await sql`create index agents_public on agents (updated_at desc, id) where visibility = 'public' and deleted_at is null`.execute(db);

  await db.schema
    .createTable('agent_versions')
    .addColumn('agent_id', 'text', (c) => c.notNull().references('agents.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull())
    .addColumn('definition', 'jsonb', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addPrimaryKeyConstraint('agent_versions_pk', ['agent_id', 'version'])
    .execute();

  // The custom agent and version a task ran, its name and the type it builds on then (null: a
  // built-in agent type).
  await db.schema
    .alterTable('tasks')
    .addColumn('agent_id', 'text', (c) => c.references('agents.id'))
    .addColumn('agent_version', 'integer')
    .addColumn('agent_name', 'text')
    .addColumn('agent_base_type', 'text')
    .execute();
  await sql`create index tasks_agent on tasks (agent_id) where agent_id is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('tasks').dropColumn('agent_id').dropColumn('agent_version').dropColumn('agent_name').dropColumn('agent_base_type').execute();
  await db.schema.dropTable('agent_versions').execute();
  await db.schema.dropTable('agents').execute();
}
