// Keeps a set of processes running, restarting any that stops with back-off, until told to stop.
// Used by `npm start` for the API, the worker, and the servers it started itself.
import { setTimeout as sleep } from 'node:timers/promises';

/** Seconds to wait before each successive restart of a process that keeps stopping. */
export const RESTART_DELAYS_SECONDS = [1, 2, 4, 8, 16, 30];
/** A process that ran this long before stopping is considered healthy again: back-off starts over. */
export const HEALTHY_AFTER_MS = 60_000;
/** Restarts in a row (each after a short run) before giving up: nothing restarts forever. */
export const MAX_QUICK_RESTARTS = 10;

/**
 * One supervised process. `launch()` starts it and resolves to a handle: `exited` resolves when it
 * stops (with a description of how), `stop()` stops it. An unexpected stop is reported through
 * `say` and followed by a restart after the back-off; `onGiveUp` is called after
 * MAX_QUICK_RESTARTS restarts in a row that each ran less than HEALTHY_AFTER_MS.
 */
export class Supervised {
  /**
   * @param {string} name e.g. 'worker'
   * @param {() => Promise<{ exited: Promise<string>, stop(): Promise<void>, pid?: number }>} launch
   * @param {{ say(message: string): void, warn(message: string): void, onGiveUp(reason: string): void, onRestarted?(): void }} hooks
   */
  constructor(name, launch, hooks) {
    this.name = name;
    this.launch = launch;
    this.hooks = hooks;
    this.current = null;
    this.stopped = false;
    /** Restarts since the process last ran HEALTHY_AFTER_MS: picks the next delay, and when to give up. */
    this.quickRestarts = 0;
    this.wakeUp = null;
  }

  /** Starts the process (the first start's failure is the caller's to report). */
  async start() {
    this.current = await this.launch();
    this.watch(this.current, Date.now());
    return this.current;
  }

  watch(handle, startedAt) {
    handle.exited.then(async (how) => {
      if (this.stopped || this.current !== handle) return;
      this.current = null;
      if (Date.now() - startedAt >= HEALTHY_AFTER_MS) this.quickRestarts = 0;
      if (this.quickRestarts >= MAX_QUICK_RESTARTS) {
        this.hooks.onGiveUp(`${this.name} stopped ${MAX_QUICK_RESTARTS + 1} times in a row soon after starting (${how}); giving up`);
        return;
      }
      await this.restartAfterBackOff(how);
    });
  }

  /** Waits 1, 2, 4 … 30 s (by restarts since the last healthy run), then starts the process again. */
  async restartAfterBackOff(how) {
    for (;;) {
      const delay = RESTART_DELAYS_SECONDS[Math.min(this.quickRestarts, RESTART_DELAYS_SECONDS.length - 1)];
      this.quickRestarts += 1;
      this.hooks.warn(`${this.name} stopped unexpectedly (${how}); restarting it in ${delay} s`);
      await new Promise((resolve) => {
        this.wakeUp = resolve;
        sleep(delay * 1000).then(resolve);
      });
      this.wakeUp = null;
      if (this.stopped) return;
      try {
        const handle = await this.launch();
        if (this.stopped) {
          await handle.stop();
          return;
        }
        this.current = handle;
        this.hooks.say(`${this.name} restarted${handle.pid ? ` (pid ${handle.pid})` : ''}`);
        this.hooks.onRestarted?.();
        this.watch(handle, Date.now());
        return;
      } catch (err) {
        if (this.quickRestarts >= MAX_QUICK_RESTARTS) {
          this.hooks.onGiveUp(`${this.name} could not be restarted ${MAX_QUICK_RESTARTS} times in a row: ${err.message}`);
          return;
        }
        how = `restart failed: ${err.message.split('\n')[0]}`;
      }
    }
  }

  /** Stops the process, and any restart that was pending. */
  async stop() {
    this.stopped = true;
    this.wakeUp?.();
    const handle = this.current;
    this.current = null;
    if (handle) await handle.stop();
  }
}
