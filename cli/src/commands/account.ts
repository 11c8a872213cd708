import { input, password } from '@inquirer/prompts';
import { CodexCloud } from '@codex-cloud/sdk';
import type { Command } from 'commander';
import { readCredentials, removeCredentials, writeCredentials } from '../config.js';
import { UsageError, type CommandContext } from '../program.js';
import { baseUrlOf, signedInClient } from '../session.js';

/** Reads all of stdin (for --password-stdin). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/**
 * Asks for the email (unless given) and the password (from stdin with --password-stdin, else a
 * prompt), gets tokens with `exchange` (login or register) and stores them.
 * @throws UsageError when there is no terminal to ask on and no --password-stdin.
 */
async function signIn(
  baseUrl: string,
  opts: { email?: string; passwordStdin?: boolean },
  passwordPrompt: string,
  exchange: (codex: CodexCloud, credentials: { email: string; password: string }) => Promise<{ access_token: string; refresh_token: string }>,
): Promise<{ email: string; file: string }> {
  if (!opts.passwordStdin && !process.stdin.isTTY) throw new UsageError('No terminal to ask for the password: pipe it with --password-stdin (login also takes --api-key)');
  const email = opts.email ?? (await input({ message: 'Email' }));
  const secret = opts.passwordStdin ? await readStdin() : await password({ message: passwordPrompt, mask: '*' });
  const tokens = await exchange(new CodexCloud({ baseUrl }), { email, password: secret });
  const file = await writeCredentials({ base_url: baseUrl, access_token: tokens.access_token, refresh_token: tokens.refresh_token, email });
  return { email, file };
}

export function registerAccountCommands(program: Command, ctx: CommandContext): void {
  program
    .command('login')
    .description('Sign in with email and password, or store an API key; credentials go to your config folder (mode 0600)')
    .option('--api-key <key>', 'an API key (codex_sk_…) instead of email and password')
    .option('--email <email>', 'your email (asked for when missing)')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .addHelpText('after', '\nExamples:\n  $ codex login\n  $ codex login --api-key codex_sk_live_…\n  $ echo "$PASSWORD" | codex login --email me@example.com --password-stdin\n')
    .action(async (opts: { apiKey?: string; email?: string; passwordStdin?: boolean }) => {
      const out = ctx.output();
      const baseUrl = baseUrlOf(ctx.options(), await readCredentials());
      if (opts.apiKey) {
        const me = await new CodexCloud({ baseUrl, apiKey: opts.apiKey }).auth.me();
        const file = await writeCredentials({ base_url: baseUrl, api_key: opts.apiKey, email: me.email });
        out.info(`Logged in to ${baseUrl} as ${me.email} with an API key (saved in ${file})`);
        return;
      }
      const { email, file } = await signIn(baseUrl, opts, 'Password', (codex, credentials) => codex.auth.login(credentials));
      out.info(`Logged in to ${baseUrl} as ${email} (saved in ${file})`);
    });

  program
    .command('register')
    .description('Create an account and sign in with it (credentials stored as by login)')
    .option('--email <email>', 'your email (asked for when missing)')
    .option('--name <name>', 'your name')
    .option('--password-stdin', 'read the password from stdin (for scripts)')
    .addHelpText('after', '\nExample:\n  $ codex register --email me@example.com --name "Ada"\n')
    .action(async (opts: { email?: string; name?: string; passwordStdin?: boolean }) => {
      const out = ctx.output();
      const baseUrl = baseUrlOf(ctx.options(), await readCredentials());
      const { email, file } = await signIn(baseUrl, opts, 'Password (8 characters or more)', (codex, credentials) =>
        codex.auth.register({ ...credentials, ...(opts.name ? { name: opts.name } : {}) }),
      );
      out.info(`Registered and logged in to ${baseUrl} as ${email} (saved in ${file})`);
    });

  program
    .command('logout')
    .description('End the session on the server and forget the stored credentials')
    .addHelpText('after', '\nExample:\n  $ codex logout\n')
    .action(async () => {
      const out = ctx.output();
      const stored = await readCredentials();
      if (stored?.access_token) {
        const codex = await signedInClient(ctx.options());
        await codex.auth.logout().catch(() => undefined); // an expired session is over anyway
      }
      await removeCredentials();
      out.info('Logged out');
    });

  program
    .command('whoami')
    .description('Who you are signed in as: email, tier and this month’s usage')
    .addHelpText('after', '\nExample:\n  $ codex whoami --json\n')
    .action(async () => {
      const { out, codex } = await ctx.session();
      const me = await codex.auth.me();
      if (out.json) return out.data(me);
      const limit = me.usage.requests_limit === null ? 'unlimited' : String(me.usage.requests_limit);
      out.print(`${me.email} (${me.name ?? 'no name'}) · ${me.tier} · ${me.usage.requests_this_month} of ${limit} agent runs this month · ${codex.transport.baseUrl}`);
    });

  const keys = program
    .command('keys')
    .description('API keys for automation')
    .addHelpText('after', '\nExamples:\n  $ codex keys create ci\n  $ codex keys ls\n');
  keys
    .command('create')
    .description('Create an API key; it is shown this once')
    .argument('<name>')
    .option('--scopes <scopes>', 'comma-separated scopes (default: all of yours)')
    .addHelpText('after', '\nExample:\n  $ codex keys create ci --scopes agents:read,agents:write\n')
    .action(async (name: string, opts: { scopes?: string }) => {
      const { out, codex } = await ctx.session();
      const key = await codex.apiKeys.create({ name, ...(opts.scopes ? { scopes: opts.scopes.split(',').map((s) => s.trim()) as never } : {}) });
      if (out.json) return out.data(key);
      out.print(`${key.id} ${key.name}\n${key.key}\n(shown this once: store it now)`);
    });
  keys
    .command('ls')
    .description('Your API keys (never the keys themselves)')
    .addHelpText('after', '\nExample:\n  $ codex keys ls\n')
    .action(async () => {
      const { out, codex } = await ctx.session();
      const list = await codex.apiKeys.list();
      if (out.json) return out.data(list);
      for (const k of list.api_keys) out.print(`${k.id}  ${k.prefix}…  ${k.name}  ${k.scopes.join(',')}  last used ${k.last_used_at ?? 'never'}`);
    });
  keys
    .command('revoke')
    .description('Revoke an API key: it stops working at once')
    .argument('<id>')
    .addHelpText('after', '\nExample:\n  $ codex keys revoke key_…\n')
    .action(async (id: string) => {
      const { out, codex } = await ctx.session();
      const answer = await codex.apiKeys.revoke(id);
      if (out.json) return out.data(answer);
      out.print(`${id} revoked`);
    });
}
