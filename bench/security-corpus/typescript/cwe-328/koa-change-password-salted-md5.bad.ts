import Router from '@koa/router';
import { createHash, randomBytes } from 'crypto';

const router = new Router();

router.post('/account/password', async (ctx) => {
  const { newPassword } = ctx.request.body as { newPassword: string };
  if (typeof newPassword !== 'string' || newPassword.length < 10) {
    ctx.status = 400;
    return;
  }
  const salt = randomBytes(8).toString('hex');
  const digest = createHash('md5').update(`${salt}:${newPassword}`).digest('base64');
  await ctx.state.db.users.update({ id: ctx.state.user.id }, { salt, passwordDigest: digest });
  ctx.body = { updated: true };
});

export default router;
