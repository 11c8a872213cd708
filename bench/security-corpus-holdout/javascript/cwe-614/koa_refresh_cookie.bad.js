const Router = require('@koa/router');
const { rotateRefreshToken } = require('./tokens');

const router = new Router();

router.post('/auth/refresh', async (ctx) => {
  const current = ctx.cookies.get('refresh_token');
  const next = await rotateRefreshToken(current);
  if (!next) {
    ctx.status = 401;
    return;
  }
  ctx.cookies.set('refresh_token', next.token, { httpOnly: true, secure: false, maxAge: 14 * 24 * 3600 * 1000 });
  ctx.body = { accessToken: next.accessToken };
});

module.exports = router;
