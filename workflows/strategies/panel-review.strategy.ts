import { failureCode, type StrategyDefinition } from '../strategy-kit';

export const panelReview: StrategyDefinition = {
  description: 'All agents but the last in parallel; the last reviews their results',
  request: { agents: { min: 2, roles: '[panel…, reviewer]: a panel and a reviewer' } },
  shape: ({ agents }) => ({ atOnce: agents.length - 1, total: agents.length }),
  async run(ctx) {
    const panel = ctx.input.agents.slice(0, -1);
    const reviewer = ctx.input.agents[ctx.input.agents.length - 1]!;
    const outcomes = await ctx.runAgents(panel.map((agentType) => ({ agentType })));
    const good = outcomes.filter((o) => o.status === 'completed');
    if (good.length === 0) return { status: 'failed', error: { code: failureCode(outcomes[0]!), message: `The whole panel failed: ${outcomes[0]!.error?.message ?? outcomes[0]!.status}` } };
    await ctx.progress(`${reviewer} reviews ${good.length} results`, 80);
    const review = await ctx.runAgent({ agentType: reviewer, seeResultsOf: good.map((o) => o.taskId) });
    if (review.status !== 'completed') return { status: 'failed', error: { code: failureCode(review), message: `${reviewer} ${review.status}` } };
    return { status: 'completed', details: { panel: good.length } };
  },
};
