import { CodexApiError, type CodexCloud, type RetryNotice } from '@codex-cloud/sdk';
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { registerAccountCommands } from './commands/account.js';
import { registerAgentCommands } from './commands/agents.js';
import { registerSubscriptionCommands } from './commands/subscription.js';
import { registerVisualizationCommands } from './commands/viz.js';
import { registerWorkCommands } from './commands/work.js';
import { createOutput, type Output } from './output.js';
import { signedInClient } from './session.js';

/** A command used wrongly (exit code 2, like commander's own usage errors). */
export class UsageError extends Error {}

/** Parses a whole number ≥ `min` for an option. @throws InvalidArgumentError (commander: exit 2) */
export const wholeNumber = (min: number) => (value: string): number => {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min) throw new InvalidArgumentError(`must be a whole number of at least ${min}`);
  return n;
};

/** The global options, as commander parses them. */
export interface GlobalOptions {
  baseUrl?: string;
  json?: boolean;
  quiet?: boolean;
  color?: boolean;
}

/** What a command's action gets: the output, and (on demand) a signed-in client. */
export interface CommandContext {
  options(): GlobalOptions;
  output(): Output;
  session(): Promise<{ out: Output; codex: CodexCloud }>;
}

/** The `codex` program: every command, its options and help. */
export function buildProgram(version: string): Command {
  const program = new Command('codex')
    .description('Run Codex Cloud agents and orchestrations from a terminal, with live progress')
    .version(version)
    .option('--base-url <url>', 'the API (default: CODEX_BASE_URL, then the one you logged in to, then http://localhost:8080)', (value) => {
      if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) throw new InvalidArgumentError('must be an http:// or https:// URL');
      return value;
    })
    .option('--json', 'print the result as JSON, and nothing else on stdout')
    .option('-q, --quiet', 'no progress, only the result')
    .option('--no-color', 'no colours (also: NO_COLOR, or stdout not a terminal)')
    .showHelpAfterError('(add --help for usage)')
    // Errors are thrown, not exits: main() turns them into exit codes (subcommands inherit this).
    .exitOverride()
    .addHelpText('after', '\nStart with:\n  $ codex login\n  $ codex run security_expert "Review" src/\n');
  const ctx: CommandContext = {
    options: () => program.opts<GlobalOptions>(),
    output: () => createOutput(program.opts<GlobalOptions>()),
    session: async () => {
      const out = ctx.output();
      // A wait the user would otherwise sit through in silence (a rate limit, a server restarting).
      const onRetry = (r: RetryNotice) =>
        out.warn(out.paint.dim(`${r.status === 429 ? 'rate limited' : r.status ? `server answered ${r.status}` : 'no answer'} (${r.request}): retrying in ${Math.ceil(r.delayMs / 1000)} s`));
      return { out, codex: await signedInClient(program.opts<GlobalOptions>(), process.env, { onRetry }) };
    },
  };
  registerAccountCommands(program, ctx);
  registerWorkCommands(program, ctx);
  registerAgentCommands(program, ctx);
  registerVisualizationCommands(program, ctx);
  registerSubscriptionCommands(program, ctx);
  return program;
}

/**
 * Runs the CLI on `argv` (process.argv's shape) and answers its exit code: 0 done, 1 an error
 * or work that did not complete, 2 a usage error, 130 after Ctrl-C.
 */
export async function main(argv: string[], version: string): Promise<number> {
  const program = buildProgram(version);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const out = createOutput(program.opts<GlobalOptions>());
    if (err instanceof UsageError) {
      out.warn(`${out.paint.red('error')}: ${err.message}`);
      return 2;
    }
    if (err instanceof CodexApiError) {
      const details = err.details && Object.keys(err.details).length ? ` ${JSON.stringify(err.details)}` : '';
      out.warn(`${out.paint.red('error')}: ${err.message} (${err.code}${err.status ? ` ${err.status}` : ''}${err.requestId ? `, ${err.requestId}` : ''})${details}`);
    } else {
      out.warn(`${out.paint.red('error')}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  }
}
