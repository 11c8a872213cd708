const Router = require('@koa/router');
const got = require('got');

const router = new Router();
const PARTNER_ENDPOINTS = new Map([
  ['acme', 'https://hooks.acme.example/ingest'],
  ['globex', 'https://api.globex.example/webhooks'],
]);

router.post('/webhooks/test', async (ctx) => {
  const url = PARTNER_ENDPOINTS.get(ctx.request.body.partner);
  if (!url) {
    ctx.status = 404;
    return;
  }
  const response = await got.post(url, { json: { event: 'ping' }, throwHttpErrors: false });
  ctx.body = { delivered: response.statusCode < 400, status: response.statusCode };
});

module.exports = router;
