import { sql } from 'kysely';
import { createDb, type Db } from '../db/connection';
import { preparedStatement } from '../db/prepared';
import { insertTaskWithInput } from '../db/repositories/task.repository';
import { newId } from '../lib/ids';
import { isolatedDatabase, type IsolatedDatabase } from './support/isolated-database';

/**
 * The task insert of every execute runs as a named, server-side prepared statement
 * (db/prepared.ts): what that changes on the connection, that it can be turned off, and that a
 * migration adding a column under a running process does not break it.
 */
let isolated: IsolatedDatabase;
const opened: Db[] = [];

beforeAll(async () => {
  // Its own database: a test here alters `tasks`.
  isolated = await isolatedDatabase();
});

afterAll(async () => {
  await Promise.all(opened.map((db) => db.destroy()));
  await isolated?.drop();
});

/** One connection, so every statement of a test sees the same session's prepared statements. */
function oneConnection(prepareStatements?: boolean): Db {
  const db = createDb({ url: isolated.url, poolSize: 1, ...(prepareStatements === undefined ? {} : { prepareStatements }) });
  opened.push(db);
  return db;
}

async function user(db: Db): Promise<string> {
  const id = newId('user');
  await db.insertInto('users').values({ id, email: `${id.toLowerCase()}@example.test`, name: 'Prepared', password_hash: null }).execute();
  return id;
}

const taskOf = (userId: string, admitted: boolean) => ({
  id: newId('task'),
  userId,
  agentType: 'general',
  task: 'prepared',
  fileCount: 0,
  timeLimitSeconds: 60,
  idempotencyKey: null,
  inputJson: { task: 'prepared' },
  ...(admitted ? { admission: { runs: 1, runsLimit: 100, bytes: 20, storageLimit: 1_000_000 } } : {}),
});

async function preparedNames(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`select name from pg_prepared_statements order by name`.execute(db);
  return rows.map((r) => r.name);
}

it('runs the task insert as a named statement, parsed once per connection, with the same row as before', async () => {
  const db = oneConnection();
  const userId = await user(db);
  const first = await insertTaskWithInput(db, taskOf(userId, true));
  const second = await insertTaskWithInput(db, taskOf(userId, true));
  const plain = await insertTaskWithInput(db, taskOf(userId, false));
  // Two statements (with and without the quotas' admission), each prepared once on this connection.
  expect((await preparedNames(db)).filter((n) => n.startsWith('codex_insert_task'))).toEqual([
    expect.stringMatching(/^codex_insert_task_[0-9a-f]{12}$/),
    expect.stringMatching(/^codex_insert_task_admitted_[0-9a-f]{12}$/),
  ]);
  for (const task of [first, second, plain]) {
    expect(task).toEqual({ id: expect.stringMatching(/^task_/), user_id: userId, agent_type: 'general', status: 'queued', task: 'prepared', input_blob_id: expect.stringMatching(/^blob_/), file_count: 0, time_limit_seconds: 60 });
  }
  // The admission counted the two admitted runs only, and the input blobs hold the request.
  const usage = await db.selectFrom('quota_usage').select('agent_runs').where('user_id', '=', userId).executeTakeFirstOrThrow();
  expect(usage.agent_runs).toBe(2);
  const blob = await db.selectFrom('blobs').select(['content_type', 'data']).where('id', '=', first!.input_blob_id).executeTakeFirstOrThrow();
  expect(blob.content_type).toBe('application/json');
  expect(JSON.parse(blob.data.toString('utf8'))).toEqual({ task: 'prepared' });
  // A second insert of the same ID stores nothing and answers undefined, as before.
  const again = taskOf(userId, false);
  expect(await insertTaskWithInput(db, again)).toBeDefined();
  expect(await insertTaskWithInput(db, again)).toBeUndefined();
});

it('sends the statements unnamed with DATABASE_PREPARED_STATEMENTS=false (for a pooler in transaction mode)', async () => {
  const db = oneConnection(false);
  const userId = await user(db);
  expect(await insertTaskWithInput(db, taskOf(userId, true))).toMatchObject({ user_id: userId });
  expect((await preparedNames(db)).filter((n) => n.startsWith('codex_'))).toEqual([]);
});

it('keeps working when a migration adds a column to tasks under a running process', async () => {
  const db = oneConnection();
  const userId = await user(db);
  await insertTaskWithInput(db, taskOf(userId, true));
  expect((await preparedNames(db)).some((n) => n.startsWith('codex_insert_task_admitted'))).toBe(true);
  await sql`alter table tasks add column prepared_test_note text`.execute(db);
  try {
    // `returning *` would now fail with "cached plan must not change result type".
    const after = await insertTaskWithInput(db, taskOf(userId, true));
    expect(after).toMatchObject({ user_id: userId, status: 'queued' });
  } finally {
    await sql`alter table tasks drop column prepared_test_note`.execute(db);
  }
});

it('refuses a definition that would freeze a value of its first call into the statement', () => {
  expect(() =>
    preparedStatement<{ id: string }, { id: string }>('frozen_value_test', (db, p) =>
      db.selectFrom('tasks').select('id').where('id', '=', p.id).where('status', '=', 'queued'),
    ),
  ).toThrow(/parameter \$2 \("queued"\) is not a placeholder/);
});

it('the usage period still starts with the paid billing period, else the calendar month (UTC)', async () => {
  const db = oneConnection();
  const userId = await user(db);
  const periodStart = async () => (await sql<{ start: Date }>`select codex_usage_period_start(${userId}) as start`.execute(db)).rows[0]!.start;
  const now = new Date();
  expect(await periodStart()).toEqual(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)));
  const start = new Date(Date.now() - 3 * 86_400_000);
  const end = new Date(Date.now() + 27 * 86_400_000);
  await db
    .insertInto('subscriptions')
    .values({ id: newId('subscription'), user_id: userId, tier: 'pro', status: 'active', current_period_start: start, current_period_end: end })
    .execute();
  expect(await periodStart()).toEqual(start);
});
