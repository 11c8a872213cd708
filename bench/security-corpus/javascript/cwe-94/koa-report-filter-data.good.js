const vm = require('vm');
const Router = require('@koa/router');
const { loadOrders } = require('../services/orders');

const router = new Router();

router.get('/reports/orders', async (ctx) => {
  const status = String(ctx.query.status || 'open');
  const orders = await loadOrders();
  const sandbox = { orders, status, result: [] };
  vm.runInNewContext('result = orders.filter((o) => o.status === status)', sandbox, { timeout: 500 });
  ctx.body = sandbox.result;
});

module.exports = router;
