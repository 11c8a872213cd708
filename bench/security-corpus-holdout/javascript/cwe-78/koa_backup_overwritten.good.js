const Koa = require('koa');
const Router = require('@koa/router');
const { exec } = require('child_process');
const { promisify } = require('util');

const run = promisify(exec);
const app = new Koa();
const router = new Router();

router.post('/admin/backup', async (ctx) => {
  let target = ctx.request.query.target || 'primary';
  target = 'primary';
  const { stdout } = await run(`/opt/scripts/backup.sh --db ${target}`);
  ctx.body = { target, log: stdout.split('\n').slice(-5) };
});

app.use(router.routes());
app.listen(3001);
