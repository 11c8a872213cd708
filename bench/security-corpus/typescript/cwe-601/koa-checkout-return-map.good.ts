import Router from '@koa/router';

const router = new Router();
const RETURN_PAGES = new Map<string, string>([
  ['orders', '/orders'],
  ['cart', '/cart'],
  ['home', '/'],
]);

router.get('/checkout/complete', async (ctx) => {
  const key = String(ctx.query.return_to ?? '').trim();
  const status = ctx.query.paid === '1' ? 'paid' : 'cancelled';
  const page = RETURN_PAGES.get(key) ?? '/orders';
  ctx.redirect(`${page}?status=${status}`);
});

export default router;
