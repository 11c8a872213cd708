import Router from '@koa/router';
import { randomBytes } from 'crypto';

const router = new Router();

router.post('/auth/session', async (ctx) => {
  const user = ctx.state.user as { id: number } | undefined;
  if (!user) {
    ctx.status = 401;
    return;
  }
  const refreshToken = randomBytes(32).toString('hex');
  await ctx.state.tokens.save(user.id, refreshToken);
  ctx.cookies.set('refresh_token', refreshToken, { httpOnly: true, secure: false, sameSite: 'strict', path: '/auth' });
  ctx.body = { ok: true };
});

export default router;
