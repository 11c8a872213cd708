const Router = require('@koa/router');

const router = new Router();

router.get('/logout', async (ctx) => {
  ctx.session = null;
  const next = ctx.query.next;
  if (next) {
    ctx.redirect(next);
    return;
  }
  ctx.redirect('/');
});

module.exports = router;
