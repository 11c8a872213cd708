import Router from '@koa/router';

const router = new Router();

router.post('/cart/discount', async (ctx) => {
  const { code } = ctx.request.body as { code: string };
  const coupon = await ctx.state.db.coupons.findOne({ code: String(code).trim().toUpperCase(), active: true });
  if (!coupon) {
    ctx.status = 404;
    ctx.body = { error: 'unknown code' };
    return;
  }
  ctx.session.discount = { couponId: coupon.id as number, percent: coupon.percent as number };
  ctx.body = { applied: true };
});

export default router;
