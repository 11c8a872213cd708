import { Client, Connection } from '@temporalio/client';
import { createDb, type Db } from '../../db/connection';
import { startTestApi, type TestApi } from './api-harness';
import { startTestWorkers, testSettings, type TestWorkers } from './worker-harness';

/** API, workers, a database handle and a Temporal client for an end-to-end test file. */
export interface TestStack {
  api: TestApi;
  workers: TestWorkers;
  db: Db;
  temporal: Client;
  close(): Promise<void>;
}

/** Starts the stack on its own task queues (`testSettings`) with these settings on top. */
export async function startTestStack(overrides: Record<string, string> = {}): Promise<TestStack> {
  const settings = testSettings(overrides);
  const [api, workers] = await Promise.all([startTestApi(settings), startTestWorkers(settings)]);
  const db = createDb({ url: process.env.DATABASE_URL!, poolSize: 2 });
  const temporal = new Client({ connection: await Connection.connect({ address: process.env.TEMPORAL_ADDRESS! }) });
  return {
    api,
    workers,
    db,
    temporal,
    async close() {
      await temporal.connection.close();
      await workers.stop();
      await api.close();
      await db.destroy();
    },
  };
}
