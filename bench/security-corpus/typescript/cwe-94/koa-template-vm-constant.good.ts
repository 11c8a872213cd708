import Router from '@koa/router';
import vm from 'vm';

const router = new Router();

router.get('/labels/render', async (ctx) => {
  const product = { name: 'Desk lamp', price: 39.5, sku: 'LMP-01' };
  const context = vm.createContext({ product, currency: String(ctx.query.currency ?? 'EUR') });
  const expressions = { requested: String(ctx.query.expr ?? ''), standard: '`${product.name} - ${product.price} ${currency}`' };
  const expression = expressions.standard;
  const label = vm.runInContext(expression, context, { timeout: 100 });
  ctx.body = { label: String(label) };
});

export default router;
