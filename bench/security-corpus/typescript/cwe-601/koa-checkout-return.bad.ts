import Router from '@koa/router';

const router = new Router();

router.get('/checkout/complete', async (ctx) => {
  const returnTo = String(ctx.query.return_to ?? '').trim();
  const status = ctx.query.paid === '1' ? 'paid' : 'cancelled';
  if (returnTo.length > 0) {
    ctx.redirect(`${returnTo}?status=${status}`);
  } else {
    ctx.redirect(`/orders?status=${status}`);
  }
});

export default router;
