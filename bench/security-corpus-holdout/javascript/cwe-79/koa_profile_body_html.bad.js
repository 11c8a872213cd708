const Router = require('@koa/router');

const router = new Router();

router.get('/u/:handle', async (ctx) => {
  const handle = ctx.params.handle;
  const tab = ctx.query.tab || 'posts';
  ctx.type = 'html';
  ctx.body = '<div class="profile"><h2>@' + handle + '</h2><nav>Viewing ' + tab + '</nav></div>';
});

module.exports = router;
