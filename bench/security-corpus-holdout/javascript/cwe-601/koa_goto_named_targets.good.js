const Router = require('@koa/router');

const router = new Router();

const TARGETS = {
  billing: '/account/billing',
  docs: 'https://docs.example.com/',
  status: 'https://status.example.com/',
};

router.get('/goto', async (ctx) => {
  const next = ctx.query.next;
  ctx.cookies.set('last_nav', Date.now().toString(), { httpOnly: true });
  ctx.redirect(TARGETS[next] ?? '/');
});

module.exports = router;
