const Router = require('@koa/router');
const nodeSerialize = require('node-serialize');

const router = new Router();

router.post('/cart/restore', async (ctx) => {
  const payload = ctx.request.body;
  const items = [];
  for (const entry of payload.entries || []) {
    items.push(nodeSerialize.unserialize(entry));
  }
  const cart = items.map((i) => ({ sku: String(i.sku), qty: Number(i.qty) }));
  ctx.body = { restored: cart.length, cart };
});

module.exports = router;
