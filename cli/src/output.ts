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
      if (!options.quiet && !options.json) stream.write(`${neutralizeControls(line)}\n`);
    },
    print: (text) => stream.write(`${neutralizeControls(text)}\n`),
    warn: (line) => process.stderr.write(`${neutralizeControls(line)}\n`),
    data: (value) => stream.write(`${JSON.stringify(value, null, 2)}\n`),
    paint,
  };
}

/**
 * Text from the server (file paths of a repository, summaries, error messages) made safe to
 * write to a terminal: every control character but line feed and tab, every escape sequence
 * other than a colour (SGR, `ESC [ … m`, which is all this CLI writes), and the Unicode
 * bidirectional controls are shown as `\u{…}` instead of acting on the terminal. Terminal escapes
 * in data are CWE-150 (a file named with OSC 52 could write the clipboard, one with cursor moves
 * could hide lines); bidi overrides are "Trojan Source" (CVE-2021-42574), which make a path read
 * differently from what it is.
 */
export function neutralizeControls(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m|[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, (match) =>
    match.length > 1 ? match : `\\u{${match.codePointAt(0)!.toString(16)}}`,
  );
}
