import type { StreamMessage } from '@codex-cloud/sdk';
import cliProgress from 'cli-progress';
import { neutralizeControls, type Output } from './output.js';

const messageOf = (m: StreamMessage): string =>
  m.type === 'error' ? `error: ${m.error?.message ?? m.status ?? ''}` : m.type === 'result' ? (m.status ?? 'done') : (m.message ?? '');

/** Bars a command draws while work goes on: one per task (a run), or one per agent (an orchestration). */
export class ProgressView {
  private readonly multi: cliProgress.MultiBar | undefined;
  private readonly bars = new Map<string, cliProgress.SingleBar>();

  constructor(private readonly out: Output) {
    // Bars only on a terminal and with colours allowed (NO_COLOR, --no-color: plain lines);
    // elsewhere each message is a line (none with --quiet or --json).
    this.multi = out.tty && out.color && !out.quiet
      ? new cliProgress.MultiBar(
          { format: '{label} {bar} {percentage}% | {text}', hideCursor: true, clearOnComplete: false, barsize: 24, autopadding: true },
          cliProgress.Presets.shades_classic,
        )
      : undefined;
  }

  /** Shows a stream message on the bar of `key` (made with `label` the first time). */
  update(key: string, label: string, message: StreamMessage): void {
    const text = neutralizeControls(messageOf(message).replace(/\s+/g, ' ').slice(0, 80));
    const progress = message.type === 'result' ? 100 : typeof message.progress === 'number' ? message.progress : undefined;
    if (!this.multi) {
      this.out.info(`${label.padEnd(16)} ${progress === undefined ? '     ' : `${String(progress).padStart(3)}%`} ${text}`);
      return;
    }
    let bar = this.bars.get(key);
    if (!bar) {
      bar = this.multi.create(100, 0, { label: neutralizeControls(label).padEnd(16), text: '' });
      this.bars.set(key, bar);
    }
    bar.update(progress ?? bar.getProgress() * 100, { text });
  }

  stop(): void {
    this.multi?.stop();
  }
}
