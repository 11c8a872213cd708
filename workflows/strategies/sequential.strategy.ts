import { failureCode, type StrategyDefinition } from '../strategy-kit';

/** One agent after another; each sees the results of those before it. Stops at the first failure. */
export const sequential: StrategyDefinition = {
  description: "One agent after another, each given the previous agents' results",
  shape: ({ agents }) => ({ atOnce: 1, total: agents.length }),
  async run(ctx) {
    const done: string[] = [];
    for (const [i, agentType] of ctx.input.agents.entries()) {
      await ctx.progress(`Step ${i + 1} of ${ctx.input.agents.length}: ${agentType}`, Math.round((i * 100) / ctx.input.agents.length));
      const outcome = await ctx.runAgent({ agentType, seeResultsOf: [...done] });
      if (outcome.status !== 'completed') {
        return { status: 'failed', error: { code: failureCode(outcome), message: `Step ${i + 1} (${agentType}) ${outcome.status}: ${outcome.error?.message ?? ''}`.trim() } };
      }
      done.push(outcome.taskId);
    }
    return { status: 'completed' };
  },
};
