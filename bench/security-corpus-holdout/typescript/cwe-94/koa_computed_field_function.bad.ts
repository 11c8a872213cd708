import Router from '@koa/router';
import { loadDataset } from '../datasets';

const router = new Router();

router.post('/datasets/:id/computed', async (ctx) => {
  const { field, formula } = ctx.request.body as { field: string; formula: string };
  const rows: Record<string, number>[] = await loadDataset(ctx.params.id);
  const compute = new Function('r', 'with (r) { return ' + formula + '; }') as (r: Record<string, number>) => number;
  ctx.body = rows.map((r) => ({ ...r, [field]: compute(r) }));
});

export default router;
