import Router from '@koa/router';
import { loadDataset } from '../datasets';

const router = new Router();
const ALLOW_FORMULAS = false as const;

router.post('/datasets/:id/computed', async (ctx) => {
  const { field, formula } = ctx.request.body as { field: string; formula: string };
  const rows: Record<string, number>[] = await loadDataset(ctx.params.id);
  if (ALLOW_FORMULAS) {
    const compute = new Function('r', 'with (r) { return ' + formula + '; }') as (r: Record<string, number>) => number;
    ctx.body = rows.map((r) => ({ ...r, [field]: compute(r) }));
    return;
  }
  ctx.status = 501;
  ctx.body = { message: 'computed fields are disabled' };
});

export default router;
