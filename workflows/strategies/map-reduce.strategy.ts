import type { StrategyDefinition } from '../strategy-kit';

/**
 * One agent (the mapper) per file of the context, at most `concurrency` (default 4) at once;
 * then a reducer agent over all their results. agents = [mapper, reducer].
 */
export const mapReduce: StrategyDefinition = {
  description: 'One agent per file (concurrency-capped), then a reducer over their results',
  validate: ({ agents, fileCount }) =>
    agents.length !== 2
      ? { field: 'agents', reason: 'must be [mapper, reducer]' }
      : fileCount === 0
        ? { field: 'context.files', reason: 'must list the files to map over' }
        : undefined,
  shape: ({ options, fileCount }) => ({ atOnce: Math.min(options.concurrency ?? 4, fileCount), total: fileCount + 1 }),
  async run(ctx) {
    const [mapper, reducer] = ctx.input.agents as [string, string];
    const files = await ctx.listFiles();
    await ctx.progress(`Mapping ${mapper} over ${files.length} files`);
    const mapped = await ctx.runAgents(
      files.map((path) => ({ agentType: mapper, task: `${ctx.input.goal} (file ${path})`, files: [path] })),
      { concurrency: ctx.input.options.concurrency ?? 4 },
    );
    const good = mapped.filter((o) => o.status === 'completed');
    if (good.length === 0) return { status: 'failed', error: { code: 'AGENT_ERROR', message: 'Every mapper failed' } };
    await ctx.progress(`Reducing ${good.length} results with ${reducer}`, 90);
    const reduced = await ctx.runAgent({ agentType: reducer, seeResultsOf: good.map((o) => o.taskId), files: [] });
    if (reduced.status !== 'completed') return { status: 'failed', error: { code: 'AGENT_ERROR', message: `${reducer} ${reduced.status}` } };
    return { status: 'completed', details: { mapped: mapped.length, mapped_ok: good.length } };
  },
};
