import Router from '@koa/router';
import vm from 'vm';

const router = new Router();

router.get('/labels/render', async (ctx) => {
  const product = { name: 'Desk lamp', price: 39.5, sku: 'LMP-01' };
  const context = vm.createContext({ product });
  const expression = String(ctx.query.expr ?? 'product.name').trim();
  const label = vm.runInContext(expression, context, { timeout: 100 });
  ctx.body = { label: String(label) };
});

export default router;
