import { createLogger } from '../../lib/logger';
import type { Watch } from './kubernetes-types';
import { ResourceWatch } from './resource-watch';

/** A watch connection that never says anything again (half-open): not even its end. */
function silentWatch(): { watch: Watch; opened: () => number; aborted: () => number } {
  let opened = 0;
  let aborted = 0;
  const watch = {
    watch: async () => {
      opened += 1;
      const controller = new AbortController();
      controller.signal.addEventListener('abort', () => (aborted += 1));
      return controller;
    },
  } as unknown as Watch;
  return { watch, opened: () => opened, aborted: () => aborted };
}

it('drops a watch that stays silent past its resync period and lists the collection again', async () => {
  const { watch, opened, aborted } = silentWatch();
  let lists = 0;
  const synced: number[] = [];
  const rw = new ResourceWatch(
    watch,
    { path: '/api/v1/namespaces/x/pods', list: async () => ({ items: [{ metadata: { name: `p${++lists}` } }], metadata: { resourceVersion: String(lists) } }) },
    { onSync: (items) => synced.push(items.length), onEvent: () => undefined },
    createLogger({ level: 'silent' }),
    { resyncMs: 50 },
  );
  rw.start();
  // Three resync periods at least; polled, so a loaded machine only makes it slower.
  const deadline = Date.now() + 10_000;
  while ((lists < 3 || opened() < 3 || aborted() < 2) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  rw.stop();
  expect(lists).toBeGreaterThanOrEqual(3);
  expect(synced.length).toBe(lists);
  expect(opened()).toBeGreaterThanOrEqual(3);
  expect(aborted()).toBeGreaterThanOrEqual(2);
});
