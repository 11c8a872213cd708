// Jest global teardown: drops this run's database and stops the servers global-setup.ts started
// (the test Postgres keeps its data folder, so the next run starts faster).
import { TEST_SERVERS_KEY, stopTestServers, type TestServers } from './global-setup';

export default async function globalTeardown(): Promise<void> {
  const servers = (globalThis as Record<string, unknown>)[TEST_SERVERS_KEY] as TestServers | undefined;
  if (!servers) return;
  (globalThis as Record<string, unknown>)[TEST_SERVERS_KEY] = undefined;
  await stopTestServers(servers);
}
