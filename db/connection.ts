import { Kysely, PostgresDialect } from 'kysely';
import { Client, Pool, type QueryConfig } from 'pg';
import type { Database } from './database';
import { preparedStatementName } from './prepared';

export type Db = Kysely<Database>;

/**
 * pg's client, but a statement defined with `preparedStatement` (db/prepared.ts) runs as a named
 * statement: parsed and planned once per connection. Kysely sends every query as
 * `query(text, values)`; nothing else changes.
 */
class PreparingClient extends Client {
  // pg's `query` has many overloads; this one forwards them all and names only Kysely's form.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    const [text, values] = args as [unknown, unknown];
    if (args.length === 2 && typeof text === 'string' && Array.isArray(values)) {
      const name = preparedStatementName(text);
      if (name) return super.query({ name, text, values } satisfies QueryConfig);
    }
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    return (super.query as (...a: any[]) => any)(...args);
  }
}

/**
 * Opens a pooled Kysely instance. Call `db.destroy()` on shutdown.
 * `prepareStatements` (default true; DATABASE_PREPARED_STATEMENTS): run the statements of
 * db/prepared.ts as named, server-side prepared statements.
 */
export function createDb(options: { url: string; poolSize?: number; applicationName?: string; prepareStatements?: boolean }): Db {
  const pool = new Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'codex-cloud',
    Client: options.prepareStatements === false ? Client : PreparingClient,
  });
  // A client that loses its connection emits 'error'; without a listener that crashes the process.
  // The pool listens on idle clients only: a client checked out (held through a transaction)
  // whose connection is cut between statements needs its own listener. Its next query then
  // fails with the cause (and the pool discards it), which callers see and may retry.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * True for errors of a lost or refused database connection (a restart, a failover, an
 * administrator's kill), after which the same statement may well succeed on a new connection.
 */
export function isTransientDbError(err: unknown): boolean {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now.
    if (code.startsWith('08') || code === '57P01' || code === '57P02' || code === '57P03') return true;
    if (code === 'ECONNREFUSED' || code === 'ECONNRESET' || code === 'EPIPE' || code === 'ETIMEDOUT') return true;
  }
  return typeof message === 'string' && /Connection terminated|connection .*(?:closed|ended)|Client has encountered a connection error/i.test(message);
}

/**
 * Runs `write` again while it fails with a transient database error, backing off from 100 ms to
 * 2 s, for up to `budgetMs`. Only for writes that are idempotent (keyed events, absolute updates).
 */
export async function retryTransient<T>(write: () => Promise<T>, options: { budgetMs: number; onRetry?: (err: unknown, attempt: number) => void }): Promise<T> {
  const deadline = Date.now() + options.budgetMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (err) {
      if (!isTransientDbError(err) || Date.now() >= deadline) throw err;
      options.onRetry?.(err, attempt);
      await new Promise((r) => setTimeout(r, Math.min(100 * 2 ** (attempt - 1), 2_000)));
    }
  }
}
