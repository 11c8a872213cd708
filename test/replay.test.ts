import { promises as fs } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { Worker } from '@temporalio/worker';
import { HISTORIES_DIR } from './support/histories';
import { quietRuntime, workflowBundle } from './support/worker-harness';

/**
 * Determinism guard: every recorded history (test/histories/*.json, written by the end-to-end
 * tests with RECORD_HISTORIES=1) must replay against the current workflow code.
 */
describe('workflow replay', () => {
  it('replays every recorded history without a determinism error', async () => {
    quietRuntime();
    const files = (await fs.readdir(HISTORIES_DIR)).filter((f) => f.endsWith('.json')).sort();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const histories = await Promise.all(
      files.map(async (file) => ({
        workflowId: path.basename(file, '.json'),
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
