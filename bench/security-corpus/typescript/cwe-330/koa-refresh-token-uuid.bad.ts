import Router from '@koa/router';

const router = new Router();

function uuidv4(): string {
  return 'xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx'.replace(/[xy]/g, (c) => {
    const r = (Math.random() * 16) | 0;
    const v = c === 'x' ? r : (r & 0x3) | 0x8;
    return v.toString(16);
  });
}

router.post('/auth/refresh', async (ctx) => {
  const refreshToken = uuidv4();
  await ctx.state.tokens.store(ctx.state.user.id, refreshToken, 30 * 86400);
  ctx.body = { refreshToken };
});

export default router;
