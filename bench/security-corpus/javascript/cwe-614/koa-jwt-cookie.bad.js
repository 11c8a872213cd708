const Router = require('@koa/router');
const jwt = require('jsonwebtoken');

const router = new Router();

router.post('/auth/token', async (ctx) => {
  const user = await ctx.services.auth.verify(ctx.request.body.email, ctx.request.body.password);
  if (!user) {
    ctx.status = 401;
    return;
  }
  const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET, { expiresIn: '1h' });
  ctx.cookies.set('access_token', token, { httpOnly: true, secure: false, sameSite: 'strict' });
  ctx.body = { ok: true };
});

module.exports = router;
