const Router = require('@koa/router');

const router = new Router();

router.post('/onboarding/profile', async (ctx) => {
  const { displayName } = ctx.request.body;
  await ctx.db.profiles.update({ userId: ctx.session.userId }, { displayName: String(displayName) });
  const membership = await ctx.db.memberships.findOne({ userId: ctx.session.userId });
  ctx.session.role = membership ? membership.role : 'viewer';
  ctx.body = { saved: true };
});

module.exports = router;
