const vm = require('vm');
const Router = require('@koa/router');
const { loadOrders } = require('../services/orders');

const router = new Router();

router.get('/reports/orders', async (ctx) => {
  const condition = ctx.query.where || 'true';
  const orders = await loadOrders();
  const sandbox = { orders, result: [] };
  vm.runInNewContext(`result = orders.filter((o) => ${condition})`, sandbox, { timeout: 500 });
  ctx.body = sandbox.result;
});

module.exports = router;
