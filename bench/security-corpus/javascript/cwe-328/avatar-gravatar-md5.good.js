const crypto = require('crypto');
const Router = require('@koa/router');

const router = new Router();

router.get('/members/:id/avatar', async (ctx) => {
  const member = await ctx.db.members.findOne({ id: Number(ctx.params.id) });
  if (!member) {
    ctx.status = 404;
    return;
  }
  const emailHash = crypto.createHash('md5').update(member.email.trim().toLowerCase()).digest('hex');
  ctx.redirect(`https://www.gravatar.com/avatar/${emailHash}?s=128&d=identicon`);
});

module.exports = router;
