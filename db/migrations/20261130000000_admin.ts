import { sql, type Kysely } from 'kysely';

// Frozen in time: never import application code here.

/**
 * Operators: the admin role, suspended accounts, and the audit log of admin actions. A change of
 * role or suspension is announced like a tier change (trigger users_changed), so every API
 * process's session cache forgets the user at once.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('users')
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('user').check(sql`role in ('user', 'admin')`))
    .addColumn('suspended_at', 'timestamptz')
    .execute();
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`
    create trigger users_changed after update on users for each row
    when (old.tier is distinct from new.tier or old.email is distinct from new.email
          or old.requests_per_minute is distinct from new.requests_per_minute
          or old.role is distinct from new.role or old.suspended_at is distinct from new.suspended_at)
    execute function codex_notify_auth_change('user')`.execute(db);
  await db.schema
    .createTable('admin_audit_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('actor_id', 'text', (c) => c.references('users.id'))
    .addColumn('actor_email', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('before', 'jsonb')
    .addColumn('after', 'jsonb')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db.schema.createIndex('admin_audit_log_created_idx').on('admin_audit_log').columns(['created_at desc', 'id desc']).execute();
  // Every user's tasks, newest first (the admin task list), and the last hour's ends (stats).
  await db.schema.createIndex('tasks_created_idx').on('tasks').columns(['created_at desc', 'id desc']).execute();
  await db.schema.createIndex('tasks_completed_idx').on('tasks').column('completed_at').where(sql.ref('completed_at'), 'is not', null).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('tasks_completed_idx').execute();
  await db.schema.dropIndex('tasks_created_idx').execute();
  await db.schema.dropTable('admin_audit_log').execute();
  await sql`drop trigger users_changed on users`.execute(db);
  await sql`
    create trigger users_changed after update on users for each row
    when (old.tier is distinct from new.tier or old.email is distinct from new.email
          or old.requests_per_minute is distinct from new.requests_per_minute)
    execute function codex_notify_auth_change('user')`.execute(db);
  await db.schema.alterTable('users').dropColumn('suspended_at').dropColumn('role').execute();
}
