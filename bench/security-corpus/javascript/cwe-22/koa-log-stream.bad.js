const fs = require('fs');
const path = require('path');
const Router = require('@koa/router');

const router = new Router();
const LOG_ROOT = '/var/log/myapp';

router.get('/admin/logs', async (ctx) => {
  const requested = (ctx.query.path || 'app.log').trim();
  const location = path.join(LOG_ROOT, requested);
  ctx.type = 'text/plain';
  ctx.body = fs.createReadStream(location);
});

module.exports = router;
