import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

/** Settings (on process.env, set by global-setup.ts) that `isolatedDatabase` reads. */
export const ISOLATED_DATABASE_ENV = {
  /** A URL of the test Postgres whose user may create and drop databases. */
  adminUrl: 'TEST_DATABASE_ADMIN_URL',
  /** The migrated template's name: `<run database>_template`. */
  template: 'TEST_DATABASE_TEMPLATE',
} as const;

/** A database of one suite's own, and how to drop it. */
export interface IsolatedDatabase {
  /** `postgres://…/<run database>_<hex>`, migrated like the run's shared database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A migrated database for one suite alone, copied from the template global-setup.ts made.
 *
 * Every stack's projection reconciler reads the whole database it is given (DESIGN.md "Keeping the
 * projection true"): in the shared database of a run, another suite's reconciler starts a row
 * this suite left unstarted on purpose, on that suite's task queue and with its settings. Suites
 * that leave such rows get a database of their own.
 *
 * @throws Error when global setup made no template (the run did not go through it).
 */
export async function isolatedDatabase(): Promise<IsolatedDatabase> {
  const adminUrl = process.env[ISOLATED_DATABASE_ENV.adminUrl];
  const template = process.env[ISOLATED_DATABASE_ENV.template];
  if (!adminUrl || !template) throw new Error(`${ISOLATED_DATABASE_ENV.template} is not set: run the tests through jest's global setup`);
  // Named after the run's database, so the run's teardown drops this copy too if the suite does not.
  const name = `${template.replace(/_template$/, '')}_${randomBytes(4).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE "${name}" TEMPLATE "${template}"`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** One statement on the server's `postgres` database (names here are ours: letters, digits, `_`). */
async function admin(adminUrl: string, statement: string): Promise<void> {
  const url = new URL(adminUrl);
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}
