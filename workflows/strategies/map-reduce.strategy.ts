import { failureCode, type StrategyDefinition } from '../strategy-kit';

const DEFAULT_MAX_MAPPERS = 100;

/** Indexes 0 … count − 1 in at most `groups` runs of consecutive indexes, as even as can be. */
export function fileGroups(count: number, groups: number): number[][] {
  const n = Math.max(1, Math.min(count, groups));
  const out: number[][] = [];
  for (let g = 0, start = 0; g < n; g++) {
    const size = Math.floor(count / n) + (g < count % n ? 1 : 0);
    out.push(Array.from({ length: size }, (_, i) => start + i));
    start += size;
  }
  return out.filter((group) => group.length > 0);
}

/**
 * One agent (the mapper) per file of the context, at most `concurrency` (default 4) at once;
 * then a reducer agent over all their results. agents = [mapper, reducer]. Past `max_mappers`
 * files (default 100) each mapper gets a run of consecutive files, so the orchestration's
 * history stays bounded however many files a request holds.
 */
export const mapReduce: StrategyDefinition = {
  description: 'One agent per file (or per group of files past max_mappers, concurrency-capped), then a reducer over their results',
  request: { agents: { min: 2, max: 2, roles: '[mapper, reducer]' }, filesRequired: true },
  shape: ({ options, fileCount }) => {
    const mappers = Math.min(fileCount, options.max_mappers ?? DEFAULT_MAX_MAPPERS);
    return { atOnce: Math.min(options.concurrency ?? 4, mappers), total: mappers + 1 };
  },
  async run(ctx) {
    const [mapper, reducer] = ctx.input.agents as [string, string];
    const count = await ctx.fileCount();
    const groups = fileGroups(count, ctx.input.options.max_mappers ?? DEFAULT_MAX_MAPPERS);
    await ctx.progress(`Mapping ${mapper} over ${count} files${groups.length < count ? ` in ${groups.length} groups` : ''}`);
    const mapped = await ctx.runAgents(
      groups.map((group) => ({
        agentType: mapper,
        task: group.length === 1 ? '{goal} (file {file})' : `{goal} (files ${group[0]! + 1} to ${group[group.length - 1]! + 1} of ${count})`,
        fileIndexes: group,
      })),
      { concurrency: ctx.input.options.concurrency ?? 4 },
    );
    const good = mapped.filter((o) => o.status === 'completed');
    if (good.length === 0) return { status: 'failed', error: { code: failureCode(mapped[0]!), message: `Every mapper failed: ${mapped[0]!.error?.message ?? mapped[0]!.status}` } };
    await ctx.progress(`Reducing ${good.length} results with ${reducer}`, 90);
    const reduced = await ctx.runAgent({ agentType: reducer, seeResultsOf: good.map((o) => o.taskId), fileIndexes: [] });
    if (reduced.status !== 'completed') return { status: 'failed', error: { code: failureCode(reduced), message: `${reducer} ${reduced.status}` } };
    return { status: 'completed', details: { mapped: mapped.length, mapped_ok: good.length } };
  },
};
