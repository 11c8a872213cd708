import type { StrategyDefinition } from '../strategy-kit';
import { bestOfN } from './best-of-n.strategy';
import { mapReduce } from './map-reduce.strategy';
import { panelReview } from './panel-review.strategy';
import { parallel } from './parallel.strategy';
import { reviewLoop } from './review-loop.strategy';
import { sequential } from './sequential.strategy';

/**
 * Strategies by the name a request gives (`"strategy": "parallel"`). Adding one: write its
 * file beside these and add it here (docs/strategies.md).
 */
export const STRATEGIES: Record<string, StrategyDefinition> = {
  parallel,
  sequential,
  review_loop: reviewLoop,
  map_reduce: mapReduce,
  best_of_n: bestOfN,
  panel_review: panelReview,
};
