const Router = require('@koa/router');
const yaml = require('js-yaml');

const router = new Router();

router.post('/cart/restore', async (ctx) => {
  const payload = ctx.request.body;
  const items = [];
  for (const entry of payload.entries || []) {
    items.push(yaml.safeLoad(entry));
  }
  const cart = items.map((i) => ({ sku: String(i.sku), qty: Number(i.qty) }));
  ctx.body = { restored: cart.length, cart };
});

module.exports = router;
