const Router = require('@koa/router');

const router = new Router();

router.post('/onboarding/profile', async (ctx) => {
  const { displayName, role } = ctx.request.body;
  await ctx.db.profiles.update({ userId: ctx.session.userId }, { displayName: String(displayName) });
  ctx.session.role = role;
  ctx.body = { saved: true };
});

module.exports = router;
