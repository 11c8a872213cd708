const Router = require('@koa/router');
const bcrypt = require('bcrypt');

const router = new Router();

router.post('/developer/keys', async (ctx) => {
  const prefix = 'sk_live_';
  const secret = Date.now().toString(36) + Math.random().toString(36).substring(2, 14);
  const apiKey = prefix + secret;
  await ctx.db.apiKeys.insert({
    ownerId: ctx.state.user.id,
    keyHash: await bcrypt.hash(apiKey, 10),
    label: String(ctx.request.body.label || 'default'),
  });
  ctx.status = 201;
  ctx.body = { apiKey };
});

module.exports = router;
