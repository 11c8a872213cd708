const Router = require('@koa/router');

const router = new Router();
const ORIGIN = 'https://app.example.com';

router.get('/logout', async (ctx) => {
  ctx.session = null;
  let target = '/';
  try {
    const parsed = new URL(String(ctx.query.next || '/'), ORIGIN);
    if (parsed.origin === ORIGIN && !parsed.pathname.startsWith('//')) {
      target = parsed.pathname + parsed.search;
    }
  } catch (e) {
    target = '/';
  }
  ctx.redirect(target);
});

module.exports = router;
