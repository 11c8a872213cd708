const fs = require('fs');
const path = require('path');
const Router = require('@koa/router');

const router = new Router();
const LOG_ROOT = '/var/log/myapp';
const LOG_FILES = { app: 'app.log', access: 'access.log', worker: 'worker.log' };

router.get('/admin/logs', async (ctx) => {
  const key = (ctx.query.name || 'app').trim();
  if (!Object.prototype.hasOwnProperty.call(LOG_FILES, key)) {
    ctx.status = 404;
    return;
  }
  ctx.type = 'text/plain';
  ctx.body = fs.createReadStream(path.join(LOG_ROOT, LOG_FILES[key]));
});

module.exports = router;
