import { Argument, Option, type Command } from 'commander';
import type { CommandContext } from '../program.js';
import { plural } from '../render.js';

export function registerSubscriptionCommands(program: Command, ctx: CommandContext): void {
  const subscription = program
    .command('subscription')
    .description('Your tier, billing and usage; upgrade, cancel or reactivate')
    .addHelpText('after', '\nExamples:\n  $ codex subscription\n  $ codex subscription upgrade pro\n  $ codex subscription cancel\n')
    .action(async () => {
      const { out, codex } = await ctx.session();
      const s = await codex.subscription.get();
      if (out.json) return out.data(s);
      const limit = s.usage.requests_limit === null ? 'unlimited' : s.usage.requests_limit;
      out.print(
        `${s.tier} (${s.status}${s.cancel_at_period_end ? ', ends at the period’s end' : ''}) · ${s.amount} ${s.currency.toUpperCase()} ${s.billing_cycle}\n` +
          `${s.usage.requests_this_month} of ${limit} agent runs this month · ${s.usage.parallel_agents_limit == null ? 'unlimited agents' : plural(s.usage.parallel_agents_limit, 'agent')} at once · period ends ${s.current_period_end ?? '—'}`,
      );
    });
  subscription
    .command('upgrade')
    .description('Move to another tier (at once for an upgrade, at the period’s end for a downgrade)')
    .addArgument(new Argument('<tier>', 'the tier (enterprise is not sold through the API)').choices(['free', 'pro', 'team']))
    .addOption(new Option('--yearly', 'bill yearly').conflicts('monthly'))
    .addOption(new Option('--monthly', 'bill monthly (neither: a paid plan keeps its cycle; monthly from free)'))
    .addHelpText('after', '\nExample:\n  $ codex subscription upgrade team --yearly\n')
    .action(async (tier: string, opts: { yearly?: boolean; monthly?: boolean }) => {
      const { out, codex } = await ctx.session();
      const cycle = opts.yearly ? 'yearly' : opts.monthly ? 'monthly' : undefined;
      const answer = await codex.subscription.upgrade({ new_tier: tier as never, ...(cycle ? { billing_cycle: cycle } : {}) });
      if (out.json) return out.data(answer);
      out.print(answer.message);
    });
  subscription
    .command('cancel')
    .description('Cancel the paid tier at the end of the period (--now: at once)')
    .option('--now', 'end it now')
    .option('--reason <text>')
    .addHelpText('after', '\nExample:\n  $ codex subscription cancel --reason "too expensive"\n')
    .action(async (opts: { now?: boolean; reason?: string }) => {
      const { out, codex } = await ctx.session();
      const answer = await codex.subscription.cancel({ cancel_at_period_end: !opts.now, ...(opts.reason ? { reason: opts.reason } : {}) });
      if (out.json) return out.data(answer);
      out.print(answer.message);
    });
  subscription
    .command('reactivate')
    .description('Undo a cancellation at the period’s end')
    .addHelpText('after', '\nExample:\n  $ codex subscription reactivate\n')
    .action(async () => {
      const { out, codex } = await ctx.session();
      const answer = await codex.subscription.reactivate();
      if (out.json) return out.data(answer);
      out.print(answer.message);
    });
}
