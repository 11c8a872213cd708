import Router from '@koa/router';

const router = new Router();

interface ApplyDiscountBody {
  code: string;
  percent?: number;
}

router.post('/cart/discount', async (ctx) => {
  const body = ctx.request.body as ApplyDiscountBody;
  const discount = { code: body.code.trim().toUpperCase(), percent: body.percent ?? 10 };
  ctx.session.discount = discount;
  ctx.body = { applied: discount.code };
});

export default router;
