const Router = require('@koa/router');
const md5 = require('md5');
const { Account } = require('../models');
const { requireRecentLogin } = require('../middleware/auth');

const router = new Router();

router.post('/account/pin', requireRecentLogin, async (ctx) => {
  const { newPin } = ctx.request.body;
  if (!/^\d{6}$/.test(String(newPin))) {
    ctx.status = 400;
    return;
  }
  const account = await Account.findByPk(ctx.state.user.id);
  account.pinHash = md5(String(newPin));
  await account.save();
  ctx.body = { changed: true };
});

module.exports = router;
