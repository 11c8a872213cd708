import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/**
 * With RECORD_HISTORIES=1, saves a workflow's history (its latest run, or `runId`) under
 * test/histories/ as `<name>.json` (the Temporal CLI's JSON, as `temporal workflow show -o json` prints it).
 * Committed histories are replayed by test/replay.test.ts against the current workflow code:
 * a change that breaks determinism for runs already in flight fails there.
 */
export async function recordHistory(workflowId: string, name: string, runId?: string): Promise<void> {
  if (process.env.RECORD_HISTORIES !== '1') return;
  const { stdout } = await promisify(execFile)(
    process.env.TEMPORAL_CLI_PATH ?? 'temporal',
    [
      'workflow',
      'show',
      '--workflow-id',
      workflowId,
      ...(runId ? ['--run-id', runId] : []),
      '--output',
      'json',
      '--address',
      process.env.TEMPORAL_ADDRESS!,
      '--namespace',
      process.env.TEMPORAL_NAMESPACE ?? 'default',
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  await fs.mkdir(HISTORIES_DIR, { recursive: true });
  await fs.writeFile(path.join(HISTORIES_DIR, `${name}.json`), `${JSON.stringify(JSON.parse(stdout), null, 1)}\n`);
}
