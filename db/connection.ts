import { Kysely, PostgresDialect } from 'kysely';
import { Pool } from 'pg';
import type { Database } from './database';

export type Db = Kysely<Database>;

/** Opens a pooled Kysely instance. Call `db.destroy()` on shutdown. */
export function createDb(options: { url: string; poolSize?: number; applicationName?: string }): Db {
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'codex-cloud',
  });
  // An idle client that loses its connection emits 'error'; without a listener that crashes the process.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
