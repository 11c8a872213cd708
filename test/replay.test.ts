import { promises as fs } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from './support/histories';
import { quietRuntime, workflowBundle } from './support/worker-harness';

/**
 * Determinism guard: every recorded history must replay against the current workflow code.
 * test/histories/*.json are written by the end-to-end tests with RECORD_HISTORIES=1; the dated
 * folders keep histories recorded by earlier code, for runs that may still be in flight (the
 * `patched()` branches that serve them).
 */
describe('workflow replay', () => {
  it('replays every recorded history, old and new, without a determinism error', async () => {
    quietRuntime();
    const entries = await fs.readdir(HISTORIES_DIR, { recursive: true });
    const files = entries.filter((f) => f.endsWith('.json')).sort();
    expect(files.filter((f) => !f.includes(path.sep)).length).toBeGreaterThanOrEqual(5);
    expect(files.filter((f) => f.includes(path.sep)).length).toBeGreaterThanOrEqual(5);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: file.replace(/\.json$/, ''),
        history: historyFromJSON(JSON.parse(await fs.readFile(path.join(HISTORIES_DIR, file), 'utf8'))),
      })),
    );
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: await workflowBundle(), replayName: 'replay-test' }, histories)) {
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
  });
});
