import { failureCode, type StrategyDefinition } from '../strategy-kit';

/** All agents at once. `fail_fast` (default) cancels the rest at the first failure; `best_effort` keeps what succeeded. */
export const parallel: StrategyDefinition = {
  description: 'Every agent at once on the goal; fail_fast or best_effort',
  shape: ({ agents }) => ({ atOnce: agents.length, total: agents.length }),
  async run(ctx) {
    const failFast = (ctx.input.options.failure_policy ?? 'fail_fast') === 'fail_fast';
    await ctx.progress(`Starting ${ctx.input.agents.length} agents in parallel (${failFast ? 'fail-fast' : 'best-effort'})`);
    const outcomes = await ctx.runAgents(ctx.input.agents.map((agentType) => ({ agentType })), { failFast });
    const succeeded = outcomes.filter((o) => o.status === 'completed');
    // The agent that failed, not a sibling fail-fast cancelled because of it.
    const failed = outcomes.find((o) => o.status === 'failed' || o.status === 'timed_out') ?? outcomes.find((o) => o.status !== 'completed');
    if (failed && (failFast || succeeded.length === 0)) {
      return { status: 'failed', error: { code: failureCode(failed), message: `${failed.agentType} ${failed.status}: ${failed.error?.message ?? ''}`.trim() } };
    }
    return { status: 'completed', resultTaskIds: succeeded.map((o) => o.taskId) };
  },
};
