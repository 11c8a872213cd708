const Router = require('@koa/router');

const router = new Router();

router.get('/goto', async (ctx) => {
  const next = ctx.query.next;
  ctx.cookies.set('last_nav', Date.now().toString(), { httpOnly: true });
  ctx.redirect(next || '/');
});

module.exports = router;
