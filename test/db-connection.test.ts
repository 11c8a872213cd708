import { sql } from 'kysely';
import { createDb, isTransientDbError, retryTransient, type Db } from '../db/connection';

/** What the API and workers see when Postgres cuts their connections (a restart, a failover). */
let db: Db;
let admin: Db;

beforeAll(() => {
  db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2, applicationName: `db-connection-test-${process.pid}` });
  admin = createDb({ url: process.env.DATABASE_URL!, poolSize: 1 });
});

afterAll(async () => {
  await db?.destroy();
  await admin?.destroy();
});

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('survives a connection cut in the middle of a transaction: the transaction fails, the process lives on', async () => {
  const attempt = db.transaction().execute(async (trx) => {
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
    await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin);
    await pause(200); // the cut reaches the client while no statement runs on it
    await sql`select 1`.execute(trx);
  });
  const err = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeDefined();
  expect(isTransientDbError(err)).toBe(true);
  // The pool gave the broken client up: the next statement works.
  const { rows } = await sql<{ one: number }>`select 1 as one`.execute(db);
  expect(rows[0]?.one).toBe(1);
});

it('retries an idempotent write through a cut connection, and gives up on other errors at once', async () => {
  let calls = 0;
  const value = await retryTransient(
    async () => {
      calls += 1;
      if (calls === 1) {
        await db.transaction().execute(async (trx) => {
          const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(trx);
          await sql`select pg_terminate_backend(${rows[0]!.pid})`.execute(admin);
          await pause(100);
          await sql`select 1`.execute(trx);
        });
      }
      return (await sql<{ n: number }>`select 42 as n`.execute(db)).rows[0]!.n;
    },
    { budgetMs: 5_000 },
  );
  expect(value).toBe(42);
  expect(calls).toBe(2);

  let tries = 0;
  await expect(
    retryTransient(
      async () => {
        tries += 1;
        await sql`select * from no_such_table`.execute(db);
      },
      { budgetMs: 5_000 },
    ),
  ).rejects.toThrow(/no_such_table/);
  expect(tries).toBe(1);
});
