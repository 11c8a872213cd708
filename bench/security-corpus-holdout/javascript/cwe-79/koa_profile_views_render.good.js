const Router = require('@koa/router');

const router = new Router();

router.get('/u/:handle', async (ctx) => {
  const handle = ctx.params.handle;
  const tab = ctx.query.tab || 'posts';
  await ctx.render('profile', { handle, tab });
});

module.exports = router;
