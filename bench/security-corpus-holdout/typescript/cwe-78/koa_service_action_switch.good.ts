import Koa from 'koa';
import Router from '@koa/router';
import { exec } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(exec);
const app = new Koa();
const router = new Router();

router.post('/ops/service', async (ctx) => {
  const action = String(ctx.query.action ?? '');
  let cmd: string;
  switch (action) {
    case 'restart':
      cmd = 'systemctl restart web-app.service';
      break;
    case 'status':
      cmd = 'systemctl status --no-pager web-app.service';
      break;
    default:
      ctx.status = 400;
      ctx.body = { message: 'unknown action' };
      return;
  }
  const { stdout } = await run(cmd);
  ctx.body = { action, output: stdout };
});

app.use(router.routes());
app.listen(3000);
