import { failureCode, type StrategyDefinition } from '../strategy-kit';

/**
 * The same agent `n` times (default 3), then a judge agent (agents[1], default the same type)
 * looks at every attempt. The pick is the attempt with the best score (tests generated plus
 * findings reported; the earliest on a tie), the judge's review beside it.
 */
export const bestOfN: StrategyDefinition = {
  description: 'N attempts by one agent, then a judge; the best-scoring attempt is kept',
  request: { agents: { min: 1, max: 2, roles: '[agent] or [agent, judge]' } },
  shape: ({ options }) => ({ atOnce: options.n ?? 3, total: (options.n ?? 3) + 1 }),
  async run(ctx) {
    const [agent, judge = agent] = ctx.input.agents as [string, string?];
    const n = ctx.input.options.n ?? 3;
    await ctx.progress(`${n} attempts by ${agent}`);
    const attempts = await ctx.runAgents(Array.from({ length: n }, () => ({ agentType: agent })));
    const good = attempts.filter((o) => o.status === 'completed');
    if (good.length === 0) return { status: 'failed', error: { code: failureCode(attempts[0]!), message: `All ${n} attempts failed: ${attempts[0]!.error?.message ?? attempts[0]!.status}` } };
    const best = good.reduce((a, b) => (b.score > a.score ? b : a));
    await ctx.progress(`Judging ${good.length} attempts with ${judge}`, 80);
    const verdict = await ctx.runAgent({ agentType: judge, task: 'Judge these attempts at: {goal}', seeResultsOf: good.map((o) => o.taskId) });
    return {
      status: 'completed',
      resultTaskIds: [best.taskId],
      details: { selected_task_id: best.taskId, attempts: attempts.length, judge_task_id: verdict.taskId },
    };
  },
};
