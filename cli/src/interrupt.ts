import { select } from '@inquirer/prompts';
import type { Output } from './output.js';

/** What the user chose at Ctrl-C. */
export type Interruption = 'cancel' | 'detach';

/**
 * Watches for Ctrl-C while work runs: the first one stops the live view (`onInterrupt`) and, on
 * a terminal, asks whether to cancel the work on the server or detach from it (a second Ctrl-C
 * at the question detaches). Off a terminal it detaches: nothing is cancelled by accident.
 */
export function watchInterrupt(out: Output, what: string, onInterrupt: () => void): { decision: () => Promise<Interruption> | undefined; dispose(): void } {
  let decided: Promise<Interruption> | undefined;
  const handler = () => {
    if (decided) return;
    onInterrupt();
    decided = out.tty
      ? select<Interruption>({
          message: `Stop following ${what}: cancel it on the server, or detach and leave it running?`,
          choices: [
            { name: 'Detach (it keeps running)', value: 'detach' },
            { name: 'Cancel it', value: 'cancel' },
          ],
        }).catch(() => 'detach' as const)
      : Promise.resolve('detach' as const);
  };
  process.on('SIGINT', handler);
  return {
    decision: () => decided,
    dispose: () => process.off('SIGINT', handler),
  };
}
