import pc from 'picocolors';

/** How this run prints: to a terminal (bars, colours) or not, quietly, or as JSON. */
export interface Output {
  /** stdout is a terminal: live bars and prompts. */
  tty: boolean;
  color: boolean;
  quiet: boolean;
  json: boolean;
  /** A line for a person on stdout (nothing with --quiet or --json). */
  info(line: string): void;
  /** The command's answer for a person on stdout (also with --quiet). */
  print(text: string): void;
  /** A line on stderr (warnings, errors): always. */
  warn(line: string): void;
  /** The command's result as JSON on stdout (with --json). */
  data(value: unknown): void;
  paint: ReturnType<typeof pc.createColors>;
}

/**
 * Decides from the options and the environment: no bars or colours when stdout is not a
 * terminal, or with `NO_COLOR` (https://no-color.org) or `--no-color`.
 */
export function createOutput(options: { quiet?: boolean; json?: boolean; color?: boolean }, stream: NodeJS.WriteStream = process.stdout): Output {
  const tty = Boolean(stream.isTTY) && !options.json;
  const color = tty && options.color !== false && !('NO_COLOR' in process.env && process.env.NO_COLOR !== '');
  const paint = pc.createColors(color);
  return {
    tty,
    color,
    quiet: Boolean(options.quiet),
    json: Boolean(options.json),
    info: (line) => {
      if (!options.quiet && !options.json) stream.write(`${line}\n`);
    },
    print: (text) => stream.write(`${text}\n`),
    warn: (line) => process.stderr.write(`${line}\n`),
    data: (value) => stream.write(`${JSON.stringify(value, null, 2)}\n`),
    paint,
  };
}
