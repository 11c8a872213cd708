import { failureCode, type StrategyDefinition } from '../strategy-kit';

/** Rounds run per workflow run before continuing as new, so a long loop keeps a short history. */
const ROUNDS_PER_RUN = 2;

interface Checkpoint {
  round: number;
  lastReview?: string;
  taskIds: string[];
}

/**
 * A worker agent and a reviewer agent alternate: the worker sees the last review, the reviewer
 * sees the work. The reviewer approves when it reports no high or critical finding; the loop
 * stops then, or after `max_rounds` (default 3) without approval (failed).
 */
export const reviewLoop: StrategyDefinition = {
  description: 'A worker and a reviewer alternate until the reviewer approves or max_rounds pass',
  request: { agents: { min: 2, max: 2, roles: '[worker, reviewer]' } },
  shape: ({ options }) => ({ atOnce: 1, total: 2 * (options.max_rounds ?? 3) }),
  async run(ctx) {
    const [worker, reviewer] = ctx.input.agents as [string, string];
    const maxRounds = ctx.input.options.max_rounds ?? 3;
    const state: Checkpoint = (ctx.checkpoint as Checkpoint | undefined) ?? { round: 0, taskIds: [] };
    for (let ran = 0; state.round < maxRounds; ran++) {
      if (ran === ROUNDS_PER_RUN) await ctx.continueAsNew(state);
      state.round += 1;
      await ctx.progress(`Round ${state.round} of ${maxRounds}: ${worker} works`, Math.round(((state.round - 1) * 100) / maxRounds));
      const work = await ctx.runAgent({ agentType: worker, seeResultsOf: state.lastReview ? [state.lastReview] : [] });
      if (work.status !== 'completed') return { status: 'failed', error: { code: failureCode(work), message: `${worker} ${work.status} in round ${state.round}` } };
      const review = await ctx.runAgent({ agentType: reviewer, task: 'Review this work for: {goal}', seeResultsOf: [work.taskId] });
      if (review.status !== 'completed') return { status: 'failed', error: { code: failureCode(review), message: `${reviewer} ${review.status} in round ${state.round}` } };
      state.taskIds.push(work.taskId, review.taskId);
      state.lastReview = review.taskId;
      if (review.blockingFindings === 0) {
        await ctx.progress(`Approved by ${reviewer} in round ${state.round}`);
        return { status: 'completed', resultTaskIds: [work.taskId, review.taskId], details: { rounds: state.round, approved: true } };
      }
      await ctx.progress(`${reviewer} found ${review.blockingFindings} blocking issue(s) in round ${state.round}`);
    }
    return {
      status: 'failed',
      error: { code: 'AGENT_ERROR', message: `Not approved after ${maxRounds} rounds` },
      details: { rounds: state.round, approved: false },
    };
  },
};
