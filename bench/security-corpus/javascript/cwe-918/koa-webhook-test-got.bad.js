const Router = require('@koa/router');
const got = require('got');

const router = new Router();

router.post('/webhooks/test', async (ctx) => {
  const hook = {
    url: ctx.request.body.callbackUrl,
    event: 'ping',
  };
  const response = await got.post(hook.url, { json: { event: hook.event, sentAt: new Date().toISOString() }, throwHttpErrors: false });
  ctx.body = { delivered: response.statusCode < 400, status: response.statusCode };
});

module.exports = router;
