import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../../db/connection';
import { startTestApi, type TestApi } from './api-harness';
import { isolatedDatabase, type IsolatedDatabase } from './isolated-database';
import { startTestWorkers, testSettings, type TestWorkers } from './worker-harness';

/** API, workers, a database handle and a Temporal client for an end-to-end test file. */
export interface TestStack {
  api: TestApi;
  workers: TestWorkers;
  db: Db;
  temporal: Client;
  /** The settings the API and workers started with (for another API process on the same queues). */
  settings: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts the stack on its own task queues (`testSettings`) with these settings on top.
 *
 * @param options.isolatedDatabase a database of the stack's own (see `isolatedDatabase`), for
 *   suites that leave rows for their reconciler to find; dropped by `close()`.
 */
export async function startTestStack(overrides: Record<string, string> = {}, options: { isolatedDatabase?: boolean } = {}): Promise<TestStack> {
  let own: IsolatedDatabase | undefined;
  if (options.isolatedDatabase) own = await isolatedDatabase();
  const settings = testSettings(own ? { ...overrides, DATABASE_URL: own.url } : overrides);
  const [api, workers] = await Promise.all([startTestApi(settings), startTestWorkers(settings)]);
  const db = createDb({ url: settings.DATABASE_URL ?? process.env.DATABASE_URL!, poolSize: 2 });
  const temporal = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
  return {
    api,
    workers,
    db,
    temporal,
    settings,
    async close() {
      await temporal.connection.close();
      await workers.stop();
      await api.close();
      await db.destroy();
      await own?.drop();
    },
  };
}
