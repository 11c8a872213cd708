import { CodexApiError, type CodexCloud } from '@codex-cloud/sdk';
import { Command, CommanderError } from 'commander';
import { registerAccountCommands } from './commands/account.js';
import { registerAgentCommands } from './commands/agents.js';
import { registerSubscriptionCommands } from './commands/subscription.js';
import { registerVisualizationCommands } from './commands/viz.js';
import { registerWorkCommands } from './commands/work.js';
import { createOutput, type Output } from './output.js';
import { signedInClient } from './session.js';

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
    .option('--base-url <url>', 'the API (default: CODEX_BASE_URL, then the one you logged in to, then http://localhost:8080)')
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
    session: async () => ({ out: ctx.output(), codex: await signedInClient(program.opts<GlobalOptions>()) }),
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
    if (err instanceof CodexApiError) {
      const details = err.details && Object.keys(err.details).length ? ` ${JSON.stringify(err.details)}` : '';
      out.warn(`${out.paint.red('error')}: ${err.message} (${err.code}${err.status ? ` ${err.status}` : ''}${err.requestId ? `, ${err.requestId}` : ''})${details}`);
    } else {
      out.warn(`${out.paint.red('error')}: ${err instanceof Error ? err.message : String(err)}`);
    }
    return 1;
  }
}
